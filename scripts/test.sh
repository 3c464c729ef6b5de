#!/usr/bin/env bash
# Set up, then run every check: formatting, lints, the native test suite
# (with every input fuzzing ever saved replayed: tests/fuzz_replay.rs),
# the bindings and DOM layer in headless Chromium (wasm-bindgen-test), the
# release WASM build, a Node test of the built package, and end-to-end tests
# of www/ and www/embed/ in headless Chromium (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "cargo fmt --check; eslint (with the Chromium 80 floor for www/)"
cargo fmt --all --check
eslint .
step "cargo clippy (native, and wasm32 with its browser tests)"
cargo clippy --all-targets -- -D warnings
# The core for wasm32 as the bindings use it, then the bindings crate
# (both of its modules) with its browser tests.
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features xlsx -- -D warnings
cargo clippy -p jixiao-wasm --lib --test web --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p jixiao-wasm --lib --target wasm32-unknown-unknown --features xlsx -- -D warnings
step "cargo test (native)"
cargo test
step "wasm-bindgen-test in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p jixiao-wasm --target wasm32-unknown-unknown --test web
step "release WASM build, and the fault-injection test build (real traps)"
scripts/build.sh
step "tsc --checkJs: www/ against its .d.ts files and the built package's"
tsc -p tsconfig.json
rm -rf target/pkg-fault
CARGO_PROFILE_RELEASE_OPT_LEVEL=z wasm-pack build bindings/wasm --target web --release --mode no-install \
  --out-dir "$PWD/target/pkg-fault" --out-name jixiao --features fault-injection 2>&1 | grep -E "Done|rror" || true
test -f target/pkg-fault/jixiao_bg.wasm
scripts/floor.sh target/pkg-fault
step "the npm package (scripts/package.mjs → target/jixiao-<version>.tgz)"
node scripts/package.mjs
step "node --test: the built package, and end-to-end in headless Chromium, Chromium 80 and 86"
# No test here takes a minute; one that waits 10 fails, and the runner
# then exits rather than waiting on what the test left open.
node --test --test-timeout=600000 --test-force-exit tests/node/ tests/e2e/
echo "screenshots: test-output/"
