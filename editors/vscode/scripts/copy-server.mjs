// Copies the release binary into server/ for packaging (linux-x64 as server/nianbao). Builds it
// with cargo when it is not there. Other platforms: build `cargo build --release --target …` on
// that platform and copy the binary to server/<platform>-<arch>/nianbao[.exe] before packaging.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, chmodSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..", "..");
const binary = join(root, "target", "release", "nianbao");
if (!existsSync(binary) || process.env.NIANBAO_REBUILD) {
  execFileSync("cargo", ["build", "--release", "--bin", "nianbao"], { cwd: root, stdio: "inherit" });
}
const out = resolve(here, "..", "server");
mkdirSync(out, { recursive: true });
copyFileSync(binary, join(out, "nianbao"));
chmodSync(join(out, "nianbao"), 0o755);
// The release profile keeps line tables for profiling; the shipped binary need not.
try {
  execFileSync("strip", [join(out, "nianbao")]);
} catch {
  console.log("strip not found: the binary is shipped unstripped");
}
console.log(`server: ${join(out, "nianbao")}`);
