// Nothing typed is lost: type into www/, then reload, close and reopen, or
// kill the renderer mid-typing; every character typed before the last
// autosave is back. Autosave (www/app.js): 30 ms after the last keystroke
// (after each validation), at least every 250 ms while typing goes on
// without a pause, and on pagehide / visibilitychange.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let srv, browser, context;
before(async () => {
  srv = await serve();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1200, height: 1300 } });
});
after(async () => { await browser?.close(); srv?.server.close(); });

async function open() {
  const page = await context.newPage();
  await page.goto(`${srv.url}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return page;
}
const NAME = '[name="/basic/projectName"]';
const NOTES = '[name="/narrative/problems"]';
const BUDGET = '[name="/funds/rows/total/budget"]';

/** Kill the page's renderer process (as a crash or the OOM killer would). */
async function killRenderer(page) {
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => {});
  await crashed;
}

test('reload: every field as typed', async () => {
  const page = await open();
  await page.locator(NAME).pressSequentially('  县医保  项目（２０２３）', { delay: 10 });
  await page.locator(BUDGET).pressSequentially('１,２３４.５０', { delay: 10 });
  await page.waitForTimeout(100);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.equal(await page.inputValue(NAME), '  县医保  项目（２０２３）');
  assert.equal(await page.inputValue(BUDGET), '１,２３４.５０');
  await page.close();
});

test('close right after typing, reopen: saved on pagehide', async () => {
  const page = await open();
  await page.fill(NAME, '');
  await page.locator(NAME).pressSequentially('关闭前最后一刻', { delay: 5 });
  await page.close({ runBeforeUnload: true });      // no wait: the 30 ms debounce has not fired
  const again = await open();
  assert.equal(await again.inputValue(NAME), '关闭前最后一刻');
  await again.close();
});

test('renderer killed after a pause: everything typed before it is back', async () => {
  const page = await open();
  await page.fill(NOTES, '');
  await page.locator(NOTES).pressSequentially('资金拨付滞后，', { delay: 15 });
  await page.waitForTimeout(100);                    // a pause: autosaved
  await page.locator(NOTES).pressSequentially('部分', { delay: 15 });
  await killRenderer(page);                          // mid-typing
  const again = await open();
  const back = await again.inputValue(NOTES);
  assert.ok(back.startsWith('资金拨付滞后，'), back);
  assert.ok('资金拨付滞后，部分'.startsWith(back), back);
  await again.close();
});

test('renderer killed during fast typing with no pause: at most the last 250 ms is lost', async () => {
  const page = await open();
  await page.fill(NOTES, '');
  await page.waitForTimeout(100);
  const text = '各乡镇上报数据口径不一，'.repeat(6);   // 72 keystrokes, 20 ms apart: no 30 ms pause
  const started = Date.now();
  await page.locator(NOTES).pressSequentially(text, { delay: 20 });
  const ms = Date.now() - started;
  await killRenderer(page);
  const again = await open();
  const back = await again.inputValue(NOTES);
  const perKey = ms / text.length;
  const lost = text.length - back.length;
  console.log(`typed ${text.length} keys in ${ms} ms (${perKey.toFixed(1)} ms/key); after the kill ${back.length} are back, ${lost} lost`);
  assert.ok(text.startsWith(back), 'what is back is exactly what was typed');
  // 250 ms of keys plus one key in flight and one validation's slack.
  assert.ok(lost <= Math.ceil(250 / perKey) + 3, `${lost} keys lost`);
  await again.close();
});
