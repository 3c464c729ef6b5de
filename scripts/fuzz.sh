#!/usr/bin/env bash
# Fuzz every target with libFuzzer (cargo fuzz, stable toolchain, no
# sanitizer; debug assertions and overflow checks on) for SECONDS each
# (default 600), FUZZ_JOBS targets at a time (default 1: one core).
# Crashes are copied to tests/fuzz-regressions/<target>/ and each target's
# corpus, minimised (cargo fuzz cmin), to tests/fuzz-corpus/<target>/;
# `cargo test --test fuzz_replay` (part of scripts/test.sh) replays both.
# Usage: [FUZZ_JOBS=N] scripts/fuzz.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(parse report pack upload narrative edits xlsx)
jobs="${FUZZ_JOBS:-1}"
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.2
cargo build --release --quiet
python3 scripts/fuzz_seed.py target/release/jixiao
# The committed minimised corpus seeds the next run too.
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  [ -d "tests/fuzz-corpus/$t" ] && cp -n tests/fuzz-corpus/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
done
cargo fuzz build -s none -a
mkdir -p test-output/fuzz

fuzz_one() {
  local t="$1" log="test-output/fuzz/$1.log" rc
  mkdir -p "fuzz/artifacts/$t" "tests/fuzz-regressions/$t"
  set +e
  cargo fuzz run -s none -a "$t" "fuzz/corpus/$t" "tests/fuzz-regressions/$t" -- \
    -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  for f in fuzz/artifacts/"$t"/*; do
    [ -e "$f" ] && cp "$f" "tests/fuzz-regressions/$t/" && echo "   $t: saved $(basename "$f")"
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
  local execs edges cov done_line
  execs=$(grep -oP 'stat::number_of_executed_units: \K[0-9]+' "$log" || echo "?")
  edges=$(grep -oP 'Loaded 1 modules +\(\K[0-9]+' "$log" | head -1 || echo "?")
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  cov=$(grep -oP 'cov: \K[0-9]+' <<<"${done_line:-}" || echo "?")
  echo "== $t: exit $rc; ${secs}s; executions $execs; edges covered $cov of $edges;" \
       "corpus minimised to $(ls "tests/fuzz-corpus/$t" 2>/dev/null | wc -l) inputs;" \
       "crashes saved $(ls fuzz/artifacts/"$t" 2>/dev/null | wc -l)"
}

running=0
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${secs}s (log: test-output/fuzz/$t.log)"
  fuzz_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait
