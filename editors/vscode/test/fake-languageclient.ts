// A stand-in for vscode-languageclient's LanguageClient that records how it was made and used.

export const TransportKind = { stdio: 0 };

export const clients: LanguageClient[] = [];

export class LanguageClient {
  started = false;
  requests: { method: string; params: unknown }[] = [];
  constructor(
    public id: string,
    public name: string,
    public serverOptions: { command: string; args: string[] },
    public clientOptions: { documentSelector: unknown; initializationOptions: unknown; synchronize: unknown },
  ) {
    clients.push(this);
  }
  async start() {
    this.started = true;
  }
  async stop() {
    this.started = false;
  }
  async restart() {}
  async sendRequest<T>(method: string, params: unknown): Promise<T> {
    this.requests.push({ method, params });
    // The page names the document it was rendered for.
    const uri = (params as { textDocument?: { uri: string } }).textDocument?.uri;
    return { text: "某县2025年政府信息公开工作年度报告\n", html: `<html><head></head><body>${uri}</body></html>` } as T;
  }
}
