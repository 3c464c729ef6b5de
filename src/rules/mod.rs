//! The rules, one family per file; each rule lives in one place and
//! declares the units it needs on the engine's graph.
//!
//! | file | rules (SPEC §5) |
//! |---|---|
//! | `fields.rs` | parsing of every field, required fields, text limits, plausibility (rule 9) |
//! | `basic.rs` | basic info consistency (dates) |
//! | `funds.rs` | source sums (1), 结余 (2), rates, over-100% and unspent share (8, 9, 11) |
//! | `expenses.rs` | expense lines vs totals across units (3) |
//! | `breakdowns.rs` | category breakdowns (4), per-capita standards (5) |
//! | `tables.rs` | tables a pack declares: sums, differences, ratios, stated vs computed |
//! | `indicators.rs` | completion, scoring, tiers, deviation reasons, low targets (7, 10) |
//! | `totals.rs` | weights (6), subtotals, total, 得分率, grade (7), score vs spending (11) |
//! | `narrative.rs` | statements in the text against the figures (12) |

mod basic;
mod breakdowns;
mod expenses;
pub mod fields;
mod funds;
mod indicators;
pub mod narrative;
mod tables;
mod totals;

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::calc;
use crate::codes::Code;
use crate::finding::{self, Args, Finding, Paths};
use crate::graph::{Builder, Ctx};
use crate::model::pack::Column;
use crate::model::report::{escape, Line};
use crate::model::Report;
use crate::pack::{NodeKind, Pack};
use crate::parse::Quantity;

/// Rule context: the pack, shared by every unit.
#[derive(Clone)]
pub(crate) struct Rx {
    pub pack: Arc<Pack>,
}

impl Rx {
    pub fn finding(&self, code: Code, paths: &[&str], args: Args) -> Finding {
        let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
        finding::build(&*self.pack, code, paths, args)
    }

    /// [`Rx::finding`] naming a list made once (long lists: every row of
    /// a table).
    pub fn finding_at(&self, code: Code, paths: &Paths, args: Args) -> Finding {
        finding::build(&*self.pack, code, paths.clone(), args)
    }

    pub fn amount_dp(&self) -> u32 {
        self.pack.spec.decimals.amount
    }
    pub fn rate_dp(&self) -> u32 {
        self.pack.spec.decimals.rate
    }
    pub fn score_dp(&self) -> u32 {
        self.pack.spec.decimals.score
    }

    /// Finding for a sum that failed to agree, with the 10,000× slip check.
    /// `field` names the total; `sum` is what the items add up to.
    #[allow(clippy::too_many_arguments)]
    pub fn sum_finding(
        &self,
        code: Code,
        paths: &Paths,
        field: (&str, &str),
        total: &calc::Fig,
        sum: &calc::Fig,
        unit: &str,
        dp: u32,
    ) -> Option<Finding> {
        let args = Args::field(field.0).en(field.1);
        self.agree_finding(code, paths, args, total, sum, unit, dp)
    }

    /// [`Rx::sum_finding`] with the finding's arguments begun by the caller
    /// (a field and a `detail`): a stated figure against the one computed
    /// from others, a rounding slip and a 10,000× slip told apart.
    #[allow(clippy::too_many_arguments)]
    pub fn agree_finding(
        &self,
        code: Code,
        paths: &Paths,
        args: Args,
        stated: &calc::Fig,
        computed: &calc::Fig,
        unit: &str,
        dp: u32,
    ) -> Option<Finding> {
        let (total, sum) = (stated, computed);
        let agreement = calc::agree(total, sum, self.pack.spec.figures);
        let expected = calc::show(sum.value, dp);
        let actual = total.value.normalize().to_string();
        let args = args.expected(expected.clone()).actual(actual).unit(unit);
        match agreement {
            calc::Agreement::Agree => None,
            calc::Agreement::Truncated => Some(self.finding_at(
                Code::SumTruncated,
                paths,
                args.hint(
                    format!("应为 {expected}{unit}"),
                    format!("should be {expected}{unit}"),
                ),
            )),
            calc::Agreement::Disagree => {
                let t = &self.pack.tol;
                if let Some(f) =
                    calc::slip_factor(total.value, sum.value, t.unit_slip_min, t.unit_slip_max)
                {
                    return Some(self.finding_at(
                        Code::UnitSlip,
                        paths,
                        args.detail(f.normalize().to_string()).hint(
                            "检查单位：元与万元、人与万人相差 10000 倍",
                            "check the unit: 元 vs 万元, 人 vs 万人 differ by 10,000",
                        ),
                    ));
                }
                Some(self.finding_at(
                    code,
                    paths,
                    args.hint(
                        format!("应为 {expected}{unit}"),
                        format!("should be {expected}{unit}"),
                    ),
                ))
            }
        }
    }

