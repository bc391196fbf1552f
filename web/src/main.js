// The page: opens reports, keeps the draft, sends each new text to the checker in the worker and
// shows what comes back. At most one analysis is in flight; text typed meanwhile waits for it
// and goes next, so typing never waits and a result older than the text shown is dropped (by
// its version number) or, if it is the newest, carried through the edits made since.
import { makeEditor, ChangeSet, EditorView, setDiagnostics, snippet } from "./editor.js";
import { t, isTraditional } from "./i18n.js";
import { renderMarkdown } from "./markdown.js";
import { offsetOf, positionOf, editsOf, mapEdits } from "./positions.js";
import * as drafts from "./drafts.js";

const MAX_MB = 30;
const $ = (id) => document.getElementById(id);

const app = {
  setting: drafts.loadSetting() || "auto", // the language switch: auto, zh-CN, zh-TW, en
  lang: "zh-CN", // the page's language now
  name: "",
  format: "text",
  docx: null, // the opened Word file, for saving it with fixes
  version: 0,
  sent: null, // {v, doc, changes}: the analysis in flight
  shown: { v: -1, findings: [], edits: [], places: [] }, // what the page shows; fixes and places as offsets
  sinceShown: null, // changes since the shown findings were set
  trackers: new Set(), // open queries' documents, carried through edits
  waiters: [], // promises waiting for a version's findings
  typedAt: new Map(), // version -> the keystroke's time
  stats: { firstFindings: null, latencies: [], analysis: [] },
  ready: false,
};

let client;
let editor;

// ---- words of the page ----

function effectiveLang(text) {
  if (app.setting !== "auto") return app.setting;
  return isTraditional(text ?? editor.view.state.doc.toString()) ? "zh-TW" : "zh-CN";
}

function relabel() {
  const lang = app.lang;
  document.documentElement.lang = lang === "en" ? "en" : lang;
  document.title = `${t(lang, "title")} · nianbao`;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(lang, el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-title]")) el.title = t(lang, el.dataset.tTitle);
  $("lang-auto").textContent = t(lang, "langAuto");
  editor?.relabel();
  renderFindings();
}

async function setLanguage(text) {
  const lang = effectiveLang(text);
  const changed = lang !== app.lang;
  app.lang = lang;
  if (changed) relabel();
  if (app.ready) {
    await client.call("setLang", { lang: app.setting === "auto" ? "auto" : lang });
    reanalyse();
  }
}

// ---- messages ----

