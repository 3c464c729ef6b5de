//! Funds rows as subjects, and names given figures respectively.

use super::*;

/// The funds-table columns a quantity name can stand for.
pub(super) const COLUMNS: &[&str] = &["planned", "budget", "received", "spent", "balance"];

/// The report's rates (a row's rate is not the report's).
pub(super) const RATES: &[&str] = &["budgetExecution", "fundsArrival", "balanceRate"];

/// Whether a subject is a cell of the funds table: one of its columns,
/// for the whole or a row.
pub(super) fn is_funds_cell(x: &Subject) -> bool {
    match x {
        Subject::Quantity(q) => COLUMNS.contains(&q.as_str()),
        Subject::Row(_, c) => COLUMNS.contains(&c.as_str()),
        _ => false,
    }
}

/// The column a mention names, if it names one.
pub(super) fn column_of(m: &Mention) -> Option<&str> {
    m.subjects.iter().find_map(|s| match s {
        Subject::Quantity(q) if COLUMNS.contains(&q.as_str()) => Some(q.as_str()),
        _ => None,
    })
}

/// The row a mention names ("" for the total row), if it names one.
pub(super) fn row_of(m: &Mention) -> Option<&str> {
    m.subjects.iter().find_map(|s| match s {
        Subject::Row(r, _) => Some(r.as_str()),
        _ => None,
    })
}

/// For each mention `i`, the last column word among `names[..i]`, and at
/// `names.len()` the last of all (one pass: a figure's lookup is then
/// constant, however many names the sentence has).
pub(super) fn columns_before(names: &[Mention]) -> Vec<Option<&str>> {
    let mut out = Vec::with_capacity(names.len().saturating_add(1));
    let mut last = None;
    for m in names {
        out.push(last);
        last = column_of(m).or(last);
    }
    out.push(last);
    out
}

/// For each mention, the row the sentence is about at that point: a row
/// named with no figure of its own before the next column word is the
/// topic of the columns after it ("县级资金到位2214.7万元，支出2195.4万元"), up to
/// the next row named. A row named right before its figure ("其中当年财政拨款
/// 150.96万元") is not a topic.
pub(super) fn row_topics(s: &[char], names: &[Mention], figs: &[Figure]) -> Vec<Option<String>> {
    // For each mention, the index of the next row or column word after it
    // (one pass from the end: linear however many names).
    let mut next: Vec<Option<usize>> = vec![None; names.len()];
    let mut seen: Option<usize> = None;
    for (i, m) in names.iter().enumerate().rev() {
        if let Some(slot) = next.get_mut(i) {
            *slot = seen;
        }
        if column_of(m).is_some() || row_of(m).is_some() {
            seen = Some(i);
        }
    }
    let mut out = Vec::with_capacity(names.len());
    let mut topic: Option<String> = None;
    // Where a listed part's topic ends: at its figure.
    let mut until: Option<usize> = None;
    for (i, m) in names.iter().enumerate() {
        if until.is_some_and(|u| m.start >= u) {
            until = None;
            topic = None;
        }
        out.push(topic.clone());
        let Some(row) = row_of(m) else { continue };
        // "各级财政补助和个人缴费共筹集…": sources joined are the whole.
        if m.start > 0 && matches!(s.get(m.start.saturating_sub(1)), Some('和' | '与' | '及')) {
            topic = None;
            continue;
        }
        // "其中中央安排1777万元": a part listed with its figure is the topic
        // of its verb only.
        if super::mentions::listed_part(s, m.start, m.end) {
            until = figs
                .get(figs.partition_point(|f| f.start < m.end))
                .map(|f| f.start);
            topic = Some(row.to_string());
            continue;
        }
        let next_column = next
            .get(i)
            .copied()
            .flatten()
            .and_then(|j| names.get(j))
            .filter(|n| column_of(n).is_some());
        // A figure between the row and its column word (figures are in
        // order: the first after the row is found by bisection).
        topic = next_column
            .filter(|n| {
                let f = figs.partition_point(|f| f.start < m.end);
                figs.get(f).is_none_or(|f| f.end > n.start)
            })
            .map(|_| row.to_string());
    }
    out
}

