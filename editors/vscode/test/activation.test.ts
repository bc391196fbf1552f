import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { activate } from "../src/extension";
// The same modules the build maps `vscode` and the language client to.
import { clients } from "./fake-languageclient";
import * as fake from "./fake-vscode";

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("activation starts the server, registers every command and detects reports", async () => {
  fake.recorded.settings = { severity: { "stray-markup": "off" }, language: "zh", "server.path": "/bin/nianbao-test" };
  const report = new fake.TextDocument("/r/a.txt", "plaintext", "某县2025年\n政府信息公开工作年度报告\n一、总体情况");
  const notes = new fake.TextDocument("/r/notes.txt", "plaintext", "会议纪要");
  fake.recorded.documents.push(report, notes);
  const context = { subscriptions: [] as unknown[], extensionPath: "/ext" };
  await activate(context as never);

  const client = clients[0];
  assert.ok(client.started);
  // The output channel is named in the clerk's language (the setting says Chinese).
  assert.equal(client.name, "年报检查 nianbao");
  assert.deepEqual(client.serverOptions, { command: "/bin/nianbao-test", args: ["lsp"], transport: 0 });
  assert.deepEqual(client.clientOptions.documentSelector, [{ language: "nianbao" }]);
  assert.deepEqual(client.clientOptions.initializationOptions, { severity: { "stray-markup": "off" }, language: "zh" });
  assert.deepEqual(client.clientOptions.synchronize, { configurationSection: "nianbao" });

  const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual([...fake.recorded.commands.keys()].sort(), declared);
  assert.ok(manifest.activationEvents.includes("onLanguage:plaintext"));

  // The open report became a report; the notes stayed plain text. So does a report opened later.
  assert.deepEqual(fake.recorded.languageSet, [{ fileName: "/r/a.txt", language: "nianbao" }]);
  fake.recorded.openListeners.forEach((f) => f(new fake.TextDocument("/r/b年报.txt", "plaintext", "")));
  assert.equal(fake.recorded.languageSet.length, 2);
});

test("a new report fills the empty report the clerk made", async () => {
  const client = clients[0];
  fake.recorded.settings = { language: "auto" };
  fake.env.language = "zh-cn";
  const empty = new fake.TextDocument("/r/2025年度报告.txt", "nianbao", "\n");
  fake.recorded.documents.push(empty);
  fake.window.activeTextEditor = { document: empty };
  fake.recorded.inputs.push("某县民政局", "2025");
  const opened = fake.recorded.opened.length;
  await fake.recorded.commands.get("nianbao.newReport")!();
  assert.deepEqual(client.requests.at(-1), { method: "nianbao/newReport", params: { organisation: "某县民政局", year: 2025 } });
  // Asked in Chinese, filled in place, nothing new opened.
  assert.equal(fake.recorded.prompts.at(-2), "单位名称（如：某某县人民政府）");
  assert.equal(empty.text, "某县2025年政府信息公开工作年度报告\n");
  assert.equal(fake.recorded.opened.length, opened);
  assert.equal(fake.recorded.shown.at(-1), empty);
});

test("otherwise a new report is a new file named after the organisation and the year", async () => {
  fake.env.language = "en";
  fake.workspace.workspaceFolders = [{ uri: fake.Uri.file("/work") }];
  const notes = new fake.TextDocument("/r/notes.txt", "plaintext", "会议纪要");
  fake.window.activeTextEditor = { document: notes };
  fake.recorded.inputs.push("某县民政局", "2025");
  await fake.recorded.commands.get("nianbao.newReport")!();
  // Asked in English; an untitled file proposed as 「某县民政局2025年政府信息公开工作年度报告.txt」.
  assert.equal(fake.recorded.prompts.at(-2), "Organisation (e.g. Qingshi County People's Government)");
  assert.deepEqual(fake.recorded.opened.at(-1), { uri: "untitled:///work/某县民政局2025年政府信息公开工作年度报告.txt" });
  const doc = fake.recorded.shown.at(-1)!;
  assert.equal(doc.languageId, "nianbao");
  assert.equal(doc.text, "某县2025年政府信息公开工作年度报告\n");
  assert.equal(notes.text, "会议纪要");
  // Without a year: said in English.
  fake.recorded.inputs.push("某县", "");
  await fake.recorded.commands.get("nianbao.newReport")!();
  assert.equal(fake.recorded.errors.at(-1), "An organisation and a year (e.g. 2025) are needed.");
});

