//! What the narrative recogniser reads in a text, against a fixture
//! report's names and year (for looking into a miss):
//!   cargo run --example recognise -- seed-004.json "全年预算数166.96万元。" …
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((fixture, texts)) = args.split_first() else {
        eprintln!("usage: recognise FIXTURE.json TEXT…  (a report in tests/fixtures/reports)");
        return ExitCode::FAILURE;
    };
    let path = format!(
        "{}/tests/fixtures/reports/{fixture}",
        env!("CARGO_MANIFEST_DIR")
    );
    let report = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|t| jixiao::report_io::report_from_json(&t).map_err(|e| format!("{e:?}")))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Ok(pack) = jixiao::resolve_pack(&report, None) else {
        eprintln!("{path}: no pack");
        return ExitCode::FAILURE;
    };
    let vocab = jixiao::rules::narrative::vocabulary(&pack, &report);
    let year = jixiao::parse::parse_year(report.basic.year.as_str());
    for text in texts {
        println!("{text}");
        for s in jixiao::narrative::recognise(text, &vocab, year) {
            println!(
                "  {} {} {:?} [{}..{}] named “{}”",
                s.subject,
                s.attr.as_str(),
                s.value,
                s.start,
                s.end,
                s.name
            );
        }
    }
    ExitCode::SUCCESS
}
