// Just enough of the `vscode` module to activate the extension outside VS Code and see what
// it did.

type Listener<T> = (e: T) => unknown;

export const recorded = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { id: string; args: unknown[] }[],
  languageSet: [] as { fileName: string; language: string }[],
  opened: [] as { uri?: string; language?: string; content?: string }[],
  shown: [] as TextDocument[],
  inputs: [] as (string | undefined)[],
  prompts: [] as string[],
  info: [] as string[],
  errors: [] as string[],
  applied: [] as WorkspaceEdit[],
  openListeners: [] as Listener<TextDocument>[],
  changeListeners: [] as Listener<{ document: TextDocument }>[],
  activeListeners: [] as Listener<{ document: TextDocument } | undefined>[],
  configListeners: [] as Listener<{ affectsConfiguration(s: string): boolean }>[],
  settings: {} as Record<string, unknown>,
  documents: [] as TextDocument[],
  /** What `vscode.executeCodeActionProvider` answers. */
  codeActions: [] as unknown[],
  panels: [] as { webview: { html: string }; title: string; disposed: boolean }[],
};

export class Range {
  constructor(
    public startLine: number,
    public startCharacter: number,
    public endLine: number,
    public endCharacter: number,
  ) {}
}

export class Uri {
  constructor(
    public scheme: string,
    public path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri("file", path);
  }
  static from(c: { scheme: string; path: string }): Uri {
    return new Uri(c.scheme, c.path);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...parts].join("/"));
  }
  with(c: { scheme?: string; path?: string }): Uri {
    return new Uri(c.scheme ?? this.scheme, c.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class TextDocument {
  uri: Uri;
  constructor(
    public fileName: string,
    public languageId: string,
    public text: string,
    scheme = "file",
  ) {
    this.uri = new Uri(scheme, fileName);
  }
  get lineCount(): number {
    return this.text.split("\n").length;
  }
  getText(range?: Range): string {
    if (!range) {
      return this.text;
    }
    return this.text.split("\n").slice(range.startLine, range.endLine).join("\n");
  }
}

export class WorkspaceEdit {
  edits: { uri: Uri; range: Range; text: string }[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.edits.push({ uri, range, text });
  }
}

export const ViewColumn = { Beside: -2 };

export const env = { language: "en" };

export const workspace = {
  workspaceFolders: undefined as { uri: Uri }[] | undefined,
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
  onDidChangeConfiguration: (f: Listener<{ affectsConfiguration(s: string): boolean }>) => {
    recorded.configListeners.push(f);
    return { dispose() {} };
  },
  get textDocuments() {
    return recorded.documents;
  },
  openTextDocument: async (o: Uri | { language?: string; content?: string }) => {
    if (o instanceof Uri) {
      recorded.opened.push({ uri: o.toString() });
      const doc = new TextDocument(o.path, o.path.endsWith(".txt") ? "plaintext" : "plaintext", "", o.scheme);
      recorded.documents.push(doc);
      return doc;
    }
    recorded.opened.push(o);
    return new TextDocument("untitled", o.language ?? "plaintext", o.content ?? "");
  },
  applyEdit: async (e: WorkspaceEdit) => {
    recorded.applied.push(e);
    for (const x of e.edits) {
      const doc = recorded.documents.find((d) => d.uri.toString() === x.uri.toString());
      if (doc) {
        doc.text = x.text;
      }
    }
    return true;
  },
};

export const languages = {
  setTextDocumentLanguage: async (doc: TextDocument, language: string) => {
    recorded.languageSet.push({ fileName: doc.fileName, language });
    doc.languageId = language;
    return doc;
  },
};

export const window = {
  activeTextEditor: undefined as { document: TextDocument } | undefined,
  showInputBox: async (o: { prompt: string }) => {
    recorded.prompts.push(o.prompt);
    return recorded.inputs.shift();
  },
  showTextDocument: async (doc: TextDocument) => {
    recorded.shown.push(doc);
    return undefined;
  },
  showErrorMessage: async (m: string) => {
    recorded.errors.push(m);
    return undefined;
  },
  showInformationMessage: async (m: string) => {
    recorded.info.push(m);
    return undefined;
  },
  onDidChangeActiveTextEditor: (f: Listener<{ document: TextDocument } | undefined>) => {
    recorded.activeListeners.push(f);
    return { dispose() {} };
  },
  createWebviewPanel: (_id: string, title: string) => {
    const panel = {
      webview: { html: "" },
      title,
      disposed: false,
      onDidDispose() {},
      dispose() {
        panel.disposed = true;
      },
    };
    recorded.panels.push(panel);
    return panel;
  },
};

export const commands = {
  registerCommand: (id: string, f: (...args: unknown[]) => unknown) => {
    recorded.commands.set(id, f);
    return { dispose() {} };
  },
  executeCommand: async (id: string, ...args: unknown[]) => {
    recorded.executed.push({ id, args });
    if (id === "vscode.executeCodeActionProvider") {
      return recorded.codeActions;
    }
    return undefined;
  },
};
