//! Report → book in the official layout of its pack: title, basic
//! information, the funds table (with the budget-execution line where the
//! pack scores it there), the indicator table 一级/二级/三级 with merged
//! level cells, 总分 and 等次, the narrative; a second sheet with what the
//! official table has no place for (stated rates, expense lines,
//! breakdowns, per-capita standards) after the sheet of findings; and a hidden
//! sheet of notes (pack, line ids, which cells jixiao computed) that lets
//! import give back exactly the report that was exported.

use std::collections::HashMap;

use crate::engine::Engine;
use crate::model::report::{Line, Raw};
use crate::pack::{NodeKind, Pack};
use crate::Report;

use super::book::{cell_ref, Book, Look, Sheet};
use super::layout::layout;

/// Columns of the indicator table.
pub const L1: u32 = 0;
pub const L2: u32 = 1;
pub const NAME: u32 = 2;
pub const TARGET: u32 = 3;
pub const ACTUAL: u32 = 4;
pub const WEIGHT: u32 = 5;
pub const RATE: u32 = 6;
pub const SCORE: u32 = 7;
pub const REASON: u32 = 8;
const LAST: u32 = REASON;

/// The top-level line a pack scores in the funds table (预算执行率), if any.
pub fn funds_line(pack: &Pack) -> Option<&str> {
    pack.top().find_map(|n| match &n.kind {
        NodeKind::Line {
            source: Some(crate::model::pack::RateSource::BudgetExecution),
            ..
        } => Some(n.id.as_str()),
        _ => None,
    })
}

struct Out {
    main: Sheet,
    more: Sheet,
    meta: Sheet,
    meta_row: u32,
    /// Report path → "sheet!cell", for the findings sheet.
    cells: HashMap<String, String>,
    computed: HashMap<String, String>,
}

impl Out {
    fn user(&mut self, which: Which, row: u32, col: u32, path: String, raw: &Raw) {
        let sheet = self.sheet(which);
        if sheet
            .cells
            .get(&(row, col))
            .is_none_or(|c| c.look != Look::Computed)
        {
            sheet.put(row, col, raw.as_str(), Look::Plain);
        }
        let at = format!("{}!{}", sheet.name, cell_ref(row, col));
        self.cells.insert(path, at);
    }

    /// Staff's text where they typed one, else jixiao's value (noted).
    fn user_or(
        &mut self,
        which: Which,
        row: u32,
        col: u32,
        path: String,
        raw: &Raw,
        computed: Option<String>,
    ) {
        if raw.as_str().is_empty() {
            if let Some(v) = computed {
                self.computed_cell(which, row, col, &v);
            }
        }
        self.user(which, row, col, path, raw);
    }

    fn computed_cell(&mut self, which: Which, row: u32, col: u32, text: &str) {
        let sheet = self.sheet(which);
        sheet.put(row, col, text, Look::Computed);
        let name = sheet.name.clone();
        self.note(&["computed", &name, &cell_ref(row, col), text]);
    }

    fn note(&mut self, cells: &[&str]) {
        for (i, t) in cells.iter().enumerate() {
            self.meta.put(self.meta_row, i as u32, t, Look::Plain);
        }
        self.meta_row = self.meta_row.saturating_add(1);
    }

    fn sheet(&mut self, which: Which) -> &mut Sheet {
        match which {
            Which::Main => &mut self.main,
            Which::More => &mut self.more,
        }
    }

    /// A computed value as shown: "99.50%", "4.88", "优".
    fn value(&self, path: &str) -> Option<String> {
        self.computed.get(path).cloned()
    }
}

#[derive(Clone, Copy)]
enum Which {
    Main,
    More,
}

