// The self-evaluation page for counties without a portal. It builds the
// 自评表 from the chosen pack, with every field named by its report path,
// and attaches jixiao to it: the same inline messages, computed values and
// row handling a portal gets. Drafts live in localStorage.
import { attach, verify, packs, packJson, importXlsx, exportXlsx } from './jixiao.js';
import * as drafts from './drafts.js';

const $ = (id) => document.getElementById(id);
/** A select or input by id (for its value). */
const field$ = (id) => /** @type {HTMLInputElement | HTMLSelectElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('report'));
const state = { draftId: null, pack: null, spec: null, attachment: null, checked: false };
const specs = new Map();

// ---------- small DOM helpers (text only, never HTML from data) ----------
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}
// (split/join, not replaceAll: Chromium 85+; fill(), not replaceChildren: 86+.)
const esc = (s) => String(s).split('~').join('~0').split('/').join('~1');
/** Remove every child of `node`, then append `children`. */
function fill(node, ...children) {
  while (node.firstChild) node.firstChild.remove();
  node.append(...children);
}
function get(obj, path) {
  let cur = obj;
  for (const t of path.split('/').slice(1)) {
    if (cur == null) return '';
    cur = cur[t.split('~1').join('/').split('~0').join('~')];
  }
  return typeof cur === 'string' ? cur : '';
}
function field(path, label, report, attrs = {}) {
  return el('input', { name: path, 'aria-label': label, value: get(report, path), autocomplete: 'off', ...attrs });
}
function area(path, label, report) {
  const t = el('textarea', { name: path, 'aria-label': label, rows: 4 });
  t.value = get(report, path);
  return t;
}
function computed(path, label) {
  return el('input', { name: path, 'aria-label': `${label}（自动计算）`, class: 'computed', readonly: true, tabindex: '-1' });
}
function unitSelect(path, label, options, report, fallback) {
  const s = el('select', { name: path, 'aria-label': label });
  for (const o of options) s.append(el('option', { value: o, text: o }));
  s.value = get(report, path) || fallback;
  return s;
}
const cell = (...c) => el('td', {}, ...c);
const head = (...names) => el('tr', {}, ...names.map((n) => el('th', { scope: 'col', text: n })));
function section(title, ...children) {
  const id = `sec-${Math.random().toString(36).slice(2, 8)}`;
  return el('fieldset', { 'aria-labelledby': id }, el('legend', { id, text: title }), ...children);
}
function button(text, onClick, attrs = {}) {
  const b = el('button', { type: 'button', text, ...attrs });
  b.addEventListener('click', onClick);
  return b;
}

// ---------- the form ----------
const BASIC = [
  ['projectName', '项目名称'], ['implementingUnit', '实施单位'], ['department', '主管部门'], ['manager', '项目负责人'],
  ['phone', '联系电话'], ['filledOn', '填报时间'], ['year', '评价年度'], ['region', '地区代码（6位）'],
  ['start', '项目开始时间'], ['end', '项目结束时间'],
];

function basicSection(r) {
  const t = el('table', { class: 'grid basic' });
  for (let i = 0; i < BASIC.length; i += 2) {
    const tr = el('tr');
    for (const [k, label] of BASIC.slice(i, i + 2)) {
      tr.append(el('th', { scope: 'row', text: label }), cell(field(`/basic/${k}`, label, r)));
    }
    t.append(tr);
  }
  return section('一、基本情况', t);
}

