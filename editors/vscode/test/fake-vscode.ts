// Just enough of the `vscode` module to activate the extension outside VS Code and see what
// it did.

type Listener<T> = (e: T) => unknown;

export const recorded = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { id: string; args: unknown[] }[],
  languageSet: [] as { fileName: string; language: string }[],
  opened: [] as { language?: string; content?: string }[],
  inputs: [] as (string | undefined)[],
  openListeners: [] as Listener<TextDocument>[],
  changeListeners: [] as Listener<{ document: TextDocument }>[],
  settings: {} as Record<string, unknown>,
  documents: [] as TextDocument[],
};

export class Range {
  constructor(
    public startLine: number,
    public startCharacter: number,
    public endLine: number,
    public endCharacter: number,
  ) {}
}

export class TextDocument {
  uri: { toString(): string; path: string };
  constructor(
    public fileName: string,
    public languageId: string,
    private text: string,
  ) {
    this.uri = { toString: () => `file://${fileName}`, path: fileName };
  }
  getText(range?: Range): string {
    if (!range) {
      return this.text;
    }
    return this.text.split("\n").slice(range.startLine, range.endLine).join("\n");
  }
}

export const ViewColumn = { Beside: -2 };

export const workspace = {
  getConfiguration: (_section: string) => ({
    get: <T>(key: string, fallback: T): T => (key in recorded.settings ? (recorded.settings[key] as T) : fallback),
  }),
  onDidOpenTextDocument: (f: Listener<TextDocument>) => {
    recorded.openListeners.push(f);
    return { dispose() {} };
  },
  onDidChangeTextDocument: (f: Listener<{ document: TextDocument }>) => {
    recorded.changeListeners.push(f);
    return { dispose() {} };
  },
  get textDocuments() {
    return recorded.documents;
  },
  openTextDocument: async (o: { language?: string; content?: string }) => {
    recorded.opened.push(o);
    return new TextDocument("untitled", o.language ?? "plaintext", o.content ?? "");
  },
};

export const languages = {
  setTextDocumentLanguage: async (doc: TextDocument, language: string) => {
    recorded.languageSet.push({ fileName: doc.fileName, language });
    return doc;
  },
};

export const window = {
  activeTextEditor: undefined as { document: TextDocument } | undefined,
  showInputBox: async () => recorded.inputs.shift(),
  showTextDocument: async () => undefined,
  showErrorMessage: async () => undefined,
  createWebviewPanel: () => ({ webview: { html: "" }, title: "", onDidDispose() {}, dispose() {} }),
};

export const commands = {
  registerCommand: (id: string, f: (...args: unknown[]) => unknown) => {
    recorded.commands.set(id, f);
    return { dispose() {} };
  },
  executeCommand: async (id: string, ...args: unknown[]) => {
    recorded.executed.push({ id, args });
  },
};
