//! The graph the rules build is wired right: every key a unit reads has a
//! writer (an input, or a unit), and every output is read or shown. Rules
//! link to each other through key names; a name typed wrong in a reader
//! would read nothing, silently, and no figure test need notice.

use jixiao::{generate, pack, report_io, rules};

/// What is unlinked in the graph of `report` under `pack` (outputs the
/// rules declare optional aside: see `Builder::optional`).
fn unlinked(pack: &std::sync::Arc<jixiao::Pack>, mut report: jixiao::Report) -> String {
    rules::complete(pack, &mut report);
    let u = rules::build(pack, &report).unlinked();
    if u == Default::default() {
        String::new()
    } else {
        format!("{u:#?}")
    }
}

fn reports_in(dir: &str) -> Vec<(String, jixiao::Report)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            // A real report's file holds the report under `report`.
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let report = v.get("report").map_or(text, |r| r.to_string());
            (name, report_io::report_from_json(&report).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_read_has_a_writer_and_every_output_a_reader() {
    let mut checked = 0;
    let mut bad = Vec::new();
    let mut all = reports_in("tests/fixtures/reports");
    all.extend(reports_in("tests/fixtures/real"));
    for (name, report) in all {
        // A test pack's id is `test-` and its file's name.
        let pack = match report.pack.strip_prefix("test-") {
            Some(file) => {
                let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs/");
                let text = std::fs::read_to_string(format!("{dir}{file}.json")).unwrap();
                std::sync::Arc::new(jixiao::Pack::from_json(&text).unwrap())
            }
            None => jixiao::resolve_pack(&report, None).unwrap(),
        };
        let u = unlinked(&pack, report);
        if !u.is_empty() {
            bad.push(format!("{name}: {u}"));
        }
        checked += 1;
    }
    // Every built-in pack on an empty report; the generator's pack on a
    // generated one (lines, expenses, breakdowns, per-capita levels).
    for id in pack::builtin_ids() {
        let pack = pack::builtin(id).unwrap();
        let mut reports = vec![jixiao::Report::default()];
        if id == generate::PACK {
            reports.push(generate::report(&pack, 40, 7));
        }
        for report in reports {
            let u = unlinked(&pack, report);
            if !u.is_empty() {
                bad.push(format!("{id}: {u}"));
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} graphs built");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The check itself finds a read nobody writes and an output nobody reads.
#[test]
fn a_misnamed_read_and_an_unread_output_are_found() {
    let mut b = jixiao::graph::Builder::default();
    let typo = b.key("/computed/funds/total/spnet");
    let orphan = b.key("/computed/nowhere");
    // Declared optional: unread, and not listed.
    let spare = b.key("~spare");
    b.optional(spare);
    b.unit([typo], [orphan, spare], |_| jixiao::graph::Out::default());
    let u = b.finish().unlinked();
    assert_eq!(u.read_unwritten, vec!["/computed/funds/total/spnet"]);
    assert_eq!(u.written_unread, vec!["/computed/nowhere"]);
}
