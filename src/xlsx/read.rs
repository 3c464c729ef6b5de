//! Bytes → [`Book`]: every limit is checked before the work it bounds.
//! The zip's entries are counted and each is inflated to a counting sink
//! first (so a zip bomb, even one whose headers lie, is refused before
//! calamine holds any of it); cells are then streamed, never laid out as
//! a dense range, so a cell at XFD1048576 costs one cell.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use super::book::{Book, Cell, Sheet};
use super::shown;
use super::{XlsxError, LIMITS};

/// Read an .xlsx workbook. `.xls` and other formats get one clear error.
pub fn read(bytes: &[u8]) -> Result<Book, XlsxError> {
    if bytes.len() > LIMITS.file_bytes {
        return Err(XlsxError::TooLarge {
            what: "文件大小（字节）",
            actual: bytes.len() as u64,
            limit: LIMITS.file_bytes as u64,
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(XlsxError::OldFormat);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(XlsxError::NotXlsx(
            "不是 .xlsx 文件（不是 zip 压缩包）".into(),
        ));
    }
    check_zip(bytes)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| XlsxError::NotXlsx(format!("无法打开工作簿：{e}")))?;
    let names = wb.sheet_names();
    if names.len() > LIMITS.sheets {
        return Err(XlsxError::TooLarge {
            what: "工作表数",
            actual: names.len() as u64,
            limit: LIMITS.sheets as u64,
        });
    }
    let mut book = Book::default();
    let mut cells_total = 0usize;
    let mut merges_total = 0usize;
    for name in names {
        let mut sheet = Sheet::new(&name);
        read_cells(&mut wb, &name, &mut sheet, &mut cells_total)?;
        read_formulas(&mut wb, &name, &mut sheet)?;
        if let Ok(merges) = wb.merge_cells_by_sheet_name(&name) {
            merges_total = merges_total.saturating_add(merges.len());
            if merges_total > LIMITS.merges {
                return Err(XlsxError::TooLarge {
                    what: "合并单元格数",
                    actual: merges_total as u64,
                    limit: LIMITS.merges as u64,
                });
            }
            sheet.merges = merges
                .into_iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect();
        }
        if let Err(n) = sheet.index_merges() {
            return Err(XlsxError::TooLarge {
                what: "跨越 64 列以上的合并单元格数（每个工作表）",
                actual: n as u64,
                limit: super::book::MAX_WIDE as u64,
            });
        }
        book.sheets.push(sheet);
    }
    Ok(book)
}

/// Small entries may compress far (an empty sheet's XML): the ratio is
/// judged only past this size.
const RATIO_FROM: u64 = 1 << 20;

fn check_zip(bytes: &[u8]) -> Result<(), XlsxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| XlsxError::NotXlsx(format!("压缩包损坏：{e}")))?;
    if zip.len() > LIMITS.entries {
        return Err(XlsxError::TooLarge {
            what: "压缩包内文件数",
            actual: zip.len() as u64,
            limit: LIMITS.entries as u64,
        });
    }
    let mut total: u64 = 0;
    let mut sink = [0u8; 16 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| XlsxError::NotXlsx(format!("压缩包损坏：{e}")))?;
        let declared = entry.size();
        let compressed = entry.compressed_size().max(1);
        let name: String = entry
            .name()
            .map(|n| n.chars().take(80).collect())
            .unwrap_or_default();
        let over = |n: u64| -> Option<XlsxError> {
            if n.checked_div(compressed).unwrap_or(n) > LIMITS.ratio && n > RATIO_FROM {
                Some(XlsxError::Bomb {
                    entry: name.clone(),
                    size: n,
                    compressed,
                })
            } else if n > LIMITS.entry_bytes {
                Some(XlsxError::TooLarge {
                    what: "压缩包内单个文件解压后的大小（字节）",
                    actual: n,
                    limit: LIMITS.entry_bytes,
                })
            } else {
                None
            }
        };
        if let Some(e) = over(declared) {
            return Err(e);
        }
        // Inflate for real: headers can lie.
        let mut n: u64 = 0;
        loop {
            let got = entry
                .read(&mut sink)
                .map_err(|e| XlsxError::NotXlsx(format!("压缩包损坏：{e}")))?;
            if got == 0 {
                break;
            }
            n = n.saturating_add(got as u64);
            if let Some(e) = over(n) {
                return Err(e);
            }
        }
        total = total.saturating_add(n);
        if total > LIMITS.total_bytes {
            return Err(XlsxError::TooLarge {
                what: "解压后的总大小（字节）",
                actual: total,
                limit: LIMITS.total_bytes,
            });
        }
    }
    Ok(())
}

fn read_cells(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: &mut Sheet,
    total: &mut usize,
) -> Result<(), XlsxError> {
    let mut reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| XlsxError::NotXlsx(format!("无法读取工作表“{name}”：{e}")))?;
    loop {
        let next = reader
            .next_cell_with_style_id()
            .map_err(|e| XlsxError::NotXlsx(format!("无法读取工作表“{name}”：{e}")))?;
        let Some((cell, style)) = next else { break };
        let (row, col) = cell.get_position();
        let format = reader
            .styles()
            .get(style)
            .and_then(|s| s.number_format.as_ref())
            .map(|f| (f.format_code.clone(), f.format_id));
        let code = format.as_ref().map(|f| f.0.as_str());
        let id = format.as_ref().and_then(|f| f.1);
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => s.clone(),
            DataRef::SharedString(s) => (*s).to_string(),
            DataRef::Int(i) => shown::number(*i as f64, code),
            DataRef::Float(f) => shown::number(*f, code),
            DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            DataRef::DateTime(dt) => {
                let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
                shown::date((y, mo, d, h, mi, s), code, id)
            }
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
            DataRef::Error(e) => e.to_string(),
        };
        if text.is_empty() {
            continue;
        }
        *total = total.saturating_add(1);
        if *total > LIMITS.cells {
            return Err(XlsxError::TooLarge {
                what: "非空单元格数",
                actual: *total as u64,
                limit: LIMITS.cells as u64,
            });
        }
        if text.len() > LIMITS.cell_bytes {
            return Err(XlsxError::TooLarge {
                what: "单元格文字长度",
                actual: text.len() as u64,
                limit: LIMITS.cell_bytes as u64,
            });
        }
        sheet.cells.insert(
            (row, col),
            Cell {
                key: super::book::key_of(&text),
                text,
                ..Cell::default()
            },
        );
    }
    Ok(())
}

fn read_formulas(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: &mut Sheet,
) -> Result<(), XlsxError> {
    let mut reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| XlsxError::NotXlsx(format!("无法读取工作表“{name}”：{e}")))?;
    while let Some(f) = reader
        .next_formula()
        .map_err(|e| XlsxError::NotXlsx(format!("无法读取工作表“{name}”：{e}")))?
    {
        if f.get_value().is_empty() {
            continue;
        }
        match sheet.cells.get_mut(&f.get_position()) {
            Some(c) => c.formula = true,
            None => {
                if sheet.empty_formulas.len() < LIMITS.cells {
                    let (r, c) = f.get_position();
                    let text: String = f.get_value().chars().take(200).collect();
                    sheet.empty_formulas.push((r, c, text));
                }
            }
        }
    }
    Ok(())
}
