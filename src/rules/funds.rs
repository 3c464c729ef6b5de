//! The funds table: sources sum to the total per column (rule 1), 结余 =
//! 到位 − 支出 (rule 2), the rates, rates over 100% (rule 9), unspent share
//! and zero budget (rule 11), stated rates against computed ones (rule 8).

use rust_decimal::Decimal;

use super::{fig, items, listed, sum_items, table_dp, unit_at, Rx};
use crate::calc::{self, Fig};
use crate::codes::Code;
use crate::finding::Args;
use crate::finding::Paths;
use crate::graph::{Builder, Out, Val, K};
use crate::model::pack::{Column, RateSpec, Ratio, RowRole};
use crate::model::report::escape;
use crate::model::Report;
use crate::parse::Unit;

pub(super) fn cell(row: &str, col: Column) -> String {
    format!("/funds/rows/{}/{}", escape(row), col.id())
}

pub(super) fn units(rx: &Rx, report: &Report, b: &mut Builder) {
    let pack = rx.pack.clone();
    let Some(total_row) = pack.total_row().map(str::to_string) else {
        return;
    };
    let unit = super::fields::table_unit(
        report.funds.unit.as_str(),
        &pack.spec.funds.unit,
        &["万元", "元"],
    );
    let unit_text = unit.text().to_string();
    // The unit as chosen now: units that show or say it read it, so a
    // change of unit re-runs them without a rebuild.
    let unit_key = b.parsed_key("/funds/unit");
    let dp = rx.amount_dp();
    let rows = &pack.spec.funds.rows;
    let row_name = |id: &str| {
        rows.iter()
            .find(|r| r.id == id)
            .map(|r| (r.name.clone(), r.name_en.clone()))
            .unwrap_or_default()
    };

    // Rule 1: parts sum to the total, per column; "其中" rows within it.
    for col in pack.spec.funds.columns.iter().map(|c| c.id) {
        let (cz, ce) = pack.column_name(col);
        let (cz, ce) = (cz.to_string(), ce.to_string());
        let parts: Vec<String> = rows
            .iter()
            .filter(|r| r.role == RowRole::Part)
            .map(|r| cell(&r.id, col))
            .collect();
        let part_keys: Vec<_> = parts.iter().map(|p| b.parsed_key(p)).collect();
        let total_path = cell(&total_row, col);
        let total_key = b.parsed_key(&total_path);
        let sum_key = b.computed_in(
            &format!("/computed/funds/sum/{}", col.id()),
            dp,
            &unit_text,
            unit_key,
        );
        let eff_key = b.computed_in(
            &format!("/computed/funds/total/{}", col.id()),
            dp,
            &unit_text,
            unit_key,
        );
        let total_path = cell(&total_row, col);
        let paths = listed(&total_path, &parts);
        let mut reads = part_keys.clone();
        reads.extend([total_key, unit_key]);
        let (rx2, fallback) = (rx.clone(), unit.clone());
        let (tz, te) = row_name(&total_row);
        let field = (format!("{tz}·{cz}"), format!("{te} {ce}"));
        b.unit(reads, vec![sum_key, eff_key], move |cx| {
            let unit = unit_at(cx, unit_key, &fallback);
            let min_dp = table_dp(&rx2, &unit);
            let sum = sum_items(cx, &part_keys, min_dp).flatten();
            let total = fig(cx, total_key);
            // A 合计 printed 0 above source rows that hold amounts is a cell
            // left unfilled (FUND_SUM says so): the rates and the checks
            // after them use what the rows add up to, as an auditor reads it.
            let effective = match (total, sum) {
                (Some(t), Some(s)) if t.value.is_zero() && !s.value.is_zero() => Some(s),
                _ => total.or(sum),
            };
            let mut out = Out {
                vals: vec![
                    sum.map(Val::Fig).unwrap_or_default(),
                    effective.map(Val::Fig).unwrap_or_default(),
                ],
                findings: vec![],
                ..Default::default()
            };
            if let (Some(t), Some(s)) = (total, sum) {
                out.findings.extend(rx2.sum_finding(
                    Code::FundSum,
                    &paths,
                    (&field.0, &field.1),
                    &t,
                    &s,
                    unit.text(),
                    dp,
                ));
            }
            out
        });

        for r in rows.iter().filter(|r| r.role == RowRole::OfWhich) {
            let path = cell(&r.id, col);
            let k = b.parsed_key(&path);
            let (rx2, fallback) = (rx.clone(), unit.clone());
            let field = (format!("{}·{cz}", r.name), format!("{} {ce}", r.name_en));
            let tp = cell(&total_row, col);
            b.unit(vec![k, eff_key, unit_key], vec![], move |cx| {
                let ut = unit_at(cx, unit_key, &fallback);
                let ut = ut.text();
                let mut out = Out::default();
                if let (Some(part), Some(total)) = (fig(cx, k), cx.fig(eff_key)) {
                    if rx2.exceeds(&part, &total) {
                        out.findings.push(
                            rx2.finding(
                                Code::BreakdownExceeds,
                                &[&path, &tp],
                                Args::field(&field.0)
                                    .en(&field.1)
                                    .expected(part.value.normalize().to_string())
                                    .actual(total.value.normalize().to_string())
                                    .unit(ut),
                            ),
                        );
                    }
                }
                out
            });
        }
    }

    // Rule 2: 结余 = 到位 − 支出, per row.
    let has = |c| pack.has_column(c);
    if has(Column::Received) && has(Column::Spent) {
        for r in rows {
            let (rec, sp, bal) = (
                cell(&r.id, Column::Received),
                cell(&r.id, Column::Spent),
                cell(&r.id, Column::Balance),
            );
            let (kr, ks) = (b.parsed_key(&rec), b.parsed_key(&sp));
            let kb = has(Column::Balance).then(|| b.parsed_key(&bal));
            let out_key = b.computed_in(
                &format!("/computed/funds/balance/{}", escape(&r.id)),
                dp,
                &unit_text,
                unit_key,
            );
            let mut reads = vec![kr, ks, unit_key];
            reads.extend(kb);
            let (rx2, fallback) = (rx.clone(), unit.clone());
            let field = (format!("{}·结余", r.name), format!("{} balance", r.name_en));
            let paths: Paths = [bal, rec, sp].into();
            b.unit(reads, vec![out_key], move |cx| {
                let unit = unit_at(cx, unit_key, &fallback);
                let min_dp = table_dp(&rx2, &unit);
                let mut out = Out {
                    vals: vec![Val::None],
                    findings: vec![],
                    ..Default::default()
                };
                let Some([a, s]) =
                    items(cx, &[kr, ks], min_dp).and_then(|v| <[Fig; 2]>::try_from(v).ok())
                else {
                    return out;
                };
                let (Some(value), Some(half)) =
                    (a.value.checked_sub(s.value), a.half.checked_add(s.half))
                else {
                    return out;
                };
                let expected = Fig { value, half };
                out.vals = vec![Val::Fig(expected)];
                if let Some(entered) = kb.and_then(|k| fig(cx, k)) {
                    out.findings.extend(rx2.sum_finding(
                        Code::FundBalance,
                        &paths,
                        (&field.0, &field.1),
                        &entered,
                        &expected,
                        unit.text(),
                        dp,
                    ));
                }
                out
            });
        }
    }

    rates(rx, b, &total_row, (&unit, unit_key), report);
    row_rates(rx, b);
}

