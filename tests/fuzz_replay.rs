//! Replays every input the fuzzers ever saved (tests/fuzz-regressions/
//! <target>/) through the same harness functions the fuzz targets call
//! (fuzz/harness.rs). Fuzzing itself: scripts/fuzz.sh.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        run(&data);
        n += 1;
    }
    println!("{target}: replayed {n} saved inputs");
    n
}

#[test]
fn parse_inputs_replay() {
    replay("parse", harness::parse_value);
}

#[test]
fn report_inputs_replay() {
    // The first input fuzzing found: an upload that failed its own verify.
    assert!(replay("report", harness::report) >= 1);
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
