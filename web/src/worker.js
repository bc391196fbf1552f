// The checker runs here, off the page's thread, so that typing never waits for it. Messages are
// handled one at a time in arrival order: a query sent after an update sees the updated text.
import init, { Checker } from "nianbao-pkg";
import { wasmResponse } from "./wasm.js";

let checker = null;
let queue = Promise.resolve();

function reply(id, ok, value) {
  self.postMessage({ id, ok, value });
}

function message(e) {
  return e && e.message ? e.message : String(e);
}

const handlers = {
  async init({ source, lang, year }) {
    const t0 = performance.now();
    await init({ module_or_path: await wasmResponse(source) });
    const t1 = performance.now();
    checker = new Checker();
    checker.setLang(lang);
    checker.setYear(year);
    return { instantiate: t1 - t0, checker: performance.now() - t1 };
  },
  setLang({ lang }) {
    checker.setLang(lang);
  },
  setYear({ year }) {
    checker.setYear(year);
  },
  // Findings come back as the core's JSON string: parsing on the page is cheaper than cloning
  // the object tree across.
  update({ text }) {
    checker.update(text);
    return checker.findings();
  },
  open({ name, bytes }) {
    return checker.open(name, bytes);
  },
  hover({ line, character }) {
    return checker.hover(line, character);
  },
  complete({ line, character }) {
    return checker.complete(line, character);
  },
  fixAll() {
    return checker.fixAll();
  },
  recomputeTotals({ line, character }) {
    return checker.recomputeTotals(line, character);
  },
  renderHtml() {
    return checker.renderHtml();
  },
  newReport({ organisation, year, script }) {
    return checker.newReport(organisation, year, script);
  },
  saveDocx({ all }) {
    return checker.saveDocx(all);
  },
};

self.onmessage = (e) => {
  const msg = e.data;
  queue = queue.then(async () => {
    const started = performance.now();
    try {
      const handler = handlers[msg.type];
      if (!handler) throw new Error(`unknown request ${msg.type}`);
      if (!checker && msg.type !== "init") throw new Error("the checker is not loaded");
      const value = await handler(msg);
      if (value instanceof Uint8Array) {
        self.postMessage({ id: msg.id, ok: true, value, ms: performance.now() - started }, [value.buffer]);
      } else {
        self.postMessage({ id: msg.id, ok: true, value, ms: performance.now() - started });
      }
    } catch (err) {
      reply(msg.id, false, message(err));
    }
  });
};
