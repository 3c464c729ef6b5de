// www/: the sample report (seed 001) loads into a new draft and is checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, OUT } from './harness.mjs';

let srv, browser;
before(async () => { srv = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

test('the sample report is computed and checked in the page', async () => {
  const { page, problems } = await openPage(browser, `${srv.url}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  // A current Chromium knows 'wasm-unsafe-eval': the WebAssembly engine runs, not the fallback.
  assert.equal(await page.evaluate(async () => (await import('/jixiao.js')).engine()), 'wasm');
  await page.click('#btnSample');
  await page.waitForFunction(() => document.querySelector('[name="/basic/projectName"]').value === '城乡居民基本医疗保险');
  assert.equal(await page.inputValue('[name="/computed/indicators/output.cost.saving/score"]'), '4.88');
  assert.equal(await page.inputValue('[name="/computed/total/score"]'), '99.86');
  // Each funds row and column names the other words tables print for it.
  const rowTitle = (text) => page.$eval(`xpath=//table[contains(@class,"funds")]//th[text()="${text}"]`, (th) => th.title);
  assert.match(await rowTitle('县(区)级财政'), /^也称：.*县市区财政.*区级财政/);
  assert.match(await rowTitle('实际支出'), /执行数、支出数/);
  await page.click('#btnCheck');
  assert.match(await page.textContent('#panelSummary'), /^错误 5 个，警告 1 个，提示 0 个/);
  assert.equal(await page.$$eval('#panel button.error', (l) => l.length), 5);
  await page.screenshot({ path: `${OUT}/www-sample.png` });
  assert.deepEqual(problems, []);
});
