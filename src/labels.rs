//! Funds rows and columns by the words real tables print for them.
//!
//! Layouts name the same row or column many ways (年初预算数 / 计划安排资金 /
//! 预算数; 实际支出 / 执行数 / 支出数; 县(区)级财政 / 县市区财政 / 区级财政).
//! A pack gives each row and column its `name` and `aliases`; this module
//! finds a row or column by any of them, so a portal's field map (and an
//! imported table) may say "县市区财政/执行数" where the report says
//! `/funds/rows/county/spent`. Pure: no browser, no I/O.

use crate::model::pack::{Column, ColumnSpec, PackSpec, RowSpec};
use crate::model::report::escape;

/// Unit words a header may carry in brackets after its name ("（万元）").
const UNIT_SUFFIXES: &[&str] = &["万元", "元", "亿元", "A", "B", "C", "%"];

/// A label as compared: width-normalised, without spaces, without a
/// leading "其中：" and a trailing colon or bracketed unit. Two labels
/// name the same row or column when their keys are equal.
pub fn label_key(label: &str) -> String {
    let mut s: String = crate::parse::normalize_width(label)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            _ => c,
        })
        .collect();
    if let Some(rest) = s.strip_prefix("其中") {
        s = rest.trim_start_matches(':').to_string();
    }
    while s.ends_with(':') {
        s.pop();
    }
    if let Some(open) = s.rfind('(') {
        let inner = s[open..].trim_start_matches('(').trim_end_matches(')');
        if s.ends_with(')') && UNIT_SUFFIXES.contains(&inner) {
            s.truncate(open);
        }
    }
    s
}

fn row_names(r: &RowSpec) -> impl Iterator<Item = &str> {
    [r.id.as_str(), r.name.as_str()]
        .into_iter()
        .chain(r.aliases.iter().map(String::as_str))
}

fn column_names(c: &ColumnSpec) -> impl Iterator<Item = &str> {
    [c.id.id(), c.name.as_str()]
        .into_iter()
        .chain(c.aliases.iter().map(String::as_str))
}

/// The funds row a label names (its id, name or an alias).
pub fn funds_row<'a>(spec: &'a PackSpec, label: &str) -> Option<&'a RowSpec> {
    let key = label_key(label);
    spec.funds
        .rows
        .iter()
        .find(|r| row_names(r).any(|n| label_key(n) == key))
}

/// The funds column a label names (its id, name or an alias).
pub fn funds_column(spec: &PackSpec, label: &str) -> Option<Column> {
    let key = label_key(label);
    spec.funds
        .columns
        .iter()
        .find(|c| column_names(c).any(|n| label_key(n) == key))
        .map(|c| c.id)
}

/// The path of the funds cell at a row label and a column label, or a
/// zh-CN sentence naming the label not found and what the pack has.
pub fn funds_cell(spec: &PackSpec, row: &str, column: &str) -> Result<String, String> {
    let Some(r) = funds_row(spec, row) else {
        let known: Vec<&str> = spec.funds.rows.iter().map(|r| r.name.as_str()).collect();
        return Err(format!(
            "资金表中没有“{}”这一行（本评价体系的行：{}）",
            row.trim(),
            known.join("、")
        ));
    };
    let Some(c) = funds_column(spec, column) else {
        let known: Vec<&str> = spec.funds.columns.iter().map(|c| c.name.as_str()).collect();
        return Err(format!(
            "资金表中没有“{}”这一栏（本评价体系的栏：{}）",
            column.trim(),
            known.join("、")
        ));
    };
    Ok(format!("/funds/rows/{}/{}", escape(&r.id), c.id()))
}

/// A field map's target: a report path as it is ("/basic/year"), or a
/// funds cell by its row and column labels joined by "/" or "·"
/// ("县市区财政/执行数").
pub fn field_target(spec: &PackSpec, target: &str) -> Result<String, String> {
    if target.starts_with('/') {
        return Ok(target.to_string());
    }
    match target.split_once(['/', '·']) {
        Some((row, column)) => funds_cell(spec, row, column),
        None => Err(format!(
            "字段映射的目标“{}”既不是报告路径（以 / 开头），也不是“资金行/栏”",
            target.trim()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: &str) -> PackSpec {
        crate::pack::builtin(id).unwrap().spec.clone()
    }

    #[test]
    fn keys_ignore_width_spaces_units_and_of_which() {
        assert_eq!(label_key(" 全年预算数（万元）"), "全年预算数");
        assert_eq!(label_key("其中：当年财政拨款"), "当年财政拨款");
        assert_eq!(label_key("实际支出："), "实际支出");
        // A bracket that is part of the name stays.
        assert_eq!(label_key("其他（含个人缴费）"), "其他(含个人缴费)");
        assert_eq!(label_key("县 (区) 级财政"), "县(区)级财政");
    }

    #[test]
    fn rows_and_columns_are_found_by_the_words_tables_use() {
        let county = spec("county-2017");
        let cell = |r: &str, c: &str| funds_cell(&county, r, c);
        assert_eq!(
            cell("县市区财政", "执行数"),
            Ok("/funds/rows/county/spent".into())
        );
        assert_eq!(
            cell("区级财政", "支出数"),
            Ok("/funds/rows/county/spent".into())
        );
        assert_eq!(
            cell("其它", "计划安排资金"),
            Ok("/funds/rows/other/planned".into())
        );
        assert_eq!(
            cell("合计", "到位数"),
            Ok("/funds/rows/total/received".into())
        );
        assert_eq!(
            cell("中央财政", "实际到位资金"),
            Ok("/funds/rows/central/received".into())
        );
        let national = spec("national-2020");
        assert_eq!(
            funds_cell(&national, "其中：当年财政拨款", "全年执行数（万元）"),
            Ok("/funds/rows/appropriation/spent".into())
        );
        assert_eq!(
            field_target(&national, "资金总额·预算数"),
            Ok("/funds/rows/total/planned".into())
        );
        assert_eq!(
            field_target(&national, "/basic/year"),
            Ok("/basic/year".into())
        );
    }

    #[test]
    fn an_unknown_label_is_named_with_what_the_pack_has() {
        let national = spec("national-2020");
        let e = funds_cell(&national, "县级财政", "执行数").unwrap_err();
        assert!(
            e.contains("“县级财政”") && e.contains("年度资金总额"),
            "{e}"
        );
        let e = funds_cell(&national, "合计", "结余").unwrap_err();
        assert!(e.contains("“结余”") && e.contains("全年执行数"), "{e}");
        assert!(field_target(&national, "年度")
            .unwrap_err()
            .contains("资金行/栏"));
    }
}
