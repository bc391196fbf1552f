// Times the WebAssembly core in node: update() + findings() on the 30 KB typical report of
// benches/common (tests/fixtures/clean_per_line.txt with section 一 grown to 30 KB), each run on a
// text one keystroke away from the last, as a clerk types. Figures go in BENCHMARKS.md.
//
//   node web/test/bench.mjs [--pkg web/pkg] [--runs 300]

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const pkg = path.resolve(arg('--pkg', path.join(root, 'web/pkg')));
const runs = Number(arg('--runs', '300'));

const t0 = performance.now();
const { default: init, Checker } = await import(pathToFileURL(path.join(pkg, 'nianbao_wasm.js')));
await init({ module_or_path: fs.readFileSync(path.join(pkg, 'nianbao_wasm_bg.wasm')) });
const checker = new Checker();
const ready = performance.now() - t0;

// The report of benches/common/mod.rs `report_of(30 * 1024)`.
const base = fs.readFileSync(path.join(root, 'tests/fixtures/clean_per_line.txt'), 'utf8');
const at = base.indexOf('二、主动公开政府信息情况');
const para =
  '围绕农田水利、集镇改造和困难群众救助等群众关心的事项，本镇在政府网站专栏发布信息812条，' +
  '召开情况通报会4场，对涉及群众切身利益的政策逐条解读，并在村务公开栏同步张贴。\n\n';
let head = base.slice(0, at);
const tail = base.slice(at);
const bytes = (s) => Buffer.byteLength(s, 'utf8');
while (bytes(head) + bytes(tail) < 30 * 1024) head += para;
const text = head + tail;

checker.setYear(new Date().getUTCFullYear() - 1);
const t1 = performance.now();
checker.open('report.txt', new TextEncoder().encode(text));
const first = JSON.parse(checker.findings()).length;
const firstMs = performance.now() - t1;

// A keystroke: one character typed into the prose, then taken out again.
const times = [];
let findings = 0;
for (let i = 0; i < runs + 20; i++) {
  const typed = i % 2 === 0 ? text.slice(0, 200) + '镇' + text.slice(200) : text;
  const s = performance.now();
  checker.update(typed);
  findings = JSON.parse(checker.findings()).length;
  const ms = performance.now() - s;
  if (i >= 20) times.push(ms);
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
const mb = (n) => (n / 1024).toFixed(1);
console.log(`report: ${mb(bytes(text))} KB, ${findings} findings`);
console.log(`init + new Checker(): ${ready.toFixed(1)} ms; open + first findings: ${firstMs.toFixed(1)} ms (${first} findings)`);
console.log(`update()+findings() over ${runs} keystrokes: median ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${times.at(-1).toFixed(2)} ms`);
