//! Expense detail lines (rule 3): they add up to the stated 支出合计 and to
//! 实际支出 in the funds table, across units (元 lines, 万元 table).

use super::{fig, listed, sum_items, table_dp, unit_at, Rx};
use crate::codes::Code;
use crate::graph::{Builder, Out, Val};
use crate::model::pack::Column;
use crate::model::report::escape;
use crate::model::Report;

pub(super) fn units(rx: &Rx, report: &Report, b: &mut Builder) {
    let pack = rx.pack.clone();
    let unit = super::fields::table_unit(report.expenses.unit.as_str(), "元", &["万元", "元"]);
    let funds_unit = super::fields::table_unit(
        report.funds.unit.as_str(),
        &pack.spec.funds.unit,
        &["万元", "元"],
    );
    let dp = rx.amount_dp();
    let lines: Vec<String> = (0..report.expenses.lines.len())
        .map(|i| format!("/expenses/lines/{i}/amount"))
        .collect();
    let line_keys: Vec<_> = lines.iter().map(|p| b.parsed_key(p)).collect();
    let total_key = b.parsed_key("/expenses/total");
    let spent_key = b.key("/computed/funds/total/spent");
    // The tables' units as chosen now: a change of unit re-runs this.
    let unit_key = b.parsed_key("/expenses/unit");
    let funds_unit_key = b.parsed_key("/funds/unit");
    let sum_key = b.computed_in("/computed/expenses/total", dp, unit.text(), unit_key);
    // What the funds table's 实际支出 is compared with: the sum, else the
    // stated total; nothing when a line failed to parse.
    let ours_key = b.key("~expenses/compared");
    let spent_path = pack
        .total_row()
        .map(|r| format!("/funds/rows/{}/{}", escape(r), Column::Spent.id()))
        .unwrap_or_default();
    let paths = listed("/expenses/total", &lines);
    let spent_by_lines = listed(&spent_path, &["/expenses/lines/0/amount".to_string()]);
    let spent_by_total = listed(&spent_path, &["/expenses/total".to_string()]);
    let mut reads = line_keys.clone();
    reads.extend([total_key, unit_key]);
    let (rx1, fallback) = (rx.clone(), unit.clone());
    b.unit(reads, vec![sum_key, ours_key], move |cx| {
        let unit = unit_at(cx, unit_key, &fallback);
        let min_dp = table_dp(&rx1, &unit);
        let Some(sum) = sum_items(cx, &line_keys, min_dp) else {
            return Out {
                vals: vec![Val::None, Val::None],
                findings: vec![],
                ..Default::default()
            };
        };
        let stated = fig(cx, total_key);
        let ours = sum.or(stated);
        let mut out = Out {
            vals: vec![
                sum.map(Val::Fig).unwrap_or_default(),
                ours.map(Val::Fig).unwrap_or_default(),
            ],
            findings: vec![],
            ..Default::default()
        };
        let ut = unit.text();
        if let (Some(s), Some(t)) = (sum, stated) {
            out.findings.extend(rx1.sum_finding(
                Code::ExpenseSum,
                &paths,
                ("支出合计", "expense total"),
                &t,
                &s,
                ut,
                dp,
            ));
        }
        out
    });
    // Against the funds table, in its unit: a unit of its own, so an edit
    // of the funds table does not add up the expense lines again.
    let rx = rx.clone();
    let reads = [sum_key, ours_key, spent_key, unit_key, funds_unit_key];
    b.unit(reads, vec![], move |cx| {
        let mut out = Out::default();
        let unit = unit_at(cx, unit_key, &unit);
        let funds_unit = unit_at(cx, funds_unit_key, &funds_unit);
        if let (Some(ours), Some(spent)) = (cx.fig(ours_key), cx.fig(spent_key)) {
            if let Some(converted) = ours.rebase(unit.exponent(), funds_unit.exponent()) {
                let paths = if cx.fig(sum_key).is_some() {
                    &spent_by_lines
                } else {
                    &spent_by_total
                };
                out.findings.extend(rx.sum_finding(
                    Code::ExpenseSpent,
                    paths,
                    ("实际支出", "spent"),
                    &spent,
                    &converted,
                    funds_unit.text(),
                    dp,
                ));
            }
        }
        out
    });
}
