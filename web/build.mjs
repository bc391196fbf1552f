// Bundles the page into dist/: index.html, boot.js (starts the worker, whose source it carries,
// from a Blob, and the module's loading), app.js (the page), app.css, the .wasm, and
// wasm-data.js (the same .wasm gzipped, as base64, for file://, where fetch() is refused). Every script is classic: Chromium does not load ES
// modules from file://. Run after wasm/build.sh has written the bindings to pkg/.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "pkg");
const dist = join(here, "dist");

const files = readdirSync(pkg);
const glue = files.find((f) => f.endsWith(".js") && !f.endsWith(".d.ts"));
const wasm = files.find((f) => f.endsWith("_bg.wasm"));
if (!glue || !wasm) throw new Error(`pkg/ lacks the wasm-bindgen output (found: ${files.join(", ")}); run wasm/build.sh`);

const common = {
  bundle: true,
  format: "iife",
  minify: true,
  target: ["chrome100", "firefox100", "safari15"],
  legalComments: "none",
  // wasm-bindgen's glue names its default .wasm by import.meta.url; the page always passes
  // the module's bytes, so that default is never used.
  logOverride: { "empty-import-meta": "silent" },
};

const worker = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/worker.js")],
  define: { WASM_FILE: JSON.stringify(wasm) },
  alias: { "nianbao-pkg": join(pkg, glue) },
  write: false,
});

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/boot.js")],
  outfile: join(dist, "boot.js"),
  define: { WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text), WASM_FILE: JSON.stringify(wasm) },
});
await esbuild.build({ ...common, entryPoints: [join(here, "src/main.js")], outfile: join(dist, "app.js") });
await esbuild.build({ ...common, format: undefined, entryPoints: [join(here, "src/app.css")], outfile: join(dist, "app.css") });
copyFileSync(join(here, "index.html"), join(dist, "index.html"));
copyFileSync(join(pkg, wasm), join(dist, wasm));
const b64 = gzipSync(readFileSync(join(pkg, wasm)), { level: 9 }).toString("base64");
writeFileSync(join(dist, "wasm-data.js"), `window.NIANBAO_WASM_GZ="${b64}";\n`);

let raw = 0;
let gz = 0;
for (const f of readdirSync(dist).sort()) {
  const bytes = readFileSync(join(dist, f));
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += statSync(join(dist, f)).size;
  gz += z;
  console.log(`${f.padEnd(28)} ${String(bytes.length).padStart(9)} B  gzip ${String(z).padStart(8)} B`);
}
console.log(`${"dist/ in all".padEnd(28)} ${String(raw).padStart(9)} B  gzip ${String(gz).padStart(8)} B`);
