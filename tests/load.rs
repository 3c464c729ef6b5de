//! Loading reports and packs: every bad input is a coded error naming the
//! place, never a panic; the built-in packs carry the frameworks of SPEC §3.

use std::sync::Arc;

mod common;
use common::{leaves, pack_errors};

use jixiao::pack::{builtin, NodeKind};
use jixiao::{report_io, Engine, Pack};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn pack_json(id: &str) -> Value {
    let text = jixiao::pack::BUILTIN
        .iter()
        .find(|(i, _)| *i == id)
        .unwrap()
        .1;
    serde_json::from_str(text).unwrap()
}

#[test]
fn report_json_errors_name_the_place() {
    let cases = [
        ("{", "REPORT_JSON", ""),
        (r#"{"basic": {"nope": "x"}}"#, "REPORT_JSON", "/basic/nope"),
        (
            r#"{"basic": {"projectName": 12}}"#,
            "REPORT_JSON",
            "/basic/projectName",
        ),
        (
            r#"{"indicators": {"a": {"score": 3.98}}}"#,
            "REPORT_JSON",
            "/indicators/a/score",
        ),
        (
            r#"{"expenses": {"lines": [{"amount": "1"}, {"amount": []}]}}"#,
            "REPORT_JSON",
            "/expenses/lines/1/amount",
        ),
        (r#"[]"#, "REPORT_JSON", ""),
    ];
    for (text, code, path) in cases {
        let err = report_io::report_from_json(text).unwrap_err();
        assert_eq!((err.code.as_str(), err.path()), (code, path), "{text}");
        assert!(
            err.message.starts_with("报告数据格式错误"),
            "{}",
            err.message
        );
    }
    // null reads as empty: portals send null for untouched fields.
    let r = report_io::report_from_json(r#"{"basic": {"phone": null}}"#).unwrap();
    assert_eq!(r.basic.phone.as_str(), "");
}

#[test]
fn hostile_reports_fail_fast_with_a_code() {
    // 10,000 levels deep: refused on the raw text, naming the limit; the
    // same for packs and uploads. Brackets inside strings don't count.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let err = report_io::report_from_json(&deep).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.expected.as_deref()),
        ("JSON_TOO_DEEP", Some("32"))
    );
    assert_eq!(
        err.message,
        "数据嵌套层数过多：超过 32 层（位置：第 32 字节）"
    );
    let deep_obj = format!(r#"{}1{}"#, r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    assert_eq!(
        Pack::from_json(&deep_obj).unwrap_err()[0].code,
        "JSON_TOO_DEEP"
    );
    let verdict = jixiao::upload::verify(&deep_obj, None);
    assert_eq!(verdict.problems[0].code, "JSON_TOO_DEEP");
    let err = report_io::report_from_json(r#"{"schemaVersion": "2"}"#).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path()),
        ("REPORT_JSON", "/schemaVersion")
    );
    let brackets_in_text =
        json!({"pack": "four-part", "basic": {"projectName": "[".repeat(5_000)}});
    assert!(report_io::report_from_json(&brackets_in_text.to_string()).is_ok());
    let big = format!(
        r#"{{"narrative": {{"x": "{}"}}}}"#,
        "a".repeat(report_io::MAX_REPORT_BYTES)
    );
    let err = report_io::report_from_json(&big).unwrap_err();
    assert_eq!(err.code, "REPORT_TOO_LARGE");
    assert_eq!(err.expected.as_deref(), Some("8388608 字节"));
    let mut many = serde_json::Map::new();
    for i in 0..=report_io::MAX_LINES {
        many.insert(format!("l{i}"), json!({"parent": "output.quantity"}));
    }
    let err = report_io::report_from_json(&json!({ "indicators": many }).to_string()).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path()),
        ("REPORT_TOO_LARGE", "/indicators")
    );
    // A 10 MB narrative within the byte limit is kept and flagged, not dropped.
    let long = "长".repeat(30_000);
    let report = report_io::report_from_json(
        &json!({"pack": "national-2020", "narrative": {"summary": long}}).to_string(),
    )
    .unwrap();
    let engine = Engine::new(builtin("national-2020").unwrap(), report);
    let f = engine
        .findings()
        .into_iter()
        .find(|f| f.code == "TEXT_TOO_LONG")
        .unwrap();
    assert_eq!(f.path(), "/narrative/summary");
    assert_eq!(
        engine.report().narrative["summary"]
            .as_str()
            .chars()
            .count(),
        30_000
    );
}