/// The whole workbook for an evaluated report.
pub fn book(engine: &Engine) -> Book {
    let l = layout();
    let computed = engine
        .computed_iter()
        .map(|(path, value, unit)| {
            let shown = if unit == "%" {
                format!("{value}%")
            } else {
                value.into_owned()
            };
            (path.to_string(), shown)
        })
        .collect();
    let mut out = Out {
        main: Sheet::new(&l.main_sheet),
        more: Sheet::new(&l.more_sheet),
        meta: Sheet::new(&l.meta_sheet),
        meta_row: 0,
        cells: HashMap::new(),
        computed,
    };
    out.meta.hidden = true;
    let pack = engine.pack().clone();
    out.note(&["jixiao export", "1"]);
    out.note(&["pack", pack.id(), &pack.spec.version]);
    out.note(&["skip", &l.findings_sheet]);
    let report = engine.report();
    let mut row = head(&mut out, &pack, report);
    row = funds(&mut out, &pack, report, row.saturating_add(1));
    row = indicators(&mut out, &pack, report, row.saturating_add(1));
    narrative(&mut out, &pack, report, row);
    more(&mut out, &pack, report);
    out.main.widths = vec![
        (L1, 12.0),
        (L2, 14.0),
        (NAME, 24.0),
        (TARGET, 14.0),
        (ACTUAL, 14.0),
        (WEIGHT, 8.0),
        (RATE, 10.0),
        (SCORE, 8.0),
        (REASON, 30.0),
    ];
    out.more.widths = vec![(0, 24.0), (1, 18.0), (2, 18.0)];
    let findings = findings_sheet(&out, engine);
    Book {
        sheets: vec![out.main, findings, out.more, out.meta],
    }
}

fn head(out: &mut Out, pack: &Pack, r: &Report) -> u32 {
    let l = layout();
    out.main.put(0, 0, &l.title, Look::Title);
    out.main.merge(0, 0, 0, LAST);
    out.main.put(
        1,
        0,
        &format!("{}：{}", l.pack_label, pack.spec.title),
        Look::Plain,
    );
    out.main.merge(1, 0, 1, LAST);
    let blank = Raw::default();
    let get = |f: &str| -> &Raw { r.basic.field(f).unwrap_or(&blank) };
    // 项目名称 and 行政区划代码 take a whole row; the rest go in pairs.
    let mut row = 2u32;
    let mut pending: Vec<&super::layout::Labeled> = Vec::new();
    let wide = |f: &str| f == "projectName" || f == "region";
    for item in &l.basic {
        if wide(&item.field) {
            out.main.put(row, 0, &item.label, Look::Head);
            out.main.merge(row, 1, row, LAST);
            out.user(
                Which::Main,
                row,
                1,
                format!("/basic/{}", item.field),
                get(&item.field),
            );
            row = row.saturating_add(1);
        } else {
            pending.push(item);
            if pending.len() == 2 {
                for (i, it) in pending.drain(..).enumerate() {
                    let (lc, vc, vl) = if i == 0 { (0, 1, 3) } else { (4, 5, LAST) };
                    out.main.put(row, lc, &it.label, Look::Head);
                    out.main.merge(row, vc, row, vl);
                    out.user(
                        Which::Main,
                        row,
                        vc,
                        format!("/basic/{}", it.field),
                        get(&it.field),
                    );
                }
                row = row.saturating_add(1);
            }
        }
    }
    for it in pending {
        out.main.put(row, 0, &it.label, Look::Head);
        out.main.merge(row, 1, row, LAST);
        out.user(
            Which::Main,
            row,
            1,
            format!("/basic/{}", it.field),
            get(&it.field),
        );
        row = row.saturating_add(1);
    }
    row
}

