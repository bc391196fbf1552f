import { test } from "node:test";
import * as assert from "node:assert/strict";
import { looksLikeReport } from "../src/detect";

test("report titles in either script, also split over lines", () => {
  assert.ok(looksLikeReport("/x/a.txt", "集贤县人民政府𠀀2025年政府信息公开工作年度报告\n一、总体情况"));
  assert.ok(looksLikeReport("/x/a.txt", "芷江縣2025年政府信息公開工作年度報告"));
  assert.ok(looksLikeReport("/x/a.txt", "\n\n集贤县人民政府2025年\n\n政府信息公开工作年度报告\n"));
  assert.ok(looksLikeReport("/x/a.txt", "西坪镇人民政府 2025 年政府信息公开 工作年度报告"));
});

test("report file names", () => {
  assert.ok(looksLikeReport("/reports/2025年度报告.txt", ""));
  assert.ok(looksLikeReport("C:\\\\docs\\\\县政府年报2024.txt", ""));
  assert.ok(!looksLikeReport("/reports/年度报告.docx", ""));
});

test("other text files are left alone", () => {
  assert.ok(!looksLikeReport("/notes/todo.txt", "一、总体情况\n政府信息公开工作要点"));
  assert.ok(!looksLikeReport("/notes/a.txt", "\n".repeat(20) + "政府信息公开工作年度报告"));
});