/** A message made to end as a sentence, so that the page's next sentence can follow it. */
function sentence(message) {
  const m = String(message).trim();
  if (/[。！？.!?]["”」』）)]*$/.test(m)) return m;
  return m + (app.lang === "en" ? "." : "。");
}

let statusTimer;
function status(text, sticky = false) {
  const el = $("status-text");
  el.textContent = text;
  clearTimeout(statusTimer);
  if (!sticky) statusTimer = setTimeout(() => (el.textContent = ""), 6000);
}

function banner(text, kind = "") {
  const el = $("banner");
  el.dataset.kind = kind;
  if (!text) {
    el.hidden = true;
    return;
  }
  $("banner-text").textContent = text;
  el.hidden = false;
}

// ---- analysis ----

/** Called for every change of the document (typing, fixes, undo). */
function onChange(update) {
  app.version++;
  for (const tr of update.transactions) {
    if (tr.isUserEvent("input") || tr.isUserEvent("delete")) {
      app.typedAt.set(app.version, lastKey && performance.now() - lastKey < 100 ? lastKey : performance.now());
      break;
    }
  }
  // Changes are carried only on the document they started from: after a new file's reset the
  // old trackers are dead (their answers are dropped).
  const fits = (c) => c.newLength === update.changes.length;
  if (app.sent) {
    if (fits(app.sent.changes)) app.sent.changes = app.sent.changes.compose(update.changes);
    else app.sent = null;
  }
  if (app.sinceShown) app.sinceShown = fits(app.sinceShown) ? app.sinceShown.compose(update.changes) : null;
  for (const tr of app.trackers) {
    if (fits(tr.changes)) tr.changes = tr.changes.compose(update.changes);
    else {
      tr.dead = true;
      app.trackers.delete(tr);
    }
  }
  drafts.saveSoon(draftNow);
  if (!app.sent) queueMicrotask(sendUpdate);
}

let lastKey = 0;

/** Sends the current text unless it was sent already. */
function sendUpdate() {
  if (!app.ready) return;
  const doc = editor.view.state.doc;
  if (app.sent && app.sent.v === app.version) return;
  const sent = { v: app.version, doc, changes: ChangeSet.empty(doc.length) };
  app.sent = sent;
  $("status-busy").hidden = false;
  client.send("update", { text: doc.toString() }).then(
    ({ value, ms }) => received(sent, value, ms),
    (err) => {
      if (app.sent === sent) app.sent = null;
      banner(t(app.lang, "workerFailed", { message: err.message }));
    },
  );
}

function reanalyse() {
  app.version++;
  if (!app.sent) sendUpdate();
}

function severityOf(s) {
  if (s === 1 || s === "error") return "error";
  if (s === 2 || s === "warning") return "warning";
  if (s === 4 || s === "hint") return "hint";
  return "info";
}

function received(sent, json, ms) {
  if (app.sent !== sent) return; // a newer text went out since: this result is stale
  app.sent = null;
  app.stats.analysis.push(ms);
  const findings = JSON.parse(json);
  const view = editor.view;
  const at = (p) => sent.changes.mapPos(offsetOf(sent.doc, p), 1);
  const edits = [];
  const places = [];
  const diagnostics = findings.map((f, i) => {
    let from = at(f.range.start);
    let to = Math.max(from, sent.changes.mapPos(offsetOf(sent.doc, f.range.end), -1));
    const fixes = (f.fixes || []).map((fix) => mapEdits(editsOf(sent.doc, fix.edits), sent.changes));
    edits.push(fixes);
    places.push([from, ...(f.related || []).map((r) => at(r.range.start))]);
    return {
      from,
      to,
      severity: severityOf(f.severity),
      message: f.message,
      source: f.code,
      actions: (f.fixes || []).map((fix, k) => ({
        name: fix.title,
        apply: () => applyFix(i, k),
      })),
    };
  });
  app.shown = { v: sent.v, findings, edits, places };
  view.dispatch(setDiagnostics(view.state, diagnostics));
  app.sinceShown = ChangeSet.empty(view.state.doc.length);
  const now = performance.now();
  if (app.stats.firstFindings === null) app.stats.firstFindings = now;
  for (const [v, time] of app.typedAt) {
    if (v <= sent.v) {
      app.stats.latencies.push(now - time);
      app.typedAt.delete(v);
    }
  }
  renderFindings();
  notReportBanner(findings);
  app.waiters = app.waiters.filter((w) => (w.v <= sent.v ? (w.resolve(findings), false) : true));
  previewSoon();
  if (app.version !== sent.v) sendUpdate();
  else $("status-busy").hidden = true;
}

/** Resolves when the findings of the current text are shown. */
function settled() {
  if (app.shown.v === app.version && !app.sent) return Promise.resolve(app.shown.findings);
  return new Promise((resolve) => {
    app.waiters.push({ v: app.version, resolve });
    if (!app.sent) sendUpdate();
  });
}

/** Makes sure the worker has the current text; returns a tracker of the document it has. */
function sync() {
  if (!app.sent || app.sent.v !== app.version) {
    if (app.shown.v !== app.version) sendUpdate();
  }
  const doc = editor.view.state.doc;
  const tracker = { doc, changes: ChangeSet.empty(doc.length) };
  app.trackers.add(tracker);
  return tracker;
}

function release(tracker) {
  app.trackers.delete(tracker);
}

/** Text in which not one of the six sections was found is not a report: said once above it. */
function notReportBanner(findings) {
  const missing = findings.filter((f) => f.code === "missing-section" && severityOf(f.severity) === "error");
  const notReport = missing.length >= 6;
  const el = $("banner");
  if (notReport && el.dataset.kind !== "not-report") banner(t(app.lang, "notReport"), "not-report");
  else if (!notReport && el.dataset.kind === "not-report") banner(null);
}

// ---- edits ----

function dispatchEdits(edits, userEvent) {
  if (!edits.length) return false;
  const view = editor.view;
  view.dispatch({ changes: edits, userEvent, scrollIntoView: true });
  return true;
}

/** Applies fix `k` of finding `i` of the findings shown. */
function applyFix(i, k = 0) {
  const fixes = app.shown.edits[i];
  if (!fixes || !fixes[k] || !app.sinceShown) return false;
  return dispatchEdits(mapEdits(fixes[k], app.sinceShown), "input.fix");
}

/** Asks the worker for edits of the current text and applies them where they now fall. */
async function askEdits(type, payload) {
  const tracker = sync();
  try {
    const json = await client.call(type, payload);
    const lsp = json == null ? null : JSON.parse(json);
    if (!lsp || tracker.dead) return null;
    const edits = mapEdits(editsOf(tracker.doc, lsp), tracker.changes);
    dispatchEdits(edits, "input.fix");
    return edits.length;
  } finally {
    release(tracker);
  }
}

async function fixAll() {
  const n = await askEdits("fixAll", {});
  status(n ? t(app.lang, "fixed", { n }) : t(app.lang, "nothingToFix"));
  return n;
}

async function recompute() {
  const pos = positionOf(editor.view.state.doc, editor.view.state.selection.main.head);
  const n = await askEdits("recomputeTotals", pos);
  status(n == null ? t(app.lang, "noRecompute") : t(app.lang, "fixed", { n }));
  return n;
}

// ---- hovers and completion ----

async function hover(view, pos) {
  if (!app.ready) return null;
  const tracker = sync();
  try {
    const json = await client.call("hover", positionOf(tracker.doc, pos));
    const h = json == null ? null : JSON.parse(json);
    if (!h || !h.markdown || tracker.dead) return null;
    let from = pos;
    let to = pos;
    if (h.range) {
      from = tracker.changes.mapPos(offsetOf(tracker.doc, h.range.start), 1);
      to = Math.max(from, tracker.changes.mapPos(offsetOf(tracker.doc, h.range.end), -1));
    }
    return {
      pos: from,
      end: to,
      above: true,
      create: () => {
        const dom = document.createElement("div");
        dom.className = "hover";
        dom.append(renderMarkdown(h.markdown));
        return { dom };
      },
    };
  } finally {
    release(tracker);
  }
}

/**
 * An LSP snippet in CodeMirror's syntax: `$1` as `${1}` (`${1:x}` and `${0}` read alike). A field
 * right after another becomes plain text: CodeMirror gives what is typed at their meeting point
 * to the second, so typing 「青石县」 over 「${1:单位名称}${2:2025}」 would leave 「石县」 in the year.
 */
function cmSnippet(lsp) {
  let s = lsp.replace(/\\\$/g, "\u0000").replace(/\$(\d+)/g, "${$1}");
  const adjacent = /(\$\{\d+(?::[^{}]*)?\})\$\{\d+(?::([^{}]*))?\}/;
  while (adjacent.test(s)) s = s.replace(adjacent, (_, first, text) => first + (text || ""));
  return s.replace(/\u0000/g, "$");
}

async function complete(ctx) {
  if (!app.ready) return null;
  const before = ctx.matchBefore(/[^\s\t|｜，,。；;：:]+/u);
  if (!ctx.explicit && !before) return null;
  const tracker = sync();
  try {
    const json = await client.call("complete", positionOf(tracker.doc, ctx.pos));
    if (ctx.aborted || tracker.dead) return null;
    const items = json ? JSON.parse(json) : [];
    if (!items.length) return null;
    let from = ctx.pos;
    const options = items.map((it, k) => {
      const [edit] = editsOf(tracker.doc, [it.edit]);
      from = Math.min(from, tracker.changes.mapPos(edit.from, 1));
      // Matched by its words (the core's filterText: the label without its ordinal, then with
      // it), shown as the label; the core's order breaks ties.
      return {
        label: it.filterText || it.label,
        displayLabel: it.label,
        boost: Math.max(-99, 99 - k),
        detail: it.detail || undefined,
        info: it.documentation ? () => renderMarkdown(it.documentation) : undefined,
        apply: (view, completion) => {
          if (tracker.dead) return;
          const [e] = mapEdits([edit], tracker.changes);
          if (it.snippet) {
            // The core's LSP snippet: its fields become the editor's (Tab moves between them).
            snippet(cmSnippet(e.insert))(view, completion, e.from, e.to);
            return;
          }
          view.dispatch({
            changes: e,
            selection: { anchor: e.from + e.insert.length },
            userEvent: "input.complete",
          });
        },
      };
    });
    return { from: Math.min(from, ctx.pos), to: ctx.pos, options };
  } finally {
    // The tracker stays valid while the list is open; it is small and dropped on the next query.
    setTimeout(() => release(tracker), 30000);
  }
}

// ---- findings list ----

function renderFindings() {
  const list = $("findings");
  if (!list || !editor) return;
  const { findings } = app.shown;
  $("findings-count").textContent = String(findings.length);
  list.replaceChildren();
  if (!findings.length) {
    const li = document.createElement("li");
    li.className = "none";
    li.textContent = app.shown.v < 0 ? "" : t(app.lang, "noFindings");
    list.append(li);
    return;
  }
  const frag = document.createDocumentFragment();
  findings.forEach((f, i) => {
    const li = document.createElement("li");
    li.className = `finding ${severityOf(f.severity)}`;
    li.tabIndex = 0;
    li.dataset.index = String(i);
    const head = document.createElement("div");
    head.className = "where";
    head.textContent = `${t(app.lang, "line", { line: f.range.start.line + 1 })} · ${f.code}`;
    const msg = document.createElement("div");
    msg.className = "message";
    msg.textContent = f.message;
    li.append(head, msg);
    (f.related || []).forEach((r, k) => {
      const rel = document.createElement("div");
      rel.className = "related";
      rel.textContent = `${t(app.lang, "line", { line: r.range.start.line + 1 })}：${r.message}`;
      rel.addEventListener("click", (e) => {
        e.stopPropagation();
        jumpTo(i, k + 1);
      });
      li.append(rel);
    });
    (f.fixes || []).forEach((fix, k) => {
      const b = document.createElement("button");
      b.className = "fix";
      b.textContent = fix.title;
      b.title = t(app.lang, "fix");
      b.addEventListener("click", (e) => {
        e.stopPropagation();
        applyFix(i, k);
      });
      li.append(b);
    });
    const jump = () => jumpTo(i);
    li.addEventListener("click", jump);
    li.addEventListener("keydown", (e) => e.key === "Enter" && jump());
    frag.append(li);
  });
  list.append(frag);
}

function jumpTo(i, k = 0) {
  if (i >= app.shown.places.length) return;
  const view = editor.view;
  // The finding's place (or its `k`th related place), carried through the edits made since.
  let pos = app.shown.places[i][k] ?? app.shown.places[i][0];
  if (app.sinceShown) pos = app.sinceShown.mapPos(pos, 1);
  pos = Math.min(pos, view.state.doc.length);
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  view.focus();
}

// ---- the tables preview ----

let previewTimer;
function previewSoon() {
  if ($("preview-pane").hidden) return;
  clearTimeout(previewTimer);
  previewTimer = setTimeout(refreshPreview, 300);
}

// The preview frame runs no script and may load nothing: the page's promise holds inside it too.
const PREVIEW_CSP =
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";

async function refreshPreview() {
  if (!app.ready) return;
  const tracker = sync();
  try {
    const html = await client.call("renderHtml");
    $("preview").srcdoc = PREVIEW_CSP + html;
  } catch (err) {
    status(err.message);
  } finally {
    release(tracker);
  }
}

function showTab(which) {
  const preview = which === "preview";
  $("findings-pane").hidden = preview;
  $("preview-pane").hidden = !preview;
  $("tab-findings").setAttribute("aria-selected", String(!preview));
  $("tab-preview").setAttribute("aria-selected", String(preview));
  if (preview) refreshPreview();
}

// ---- opening and saving ----

function baseName(name) {
  return (name || t(app.lang, "untitled")).replace(/\.[^.]+$/, "");
}

/** Puts a new text in the editor (a new file: its own undo history) and checks it. */
async function setDocument(text, name, format, docx) {
  app.name = name;
  app.format = format;
  app.docx = docx || null;
  $("doc-name").textContent = name || "";
  editor.reset(text);
  app.sent = null;
  app.sinceShown = null;
  for (const tr of app.trackers) tr.dead = true;
  app.trackers.clear();
  // The old findings belong to the old text: the list is empty until the new ones come.
  app.shown = { v: -1, findings: [], edits: [], places: [] };
  renderFindings();
  app.version++;
  if (!drafts.saveDocx(app.docx)) status(t(app.lang, "draftNotSaved"), true);
  drafts.saveSoon(draftNow, 0);
  await setLanguage(text);
  return settled();
}

/** Opens a file's bytes through the core's readers (.txt in any encoding, .docx, .html). */
async function openBytes(name, bytes) {
  if (bytes.length > MAX_MB * 1024 * 1024) {
    const size = (bytes.length / 1024 / 1024).toFixed(1);
    banner(t(app.lang, "tooBig", { name, size, max: MAX_MB }));
    return null;
  }
  await whenReady;
  let result;
  try {
    // The worker keeps its own copy: the page keeps these bytes for the draft.
    result = JSON.parse(await client.call("open", { name, bytes: bytes.slice() }));
  } catch (err) {
    result = { ok: false, message: err.message };
  }
  if (!result.ok) {
    banner(t(app.lang, "openFailed", { name, message: sentence(result.message) }));
    return null;
  }
  banner(null);
  const findings = await setDocument(result.text, name, result.format, result.format === "docx" ? bytes : null);
  status(t(app.lang, "opened", { name })); // in the language the report has set
  return findings;
}

async function openFile(file) {
  if (file.size > MAX_MB * 1024 * 1024) {
    banner(t(app.lang, "tooBig", { name: file.name, size: (file.size / 1024 / 1024).toFixed(1), max: MAX_MB }));
    return null;
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    banner(t(app.lang, "openFailed", { name: file.name, message: err.message }));
    return null;
  }
  return openBytes(file.name, bytes);
}

function download(name, data, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function saveTxt() {
  download(`${baseName(app.name)}.txt`, editor.view.state.doc.toString(), "text/plain;charset=utf-8");
}

async function saveDocx() {
  if (app.format !== "docx") {
    banner(t(app.lang, "noDocx"));
    return false;
  }
  // The worker writes its current text into the file: it must be the editor's.
  const tracker = sync();
  try {
    const bytes = await client.call("saveDocx", { all: false });
    download(
      `${baseName(app.name)}.fixed.docx`,
      bytes,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    status(t(app.lang, "docxNote"));
    return true;
  } catch (err) {
    banner(err.message);
    return false;
  } finally {
    release(tracker);
  }
}

async function saveHtml() {
  const tracker = sync();
  try {
    download(`${baseName(app.name)}.tables.html`, await client.call("renderHtml"), "text/html;charset=utf-8");
  } finally {
    release(tracker);
  }
}

async function newFromTemplate(organisation, year, script) {
  await whenReady;
  const text = await client.call("newReport", { organisation, year, script });
  const name = `${organisation}${year}${script === "hant" ? "年政府資訊公開工作年度報告" : "年政府信息公开工作年度报告"}.txt`;
  banner(null);
  return setDocument(text, name, "text", null);
}

function draftNow() {
  return { name: app.name, format: app.format, text: editor.view.state.doc.toString() };
}

// ---- wiring ----

function wire() {
  $("file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) await openFile(file);
  });
  $("open").addEventListener("click", () => $("file").click());
  $("fix-all").addEventListener("click", fixAll);
  $("recompute").addEventListener("click", recompute);
  $("save-txt").addEventListener("click", saveTxt);
  $("save-docx").addEventListener("click", saveDocx);
  $("save-html").addEventListener("click", saveHtml);
  // The save menu closes once an item is chosen or elsewhere is clicked.
  const menu = document.querySelector("details.menu");
  menu.addEventListener("click", (e) => e.target.closest(".menu-items button") && (menu.open = false));
  document.addEventListener("click", (e) => !menu.contains(e.target) && (menu.open = false));
  $("tab-findings").addEventListener("click", () => showTab("findings"));
  $("tab-preview").addEventListener("click", () => showTab("preview"));
  $("banner-close").addEventListener("click", () => banner(null));
  $("ui-lang").value = app.setting;
  $("ui-lang").addEventListener("change", (e) => {
    app.setting = e.target.value;
    drafts.saveSetting(app.setting);
    setLanguage();
  });
  const dialog = $("template-dialog");
  $("new").addEventListener("click", () => {
    $("tpl-year").value = String(new Date().getFullYear() - 1);
    $("tpl-script").value = app.lang === "zh-TW" ? "hant" : "hans";
    dialog.showModal();
  });
  $("tpl-cancel").addEventListener("click", () => dialog.close());
  $("template-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    dialog.close();
    const year = parseInt($("tpl-year").value, 10) || new Date().getFullYear() - 1;
    await newFromTemplate($("tpl-org").value.trim(), year, $("tpl-script").value);
  });
  // Dropping a file anywhere opens it.
  let depth = 0;
  const drop = $("drop");
  window.addEventListener("dragenter", (e) => {
    if (![...(e.dataTransfer?.types || [])].includes("Files")) return;
    depth++;
    drop.hidden = false;
  });
  window.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (!depth) drop.hidden = true;
  });
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", async (e) => {
    e.preventDefault();
    depth = 0;
    drop.hidden = true;
    const file = e.dataTransfer?.files?.[0];
    if (file) await openFile(file);
  });
  editor.view.dom.addEventListener("keydown", (e) => (lastKey = e.timeStamp), true);
  window.addEventListener("pagehide", () => drafts.saveNow(draftNow));
  drafts.whenRefused(() => status(t(app.lang, "draftNotSaved"), true));
}

