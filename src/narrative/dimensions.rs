//! Each subject's dimension, and the figures that can state it.

use super::*;

/// The dimension a figure must have to state `attr` of `subject`, or None
/// when `subject` has no such figure. A figure of another dimension (a
/// head count after a money name) is never its statement: values of
/// different dimensions are not compared.
pub(super) fn dimension(subject: &Subject, attr: Attr) -> Option<Dim> {
    Some(match (subject, attr) {
        (Subject::Quantity(q), Attr::Value) => match q.as_str() {
            "budgetExecution" | "fundsArrival" | "balanceRate" => Dim::Percent,
            "planned" | "budget" | "received" | "spent" | "balance" => Dim::Money,
            "persons" => Dim::Persons,
            "totalScore" => Dim::Points,
            "perCapitaStandard" => Dim::PerCapita,
            _ => return None,
        },
        (Subject::Quantity(q), Attr::Score) if q == "totalScore" => Dim::Points,
        (Subject::Node(_) | Subject::Line(_), Attr::Score) => Dim::Points,
        (Subject::Node(_), Attr::Rate) | (Subject::Line(_), Attr::Completion) => Dim::Percent,
        (Subject::Row(r, c), Attr::Value) if !r.is_empty() && !c.is_empty() => Dim::Money,
        (Subject::Expense(_), Attr::Actual) => Dim::Money,
        _ => return None,
    })
}

/// The unit a figure of `unit` reads as when it states `attr` of
/// `subject`, or None when it cannot state it. "万" alone takes the
/// subject's dimension (万元 after a money name, 万人 after a head count).
pub(super) fn fits(subject: &Subject, attr: Attr, unit: &Unit, vocab: &Vocabulary) -> Option<Unit> {
    let dim = unit.dim();
    let same = |want: Dim| -> Option<Unit> {
        if dim == want {
            Some(unit.clone())
        } else if *unit == Unit::Wan {
            Unit::wan_of(&want)
        } else {
            None
        }
    };
    match (subject, attr) {
        // A line's actual is compared in its own unit, whatever it is,
        // except points (a weight or a score).
        // A line whose name says what it counts (…率, …人数, …标准) takes
        // only figures of that dimension ("万" as its 万).
        (Subject::Line(id), Attr::Actual) | (Subject::Line(id), Attr::Value) => {
            match vocab.line_dims.get(id) {
                Some(dims) => dims.iter().find_map(|d| same(d.clone())),
                None => (*unit != Unit::Points && *unit != Unit::Wan).then(|| unit.clone()),
            }
        }
        (Subject::Item(_, _), Attr::Value) => same(Dim::Persons).or_else(|| same(Dim::Money)),
        // "人均补助610元": 元 after a per-capita name is 元/人 (kept as
        // written; compared as 元/人).
        (Subject::Level(_), Attr::Value) => {
            matches!(unit, Unit::Yuan | Unit::YuanPerPerson).then(|| unit.clone())
        }
        (Subject::Quantity(q), Attr::Value) if q == "perCapitaStandard" => {
            matches!(unit, Unit::Yuan | Unit::YuanPerPerson).then(|| unit.clone())
        }
        _ => same(dimension(subject, attr)?),
    }
}

/// Pick what a mention's figure states, and the unit it is read in.
/// Scores, rates and completions go to nodes and lines; a bare value to a
/// quantity, row, item or level.
pub(super) fn resolve(
    vocab: &Vocabulary,
    subjects: &[Subject],
    attr: Option<Attr>,
    unit: &Unit,
    rates: bool,
) -> Option<(Subject, Attr, Unit)> {
    // Without a word such as 得分, a figure in 分 after a node or line is
    // its weight ("产出指标（50分）"), not a score; a percentage after a
    // node is its 得分率 when the sentence speaks of 得分率 ("从得分率看，产出
    // 类为92.24%"; `rates`).
    let a = attr.unwrap_or(Attr::Value);
    for s in subjects {
        // "自评结果为96.26分": a score where the grade is named is the total.
        if *s == Subject::Quantity("grade".into()) && *unit == Unit::Points {
            return Some((
                Subject::Quantity("totalScore".into()),
                Attr::Value,
                Unit::Points,
            ));
        }
        let a = match (s, a) {
            (Subject::Node(_), Attr::Value) if *unit == Unit::Percent && rates => Attr::Rate,
            // "实际到位…", "老年居民 | 本年 …": the quantity's (this year's)
            // value.
            (Subject::Quantity(_) | Subject::Row(..) | Subject::Item(..), Attr::Actual) => {
                Attr::Value
            }
            // "医疗救助经费10万元": an expense line's one figure, what it spent.
            (Subject::Expense(_), Attr::Value) => Attr::Actual,
            _ => a,
        };
        let Some(u) = fits(s, a, unit, vocab) else {
            // "满意度为96.8%" where 满意度 names a node with one line: that
            // line's actual.
            if let (Subject::Node(n), Attr::Value | Attr::Actual) = (s, a) {
                if let Some(line) = vocab.sole_lines.get(n).map(|l| Subject::Line(l.clone())) {
                    if let Some(u) = fits(&line, Attr::Actual, unit, vocab) {
                        return Some((line, Attr::Actual, u));
                    }
                }
            }
            continue;
        };
        let a = match (s, a) {
            (Subject::Quantity(q), Attr::Score) if q == "totalScore" => Attr::Value,
            (Subject::Quantity(_) | Subject::Row(..) | Subject::Item(..), Attr::Actual) => {
                Attr::Value
            }
            // A line named alone with a figure: its actual value.
            (Subject::Line(_), Attr::Value) => Attr::Actual,
            _ => a,
        };
        return Some((s.clone(), a, u));
    }
    None
}

/// The dimensions a line's actual can have, by the last words of its
/// name, or None when the name does not say ("线上经办业务量").
pub(super) fn line_dims(name: &[char]) -> Option<Vec<Dim>> {
    // Compared from the end, with no list made per word (this runs for
    // every line of every report).
    let ends = |w: &str| {
        w.chars().count() <= name.len()
            && w.chars().rev().zip(name.iter().rev()).all(|(a, b)| a == *b)
    };
    Some(if ends("人次") {
        vec![Dim::PersonTimes]
    } else if ["率", "满意度", "比例", "占比"].iter().any(|w| ends(w)) {
        vec![Dim::Percent]
    } else if ends("人数") {
        vec![Dim::Persons]
    } else if ends("标准") {
        vec![Dim::PerCapita, Dim::Money]
    } else if ["金额", "资金", "经费"].iter().any(|w| ends(w)) {
        vec![Dim::Money]
    } else {
        return None;
    })
}
