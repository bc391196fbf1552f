// The live table preview: the HTML comes from the server (the same renderer as
// `nianbao render --format html`); the extension only shows it. It follows the active report
// editor and the language setting.

import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { Lang, say, textScript } from "./i18n";

/** Scripts off; the page's own styles allowed. */
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">`;

export function withCsp(html: string): string {
  return html.replace("<head>", `<head>${CSP}`);
}

/** The part of a document the preview needs. */
export interface Shown {
  uri: vscode.Uri;
  languageId: string;
  getText(): string;
}

export class Preview {
  private panel: vscode.WebviewPanel | undefined;
  private doc: Shown | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly lang: () => Lang,
  ) {}

  /** The document shown, if the preview is open. */
  get shown(): vscode.Uri | undefined {
    return this.panel ? this.doc?.uri : undefined;
  }

  /** Opens the preview beside the editor, for `doc`. */
  async show(doc: Shown): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel("nianbao.preview", say("previewTitle", this.lang()), vscode.ViewColumn.Beside, {
        enableScripts: false,
        enableFindWidget: true,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
    }
    this.doc = doc;
    await this.refresh();
  }

  /** Another editor became active: show its report instead. */
  follow(doc: Shown | undefined): void {
    if (!this.panel || !doc || doc.languageId !== "nianbao" || doc.uri.toString() === this.doc?.uri.toString()) {
      return;
    }
    this.doc = doc;
    void this.refresh();
  }

  /** The shown document changed: refresh after typing pauses. */
  changed(doc: Shown): void {
    if (!this.panel || !this.doc || doc.uri.toString() !== this.doc.uri.toString()) {
      return;
    }
    this.doc = doc;
    this.refreshSoon();
  }

  /** Something the page depends on changed (the language): refresh shortly, once the server
   * has the new settings. */
  refreshSoon(delay = 250): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    const client = this.client();
    const doc = this.doc;
    if (!this.panel || !doc || !client) {
      return;
    }
    const name = doc.uri.path.split("/").pop();
    this.panel.title = `${say("previewTitle", this.lang(), textScript(doc.getText()))} · ${name}`;
    try {
      const r = await client.sendRequest<{ html: string }>("nianbao/render", { textDocument: { uri: doc.uri.toString() } });
      if (this.panel && this.doc === doc && r && typeof r.html === "string") {
        this.panel.webview.html = withCsp(r.html);
      }
    } catch (e) {
      // The server may be restarting; the next change refreshes.
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
