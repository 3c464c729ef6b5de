//! Money named before a verb that says what became of it: "项目资金166.96
//! 万元按时足额到位", "全年166.96万元全部执行完毕", "…补助资金10万元已于12月
//! 全部支付完毕".

use super::context::{clause_end, clause_start, CHANGE_CUES, CLAUSE_REACH, TARGET_CUES};
use super::*;

/// Verbs after the money, and the funds column each says it is.
const VERBS_AFTER: &[(&str, &str)] = &[
    ("执行完毕", "spent"),
    ("支付完毕", "spent"),
    ("使用完毕", "spent"),
    ("支出完毕", "spent"),
    ("用完", "spent"),
    ("全部执行", "spent"),
    ("全部支出", "spent"),
    ("拨付使用", "spent"),
    ("全部使用", "spent"),
    ("到位", "received"),
    ("拨付", "received"),
    ("拨入", "received"),
    ("到账", "received"),
];

/// Whether a verb of [`VERBS_AFTER`] stands in `s`.
pub(super) fn has_verb(s: &[char]) -> bool {
    VERBS_AFTER.iter().any(|(w, _)| {
        s.windows(w.chars().count())
            .any(|x| x.iter().copied().eq(w.chars()))
    })
}

/// Words before the money that name nothing but the project's money.
const GENERIC: &[&str] = &[
    "本项目",
    "该项目",
    "项目",
    "全年",
    "年内",
    "配套",
    "补助",
    "财政",
    "资金",
    "经费",
    "共",
    "的",
];

/// What the money figure `f`, read by nothing else, states by the verb
/// after it: the subject, the attribute and where its name stands (the
/// verb when no name does). None when words before it name
/// something else, or its clause speaks of a target, a change or a year.
pub(super) fn stated_by_verb(
    s: &[char],
    names: &[Mention],
    f: &Figure,
    year_said: bool,
) -> Option<(Subject, Attr, (usize, usize))> {
    if year_said || f.unit.dim() != Dim::Money && f.unit != Unit::Wan {
        return None;
    }
    // The clause around the figure.
    let breaks = |c: &char| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。' | '(' | '（');
    // (A bracket closed before the money ends what came before it: "中央
    // 6890万元（新财社〔2022〕1514号）及县级配套资金1500万元均已到账".)
    let from = clause_start(s, f.start, CLAUSE_REACH, |c| {
        breaks(c) || matches!(c, ')' | '）')
    });
    let to = clause_end(s, f.end, breaks);
    let before: String = s.get(from..f.start)?.iter().collect();
    let after: String = s.get(f.end..to)?.iter().collect();
    // Nothing else counted in the clause after it (a date is no count:
    // "…614.49万元已于2022年6月30日前足额到位"), no other time or aim.
    if without_dates(&after).chars().any(|c| c.is_ascii_digit())
        || TARGET_CUES
            .iter()
            .chain(CHANGE_CUES)
            .chain(&["年初", "追加", "调整"])
            .any(|w| before.contains(w) || after.contains(w))
    {
        return None;
    }
    // The verb, and where it stands (the name a finding shows).
    let (verb, column) = VERBS_AFTER.iter().find_map(|(w, c)| {
        let w: Vec<char> = w.chars().collect();
        let at = s
            .get(f.end..to)?
            .windows(w.len())
            .position(|x| x == w.as_slice())?;
        let at = f.end.saturating_add(at);
        Some(((at, at.saturating_add(w.len())), *c))
    })?;
    // A name right before the money: an expense line's spending, a row's
    // column.
    let named = names
        .get(..names.partition_point(|m| m.end <= f.start))?
        .last()
        .filter(|m| m.end == f.start && m.start >= from);
    let rest = match named {
        Some(m) => s.get(from..m.start)?.iter().collect::<String>(),
        None => before,
    };
    if !only_generic(&rest) {
        return None;
    }
    match named {
        Some(m) => m.subjects.iter().find_map(|x| match x {
            Subject::Expense(_) if column == "spent" => {
                Some((x.clone(), Attr::Actual, (m.start, m.end)))
            }
            Subject::Row(r, c) if c.is_empty() => {
                let subject = if r.is_empty() {
                    Subject::Quantity(column.into())
                } else {
                    Subject::Row(r.clone(), column.into())
                };
                Some((subject, Attr::Value, (m.start, m.end)))
            }
            _ => None,
        }),
        None => Some((Subject::Quantity(column.into()), Attr::Value, verb)),
    }
}

/// `words` without the dates in them ("2022年6月30日", "12月底").
fn without_dates(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    let mut digits = String::new();
    for c in words.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !matches!(c, '年' | '月' | '日') || digits.is_empty() {
            out.push_str(&digits);
            out.push(c);
        }
        digits.clear();
    }
    out.push_str(&digits);
    out
}

/// Whether `words` are only words for the project's money (or nothing).
fn only_generic(words: &str) -> bool {
    // (A figure listed after another opens with a conjunction: "及县级…".)
    let mut rest = words.trim().trim_start_matches(['及', '和', '与', '、']);
    while !rest.is_empty() {
        match GENERIC.iter().find(|w| rest.starts_with(*w)) {
            Some(w) => rest = rest.get(w.len()..).unwrap_or("").trim_start(),
            None => return false,
        }
    }
    true
}

/// Whether the sentence names a year other than the report's
/// ("2021年", "2023年度"; any year when the report's is unknown): its
/// money is then left to the readings that judge years.
pub(super) fn year_said(s: &[char], report: Option<u32>) -> bool {
    s.windows(5).any(|w| {
        let year = w.get(..4).filter(|d| d.iter().all(char::is_ascii_digit));
        let year = year.and_then(|d| d.iter().collect::<String>().parse::<u32>().ok());
        w.get(4) == Some(&'年') && year.is_some_and(|y| Some(y) != report)
    })
}
