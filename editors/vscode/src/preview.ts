// The live table preview: the HTML comes from the server (the same renderer as
// `nianbao render --format html`); the extension only shows it.

import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

/** Scripts off; the page's own styles allowed. */
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">`;

export function withCsp(html: string): string {
  return html.replace("<head>", `<head>${CSP}`);
}

export class Preview {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Opens the preview beside the editor, for `doc`. */
  async show(doc: vscode.TextDocument): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel("nianbao.preview", "统计表预览", vscode.ViewColumn.Beside, {
        enableScripts: false,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
    }
    this.uri = doc.uri;
    this.panel.title = `统计表预览 · ${doc.uri.path.split("/").pop()}`;
    await this.refresh();
  }

  /** The shown document changed: refresh after typing pauses. */
  changed(doc: vscode.TextDocument): void {
    if (!this.panel || !this.uri || doc.uri.toString() !== this.uri.toString()) {
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => void this.refresh(), 250);
  }

  private async refresh(): Promise<void> {
    const client = this.client();
    if (!this.panel || !this.uri || !client) {
      return;
    }
    try {
      const r = await client.sendRequest<{ html: string }>("nianbao/render", { textDocument: { uri: this.uri.toString() } });
      if (this.panel && r && typeof r.html === "string") {
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
