// The nianbao extension: starts `nianbao lsp`, detects report files, and adds commands and the
// table preview. Everything about reports is the server's; this is glue.

import * as fs from "fs";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { HEAD_LINES, looksLikeReport } from "./detect";
import { Preview } from "./preview";
import { initializationOptions, newReportParams, serverCommand } from "./settings";

let client: LanguageClient | undefined;
let preview: Preview | undefined;

const LANGUAGE = "nianbao";

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration("nianbao");
}

/** Switches a plain-text report to the report language. */
function detect(doc: vscode.TextDocument): void {
  if (doc.languageId !== "plaintext" || !config().get<boolean>("detectReports", true)) {
    return;
  }
  const head = doc.getText(new vscode.Range(0, 0, HEAD_LINES, 0));
  if (looksLikeReport(doc.fileName, head)) {
    void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  }
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const { command, args } = serverCommand(config(), context.extensionPath, process.platform, process.arch, fs.existsSync);
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE }],
    initializationOptions: initializationOptions(config()),
    synchronize: { configurationSection: "nianbao" },
  };
  return new LanguageClient("nianbao", "年报检查 nianbao", serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  preview = new Preview(() => client);
  const register = (id: string, run: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register("nianbao.treatAsReport", async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc) {
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    }
  });
  register("nianbao.newReport", async () => {
    const organisation = await vscode.window.showInputBox({ prompt: "单位名称（如：某某县人民政府）/ Organisation" });
    if (organisation === undefined) {
      return;
    }
    const year = await vscode.window.showInputBox({
      prompt: "报告年度 / Year the report covers",
      value: String(new Date().getFullYear() - 1),
    });
    const params = newReportParams(organisation, year);
    if (!params || !client) {
      void vscode.window.showErrorMessage("需要单位名称和年度（如 2025）。/ An organisation and a year (e.g. 2025) are needed.");
      return;
    }
    const r = await client.sendRequest<{ text: string }>("nianbao/newReport", params);
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE, content: r.text });
    await vscode.window.showTextDocument(doc);
  });
  register("nianbao.fixAll", () =>
    vscode.commands.executeCommand("editor.action.codeAction", { kind: "source.fixAll.nianbao", apply: "first" }),
  );
  register("nianbao.showPreview", async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && preview) {
      await preview.show(doc);
    }
  });
  register("nianbao.restartServer", async () => {
    if (client) {
      await client.restart();
    }
  });

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(detect),
    vscode.workspace.onDidChangeTextDocument((e) => preview?.changed(e.document)),
  );
  vscode.workspace.textDocuments.forEach(detect);
  await client.start();
}

export async function deactivate(): Promise<void> {
  preview?.dispose();
  if (client) {
    await client.stop();
    client = undefined;
  }
}
