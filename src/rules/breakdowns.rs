//! Category breakdowns (rule 4) and per-capita standards (rule 5).

use rust_decimal::Decimal;

use super::{fig, listed, sum_items, table_dp, unit_at, Rx};
use crate::calc;
use crate::codes::Code;
use crate::finding::Args;
use crate::graph::{Builder, Out, Val};
use crate::model::pack::BreakdownMode;
use crate::model::report::escape;
use crate::model::Report;
use crate::parse::Unit;

pub(super) fn units(rx: &Rx, report: &Report, b: &mut Builder) {
    for (id, bd) in &report.breakdowns {
        let Some(spec) = rx
            .pack
            .spec
            .breakdowns
            .iter()
            .find(|s| &s.id == id)
            .cloned()
        else {
            continue;
        };
        let base = format!("/breakdowns/{}", escape(id));
        let options: &[&str] = match spec.kind {
            crate::model::pack::BreakdownKind::Money => &["万元", "元"],
            crate::model::pack::BreakdownKind::Persons => &["万人", "人"],
        };
        let unit = super::fields::table_unit(bd.unit.as_str(), &spec.unit, options);
        let item_paths: Vec<String> = (0..bd.items.len())
            .map(|i| format!("{base}/items/{i}/value"))
            .collect();
        let item_keys: Vec<_> = item_paths.iter().map(|p| b.parsed_key(p)).collect();
        let total_path = format!("{base}/total");
        let total_key = b.parsed_key(&total_path);
        let paths = listed(&total_path, &item_paths);
        // The unit as chosen now: a change of unit re-runs this.
        let unit_key = b.parsed_key(&format!("{base}/unit"));
        let sum_key = b.computed_in(
            &format!("/computed/breakdowns/{}/sum", escape(id)),
            rx.amount_dp(),
            unit.text(),
            unit_key,
        );
        let mut reads = item_keys.clone();
        reads.extend([total_key, unit_key]);
        let rx = rx.clone();
        b.unit(reads, vec![sum_key], move |cx| {
            let unit = unit_at(cx, unit_key, &unit);
            let dp = table_dp(&rx, &unit);
            let Some(sum) = sum_items(cx, &item_keys, dp) else {
                return Out {
                    vals: vec![Val::None],
                    findings: vec![],
                    ..Default::default()
                };
            };
            let mut out = Out {
                vals: vec![sum.map(Val::Fig).unwrap_or_default()],
                findings: vec![],
                ..Default::default()
            };
            let (Some(s), Some(t)) = (sum, fig(cx, total_key)) else {
                return out;
            };
            let field = (spec.name.as_str(), spec.name_en.as_str());
            match spec.mode {
                BreakdownMode::Complete => {
                    out.findings.extend(rx.sum_finding(
                        Code::BreakdownSum,
                        &paths,
                        field,
                        &t,
                        &s,
                        unit.text(),
                        dp,
                    ));
                }
                BreakdownMode::Partial => {
                    if rx.exceeds(&s, &t) {
                        out.findings.push(
                            rx.finding_at(
                                Code::BreakdownExceeds,
                                &paths,
                                Args::field(field.0)
                                    .en(field.1)
                                    .expected(calc::show(s.value, dp))
                                    .actual(t.value.normalize().to_string())
                                    .unit(unit.text()),
                            ),
                        );
                    }
                }
            }
            out
        });
    }
    per_capita(rx, report, b);
}

