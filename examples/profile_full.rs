//! Profile helper: full validation of a generated report, N times.
//! `cargo run --release --example profile_full -- 2000 20`
use jixiao::{generate, pack, report_io, Engine};

fn main() {
    let mut args = std::env::args().skip(1);
    let lines: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let times: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let pack = pack::builtin(generate::PACK).unwrap();
    let text = report_io::to_json(&generate::report(&pack, lines, 1));
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
