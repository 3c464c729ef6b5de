//! Formulas (SPEC §4) and the interval model for rounded figures (SPEC §5),
//! in exact decimals. Nothing here rounds except [`round`] and [`show`],
//! which the rules call once, where a figure becomes a figure of record.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::pack::{ExactMode, FigureMode, ReverseMode};
use crate::parse::{Cmp, Quantity};

/// Parse a plain decimal string from a pack ("12.5"). No units, no signs
/// other than '-', never panics.
pub fn dec(s: &str) -> Option<Decimal> {
    let s = s.trim();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    Decimal::from_str_exact(s).ok()
}

/// 四舍五入: half away from zero, to `dp` decimals.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A figure for display: rounded half-up and padded to exactly `dp` decimals.
pub fn show(d: Decimal, dp: u32) -> String {
    let mut r = round(d, dp);
    r.rescale(dp);
    r.to_string()
}

/// `num / den × 100`, or `None` when `den` is zero or the result overflows.
pub fn percent(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        return None;
    }
    num.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den)
}

/// Sum, or `None` on overflow.
pub fn sum<I: IntoIterator<Item = Decimal>>(items: I) -> Option<Decimal> {
    items
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, x| acc.checked_add(x))
}

/// `weight × min(rate, 100%)`: 预算执行率 and 资金到位率 scoring.
pub fn rate_score(weight: Decimal, rate: Decimal) -> Option<Decimal> {
    let r = rate.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    weight.checked_mul(r)?.checked_div(Decimal::ONE_HUNDRED)
}

/// How a quantitative indicator came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// 完成率 in %, when it can be computed.
    pub rate: Option<Decimal>,
    /// Whether the target is met.
    pub met: bool,
    /// Score as a share of the weight, 0..=1 (unrounded).
    pub share: Decimal,
}

/// Completion and score share for a target and an actual, both in the same
/// base unit (SPEC §4 scoring rules).
pub fn outcome(
    cmp: Cmp,
    target: Decimal,
    actual: Decimal,
    reverse: ReverseMode,
    exact: ExactMode,
    allow_negative: bool,
) -> Option<Outcome> {
    let actual = if actual.is_sign_negative() && !allow_negative {
        Decimal::ZERO
    } else {
        actual
    };
    let met = match cmp {
        Cmp::Ge | Cmp::Eq => actual >= target,
        Cmp::Gt => actual > target,
        Cmp::Le => actual <= target,
        Cmp::Lt => actual < target,
    };
    if target.is_zero() {
        let ok = match cmp {
            Cmp::Ge => actual >= Decimal::ZERO,
            Cmp::Gt => actual > Decimal::ZERO,
            Cmp::Eq | Cmp::Le | Cmp::Lt => actual <= Decimal::ZERO,
        };
        let share = if ok { Decimal::ONE } else { Decimal::ZERO };
        return Some(Outcome {
            rate: Some(if ok {
                Decimal::ONE_HUNDRED
            } else {
                Decimal::ZERO
            }),
            met: ok,
            share,
        });
    }
    // An exact target missed either way loses by the relative deviation.
    if cmp == Cmp::Eq && exact == ExactMode::Deviation {
        let met = actual == target;
        let off = actual
            .checked_sub(target)?
            .abs()
            .checked_div(target.abs())?;
        let share = if met {
            Decimal::ONE
        } else {
            Decimal::ONE.checked_sub(off)?.max(Decimal::ZERO)
        };
        return Some(Outcome {
            rate: Some(percent(actual, target)?),
            met,
            share: share.clamp(Decimal::ZERO, Decimal::ONE),
        });
    }
    if cmp.is_reverse() {
        let rate = if actual.is_zero() {
            Decimal::ONE_HUNDRED
        } else {
            percent(target, actual)?
        };
        let share = if met {
            Decimal::ONE
        } else {
            match reverse {
                ReverseMode::Ratio => target.checked_div(actual)?,
                ReverseMode::Deviation => {
                    let over = actual.checked_sub(target)?.checked_div(target)?;
                    Decimal::ONE.checked_sub(over)?.max(Decimal::ZERO)
                }
            }
        };
        return Some(Outcome {
            rate: Some(rate),
            met,
            share: share.clamp(Decimal::ZERO, Decimal::ONE),
        });
    }
    let rate = percent(actual, target)?;
    let share = if met {
        Decimal::ONE
    } else {
        rate.checked_div(Decimal::ONE_HUNDRED)?
            .clamp(Decimal::ZERO, Decimal::ONE)
    };
    Some(Outcome {
        rate: Some(rate),
        met,
        share,
    })
}

