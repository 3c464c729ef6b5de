// Excel in the browser: what the first import or export costs (fetching
// and compiling the Excel module, www/xlsx/) and what an import and an
// export of 20-, 200- and 2,000-line workbooks take afterwards, in
// headless Chromium on the release build. Prints figures; asserts nothing.
// Called by scripts/bench.sh (reads target/bench/reports/g*.json).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve, launch } from '../tests/e2e/harness.mjs';

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const srv = await serve({ csp: false });
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  for (const lines of [20, 200, 2000]) {
    const report = await readFile(root(`target/bench/reports/g${lines}.json`), 'utf8');
    const page = await browser.newPage();
    await page.goto(`${srv.url}/`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const r = await page.evaluate(async (text) => {
      const j = await import('/jixiao.js');
      let t = performance.now();
      const bytes = await j.exportXlsx(text);
      const first = performance.now() - t;
      const exports = [];
      const imports = [];
      for (let i = 0; i < 5; i += 1) {
        t = performance.now();
        await j.exportXlsx(text);
        exports.push(performance.now() - t);
        t = performance.now();
        await j.importXlsx(bytes);
        imports.push(performance.now() - t);
      }
      return { first, exports, imports, size: bytes.length };
    }, report);
    console.log(`${lines} lines: workbook ${r.size} bytes; first export (module fetched and compiled) ${r.first.toFixed(0)} ms;`
      + ` then export median ${median(r.exports).toFixed(1)} ms, import median ${median(r.imports).toFixed(1)} ms (5 each)`);
    await page.close();
  }
} finally {
  await browser.close();
  srv.server.close();
}
