//! Reading report JSON with limits checked before any work is done, and
//! errors that name the place.

use crate::codes::Code;
use crate::finding::{self, Args, Finding};
use crate::json_text;
use crate::model::Report;

/// Largest report JSON accepted (bytes).
pub const MAX_REPORT_BYTES: usize = 8 << 20;
/// Most indicator lines in one report.
pub const MAX_LINES: usize = 10_000;
/// Most rows in any other list (expense lines, breakdown items, levels).
pub const MAX_ROWS: usize = 10_000;
/// Deepest nesting of arrays and objects accepted in report, pack or
/// upload JSON (the formats need at most 6 levels).
pub const MAX_JSON_DEPTH: usize = json_text::MAX_DEPTH;

fn boxed(code: Code, path: impl Into<String>, args: Args) -> Box<Finding> {
    Box::new(finding::plain(code, path, args))
}

/// A problem reading JSON text as the finding `code` (the format's own
/// code for bad JSON), or `JSON_TOO_DEEP`.
pub fn json_finding(code: Code, problem: json_text::Problem) -> Finding {
    let at = |path: &str| {
        if path.is_empty() {
            "/".to_string()
        } else {
            path.to_string()
        }
    };
    match problem {
        json_text::Problem::TooDeep { at } => finding::plain(
            Code::JsonTooDeep,
            "",
            Args::default()
                .expected(MAX_JSON_DEPTH.to_string())
                .detail(at.to_string()),
        ),
        json_text::Problem::Duplicate { path } => {
            let name = path.rsplit('/').next().map(crate::model::report::unescape);
            let detail = at(&path);
            finding::plain(
                Code::JsonDuplicateKey,
                path,
                Args::default()
                    .actual(name.unwrap_or_default())
                    .detail(detail),
            )
        }
        json_text::Problem::Array { path } => {
            let detail = format!("此处应为对象而不是数组（位置 {}）", at(&path));
            finding::plain(code, path, Args::default().detail(detail))
        }
        json_text::Problem::Json { path, message } => {
            let detail = format!("{message}（位置 {}）", at(&path));
            finding::plain(code, path, Args::default().detail(detail))
        }
    }
}

/// A JSON Pointer's tokens (still escaped; the names compared here have
/// no `~` or `/`).
fn tokens(path: &str) -> Vec<&str> {
    path.split('/').skip(1).collect()
}

