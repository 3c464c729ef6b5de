//! Book → report: find the 自评表 by its labels (never by address) and put
//! each value where its label says. Labels come from `layout.json` and
//! the pack (funds rows and columns with their aliases, node names and
//! synonyms). Every non-empty cell is either a label, a value placed in
//! the report, a value jixiao computed in its own export, or a finding
//! (`XLSX_UNPLACED`): nothing is dropped silently.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::codes::Code;
use crate::finding::{self, Args, Finding};
use crate::model::report::{Breakdown, ExpenseLine, Item, Level, Line, Raw};
use crate::pack::{self, NodeKind, Pack};
use crate::Report;

use super::book::key_is;
use super::book::{cell_ref, key_of, label_key, Book, Sheet};
use super::layout::{layout, same, Labeled};
use super::sheet::funds_line;
use super::Imported;

/// What a jixiao export noted about itself (hidden sheet).
#[derive(Default)]
struct Notes {
    pack: Option<String>,
    /// (sheet, 1-based row) → line id.
    lines: HashMap<(String, u32), String>,
    /// (sheet, cell) → the text jixiao computed there.
    computed: HashMap<(String, String), String>,
    skip: HashSet<String>,
}

fn notes(book: &Book) -> Notes {
    let l = layout();
    let mut n = Notes::default();
    let Some(s) = book.sheets.iter().find(|s| s.name == l.meta_sheet) else {
        return n;
    };
    if s.text(0, 0) != "jixiao export" {
        return n;
    }
    n.skip.insert(s.name.clone());
    let rows: Vec<u32> = s
        .cells
        .keys()
        .filter(|k| k.1 == 0 && k.0 > 0)
        .map(|k| k.0)
        .collect();
    for row in rows {
        let t = |c: u32| s.text(row, c).to_string();
        match s.text(row, 0) {
            "pack" => n.pack = Some(t(1)),
            "line" => {
                if let Ok(r) = t(2).parse::<u32>() {
                    n.lines.insert((t(1), r), t(3));
                }
            }
            "computed" => {
                n.computed.insert((t(1), t(2)), t(3));
            }
            "skip" => {
                n.skip.insert(t(1));
            }
            _ => {}
        }
    }
    n
}

/// The pack a workbook names: a jixiao export's notes, else a
/// "评价体系：<title>" line naming a built-in pack.
pub fn named_pack(book: &Book) -> Option<Arc<Pack>> {
    if let Some(id) = notes(book).pack {
        if let Some(p) = pack::builtin(&id) {
            return Some(p);
        }
    }
    let label = &layout().pack_label;
    for s in &book.sheets {
        for c in s.cells.values() {
            let key = label_key(&c.text).0;
            if let Some(rest) = key.strip_prefix(label.as_str()) {
                let rest = rest.trim_start_matches([':', '：']);
                for id in pack::builtin_ids() {
                    if let Some(p) = pack::builtin(id) {
                        if label_key(&p.spec.title).0 == rest {
                            return Some(p);
                        }
                    }
                }
            }
        }
    }
    None
}

struct Placer<'a> {
    pack: &'a Pack,
    book: &'a Book,
    notes: Notes,
    report: Report,
    /// (sheet index, row, column) of every cell accounted for.
    used: HashSet<(usize, u32, u32)>,
    findings: Vec<Finding>,
    /// Cells that went into the report (for choosing a pack).
    placed: usize,
    /// Lines added so far under each open node (for their ids).
    added: HashMap<String, usize>,
    /// Label key → the nodes it names.
    node_keys: HashMap<String, Vec<String>>,
    /// The pack's other labels as keys.
    pk: PackKeys,
}

/// Keys of a pack's funds columns and rows (names and aliases), built once.
struct PackKeys {
    fund_cols: Vec<(String, String)>,
    fund_rows: Vec<(String, String)>,
}

impl PackKeys {
    fn of(pack: &Pack) -> PackKeys {
        let f = &pack.spec.funds;
        PackKeys {
            fund_cols: f
                .columns
                .iter()
                .flat_map(|c| {
                    std::iter::once(&c.name)
                        .chain(&c.aliases)
                        .map(move |n| (key(n), c.id.id().to_string()))
                })
                .collect(),
            fund_rows: f
                .rows
                .iter()
                .flat_map(|r| {
                    std::iter::once(&r.name)
                        .chain(&r.aliases)
                        .map(move |n| (key(n), r.id.clone()))
                })
                .collect(),
        }
    }
}

/// Place a book's cells against one pack: (cells placed, the result).
pub fn place(book: &Book, pack: &Arc<Pack>) -> (usize, Imported) {
    let mut p = Placer {
        pack,
        book,
        notes: notes(book),
        report: Report {
            schema_version: crate::REPORT_SCHEMA_VERSION.into(),
            pack: pack.id().to_string(),
            ..Report::default()
        },
        used: HashSet::new(),
        findings: Vec::new(),
        placed: 0,
        added: HashMap::new(),
        node_keys: node_keys(pack),
        pk: PackKeys::of(pack),
    };
    // A findings sheet of a jixiao export (recognised by its header even
    // when the notes are gone) is the check's output, not input.
    let header = &layout().findings_header;
    for sheet in &book.sheets {
        if !header.is_empty()
            && header
                .iter()
                .enumerate()
                .all(|(c, h)| sheet.text(0, c as u32) == h)
        {
            p.notes.skip.insert(sheet.name.clone());
        }
    }
    for (si, sheet) in book.sheets.iter().enumerate() {
        if p.notes.skip.contains(&sheet.name) {
            continue;
        }
        p.titles(si, sheet);
        p.funds(si, sheet);
        p.indicators(si, sheet);
        p.blocks(si, sheet);
        p.pairs(si, sheet);
        if p.over() {
            break;
        }
    }
    if !p.over() {
        p.unplaced();
    }
    let imported = Imported {
        report: p.report,
        findings: p.findings,
    };
    (p.placed, imported)
}

