// The one module a portal adds: load jixiao, attach it to the form by a
// field map. Nothing else on the page changes.
import { attach } from '../jixiao.js';

// (No top-level await: Chromium before 89 cannot parse it.)
(async () => {
  const fieldMap = await (await fetch('fieldmap.json')).json();
  /** @type {any} */ (window).jixiaoAttachment = await attach(/** @type {HTMLFormElement} */ (document.getElementById('frmZpb')), {
    pack: 'national-2020',
    fieldMap,
  });
  document.documentElement.dataset.jixiao = 'ready';
})().catch((e) => console.error('jixiao: could not attach to the form.', e));
