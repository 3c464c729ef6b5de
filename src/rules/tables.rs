//! Tables a pack declares (基金运行 …). Each check of the pack is a node —
//! [`TableCheck::Sum`], `Difference` or `Ratio` — declared once per column
//! and evaluated by one `match` in [`eval`]: it computes its output row
//! from its input rows and compares what was typed in the output row.
//! Nothing here knows a row by name: a new table is pack data only.

use rust_decimal::Decimal;

use super::{item, listed, table_dp, unit_at, Rx};
use crate::calc::{self, Fig};
use crate::codes::Code;
use crate::finding::{Args, Paths};
use crate::graph::{Builder, Ctx, Out, Val, K};
use crate::model::pack::{Label, TableCheck, TableSpec};
use crate::model::report::escape;
use crate::model::Report;
use crate::parse::Unit;

/// The units a table's money rows may be in.
pub(crate) const MONEY_UNITS: &[&str] = &["万元", "元"];

/// A cell's path: `/tables/<table>/rows/<row>/<column>`.
pub(crate) fn cell(table: &str, row: &str, col: &str) -> String {
    format!(
        "/tables/{}/rows/{}/{}",
        escape(table),
        escape(row),
        escape(col)
    )
}

/// Where a check's computed value is: `/computed/tables/<table>/<row>/<column>`.
pub(crate) fn computed(table: &str, row: &str, col: &str) -> String {
    format!(
        "/computed/tables/{}/{}/{}",
        escape(table),
        escape(row),
        escape(col)
    )
}

/// One check in one column, as the graph runs it.
struct Node {
    check: TableCheck,
    /// The input rows' cells in the check's order: the typed value's
    /// parsed key, and the computed key where another check computes the
    /// row (a blank cell then takes the computed value).
    inputs: Vec<(K, Option<K>)>,
    /// The output row's cell: what was typed there (a partial sum's total
    /// takes the computed value when blank, as its inputs do).
    stated: (K, Option<K>),
    /// The output cell, then the input cells.
    paths: Paths,
    /// The output cell's name (table·row·column), zh and en.
    field: (String, String),
    /// The formula in the rows' names, for messages.
    formula: String,
    /// The output row's own unit ("个月"); `None` for money rows, which
    /// are in the table's unit as chosen.
    own_unit: Option<String>,
}

pub(super) fn units(rx: &Rx, report: &Report, b: &mut Builder) {
    let pack = rx.pack.clone();
    for spec in &pack.spec.tables {
        let Some(table) = report.tables.get(&spec.id) else {
            continue;
        };
        let unit = super::fields::table_unit(table.unit.as_str(), &spec.unit, MONEY_UNITS);
        let unit_key = b.parsed_key(&format!("/tables/{}/unit", escape(&spec.id)));
        for col in &spec.columns {
            let column = Column {
                rx,
                spec,
                col,
                unit: &unit,
                unit_key,
            };
            // Every computed row of the column first, so a check may read
            // what another computes (the pack checker refuses cycles).
            let mut outs: Vec<(&str, K)> = Vec::new();
            for check in &spec.checks {
                if let Some(k) = column.output_key(check, b) {
                    outs.push((check.output(), k));
                }
            }
            for check in &spec.checks {
                column.declare(check, &outs, b);
            }
        }
    }
}

/// One column of one table as its checks are declared: the table, the
/// column, and the unit the report chose for its money rows (with the
/// key it is typed at).
struct Column<'a> {
    rx: &'a Rx,
    spec: &'a TableSpec,
    col: &'a Label,
    unit: &'a Unit,
    unit_key: K,
}

