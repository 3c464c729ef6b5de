//! Expense detail lines (rule 3): they add up to the stated 支出合计 and to
//! 实际支出 in the funds table, across units (元 lines, 万元 table).

use super::{fig, items, table_dp, Rx};
use crate::calc;
use crate::codes::Code;
use crate::engine::{Builder, Out, Val};
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
    let sum_key = b.computed("/computed/expenses/total", dp, unit.text());
    let spent_path = pack
        .total_row()
        .map(|r| format!("/funds/rows/{}/{}", escape(r), Column::Spent.id()))
        .unwrap_or_default();
    let mut reads = line_keys.clone();
    reads.extend([total_key, spent_key]);
    let min_dp = table_dp(rx, &unit);
    let rx = rx.clone();
    b.unit(reads, vec![sum_key], move |cx| {
        let Some(figs) = items(cx, &line_keys, min_dp) else {
            return Out {
                vals: vec![Val::None],
                findings: vec![],
                ..Default::default()
            };
        };
        let sum = if figs.is_empty() {
            None
        } else {
            calc::sum_figs(&figs)
        };
        let stated = fig(cx, total_key);
        let mut out = Out {
            vals: vec![sum.map(Val::Fig).unwrap_or_default()],
            findings: vec![],
            ..Default::default()
        };
        let ut = unit.text();
        if let (Some(s), Some(t)) = (sum, stated) {
            let mut paths = vec!["/expenses/total"];
            paths.extend(lines.iter().map(String::as_str));
            out.findings.extend(rx.sum_finding(
                Code::ExpenseSum,
                &paths,
                ("支出合计", "expense total"),
                &t,
                &s,
                ut,
                dp,
            ));
        }
        // Against the funds table, in the table's unit.
        let ours = sum.or(stated);
        if let (Some(ours), Some(spent)) = (ours, cx.fig(spent_key)) {
            if let Some(converted) = ours.rebase(unit.exponent(), funds_unit.exponent()) {
                let first = if sum.is_some() {
                    "/expenses/lines/0/amount"
                } else {
                    "/expenses/total"
                };
                let paths = [spent_path.as_str(), first];
                out.findings.extend(rx.sum_finding(
                    Code::ExpenseSpent,
                    &paths,
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
