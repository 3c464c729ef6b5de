//! Profile helper: full validation of a generated report, N times.
//! `cargo run --release --example profile_full -- 2000 20`, or a report
//! file in place of the size (`-- tests/fixtures/reports/seed-001.json 50`).
use jixiao::{generate, pack, report_io, Engine};

fn main() {
    let mut args = std::env::args().skip(1);
    let first = args.next().unwrap_or_else(|| "2000".to_string());
    let times: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let (lines, text) = match first.parse::<usize>() {
        Ok(lines) => {
            let pack = pack::builtin(generate::PACK).unwrap();
            (
                lines,
                report_io::to_json(&generate::report(&pack, lines, 1)),
            )
        }
        Err(_) => {
            let text = std::fs::read_to_string(&first).unwrap();
            let lines = report_io::report_from_json(&text).unwrap().indicators.len();
            (lines, text)
        }
    };
    let report = report_io::report_from_json(&text).unwrap();
    let pack = pack::builtin(&report.pack).unwrap();
    let mut sink = 0;
    let t = std::time::Instant::now();
    for _ in 0..times {
        let report = report_io::report_from_json(&text).unwrap();
        let engine = Engine::new(pack.clone(), report);
        sink += engine.findings().len() + engine.computed().len();
    }
    println!(
        "{lines} lines: {:?} per full validation ({sink})",
        t.elapsed() / times as u32
    );
}