function fundsSection(r, spec) {
  const f = spec.funds;
  const unit = unitSelect('/funds/unit', '资金单位', ['万元', '元'], r, f.unit);
  const t = el('table', { class: 'grid funds' });
  // The other words tables print for a row or column (the pack's aliases),
  // so staff find theirs: shown on hover and read out with the header.
  const aka = (x) => (x.aliases?.length ? `也称：${x.aliases.join('、')}` : undefined);
  t.append(el('tr', {}, el('th', { scope: 'col', text: '资金来源' }),
    ...f.columns.map((c) => el('th', { scope: 'col', text: c.name, title: aka(c) }))));
  for (const row of f.rows) {
    const name = row.role === 'ofWhich' ? `其中：${row.name}` : row.name;
    const tr = el('tr', {}, el('th', { scope: 'row', text: name, title: aka(row) }));
    for (const c of f.columns) tr.append(cell(field(`/funds/rows/${esc(row.id)}/${c.id}`, `${row.name}·${c.name}`, r)));
    t.append(tr);
  }
  const sums = el('tr', { class: 'sum' }, el('th', { scope: 'row', text: '各来源相加' }));
  for (const c of f.columns) sums.append(cell(computed(`/computed/funds/sum/${c.id}`, `各来源相加·${c.name}`)));
  t.append(sums);
  const rates = el('table', { class: 'grid rates' });
  const rateRow = el('tr');
  const addRate = (key, name) => rateRow.append(el('th', { scope: 'row', text: name }),
    cell(computed(`/computed/rates/${key}`, name), el('span', { class: 'unit', text: '%' })));
  if (f.rates.fundsArrival) addRate('fundsArrival', '资金到位率');
  addRate('budgetExecution', '预算执行率');
  const cols = f.columns.map((c) => c.id);
  if (cols.includes('received') && cols.includes('spent')) addRate('balanceRate', '结余率');
  rates.append(rateRow);
  return section('二、资金投入和使用', el('p', {}, el('span', { text: '金额单位 ' }), unit), t, rates);
}

/** A list section: rows of fields, with add and remove buttons. */
function listSection({ title, key, columns, rows, path, computedColumns = [], extra = [], addText }) {
  const tbody = el('tbody', { dataset: { list: key } });
  const table = el('table', { class: 'grid list' },
    el('thead', {}, head('序号', ...columns.map((c) => c.name), ...computedColumns.map((c) => c.name), '')), tbody);
  const render = (values) => {
    fill(tbody);
    values.forEach((v, i) => {
      const tr = el('tr', { dataset: { row: String(i) } }, el('td', { class: 'num', text: String(i + 1) }));
      for (const c of columns) {
        const input = el('input', { name: `${path}/${i}/${c.key}`, 'aria-label': `第 ${i + 1} 行 ${c.name}`, autocomplete: 'off' });
        input.value = v[c.key] ?? '';
        tr.append(cell(input));
      }
      for (const c of computedColumns) tr.append(cell(computed(c.path(i), `第 ${i + 1} 行 ${c.name}`)));
      tr.append(cell(button('删除', () => {
        const now = read();
        now.splice(i, 1);
        render(now);
        const next = tbody.querySelector(`tr[data-row="${Math.min(i, now.length - 1)}"] input`);
        (next || addButton).focus();
        changed();
      }, { 'aria-label': `删除第 ${i + 1} 行`, class: 'remove' })));
      tbody.append(tr);
    });
  };
  const read = () => [...tbody.querySelectorAll('tr')].map((tr) => {
    const o = {};
    for (const c of columns) o[c.key] = tr.querySelector(`[name$="/${c.key}"]`).value;
    return o;
  });
  const addButton = button(addText || '添加一行', () => {
    const now = read();
    now.push({});
    render(now);
    tbody.querySelector(`tr[data-row="${now.length - 1}"] input`).focus();
    changed();
  });
  render(rows);
  return section(title, ...extra, table, el('p', {}, addButton));
}

function expensesSection(r) {
  const unit = unitSelect('/expenses/unit', '支出明细单位', ['元', '万元'], r, '元');
  const totals = el('p', {}, el('span', { text: '支出合计 ' }), field('/expenses/total', '支出合计', r),
    el('span', { text: ' 明细相加 ' }), computed('/computed/expenses/total', '明细相加'));
  return listSection({
    title: '三、支出明细', key: 'expenses', path: '/expenses/lines',
    columns: [{ key: 'name', name: '支出项目' }, { key: 'amount', name: '金额' }],
    rows: r.expenses?.lines || [], extra: [el('p', {}, el('span', { text: '金额单位 ' }), unit), totals],
    addText: '添加支出明细',
  });
}

