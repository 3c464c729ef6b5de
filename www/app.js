// The minimal static page: load the WASM, check a report, show results.
import { createValidator, packs } from './jixiao.js';

const $ = (id) => document.getElementById(id);
let validator = null;

function text(el, s) { el.textContent = s; return el; }

function show() {
  const list = $('findings');
  list.replaceChildren();
  const findings = validator.findings();
  for (const f of findings) {
    const li = document.createElement('li');
    li.className = f.severity;
    const code = text(document.createElement('span'), ` ${f.code} ${f.paths[0] || ''}`);
    code.className = 'code';
    li.append(text(document.createElement('span'), f.message), code);
    if (f.hint) li.append(text(document.createElement('div'), `建议：${f.hint}`));
    list.append(li);
  }
  const body = $('computed');
  body.replaceChildren();
  const labels = validator.computedLabels();
  for (const [path, c] of Object.entries(validator.computed())) {
    const tr = document.createElement('tr');
    tr.title = path;
    tr.append(text(document.createElement('td'), labels[path] || path), text(document.createElement('td'), c.value + (c.unit || '')));
    body.append(tr);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  text($('status'), `${errors} 个错误，${findings.length - errors} 个警告或提示`);
  $('download').disabled = false;
}

async function check() {
  try {
    validator = await createValidator($('pack').value, $('report').value || null, { onRecover: show });
    window.jixiaoValidator = validator;
    show();
  } catch (e) {
    text($('status'), `${e.code || ''} ${e.path || ''} ${e.message}`);
  }
}

for (const p of await packs()) {
  const o = document.createElement('option');
  o.value = p.id;
  o.textContent = `${p.title}（${p.id}）`;
  $('pack').append(o);
}
$('check').addEventListener('click', check);
$('file').addEventListener('change', async (ev) => {
  const f = ev.target.files[0];
  if (!f) return;
  $('report').value = await f.text();
  try { $('pack').value = JSON.parse($('report').value).pack || $('pack').value; } catch { /* shown on check */ }
  check();
});
$('sample').addEventListener('click', async () => {
  $('report').value = await (await fetch('samples/seed-001.json')).text();
  $('pack').value = 'common-framework';
  await check();
});
$('download').addEventListener('click', () => {
  const blob = new Blob([validator.upload()], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'jixiao-upload.json';
  a.click();
  URL.revokeObjectURL(a.href);
});
text($('status'), '已就绪');