    /// Whether `part` exceeds `total` beyond what rounding of either can
    /// explain (its least value above the total's greatest): a "其中" over
    /// its total.
    pub fn exceeds(&self, part: &calc::Fig, total: &calc::Fig) -> bool {
        let mode = self.pack.spec.figures;
        match (part.bounds(mode), total.bounds(mode)) {
            (Some((lo, _)), Some((_, hi))) => lo > hi,
            _ => false,
        }
    }

    /// Whether a stated score equals a computed one at the pack's precision.
    pub fn score_equal(&self, stated: &Quantity, computed: Decimal) -> bool {
        stated.value == calc::round(computed, self.score_dp().max(stated.decimals.max(0) as u32))
    }
}

/// Read a typed figure from a parsed key as an interval: a stated total,
/// which may have been rounded to the digits typed.
pub(crate) fn fig(cx: &Ctx, k: crate::graph::K) -> Option<calc::Fig> {
    cx.quantity(k).map(calc::Fig::of)
}

/// The items of a sum, as intervals, or `None` when any item failed to
/// parse (its own finding says so; a sum check on top would only repeat it).
///
/// Items are source figures: "10" in a 万元 table means 10.00, so an item's
/// precision is at least the table's (`min_dp` in the item's unit), while a
/// stated total keeps the precision it was typed with (SPEC §5: a total of
/// 2695 for items adding to 2695.79 is a rounding finding, not a sum error).
pub(crate) fn items(cx: &Ctx, keys: &[crate::graph::K], min_dp: u32) -> Option<Vec<calc::Fig>> {
    let mut out = Vec::with_capacity(keys.len());
    for &k in keys {
        if cx.invalid(k) {
            return None;
        }
        if let Some(q) = cx.quantity(k) {
            out.push(item(q, min_dp));
        }
    }
    Some(out)
}

/// A finding's paths: `first`, then `rest` (a total, then its items).
pub(crate) fn listed(first: &str, rest: &[String]) -> Paths {
    std::iter::once(first.to_string())
        .chain(rest.iter().cloned())
        .collect()
}

/// One item of a sum as an interval, at least `min_dp` precise.
pub(crate) fn item(q: &crate::parse::Quantity, min_dp: u32) -> calc::Fig {
    let mut q = q.clone();
    q.decimals = q.decimals.max(min_dp as i32);
    calc::Fig::of(&q)
}

/// The sum of [`items`] without a list of them (a table has up to 10,000
/// rows, summed again on every edit of one): `None` when an item failed
/// to parse, `Some(None)` when there is none or the sum overflows.
pub(crate) fn sum_items(
    cx: &Ctx,
    keys: &[crate::graph::K],
    min_dp: u32,
) -> Option<Option<calc::Fig>> {
    let mut acc: Option<calc::Fig> = None;
    let mut overflow = false;
    for &k in keys {
        if cx.invalid(k) {
            return None;
        }
        if let Some(q) = cx.quantity(k) {
            let f = item(q, min_dp);
            acc = match acc {
                None => Some(f),
                Some(a) => {
                    let sum = calc::sum_figs([&a, &f]);
                    overflow |= sum.is_none();
                    sum.or(Some(a))
                }
            };
        }
    }
    Some(acc.filter(|_| !overflow))
}

