//! Tables a pack declares (`tables` in the pack): the checks are data, so
//! a new table needs no code; a blank computed row takes its computed
//! value; the pack checker refuses a table whose checks cannot run.
//! The per-pack 基金运行 fixtures are in `tests/fixtures/cases/table-*`.

use std::sync::Arc;

use jixiao::model::report::{Raw, Table};
use jixiao::{Engine, Pack, Report};
use serde_json::{json, Value};

mod common;
use common::pack_errors;

fn national() -> Value {
    serde_json::from_str(jixiao::pack::builtin_json("national-2020").unwrap()).unwrap()
}

fn report_with(pack: &Pack, table: &str, cells: &[(&str, &str, &str)], unit: &str) -> Report {
    let mut t = Table {
        unit: Raw(unit.into()),
        ..Table::default()
    };
    for (row, col, v) in cells {
        t.rows
            .entry(row.to_string())
            .or_default()
            .insert(col.to_string(), Raw(v.to_string()));
    }
    let mut r = Report {
        pack: pack.id().to_string(),
        ..Report::default()
    };
    r.tables.insert(table.into(), t);
    r
}

fn codes_at(e: &Engine, prefix: &str) -> Vec<(String, String)> {
    e.findings()
        .into_iter()
        .filter(|f| f.path().starts_with(prefix))
        .map(|f| (f.code.clone(), f.path().to_string()))
        .collect()
}

/// A table no code knows — a school canteen's accounts — declared in a
/// pack only: its sum, difference and ratio run, in 元.
#[test]
fn a_new_table_is_pack_data_only() {
    let mut v = national();
    v["tables"] = json!([{
        "id": "canteen",
        "name": "食堂收支",
        "unit": "元",
        "columns": [{ "id": "year", "name": "本年" }],
        "rows": [
            { "id": "meals", "name": "餐费收入" },
            { "id": "grants", "name": "补助收入" },
            { "id": "income", "name": "收入合计" },
            { "id": "costs", "name": "支出合计" },
            { "id": "surplus", "name": "结余", "negative": true },
            { "id": "days", "name": "可支撑天数", "unit": "天" }
        ],
        "checks": [
            { "sum": { "items": ["meals", "grants"], "total": "income" } },
            { "difference": { "of": "income", "less": "costs", "is": "surplus" } },
            { "ratio": { "num": "income", "den": "costs", "times": "365", "is": "days", "decimals": 1 } }
        ]
    }]);
    let pack = Arc::new(Pack::from_json(&v.to_string()).unwrap());
    let c = |r: &'static str, v: &'static str| (r, "year", v);
    let r = report_with(
        &pack,
        "canteen",
        &[
            c("meals", "120000"),
            c("grants", "30500"),
            c("income", "150000"),
            c("costs", "160000"),
            c("surplus", "-10000"),
        ],
        "",
    );
    let e = Engine::new(pack, r);
    let computed = e.computed();
    let val = |p: &str| computed.get(p).map(|c| (c.value.clone(), c.unit.clone()));
    assert_eq!(
        val("/computed/tables/canteen/income/year"),
        Some(("150500.00".into(), "元".into()))
    );
    // The typed 收入合计 (150000) is what the difference reads.
    assert_eq!(
        val("/computed/tables/canteen/surplus/year"),
        Some(("-10000.00".into(), "元".into()))
    );
    assert_eq!(
        val("/computed/tables/canteen/days/year"),
        Some(("342.2".into(), "天".into()))
    );
    // 150000 stated against items adding up to 150500.
    assert_eq!(
        codes_at(&e, "/tables/"),
        vec![(
            "TABLE_SUM".into(),
            "/tables/canteen/rows/income/year".into()
        )]
    );
}

