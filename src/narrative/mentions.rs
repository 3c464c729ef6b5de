//! Names in a text (one automaton pass) and the words that say which
//! figure of a name is meant.

use super::*;

/// Words between a name and a figure that say which figure of it is meant.
pub(super) const ATTRS: &[(&str, Option<Attr>)] = &[
    // Full marks earned: the figure is the score ("拿到满分5分").
    ("拿到满分", Some(Attr::Score)),
    ("获得满分", Some(Attr::Score)),
    ("得满分", Some(Attr::Score)),
    ("获满分", Some(Attr::Score)),
    ("计满分", Some(Attr::Score)),
    ("全部满分", Some(Attr::Score)),
    ("均为满分", Some(Attr::Score)),
    ("拿满", Some(Attr::Score)),
    // Points taken off are not a score ("扣0.1分后得4.9分").
    ("扣除", None),
    ("扣减", None),
    ("扣", None),
    ("自评", Some(Attr::Score)),
    ("得分率", Some(Attr::Rate)),
    ("评价得分", Some(Attr::Score)),
    ("自评得分", Some(Attr::Score)),
    ("考评得分", Some(Attr::Score)),
    ("得分", Some(Attr::Score)),
    ("实际完成率", Some(Attr::Completion)),
    ("完成率", Some(Attr::Completion)),
    // "完成年度目标的180.84%": how much of its target was done.
    ("完成年度目标的", Some(Attr::Completion)),
    ("完成全年目标的", Some(Attr::Completion)),
    ("完成目标的", Some(Attr::Completion)),
    ("完成年度任务的", Some(Attr::Completion)),
    ("完成任务的", Some(Attr::Completion)),
    ("实际完成值", Some(Attr::Actual)),
    ("完成值", Some(Attr::Actual)),
    ("执行完成", Some(Attr::Actual)),
    ("实际支付", Some(Attr::Actual)),
    ("实际值", Some(Attr::Actual)),
    ("全年实际值", Some(Attr::Actual)),
    ("全年实际完成值", Some(Attr::Actual)),
    ("实际完成", Some(Attr::Actual)),
    ("实际执行", Some(Attr::Actual)),
    ("实际使用", Some(Attr::Actual)),
    ("已支付", Some(Attr::Actual)),
    ("已执行", Some(Attr::Actual)),
    ("已拨付", Some(Attr::Actual)),
    ("完成", Some(Attr::Actual)),
    ("执行到位", None),
    // Scores said with a verb: "实得20分", "获得5分", "产出指标得50分".
    ("实得", Some(Attr::Score)),
    ("拿到", Some(Attr::Score)),
    ("获得", Some(Attr::Score)),
    ("计得", Some(Attr::Score)),
    ("得", Some(Attr::Score)),
    // A weight or a target is not a checked statement.
    ("满分", None),
    ("权重", None),
    ("权数", None),
    ("年度指标值", None),
    ("指标值", None),
    ("分值", None),
    ("目标值", None),
    ("预算", None),
    // "实际" before a verb: "全年实际稽核126家", "实际达到3315人".
    ("实际", Some(Attr::Actual)),
];

/// Words that head a table's column and say which figure of the row's
/// label it holds, beside [`ATTRS`]: "项目 | 行次 | 金额".
/// A year's columns say which year's figure: "| 上年 | 本年 | 增减".
pub(super) const HEADING_ATTRS: &[(&str, Option<Attr>)] = &[
    ("金额", Some(Attr::Actual)),
    ("行次", None),
    ("本年", Some(Attr::Actual)),
    ("本年度", Some(Attr::Actual)),
    ("本年数", Some(Attr::Actual)),
    ("上年", None),
    ("上年度", None),
    ("上年数", None),
    ("增减", None),
    ("增减额", None),
    ("增减率", None),
];

/// Words saying full marks were earned: in their sentence a figure in 分
/// after a node or line is its score, though it is also its weight
/// ("四个二级指标全部满分：数量指标20分、质量指标15分").
pub(super) const FULL_MARKS_EARNED: &[&str] = &[
    "全部满分",
    "均为满分",
    "均获满分",
    "均得满分",
    "全部拿满",
    "均拿满",
    "拿满",
    "拿到满分",
    "获得满分",
    "得满分",
    "获满分",
    "计满分",
];

/// A name found in the text.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) subjects: Vec<Subject>,
}

/// Where the figure after a bare level would stand past a verb of its
/// share ("由中央承担4200万元、省级承担3700万元"): after the verb, or `end`.
fn share_verb(t: &[char], end: usize) -> usize {
    ["承担", "分担", "负担"]
        .iter()
        .find(|w| {
            let w: Vec<char> = w.chars().collect();
            t.get(end..end.saturating_add(w.len())) == Some(w.as_slice())
        })
        .map_or(end, |w| end.saturating_add(w.chars().count()))
}

/// The names in `t`, leftmost-longest and not overlapping (at each place
/// the longest name that starts there; the scan goes on after it), in
/// one pass of the vocabulary's automaton.
pub(super) fn mentions(t: &[char], vocab: &Vocabulary) -> Vec<Mention> {
    find(t, vocab, false)
}

