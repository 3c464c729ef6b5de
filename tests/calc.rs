//! Formulas and the interval model, with figures from the seeds.

use jixiao::calc::{self, agree, outcome, Agreement, Fig};
use jixiao::model::pack::{ExactMode, FigureMode, ReverseMode};
use jixiao::parse::{self, Cmp, Expect, Parsed};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

#[test]
fn half_up_rounding_at_the_edge() {
    assert_eq!(calc::show(d("3.98005"), 2), "3.98");
    assert_eq!(calc::show(d("4.885"), 2), "4.89");
    assert_eq!(calc::show(d("4.875"), 2), "4.88");
    assert_eq!(calc::show(d("-2.5"), 0), "-3");
    assert_eq!(calc::show(d("100"), 2), "100.00");
}

#[test]
fn seed_001_rates_and_scores() {
    // 资金到位率 614.49 / 617.57 on weight 4 → 99.50% and 3.98.
    let rate = calc::percent(d("614.49"), d("617.57")).unwrap();
    assert_eq!(calc::show(rate, 2), "99.50");
    assert_eq!(
        calc::show(calc::rate_score(d("4"), rate).unwrap(), 2),
        "3.98"
    );
    // 成本 ≥50 元/人, actual 48.8 → 97.60% → 5 × 0.976 = 4.88.
    let o = outcome(
        Cmp::Ge,
        d("50"),
        d("48.8"),
        ReverseMode::Ratio,
        ExactMode::Deviation,
        false,
    )
    .unwrap();
    assert_eq!(calc::show(o.rate.unwrap(), 2), "97.60");
    assert!(!o.met);
    assert_eq!(calc::show(d("5") * o.share, 2), "4.88");
}

#[test]
fn reverse_and_zero_targets() {
    let r = |cmp, t, a, mode| outcome(cmp, d(t), d(a), mode, ExactMode::Deviation, false).unwrap();
    assert_eq!(
        r(Cmp::Le, "2000", "2500", ReverseMode::Ratio).share,
        d("0.8")
    );
    assert_eq!(
        r(Cmp::Le, "2000", "2500", ReverseMode::Deviation).share,
        d("0.75")
    );
    assert_eq!(
        r(Cmp::Le, "2000", "4000", ReverseMode::Deviation).share,
        Decimal::ZERO
    );
    assert_eq!(
        r(Cmp::Le, "2000", "5000", ReverseMode::Deviation).share,
        Decimal::ZERO
    );
    assert!(r(Cmp::Le, "2000", "1500", ReverseMode::Ratio).met);
    assert_eq!(
        r(Cmp::Le, "2000", "0", ReverseMode::Ratio).rate,
        Some(d("100"))
    );
    assert_eq!(r(Cmp::Eq, "0", "0", ReverseMode::Ratio).share, Decimal::ONE);
    assert_eq!(
        r(Cmp::Eq, "0", "2", ReverseMode::Ratio).share,
        Decimal::ZERO
    );
    // A negative actual counts as 0 unless the pack allows negatives.
    assert_eq!(
        r(Cmp::Ge, "10", "-5", ReverseMode::Ratio).share,
        Decimal::ZERO
    );
    let neg = outcome(
        Cmp::Le,
        d("0"),
        d("-5"),
        ReverseMode::Ratio,
        ExactMode::Deviation,
        true,
    )
    .unwrap();
    assert!(neg.met);
    // An exact target (issue 14 §2.3): missed either way, it loses by the
    // relative deviation; "atLeast" reads it as "≥".
    let x = |t, a, mode| outcome(Cmp::Eq, d(t), d(a), ReverseMode::Ratio, mode, false).unwrap();
    assert_eq!(
        x("3800", "4400", ExactMode::Deviation).share,
        d("1") - d("600") / d("3800")
    );
    assert!(!x("3800", "4400", ExactMode::Deviation).met);
    assert_eq!(
        x("3800", "3200", ExactMode::Deviation).share,
        d("1") - d("600") / d("3800")
    );
    assert_eq!(x("100", "250", ExactMode::Deviation).share, Decimal::ZERO);
    assert_eq!(x("100", "100", ExactMode::Deviation).share, Decimal::ONE);
    assert!(x("100", "100", ExactMode::Deviation).met);
    assert_eq!(x("3800", "4400", ExactMode::AtLeast).share, Decimal::ONE);
    assert_eq!(
        x("3800", "3200", ExactMode::AtLeast).share,
        d("3200") / d("3800")
    );
    // Over-achievement is capped at the weight.
    assert_eq!(
        r(Cmp::Ge, "12.3", "12.59", ReverseMode::Ratio).share,
        Decimal::ONE
    );
}

