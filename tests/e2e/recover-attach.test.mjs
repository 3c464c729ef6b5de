// A trap while attached to a form (reported by the browser as an uncaught
// WebAssembly.RuntimeError): the wrapper drops the dead instance's listeners
// without calling into it, re-attaches a fresh instance with the last good
// report, and the form keeps what was typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let srv, browser;
before(async () => { srv = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

test('the embedded form recovers from a trap', async () => {
  const { page, problems } = await openPage(browser, `${srv.url}/embed/`);
  await page.waitForFunction(() => document.documentElement.dataset.jixiao === 'ready');
  const spent = '[name="txtQnzxZe"]';
  await page.fill('[name="zb[0].sjwcz"]', '100000人');
  await page.waitForTimeout(120);
  assert.equal(await page.inputValue('[name=txtZf]'), '95.00');
  await page.fill(spent, 'abc');
  await page.waitForTimeout(120);
  assert.equal(await page.$$eval('.jixiao-message', (l) => l.length), 1);
  // The browser reports a trap from an event handler as an uncaught error.
  await page.evaluate(() => {
    window.dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable'), cancelable: true }));
  });
  await page.waitForTimeout(300);
  assert.equal(await page.inputValue(spent), 'abc', 'what was typed stays');
  assert.equal(await page.inputValue('[name="zb[0].sjwcz"]'), '100000人');
  // The fresh instance validates, once (no listener of the dead one is left).
  await page.fill(spent, '166.96');
  await page.waitForTimeout(120);
  assert.deepEqual(await page.$$eval('.jixiao-message', (l) => l.map((e) => e.textContent)), []);
  assert.equal(await page.inputValue('[name=txtZf]'), '95.00', 'the last good report came back');
  await page.fill(spent, '16696');
  await page.waitForTimeout(120);
  assert.equal(await page.$$eval('.jixiao-message', (l) => l.length), 1, 'one message, from one instance');
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /jixiao: the WASM module trapped in the form/);
});
