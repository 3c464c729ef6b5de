// The browser floor: the core flows in real Chromium 80 and 86 (the kernels
// of 360极速浏览器 13 and many 信创 desktops), from the npm packages that carry
// them (scripts/old-chromium.mjs), driven by the puppeteer-core of their day.
//
// Each browser runs the flows twice: with the page's strict CSP, which they
// read as forbidding WebAssembly (they do not know 'wasm-unsafe-eval'), so
// the JavaScript engine runs; and with CSP bypassed, as on a portal that
// sets none, so the WebAssembly engine (built for the floor) runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { serve, OUT } from './harness.mjs';
import { BROWSERS, binary, libraries } from '../../scripts/old-chromium.mjs';

const require = createRequire(import.meta.url);
// The one console error these browsers print for the page's own policy: they
// do not know the source and ignore it (the issue 13 text quotes it).
const POLICY_WARNING = "The source list for Content Security Policy directive 'script-src' contains an invalid source: ''wasm-unsafe-eval''. It will be ignored.";

let srv, bare;
before(async () => { srv = await serve(); bare = await serve({ csp: false }); });
after(() => { srv?.server.close(); bare?.server.close(); });

async function launch({ chromium, driver }) {
  const puppeteer = require(driver);
  return puppeteer.launch({
    timeout: 60000,
    executablePath: binary(chromium),
    headless: true,
    env: { ...process.env, LD_LIBRARY_PATH: libraries(chromium) },
    // Multi-process, as on users' desktops. (These builds are packaged for
    // AWS Lambda, which runs them with --single-process; a CI run on record
    // stopped without finishing after the Chromium 80 flows, cause unseen.)
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// How long one flow may take before its browser is killed (a flow takes
// 1–7 s here). Puppeteer's evaluate, click and close wait without a limit,
// so a browser that stops answering would otherwise hold the run forever.
const HUNG_MS = 120000;

/**
 * Launch the browser, run `flow` with it and close it. If the flow has not
 * ended after HUNG_MS the browser process is killed: every call waiting on
 * it then fails. A flow whose browser hung runs once more in a new browser
 * (said on the output); hanging twice, or any other failure, fails the test.
 */
async function withBrowser(b, flow) {
  for (let attempt = 1; ; attempt += 1) {
    const browser = await launch(b);
    let hung = false;
    const watchdog = setTimeout(() => { hung = true; browser.process()?.kill('SIGKILL'); }, HUNG_MS);
    try {
      await flow(browser);
    } catch (e) {
      if (!hung) throw e;
    } finally {
      clearTimeout(watchdog);
      // close() waits for the process to end; a killed one ends at once.
      const late = setTimeout(() => browser.process()?.kill('SIGKILL'), 15000);
      await browser.close();
      clearTimeout(late);
    }
    if (!hung) return;
    const said = `Chromium ${b.chromium} stopped answering; killed after ${HUNG_MS / 1000} s (attempt ${attempt})`;
    if (attempt === 2) assert.fail(said);
    console.log(`${said}; running the flow again in a new browser`);
  }
}

/**
 * A page that records console errors (but the policy warning), page errors
 * and CSP violations. A refused WebAssembly compile is a violation of
 * script-src (blocked "eval"), which the browser does not print but a
 * portal's report-uri would receive: it is recorded apart, in `refused`.
 */
async function open(browser, path, csp) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 1300 });
  if (!csp) await page.setBypassCSP(true);
  const problems = [];
  const refused = [];
  page.on('console', (m) => {
    if (m.type() !== 'error' || m.text() === POLICY_WARNING) return;
    if (m.text() === 'CSP violation: script-src eval') refused.push(page.url());
    else problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(`${srv.url}${path}`);
  return { page, problems, refused };
}

const engineOf = (page) => page.evaluate(async () => (await import('/jixiao.js')).engine());
const value = (page, name) => page.$eval(`[name="${name}"]`, (e) => e.value);
/** Clear a field and type into it key by key; then wait past the debounce. */
async function type(page, name, text) {
  const sel = `[name="${name}"]`;
  await page.click(sel, { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type(sel, text, { delay: 5 });
  await new Promise((r) => setTimeout(r, 200));
}
/** The message under a field (its next sibling), or null. */
const messageFor = (page, name) => page.$eval(`[name="${name}"]`, (el) => {
  const next = el.nextElementSibling;
  const linked = (el.getAttribute('aria-describedby') || '').split(' ').includes(next && next.id);
  return next && next.classList.contains('jixiao-message') && linked ? next.textContent : null;
});

for (const b of BROWSERS) {
  for (const csp of [true, false]) {
    const engine = csp ? 'js' : 'wasm';
    const label = `Chromium ${b.chromium}, ${csp ? 'strict CSP → JavaScript engine' : 'no CSP → WebAssembly engine'}`;

    test(`${label}: www/ builds the form, checks, computes, keeps a draft across reload`, async () => withBrowser(b, async (browser) => {
      assert.match(await browser.version(), new RegExp(`/${b.chromium}\\.`));
      const { page, problems, refused } = await open(browser, '/', csp);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', { timeout: 60000 });
      assert.equal(await engineOf(page), engine);
      assert.ok(await page.$$eval('#report input', (l) => l.length) > 50, 'the form is built');

      await page.click('#btnSample');
      await page.waitForFunction(() => document.querySelector('[name="/basic/projectName"]').value === '城乡居民基本医疗保险');
      assert.equal(await value(page, '/computed/indicators/output.cost.saving/score'), '4.88');
      assert.equal(await value(page, '/computed/total/score'), '99.86');
      assert.equal(await value(page, '/computed/total/grade'), '优');

      await type(page, '/funds/rows/total/budget', '166.9.6');
      assert.match(await messageFor(page, '/funds/rows/total/budget') || '', /含有多个小数点/);

      await page.click('#btnCheck');
      assert.match(await page.$eval('#panelSummary', (e) => e.textContent), /^错误 \d+ 个，警告 \d+ 个，提示 \d+ 个/);

      // The refused attempt happens once, on the first load, not on every load.
      const firstLoad = refused.length;
      if (csp) assert.ok(firstLoad >= 1, 'the first load tried WebAssembly and was refused');
      else assert.equal(firstLoad, 0);
      await type(page, '/basic/projectName', '旧内核草稿');
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', { timeout: 60000 });
      assert.equal(await value(page, '/basic/projectName'), '旧内核草稿');
      assert.equal(await value(page, '/funds/rows/total/budget'), '166.9.6', 'the raw text typed is kept');
      assert.equal(await engineOf(page), engine);
      assert.equal(refused.length, firstLoad, 'no second attempt after the reload');
      await page.screenshot({ path: `${OUT}/old-${b.chromium}-${engine}-www.png` });
      assert.deepEqual(problems, []);
    }));

    test(`${label}: Excel export and import ${csp ? 'refused with a clear message' : 'through the module and the page file input'}`, async () => withBrowser(b, async (browser) => {
      const { page, problems } = await open(browser, '/', csp);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', { timeout: 60000 });
      const out = await page.evaluate(async () => {
        const j = await import('/jixiao.js');
        const report = await (await fetch('/samples/seed-001.json')).json();
        try {
          const bytes = await j.exportXlsx(report);
          const back = await j.importXlsx(bytes);
          let b64 = '';
          for (let i = 0; i < bytes.length; i += 0x8000) b64 += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
          return { ok: true, name: back.report.basic.projectName, total: back.report.stated.totalScore, notes: back.findings.length, b64: btoa(b64) };
        } catch (e) { return { ok: false, code: e.code, message: e.message }; }
      });
      if (csp) {
        assert.equal(out.ok, false);
        assert.equal(out.code, 'XLSX_UNAVAILABLE');
        assert.match(out.message, /无法读写 Excel/);
      } else {
        assert.deepEqual([out.ok, out.name, out.total, out.notes], [true, '城乡居民基本医疗保险', '99.92', 0]);
        // The page's own file input, given the workbook: a new draft, filled.
        const file = `${OUT}/old-${b.chromium}-export.xlsx`;
        writeFileSync(file, Buffer.from(out.b64, 'base64'));
        const input = await page.$('#fileImportXlsx');
        await input.uploadFile(file);
        // puppeteer-core 2 sets the files without the change event a real
        // chooser fires (puppeteer 5 sends it itself); send it once here.
        if (b.driver === 'puppeteer-core-2') await input.evaluate((el) => el.dispatchEvent(new Event('change', { bubbles: true })));
        await page.waitForFunction(() => /已从 Excel 导入/.test(document.querySelector('#status').textContent), { timeout: 60000 });
        assert.equal(await value(page, '/basic/projectName'), '城乡居民基本医疗保险');
        assert.equal(await value(page, '/computed/total/score'), '99.86');
      }
      assert.deepEqual(problems, []);
    }));

    test(`${label}: www/embed/ attaches to the portal form, flags a wrong figure, computes total and grade`, async () => withBrowser(b, async (browser) => {
      const { page, problems } = await open(browser, '/embed/', csp);
      await page.waitForFunction(() => document.documentElement.dataset.jixiao === 'ready', { timeout: 60000 });
      assert.equal(await engineOf(page), engine);
      assert.equal(await value(page, 'txtZf'), '100.00');
      assert.equal(await value(page, 'txtPjdc'), '优');
      await type(page, 'txtQnzxZe', '176.96');
      assert.match(await messageFor(page, 'txtQnzxZe') || '', /各来源合计 166\.96万元，与填报的合计 176\.96万元 不一致/);
      await page.screenshot({ path: `${OUT}/old-${b.chromium}-${engine}-embed.png` });
      assert.deepEqual(problems, []);
    }));
  }
}

for (const b of BROWSERS) {
  for (const example of ['jquery', 'vue2']) {
    test(`Chromium ${b.chromium}: the ${example} example portal attaches, computes and flags a wrong figure`, async () => withBrowser(b, async (browser) => {
      // The examples carry their own policy (none for jQuery 1.x; Vue 2's
      // compiler needs 'unsafe-eval'), so the server adds none.
      const page = await browser.newPage();
      const problems = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.goto(`${bare.url}/examples/${example}/`);
      await page.waitForFunction(() => document.documentElement.dataset.jixiao === 'ready', { timeout: 60000 });
      assert.equal(await value(page, 'totalScore'), '100.00');
      assert.equal(await value(page, 'grade'), '优');
      await type(page, 'qnzx', '166.9.6');
      assert.match(await messageFor(page, 'qnzx') || '', /含有多个小数点/);
      assert.deepEqual(problems, []);
    }));
  }
}
