//! Replays an edit list (JSON [[path, raw], …]) on a report natively and
//! prints per-edit timing: `cargo run --release --example replay_edits -- R.json E.json`
use jixiao::{pack, report_io, Engine};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let edits: Vec<(String, String)> =
        serde_json::from_str(&std::fs::read_to_string(&args[2]).unwrap()).unwrap();
    let report = report_io::report_from_json(&text).unwrap();
    let mut engine = Engine::new(pack::builtin(&report.pack.clone()).unwrap(), report);
    let mut times = Vec::new();
    for (i, (path, raw)) in edits.iter().enumerate() {
        let t = std::time::Instant::now();
        let c = engine.set(path, raw).unwrap();
        times.push((
            t.elapsed().as_secs_f64() * 1e3,
            i,
            path.clone(),
            c.computed.len() + c.added.len() + c.removed.len(),
        ));
    }
    let mut sorted: Vec<f64> = times.iter().map(|t| t.0).collect();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "p50 {:.4} ms p99 {:.4} ms max {:.4} ms",
        sorted[sorted.len() / 2],
        sorted[sorted.len() * 99 / 100],
        sorted[sorted.len() - 1]
    );
    times.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    for t in times.iter().take(6) {
        println!("  {:.3} ms #{} {} ({} changes)", t.0, t.1, t.2, t.3);
    }
}
