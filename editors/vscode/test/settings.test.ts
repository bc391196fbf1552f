import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import { bundledServer, initializationOptions, newReportParams, serverCommand } from "../src/settings";

const config = (values: Record<string, unknown>) => ({
  get: <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback),
});

test("the server: configured path, shipped binary, or PATH", () => {
  const ext = "/ext";
  assert.deepEqual(serverCommand(config({ "server.path": "/opt/nianbao" }), ext, "linux", "x64", () => true), {
    command: "/opt/nianbao",
    args: ["lsp"],
  });
  assert.deepEqual(serverCommand(config({}), ext, "linux", "x64", () => true), {
    command: path.join(ext, "server", "nianbao"),
    args: ["lsp"],
  });
  assert.deepEqual(serverCommand(config({}), ext, "linux", "x64", () => false), { command: "nianbao", args: ["lsp"] });
  assert.equal(bundledServer(ext, "win32", "x64"), path.join(ext, "server", "win32-x64", "nianbao.exe"));
  assert.equal(bundledServer(ext, "darwin", "arm64"), path.join(ext, "server", "darwin-arm64", "nianbao"));
});

test("settings reach the server as initialization options", () => {
  const o = initializationOptions(config({ severity: { "missing-fee-statement": "off" }, language: "en" }));
  assert.deepEqual(o, { severity: { "missing-fee-statement": "off" }, language: "en" });
  assert.deepEqual(initializationOptions(config({})), { severity: {}, language: "auto" });
});

test("a new report needs an organisation and a plausible year", () => {
  assert.deepEqual(newReportParams(" 某县民政局 ", "2025"), { organisation: "某县民政局", year: 2025 });
  assert.equal(newReportParams("", "2025"), undefined);
  assert.equal(newReportParams("某县", "二〇二五"), undefined);
  assert.equal(newReportParams("某县", "1850"), undefined);
});
