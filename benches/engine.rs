//! Native benchmarks of the core (divan): full validation (parse the JSON,
//! build, evaluate, read findings and computed values) and one keystroke
//! (`Engine::set` on a field spread over the report), on generated
//! national-2020 reports of 20, 200 and 2,000 indicator lines.
//! Excel import and export of the same reports (`xlsx_import`,
//! `xlsx_export`). The generated reports have no narrative; `full_seed`
//! is full validation of the real seed reports, prose included (what
//! opening a filed report costs).
//! Run: `cargo bench --bench engine` (scripts/bench.sh runs it and records
//! the table in docs/BENCHMARKS.md).

use std::sync::Arc;

use divan::Bencher;
use jixiao::{generate, pack, report_io, Engine, Pack};

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[20, 200, 2000];

fn pack() -> Arc<Pack> {
    pack::builtin(generate::PACK).unwrap()
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn full(bencher: Bencher, lines: usize) {
    let pack = pack();
    let text = report_io::to_json(&generate::report(&pack, lines, 1));
    bencher.bench(|| {
        let report = report_io::report_from_json(&text).unwrap();
        let engine = Engine::new(pack.clone(), report);
        (engine.findings().len(), engine.computed().len())
    });
}

/// The seed reports as filed (10, 17 and 10 lines, with their narrative).
const SEEDS: &[&str] = &["seed-000", "seed-001", "seed-004"];

fn seed_text(name: &str) -> &'static str {
    match name {
        "seed-000" => include_str!("../tests/fixtures/reports/seed-000.json"),
        "seed-001" => include_str!("../tests/fixtures/reports/seed-001.json"),
        _ => include_str!("../tests/fixtures/reports/seed-004.json"),
    }
}

#[divan::bench(args = SEEDS, sample_count = 100)]
fn full_seed(bencher: Bencher, name: &str) {
    let text = seed_text(name);
    let pack = pack::builtin(&report_io::report_from_json(text).unwrap().pack).unwrap();
    bencher.bench(|| {
        let report = report_io::report_from_json(text).unwrap();
        let engine = Engine::new(pack.clone(), report);
        (engine.findings().len(), engine.computed().len())
    });
}

#[divan::bench(args = SIZES, sample_count = 1000)]
fn keystroke(bencher: Bencher, lines: usize) {
    let pack = pack();
    let report = generate::report(&pack, lines, 1);
    // Actual values of lines spread over the report, alternately changed
    // and put back, so every edit is a real change.
    let edits: Vec<(String, String, String)> = report
        .indicators
        .iter()
        .filter(|(_, l)| !l.parent.is_empty())
        .step_by((lines / 50).max(1))
        .map(|(id, l)| {
            let raw = l.actual.0.clone();
            (
                format!("/indicators/{id}/actual"),
                raw.clone(),
                format!("1{raw}"),
            )
        })
        .collect();
    let mut engine = Engine::new(pack, report);
    let mut i = 0usize;
    bencher.bench_local(|| {
        let (path, a, b) = &edits[(i / 2) % edits.len()];
        let raw = if i.is_multiple_of(2) { b } else { a };
        i += 1;
        engine.set(path, raw).unwrap().computed.len()
    });
}

/// Excel import of a workbook jixiao exported (one per size): read the
/// zip, place every cell by its label, give the report.
#[divan::bench(args = SIZES, sample_count = 20)]
fn xlsx_import(bencher: Bencher, lines: usize) {
    let pack = pack();
    let bytes = jixiao::xlsx::export(&generate::report(&pack, lines, 1), pack).unwrap();
    bencher.bench(|| {
        jixiao::xlsx::import(&bytes, None)
            .unwrap()
            .report
            .indicators
            .len()
    });
}

/// Excel export: evaluate the report, lay out the official table, write
/// the zip.
#[divan::bench(args = SIZES, sample_count = 20)]
fn xlsx_export(bencher: Bencher, lines: usize) {
    let pack = pack();
    let report = generate::report(&pack, lines, 1);
    bencher.bench(|| jixiao::xlsx::export(&report, pack.clone()).unwrap().len());
}
