// End-to-end: the packaged extension in real VS Code (code-server 4.100.3) driven by Debian's
// Chromium through playwright-core. Opens a report with known mistakes, waits for the squiggles
// and the Problems panel, opens the table preview and finds the wrong total marked, applies the
// quick fix from the editor and sees the finding go. Screenshots go to OUT.
//
// Usage: node e2e/run.mjs E2E_DIR VSIX REPORT OUT
//   E2E_DIR: where setup.sh installed code-server and playwright-core.
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createServer } from "node:net";

const [e2eDir, vsix, report, outDir] = process.argv.slice(2).map((p) => resolve(p));
if (!outDir) {
  console.error("usage: node e2e/run.mjs E2E_DIR VSIX REPORT OUT");
  process.exit(2);
}
const require = createRequire(join(e2eDir, "package.json"));
const { chromium } = require("playwright-core");
const codeServer = join(e2eDir, "node_modules", ".bin", "code-server");

const EXPECTED = ["empty-cell", "missing-fee-statement", "nonstandard-heading", "nonstandard-label", "stray-markup", "total-mismatch"];

function log(msg) {
  console.log(`vscode e2e: ${msg}`);
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
const home = mkdtempSync(join(tmpdir(), "nianbao-e2e-"));
const userData = join(home, "user-data");
const extensions = join(home, "extensions");
const workspace = join(home, "workspace");
for (const d of [userData, join(userData, "User"), extensions, workspace]) {
  mkdirSync(d, { recursive: true });
}
writeFileSync(join(extensions, "extensions.json"), "[]");
writeFileSync(
  join(userData, "User", "settings.json"),
  JSON.stringify({
    "workbench.startupEditor": "none",
    "security.workspace.trust.enabled": false,
    "workbench.tips.enabled": false,
    "editor.fontFamily": "'WenQuanYi Micro Hei', monospace",
    "workbench.colorTheme": "Default Light Modern",
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
    // Messages in Chinese whatever VS Code's language: also shows settings reach the server.
    "nianbao.language": "zh",
  }),
);
// The name says 年度报告, so the extension claims it although it is a .txt file.
const fileName = "示例县2025年度报告.txt";
copyFileSync(report, join(workspace, fileName));

log("installing the extension");
execFileSync(codeServer, ["--user-data-dir", userData, "--extensions-dir", extensions, "--install-extension", vsix], {
  stdio: "inherit",
});

const port = await freePort();
const server = spawn(
  codeServer,
  [
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
    "--user-data-dir", userData,
    "--extensions-dir", extensions,
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
const shot = async (name) => {
  await page.screenshot({ path: join(outDir, name) });
  log(`screenshot ${name}`);
};

let failed = false;
try {
  // The server takes a moment to listen.
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
  log("workbench up");

  // Open the report through Quick Open.
  await page.waitForTimeout(2000);
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input", { timeout: 30000 });
  await page.keyboard.type(fileName);
  await page.waitForTimeout(1000);
  await page.keyboard.press("Enter");
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: 30000 });
  log("report open");

  // The Problems panel lists every expected code.
  await page.keyboard.press("Control+Shift+M");
  await page.waitForSelector(".markers-panel .monaco-list-row", { timeout: 120000 });
  const problems = async () => {
    const rows = await page.$$eval(".markers-panel .monaco-list-row", (els) => els.map((e) => e.textContent || ""));
    return rows.join("\n");
  };
  let text = "";
  for (let i = 0; i < 60; i++) {
    text = await problems();
    if (EXPECTED.every((c) => text.includes(c))) break;
    await page.waitForTimeout(500);
  }
  const missing = EXPECTED.filter((c) => !text.includes(c));
  if (missing.length) throw new Error(`Problems panel lacks ${missing.join(", ")}:\n${text}`);
  log(`problems: ${EXPECTED.join(", ")}`);
  // Reveal the wrong total from the panel: its line shows the squiggles.
  await page.locator(".markers-panel .monaco-list-row", { hasText: "total-mismatch" }).first().click();
  await page.waitForSelector(".monaco-editor .squiggly-error", { timeout: 30000 });
  await page.waitForSelector(".monaco-editor .squiggly-warning", { timeout: 30000 });
  log("squiggles shown");
  await shot("1-squiggles-and-problems.png");

  // The table preview, from the command palette.
  await page.keyboard.press("Control+Shift+P");
  await page.waitForSelector(".quick-input-widget input", { timeout: 30000 });
  await page.keyboard.type("nianbao: 预览统计表");
  await page.waitForTimeout(1000);
  await page.keyboard.press("Enter");
  const wrongCell = async () => {
    for (const f of page.frames()) {
      try {
        const cell = await f.$("td.num.wrong");
        if (cell) return await cell.textContent();
      } catch {}
    }
    return null;
  };
  let wrong = null;
  for (let i = 0; i < 120 && !wrong; i++) {
    wrong = await wrongCell();
    if (!wrong) await page.waitForTimeout(500);
  }
  if (!wrong || !wrong.includes("18") || !wrong.includes("应为17")) throw new Error(`no wrong total in the preview: ${wrong}`);
  log(`preview marks the wrong total: ${wrong}`);
  for (const f of page.frames()) {
    const cell = await f.$("td.num.wrong").catch(() => null);
    if (cell) await cell.scrollIntoViewIfNeeded().catch(() => {});
  }
  await page.waitForTimeout(500);
  await shot("2-preview-wrong-total.png");

  // The quick fix for the wrong total: go to it from the Problems panel, then Ctrl+. in the editor.
  await page.keyboard.press("Control+Shift+M");
  const row = page.locator(".markers-panel .monaco-list-row", { hasText: "total-mismatch" }).first();
  await row.click();
  await row.dblclick();
  await page.waitForTimeout(800);
  await page.keyboard.press("Control+.");
  // The menu lists the fix; it is the first entry, chosen with the keyboard as a clerk would.
  await page.waitForSelector(".action-widget", { timeout: 30000 });
  const menu = await page.locator(".action-widget").first().textContent();
  if (!menu.includes("改为17")) throw new Error(`the quick fix menu lacks 改为17: ${menu}`);
  await page.keyboard.press("Enter");
  log("quick fix applied");

  for (let i = 0; i < 60; i++) {
    text = await problems();
    if (!text.includes("total-mismatch")) break;
    await page.waitForTimeout(500);
  }
  if (text.includes("total-mismatch")) throw new Error(`total-mismatch still listed:\n${text}`);
  // The preview follows: no wrong total any more.
  for (let i = 0; i < 60 && (await wrongCell()); i++) await page.waitForTimeout(500);
  if (await wrongCell()) throw new Error("the preview still marks a wrong total");
  log("the finding went away, in the Problems panel and in the preview");
  await shot("3-after-quick-fix.png");
} catch (e) {
  failed = true;
  console.error(`vscode e2e: FAIL: ${e.stack || e}`);
  await shot("failure.png").catch(() => {});
} finally {
  await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);
