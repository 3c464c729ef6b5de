//! Inputs built as an attacker or a careless paste would build them
//! (issue 12): forged uploads with duplicated names, arrays where objects
//! belong, an oversized report inside an upload, 28-digit figures in every
//! field of every pack, extreme numbers in every pack number, hostile
//! packs, invisible characters around figures and over-long ids. Each
//! assertion names the code and the place; nothing may panic.

use std::path::Path;

use jixiao::upload;
use jixiao::{pack, report_io, Engine, Pack};
use proptest::prelude::*;
use serde_json::{json, Value};

mod common;
use common::{engine, leaves, pack_errors, REPORTS};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

fn upload_text(name: &str) -> String {
    upload::to_json(&upload::build(&engine(name)))
}

/// (code, path) of verify's problems.
fn problems(text: &str) -> Vec<(String, String)> {
    upload::verify(text, None)
        .problems
        .into_iter()
        .map(|f| (f.code.clone(), f.path().to_string()))
        .collect()
}

fn one(code: &str, path: &str) -> Vec<(String, String)> {
    vec![(code.to_string(), path.to_string())]
}

/// Insert `member` (a `"name": value` text) as the first member of the
/// object that starts right after `anchor` in `text`.
fn insert_first(text: &str, anchor: &str, member: &str) -> String {
    let at = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor} not in text"))
        + anchor.len();
    format!("{}{member},{}", &text[..at], &text[at..])
}

#[test]
fn a_duplicated_computed_value_is_refused_not_verified() {
    // The forgery of issue 12: a first copy of the total and the grade in
    // front of the real ones, digests untouched. A reader that keeps the
    // first copy would see 100.00 and 优.
    let honest = upload_text("seed-001.json");
    assert!(upload::verify(&honest, None).ok());
    let forged = insert_first(
        &honest,
        "\"computed\":{",
        r#""/computed/total/score": {"value": "100.00", "unit": "分"}"#,
    );
    assert_eq!(
        problems(&forged),
        one("JSON_DUPLICATE_KEY", "/computed/~1computed~1total~1score")
    );
    let v = upload::verify(&forged, None);
    assert!(!v.evaluated);
    assert_eq!(
        v.problems[0].actual.as_deref(),
        Some("/computed/total/score")
    );
    assert!(
        v.problems[0].message.contains("不止一次"),
        "{}",
        v.problems[0].message
    );
}

