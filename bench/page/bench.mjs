// Measurements run inside headless Chromium, driven by bench/run.mjs. Each
// function measures one workload for jixiao (the release .wasm from www/pkg)
// and for the JavaScript baseline (bench/page/baseline.mjs, bundled with
// ajv and decimal.js into /bench-dist/baseline.js), on the same data.
import { edits } from './edits.mjs';

const now = () => performance.now();
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const text = async (url) => (await fetch(url)).text();

/** Module start: bytes already fetched; compile + instantiate + a first validator. */
async function startJixiao() {
  const bytes = await (await fetch('/pkg/jixiao_bg.wasm')).arrayBuffer();
  const glue = await import('/pkg/jixiao.js');
  const t = now();
  await glue.default({ module_or_path: bytes });
  const instantiated = now() - t;
  const v = new glue.Validator('national-2020', null);
  const ms = now() - t;
  v.free();
  return { ms, instantiated };
}

/** Baseline start: bundle text already fetched; parse + evaluate it, compile the schema. */
async function startBaseline() {
  const [code, schema, pack] = await Promise.all([text('/bench-dist/baseline.js'), text('/schema/report.schema.json'), text('/packs/national-2020.json')]);
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const t = now();
  const { createBaseline } = await import(url);
  createBaseline(JSON.parse(schema), JSON.parse(pack));
  return now() - t;
}

let glue = null;
let baselineMod = null;
let schema = null;
let pack = null;
async function ready() {
  if (!glue) {
    glue = await import('/pkg/jixiao.js');
    await glue.default();
    baselineMod = await import('/bench-dist/baseline.js');
    schema = JSON.parse(await text('/schema/report.schema.json'));
    pack = JSON.parse(await text('/packs/national-2020.json'));
  }
}


/** Full validation of one report (load + all findings + computed values),
 * by jixiao or the baseline; each side runs in a page of its own. */
async function full(name, repeat, who) {
  await ready();
  const reportText = await text(`/bench-reports/${name}`);
  const times = [];
  let counts = null;
  // The baseline compiles its schema once, as a page would at load.
  const baseline = who === 'jixiao' ? null : baselineMod.createBaseline(schema, pack);
  for (let i = 0; i < repeat + 1; i++) {
    const t = now();
    if (who === 'jixiao') {
      const v = new glue.Validator('national-2020', reportText);
      const findings = v.findings();
      const computed = v.computed();
      times.push(now() - t);
      v.free();
      counts = { findings: findings.length, computed: Object.keys(computed).length };
    } else {
      const r = baseline.load(reportText);
      times.push(now() - t);
      counts = { findings: r.findings.length, computed: Object.keys(r.computed).length };
    }
  }
  // The first in a fresh page is what a user waits for when a report opens
  // (V8 compiling the code as it first runs); the median of the rest is
  // the steady state.
  const first = times.shift();
  return { ms: median(times), first, runs: repeat, counts };
}

/** Keystrokes: set one field and read back what changed, for the same
 * deterministic edits on each side. */
async function keystrokes(name, count, who) {
  await ready();
  const reportText = await text(`/bench-reports/${name}`);
  const list = edits(JSON.parse(reportText), count, 7);
  let side;
  if (who === 'jixiao') {
    side = new glue.Validator('national-2020', reportText);
  } else {
    side = baselineMod.createBaseline(schema, pack);
    side.load(reportText);
  }
  const times = [];
  const slow = [];
  let changed = 0;
  list.forEach(([path, raw], i) => {
    const t = now();
    const c = side.set(path, raw);
    const ms = now() - t;
    times.push(ms);
    slow.push([ms, i, path]);
    if (who === 'jixiao') changed += Object.keys(c.computed).length + c.added.length + c.removed.length;
  });
  if (who === 'jixiao') side.free();
  slow.sort((a, b) => b[0] - a[0]);
  return { edits: list.length, p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: Math.max(...times),
    changedPerEdit: changed / list.length, slowest: slow.slice(0, 5) };
}

/** Keystrokes once the page's code is compiled: the same edits run once
 * on a first validator (V8 compiles each WASM function on its first call),
 * then timed on a second one loaded fresh from the same text. */
async function keystrokesWarm(name, count, who) {
  await keystrokes(name, count, who);
  return keystrokes(name, count, who);
}

/** The page's own noise floor: 1,000 timings of a fixed pure-JS loop that
 * takes about `targetMs`, measured the same way as a keystroke. Pauses the
 * machine causes (scheduling, GC of other pages) show up here too. */
function noise(targetMs, count) {
  let n = 1000;
  let sink = 0;
  const run = (k) => { for (let j = 0; j < k; j++) sink += Math.sqrt(j); };
  for (;;) {
    const t = now();
    run(n);
    if (now() - t >= targetMs) break;
    n *= 2;
  }
  const xs = [];
  for (let i = 0; i < count; i++) {
    const t = now();
    run(n);
    xs.push(now() - t);
  }
  return { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), max: Math.max(...xs), sink: sink > 0 };
}

/** WASM linear memory after loading one report in a fresh instance. */
async function memoryAfter(name) {
  const bytes = await (await fetch('/pkg/jixiao_bg.wasm')).arrayBuffer();
  const g = await import('/pkg/jixiao.js');
  const exports = await g.default({ module_or_path: bytes });
  const before = exports.memory.buffer.byteLength;
  const v = new g.Validator('national-2020', await text(`/bench-reports/${name}`));
  v.findings();
  v.computed();
  return { before, after: exports.memory.buffer.byteLength };
}

window.bench = {
  editList: async (name, count) => edits(JSON.parse(await text(`/bench-reports/${name}`)), count, 7),
  startJixiao, startBaseline, full, keystrokes, keystrokesWarm, memoryAfter, noise,
  env: () => ({ userAgent: navigator.userAgent, crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency }),
};
document.documentElement.dataset.ready = 'true';
