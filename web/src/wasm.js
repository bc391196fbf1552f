// Where the WebAssembly module comes from. From a web server the worker fetches the .wasm file
// beside the page and compiles it as it streams in. From file:// fetch() is refused, so the
// module also ships gzipped and base64-encoded in a classic script (a <script src> loads from
// file:// where nothing else can); the worker inflates it, again compiling as it streams.
/* global WASM_FILE */

function fromScript() {
  return new Promise((resolve, reject) => {
    if (window.NIANBAO_WASM_GZ) return resolve(window.NIANBAO_WASM_GZ);
    const s = document.createElement("script");
    s.src = "wasm-data.js";
    s.onload = () => resolve(window.NIANBAO_WASM_GZ);
    s.onerror = () => reject(new Error("wasm-data.js could not be loaded"));
    document.head.append(s);
  }).then((b64) => {
    delete window.NIANBAO_WASM_GZ;
    // Native decoding where the browser has it (Chromium 140+, Firefox 133+, Safari 18.2+).
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  });
}

/** The module's file beside the page, when the page came from a web server. */
export function wasmUrl() {
  return location.protocol === "http:" || location.protocol === "https:" ? new URL(WASM_FILE, location.href).href : null;
}

/** The module gzipped, from the script that carries it: `{gz}` for the worker. */
export async function wasmFromScript() {
  return { gz: await fromScript() };
}

/** In the worker: a streaming Response of the module, for wasm-bindgen's init. */
export async function wasmResponse(source) {
  if (source.url) {
    const res = await fetch(source.url);
    if (!res.ok) throw new Error(`${source.url}: ${res.status}`);
    return res;
  }
  const body = new Blob([source.gz]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(body, { headers: { "Content-Type": "application/wasm" } });
}
