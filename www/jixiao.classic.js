// jixiao for portal pages that cannot use ES modules: a classic script.
//
//   <script src="/static/jixiao/jixiao.classic.js"></script>
//   <script>
//     jixiao.attach(document.getElementById('frmZpb'), { pack: 'national-2020', fieldMap: 'vendor-kpi' })
//       .then(function (a) { window.jixiaoAttachment = a; });
//   </script>
//
// It exposes `window.jixiao` at once; each function returns a Promise and
// loads jixiao.js (and by it the .wasm, or the JavaScript engine) from the
// folder this script came from, the first time it is needed. `jixiao.ready`
// resolves to the module. Works from Chromium 80 under the strict CSP
// (script-src 'self' 'wasm-unsafe-eval'): no eval, no inline code.
(function () {
  'use strict';
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  var base = script && script.src ? script.src : document.baseURI;
  var url = new URL('jixiao.js', base).href;
  var loading = null;
  function load() {
    // A classic script may still import a module dynamically (Chromium 63+).
    loading = loading || import(url);
    return loading;
  }
  function call(name) {
    return function () {
      var args = arguments;
      return load().then(function (m) { return m[name].apply(null, args); });
    };
  }
  var api = {
    createValidator: call('createValidator'),
    attach: call('attach'),
    verify: call('verify'),
    packs: call('packs'),
    packJson: call('packJson'),
    engine: call('engine'),
    /** Choose the engine before the first call ('auto', 'wasm' or 'js'). */
    useEngine: call('useEngine'),
  };
  Object.defineProperty(api, 'ready', { get: load });
  /** @type {any} */ (window).jixiao = api;
})();