fn funds(out: &mut Out, pack: &Pack, r: &Report, top: u32) -> u32 {
    let l = layout();
    let spec = &pack.spec.funds;
    let unit = if r.funds.unit.is_blank() {
        String::new()
    } else {
        format!("（{}）", r.funds.unit.as_str())
    };
    let rows = spec.rows.len() as u32;
    out.main.put(
        top,
        0,
        &format!("{}{unit}", l.funds_label.label),
        Look::Head,
    );
    out.main.merge(top, 0, top.saturating_add(rows), 0);
    let mut col = 2u32;
    let mut cols = Vec::new();
    for c in &spec.columns {
        out.main.put(top, col, &c.name, Look::Head);
        cols.push((col, c.id.id().to_string()));
        col = col.saturating_add(1);
    }
    let line = funds_line(pack).map(str::to_string);
    let extra = col;
    if line.is_some() {
        for (i, e) in l.funds_extra.iter().enumerate() {
            out.main
                .put(top, extra.saturating_add(i as u32), &e.label, Look::Head);
        }
    }
    let empty = indexmap::IndexMap::new();
    for (i, row_spec) in spec.rows.iter().enumerate() {
        let row = top.saturating_add(1).saturating_add(i as u32);
        // The official form prints its first part row as "其中：…".
        let first_part = row_spec.role == crate::model::pack::RowRole::Part
            && i > 0
            && spec
                .rows
                .get(i.saturating_sub(1))
                .is_some_and(|p| p.role == crate::model::pack::RowRole::Total);
        let name = if first_part {
            format!("其中：{}", row_spec.name)
        } else {
            row_spec.name.clone()
        };
        out.main.put(row, 1, &name, Look::Head);
        let cells = r.funds.rows.get(&row_spec.id).unwrap_or(&empty);
        for (c, id) in &cols {
            let raw = cells.get(id).cloned().unwrap_or_default();
            out.user(
                Which::Main,
                row,
                *c,
                format!("/funds/rows/{}/{id}", row_spec.id),
                &raw,
            );
        }
        if let (Some(line), true) = (&line, i == 0) {
            let weight = pack
                .node(line)
                .map(|n| n.weight.to_string())
                .unwrap_or_default();
            out.computed_cell(Which::Main, row, extra, &weight);
            let rate = r
                .stated
                .rates
                .get("budgetExecution")
                .cloned()
                .unwrap_or_default();
            let v = out.value("/computed/rates/budgetExecution");
            out.user_or(
                Which::Main,
                row,
                extra.saturating_add(1),
                "/stated/rates/budgetExecution".into(),
                &rate,
                v,
            );
            let score = r
                .indicators
                .get(line)
                .map(|l| l.score.clone())
                .unwrap_or_default();
            let v = out.value(&format!("/computed/indicators/{line}/score"));
            out.user_or(
                Which::Main,
                row,
                extra.saturating_add(2),
                format!("/indicators/{line}/score"),
                &score,
                v,
            );
            let reason = r
                .indicators
                .get(line)
                .map(|l| l.reason.clone())
                .unwrap_or_default();
            out.user(
                Which::Main,
                row,
                extra.saturating_add(3),
                format!("/indicators/{line}/reason"),
                &reason,
            );
        }
    }
    top.saturating_add(rows).saturating_add(1)
}

/// One row of the indicator table.
enum Row<'a> {
    Line {
        id: String,
        line: Option<&'a Line>,
        l1: String,
        l2: String,
        fixed_name: String,
        fixed_weight: String,
    },
    Empty {
        l1: String,
        l2: String,
    },
    Subtotal {
        id: String,
        l1: String,
        l2: String,
    },
}

fn level_names(pack: &Pack, id: &str, include_self: bool) -> (String, String) {
    let mut chain = Vec::new();
    let mut cur = pack.node(id);
    if !include_self {
        cur = cur
            .and_then(|n| n.parent.as_deref())
            .and_then(|p| pack.node(p));
    }
    while let Some(n) = cur {
        chain.push(n);
        cur = n.parent.as_deref().and_then(|p| pack.node(p));
    }
    chain.reverse();
    let name = |d: usize| chain.get(d).map(|n| n.name.clone()).unwrap_or_default();
    (name(0), name(1))
}

