//! A workbook as jixiao sees it: per sheet, the text each non-empty cell
//! shows and its merged ranges. Reading fills it from a file
//! (`read.rs`); export fills it from a report (`sheet.rs`) and writes it
//! (`write.rs`). Rows and columns count from 0.

use std::collections::BTreeMap;

/// How a written cell looks (export only; import leaves `Plain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Look {
    #[default]
    Plain,
    /// The table's title.
    Title,
    /// A header or label cell.
    Head,
    /// A value jixiao computed (staff left the cell blank).
    Computed,
    /// Long text (wraps, top-aligned).
    Text,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The text Excel shows.
    pub text: String,
    /// The text as a label is compared ([`key_of`]), made once on reading.
    pub key: String,
    /// The cell holds a formula (the text is its cached value).
    pub formula: bool,
    pub look: Look,
}

/// A merged range: first row, first column, last row, last column.
pub type Merge = (u32, u32, u32, u32);

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub cells: BTreeMap<(u32, u32), Cell>,
    pub merges: Vec<Merge>,
    /// Column widths in characters (export only).
    pub widths: Vec<(u32, f64)>,
    /// Hidden (export only: the sheet of export notes).
    pub hidden: bool,
    /// Formula cells with no saved result: (row, column, formula).
    pub empty_formulas: Vec<(u32, u32, String)>,
    /// Lookups into `merges` (built by [`Sheet::index_merges`]).
    index: MergeIndex,
}

/// Merged ranges found in O(log n): by their first cell, and per column
/// by first row (ranges in one column do not overlap in a valid file; an
/// overlapping one, which Excel refuses to open, may be missed but never
/// costs more). Ranges wider than [`WIDE`] columns are kept apart and
/// scanned; a file may have at most [`MAX_WIDE`] of them per sheet.
#[derive(Debug, Clone, Default, PartialEq)]
struct MergeIndex {
    built: bool,
    starts: std::collections::HashMap<(u32, u32), usize>,
    by_col: std::collections::HashMap<u32, Vec<(u32, u32, usize)>>,
    wide: Vec<usize>,
}

/// Merged ranges wider than this many columns are scanned, not indexed.
pub const WIDE: u32 = 64;
/// Most such wide ranges in one sheet.
pub const MAX_WIDE: usize = 64;

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Sheet::default()
        }
    }

    /// Index the merged ranges (after reading them). Err: more ranges
    /// wider than [`WIDE`] columns than [`MAX_WIDE`].
    pub fn index_merges(&mut self) -> Result<(), usize> {
        let mut ix = MergeIndex {
            built: true,
            ..MergeIndex::default()
        };
        for (i, &(r0, c0, r1, c1)) in self.merges.iter().enumerate() {
            ix.starts.entry((r0, c0)).or_insert(i);
            if c1.saturating_sub(c0) >= WIDE {
                ix.wide.push(i);
                if ix.wide.len() > MAX_WIDE {
                    return Err(ix.wide.len());
                }
                continue;
            }
            for c in c0..=c1 {
                ix.by_col.entry(c).or_default().push((r0, r1, i));
            }
        }
        for list in ix.by_col.values_mut() {
            list.sort_unstable();
        }
        self.index = ix;
        Ok(())
    }

    /// The merged range covering (row, col), if any.
    pub fn covering(&self, row: u32, col: u32) -> Option<Merge> {
        let inside = |m: &Merge| (m.0..=m.2).contains(&row) && (m.1..=m.3).contains(&col);
        if !self.index.built {
            return self.merges.iter().copied().find(inside);
        }
        if let Some(list) = self.index.by_col.get(&col) {
            let n = list.partition_point(|e| e.0 <= row);
            if let Some(&(_, r1, i)) = n.checked_sub(1).and_then(|k| list.get(k)) {
                if row <= r1 {
                    return self.merges.get(i).copied();
                }
            }
        }
        self.index
            .wide
            .iter()
            .filter_map(|&i| self.merges.get(i).copied())
            .find(inside)
    }

    /// The cell at (row, col), or the first cell of the merged range that
    /// covers it.
    fn shown(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col)).or_else(|| {
            let (r0, c0, _, _) = self.covering(row, col)?;
            self.cells.get(&(r0, c0))
        })
    }

    /// The label key at a cell (or its merged range's first cell).
    pub fn key(&self, row: u32, col: u32) -> &str {
        self.shown(row, col).map_or("", |c| c.key.as_str())
    }

    /// The text at a cell, or at the first cell of the merged range that
    /// covers it.
    pub fn text(&self, row: u32, col: u32) -> &str {
        self.shown(row, col).map_or("", |c| c.text.as_str())
    }

    /// The merged range whose first cell is (row, col), if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<Merge> {
        if self.index.built {
            return self
                .index
                .starts
                .get(&(row, col))
                .and_then(|&i| self.merges.get(i).copied());
        }
        self.merges
            .iter()
            .copied()
            .find(|m| m.0 == row && m.1 == col)
    }

    /// Put text in a cell (export).
    pub fn put(&mut self, row: u32, col: u32, text: &str, look: Look) {
        self.cells.insert(
            (row, col),
            Cell {
                text: text.to_string(),
                key: key_of(text),
                formula: false,
                look,
            },
        );
    }

    /// Merge a range (export); the text goes in its first cell.
    pub fn merge(&mut self, row: u32, col: u32, last_row: u32, last_col: u32) {
        if last_row > row || last_col > col {
            self.merges.push((row, col, last_row, last_col));
        }
    }

    /// The last used row, if any.
    pub fn last_row(&self) -> Option<u32> {
        self.cells.keys().map(|k| k.0).max()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

/// "B12" for row 11, column 1.
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col).saturating_add(1);
    while n > 0 {
        let rem = (n.saturating_sub(1)) % 26;
        letters.push(char::from(b'A'.saturating_add(rem as u8)));
        n = (n.saturating_sub(1)) / 26;
    }
    letters.reverse();
    let mut s: String = letters.into_iter().collect();
    s.push_str(&u64::from(row).saturating_add(1).to_string());
    s
}