/// "中央财政补助资金分两批拨付到位，合计15200万元": a total word opening a
/// clause under a row the sentence is about, with no figure since that
/// row was named, is that row's sum, not the table's total.
pub(super) fn topic_totals(
    s: &[char],
    names: &mut [Mention],
    topics: &[Option<String>],
    figs: &[Figure],
) {
    let mut last_row_end = 0;
    for (m, topic) in names.iter_mut().zip(topics) {
        let row = row_of(m).map(str::to_string);
        let word: String = s.get(m.start..m.end).unwrap_or(&[]).iter().collect();
        if let (Some(""), Some(topic)) = (row.as_deref(), topic) {
            let opens_clause = matches!(
                s.get(m.start.saturating_sub(1)),
                Some(',' | '，' | ';' | '；')
            );
            let figure_between = figs
                .get(figs.partition_point(|f| f.start < last_row_end))
                .is_some_and(|f| f.start < m.start);
            if opens_clause && !figure_between && ["合计", "共计", "总计"].contains(&word.as_str())
            {
                m.subjects = vec![Subject::Row(topic.clone(), String::new())];
                continue;
            }
        }
        if row.is_some_and(|r| !r.is_empty()) {
            last_row_end = m.end;
        }
    }
}

/// Whether the column word `m` (`names[at]`), under a row named before
/// the last figure (`prev_end`; the caller knows a row is the sentence's
/// topic there), begins a list item that has a subject of
/// its own which is no known name: after the last separator before it
/// ("、", "，", "；") stand two or more characters that are neither
/// filler nor a name ("、自治区本级支出5.8万元"). Then the figure is of
/// neither that row nor the whole.
pub(super) fn own_unknown_subject(
    s: &[char],
    names: &[Mention],
    at: usize,
    m: &Mention,
    prev_end: usize,
) -> bool {
    const FILLER: &[&str] = &[
        "其中", "实际", "全年", "当年", "本年", "年度", "共计", "合计", "分别", "累计", "已经",
        "资金", "财政", "完成", "实现", "共", "已", "均", "为", "的", "和", "并",
    ];
    if column_of(m).is_none() {
        return false;
    }
    // The row this topic came from was named before the last figure.
    let row_before = names
        .get(..at)
        .unwrap_or(&[])
        .iter()
        .rev()
        .find(|n| row_of(n).is_some())
        .is_some_and(|n| n.end <= prev_end);
    if !row_before || m.start < prev_end {
        return false;
    }
    // No other name between the last figure and the column word.
    let before = at.checked_sub(1).and_then(|i| names.get(i));
    if before.is_some_and(|n| n.start >= prev_end) {
        return false;
    }
    let gap = s.get(prev_end..m.start).unwrap_or(&[]);
    let Some(sep) = gap
        .iter()
        .rposition(|c| matches!(c, '、' | '，' | '；' | ',' | ';'))
    else {
        return false;
    };
    let mut rest: String = gap
        .get(sep.saturating_add(1)..)
        .unwrap_or(&[])
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    for f in FILLER {
        rest = rest.replace(f, "");
    }
    rest.chars().filter(|c| context::is_han(*c)).count() >= 2
}

