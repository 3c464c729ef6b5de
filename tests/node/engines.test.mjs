// The JavaScript engine (wasm2js, for browsers that refuse WebAssembly) must
// compute exactly what the WebAssembly engine computes. Both run here in one
// process, each in its own copy of the glue, over every fixture case: the
// same computed figures, findings, report JSON, upload and verify result,
// edit by edit. JIXIAO_PKG=<dir> runs it on another build (e.g. the
// fault-injection build in target/pkg-fault).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compareEngines } from '../common/engines.mjs';

const PKG = process.env.JIXIAO_PKG ? pathToFileURL(`${process.env.JIXIAO_PKG}/`) : new URL('../../www/pkg/', import.meta.url);
const FIXTURES = new URL('../fixtures/', import.meta.url);
const wasm = await import(new URL('jixiao.js?engine=wasm', PKG));
const js = await import(new URL('jixiao.js?engine=js', PKG));
wasm.initSync({ module: readFileSync(new URL('jixiao_bg.wasm', PKG)) });
const jsEngine = await import(new URL('jixiao_js.js', PKG));
js.initJs(jsEngine.instantiate);

const read = (path) => readFileSync(new URL(path, FIXTURES), 'utf8');
const cases = readdirSync(new URL('cases/', FIXTURES)).filter((f) => f.endsWith('.json')).sort().map((name) => {
  const c = JSON.parse(read(`cases/${name}`));
  return { name, case: c, base: read(`reports/${c.base}`), pack: c.packFile ? read(`packs/${c.packFile}`) : null };
});

test('the JavaScript engine equals the WebAssembly engine on every fixture case, edit by edit', () => {
  assert.ok(cases.length >= 90, `${cases.length} cases`);
  const edits = compareEngines(wasm, js, cases, (a, b, label) => assert.deepEqual(b, a, label));
  assert.ok(edits > 100, `${edits} edits compared`);
});

test('a trap in the JavaScript engine is its Trap, not any error', () => {
  assert.equal(typeof jsEngine.Trap, 'function');
  assert.ok(new jsEngine.Trap('unreachable') instanceof Error);
  assert.equal(new jsEngine.Trap('unreachable').name, 'JixiaoTrap');
});