/// Level standards add up to the total standard; persons × a level's
/// standard ≈ that level's funds, within the pack's tolerance.
fn per_capita(rx: &Rx, report: &Report, b: &mut Builder) {
    let n = report.per_capita.levels.len();
    let std_paths: Vec<String> = (0..n)
        .map(|i| format!("/perCapita/levels/{i}/standard"))
        .collect();
    let std_keys: Vec<_> = std_paths.iter().map(|p| b.parsed_key(p)).collect();
    let paths = listed("/perCapita/standard", &std_paths);
    let total_key = b.parsed_key("/perCapita/standard");
    let sum_key = b.computed("/computed/perCapita/sum", 2, "元/人");
    let mut reads = std_keys.clone();
    reads.push(total_key);
    let rx2 = rx.clone();
    b.unit(reads, vec![sum_key], move |cx| {
        let Some(sum) = sum_items(cx, &std_keys, 2) else {
            return Out {
                vals: vec![Val::None],
                findings: vec![],
                ..Default::default()
            };
        };
        let mut out = Out {
            vals: vec![sum.map(Val::Fig).unwrap_or_default()],
            findings: vec![],
            ..Default::default()
        };
        if let (Some(s), Some(t)) = (sum, fig(cx, total_key)) {
            out.findings.extend(rx2.sum_finding(
                Code::PerCapitaSum,
                &paths,
                ("人均补助标准", "per-capita standard"),
                &t,
                &s,
                "元/人",
                2,
            ));
        }
        out
    });

    let persons_key = b.parsed_key("/perCapita/persons");
    for i in 0..n {
        let std_path = format!("/perCapita/levels/{i}/standard");
        let funds_path = format!("/perCapita/levels/{i}/funds");
        let (sk, fk) = (b.parsed_key(&std_path), b.parsed_key(&funds_path));
        let out_key = b.computed(
            &format!("/computed/perCapita/levels/{i}/funds"),
            rx.amount_dp(),
            "万元",
        );
        let name_key = b.input(&format!("/perCapita/levels/{i}/name"));
        let fallback = format!("第 {} 级", i.saturating_add(1));
        let rx = rx.clone();
        b.unit(
            vec![persons_key, sk, fk, name_key],
            vec![out_key],
            move |cx| {
                let name = cx
                    .text(name_key)
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .unwrap_or(&fallback);
                let mut out = Out {
                    vals: vec![Val::None],
                    findings: vec![],
                    ..Default::default()
                };
                let (Some(p), Some(s)) = (cx.quantity(persons_key), cx.quantity(sk)) else {
                    return out;
                };
                // persons (人) × 元/人 = 元, shown in 万元.
                let Some(expected) = p
                    .base()
                    .and_then(|persons| persons.checked_mul(s.value))
                    .and_then(|yuan| yuan.checked_div(Decimal::from(10_000)))
                else {
                    return out;
                };
                out.vals = vec![Val::Num(expected)];
                let Some(entered) = cx.quantity(fk) else {
                    return out;
                };
                let Some(actual) = entered.in_unit(&Unit::WanYuan) else {
                    return out;
                };
                let dp = rx.amount_dp();
                let tol = &rx.pack.tol;
                let field = format!("{name}补助资金");
                let args = Args::field(&field)
                    .en(format!("level {} funds", i.saturating_add(1)))
                    .expected(calc::show(expected, dp))
                    .actual(actual.normalize().to_string())
                    .unit("万元");
                if let Some(f) =
                    calc::slip_factor(expected, actual, tol.unit_slip_min, tol.unit_slip_max)
                {
                    out.findings.push(rx.finding(
                        Code::UnitSlip,
                        &[&funds_path, "/perCapita/persons", &std_path],
                        args.detail(f.normalize().to_string()),
                    ));
                    return out;
                }
                // Figures near the decimal limit cannot be compared: the
                // overflow is said where those figures are computed.
                let (Some(diff), Some(allowed)) = (
                    actual.checked_sub(expected).map(|d| d.abs()),
                    expected
                        .abs()
                        .checked_mul(tol.per_capita_funds)
                        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)),
                ) else {
                    return out;
                };
                if diff > allowed {
                    out.findings.push(rx.finding(
                        Code::PerCapitaFunds,
                        &[&funds_path, "/perCapita/persons", &std_path],
                        args.detail(format!("{}%", tol.per_capita_funds.normalize())),
                    ));
                }
                out
            },
        );
    }
}
