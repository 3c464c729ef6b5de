// Install the old Chromium builds the browser floor is tested on, from the
// npm packages that carry them (see ../shared/TOOLCHAIN.md): the binary is
// brotli-compressed inside the tarball with its libraries beside it.
//
//   node scripts/old-chromium.mjs        prints one line per browser: <version> <path>
//
// Installed once into $XDG_CACHE_HOME/jixiao (or ~/.cache/jixiao), so a new
// clone on the same machine does not download 90 MB again. Each tarball is
// checked against its pinned SHA-1 (the registry's shasum) before use.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const BROWSERS = [
  { chromium: '80', pkg: 'chrome-aws-lambda@2.1.1', sha1: '2aeb0c97fb67e908d06dc8d92d92c7d4fb58467c', driver: 'puppeteer-core-2' },
  { chromium: '86', pkg: 'chrome-aws-lambda@5.3.1', sha1: '4dbf75cb0d56d634b7422fd8fe0368165c52c7ea', driver: 'puppeteer-core-5' },
];

const CACHE = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'jixiao');

/** Path of the browser binary; its libraries are in `lib` beside it. */
export function binary(chromium) { return join(CACHE, `chromium-${chromium}`, 'chromium'); }
export function libraries(chromium) { return join(CACHE, `chromium-${chromium}`, 'lib'); }

function install({ chromium, pkg, sha1 }) {
  const dir = join(CACHE, `chromium-${chromium}`);
  if (existsSync(join(dir, 'ready'))) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.error(`[old-chromium] downloading ${pkg} (about 45 MB) for Chromium ${chromium}`);
  const tgz = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim();
  const tarball = join(dir, tgz.split('\n').pop());
  const got = createHash('sha1').update(readFileSync(tarball)).digest('hex');
  if (got !== sha1) throw new Error(`${pkg}: SHA-1 ${got}, expected ${sha1}`);
  execFileSync('tar', ['xzf', tarball, '-C', dir, 'package/bin/chromium.br', 'package/bin/aws.tar.br']);
  writeFileSync(join(dir, 'chromium'), brotliDecompressSync(readFileSync(join(dir, 'package/bin/chromium.br'))));
  chmodSync(join(dir, 'chromium'), 0o755);
  writeFileSync(join(dir, 'aws.tar'), brotliDecompressSync(readFileSync(join(dir, 'package/bin/aws.tar.br'))));
  mkdirSync(join(dir, 'aws'));
  execFileSync('tar', ['xf', join(dir, 'aws.tar'), '-C', join(dir, 'aws')]);
  // The archive holds lib/ (libnss3 and friends); point `lib` at it.
  execFileSync('ln', ['-sfn', 'aws/lib', join(dir, 'lib')]);
  for (const f of [tarball, join(dir, 'aws.tar'), join(dir, 'package')]) rmSync(f, { recursive: true, force: true });
  // (The version is checked by the tests, from the browser itself.)
  writeFileSync(join(dir, 'ready'), `Chromium ${chromium} from ${pkg}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of BROWSERS) {
    install(b);
    console.log(`${readFileSync(join(CACHE, `chromium-${b.chromium}`, 'ready'), 'utf8').trim()} ${binary(b.chromium)}`);
  }
}
