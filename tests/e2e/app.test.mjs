// www/: the complete self-evaluation page, used as a county finance officer
// would: fill a whole national-2020 report by typing, meet and fix
// findings, reload, keep several drafts, export, re-import, print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, OUT } from './harness.mjs';

let srv, browser, page, problems;
before(async () => {
  srv = await serve();
  browser = await launch();
  ({ page, problems } = await openPage(browser, `${srv.url}/`, { width: 1400, height: 1600 }));
  await ready();
});
after(async () => { await browser?.close(); srv?.server.close(); });

async function ready() {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
}
const q = (path) => `[name="${path}"]`;
async function type(path, text) {
  const loc = page.locator(q(path));
  await loc.fill('');
  await loc.pressSequentially(text, { delay: 2 });
  await page.waitForTimeout(60);
}
const value = (path) => page.inputValue(q(path));
async function messageFor(path) {
  return page.$eval(q(path), (e) => {
    const next = e.nextElementSibling;
    return next?.classList.contains('jixiao-message') ? next.textContent : null;
  });
}
/** Every field of the form: name → value. */
const snapshot = () => page.$$eval('#report [name]', (l) => Object.fromEntries(l.map((e) => [e.name, e.value])));

const LINES = [
  ['output.quantity', '基本医疗保险参保人数', '10', '≥200000人', '209682人', ''],
  ['output.quantity', '稽核定点医药机构数', '10', '≥150家', '150家', ''],
  ['output.quality', '门诊统筹签约率', '15', '≥95%', '95%', ''],
  ['output.timeliness', '医保待遇按时支付率', '5', '=100%', '100%', ''],
  ['output.cost', '军队转业干部医疗救助标准', '10', '≤2000元/人', '2000元/人', ''],
  ['benefit.economic', '城镇困难人员资助参保人数', '5', '≥3800人', '3857人', ''],
  ['benefit.social', '参保群众就医负担', '10', '有效减轻', '达成：有效减轻', '10'],
  ['benefit.ecological', '线上经办业务量', '5', '≥8000件', '8000件', ''],
  ['benefit.sustainable', '医保基金安全平稳运行', '10', '持续平稳', '达成：基金运行平稳', '10'],
  ['satisfaction.service', '参保群众满意度', '10', '≥90%', '95%', ''],
];
const NODE_NAMES = { 'output.quantity': '数量指标', 'output.quality': '质量指标', 'output.timeliness': '时效指标', 'output.cost': '成本指标',
  'benefit.economic': '经济效益指标', 'benefit.social': '社会效益指标', 'benefit.ecological': '生态效益指标',
  'benefit.sustainable': '可持续影响指标', 'satisfaction.service': '服务对象满意度指标' };

test('a fresh page opens an empty national-2020 draft with no messages', async () => {
  assert.equal(await page.inputValue('#packSelect'), 'national-2020');
  assert.equal(await page.$$eval('.jixiao-message', (l) => l.length), 0);
  assert.match(await page.textContent('#status'), /已自动保存/);
});

