// Shared by tests/node/engines.test.mjs (Node) and tests/e2e/engines.test.mjs
// (in Chromium, where ArrayBuffer.prototype.detached exists and the glue
// once kept a stale view of the JavaScript engine's memory): drive both
// engines through every fixture case and give back each state, so the
// caller compares them with its own assertion.

/** RFC 7386 JSON merge patch, as tests/fixtures.rs applies it. */
export function merge(target, patch) {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target && typeof target === 'object' && !Array.isArray(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

function state(v) {
  return { computed: v.computed(), findings: v.findings(), report: v.reportJson(), upload: v.upload() };
}

/**
 * `cases`: [{ name, case, base (report text), pack (pack JSON text or null) }].
 * Calls `same(a, b, label)` with the WebAssembly engine's value first; returns
 * the number of edits compared.
 */
export function compareEngines(wasm, js, cases, same) {
  let edits = 0;
  for (const { name, case: c, base, pack: packText } of cases) {
    const report = merge(JSON.parse(base), c.merge ?? {});
    const pack = packText ?? report.pack;
    const text = JSON.stringify(report);
    const a = new wasm.Validator(pack, text);
    const b = new js.Validator(pack, text);
    same(state(a), state(b), `${name}: as loaded`);
    for (const [path, raw] of c.set ?? []) {
      same(a.set(path, raw), b.set(path, raw), `${name}: set ${path}`);
      edits += 1;
    }
    same(state(a), state(b), `${name}: after the edits`);
    same(wasm.verify(a.upload(), null), js.verify(b.upload(), null), `${name}: verify`);
  }
  return edits;
}