/// What the mention `names[at]` (`m`) states of the funds table: a column
/// word under a topic row is that row's cell; a row name right before its
/// figure takes the column the sentence spoke of before it ("全年预算数
/// 166.96万元，其中当年财政拨款150.96万元"), the total row its quantity. Other
/// subjects are kept, rows without a column dropped.
pub(super) fn bind_row(
    topic: Option<&str>,
    m: &Mention,
    columns: &[String],
    column_said: Option<&str>,
) -> Vec<Subject> {
    let cell = |row: &str, col: &str| {
        if row.is_empty() {
            Some(Subject::Quantity(col.to_string()))
        } else if columns.is_empty() || columns.iter().any(|c| c == col) {
            Some(Subject::Row(row.to_string(), col.to_string()))
        } else {
            None
        }
    };
    if let (Some(col), Some(row)) = (column_of(m), topic) {
        return cell(row, col).into_iter().collect();
    }
    let Some(row) = row_of(m) else {
        return m.subjects.clone();
    };
    let mut out: Vec<Subject> = column_said.and_then(|c| cell(row, c)).into_iter().collect();
    // "合计96.26分": the total of the scores.
    if row.is_empty() {
        out.push(Subject::Quantity("totalScore".to_string()));
    }
    out.extend(
        m.subjects
            .iter()
            .filter(|s| !matches!(s, Subject::Row(..)))
            .cloned(),
    );
    out
}

/// The kinds of thing a mention names, a bit each (lists pair names that
/// share a kind).
pub(super) fn kind(m: &Mention) -> u8 {
    // Each kind a bit: a name may be of several ("中央" a level and a row).
    let bit = |x: &Subject| -> u8 {
        match x {
            Subject::Quantity(_) => 1,
            Subject::Node(_) => 2,
            Subject::Line(_) => 4,
            Subject::Item(..) => 8,
            Subject::Level(_) => 16,
            Subject::Expense(_) => 32,
            Subject::Row(..) => 64,
        }
    };
    if m.subjects.is_empty() {
        return 1;
    }
    m.subjects.iter().fold(0, |k, x| k | bit(x))
}

/// A figure paired with a name by "分别": the name's subjects, its span and
/// the attribute said after "分别".
pub(super) type Paired = (Vec<Subject>, usize, usize, Option<Option<Attr>>);

/// The last name before `p`, and the run of names of its kind ending with
/// it whose gaps `joined` accepts, in order.
fn listed_before<'a>(
    names: &'a [Mention],
    p: usize,
    joined: impl Fn(&[char]) -> bool,
    s: &[char],
) -> Option<(&'a Mention, &'a [Mention])> {
    let before = names
        .get(..names.partition_point(|m| m.end <= p))
        .unwrap_or(&[]);
    let last = before.last()?;
    let k = kind(last);
    let mut n: usize = 1;
    while let (Some(a), Some(b)) = (
        before
            .len()
            .checked_sub(n.saturating_add(1))
            .and_then(|i| before.get(i)),
        before.len().checked_sub(n).and_then(|i| before.get(i)),
    ) {
        if kind(a) & k == 0 || !joined(s.get(a.end..b.start).unwrap_or(&[])) {
            break;
        }
        n = n.saturating_add(1);
    }
    Some((
        last,
        before.get(before.len().saturating_sub(n)..).unwrap_or(&[]),
    ))
}

/// Names listed and then given figures "respectively" ("决策与过程、产出、
/// 效益、满意度四方面分别得分38.2分、23.06分、20分、15分"; "中央补助资金1300万元、县级
/// 配套资金300万元，实际分别到位1286.5万元和300万元"): the run of names of one kind
/// before "分别" and the figures after it, joined only by 、/和/及/与, are
/// paired in order when their counts agree. By figure index.
/// Whether `s[a..b]` is only the word that counts the levels just
/// listed ("中央、自治区、县级三级财政人均补助…", "…两级财政…").
fn levels_word(s: &[char], a: usize, b: usize) -> bool {
    let w = s.get(a..b).unwrap_or(&[]);
    matches!(w.first(), Some('两' | '三' | '四' | '五'))
        && w.get(1) == Some(&'级')
        && matches!(w.get(2..), Some([] | ['财', '政']))
}

