//! Units staff write after figures, and how they convert.

use rust_decimal::Decimal;

/// What kind of quantity a unit measures. Only units of one dimension can be
/// compared or summed, after conversion to the dimension's base unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Dim {
    /// Money, base unit 元.
    Money,
    /// Persons, base unit 人.
    Persons,
    /// Person-times (人次), base unit 人次.
    PersonTimes,
    /// A percentage, base unit %.
    Percent,
    /// Money per person, base unit 元/人.
    PerCapita,
    /// Score points, base unit 分.
    Points,
    /// Any other counted unit (家, 个, 次, 天 …), compared only with itself.
    Other(String),
    /// A bare number.
    Bare,
}

/// A unit as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    None,
    Yuan,
    WanYuan,
    YiYuan,
    Person,
    WanPerson,
    PersonTime,
    WanPersonTime,
    Percent,
    YuanPerPerson,
    Points,
    /// "万" alone: ten thousand of whatever the field counts.
    Wan,
    /// Another unit word, kept as typed (家, 个, 次, 天, 项 …).
    Other(String),
}

impl Unit {
    /// Recognise a unit word (already width-normalised, trimmed).
    pub fn from_text(s: &str) -> Option<Unit> {
        Some(match s {
            "" => Unit::None,
            "元" => Unit::Yuan,
            "万元" => Unit::WanYuan,
            "亿元" => Unit::YiYuan,
            "人" | "名" => Unit::Person,
            "万人" | "万名" => Unit::WanPerson,
            "人次" => Unit::PersonTime,
            "万人次" => Unit::WanPersonTime,
            "%" => Unit::Percent,
            "元/人" | "元/人/年" | "元/人·年" | "元/人年" | "元每人" => {
                Unit::YuanPerPerson
            }
            "分" => Unit::Points,
            "万" => Unit::Wan,
            other => {
                let ok = other.chars().count() <= 12
                    && other.chars().all(|c| {
                        !c.is_ascii_alphanumeric()
                            && !c.is_whitespace()
                            && !matches!(c, '.' | ',' | '+' | '-' | '=' | '<' | '>' | '≥' | '≤')
                    });
                if !ok {
                    return None;
                }
                Unit::Other(other.to_string())
            }
        })
    }

    /// The unit as written in normalised output.
    pub fn text(&self) -> &str {
        match self {
            Unit::None => "",
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::YiYuan => "亿元",
            Unit::Person => "人",
            Unit::WanPerson => "万人",
            Unit::PersonTime => "人次",
            Unit::WanPersonTime => "万人次",
            Unit::Percent => "%",
            Unit::YuanPerPerson => "元/人",
            Unit::Points => "分",
            Unit::Wan => "万",
            Unit::Other(s) => s,
        }
    }

    pub fn dim(&self) -> Dim {
        match self {
            Unit::None | Unit::Wan => Dim::Bare,
            Unit::Yuan | Unit::WanYuan | Unit::YiYuan => Dim::Money,
            Unit::Person | Unit::WanPerson => Dim::Persons,
            Unit::PersonTime | Unit::WanPersonTime => Dim::PersonTimes,
            Unit::Percent => Dim::Percent,
            Unit::YuanPerPerson => Dim::PerCapita,
            Unit::Points => Dim::Points,
            Unit::Other(s) => Dim::Other(s.clone()),
        }
    }

    /// Power of ten from this unit to its dimension's base unit.
    pub fn exponent(&self) -> u32 {
        match self {
            Unit::WanYuan | Unit::WanPerson | Unit::WanPersonTime | Unit::Wan => 4,
            Unit::YiYuan => 8,
            _ => 0,
        }
    }

    /// The unit of `dim` that "万" stands for.
    pub fn wan_of(dim: &Dim) -> Option<Unit> {
        match dim {
            Dim::Money => Some(Unit::WanYuan),
            Dim::Persons => Some(Unit::WanPerson),
            Dim::PersonTimes => Some(Unit::WanPersonTime),
            _ => None,
        }
    }
}

/// 10^n as a Decimal, for n ≤ 28.
pub fn pow10(n: u32) -> Decimal {
    let mut d = Decimal::ONE;
    for _ in 0..n.min(28) {
        d = d.checked_mul(Decimal::TEN).unwrap_or(d);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Head counts written with 名 are persons, as with 人.
    #[test]
    fn ming_counts_persons() {
        assert_eq!(Unit::from_text("名"), Some(Unit::Person));
        assert_eq!(Unit::from_text("万名"), Some(Unit::WanPerson));
        assert_eq!(Unit::WanPerson.dim(), Dim::Persons);
        assert_eq!(Unit::from_text("万件"), Some(Unit::Other("万件".into())));
    }
}