impl Column<'_> {
    /// The computed key of `check`'s output in this column; none for a
    /// partial sum, whose total is typed.
    fn output_key(&self, check: &TableCheck, b: &mut Builder) -> Option<K> {
        let Column {
            rx,
            spec,
            col,
            unit,
            unit_key,
        } = *self;
        let path = computed(&spec.id, check.output(), &col.id);
        let k = match check {
            TableCheck::Sum { partial: true, .. } => return None,
            TableCheck::Ratio { decimals, .. } => b.computed(
                &path,
                *decimals,
                spec.own_unit(check.output()).unwrap_or(""),
            ),
            _ => b.computed_in(&path, rx.amount_dp(), unit.text(), unit_key),
        };
        // Shown by the form and listed in the upload, whether or not another
        // check reads it.
        b.optional(k);
        Some(k)
    }

    fn declare(&self, check: &TableCheck, outs: &[(&str, K)], b: &mut Builder) {
        let Column {
            rx,
            spec,
            col,
            unit,
            unit_key,
        } = *self;
        let name = |id: &str| spec.row(id).map_or(id, |r| r.name.as_str()).to_string();
        let computed_of = |id: &str| outs.iter().find(|(r, _)| *r == id).map(|&(_, k)| k);
        let out_row = check.output();
        let input_paths: Vec<String> = check
            .inputs()
            .iter()
            .map(|r| cell(&spec.id, r, &col.id))
            .collect();
        let inputs: Vec<(K, Option<K>)> = check
            .inputs()
            .iter()
            .zip(&input_paths)
            .map(|(r, p)| (b.parsed_key(p), computed_of(r)))
            .collect();
        let out_path = cell(&spec.id, out_row, &col.id);
        let partial = matches!(check, TableCheck::Sum { partial: true, .. });
        let own = computed_of(out_row);
        let stated = (b.parsed_key(&out_path), if partial { own } else { None });
        let formula = match check {
            TableCheck::Sum { items, .. } => items
                .iter()
                .map(|r| name(r))
                .collect::<Vec<_>>()
                .join(" + "),
            TableCheck::Difference { of, less, .. } => format!("{} − {}", name(of), name(less)),
            TableCheck::Ratio {
                num, den, times, ..
            } => format!("{} ÷ {} × {times}", name(num), name(den)),
        };
        let own_unit = spec.own_unit(out_row).map(str::to_string);
        let out_name = name(out_row);
        let out_en = spec.row(out_row).map_or("", |r| r.name_en.as_str());
        let node = Node {
            check: check.clone(),
            inputs: inputs.clone(),
            stated,
            paths: listed(&out_path, &input_paths),
            field: (
                format!("{}·{out_name}·{}", spec.name, col.name),
                format!("{} {out_en} {}", spec.name_en, col.name_en),
            ),
            formula,
            own_unit,
        };
        let writes: Vec<K> = if partial {
            vec![]
        } else {
            own.into_iter().collect()
        };
        let mut reads: Vec<K> = inputs
            .iter()
            .flat_map(|&(p, c)| std::iter::once(p).chain(c))
            .collect();
        reads.push(stated.0);
        reads.extend(stated.1);
        reads.push(unit_key);
        let (rx, fallback) = (rx.clone(), unit.clone());
        b.unit(reads, writes, move |cx| {
            let unit = unit_at(cx, unit_key, &fallback);
            eval(&rx, &node, cx, &unit)
        });
    }
}

/// A cell's value: what was typed (an interval, at least `min_dp`
/// precise), else the computed value of its row; `None` inside when
/// blank; `None` outside when the typed text failed to parse (its own
/// finding says so).
fn value(cx: &Ctx, (typed, computed): (K, Option<K>), min_dp: u32) -> Option<Option<Fig>> {
    if cx.invalid(typed) {
        return None;
    }
    if let Some(q) = cx.quantity(typed) {
        return Some(Some(item(q, min_dp)));
    }
    Some(computed.and_then(|k| match cx.get(k) {
        Val::Fig(f) => Some(*f),
        Val::Num(n) => Some(Fig::exact(*n)),
        _ => None,
    }))
}

/// The input cells' values (see [`value`]), or `None` when any failed.
fn figs(cx: &Ctx, keys: &[(K, Option<K>)], min_dp: u32) -> Option<Vec<Option<Fig>>> {
    keys.iter().map(|&k| value(cx, k, min_dp)).collect()
}

