// Assemble the npm package a portal vendor installs, in pkg/, from the
// release build in www/pkg (scripts/build.sh), and pack it into
// target/jixiao-<version>.tgz. Prints the tarball's path.
//
//   node scripts/package.mjs
//
// Layout (the same as www/, so the wrapper finds the glue, the .wasm and the
// JavaScript engine beside it):
//   jixiao.js, jixiao.d.ts     the module: createValidator, attach, verify, … (trap recovery included)
//   jixiao.classic.js          the classic script: window.jixiao
//   fieldmaps/*.json           field-map presets (also usable by name)
//   pkg/                       wasm-bindgen glue, .wasm, JavaScript engine
//   xlsx/                      the Excel module (importXlsx, exportXlsx), fetched on first use
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const at = (...p) => join(ROOT, ...p);
const cargo = readFileSync(at('Cargo.toml'), 'utf8');
const field = (name) => {
  const m = cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'));
  if (!m) throw new Error(`Cargo.toml has no ${name}`);
  return m[1];
};
const version = field('version');

const OUT = at('pkg');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'pkg'), { recursive: true });
mkdirSync(join(OUT, 'fieldmaps'), { recursive: true });
mkdirSync(join(OUT, 'xlsx'), { recursive: true });
const XLSX_FILES = ['jixiao_xlsx.js', 'jixiao_xlsx.d.ts', 'jixiao_xlsx_bg.wasm', 'jixiao_xlsx_bg.wasm.d.ts'];
for (const f of XLSX_FILES) copyFileSync(at('www/xlsx', f), join(OUT, 'xlsx', f));
for (const f of ['jixiao.js', 'jixiao.d.ts', 'jixiao.classic.js']) copyFileSync(at('www', f), join(OUT, f));
for (const f of ['jixiao.js', 'jixiao.d.ts', 'jixiao_bg.wasm', 'jixiao_bg.wasm.d.ts', 'jixiao_js.js']) {
  copyFileSync(at('www/pkg', f), join(OUT, 'pkg', f));
}
const presets = readdirSync(at('fieldmaps')).filter((f) => f.endsWith('.json'));
for (const f of presets) copyFileSync(at('fieldmaps', f), join(OUT, 'fieldmaps', f));
copyFileSync(at('docs/package-README.md'), join(OUT, 'README.md'));

const manifest = {
  name: 'jixiao',
  version,
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './jixiao.js',
  types: './jixiao.d.ts',
  exports: {
    '.': { types: './jixiao.d.ts', default: './jixiao.js' },
    './classic': './jixiao.classic.js',
    './glue': { types: './pkg/jixiao.d.ts', default: './pkg/jixiao.js' },
    './fieldmaps/*': './fieldmaps/*',
    './pkg/*': './pkg/*',
    './xlsx/*': './xlsx/*',
    './package.json': './package.json',
  },
  files: [
    'jixiao.js', 'jixiao.d.ts', 'jixiao.classic.js', 'README.md',
    ...presets.map((f) => `fieldmaps/${f}`),
    'pkg/jixiao.js', 'pkg/jixiao.d.ts', 'pkg/jixiao_bg.wasm', 'pkg/jixiao_bg.wasm.d.ts', 'pkg/jixiao_js.js',
    ...XLSX_FILES.map((f) => `xlsx/${f}`),
  ],
  sideEffects: false,
  browserslist: ['chrome >= 80'],
  engines: { node: '>=18' },
  keywords: ['绩效', '绩效自评', 'performance evaluation', 'wasm'],
};
writeFileSync(join(OUT, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
mkdirSync(at('target'), { recursive: true });
const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', at('target')], { cwd: OUT, encoding: 'utf8' }).trim().split('\n').pop();
console.log(join(at('target'), name));
