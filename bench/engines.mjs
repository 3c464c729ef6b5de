// The JavaScript engine (wasm2js, for browsers that refuse WebAssembly)
// against the WebAssembly engine: start, full validation and keystrokes on
// the generated reports (target/bench/reports/g{20,200,2000}.json), in Node
// and in real Chromium 80 (the floor). Prints figures and writes
// target/bench/engines.json; nothing is asserted.
//
//   node bench/engines.mjs          (after scripts/bench.sh's workload step)
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

import { edits } from './page/edits.mjs';
import { serve } from '../tests/e2e/harness.mjs';
import { binary, libraries } from '../scripts/old-chromium.mjs';

const ROOT = new URL('../', import.meta.url);
const SIZES = [20, 200, 2000];
const KEYS = 300;
const reports = Object.fromEntries(SIZES.map((n) => [n, readFileSync(new URL(`target/bench/reports/g${n}.json`, ROOT), 'utf8')]));
const editLists = Object.fromEntries(SIZES.map((n) => [n, edits(JSON.parse(reports[n]), KEYS, 7)]));

/** Runs where it is given the glue, an init function, and the inputs; in Node or a page. */
async function measure({ glue, init, reports, editLists, sizes }) {
  const now = () => performance.now();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const t0 = now();
  await init();
  const v0 = new glue.Validator('national-2020', null);
  const start = now() - t0;
  v0.free();
  const out = { start, full: {}, keystroke: {} };
  for (const n of sizes) {
    const runs = [];
    for (let i = 0; i < 5; i++) {
      const t = now();
      const v = new glue.Validator('national-2020', reports[n]);
      v.findings();
      v.computed();
      runs.push(now() - t);
      v.free();
    }
    out.full[n] = median(runs);
    const v = new glue.Validator('national-2020', reports[n]);
    const keys = [];
    for (const [path, raw] of editLists[n]) {
      const t = now();
      v.set(path, raw);
      keys.push(now() - t);
    }
    v.free();
    keys.sort((a, b) => a - b);
    out.keystroke[n] = { median: median(keys), p99: keys[Math.floor(keys.length * 0.99)] };
  }
  return out;
}

const results = {};
const PKG = new URL('www/pkg/', ROOT);
{
  const wasm = await import(new URL('jixiao.js?bench=wasm', PKG));
  const bytes = readFileSync(new URL('jixiao_bg.wasm', PKG));
  results['Node, wasm'] = await measure({ glue: wasm, init: () => wasm.initSync({ module: bytes }), reports, editLists, sizes: SIZES });
  const js = await import(new URL('jixiao.js?bench=js', PKG));
  const engine = new URL('jixiao_js.js', PKG);
  results['Node, js'] = await measure({ glue: js, init: async () => js.initJs((await import(engine)).instantiate), reports, editLists, sizes: SIZES });
}

// Chromium 80: both engines in one page with no CSP (the JavaScript engine
// is what runs there under a strict CSP).
{
  const require = createRequire(import.meta.url);
  const puppeteer = require('puppeteer-core-2');
  const srv = await serve({ csp: false });
  const browser = await puppeteer.launch({
    executablePath: binary('80'), headless: true, env: { ...process.env, LD_LIBRARY_PATH: libraries('80') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    for (const engine of ['wasm', 'js']) {
      const page = await browser.newPage();
      await page.goto(`${srv.url}/blank`); // any same-origin document
      const fn = measure.toString();
      results[`Chromium 80, ${engine}`] = await page.evaluate(async (fn, engine, reports, editLists, sizes) => {
        const glue = await import(`/pkg/jixiao.js?bench=${engine}`);
        const init = engine === 'wasm' ? () => glue.default() : async () => glue.initJs((await import('/pkg/jixiao_js.js')).instantiate);
        const measure = new Function(`return (${fn})`)();
        return measure({ glue, init, reports, editLists, sizes });
      }, fn, engine, reports, editLists, SIZES);
      await page.close();
    }
  } finally {
    await browser.close();
    srv.server.close();
  }
}

const size = (f) => { const b = readFileSync(new URL(f, ROOT)); return { raw: statSync(new URL(f, ROOT)).size, gzip: gzipSync(b, { level: 9 }).length }; };
const sizes = { wasm: size('www/pkg/jixiao_bg.wasm'), js: size('www/pkg/jixiao_js.js') };
writeFileSync(new URL('target/bench/engines.json', ROOT), JSON.stringify({ sizes, results }, null, 2));
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
console.log(`jixiao_bg.wasm ${(sizes.wasm.raw / 1024).toFixed(1)} KiB (${(sizes.wasm.gzip / 1024).toFixed(1)} KiB gzip); jixiao_js.js ${(sizes.js.raw / 1024).toFixed(1)} KiB (${(sizes.js.gzip / 1024).toFixed(1)} KiB gzip)`);
console.log(`| where, engine | start | ${SIZES.map((n) => `full ${n} lines`).join(' | ')} | ${SIZES.map((n) => `keystroke ${n} (median / p99)`).join(' | ')} |`);
console.log(`|---|---|${SIZES.map(() => '---').join('|')}|${SIZES.map(() => '---').join('|')}|`);
for (const [k, r] of Object.entries(results)) {
  console.log(`| ${k} | ${ms(r.start)} | ${SIZES.map((n) => ms(r.full[n])).join(' | ')} | ${SIZES.map((n) => `${ms(r.keystroke[n].median)} / ${ms(r.keystroke[n].p99)}`).join(' | ')} |`);
}

