// The JavaScript baseline: what a portal vendor would write instead of
// jixiao — ajv for the report's structure (schema/report.schema.json),
// decimal.js for the arithmetic (half-up), and the reconciliation rules the
// generated reports exercise, recomputed in full on every keystroke (the
// usual pattern). It is benchmarked, not shipped; bench/run.mjs prints its
// finding counts beside jixiao's so the two can be seen doing the same work.
import Ajv from 'ajv/dist/2020.js';
import Decimal from 'decimal.js';

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

const WIDE = /[０-９．，％＋－＝＜＞]/g;
const NARROW = { '．': '.', '，': ',', '％': '%', '＋': '+', '－': '-', '＝': '=', '＜': '<', '＞': '>' };
const UNITS = {
  '元': ['money', 1], '万元': ['money', 1e4], '亿元': ['money', 1e8],
  '人': ['persons', 1], '万人': ['persons', 1e4], '人次': ['visits', 1], '万人次': ['visits', 1e4],
  '%': ['percent', 1], '元/人': ['perCapita', 1], '分': ['points', 1], '': ['none', 1],
};
const CMP = [['≥', 'ge'], ['>=', 'ge'], ['不低于', 'ge'], ['>', 'gt'], ['≤', 'le'], ['<=', 'le'], ['不高于', 'le'], ['<', 'lt'], ['=', 'eq']];
const NUMBER = /^(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?\s*(.*)$/;

/** '≥1,234.5万人' → { cmp, value (Decimal, base unit), unit, dim } | { text } | null */
function parse(raw) {
  let s = String(raw ?? '').replace(WIDE, (c) => NARROW[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  if (!s) return null;
  let cmp = null;
  for (const [sym, c] of CMP) if (s.startsWith(sym)) { cmp = c; s = s.slice(sym.length).trim(); break; }
  const m = NUMBER.exec(s);
  if (!m) return { text: s, cmp };
  const unit = m[3].trim();
  const [dim, factor] = UNITS[unit] || ['other:' + unit, 1];
  let value;
  try { value = new Decimal(m[1].replace(/,/g, '') + (m[2] || '')).times(factor); } catch { return { invalid: true }; }
  return { cmp, value, unit, dim, decimals: (m[2] || '.').length - 1 };
}
const num = (raw, factor = 1) => { const p = parse(raw); return p && p.value ? p.value.div(factor) : null; };
const round2 = (d) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
/** A stated figure agrees when the computed one, rounded to its decimals
 * (at least the table's two), equals it. */
const agrees = (stated, computed) => {
  const p = parse(stated);
  if (!p || !p.value) return true;
  return computed.toDecimalPlaces(Math.max(p.decimals, 2), Decimal.ROUND_HALF_UP).eq(p.value);
};

function getPath(obj, path) {
  return path.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k.replace(/~1/g, '/').replace(/~0/g, '~')]), obj);
}
function setPath(obj, path, value) {
  const keys = path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)] = value;
}