/// A blank row a check computes is read as computed by the checks after
/// it (塔城 2024: 当期结余 not printed, 滚存结余 printed 996.84); typing
/// the row takes over; an edit re-runs only what reads it.
#[test]
fn a_blank_computed_row_feeds_the_next_check() {
    let pack = jixiao::pack::builtin("national-2020").unwrap();
    let a = |r: &'static str, v: &'static str| (r, "actual", v);
    let r = report_with(
        &pack,
        "fundOperation",
        &[
            a("carried", "1079.96"),
            a("income", "21772.41"),
            a("spending", "21885.53"),
            a("accumulated", "996.84"),
        ],
        "",
    );
    let mut e = Engine::new(pack, r);
    let get = |e: &Engine, p: &str| e.computed().get(p).map(|c| c.value.clone());
    assert_eq!(
        get(&e, "/computed/tables/fundOperation/balance/actual").as_deref(),
        Some("-113.12")
    );
    assert_eq!(
        get(&e, "/computed/tables/fundOperation/accumulated/actual").as_deref(),
        Some("966.84")
    );
    let at = "/tables/fundOperation/rows/accumulated/actual";
    assert_eq!(
        codes_at(&e, "/tables/"),
        vec![("TABLE_SUM".into(), at.into())]
    );
    // Typed, the 当期结余 is what the accumulation reads: a wrong one
    // moves the finding to the difference and keeps the sum's.
    e.set("/tables/fundOperation/rows/balance/actual", "-103.12")
        .unwrap();
    assert_eq!(
        codes_at(&e, "/tables/"),
        vec![
            (
                "TABLE_DIFFERENCE".into(),
                "/tables/fundOperation/rows/balance/actual".into()
            ),
            ("TABLE_SUM".into(), at.into())
        ]
    );
    e.set("/tables/fundOperation/rows/balance/actual", "-113.12")
        .unwrap();
    e.set(at, "966.84").unwrap();
    assert_eq!(codes_at(&e, "/tables/"), vec![]);
    // 966.84 ÷ 21885.53 × 12 = 0.5301…
    assert_eq!(
        get(&e, "/computed/tables/fundOperation/months/actual").as_deref(),
        Some("0.53")
    );
    // A change of the table's unit re-reads every figure in it.
    e.set("/tables/fundOperation/unit", "元").unwrap();
    let f = e
        .findings()
        .into_iter()
        .find(|f| f.path() == at)
        .map(|f| f.code);
    assert_eq!(f, None, "all figures in one unit still agree");
    let balance = e
        .computed()
        .get("/computed/tables/fundOperation/balance/actual")
        .map(|c| c.unit.clone());
    assert_eq!(balance.as_deref(), Some("元"));
}

/// Hostile figures in a table give coded findings, never a panic.
#[test]
fn extreme_figures_are_findings() {
    let pack = jixiao::pack::builtin("national-2020").unwrap();
    for (income, spending) in [
        (
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
        ),
        ("1e30", "0"),
        ("0", "0"),
        (
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
        ),
    ] {
        let a = |r: &'static str, v: &'static str| (r, "actual", v);
        let r = report_with(
            &pack,
            "fundOperation",
            &[
                a("income", income),
                a("spending", spending),
                a("balance", "1"),
                a("accumulated", "5"),
                a("months", "3"),
            ],
            "",
        );
        let e = Engine::new(pack.clone(), r);
        let _ = e.computed();
        assert!(!e.findings().is_empty(), "{income} {spending}");
    }
}

