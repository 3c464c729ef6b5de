// The npm package as a portal vendor gets it: the tarball scripts/package.mjs
// packs (run by scripts/test.sh before this) is installed into a scratch
// project, used from Node, and served as the jixiao of the two example
// portals in www/examples/ — a jQuery 1.x page (classic script, $.ajax)
// and a Vue 2 page (v-model, ES module) — whose uploads go to a stub.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, OUT } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRATCH = `${ROOT}target/scratch-install`;
const version = readFileSync(`${ROOT}Cargo.toml`, 'utf8').match(/^version = "([^"]+)"/m)[1];
const TARBALL = `${ROOT}target/jixiao-${version}.tgz`;

let srv, browser;
before(async () => {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(`${SCRATCH}/package.json`, JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', TARBALL], { cwd: SCRATCH });
  srv = await serve({ csp: false, mounts: { '/examples/vendor/jixiao/': `${SCRATCH}/node_modules/jixiao/` } });
  browser = await launch();
});
after(async () => { await browser?.close(); srv?.server.close(); });

test('the tarball installs the module, the classic script, the engines and the presets', () => {
  const dir = `${SCRATCH}/node_modules/jixiao`;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  assert.equal(pkg.version, version);
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  assert.deepEqual(pkg.exports['.'], { types: './jixiao.d.ts', default: './jixiao.js' });
  assert.deepEqual(readdirSync(`${dir}/pkg`).sort(), ['jixiao.d.ts', 'jixiao.js', 'jixiao_bg.wasm', 'jixiao_bg.wasm.d.ts', 'jixiao_js.js']);
  assert.deepEqual(readdirSync(`${dir}/fieldmaps`), ['vendor-kpi.json']);
  assert.deepEqual(readdirSync(`${dir}/xlsx`).sort(), ['jixiao_xlsx.d.ts', 'jixiao_xlsx.js', 'jixiao_xlsx_bg.wasm', 'jixiao_xlsx_bg.wasm.d.ts']);
});

test('from Node, the installed package exports a workbook and imports it back', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { exportXlsx, importXlsx } from 'jixiao';
    const report = JSON.parse(readFileSync(${JSON.stringify(`${ROOT}tests/fixtures/reports/seed-001.json`)}, 'utf8'));
    const bytes = await exportXlsx(report);
    const back = await importXlsx(bytes);
    let refused = null;
    try { await importXlsx(new Uint8Array([80, 75, 3, 4, 0])); } catch (e) { refused = e.code; }
    console.log(JSON.stringify({ zip: bytes[0] === 0x50 && bytes[1] === 0x4b, name: back.report.basic.projectName,
      total: back.report.stated.totalScore, notes: back.findings.length, refused }));`;
  const out = execFileSync('node', ['--input-type=module', '-e', script], { cwd: SCRATCH, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop()),
    { zip: true, name: '城乡居民基本医疗保险', total: '99.92', notes: 0, refused: 'XLSX_UNREADABLE' });
});

test('from Node, the installed package computes and verifies', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { createValidator, verify, engine } from 'jixiao';
    const v = await createValidator('common-framework', readFileSync(${JSON.stringify(`${ROOT}tests/fixtures/reports/seed-001.json`)}, 'utf8'));
    const r = await verify(v.upload());
    console.log(JSON.stringify({ engine: engine(), total: v.computed()['/computed/total/score'].value, problems: r.problems.length }));`;
  const out = execFileSync('node', ['--input-type=module', '-e', script], { cwd: SCRATCH, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), { engine: 'wasm', total: '99.86', problems: 0 });
});

/** The message shown under a field (its next sibling), or null. */
const messageFor = (page, name) => page.$eval(`[name="${name}"]`, (el) => {
  const next = el.nextElementSibling;
  return next && next.classList.contains('jixiao-message') ? next.textContent : null;
});

async function type(page, name, text) {
  await page.fill(`[name="${name}"]`, text);
  await page.waitForTimeout(150);
}

for (const example of ['jquery', 'vue2']) {
  test(`the ${example} example: attached by the vendor-kpi preset, checks as typed, posts the upload`, async () => {
    const { page, problems } = await openPage(browser, `${srv.url}/examples/${example}/`);
    await page.waitForFunction(() => document.documentElement.dataset.jixiao === 'ready');
    // Computed from the portal's own fields, the target split over three.
    assert.equal(await page.inputValue('[name="zxl"]'), '100.00');
    assert.equal(await page.inputValue('[name="totalScore"]'), '100.00');
    assert.equal(await page.inputValue('[name="grade"]'), '优');
    assert.equal(await page.inputValue('[name="kpiList[0].sysscore"]'), '10.00');

    // A wrong figure: its message under the field.
    await type(page, 'qnzx', '166.9.6');
    assert.match(await messageFor(page, 'qnzx') || '', /含有多个小数点/);
    await type(page, 'qnzx', '166.96');
    assert.equal(await messageFor(page, 'qnzx'), null);

    // One part of a split target: 计算符号 ≥ → ≤ makes 209682人 against ≤200000人 an overshoot.
    await page.selectOption('[name="kpiList[0].computesign"]', '≤');
    await page.waitForTimeout(150);
    assert.notEqual(await page.inputValue('[name="kpiList[0].sysscore"]'), '10.00');
    await page.selectOption('[name="kpiList[0].computesign"]', '≥');
    await page.waitForTimeout(150);
    assert.equal(await page.inputValue('[name="kpiList[0].sysscore"]'), '10.00');

    const before = srv.posts.length;
    await page.click('#btnSubmit');
    await page.waitForFunction(() => /已提交/.test(document.getElementById('submitResult').textContent));
    assert.equal(srv.posts.length, before + 1);
    const post = srv.posts[before];
    assert.match(post.type, /^application\/json/);
    const upload = JSON.parse(post.body);
    const line = upload.report.indicators['row-0'];
    assert.equal(line.name, '基本医疗保险参保人数');
    assert.equal(line.parent, 'output.quantity', '二级指标 数量指标, by its name in the pack');
    assert.equal(line.target, '≥200000人', 'comparator + value + unit, as typed');
    assert.equal(line.actual, '209682人', 'the actual takes the target\u2019s unit');
    assert.equal(upload.report.indicators['row-6'].target, '有效减轻', '定性: the value alone');
    assert.equal(upload.computed['/computed/total/grade'].value, '优');
    await page.screenshot({ path: `${OUT}/example-${example}.png`, fullPage: true });
    assert.deepEqual(problems, []);
  });
}

test('the vue2 example: a row Vue adds is picked up and checked', async () => {
  const { page, problems } = await openPage(browser, `${srv.url}/examples/vue2/`);
  await page.waitForFunction(() => document.documentElement.dataset.jixiao === 'ready');
  await page.click('#btnAddRow');
  await page.waitForSelector('[name="kpiList[10].indexval"]');
  await type(page, 'kpiList[10].thirdkpi', '异地就医直接结算人次');
  await type(page, 'kpiList[10].weight', '5');
  await type(page, 'kpiList[10].indexval', '1000');
  await type(page, 'kpiList[10].meterunit', '人次');
  await type(page, 'kpiList[10].actualvalue', '1200');
  assert.equal(await page.inputValue('[name="kpiList[10].sysscore"]'), '5.00');
  // The weights now exceed the 数量指标 node's: said, and submit refused.
  await page.click('#btnSubmit');
  await page.waitForFunction(() => /尚有 \d+ 个错误/.test(document.getElementById('submitResult').textContent));
  assert.ok(await page.$$eval('.jixiao-message', (l) => l.length) > 0);
  assert.deepEqual(problems, []);
});
