// What the extension tells the server, and where it finds it.

import * as path from "path";

/** The part of `vscode.WorkspaceConfiguration` that is used. */
export interface Config {
  get<T>(key: string, fallback: T): T;
}

/** The options sent with `initialize` (and again as settings when they change). */
export function initializationOptions(config: Config): { severity: Record<string, string>; language: string } {
  const severity = config.get<Record<string, string>>("severity", {});
  const language = config.get<string>("language", "auto");
  return { severity: { ...severity }, language };
}

/** The binary shipped inside the extension for this platform. */
export function bundledServer(extensionPath: string, platform: string, arch: string): string {
  const exe = platform === "win32" ? "nianbao.exe" : "nianbao";
  // Linux x64 is shipped as server/nianbao; other platforms as server/<platform>-<arch>/nianbao.
  if (platform === "linux" && arch === "x64") {
    return path.join(extensionPath, "server", exe);
  }
  return path.join(extensionPath, "server", `${platform}-${arch}`, exe);
}

/** The command that starts the server: the configured path, the shipped binary, or PATH. */
export function serverCommand(
  config: Config,
  extensionPath: string,
  platform: string,
  arch: string,
  exists: (p: string) => boolean,
): { command: string; args: string[] } {
  const configured = config.get<string>("server.path", "").trim();
  if (configured) {
    return { command: configured, args: ["lsp"] };
  }
  const bundled = bundledServer(extensionPath, platform, arch);
  return { command: exists(bundled) ? bundled : "nianbao", args: ["lsp"] };
}

/** Organisation and year of a new report, checked. */
export function newReportParams(organisation: string | undefined, year: string | undefined): { organisation: string; year: number } | undefined {
  const org = (organisation ?? "").trim();
  const y = Number((year ?? "").trim());
  if (!org || !Number.isInteger(y) || y < 1990 || y > 2200) {
    return undefined;
  }
  return { organisation: org, year: y };
}
