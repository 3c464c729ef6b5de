import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createBaseline } from './page/baseline.mjs';
const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
const pack = JSON.parse(readFileSync('packs/national-2020.json', 'utf8'));
const n = process.argv[2];
const b = createBaseline(schema, pack);
const r = b.load(readFileSync(`/tmp/g${n}.json`, 'utf8'));
let j; try { j = execFileSync('target/release/jixiao', ['check', '--format', 'json', `/tmp/g${n}.json`]); } catch (e) { j = e.stdout; }
j = JSON.parse(j);
const A = new Set(r.findings.map((f) => `${f.code} ${f.path}`));
const B = new Set(j.findings.map((f) => `${f.code} ${f.paths[0]}`));
for (const x of A) if (!B.has(x)) console.log('baseline only', x, r.findings.find((f) => `${f.code} ${f.path}` === x).message);
for (const x of B) if (!A.has(x)) console.log('jixiao only', x, j.findings.find((f) => `${f.code} ${f.paths[0]}` === x).message);
let diff = 0; for (const [k, v] of Object.entries(r.computed)) if (j.computed[k] && j.computed[k].value !== v) { diff++; if (diff < 6) console.log('computed differs', k, v, j.computed[k].value); }
console.log('computed compared', Object.keys(r.computed).filter((k) => j.computed[k]).length, 'differ', diff);
