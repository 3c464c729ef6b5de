// The wrapper (www/jixiao.js) recovers from a WASM trap: here a trap is
// simulated by making the instance's Validator.set throw the
// WebAssembly.RuntimeError a trap raises. The page keeps working and the
// last good report is back, edits included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let srv, browser;
before(async () => { srv = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

test('a trap is reported, the module re-created and the report restored', async () => {
  const { page, problems } = await openPage(browser, `${srv.url}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const result = await page.evaluate(async () => {
    const { createValidator } = await import('./jixiao.js');
    const sample = await (await fetch('samples/seed-001.json')).text();
    const v = await createValidator('common-framework', sample);
    v.set('/indicators/output.cost.saving/score', '4.88');              // a good edit
    const glue = await import('./pkg/jixiao.js?instance=0');
    const set = glue.Validator.prototype.set;
    glue.Validator.prototype.set = function () { throw new WebAssembly.RuntimeError('unreachable'); };
    const during = v.set('/stated/totalScore', '99.86');                // traps
    glue.Validator.prototype.set = set;
    await v.ready;
    return {
      during,
      total: v.computed()['/computed/total/score'].value,
      errors: v.findings().filter((f) => f.severity === 'error').map((f) => f.code),
      after: v.set('/stated/totalScore', '99.86').removed.map((f) => f.code),
    };
  });
  assert.equal(result.during.recovering, true);
  assert.equal(result.total, '99.86');
  // Seed 001 has two SCORE_MISMATCH; the good edit before the trap fixed one
  // and was replayed into the new instance.
  assert.equal(result.errors.filter((c) => c === 'SCORE_MISMATCH').length, 1);
  assert.deepEqual(result.after, ['TOTAL_MISMATCH'], 'the new instance takes edits');
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /jixiao: the WASM module trapped/);
});
