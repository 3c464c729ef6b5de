// Hostile text typed into every free-text field of www/ and of the embedded
// portal form, and into figure fields whose messages quote what was typed:
// nothing executes (with the strict CSP and without any CSP), no element is
// created from it, the layout does not overflow, and the upload JSON keeps
// every string verbatim.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, openPage, OUT } from './harness.mjs';

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  'javascript:window.__pwned=3',
  '"><svg onload="window.__pwned=4"><a href="javascript:window.__pwned=5">点</a>',
  '\u202E数据已通过审核\u202C \u2067RTL\u2069 &lt;b&gt; &amp;',
];
const LONG = '长'.repeat(100_000);
const ACTIVE = 'img, script, svg, iframe, object, embed, a[href^="javascript"], [onerror], [onload]';

let browser;
const servers = [];
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); for (const s of servers) s.server.close(); });

async function site(csp) {
  const s = await serve({ csp });
  servers.push(s);
  return s.url;
}

/** Counted before and after: elements that could run script or load. */
const active = (page) => page.$$eval(ACTIVE, (l) => l.length);
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const WWW_TEXT = ['/basic/projectName', '/basic/implementingUnit', '/basic/department', '/basic/manager',
  '/indicators/budget/reason', '/narrative/experience', '/narrative/problems', '/narrative/measures'];
const WWW_FIGURES = ['/basic/phone', '/funds/rows/total/budget', '/indicators/budget/actual'];

for (const csp of [true, false]) {
  test(`www/: hostile text everywhere stays text (${csp ? 'strict CSP' : 'no CSP'})`, async () => {
    const { page, problems } = await openPage(browser, `${await site(csp)}/`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const before = await active(page);
    const typed = {};
    [...WWW_TEXT, ...WWW_FIGURES].forEach((path, i) => { typed[path] = HOSTILE[i % HOSTILE.length]; });
    typed['/narrative/summary'] = LONG + HOSTILE[0];
    for (const [path, text] of Object.entries(typed)) await page.fill(`[name="${path}"]`, text);
    await page.waitForTimeout(200);
    await page.click('#btnCheck');                      // every message shown, quoting what was typed
    await page.waitForTimeout(200);
    const shown = await page.$$eval('.jixiao-message', (l) => l.map((e) => e.textContent).join('\n'));
    assert.match(shown, /<img src=x onerror|javascript:|<svg onload/, 'messages quote the hostile text, as text');
    const panel = await page.textContent('#panel');
    assert.match(panel, /<svg onload|<img src=x onerror/, 'the panel quotes it as text');
    assert.doesNotMatch(shown + panel, /[\u202A-\u202E\u2066-\u2069]/, 'typed bidi controls cannot reorder a message');
    assert.equal(await active(page), before, 'no element made from typed text');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
    assert.ok(await overflow(page) <= 0, 'no horizontal overflow');
    for (const [path, text] of Object.entries(typed)) assert.equal(await page.inputValue(`[name="${path}"]`), text, path);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btnExport')]);
    const upload = JSON.parse(await readFile(await download.path(), 'utf8'));
    const inputs = Object.fromEntries(upload.inputs.map((i) => [i.path, i.raw]));
    for (const [path, text] of Object.entries(typed)) assert.equal(inputs[path], text, `upload keeps ${path} verbatim`);
    assert.equal(upload.report.narrative.summary, typed['/narrative/summary']);
    if (csp) assert.deepEqual(problems, [], problems.join('\n'));
    await page.screenshot({ path: `${OUT}injection-www.png` });
  });

  test(`embed/: hostile text in the portal's fields stays text (${csp ? 'strict CSP' : 'no CSP'})`, async () => {
    const { page, problems } = await openPage(browser, `${await site(csp)}/embed/`);
    await page.waitForFunction(() => document.documentElement.dataset.jixiao === 'ready');
    const before = await active(page);
    const typed = { txtXmmc: HOSTILE[0], txtSsdw: HOSTILE[1], txtZgbm: HOSTILE[3], txtLxdh: HOSTILE[2],
      txtQnysZe: HOSTILE[4], 'zb[0].zbmc': HOSTILE[3], 'zb[0].pcyy': LONG, 'zb[0].sjwcz': HOSTILE[0], 'zb[1].ndzbz': HOSTILE[1] };
    for (const [name, text] of Object.entries(typed)) await page.fill(`[name="${name}"]`, text);
    await page.waitForTimeout(200);
    await page.click('[type=submit]');
    await page.waitForTimeout(200);
    assert.equal(await active(page), before, 'no element made from typed text');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
    assert.ok(await overflow(page) <= 0, 'no horizontal overflow');
    const upload = JSON.parse(await page.textContent('#preUpload'));
    const inputs = Object.fromEntries(upload.inputs.map((i) => [i.path, i.raw]));
    assert.equal(inputs['/basic/projectName'], HOSTILE[0]);
    assert.equal(inputs['/basic/implementingUnit'], HOSTILE[1]);
    assert.equal(inputs['/basic/phone'], HOSTILE[2]);
    assert.equal(inputs['/funds/rows/total/budget'], HOSTILE[4]);
    const line = Object.keys(upload.report.indicators).find((id) => upload.report.indicators[id].name === HOSTILE[3]);
    assert.ok(line, 'the hostile line name is kept verbatim');
    assert.equal(upload.report.indicators[line].reason, LONG);
    if (csp) assert.deepEqual(problems, [], problems.join('\n'));
    await page.screenshot({ path: `${OUT}injection-embed.png` });
  });
}