#[test]
fn a_list_over_its_limit_is_named_with_its_own_count() {
    // n members named k0, k1, … each with `value`.
    let many = |n: usize, value: Value| -> Value {
        (0..n).map(|i| (format!("k{i}"), value.clone())).collect()
    };
    let cells = many(100, json!(""));
    let cases = [
        (
            json!({"narrative": many(1_001, json!(""))}),
            "/narrative",
            "1001 段",
            "1000 段",
        ),
        (
            json!({"stated": {"rates": many(101, json!(""))}}),
            "/stated/rates",
            "101 个",
            "100 个",
        ),
        (
            json!({"funds": {"rows": many(11, cells)}}),
            "/funds/rows",
            "1100 个单元格",
            "1000 个单元格",
        ),
        (
            json!({"breakdowns": many(1_001, json!({}))}),
            "/breakdowns",
            "1001 个分项",
            "1000 个分项",
        ),
        (
            json!({"tables": many(101, json!({}))}),
            "/tables",
            "101 张表",
            "100 张表",
        ),
    ];
    for (report, path, actual, expected) in cases {
        let err = report_io::report_from_json(&report.to_string()).unwrap_err();
        assert_eq!(
            (
                err.code.as_str(),
                err.path(),
                err.actual.as_deref(),
                err.expected.as_deref()
            ),
            ("REPORT_TOO_LARGE", path, Some(actual), Some(expected)),
        );
    }
    // At the limits, each is accepted.
    let at_limit =
        json!({"narrative": many(1_000, json!("")), "stated": {"rates": many(100, json!(""))}});
    assert!(report_io::report_from_json(&at_limit.to_string()).is_ok());
}

#[test]
fn unknown_pack_is_an_error_with_the_choices() {
    let r = report_io::report_from_json(r#"{"pack": "nope"}"#).unwrap();
    let err = jixiao::resolve_pack(&r, None).unwrap_err();
    assert_eq!(err[0].code, "REPORT_PACK_UNKNOWN");
    assert!(err[0]
        .expected
        .as_deref()
        .unwrap()
        .contains("national-2020"));
    assert!(jixiao::resolve_pack(&r, Some("four-part")).is_ok());
    let text = jixiao::pack::BUILTIN[0].1;
    assert_eq!(
        jixiao::resolve_pack(&r, Some(text)).unwrap().id(),
        "national-2020"
    );
}

#[test]
fn pack_errors_name_the_place() {
    let base = pack_json("national-2020");
    assert_eq!(pack_errors(&base), vec![]);

    let mut v = base.clone();
    v["tree"][1]["children"][0]["weight"] = json!("25");
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_WEIGHT_SUM".into(), "/tree/1/children".into())]
    );

    let mut v = base.clone();
    v["tree"][0]["weight"] = json!("15");
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_WEIGHT_SUM".into(), "/tree".into())]
    );

    let mut v = base.clone();
    v["tree"][1]["children"][1]["id"] = json!("output.quantity");
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/tree/1/children/1/id".into())]
    );

    let mut v = base.clone();
    v["tree"][0]["weight"] = json!("ten");
    assert!(pack_errors(&v).contains(&("PACK_INVALID".into(), "/tree/0/weight".into())));

    // How a bare target reads, and rate lines, are said of open nodes
    // only; a node may be both a floor and a ceiling (a mixed 产出 node).
    for key in ["upperBound", "bareAtLeast", "rateLines"] {
        let mut v = base.clone();
        v["tree"][1][key] = json!(true);
        assert_eq!(
            pack_errors(&v),
            vec![("PACK_INVALID".into(), format!("/tree/1/{key}"))]
        );
    }
    let mut v = base.clone();
    v["tree"][1]["children"][0]["upperBound"] = json!(true);
    assert_eq!(pack_errors(&v), vec![]);

    // A funds label (name or alias, as `labels::label_key` reads it)
    // finds one row: a second row answering to it is refused there.
    let mut v = base.clone();
    v["funds"]["rows"][3]["aliases"] = json!(["其他", " 上年结转（万元）"]);
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/funds/rows/3/aliases/1".into())]
    );
    let mut v = base.clone();
    v["funds"]["columns"][0]["aliases"] = json!(vec!["预算"; 21]);
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/funds/columns/0/aliases".into())]
    );
    let mut v = base.clone();
    v["funds"]["columns"][2]["aliases"] = json!([""]);
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/funds/columns/2/aliases/0".into())]
    );

    let mut v = base.clone();
    v["grades"][3]["min"] = json!("10");
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/grades".into())]
    );

    let mut v = base.clone();
    v["funds"]["rates"]["budgetExecution"]["denominator"] = json!("received");
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/funds/rates/budgetExecution".into())]
    );

    let mut v = base.clone();
    v["messages"] = json!({"NO_SUCH_CODE": {"zh": "x"}});
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/messages/NO_SUCH_CODE".into())]
    );

    let mut v = base.clone();
    v["scoring"] = json!({"reverse": "ratio", "allowNegativeActual": false,
        "tiers": [{"name": "达成", "words": ["达成"], "min": "90", "max": "80"}]});
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/scoring/tiers/0".into())]
    );

    // Unknown keys are rejected with their place.
    let mut v = base.clone();
    v["tree"][0]["wieght"] = json!("10");
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_JSON".into(), "/tree/0/wieght".into())]
    );

    // Several problems are all reported at once.
    let mut v = base.clone();
    v["id"] = json!("bad id!");
    v["funds"]["unit"] = json!("千元");
    let errs = pack_errors(&v);
    assert_eq!(errs.len(), 2, "{errs:?}");

    assert_eq!(pack_errors(&json!("not a pack"))[0].0, "PACK_JSON");
    let huge = "x".repeat(jixiao::pack::MAX_PACK_BYTES + 1);
    assert_eq!(
        Pack::from_json(&huge).unwrap_err()[0].code,
        "PACK_TOO_LARGE"
    );
}

