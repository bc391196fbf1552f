// End to end: the built page (web/dist/index.html) from file:// in Debian's Chromium through
// playwright-core, as a clerk would use it: open a sample report through the file picker, see
// the squiggles and the findings list (as many as `nianbao check --format json` finds), every
// sample report and fixture with the CLI's findings to the letter, positions after 𠀀, hover a
// wrong total, apply a quick fix and fix-all (the text then equals what `nianbao fix` writes),
// complete a label by typing 「不予」, recompute a table's totals, type through an input method,
// see the tables, open a Word file and download it fixed (the CLI finds in it what it finds in
// its own `nianbao fix` output) and edited, save the text and the tables, reload and find the
// draft restored, open bad input (a 50 MB file, a corrupt .docx, bytes that are not text, text
// that is not a report), switch languages, drop a file, start from the template and from the
// completion's skeleton. No request may leave the page (only file:, data: and blob: URLs).
// Measures the first findings after opening the page, keystroke to squiggles on a 30 KB report,
// and the compressed size of what the page loads. Screenshots go to OUT.
//
// Usage: node web/e2e/run.mjs [OUT]   (default .ci/out/web; NIANBAO_BIN: the CLI,
// default target/release/nianbao; CHROMIUM: default /usr/bin/chromium)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const web = resolve(here, "..");
const repo = resolve(web, "..");
const outDir = resolve(process.argv[2] || join(repo, ".ci/out/web"));
const cli = resolve(process.env.NIANBAO_BIN || join(repo, "target/release/nianbao"));
const require = createRequire(join(web, "package.json"));
const { chromium } = require("playwright-core");
const pageUrl = pathToFileURL(join(web, "dist/index.html")).href;
const REPORT = join(repo, "examples/report-2025.txt");
const DOCX = join(repo, "tests/fixtures/docx/report-2025.docx");
const HANT = join(repo, "tests/fixtures/clean_per_line_hant.txt");
const tmp = mkdtempSync(join(tmpdir(), "web-e2e-"));
const started = Date.now();
const figures = {};

function log(msg) {
  console.log(`web e2e: [${((Date.now() - started) / 1000).toFixed(1)} s] ${msg}`);
}

function check(ok, msg) {
  if (!ok) throw new Error(msg);
}

/** The CLI's findings of a file: its JSON's diagnostics. */
function cliFindings(file) {
  const r = spawnSync(cli, ["check", "--format", "json", file], { encoding: "utf8", maxBuffer: 1 << 28 });
  check(r.stdout, `nianbao check ${file} printed nothing: ${r.stderr}`);
  const doc = JSON.parse(r.stdout);
  return doc.files[0].diagnostics;
}

function cliFix(file, out) {
  const r = spawnSync(cli, ["fix", file, "-o", out], { encoding: "utf8" });
  check(existsSync(out), `nianbao fix ${file} wrote nothing: ${r.stderr}`);
}

const listDir = (d) => readdirSync(d).sort().map((f) => join(d, f));
const codes = (list) => list.map((d) => d.code).sort().join(",");

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

check(existsSync(cli), `${cli} is missing: cargo build --release`);
check(existsSync(join(web, "dist/index.html")), "web/dist is missing: npm --prefix web run build");
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
const page = await context.newPage();
const requests = [];
const leaks = [];
const errors = [];
page.on("request", (r) => {
  const url = r.url();
  requests.push(url);
  if (!/^(file|data|blob):/.test(url)) leaks.push(url);
});
page.on("pageerror", (e) => errors.push(e.message));
page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

const shot = (name) => page.screenshot({ path: join(outDir, `${name}.png`) });
const nb = (fn, arg) => page.evaluate(fn, arg);

