//! Replays, through the same harness functions the fuzz targets call
//! (fuzz/harness.rs), every input the fuzzers ever failed on
//! (tests/fuzz-regressions/<target>/) and each target's minimised corpus
//! (tests/fuzz-corpus/<target>/, written by scripts/fuzz.sh with `cargo
//! fuzz cmin`: the smallest set of inputs that reaches every edge the run
//! reached). A target with no corpus fails: a replay of nothing asserts
//! nothing. Fuzzing itself: scripts/fuzz.sh.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

/// Every file in `tests/<dir>/<target>/` through `run`; how many.
fn replay_dir(dir: &str, target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir)
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        run(&data);
        n += 1;
    }
    n
}

fn replay(target: &str, run: fn(&[u8])) {
    let corpus = replay_dir("fuzz-corpus", target, run);
    let regressions = replay_dir("fuzz-regressions", target, run);
    println!("{target}: replayed {corpus} corpus inputs and {regressions} saved failures");
    assert!(
        corpus > 0,
        "{target}: no minimised corpus in tests/fuzz-corpus/{target}/"
    );
}

#[test]
fn parse_inputs_replay() {
    replay("parse", harness::parse_value);
}

#[test]
fn report_inputs_replay() {
    replay("report", harness::report);
    // The first input fuzzing found: an upload that failed its own verify.
    assert!(replay_dir("fuzz-regressions", "report", harness::report) >= 1);
}

#[test]
fn pack_inputs_replay() {
    replay("pack", harness::pack_json);
}

#[test]
fn upload_inputs_replay() {
    replay("upload", harness::upload_verify);
}

#[test]
fn narrative_inputs_replay() {
    replay("narrative", harness::narrative);
}

#[test]
fn edits_inputs_replay() {
    replay("edits", harness::edits);
}

#[test]
fn xlsx_inputs_replay() {
    replay("xlsx", harness::xlsx);
}