/// Rule 9: spending above what arrived, when the execution rate does not
/// already divide by arrivals; `who` names the row (empty for the 合计).
fn spent_over_received(
    rx: &Rx,
    spec: &RateSpec,
    (spent, received): (Option<Decimal>, Option<Decimal>),
    paths: [&str; 2],
    who: (&str, &str),
) -> Option<crate::finding::Finding> {
    if spec.budget_execution.denominator == Column::Received {
        return None;
    }
    let (s, r) = (spent?, received.filter(|r| !r.is_zero())?);
    if s <= r {
        return None;
    }
    let p = calc::percent(s, r)?;
    Some(
        rx.finding(
            Code::FundSpentOver,
            &paths,
            Args::field(format!("{}实际支出/实际到位", who.0))
                .en(format!("{}spent / received", who.1))
                .actual(calc::show(p, rx.rate_dp()))
                .detail(rx.pack.column_name(Column::Received).0),
        ),
    )
}

/// Rates per source row (issue 14 §2.1), where the pack's columns allow,
/// and rule 9's plausibility on each, naming the row: a row that spent more
/// than its budget or than arrived, or received more than its budget, is
/// as worth a look as the 合计 is.
fn row_rates(rx: &Rx, b: &mut Builder) {
    let pack = rx.pack.clone();
    let rdp = rx.rate_dp();
    let spec = pack.spec.funds.rates.clone();
    let has = |c: Column| pack.has_column(c);
    for row in pack
        .spec
        .funds
        .rows
        .iter()
        .filter(|r| r.role != RowRole::Total)
    {
        let id = escape(&row.id);
        let key = |b: &mut Builder, c: Column| has(c).then(|| b.parsed_key(&cell(&row.id, c)));
        let cols = [
            Column::Planned,
            Column::Budget,
            Column::Received,
            Column::Spent,
        ];
        let keys: Vec<(Column, K)> = cols
            .iter()
            .filter_map(|c| key(b, *c).map(|k| (*c, k)))
            .collect();
        let exec_ok =
            has(spec.budget_execution.numerator) && has(spec.budget_execution.denominator);
        let exec_key = exec_ok.then(|| {
            b.computed(
                &format!("/computed/funds/rows/{id}/budgetExecution"),
                rdp,
                "%",
            )
        });
        let arrival = spec
            .funds_arrival
            .filter(|r| has(r.numerator) && has(r.denominator));
        let arrival_key = arrival
            .map(|_| b.computed(&format!("/computed/funds/rows/{id}/fundsArrival"), rdp, "%"));
        if exec_key.is_none() && arrival_key.is_none() {
            continue;
        }
        let mut writes: Vec<K> = Vec::new();
        writes.extend(exec_key);
        writes.extend(arrival_key);
        // The 合计's figures: a row that repeats them (the only source)
        // has its warnings said on the 合计 already.
        let totals: Vec<(Column, K)> = keys
            .iter()
            .map(|(c, _)| (*c, b.key(&format!("/computed/funds/total/{}", c.id()))))
            .collect();
        let mut reads: Vec<K> = keys.iter().map(|(_, k)| *k).collect();
        reads.extend(totals.iter().map(|(_, k)| *k));
        let (rx2, row_id, row_name) = (rx.clone(), row.id.clone(), row.name.clone());
        let spec = spec.clone();
        b.unit(reads, writes, move |cx| {
            let get = |c: Column| {
                keys.iter()
                    .find(|(x, _)| *x == c)
                    .and_then(|(_, k)| fig(cx, *k))
                    .map(|f| f.value)
            };
            let total = |c: Column| {
                totals
                    .iter()
                    .find(|(x, _)| *x == c)
                    .and_then(|(_, k)| cx.num(*k))
            };
            let repeats_total = keys.iter().all(|(c, _)| get(*c) == total(*c));
            let rate = |r: Ratio| {
                let d = get(r.denominator).filter(|d| !d.is_zero())?;
                calc::percent(get(r.numerator)?, d)
            };
            let name = |c: Column| rx2.pack.column_name(c).0.to_string();
            let path = |c: Column| cell(&row_id, c);
            let pct = |d: Decimal| calc::show(d, rdp);
            let mut out = Out::default();
            let exec = exec_key.and_then(|_| rate(spec.budget_execution));
            let arr = arrival.and_then(rate);
            // Rule 9 per row, unless the row only repeats the 合计.
            let warn = !repeats_total;
            if let Some(e) = exec.filter(|e| warn && *e > Decimal::ONE_HUNDRED) {
                out.findings.push(
                    rx2.finding(
                        Code::FundSpentOver,
                        &[&path(spec.budget_execution.numerator)],
                        Args::field(format!("{row_name}·预算执行率"))
                            .en(format!("{row_id} budget execution"))
                            .actual(pct(e))
                            .detail(name(spec.budget_execution.denominator)),
                    ),
                );
            }
            if let (Some(a), Some(r)) = (arr.filter(|a| warn && *a > Decimal::ONE_HUNDRED), arrival)
            {
                out.findings.push(
                    rx2.finding(
                        Code::FundArrivalOver,
                        &[&path(r.numerator)],
                        Args::field(format!("{row_name}·资金到位率"))
                            .en(format!("{row_id} funds arrival"))
                            .actual(pct(a)),
                    ),
                );
            }
            if warn {
                out.findings.extend(spent_over_received(
                    &rx2,
                    &spec,
                    (get(Column::Spent), get(Column::Received)),
                    [&path(Column::Spent), &path(Column::Received)],
                    (&format!("{row_name}·"), &format!("{row_id} ")),
                ));
            }
            if exec_key.is_some() {
                out.vals.push(exec.map(Val::Num).unwrap_or_default());
            }
            if arrival_key.is_some() {
                out.vals.push(arr.map(Val::Num).unwrap_or_default());
            }
            out
        });
    }
}