/// [`mentions`], the operands of formulas included ("实际支出/全年预算数"):
/// the terms a formula names (`formulas`).
pub(super) fn with_operands(t: &[char], vocab: &Vocabulary) -> Vec<Mention> {
    find(t, vocab, true)
}

fn find(t: &[char], vocab: &Vocabulary, operands: bool) -> Vec<Mention> {
    let text: String = t.iter().collect();
    let mut out = Vec::new();
    // Byte offsets to character offsets, walking forward only.
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut to_char = |at: usize| {
        let step = text.get(byte..at).map_or(0, |s| s.chars().count());
        byte = at;
        chars = chars.saturating_add(step);
        chars
    };
    // A name inside a bracketed formula ("执行率=（全年资金执行数/…）*100%=
    // 100%") is an operand, not the subject of the figures after it; a
    // bracketed aside with no operator ("（其中建档立卡人员 7580 人）") keeps
    // its names.
    let mut in_formula = vec![false; t.len()];
    for (a, i) in bracket_pairs(t) {
        let inner = t.get(a..i).unwrap_or(&[]);
        // A definition in words is a formula too ("结余率（即结余数占预算数
        // 的比例）为1.2%").
        let said: String = inner.iter().skip(1).take(4).collect();
        let defined = said.starts_with('即')
            || said.starts_with("计算")
            || inner.contains(&'占') && inner.windows(2).any(|w| w == ['比', '例']);
        if defined || inner.iter().any(|c| OPERATORS.contains(c)) {
            for f in in_formula.iter_mut().take(i).skip(a) {
                *f = true;
            }
        }
    }
    for (m_start, m_end, subjects) in vocab.find(&text) {
        let start = to_char(m_start);
        let end = to_char(m_end);
        if !operands && in_formula.get(start).copied().unwrap_or(false) {
            continue;
        }
        // An operand of a formula written out ("执行率＝全年资金执行数÷预算
        // 安排资金×100%"), not a subject.
        let operand = |c: Option<&char>| c.is_some_and(|c| OPERATORS.contains(c));
        // ("实际支出数÷…": the name "实际支出" and one or two more characters
        // of the operand's word.)
        let operand_after = (0..3).any(|k| {
            operand(t.get(end.saturating_add(k)))
                && t.get(end..end.saturating_add(k))
                    .is_some_and(|w| w.iter().all(|c| c.is_alphabetic()))
        });
        if !operands && (operand_after || start > 0 && operand(t.get(start.saturating_sub(1)))) {
            continue;
        }
        // A bare level of government names a funds row only for the
        // figure right after it.
        // (Hashed only for a short name of a row: the bare levels are.)
        let loose = end.saturating_sub(start) <= 4
            && subjects.iter().any(|x| matches!(x, Subject::Row(..)))
            && t.get(start..end).is_some_and(|w| vocab.tight.contains(w))
            && !t
                .get(share_verb(t, end)..)
                .and_then(|w| w.iter().find(|c| !matches!(c, ' ' | '|' | '\t')))
                .is_some_and(|c| c.is_ascii_digit())
            && !listed_part(t, start, end)
            && !listed_respectively(t, end);
        // The persons a line counts, named without its verb: only where
        // the verb is said in the clause ("资助城镇困难人员参保3857人"; not
        // "民政部门认定的城镇困难人员3857名").
        if subjects.iter().any(|x| matches!(x, Subject::Line(_)))
            && t.get(start..end).is_some_and(|w| vocab.cores.contains(w))
            && !verb_in_clause(t, start, end)
        {
            continue;
        }
        let mut subjects = subjects;
        // "县财政局", "省财政厅": the agency, not its level's funds row.
        let agency = t.get(end).is_some_and(|c| matches!(c, '局' | '厅'));
        if loose || agency {
            subjects.retain(|s| !matches!(s, Subject::Row(..)));
            if subjects.is_empty() {
                continue;
            }
        }
        {
            let mut subjects = subjects;
            // "资金到位率指标（分值4分）实际完成99.6%": the indicator line of
            // that name, before the quantity (a node's sole line, added
            // below, stays after its node).
            if t.get(end..end.saturating_add(2)) == Some(&['指', '标'][..]) {
                crate::sort::sort_by_key(&mut subjects, |s| !matches!(s, Subject::Line(_)));
            }
            // A node with one line names it too.
            let sole: Vec<Subject> = subjects
                .iter()
                .filter_map(|s| match s {
                    Subject::Node(n) => vocab.sole_lines.get(n).map(|l| Subject::Line(l.clone())),
                    _ => None,
                })
                .filter(|l| !subjects.contains(l))
                .collect();
            subjects.extend(sole);
            // A row's name that begins with a per-capita level's name
            // ("中央补助" where a level is "中央") may be that level's, unless
            // it names money ("县级配套资金17280元" is no standard).
            let name = text.get(m_start..m_end).unwrap_or("");
            if subjects.iter().all(|s| matches!(s, Subject::Row(..))) && !name.ends_with("资金") {
                let levels = name
                    .char_indices()
                    .skip(2)
                    .filter_map(|(b, _)| Some(vocab.subjects_of(name.get(..b)?)))
                    .flatten()
                    .filter(|s| matches!(s, Subject::Level(_)))
                    .collect::<Vec<_>>();
                subjects.extend(levels);
            }
            out.push(Mention {
                start,
                end,
                subjects,
            });
        }
    }
    out
}

