// Builds the release binary and copies it into server/ for packaging: server/nianbao on Linux
// x64, server/<platform>-<arch>/nianbao[.exe] elsewhere (where src/settings.ts looks for it).
// cargo does nothing when the binary is up to date, so a stale one is never shipped.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, chmodSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..", "..");
execFileSync("cargo", ["build", "--release", "--bin", "nianbao"], { cwd: root, stdio: "inherit" });
const exe = process.platform === "win32" ? "nianbao.exe" : "nianbao";
const binary = join(root, "target", "release", exe);
const linux = process.platform === "linux" && process.arch === "x64";
const out = linux ? resolve(here, "..", "server") : resolve(here, "..", "server", `${process.platform}-${process.arch}`);
mkdirSync(out, { recursive: true });
copyFileSync(binary, join(out, exe));
chmodSync(join(out, exe), 0o755);
// The release profile keeps line tables for profiling; the shipped binary need not.
try {
  execFileSync("strip", [join(out, exe)]);
} catch {
  console.log("strip not available: the binary is shipped unstripped");
}
console.log(`server: ${join(out, exe)}`);
