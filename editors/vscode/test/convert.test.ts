import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import { convertCommand, isConvertible, textName } from "../src/convert";

test("Word files, web pages and PDFs are opened through nianbao convert", () => {
  for (const f of ["年报.docx", "a/B.HTML", "x.htm", "r.pdf", "old.doc", "w.wps"]) {
    assert.equal(isConvertible(f), true, f);
  }
  for (const f of ["年报.txt", "notes.md", "docx", "a.docx.bak"]) {
    assert.equal(isConvertible(f), false, f);
  }
  assert.deepEqual(convertCommand("/opt/nianbao", "/r/年报𠀀.docx", "en"), {
    command: "/opt/nianbao",
    args: ["convert", "--to", "txt", "--lang", "en", "/r/年报𠀀.docx"],
  });
  assert.deepEqual(convertCommand("nianbao", "r.pdf", "zh").args.slice(3, 5), ["--lang", "zh"]);
  assert.equal(textName(path.join("/r", "某县2025年报.docx")), path.join("/r", "某县2025年报.txt"));
});