fn collect<'a>(pack: &Pack, r: &'a Report, id: &str, skip: Option<&str>, rows: &mut Vec<Row<'a>>) {
    let Some(node) = pack.node(id) else { return };
    if Some(id) == skip {
        return;
    }
    match &node.kind {
        NodeKind::Branch(children) => {
            for c in children {
                collect(pack, r, c, skip, rows);
            }
        }
        NodeKind::Open => {
            let (l1, l2) = level_names(pack, id, true);
            let mut any = false;
            for (lid, line) in r.indicators.iter().filter(|(_, l)| l.parent == id) {
                any = true;
                rows.push(Row::Line {
                    id: lid.clone(),
                    line: Some(line),
                    l1: l1.clone(),
                    l2: l2.clone(),
                    fixed_name: String::new(),
                    fixed_weight: String::new(),
                });
            }
            if !any {
                rows.push(Row::Empty { l1, l2 });
            }
        }
        NodeKind::Line { .. } => {
            let (l1, l2) = level_names(pack, id, false);
            rows.push(Row::Line {
                id: id.to_string(),
                line: r.indicators.get(id),
                l1,
                l2,
                fixed_name: node.name.clone(),
                fixed_weight: node.weight.to_string(),
            });
        }
    }
    if r.stated.nodes.get(id).is_some_and(|n| {
        !(n.score.as_str().is_empty() && n.rate.as_str().is_empty() && n.weight.as_str().is_empty())
    }) {
        let (l1, l2) = level_names(pack, id, true);
        rows.push(Row::Subtotal {
            id: id.to_string(),
            l1,
            l2,
        });
    }
}

