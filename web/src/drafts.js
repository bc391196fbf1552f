// The draft lives in this browser's localStorage and nowhere else: the text as typed (saved
// shortly after each change and when the page goes away) and, for a Word file, the original
// bytes, so that the .docx can still be saved with fixes after a reload.
const KEY = "nianbao.draft";
const DOCX = "nianbao.draft.docx";
const SETTING = "nianbao.lang";

let timer = null;
let failed = false;
let onFailure = () => {};

/** `fn` is told when the browser would not keep the draft (once per failure after a success). */
export function whenRefused(fn) {
  onFailure = fn;
}

function put(key, value) {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false; // full, or storage refused (private windows): the editor keeps working
  }
}

/** The saved draft, or null. */
export function load() {
  try {
    const d = JSON.parse(localStorage.getItem(KEY) || "null");
    return d && typeof d.text === "string" ? d : null;
  } catch {
    return null;
  }
}

/** Saves `get()` now. Returns false when the browser would not keep it. */
export function saveNow(get) {
  clearTimeout(timer);
  timer = null;
  const ok = put(KEY, JSON.stringify({ ...get(), savedAt: Date.now() }));
  if (!ok && !failed) onFailure();
  failed = !ok;
  return ok;
}

/** Saves `get()` after `ms` without another change. */
export function saveSoon(get, ms = 400) {
  clearTimeout(timer);
  timer = setTimeout(() => saveNow(get), ms);
}

export function saveDocx(bytes) {
  if (!bytes) {
    try {
      localStorage.removeItem(DOCX);
    } catch {
      // nothing to remove
    }
    return true;
  }
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return put(DOCX, btoa(bin));
}

export function loadDocx() {
  try {
    const b64 = localStorage.getItem(DOCX);
    if (!b64) return null;
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export function loadSetting() {
  try {
    return localStorage.getItem(SETTING);
  } catch {
    return null;
  }
}

export function saveSetting(value) {
  put(SETTING, value);
}
