// jixiao.js — the module a page loads. It wraps the wasm-bindgen glue
// (pkg/jixiao.js) so that a trap in the WASM (a bug that aborts the
// instance) never leaves the page without a validator: the trap is
// reported on the console, a fresh instance is created, and the last good
// report is reloaded — the report as last loaded plus every edit that
// succeeded since. Nothing typed into the form is touched.
//
//   import { createValidator, attach, verify, packs } from './jixiao.js';
//   const v = await createValidator('national-2020', reportJsonText);
//   v.set('/funds/rows/total/budget', '166.96');   // → {computed, added, removed}

const GLUE = new URL('./pkg/jixiao.js', import.meta.url).href;
const JS_ENGINE = new URL('./pkg/jixiao_js.js', import.meta.url).href;
let generation = 0;
let current = null;
let wanted = 'auto';
let running = null;
let jsEngine = null;

/**
 * Which engine to run: 'auto' (the default: WebAssembly, or the JavaScript
 * engine where the browser refuses or lacks WebAssembly), 'wasm' or 'js'.
 * Call before the first validator or attachment. A portal whose CSP has no
 * 'wasm-unsafe-eval' (or that serves browsers older than Chromium 97, which
 * do not know it) can ask for 'js' and skip the refused attempt.
 */
export function useEngine(name) {
  if (!['auto', 'wasm', 'js'].includes(name)) throw new TypeError(`jixiao: unknown engine ${name}`);
  wanted = name;
}

/** The engine running: 'wasm', 'js', or null before the first load. */
export function engine() { return running; }

// Where this browser refused WebAssembly once (its CSP), remember it, so that
// each later page load does not try again: every refused attempt raises a
// CSP violation, which a portal with report-uri would receive. Keyed by the
// user agent, so an upgraded browser tries again, and kept for a week, so a
// portal that fixes its CSP gets the faster engine back.
const REFUSED = 'jixiao:wasmRefused';
const REMEMBER_MS = 7 * 24 * 3600 * 1000;
function refusedBefore() {
  try {
    const r = JSON.parse(localStorage.getItem(REFUSED) || 'null');
    return Boolean(r) && r.ua === navigator.userAgent && Date.now() - r.at < REMEMBER_MS;
  } catch { return false; }
}
function rememberRefused() {
  try { localStorage.setItem(REFUSED, JSON.stringify({ ua: navigator.userAgent, at: Date.now() })); } catch { /* storage blocked: try again next time */ }
}

/** Where the glue finds the .wasm: by URL in a browser; from disk under
 * Node, whose fetch does not read file: URLs. */
async function wasmSource() {
  const node = /** @type {any} */ (globalThis).process;
  const url = new URL('./pkg/jixiao_bg.wasm', import.meta.url);
  if (!(node && node.versions && node.versions.node && url.protocol === 'file:')) return undefined;
  const fs = 'node:fs/promises'; // (a variable, so that bundlers for the browser leave it alone)
  const { readFile } = await import(fs);
  return { module_or_path: await readFile(url) };
}

async function startJs(mod) {
  jsEngine = jsEngine || await import(JS_ENGINE);
  mod.initJs(jsEngine.instantiate);
  running = 'js';
}

/** Instantiate the module (again). Each generation is a separate instance. */
async function instantiate() {
  const mod = await import(`${GLUE}?instance=${generation}`);
  generation += 1;
  const first = running === null;
  let refused = '';
  if (wanted === 'js' || running === 'js') {
    await startJs(mod);
  } else if (wanted === 'auto' && first && refusedBefore()) {
    refused = '；此浏览器此前已拒绝 WebAssembly';
    await startJs(mod);
  } else {
    try {
      await mod.default(await wasmSource());
      running = 'wasm';
    } catch (e) {
      // Refused (a CSP the browser reads as forbidding WebAssembly) or
      // missing: the JavaScript engine computes the same, more slowly.
      if (wanted === 'wasm' || running === 'wasm') throw e;
      refused = `；此浏览器未能启用 WebAssembly：${e && e.message}`;
      await startJs(mod);
      rememberRefused();
    }
  }
  if (first) {
    console.info(running === 'wasm' ? 'jixiao：使用 WebAssembly 引擎。'
      : `jixiao：使用 JavaScript 引擎（结果相同，速度较慢${refused}）。`);
  }
  current = mod;
  return mod;
}

/** The module, instantiated once (callers that arrive together share it). */
let loading = null;
export async function load() {
  if (current) return current;
  loading = loading || instantiate().finally(() => { loading = null; });
  return loading;
}

/** A trap: the instance aborted (a bug), and must not be called again. */
const isTrap = (e) => (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError)
  || (jsEngine !== null && e instanceof jsEngine.Trap);

