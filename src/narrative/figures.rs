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
    /// A word goes on right after it ("61.27万参保居民"): the figure can
    /// only be of a name that follows it at once.
    pub(super) joined: bool,
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

/// The `n` characters before `at`, without spaces, colons and bars.
fn compact_before(t: &[char], at: usize, n: usize) -> String {
    t.get(at.saturating_sub(n)..at)
        .unwrap_or(&[])
        .iter()
        .filter(|c| !c.is_whitespace() && !matches!(c, '|' | ':' | '：'))
        .collect()
}

/// Whether a score word stands right before `at` ("得分10", "分值为20"), or
/// the table row "总分 100" (its full marks, then the score: "总分 100 95.5").
fn score_word_before(t: &[char], at: usize) -> bool {
    let before = compact_before(t, at, 4);
    let before = before.strip_suffix('为').unwrap_or(&before);
    ["得分", "分值", "评分"].iter().any(|w| before.ends_with(w))
        || compact_before(t, at, 10).ends_with("总分100")
}

/// Whether the bare number at `start..end` is the full marks of the
/// table row "总分 100 95.5" (a weight, no one's statement).
fn is_full_marks(t: &[char], start: usize, end: usize) -> bool {
    let rest = t.get(end..).unwrap_or(&[]);
    let next = rest
        .iter()
        .find(|c| !c.is_whitespace() && !matches!(c, '|'));
    compact_before(t, start, 6).ends_with("总分")
        && t.get(start..end) == Some(&['1', '0', '0'][..])
        && rest.first().is_some_and(|c| c.is_whitespace() || *c == '|')
        && next.is_some_and(|c| c.is_ascii_digit())
}

/// The last unit named in brackets in `s` ("项目资金（万元）| …").
pub(super) fn unit_in_brackets(s: &[char]) -> Option<&'static Unit> {
    let mut h = HeaderUnits {
        scanned: 0,
        last: None,
    };
    h.before(s, s.len())
}

/// The unit a sentence that is only a unit note gives the sentences after
/// it ("金额单位：万元。", "（单位：万元）").
pub(super) fn unit_note(s: &[char]) -> Option<&'static Unit> {
    if s.len() > 16 {
        return None;
    }
    let text: String = s
        .iter()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）'))
        .collect();
    let unit = text
        .strip_prefix("金额单位")
        .or_else(|| text.strip_prefix("单位"))?
        .strip_prefix([':', '：'])?;
    let mut probe = HeaderUnits {
        scanned: 0,
        last: None,
    };
    let note: Vec<char> = format!("({unit})").chars().collect();
    probe.before(&note, note.len())
}

/// The unit of a note in brackets within a sentence ("（单位：万元）",
/// "(金额单位:元)"), if there is one.
pub(super) fn bracketed_unit_note(s: &[char]) -> Option<&'static Unit> {
    let open = s.windows(3).position(|w| {
        matches!(w.first(), Some('(' | '（'))
            && (w.get(1..) == Some(&['单', '位'][..]) || w.get(1..) == Some(&['金', '额'][..]))
    })?;
    let close = s
        .get(open..)?
        .iter()
        .take(12)
        .position(|c| matches!(c, ')' | '）'))?;
    unit_note(s.get(open..open.saturating_add(close).saturating_add(1))?)
}

