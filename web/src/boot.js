// The first, small script of the page: starts the worker and the module's loading before the
// editor's larger script has even been read, so that compiling the module and loading the
// template in the worker overlap with making the editor on the page.
import { CheckerClient } from "./client.js";
import { wasmUrl, wasmFromScript } from "./wasm.js";

const crashes = [];
let onCrash = (err) => crashes.push(err);
const client = new CheckerClient((err) => onCrash(err));
const start = performance.now();
// New reports are about last year, as `nianbao check` takes them.
const year = new Date().getFullYear() - 1;

const ready = (async () => {
  const init = async (source) => ({
    source: source.url ? "url" : "script",
    sent: performance.now(),
    ...(await client.call("init", { source, lang: "auto", year })),
  });
  const url = wasmUrl();
  if (url) {
    try {
      return { start, ...(await init({ url })) };
    } catch {
      // Served without the .wasm file beside the page: the script's copy.
    }
  }
  return { start, ...(await init(await wasmFromScript())) };
})();

window.NIANBAO_BOOT = {
  client,
  ready,
  /** `fn` hears of the worker's crashes, also those before the page asked. */
  onCrash(fn) {
    onCrash = fn;
    crashes.forEach(fn);
  },
};
