// The nianbao extension: starts `nianbao lsp`, detects report files, and adds commands and the
// table preview. Everything about reports is the server's; this is glue.

import { execFile } from "child_process";
import * as fs from "fs";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { convertCommand, isConvertible, textName } from "./convert";
import { HEAD_LINES, looksLikeReport } from "./detect";
import { Lang, MessageKey, localeScript, resolveLang, say, textScript } from "./i18n";
import { Preview } from "./preview";
import { fillsDocument, reportFileName } from "./report";
import { initializationOptions, newReportParams, serverCommand } from "./settings";

let client: LanguageClient | undefined;
let preview: Preview | undefined;

const LANGUAGE = "nianbao";
const FIX_ALL = "source.fixAll.nianbao";

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration("nianbao");
}

/** The language the clerk reads, by the setting and VS Code's display language. */
function lang(): Lang {
  return resolveLang(config().get<string>("language", "auto"), vscode.env.language);
}

/** A message about a report, in its script; or, without one, in the display language's. */
function message(key: MessageKey, doc?: vscode.TextDocument): string {
  const script = doc ? textScript(doc.getText()) : localeScript(vscode.env.language);
  return say(key, lang(), script);
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
  return new LanguageClient("nianbao", message("serverName"), serverOptions, clientOptions);
}

/** 「新建年度报告」: the template fills the active editor when it is an empty report (or an
 * empty file just made), else a new file to be saved as 「<单位><年度>年政府信息公开工作年度报告.txt」. */
async function newReport(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const target = active && fillsDocument(active.languageId, active.getText()) ? active : undefined;
  const organisation = await vscode.window.showInputBox({ prompt: message("organisationPrompt"), ignoreFocusOut: true });
  if (organisation === undefined) {
    return;
  }
  const year = await vscode.window.showInputBox({
    prompt: message("yearPrompt"),
    value: String(new Date().getFullYear() - 1),
    ignoreFocusOut: true,
  });
  const params = newReportParams(organisation, year);
  if (!params || !client) {
    void vscode.window.showErrorMessage(message("needOrganisationAndYear"));
    return;
  }
  // A Chinese VS Code for Taiwan or Hong Kong gets the template in traditional script.
  const script = lang() === "zh" ? localeScript(vscode.env.language) : "hans";
  const r = await client.sendRequest<{ text: string }>("nianbao/newReport", script === "hant" ? { ...params, script } : params);
  let doc = target;
  if (!doc) {
    const name = reportFileName(params.organisation, params.year, script);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = folder ? vscode.Uri.joinPath(folder, name).with({ scheme: "untitled" }) : vscode.Uri.from({ scheme: "untitled", path: name });
    doc = await vscode.workspace.openTextDocument(uri);
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), r.text);
  await vscode.workspace.applyEdit(edit);
  if (doc.languageId !== LANGUAGE) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  }
  await vscode.window.showTextDocument(doc);
}

/** Applies the server's "fix all safe problems", or says there is nothing safe to fix. */
async function fixAll(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== LANGUAGE) {
    void vscode.window.showInformationMessage(message("notAReport"));
    return;
  }
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>("vscode.executeCodeActionProvider", doc.uri, whole, FIX_ALL)) ?? [];
  const fix = actions.find((a): a is vscode.CodeAction => "edit" in a && a.edit !== undefined && a.kind?.value === FIX_ALL);
  if (!fix?.edit) {
    void vscode.window.showInformationMessage(message("nothingToFix", doc));
    return;
  }
  await vscode.workspace.applyEdit(fix.edit);
}

/** Opens a Word file, web page or PDF report (the one given by the explorer, else the active
 * one) as the text the server checks, in an untitled report beside the table preview. */
async function openAsText(context: vscode.ExtensionContext, target?: unknown): Promise<void> {
  const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== "file" || !isConvertible(uri.fsPath)) {
    void vscode.window.showInformationMessage(message("notConvertible"));
    return;
  }
  const binary = serverCommand(config(), context.extensionPath, process.platform, process.arch, fs.existsSync).command;
  const { command, args } = convertCommand(binary, uri.fsPath, lang());
  const text = await new Promise<string | undefined>((resolve) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (err, stdout, stderr) => {
      if (err) {
        // nianbao says why (a missing program names its package); show its words.
        void vscode.window.showErrorMessage(`${message("conversionFailed")} ${(stderr || err.message).trim()}`);
        resolve(undefined);
      } else {
        resolve(stdout);
      }
    });
  });
  if (text === undefined) {
    return;
  }
  let doc = await vscode.workspace.openTextDocument(vscode.Uri.file(textName(uri.fsPath)).with({ scheme: "untitled" }));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  await vscode.workspace.applyEdit(edit);
  doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  await vscode.window.showTextDocument(doc);
  await preview?.show(doc);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  preview = new Preview(() => client, lang);
  const register = (id: string, run: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register("nianbao.treatAsReport", async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc) {
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    }
  });
  register("nianbao.newReport", newReport);
  register("nianbao.fixAll", fixAll);
  register("nianbao.showPreview", async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && preview) {
      await preview.show(doc);
    }
  });
  register("nianbao.openAsText", (target) => openAsText(context, target));
  register("nianbao.restartServer", async () => {
    if (client) {
      await client.restart();
    }
  });

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(detect),
    vscode.workspace.onDidChangeTextDocument((e) => preview?.changed(e.document)),
    vscode.window.onDidChangeActiveTextEditor((e) => preview?.follow(e?.document)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The server hears of the change from the client; the page follows once it has.
      if (e.affectsConfiguration("nianbao.language")) {
        preview?.refreshSoon(300);
      }
    }),
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