/// The unit words a figure may be followed by, longest first where one
/// begins another (万人次 before 万人, 元/人 before 元).
fn unit_words() -> &'static [(Vec<char>, Unit)] {
    static UNITS: std::sync::OnceLock<Vec<(Vec<char>, Unit)>> = std::sync::OnceLock::new();
    UNITS.get_or_init(|| {
        fn count(w: &'static str) -> (&'static str, Unit) {
            (w, Unit::Other(w.into()))
        }
        [
            ("万元", Unit::WanYuan),
            ("亿元", Unit::YiYuan),
            ("万人次", Unit::WanPersonTime),
            ("万人", Unit::WanPerson),
            ("万名", Unit::WanPerson),
            ("人次", Unit::PersonTime),
            // Counts a line may be in ("全年实际稽核126家").
            count("万件"),
            count("万户"),
            count("家"),
            count("笔"),
            count("件"),
            count("户"),
            count("项"),
            count("所"),
            count("份"),
            count("次"),
            count("个"),
            ("元/人", Unit::YuanPerPerson),
            ("万", Unit::Wan),
            ("元", Unit::Yuan),
            ("人", Unit::Person),
            ("名", Unit::Person),
            ("%", Unit::Percent),
            ("分", Unit::Points),
        ]
        .into_iter()
        .map(|(w, u)| (w.chars().collect(), u))
        .collect()
    })
}

struct HeaderUnits {
    scanned: usize,
    last: Option<&'static Unit>,
}

impl HeaderUnits {
    fn before(&mut self, t: &[char], at: usize) -> Option<&'static Unit> {
        static HEADERS: std::sync::OnceLock<Vec<(Vec<char>, Unit)>> = std::sync::OnceLock::new();
        let headers = HEADERS.get_or_init(|| {
            let mut v = Vec::new();
            // ("(万)" alone says nothing.)
            for (w, u) in unit_words().iter().filter(|(_, u)| *u != Unit::Wan) {
                let w: String = w.iter().collect();
                for (open, close) in [("（", "）"), ("(", ")"), ("单位：", ""), ("单位:", "")]
                {
                    v.push((format!("{open}{w}{close}").chars().collect(), u.clone()));
                }
            }
            v
        });
        while self.scanned < at {
            let i = self.scanned;
            // Every note begins with a bracket or 单.
            let opens = t.get(i).is_some_and(|c| matches!(c, '(' | '（' | '单'));
            let found = opens
                .then(|| {
                    headers
                        .iter()
                        .find(|(w, _)| starts_with(t, i, w) && i.saturating_add(w.len()) <= at)
                })
                .flatten();
            if let Some((_, u)) = found {
                self.last = Some(u);
            }
            self.scanned = i.saturating_add(1);
        }
        self.last
    }
}

/// Read every number followed by a unit; keep those that can be stated values.
pub(super) fn figures(t: &[char], unit_in: Option<&'static Unit>) -> Vec<Figure> {
    read_figures(t, unit_in, false, false)
}

/// [`figures`], and bare numbers too (unit `None`) where no word goes on
/// after them: the cells of a table written out as text.
pub(super) fn figures_with_bare(t: &[char], unit_in: Option<&'static Unit>) -> Vec<Figure> {
    read_figures(t, unit_in, true, false)
}

/// [`figures_with_bare`], a formula's operands included ("=614.49/614.49
/// ×100%"), for reading formulas (`formulas`).
pub(super) fn operand_figures(t: &[char], unit_in: Option<&'static Unit>) -> Vec<Figure> {
    read_figures(t, unit_in, true, true)
}

/// Characters that may follow a bare "万" without making a unit of it.
const AFTER_WAN: &[char] = &[
    '已', '全', '均', '于', '并', '用', '按', '及', '和', '与', '占', '较', '比', '为', '主', '分',
    '当', '如',
];