test('typing a whole report gives its total and grade, meeting and fixing findings on the way', async () => {
  await type('/basic/projectName', '2020年度医疗保障工作经费项目');
  await type('/basic/implementingUnit', '西湖区医疗保障局');
  await type('/basic/department', '西湖区医疗保障局');
  await type('/basic/year', '2020');
  // 1. A phone number with a digit missing.
  await type('/basic/phone', '1391234567');
  assert.match(await messageFor('/basic/phone'), /不是有效的手机号/);
  await type('/basic/phone', '13912345678');
  assert.equal(await messageFor('/basic/phone'), null);
  // 2. Start after end.
  await type('/basic/start', '2020-12-31');
  await type('/basic/end', '2020-01-01');
  assert.match(await messageFor('/basic/start'), /晚于结束时间/);
  await type('/basic/start', '2020-01-01');
  await type('/basic/end', '2020-12-31');
  assert.equal(await messageFor('/basic/start'), null);
  // Funds, national layout.
  for (const [row, planned, budget, spent] of [['total', '156.96', '166.96', '166.96'], ['appropriation', '156.96', '166.96', '166.96']]) {
    await type(`/funds/rows/${row}/planned`, planned);
    await type(`/funds/rows/${row}/budget`, budget);
    await type(`/funds/rows/${row}/spent`, spent);
  }
  // 3. Sources that do not add up to the total.
  await type('/funds/rows/appropriation/spent', '160');
  assert.match(await messageFor('/funds/rows/total/spent') ?? await messageFor('/funds/rows/appropriation/spent'), /各来源合计 160\.00万元，与填报的合计 166\.96万元 不一致/);
  await type('/funds/rows/appropriation/spent', '166.96');
  assert.equal(await page.$$eval('.jixiao-message', (l) => l.length), 0);
  assert.equal(await value('/computed/rates/budgetExecution'), '100.00');
  // Expense lines, added with the keyboard.
  await page.selectOption(q('/expenses/unit'), '万元');
  await page.waitForTimeout(100);
  for (const [i, [name, amount]] of [['城镇居民医疗保险经费', '51.96'], ['其他各项经费', '115']].entries()) {
    await page.getByRole('button', { name: '添加支出明细' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(50);
    assert.equal(await page.evaluate(() => document.activeElement.name), `/expenses/lines/${i}/name`, 'the new row has focus');
    await type(`/expenses/lines/${i}/name`, name);
    await type(`/expenses/lines/${i}/amount`, amount);
  }
  // 4. A total that does not match its lines.
  await type('/expenses/total', '166.69');
  assert.match(await messageFor('/expenses/total'), /支出明细合计 166\.96万元，与填报的支出合计 166\.69万元 不一致/);
  await type('/expenses/total', '166.96');
  assert.equal(await messageFor('/expenses/total'), null);
  assert.equal(await value('/computed/expenses/total'), '166.96');
  // Indicator lines under each open node.
  let n = 0;
  for (const [parent, name, weight, target, actual, score] of LINES) {
    await page.getByRole('button', { name: `在“${NODE_NAMES[parent]}”下添加指标` }).click();
    const id = await page.evaluate((p) => [...document.querySelectorAll(`tr.line[data-parent="${p}"]`)].pop().dataset.lineId, parent);
    const base = `/indicators/${id}`;
    await type(`${base}/name`, name);
    await type(`${base}/weight`, weight);
    await type(`${base}/target`, target);
    await type(`${base}/actual`, actual);
    if (score) await type(`${base}/score`, score);
    n += 1;
    if (n === 1) {
      // 5. The report splits the 100 points over its own lines (national-2020
      // leaves even the 一级 split to the form, "原则上" 50/30/10): nothing
      // to say about weights while 效益 and 满意度 have no line yet.
      assert.equal(await messageFor(`${base}/weight`), null);
    }
    if (name === '参保群众就医负担') {
      // 6. A qualitative score outside its tier, then fixed.
      await type(`${base}/score`, '7');
      assert.match(await messageFor(`${base}/score`), /完成情况为“达成”，得分应在 8–10 之间，填报为 7/);
      await type(`${base}/score`, '10');
      assert.equal(await messageFor(`${base}/score`), null);
    }
  }
  assert.equal(await page.$$eval('.jixiao-message', (l) => l.length), 0, 'nothing left to fix');
  // 7. Once every 一级 has lines, the whole table's weights must make 100.
  const first = await page.evaluate(() => document.querySelector('tr.line[data-parent="output.quantity"]').dataset.lineId);
  await type(`/indicators/${first}/weight`, '15');
  assert.match(await messageFor(`/indicators/${first}/weight`), /全部指标下各指标分值合计 105分，应等于 100分/);
  await type(`/indicators/${first}/weight`, '10');
  assert.equal(await messageFor(`/indicators/${first}/weight`), null);
  assert.equal(await value('/computed/indicators/budget/score'), '10.00');
  assert.equal(await value('/computed/total/score'), '100.00');
  assert.equal(await value('/computed/total/grade'), '优');
  await page.screenshot({ path: `${OUT}/app-filled.png`, fullPage: true });
});

test('the findings panel lists problems by severity and leads to the field', async () => {
  await type('/funds/rows/total/spent', '120');
  await type('/funds/rows/appropriation/spent', '120');
  await page.click('#btnCheck');
  const summary = await page.textContent('#panelSummary');
  assert.match(summary, /错误 \d+ 个，警告 [12] 个/);
  const heads = await page.$$eval('#panel h3', (l) => l.map((h) => h.textContent));
  assert.ok(heads.some((h) => h.startsWith('错误')) && heads.some((h) => h.startsWith('警告')), heads.join());
  await page.click('#panel button[data-code="FUND_UNSPENT"]');
  assert.equal(await page.evaluate(() => document.activeElement.name), '/funds/rows/total/spent');
  await type('/funds/rows/total/spent', '166.96');
  await type('/funds/rows/appropriation/spent', '166.96');
  assert.equal(await page.$$eval('#panel button', (l) => l.length), 0);
});

test('the 基金运行 table the pack declares: computed rows, a negative 当期结余, a stated figure that disagrees', async () => {
  // 塔城市 2024 职工医保 as published (https://www.xjtcsh.gov.cn/tzgg/gsgg/content_53151):
  // 当期结余 not printed, 滚存结余 printed 996.84 where 1079.96 + 21772.41 − 21885.53 = 966.84.
  const t = (row) => `/tables/fundOperation/rows/${row}/actual`;
  await type(t('carried'), '1079.96');
  await type(t('income'), '21772.41');
  await type(t('spending'), '21885.53');
  await type(t('accumulated'), '996.84');
  assert.equal(await value('/computed/tables/fundOperation/balance/actual'), '-113.12');
  assert.equal(await value('/computed/tables/fundOperation/accumulated/actual'), '966.84');
  assert.match(await messageFor(t('accumulated')), /上年累计结余 \+ 当期结余 为 966\.84万元，与填报的 996\.84万元 不一致/);
  await type(t('balance'), '-113.12');
  assert.equal(await messageFor(t('balance')), null, 'a negative 当期结余 is accepted');
  await type(t('accumulated'), '966.84');
  assert.equal(await messageFor(t('accumulated')), null);
  assert.equal(await value('/computed/tables/fundOperation/months/actual'), '0.53');
});

test('a reload restores every value exactly, raw text included', async () => {
  await type('/narrative/summary', '预算执行率为100%，  全角：１２.５９万人');
  await page.waitForTimeout(100);
  const before = await snapshot();
  await page.reload();
  await ready();
  const after = await snapshot();
  assert.deepEqual(after, before);
  assert.equal(after['/narrative/summary'], '预算执行率为100%，  全角：１２.５９万人');
});

test('several drafts can be kept, listed, opened and deleted', async () => {
  const first = await page.inputValue('#draftList');
  await page.click('#btnNew');
  await ready();
  await type('/basic/projectName', '第二个项目');
  const list = await page.$$eval('#draftList option', (l) => l.map((o) => o.textContent));
  assert.equal(list.length, 2);
  assert.ok(list.some((t) => t.includes('第二个项目')) && list.some((t) => t.includes('2020年度医疗保障工作经费项目')));
  await page.selectOption('#draftList', first);
  await page.waitForFunction(() => document.querySelector('[name="/basic/projectName"]').value === '2020年度医疗保障工作经费项目');
  assert.equal(await value('/computed/total/score'), '100.00');
  const second = await page.$$eval('#draftList option', (l, f) => l.map((o) => o.value).find((v) => v !== f), first);
  await page.selectOption('#draftList', second);
  await page.waitForFunction(() => document.querySelector('[name="/basic/projectName"]').value === '第二个项目');
  await page.click('#btnDelete');
  await page.waitForFunction(() => document.querySelectorAll('#draftList option').length === 1);
  assert.equal(await value('/basic/projectName'), '2020年度医疗保障工作经费项目');
});

test('export, re-import gives the same state; a tampered export is refused', async () => {
  const before = await snapshot();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btnExport')]);
  const text = await readFile(await download.path(), 'utf8');
  const upload = JSON.parse(text);
  assert.equal(upload.schemaVersion, '1');
  assert.equal(upload.computed['/computed/total/grade'].value, '优');
  const drafts = await page.$$eval('#draftList option', (l) => l.length);

  const tampered = text.replace('"209682人"', '"219682人"');
  assert.notEqual(tampered, text);
  await page.setInputFiles('#fileImport', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await page.waitForSelector('#importMessage:not([hidden])');
  assert.match(await page.textContent('#importMessage'), /导入失败，未作任何更改：上报数据的摘要不符/);
  assert.equal(await page.$$eval('#draftList option', (l) => l.length), drafts, 'no draft added');
  assert.deepEqual(await snapshot(), before, 'nothing changed');

  await page.setInputFiles('#fileImport', { name: 'up.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction((n) => document.querySelectorAll('#draftList option').length === n + 1, drafts);
  await page.waitForFunction(() => document.querySelector('#importMessage').hidden);
  const after = await snapshot();
  // Same values; only the generated line ids are the same too, since the report is the same.
  assert.deepEqual(after, before);
});

/** Cells of a workbook as openpyxl (an independent reader) sees them: sheet → {ref: text}. */
function cellsOf(path) {
  const py = 'import json,sys,openpyxl\nwb=openpyxl.load_workbook(sys.argv[1])\n'
    + 'print(json.dumps({ws.title:{c.coordinate:str(c.value) for r in ws.iter_rows() for c in r if c.value is not None} for ws in wb.worksheets},ensure_ascii=False))';
  return JSON.parse(execFileSync('python3', ['-c', py, path], { encoding: 'utf8' }));
}

test('Excel: export through the button (a real download), import through a real file chooser: the same form', async () => {
  const before = await snapshot();
  const drafts = await page.$$eval('#draftList option', (l) => l.length);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btnExportXlsx')]);
  assert.match(download.suggestedFilename(), /^绩效自评表-.*\.xlsx$/);
  const file = `${OUT}/app-export.xlsx`;
  await download.saveAs(file);
  const cells = cellsOf(file);
  assert.deepEqual(Object.keys(cells).slice(0, 3), ['自评表', '检查结果', '补充信息']);
  const main = cells['自评表'];
  assert.equal(main.A1, '项目支出绩效自评表');
  assert.ok(Object.values(main).includes('2020年度医疗保障工作经费项目'));
  assert.ok(Object.values(main).includes('209682人'), 'an actual as typed');
  assert.ok(Object.values(main).includes('优'), 'the computed grade');

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('label[for="fileImportXlsx"]')]);
  await chooser.setFiles(file);
  await page.waitForFunction((n) => document.querySelectorAll('#draftList option').length === n + 1, drafts);
  await page.waitForFunction(() => /已从 Excel 导入/.test(document.querySelector('#status').textContent));
  assert.equal(await page.$eval('#importMessage', (m) => m.hidden), true, 'no import notes');
  assert.deepEqual(await snapshot(), before);
  // Valid as typed: no message on any field, the grade computed again.
  assert.equal(await page.$$eval('.jixiao-message', (l) => l.length), 0);
  assert.equal(await value('/computed/total/grade'), '优');
});

test('Excel: a workbook another program wrote (openpyxl, the official national table) fills the form', async () => {
  const dir = `${OUT}/xlsx`;
  await mkdir(dir, { recursive: true });
  execFileSync('python3', [new URL('../xlsx/make.py', import.meta.url).pathname, dir]);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('label[for="fileImportXlsx"]')]);
  await chooser.setFiles(`${dir}/national-official.xlsx`);
  await page.waitForFunction(() => document.querySelector(`[name="/basic/projectName"]`)?.value === '城乡居民基本医疗保险补助');
  assert.equal(await value('/funds/rows/total/budget'), '166.96');
  assert.equal(await value('/indicators/output.quantity.1/target'), '≥12.3万人');
  assert.equal(await value('/indicators/output.cost.1/actual'), '48.8元/人');
  // A file that is not a workbook changes nothing and says why.
  const drafts = await page.$$eval('#draftList option', (l) => l.length);
  await writeFile(`${dir}/bad.xlsx`, 'not a workbook');
  const [c2] = await Promise.all([page.waitForEvent('filechooser'), page.click('label[for="fileImportXlsx"]')]);
  await c2.setFiles(`${dir}/bad.xlsx`);
  await page.waitForSelector('#importMessage:not([hidden])');
  assert.match(await page.textContent('#importMessage'), /导入失败，未作任何更改：无法读取 Excel 文件/);
  assert.equal(await page.$$eval('#draftList option', (l) => l.length), drafts);
});

test('the print view is the form on A4 without controls', async () => {
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval('#btnExport', (b) => getComputedStyle(b).display), 'none');
  assert.equal(await page.$eval('aside', (a) => getComputedStyle(a).display), 'none');
  await page.screenshot({ path: `${OUT}/app-print.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000);
  await page.emulateMedia({ media: 'screen' });
});

test('choosing another pack starts a new draft with its indicator table and keeps the old one', async () => {
  const drafts = await page.$$eval('#draftList option', (l) => l.length);
  const name = await page.inputValue(q('/basic/projectName'));
  await page.selectOption('#packSelect', 'four-part');
  await page.waitForFunction((n) => document.querySelectorAll('#draftList option').length === n + 1, drafts);
  await page.waitForFunction(() => document.querySelector('h2.title')?.textContent.includes('决策与过程'));
  assert.equal(await value('/basic/projectName'), name, 'basic info carried over');
  assert.equal(await page.getByRole('button', { name: '在“项目产出”下添加指标' }).count(), 1);
  assert.equal(await page.$$eval('tr.line', (l) => l.length), 0, 'no lines from the old pack');
  assert.equal(await page.inputValue('#packSelect'), 'four-part');
});

test('no console errors and no CSP violations', () => {
  assert.deepEqual(problems, []);
});