/// A label as compared: no spaces of any width, full-width ASCII folded
/// to half-width, no trailing colon, no leading "其中", no unit in
/// brackets; and the unit found in brackets, if any.
pub fn label_key(text: &str) -> (String, Option<String>) {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        let ch = match ch {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(u32::from(ch).saturating_sub(0xFEE0)).unwrap_or(ch)
            }
            _ => ch,
        };
        if !ch.is_whitespace() {
            s.push(ch);
        }
    }
    let mut unit = None;
    // A bracketed unit anywhere: "项目资金（万元）", "困难群众（其中）（人）".
    let mut from = 0;
    while let Some(open) = s
        .get(from..)
        .and_then(|t| t.find('('))
        .map(|o| o.saturating_add(from))
    {
        let Some(close) = s
            .get(open..)
            .and_then(|t| t.find(')'))
            .map(|c| c.saturating_add(open))
        else {
            break;
        };
        let inner = s.get(open.saturating_add(1)..close).unwrap_or("");
        if is_unit(inner) {
            unit = Some(inner.trim_start_matches("单位:").to_string());
            let mut t = String::with_capacity(s.len());
            t.push_str(s.get(..open).unwrap_or(""));
            t.push_str(s.get(close.saturating_add(1)..).unwrap_or(""));
            s = t;
            from = open;
        } else {
            from = close.saturating_add(1);
        }
    }
    let mut k = s.as_str();
    for p in ["其中:", "其中", "注:"] {
        if let Some(rest) = k.strip_prefix(p) {
            if !rest.is_empty() {
                k = rest;
            }
            break;
        }
    }
    let k = k.trim_end_matches([':', '：']);
    (k.to_string(), unit)
}

/// No label is longer than this; a longer text is never one.
const LABEL_BYTES: usize = 256;
/// Keys remembered (per thread) before the cache stops growing.
const CACHE_ENTRIES: usize = 65_536;

/// [`label_key`]'s key, remembered: import compares every cell with every
/// label several times over, and normalising was most of its time. A text
/// longer than any label keys as "…", which names nothing.
pub fn key_of(text: &str) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    if text.len() > LABEL_BYTES {
        return "…".into();
    }
    CACHE.with(|c| {
        if let Some(k) = c.borrow().get(text) {
            return k.clone();
        }
        let k = label_key(text).0;
        let mut c = c.borrow_mut();
        if c.len() < CACHE_ENTRIES {
            c.insert(text.to_string(), k.clone());
        }
        k
    })
}

/// Is `key` the key of `label`? (The label's key from the cache, not copied.)
pub fn key_is(key: &str, label: &str) -> bool {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static LABELS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    if key.is_empty() {
        return false;
    }
    LABELS.with(|c| {
        if let Some(k) = c.borrow().get(label) {
            return k == key;
        }
        let k = label_key(label).0;
        let hit = k == key;
        let mut c = c.borrow_mut();
        if c.len() < CACHE_ENTRIES {
            c.insert(label.to_string(), k);
        }
        hit
    })
}

/// The units a header may name in brackets.
pub fn is_unit(s: &str) -> bool {
    matches!(
        s,
        "万元"
            | "元"
            | "亿元"
            | "人"
            | "万人"
            | "户"
            | "万户"
            | "人次"
            | "万人次"
            | "元/人"
            | "%"
            | "分"
            | "个月"
    ) || s.starts_with("单位:") && is_unit(s.trim_start_matches("单位:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 1), "B12");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn label_keys() {
        assert_eq!(
            label_key("项目资金（万元）"),
            ("项目资金".into(), Some("万元".into()))
        );
        assert_eq!(
            label_key("其中：当年财政拨款"),
            ("当年财政拨款".into(), None)
        );
        assert_eq!(label_key(" 项目名称： "), ("项目名称".into(), None));
        assert_eq!(
            label_key("金额(单位：元)"),
            ("金额".into(), Some("元".into()))
        );
        assert_eq!(label_key("其中"), ("其中".into(), None));
        assert_eq!(
            label_key("困难群众（其中）（人）"),
            ("困难群众(其中)".into(), Some("人".into()))
        );
    }
}
