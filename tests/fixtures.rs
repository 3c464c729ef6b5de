//! Runs every case in `tests/fixtures/cases/`: a base report (from
//! `tests/fixtures/reports/`), an optional JSON merge patch, edits applied
//! one by one through the incremental engine, then the exact list of
//! findings (code + first path, and expected/actual where given) and the
//! computed values the case names. Each case is also re-evaluated from
//! scratch and must agree with the incremental result.
//!
//! A new case is a new file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jixiao::{report_io, Code, Engine, Pack};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Case {
    description: String,
    base: String,
    #[serde(default)]
    pack_file: Option<String>,
    #[serde(default)]
    merge: Option<Value>,
    #[serde(default)]
    set: Vec<(String, String)>,
    findings: Vec<Expected>,
    #[serde(default)]
    computed: indexmap::IndexMap<String, String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    code: String,
    path: String,
    #[serde(default)]
    expected: Option<String>,
    #[serde(default)]
    actual: Option<String>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// RFC 7386 JSON merge patch.
fn merge(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(p) => {
            if !target.is_object() {
                *target = Value::Object(Default::default());
            }
            if let Value::Object(t) = target {
                for (k, v) in p {
                    if v.is_null() {
                        t.remove(k);
                    } else {
                        merge(t.entry(k.clone()).or_insert(Value::Null), v);
                    }
                }
            }
        }
        other => *target = other.clone(),
    }
}

fn load_case(name: &str) -> (Case, Engine) {
    let path = dir().join("cases").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let case: Case = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let base = std::fs::read_to_string(dir().join("reports").join(&case.base)).unwrap();
    let mut value: Value = serde_json::from_str(&base).unwrap();
    if let Some(p) = &case.merge {
        merge(&mut value, p);
    }
    let report = report_io::report_from_json(&value.to_string())
        .unwrap_or_else(|e| panic!("{name}: {}", e.message));
    let pack = match &case.pack_file {
        Some(f) => {
            let t = std::fs::read_to_string(dir().join("packs").join(f)).unwrap();
            Arc::new(Pack::from_json(&t).unwrap_or_else(|e| panic!("{name}: {e:?}")))
        }
        None => jixiao::resolve_pack(&report, None).unwrap_or_else(|e| panic!("{name}: {e:?}")),
    };
    let mut engine = Engine::new(pack, report);
    for (p, raw) in &case.set {
        engine
            .set(p, raw)
            .unwrap_or_else(|e| panic!("{name}: set {p}: {}", e.message));
    }
    (case, engine)
}

fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir().join("cases"))
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            if p.extension()? != "json" {
                return None;
            }
            Some(p.file_stem()?.to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

fn check(name: &str) -> Vec<String> {
    let (case, engine) = load_case(name);
    let mut problems = Vec::new();
    let findings = engine.findings();
    let got: Vec<(String, String)> = findings
        .iter()
        .map(|f| (f.code.clone(), f.path().to_string()))
        .collect();
    let want: Vec<(String, String)> = case
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.path.clone()))
        .collect();
    let (mut g, mut w) = (got.clone(), want.clone());
    g.sort();
    w.sort();
    if g != w {
        problems.push(format!("findings differ\n    want {w:?}\n    got  {g:?}"));
    }
    for e in &case.findings {
        let same: Vec<_> = findings
            .iter()
            .filter(|f| f.code == e.code && f.path() == e.path)
            .collect();
        let fits = same.iter().any(|f| {
            (e.expected.is_none() || f.expected == e.expected)
                && (e.actual.is_none() || f.actual == e.actual)
        });
        if !same.is_empty() && !fits {
            let got: Vec<_> = same.iter().map(|f| (&f.expected, &f.actual)).collect();
            problems.push(format!(
                "{} {}: want expected {:?} actual {:?}, got {got:?}",
                e.code, e.path, e.expected, e.actual
            ));
        }
        for f in same {
            if f.message.is_empty() || f.message.contains('{') {
                problems.push(format!("{} message not filled: {}", e.code, f.message));
            }
        }
    }
    let computed = engine.computed();
    for (k, v) in &case.computed {
        let got = computed.get(k).map(|c| c.value.as_str());
        if got != Some(v.as_str()) {
            problems.push(format!("computed {k}: want {v}, got {got:?}"));
        }
    }
    // Incremental result equals a fresh full evaluation.
    let fresh = Engine::new(engine.pack().clone(), engine.report().clone());
    if fresh.findings() != findings || fresh.computed() != computed {
        problems.push("incremental evaluation differs from full evaluation".into());
    }
    let _ = case.description;
    problems
}

#[test]
fn every_fixture_case() {
    let names = case_names();
    assert!(
        names.len() >= 70,
        "expected the fixture suite, found {}",
        names.len()
    );
    let mut failures = Vec::new();
    for name in &names {
        for p in check(name) {
            failures.push(format!("[{name}] {p}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every finding code a report can raise is shown failing by some case;
/// the clean base reports (which exercise every rule) show each passing.
#[test]
fn every_report_code_has_a_failing_case() {
    // Codes about loading packs, reports and uploads are covered by
    // `tests/load.rs` and `tests/upload.rs`.
    let elsewhere: BTreeSet<&str> = [
        "REPORT_JSON",
        "REPORT_TOO_LARGE",
        "JSON_TOO_DEEP",
        "JSON_DUPLICATE_KEY",
        "FILE_UNREADABLE",
        "TEXT_ENCODING",
        "REPORT_PACK_UNKNOWN",
        "UNKNOWN_PATH",
        "PACK_JSON",
        "PACK_INVALID",
        "PACK_WEIGHT_SUM",
        "PACK_TOO_LARGE",
        "UPLOAD_JSON",
        "UPLOAD_SCHEMA_VERSION",
        "UPLOAD_DIGEST",
        "UPLOAD_PACK",
        "UPLOAD_INPUT_CHANGED",
        "UPLOAD_COMPUTED_CHANGED",
        "UPLOAD_FINDINGS_CHANGED",
        // Excel import and export: tests/xlsx.rs.
        "XLSX_UNREADABLE",
        "XLSX_TOO_LARGE",
        "XLSX_ZIP_BOMB",
        "XLSX_NOT_A_TABLE",
        "XLSX_UNPLACED",
        "XLSX_FORMULA",
        "XLSX_FORMULA_EMPTY",
        "XLSX_EXPORT",
    ]
    .into_iter()
    .collect();
    let mut seen = BTreeSet::new();
    for name in case_names() {
        let (case, _) = load_case(&name);
        seen.extend(case.findings.into_iter().map(|f| f.code));
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(*c) && !elsewhere.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes with no failing case: {missing:?}"
    );
}

/// Each built-in pack has a clean report with no findings at all.
#[test]
fn every_pack_has_a_clean_report() {
    for (case, pack) in [
        ("seed-004", "national-2020"),
        ("clean-common-framework", "common-framework"),
        ("clean-four-part", "four-part"),
        ("clean-county-2017", "county-2017"),
        ("clean-hubei-2021", "hubei-2021"),
    ] {
        let (_, engine) = load_case(case);
        assert_eq!(engine.pack().id(), pack);
        assert_eq!(engine.findings(), vec![], "{case}");
        assert!(
            engine.computed().contains_key("/computed/total/grade"),
            "{case}"
        );
    }
    for id in jixiao::pack::builtin_ids() {
        assert!(jixiao::pack::builtin(id).is_some(), "{id} loads");
    }
}