/** A validator that survives traps. Same methods as the glue's Validator.
 * (Methods named with a leading underscore are internal: private methods
 * need Chromium 84, and the floor is 80.) */
export class SafeValidator {
  #inner; #pack; #snapshot; #edits = new Map(); #recovering = null; #onRecover;

  constructor(mod, pack, report, onRecover) {
    this.#pack = pack;
    this.#snapshot = report ?? null;
    this.#onRecover = onRecover;
    this.#inner = new mod.Validator(pack, this.#snapshot);
  }

  /** Resolves once a recovery in progress is done (immediately otherwise). */
  get ready() { return this.#recovering || Promise.resolve(); }

  _call(fn, fallback) {
    if (this.#recovering) return fallback;
    try {
      return fn(this.#inner);
    } catch (e) {
      if (!isTrap(e)) throw e;
      console.error(`jixiao: the ${running} engine trapped; re-creating it and reloading the last good report.`, e);
      this.#recovering = this._recover(0).finally(() => { this.#recovering = null; });
      return fallback;
    }
  }

  async _recover(attempt) {
    const mod = await instantiate();
    try {
      this.#inner = new mod.Validator(this.#pack, this.#snapshot);
      for (const [path, raw] of this.#edits) this.#inner.set(path, raw);
    } catch (e) {
      if (!isTrap(e) || attempt >= 2) throw e;
      // An edit itself traps: drop the edits and start from the snapshot.
      this.#edits.clear();
      return this._recover(attempt + 1);
    }
    this.#onRecover?.();
  }

  set(path, raw) {
    const empty = { computed: {}, added: [], removed: [], recovering: true };
    if (this.#recovering) {
      this.#edits.delete(path);
      this.#edits.set(path, raw);
      return empty;
    }
    const change = this._call((v) => v.set(path, raw), empty);
    if (change !== empty) {
      this.#edits.delete(path);
      this.#edits.set(path, raw);
    }
    return change;
  }

  load(report) {
    const change = this._call((v) => v.load(report), null);
    if (change) {
      this.#snapshot = report;
      this.#edits.clear();
    }
    return change;
  }

  findings() { return this._call((v) => v.findings(), []); }
  computed() { return this._call((v) => v.computed(), {}); }
  computedLabels() { return this._call((v) => v.computedLabels(), {}); }
  inputs() { return this._call((v) => v.inputs(), []); }
  reportJson() { return this._call((v) => v.reportJson(), null); }
  upload() { return this._call((v) => v.upload(), null); }
  packId() { return this.#pack; }
}

/**
 * A validator from a built-in pack id or a pack's JSON text.
 * @param {string} pack
 * @param {string | null} [report]
 * @param {{ onRecover?: () => void }} [options]
 */
export async function createValidator(pack, report = null, { onRecover } = {}) {
  return new SafeValidator(await load(), pack, report, onRecover);
}

/**
 * Attach to a portal form (see AttachOptions in pkg/jixiao.d.ts). The
 * returned object has the Attachment methods; if the WASM traps, the form is
 * re-attached to a fresh instance with the last good report, and what the
 * user typed stays in the form.
 */
export async function attach(form, options) {
  const safe = new SafeAttachment(form, options);
  await safe.start();
  return safe;
}

/** Run `fn` while recording the listeners and observers it adds to `form`. */
function recording(form, fn) {
  const listeners = [];
  const observers = [];
  const add = form.addEventListener;
  const Observer = window.MutationObserver;
  form.addEventListener = function (type, listener, opts) {
    listeners.push([type, listener, opts]);
    return add.call(this, type, listener, opts);
  };
  window.MutationObserver = class extends Observer {
    constructor(cb) { super(cb); observers.push(this); }
  };
  try {
    return { result: fn(), listeners, observers };
  } finally {
    delete form.addEventListener;
    window.MutationObserver = Observer;
  }
}

class SafeAttachment {
  #form; #options; #inner = null; #listeners = []; #observers = []; #lastGood; #onError;

  constructor(form, options) {
    this.#form = form;
    this.#options = options;
    this.#lastGood = options.report ?? null;
    this.#onError = (e) => { if (isTrap(e.error)) this._recover(e); };
  }

  async start() {
    const mod = await load();
    const user = this.#options.onChange;
    const options = {
      ...this.#options,
      report: this.#lastGood ?? undefined,
      onChange: (change) => {
        try { this.#lastGood = this.#inner?.reportJson() ?? this.#lastGood; } catch { /* keep the last good */ }
        user?.(change);
      },
    };
    const { result, listeners, observers } = recording(this.#form, () => mod.attach(this.#form, options));
    this.#inner = result;
    this.#listeners = listeners;
    this.#observers = observers;
    window.addEventListener('error', this.#onError);
  }

  /** Drop the dead instance's listeners and marks without calling into it. */
  _abandon() {
    window.removeEventListener('error', this.#onError);
    for (const [type, listener, opts] of this.#listeners) this.#form.removeEventListener(type, listener, opts);
    for (const o of this.#observers) o.disconnect();
    for (const m of this.#form.querySelectorAll('.jixiao-message')) m.remove();
    for (const el of this.#form.querySelectorAll('[data-jixiao-path]')) {
      el.removeAttribute('data-jixiao-path');
      el.removeAttribute('aria-invalid');
      const d = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('jixiao-msg-'));
      if (d.length) el.setAttribute('aria-describedby', d.join(' ')); else el.removeAttribute('aria-describedby');
    }
    this.#inner = null;
  }

  async _recover(event) {
    event.preventDefault?.();
    if (!this.#inner) return;
    console.error(`jixiao: the ${running} engine trapped in the form; re-attaching with the last good report.`, event.error);
    this._abandon();
    await instantiate();
    await this.start();
    this.#options.onRecover?.();
  }

  _call(fn, fallback) {
    if (!this.#inner) return fallback;
    try {
      return fn(this.#inner);
    } catch (e) {
      if (!isTrap(e)) throw e;
      this._recover({ error: e });
      return fallback;
    }
  }

  flush() { return this._call((a) => a.flush(), undefined); }
  showAll() { return this._call((a) => a.showAll(), undefined); }
  findings() { return this._call((a) => a.findings(), []); }
  computed() { return this._call((a) => a.computed(), {}); }
  errors() { return this._call((a) => a.errors(), 0); }
  reportJson() { return this._call((a) => a.reportJson(), this.#lastGood); }
  upload() { return this._call((a) => a.upload(), null); }
  reveal(finding) { return this._call((a) => a.reveal(finding), false); }
  revealFigure(finding) { return this._call((a) => a.revealFigure(finding), false); }
  detach() {
    this._call((a) => a.detach(), undefined);
    window.removeEventListener('error', this.#onError);
    this.#inner = null;
  }
}

export async function verify(upload, pack = null) { return (await load()).verify(upload, pack); }
export async function packs() { return (await load()).packs(); }
export async function packJson(id) { return (await load()).packJson(id); }

// ---------- Excel (.xlsx), a second module loaded on first use ----------
// The readers and writers of .xlsx are half a megabyte that a validator
// never needs: they live in xlsx/jixiao_xlsx_bg.wasm, fetched and compiled
// only when a page imports or exports a workbook. (No JavaScript engine:
// where WebAssembly is refused, Excel is not offered.)
const XLSX_GLUE = new URL('./xlsx/jixiao_xlsx.js', import.meta.url).href;
let xlsxLoading = null;

async function xlsxSource() {
  const node = /** @type {any} */ (globalThis).process;
  const url = new URL('./xlsx/jixiao_xlsx_bg.wasm', import.meta.url);
  if (!(node && node.versions && node.versions.node && url.protocol === 'file:')) return undefined;
  const fs = 'node:fs/promises';
  const { readFile } = await import(fs);
  return { module_or_path: await readFile(url) };
}

function loadXlsx() {
  xlsxLoading = xlsxLoading || (async () => {
    const mod = await import(XLSX_GLUE);
    try {
      await mod.default(await xlsxSource());
    } catch (e) {
      const err = new Error(`此浏览器未能启用 WebAssembly，无法读写 Excel（${e && e.message}）。请改用较新的浏览器，或请门户管理员在安全策略中允许 'wasm-unsafe-eval'。`);
      /** @type {any} */ (err).code = 'XLSX_UNAVAILABLE';
      throw err;
    }
    return mod;
  })().catch((e) => { xlsxLoading = null; throw e; });
  return xlsxLoading;
}

/**
 * Read a filled 自评表 workbook (.xlsx bytes) as a report. `pack`: a
 * built-in id or a pack's JSON text (default: what the workbook says, else
 * the pack that fits best). Resolves to `{report, findings}`: the report as
 * an object, and the findings of import itself (cells it could not place,
 * formulas). A file that is no workbook or no 自评表 rejects with an Error
 * carrying `code` and `finding`.
 */
export async function importXlsx(bytes, pack = null) {
  const r = (await loadXlsx()).importXlsx(bytes, pack);
  return { report: JSON.parse(r.report), findings: r.findings };
}

/** A report (object or JSON text) as .xlsx bytes in its pack's official layout. */
export async function exportXlsx(report, pack = null) {
  const text = typeof report === 'string' ? report : JSON.stringify(report);
  return (await loadXlsx()).exportXlsx(text, pack);
}
