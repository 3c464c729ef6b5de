//! Reading report JSON with limits checked before any work is done, and
//! errors that name the place.

use crate::codes::Code;
use crate::finding::{self, Args, Finding};
use crate::model::report::escape;
use crate::model::Report;

/// Largest report JSON accepted (bytes).
pub const MAX_REPORT_BYTES: usize = 8 << 20;
/// Most indicator lines in one report.
pub const MAX_LINES: usize = 10_000;
/// Most rows in any other list (expense lines, breakdown items, levels).
pub const MAX_ROWS: usize = 10_000;
/// Deepest nesting of arrays and objects accepted in report, pack or
/// upload JSON (the formats need at most 6 levels).
pub const MAX_JSON_DEPTH: usize = 32;

/// Nesting limit, checked on the raw text before anything is parsed: a
/// byte past `MAX_JSON_DEPTH` levels, named by its byte offset.
pub fn check_depth(text: &str) -> Result<(), Box<Finding>> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Err(boxed(
                        Code::JsonTooDeep,
                        "",
                        Args::default()
                            .expected(format!("{MAX_JSON_DEPTH} 层"))
                            .detail(format!("第 {at} 字节")),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn boxed(code: Code, path: impl Into<String>, args: Args) -> Box<Finding> {
    Box::new(finding::plain(code, path, args))
}

/// A serde_path_to_error path as a JSON Pointer.
pub fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", escape(key))),
            Segment::Enum { variant } => out.push_str(&format!("/{}", escape(variant))),
            Segment::Unknown => {}
        }
    }
    out
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
    check_depth(text)?;
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| boxed(Code::ReportJson, "", Args::default().detail(e.to_string())))?;
    if let Some(path) = misplaced_array(&value, "") {
        return Err(boxed(
            Code::ReportJson,
            path.clone(),
            Args::default().detail(format!(
                "此处应为对象而不是数组（位置 {}）",
                if path.is_empty() { "/" } else { &path }
            )),
        ));
    }
    let report: Report = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = pointer_of(e.path());
        boxed(
            Code::ReportJson,
            path.clone(),
            Args::default().detail(format!(
                "{}（位置 {}）",
                e.inner(),
                if path.is_empty() { "/" } else { &path }
            )),
        )
    })?;
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

/// serde reads a struct from an array too; the report format has arrays
/// only for rows. The first array found anywhere else, as a pointer.
fn misplaced_array(v: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    let rows = ["/expenses/lines", "/perCapita/levels"];
    match v {
        Value::Array(items) => {
            let allowed = rows.contains(&path)
                || (path.starts_with("/breakdowns/")
                    && path.ends_with("/items")
                    && path.matches('/').count() == 3);
            if !allowed {
                return Some(path.to_string());
            }
            items.iter().enumerate().find_map(|(i, x)| match x {
                Value::Array(_) => Some(format!("{path}/{i}")),
                Value::Object(_) => misplaced_array(x, &format!("{path}/{i}")),
                _ => None,
            })
        }
        Value::Object(map) => map
            .iter()
            .find_map(|(k, x)| misplaced_array(x, &format!("{path}/{}", escape(k)))),
        _ => None,
    }
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
