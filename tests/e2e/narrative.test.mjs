// A sentence that contradicts the figures: its finding selects the stated
// words in the text field and links to the figure it contradicts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let srv, browser;
before(async () => { srv = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

test('a narrative finding highlights its words and links to the figure', async () => {
  const { page, problems } = await openPage(browser, `${srv.url}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.click('#btnSample');
  await page.waitForFunction(() => document.querySelector('[name="/basic/projectName"]').value === '城乡居民基本医疗保险');
  await page.click('#btnCheck');
  const finding = page.locator('#panel button.finding[data-code="NARRATIVE_MISMATCH"]');
  assert.equal(await finding.count(), 1);
  assert.equal(await finding.textContent(), '文中“预算执行率”为 99.5%，与表内计算值 100.00% 不一致');
  await finding.click();
  const selected = await page.evaluate(() => {
    const t = document.activeElement;
    return { name: t.name, text: t.value.slice(t.selectionStart, t.selectionEnd) };
  });
  assert.deepEqual(selected, { name: '/narrative/summary', text: '99.5%' });
  await page.click('#panel button.figure-link');
  assert.equal(await page.evaluate(() => document.activeElement.name), '/computed/rates/budgetExecution');
  // Correct the sentence: the finding goes.
  const area = page.locator('[name="/narrative/summary"]');
  await area.fill((await area.inputValue()).replace('99.5%', '100%'));
  await page.waitForTimeout(120);
  assert.equal(await page.locator('#panel button.finding[data-code="NARRATIVE_MISMATCH"]').count(), 0);
  assert.deepEqual(problems, []);
});
