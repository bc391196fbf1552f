// The first, small script of the page: starts the worker and the module's bytes before the
// editor's larger script has even been read, so that compiling the module and loading the
// template in the worker overlap with making the editor on the page.
import { CheckerClient } from "./client.js";
import { loadWasm } from "./wasm.js";

const crashes = [];
let onCrash = (err) => crashes.push(err);
const client = new CheckerClient((err) => onCrash(err));
const start = performance.now();
const ready = loadWasm().then(async (wasm) => {
  const wasmLoaded = performance.now();
  // Chinese in the report's script until the page says otherwise.
  // New reports are about last year, as `nianbao check` takes them.
  const year = new Date().getFullYear() - 1;
  const worker = await client.call("init", { wasm, lang: "auto", year });
  return { start, wasmLoaded, worker };
});

window.NIANBAO_BOOT = {
  client,
  ready,
  /** `fn` hears of the worker's crashes, also those before the page asked. */
  onCrash(fn) {
    onCrash = fn;
    crashes.forEach(fn);
  },
};
