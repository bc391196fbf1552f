// End-to-end: the packaged extension in real VS Code (code-server 4.100.3) driven by Debian's
// Chromium through playwright-core, as a clerk would: open a report, read the Problems panel and
// hovers, open the table preview, apply a quick fix and "fix all", format the document, scroll
// with sticky scroll, start a report from the template, complete labels by their words. Twice:
// with an English VS Code, then with a Chinese one (and a traditional-script report in it), each
// asserting the language of everything shown. Screenshots go to OUT, one per step.
//
// Usage: node e2e/run.mjs E2E_DIR VSIX REPORT OUT
//   E2E_DIR: where setup.sh installed code-server and playwright-core.
//   REPORT: a report with known mistakes (examples/report-2025.txt).
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const [e2eDir, vsix, report, outDir] = process.argv.slice(2).map((p) => resolve(p));
if (!outDir) {
  console.error("usage: node e2e/run.mjs E2E_DIR VSIX REPORT OUT");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..", "..");
const require = createRequire(join(e2eDir, "package.json"));
const { chromium } = require("playwright-core");
const codeServer = join(e2eDir, "node_modules", ".bin", "code-server");
const started = Date.now();

const EXPECTED = ["empty-cell", "missing-fee-statement", "nonstandard-heading", "nonstandard-label", "stray-markup", "total-mismatch"];
const REPORT_NAME = "示例县2025年度报告.txt";
const EMPTY_NAME = "空白2025年度报告.txt";
const HANT_NAME = "芷江縣2025年度報告.txt";
// An organisation with an astral character (CJK Extension B, 4 bytes in UTF-8, 2 in UTF-16).
const ORG = "青石县𠀀民政局";

function log(msg) {
  console.log(`vscode e2e: [${Math.round((Date.now() - started) / 1000)} s] ${msg}`);
}

function check(ok, msg) {
  if (!ok) throw new Error(msg);
}

async function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

mkdirSync(outDir, { recursive: true });

/** A language pack with no translations: enough for VS Code to run in Chinese (`env.language`
 * zh-cn, the extension's package.nls.zh-cn.json), since the real one cannot be downloaded here. */
function chineseLanguagePack(home) {
  const dir = join(home, "zh-cn-pack");
  mkdirSync(join(dir, "translations"), { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "nianbao-e2e-zh-cn",
      publisher: "nianbao",
      displayName: "zh-cn (e2e)",
      description: "A language pack without translations, for the end-to-end test",
      version: "0.0.1",
      license: "MIT",
      repository: { type: "git", url: "https://example.invalid/nianbao.git" },
      engines: { vscode: "^1.100.0" },
      categories: ["Language Packs"],
      contributes: {
        localizations: [
          {
            languageId: "zh-cn",
            languageName: "Chinese Simplified",
            localizedLanguageName: "中文(简体)",
            translations: [{ id: "vscode", path: "./translations/main.i18n.json" }],
          },
        ],
      },
    }),
  );
  writeFileSync(join(dir, "translations", "main.i18n.json"), JSON.stringify({ version: "1.0.0", contents: {} }));
  writeFileSync(join(dir, "LICENSE"), "MIT\n");
  writeFileSync(join(dir, "README.md"), "A language pack without translations, for the end-to-end test.\n");
  const vsce = join(here, "..", "node_modules", ".bin", "vsce");
  execFileSync(vsce, ["package", "--no-dependencies", "--out", join(home, "zh-cn.vsix")], { cwd: dir, stdio: "ignore" });
  return join(home, "zh-cn.vsix");
}