fn key(text: &str) -> String {
    key_of(text)
}

/// A cell's key, and the unit it names in brackets (if any).
fn key_unit(cell: &super::book::Cell) -> (String, Option<String>) {
    let unit = if cell.text.contains(['(', '（']) && cell.text.len() <= 256 {
        label_key(&cell.text).1
    } else {
        None
    };
    (cell.key.clone(), unit)
}

/// Every node's names as label keys → node ids: its name, the name
/// without "指标", and the pack's synonyms for it (built once per pack).
fn node_keys(pack: &Pack) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for n in pack.nodes.values() {
        let name = key(&n.name);
        let mut keys = vec![name.clone()];
        if let Some(bare) = name.strip_suffix("指标") {
            keys.push(bare.to_string());
        } else {
            keys.push(format!("{name}指标"));
        }
        if let Some(syn) = pack.spec.synonyms.get(&format!("node:{}", n.id)) {
            keys.extend(syn.iter().map(|s| key(s)));
        }
        for k in keys {
            let ids = out.entry(k).or_default();
            if !ids.contains(&n.id) {
                ids.push(n.id.clone());
            }
        }
    }
    out
}

impl Placer<'_> {
    /// The report has outgrown a report's limits: placing more is wasted
    /// (import refuses it with the limit's finding).
    fn over(&self) -> bool {
        use crate::report_io::{MAX_LINES, MAX_ROWS};
        let r = &self.report;
        r.indicators.len() > MAX_LINES
            || r.expenses.lines.len() > MAX_ROWS
            || r.per_capita.levels.len() > MAX_ROWS
            || r.breakdowns.values().any(|b| b.items.len() > MAX_ROWS)
    }

    /// The text of a cell not yet accounted for, marking it used. A cell
    /// a jixiao export computed (unchanged since) gives `None`.
    fn take(&mut self, si: usize, row: u32, col: u32) -> Option<(String, bool)> {
        let sheet = self.book.sheets.get(si)?;
        let cell = sheet.cells.get(&(row, col))?;
        if cell.text.is_empty() || !self.used.insert((si, row, col)) {
            return None;
        }
        if !self.notes.computed.is_empty()
            && self
                .notes
                .computed
                .get(&(sheet.name.clone(), cell_ref(row, col)))
                .is_some_and(|t| *t == cell.text)
        {
            return None;
        }
        Some((cell.text.clone(), cell.formula))
    }

    /// Mark a label cell used.
    fn label(&mut self, si: usize, row: u32, col: u32) {
        self.used.insert((si, row, col));
    }

    /// Put a cell's text in a report field (if the cell has one).
    fn put(&mut self, si: usize, row: u32, col: u32, path: &str) -> Option<Raw> {
        let (text, formula) = self.take(si, row, col)?;
        self.placed = self.placed.saturating_add(1);
        if formula {
            let sheet = self.book.sheets.get(si).map_or("", |s| s.name.as_str());
            self.findings.push(finding::plain(
                Code::XlsxFormula,
                path,
                Args::field(
                    crate::rules::fields::describe(self.pack, &self.report, path)
                        .1
                        .fill(None)
                        .0,
                )
                .actual(text.clone())
                .detail(format!("{sheet}!{}", cell_ref(row, col))),
            ));
        }
        Some(Raw(text))
    }

    fn titles(&mut self, si: usize, sheet: &Sheet) {
        let l = layout();
        for (&(r, c), cell) in &sheet.cells {
            let k = cell.key.as_str();
            // The title (at the top of a sheet: the same words further down
            // are somebody's text) and a jixiao export's 评价体系 line.
            let title = r < 6 && (k.contains(&key(&l.title)) || k.ends_with("绩效自评表"));
            if title || k.starts_with(&format!("{}:", l.pack_label)) {
                self.label(si, r, c);
            }
            // "（2022年度）" under the title or in it.
            if r < 6 && (title || k.starts_with('(')) && self.report.basic.year.is_blank() {
                if let Some(y) = year_in(k) {
                    self.label(si, r, c);
                    self.report.basic.year = Raw(y);
                    self.placed = self.placed.saturating_add(1);
                }
            }
        }
    }

    fn funds(&mut self, si: usize, sheet: &Sheet) {
        let l = layout();
        let Some(last) = sheet.last_row() else { return };
        let line = funds_line(self.pack).map(str::to_string);
        let mut row = 0;
        while row <= last {
            // A header row: two or more of the pack's funds columns.
            let mut cols: Vec<(u32, String)> = Vec::new();
            let mut extra: Vec<(u32, &str)> = Vec::new();
            let mut unit = None;
            for (&(r, c), cell) in sheet.cells.range((row, 0)..(row.saturating_add(1), 0)) {
                if self.used.contains(&(si, r, c)) {
                    continue;
                }
                let (k, u) = key_unit(cell);
                if let Some((_, id)) = self.pk.fund_cols.iter().find(|(key, _)| *key == k) {
                    cols.push((c, id.clone()));
                } else if let Some(e) = l.funds_extra.iter().find(|e| e.matches(&k)) {
                    extra.push((c, e.field.as_str()));
                } else if l.funds_label.matches(&k) || u.is_some() && k.contains("资金") {
                    self.label(si, r, c);
                }
                if u.is_some() {
                    unit = u;
                }
            }
            if cols.len() < 2 {
                row = row.saturating_add(1);
                continue;
            }
            for &(c, _) in &cols {
                self.label(si, row, c);
            }
            if line.is_some() {
                for &(c, _) in &extra {
                    self.label(si, row, c);
                }
            } else {
                extra.clear();
            }
            // The unit may sit in a label merged down beside the block.
            if unit.is_none() {
                for (&(r, c), cell) in sheet
                    .cells
                    .range((row.saturating_sub(1), 0)..(row.saturating_add(1), 0))
                {
                    let (k, u) = key_unit(cell);
                    if u.is_some() && (l.funds_label.matches(&k) || k.contains("资金")) {
                        self.label(si, r, c);
                        unit = u;
                    }
                }
            }
            if let Some(u) = unit {
                self.report.funds.unit = Raw(u);
                self.placed = self.placed.saturating_add(1);
            }
            let first = cols.iter().map(|c| c.0).min().unwrap_or(0);
            let mut r = row.saturating_add(1);
            let mut blanks = 0u32;
            while r <= last && blanks < 2 {
                let mut id = None;
                for (&(rr, c), cell) in sheet.cells.range((r, 0)..(r, first)) {
                    if self.used.contains(&(si, rr, c)) {
                        continue;
                    }
                    let k = cell.key.clone();
                    if let Some(rid) = self
                        .pk
                        .fund_rows
                        .iter()
                        .find(|(key, _)| *key == k)
                        .map(|x| x.1.clone())
                    {
                        self.label(si, rr, c);
                        id = Some(rid);
                        break;
                    }
                }
                let Some(id) = id else {
                    let any = sheet
                        .cells
                        .range((r, 0)..(r.saturating_add(1), 0))
                        .any(|(_, c)| !c.text.is_empty());
                    if any {
                        break;
                    }
                    blanks = blanks.saturating_add(1);
                    r = r.saturating_add(1);
                    continue;
                };
                for (c, col) in &cols {
                    let path = format!("/funds/rows/{id}/{col}");
                    if let Some(v) = self.put(si, r, *c, &path) {
                        self.report
                            .funds
                            .rows
                            .entry(id.clone())
                            .or_default()
                            .insert(col.clone(), v);
                    }
                }
                if let Some(line) = &line {
                    for &(c, field) in &extra {
                        match field {
                            "weight" => {
                                let w = self
                                    .pack
                                    .node(line)
                                    .map(|n| n.weight.to_string())
                                    .unwrap_or_default();
                                if sheet.text(r, c) == w {
                                    self.label(si, r, c);
                                }
                            }
                            "reason" => {
                                let path = format!("/indicators/{line}/reason");
                                if let Some(v) = self.put(si, r, c, &path) {
                                    self.report
                                        .indicators
                                        .entry(line.clone())
                                        .or_default()
                                        .reason = v;
                                }
                            }
                            "rate" => {
                                if let Some(v) = self.put(si, r, c, "/stated/rates/budgetExecution")
                                {
                                    self.report.stated.rates.insert("budgetExecution".into(), v);
                                }
                            }
                            _ => {
                                let path = format!("/indicators/{line}/score");
                                if let Some(v) = self.put(si, r, c, &path) {
                                    self.report
                                        .indicators
                                        .entry(line.clone())
                                        .or_default()
                                        .score = v;
                                }
                            }
                        }
                    }
                }
                r = r.saturating_add(1);
            }
            row = r;
        }
    }

    fn indicators(&mut self, si: usize, sheet: &Sheet) {
        let l = layout();
        let Some(last) = sheet.last_row() else { return };
        let mut row = 0;
        while row <= last {
            let mut cols: HashMap<&str, u32> = HashMap::new();
            for (&(_, c), cell) in sheet.cells.range((row, 0)..(row.saturating_add(1), 0)) {
                if self.used.contains(&(si, row, c)) {
                    continue;
                }
                let k = cell.key.clone();
                if let Some(col) = l.indicator_columns.iter().find(|x| x.matches(&k)) {
                    cols.entry(col.field.as_str()).or_insert(c);
                }
            }
            let has_names = cols.contains_key("name") || cols.contains_key("level2");
            if cols.len() < 3 || !has_names {
                row = row.saturating_add(1);
                continue;
            }
            for &c in cols.values() {
                self.label(si, row, c);
            }
            // "绩效指标" merged down beside the header.
            for (&(_, c), cell) in sheet.cells.range((row, 0)..(row.saturating_add(1), 0)) {
                let k = cell.key.clone();
                if l.k.level_words.contains(&k) {
                    self.label(si, row, c);
                }
            }
            row = self.table(si, sheet, row, &cols, last);
        }
    }

    /// The rows of one indicator table; returns the row after it.
    fn table(
        &mut self,
        si: usize,
        sheet: &Sheet,
        head: u32,
        cols: &HashMap<&str, u32>,
        last: u32,
    ) -> u32 {
        let l = layout();
        let col = |f: &str| cols.get(f).copied();
        let mut prev = (String::new(), String::new());
        let mut blanks = 0u32;
        let mut r = head.saturating_add(1);
        while r <= last && blanks < 3 && !self.over() {
            let text = |c: Option<u32>| c.map(|c| sheet.text(r, c).to_string()).unwrap_or_default();
            let merged = |c: Option<u32>| c.is_some_and(|c| sheet.covering(r, c).is_some());
            let any = sheet
                .cells
                .range((r, 0)..(r.saturating_add(1), 0))
                .any(|(&(_, c), cell)| !cell.text.is_empty() && !self.used.contains(&(si, r, c)));
            if !any {
                blanks = blanks.saturating_add(1);
                r = r.saturating_add(1);
                continue;
            }
            blanks = 0;
            let (mut l1, mut l2, name) =
                (text(col("level1")), text(col("level2")), text(col("name")));
            let first = sheet
                .cells
                .range((r, 0)..(r.saturating_add(1), 0))
                .find(|(_, c)| !c.text.is_empty())
                .map(|(&(_, c), cell)| (c, cell.key.clone()));
            // 总分 row.
            if let Some((c, k)) = &first {
                if l.total.matches(k) && key(&name) != key(&l.subtotal.label) {
                    self.label(si, r, *c);
                    if let Some(sc) = col("score") {
                        if let Some(v) = self.put(si, r, sc, "/stated/totalScore") {
                            self.report.stated.total_score = v;
                        }
                    }
                    if let Some(wc) = col("weight") {
                        let w: Option<rust_decimal::Decimal> = self
                            .pack
                            .top()
                            .try_fold(rust_decimal::Decimal::ZERO, |a, n| a.checked_add(n.weight));
                        if w.is_some_and(|w| w.to_string() == sheet.text(r, wc)) {
                            self.label(si, r, wc);
                        }
                    }
                    r = r.saturating_add(1);
                    continue;
                }
                if l.grade.matches(k) || self.pack.spec.narrative.iter().any(|n| same(k, &n.name)) {
                    break;
                }
            }
            if l1.is_empty() && !merged(col("level1")) {
                l1 = prev.0.clone();
            }
            // A 小计 row names its own node: no carrying down.
            let subtotal = same(&key(&name), &l.subtotal.label);
            if l2.is_empty() && !merged(col("level2")) && l1 == prev.0 && !subtotal {
                l2 = prev.1.clone();
            }
            prev = (l1.clone(), l2.clone());
            // The deepest node the level names lead to.
            let mut cur: Option<String> = None;
            for (f, t) in [("level1", &l1), ("level2", &l2)] {
                let k = key(t);
                if k.is_empty() {
                    continue;
                }
                let found = self.find_node(cur.as_deref(), &k, false);
                let c = col(f).unwrap_or(0);
                if let Some(id) = found {
                    cur = Some(id);
                    self.label_owner(si, sheet, r, c);
                    self.placed = self.placed.saturating_add(1);
                } else if l.k.level_words.contains(&k) {
                    self.label_owner(si, sheet, r, c);
                }
            }
            let nk = key(&name);
            if !nk.is_empty() && same(&nk, &l.subtotal.label) {
                if let Some(id) = cur.clone() {
                    self.label(si, r, col("name").unwrap_or(0));
                    let p = |f: &str| {
                        format!("/stated/nodes/{}/{f}", crate::model::report::escape(&id))
                    };
                    for (f, field) in [
                        ("weight", "weight"),
                        ("completionRate", "rate"),
                        ("score", "score"),
                    ] {
                        if let Some(c) = col(f) {
                            if let Some(v) = self.put(si, r, c, &p(field)) {
                                let n = self.report.stated.nodes.entry(id.clone()).or_default();
                                match field {
                                    "weight" => n.weight = v,
                                    "rate" => n.rate = v,
                                    _ => n.score = v,
                                }
                            }
                        }
                    }
                }
                r = r.saturating_add(1);
                continue;
            }
            let has_values = [
                "target",
                "actual",
                "weight",
                "completionRate",
                "score",
                "reason",
                "targetKind",
                "targetUnit",
            ]
            .iter()
            .any(|f| col(f).is_some_and(|c| !sheet.text(r, c).is_empty()));
            if nk.is_empty() && !has_values {
                r = r.saturating_add(1);
                continue;
            }
            // Which line: a fixed line by name, else a new line under an open node.
            let fixed = match cur.as_deref().and_then(|id| self.pack.node(id)) {
                Some(n) if matches!(n.kind, NodeKind::Line { .. }) => Some(n.id.clone()),
                Some(n) if matches!(n.kind, NodeKind::Open) => None,
                _ => self.find_node(cur.as_deref(), &nk, true),
            };
            let open = cur
                .clone()
                .filter(|id| self.pack.node(id).is_some_and(|n| n.kind == NodeKind::Open));
            let id = match (&fixed, &open) {
                (Some(id), _) => id.clone(),
                (None, Some(parent)) => {
                    let noted = self
                        .notes
                        .lines
                        .get(&(sheet.name.clone(), r.saturating_add(1)))
                        .cloned();
                    match noted.filter(|id| {
                        !self.report.indicators.contains_key(id) && self.pack.node(id).is_none()
                    }) {
                        Some(id) => id,
                        None => {
                            let k = self.added.entry(parent.clone()).or_insert(0);
                            loop {
                                *k = k.saturating_add(1);
                                let id = format!("{parent}.{k}");
                                if !self.report.indicators.contains_key(&id)
                                    && self.pack.node(&id).is_none()
                                {
                                    break id;
                                }
                            }
                        }
                    }
                }
                (None, None) => {
                    r = r.saturating_add(1);
                    continue;
                }
            };
            let esc = crate::model::report::escape(&id).into_owned();
            let p = |f: &str| format!("/indicators/{esc}/{f}");
            let mut line = self.report.indicators.get(&id).cloned().unwrap_or_default();
            if let Some(parent) = &open {
                if fixed.is_none() {
                    line.parent = parent.clone();
                }
            }
            let node = fixed.as_deref().and_then(|id| self.pack.node(id));
            if let Some(c) = col("name") {
                match node {
                    Some(n) if key(&n.name) == nk => self.label(si, r, c),
                    _ => {
                        if let Some(v) = self.put(si, r, c, &p("name")) {
                            line.name = v;
                        }
                    }
                }
            }
            if let Some(c) = col("weight") {
                match node {
                    Some(n) if n.weight.to_string() == sheet.text(r, c) => self.label(si, r, c),
                    _ => {
                        if let Some(v) = self.put(si, r, c, &p("weight")) {
                            line.weight = v;
                        }
                    }
                }
            }
            let unit = col("targetUnit")
                .and_then(|c| self.take(si, r, c))
                .map(|t| t.0);
            let kind = col("targetKind")
                .and_then(|c| self.take(si, r, c))
                .map(|t| t.0);
            if let Some(c) = col("target") {
                if let Some(v) = self.put(si, r, c, &p("target")) {
                    line.target = Raw(join(kind.as_deref(), &v.0, unit.as_deref()));
                }
            }
            if let Some(c) = col("actual") {
                if let Some(v) = self.put(si, r, c, &p("actual")) {
                    line.actual = Raw(join(None, &v.0, unit.as_deref()));
                }
            }
            for (f, set) in [("completionRate", 0u8), ("score", 1), ("reason", 2)] {
                if let Some(c) = col(f) {
                    if let Some(v) = self.put(si, r, c, &p(f)) {
                        match set {
                            0 => line.completion_rate = v,
                            1 => line.score = v,
                            _ => line.reason = v,
                        }
                    }
                }
            }
            // A row with nothing typed (a fixed line's printed name and
            // weight, computed cells) adds no line.
            let typed = line
                != Line {
                    parent: line.parent.clone(),
                    ..Line::default()
                };
            if typed || self.report.indicators.contains_key(&id) {
                self.report.indicators.insert(id, line);
            }
            r = r.saturating_add(1);
        }
        r
    }

    /// Mark used the cell that owns (row, col): its merged range's first
    /// cell, or itself.
    fn label_owner(&mut self, si: usize, sheet: &Sheet, row: u32, col: u32) {
        let owner = sheet.covering(row, col).map_or((row, col), |m| (m.0, m.1));
        self.label(si, owner.0, owner.1);
    }

    /// A node under `within` (or anywhere) named by `k`; `line` asks for a
    /// fixed line, else any node.
    fn find_node(&self, within: Option<&str>, k: &str, line: bool) -> Option<String> {
        let under = |id: &str| -> bool {
            let Some(w) = within else { return true };
            let mut cur = self.pack.node(id).and_then(|n| n.parent.clone());
            while let Some(p) = cur {
                if p == w {
                    return true;
                }
                cur = self.pack.node(&p).and_then(|n| n.parent.clone());
            }
            false
        };
        // In the pack's order, as a scan of its nodes would find them.
        let ids = self.node_keys.get(k)?;
        self.pack
            .nodes
            .values()
            .filter(|n| ids.contains(&n.id))
            .filter(|n| !line || matches!(n.kind, NodeKind::Line { .. }))
            .find(|n| under(&n.id))
            .map(|n| n.id.clone())
    }

    /// Blocks of the second sheet: expense lines, breakdowns, per-capita
    /// standards, each under its title.
    fn blocks(&mut self, si: usize, sheet: &Sheet) {
        let l = layout();
        let titles: Vec<(u32, u32, String, Option<String>)> = sheet
            .cells
            .iter()
            .filter(|(&(r, c), _)| !self.used.contains(&(si, r, c)))
            .map(|(&(r, c), cell)| {
                let (k, u) = key_unit(cell);
                (r, c, k, u)
            })
            .collect();
        for (r, c, k, unit) in titles {
            if self.used.contains(&(si, r, c)) {
                continue;
            }
            if k.is_empty() {
                continue;
            }
            if k == l.k.rates_title {
                self.label(si, r, c);
            } else if k == l.k.expenses_title {
                self.label(si, r, c);
                self.expenses(si, sheet, r, c, unit);
            } else if k == l.k.per_capita_title {
                self.label(si, r, c);
                self.per_capita(si, sheet, r, c);
            } else if let Some(t) = self
                .pack
                .spec
                .tables
                .iter()
                .position(|t| key_is(&k, &t.name) || t.aliases.iter().any(|a| key_is(&k, a)))
            {
                self.pack_table(si, sheet, r, c, t, unit);
            } else if let Some(id) = self
                .pack
                .spec
                .breakdowns
                .iter()
                .find(|b| key_is(&k, &b.name))
                .map(|b| b.id.clone())
            {
                // A title over a 类别 header.
                if sheet.key(r.saturating_add(1), c) == l.k.breakdown_name {
                    self.label(si, r, c);
                    self.breakdown(si, sheet, r, c, &id, unit);
                }
            }
        }
    }

    fn expenses(&mut self, si: usize, sheet: &Sheet, r: u32, c: u32, unit: Option<String>) {
        let l = layout();
        if let Some(u) = unit {
            self.report.expenses.unit = Raw(u);
            self.placed = self.placed.saturating_add(1);
        }
        let mut row = r.saturating_add(1);
        if sheet.key(row, c) == l.k.expenses_name {
            self.label(si, row, c);
            self.label(si, row, c.saturating_add(1));
            row = row.saturating_add(1);
        }
        while (!sheet.text(row, c).is_empty() || !sheet.text(row, c.saturating_add(1)).is_empty())
            && !self.over()
        {
            if sheet.key(row, c) == l.k.expenses_total {
                self.label(si, row, c);
                if let Some(v) = self.put(si, row, c.saturating_add(1), "/expenses/total") {
                    self.report.expenses.total = v;
                }
                break;
            }
            let i = self.report.expenses.lines.len();
            let name = self
                .put(si, row, c, &format!("/expenses/lines/{i}/name"))
                .unwrap_or_default();
            let amount = self
                .put(
                    si,
                    row,
                    c.saturating_add(1),
                    &format!("/expenses/lines/{i}/amount"),
                )
                .unwrap_or_default();
            self.report
                .expenses
                .lines
                .push(ExpenseLine { name, amount });
            row = row.saturating_add(1);
        }
    }

    fn breakdown(
        &mut self,
        si: usize,
        sheet: &Sheet,
        r: u32,
        c: u32,
        id: &str,
        unit: Option<String>,
    ) {
        let l = layout();
        let mut bd = Breakdown {
            unit: Raw(unit.unwrap_or_default()),
            ..Breakdown::default()
        };
        let mut row = r.saturating_add(1);
        self.label(si, row, c);
        if sheet.key(row, c.saturating_add(1)) == l.k.breakdown_value {
            self.label(si, row, c.saturating_add(1));
        }
        row = row.saturating_add(1);
        let bid = crate::model::report::escape(id).into_owned();
        while (!sheet.text(row, c).is_empty() || !sheet.text(row, c.saturating_add(1)).is_empty())
            && !self.over()
        {
            if sheet.key(row, c) == l.k.breakdown_total && bd.items.is_empty() {
                self.label(si, row, c);
                if let Some(v) = self.put(
                    si,
                    row,
                    c.saturating_add(1),
                    &format!("/breakdowns/{bid}/total"),
                ) {
                    bd.total = v;
                }
            } else {
                let i = bd.items.len();
                let name = self
                    .put(si, row, c, &format!("/breakdowns/{bid}/items/{i}/name"))
                    .unwrap_or_default();
                let value = self
                    .put(
                        si,
                        row,
                        c.saturating_add(1),
                        &format!("/breakdowns/{bid}/items/{i}/value"),
                    )
                    .unwrap_or_default();
                bd.items.push(Item { name, value });
            }
            row = row.saturating_add(1);
        }
        self.placed = self.placed.saturating_add(1);
        self.report.breakdowns.insert(id.to_string(), bd);
    }

    /// A table the pack declares, under its title at (`r`, `c`): a heading
    /// row of column names (in any order), then rows found by their names
    /// or aliases until a blank row. A row or column it does not know is
    /// left for `XLSX_UNPLACED`.
    fn pack_table(
        &mut self,
        si: usize,
        sheet: &Sheet,
        r: u32,
        c: u32,
        t: usize,
        unit: Option<String>,
    ) {
        let pack = self.pack.clone();
        let Some(spec) = pack.spec.tables.get(t) else {
            return;
        };
        let head = r.saturating_add(1);
        let mut cols: Vec<(u32, &str)> = Vec::new();
        let mut cc = c.saturating_add(1);
        while !sheet.text(head, cc).is_empty() && cols.len() < spec.columns.len() {
            let k = sheet.key(head, cc);
            if let Some(col) = spec.columns.iter().find(|x| key_is(k, &x.name)) {
                cols.push((cc, col.id.as_str()));
            }
            cc = cc.saturating_add(1);
        }
        if cols.is_empty() {
            return;
        }
        self.label(si, r, c);
        self.label(si, head, c);
        for &(cc, _) in &cols {
            self.label(si, head, cc);
        }
        let mut table = crate::model::report::Table {
            unit: Raw(unit.unwrap_or_default()),
            ..Default::default()
        };
        let mut row = head.saturating_add(1);
        while !sheet.text(row, c).is_empty() && !self.over() {
            let k = sheet.key(row, c).to_string();
            let found = spec
                .rows
                .iter()
                .find(|x| key_is(&k, &x.name) || x.aliases.iter().any(|a| key_is(&k, a)));
            if let Some(x) = found {
                self.label(si, row, c);
                for &(cc, col) in &cols {
                    let path = crate::rules::tables_cell(&spec.id, &x.id, col);
                    if let Some(v) = self.put(si, row, cc, &path) {
                        table
                            .rows
                            .entry(x.id.clone())
                            .or_default()
                            .insert(col.to_string(), v);
                    }
                }
            }
            row = row.saturating_add(1);
        }
        self.placed = self.placed.saturating_add(1);
        self.report.tables.insert(spec.id.clone(), table);
    }

    fn per_capita(&mut self, si: usize, sheet: &Sheet, r: u32, c: u32) {
        let l = &layout().per_capita;
        let mut row = r.saturating_add(1);
        loop {
            let k = sheet.key(row, c).to_string();
            if k == key(&l.standard) {
                self.label(si, row, c);
                if let Some(v) = self.put(si, row, c.saturating_add(1), "/perCapita/standard") {
                    self.report.per_capita.standard = v;
                }
            } else if k == key(&l.persons) {
                self.label(si, row, c);
                if let Some(v) = self.put(si, row, c.saturating_add(1), "/perCapita/persons") {
                    self.report.per_capita.persons = v;
                }
            } else if k == key(&l.level) {
                for cc in 0..3u32 {
                    self.label(si, row, c.saturating_add(cc));
                }
                row = row.saturating_add(1);
                while (0..3u32).any(|cc| !sheet.text(row, c.saturating_add(cc)).is_empty())
                    && !self.over()
                {
                    let i = self.report.per_capita.levels.len();
                    let mut f = |cc: u32, name: &str| {
                        self.put(
                            si,
                            row,
                            c.saturating_add(cc),
                            &format!("/perCapita/levels/{i}/{name}"),
                        )
                        .unwrap_or_default()
                    };
                    let level = Level {
                        name: f(0, "name"),
                        standard: f(1, "standard"),
                        funds: f(2, "funds"),
                    };
                    self.report.per_capita.levels.push(level);
                    row = row.saturating_add(1);
                }
                break;
            } else {
                break;
            }
            row = row.saturating_add(1);
        }
    }

    /// Label → value pairs anywhere: basic information, 评价等次, stated
    /// rates, narrative sections. The value is the next non-empty cell to
    /// the right (past the label's own merged range), else the cell below.
    fn pairs(&mut self, si: usize, sheet: &Sheet) {
        let l = layout();
        let labels: Vec<(u32, u32, String)> = sheet
            .cells
            .iter()
            .filter(|(&(r, c), _)| !self.used.contains(&(si, r, c)))
            .map(|(&(r, c), cell)| (r, c, cell.key.clone()))
            .collect();
        for (r, c, k) in labels {
            if self.used.contains(&(si, r, c)) || k.is_empty() {
                continue;
            }
            let target: Option<(String, Slot)> = if let Some(b) =
                l.basic.iter().find(|b| b.matches(&k))
            {
                Some((format!("/basic/{}", b.field), Slot::Basic(b)))
            } else if l.grade.matches(&k) {
                Some(("/stated/grade".into(), Slot::Grade))
            } else if let Some(x) = l.rates.iter().find(|x| x.matches(&k)) {
                Some((format!("/stated/rates/{}", x.field), Slot::Rate(x)))
            } else if l.texts_label.matches(&k) {
                self.label(si, r, c);
                None
            } else {
                self.pack
                    .spec
                    .narrative
                    .iter()
                    .map(|n| (n.id.as_str(), n.name.as_str()))
                    .chain(
                        l.texts
                            .iter()
                            .filter(|t| t.matches(&k))
                            .map(|t| (t.field.as_str(), t.label.as_str())),
                    )
                    .find(|(_, name)| {
                        same(&k, name) || l.texts.iter().any(|t| t.matches(&k) && t.label == *name)
                    })
                    .map(|(id, _)| (format!("/narrative/{id}"), Slot::Narrative(id.to_string())))
            };
            let Some((path, slot)) = target else { continue };
            if !self.slot_empty(&slot) {
                continue;
            }
            self.label(si, r, c);
            let below = matches!(slot, Slot::Narrative(_));
            let Some((vr, vc)) = value_cell(self.pack, sheet, r, c, &self.used, si, below) else {
                continue;
            };
            let Some(v) = self.put(si, vr, vc, &path) else {
                continue;
            };
            self.fill(slot, v);
        }
    }

    fn slot_empty(&self, slot: &Slot) -> bool {
        let r = &self.report;
        match slot {
            Slot::Basic(b) => r.basic.field(&b.field).is_none_or(Raw::is_blank),
            Slot::Grade => r.stated.grade.is_blank(),
            Slot::Rate(x) => !r.stated.rates.contains_key(&x.field),
            Slot::Narrative(id) => !r.narrative.contains_key(id),
        }
    }

    fn fill(&mut self, slot: Slot, v: Raw) {
        let r = &mut self.report;
        match slot {
            Slot::Basic(b) => {
                if let Some(f) = r.field_mut(&format!("/basic/{}", b.field)) {
                    *f = v;
                }
            }
            Slot::Grade => r.stated.grade = v,
            Slot::Rate(x) => {
                r.stated.rates.insert(x.field.clone(), v);
            }
            Slot::Narrative(id) => {
                r.narrative.insert(id, v);
            }
        }
    }

    /// Every non-empty cell not accounted for.
    fn unplaced(&mut self) {
        for (si, sheet) in self.book.sheets.iter().enumerate() {
            if self.notes.skip.contains(&sheet.name) {
                continue;
            }
            for (r, c, formula) in &sheet.empty_formulas {
                self.findings.push(finding::plain(
                    Code::XlsxFormulaEmpty,
                    format!(
                        "/xlsx/{}/{}",
                        crate::model::report::escape(&sheet.name),
                        cell_ref(*r, *c)
                    ),
                    Args::field(sheet.name.clone())
                        .actual(formula.clone())
                        .detail(cell_ref(*r, *c)),
                ));
            }
            for (&(r, c), cell) in &sheet.cells {
                if cell.text.trim().is_empty() || self.used.contains(&(si, r, c)) {
                    continue;
                }
                let shown: String = cell.text.chars().take(60).collect();
                self.findings.push(finding::plain(
                    Code::XlsxUnplaced,
                    format!(
                        "/xlsx/{}/{}",
                        crate::model::report::escape(&sheet.name),
                        cell_ref(r, c)
                    ),
                    Args::field(sheet.name.clone())
                        .actual(shown)
                        .detail(cell_ref(r, c)),
                ));
            }
        }
    }
}

