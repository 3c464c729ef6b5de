#!/usr/bin/env bash
# The bench command: builds the release WASM, generates the workloads,
# bundles the JavaScript baseline, runs the native benchmarks (divan, and
# `jixiao check` throughput on one core) and the browser benchmarks in
# headless Chromium, and writes docs/BENCHMARKS.md + docs/benchmarks.json.
# Figures are printed, never asserted. About 8 minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"
B=target/bench
mkdir -p "$B/reports" "$B/dist"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "release builds"
scripts/build.sh
cargo build --release --quiet

step "workloads: generated national-2020 reports"
for n in 20 200 2000; do
  target/release/jixiao generate --lines "$n" --seed 1 -o "$B/reports/g$n.json"
  printf '  g%s.json: %s bytes\n' "$n" "$(wc -c < "$B/reports/g$n.json")"
done

step "JavaScript baseline bundle (esbuild, minified)"
esbuild --bundle --minify --format=esm --log-level=warning bench/page/baseline.mjs --outfile="$B/dist/baseline.js"
printf 'export { default as Ajv } from "ajv/dist/2020.js";\nexport { default as Decimal } from "decimal.js";\n' > "$B/libs-entry.mjs"
esbuild --bundle --minify --format=esm --log-level=warning "$B/libs-entry.mjs" --outfile="$B/dist/libs.js"

step "Excel in headless Chromium: first use (module fetched and compiled), export and import"
node bench/xlsx.mjs | tee "$B/xlsx.txt"

step "native: divan (cargo bench --bench engine)"
cargo bench --bench engine 2>/dev/null | tee "$B/divan.txt"

step "native: jixiao check throughput, 1,000 reports of 200 lines, one core"
rm -rf "$B/many"
target/release/jixiao generate --lines 200 --seed 1 --count 1000 -o "$B/many"
start=$(date +%s%N)
set +e
taskset -c 0 target/release/jixiao check --format json "$B"/many/*.json > "$B/check.out"
rc=$?
set -e
end=$(date +%s%N)
[ "$rc" -le 1 ] || { echo "jixiao check failed ($rc)"; exit 1; }
checked=$(grep -c '"report":' "$B/check.out" || true)
[ "$checked" -eq 1000 ] || { echo "expected 1000 results, got $checked"; exit 1; }
node -e '
const [ns, divanFile] = process.argv.slice(1);
const fs = require("fs");
const seconds = Number(ns) / 1e9;
const out = { check: { reports: 1000, lines: 200, seconds, perSecond: 1000 / seconds }, divan: fs.readFileSync(divanFile, "utf8") };
fs.writeFileSync("target/bench/native.json", JSON.stringify(out, null, 2));
console.log(`  ${out.check.perSecond.toFixed(0)} reports/s (${seconds.toFixed(2)} s)`);
' "$((end - start))" "$B/divan.txt"

step "browser: headless Chromium, jixiao and the baseline in one page"
node bench/run.mjs

step "engines: WebAssembly and the JavaScript fallback (wasm2js), in Node and Chromium 80"
node bench/engines.mjs
