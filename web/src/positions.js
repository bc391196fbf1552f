// LSP positions ({line, character}, UTF-16 code units) to CodeMirror offsets and back. A
// CodeMirror document indexes UTF-16 code units too, so a character is an offset within its
// line; positions past a line's end stay at its end, past the last line at the document's end.

/** The offset of an LSP position in a CodeMirror `Text`. */
export function offsetOf(doc, pos) {
  if (!pos || pos.line < 0) return 0;
  if (pos.line >= doc.lines) return doc.length;
  const line = doc.line(pos.line + 1);
  return Math.min(line.from + Math.max(0, pos.character), line.to);
}

/** The LSP position of an offset in a CodeMirror `Text`. */
export function positionOf(doc, offset) {
  const line = doc.lineAt(Math.max(0, Math.min(offset, doc.length)));
  return { line: line.number - 1, character: offset - line.from };
}

/** LSP text edits as offsets of `doc`: `[{from, to, insert}]`. */
export function editsOf(doc, edits) {
  return edits.map((e) => {
    const from = offsetOf(doc, e.range.start);
    return { from, to: Math.max(from, offsetOf(doc, e.range.end)), insert: e.newText };
  });
}

/** Offsets edits carried through the changes made since they were computed. */
export function mapEdits(edits, changes) {
  if (!changes || changes.empty) return edits;
  return edits.map((e) => {
    const from = changes.mapPos(e.from, 1);
    return { from, to: Math.max(from, changes.mapPos(e.to, -1)), insert: e.insert };
  });
}
