// www/: the static page loads the release WASM and checks a sample report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, OUT } from './harness.mjs';

let srv, browser;
before(async () => { srv = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

test('the sample report is checked in the page', async () => {
  const { page, problems } = await openPage(browser, `${srv.url}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent === '已就绪');
  await page.click('#sample');
  await page.waitForFunction(() => document.querySelectorAll('#findings li').length > 0);
  assert.equal(await page.textContent('#status'), '8 个错误，0 个警告或提示');
  const rows = await page.$$eval('#computed tr', (l) => l.map((r) => r.textContent));
  assert.ok(rows.includes('总分99.86分'), rows.join('|'));
  await page.screenshot({ path: `${OUT}/www-index.png` });
  assert.deepEqual(problems, []);
});