#[test]
fn a_pack_can_override_texts_and_severity() {
    let mut v = pack_json("common-framework");
    v["tolerances"]["targetTooLow"] = json!("130");
    v["messages"] = json!({"TARGET_TOO_LOW": {"severity": "error", "zh": "{field}目标偏低（{actual}%），按省定规则须说明"}});
    let pack = Arc::new(Pack::from_json(&v.to_string()).unwrap());
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reports/clean-common.json"
    ))
    .unwrap();
    let mut e = Engine::new(pack, report_io::report_from_json(&text).unwrap());
    e.set("/indicators/output.quantity.completion/completionRate", "")
        .unwrap();
    e.set("/indicators/output.quantity.completion/reason", "")
        .unwrap();
    let c = e
        .set("/indicators/output.quantity.completion/actual", "15万人")
        .unwrap();
    assert!(c.added.is_empty(), "121.95% is below this province's 130%");
    let c = e
        .set("/indicators/output.quantity.completion/actual", "16万人")
        .unwrap();
    assert_eq!(c.added.len(), 1);
    assert_eq!(c.added[0].severity, jixiao::Severity::Error);
    assert_eq!(
        c.added[0].message,
        "“实际完成率”目标偏低（130.08%），按省定规则须说明"
    );
}

#[test]
fn built_in_packs_carry_the_frameworks() {
    let top = |id: &str| -> Vec<(String, Decimal)> {
        builtin(id)
            .unwrap()
            .top()
            .map(|n| (n.name.clone(), n.weight))
            .collect()
    };
    let d = |s: &str| Decimal::from_str_exact(s).unwrap();
    assert_eq!(
        top("national-2020"),
        vec![
            ("预算执行率".into(), d("10")),
            ("产出指标".into(), d("50")),
            ("效益指标".into(), d("30")),
            ("满意度指标".into(), d("10"))
        ]
    );
    assert_eq!(
        top("common-framework"),
        vec![
            ("决策".into(), d("20")),
            ("过程".into(), d("20")),
            ("产出".into(), d("35")),
            ("效益".into(), d("25"))
        ]
    );
    assert_eq!(
        top("four-part").iter().map(|t| t.1).collect::<Vec<_>>(),
        vec![d("40"), d("25"), d("20"), d("15")]
    );
    assert_eq!(
        top("county-2017").iter().map(|t| t.1).collect::<Vec<_>>(),
        vec![d("20"), d("25"), d("55")]
    );
    assert_eq!(
        top("sichuan-2023"),
        vec![("预算执行率".into(), d("10")), ("绩效指标".into(), d("90"))]
    );
    assert_eq!(
        top("hubei-2021"),
        vec![
            ("预算执行率".into(), d("20")),
            ("年度绩效目标".into(), d("80"))
        ]
    );
    let common = builtin("common-framework").unwrap();
    let lines = common
        .nodes
        .values()
        .filter(|n| matches!(n.kind, NodeKind::Line { .. }))
        .count();
    assert_eq!(lines, 17);
    let national = builtin("national-2020").unwrap();
    let output: Vec<Decimal> = national
        .nodes
        .values()
        .filter(|n| n.parent.as_deref() == Some("output"))
        .map(|n| n.weight)
        .collect();
    assert_eq!(output, vec![d("20"), d("15"), d("5"), d("10")]);
    let county = builtin("county-2017").unwrap();
    let sub: Vec<Decimal> = county
        .nodes
        .values()
        .filter(|n| n.depth == 2)
        .map(|n| n.weight)
        .collect();
    assert_eq!(
        sub,
        vec![
            d("4"),
            d("8"),
            d("8"),
            d("5"),
            d("10"),
            d("10"),
            d("35"),
            d("20")
        ]
    );
    // Each digest is stable and distinct.
    let digests: std::collections::BTreeSet<String> = jixiao::pack::builtin_ids()
        .into_iter()
        .map(|id| builtin(id).unwrap().digest.clone())
        .collect();
    assert_eq!(digests.len(), jixiao::pack::builtin_ids().len());
    assert_eq!(
        builtin("national-2020").unwrap().digest,
        builtin("national-2020").unwrap().digest
    );
}

