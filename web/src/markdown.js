// The little markdown the core's hovers use, rendered to DOM without any library and without
// ever making a link or an image that could reach the network: headings, paragraphs, lists,
// tables, **bold**, *italic*, `code`, fenced code and rules.

function inline(parent, text) {
  // Tokens: `code`, **bold**, *italic* / _italic_; links show their text only.
  const re = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\([^)]*\))/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    const tok = m[0];
    let el;
    if (m[1]) {
      el = document.createElement("code");
      el.textContent = tok.slice(1, -1);
    } else if (m[2]) {
      el = document.createElement("strong");
      inline(el, tok.slice(2, -2));
    } else if (m[3]) {
      el = document.createElement("em");
      inline(el, tok.slice(1, -1));
    } else {
      el = document.createElement("span");
      inline(el, tok.slice(1, tok.indexOf("](")));
    }
    parent.append(el);
    last = m.index + tok.length;
  }
  if (last < text.length) parent.append(text.slice(last));
}

function cells(line) {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|")) s = s.slice(0, -1);
  return s.split("|").map((c) => c.trim());
}

/** A DOM fragment for `md`. */
export function renderMarkdown(md) {
  const root = document.createElement("div");
  root.className = "md";
  const lines = md.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) {
      i++;
    } else if (/^```/.test(line)) {
      const pre = document.createElement("pre");
      const body = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i])) body.push(lines[i++]);
      i++;
      pre.textContent = body.join("\n");
      root.append(pre);
    } else if (/^#{1,6}\s/.test(line)) {
      const level = Math.min(line.match(/^#+/)[0].length + 2, 6);
      const h = document.createElement(`h${level}`);
      inline(h, line.replace(/^#+\s*/, ""));
      root.append(h);
      i++;
    } else if (/^\s*(---|\*\*\*|___)\s*$/.test(line)) {
      root.append(document.createElement("hr"));
      i++;
    } else if (/^\s*\|/.test(line)) {
      const table = document.createElement("table");
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(lines[i++]);
      rows.forEach((row, k) => {
        if (/^\s*\|?\s*:?-{2,}/.test(row)) return; // the header's underline
        const tr = document.createElement("tr");
        for (const c of cells(row)) {
          const td = document.createElement(k === 0 && rows.length > 1 && /-{2,}/.test(rows[1]) ? "th" : "td");
          inline(td, c);
          tr.append(td);
        }
        table.append(tr);
      });
      root.append(table);
    } else if (/^\s*([-*+]|\d+\.)\s/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const list = document.createElement(ordered ? "ol" : "ul");
      while (i < lines.length && /^\s*([-*+]|\d+\.)\s/.test(lines[i])) {
        const li = document.createElement("li");
        inline(li, lines[i].replace(/^\s*([-*+]|\d+\.)\s+/, ""));
        list.append(li);
        i++;
      }
      root.append(list);
    } else {
      const p = document.createElement("p");
      const body = [];
      while (i < lines.length && lines[i].trim() !== "" && !/^(#{1,6}\s|```|\s*\||\s*([-*+]|\d+\.)\s)/.test(lines[i])) {
        body.push(lines[i++].replace(/\s{2,}$/, ""));
      }
      body.forEach((b, k) => {
        if (k > 0) p.append(document.createElement("br"));
        inline(p, b);
      });
      root.append(p);
    }
  }
  return root;
}
