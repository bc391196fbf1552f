import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { activate } from "../src/extension";
// The same modules the build maps `vscode` and the language client to.
import { clients } from "./fake-languageclient";
import * as fake from "./fake-vscode";

test("activation starts the server, registers every command and detects reports", async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
  fake.recorded.settings = { severity: { "stray-markup": "off" }, language: "zh", "server.path": "/bin/nianbao-test" };
  const report = new fake.TextDocument("/r/a.txt", "plaintext", "某县2025年\n政府信息公开工作年度报告\n一、总体情况");
  const notes = new fake.TextDocument("/r/notes.txt", "plaintext", "会议纪要");
  fake.recorded.documents.push(report, notes);
  const context = { subscriptions: [] as unknown[], extensionPath: "/ext" };
  await activate(context as never);

  const client = clients[0];
  assert.ok(client.started);
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

  // New report: asks, requests the text from the server, opens it as a report.
  fake.recorded.inputs.push("某县民政局", "2025");
  await fake.recorded.commands.get("nianbao.newReport")!();
  assert.deepEqual(client.requests.at(-1), { method: "nianbao/newReport", params: { organisation: "某县民政局", year: 2025 } });
  assert.equal(fake.recorded.opened.at(-1)?.language, "nianbao");

  // Fix all asks VS Code for the server's fix-all action.
  await fake.recorded.commands.get("nianbao.fixAll")!();
  assert.deepEqual(fake.recorded.executed.at(-1), {
    id: "editor.action.codeAction",
    args: [{ kind: "source.fixAll.nianbao", apply: "first" }],
  });
});

test("detection can be turned off", async () => {
  fake.recorded.settings = { detectReports: false };
  const before = fake.recorded.languageSet.length;
  fake.recorded.openListeners.forEach((f) => f(new fake.TextDocument("/r/c年度报告.txt", "plaintext", "")));
  assert.equal(fake.recorded.languageSet.length, before);
});
