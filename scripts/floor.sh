#!/usr/bin/env bash
# For a wasm-pack output directory (default www/pkg): check the .wasm against
# the browser floor, then add the JavaScript engine (jixiao_js.js) and the
# glue's initJs. Called by scripts/build.sh, and by scripts/test.sh for the
# fault-injection build.
#
# The floor is Chromium 80: WebAssembly MVP plus mutable globals, sign
# extension, non-trapping float-to-int and bulk memory; no reference types,
# no multi-value (.cargo/config.toml builds for it). The check validates
# against exactly that set, after dropping any target_features section
# (which would otherwise enable what it names), and fails the build if the
# module uses anything else.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
PKG=${1:-www/pkg}
WASM=${2:-jixiao_bg.wasm}   # scripts/build.sh: jixiao_xlsx_bg.wasm for the Excel module
CHECK_ONLY=${3:-}           # --check-only: no JavaScript engine (the Excel module has none)
WORK=target/jsengine/$(echo "$PKG" | tr / _)
FLOOR="--mvp-features --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory"
mkdir -p "$WORK"
wasm-opt ${FLOOR#--mvp-features } --strip-target-features "$PKG/$WASM" -o "$WORK/floor.wasm"
if ! wasm-opt $FLOOR "$WORK/floor.wasm" -o "$WORK/floor.wasm" 2> "$WORK/floor.log"; then
  echo "$PKG/$WASM uses a WebAssembly feature outside the Chromium 80 floor:" >&2
  grep -v '^ *[()]' "$WORK/floor.log" | head -5 >&2
  exit 1
fi
echo "$PKG/$WASM: within the Chromium 80 feature floor"
[ "$CHECK_ONLY" = "--check-only" ] && exit 0

# The JavaScript engine, for browsers that refuse WebAssembly (Chromium
# before 97 under a strict CSP). wasm2js cannot lower i64 trunc_sat, so
# non-trapping float-to-int is lowered first.
wasm-opt $FLOOR --llvm-nontrapping-fptoint-lowering "$WORK/floor.wasm" -o "$WORK/mvp.wasm"
wasm2js --enable-mutable-globals --enable-sign-ext --enable-bulk-memory -Oz "$WORK/mvp.wasm" -o "$WORK/wasm2js.js"
node scripts/jsengine.mjs "$WORK/wasm2js.js" "$PKG"
esbuild --minify --log-level=warning "$PKG/jixiao_js.js" --outfile="$PKG/jixiao_js.js" --allow-overwrite