pub(super) fn respective(s: &[char], names: &[Mention], figs: &[Figure]) -> Vec<Option<Paired>> {
    let mut out: Vec<Option<Paired>> = vec![None; figs.len()];
    // At most a few lists a sentence (each costs a pass over its figures).
    let at = (0..s.len().saturating_sub(1))
        .filter(|i| starts_with(s, *i, &['分', '别']) || starts_with(s, *i, &['依', '次']))
        .take(8);
    for p in at {
        let first = figs.partition_point(|f| f.start <= p);
        if first >= figs.len() {
            continue;
        }
        // The figures after "分别", joined only by separators.
        let mut run = vec![first];
        for j in first.saturating_add(1)..figs.len() {
            let (Some(a), Some(b)) = (figs.get(j.saturating_sub(1)), figs.get(j)) else {
                break;
            };
            let between = s.get(a.end..b.start).unwrap_or(&[]);
            if between
                .iter()
                .all(|c| matches!(c, '、' | '和' | '及' | '与' | ',' | ' '))
            {
                run.push(j);
            } else {
                break;
            }
        }
        // Between "分别" and the first figure: at most a column word.
        let lead_from = p.saturating_add(2);
        let lead_to = figs.get(first).map_or(lead_from, |f| f.start);
        // "较上年分别增加0.08万人、0.41万人": what each changed by.
        let clause_from = context::clause_start(s, p, 30, |c| {
            matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。')
        });
        let clause: String = s.get(clause_from..lead_to).unwrap_or(&[]).iter().collect();
        if context::CHANGE_CUES.iter().any(|w| clause.contains(w)) {
            continue;
        }
        let lead: Vec<&Mention> = names
            .get(names.partition_point(|m| m.start < lead_from)..)
            .unwrap_or(&[])
            .iter()
            .take_while(|m| m.end <= lead_to)
            .collect();
        if lead.iter().any(|m| column_of(m).is_none()) || lead.len() > 1 {
            continue;
        }
        let mut column = lead.first().and_then(|m| column_of(m));
        // The run of names of one kind before "分别", joined only by list
        // separators ("项目立项、绩效目标、资金投入"); each may carry its own
        // figure ("中央补助资金1300万元、县级配套资金300万元，实际分别到位…").
        let joined = |between: &[char]| {
            between.iter().all(|c| {
                matches!(c, '、' | '和' | '及' | '与' | ',' | ' ' | '.' | '%')
                    || c.is_ascii_digit()
                    || "万亿元人分".contains(*c)
            })
        };
        let Some((mut last, mut listed)) = listed_before(names, p, joined, s) else {
            continue;
        };
        // "新生儿、一般未成年人参保人数分别为1.6万人和22.93万人": a quantity
        // named right after a list says what its figures are; the list is
        // the names before it.
        if listed.len() == 1 && matches!(last.subjects.first(), Some(Subject::Quantity(_))) {
            if let Some((l, before)) = listed_before(names, last.start, joined, s) {
                if before.len() >= 2 && (l.end == last.start || levels_word(s, l.end, last.start)) {
                    // ("中央、自治区、县级资金全年执行数分别为…": the column of
                    // the rows listed.)
                    column = column.or(column_of(last));
                    (last, listed) = (l, before);
                }
            }
        }
        if listed.len() < 2 || listed.len() != run.len() {
            // Figures given "respectively" to names that cannot be paired
            // with them are no one's.
            if run.len() >= 2 {
                for j in &run {
                    if let Some(slot) = out.get_mut(*j) {
                        *slot = Some((Vec::new(), p, p, None));
                    }
                }
            }
            continue;
        }
        // The attribute after "分别", else between the last name and it
        // ("…两项指标完成率分别为97.2%和100%"); an expense line's figure
        // under 支出 is what it spent.
        let attr = attribute(s, lead_from, lead_to)
            .or_else(|| attribute(s, last.end, p))
            .or_else(|| {
                let lead: String = s.get(lead_from..lead_to).unwrap_or(&[]).iter().collect();
                let spent = column == Some("spent")
                    || ["支出", "执行", "支付", "使用"]
                        .iter()
                        .any(|w| lead.contains(w));
                (spent
                    && listed
                        .iter()
                        .all(|m| m.subjects.iter().any(|x| matches!(x, Subject::Expense(_)))))
                .then_some(Some(Attr::Actual))
            });
        for (m, j) in listed.iter().zip(&run) {
            let subjects: Vec<Subject> = m
                .subjects
                .iter()
                .map(|x| match (x, column) {
                    (Subject::Row(r, _), Some(c)) if r.is_empty() => {
                        Subject::Quantity(c.to_string())
                    }
                    (Subject::Row(r, _), Some(c)) => Subject::Row(r.clone(), c.to_string()),
                    _ => x.clone(),
                })
                .filter(|x| !matches!(x, Subject::Row(_, c) if c.is_empty()))
                .collect();
            if let Some(slot) = out.get_mut(*j) {
                *slot = Some((subjects, m.start, m.end, attr));
            }
        }
    }
    out
}

