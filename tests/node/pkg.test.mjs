// The release package in www/pkg, loaded the way a page loads it (ES module
// + .wasm), driven through its JavaScript API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, Validator, verify, packs, packJson } from '../../www/pkg/jixiao.js';

initSync({ module: readFileSync(new URL('../../www/pkg/jixiao_bg.wasm', import.meta.url)) });
const seed = (name) => readFileSync(new URL(`../fixtures/reports/${name}`, import.meta.url), 'utf8');

test('built-in packs are listed', () => {
  assert.deepEqual(packs().map((p) => p.id), ['national-2020', 'common-framework', 'four-part', 'county-2017', 'sichuan-2023', 'hubei-2021']);
  assert.equal(JSON.parse(packJson('four-part')).tree.length, 4);
  // The same list as `jixiao packs --format json`: the 一级 indicators too.
  const fourPart = packs().find((p) => p.id === 'four-part');
  assert.equal(fourPart.top.length, 4);
  assert.match(fourPart.top[0].weight, /^\d+(\.\d+)?$/);
});

test('seed 001 computes as natively', () => {
  const v = new Validator('common-framework', seed('seed-001.json'));
  const c = v.computed();
  assert.equal(c['/computed/rates/fundsArrival'].value, '99.50');
  assert.equal(c['/computed/indicators/output.cost.saving/score'].value, '4.88');
  assert.equal(c['/computed/total/score'].value, '99.86');
  assert.equal(c['/computed/total/grade'].value, '优');
  assert.equal(v.findings().filter((f) => f.severity === 'error').length, 5);
});

test('one edit returns only what changed', () => {
  const v = new Validator('common-framework', seed('seed-001.json'));
  const change = v.set('/indicators/output.cost.saving/score', '4.88');
  assert.deepEqual(change.removed.map((f) => f.code), ['SCORE_MISMATCH']);
  // The stated 产出 subtotal and total added up the old score (issue 14 §2.4).
  assert.deepEqual(change.added.map((f) => f.code).sort(), ['SUBTOTAL_MISMATCH', 'TOTAL_MISMATCH']);
  assert.deepEqual(change.computed, {});
  const typed = v.set('/indicators/output.cost.saving/actual', '５０元／人');
  assert.equal(typed.computed['/computed/total/score'].value, '99.98');
});

test('errors are Error objects with code and path', () => {
  const v = new Validator('national-2020');
  assert.throws(() => v.set('/nope', '1'), (e) => e instanceof Error && e.code === 'UNKNOWN_PATH' && e.path === '/nope');
  assert.throws(() => new Validator('nope'), (e) => e instanceof Error && e.code === 'REPORT_PACK_UNKNOWN');
  assert.throws(() => new Validator('national-2020', '{"basic": {"phone": 1}}'),
    (e) => e.code === 'REPORT_JSON' && e.path === '/basic/phone' && e.message.startsWith('报告数据格式错误'));
});

test('the upload verifies, and a changed figure does not', () => {
  const v = new Validator('national-2020', seed('seed-004.json'));
  const upload = v.upload();
  assert.deepEqual(verify(upload).problems, []);
  assert.equal(verify(upload).verdict, 'verified');
  const tampered = upload.replace('"166.96"', '"176.96"');
  assert.equal(verify(tampered).problems[0].code, 'UPLOAD_DIGEST');
  assert.equal(verify(tampered).verdict, 'rejected');
  assert.equal(verify('{"schemaVersion":"1","schemaVersion":"1"}').verdict, 'unreadable');
});
