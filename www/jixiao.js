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
let generation = 0;
let current = null;

/** Instantiate the module (again). Each generation is a separate instance. */
async function instantiate() {
  const mod = await import(`${GLUE}?instance=${generation}`);
  generation += 1;
  await mod.default();
  current = mod;
  return mod;
}

/** The module, instantiated once. */
export async function load() {
  return current || instantiate();
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError;

/** A validator that survives traps. Same methods as the glue's Validator. */
export class SafeValidator {
  #mod; #inner; #pack; #snapshot; #edits = new Map(); #recovering = null; #onRecover;

  constructor(mod, pack, report, onRecover) {
    this.#mod = mod;
    this.#pack = pack;
    this.#snapshot = report ?? null;
    this.#onRecover = onRecover;
    this.#inner = new mod.Validator(pack, this.#snapshot);
  }

  /** Resolves once a recovery in progress is done (immediately otherwise). */
  get ready() { return this.#recovering || Promise.resolve(); }

  #call(fn, fallback) {
    if (this.#recovering) return fallback;
    try {
      return fn(this.#inner);
    } catch (e) {
      if (!isTrap(e)) throw e;
      console.error('jixiao: the WASM module trapped; re-creating it and reloading the last good report.', e);
      this.#recovering = this.#recover(0).finally(() => { this.#recovering = null; });
      return fallback;
    }
  }

  async #recover(attempt) {
    const mod = await instantiate();
    this.#mod = mod;
    try {
      this.#inner = new mod.Validator(this.#pack, this.#snapshot);
      for (const [path, raw] of this.#edits) this.#inner.set(path, raw);
    } catch (e) {
      if (!isTrap(e) || attempt >= 2) throw e;
      // An edit itself traps: drop the edits and start from the snapshot.
      this.#edits.clear();
      return this.#recover(attempt + 1);
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
    const change = this.#call((v) => v.set(path, raw), empty);
    if (change !== empty) {
      this.#edits.delete(path);
      this.#edits.set(path, raw);
    }
    return change;
  }

  load(report) {
    const change = this.#call((v) => v.load(report), null);
    if (change) {
      this.#snapshot = report;
      this.#edits.clear();
    }
    return change;
  }

  findings() { return this.#call((v) => v.findings(), []); }
  computed() { return this.#call((v) => v.computed(), {}); }
  computedLabels() { return this.#call((v) => v.computedLabels(), {}); }
  inputs() { return this.#call((v) => v.inputs(), []); }
  reportJson() { return this.#call((v) => v.reportJson(), null); }
  upload() { return this.#call((v) => v.upload(), null); }
  packId() { return this.#pack; }
}

/** A validator from a built-in pack id or a pack's JSON text. */
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
    this.#onError = (e) => { if (isTrap(e.error)) this.#recover(e); };
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
  #abandon() {
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

  async #recover(event) {
    event.preventDefault?.();
    if (!this.#inner) return;
    console.error('jixiao: the WASM module trapped in the form; re-attaching with the last good report.', event.error);
    this.#abandon();
    await instantiate();
    await this.start();
    this.#options.onRecover?.();
  }

  #call(fn, fallback) {
    if (!this.#inner) return fallback;
    try {
      return fn(this.#inner);
    } catch (e) {
      if (!isTrap(e)) throw e;
      this.#recover({ error: e });
      return fallback;
    }
  }

  flush() { return this.#call((a) => a.flush(), undefined); }
  showAll() { return this.#call((a) => a.showAll(), undefined); }
  findings() { return this.#call((a) => a.findings(), []); }
  computed() { return this.#call((a) => a.computed(), {}); }
  errors() { return this.#call((a) => a.errors(), 0); }
  reportJson() { return this.#call((a) => a.reportJson(), this.#lastGood); }
  upload() { return this.#call((a) => a.upload(), null); }
  reveal(finding) { return this.#call((a) => a.reveal(finding), false); }
  revealFigure(finding) { return this.#call((a) => a.revealFigure(finding), false); }
  detach() {
    this.#call((a) => a.detach(), undefined);
    window.removeEventListener('error', this.#onError);
    this.#inner = null;
  }
}

export async function verify(upload, pack = null) { return (await load()).verify(upload, pack); }
export async function packs() { return (await load()).packs(); }
export async function packJson(id) { return (await load()).packJson(id); }
