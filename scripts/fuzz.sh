#!/usr/bin/env bash
# Fuzz every target with libFuzzer (cargo fuzz, stable toolchain, no
# sanitizer; debug assertions and overflow checks on) for SECONDS each
# (default 600), one after another on one core. Crashes are copied to
# tests/fuzz-regressions/<target>/ and each target's corpus, minimised
# (cargo fuzz cmin), to tests/fuzz-corpus/<target>/; `cargo test --test
# fuzz_replay` (part of scripts/test.sh) replays both.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(parse report pack upload narrative edits)
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.2
cargo build --release --quiet
python3 scripts/fuzz_seed.py target/release/jixiao
cargo fuzz build -s none -a
mkdir -p test-output/fuzz
for t in "${targets[@]}"; do
  mkdir -p "fuzz/artifacts/$t" "tests/fuzz-regressions/$t"
  log="test-output/fuzz/$t.log"
  echo "== fuzz $t for ${secs}s (log: $log)"
  set +e
  cargo fuzz run -s none -a "$t" "fuzz/corpus/$t" "tests/fuzz-regressions/$t" -- \
    -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  for f in fuzz/artifacts/"$t"/*; do
    [ -e "$f" ] && cp "$f" "tests/fuzz-regressions/$t/" && echo "   saved $(basename "$f")"
  done
  # The minimised corpus, committed and replayed by cargo test.
  rm -rf "tests/fuzz-corpus/$t.new" && mkdir -p "tests/fuzz-corpus/$t.new"
  cargo fuzz cmin -s none -a "$t" "fuzz/corpus/$t" -- "$PWD/tests/fuzz-corpus/$t.new" \
    >"test-output/fuzz/$t.cmin.log" 2>&1 || true
  if [ -n "$(ls -A "tests/fuzz-corpus/$t.new")" ]; then
    rm -rf "tests/fuzz-corpus/$t" && mv "tests/fuzz-corpus/$t.new" "tests/fuzz-corpus/$t"
  else
    rm -rf "tests/fuzz-corpus/$t.new"
  fi
  echo "   minimised corpus: $(ls "tests/fuzz-corpus/$t" 2>/dev/null | wc -l) inputs"
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  execs=$(grep -oP 'stat::number_of_executed_units: \K[0-9]+' "$log" || echo "?")
  edges=$(grep -oP 'Loaded 1 modules +\(\K[0-9]+' "$log" | head -1 || echo "?")
  echo "   exit $rc; executions $execs; edges in the binary $edges; ${done_line:-$(tail -1 "$log")}"
done
