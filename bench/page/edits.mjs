// Deterministic edits spread over a generated report, shared by the page
// benchmark (bench.mjs) and the engine benchmark (bench/engines.mjs).
export /** Deterministic edits spread over the report: a path and the new raw text. */
function edits(report, count, seed) {
  let x = BigInt(seed) * 0x9E3779B97F4A7C15n | 1n;
  const rnd = () => {
    x ^= x >> 12n; x ^= (x << 25n) & 0xFFFFFFFFFFFFFFFFn; x ^= x >> 27n;
    return Number(((x * 0x2545F4914F6CDD1Dn) & 0xFFFFFFFFFFFFFFFFn) >> 11n) / 2 ** 53;
  };
  const paths = [];
  for (const [id, l] of Object.entries(report.indicators)) {
    if (!l.parent) continue;
    const e = id.replace(/~/g, '~0').replace(/\//g, '~1');
    for (const k of ['actual', 'actual', 'score', 'target', 'weight']) paths.push([`/indicators/${e}/${k}`, l[k]]);
  }
  for (const c of ['budget', 'spent']) paths.push([`/funds/rows/total/${c}`, report.funds.rows.total[c]]);
  report.expenses.lines.forEach((l, i) => paths.push([`/expenses/lines/${i}/amount`, l.amount]));
  for (const [id, b] of Object.entries(report.breakdowns)) b.items.forEach((it, i) => paths.push([`/breakdowns/${id}/items/${i}/value`, it.value]));
  report.perCapita.levels.forEach((l, i) => paths.push([`/perCapita/levels/${i}/funds`, l.funds]));
  const out = [];
  for (let i = 0; i < count; i++) {
    const [path, raw] = paths[Math.floor(rnd() * paths.length)];
    const m = /^(\D*?)(\d+)(\.\d+)?(.*)$/.exec(raw || '');
    if (!m) { out.push([path, `${raw || ''}1`]); continue; }
    const dp = m[3] ? m[3].length - 1 : 0;
    const old = Number(m[2] + (m[3] || ''));
    let v = (old * (0.9 + 0.2 * rnd())).toFixed(dp);
    // Every edit changes the value (a small weight could round back to itself).
    if (Number(v) === old) v = (old + 10 ** -dp).toFixed(dp);
    out.push([path, `${m[1]}${v}${m[4]}`]);
  }
  return out;
}