export function createBaseline(schema, pack) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const open = [];
  const walk = (nodes) => { for (const n of nodes) { if (n.open) open.push(n); if (n.children) walk(n.children); } };
  walk(pack.tree);
  const budgetNode = pack.tree.find((n) => n.method === 'rate');
  const grades = pack.grades.map((g) => ({ ...g, min: new Decimal(g.min) }));
  const maxPersons = new Decimal(pack.plausible?.maxPersons || '20000000');
  let report = null;

  function check() {
    const findings = [];
    const computed = {};
    const add = (code, path, message) => findings.push({ code, path, message });
    if (!validate(report)) for (const e of validate.errors) add('REPORT_JSON', e.instancePath, e.message);
    for (const p of pack.required) if (!String(getPath(report, p) ?? '').trim()) add('REQUIRED_MISSING', p, `${p}为必填项`);
    const b = report.basic || {};
    if (b.phone && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(b.phone.trim())) add('PHONE_INVALID', '/basic/phone', `联系电话“${b.phone}”无效`);
    if (b.year && !/^\d{4}/.test(b.year.trim())) add('YEAR_INVALID', '/basic/year', '年度无效');
    if (b.start && b.end && new Date(b.start) > new Date(b.end)) add('DATE_ORDER', '/basic/end', '结束日期早于开始日期');

    // Funds: parts add up to the total in every column; execution rate.
    const rows = report.funds?.rows || {};
    for (const col of pack.funds.columns) {
      const parts = pack.funds.rows.filter((r) => r.role === 'part').map((r) => num(rows[r.id]?.[col.id])).filter(Boolean);
      const sum = parts.reduce((a, x) => a.plus(x), ZERO);
      computed[`/computed/funds/sum/${col.id}`] = round2(sum).toFixed(2);
      const total = num(rows.total?.[col.id]);
      if (parts.length && total && !round2(sum).eq(total)) add('FUND_SUM', `/funds/rows/total/${col.id}`, `合计 ${total} 与分项合计 ${round2(sum)} 不一致`);
    }
    const budget = num(rows.total?.budget);
    const spent = num(rows.total?.spent);
    let execRate = null;
    if (budget && spent && !budget.isZero()) {
      execRate = spent.div(budget).times(HUNDRED);
      computed['/computed/rates/budgetExecution'] = round2(execRate).toFixed(2);
      const stated = report.stated?.rates?.budgetExecution;
      if (stated && !agrees(stated, execRate)) add('RATE_MISMATCH', '/stated/rates/budgetExecution', '预算执行率不符');
      if (spent.gt(budget)) add('FUND_SPENT_OVER', '/funds/rows/total/spent', '执行数超过预算数');
    }

    // Expense lines add up to their total and to what was spent.
    const lines = report.expenses?.lines || [];
    const expSum = lines.reduce((a, l) => a.plus(num(l.amount) || ZERO), ZERO);
    computed['/computed/expenses/total'] = round2(expSum).toFixed(2);
    const expTotal = num(report.expenses?.total);
    if (lines.length && expTotal && !round2(expSum).eq(expTotal)) add('EXPENSE_SUM', '/expenses/total', `支出明细合计 ${round2(expSum)} 与合计 ${expTotal} 不一致`);
    if (lines.length && spent && !round2(expSum).eq(spent)) add('EXPENSE_SPENT', '/funds/rows/total/spent', `支出明细合计 ${round2(expSum)} 与实际支出 ${spent} 不一致`);

    // Breakdowns.
    for (const spec of pack.breakdowns || []) {
      const bd = report.breakdowns?.[spec.id];
      if (!bd) continue;
      const f = UNITS[bd.unit]?.[1] || 1;
      const sum = bd.items.reduce((a, it) => a.plus(num(it.value) || ZERO), ZERO);
      computed[`/computed/breakdowns/${spec.id}/sum`] = round2(sum.div(f)).toString();
      const total = num(bd.total);
      if (!total) continue;
      if (spec.mode === 'complete' && !sum.eq(total)) add('BREAKDOWN_SUM', `/breakdowns/${spec.id}/total`, '分项合计与总数不一致');
      if (spec.mode === 'partial' && sum.gt(total)) add('BREAKDOWN_EXCEEDS', `/breakdowns/${spec.id}/total`, '分项合计超过总数');
    }

    // Tables the pack declares (基金运行): each check in every column, a
    // blank computed row taking its computed value (checks in pack order).
    for (const spec of pack.tables || []) {
      const t = report.tables?.[spec.id];
      if (!t) continue;
      for (const col of spec.columns) {
        const computedRow = new Map();
        const value = (row) => num(t.rows?.[row]?.[col.id]) ?? computedRow.get(row) ?? null;
        const cellPath = (row) => `/tables/${spec.id}/rows/${row}/${col.id}`;
        for (const check of spec.checks) {
          const [kind, c] = Object.entries(check)[0];
          if (kind === 'sum') {
            const items = c.items.map(value);
            if (c.allItems && items.some((x) => x == null)) continue;
            const present = items.filter((x) => x != null);
            if (!present.length) continue;
            const sum = present.reduce((a, x) => a.plus(x), ZERO);
            const total = value(c.total);
            if (c.partial) {
              if (total && sum.gt(total)) add('TABLE_EXCEEDS', cellPath(c.total), '其中各项超过合计');
              continue;
            }
            computedRow.set(c.total, sum);
            computed[`/computed/tables/${spec.id}/${c.total}/${col.id}`] = round2(sum).toFixed(2);
            const stated = t.rows?.[c.total]?.[col.id];
            if (stated && !agrees(stated, sum)) add('TABLE_SUM', cellPath(c.total), '各项相加不一致');
          } else if (kind === 'difference') {
            const a = value(c.of);
            const l = value(c.less);
            if (a == null || l == null) continue;
            const d = a.minus(l);
            computedRow.set(c.is, d);
            computed[`/computed/tables/${spec.id}/${c.is}/${col.id}`] = round2(d).toFixed(2);
            const stated = t.rows?.[c.is]?.[col.id];
            if (stated && !agrees(stated, d)) add('TABLE_DIFFERENCE', cellPath(c.is), '差额不一致');
          } else if (kind === 'ratio') {
            const n = value(c.num);
            const dd = value(c.den);
            if (n == null || dd == null || dd.isZero()) continue;
            const r = n.times(c.times).div(dd);
            computed[`/computed/tables/${spec.id}/${c.is}/${col.id}`] = r.toFixed(c.decimals);
            const p = parse(t.rows?.[c.is]?.[col.id]);
            if (p?.value && !r.toDecimalPlaces(p.decimals, Decimal.ROUND_HALF_UP).eq(p.value)) add('TABLE_RATIO', cellPath(c.is), '比率不符');
          }
        }
      }
    }

    // Per-capita: the levels' standards add up; each level's funds = persons × standard.
    const pc = report.perCapita || {};
    const persons = num(pc.persons);
    const levels = pc.levels || [];
    const stdSum = levels.reduce((a, l) => a.plus(num(l.standard) || ZERO), ZERO);
    computed['/computed/perCapita/sum'] = stdSum.toFixed(2);
    const standard = num(pc.standard);
    if (levels.length && standard && !stdSum.eq(standard)) add('PER_CAPITA_SUM', '/perCapita/standard', '各级标准合计不一致');
    levels.forEach((l, i) => {
      const funds = num(l.funds);
      const s = num(l.standard);
      if (!persons || !funds || !s) return;
      const expected = persons.times(s).div(10000);
      if (expected.minus(funds).abs().gt(expected.times(0.01))) add('PER_CAPITA_FUNDS', `/perCapita/levels/${i}/funds`, '补助资金与人数×标准不符');
    });

    // Indicator lines: completion, score, checks; then node subtotals.
    const nodeScore = new Map(open.map((n) => [n.id, ZERO]));
    const nodeWeight = new Map(open.map((n) => [n.id, ZERO]));
    let total = ZERO;
    const entries = Object.entries(report.indicators || {});
    if (budgetNode && !report.indicators?.[budgetNode.id]) entries.unshift([budgetNode.id, {}]);
    for (const [id, line] of entries) {
      const path = `/indicators/${id}`;
      const isBudget = budgetNode && id === budgetNode.id;
      const weight = isBudget ? new Decimal(budgetNode.weight) : num(line.weight);
      if (!weight) { add('REQUIRED_MISSING', `${path}/weight`, '分值为必填项'); continue; }
      if (!isBudget && nodeWeight.has(line.parent)) nodeWeight.set(line.parent, nodeWeight.get(line.parent).plus(weight));
      let score = null;
      if (isBudget) {
        if (execRate) score = round2(weight.times(Decimal.min(execRate, HUNDRED)).div(HUNDRED));
      } else {
        const t = parse(line.target);
        const a = parse(line.actual);
        if (t && t.text !== undefined) {
          const s = num(line.score);
          if (!s) add('SCORE_MISSING', `${path}/score`, '定性指标须填写得分');
          else if (/达成|完成/.test(line.actual || '') && (s.lt(weight.times(0.8)) || s.gt(weight))) add('SCORE_TIER', `${path}/score`, '得分不在档次范围内');
          score = s;
        } else if (t && t.value && a && a.value) {
          if (a.dim !== t.dim && !(a.dim === 'none' || t.dim === 'none')) add('ACTUAL_UNIT_MISMATCH', `${path}/actual`, '实际值单位与指标值不符');
          if (a.dim === 'persons' && a.value.gt(maxPersons)) add('MAGNITUDE_IMPLAUSIBLE', `${path}/actual`, '超出合理范围');
          const reverse = t.cmp === 'le' || t.cmp === 'lt';
          let rate;
          let share;
          if (t.value.isZero()) { rate = HUNDRED; share = new Decimal(1); } else if (reverse) {
            rate = a.value.isZero() ? HUNDRED : t.value.div(a.value).times(HUNDRED);
            share = a.value.lte(t.value) ? new Decimal(1) : t.value.div(a.value);
          } else {
            rate = a.value.div(t.value).times(HUNDRED);
            share = a.value.gte(t.value) ? new Decimal(1) : Decimal.min(rate.div(HUNDRED), 1);
          }
          computed[`/computed/indicators/${id}/completionRate`] = round2(rate).toFixed(2);
          if (rate.gte(120) && !reverse && !String(line.reason || '').trim()) add('TARGET_TOO_LOW', `${path}/reason`, '目标可能设定偏低');
          score = round2(weight.times(share));
        }
      }
      if (score) {
        computed[`/computed/indicators/${id}/score`] = score.toFixed(2);
        const stated = num(line.score);
        if (stated && !isBudget && !agrees(line.score, score)) add('SCORE_MISMATCH', `${path}/score`, `按评分规则应得 ${score}分，填报为 ${stated}分`);
        if (score.gt(weight)) add('SCORE_OVER_WEIGHT', `${path}/score`, '得分超过分值');
        if (score.lt(weight) && !String(line.reason || '').trim()) add('REASON_REQUIRED', `${path}/reason`, '未得满分，须填写偏差原因');
        if (nodeScore.has(line.parent)) nodeScore.set(line.parent, nodeScore.get(line.parent).plus(score));
        total = total.plus(score);
      }
    }
    for (const n of open) {
      const w = new Decimal(n.weight);
      if (!nodeWeight.get(n.id).eq(w)) add('WEIGHT_SUM', `/tree/${n.id}`, `${n.name}下各指标分值合计 ${nodeWeight.get(n.id)}，应等于 ${w}`);
      computed[`/computed/tree/${n.id}/score`] = round2(nodeScore.get(n.id)).toFixed(2);
      computed[`/computed/tree/${n.id}/rate`] = round2(nodeScore.get(n.id).div(w).times(HUNDRED)).toFixed(2);
    }
    computed['/computed/total/score'] = round2(total).toFixed(2);
    const grade = grades.find((g) => total.gte(g.min))?.name || '';
    computed['/computed/total/grade'] = grade;
    const statedTotal = report.stated?.totalScore;
    if (statedTotal && !agrees(statedTotal, total)) add('TOTAL_MISMATCH', '/stated/totalScore', `总分应为 ${round2(total)}，填报为 ${statedTotal}`);
    if (report.stated?.grade && report.stated.grade.trim() !== grade) add('GRADE_MISMATCH', '/stated/grade', '等次不符');
    return { computed, findings };
  }

  return {
    /** Load a report (JSON text) and check it all. */
    load(text) { report = JSON.parse(text); return check(); },
    /** One keystroke: update the model, then re-validate and recompute everything. */
    set(path, raw) { setPath(report, path, raw); return check(); },
    get(path) { return getPath(report, path); },
  };
}