/// What staff type is quoted in messages as plain text: a typed "{detail}"
/// is not a template slot, bidi overrides cannot reorder the message, and a
/// long value is cut in the message while the finding keeps all of it.
#[test]
fn messages_quote_typed_text_safely() {
    use jixiao::finding::{plain, Args};
    use jixiao::Code;
    let typed = "\u{202e}{detail}{actual}\u{2066}x";
    let f = plain(
        Code::NumberInvalid,
        "/basic/phone",
        Args::field("联系电话").actual(typed).detail("SECRET"),
    );
    assert_eq!(f.actual.as_deref(), Some(typed));
    assert!(f.message.contains("“{detail}{actual}x”"), "{}", f.message);
    assert_eq!(f.message.matches("SECRET").count(), 1, "{}", f.message);
    let long = "长".repeat(500);
    let f = plain(Code::NumberInvalid, "/x", Args::field("x").actual(&long));
    assert!(
        f.message.contains(&format!("“{}…”", "长".repeat(80))),
        "{}",
        f.message
    );
    assert_eq!(f.actual.as_deref(), Some(long.as_str()));
}

mod placed {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// A value of the wrong type anywhere in a real report, printed
        /// pretty (many lines) or compact, is refused at exactly its place:
        /// the pointer comes from serde_json's line and column, so this
        /// checks the text scan against real layouts.
        #[test]
        fn a_wrong_type_is_named_at_its_pointer(
            ix in any::<prop::sample::Index>(),
            pretty in any::<bool>(),
            seed in prop::sample::select(vec!["seed-000.json", "seed-001.json", "seed-004.json", "clean-county.json"]),
        ) {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/reports")
                .join(seed);
            let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let mut all = Vec::new();
            leaves(&v, String::new(), &mut all);
            // Every leaf of a report is text (or null for an untouched field).
            let leaf = ix.get(&all).clone();
            *v.pointer_mut(&leaf).unwrap() = json!({"not": "text"});
            let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
            let err = report_io::report_from_json(&text).unwrap_err();
            prop_assert_eq!(err.code.as_str(), "REPORT_JSON");
            prop_assert_eq!(err.path(), leaf.as_str(), "{}", err.message);
        }
    }
}
