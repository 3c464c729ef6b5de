#!/usr/bin/env bash
# Build the release WASM package into www/pkg (one ES module + one .wasm +
# TypeScript types, checked against the Chromium 80 floor, and the
# JavaScript engine for browsers that refuse WebAssembly) and print sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm's wasm-opt (binaryen 132) must come first: Debian's corrupts the output.
export PATH="$PWD/node_modules/.bin:$PATH"
# The bindings crate (bindings/wasm) over the pure core; its output keeps
# the names jixiao.js / jixiao_bg.wasm that portals already load.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z wasm-pack build bindings/wasm --target web --release --mode no-install --out-dir "$PWD/www/pkg" --out-name jixiao 2>&1 \
  | grep -v -e "Optional field missing" -e "License key is set" -e "failed to get wasm-pack version" || true
test -f www/pkg/jixiao_bg.wasm

scripts/floor.sh www/pkg
# The Excel module (import and export of .xlsx), loaded by the page only
# when staff import or export: the validator above stays as it was.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z wasm-pack build bindings/wasm --target web --release --mode no-install --out-dir "$PWD/www/xlsx" --out-name jixiao_xlsx -- --features xlsx 2>&1 \
  | grep -v -e "Optional field missing" -e "License key is set" -e "failed to get wasm-pack version" || true
test -f www/xlsx/jixiao_xlsx_bg.wasm
rm -f www/xlsx/README.md www/xlsx/package.json
scripts/floor.sh www/xlsx jixiao_xlsx_bg.wasm --check-only
# The example portals (www/examples/) load jQuery 1.x, Vue 2 and jixiao
# from vendor/, as a portal would after installing them.
mkdir -p www/examples/vendor/jixiao/pkg
cp node_modules/jquery/dist/jquery.min.js node_modules/vue/dist/vue.min.js www/examples/vendor/
cp www/jixiao.js www/jixiao.d.ts www/jixiao.classic.js www/examples/vendor/jixiao/
cp www/pkg/jixiao.js www/pkg/jixiao.d.ts www/pkg/jixiao_bg.wasm www/pkg/jixiao_js.js www/examples/vendor/jixiao/pkg/
mkdir -p www/samples
cp tests/fixtures/reports/seed-001.json tests/fixtures/reports/seed-004.json www/samples/
raw=$(wc -c < www/pkg/jixiao_bg.wasm)
gz=$(gzip -9 -c www/pkg/jixiao_bg.wasm | wc -c)
echo "jixiao_bg.wasm: $raw bytes raw, $gz bytes gzip -9"
js=$(wc -c < www/pkg/jixiao_js.js)
jsgz=$(gzip -9 -c www/pkg/jixiao_js.js | wc -c)
echo "jixiao_js.js (JavaScript engine): $js bytes raw, $jsgz bytes gzip -9"
xraw=$(wc -c < www/xlsx/jixiao_xlsx_bg.wasm)
xgz=$(gzip -9 -c www/xlsx/jixiao_xlsx_bg.wasm | wc -c)
echo "jixiao_xlsx_bg.wasm (Excel module, loaded on demand): $xraw bytes raw, $xgz bytes gzip -9"
