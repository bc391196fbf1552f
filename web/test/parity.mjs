// The browser's core against the CLI: every fixture and sample report through the WebAssembly
// build (Checker.open, then findings) and through `nianbao check --format json` on that file
// alone (the page holds one report, so no cross-year findings on either side); the findings must
// be identical. Then privacy: the module imports nothing but wasm-bindgen's own glue, so it has
// no way to reach the network.
//
//   node web/test/parity.mjs [--bin target/release/nianbao] [--pkg web/pkg]
//
// Plain node 20, no dependencies. Exit status 1 on the first file that differs.

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
};
const bin = arg('--bin', path.join(root, 'target/release/nianbao'));
const pkg = arg('--pkg', path.join(root, 'web/pkg'));

const { default: init, Checker } = await import(pathToFileURL(path.join(pkg, 'nianbao_wasm.js')));
const wasmBytes = fs.readFileSync(path.join(pkg, 'nianbao_wasm_bg.wasm'));
await init({ module_or_path: wasmBytes });

// Privacy: every import of the module is one of wasm-bindgen's own glue functions (a call
// into the page, fetch or a socket would be an import of another name).
const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasmBytes));
const foreign = imports.filter(
  (i) => i.module !== './nianbao_wasm_bg.js' || !/^(__wbindgen_|__wbg___wbindgen_)/.test(i.name),
);
if (foreign.length > 0) {
  console.error('the module imports more than the glue:', foreign);
  process.exit(1);
}
console.log(`imports: ${imports.length}, all wasm-bindgen glue (${imports.map((i) => i.name).join(', ')})`);

/** Files under `dir` (recursively when `deep`) whose names end with one of `exts`. */
function files(dir, exts, deep) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out = [];
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory() && deep) out.push(...files(rel, exts, deep));
    else if (e.isFile() && exts.some((x) => e.name.toLowerCase().endsWith(x))) out.push(rel);
  }
  return out.sort();
}
const all = [
  ...files('tests/fixtures', ['.txt', '.docx', '.html', '.htm'], true),
  ...files('examples', ['.txt'], false),
  ...files('../shared/corpus/seeds', ['.txt', '.docx', '.html', '.htm'], false),
];

/** The first place where two JSON values differ, as a path and the two sides. */
function firstDifference(a, b, at = '') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return { at, cli: a, wasm: b };
  }
  if (Array.isArray(a)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && typeof a === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : { at, cli: a, wasm: b };
}

// The year new reports are about, as the CLI takes it from the clock (UTC).
const year = new Date().getUTCFullYear() - 1;
const checker = new Checker();
checker.setYear(year);
let compared = 0;
let findings = 0;
let refused = 0;
for (const file of all) {
  const cli = spawnSync(bin, ['check', '--format', 'json', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (cli.error) {
    console.error(`cannot run ${bin}: ${cli.error.message}`);
    process.exit(1);
  }
  const entry = JSON.parse(cli.stdout).files[0];
  const opened = JSON.parse(checker.open(path.basename(file), fs.readFileSync(path.join(root, file))));
  if (entry.error !== undefined || !opened.ok) {
    // A file neither can read is refused by both.
    if (entry.error !== undefined && !opened.ok) {
      refused++;
      continue;
    }
    console.error(`${file}: the CLI says ${JSON.stringify(entry.error ?? 'read')}, the browser ${JSON.stringify(opened.message ?? 'read')}`);
    process.exit(1);
  }
  const wasm = JSON.parse(checker.findings());
  const d = firstDifference(entry.diagnostics, wasm);
  if (d) {
    console.error(`${file}: findings differ at ${d.at || '(top)'}`);
    console.error(`  CLI:     ${JSON.stringify(d.cli)}`);
    console.error(`  browser: ${JSON.stringify(d.wasm)}`);
    process.exit(1);
  }
  // The editor's path gives the same: the text typed in rather than read from a file.
  if (opened.format === 'text') {
    checker.update(opened.text + ' ');
    checker.update(opened.text);
    const again = firstDifference(entry.diagnostics, JSON.parse(checker.findings()));
    if (again) {
      console.error(`${file}: findings after update() differ at ${again.at}`);
      process.exit(1);
    }
  }
  compared++;
  findings += wasm.length;
}
if (compared < 50) {
  console.error(`only ${compared} files compared: the fixtures were not found`);
  process.exit(1);
}
console.log(`parity: ${compared} files, ${findings} findings identical to ${path.relative(root, bin)} (year ${year}); ${refused} refused by both`);
