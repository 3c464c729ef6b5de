//! Figures in a text: a number, its unit, and what rules it out.

use super::*;

/// A figure found in the text.
#[derive(Debug, Clone)]
pub(super) struct Figure {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: Decimal,
    pub(super) decimals: i32,
    pub(super) unit: Unit,
}

pub(super) const SENTENCE_END: &[char] = &['。', '！', '？', '；', ';', '!', '?', '\n', '\r'];
pub(super) const OPERATORS: &[char] = &['/', '*', '×', '÷', '+'];
pub(super) const COMPARATORS: &[char] = &['≥', '≤', '>', '<', '='];

/// Whether a "," already stood in the number begun at `start`.
pub(super) fn group_sep_seen(t: &[char], start: usize, at: usize) -> bool {
    t.get(start..at).is_some_and(|w| w.contains(&','))
}

/// Exactly three digits at `at`, then no further digit: a thousands group.
pub(super) fn thousands_group(t: &[char], at: usize) -> bool {
    t.get(at..at.saturating_add(3))
        .is_some_and(|w| w.len() == 3 && w.iter().all(|c| c.is_ascii_digit()))
        && !t
            .get(at.saturating_add(3))
            .is_some_and(|c| c.is_ascii_digit())
}

/// Read every number followed by a unit; keep those that can be stated values.
pub(super) fn figures(t: &[char]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let Some(&c) = t.get(i) else { break };
        if !c.is_ascii_digit()
            || (i > 0
                && t.get(i.saturating_sub(1))
                    .is_some_and(|p| p.is_ascii_digit() || *p == '.'))
        {
            i = i.saturating_add(1);
            continue;
        }
        let start = i;
        let mut j = i;
        let mut dot = false;
        while let Some(&d) = t.get(j) {
            if d.is_ascii_digit() {
                j = j.saturating_add(1);
            } else if d == ','
                && !dot
                && (group_sep_seen(t, start, j) || j.saturating_sub(start) <= 3)
                && thousands_group(t, j.saturating_add(1))
            {
                // "43,120.50": a thousands separator, read past.
                j = j.saturating_add(1);
            } else if d == '.'
                && !dot
                && t.get(j.saturating_add(1))
                    .is_some_and(|n| n.is_ascii_digit())
            {
                dot = true;
                j = j.saturating_add(1);
            } else {
                break;
            }
        }
        let number: String = t
            .get(start..j)
            .unwrap_or(&[])
            .iter()
            .filter(|c| **c != ',')
            .collect();
        i = j.max(i.saturating_add(1));
        // "48.8." and "1.2.3": malformed, not a statement.
        if t.get(j) == Some(&'.')
            && !t
                .get(j.saturating_add(1))
                .is_some_and(|n| n.is_ascii_digit())
            && t.get(j.saturating_add(1))
                .is_some_and(|n| !n.is_whitespace())
        {
            continue;
        }
        if t.get(j) == Some(&'.')
            && t.get(j.saturating_add(1))
                .is_some_and(|n| n.is_ascii_digit())
        {
            continue;
        }
        // Skip spaces, then the unit.
        let mut k = j;
        while t.get(k).is_some_and(|c| *c == ' ') {
            k = k.saturating_add(1);
        }
        static UNITS: std::sync::OnceLock<Vec<(Vec<char>, Unit)>> = std::sync::OnceLock::new();
        let units = UNITS.get_or_init(|| {
            [
                ("万元", Unit::WanYuan),
                ("亿元", Unit::YiYuan),
                ("万人", Unit::WanPerson),
                ("元/人", Unit::YuanPerPerson),
                ("万", Unit::Wan),
                ("元", Unit::Yuan),
                ("人", Unit::Person),
                ("%", Unit::Percent),
                ("分", Unit::Points),
            ]
            .into_iter()
            .map(|(w, u)| (w.chars().collect(), u))
            .collect()
        });
        let Some((word, unit)) = units.iter().find(|(w, _)| starts_with(t, k, w)) else {
            continue;
        };
        let end = k.saturating_add(word.len());
        // "人次" is not 人; "分值" after a figure is still points.
        if matches!(unit, Unit::Person | Unit::WanPerson) && t.get(end) == Some(&'次') {
            continue;
        }
        // "万" alone only where a word does not go on ("12.59万，", not
        // "3.5万户").
        if *unit == Unit::Wan && t.get(end).is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        // Approximate or bounded: "96%以上", "2500多名", "8000余件".
        let after: String = t
            .get(end..(end.saturating_add(2)).min(t.len()))
            .unwrap_or(&[])
            .iter()
            .collect();
        if ["以上", "以下", "左右", "以内"]
            .iter()
            .any(|w| after.starts_with(w))
            || after.starts_with('余')
            || after.starts_with('多')
        {
            continue;
        }
        // Formula operands and comparisons.
        let prev = (0..start)
            .rev()
            .map(|p| t.get(p).copied())
            .find(|c| *c != Some(' '))
            .flatten();
        if prev.is_some_and(|p| OPERATORS.contains(&p) || COMPARATORS.contains(&p) && p != '=') {
            continue;
        }
        let next = t
            .get(end..)
            .and_then(|s| s.iter().find(|c| **c != ' '))
            .copied();
        if next.is_some_and(|n| OPERATORS.contains(&n)) {
            continue;
        }
        let decimals = number
            .split('.')
            .nth(1)
            .map(|f| f.len() as i32)
            .unwrap_or(0);
        let Ok(value) = Decimal::from_str_exact(&number) else {
            continue;
        };
        out.push(Figure {
            start,
            end,
            value,
            decimals,
            unit: unit.clone(),
        });
    }
    out
}