/// A figure as an interval: `value ± half` in base units (SPEC §5, after
/// XBRL Calculations 1.1). Computed figures have `half` 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fig {
    pub value: Decimal,
    pub half: Decimal,
}

impl Fig {
    pub fn exact(value: Decimal) -> Fig {
        Fig {
            value,
            half: Decimal::ZERO,
        }
    }

    /// A typed figure as an interval in its own unit.
    pub fn of(q: &Quantity) -> Fig {
        Fig {
            value: q.value,
            half: q.half_ulp(),
        }
    }

    /// The interval scaled by 10^(from − to): from one unit of a dimension
    /// to another (万元 → 元: from 4, to 0).
    pub fn rebase(&self, from: u32, to: u32) -> Option<Fig> {
        let (value, half) = if from >= to {
            let f = crate::parse::pow10(from.saturating_sub(to));
            (self.value.checked_mul(f)?, self.half.checked_mul(f)?)
        } else {
            let f = crate::parse::pow10(to.saturating_sub(from));
            (self.value.checked_div(f)?, self.half.checked_div(f)?)
        };
        Some(Fig { value, half })
    }

    /// The interval under `mode`: rounded figures spread both ways,
    /// truncated ones only away from zero.
    pub fn bounds(&self, mode: FigureMode) -> Option<(Decimal, Decimal)> {
        match mode {
            FigureMode::Rounded => Some((
                self.value.checked_sub(self.half)?,
                self.value.checked_add(self.half)?,
            )),
            FigureMode::Truncated => {
                let w = self.half.checked_mul(Decimal::TWO)?;
                if self.value.is_sign_negative() {
                    Some((self.value.checked_sub(w)?, self.value))
                } else {
                    Some((self.value, self.value.checked_add(w)?))
                }
            }
        }
    }
}

/// Sum of figures, intervals added.
pub fn sum_figs<'a, I: IntoIterator<Item = &'a Fig>>(items: I) -> Option<Fig> {
    let mut acc = Fig::exact(Decimal::ZERO);
    for f in items {
        acc.value = acc.value.checked_add(f.value)?;
        acc.half = acc.half.checked_add(f.half)?;
    }
    Some(acc)
}

/// Whether a stated total agrees with the sum of its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Agree,
    /// Agrees only if the figures were truncated rather than rounded.
    Truncated,
    Disagree,
}

/// Compare two figures' intervals, first under the pack's `mode`, then (in
/// rounded mode) under truncation, to tell a rounding slip from an error.
/// `a` and `b` are interchangeable.
pub fn agree(a: &Fig, b: &Fig, mode: FigureMode) -> Agreement {
    let overlap = |m: FigureMode| -> bool {
        match (a.bounds(m), b.bounds(m)) {
            (Some((alo, ahi)), Some((blo, bhi))) => alo <= bhi && blo <= ahi,
            _ => false,
        }
    };
    if overlap(mode) {
        Agreement::Agree
    } else if mode == FigureMode::Rounded && overlap(FigureMode::Truncated) {
        Agreement::Truncated
    } else {
        Agreement::Disagree
    }
}

/// Whether `stated` (typed with its own decimals) may stand for `exact`:
/// `exact` rounds half-up to the stated figure at its precision, i.e. lies
/// in `[v − h, v + h)` (mirrored for negatives: half away from zero).
pub fn stated_matches(stated: &Quantity, exact: Decimal) -> bool {
    let f = Fig::of(stated);
    let (Some(lo), Some(hi)) = (f.value.checked_sub(f.half), f.value.checked_add(f.half)) else {
        return false;
    };
    if f.value.is_sign_negative() && !f.value.is_zero() {
        lo < exact && exact <= hi
    } else {
        lo <= exact && exact < hi
    }
}

/// When `a` and `b` differ by a factor of about 10,000 (a 元/万元 or 人/万人
/// slip), the factor rounded to a whole number.
pub fn slip_factor(a: Decimal, b: Decimal, min: Decimal, max: Decimal) -> Option<Decimal> {
    let (a, b) = (a.abs(), b.abs());
    if a.is_zero() || b.is_zero() {
        return None;
    }
    let r = if a > b {
        a.checked_div(b)?
    } else {
        b.checked_div(a)?
    };
    (r >= min && r <= max).then(|| round(r, 0))
}
