// The WebAssembly module's bytes. From a web server the page fetches the .wasm file beside it;
// from file:// fetch() is refused, so the same bytes come from a classic script that carries
// them as base64 (a <script src> loads from file:// where nothing else can).
/* global WASM_FILE */

function fromScript() {
  return new Promise((resolve, reject) => {
    if (window.NIANBAO_WASM_BASE64) return resolve(window.NIANBAO_WASM_BASE64);
    const s = document.createElement("script");
    s.src = "wasm-data.js";
    s.onload = () => resolve(window.NIANBAO_WASM_BASE64);
    s.onerror = () => reject(new Error("wasm-data.js could not be loaded"));
    document.head.append(s);
  }).then((b64) => {
    delete window.NIANBAO_WASM_BASE64;
    // Native decoding where the browser has it (Chromium 140+, Firefox 133+, Safari 18.2+).
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  });
}

/** The module's bytes, by the cheapest way the page was served with. */
export async function loadWasm() {
  if (location.protocol === "http:" || location.protocol === "https:") {
    try {
      const res = await fetch(WASM_FILE);
      if (res.ok) return new Uint8Array(await res.arrayBuffer());
    } catch {
      // Served without the .wasm file: fall back to the script.
    }
  }
  return fromScript();
}