#[test]
fn duplicates_anywhere_in_an_upload_are_refused_at_their_place() {
    let honest = upload_text("seed-000.json");
    let v: Value = serde_json::from_str(&honest).unwrap();
    let first_line = v["report"]["indicators"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    let cases = [
        // A duplicated funds cell.
        (
            "\"total\":{",
            r#""budget": "1""#.to_string(),
            "/report/funds/rows/total/budget".to_string(),
        ),
        // A duplicated indicator line (the first copy wins in some readers).
        (
            "\"indicators\":{",
            format!(r#""{first_line}": {{"score": "0"}}"#),
            format!("/report/indicators/{first_line}"),
        ),
        // The digest itself, said twice.
        (
            "\"summary\":{",
            r#""errors": 0"#.to_string(),
            "/summary/errors".to_string(),
        ),
    ];
    for (anchor, member, path) in cases {
        let forged = insert_first(&honest, anchor, &member);
        assert_eq!(
            problems(&forged),
            one("JSON_DUPLICATE_KEY", &path),
            "{member}"
        );
    }
    // The same name written with an escape is the same name.
    let forged = insert_first(&honest, "\"summary\":{", r#""\u0065rrors": 0"#);
    assert_eq!(
        problems(&forged),
        one("JSON_DUPLICATE_KEY", "/summary/errors")
    );
    // Two top-level digests.
    let forged = insert_first(&honest, "{", r#""digest": "00""#);
    assert_eq!(problems(&forged), one("JSON_DUPLICATE_KEY", "/digest"));
}

#[test]
fn duplicates_in_reports_and_packs_are_refused_the_same_way() {
    // A report whose line id is said twice (it was dropped silently).
    let text =
        r#"{"pack": "four-part", "indicators": {"d1": {"score": "1"}, "d1": {"score": "2"}}}"#;
    let err = report_io::report_from_json(text).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path()),
        ("JSON_DUPLICATE_KEY", "/indicators/d1")
    );
    let text = r#"{"basic": {"year": "2022", "year": "2023"}}"#;
    let err = report_io::report_from_json(text).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path()),
        ("JSON_DUPLICATE_KEY", "/basic/year")
    );
    // Keys of different objects may repeat.
    assert!(report_io::report_from_json(
        r#"{"basic": {"year": "2022"}, "stated": {"grade": "优"}}"#
    )
    .is_ok());

    let pack_text = read("packs/four-part.json");
    let forged = insert_first(&pack_text, "\"funds\": {", r#""unit": "元""#);
    let errs = Pack::from_json(&forged).unwrap_err();
    assert_eq!(
        (errs[0].code.as_str(), errs[0].path()),
        ("JSON_DUPLICATE_KEY", "/funds/unit")
    );
}

#[test]
fn arrays_where_objects_belong_are_refused_in_uploads_and_packs() {
    let honest = upload_text("seed-001.json");
    let mut v: Value = serde_json::from_str(&honest).unwrap();
    for (pointer, array) in [
        ("/summary", json!([8, 0, 0])),
        ("/pack", json!(["common-framework", "1", "x"])),
        ("/report/basic", json!([])),
        ("/report/stated", json!([])),
    ] {
        let mut forged = v.clone();
        *forged.pointer_mut(pointer).unwrap() = array;
        let found = problems(&forged.to_string());
        assert_eq!(found, one("UPLOAD_JSON", pointer), "{pointer}");
    }
    // The arrays the format has stay accepted.
    v["findings"] = json!([]);
    assert_ne!(problems(&v.to_string()), one("UPLOAD_JSON", "/findings"));

    let mut pack: Value = serde_json::from_str(&read("packs/national-2020.json")).unwrap();
    pack["tolerances"] = json!(["1", "2"]);
    let errs = Pack::from_json(&pack.to_string()).unwrap_err();
    assert_eq!(
        (errs[0].code.as_str(), errs[0].path()),
        ("PACK_JSON", "/tolerances")
    );
}

#[test]
fn the_report_inside_an_upload_has_the_report_limits() {
    // 9.4 MB of report inside a 9.5 MB upload (the upload limit is 32 MiB):
    // refused as the report it carries would be.
    let mut v: Value = serde_json::from_str(&upload_text("seed-001.json")).unwrap();
    v["report"]["narrative"]["padding"] = Value::String("绩".repeat(3_150_000));
    let text = v.to_string();
    assert!(text.len() > report_io::MAX_REPORT_BYTES && text.len() < upload::MAX_UPLOAD_BYTES);
    assert_eq!(problems(&text), one("REPORT_TOO_LARGE", "/report"));
    // An empty or far too long id inside the report is named there too.
    let mut v: Value = serde_json::from_str(&upload_text("seed-001.json")).unwrap();
    v["report"]["narrative"][""] = Value::String("x".into());
    assert_eq!(
        problems(&v.to_string()),
        one("REPORT_JSON", "/report/narrative/")
    );
}

#[test]
fn ids_are_short_and_not_empty() {
    let long = "a".repeat(1_000_000);
    for (text, path) in [
        (
            r#"{"indicators": {"": {"score": "1"}}}"#.to_string(),
            "/indicators/".to_string(),
        ),
        (
            format!(r#"{{"indicators": {{"{long}": {{"score": "1"}}}}}}"#),
            format!("/indicators/{}", &long[..40]),
        ),
        (
            r#"{"narrative": {"  ": "x"}}"#.to_string(),
            "/narrative/  ".to_string(),
        ),
        (
            r#"{"funds": {"rows": {"total": {"": "1"}}}}"#.to_string(),
            "/funds/rows/total/".to_string(),
        ),
    ] {
        let err = report_io::report_from_json(&text).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path()),
            ("REPORT_JSON", path.as_str())
        );
        assert!(err.message.contains("最多 100 个字符"), "{}", err.message);
    }
    let ok = format!(
        r#"{{"indicators": {{"{}": {{"score": "1"}}}}}}"#,
        "a".repeat(100)
    );
    assert!(report_io::report_from_json(&ok).is_ok());
}

#[test]
fn a_bom_is_accepted_everywhere() {
    let report = format!("\u{feff}{}", read("tests/fixtures/reports/seed-001.json"));
    assert!(report_io::report_from_json(&report).is_ok());
    let pack_text = format!("\u{feff}{}", read("packs/four-part.json"));
    assert!(Pack::from_json(&pack_text).is_ok());
    // Given as a pack override (the CLI's --pack FILE), a BOM'd pack is a
    // pack, not an id whose whole text is echoed back.
    let r = report_io::report_from_json(&read("tests/fixtures/reports/seed-000.json")).unwrap();
    assert!(jixiao::resolve_pack(&r, Some(&pack_text)).is_ok());
    let upload = format!("\u{feff}{}", upload_text("seed-001.json"));
    assert!(upload::verify(&upload, None).ok());
}