/// Decimals a table's figures carry in `unit`: amounts and 万人 to the
/// pack's amount precision, head counts in 人 whole.
pub(crate) fn table_dp(rx: &Rx, unit: &crate::parse::Unit) -> u32 {
    unit_decimals(unit.text(), rx.amount_dp())
}

/// A table's unit as its unit field reads now (the parsed key `k` of
/// `/funds/unit`, `/expenses/unit` …), else `fallback`: units that read
/// it follow a change of unit without a rebuild.
pub(crate) fn unit_at(
    cx: &Ctx,
    k: crate::graph::K,
    fallback: &crate::parse::Unit,
) -> crate::parse::Unit {
    cx.text(k)
        .and_then(crate::parse::Unit::from_text)
        .unwrap_or_else(|| fallback.clone())
}

/// The decimals a figure in table unit `unit` (as chosen) is shown with:
/// none for a count of 人 or 人次, else `decimals`.
pub(crate) fn unit_decimals(unit: &str, decimals: u32) -> u32 {
    match unit {
        "人" | "人次" => 0,
        _ => decimals,
    }
}

/// Add the fields the pack defines but the report lacks, empty, so every
/// field of the form exists and can be set. The report becomes a report of
/// `pack`: its `pack` member names the pack that evaluates it, so an upload
/// built from it verifies (found by fuzzing: a report naming another pack,
/// checked under an override, gave an upload that failed its own verify).
pub fn complete(pack: &Pack, report: &mut Report) {
    if report.schema_version.is_empty() {
        report.schema_version = crate::REPORT_SCHEMA_VERSION.to_string();
    }
    if report.pack != pack.id() {
        report.pack = pack.id().to_string();
    }
    let spec = &pack.spec;
    lay_out(
        &mut report.funds.rows,
        spec.funds.rows.iter().map(|r| r.id.as_str()),
        || spec.funds.columns.iter().map(|c| c.id.id()),
    );

    for n in pack.nodes.values() {
        if matches!(n.kind, NodeKind::Line { .. }) && !report.indicators.contains_key(&n.id) {
            report.indicators.insert(n.id.clone(), Line::default());
        }
    }
    let mut rates = vec!["budgetExecution"];
    if spec.funds.rates.funds_arrival.is_some() {
        rates.insert(0, "fundsArrival");
    }
    if pack.has_column(Column::Received) && pack.has_column(Column::Spent) {
        rates.push("balanceRate");
    }
    for k in rates {
        report.stated.rates.entry(k.to_string()).or_default();
    }
    for n in pack.nodes.values() {
        if !matches!(n.kind, NodeKind::Line { .. }) {
            report.stated.nodes.entry(n.id.clone()).or_default();
        }
    }
    for b in &spec.breakdowns {
        report.breakdowns.entry(b.id.clone()).or_default();
    }
    for t in &spec.tables {
        let table = report.tables.entry(t.id.clone()).or_default();
        lay_out(
            &mut table.rows,
            t.rows.iter().map(|r| r.id.as_str()),
            || t.columns.iter().map(|c| c.id.as_str()),
        );
    }
    for l in &spec.narrative {
        report.narrative.entry(l.id.clone()).or_default();
    }
}

/// A pack table's cell (see `tables.rs`).
pub fn tables_cell(table: &str, row: &str, col: &str) -> String {
    tables::cell(table, row, col)
}

/// Where a pack table's computed value is (see `tables.rs`).
pub fn tables_computed(table: &str, row: &str, col: &str) -> String {
    tables::computed(table, row, col)
}