function breakdownSections(r, spec) {
  return (spec.breakdowns || []).map((b, n) => {
    const base = `/breakdowns/${esc(b.id)}`;
    const options = b.kind === 'money' ? ['万元', '元'] : ['万人', '人'];
    const head = el('p', {},
      el('span', { text: '单位 ' }), unitSelect(`${base}/unit`, `${b.name}单位`, options, r, b.unit),
      el('span', { text: b.mode === 'partial' ? ' 总数（其中各项不超过总数） ' : ' 总数（各项之和） ' }),
      field(`${base}/total`, `${b.name}总数`, r),
      el('span', { text: ' 各项相加 ' }), computed(`/computed/breakdowns/${esc(b.id)}/sum`, `${b.name}各项相加`));
    return listSection({
      title: `四（${'一二三四五六七八九十'[n] || n + 1}）、${b.name}`, key: `bd-${b.id}`, path: `${base}/items`,
      columns: [{ key: 'name', name: '类别' }, { key: 'value', name: '数量' }],
      rows: r.breakdowns?.[b.id]?.items || [], extra: [head], addText: `添加${b.name}类别`,
    });
  });
}

/** Tables the pack declares (基金运行 …): its rows and columns, the rows
 * a check computes shown beside what was typed. Nothing here knows a row. */
function packTableSections(r, spec) {
  return (spec.tables || []).map((t, n) => {
    const base = `/tables/${esc(t.id)}`;
    const unit = unitSelect(`${base}/unit`, `${t.name}单位`, ['万元', '元'], r, t.unit);
    const outputs = new Map();
    for (const c of t.checks || []) {
      const [kind, body] = Object.entries(c)[0];
      if (kind === 'sum' && body.partial) continue;
      outputs.set(kind === 'sum' ? body.total : body.is, kind);
    }
    const aka = (x) => (x.aliases?.length ? `也称：${x.aliases.join('、')}` : undefined);
    const table = el('table', { class: 'grid funds' });
    table.append(el('tr', {}, el('th', { scope: 'col', text: '项目' }),
      ...t.columns.map((c) => el('th', { scope: 'col', text: c.name })),
      ...t.columns.filter(() => outputs.size).map((c) => el('th', { scope: 'col', text: `${c.name}（计算）` }))));
    for (const row of t.rows) {
      const label = row.unit ? `${row.name}（${row.unit}）` : row.name;
      const tr = el('tr', {}, el('th', { scope: 'row', text: label, title: aka(row) }));
      for (const c of t.columns) {
        tr.append(cell(field(`${base}/rows/${esc(row.id)}/${esc(c.id)}`, `${t.name}·${row.name}·${c.name}`, r)));
      }
      if (outputs.size) {
        for (const c of t.columns) {
          tr.append(outputs.has(row.id)
            ? cell(computed(`/computed/tables/${esc(t.id)}/${esc(row.id)}/${esc(c.id)}`, `${row.name}·${c.name}`))
            : cell());
        }
      }
      table.append(tr);
    }
    return section(`五（${'一二三四五六七八九十'[n] || n + 1}）、${t.name}`,
      el('p', {}, el('span', { text: '金额单位 ' }), unit), table);
  });
}