fn read_figures(
    t: &[char],
    unit_in: Option<&'static Unit>,
    bare: bool,
    operands: bool,
) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut headers = HeaderUnits {
        scanned: 0,
        last: unit_in,
    };
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
        let units = unit_words();
        let (unit, end) = match units.iter().find(|(w, _)| starts_with(t, k, w)) {
            Some((word, unit)) => (unit, k.saturating_add(word.len())),
            // A bare number under a unit in brackets ("全年预算数（万元）：
            // 年度资金总额166.96，其中…") is in that unit, where no word
            // goes on after it (not "3个", "2022年").
            // "得分10", "分值20.00": a score or weight written bare.
            None if is_full_marks(t, start, j) => continue,
            None if score_word_before(t, start)
                && !t.get(j).is_some_and(|c| c.is_alphanumeric() || *c == '.') =>
            {
                (&Unit::Points, j)
            }
            None => match headers.before(t, start) {
                Some(u) if !t.get(j).is_some_and(|c| c.is_alphanumeric() || *c == '.') => (u, j),
                _ if bare && !t.get(j).is_some_and(|c| c.is_alphanumeric() || *c == '.') => {
                    (&Unit::None, j)
                }
                _ => continue,
            },
        };
        // "人次" is not 人; "分值" after a figure is still points.
        if matches!(unit, Unit::Person | Unit::WanPerson) && t.get(end) == Some(&'次') {
            continue;
        }
        // "万" alone only where a word does not go on ("12.59万，", not
        // "3.5万户"), or where a verb or a particle follows it ("1480万已全部
        // 到位", "1480万用于…").
        let joined = matches!(unit, Unit::Wan | Unit::Other(_))
            && t.get(end).is_some_and(|c| {
                c.is_alphanumeric() && !(*unit == Unit::Wan && AFTER_WAN.contains(c))
            });
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
        let formula_at =
            |c: Option<char>| operands && c.is_some_and(|c| OPERATORS.contains(&c) || c == '=');
        if !formula_at(prev)
            && prev.is_some_and(|p| OPERATORS.contains(&p) || COMPARATORS.contains(&p) && p != '=')
        {
            continue;
        }
        // ">=82万人", "<=5%": a bound written with two characters.
        let before_prev = (0..start)
            .rev()
            .map(|p| t.get(p).copied())
            .filter(|c| *c != Some(' '))
            .nth(1)
            .flatten();
        if prev == Some('=') && before_prev.is_some_and(|p| matches!(p, '>' | '<' | '!')) {
            continue;
        }
        // "足额保障率=100%": a name set equal to a figure with no formula
        // before it is a target as indicator tables write them; only a
        // formula's result ("…=611.42÷614.49×100%=99.5%") is a statement.
        if prev == Some('=') && !operands {
            let from = start.saturating_sub(40);
            let clause = t
                .get(from..start)
                .map(|w| {
                    let cut = w
                        .iter()
                        .rposition(|c| matches!(c, ',' | ';' | ':' | '，' | '；' | '：'))
                        .map_or(0, |i| i.saturating_add(1));
                    w.get(cut..).unwrap_or(&[])
                })
                .unwrap_or(&[]);
            if !clause.iter().any(|c| OPERATORS.contains(c)) {
                continue;
            }
        }
        let next = t
            .get(end..)
            .and_then(|s| s.iter().find(|c| **c != ' '))
            .copied();
        if !operands && next.is_some_and(|n| OPERATORS.contains(&n)) {
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
            joined,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<(String, String)> {
        let t: Vec<char> = text.chars().collect();
        figures(&t, None)
            .into_iter()
            .map(|f| (f.value.to_string(), f.unit.text().to_string()))
            .collect()
    }

    /// The longest unit word wins: 万人次 is not 万人 then 次; 元/人 not 元.
    #[test]
    fn longest_unit_word() {
        let got = units("门诊1.2万人次，标准610元/人，3.5万名，126家。");
        let want = [
            ("1.2", "万人次"),
            ("610", "元/人"),
            ("3.5", "万人"),
            ("126", "家"),
        ];
        assert_eq!(
            got,
            want.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        );
    }

    /// A bracketed note gives bare numbers after it their unit; a
    /// target written name=figure is no figure.
    #[test]
    fn notes_and_targets() {
        assert_eq!(
            units("全年预算数（万元）：166.96，共3批"),
            [("166.96".to_string(), "万元".to_string())]
        );
        assert!(units("足额保障率=100%").is_empty());
        assert_eq!(units("=611.42÷614.49×100%=99.5%").len(), 1);
    }
}
