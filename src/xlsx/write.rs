//! Book → .xlsx bytes (rust_xlsxwriter): merged cells, borders, column
//! widths, the title rows repeated on every printed page, A4 landscape
//! fitted to the page width. Every cell is written as text, exactly as
//! staff typed it or as jixiao computed it, so a number keeps the digits
//! it was given ("0.50" stays "0.50").

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::book::{Book, Look, Sheet};
use super::XlsxError;

const A4: u8 = 9;

fn fmt(look: Look) -> Format {
    let base = Format::new()
        .set_font_name("宋体")
        .set_font_size(10)
        .set_num_format("@")
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let boxed = base.clone().set_border(FormatBorder::Thin);
    match look {
        Look::Title => base
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center),
        Look::Head => boxed
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_background_color(Color::RGB(0xE8E8E8)),
        Look::Computed => boxed.set_background_color(Color::RGB(0xE6F0FA)),
        Look::Text => boxed
            .set_align(FormatAlign::Top)
            .set_align(FormatAlign::Left),
        Look::Plain => boxed,
    }
}

fn err(e: rust_xlsxwriter::XlsxError) -> XlsxError {
    XlsxError::Write(e.to_string())
}

pub fn write(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        fill(ws, sheet).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

fn fill(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_name(&sheet.name)?;
    if sheet.hidden {
        ws.set_hidden(true);
    }
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    if sheet.cells.contains_key(&(1, 0)) {
        ws.set_repeat_rows(0, 1)?;
    }
    for &(col, width) in &sheet.widths {
        ws.set_column_width(col as u16, width)?;
    }
    for (row, height) in heights(sheet) {
        ws.set_row_height(row, height)?;
    }
    let mut covered = std::collections::HashSet::new();
    for &(r0, c0, r1, c1) in &sheet.merges {
        let cell = sheet.cells.get(&(r0, c0));
        let text = cell.map_or("", |c| c.text.as_str());
        let look = cell.map_or(Look::Plain, |c| c.look);
        ws.merge_range(r0, c0 as u16, r1, c1 as u16, text, &fmt(look))?;
        covered.insert((r0, c0));
    }
    for (&(row, col), cell) in &sheet.cells {
        if covered.contains(&(row, col)) {
            continue;
        }
        ws.write_string_with_format(row, col as u16, &cell.text, &fmt(cell.look))?;
    }
    Ok(())
}

/// Excel neither grows a row for wrapped text in merged cells nor does
/// LibreOffice when printing: each row gets the height its longest text
/// needs in the width it has (a CJK character is two columns wide).
fn heights(sheet: &Sheet) -> Vec<(u32, f64)> {
    const DEFAULT_WIDTH: f64 = 8.43;
    const LINE: f64 = 13.5;
    let width_of = |col: u32| {
        sheet
            .widths
            .iter()
            .find(|w| w.0 == col)
            .map_or(DEFAULT_WIDTH, |w| w.1)
    };
    let mut rows: std::collections::BTreeMap<u32, f64> = std::collections::BTreeMap::new();
    for (&(row, col), cell) in &sheet.cells {
        if cell.text.is_empty() || cell.look == Look::Title {
            continue;
        }
        let (last_row, last_col) = sheet.merge_at(row, col).map_or((row, col), |m| (m.2, m.3));
        let width: f64 = (col..=last_col).map(width_of).sum::<f64>().max(1.0);
        let text_width: f64 = cell
            .text
            .split('\n')
            .map(|line| {
                let w: f64 = line
                    .chars()
                    .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                    .sum();
                (w / width).ceil().max(1.0)
            })
            .sum();
        // A merged range spreads its lines over its rows.
        let span = f64::from(last_row.saturating_sub(row).saturating_add(1));
        let lines = (text_width / span).ceil();
        if lines > 1.0 {
            let h = rows.entry(row).or_insert(LINE);
            *h = h.max(lines * LINE);
        }
    }
    rows.into_iter().filter(|(_, h)| *h > LINE).collect()
}