/// A budget named after "年初" in its clause ("年初项目资金预算总额为617.57万元")
/// is the budget at the start of the year: 年初预算数. `said`: whether
/// 年初 stands in the name's clause before it.
pub(super) fn at_year_start(said: bool, subject: Subject) -> Subject {
    match subject {
        Subject::Quantity(q) if said && q == "budget" => Subject::Quantity("planned".into()),
        Subject::Row(r, c) if said && c == "budget" => Subject::Row(r, "planned".into()),
        other => other,
    }
}

/// A name given a figure it shares with others: its subjects, its span and
/// the attribute.
pub(super) type Shared = (Vec<Subject>, usize, usize, Option<Attr>);

/// Names listed and then one figure for each ("绩效目标明确性、预算编制科学性两
/// 项指标均获满分，各得5分", "…均拿到满分3分"): by figure index, every name of
/// the run before "各" or "均" with the attribute said there. Only scores.
pub(super) fn shared(s: &[char], names: &[Mention], figs: &[Figure]) -> Vec<Vec<Shared>> {
    let mut out = vec![Vec::new(); figs.len()];
    let at = (0..s.len())
        .filter(|i| matches!(s.get(*i), Some('各' | '均')))
        .take(8);
    for p in at {
        let first = figs.partition_point(|f| f.start <= p);
        let Some(f) = figs.get(first) else { continue };
        // The figure soon after, in 分, with a score word between; or any
        // figure right after "均为", "均达到" ("准确率、报销率均为100%").
        let said: String = s
            .get(p.saturating_add(1)..f.start)
            .unwrap_or(&[])
            .iter()
            .collect();
        let valued = s.get(p) == Some(&'均')
            && f.unit != Unit::Points
            && ["为", "达", "达到", "是"].contains(&said.as_str());
        let attr = if valued {
            None
        } else {
            if f.unit != Unit::Points || f.start.saturating_sub(p) > 8 {
                continue;
            }
            let Some(Some(Attr::Score)) = attribute(s, p, f.start) else {
                continue;
            };
            Some(Attr::Score)
        };
        // "均计满分，分别为3分、2分": a list, paired in order.
        let between = s.get(p..f.start).unwrap_or(&[]);
        if between
            .windows(2)
            .any(|w| w == ['分', '别'] || w == ['依', '次'])
        {
            continue;
        }
        let Some((last, listed)) = listed_before(
            names,
            p,
            |between| {
                between
                    .iter()
                    .all(|c| matches!(c, '、' | '和' | '及' | '与' | ',' | ' ' | '"' | '“' | '”'))
            },
            s,
        ) else {
            continue;
        };
        // Only a run of names right before (a few words between: "两项指标").
        if listed.len() < 2 || p.saturating_sub(last.end) > 8 {
            continue;
        }
        if let Some(slot) = out.get_mut(first) {
            *slot = listed
                .iter()
                .map(|m| (m.subjects.clone(), m.start, m.end, attr))
                .collect();
        }
    }
    out
}
