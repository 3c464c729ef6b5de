#!/usr/bin/env bash
# Set up, then run every check: formatting, lints, the native test suite,
# the release WASM build, and a Node test of the built package.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (native and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
step "cargo test"
cargo test
step "release WASM build"
scripts/build.sh
step "node --test (the built release package)"
node --test tests/node/