function perCapitaSection(r) {
  const top = el('p', {}, el('span', { text: '人均补助标准（元/人） ' }), field('/perCapita/standard', '人均补助标准', r),
    el('span', { text: ' 补助人数 ' }), field('/perCapita/persons', '补助人数', r),
    el('span', { text: ' 各级标准相加 ' }), computed('/computed/perCapita/sum', '各级标准相加'));
  return listSection({
    title: '五、人均补助标准', key: 'levels', path: '/perCapita/levels',
    columns: [{ key: 'name', name: '级次' }, { key: 'standard', name: '标准（元/人）' }, { key: 'funds', name: '本级资金（万元）' }],
    computedColumns: [{ name: '人数×标准（万元）', path: (i) => `/computed/perCapita/levels/${i}/funds` }],
    rows: r.perCapita?.levels || [], extra: [top], addText: '添加级次',
  });
}

let lineCounter = 0;
function lineRow(id, node, ancestors, open, report) {
  const base = `/indicators/${esc(id)}`;
  const tr = el('tr', open ? { class: 'line', dataset: { lineId: id, parent: node.id } } : { dataset: { fixed: id } });
  const level1 = ancestors[0]?.name ?? '';
  const level2 = ancestors[1]?.name ?? '';
  tr.append(cell(el('span', { text: level1 })), cell(el('span', { text: level2 })));
  if (open) {
    tr.append(cell(field(`${base}/name`, '三级指标名称', report, { class: 'name' })), cell(field(`${base}/weight`, '分值', report, { class: 's' })));
  } else {
    tr.append(cell(el('span', { text: node.name })), cell(el('span', { text: node.weight, class: 'weight' })));
  }
  const name = open ? '该指标' : node.name;
  const rate = node.method === 'rate';
  tr.append(
    cell(field(`${base}/target`, `${name} 年度指标值`, report, rate ? { placeholder: '按资金表计算' } : {})),
    cell(field(`${base}/actual`, `${name} 实际完成值`, report)),
    cell(computed(`/computed/indicators/${esc(id)}/completionRate`, `${name} 完成率`)),
    cell(field(`${base}/score`, `${name} 得分（人工或定性评分填写）`, report, { class: 's' })),
    cell(computed(`/computed/indicators/${esc(id)}/score`, `${name} 系统得分`)),
    cell(field(`${base}/reason`, `${name} 偏差原因分析及改进措施`, report)),
    cell(open ? button('删除', () => { const next = tr.nextElementSibling?.querySelector('input,button'); tr.remove(); next?.focus(); changed(); },
      { class: 'remove', 'aria-label': '删除此指标' }) : null),
  );
  return tr;
}

function indicatorSection(r, spec) {
  const tbody = el('tbody');
  const walk = (node, ancestors) => {
    if (node.children?.length) {
      for (const c of node.children) walk(c, [...ancestors, node]);
    } else if (node.open) {
      for (const [id, line] of Object.entries(r.indicators || {})) {
        if (line.parent === node.id) tbody.append(lineRow(id, node, [...ancestors, node], true, r));
      }
      const addRow = el('tr', { class: 'add' });
      addRow.append(el('td', { colspan: '12' }, button(`在“${node.name}”下添加指标`, () => {
        lineCounter += 1;
        const id = `L${Date.now().toString(36)}${lineCounter}`;
        const tr = lineRow(id, node, [...ancestors, node], true, {});
        addRow.before(tr);
        tr.querySelector('input').focus();
        changed();
      })));
      tbody.append(addRow);
    } else {
      tbody.append(lineRow(node.id, node, ancestors, false, r));
    }
  };
  for (const n of spec.tree) walk(n, []);
  const table = el('table', { class: 'grid indicators' },
    el('thead', {}, head('一级指标', '二级指标', '三级指标', '分值', '年度指标值', '实际完成值', '完成率%', '得分', '系统得分', '偏差原因分析及改进措施', '')),
    tbody);
  const sums = el('table', { class: 'grid subtotals' }, head('指标', '分值', '得分', '得分率%'));
  const nodes = (list, depth) => {
    for (const n of list) {
      if (!n.children?.length && !n.open) continue;
      sums.append(el('tr', { class: `depth${depth}` }, el('th', { scope: 'row', text: n.name }), cell(el('span', { text: n.weight })),
        cell(computed(`/computed/tree/${esc(n.id)}/score`, `${n.name}得分`)), cell(computed(`/computed/tree/${esc(n.id)}/rate`, `${n.name}得分率`))));
      nodes(n.children || [], depth + 1);
    }
  };
  nodes(spec.tree, 1);
  const total = el('table', { class: 'grid total' }, el('tr', {},
    el('th', { scope: 'row', text: '总分' }), cell(computed('/computed/total/score', '总分')),
    el('th', { scope: 'row', text: '总得分率%' }), cell(computed('/computed/total/rate', '总得分率')),
    el('th', { scope: 'row', text: '评价等次' }), cell(computed('/computed/total/grade', '评价等次'))));
  return [section('六、绩效指标', table), section('七、得分汇总', sums, total)];
}

