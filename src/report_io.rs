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
                .expected(format!("{MAX_JSON_DEPTH} 层"))
                .detail(format!("第 {at} 字节")),
        ),
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

/// The report format has arrays only for rows: expense lines, per-capita
/// levels and each breakdown's items (serde would read a struct from an
/// array anywhere else).
fn report_array_ok(path: &str) -> bool {
    path == "/expenses/lines"
        || path == "/perCapita/levels"
        || (path.starts_with("/breakdowns/")
            && path.ends_with("/items")
            && path.matches('/').count() == 3)
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
    check_rows(&report)?;
    Ok(report)
}

/// A report as JSON text (pretty, two-space indent, keys in model order).
pub fn to_json(r: &Report) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default()
}

/// Row limits, checked before the engine builds anything.
pub fn check_rows(r: &Report) -> Result<(), Box<Finding>> {
    let too_many = |path: &str, n: usize, max: usize| {
        boxed(
            Code::ReportTooLarge,
            path,
            Args::default()
                .actual(format!("{n} 行"))
                .expected(format!("{max} 行")),
        )
    };
    if r.indicators.len() > MAX_LINES {
        return Err(too_many("/indicators", r.indicators.len(), MAX_LINES));
    }
    if r.expenses.lines.len() > MAX_ROWS {
        return Err(too_many(
            "/expenses/lines",
            r.expenses.lines.len(),
            MAX_ROWS,
        ));
    }
    if r.per_capita.levels.len() > MAX_ROWS {
        return Err(too_many(
            "/perCapita/levels",
            r.per_capita.levels.len(),
            MAX_ROWS,
        ));
    }
    let items: usize = r.breakdowns.values().map(|b| b.items.len()).sum();
    if items > MAX_ROWS || r.breakdowns.len() > 1_000 {
        return Err(too_many("/breakdowns", items, MAX_ROWS));
    }
    let cells: usize = r.funds.rows.values().map(|c| c.len()).sum();
    if cells > 1_000
        || r.stated.nodes.len() > MAX_LINES
        || r.narrative.len() > 1_000
        || r.stated.rates.len() > 100
    {
        return Err(too_many("/", cells, 1_000));
    }
    Ok(())
}