try {
  // ---- opening the page: the first findings (of the empty editor) ----
  await page.goto(pageUrl);
  await nb(() => window.nianbao.ready());
  const fresh = await nb(() => window.nianbao.stats());
  figures.firstFindingsEmpty = fresh.firstFindings;
  const ph = fresh.phases;
  log(
    `page opened, first findings after ${fresh.firstFindings.toFixed(0)} ms (boot script ran at ${ph.start.toFixed(0)}, ` +
      `the module's ${ph.source === "url" ? "file" : "gzipped copy"} went to the worker at ${ph.sent.toFixed(0)}, ` +
      `compiled in ${ph.instantiate.toFixed(0)} ms, checker made in ${ph.checker.toFixed(0)} ms, first analysis ${fresh.analysis[0].toFixed(0)} ms)`,
  );
  const loadedFiles = new Set(requests.filter((u) => u.startsWith("file:")));

  // ---- a sample report through the file picker ----
  const want = cliFindings(REPORT);
  await page.setInputFiles("#file", REPORT);
  await page.waitForFunction((n) => window.nianbao.findings().length === n && document.querySelectorAll("#findings li.finding").length === n, want.length);
  await nb(() => window.nianbao.settled());
  let got = await nb(() => window.nianbao.findings());
  check(codes(got) === codes(want), `findings differ from the CLI's: page ${codes(got)}, CLI ${codes(want)}`);
  // The list jumps to a finding (the editor draws only the lines in view, squiggles with them).
  const last = got.length - 1;
  await page.click(`#findings li.finding >> nth=${last}`);
  const cursorLine = await nb(() => window.nianbao.cursor().line);
  check(cursorLine === got[last].range.start.line, `the list jumped to line ${cursorLine}, not ${got[last].range.start.line}`);
  const squiggles = await page.locator(".cm-lintRange-error, .cm-lintRange-warning, .cm-lintRange-info, .cm-lintRange-hint, .cm-lintPoint").count();
  check(squiggles > 0, "no squiggles in the editor");
  check((await nb(() => window.nianbao.text())) === readFileSync(REPORT, "utf8").replace(/\r\n?/g, "\n"), "the editor does not hold the file's text");
  await shot("01-report");
  log(`sample report: ${got.length} findings as the CLI (${codes(got)}), ${squiggles} squiggles`);

  // ---- every sample report and fixture through the page: the CLI's findings, to the letter ----
  const samples = [
    ...["examples"].flatMap((d) => listDir(join(repo, d))),
    ...["tests/fixtures", "tests/fixtures/kinds", "tests/fixtures/real", "tests/fixtures/docx"].flatMap((d) => listDir(join(repo, d))),
  ].filter((f) => /\.(txt|docx|html?)$/.test(f) && !/\.lo\.docx$/.test(f));
  const key = (d) => `${d.code}|${d.severity}|${JSON.stringify(d.range)}|${d.message}|${(d.fixes || []).map((x) => x.title + JSON.stringify(x.edits)).join(";")}`;
  let compared = 0;
  for (const file of samples) {
    const cliList = cliFindings(file).map(key);
    const pageList = (await nb((a) => window.nianbao.load(a.name, new Uint8Array(a.bytes)), { name: basename(file), bytes: [...readFileSync(file)] })).map(key);
    check(
      JSON.stringify(pageList) === JSON.stringify(cliList),
      `${file}: the page and the CLI differ\n page: ${pageList.join("\n       ")}\n CLI:  ${cliList.join("\n       ")}`,
    );
    compared += cliList.length;
  }
  log(`${samples.length} sample reports and fixtures: the page's findings are the CLI's (${compared} findings, codes, ranges, messages and fixes)`);
  await page.setInputFiles("#file", REPORT);
  await page.waitForFunction(() => document.getElementById("doc-name").textContent === "report-2025.txt");
  got = await nb(() => window.nianbao.settled());

  // ---- positions after an astral character (2 UTF-16 units, 4 UTF-8 bytes): a fix lands in place ----
  const astral = readFileSync(REPORT, "utf8").replace("[bookmark: _GoBack]一是", "𠀀𠀀[bookmark: _GoBack]一是");
  const astralFile = join(tmp, "astral.txt");
  writeFileSync(astralFile, astral);
  const astralFindings = await nb((t) => window.nianbao.load("astral.txt", t), astral);
  const markup = astralFindings.findIndex((f) => f.code === "stray-markup");
  check(JSON.stringify(astralFindings[markup].range) === JSON.stringify(cliFindings(astralFile).find((f) => f.code === "stray-markup").range), "the markup's range after 𠀀 differs from the CLI's");
  await nb((i) => window.nianbao.applyFix(i), markup);
  const astralLine = (await nb(() => window.nianbao.text())).split("\n").find((l) => l.startsWith("𠀀𠀀"));
  check(astralLine.startsWith("𠀀𠀀一是"), `the fix after 𠀀 landed elsewhere: ${astralLine.slice(0, 20)}`);
  log(`after 𠀀𠀀 the markup's range is the CLI's and its fix leaves 「${astralLine.slice(0, 8)}…」`);
  await page.setInputFiles("#file", REPORT);
  await page.waitForFunction(() => document.getElementById("doc-name").textContent === "report-2025.txt");
  got = await nb(() => window.nianbao.settled());

  // ---- hover a wrong total ----
  const wrong = got.findIndex((f) => f.code === "total-mismatch");
  check(wrong >= 0, "no total-mismatch in the sample report");
  const at = await nb((p) => window.nianbao.coords(p.line, p.character + 1), got[wrong].range.start);
  await page.mouse.move(at.x, at.y);
  const hover = page.locator(".cm-tooltip-hover .hover");
  await hover.first().waitFor({ timeout: 10000 });
  const hoverText = await hover.first().innerText();
  // The hover breaks the sum down: it names the total the fix would write.
  const rightTotal = got[wrong].fixes[0].edits[0].newText;
  check(hoverText.includes(rightTotal) && /[=＝]/.test(hoverText), `the hover does not break the sum down to ${rightTotal}: ${hoverText}`);
  await shot("02-hover");
  log(`hover over the wrong total: ${hoverText.split("\n")[0]}`);
  await page.mouse.move(5, 5);

  // ---- a quick fix, then fix-all (compared with `nianbao fix`) ----
  const fixable = got.findIndex((f) => f.fixes && f.fixes.length);
  check(fixable >= 0, "no finding offers a fix");
  const before = await nb(() => window.nianbao.text());
  const fixedCode = got[fixable].code;
  await nb((i) => window.nianbao.applyFix(i), fixable);
  const afterFix = await nb(() => window.nianbao.text());
  check(afterFix !== before, `the quick fix of ${fixedCode} changed nothing`);
  got = await nb(() => window.nianbao.findings());
  log(`quick fix of ${fixedCode}: ${got.length} findings now`);
  const preFixAll = join(tmp, "before-fix-all.txt");
  writeFileSync(preFixAll, afterFix);
  cliFix(preFixAll, join(tmp, "cli-fixed.txt"));
  await page.click("#fix-all");
  await page.waitForFunction((t) => window.nianbao.text() !== t, afterFix, { timeout: 10000 }).catch(() => {});
  await nb(() => window.nianbao.settled());
  const afterAll = await nb(() => window.nianbao.text());
  check(afterAll === readFileSync(join(tmp, "cli-fixed.txt"), "utf8"), "fix-all in the page differs from nianbao fix");
  got = await nb(() => window.nianbao.findings());
  const wantAfterAll = cliFindings(join(tmp, "cli-fixed.txt"));
  check(codes(got) === codes(wantAfterAll), `after fix-all: page ${codes(got)}, CLI ${codes(wantAfterAll)}`);
  await shot("03-fix-all");
  log(`fix-all: the text equals nianbao fix's, ${got.length} findings as the CLI`);

  // ---- completion of a label by its words ----
  await nb(() => window.nianbao.settled());
  const lines = afterAll.split("\n");
  const row = lines.findIndex((l) => l.includes("不予公开"));
  check(row >= 0, "no 不予公开 row");
  // A new line after that row, typed as a clerk would.
  const endOfRow = await nb((p) => window.nianbao.coords(p.line, p.character), { line: row, character: lines[row].length });
  await page.mouse.click(endOfRow.x + 2, endOfRow.y);
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("不予");
  const option = page.locator(".cm-tooltip-autocomplete li");
  await option.first().waitFor({ timeout: 10000 });
  const labels = await option.allInnerTexts();
  check(labels.some((l) => l.includes("不予")), `no completion with 不予: ${labels.join(" | ")}`);
  await shot("04-completion");
  await page.keyboard.press("Enter");
  await nb(() => window.nianbao.settled());
  const completedLine = (await nb(() => window.nianbao.text())).split("\n")[row + 1];
  check(completedLine.includes("不予") && completedLine.length > 2, `the completion wrote ${completedLine}`);
  log(`completion of 不予: ${labels.length} labels, wrote 「${completedLine}」`);

  // ---- recompute the totals of the table at the cursor ----
  got = await nb((t) => window.nianbao.load("report-2025.txt", t), readFileSync(REPORT, "utf8"));
  const mismatch = got.find((f) => f.code === "total-mismatch");
  const cell = await nb((p) => window.nianbao.coords(p.line, p.character), mismatch.range.start);
  await page.mouse.click(cell.x, cell.y);
  const beforeRecompute = await nb(() => window.nianbao.text());
  await page.click("#recompute");
  await page.waitForFunction((t) => window.nianbao.text() !== t, beforeRecompute, { timeout: 10000 });
  got = await nb(() => window.nianbao.settled());
  check(!got.some((f) => f.code === "total-mismatch"), "a total is still wrong after recomputing the table");
  log(`recompute totals: no total-mismatch left (${got.length} findings)`);

  // ---- a Chinese input method: pinyin composed, then the characters committed ----
  const cdp = await context.newCDPSession(page);
  const textBeforeIme = await nb(() => window.nianbao.text());
  const imeLine = textBeforeIme.split("\n").findIndex((l) => l.startsWith("本局围绕"));
  const imeAt = await nb((p) => window.nianbao.coords(p.line, p.character), { line: imeLine, character: 2 });
  await page.mouse.click(imeAt.x, imeAt.y);
  for (const pinyin of ["b", "bu", "bu'y", "bu'yu"]) {
    await cdp.send("Input.imeSetComposition", { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
    await page.waitForTimeout(30);
  }
  await shot("05-ime-composing");
  await cdp.send("Input.insertText", { text: "不予" });
  await page.waitForFunction((l) => window.nianbao.text().split("\n")[l].includes("不予"), imeLine);
  await nb(() => window.nianbao.settled());
  const imeText = (await nb(() => window.nianbao.text())).split("\n")[imeLine];
  check(!/bu|'/.test(imeText), `the composition left pinyin behind: ${imeText}`);
  log(`input method: pinyin composed and committed, the line reads 「${imeText.slice(0, 12)}…」`);

  // ---- the tables preview ----
  await page.click("#tab-preview");
  const frame = page.frameLocator("#preview");
  await frame.locator("table").first().waitFor({ timeout: 10000 });
  await shot("05-preview");
  await page.click("#tab-findings");

  // ---- a Word file, saved with fixes ----
  const wantDocx = cliFindings(DOCX);
  await page.setInputFiles("#file", DOCX);
  await page.waitForFunction(() => window.nianbao.text().length > 0 && document.getElementById("doc-name").textContent.endsWith(".docx"));
  await nb(() => window.nianbao.settled());
  got = await nb(() => window.nianbao.findings());
  check(got.length === wantDocx.length, `docx: page ${got.length} findings, CLI ${wantDocx.length}`);
  await page.click("summary");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-docx")]);
  const savedDocx = join(outDir, "fixed.docx");
  await download.saveAs(savedDocx);
  cliFix(DOCX, join(tmp, "cli-fixed.docx"));
  const pageFixed = cliFindings(savedDocx);
  const cliFixed = cliFindings(join(tmp, "cli-fixed.docx"));
  check(codes(pageFixed) === codes(cliFixed), `fixed .docx: ${codes(pageFixed)} vs nianbao fix ${codes(cliFixed)}`);
  check(pageFixed.length < wantDocx.length, "the saved .docx has no fewer findings than the original");
  const same = Buffer.compare(readFileSync(savedDocx), readFileSync(join(tmp, "cli-fixed.docx"))) === 0;
  await shot("06-docx");
  log(`docx: ${got.length} findings as the CLI; saved with fixes: ${pageFixed.length} findings left, as nianbao fix (${same ? "byte for byte the same file" : "not the same bytes"})`);

  // ---- typed into the Word file: the edit is in the saved .docx, formatting and all ----
  const docText = await nb(() => window.nianbao.text());
  const typedLine = docText.split("\n").findIndex((l) => l.startsWith("本局围绕"));
  check(typedLine >= 0, "no 本局围绕 paragraph in the Word file's text");
  const paraEnd = await nb((p) => window.nianbao.coords(p.line, p.character), { line: typedLine, character: docText.split("\n")[typedLine].length });
  await page.mouse.click(paraEnd.x + 2, paraEnd.y);
  await page.keyboard.press("End");
  await page.keyboard.type("经核对无误。", { delay: 30 });
  await nb(() => window.nianbao.settled());
  await page.click("summary");
  const [editedDownload] = await Promise.all([page.waitForEvent("download"), page.click("#save-docx")]);
  const editedDocx = join(outDir, "edited.docx");
  await editedDownload.saveAs(editedDocx);
  const asText = join(tmp, "edited.txt");
  spawnSync(cli, ["convert", "--to", "txt", editedDocx, "-o", asText]);
  check(readFileSync(asText, "utf8").split("\n").some((l) => l.startsWith("本局围绕") && l.endsWith("经核对无误。")), "the typed sentence is not in the saved .docx");
  log("a sentence typed into the Word file's text is in the saved .docx (nianbao convert reads it back)");

  // ---- the text and the tables saved ----
  await page.click("summary");
  const [txtDownload] = await Promise.all([page.waitForEvent("download"), page.click("#save-txt")]);
  const savedTxt = join(outDir, "saved.txt");
  await txtDownload.saveAs(savedTxt);
  check(readFileSync(savedTxt, "utf8") === (await nb(() => window.nianbao.text())), "the saved .txt is not the editor's text");
  check(codes(cliFindings(savedTxt)) === codes(got), "the saved .txt's findings (CLI) differ from the page's");
  await page.click("summary");
  const [htmlDownload] = await Promise.all([page.waitForEvent("download"), page.click("#save-html")]);
  const savedHtml = join(outDir, "tables.html");
  await htmlDownload.saveAs(savedHtml);
  check((readFileSync(savedHtml, "utf8").match(/<table/g) || []).length >= 3, "the saved tables page has fewer than three tables");
  log(`saved ${txtDownload.suggestedFilename()} (the CLI finds what the page found) and ${htmlDownload.suggestedFilename()}`);

  // ---- reload: the draft comes back ----
  await page.keyboard.press("Escape");
  const draftText = await nb(() => window.nianbao.text());
  await page.waitForTimeout(600); // the draft is saved 400 ms after the last change
  await page.reload();
  await nb(() => window.nianbao.ready());
  check((await nb(() => window.nianbao.text())) === draftText, "the draft was not restored");
  const restored = await nb(() => window.nianbao.stats());
  figures.firstFindingsDraft = restored.firstFindings;
  const [download2] = await Promise.all([page.waitForEvent("download"), page.click("summary").then(() => page.click("#save-docx"))]);
  await download2.saveAs(join(tmp, "fixed-after-reload.docx"));
  check(codes(cliFindings(join(tmp, "fixed-after-reload.docx"))) === codes(cliFixed), "after reload the .docx saved differs");
  await shot("07-restored");
  log(`reload: draft restored, first findings after ${restored.firstFindings.toFixed(0)} ms, .docx still saved with fixes`);
  await page.keyboard.press("Escape");

  // ---- bad input: the editor and the draft stay ----
  const keep = await nb(() => window.nianbao.text());
  const bad = [
    { name: "huge.txt", path: join(tmp, "huge.txt") },
    { name: "broken.docx", mimeType: "application/octet-stream", buffer: Buffer.from("PK\u0003\u0004 this is not a zip at all".repeat(20)) },
    { name: "picture.txt", mimeType: "text/plain", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3, 0, 0, 0xc0, 0, 0xff]) },
  ];
  writeFileSync(join(tmp, "huge.txt"), Buffer.alloc(50 * 1024 * 1024, 0x41));
  for (const file of bad) {
    await page.evaluate(() => {
      document.getElementById("banner").hidden = true;
    });
    await page.setInputFiles("#file", file.path || file);
    await page.locator("#banner").waitFor({ state: "visible", timeout: 20000 });
    const said = await page.locator("#banner-text").innerText();
    check(said.includes(file.name), `the message for ${file.name} does not name it: ${said}`);
    check((await nb(() => window.nianbao.text())) === keep, `${file.name} changed the editor`);
    await shot(`08-bad-${file.name.replace(/\W/g, "_")}`);
    log(`${file.name}: 「${said}」`);
  }
  // Typing still works and the draft is still this text.
  await nb(() => window.nianbao.settled());
  const stored = await nb(() => JSON.parse(localStorage.getItem("nianbao.draft")).text);
  check(stored === keep, "the draft in storage changed after bad input");
  // Text that is not a report: a message, findings still shown.
  await nb(() => window.nianbao.load("notes.txt", "明天下午三点开会，请带上笔记本。\n"));
  await page.locator("#banner").waitFor({ state: "visible", timeout: 10000 });
  const notReport = await page.locator("#banner-text").innerText();
  check(notReport.includes("不是政府信息公开工作年度报告"), `the message for text that is not a report: ${notReport}`);
  log(`not a report: 「${notReport}」`);
  await shot("09-not-a-report");

  // ---- languages: a traditional report gives a traditional page; English on request ----
  await page.setInputFiles("#file", HANT);
  await page.waitForFunction(() => document.querySelector("h1").textContent === "年報檢查");
  await shot("10-hant");
  await page.selectOption("#ui-lang", "en");
  await page.waitForFunction(() => document.querySelector("h1").textContent === "nianbao");
  const sample = readFileSync(REPORT, "utf8");
  const en = await nb((t) => window.nianbao.load("report.txt", t), sample);
  check(en.length > 0 && en.every((f) => !/[\u4e00-\u9fff]{4}/.test(f.message.replace(/「[^」]*」|“[^”]*”|"[^"]*"/g, ""))), `English messages carry Chinese: ${en[0]?.message}`);
  await shot("11-english");
  await page.selectOption("#ui-lang", "auto");
  log(`languages: 年報檢查 for a traditional report, English on request (${en[0].message.slice(0, 60)}…)`);

  // ---- a file dropped on the page ----
  const dropped = join(repo, "tests/fixtures/clean_rows.txt");
  await page.evaluate(async ({ name, bytes }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], name, { type: "text/plain" }));
    window.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name: "clean_rows.txt", bytes: [...readFileSync(dropped)] });
  await page.waitForFunction(() => document.getElementById("doc-name").textContent === "clean_rows.txt");
  got = await nb(() => window.nianbao.settled());
  check(codes(got) === codes(cliFindings(dropped)), "the dropped file's findings differ from the CLI's");
  log(`dropped clean_rows.txt: ${got.length} findings as the CLI`);

  // ---- a new report from the template (an organisation with an astral character) ----
  await page.click("#new");
  await page.fill("#tpl-org", "青石县𠀀民政局");
  await page.fill("#tpl-year", "2025");
  await page.selectOption("#tpl-script", "hant");
  await page.click("#template-form button[type=submit]");
  await page.waitForFunction(() => window.nianbao.text().startsWith("青石县𠀀民政局2025"));
  const fresh2 = await nb(() => window.nianbao.settled());
  const title = (await nb(() => window.nianbao.text())).split("\n")[0];
  check(/報告/.test(title), `the template's title is not traditional: ${title}`);
  await shot("11-template");
  log(`template: 「${title}」, ${fresh2.length} findings`);

  // ---- the report skeleton from completion: a snippet whose fields Tab moves between ----
  await nb(() => window.nianbao.load("空白.txt", ""));
  await page.click(".cm-content");
  await page.keyboard.press("Control+Space");
  const skeleton = page.locator(".cm-tooltip-autocomplete li", { hasText: "新建年度报告" });
  await skeleton.first().waitFor({ timeout: 10000 });
  await skeleton.first().click();
  await page.keyboard.type("青石县", { delay: 60 });
  await page.keyboard.press("Tab");
  await nb(() => window.nianbao.settled());
  const skeletonTitle = (await nb(() => window.nianbao.text())).split("\n")[0];
  const lastYear = new Date().getFullYear() - 1;
  check(skeletonTitle === `青石县${lastYear}年政府信息公开工作年度报告`, `the skeleton's fields: ${skeletonTitle}`);
  await shot("12-skeleton");
  log(`skeleton from completion: 「${skeletonTitle}」`);

  // ---- keystroke to squiggles on a 30 KB report ----
  const base = readFileSync(join(repo, "tests/fixtures/clean_per_line.txt"), "utf8");
  const cut = base.indexOf("二、主动公开政府信息情况");
  const para = "围绕农田水利、集镇改造和困难群众救助等群众关心的事项，本镇在政府网站专栏发布信息812条，召开情况通报会4场，对涉及群众切身利益的政策逐条解读，并在村务公开栏同步张贴。\n\n";
  let big = base.slice(0, cut);
  while (Buffer.byteLength(big) + Buffer.byteLength(base.slice(cut)) < 30 * 1024) big += para;
  big += base.slice(cut);
  await nb((t) => window.nianbao.load("30k.txt", t), big);
  const bigLines = big.split("\n");
  const target = bigLines.findIndex((l) => l.startsWith("围绕农田水利")) + 40;
  const end = await nb((p) => window.nianbao.coords(p.line, p.character), { line: target, character: bigLines[target].length });
  await page.mouse.click(end.x + 2, end.y);
  await page.keyboard.press("End");
  await nb(() => window.nianbao.resetStats());
  const keys = "本局全年共发布信息八百一十二条".repeat(10);
  for (const ch of keys) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(40);
  }
  await nb(() => window.nianbao.settled());
  const stats = await nb(() => window.nianbao.stats());
  figures.keystrokes = stats.latencies.length;
  figures.latencyP50 = percentile(stats.latencies, 50);
  figures.latencyP99 = percentile(stats.latencies, 99);
  figures.analysisP50 = percentile(stats.analysis, 50);
  figures.analysisP99 = percentile(stats.analysis, 99);
  figures.reportBytes = Buffer.byteLength(big);
  await shot("13-30k");
  log(`30 KB report: ${stats.latencies.length} keystrokes, to squiggles p50 ${figures.latencyP50.toFixed(1)} ms, p99 ${figures.latencyP99.toFixed(1)} ms (analysis in the worker p50 ${figures.analysisP50.toFixed(1)} ms, p99 ${figures.analysisP99.toFixed(1)} ms)`);

  // ---- what the page loads, compressed ----
  let gz = 0;
  for (const url of loadedFiles) gz += gzipSync(readFileSync(fileURLToPath(url)), { level: 9 }).length;
  figures.transferGzip = gz;
  figures.loaded = [...loadedFiles].map((u) => u.split("/").pop());

  check(errors.length === 0, `errors in the page: ${errors.join(" | ")}`);
  check(leaks.length === 0, `requests left the page: ${leaks.join(", ")}`);
  log(`no request left the page (${requests.length} requests, all file:, data: or blob:)`);
  console.log(
    `web e2e figures: first findings ${figures.firstFindingsEmpty.toFixed(0)} ms (empty editor), ${figures.firstFindingsDraft.toFixed(0)} ms (restored Word draft); ` +
      `keystroke to squiggles on ${figures.reportBytes} B: p50 ${figures.latencyP50.toFixed(1)} ms, p99 ${figures.latencyP99.toFixed(1)} ms over ${figures.keystrokes} keystrokes; ` +
      `transfer ${(gz / 1024).toFixed(0)} KB gzip (${figures.loaded.join(", ")})`,
  );
  log("passed");
} catch (err) {
  await shot("failure").catch(() => {});
  console.error(`web e2e: FAILED: ${err.stack || err}`);
  if (errors.length) console.error(`errors in the page: ${errors.join(" | ")}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true }); // the 50 MB file among them
}
