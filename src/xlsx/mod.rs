//! Excel: import a filled 自评表 workbook as a report, export a report as
//! a workbook in the official layout of its pack. Only in the `xlsx`
//! feature (the CLI, and the second WASM module the page loads when
//! asked), so the validator's own module does not carry the readers.
//!
//! - `read.rs`: bytes → [`book::Book`] (calamine; limits and zip-bomb
//!   checks first; the text each cell shows, `shown.rs`).
//! - `place.rs`: book → report, finding the table by its labels
//!   (`layout.json`, the pack's names and synonyms), never by address.
//! - `sheet.rs`: report → book in the official layout; `write.rs`: book →
//!   bytes (rust_xlsxwriter).

pub mod book;
mod layout;
mod place;
mod read;
mod sheet;
mod shown;
mod write;

use std::sync::Arc;

use crate::codes::Code;
use crate::finding::{self, Args, Finding};
use crate::model::Report;
use crate::pack::{self, Pack};
use crate::Engine;

pub use layout::layout;

/// Limits checked before the work they bound.
pub struct Limits {
    /// The workbook file.
    pub file_bytes: usize,
    /// Entries in its zip.
    pub entries: usize,
    /// One entry, inflated.
    pub entry_bytes: u64,
    /// All entries, inflated.
    pub total_bytes: u64,
    /// Inflated ÷ compressed, per entry.
    pub ratio: u64,
    pub sheets: usize,
    /// Non-empty cells in the whole workbook.
    pub cells: usize,
    /// Bytes of one cell's text.
    pub cell_bytes: usize,
    /// Merged ranges in the whole workbook.
    pub merges: usize,
}

pub const LIMITS: Limits = Limits {
    file_bytes: 16 << 20,
    entries: 2_000,
    entry_bytes: 64 << 20,
    total_bytes: 128 << 20,
    ratio: 500,
    sheets: 64,
    cells: 500_000,
    cell_bytes: 64 * 1024,
    merges: 100_000,
};

/// Why a workbook could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxError {
    NotXlsx(String),
    OldFormat,
    TooLarge {
        what: &'static str,
        actual: u64,
        limit: u64,
    },
    Bomb {
        entry: String,
        size: u64,
        compressed: u64,
    },
    NoTable(String),
    Write(String),
}

impl XlsxError {
    pub fn finding(&self) -> Finding {
        match self {
            XlsxError::NotXlsx(d) => finding::plain(
                Code::XlsxUnreadable,
                "/xlsx",
                Args::default().detail(d.clone()),
            ),
            XlsxError::OldFormat => finding::plain(
                Code::XlsxUnreadable,
                "/xlsx",
                Args::default()
                    .detail("这是旧版 .xls / .et 格式，请在 Excel 或 WPS 中“另存为”.xlsx 后再导入"),
            ),
            XlsxError::TooLarge {
                what,
                actual,
                limit,
            } => finding::plain(
                Code::XlsxTooLarge,
                "/xlsx",
                Args::field(*what)
                    .actual(actual.to_string())
                    .expected(limit.to_string()),
            ),
            XlsxError::Bomb {
                entry,
                size,
                compressed,
            } => finding::plain(
                Code::XlsxZipBomb,
                "/xlsx",
                Args::default()
                    .actual(entry.clone())
                    .detail(format!("压缩 {compressed} 字节，解压已超过 {size} 字节")),
            ),
            XlsxError::NoTable(d) => finding::plain(
                Code::XlsxNotATable,
                "/xlsx",
                Args::default().detail(d.clone()),
            ),
            XlsxError::Write(d) => {
                finding::plain(Code::XlsxExport, "/xlsx", Args::default().detail(d.clone()))
            }
        }
    }
}

/// A workbook read as a report.
#[derive(Debug, Clone)]
pub struct Imported {
    pub report: Report,
    /// What import itself found: cells it could not place, formulas.
    pub findings: Vec<Finding>,
}

/// Import a workbook. `pack`: the pack to read it against; `None` reads
/// the pack from a jixiao export's notes or its 评价体系 line, else tries
/// every built-in pack and keeps the one that places the most cells.
pub fn import(bytes: &[u8], pack: Option<Arc<Pack>>) -> Result<Imported, Box<Finding>> {
    let book = read::read(bytes).map_err(|e| Box::new(e.finding()))?;
    let packs: Vec<Arc<Pack>> = match pack.or_else(|| place::named_pack(&book)) {
        Some(p) => vec![p],
        None => pack::builtin_ids()
            .iter()
            .filter_map(|id| pack::builtin(id))
            .collect(),
    };
    let mut best: Option<(usize, Imported)> = None;
    for p in packs {
        let (placed, imported) = place::place(&book, &p);
        if best.as_ref().is_none_or(|(n, _)| placed > *n) {
            best = Some((placed, imported));
        }
    }
    match best {
        Some((placed, imported)) if placed > 0 => {
            crate::report_io::check_report(&imported.report)?;
            Ok(imported)
        }
        _ => Err(Box::new(
            XlsxError::NoTable(
                "没有任何单元格是自评表的栏目名称（如“项目名称”“一级指标”“年度指标值”）".into(),
            )
            .finding(),
        )),
    }
}

/// Export a report as a workbook in its pack's layout, with the computed
/// 完成率, 得分, 总分 and 等次 filled in where staff left them blank and
/// a sheet listing the findings.
pub fn export(report: &Report, pack: Arc<Pack>) -> Result<Vec<u8>, Box<Finding>> {
    export_evaluated(&Engine::new(pack, report.clone()))
}

/// Export a report already evaluated.
pub fn export_evaluated(engine: &Engine) -> Result<Vec<u8>, Box<Finding>> {
    write::write(&sheet::book(engine)).map_err(|e| Box::new(e.finding()))
}