fn indicators(out: &mut Out, pack: &Pack, r: &Report, top: u32) -> u32 {
    let l = layout();
    for c in &l.indicator_columns {
        let col = match c.field.as_str() {
            "level1" => L1,
            "level2" => L2,
            "name" => NAME,
            "target" => TARGET,
            "actual" => ACTUAL,
            "weight" => WEIGHT,
            "completionRate" => RATE,
            "score" => SCORE,
            "reason" => REASON,
            _ => continue,
        };
        out.main.put(top, col, &c.label, Look::Head);
    }
    let skip = funds_line(pack).map(str::to_string);
    let mut rows = Vec::new();
    for n in pack.top() {
        collect(pack, r, &n.id, skip.as_deref(), &mut rows);
    }
    let mut row = top;
    let mut spans: Vec<(u32, String, String)> = Vec::new();
    for item in &rows {
        row = row.saturating_add(1);
        match item {
            Row::Line {
                id,
                line,
                l1,
                l2,
                fixed_name,
                fixed_weight,
            } => {
                let blank = Line::default();
                let line = line.unwrap_or(&blank);
                let p = |f: &str| format!("/indicators/{}/{f}", crate::model::report::escape(id));
                out.note(&[
                    "line",
                    &out.main.name.clone(),
                    &row.saturating_add(1).to_string(),
                    id,
                ]);
                if fixed_name.is_empty() {
                    out.user(Which::Main, row, NAME, p("name"), &line.name);
                    out.user(Which::Main, row, WEIGHT, p("weight"), &line.weight);
                } else {
                    out.user_or(
                        Which::Main,
                        row,
                        NAME,
                        p("name"),
                        &line.name,
                        Some(fixed_name.clone()),
                    );
                    out.user_or(
                        Which::Main,
                        row,
                        WEIGHT,
                        p("weight"),
                        &line.weight,
                        Some(fixed_weight.clone()),
                    );
                }
                out.user(Which::Main, row, TARGET, p("target"), &line.target);
                out.user(Which::Main, row, ACTUAL, p("actual"), &line.actual);
                let v = out.value(&format!("/computed/indicators/{id}/completionRate"));
                out.user_or(
                    Which::Main,
                    row,
                    RATE,
                    p("completionRate"),
                    &line.completion_rate,
                    v,
                );
                let v = out.value(&format!("/computed/indicators/{id}/score"));
                out.user_or(Which::Main, row, SCORE, p("score"), &line.score, v);
                out.user(Which::Main, row, REASON, p("reason"), &line.reason);
                spans.push((row, l1.clone(), l2.clone()));
            }
            Row::Empty { l1, l2 } => spans.push((row, l1.clone(), l2.clone())),
            Row::Subtotal { id, l1, l2 } => {
                out.main.put(row, NAME, &l.subtotal.label, Look::Head);
                let s = r.stated.nodes.get(id).cloned().unwrap_or_default();
                let p = |f: &str| format!("/stated/nodes/{}/{f}", crate::model::report::escape(id));
                out.user(Which::Main, row, WEIGHT, p("weight"), &s.weight);
                out.user(Which::Main, row, RATE, p("rate"), &s.rate);
                out.user(Which::Main, row, SCORE, p("score"), &s.score);
                spans.push((row, l1.clone(), l2.clone()));
            }
        }
    }
    // Level names, merged over the rows they span.
    let mut i = 0;
    while let Some((start, l1, _)) = spans.get(i) {
        let mut j = i;
        while spans.get(j.saturating_add(1)).is_some_and(|s| &s.1 == l1) {
            j = j.saturating_add(1);
        }
        let end = spans.get(j).map_or(*start, |s| s.0);
        if !l1.is_empty() {
            out.main.put(*start, L1, l1, Look::Head);
            out.main.merge(*start, L1, end, L1);
        }
        i = j.saturating_add(1);
    }
    let mut i = 0;
    while let Some((start, l1, l2)) = spans.get(i) {
        let mut j = i;
        while spans
            .get(j.saturating_add(1))
            .is_some_and(|s| &s.1 == l1 && &s.2 == l2)
        {
            j = j.saturating_add(1);
        }
        let end = spans.get(j).map_or(*start, |s| s.0);
        if !l2.is_empty() {
            out.main.put(*start, L2, l2, Look::Head);
            out.main.merge(*start, L2, end, L2);
        }
        i = j.saturating_add(1);
    }
    // 总分 and 等次.
    row = row.saturating_add(1);
    out.main.put(row, 0, &l.total.label, Look::Head);
    out.main.merge(row, 0, row, ACTUAL);
    let total_weight = pack
        .top()
        .try_fold(rust_decimal::Decimal::ZERO, |a, n| a.checked_add(n.weight))
        .map(|d| d.to_string())
        .unwrap_or_default();
    out.computed_cell(Which::Main, row, WEIGHT, &total_weight);
    let v = out.value("/computed/total/score");
    out.user_or(
        Which::Main,
        row,
        SCORE,
        "/stated/totalScore".into(),
        &r.stated.total_score,
        v,
    );
    row = row.saturating_add(1);
    out.main.put(row, 0, &l.grade.label, Look::Head);
    out.main.merge(row, 0, row, ACTUAL);
    out.main.merge(row, WEIGHT, row, LAST);
    let v = out.value("/computed/total/grade");
    out.user_or(
        Which::Main,
        row,
        WEIGHT,
        "/stated/grade".into(),
        &r.stated.grade,
        v,
    );
    row.saturating_add(1)
}

fn narrative(out: &mut Out, pack: &Pack, r: &Report, mut row: u32) {
    for (key, text) in &r.narrative {
        let l = layout();
        let label = pack
            .spec
            .narrative
            .iter()
            .find(|n| &n.id == key)
            .map(|n| n.name.as_str())
            .or_else(|| {
                l.texts
                    .iter()
                    .find(|t| &t.field == key)
                    .map(|t| t.label.as_str())
            })
            .unwrap_or(key.as_str());
        out.main.put(row, 0, label, Look::Head);
        out.main.merge(row, 1, row, LAST);
        out.user(
            Which::Main,
            row,
            1,
            format!("/narrative/{}", crate::model::report::escape(key)),
            text,
        );
        if let Some(c) = out.main.cells.get_mut(&(row, 1)) {
            c.look = Look::Text;
        }
        row = row.saturating_add(1);
    }
}