enum Slot<'a> {
    Basic(&'a Labeled),
    Grade,
    Rate(&'a Labeled),
    Narrative(String),
}

/// The value beside a label: the first cell of a merged range right after
/// it (an empty one means an empty value), else the next non-empty cell
/// to the right; a label there is no value (unless it repeats this very
/// label: "项目负责人 | 项目负责人"). For long texts (`below_ok`), where
/// the right gives none, the cell below.
fn value_cell(
    pack: &Pack,
    sheet: &Sheet,
    r: u32,
    c: u32,
    used: &HashSet<(usize, u32, u32)>,
    si: usize,
    below_ok: bool,
) -> Option<(u32, u32)> {
    let own = sheet.key(r, c).to_string();
    let ok = |rr: u32, cc: u32| -> bool {
        let Some(t) = sheet.cells.get(&(rr, cc)) else {
            return false;
        };
        let k = t.key.clone();
        !t.text.is_empty() && !used.contains(&(si, rr, cc)) && (k == own || !is_label(pack, &k))
    };
    let start = sheet.merge_at(r, c).map_or(c, |m| m.3).saturating_add(1);
    let right = if sheet.merge_at(r, start).is_some() {
        sheet
            .cells
            .get(&(r, start))
            .filter(|t| !t.text.is_empty())
            .map(|_| start)
    } else {
        sheet
            .cells
            .range((r, start)..(r.saturating_add(1), 0))
            .find(|(_, cell)| !cell.text.is_empty())
            .map(|(&(_, cc), _)| cc)
    };
    match right {
        Some(cc) if ok(r, cc) => Some((r, cc)),
        _ if below_ok => {
            let below = sheet.merge_at(r, c).map_or(r, |m| m.2).saturating_add(1);
            (ok(below, c) && sheet.key(below, c) != own).then_some((below, c))
        }
        _ => None,
    }
}

/// Any label the table uses.
fn is_label(pack: &Pack, k: &str) -> bool {
    layout().all_keys.contains(k) || pack.spec.narrative.iter().any(|n| same(k, &n.name))
}

/// The year of "(2022年度)" in a title's key.
fn year_in(k: &str) -> Option<String> {
    let end = k.find("年度)")?;
    let open = k.get(..end)?.rfind('(')?;
    let y = k.get(open.saturating_add(1)..end)?;
    (y.len() == 4 && y.chars().all(|c| c.is_ascii_digit())).then(|| y.to_string())
}

/// A target split over 指标性质 / 指标值 / 度量单位, as one target.
fn join(kind: Option<&str>, value: &str, unit: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(k) = kind {
        let k = k.trim();
        let op = match k {
            "≥" | ">=" | "大于等于" | "不低于" | "不少于" | "正向" | "正向指标" => {
                "≥"
            }
            "≤" | "<=" | "小于等于" | "不高于" | "不超过" | "反向" | "反向指标" => {
                "≤"
            }
            ">" | "＞" | "大于" => ">",
            "<" | "＜" | "小于" => "<",
            "=" | "＝" | "等于" => "=",
            _ => "",
        };
        let v = value.trim_start();
        if !op.is_empty() && !v.starts_with(['≥', '≤', '>', '<', '=', '＞', '＜', '＝']) {
            s.push_str(op);
        }
    }
    s.push_str(value);
    if let Some(u) = unit {
        let u = u.trim();
        let numeric = value.trim().trim_end_matches('%').parse::<f64>().is_ok()
            || value
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        if !u.is_empty() && numeric && !value.trim().ends_with(u) {
            s.push_str(u);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn targets_join() {
        assert_eq!(super::join(Some("≥"), "95", Some("%")), "≥95%");
        assert_eq!(super::join(Some("定性"), "有效减轻", Some("")), "有效减轻");
        assert_eq!(
            super::join(Some("正向指标"), "12.3", Some("万人")),
            "≥12.3万人"
        );
        assert_eq!(super::join(None, "12.59", Some("万人")), "12.59万人");
        assert_eq!(super::join(Some("≥"), "≥95%", Some("%")), "≥95%");
    }

    #[test]
    fn years_in_titles() {
        assert_eq!(super::year_in("(2022年度)").as_deref(), Some("2022"));
        assert_eq!(
            super::year_in("项目支出绩效自评表(2023年度)").as_deref(),
            Some("2023")
        );
        assert_eq!(super::year_in("项目支出绩效自评表"), None);
        assert_eq!(super::year_in("(22年度)"), None);
    }
}
