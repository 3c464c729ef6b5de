// The two engines compared in a current Chromium, over every fixture case
// (tests/common/engines.mjs). Chromium has ArrayBuffer.prototype.detached,
// which Node 20 lacks: the glue once trusted it and read a stale copy of the
// JavaScript engine's memory after it grew, so Node alone cannot vouch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage } from './harness.mjs';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const read = (path) => readFileSync(new URL(path, FIXTURES), 'utf8');
let srv, browser;
before(async () => {
  srv = await serve({ mounts: { '/common/': fileURLToPath(new URL('../common/', import.meta.url)) } });
  browser = await launch();
});
after(async () => { await browser?.close(); srv?.server.close(); });

test('in Chromium, the JavaScript engine equals the WebAssembly engine on every fixture case', async () => {
  const cases = readdirSync(new URL('cases/', FIXTURES)).filter((f) => f.endsWith('.json')).sort().map((name) => {
    const c = JSON.parse(read(`cases/${name}`));
    return { name, case: c, base: read(`reports/${c.base}`), pack: c.packFile ? read(`packs/${c.packFile}`) : null };
  });
  const { page, problems } = await openPage(browser, `${srv.url}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const r = await page.evaluate(async (cases) => {
    const { compareEngines } = await import('/common/engines.mjs');
    const wasm = await import('/pkg/jixiao.js?engine=wasm');
    await wasm.default();
    const js = await import('/pkg/jixiao.js?engine=js');
    js.initJs((await import('/pkg/jixiao_js.js')).instantiate);
    const differ = [];
    const edits = compareEngines(wasm, js, cases, (a, b, label) => {
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(label);
    });
    return { edits, differ, detached: 'detached' in ArrayBuffer.prototype };
  }, cases);
  assert.ok(r.detached, 'this Chromium has ArrayBuffer.prototype.detached');
  assert.ok(r.edits > 100, `${r.edits} edits`);
  assert.deepEqual(r.differ, []);
  assert.deepEqual(problems, []);
});