function narrativeSection(r, spec) {
  const list = spec.narrative?.length ? spec.narrative : [{ id: 'summary', name: '说明' }];
  return section('八、文字说明', ...list.map((n) => el('div', { class: 'narrative' },
    el('h3', { text: n.name }), area(`/narrative/${esc(n.id)}`, n.name, r))));
}

function buildForm(report, spec) {
  fill(form,
    el('h2', { class: 'title', text: `${spec.title}` }),
    basicSection(report), fundsSection(report, spec), expensesSection(report), ...breakdownSections(report, spec),
    perCapitaSection(report), ...packTableSections(report, spec), ...indicatorSection(report, spec), narrativeSection(report, spec),
    el('div', { class: 'print-only sign' },
      el('span', { text: '填报单位（公章）：' }), el('span', { text: '项目负责人（签章）：' }), el('span', { text: '填报日期：' })),
  );
}

// ---------- attaching, saving, the findings panel ----------
async function open(id, given = null) {
  const report = given || drafts.load(id) || { schemaVersion: '1', pack: 'national-2020' };
  state.draftId = id;
  state.pack = report.pack || 'national-2020';
  state.spec = await spec(state.pack);
  state.attachment?.detach();
  state.attachment = null;
  state.checked = false;
  buildForm(report, state.spec);
  try {
    state.attachment = await attach(form, {
      pack: state.pack, report: JSON.stringify(report),
      fieldMap: { pathNames: true, rows: [{ row: 'tr.line', idAttr: 'data-line-id', parentAttr: 'data-parent', fields: {} }] },
      onChange: () => { save(); panel(); },
    });
  } catch (e) {
    status(`无法打开草稿：${e.message}`);
    return;
  }
  drafts.setCurrent(id);
  field$('packSelect').value = state.pack;
  refreshDraftList();
  panel();
  save();
}

async function spec(id) {
  if (!specs.has(id)) specs.set(id, JSON.parse(await packJson(id)));
  return specs.get(id);
}

/** After rows were added or removed: the DOM layer picks the change up in
 * a microtask; save and refresh once it has. */
function changed() {
  setTimeout(() => { save(); panel(); }, 0);
}

// Autosave: after each validation (30 ms after the last keystroke), at
// least every MAX_UNSAVED_MS while typing goes on without a pause, and on
// pagehide / visibilitychange.
const MAX_UNSAVED_MS = 250;
let lastSave = 0;

function save() {
  const a = state.attachment;
  if (!a || !state.draftId) return;
  lastSave = performance.now();
  const text = a.reportJson();
  if (!store(state.draftId, JSON.parse(text))) return;
  const errors = a.errors();
  status(`已自动保存 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })} · ${errors} 个错误`);
  refreshDraftList();
}

/** Save a draft; where the browser refuses, say so at once and offer the
 * export (what was typed is then only in this page). True when saved. */