#[test]
fn a_table_the_checks_cannot_run_is_refused_at_its_place() {
    let base = national();
    assert_eq!(pack_errors(&base), vec![]);
    let checks = "/tables/0/checks";
    let cases: Vec<(Value, Vec<(&str, String)>)> = vec![
        // A check naming a row the table lacks.
        (
            json!([{ "difference": { "of": "income", "less": "nosuch", "is": "balance" } }]),
            vec![("PACK_INVALID", format!("{checks}/0"))],
        ),
        // Two checks computing one row.
        (
            json!([
                { "difference": { "of": "income", "less": "spending", "is": "balance" } },
                { "sum": { "items": ["income"], "total": "balance" } }
            ]),
            vec![("PACK_INVALID", format!("{checks}/1"))],
        ),
        // A cycle through blank computed rows.
        (
            json!([
                { "difference": { "of": "income", "less": "spending", "is": "balance" } },
                { "sum": { "items": ["balance", "carried"], "total": "income" } }
            ]),
            vec![("PACK_INVALID", checks.to_string())],
        ),
        // A row computed from itself (a cycle too).
        (
            json!([{ "sum": { "items": ["income", "carried"], "total": "income" } }]),
            vec![
                ("PACK_INVALID", format!("{checks}/0")),
                ("PACK_INVALID", checks.to_string()),
            ],
        ),
        // A ratio by zero, or too precise.
        (
            json!([{ "ratio": { "num": "accumulated", "den": "spending", "times": "0", "is": "months", "decimals": 2 } }]),
            vec![("PACK_INVALID", format!("{checks}/0/ratio/times"))],
        ),
        (
            json!([{ "ratio": { "num": "accumulated", "den": "spending", "times": "12", "is": "months", "decimals": 9 } }]),
            vec![("PACK_INVALID", format!("{checks}/0/ratio/decimals"))],
        ),
        // A sum over a row of months.
        (
            json!([{ "sum": { "items": ["months"], "total": "accumulated" } }]),
            vec![("PACK_INVALID", format!("{checks}/0"))],
        ),
    ];
    for (checks_json, want) in cases {
        let mut v = base.clone();
        v["tables"][0]["checks"] = checks_json.clone();
        let want: Vec<(String, String)> =
            want.into_iter().map(|(c, p)| (c.to_string(), p)).collect();
        assert_eq!(pack_errors(&v), want, "{checks_json}");
    }
    // Rows, columns and units.
    let mut v = base.clone();
    v["tables"][0]["rows"][12]["unit"] = json!("万元");
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/tables/0/rows/12/unit".into())]
    );
    let mut v = base.clone();
    v["tables"][0]["rows"][1]["id"] = json!("income");
    assert_eq!(
        pack_errors(&v),
        vec![
            ("PACK_INVALID".into(), "/tables/0/rows/1/id".into()),
            // The 其中 check names premiums, now gone.
            ("PACK_INVALID".into(), "/tables/0/checks/0".into())
        ]
    );
    let mut v = base.clone();
    v["tables"][0]["rows"][1]["aliases"] = json!(["基金总收入"]);
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/tables/0/rows/1/aliases/0".into())]
    );
    let mut v = base.clone();
    v["tables"][0]["unit"] = json!("万人");
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/tables/0/unit".into())]
    );
    let mut v = base.clone();
    v["tables"][0]["columns"] = json!([]);
    assert_eq!(
        pack_errors(&v),
        vec![("PACK_INVALID".into(), "/tables/0/columns".into())]
    );
    let mut v = base.clone();
    v["tables"][0]["checks"][0]["sum"]["extra"] = json!(1);
    assert_eq!(pack_errors(&v).len(), 1, "unknown members are refused");
}

/// A report naming a table, row or column the pack lacks is told so.
#[test]
fn cells_the_pack_lacks_are_not_in_pack() {
    let pack = jixiao::pack::builtin("national-2020").unwrap();
    let mut r = report_with(&pack, "fundOperation", &[("income", "later", "1")], "");
    r.tables.insert("nosuch".into(), Table::default());
    let e = Engine::new(pack, r);
    assert_eq!(
        codes_at(&e, "/tables/"),
        vec![
            (
                "NOT_IN_PACK".into(),
                "/tables/fundOperation/rows/income/later".into()
            ),
            ("NOT_IN_PACK".into(), "/tables/nosuch".into())
        ]
    );
}

/// Exported and imported again, a table comes back as typed; the rows
/// jixiao computed (shaded in the workbook) are not read back as typed.
#[cfg(feature = "xlsx")]
#[test]
fn a_table_survives_export_and_import() {
    let pack = jixiao::pack::builtin("national-2020").unwrap();
    let a = |r: &'static str, v: &'static str| (r, "actual", v);
    let mut r = report_with(
        &pack,
        "fundOperation",
        &[
            a("carried", "1079.96"),
            a("income", "21,772.41"),
            a("spending", "21885.53"),
            a("accumulated", "996.84"),
            ("income", "budget", "2.1亿元"),
        ],
        "万元",
    );
    jixiao::rules::complete(&pack, &mut r);
    let bytes = jixiao::xlsx::export(&r, pack.clone()).unwrap();
    let back = jixiao::xlsx::import(&bytes, Some(pack.clone())).unwrap();
    let mut back_report = back.report;
    jixiao::rules::complete(&pack, &mut back_report);
    assert_eq!(back_report.tables, r.tables);
    assert_eq!(back.findings, vec![]);
}