fn rates(rx: &Rx, b: &mut Builder, total_row: &str, unit: (&Unit, K), report: &Report) {
    let pack = rx.pack.clone();
    let rdp = rx.rate_dp();
    let cols: Vec<Column> = pack.spec.funds.columns.iter().map(|c| c.id).collect();
    let eff: Vec<(Column, _)> = cols
        .iter()
        .map(|c| (*c, b.key(&format!("/computed/funds/total/{}", c.id()))))
        .collect();
    let spec = pack.spec.funds.rates.clone();
    let arrival_key = spec
        .funds_arrival
        .map(|_| b.computed("/computed/rates/fundsArrival", rdp, "%"));
    let exec_key = b.computed("/computed/rates/budgetExecution", rdp, "%");
    let has_balance = cols.contains(&Column::Received) && cols.contains(&Column::Spent);
    let bal_rate_key = has_balance.then(|| b.computed("/computed/rates/balanceRate", rdp, "%"));
    let mut writes = vec![exec_key];
    writes.extend(arrival_key);
    writes.extend(bal_rate_key);
    let rx2 = rx.clone();
    let total_row = total_row.to_string();
    let (unit, unit_key) = (unit.0.clone(), unit.1);
    let mut reads: Vec<K> = eff.iter().map(|(_, k)| *k).collect();
    reads.push(unit_key);
    b.unit(reads, writes, move |cx| {
        let ut = unit_at(cx, unit_key, &unit);
        let ut = ut.text();
        let get = |c: Column| {
            eff.iter()
                .find(|(x, _)| *x == c)
                .and_then(|(_, k)| cx.num(*k))
        };
        let path = |c: Column| cell(&total_row, c);
        let name = |c: Column| rx2.pack.column_name(c).0.to_string();
        let mut out = Out::default();
        let tol = &rx2.pack.tol;
        let ratio = |r: Ratio, rate: (&str, &str), out: &mut Out| -> Option<Decimal> {
            let (n, d) = (get(r.numerator)?, get(r.denominator)?);
            if d.is_zero() {
                // Both rates may divide by the budget: say it once.
                let said = out
                    .findings
                    .iter()
                    .any(|f| f.code == Code::FundBudgetZero.as_str());
                if r.denominator == Column::Budget {
                    if !said {
                        out.findings.push(rx2.finding(
                            Code::FundBudgetZero,
                            &[&path(Column::Budget)],
                            Args::default(),
                        ));
                    }
                } else {
                    // Any other base (年初预算数, 实际到位): said too, so the
                    // rate, the score on it, the total and the grade do not
                    // vanish unexplained.
                    out.findings.push(
                        rx2.finding(
                            Code::RateBaseZero,
                            &[&path(r.denominator)],
                            Args::field(format!("合计·{}", name(r.denominator)))
                                .en(format!(
                                    "the total's {} ({})",
                                    rx2.pack.column_name(r.denominator).1,
                                    rate.1
                                ))
                                .detail(rate.0),
                        ),
                    );
                }
                return None;
            }
            if let Some(f) = calc::slip_factor(n, d, tol.unit_slip_min, tol.unit_slip_max) {
                out.findings.push(
                    rx2.finding(
                        Code::UnitSlip,
                        &[&path(r.numerator), &path(r.denominator)],
                        Args::field(format!("合计·{}", name(r.numerator)))
                            .actual(n.normalize().to_string())
                            .expected(d.normalize().to_string())
                            .unit(ut)
                            .detail(f.normalize().to_string()),
                    ),
                );
                return None;
            }
            calc::percent(n, d)
        };
        let exec = ratio(
            spec.budget_execution,
            ("预算执行率", "budget execution"),
            &mut out,
        );
        let arrival = spec
            .funds_arrival
            .and_then(|r| ratio(r, ("资金到位率", "funds arrival"), &mut out));
        let pct = |d: Decimal| calc::show(d, rdp);
        if let Some(a) = arrival {
            if a > Decimal::ONE_HUNDRED {
                let r = spec
                    .funds_arrival
                    .map(|r| r.numerator)
                    .unwrap_or(Column::Received);
                out.findings.push(rx2.finding(
                    Code::FundArrivalOver,
                    &[&path(r)],
                    Args::field("资金到位率").en("funds arrival").actual(pct(a)),
                ));
            }
        }
        if let Some(e) = exec {
            let n = spec.budget_execution.numerator;
            if e > Decimal::ONE_HUNDRED {
                out.findings.push(
                    rx2.finding(
                        Code::FundSpentOver,
                        &[&path(n)],
                        Args::field("预算执行率")
                            .en("budget execution")
                            .actual(pct(e))
                            .detail(name(spec.budget_execution.denominator)),
                    ),
                );
            } else if let Some(unspent) = Decimal::ONE_HUNDRED
                .checked_sub(e)
                .filter(|u| *u > tol.unspent_share)
            {
                out.findings.push(
                    rx2.finding(
                        Code::FundUnspent,
                        &[&path(n)],
                        Args::default()
                            .actual(pct(unspent))
                            .expected(tol.unspent_share.normalize().to_string()),
                    ),
                );
            }
        }
        out.findings.extend(spent_over_received(
            &rx2,
            &spec,
            (get(Column::Spent), get(Column::Received)),
            [&path(Column::Spent), &path(Column::Received)],
            ("", ""),
        ));
        let balance_rate = if has_balance {
            match (get(Column::Received), get(Column::Spent)) {
                (Some(r), Some(s)) if !r.is_zero() => {
                    r.checked_sub(s).and_then(|b| calc::percent(b, r))
                }
                _ => None,
            }
        } else {
            None
        };
        out.vals.push(exec.map(Val::Num).unwrap_or_default());
        if spec.funds_arrival.is_some() {
            out.vals.push(arrival.map(Val::Num).unwrap_or_default());
        }
        if has_balance {
            out.vals
                .push(balance_rate.map(Val::Num).unwrap_or_default());
        }
        out
    });

    // Rule 8: rates stated in the report agree with the computed ones.
    for k in report.stated.rates.keys() {
        let computed_key = match k.as_str() {
            "fundsArrival" => arrival_key,
            "budgetExecution" => Some(exec_key),
            "balanceRate" => bal_rate_key,
            _ => None,
        };
        let Some(ck) = computed_key else { continue };
        let path = format!("/stated/rates/{}", escape(k));
        let sk = b.parsed_key(&path);
        let (zh, en) = match k.as_str() {
            "fundsArrival" => ("资金到位率", "funds arrival rate"),
            "budgetExecution" => ("预算执行率", "budget execution rate"),
            _ => ("结余率", "balance rate"),
        };
        let rx2 = rx.clone();
        b.unit(vec![sk, ck], vec![], move |cx| {
            let mut out = Out::default();
            if let (Some(stated), Some(exact)) = (cx.quantity(sk), cx.num(ck)) {
                if !calc::stated_matches(stated, exact) {
                    let e = calc::show(exact, rdp);
                    out.findings.push(
                        rx2.finding(
                            Code::RateMismatch,
                            &[&path],
                            Args::field(zh)
                                .en(en)
                                .expected(e.clone())
                                .actual(stated.value.normalize().to_string())
                                .unit("%")
                                .hint(format!("应为 {e}%"), format!("should be {e}%")),
                        ),
                    );
                }
            }
            out
        });
    }
}