/// A table's cells in the pack's order: every pack row with every pack
/// column (empty where the report had none), then whatever else the report
/// holds (the structure check names it), nothing dropped.
fn lay_out<'a, C: Iterator<Item = &'a str>>(
    cells: &mut indexmap::IndexMap<String, indexmap::IndexMap<String, crate::model::Raw>>,
    rows: impl Iterator<Item = &'a str>,
    columns: impl Fn() -> C,
) {
    let mut out = indexmap::IndexMap::new();
    for r in rows {
        let mut row = cells.shift_remove(r).unwrap_or_default();
        let mut ordered = indexmap::IndexMap::new();
        for c in columns() {
            ordered.insert(c.to_string(), row.shift_remove(c).unwrap_or_default());
        }
        ordered.extend(row);
        out.insert(r.to_string(), ordered);
    }
    out.extend(std::mem::take(cells));
    *cells = out;
}

/// Build the evaluation graph for a (completed) report.
pub fn build(pack: &Arc<Pack>, report: &Report) -> crate::graph::Graph {
    let rx = Rx { pack: pack.clone() };
    let mut b = Builder::default();
    fields::units(&rx, report, &mut b);
    basic::units(&rx, &mut b);
    funds::units(&rx, report, &mut b);
    expenses::units(&rx, report, &mut b);
    breakdowns::units(&rx, report, &mut b);
    tables::units(&rx, report, &mut b);
    indicators::units(&rx, report, &mut b);
    totals::units(&rx, report, &mut b);
    narrative::units(&rx, report, &mut b);
    structure(&rx, report, &mut b);
    b.finish()
}

/// Parts of the report the pack does not know.
fn structure(rx: &Rx, report: &Report, b: &mut Builder) {
    let pack = &rx.pack;
    let title = pack.spec.title.clone();
    let mut out = Vec::new();
    let not_in_pack = |path: String, what: String| {
        rx.finding(
            Code::NotInPack,
            &[&path],
            Args::field(what).detail(title.clone()),
        )
    };
    for (r, cells) in &report.funds.rows {
        let row = pack.spec.funds.rows.iter().find(|x| &x.id == r);
        for c in cells.keys() {
            let col_ok = Column::from_id(c).is_some_and(|c| pack.has_column(c));
            if row.is_none() || !col_ok {
                out.push(not_in_pack(
                    format!("/funds/rows/{}/{}", escape(r), escape(c)),
                    format!("资金表“{r}·{c}”"),
                ));
            }
        }
    }
    for id in report.breakdowns.keys() {
        if !pack.spec.breakdowns.iter().any(|x| &x.id == id) {
            out.push(not_in_pack(
                format!("/breakdowns/{}", escape(id)),
                format!("分类“{id}”"),
            ));
        }
    }
    for (id, table) in &report.tables {
        let Some(spec) = pack.spec.tables.iter().find(|t| &t.id == id) else {
            out.push(not_in_pack(
                format!("/tables/{}", escape(id)),
                format!("表格“{id}”"),
            ));
            continue;
        };
        for (r, cells) in &table.rows {
            let row_ok = spec.rows.iter().any(|x| &x.id == r);
            for c in cells.keys() {
                if !row_ok || !spec.columns.iter().any(|x| &x.id == c) {
                    out.push(not_in_pack(
                        format!("/tables/{}/rows/{}/{}", escape(id), escape(r), escape(c)),
                        format!("{}“{r}·{c}”", spec.name),
                    ));
                }
            }
        }
    }
    for id in report.stated.nodes.keys() {
        let ok = pack
            .node(id)
            .is_some_and(|n| !matches!(n.kind, NodeKind::Line { .. }));
        if !ok {
            out.push(not_in_pack(
                format!("/stated/nodes/{}", escape(id)),
                format!("指标“{id}”"),
            ));
        }
    }
    for k in report.stated.rates.keys() {
        if !matches!(
            k.as_str(),
            "fundsArrival" | "budgetExecution" | "balanceRate"
        ) {
            out.push(not_in_pack(
                format!("/stated/rates/{}", escape(k)),
                format!("比率“{k}”"),
            ));
        }
    }
    b.fixed(out);
}