fn more(out: &mut Out, pack: &Pack, r: &Report) {
    let l = layout();
    let mut row = 0u32;
    let in_funds = funds_line(pack).is_some();
    let rates: Vec<_> = r
        .stated
        .rates
        .iter()
        .filter(|(k, _)| !(in_funds && k.as_str() == "budgetExecution"))
        .collect();
    if !rates.is_empty() {
        out.more.put(row, 0, &l.rates_title, Look::Title);
        row = row.saturating_add(1);
        for (k, v) in rates {
            let label = l
                .rates
                .iter()
                .find(|x| &x.field == k)
                .map_or(k.as_str(), |x| x.label.as_str());
            out.more.put(row, 0, label, Look::Head);
            out.user(
                Which::More,
                row,
                1,
                format!("/stated/rates/{}", crate::model::report::escape(k)),
                v,
            );
            row = row.saturating_add(1);
        }
        row = row.saturating_add(1);
    }
    let e = &r.expenses;
    if !e.lines.is_empty() || !e.total.is_blank() || !e.unit.is_blank() {
        let unit = bracket(&e.unit);
        out.more
            .put(row, 0, &format!("{}{unit}", l.expenses.title), Look::Title);
        row = row.saturating_add(1);
        out.more.put(row, 0, &l.expenses.name, Look::Head);
        out.more.put(row, 1, &l.expenses.amount, Look::Head);
        row = row.saturating_add(1);
        // An empty item carries nothing (and would end the block on import).
        for (i, line) in e.lines.iter().enumerate() {
            if line.name.as_str().is_empty() && line.amount.as_str().is_empty() {
                continue;
            }
            out.user(
                Which::More,
                row,
                0,
                format!("/expenses/lines/{i}/name"),
                &line.name,
            );
            out.user(
                Which::More,
                row,
                1,
                format!("/expenses/lines/{i}/amount"),
                &line.amount,
            );
            row = row.saturating_add(1);
        }
        out.more.put(row, 0, &l.expenses.total, Look::Head);
        out.user(Which::More, row, 1, "/expenses/total".into(), &e.total);
        row = row.saturating_add(2);
    }
    for (id, bd) in &r.breakdowns {
        let name = pack
            .spec
            .breakdowns
            .iter()
            .find(|b| &b.id == id)
            .map_or(id.as_str(), |b| b.name.as_str());
        let unit = bracket(&bd.unit);
        out.more.put(row, 0, &format!("{name}{unit}"), Look::Title);
        row = row.saturating_add(1);
        out.more.put(row, 0, &l.breakdown.name, Look::Head);
        out.more.put(row, 1, &l.breakdown.value, Look::Head);
        row = row.saturating_add(1);
        let bid = crate::model::report::escape(id);
        out.more.put(row, 0, &l.breakdown.total, Look::Head);
        out.user(
            Which::More,
            row,
            1,
            format!("/breakdowns/{bid}/total"),
            &bd.total,
        );
        row = row.saturating_add(1);
        for (i, it) in bd.items.iter().enumerate() {
            if it.name.as_str().is_empty() && it.value.as_str().is_empty() {
                continue;
            }
            out.user(
                Which::More,
                row,
                0,
                format!("/breakdowns/{bid}/items/{i}/name"),
                &it.name,
            );
            out.user(
                Which::More,
                row,
                1,
                format!("/breakdowns/{bid}/items/{i}/value"),
                &it.value,
            );
            row = row.saturating_add(1);
        }
        row = row.saturating_add(1);
    }
    for spec in &pack.spec.tables {
        if let Some(t) = r.tables.get(&spec.id) {
            row = pack_table(out, spec, t, row);
        }
    }
    let pc = &r.per_capita;
    if !pc.levels.is_empty() || !pc.standard.is_blank() || !pc.persons.is_blank() {
        let p = &l.per_capita;
        out.more.put(row, 0, &p.title, Look::Title);
        row = row.saturating_add(1);
        out.more.put(row, 0, &p.standard, Look::Head);
        out.user(
            Which::More,
            row,
            1,
            "/perCapita/standard".into(),
            &pc.standard,
        );
        row = row.saturating_add(1);
        out.more.put(row, 0, &p.persons, Look::Head);
        out.user(
            Which::More,
            row,
            1,
            "/perCapita/persons".into(),
            &pc.persons,
        );
        row = row.saturating_add(1);
        out.more.put(row, 0, &p.level, Look::Head);
        out.more.put(row, 1, &p.level_standard, Look::Head);
        out.more.put(row, 2, &p.level_funds, Look::Head);
        row = row.saturating_add(1);
        for (i, lv) in pc.levels.iter().enumerate() {
            if [&lv.name, &lv.standard, &lv.funds]
                .iter()
                .all(|r| r.as_str().is_empty())
            {
                continue;
            }
            out.user(
                Which::More,
                row,
                0,
                format!("/perCapita/levels/{i}/name"),
                &lv.name,
            );
            out.user(
                Which::More,
                row,
                1,
                format!("/perCapita/levels/{i}/standard"),
                &lv.standard,
            );
            out.user(
                Which::More,
                row,
                2,
                format!("/perCapita/levels/{i}/funds"),
                &lv.funds,
            );
            row = row.saturating_add(1);
        }
    }
}