function store(id, report) {
  try {
    drafts.save(id, report);
  } catch (e) {
    const why = e && e.name === 'QuotaExceededError' ? '本浏览器的存储空间已满' : '本浏览器不允许网页保存数据';
    $('saveFailureText').textContent = `草稿未能保存（${why}）。已填写的内容仍在表中，但关闭或刷新页面后会丢失：请立即导出上报文件保存到本机，或删除不用的草稿后继续。`;
    $('saveFailure').hidden = false;
    status('草稿未保存');
    return false;
  }
  $('saveFailure').hidden = true;
  return true;
}

function status(text) { $('status').textContent = text; }

const SEVERITY = [['error', '错误'], ['warning', '警告'], ['info', '提示']];
function panel() {
  const a = state.attachment;
  if (!a) return;
  const findings = a.findings();
  const counts = Object.fromEntries(SEVERITY.map(([s]) => [s, findings.filter((f) => f.severity === s).length]));
  $('panelSummary').textContent = `错误 ${counts.error} 个，警告 ${counts.warning} 个，提示 ${counts.info} 个` +
    (state.checked ? '' : '。点“检查全部”列出全部问题。');
  const box = $('panel');
  fill(box);
  if (!state.checked) return;
  for (const [sev, name] of SEVERITY) {
    const list = findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    const ul = el('ul');
    for (const f of list) {
      const b = button(f.message, () => a.reveal(f), { class: `finding ${sev}`, dataset: { code: f.code } });
      const li = el('li', {}, b);
      // A statement in the text links to the figure it contradicts.
      if (f.span && f.paths[1]) {
        li.append(button('查看表内数值', () => a.revealFigure(f), { class: 'figure-link', dataset: { code: f.code } }));
      }
      ul.append(li);
    }
    box.append(el('section', { class: sev }, el('h3', { text: `${name}（${list.length}）` }), ul));
  }
}

// ---------- drafts, packs, import/export ----------
function refreshDraftList() {
  const sel = field$('draftList');
  fill(sel, ...drafts.list().map((d) =>
    el('option', { value: d.id, text: `${d.title}（${d.updated.slice(0, 16).replace('T', ' ')}）` })));
  if (state.draftId) sel.value = state.draftId;
}

async function newDraft(report) {
  const id = drafts.newId();
  store(id, report);
  await open(id, report);
  return id;
}

async function changePack(id) {
  // A new pack means a new indicator table: keep the old draft untouched
  // and start a new one with everything but the indicators.
  const old = JSON.parse(state.attachment.reportJson());
  // Keep basic info, expense lines, breakdowns, per-capita and narrative; the
  // funds rows, indicators and stated figures belong to the old pack.
  await newDraft({ ...old, pack: id, funds: { unit: old.funds?.unit || '' }, indicators: {}, stated: {} });
  status(`已按新的评价体系新建草稿；原草稿保留在列表中。`);
}