fn fig(text: &str) -> Fig {
    let Ok(Parsed::Number(q)) = parse::parse(
        text,
        &Expect::Money {
            unit: parse::Unit::WanYuan,
            negative: true,
        },
    ) else {
        panic!("{text}")
    };
    Fig::of(&q)
}

#[test]
fn interval_model() {
    // 3125.01 万元 stands for [3125.005, 3125.015]; 31250067.25 元 lies in it.
    let total = fig("3125.01");
    let lines = Fig::exact(d("31250067.25")).rebase(0, 4).unwrap();
    assert_eq!(agree(&total, &lines, FigureMode::Rounded), Agreement::Agree);
    // 2695 for 2695.79 agrees only when truncated.
    assert_eq!(
        agree(&fig("2695"), &fig("2695.79"), FigureMode::Rounded),
        Agreement::Truncated
    );
    assert_eq!(
        agree(&fig("2695"), &fig("2695.79"), FigureMode::Truncated),
        Agreement::Agree
    );
    assert_eq!(
        agree(&fig("2694"), &fig("2695.79"), FigureMode::Rounded),
        Agreement::Disagree
    );
    // Stated rates: 99.5% can stand for 99.5013%, not for 100%; 95% not for 95.5%.
    let q = |s: &str| match parse::parse(s, &Expect::Percent) {
        Ok(Parsed::Number(q)) => q,
        _ => panic!(),
    };
    assert!(calc::stated_matches(&q("99.5"), d("99.50129")));
    assert!(!calc::stated_matches(&q("99.5"), d("100")));
    assert!(!calc::stated_matches(&q("95"), d("95.5")));
    assert!(calc::stated_matches(&q("96"), d("95.5")));
    let neg = parse::Quantity {
        value: d("-1.5"),
        unit: parse::Unit::Percent,
        decimals: 1,
    };
    assert!(calc::stated_matches(&neg, d("-1.5")));
    assert!(calc::stated_matches(&neg, d("-1.54")));
    assert!(!calc::stated_matches(&neg, d("-1.55")));
}

#[test]
fn unit_slip_factor() {
    let (lo, hi) = (d("5000"), d("20000"));
    assert_eq!(
        calc::slip_factor(d("1669600"), d("166.96"), lo, hi),
        Some(d("10000"))
    );
    assert_eq!(calc::slip_factor(d("170"), d("166.96"), lo, hi), None);
    assert_eq!(calc::slip_factor(d("0"), d("166.96"), lo, hi), None);
}

proptest! {
    /// Outcomes never panic and shares stay within 0..=1 for any figures.
    #[test]
    fn outcome_is_total(t in any::<i64>(), a in any::<i64>(), ts in 0u32..28, as_ in 0u32..28,
                        cmp in prop::sample::select(vec![Cmp::Ge, Cmp::Gt, Cmp::Eq, Cmp::Lt, Cmp::Le]),
                        mode in prop::sample::select(vec![ReverseMode::Ratio, ReverseMode::Deviation]),
                        exact in prop::sample::select(vec![ExactMode::Deviation, ExactMode::AtLeast])) {
        let (t, a) = (Decimal::new(t, ts), Decimal::new(a, as_));
        if let Some(o) = outcome(cmp, t, a, mode, exact, false) {
            prop_assert!(o.share >= Decimal::ZERO && o.share <= Decimal::ONE);
            if o.met { prop_assert_eq!(o.share, Decimal::ONE); }
        }
    }

    /// Rounding once: a sum of exact parts rounded equals rounding the exact sum.
    #[test]
    fn sums_are_exact(xs in prop::collection::vec(0i64..1_000_000_000, 0..50)) {
        let parts: Vec<Decimal> = xs.iter().map(|x| Decimal::new(*x, 2)).collect();
        let total: i64 = xs.iter().sum();
        prop_assert_eq!(calc::sum(parts), Some(Decimal::new(total, 2)));
    }
}
