// Reports that live in Word files, web pages and PDFs, opened as the text the server checks:
// `nianbao convert --to txt FILE` writes it, and the extension shows it as an untitled report.

import * as path from "path";

/** The extensions of the files `nianbao convert` reads besides text. */
export const CONVERTIBLE = [".docx", ".html", ".htm", ".pdf", ".doc", ".wps"];

/** Whether a file is one to open as text through `nianbao convert`. */
export function isConvertible(fileName: string): boolean {
  return CONVERTIBLE.includes(path.extname(fileName).toLowerCase());
}

/** The command that writes the report of `file` as text on standard output. */
export function convertCommand(binary: string, file: string, lang: string): { command: string; args: string[] } {
  return { command: binary, args: ["convert", "--to", "txt", "--lang", lang === "en" ? "en" : "zh", file] };
}

/** The name of the untitled text document beside `file`: 「年报.docx」 → 「年报.txt」. */
export function textName(file: string): string {
  const base = path.basename(file, path.extname(file));
  return path.join(path.dirname(file), `${base}.txt`);
}