test("fix all applies the server's action, or says in the report's language that nothing is safe to fix", async () => {
  const hant = new fake.TextDocument("/r/報告.txt", "nianbao", "某縣2025年政府信息公開工作年度報告\n一、總體情況");
  fake.window.activeTextEditor = { document: hant };
  fake.recorded.codeActions = [];
  fake.env.language = "zh-cn";
  await fake.recorded.commands.get("nianbao.fixAll")!();
  assert.deepEqual(fake.recorded.executed.at(-1)?.args.at(-1), "source.fixAll.nianbao");
  assert.equal(fake.recorded.info.at(-1), "這份報告中沒有可以安全修復的問題。");
  fake.env.language = "en";
  await fake.recorded.commands.get("nianbao.fixAll")!();
  assert.equal(fake.recorded.info.at(-1), "Nothing in this report can be fixed safely.");
  fake.recorded.settings = { language: "zh" };
  await fake.recorded.commands.get("nianbao.fixAll")!();
  assert.equal(fake.recorded.info.at(-1), "這份報告中沒有可以安全修復的問題。");
  // With an action: its edit is applied, nothing said.
  const edit = new fake.WorkspaceEdit();
  edit.replace(hant.uri, new fake.Range(0, 0, 0, 0), "x");
  fake.recorded.codeActions = [{ title: "修復", kind: { value: "source.fixAll.nianbao" }, edit }];
  const said = fake.recorded.info.length;
  await fake.recorded.commands.get("nianbao.fixAll")!();
  assert.equal(fake.recorded.applied.at(-1), edit);
  assert.equal(fake.recorded.info.length, said);
});

test("the preview follows the active report and the language setting", async () => {
  const client = clients[0];
  fake.recorded.settings = {};
  fake.env.language = "en";
  const a = new fake.TextDocument("/r/a年报.txt", "nianbao", "某县2025年政府信息公开工作年度报告");
  const b = new fake.TextDocument("/r/b年报.txt", "nianbao", "某縣2025年政府信息公開工作年度報告");
  const other = new fake.TextDocument("/r/notes.txt", "plaintext", "会议纪要");
  fake.window.activeTextEditor = { document: a };
  await fake.recorded.commands.get("nianbao.showPreview")!();
  const panel = fake.recorded.panels.at(-1)!;
  assert.match(panel.webview.html, /file:\/\/\/r\/a年报.txt/);
  assert.equal(panel.title, "Table preview · a年报.txt");
  // Switching editors switches the preview; a file that is no report leaves it.
  fake.recorded.activeListeners.forEach((f) => f({ document: b }));
  await wait(10);
  assert.match(panel.webview.html, /b年报.txt/);
  fake.recorded.activeListeners.forEach((f) => f({ document: other }));
  fake.recorded.activeListeners.forEach((f) => f(undefined));
  await wait(10);
  assert.match(panel.webview.html, /b年报.txt/);
  // The language changes: the page is asked for again, the title follows at once.
  fake.recorded.settings = { language: "zh" };
  const asked = client.requests.length;
  fake.recorded.configListeners.forEach((f) => f({ affectsConfiguration: (s) => s === "nianbao.language" }));
  await wait(400);
  assert.equal(client.requests.length, asked + 1);
  assert.equal(panel.title, "統計表預覽 · b年报.txt");
  // Typing in the shown report refreshes it; in another, not.
  fake.recorded.changeListeners.forEach((f) => f({ document: a }));
  await wait(300);
  assert.equal(client.requests.length, asked + 1);
  fake.recorded.changeListeners.forEach((f) => f({ document: b }));
  await wait(300);
  assert.equal(client.requests.length, asked + 2);
});

test("detection can be turned off", async () => {
  fake.recorded.settings = { detectReports: false };
  const before = fake.recorded.languageSet.length;
  fake.recorded.openListeners.forEach((f) => f(new fake.TextDocument("/r/c年度报告.txt", "plaintext", "")));
  assert.equal(fake.recorded.languageSet.length, before);
});