#[test]
fn an_unknown_pack_id_is_quoted_short() {
    let r = report_io::report_from_json(r#"{"pack": "x"}"#).unwrap();
    let long = "p".repeat(100_000);
    let err = jixiao::resolve_pack(&r, Some(&long)).unwrap_err();
    assert_eq!(err[0].code, "REPORT_PACK_UNKNOWN");
    assert!(err[0].message.chars().count() < 200, "{}", err[0].message);
}

#[test]
fn the_27_digit_weight_of_issue_12_is_a_finding_not_a_panic() {
    // An added line with a 27-digit weight, a qualitative target and score
    // 1 panicked check and verify ("Multiplication overflowed").
    let mut e = engine("seed-000.json");
    let mut r = e.report().clone();
    let line = json!({"parent": "output", "name": "附加指标", "weight": "999999999999999999999999999",
                      "target": "明确合理", "actual": "达成：好", "score": "1"});
    r.indicators
        .insert("x9".into(), serde_json::from_value(line).unwrap());
    e = Engine::new(e.pack().clone(), r);
    let codes: Vec<String> = e.findings().into_iter().map(|f| f.code).collect();
    assert!(codes.contains(&"SCORE_TIER".to_string()), "{codes:?}");
    // The whole path: upload, then verify the honest upload.
    let up = upload::to_json(&upload::build(&e));
    assert!(upload::verify(&up, None).ok());
}

#[test]
fn overflowing_pack_numbers_are_refused_where_they_stand() {
    let base: Value = serde_json::from_str(&read("packs/national-2020.json")).unwrap();
    let huge = "79228162514264337593543950335";
    let mut v = base.clone();
    v["tree"][0]["weight"] = json!(huge);
    let errs = Pack::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        (errs[0].code.as_str(), errs[0].path()),
        ("PACK_INVALID", "/tree/0/weight")
    );
    assert!(errs[0].message.contains("过大"), "{}", errs[0].message);
    for key in ["scoreSpendGap", "perCapitaFunds", "unitSlipMax"] {
        let mut v = base.clone();
        v["tolerances"][key] = json!(huge);
        let errs = Pack::from_json(&v.to_string()).unwrap_err();
        let path = format!("/tolerances/{key}");
        assert_eq!(
            (errs[0].code.as_str(), errs[0].path()),
            ("PACK_INVALID", path.as_str())
        );
    }
}

#[test]
fn packs_that_load_silently_wrong_are_refused() {
    let mut base: Value = serde_json::from_str(&read("packs/national-2020.json")).unwrap();
    // The default tiers, written out.
    base["scoring"] = json!({"reverse": "ratio", "allowNegativeActual": false, "tiers": [
        {"name": "达成", "words": ["达成", "完成"], "min": "80", "max": "100", "maxInclusive": true},
        {"name": "部分达成", "words": ["部分达成", "基本完成"], "min": "60", "max": "80"},
        {"name": "未达成", "words": ["未达成", "未完成"], "min": "0", "max": "60"}]});
    assert_eq!(pack_errors(&base), vec![]);
    let bad = |f: &dyn Fn(&mut Value), path: &str| {
        let mut v = base.clone();
        f(&mut v);
        assert_eq!(pack_errors(&v), one("PACK_INVALID", path), "{path}");
    };
    // A grade alias that is another grade's name.
    bad(
        &|v| v["grades"][0]["aliases"] = json!(["良"]),
        "/grades/0/aliases/0",
    );
    // Two grades of one name.
    bad(
        &|v| v["grades"][1]["name"] = v["grades"][0]["name"].clone(),
        "/grades/1/name",
    );
    // An empty tier word (then "未达成：…" counted as 达成).
    bad(
        &|v| v["scoring"]["tiers"][0]["words"] = json!(["达成", ""]),
        "/scoring/tiers/0/words/1",
    );
    // A word in two tiers.
    bad(
        &|v| v["scoring"]["tiers"][1]["words"] = json!(["达成"]),
        "/scoring/tiers/1/words/0",
    );
    // Overlapping and gapped tiers.
    bad(
        &|v| v["scoring"]["tiers"][1]["min"] = json!("50"),
        "/scoring/tiers",
    );
    bad(
        &|v| v["scoring"]["tiers"][1]["max"] = json!("70"),
        "/scoring/tiers",
    );
    // `required` on a node whose weight is fixed (it means nothing there).
    bad(
        &|v| {
            v["tree"][0]["required"] = json!(true);
        },
        "/tree/0/required",
    );
    // A required path no report under this pack has.
    bad(
        &|v| v["required"] = json!(["/basic/projectNmae"]),
        "/required/0",
    );
    bad(
        &|v| v["required"] = json!(["/funds/rows/nope/budget"]),
        "/required/0",
    );
    // Unknown synonym keys, and too many names.
    bad(
        &|v| v["synonyms"] = json!({"budgetExecuton": ["执行率"]}),
        "/synonyms/budgetExecuton",
    );
    bad(
        &|v| v["synonyms"] = json!({"node:nope": ["某节点"]}),
        "/synonyms/node:nope",
    );
    let many: Vec<String> = (0..110_000).map(|i| format!("名{i}")).collect();
    let mut v = base.clone();
    v["synonyms"] = json!({ "budgetExecution": many });
    // 110,000 names do not fit in 1 MiB of pack: refused by size first.
    assert_eq!(pack_errors(&v)[0].0, "PACK_TOO_LARGE");
    let many: Vec<String> = (0..3_000).map(|i| format!("名{i}")).collect();
    bad(
        &|v| v["synonyms"] = json!({ "budgetExecution": many }),
        "/synonyms",
    );
    // What the shipped packs use stays accepted.
    let mut v = base.clone();
    v["synonyms"] = json!({"budgetExecution": ["资金支付率"], "node:output": ["产出类"], "line:anything": ["某指标"]});
    assert_eq!(pack_errors(&v), vec![]);
}