fn is_index(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// The report format has arrays only for rows: expense lines, per-capita
/// levels and each breakdown's items (serde would read a struct from an
/// array anywhere else).
pub fn report_array_ok(path: &str) -> bool {
    report_array_tokens(&tokens(path))
}

fn report_array_tokens(t: &[&str]) -> bool {
    matches!(
        t,
        ["expenses", "lines"] | ["perCapita", "levels"] | ["breakdowns", _, "items"]
    )
}

/// The upload format's arrays: its inputs, its findings and their paths,
/// and the report's own.
pub fn upload_array_ok(path: &str) -> bool {
    match tokens(path).as_slice() {
        ["inputs"] | ["findings"] => true,
        ["findings", i, "paths"] => is_index(i),
        ["report", rest @ ..] => report_array_tokens(rest),
        _ => false,
    }
}

/// The pack format's arrays (the tree nests `children` to any depth; the
/// depth limit is the pack checker's).
pub fn pack_array_ok(path: &str) -> bool {
    match tokens(path).as_slice() {
        ["tree"] | ["grades"] | ["required"] | ["breakdowns"] | ["narrative"] | ["tables"] => true,
        ["tables", i, "rows" | "columns" | "checks" | "aliases"] => is_index(i),
        ["tables", i, "rows", j, "aliases"] => is_index(i) && is_index(j),
        ["tables", i, "checks", j, "sum", "items"] => is_index(i) && is_index(j),
        ["funds", "rows" | "columns"] | ["scoring", "tiers"] | ["synonyms", _] => true,
        ["grades", i, "aliases"] | ["scoring", "tiers", i, "words"] => is_index(i),
        ["funds", "rows" | "columns", i, "aliases"] => is_index(i),
        ["tree", rest @ ..] => rest
            .chunks(2)
            .all(|pair| matches!(pair, [i, "children"] if is_index(i))),
        _ => false,
    }
}

/// Parse a report from JSON text.
pub fn report_from_json(text: &str) -> Result<Report, Box<Finding>> {
    if text.len() > MAX_REPORT_BYTES {
        return Err(boxed(
            Code::ReportTooLarge,
            "",
            Args::default()
                .actual(format!("{} 字节", text.len()))
                .expected(format!("{MAX_REPORT_BYTES} 字节")),
        ));
    }
    let text = json_text::strip_bom(text);
    let report: Report = json_text::read(text, Some(report_array_ok))
        .map_err(|p| Box::new(json_finding(Code::ReportJson, p)))?;
    let version = report.schema_version.as_str();
    if !version.is_empty() && version != crate::REPORT_SCHEMA_VERSION {
        return Err(boxed(
            Code::ReportJson,
            "/schemaVersion",
            Args::default().detail(format!(
                "不支持的报告版本“{version}”（应为 {}）",
                crate::REPORT_SCHEMA_VERSION
            )),
        ));
    }
    check_report(&report)?;
    Ok(report)
}

/// Longest id (a map key: indicator line, funds row and column,
/// breakdown, stated node, narrative section), in characters.
pub const MAX_ID_CHARS: usize = 100;

/// What a report must be before the engine builds anything, wherever it
/// comes from (a file, the page, an upload): its row limits and its ids.
pub fn check_report(r: &Report) -> Result<(), Box<Finding>> {
    check_rows(r)?;
    check_ids(r)
}

/// Every map key of a report is a non-empty id of at most
/// [`MAX_ID_CHARS`] characters (an empty or megabyte id names nothing a
/// person could find).
fn check_ids(r: &Report) -> Result<(), Box<Finding>> {
    let bad = |section: &str, key: &str| {
        let shown: String = key.chars().take(40).collect();
        let path = format!("{section}/{}", crate::model::report::escape(&shown));
        boxed(
            Code::ReportJson,
            path,
            Args::default().detail(format!(
                "编号“{shown}”无效：编号不能为空，最多 {MAX_ID_CHARS} 个字符（现有 {} 个）",
                key.chars().count()
            )),
        )
    };
    let ok = |k: &str| !k.trim().is_empty() && k.chars().count() <= MAX_ID_CHARS;
    let sections: [(&str, Vec<&String>); 6] = [
        ("/indicators", r.indicators.keys().collect()),
        ("/funds/rows", r.funds.rows.keys().collect()),
        ("/breakdowns", r.breakdowns.keys().collect()),
        ("/tables", r.tables.keys().collect()),
        ("/stated/nodes", r.stated.nodes.keys().collect()),
        ("/narrative", r.narrative.keys().collect()),
    ];
    for (section, keys) in sections {
        if let Some(k) = keys.into_iter().find(|k| !ok(k)) {
            return Err(bad(section, k));
        }
    }
    for (row, cells) in &r.funds.rows {
        if let Some(k) = cells.keys().find(|k| !ok(k)) {
            return Err(bad(
                &format!("/funds/rows/{}", crate::model::report::escape(row)),
                k,
            ));
        }
    }
    for (id, t) in &r.tables {
        let id = crate::model::report::escape(id);
        if let Some(k) = t.rows.keys().find(|k| !ok(k)) {
            return Err(bad(&format!("/tables/{id}/rows"), k));
        }
        for (row, cells) in &t.rows {
            if let Some(k) = cells.keys().find(|k| !ok(k)) {
                let row = crate::model::report::escape(row);
                return Err(bad(&format!("/tables/{id}/rows/{row}"), k));
            }
        }
    }
    for k in r.stated.rates.keys() {
        if !ok(k) {
            return Err(bad("/stated/rates", k));
        }
    }
    Ok(())
}

/// A report as JSON text (pretty, two-space indent, keys in model order).
pub fn to_json(r: &Report) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default()
}

/// Row limits, checked before the engine builds anything. A report over
/// one is refused at the list that is over it, with its own count.
pub fn check_rows(r: &Report) -> Result<(), Box<Finding>> {
    let table_rows: usize = r.tables.values().map(|t| t.rows.len()).sum();
    let table_cells: usize = r
        .tables
        .values()
        .flat_map(|t| t.rows.values())
        .map(|c| c.len())
        .sum();
    let items: usize = r.breakdowns.values().map(|b| b.items.len()).sum();
    let funds_cells: usize = r.funds.rows.values().map(|c| c.len()).sum();
    let limits: [(&str, usize, usize, &str); 12] = [
        ("/indicators", r.indicators.len(), MAX_LINES, "行"),
        ("/expenses/lines", r.expenses.lines.len(), MAX_ROWS, "行"),
        (
            "/perCapita/levels",
            r.per_capita.levels.len(),
            MAX_ROWS,
            "行",
        ),
        ("/breakdowns", r.breakdowns.len(), 1_000, "个分项"),
        ("/breakdowns", items, MAX_ROWS, "行"),
        ("/funds/rows", funds_cells, 1_000, "个单元格"),
        ("/tables", r.tables.len(), 100, "张表"),
        ("/tables", table_rows, 1_000, "行"),
        ("/tables", table_cells, 1_000, "个单元格"),
        ("/stated/nodes", r.stated.nodes.len(), MAX_LINES, "个"),
        ("/stated/rates", r.stated.rates.len(), 100, "个"),
        ("/narrative", r.narrative.len(), 1_000, "段"),
    ];
    match limits.iter().find(|(_, n, max, _)| n > max) {
        Some((path, n, max, unit)) => Err(boxed(
            Code::ReportTooLarge,
            *path,
            Args::default()
                .actual(format!("{n} {unit}"))
                .expected(format!("{max} {unit}")),
        )),
        None => Ok(()),
    }
}
