import { test } from "node:test";
import * as assert from "node:assert/strict";
import { MESSAGES, localeScript, resolveLang, say, textScript } from "../src/i18n";
import { fillsDocument, reportFileName } from "../src/report";
import * as fs from "fs";
import * as path from "path";

test("the language: the setting, else English in an English VS Code, else Chinese", () => {
  assert.equal(resolveLang("auto", "en"), "en");
  assert.equal(resolveLang("auto", "en-GB"), "en");
  assert.equal(resolveLang("auto", "zh-cn"), "zh");
  assert.equal(resolveLang("auto", "zh-tw"), "zh");
  assert.equal(resolveLang(undefined, "zh-cn"), "zh");
  assert.equal(resolveLang("en", "zh-cn"), "en");
  assert.equal(resolveLang("zh", "en"), "zh");
});

test("the script: the report's, else the display language's", () => {
  assert.equal(textScript("集贤县𠀀2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况"), "hans");
  assert.equal(textScript("芷江縣2025年政府信息公開工作年度報告\n三、收到和處理政府信息公開申請情況"), "hant");
  assert.equal(textScript(""), "hans");
  assert.equal(localeScript("zh-tw"), "hant");
  assert.equal(localeScript("zh-hk"), "hant");
  assert.equal(localeScript("zh-cn"), "hans");
  assert.equal(localeScript("en"), "hans");
  assert.equal(say("nothingToFix", "zh", "hant"), "這份報告中沒有可以安全修復的問題。");
  assert.equal(say("nothingToFix", "en", "hant"), "Nothing in this report can be fixed safely.");
  // Every message has all three forms, and the traditional ones differ where the words do.
  for (const m of Object.values(MESSAGES)) {
    assert.ok(m.en && m.hans && m.hant);
  }
});

test("a new report's file name and the files a template fills", () => {
  assert.equal(reportFileName("某县民政局", 2025), "某县民政局2025年政府信息公开工作年度报告.txt");
  assert.equal(reportFileName("某縣/民政局", 2025, "hant"), "某縣民政局2025年政府信息公開工作年度報告.txt");
  assert.ok(fillsDocument("nianbao", ""));
  assert.ok(fillsDocument("plaintext", " \n\n"));
  assert.ok(!fillsDocument("nianbao", "一、总体情况"));
  assert.ok(!fillsDocument("markdown", ""));
});

test("command titles and settings are translated into English, simplified and traditional Chinese", () => {
  const dir = path.join(__dirname, "..", "..");
  const manifest = fs.readFileSync(path.join(dir, "package.json"), "utf8");
  const keys = [...manifest.matchAll(/"%([^%]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length >= 13);
  for (const file of ["package.nls.json", "package.nls.zh-cn.json", "package.nls.zh-tw.json"]) {
    const nls = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    for (const k of keys) {
      assert.ok(typeof nls[k] === "string" && nls[k].length > 0, `${file} lacks ${k}`);
    }
  }
  const hans = JSON.parse(fs.readFileSync(path.join(dir, "package.nls.zh-cn.json"), "utf8"));
  const hant = JSON.parse(fs.readFileSync(path.join(dir, "package.nls.zh-tw.json"), "utf8"));
  assert.equal(hans["command.newReport"], "新建年度报告");
  assert.equal(hant["command.newReport"], "新建年度報告");
  assert.equal(textScript(Object.values(hant).join("")), "hant");
  assert.equal(textScript(Object.values(hans).join("")), "hans");
});