/// A table the pack declares: its name (and unit), a heading row of its
/// columns, a row per row of the pack; blank computed rows filled in.
/// Nothing when the report left the table empty.
fn pack_table(
    out: &mut Out,
    spec: &crate::model::pack::TableSpec,
    t: &crate::model::report::Table,
    mut row: u32,
) -> u32 {
    let filled = !t.unit.is_blank()
        || t.rows
            .values()
            .flat_map(|c| c.values())
            .any(|v| !v.is_blank());
    if !filled {
        return row;
    }
    out.more.put(
        row,
        0,
        &format!("{}{}", spec.name, bracket(&t.unit)),
        Look::Title,
    );
    row = row.saturating_add(1);
    out.more.put(row, 0, &layout().table_item, Look::Head);
    for (j, col) in spec.columns.iter().enumerate() {
        out.more
            .put(row, (j as u32).saturating_add(1), &col.name, Look::Head);
    }
    row = row.saturating_add(1);
    for r in &spec.rows {
        out.more.put(row, 0, &r.name, Look::Head);
        let cells = t.rows.get(&r.id);
        for (j, col) in spec.columns.iter().enumerate() {
            let raw = cells
                .and_then(|c| c.get(&col.id))
                .cloned()
                .unwrap_or_default();
            let computed = out
                .computed
                .get(&crate::rules::tables_computed(&spec.id, &r.id, &col.id))
                .cloned();
            out.user_or(
                Which::More,
                row,
                (j as u32).saturating_add(1),
                crate::rules::tables_cell(&spec.id, &r.id, &col.id),
                &raw,
                computed,
            );
        }
        row = row.saturating_add(1);
    }
    row.saturating_add(1)
}

fn bracket(unit: &Raw) -> String {
    if unit.as_str().is_empty() {
        String::new()
    } else {
        format!("（{}）", unit.as_str())
    }
}

fn findings_sheet(out: &Out, engine: &Engine) -> Sheet {
    let l = layout();
    let mut s = Sheet::new(&l.findings_sheet);
    for (i, h) in l.findings_header.iter().enumerate() {
        s.put(0, i as u32, h, Look::Head);
    }
    let mut row = 1u32;
    for f in engine.findings_iter() {
        let path = f.paths.first().map(String::as_str).unwrap_or("");
        let at = out.cells.get(path).map_or("", String::as_str);
        for (i, t) in [
            f.severity.zh(),
            f.code.as_str(),
            at,
            path,
            f.message.as_str(),
        ]
        .iter()
        .enumerate()
        {
            s.put(row, i as u32, t, Look::Plain);
        }
        row = row.saturating_add(1);
    }
    s.widths = vec![(0, 6.0), (1, 24.0), (2, 14.0), (3, 36.0), (4, 70.0)];
    s
}
