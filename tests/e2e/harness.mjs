// Shared by the end-to-end tests: a static server for www/ on loopback
// (with the strict CSP as a real header) and Debian's Chromium via
// playwright-core. Console errors and CSP violations are collected per page.
import http from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../www/', import.meta.url));
export const OUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"; // exactly issue 7's policy
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.ts': 'text/plain' };

/** Serve www/; `pkg` (a directory) replaces www/pkg, e.g. the fault-injection
 * build; `csp: false` serves without the CSP header (to show that nothing
 * executes even where a portal sets no policy); `mounts` maps more URL
 * prefixes to directories; `headers` are added to every response. A POST
 * to any URL is recorded in `posts` ({url, type, body}) and answered with
 * {ok, bytes}, as a portal's upload endpoint would. */
export async function serve({ pkg, csp = true, mounts = {}, headers: extra = {} } = {}) {
  if (pkg) mounts = { ...mounts, '/pkg/': pkg };
  const posts = [];
  const server = http.createServer(async (req, res) => {
    if (req.method === 'POST') {
      // The upload stub: record what a page posts, answer like a portal.
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks).toString('utf8');
      posts.push({ url: req.url, type: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, bytes: Buffer.byteLength(body) }));
      return;
    }
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const [prefix, dir] = Object.entries(mounts).find(([p]) => path.startsWith(p)) || ['/', ROOT];
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(normalize(dir))) throw new Error('outside');
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', ...extra };
      if (csp) headers['content-security-policy'] = CSP;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}`, posts };
}

export async function launch() {
  await mkdir(OUT, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records console errors, page errors and CSP violations.
 * `init` (a function) runs in the page before its scripts. */
export async function openPage(browser, url, viewport = { width: 1200, height: 1300 }, init = null) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, problems };
}