/// "中央、自治区、县级资金全年执行数分别为…": a bare level listed before
/// 、 or 和, in a clause that goes on to give figures 分别, is one of the
/// names the figures pair with.
fn listed_respectively(t: &[char], end: usize) -> bool {
    if !t.get(end).is_some_and(|c| matches!(c, '、' | '和')) {
        return false;
    }
    // (At most 40 characters on: a bounded look per bare level.)
    let rest = t
        .get(end..end.saturating_add(40).min(t.len()))
        .unwrap_or(&[]);
    let clause = rest
        .iter()
        .position(|c| matches!(c, '，' | ',' | '；' | ';' | '。'))
        .unwrap_or(rest.len());
    rest.get(..clause)
        .unwrap_or(&[])
        .windows(2)
        .any(|w| w == ['分', '别'])
}

/// "…合计2089万元，其中自治区安排312万元，中央安排1777万元": a bare level
/// in a list of parts after 其中, a verb of money given right after it and
/// then its figure, names that row.
pub(super) fn listed_part(t: &[char], start: usize, end: usize) -> bool {
    const VERBS: &[&[char]] = &[&['安', '排'], &['下', '达'], &['拨', '付'], &['到', '位']];
    let verb = VERBS.iter().any(|v| {
        t.get(end..end.saturating_add(v.len())) == Some(v)
            && t.get(end.saturating_add(v.len()))
                .is_some_and(|c| c.is_ascii_digit())
    });
    verb && {
        // (At most 60 characters back: a bounded look per bare level.)
        let before = t.get(start.saturating_sub(60)..start).unwrap_or(&[]);
        let sentence = before
            .iter()
            .rposition(|c| matches!(c, '。' | '\n'))
            .map_or(0, |i| i.saturating_add(1));
        before
            .get(sentence..)
            .unwrap_or(&[])
            .windows(2)
            .any(|w| w == ['其', '中'])
    }
}

/// Whether a verb of what was done for persons (资助, 参保, 享受, 补贴,
/// 补助) stands in the clause of the name at `start..end`, before it or
/// between it and the next figure.
fn verb_in_clause(t: &[char], start: usize, end: usize) -> bool {
    let breaks = |c: &char| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。' | '、');
    let from = context::clause_start(t, start, context::CLAUSE_REACH, breaks);
    let to = context::clause_end(t, end, |c| breaks(c) || c.is_ascii_digit());
    let said = |w: &[char]| {
        w.windows(2).any(|x| {
            matches!(
                x,
                ['资', '助'] | ['参', '保'] | ['享', '受'] | ['补', '贴'] | ['补', '助']
            )
        })
    };
    said(t.get(from..start).unwrap_or(&[])) || said(t.get(end..to).unwrap_or(&[]))
}

/// The last attribute word in `t[from..to]`, and whether one was found.
pub(super) fn attribute(t: &[char], from: usize, to: usize) -> Option<Option<Attr>> {
    attribute_of(t, from, to, true)
}

/// [`attribute`], with or without the bare "实际" (`generic`): a sentence
/// that opens with "实际投入…" does not carry the subject before it.
pub(super) fn attribute_of(
    t: &[char],
    from: usize,
    to: usize,
    generic: bool,
) -> Option<Option<Attr>> {
    let mut best: Option<(usize, Option<Attr>)> = None;
    let mut i = from;
    // The attribute words as characters, made once per process.
    static WORDS: std::sync::OnceLock<Vec<(Vec<char>, Option<Attr>)>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        ATTRS
            .iter()
            .map(|(w, a)| (w.chars().collect(), *a))
            .collect()
    });
    while i < to {
        let hit = words.iter().find(|(w, _)| {
            i.saturating_add(w.len()) <= to
                && starts_with(t, i, w)
                && (generic || w.as_slice() != ['实', '际'])
        });
        // "计" alone is a score word ("效益类指标计28.6分"), not inside 共计,
        // 合计, 累计, 统计, 计划 ….
        let counted = hit.is_none()
            && t.get(i) == Some(&'计')
            && !i
                .checked_sub(1)
                .and_then(|p| t.get(p))
                .is_some_and(|p| "共合累统设估预会审小总".contains(*p))
            && !t
                .get(i.saturating_add(1))
                .is_some_and(|n| "划算入提".contains(*n));
        if counted {
            best = Some((i, Some(Attr::Score)));
            i = i.saturating_add(1);
            continue;
        }
        match hit {
            Some((w, a)) => {
                best = Some((i, *a));
                i = i.saturating_add(w.len());
            }
            None => i = i.saturating_add(1),
        }
    }
    best.map(|(_, a)| a)
}
