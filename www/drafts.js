// Drafts in localStorage: an index of {id, title, pack, updated} and one
// entry per draft holding the report exactly as typed (raw strings).
const INDEX = 'jixiao:drafts';
const CURRENT = 'jixiao:current';
const key = (id) => `jixiao:draft:${id}`;

function readIndex() {
  try {
    const v = JSON.parse(localStorage.getItem(INDEX) || '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function writeIndex(list) {
  localStorage.setItem(INDEX, JSON.stringify(list));
}

function titleOf(report) {
  const name = report?.basic?.projectName?.trim();
  const year = report?.basic?.year?.trim();
  return [year, name || '未命名草稿'].filter(Boolean).join(' ');
}

/** Drafts, most recently changed first. */
export function list() {
  return readIndex().sort((a, b) => (a.updated < b.updated ? 1 : -1));
}

/** A new draft id (nothing is stored until `save`). */
export function newId() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Store a draft. Throws where the browser refuses (storage full:
 * QuotaExceededError; storage blocked: SecurityError); the caller must say
 * so at once, since what was typed is then only in the open page.
 */
export function save(id, report) {
  localStorage.setItem(key(id), JSON.stringify(report));
  const index = readIndex().filter((d) => d.id !== id);
  index.push({ id, title: titleOf(report), pack: report?.pack || '', updated: new Date().toISOString() });
  writeIndex(index);
}

export function load(id) {
  try {
    return JSON.parse(localStorage.getItem(key(id)) || 'null');
  } catch {
    return null;
  }
}

export function remove(id) {
  localStorage.removeItem(key(id));
  writeIndex(readIndex().filter((d) => d.id !== id));
  if (current() === id) localStorage.removeItem(CURRENT);
}

export function current() {
  try { return localStorage.getItem(CURRENT); } catch { return null; }
}

export function setCurrent(id) {
  try { localStorage.setItem(CURRENT, id); } catch { /* the next save reports the failure */ }
}
