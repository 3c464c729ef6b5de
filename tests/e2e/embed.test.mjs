// www/embed/: a legacy provincial portal form with jixiao attached by a
// field map. Driven by typing, as staff would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, OUT } from './harness.mjs';

let srv, browser, page, problems;
before(async () => {
  srv = await serve();
  browser = await launch();
  ({ page, problems } = await openPage(browser, `${srv.url}/embed/`));
  await page.waitForFunction(() => document.documentElement.dataset.jixiao === 'ready');
});
after(async () => {
  await browser?.close();
  srv?.server.close();
});

const value = (name) => page.inputValue(`[name="${name}"]`);
const messages = () => page.$$eval('.jixiao-message', (l) => l.map((e) => e.textContent));
/** Type like a person: clear, then key by key; wait for the debounce. */
async function type(name, text) {
  const sel = `[name="${name}"]`;
  await page.fill(sel, '');
  await page.type(sel, text, { delay: 5 });
  await page.waitForTimeout(120);
}
/** The message shown for a field: its next sibling, linked by aria-describedby. */
async function messageFor(name) {
  return page.$eval(`[name="${name}"]`, (el) => {
    const id = el.getAttribute('aria-describedby');
    const next = el.nextElementSibling;
    return {
      invalid: el.getAttribute('aria-invalid'),
      linked: Boolean(id && next && id.split(' ').includes(next.id) && next.classList.contains('jixiao-message')),
      text: next && next.classList.contains('jixiao-message') ? next.textContent : null,
    };
  });
}

test('a pristine form shows no messages, only computed figures', async () => {
  assert.deepEqual(await messages(), []);
  assert.equal(await value('txtZxl'), '100.00');
  assert.equal(await value('txtZxlDf'), '10.00');
  assert.equal(await value('zb[0].wcl'), '104.84');
  assert.equal(await value('zb[0].xtdf'), '10.00');
  assert.equal(await value('txtZf'), '100.00');
  assert.equal(await value('txtPjdc'), '优');
  assert.equal(await page.getAttribute('[name=txtZf]', 'readonly'), '');
});

test('a wrong figure shows its message under the field; fixing it clears it', async () => {
  await type('txtQnzxZe', '166.9.6');
  let m = await messageFor('txtQnzxZe');
  assert.equal(m.invalid, 'true');
  assert.ok(m.linked, 'aria-describedby points at the message right after the field');
  assert.match(m.text, /含有多个小数点/);
  await type('txtQnzxZe', '176.96');
  m = await messageFor('txtQnzxZe');
  assert.match(m.text, /各来源合计 166\.96万元，与填报的合计 176\.96万元 不一致/);
  await type('txtQnzxZe', '166.96');
  m = await messageFor('txtQnzxZe');
  assert.equal(m.text, null);
  assert.equal(m.invalid, null);
  assert.deepEqual(await messages(), []);
});

test('scores, the total and the grade update as staff type', async () => {
  await type('zb[0].sjwcz', '100000人');
  assert.equal(await value('zb[0].wcl'), '50.00');
  assert.equal(await value('zb[0].xtdf'), '5.00');
  assert.equal(await value('txtZf'), '95.00');
  assert.equal(await value('txtPjdc'), '优');
  await type('zb[6].sjwcz', '未达成：就医负担未明显减轻');
  await type('zb[6].df', '3');
  assert.equal(await value('zb[6].xtdf'), '3.00');
  assert.equal(await value('txtZf'), '88.00');
  assert.equal(await value('txtPjdc'), '良');
  // The reasons are required, but those fields were not touched yet.
  assert.equal((await messageFor('zb[6].pcyy')).text, null);
  await type('zb[6].df', '7');
  assert.match((await messageFor('zb[6].df')).text, /完成情况为“未达成”，得分应在 0–6（不含 6） 之间，填报为 7/);
  await type('zb[6].df', '3');
  await page.screenshot({ path: `${OUT}/embed-typing.png`, fullPage: true });
});

test('rows the portal adds are picked up', async () => {
  await page.click('#btnAddRow');
  await page.waitForTimeout(100);
  assert.equal(await value('txtZf'), '', 'total waits until the new line is scored');
  await type('zb[10].zbmc', '新增参保人数');
  await type('zb[10].fz', '5');
  await type('zb[10].ndzbz', '≥100人');
  await type('zb[10].sjwcz', '100人');
  assert.equal(await value('zb[10].xtdf'), '5.00');
  const m = await messageFor('zb[10].fz');
  // national-2020 leaves the 一级 split to the form ("原则上" 50/30/10):
  // the whole table's weights are checked against 100.
  assert.match(m.text, /全部指标下各指标分值合计 105分，应等于 100分/);
});

test('a submit attempt shows every message and the upload JSON', async () => {
  await page.click('#btnSubmit');
  await page.waitForTimeout(100);
  assert.match((await messageFor('zb[6].pcyy')).text, /须填写偏差原因分析及改进措施/);
  const upload = JSON.parse(await page.textContent('#preUpload'));
  assert.equal(upload.schemaVersion, '1');
  assert.equal(upload.pack.id, 'national-2020');
  assert.match(upload.digest, /^[0-9a-f]{64}$/);
  const raw = upload.inputs.find((i) => i.path === '/indicators/q1/actual');
  assert.deepEqual(raw, { path: '/indicators/q1/actual', raw: '100000人', normalized: '100000' });
  await page.screenshot({ path: `${OUT}/embed-submitted.png`, fullPage: true });
});

test('detach removes every listener and mark', async () => {
  await page.evaluate(() => window.jixiaoAttachment.detach());
  assert.deepEqual(await messages(), []);
  assert.equal(await page.$$eval('[data-jixiao-path], [aria-invalid]', (l) => l.length), 0);
  assert.equal(await page.getAttribute('[name=txtZf]', 'readonly'), null, 'readonly it added is gone');
  await type('txtQnzxZe', 'abc');
  assert.deepEqual(await messages(), [], 'no listener left');
});

test('no console errors and no CSP violations', () => {
  assert.deepEqual(problems, []);
});