/** Starts code-server on a fresh profile and a workspace with the reports; returns a session. */
async function session(name, { locale, settings = {} }) {
  const home = mkdtempSync(join(tmpdir(), `nianbao-e2e-${name}-`));
  const userData = join(home, "user-data");
  const extensions = join(home, "extensions");
  const workspace = join(home, "workspace");
  for (const d of [userData, join(userData, "User"), extensions, workspace]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(join(extensions, "extensions.json"), "[]");
  const settingsFile = join(userData, "User", "settings.json");
  const baseSettings = {
    "workbench.startupEditor": "none",
    "security.workspace.trust.enabled": false,
    "workbench.tips.enabled": false,
    "editor.fontFamily": "'WenQuanYi Micro Hei', 'HanaMinB', monospace",
    "workbench.colorTheme": "Default Light Modern",
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
    "editor.stickyScroll.enabled": true,
    "editor.minimap.enabled": false,
    "editor.tabSize": 4,
    "files.autoSave": "off",
    ...settings,
  };
  writeFileSync(settingsFile, JSON.stringify(baseSettings));
  // The name says 年度报告, so the extension claims it although it is a .txt file.
  copyFileSync(report, join(workspace, REPORT_NAME));
  writeFileSync(join(workspace, EMPTY_NAME), "");
  // A traditional-script report with one leftover of a conversion in section 五.
  const hant = readFileSync(join(repo, "tests", "fixtures", "clean_per_line_hant.txt"), "utf8");
  const five = hant.indexOf("\n", hant.indexOf("五、")) + 1;
  writeFileSync(join(workspace, HANT_NAME), `${hant.slice(0, five)}[bookmark: _GoBack]${hant.slice(five)}`);

  const install = (x) =>
    execFileSync(codeServer, ["--user-data-dir", userData, "--extensions-dir", extensions, "--install-extension", x], { stdio: "ignore" });
  install(vsix);
  const args = [];
  if (locale) {
    install(chineseLanguagePack(home));
    // Where VS Code looks for installed language packs when it starts in a locale (written by
    // VS Code itself only later, when it first lists the languages).
    const pack = readdirSync(extensions).find((d) => d.startsWith("nianbao.nianbao-e2e-zh-cn-"));
    writeFileSync(
      join(userData, "languagepacks.json"),
      JSON.stringify({
        [locale]: {
          hash: "nianbaoe2e",
          label: "中文(简体)",
          extensions: [{ extensionIdentifier: { id: "nianbao.nianbao-e2e-zh-cn" }, version: "0.0.1" }],
          translations: { vscode: join(extensions, pack, "translations", "main.i18n.json") },
        },
      }),
    );
    args.push("--locale", locale);
  }
  // The server shipped inside the extension, to read files as the checker does.
  const extDir = readdirSync(extensions).find((d) => d.startsWith("nianbao.nianbao-") && !d.includes("e2e"));
  const nianbao = join(extensions, extDir, "server", "nianbao");
  check(existsSync(nianbao), `no server in the installed extension: ${nianbao}`);

  const port = await freePort();
  const server = spawn(
    codeServer,
    [
      "--auth", "none",
      "--bind-addr", `127.0.0.1:${port}`,
      "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
      "--user-data-dir", userData,
      "--extensions-dir", extensions,
      ...args,
      workspace,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout.on("data", () => {});
  server.stderr.on("data", () => {});
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  for (let i = 0; ; i++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 5000 });
      break;
    } catch (e) {
      if (i > 60) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  await page.waitForSelector(".monaco-workbench", { timeout: 120000 });
  await page.waitForTimeout(2000);
  log(`${name}: workbench up`);
  const s = {
    name,
    page,
    workspace,
    nianbao,
    settingsFile,
    baseSettings,
    async close() {
      await browser.close();
      server.kill();
    },
  };
  return s;
}

// ----- What a clerk does, as helpers ---------------------------------------------------------

async function shot(s, file) {
  await s.page.screenshot({ path: join(outDir, `${s.name}-${file}`) });
  log(`screenshot ${s.name}-${file}`);
}

/** Polls `f` until it returns something truthy, or fails with `what`. */
async function until(s, what, f, tries = 60, every = 500) {
  let last;
  for (let i = 0; i < tries; i++) {
    last = await f();
    if (last) return last;
    await s.page.waitForTimeout(every);
  }
  throw new Error(`timed out: ${what}`);
}

async function quickOpen(s, file) {
  await s.page.keyboard.press("Control+P");
  await s.page.waitForSelector(".quick-input-widget input", { timeout: 30000 });
  await s.page.keyboard.type(file);
  await until(s, `quick open lists ${file}`, async () => {
    const rows = await s.page.$$eval(".quick-input-widget .monaco-list-row", (els) => els.map((e) => e.textContent || ""));
    return rows.length && rows[0].includes(file);
  }, 40, 300);
  await s.page.keyboard.press("Enter");
  await until(s, `${file} open`, async () => {
    const tab = await s.page.$(".editor-group-container.active .tab.active");
    return tab && ((await tab.getAttribute("aria-label")) || "").includes(file);
  });
  await s.page.waitForTimeout(500);
}

/** Runs a command from the palette by its title, as shown. */
async function palette(s, title) {
  await s.page.keyboard.press("Control+Shift+P");
  await s.page.waitForSelector(".quick-input-widget input", { timeout: 30000 });
  await s.page.keyboard.type(title);
  await until(s, `the palette lists ${title}`, async () => {
    const rows = await s.page.$$eval(".quick-input-widget .monaco-list-row", (els) => els.map((e) => e.textContent || ""));
    return rows.length && rows[0].includes(title.replace(/^>/, ""));
  }, 20, 300);
  await s.page.keyboard.press("Enter");
}

/** The text of the quick input (a prompt and its input). */
async function quickInputText(s) {
  await s.page.waitForSelector(".quick-input-widget input", { timeout: 30000 });
  return s.page.$eval(".quick-input-widget", (e) => e.textContent || "");
}

async function answer(s, text) {
  await s.page.keyboard.insertText(text);
  await s.page.keyboard.press("Enter");
  await s.page.waitForTimeout(300);
}

async function problems(s) {
  const rows = await s.page.$$eval(".markers-panel .monaco-list-row", (els) => els.map((e) => e.textContent || ""));
  return rows.join("\n");
}

async function showProblems(s) {
  await s.page.keyboard.press("Control+Shift+M");
  await s.page.waitForSelector(".markers-panel", { timeout: 30000 });
}

/** The document the preview shows, in its webview frame. */
async function previewFrame(s) {
  for (const f of s.page.frames()) {
    try {
      if (await f.$("table[data-table]")) return f;
    } catch {}
  }
  return null;
}

async function previewEval(s, fn, arg) {
  const f = await previewFrame(s);
  return f ? f.evaluate(fn, arg).catch(() => null) : null;
}

/** The visible lines of the active editor. */
async function editorText(s) {
  return s.page.$$eval(".editor-group-container.active .monaco-editor .view-lines .view-line", (els) =>
    els
      .map((e) => [parseFloat(e.style.top || "0"), e.textContent || ""])
      .sort((a, b) => a[0] - b[0])
      .map((x) => x[1])
      .join("\n"),
  );
}

async function goToLine(s, line) {
  await s.page.keyboard.press("Control+G");
  await s.page.waitForSelector(".quick-input-widget input", { timeout: 30000 });
  await s.page.keyboard.type(String(line));
  await s.page.keyboard.press("Enter");
  await s.page.waitForTimeout(300);
}

/** Scrolls the active editor a line at a time (Ctrl+Down, as a clerk would with the wheel) from
 * the top until the first line below the sticky lines is between `from` and `to` (1-based):
 * sticky scroll shows the headings of the scopes that contain that line. */
async function scrollUntil(s, from, to = from) {
  const editor = ".editor-group-container.active .monaco-editor";
  const below = () =>
    s.page.$eval(editor, (ed) => {
      const sticky = ed.querySelector(".sticky-widget");
      const guard = ed.querySelector(".overflow-guard").getBoundingClientRect().top;
      const floor = Math.max(guard, sticky ? sticky.getBoundingClientRect().bottom : guard);
      const lines = [...ed.querySelectorAll(".margin-view-overlays .line-numbers")]
        .filter((e) => !e.closest(".sticky-widget"))
        .map((e) => [e.getBoundingClientRect().top, Number(e.textContent)])
        .filter(([t]) => t >= floor - 2)
        .sort((a, b) => a[0] - b[0]);
      return lines[0]?.[1] ?? 0;
    });
  await s.page.keyboard.press("Control+Home");
  await s.page.waitForTimeout(300);
  for (let i = 0; i < 400; i++) {
    const now = await below();
    if (from <= now && now <= to) return now;
    if (now > to) break;
    await s.page.keyboard.press("Control+ArrowDown");
    await s.page.waitForTimeout(80);
  }
  throw new Error(`could not scroll lines ${from}-${to} below the sticky lines (at ${await below()})`);
}

async function stickyLines(s) {
  await s.page.waitForTimeout(400);
  return s.page.$$eval(".editor-group-container.active .sticky-widget .sticky-line-content", (els) =>
    els.map((e) => (e.textContent || "").replace(/\s+/g, " ").trim()),
  );
}

/** Hovers the first visible piece of text `text` in the editor, at the middle of the text itself
 * (a span may hold more than it); returns the hover's text. */
async function hover(s, text) {
  const at = await s.page.$$eval(".editor-group-container.active .monaco-editor .view-line", (lines, text) => {
    for (const line of lines) {
      // The line's text nodes, in order: the text may run over several spans.
      const nodes = [];
      const walk = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) nodes.push(n);
      const whole = nodes.map((n) => n.textContent).join("");
      const i = whole.indexOf(text);
      if (i < 0) continue;
      const place = (at) => {
        for (const n of nodes) {
          if (at <= n.textContent.length) return [n, at];
          at -= n.textContent.length;
        }
        return [nodes[nodes.length - 1], nodes[nodes.length - 1].textContent.length];
      };
      const range = document.createRange();
      range.setStart(...place(i));
      range.setEnd(...place(i + text.length));
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  }, text);
  check(at, `${text} is not in view`);
  await s.page.mouse.move(at.x, at.y);
  const h = await until(s, `a hover over ${text}`, async () => {
    const el = await s.page.$(".monaco-hover:not(.hidden) .monaco-hover-content");
    const t = el && (await el.textContent());
    return t && t.trim() ? t : null;
  }, 30, 300);
  return h;
}

async function toast(s) {
  return until(s, "a notification", async () => {
    const rows = await s.page.$$eval(".notifications-toasts .notification-list-item-message", (els) => els.map((e) => e.textContent || ""));
    return rows.length ? rows.join("\n") : null;
  }, 30, 300);
}

async function clearToasts(s) {
  for (const b of await s.page.$$(".notifications-toasts .codicon-notifications-clear")) {
    await b.click().catch(() => {});
  }
}

/** Writes the user settings in VS Code's own settings editor, as JSON, and saves them. The
 * editor opens in the first group, so that the preview beside it stays in view. */
async function userSettings(s, settings) {
  await s.page.keyboard.press("Control+1");
  await s.page.waitForTimeout(300);
  await palette(s, "Preferences: Open User Settings (JSON)");
  const active = ".editor-group-container.active .tab.active";
  await until(s, "settings.json open", async () => {
    const tab = await s.page.$(active);
    return tab && ((await tab.getAttribute("aria-label")) || "").includes("settings.json");
  });
  await s.page.keyboard.press("Control+A");
  await s.page.keyboard.press("Delete");
  await s.page.keyboard.insertText(JSON.stringify(settings));
  await s.page.waitForTimeout(300);
  await s.page.keyboard.press("Control+S");
  await until(s, "settings.json saved", async () => !(await s.page.$(`${active}.dirty`)), 40, 250);
  await s.page.keyboard.press("Control+W");
  await s.page.waitForTimeout(300);
}

function run(bin, args) {
  return execFileSync(bin, args, { maxBuffer: 64 << 20 }).toString();
}

function runStatus(bin, args) {
  try {
    return execFileSync(bin, args, { maxBuffer: 64 << 20 }).toString();
  } catch (e) {
    // `check` exits 1 when it finds errors.
    return e.stdout.toString();
  }
}

/** What the checker reads in a file: every cell, and every finding's code and message. */
function readBack(s, file) {
  const cells = JSON.parse(run(s.nianbao, ["inspect", "--format", "json", file])).cells.map((c) => [c.table, c.block, c.row, c.column, c.text]);
  const findings = JSON.parse(runStatus(s.nianbao, ["check", "--format", "json", file])).files[0].diagnostics.map((d) => [d.code, d.message]);
  return JSON.stringify({ cells, findings });
}

// ----- The checks' own points, as a clerk meets them ---------------------------------------

/** Puts the cursor on the first value of the line that starts with `label` in `file` (as saved),
 * selects that value and types `value` over it, key by key as a clerk would. */
async function typeFirstValue(s, file, label, value) {
  const lines = readFileSync(file, "utf8").split("\n");
  const n = lines.findIndex((l) => l.startsWith(label));
  check(n >= 0, `no line starting with ${label} in ${file}`);
  const fields = lines[n].split("\t");
  await goToLine(s, n + 1);
  await s.page.keyboard.press("Home");
  // JavaScript string lengths are UTF-16 units, as VS Code's cursor moves.
  for (let i = 0; i < fields[0].length + 1; i++) await s.page.keyboard.press("ArrowRight");
  for (let i = 0; i < fields[1].length; i++) await s.page.keyboard.press("Shift+ArrowRight");
  await s.page.keyboard.type(String(value), { delay: 50 });
  await s.page.waitForTimeout(300);
}

/** The rows of the Problems panel under the file `name` (until the next file's row), each its
 * text followed by its severity icon's classes after " @". */
async function problemsOf(s, name) {
  const rows = await s.page.$$eval(".markers-panel .monaco-list-row", (els) =>
    els.map((e) => [
      e.getAttribute("aria-level") === "1",
      `${e.textContent || ""} @${e.querySelector(".marker-icon")?.className ?? ""}`,
    ]),
  );
  const out = [];
  let mine = false;
  for (const [isFile, text] of rows) {
    if (isFile) mine = text.includes(name);
    else if (mine) out.push(text);
  }
  return out;
}

/** Point 1: typing a part into a table drafted from the template blames the stale total, and
 * 「按各项重新计算合计」 recomputes the totals. Called with the new report from the template open. */
async function stepStaleTotals(s) {
  const page = s.page;
  // Take back the label completed on a line of its own, and save the draft.
  await page.keyboard.press("Control+Shift+K");
  await page.keyboard.press("Control+S");
  const file = join(s.workspace, EMPTY_NAME);
  // The template's own group line stays: one line of that label.
  await until(s, "the draft saved without the completed line", async () =>
    readFileSync(file, "utf8").split("\n").filter((l) => l.startsWith("（三）不予公开")).length === 1);
  await showProblems(s);
  // Five requests from people this year, five disclosed: the parts, typed; the totals left as 0.
  await typeFirstValue(s, file, "一、本年新收", 5);
  await typeFirstValue(s, file, "（一）予以公开", 5);
  const stale = await until(s, "the stale totals reported", async () => {
    const rows = await problemsOf(s, EMPTY_NAME);
    return rows.some((r) => r.includes("were not updated")) ? rows : null;
  }, 60);
  const totals = stale.filter((r) => r.includes("total-mismatch"));
  check(totals.length === 1, `stale totals are not one finding: ${JSON.stringify(stale)}`);
  check(!stale.some((r) => r.includes("balance-mismatch")), `the balance blamed: ${JSON.stringify(stale)}`);
  check(!/\d+ \+ \d+ \+ \d+ \+/.test(totals[0]) && totals[0].length < 220, `the message is long: ${totals[0]}`);
  await shot(s, "13-stale-totals-after-typing.png");
  // On the figure just typed, nothing offers to undo it; the totals can be recomputed from here.
  await page.keyboard.press("Control+.");
  await page.waitForSelector(".action-widget", { timeout: 30000 });
  const menu = await page.locator(".action-widget").first().textContent();
  check(!menu.includes("Change to 0"), `a fix erases the figure just typed: ${menu}`);
  check(menu.includes("Recompute the totals from their parts"), `no 「按各项重新计算合计」 on the typed cell: ${menu}`);
  await shot(s, "14-recompute-totals-offered.png");
  // The only action, focused: applied with Enter as a clerk would.
  const focused = await page.$eval(".action-widget .monaco-list-row.focused", (e) => e.getAttribute("aria-label") || "");
  check(focused === "Recompute the totals from their parts", `the focused action: ${focused}`);
  await page.keyboard.press("Enter");
  await until(s, "the totals recomputed", async () => (await problemsOf(s, EMPTY_NAME)).length === 0, 60);
  await page.keyboard.press("Control+S");
  const fixed = await until(s, "the recomputed draft saved", async () => {
    const t = readFileSync(file, "utf8");
    return /（七）总计\t5\t(0\t){5}5/.test(t) ? t : null;
  });
  const disclosed = fixed.split("\n").find((l) => l.startsWith("（一）予以公开"));
  check(/^（一）予以公开\t5\t(0\t){5}5$/.test(disclosed), `the typed figure or its row total: ${disclosed}`);
  await shot(s, "15-totals-recomputed.png");
  // Anywhere in a clean table the action is there too (with nothing to change).
  await typeFirstValue(s, file, "（二）部分公开", 0);
  await page.keyboard.press("Control+.");
  await page.waitForSelector(".action-widget", { timeout: 30000 });
  const again = await page.locator(".action-widget").first().textContent();
  check(again.includes("Recompute the totals from their parts"), `no 「按各项重新计算合计」 in a clean table: ${again}`);
  await page.keyboard.press("Escape");
}

/** Point 3 (core): an empty report shows one 「报告为空」 information finding whose fix inserts
 * the template. Called with the empty report open, before the command fills it. */
async function stepEmptyReportFinding(s) {
  const page = s.page;
  await showProblems(s);
  const rows = await until(s, "the empty report's finding", async () => {
    const r = await problemsOf(s, EMPTY_NAME);
    return r.length ? r : null;
  }, 60);
  check(rows.length === 1 && rows[0].includes("The report is empty"), `the empty report: ${JSON.stringify(rows)}`);
  check(/@.*\binfo\b|codicon-info/.test(rows[0]), `not an information: ${rows[0]}`);
  await shot(s, "09a-empty-report-is-one-information.png");
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").click();
  await page.keyboard.press("Control+.");
  await page.waitForSelector(".action-widget", { timeout: 30000 });
  const menu = await page.locator(".action-widget").first().textContent();
  check(menu.includes("Insert the report template"), `the empty report's fix: ${menu}`);
  await page.keyboard.press("Escape");
}

/** Point 4: a new report from the template has no finding at all (the fee sentence of 六 is
 * there). Called right after the template filled the empty report. */
async function stepFreshTemplateIsClean(s) {
  await showProblems(s);
  await until(s, "the fresh template without findings", async () => (await problemsOf(s, EMPTY_NAME)).length === 0, 60);
  // Still clean once the server has surely answered.
  await s.page.waitForTimeout(2000);
  const rows = await problemsOf(s, EMPTY_NAME);
  check(rows.length === 0, `the fresh template has findings: ${JSON.stringify(rows)}`);
  check((await editorText(s)).length > 0, "the editor is empty");
  const squiggles = await s.page.$$(".editor-group-container.active .squiggly-error, .editor-group-container.active .squiggly-warning");
  check(squiggles.length === 0, `squiggles in the fresh template: ${squiggles.length}`);
  await shot(s, "09b-fresh-template-is-clean.png");
}

/** Point 8: column-total messages are short and name the parts that matter. Called with the
 * example report open and the Problems panel shown. */
async function stepShortColumnTotals(s) {
  const rows = await problemsOf(s, REPORT_NAME);
  check(rows.length > 0, "no problems listed for the example report");
  for (const r of rows) {
    check(!/\d+ \+ \d+ \+ \d+ \+/.test(r) && !r.includes("0 + 0"), `a message lists every number: ${r}`);
  }
}

/** Point 9: label hovers say what a row counts and its legal basis. Called with the example
 * report open. */
async function stepLabelHoverBasis(s) {
  // Away from the heading first, so that its hover is gone.
  await s.page.mouse.move(5, 500);
  await until(s, "the heading's hover gone", async () => !(await s.page.$(".monaco-hover:not(.hidden) .monaco-hover-content")));
  const h = await hover(s, "（三）不予公开");
  check(h.includes("may not be disclosed by law") && h.includes("Basis: the Regulations, Article 14"), `the label's hover: ${h}`);
  await s.page.waitForTimeout(600);
  await shot(s, "02b-label-hover-with-basis.png");
  await s.page.keyboard.press("Escape");
}

// ----- The English VS Code --------------------------------------------------------------------

async function english() {
  const s = await session("en", {});
  const page = s.page;
  try {
    await quickOpen(s, REPORT_NAME);
    await showProblems(s);
    let text = await until(s, "every expected code in the Problems panel", async () => {
      const t = await problems(s);
      return EXPECTED.every((c) => t.includes(c)) ? t : null;
    }, 240);
    // Point 5: the messages are English.
    check(text.includes("the totals of its row and column both imply 17"), `messages are not English:\n${text}`);
    await page.locator(".markers-panel .monaco-list-row", { hasText: "total-mismatch" }).first().click();
    await page.waitForSelector(".monaco-editor .squiggly-error", { timeout: 30000 });
    await shot(s, "01-problems-in-english.png");
    await stepShortColumnTotals(s);

    // Hovers in English.
    const h = await hover(s, "三、收到和处理政府信息公开申请情况");
    check(h.includes("section 3") && h.includes("requests"), `the heading's hover is not English: ${h}`);
    await shot(s, "02-hover-in-english.png");
    await page.keyboard.press("Escape");
    await stepLabelHoverBasis(s);

    // Point 7 and 13: the preview, in English, laid out as the official format.
    await palette(s, "nianbao: Show table preview");
    const wrong = await until(s, "the wrong total in the preview", () =>
      previewEval(s, () => document.querySelector("td.num.wrong")?.textContent ?? null), 120);
    check(wrong.includes("18") && wrong.includes("should be 17"), `no English wrong total in the preview: ${wrong}`);
    const layout = await previewEval(s, () => {
      const cell = (sel, text) => [...document.querySelectorAll(sel)].find((e) => e.textContent.trim() === text);
      const refused = cell("td.group", "（三）不予公开");
      const results = cell("td.group", "三、本年度办理结果");
      const applicants = cell("th", "申请人情况");
      const litigation = cell("th", "行政诉讼");
      return {
        refused: refused && refused.rowSpan,
        results: results && results.rowSpan,
        applicants: applicants && applicants.colSpan,
        note: !!cell("th", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        litigation: litigation && litigation.colSpan,
        blocks: document.querySelectorAll('table[data-table="proactive"] tbody[data-block]').length,
        fonts: getComputedStyle(document.body).fontFamily,
        lang: document.documentElement.lang,
      };
    });
    check(
      layout.refused === 8 && layout.results === 22 && layout.applicants === 7 && layout.note && layout.litigation === 10 && layout.blocks === 4,
      `the preview is not the official layout: ${JSON.stringify(layout)}`,
    );
    check(layout.fonts.includes("HanaMinB") && layout.lang === "en", `fonts or language of the page: ${JSON.stringify(layout)}`);
    await previewEval(s, () => document.querySelector("td.num.wrong")?.scrollIntoView());
    await page.waitForTimeout(500);
    await shot(s, "03-preview-official-layout.png");

    // The quick fix for the wrong total, in English.
    await showProblems(s);
    const row = page.locator(".markers-panel .monaco-list-row", { hasText: "total-mismatch" }).first();
    await row.click();
    await row.dblclick();
    await page.waitForTimeout(800);
    await page.keyboard.press("Control+.");
    await page.waitForSelector(".action-widget", { timeout: 30000 });
    const menu = await page.locator(".action-widget").first().textContent();
    check(menu.includes("Change to 17"), `the quick fix menu lacks "Change to 17": ${menu}`);
    await page.keyboard.press("Enter");
    await until(s, "total-mismatch gone", async () => !(await problems(s)).includes("total-mismatch"));
    await until(s, "the preview without a wrong total", async () =>
      (await previewEval(s, () => document.querySelectorAll("td.num.wrong").length)) === 0);
    await shot(s, "04-after-quick-fix.png");

    // Point 10: fix all, then fix all with nothing left to fix safely.
    await palette(s, "nianbao: Fix all safe problems");
    await until(s, "the safe fixes applied", async () => {
      const t = await problems(s);
      return !t.includes("stray-markup") && !t.includes("nonstandard-label") && !t.includes("nonstandard-heading");
    });
    await palette(s, "nianbao: Fix all safe problems");
    const said = await toast(s);
    check(said.includes("Nothing in this report can be fixed safely.") && !said.includes("source.fixAll"), `fix all with nothing to fix said: ${said}`);
    await shot(s, "05-nothing-to-fix.png");
    await clearToasts(s);

    // Point 12: Format Document aligns the tables; the checker reads the same cells and findings.
    await page.keyboard.press("Control+S");
    await page.waitForTimeout(800);
    const file = join(s.workspace, REPORT_NAME);
    const before = readFileSync(file, "utf8");
    const readBefore = readBack(s, file);
    await palette(s, "Format Document");
    await page.waitForTimeout(1000);
    await page.keyboard.press("Control+S");
    const after = await until(s, "the formatted file saved", async () => {
      const t = readFileSync(file, "utf8");
      return t !== before ? t : null;
    });
    check(after.replace(/ /g, "") === before.replace(/ /g, ""), "formatting changed more than spaces");
    check(readBack(s, file) === readBefore, "the formatted report reads back to other cells or findings");
    const aligned = after.split("\n").filter((l) => l.includes("\t") && / \t/.test(l)).length;
    check(aligned > 20, `few aligned rows: ${aligned}`);
    const lines = after.split("\n");
    await goToLine(s, lines.findIndex((l) => l.startsWith("三、本年度办理结果")) + 1);
    await shot(s, "06-formatted.png");

    // Point 11: sticky scroll shows the headings that contain the top line.
    // The rows of 第二十条第（六）项 (1-based line numbers).
    const penalties = lines.findIndex((l) => l.startsWith("行政处罚")) + 1;
    const coercion = lines.findIndex((l) => l.startsWith("行政强制")) + 1;
    await scrollUntil(s, penalties, coercion);
    let sticky = await stickyLines(s);
    check(
      sticky.some((l) => l.includes("第二十条第（六）项")) && !sticky.some((l) => l.includes("第二十条第（一）项")),
      `sticky scroll above 行政强制: ${JSON.stringify(sticky)}`,
    );
    await shot(s, "07-sticky-scroll-table-2.png");
    // The rows of （六）其他处理 below its first.
    const unpaid = lines.findIndex((l) => l.includes("2.申请人逾期未按收费通知")) + 1;
    await scrollUntil(s, unpaid, unpaid + 1);
    sticky = await stickyLines(s);
    check(
      sticky.some((l) => l.includes("（六）其他处理")) && !sticky.some((l) => l.includes("第二十条")),
      `sticky scroll above the rows of （六）其他处理: ${JSON.stringify(sticky)}`,
    );
    await shot(s, "08-sticky-scroll-table-3.png");

    // Point 3: 「新建年度报告」 with the empty report active fills it.
    await quickOpen(s, EMPTY_NAME);
    await stepEmptyReportFinding(s);
    await palette(s, "nianbao: New annual report from the template");
    let prompt = await quickInputText(s);
    check(prompt.includes("Organisation"), `the prompt is not English: ${prompt}`);
    await answer(s, ORG);
    prompt = await quickInputText(s);
    check(prompt.includes("Year the report covers"), `the year prompt is not English: ${prompt}`);
    await page.keyboard.press("Control+A");
    await answer(s, "2025");
    const title = `${ORG}2025年政府信息公开工作年度报告`;
    await until(s, "the template in the empty report", async () => (await editorText(s)).includes(title));
    const tab = await page.$eval(".editor-group-container.active .tab.active", (e) => e.getAttribute("aria-label") || "");
    check(tab.includes(EMPTY_NAME), `the template went elsewhere: ${tab}`);
    await shot(s, "09-template-fills-the-empty-report.png");
    await stepFreshTemplateIsClean(s);

    // Point 6 and 13: the preview follows the active report, and shows 𠀀.
    const h1 = await until(s, "the preview following the new report", async () => {
      const t = await previewEval(s, () => document.querySelector("h1")?.textContent ?? null);
      return t && t.includes(ORG) ? t : null;
    });
    const glyph = await previewEval(s, () => {
      // 𠀀 drawn in the page's fonts, against a character no font has (drawn as a box) and
      // nothing: a face with the glyph draws something else than both.
      const draw = (t) => {
        const c = document.createElement("canvas");
        c.width = 64;
        c.height = 64;
        const g = c.getContext("2d");
        g.font = `48px ${getComputedStyle(document.body).fontFamily}`;
        g.fillText(t, 4, 52);
        return c.toDataURL();
      };
      const ext = draw("𠀀");
      return { drawn: ext !== draw(""), notBox: ext !== draw("\u{3FFFD}") };
    });
    check(glyph.drawn && glyph.notBox, `𠀀 is not drawn with a glyph of its own: ${JSON.stringify(glyph)}`);
    log(`the preview follows: ${h1}`);
    await shot(s, "10-preview-follows-and-shows-ext-b.png");

    // Point 2: in table 三, a row found by its words; its detail names the table.
    // A new line after 2.其他法律行政法规禁止公开, found in the saved draft.
    await page.keyboard.press("Control+S");
    const drafted = await until(s, "the draft saved", async () => {
      const t = readFileSync(join(s.workspace, EMPTY_NAME), "utf8");
      return t.includes(ORG) ? t : null;
    });
    await goToLine(s, drafted.split("\n").findIndex((l) => l.startsWith("2.其他法律行政法规禁止公开")) + 1);
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.insertText("不予");
    await page.keyboard.press("Control+Space");
    const suggestion = await until(s, "suggestions for 不予", async () => {
      const rows = await page.$$eval(".suggest-widget .monaco-list-row", (els) =>
        els.map((e) => [e.querySelector(".label-name")?.textContent ?? "", e.querySelector(".details-label")?.textContent ?? ""]),
      );
      return rows.length ? rows : null;
    }, 30, 300);
    check(suggestion[0][0] === "（三）不予公开", `the first suggestion for 不予: ${JSON.stringify(suggestion)}`);
    check(suggestion.some(([l]) => l === "（五）不予处理"), `no 「（五）不予处理」 for 不予: ${JSON.stringify(suggestion)}`);
    const details = await page.$eval(".suggest-widget .monaco-list-row.focused", (e) => e.textContent || "");
    check(details.includes("table of section 3"), `the suggestion's detail: ${details}`);
    await shot(s, "11-completion-by-words.png");
    await page.keyboard.press("Enter");
    await until(s, "the label inserted", async () => (await editorText(s)).includes("（三）不予公开"));
    await stepStaleTotals(s);

    // Point 3: with a report that is not empty, a new file named after the organisation.
    await quickOpen(s, REPORT_NAME);
    await palette(s, "nianbao: New annual report from the template");
    await quickInputText(s);
    await answer(s, "某县民政局");
    await quickInputText(s);
    await page.keyboard.press("Control+A");
    await answer(s, "2025");
    const untitled = await until(s, "a new tab for the new report", async () => {
      const t = await page.$eval(".editor-group-container.active .tab.active", (e) => e.getAttribute("aria-label") || "");
      return t.includes("某县民政局2025年政府信息公开工作年度报告.txt") ? t : null;
    });
    log(`new report: ${untitled}`);
    await shot(s, "12-new-report-in-a-new-file.png");
  } catch (e) {
    await shot(s, "failure.png").catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
}

// ----- The Chinese VS Code --------------------------------------------------------------------

async function chinese() {
  const s = await session("zh", { locale: "zh-cn" });
  const page = s.page;
  try {
    await quickOpen(s, REPORT_NAME);
    await showProblems(s);
    const text = await until(s, "every expected code in the Problems panel", async () => {
      const t = await problems(s);
      return EXPECTED.every((c) => t.includes(c)) ? t : null;
    }, 240);
    check(text.includes("按合计应为17"), `messages are not Chinese:\n${text}`);
    await page.locator(".markers-panel .monaco-list-row", { hasText: "total-mismatch" }).first().click();
    await page.waitForSelector(".monaco-editor .squiggly-error", { timeout: 30000 });
    const h = await hover(s, "三、收到和处理政府信息公开申请情况");
    check(h.includes("第三部分"), `the heading's hover is not Chinese: ${h}`);
    await shot(s, "01-problems-and-hover-in-chinese.png");
    await page.keyboard.press("Escape");

    // Command titles from package.nls.zh-cn.json; the preview in Chinese.
    await palette(s, "nianbao: 预览统计表");
    const wrong = await until(s, "the wrong total in the preview", () =>
      previewEval(s, () => document.querySelector("td.num.wrong")?.textContent ?? null), 120);
    check(wrong.includes("应为17"), `the preview is not Chinese: ${wrong}`);
    await shot(s, "02-preview-in-chinese.png");

    // Changing the language setting refreshes the open preview at once.
    await userSettings(s, { ...s.baseSettings, "nianbao.language": "en" });
    await until(s, "the preview in English after the setting changed", async () =>
      ((await previewEval(s, () => document.querySelector("td.num.wrong")?.textContent ?? null)) || "").includes("should be 17"), 40);
    await shot(s, "03-preview-after-language-setting.png");
    await userSettings(s, s.baseSettings);
    await until(s, "the preview in Chinese again", async () =>
      ((await previewEval(s, () => document.querySelector("td.num.wrong")?.textContent ?? null)) || "").includes("应为17"), 40);

    // The quick fix's title in Chinese.
    await showProblems(s);
    const row = page.locator(".markers-panel .monaco-list-row", { hasText: "total-mismatch" }).first();
    await row.click();
    await row.dblclick();
    await page.waitForTimeout(800);
    await page.keyboard.press("Control+.");
    await page.waitForSelector(".action-widget", { timeout: 30000 });
    const menu = await page.locator(".action-widget").first().textContent();
    check(menu.includes("改为17"), `the quick fix menu lacks 改为17: ${menu}`);
    await page.keyboard.press("Escape");

    // A traditional-script report is answered in traditional script.
    await quickOpen(s, HANT_NAME);
    await showProblems(s);
    const hant = await until(s, "the traditional report's finding", async () => {
      const t = await problems(s);
      return t.includes("文檔轉換留下的標記") ? t : null;
    }, 120);
    log(`traditional: ${hant.split("\n").find((l) => l.includes("文檔轉換留下的標記"))}`);
    await shot(s, "04-traditional-report.png");
    await palette(s, "nianbao: 修复所有可安全修复的问题");
    await until(s, "the leftover deleted", async () => !(await problems(s)).includes("文檔轉換留下的標記"));
    await palette(s, "nianbao: 修复所有可安全修复的问题");
    const said = await toast(s);
    check(said.includes("這份報告中沒有可以安全修復的問題。"), `fix all with nothing to fix said: ${said}`);
    await shot(s, "05-nothing-to-fix-traditional.png");
    await clearToasts(s);

    // The prompts of 「新建年度报告」 in Chinese.
    await palette(s, "nianbao: 新建年度报告");
    const prompt = await quickInputText(s);
    check(prompt.includes("单位名称"), `the prompt is not Chinese: ${prompt}`);
    await shot(s, "06-new-report-prompt-in-chinese.png");
    await page.keyboard.press("Escape");
  } catch (e) {
    await shot(s, "failure.png").catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
}

let failed = false;
for (const [name, f] of [["English VS Code", english], ["Chinese VS Code", chinese]]) {
  const t0 = Date.now();
  try {
    await f();
    log(`${name}: passed in ${Math.round((Date.now() - t0) / 1000)} s`);
  } catch (e) {
    failed = true;
    console.error(`vscode e2e: FAIL (${name}): ${e.stack || e}`);
  }
}
log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(failed ? 1 : 0);
