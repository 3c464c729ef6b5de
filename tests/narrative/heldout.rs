//! The narrative recogniser on the held-out set (issue 15):
//! `tests/narrative/heldout.json`, sentences the team wrote in its own
//! words on the phrasing of real published reports (each entry names the
//! report it follows), labelled before the recogniser was tuned on any of
//! them and committed on their own first. Never tune on this set: change
//! it only to fix a label, and say so in the commit.
//!
//! Each entry: the fixture report whose names the text uses, the text, the
//! statements of this year's figures it makes (subject, attribute, value,
//! unit, where), and the numbers that must be ignored (a target, last
//! year, a change, a cumulative figure, a document number, a date, another
//! scheme …) with the reason. `cargo test --test narrative --
//! --nocapture` prints precision and recall; the test checks that every
//! label is well-formed (its span is in the text, its subject exists).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use jixiao::narrative::QUANTITY_NAMES;
use jixiao::report_io;
use serde::Deserialize;

use super::common::{char_span, cross_dimension, funds_unit, recognised, Key, Label};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    report: String,
    source: String,
    text: String,
    statements: Vec<Label>,
    #[serde(default)]
    ignore: Vec<Ignored>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ignored {
    at: String,
    nth: usize,
    why: String,
}

const WHY: &[&str] = &[
    "target",
    "previous",
    "change",
    "cumulative",
    "document",
    "date",
    "other-scheme",
    "other-unit",
    "count",
    "rank",
    "other",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether a label's subject names something of the report or its pack.
fn subject_exists(subject: &str, report: &jixiao::Report, pack: &jixiao::pack::Pack) -> bool {
    let Some((kind, rest)) = subject.split_once(':') else {
        return false;
    };
    let index = |s: &str| s.parse::<usize>().ok();
    match kind {
        "quantity" => QUANTITY_NAMES.iter().any(|(q, _)| *q == rest),
        "node" => pack.node(rest).is_some(),
        "line" => report.indicators.contains_key(rest),
        "item" => rest.split_once('/').is_some_and(|(b, i)| {
            report
                .breakdowns
                .get(b)
                .zip(index(i))
                .is_some_and(|(b, i)| i < b.items.len())
        }),
        "level" => index(rest).is_some_and(|i| i < report.per_capita.levels.len()),
        "expense" => index(rest).is_some_and(|i| i < report.expenses.lines.len()),
        "row" => rest.split_once('/').is_some_and(|(r, c)| {
            pack.spec.funds.rows.iter().any(|x| x.id == r)
                && pack.spec.funds.columns.iter().any(|x| x.id.id() == c)
        }),
        _ => false,
    }
}

/// Figures of one set of written texts.
struct Measured {
    labels: usize,
    ignored: usize,
    sources: usize,
    /// Labels that are not well-formed.
    bad: Vec<String>,
    /// What was missed or falsely found, for the dev set's printout.
    misses: Vec<String>,
}

fn measure(file: &str, name: &str) -> Measured {
    let text = std::fs::read_to_string(root().join("tests/narrative").join(file)).unwrap();
    let entries: Vec<Entry> = serde_json::from_str(&text).unwrap();
    let mut bad = Vec::new();
    let (mut tp, mut fp, mut fn_, mut on_negatives) = (0usize, 0usize, 0usize, 0usize);
    let mut labels = 0usize;
    let mut ignored = 0usize;
    let mut sources = BTreeSet::new();
    let mut by_why: BTreeMap<String, usize> = BTreeMap::new();
    let mut ids = BTreeSet::new();
    let mut misses = Vec::new();
    let mut cross = 0usize;
    for e in &entries {
        if !ids.insert(e.id.clone()) {
            bad.push(format!("{}: id repeated", e.id));
        }
        if !e.source.starts_with("http") {
            bad.push(format!("{}: no source address", e.id));
        }
        sources.insert(e.source.clone());
        let r = report_io::report_from_json(
            &std::fs::read_to_string(root().join("tests/fixtures/reports").join(&e.report))
                .unwrap(),
        )
        .unwrap();
        let pack = jixiao::resolve_pack(&r, None).unwrap();
        let mut want: BTreeSet<Key> = BTreeSet::new();
        for l in &e.statements {
            labels += 1;
            if !subject_exists(&l.subject, &r, &pack) {
                bad.push(format!("{}: no subject {}", e.id, l.subject));
            }
            if !["value", "score", "rate", "completion", "actual"].contains(&l.attr.as_str()) {
                bad.push(format!("{}: attribute {}", e.id, l.attr));
            }
            match l.key(&e.text) {
                Some(mut k) => {
                    // The total row's cells are the report's quantities
                    // (what the recogniser names them).
                    let total = pack.total_row().map(|t| format!("row:{t}/"));
                    if let Some(col) = total.and_then(|t| k.0.strip_prefix(&t).map(str::to_string))
                    {
                        k.0 = format!("quantity:{col}");
                    }
                    // A 一级 node that is itself a line (national-2020's 预算执行率)
                    // is read as the line: the same score either way.
                    if let Some(id) = k.0.strip_prefix("node:") {
                        if pack
                            .node(id)
                            .is_some_and(|n| matches!(n.kind, jixiao::pack::NodeKind::Line { .. }))
                        {
                            k.0 = format!("line:{id}");
                        }
                    }
                    // A grade is stated by any of its words ("优秀" for 优).
                    if k.0 == "quantity:grade" {
                        if let Some(g) = pack.grade_named(&k.2) {
                            k.2 = g.name.clone();
                        }
                    }
                    want.insert(k);
                }
                None => bad.push(format!("{}: “{}” #{} not in the text", e.id, l.at, l.nth)),
            }
        }
        let mut negatives = Vec::new();
        for i in &e.ignore {
            ignored += 1;
            *by_why.entry(i.why.clone()).or_default() += 1;
            if !WHY.contains(&i.why.as_str()) {
                bad.push(format!("{}: reason {}", e.id, i.why));
            }
            match char_span(&e.text, &i.at, i.nth) {
                Some(span) => negatives.push(span),
                None => bad.push(format!("{}: “{}” #{} not in the text", e.id, i.at, i.nth)),
            }
        }
        let vocab = jixiao::rules::narrative::vocabulary(&pack, &r);
        let year = jixiao::parse::parse_year(r.basic.year.as_str());
        let got = recognised(&e.text, &vocab, year, funds_unit(&r));
        // The text checked against its report: no finding may compare
        // figures of different dimensions.
        let mut checked = r.clone();
        checked
            .narrative
            .insert("summary".into(), jixiao::model::Raw(e.text.clone()));
        let crossed =
            cross_dimension(&jixiao::Engine::new(pack.clone(), checked.clone()).findings());
        if crossed > 0 {
            for f in jixiao::Engine::new(pack.clone(), checked).findings() {
                if f.code == "NARRATIVE_MISMATCH" {
                    println!(
                        "  {}: cross-dimension? {:?} vs {:?}",
                        e.id, f.actual, f.expected
                    );
                }
            }
        }
        cross += crossed;
        tp += got.intersection(&want).count();
        for k in got.difference(&want) {
            fp += 1;
            if negatives.iter().any(|(a, b)| k.4 < *b && *a < k.5) {
                on_negatives += 1;
            }
            misses.push(format!("{}: false {k:?} in {}", e.id, e.text));
        }
        for k in want.difference(&got) {
            fn_ += 1;
            misses.push(format!("{}: missed {k:?} in {}", e.id, e.text));
        }
    }
    let pct = |n: usize, d: usize| n as f64 * 100.0 / d.max(1) as f64;
    println!(
        "{name}: {} texts from {} real reports' phrasing, {labels} labelled statements, {ignored} numbers to ignore {by_why:?}",
        entries.len(),
        sources.len()
    );
    println!(
        "  precision {:.1}% ({tp}/{}), recall {:.1}% ({tp}/{}); {on_negatives} of the {fp} false statements read a number that must be ignored",
        pct(tp, tp + fp),
        tp + fp,
        pct(tp, tp + fn_),
        tp + fn_
    );
    println!("  cross-dimension comparisons: {cross}");
    assert_eq!(
        cross, 0,
        "{name}: narrative findings comparing figures of different dimensions"
    );
    Measured {
        labels,
        ignored,
        sources: sources.len(),
        bad,
        misses,
    }
}

#[test]
fn held_out_precision_and_recall() {
    let m = measure("heldout.json", "held-out narrative set");
    assert!(m.bad.is_empty(), "{}", m.bad.join("\n"));
    assert!(m.labels >= 150, "{} labelled statements", m.labels);
    assert!(m.ignored >= 100, "{} numbers to ignore", m.ignored);
    assert!(m.sources >= 20, "{} real reports", m.sources);
}

/// A dev set: the same measure, and every miss printed (what issue 15 is
/// tuned against; the held-out set's misses are never printed).
fn dev_set(file: &str, name: &str) {
    let m = measure(file, name);
    assert!(m.bad.is_empty(), "{}", m.bad.join("\n"));
    for miss in &m.misses {
        println!("  {miss}");
    }
}

/// Written by the team on 43 real reports' phrasing.
#[test]
fn dev_written_precision_and_recall() {
    dev_set("dev-written.json", "dev narrative set (written)");
}

/// The fresh batches, each written by a helper that never ran the
/// recogniser, on reports of its own finding, committed before its first
/// run: `dev-fresh.json` (158 texts, 20 reports no other set used),
/// `dev-fresh2.json` (180 texts, 20 of the medical reports the sets
/// follow), `dev-fresh3.json` (145 texts, 24 reports no other set used),
/// `dev-fresh4.json` (128 texts, 22 reports no other set used, some of
/// other bureaus' accounts and self-evaluations).
#[test]
fn dev_fresh_precision_and_recall() {
    dev_set("dev-fresh.json", "dev narrative set (fresh)");
}

#[test]
fn dev_fresh2_precision_and_recall() {
    dev_set("dev-fresh2.json", "dev narrative set (fresh 2)");
}

#[test]
fn dev_fresh3_precision_and_recall() {
    dev_set("dev-fresh3.json", "dev narrative set (fresh 3)");
}

#[test]
fn dev_fresh4_precision_and_recall() {
    dev_set("dev-fresh4.json", "dev narrative set (fresh 4)");
}

/// `dev-fresh5.json` (131 texts, 29 reports no other set used, about half
/// of other bureaus), committed in 213e9e67 before its first run.
#[test]
fn dev_fresh5_precision_and_recall() {
    dev_set("dev-fresh5.json", "dev narrative set (fresh 5)");
}

/// `dev-fresh6.json` (142 texts, 33 reports no other set used, two thirds
/// of other bureaus), the first batch labelled by `LABELLING.md`, committed
/// in 43aab8e4 before its first run.
#[test]
fn dev_fresh6_precision_and_recall() {
    dev_set("dev-fresh6.json", "dev narrative set (fresh 6)");
}

/// `dev-fresh7.json` (143 texts, 43 reports no other set used, most of
/// other bureaus), labelled by `LABELLING.md` by a writer who never saw the
/// recogniser, committed before its first run.
#[test]
fn dev_fresh7_precision_and_recall() {
    dev_set("dev-fresh7.json", "dev narrative set (fresh 7)");
}

/// `dev-fresh8.json` (140 texts, 41 reports no other set used, most of
/// other bureaus), labelled by `LABELLING.md` as clarified in session 19,
/// committed before its first run.
#[test]
fn dev_fresh8_precision_and_recall() {
    dev_set("dev-fresh8.json", "dev narrative set (fresh 8)");
}

/// `dev-fresh9.json` (139 texts, 38 reports no other set used, all of
/// other bureaus), labelled by `LABELLING.md` by a writer who never saw
/// the recogniser, committed in 32389bcc before its first run.
#[test]
fn dev_fresh9_precision_and_recall() {
    dev_set("dev-fresh9.json", "dev narrative set (fresh 9)");
}

/// `dev-fresh10.json` (146 texts, 44 reports and notices no other set
/// used), labelled by `LABELLING.md` by a writer who never saw the
/// recogniser, committed in 8d6d5408 before its first run.
#[test]
fn dev_fresh10_precision_and_recall() {
    dev_set("dev-fresh10.json", "dev narrative set (fresh 10)");
}

/// `dev-fresh11.json` (148 texts, 50 addresses no other set used, about
/// 30 of them self-evaluation reports or final accounts), labelled by
/// `LABELLING.md` by a writer who never saw the recogniser, committed
/// before its first run.
#[test]
fn dev_fresh11_precision_and_recall() {
    dev_set("dev-fresh11.json", "dev narrative set (fresh 11)");
}
