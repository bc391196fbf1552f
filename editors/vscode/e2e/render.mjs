// `nianbao render --format html` in a real browser: the page opens in Debian's Chromium, and
// every cell the model read (`nianbao inspect --format json`) is in the page, in its table,
// row and column, with its text.
// Usage: node e2e/render.mjs E2E_DIR NIANBAO REPORT... OUT
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";

const args = process.argv.slice(2);
const [e2eDir, bin] = args.slice(0, 2).map((p) => resolve(p));
const out = resolve(args.at(-1));
const reports = args.slice(2, -1).map((p) => resolve(p));
const require = createRequire(join(e2eDir, "package.json"));
const { chromium } = require("playwright-core");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = 0;
for (const report of reports) {
  const name = basename(report).replace(/\.[^.]+$/, "");
  const html = execFileSync(bin, ["render", "--format", "html", report], { maxBuffer: 64 << 20 });
  const page_ = join(out, `${name}.html`);
  writeFileSync(page_, html);
  const model = JSON.parse(execFileSync(bin, ["inspect", "--format", "json", report], { maxBuffer: 64 << 20 }));
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`file://${page_}`);
  const problems = await page.evaluate((cells) => {
    const bad = [];
    for (const c of cells) {
      // The blocks of a table (table 二 has four) are its tbody elements.
      const sel = `table[data-table="${c.table}"] tbody[data-block="${c.block}"] tr[data-row="${c.row}"] td[data-col="${c.column}"]`;
      const td = document.querySelector(sel);
      // A marked cell adds the value its sums imply after the text.
      const shown = td ? (td.firstChild?.textContent ?? "") : null;
      if (shown !== c.text) bad.push(`${sel}: ${shown === null ? "missing" : JSON.stringify(shown)} ≠ ${JSON.stringify(c.text)}`);
    }
    return bad;
  }, model.cells);
  const tables = await page.$$eval("table", (t) => t.length);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  await page.close();
  if (problems.length || model.cells.length === 0) {
    failed++;
    console.error(`render e2e: FAIL ${name}: ${model.cells.length} cells, ${problems.length} wrong\n  ${problems.slice(0, 10).join("\n  ")}`);
  } else {
    console.log(`render e2e: ok ${name}: ${model.cells.length} cells in ${tables} tables, each in its place`);
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