#[test]
fn invisible_characters_around_a_figure_are_not_a_unit() {
    let mut e = engine("seed-001.json");
    let change = e
        .set("/funds/rows/total/budget", "\u{200b}166.96\u{200e}")
        .unwrap();
    let codes: Vec<&str> = change.added.iter().map(|f| f.code.as_str()).collect();
    assert!(!codes.contains(&"UNIT_MISMATCH"), "{codes:?}");
    assert!(!codes.contains(&"NUMBER_INVALID"), "{codes:?}");
    // The raw text is kept as typed.
    assert_eq!(
        e.report().funds.rows["total"]["budget"].as_str(),
        "\u{200b}166.96\u{200e}"
    );
}

#[test]
fn the_generator_stays_within_the_line_limit() {
    let p = pack::builtin("national-2020").unwrap();
    let r = jixiao::generate::report(&p, report_io::MAX_LINES, 1);
    assert_eq!(r.indicators.len(), report_io::MAX_LINES);
    assert!(report_io::check_report(&r).is_ok());
}

#[test]
fn sm3_is_the_standard_one() {
    // GB/T 32905-2016, example 1.
    assert_eq!(
        jixiao::digest::sm3_hex(b"abc"),
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    );
}

/// Values at and past the edge of what a Decimal holds.
const EXTREMES: &[&str] = &[
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "7922816251426433759354395033.5",
    "999999999999999999999999999",
    "0.0000000000000000000000000001",
    "-0.0000000000000000000000000001",
    "0",
    "-0",
    "≥79228162514264337593543950335",
    "≤0.0000000000000000000000000001",
    "79228162514264337593543950335万元",
    "79228162514264337593543950335万人",
    "7922816251426433759354395033%",
    "达成：79228162514264337593543950335",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Extreme values in any fields of any pack's reports: evaluation,
    /// every edit, the upload and its verification never panic, and the
    /// honest upload verifies.
    #[test]
    fn extreme_values_in_any_field_never_panic(
        which in 0..REPORTS.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..EXTREMES.len()), 1..6),
    ) {
        let mut e = engine(REPORTS[which]);
        let paths: Vec<String> = e.report().fields().into_iter().map(|(p, _)| p).collect();
        for (ix, v) in edits {
            let path = ix.get(&paths).clone();
            e.set(&path, EXTREMES[v]).unwrap();
        }
        let fresh = Engine::new(e.pack().clone(), e.report().clone());
        prop_assert_eq!(fresh.findings(), e.findings());
        let up = upload::to_json(&upload::build(&e));
        let v = upload::verify(&up, None);
        prop_assert!(v.ok(), "{:?}", v.problems);
    }

    /// Extreme numbers in any number of any built-in pack: loading either
    /// refuses at a place or gives a pack every report evaluates under.
    #[test]
    fn extreme_pack_numbers_never_panic(
        which in 0..6usize,
        ix in any::<prop::sample::Index>(),
        v in 0..EXTREMES.len(),
    ) {
        let ids = ["national-2020", "common-framework", "four-part", "county-2017", "sichuan-2023", "hubei-2021"];
        let mut spec: Value = serde_json::from_str(&read(&format!("packs/{}.json", ids[which]))).unwrap();
        let mut all = Vec::new();
        leaves(&spec, String::new(), &mut all);
        // Numbers in a pack are decimal strings; any leaf will do.
        let path = ix.get(&all).clone();
        *spec.pointer_mut(&path).unwrap() = Value::String(EXTREMES[v].to_string());
        match Pack::from_json(&spec.to_string()) {
            Err(fs) => prop_assert!(fs.iter().all(|f| !f.code.is_empty())),
            Ok(p) => {
                let p = std::sync::Arc::new(p);
                for name in REPORTS {
                    let r = report_io::report_from_json(&read(&format!("tests/fixtures/reports/{name}"))).unwrap();
                    let e = Engine::new(p.clone(), r);
                    let _ = e.findings();
                    let _ = upload::build(&e);
                }
            }
        }
    }
}
