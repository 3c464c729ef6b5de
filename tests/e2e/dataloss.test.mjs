// Nothing typed is lost: type into www/, then reload, close and reopen, or
// kill the renderer mid-typing; every character typed before the last
// autosave is back. Autosave (www/app.js): 30 ms after the last keystroke
// (after each validation), at least every 250 ms while typing goes on
// without a pause, and on pagehide / visibilitychange.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch } from './harness.mjs';

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

test('a save the browser refuses (storage full) is said at once, with the export offered; nothing typed is lost', async () => {
  const page = await open();
  // A short text saved first, so that what is typed later makes the draft grow.
  await page.fill(NOTES, '短');
  await page.waitForFunction(() => /^已自动保存/.test(document.getElementById('status').textContent));
  // Fill the origin's storage to the last character.
  const filled = await page.evaluate(() => {
    let chunk = 1 << 22;
    let n = 0;
    while (chunk >= 1) {
      try { localStorage.setItem(`filler:${n}`, 'x'.repeat(chunk)); n += 1; } catch { chunk = Math.floor(chunk / 2); }
    }
    return n;
  });
  assert.ok(filled > 0);
  assert.equal(await page.isHidden('#saveFailure'), true);
  const typed = '存储已满时输入的问题说明。'.repeat(20);
  await page.fill(NOTES, typed);
  await page.waitForSelector('#saveFailure', { state: 'visible' });
  assert.match(await page.textContent('#saveFailure'), /草稿未能保存（本浏览器的存储空间已满）.*请立即导出上报文件/);
  assert.equal(await page.textContent('#status'), '草稿未保存');
  assert.equal(await page.inputValue(NOTES), typed, 'the field keeps what was typed');
  // The offered export carries what was typed.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btnSaveFailureExport')]);
  const upload = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(upload.report.narrative.problems, typed);
  // Room again: the next save succeeds and the warning goes.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler:')) localStorage.removeItem(k); });
  await page.fill(NAME, '存储恢复后');
  await page.waitForSelector('#saveFailure', { state: 'hidden' });
  assert.match(await page.textContent('#status'), /^已自动保存/);
  await page.close();
});