let whenReady;

async function start() {
  const boot = window.NIANBAO_BOOT;
  client = boot.client;
  editor = makeEditor($("editor"), {
    onChange,
    hover,
    complete,
    placeholderText: () => t(app.lang, "openHint"),
  });
  const draft = drafts.load();
  if (draft) {
    app.name = draft.name;
    app.format = draft.format;
    $("doc-name").textContent = draft.name || "";
    editor.reset(draft.text);
  }
  app.lang = effectiveLang();
  relabel();
  wire();
  boot.onCrash((err) => banner(t(app.lang, "workerFailed", { message: err.message })));
  status(t(app.lang, "loading"), true);
  whenReady = (async () => {
    app.stats.phases = await boot.ready;
    if (app.setting !== "auto") await client.call("setLang", { lang: app.lang });
    // A restored Word draft: the worker reads the original again so that it can be saved
    // with fixes; the text shown stays the draft's.
    const docx = draft && draft.format === "docx" ? drafts.loadDocx() : null;
    if (docx) {
      const result = JSON.parse(await client.call("open", { name: draft.name, bytes: docx.slice() }));
      if (result.ok) app.docx = docx;
      else app.format = "text";
    } else if (app.format === "docx") {
      app.format = "text"; // the Word file was too large to keep: the text is the draft
    }
    app.ready = true;
    status(draft ? t(app.lang, "draftRestored", { time: new Date(draft.savedAt).toLocaleString() }) : t(app.lang, "ready"));
    sendUpdate();
  })();
  whenReady.catch((err) => banner(t(app.lang, "workerFailed", { message: err.message })));
  window.nianbao = testInterface();
}

