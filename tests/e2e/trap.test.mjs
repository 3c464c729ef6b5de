// Real traps, not simulated: these run on the fault-injection test build
// (target/pkg-fault, `--features fault-injection`), where typing
// `jixiao:trap-now` into any field aborts inside the WASM (an `unreachable`
// trap mid-call, with the engine borrowed). The wrapper must report it,
// re-instantiate, reload the last good report, and leave the form as typed.
// Both engines: WebAssembly, and the JavaScript engine (chosen here as it is
// where a browser refused WebAssembly before: the remembered refusal).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage } from './harness.mjs';

const FAULT_PKG = fileURLToPath(new URL('../../target/pkg-fault/', import.meta.url));
const TRAP = 'jixiao:trap-now';
let srv, browser;
before(async () => { srv = await serve({ pkg: FAULT_PKG }); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const REFUSED = () => localStorage.setItem('jixiao:wasmRefused', JSON.stringify({ ua: navigator.userAgent, at: Date.now() }));
for (const engine of ['wasm', 'js']) {
  const init = engine === 'js' ? REFUSED : null;
  test(`${engine} engine: a real trap in Validator.set: reported, re-created, last good report back`, async () => {
    const { page, problems } = await openPage(browser, `${srv.url}/`, undefined, init);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const r = await page.evaluate(async ([TRAP, engine]) => {
      const { createValidator } = await import('./jixiao.js');
      const sample = await (await fetch('samples/seed-001.json')).text();
      const v = await createValidator('common-framework', sample);
      v.set('/indicators/output.cost.saving/score', '4.88');
      let raw = null;
      try {
        // The glue itself, in an instance of its own, to see what the browser raises.
        const glue = await import('./pkg/jixiao.js?probe');
        if (engine === 'js') glue.initJs((await import('./pkg/jixiao_js.js')).instantiate);
        else await glue.default();
        const bare = new glue.Validator('common-framework', sample);
        bare.set('/stated/totalScore', TRAP);
      } catch (e) { raw = `${e.name}: ${e.message}`; }
      const during = v.set('/stated/totalScore', TRAP);
      await v.ready;
      return {
        raw,
        during,
        total: v.computed()['/computed/total/score'].value,
        mismatches: v.findings().filter((f) => f.code === 'SCORE_MISMATCH').length,
        after: v.set('/stated/totalScore', '99.84').removed.map((f) => f.code),
        engine: (await import('./jixiao.js')).engine(),
      };
    }, [TRAP, engine]);
    assert.equal(r.engine, engine);
    assert.match(r.raw, engine === 'wasm' ? /^RuntimeError: unreachable/ : /^JixiaoTrap: unreachable/, 'a real trap');
    assert.equal(r.during.recovering, true);
    assert.equal(r.total, '99.86', 'the last good report, with the edit before the trap');
    assert.equal(r.mismatches, 1);
    assert.deepEqual(r.after, ['TOTAL_MISMATCH'], 'the new instance takes edits');
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], new RegExp(`jixiao: the ${engine} engine trapped; re-creating it`));
  });

  test(`${engine} engine: a real trap while typing into the attached form: the form keeps every character`, async () => {
    const { page, problems } = await openPage(browser, `${srv.url}/embed/`, undefined, init);
    await page.waitForFunction(() => document.documentElement.dataset.jixiao === 'ready');
    const actual = '[name="zb[0].sjwcz"]';
    const spent = '[name="txtQnzxZe"]';
    await page.fill(actual, '100000人');
    await page.waitForTimeout(120);
    assert.equal(await page.inputValue('[name=txtZf]'), '95.00');
    await page.fill(spent, 'abc');
    await page.waitForTimeout(120);
    await page.fill(spent, TRAP);       // traps inside the debounced validation
    await page.waitForTimeout(400);
    assert.equal(await page.inputValue(spent), TRAP, 'what was typed stays, even the text that trapped');
    assert.equal(await page.inputValue(actual), '100000人');
    assert.equal(await page.inputValue('[name=txtZf]'), '95.00');
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], new RegExp(`jixiao: the ${engine} engine trapped in the form`));
    // The fresh instance works: fix the field and the message clears.
    await page.fill(spent, '166.96');
    await page.waitForTimeout(150);
    assert.deepEqual(await page.$$eval('.jixiao-message', (l) => l.map((e) => e.textContent)), []);
    await page.fill(spent, '16696');
    await page.waitForTimeout(150);
    assert.equal(await page.$$eval('.jixiao-message', (l) => l.length), 1, 'one message, from one live instance');
    assert.equal(problems.length, 1, problems.join('\n'));
  });
}