function download(name, data, type = 'application/json') {
  const a = el('a', { href: URL.createObjectURL(new Blob([data], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exportUpload() {
  const a = state.attachment;
  if (!a) return;
  const report = JSON.parse(a.reportJson());
  const name = (report.basic?.projectName || '未命名').replace(/[\\/:*?"<>|]/g, '_');
  download(`绩效自评-${name}.json`, a.upload());
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const reason = (e) => (e && e.message ? e.message : String(e));

/** The official table as a workbook: figures as typed, computed cells filled in, findings on a second sheet. */
async function exportExcel() {
  const a = state.attachment;
  if (!a) return;
  a.flush();
  const text = a.reportJson();
  const name = (JSON.parse(text).basic?.projectName || '未命名').replace(/[\\/:*?"<>|]/g, '_');
  status('正在生成 Excel 文件…');
  try {
    download(`绩效自评表-${name}.xlsx`, await exportXlsx(text), XLSX_TYPE);
    status(`已导出“${name}”的 Excel 自评表（含计算结果与检查结果）。`);
  } catch (e) {
    status(`未能导出 Excel：${reason(e)}`);
  }
}

/** A filled workbook becomes a new draft, checked as if typed. */
async function importExcel(file) {
  const msg = $('importMessage');
  msg.hidden = true;
  status('正在读取 Excel 文件…');
  let result;
  try {
    result = await importXlsx(new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    status('');
    msg.textContent = `导入失败，未作任何更改：${reason(e)}`;
    msg.hidden = false;
    return;
  }
  await newDraft(result.report);
  const basic = /** @type {{projectName?: string}} */ (result.report.basic || {});
  status(`已从 Excel 导入“${basic.projectName || '未命名'}”，已按表内数据重新检查。`);
  if (result.findings.length) {
    msg.textContent = `导入提示（${result.findings.length} 条）：${result.findings.map((f) => f.message).join('；')}`;
    msg.hidden = false;
  }
}

async function importFile(file) {
  const msg = $('importMessage');
  msg.hidden = true;
  const text = await file.text();
  const result = await verify(text);
  if (result.problems.length) {
    msg.textContent = `导入失败，未作任何更改：${result.problems.map((p) => p.message).join('；')}`;
    msg.hidden = false;
    return;
  }
  const upload = JSON.parse(text);
  await newDraft(upload.report);
  status(`已导入“${upload.report.basic?.projectName || '未命名'}”，摘要与评价体系核验无误。`);
}

// ---------- start ----------
// (No top-level await: Chromium before 89 cannot parse it, and the floor is 80.)
async function main() {
  for (const p of await packs()) $('packSelect').append(el('option', { value: p.id, text: p.title }));
  $('btnNew').addEventListener('click', () => newDraft({ schemaVersion: '1', pack: field$('packSelect').value }));
  $('btnDelete').addEventListener('click', async () => {
    if (!state.draftId) return;
    drafts.remove(state.draftId);
    const next = drafts.list()[0];
    if (next) await open(next.id);
    else await newDraft({ schemaVersion: '1', pack: state.pack });
  });
  $('draftList').addEventListener('change', () => open(field$('draftList').value));
  $('packSelect').addEventListener('change', () => { const id = field$('packSelect').value; if (id !== state.pack) changePack(id); });
  $('btnSample').addEventListener('click', async () => {
    const report = await (await fetch('samples/seed-001.json')).json();
    await newDraft(report);
  });
  $('btnCheck').addEventListener('click', () => {
    state.checked = true;
    state.attachment?.showAll();
    panel();
    const first = $('panel').querySelector('button');
    (first || $('panelSummary')).focus?.();
  });
  $('btnExport').addEventListener('click', exportUpload);
  $('btnSaveFailureExport').addEventListener('click', exportUpload);
  $('fileImport').addEventListener('change', async (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const f = input.files[0];
    input.value = '';
    if (f) await importFile(f);
  });
  $('btnExportXlsx').addEventListener('click', exportExcel);
  $('fileImportXlsx').addEventListener('change', async (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const f = input.files[0];
    input.value = '';
    if (f) await importExcel(f);
  });
  $('btnPrint').addEventListener('click', () => window.print());
  // Save what is pending when the tab is hidden or closed.
  const flushAndSave = () => { state.attachment?.flush(); save(); };
  window.addEventListener('pagehide', flushAndSave);
  // (after the attachment's own input listener has taken the keystroke)
  form.addEventListener('input', () => {
    if (performance.now() - lastSave > MAX_UNSAVED_MS) { lastSave = performance.now(); setTimeout(flushAndSave, 0); }
  });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flushAndSave(); });

  const current = drafts.current();
  if (current && drafts.load(current)) await open(current);
  else if (drafts.list()[0]) await open(drafts.list()[0].id);
  else await newDraft({ schemaVersion: '1', pack: 'national-2020' });
  document.documentElement.dataset.ready = 'true';
}
main().catch((e) => {
  console.error('jixiao: the page could not start.', e);
  status(`页面未能启动：${e && e.message ? e.message : e}。请刷新重试，或换用较新的浏览器。`);
});
