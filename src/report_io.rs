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

/// A serde_path_to_error path as a JSON Pointer.
pub fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", escape(key))),
            Segment::Enum { variant } => out.push_str(&format!("/{}", escape(variant))),
            Segment::Unknown => out.push_str("/?"),
        }
    }
    out
}

/// Parse a report from JSON text.
pub fn report_from_json(text: &str) -> Result<Report, Finding> {
    if text.len() > MAX_REPORT_BYTES {
        return Err(finding::plain(
            Code::ReportTooLarge,
            "",
            Args::default()
                .actual(format!("{} 字节", text.len()))
                .expected(format!("{MAX_REPORT_BYTES} 字节")),
        ));
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let report: Report = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = pointer_of(e.path());
        finding::plain(
            Code::ReportJson,
            path.clone(),
            Args::default().detail(format!(
                "{}（位置 {}）",
                e.inner(),
                if path.is_empty() { "/" } else { &path }
            )),
        )
    })?;
    check_rows(&report)?;
    Ok(report)
}

/// Row limits, checked before the engine builds anything.
pub fn check_rows(r: &Report) -> Result<(), Finding> {
    let too_many = |path: &str, n: usize, max: usize| {
        finding::plain(
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