/** For tests in a real browser: drive the page without knowing its DOM. */
function testInterface() {
  return {
    ready: () => whenReady.then(() => settled()),
    async load(name, bytesOrText) {
      await whenReady;
      if (typeof bytesOrText === "string") {
        const r = await setDocument(bytesOrText, name, "text", null);
        return r;
      }
      const bytes = bytesOrText instanceof Uint8Array ? bytesOrText : new Uint8Array(bytesOrText);
      const r = await openBytes(name, bytes);
      if (r === null) throw new Error($("banner-text").textContent);
      return r;
    },
    text: () => editor.view.state.doc.toString(),
    findings: () => structuredClone(app.shown.findings),
    async applyFix(i, k = 0) {
      await settled();
      if (!applyFix(i, k)) throw new Error(`finding ${i} has no fix ${k}`);
      return settled();
    },
    fixAll: async () => {
      await settled();
      await fixAll();
      return settled();
    },
    settled,
    cursor: () => positionOf(editor.view.state.doc, editor.view.state.selection.main.head),
    /** The screen point of an LSP position (scrolled into view), for mouse-driven tests. */
    async coords(line, character) {
      const view = editor.view;
      const pos = offsetOf(view.state.doc, { line, character });
      view.dispatch({ effects: EditorView.scrollIntoView(pos, { y: "center" }) });
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      await frame();
      await frame();
      const c = view.coordsAtPos(pos);
      return c && { x: (c.left + c.right) / 2, y: (c.top + c.bottom) / 2 };
    },
    stats: () => structuredClone(app.stats),
    resetStats: () => {
      app.stats.latencies = [];
      app.stats.analysis = [];
    },
  };
}

start();