fn eval(rx: &Rx, n: &Node, cx: &Ctx, unit: &Unit) -> Out {
    let dp = table_dp(rx, unit);
    let mut out = Out::default();
    let Some(inputs) = figs(cx, &n.inputs, dp) else {
        out.vals =
            vec![Val::None; usize::from(!matches!(n.check, TableCheck::Sum { partial: true, .. }))];
        return out;
    };
    // What was typed in the output cell, as typed: its precision decides
    // how closely it must agree.
    let stated = if cx.invalid(n.stated.0) {
        None
    } else {
        cx.quantity(n.stated.0).map(Fig::of)
    };
    let args = || Args::field(&n.field.0).en(&n.field.1).detail(&n.formula);
    match &n.check {
        TableCheck::Sum {
            partial, all_items, ..
        } => {
            let filled: Vec<&Fig> = inputs.iter().flatten().collect();
            let waiting = *all_items && filled.len() < inputs.len();
            let sum = if filled.is_empty() || waiting {
                None
            } else {
                calc::sum_figs(filled)
            };
            if *partial {
                let total = value(cx, n.stated, dp).flatten();
                if let (Some(s), Some(t)) = (sum, total) {
                    if rx.exceeds(&s, &t) {
                        out.findings.push(
                            rx.finding_at(
                                Code::TableExceeds,
                                &n.paths,
                                args()
                                    .expected(calc::show(s.value, dp))
                                    .actual(t.value.normalize().to_string())
                                    .unit(unit.text()),
                            ),
                        );
                    }
                }
                return out;
            }
            out.vals = vec![sum.map(Val::Fig).unwrap_or_default()];
            if let (Some(s), Some(t)) = (sum, stated) {
                out.findings.extend(rx.agree_finding(
                    Code::TableSum,
                    &n.paths,
                    args(),
                    &t,
                    &s,
                    unit.text(),
                    dp,
                ));
            }
        }
        TableCheck::Difference { .. } => {
            let (Some(Some(a)), Some(Some(l))) = (inputs.first(), inputs.get(1)) else {
                out.vals = vec![Val::None];
                return out;
            };
            let diff = a.value.checked_sub(l.value).zip(a.half.checked_add(l.half));
            let Some((value, half)) = diff else {
                out.vals = vec![Val::None];
                return out;
            };
            let d = Fig { value, half };
            out.vals = vec![Val::Fig(d)];
            if let Some(t) = stated {
                out.findings.extend(rx.agree_finding(
                    Code::TableDifference,
                    &n.paths,
                    args(),
                    &t,
                    &d,
                    unit.text(),
                    dp,
                ));
            }
        }
        TableCheck::Ratio {
            times, decimals, ..
        } => {
            out.vals = vec![Val::None];
            let (Some(Some(num)), Some(Some(den))) = (inputs.first(), inputs.get(1)) else {
                return out;
            };
            let Some(times) = calc::dec(times) else {
                return out;
            };
            let Some(exact) = ratio(num.value, den.value, times) else {
                return out;
            };
            out.vals = vec![Val::Num(exact)];
            let Some(t) = stated else {
                return out;
            };
            let mode = rx.pack.spec.figures;
            let (Some(range), Some((slo, shi))) =
                (ratio_range(num, den, times, mode), t.bounds(mode))
            else {
                return out;
            };
            // The stated figure stands for an interval, and so does the
            // ratio of two typed figures: they must meet.
            if slo > range.1 || shi < range.0 {
                let shown_unit = n.own_unit.as_deref().unwrap_or("");
                out.findings.push(
                    rx.finding_at(
                        Code::TableRatio,
                        &n.paths,
                        args()
                            .expected(calc::show(exact, *decimals))
                            .actual(t.value.normalize().to_string())
                            .unit(shown_unit),
                    ),
                );
            }
        }
    }
    out
}

/// `num ÷ den × times`, or `None` on a zero `den` or overflow.
fn ratio(num: Decimal, den: Decimal, times: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        return None;
    }
    num.checked_mul(times)?.checked_div(den)
}

/// The least and greatest [`ratio`] over the intervals of `num` and `den`;
/// `None` when `den`'s interval holds zero.
fn ratio_range(
    num: &Fig,
    den: &Fig,
    times: Decimal,
    mode: crate::model::pack::FigureMode,
) -> Option<(Decimal, Decimal)> {
    let (nlo, nhi) = num.bounds(mode)?;
    let (dlo, dhi) = den.bounds(mode)?;
    if dlo <= Decimal::ZERO && dhi >= Decimal::ZERO {
        return None;
    }
    let mut lo: Option<Decimal> = None;
    let mut hi: Option<Decimal> = None;
    for n in [nlo, nhi] {
        for d in [dlo, dhi] {
            let r = ratio(n, d, times)?;
            lo = Some(lo.map_or(r, |x| x.min(r)));
            hi = Some(hi.map_or(r, |x| x.max(r)));
        }
    }
    lo.zip(hi)
}
