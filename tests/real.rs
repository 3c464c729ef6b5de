//! Real published reports (`tests/fixtures/real/`, from
//! `docs/real-reports-survey.md`): figures as printed, each with the
//! findings an auditor expected, written before jixiao ever ran on it.
//!
//! A finding counts by its code and first path. Findings whose first path
//! lies under one of the fixture's `cut` prefixes (what the stored excerpt
//! does not show, or the layout does not have) are not counted either way.
//! Every difference between what jixiao finds and what was expected is
//! recorded in the fixture's `known` (`missed`, `falseAlarms`), each with a
//! reason written when it was reconciled, so that this test fails on any
//! change: a new miss or false alarm, or a known one that went away (then
//! remove it from `known`). The goal is an empty `known` everywhere.
//!
//! `cargo test --test real -- --nocapture` prints the tally.

use std::collections::BTreeSet;
use std::path::Path;

use jixiao::{report_io, Engine};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Fixture {
    id: String,
    source: String,
    #[allow(dead_code)]
    title: String,
    judged_before_run: bool,
    report: Value,
    expected: Vec<Finding>,
    #[serde(default)]
    uncheckable: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    fine: Vec<String>,
    #[serde(default)]
    cut: Vec<String>,
    /// Expected before the run, withdrawn after it with a reason (the
    /// judgement, not the product, was wrong): counted apart, and it must
    /// not be found either.
    #[serde(default)]
    withdrawn: Vec<Finding>,
    #[serde(default)]
    #[allow(dead_code)]
    notes: String,
    #[serde(default)]
    known: Known,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Known {
    #[serde(default)]
    missed: Vec<Finding>,
    #[serde(default)]
    false_alarms: Vec<Finding>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
struct Finding {
    code: String,
    path: String,
    #[allow(dead_code)]
    why: String,
    /// Added to `expected` after a run showed it, the fixture's judgement
    /// revised (its `why` says on what rule): counted apart in the tally.
    #[serde(default)]
    rejudged: bool,
}

type Key = (String, String);

fn keys(list: &[Finding]) -> BTreeSet<Key> {
    list.iter()
        .map(|f| (f.code.clone(), f.path.clone()))
        .collect()
}

#[derive(Default)]
struct Tally {
    reports: usize,
    lines: usize,
    expected: usize,
    found: usize,
    missed: usize,
    false_alarms: usize,
    uncheckable: usize,
    rejudged: usize,
    withdrawn: usize,
}

#[test]
fn real_reports_tally() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let mut t = Tally::default();
    let mut problems = Vec::new();
    let mut medical = 0;
    for path in &names {
        let text = std::fs::read_to_string(path).unwrap();
        let fx: Fixture =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(fx.judged_before_run, "{}: judged before the run", fx.id);
        assert!(fx.source.starts_with("http"), "{}: a source address", fx.id);
        if fx.id.starts_with('R') {
            medical += 1;
        }
        let report = report_io::report_from_json(&fx.report.to_string())
            .unwrap_or_else(|e| panic!("{}: {}", fx.id, e.message));
        let pack =
            jixiao::resolve_pack(&report, None).unwrap_or_else(|e| panic!("{}: {e:?}", fx.id));
        t.reports += 1;
        t.lines += report.indicators.len();
        let engine = Engine::new(pack, report);
        let cut = |p: &str| fx.cut.iter().any(|c| p.starts_with(c.as_str()));
        let found: BTreeSet<Key> = engine
            .findings()
            .iter()
            .map(|f| (f.code.to_string(), f.path().to_string()))
            .filter(|(_, p)| !cut(p))
            .collect();
        let expected = keys(&fx.expected);
        let missed: BTreeSet<Key> = expected.difference(&found).cloned().collect();
        let false_alarms: BTreeSet<Key> = found.difference(&expected).cloned().collect();
        println!(
            "{}: expected {}, found {}, missed {:?}, false alarms {:?}",
            fx.id,
            expected.len(),
            expected.intersection(&found).count(),
            missed,
            false_alarms
        );
        t.expected += expected.len();
        t.rejudged += fx.expected.iter().filter(|f| f.rejudged).count();
        t.withdrawn += fx.withdrawn.len();
        let back: BTreeSet<Key> = keys(&fx.withdrawn).intersection(&found).cloned().collect();
        if !back.is_empty() {
            problems.push(format!("{}: withdrawn yet found {back:?}", fx.id));
        }
        t.found += expected.intersection(&found).count();
        t.missed += missed.len();
        t.false_alarms += false_alarms.len();
        t.uncheckable += fx.uncheckable.len();
        for (what, got, known) in [
            ("missed", &missed, &fx.known.missed),
            ("false alarms", &false_alarms, &fx.known.false_alarms),
        ] {
            if *got != keys(known) {
                problems.push(format!(
                    "{}: {what} {got:?}, known {:?}",
                    fx.id,
                    keys(known)
                ));
            }
        }
    }
    println!(
        "real reports: {} ({} medical), {} lines; expected findings {} (of them {} re-judged after a run; {} more withdrawn after a run), found {}, missed {}, false alarms {}; problems no code covers {}",
        t.reports, medical, t.lines, t.expected, t.rejudged, t.withdrawn, t.found, t.missed, t.false_alarms, t.uncheckable
    );
    assert!(t.reports >= 25, "{} real reports", t.reports);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
