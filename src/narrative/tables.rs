//! Tables written out as text: column headings, then rows of a label and
//! cells in the same order, over a colon, "；" or new lines.

use super::rows::{row_of, Shared};
use super::*;

/// Headings of a table's column of row labels ("资金来源 | 实际到位（万元）").
const LABEL_HEADINGS: &[&str] = &[
    "资金来源",
    "来源",
    "项目",
    "项目名称",
    "指标",
    "指标名称",
    "补助层级",
    "层级",
    "级次",
    "支出项目",
];

/// Lines of a table saved as CSV ("\"三级指标\",\"指标值\",\"得分\"") read as
/// a table with bars, character for character (offsets do not move): the
/// quotes become spaces and the commas between cells bars.
pub(super) fn csv_as_bars(t: &mut [char]) {
    for line in t.split_mut(|c| *c == '\n' || *c == '\r') {
        let csv = line.first() == Some(&'"') && line.windows(3).any(|w| w == ['"', ',', '"']);
        if !csv {
            continue;
        }
        let mut quoted = false;
        for c in line.iter_mut() {
            match *c {
                '"' => {
                    quoted = !quoted;
                    *c = ' ';
                }
                ',' if !quoted => *c = '|',
                _ => {}
            }
        }
    }
}

/// Cells of a row of bars that hold only "/" (an empty cell, as official
/// tables mark one: "| 100.00% | / | /") read as dashes, character for
/// character.
pub(super) fn slashes_as_dashes(t: &mut [char]) {
    for line in t.split_mut(|c| *c == '\n' || *c == '\r') {
        if !line.contains(&'|') {
            continue;
        }
        for cell in line.split_mut(|c| *c == '|') {
            let mut marks = cell.iter().filter(|c| !c.is_whitespace());
            if marks.next() == Some(&'/') && marks.next().is_none() {
                for c in cell.iter_mut().filter(|c| **c == '/') {
                    *c = '—';
                }
            }
        }
    }
}

/// A column heading of a table written out as text: a name (the figure
/// is that name's, or with a row label that row's cell) or an attribute
/// word (the figure is the row label's: 实际完成值, 得分; 指标值 and 分值
/// are no one's).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Heading {
    /// A name's subjects, and where it stands when in this sentence.
    Name(Vec<Subject>, Option<(usize, usize)>),
    Attr(Option<Attr>),
}

/// The headings ending at `end` (a colon, or the sentence's end): the
/// tokens before it, back to the first that is neither a name nor an
/// attribute word (at most 12), in order.
fn headings_before(s: &[char], names: &[Mention], end: usize, year: Option<u32>) -> Vec<Heading> {
    let sep = |c: &char| matches!(c, ' ' | '|' | '\t' | '/');
    let mut headings = Vec::new();
    let mut end = end;
    while headings.len() < 12 {
        while end > 0 && s.get(end.saturating_sub(1)).is_some_and(sep) {
            end = end.saturating_sub(1);
        }
        // "全年预算数(A)", "预算执行率（B/A×100%）", "实际到位（万元）": a heading
        // with the letter formulas name it by, or its unit.
        let core_end = match s.get(end.saturating_sub(1)) {
            Some(')' | '）') => (end.saturating_sub(12)..end.saturating_sub(1))
                .rev()
                .find(|i| s.get(*i).is_some_and(|c| matches!(c, '(' | '（')))
                .filter(|i| {
                    s.get(i.saturating_add(1)..end.saturating_sub(1))
                        .is_some_and(|w| {
                            w.iter().all(|c| !context::is_han(*c))
                                || unit_in_brackets(s.get(*i..end).unwrap_or(&[])).is_some()
                                // "得分(10分×执行率)": how the column is reckoned.
                                || w.iter().any(|c| c.is_ascii_digit() || "×*÷/".contains(*c))
                        })
                })
                .unwrap_or(end),
            _ => end,
        };
        let start = (0..core_end)
            .rev()
            .find(|i| {
                s.get(*i)
                    .is_some_and(|c| sep(c) || matches!(c, ',' | ';' | ':' | ')' | '）'))
            })
            .map_or(0, |i| i.saturating_add(1));
        if start >= core_end {
            break;
        }
        let token = s.get(start..core_end).unwrap_or(&[]);
        let name = names
            .iter()
            .find(|m| m.start == start && m.end == start.saturating_add(token.len()));
        // "参保类别 | 2018年（万人） | 2019年（万人）": a column of one year,
        // this year's figures under the report's year, no one's under another.
        let year_column = {
            let digits: String = token.iter().take_while(|c| c.is_ascii_digit()).collect();
            let rest: String = token.iter().skip(digits.len()).collect();
            (digits.len() == 4 && (rest == "年" || rest == "年度"))
                .then(|| digits.parse::<u32>().ok())
                .flatten()
                .map(|y| (Some(y) == year).then_some(Attr::Actual))
        };
        let attr = ATTRS
            .iter()
            .chain(HEADING_ATTRS)
            .find(|(w, _)| w.chars().eq(token.iter().copied()))
            .map(|(_, a)| *a)
            .or(year_column)
            .or_else(|| name.is_none().then(|| worded_heading(token)).flatten());
        match (name, attr) {
            // "自评得分" heads a column of scores, though it names the total.
            (Some(_), Some(a @ (Some(Attr::Score) | None))) => headings.push(Heading::Attr(a)),
            (Some(m), _) => {
                headings.push(Heading::Name(m.subjects.clone(), Some((m.start, m.end))))
            }
            (None, Some(a)) => headings.push(Heading::Attr(a)),
            (None, None) => break,
        }
        end = start;
    }
    headings.reverse();
    headings
}

/// A column heading that is no attribute word of its own, by what it
/// says ("年初目标值", "上年完成值", "全年实际完成数", "自评得分"): the
/// attribute its cells are, `Some(None)` for a column that is no one's (a
/// target, a weight, last year), or None when it says none of these.
fn worded_heading(token: &[char]) -> Option<Option<Attr>> {
    if token.len() > 10 || !token.iter().all(|c| context::is_han(*c)) {
        return None;
    }
    let w: String = token.iter().collect();
    let has = |cues: &[&str]| cues.iter().any(|c| w.contains(c));
    Some(
        if has(&[
            "上年",
            "去年",
            "前年",
            "目标",
            "指标值",
            "计划",
            "预期",
            "分值",
            "权重",
            "满分",
        ]) {
            None
        } else if w.ends_with("得分率") {
            Some(Attr::Rate)
        } else if w.ends_with("完成率") || w.ends_with("完成比例") {
            Some(Attr::Completion)
        } else if w.ends_with("得分") || w.ends_with("评分") {
            Some(Attr::Score)
        } else if has(&["实际", "完成值", "完成数", "实现值"]) {
            Some(Attr::Actual)
        } else {
            return None;
        },
    )
}

/// A table written out as text: a run of column headings, then a colon
/// (or "；" and the next sentence) and a row of figures in the same order
/// ("年初预算数 全年预算数 实际到位 实际支出 结余：39850 41276.8 41276.8 41062.5
/// 214.3"; "三级指标 指标值 实际完成值 分值 得分：补助对象准确率 100% 100% 10
/// 10"; "| 全年预算数 | 实际到位 | 实际支出；合计 | 41276.8万 | …；其中：中央财政
/// | 16820万 | …"), perhaps after a row label. Figures (bare numbers too:
/// `figs` holds them) are paired only when their count is the headings'.
/// Returns each figure paired, by its index in `figs` (`None`: no one's),
/// and the headings that hold for a row in the next sentence.
pub(super) fn tabular(
    s: &[char],
    names: &[Mention],
    figs: &[Figure],
    inherited: &[Heading],
    vocab: &Vocabulary,
    year: Option<u32>,
) -> (Vec<(usize, Option<Shared>)>, Vec<Heading>) {
    if let Some(read) = name_value_pairs(s, names, figs, inherited) {
        return read;
    }
    let mut out = Vec::new();
    let sep = |c: &char| matches!(c, ' ' | '|' | '\t' | '/');
    let colon = s.iter().position(|c| matches!(c, ':' | '：'));
    // Headings before a colon, or ending the sentence (the rows follow).
    let mut headings = colon.map_or(Vec::new(), |c| headings_before(s, names, c, year));
    // Whether the headings are a line's before (not this sentence's own).
    let mut held = false;
    // Whether the row has no headings at all.
    let mut official = false;
    let row_from = match colon {
        Some(c) if headings.len() >= 2 => c.saturating_add(1),
        _ => {
            let trailing = headings_before(s, names, s.len(), year);
            // "资金来源 | 实际到位（万元）", "参保类别 | 参保人数（万人）": one
            // column after the labels' own, which is a heading of the
            // pack's, or a word of no figure and no name.
            let labelled = trailing.len() == 1 && {
                let width = s.iter().take_while(|c| !matches!(c, '|')).count();
                let lead = s.iter().take_while(|c| c.is_whitespace()).count();
                let first: String = s
                    .get(..width)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let len = first.chars().count();
                LABEL_HEADINGS.contains(&first.as_str())
                    || s.contains(&'|')
                        && (1..=8).contains(&len)
                        && first.chars().all(context::is_han)
                        // (Not itself a name: "合计 | 实际支出".)
                        && !names
                            .iter()
                            .any(|m| m.start == lead && m.end == lead.saturating_add(len))
            };
            if (trailing.len() >= 2 || labelled)
                && figs.iter().all(|f| f.end <= s.len().saturating_sub(1))
            {
                // Only headings at its end, no figure after them: the rows
                // come next.
                let last_fig = figs.last().map_or(0, |f| f.end);
                let first_heading = s.len().saturating_sub(
                    s.iter()
                        .rev()
                        .take_while(|c| !matches!(c, ':' | ')' | '）' | ','))
                        .count(),
                );
                if last_fig <= first_heading {
                    return (out, trailing);
                }
            }
            if inherited.is_empty() {
                // A row of bars with no headings: an indicator's row in the
                // official table's order (below).
                if !s.contains(&'|') {
                    return (out, Vec::new());
                }
                official = true;
            }
            held = !official;
            // (Where the headings stand is the sentence before's.)
            headings = inherited
                .iter()
                .map(|h| match h {
                    Heading::Name(x, _) => Heading::Name(x.clone(), None),
                    other => other.clone(),
                })
                .collect();
            // "其中：中央财政 | 16820万 | …": the row after a colon.
            colon.map_or(0, |c| c.saturating_add(1))
        }
    };
    // A row label (a name) perhaps, then the figures, with only
    // separators between them.
    let first = figs.partition_point(|f| f.start < row_from);
    let Some(f0) = figs.get(first) else {
        return (out, headings);
    };
    // Between cells: separators, and cells that are no one's: dashes for
    // empty ones ("| — |"), a target's bound ("≥85%"). How many such
    // cells a gap holds, or None when it holds anything else.
    let dash = |c: &char| matches!(c, '—' | '-' | '－' | '─');
    let marks = |a: usize, b: usize| -> Option<usize> {
        let w = s.get(a..b)?;
        let (mut i, mut n) = (0usize, 0usize);
        while let Some(c) = w.get(i) {
            if sep(c) {
                i = i.saturating_add(1);
            } else if dash(c) || COMPARATORS.contains(c) {
                // The cell runs to the next separator.
                n = n.saturating_add(1);
                let bound = !dash(c);
                while w.get(i).is_some_and(|c| !sep(c) && (bound || dash(c))) {
                    i = i.saturating_add(1);
                }
            } else {
                return None;
            }
        }
        Some(n)
    };
    // In a row of bars, after its label, a cell of words is a cell too: a
    // target or an actual said in words ("| 充分 | 充分 | 3 | 3", "| 报销
    // 比例≥70% | 71.2% |"), though no figure. Whole cells only: the gap
    // opens at a cell's end and closes at the next one's start
    // ("参保人数完成率 |" is one label, not 参保人数 and a cell; in "| 年初
    // 目标值（45.2万人）" the figure is inside the cell).
    let bars = s.contains(&'|');
    let worded = |a: usize, b: usize| -> Option<usize> {
        let w = s.get(a..b)?;
        let pieces: Vec<&[char]> = w.split(|c| *c == '|').collect();
        if !bars || pieces.len() < 2 {
            return None;
        }
        let mut n = 0usize;
        for (k, piece) in pieces.iter().enumerate() {
            let piece: Vec<char> = piece
                .iter()
                .copied()
                .filter(|c| !c.is_whitespace())
                .collect();
            if piece.is_empty() {
                continue;
            }
            if k == 0 || k.saturating_add(1) == pieces.len() {
                return None;
            }
            let digit = piece.iter().position(|c| c.is_ascii_digit());
            let bound = piece.iter().position(|c| COMPARATORS.contains(c));
            if digit.is_some_and(|d| bound.is_none_or(|b| b > d)) {
                return None;
            }
            n = n.saturating_add(1);
        }
        Some(n)
    };
    let gap_cells = |a: usize, b: usize| marks(a, b).or_else(|| worded(a, b));
    let clear = |a: usize, b: usize| gap_cells(a, b).is_some();
    let empties = |a: usize, b: usize| gap_cells(a, b).unwrap_or(0);
    // (The last name before the cells; names before it are its headings:
    // "质量指标 门诊统筹签约率 ≥85% 87.2% 10 10".)
    let in_row: Vec<&Mention> = names
        .iter()
        .filter(|m| m.start >= row_from && m.end <= f0.start)
        .collect();
    // (Each token before it a name, or a heading of indicators: "产出指标".)
    let covered = |a: usize, b: usize| {
        let mut i = a;
        while i < b {
            if s.get(i).is_some_and(sep) {
                i = i.saturating_add(1);
                continue;
            }
            let end = (i..b).find(|k| s.get(*k).is_some_and(sep)).unwrap_or(b);
            let token = s.get(i..end).unwrap_or(&[]);
            let named = in_row.iter().any(|m| m.start == i && m.end == end);
            if !(named || token.ends_with(&['指', '标'])) {
                return false;
            }
            i = end;
        }
        true
    };
    let label = in_row
        .last()
        .copied()
        .filter(|m| covered(row_from, m.start) && clear(m.end, f0.start));
    // (A row that opens with words is no name's.)
    if label.is_none() && marks(row_from, f0.start).is_none() {
        // (A row whose label is no name leaves the table going on for the
        // rows after it.)
        let goes_on = held && !official && s.contains(&'|');
        return (out, if goes_on { headings } else { Vec::new() });
    }
    let mut run = vec![first];
    for j in first.saturating_add(1)..figs.len() {
        let (Some(a), Some(b)) = (figs.get(j.saturating_sub(1)), figs.get(j)) else {
            break;
        };
        if clear(a.end, b.start) {
            run.push(j);
        } else {
            break;
        }
    }
    // The row's cells in order: a figure, or None for an empty one.
    let mut cells: Vec<Option<usize>> = Vec::new();
    let lead_from = label.map_or(row_from, |l| l.end);
    cells.extend(std::iter::repeat_n(None, empties(lead_from, f0.start)));
    for (k, j) in run.iter().enumerate() {
        if let Some(prev) = k
            .checked_sub(1)
            .and_then(|k| run.get(k))
            .and_then(|p| figs.get(*p))
        {
            let here = figs.get(*j).map_or(prev.end, |f| f.start);
            cells.extend(std::iter::repeat_n(None, empties(prev.end, here)));
        }
        cells.push(Some(*j));
    }
    // Empty cells after the last figure, to the row's end.
    if let Some(last) = run.last().and_then(|j| figs.get(*j)) {
        let tail_end = (last.end..s.len())
            .find(|i| s.get(*i).is_some_and(|c| !(sep(c) || dash(c))))
            .unwrap_or(s.len());
        cells.extend(std::iter::repeat_n(None, empties(last.end, tail_end)));
    }
    // "产出指标 | 质量指标 | 补助对象准确率 | 100% | 99.2% | 10 | 9.92": an
    // indicator's row with no headings, in the official table's order
    // (年度指标值, 实际完成值, 分值, 得分), where its last two cells are a
    // weight and a score no greater, bare; or (指标值, 实际完成值) after a
    // target's bound.
    if official {
        let line = label.is_some_and(|l| l.subjects.iter().any(|x| matches!(x, Subject::Line(_))));
        let fig = |k: usize| cells.get(k).copied().flatten().and_then(|j| figs.get(j));
        let bare =
            |f: Option<&Figure>| f.is_some_and(|f| matches!(f.unit, Unit::None | Unit::Points));
        let fits = match cells.len() {
            // (An actual in words is no figure: "| 充分 | 充分 | 3 | 3".)
            4 => {
                bare(fig(2))
                    && bare(fig(3))
                    && fig(2).zip(fig(3)).is_some_and(|(w, x)| x.value <= w.value)
                    && fig(1).is_none_or(|f| f.unit != Unit::None)
            }
            2 => {
                cells.first().is_some_and(Option::is_none)
                    && fig(1).is_some_and(|f| f.unit != Unit::None)
            }
            _ => false,
        };
        if !line || !fits {
            return (out, Vec::new());
        }
        headings = [None, Some(Attr::Actual), None, Some(Attr::Score)]
            .into_iter()
            .take(cells.len())
            .map(Heading::Attr)
            .collect();
    }
    // A row with no label under headings that head the labels too
    // ("补助标准（元/人）| 中央 | 自治区 | 合计\n488 | 61 | 610"): the first
    // heading is the labels'.
    // A row with a label under headings one more than its cells, the
    // first a name with its unit ("资金投入（万元）| 全年预算数 | 全年执行数\n
    // 年度资金总额 | 148 | 46"): the first heading is the labels' too.
    let first_heads_labels = matches!(headings.first(), Some(Heading::Name(..)));
    let columns = match headings.get(1..) {
        Some(rest) if label.is_none() && held && cells.len() == rest.len() => rest,
        Some(rest)
            if label.is_some() && held && first_heads_labels && cells.len() == rest.len() =>
        {
            rest
        }
        _ => headings.as_slice(),
    };
    // Headings and cells that do not match in number: no one's.
    if cells.len() != columns.len() {
        return (run.into_iter().map(|j| (j, None)).collect(), Vec::new());
    }
    let rate_column = columns.iter().any(|h| {
        matches!(h, Heading::Name(x, _) if x.contains(&Subject::Quantity("budgetExecution".into())))
    });
    let funds_columns = columns
        .iter()
        .any(|h| matches!(h, Heading::Name(x, _) if x.iter().any(super::rows::is_funds_cell)));
    let rate_lines = if rate_column {
        vocab.lines_named_as("budgetExecution")
    } else {
        Vec::new()
    };
    for (h, j) in columns.iter().zip(&cells) {
        let Some(j) = j else { continue };
        let Some(f) = figs.get(*j) else { continue };
        // The name shown: the row label's, else the heading's, else the
        // figure's own words.
        let own = match h {
            Heading::Name(_, Some(span)) => *span,
            _ => (f.start, f.end),
        };
        let (a, b) = label.map_or(own, |l| (l.start, l.end));
        let row = label.and_then(row_of);
        let paired = match (h, label) {
            // "补助层级 | 人均补助标准（元/人）\n中央 | 488": a level's standard.
            (Heading::Name(subjects, _), Some(l))
                if subjects.contains(&Subject::Quantity("perCapitaStandard".into()))
                    && l.subjects.iter().any(|x| matches!(x, Subject::Level(_))) =>
            {
                let levels: Vec<Subject> = l
                    .subjects
                    .iter()
                    .filter(|x| matches!(x, Subject::Level(_)))
                    .cloned()
                    .collect();
                Some((levels, a, b, None))
            }
            // A row's cell under a column heading ("合计" is the total).
            (Heading::Name(subjects, _), Some(_)) if row.is_some() => {
                let column = subjects.iter().find_map(|x| match x {
                    Subject::Quantity(q) if COLUMNS.contains(&q.as_str()) => Some(q.clone()),
                    _ => None,
                });
                match (column, row) {
                    (Some(c), Some("") | None) => Some((vec![Subject::Quantity(c)], a, b, None)),
                    (Some(c), Some(r)) => Some((vec![Subject::Row(r.to_string(), c)], a, b, None)),
                    // The total row under a heading of the report's own
                    // (执行率): that quantity.
                    (None, Some("")) => Some((subjects.clone(), a, b, None)),
                    (None, _) => None,
                }
            }
            (Heading::Name(subjects, _), None) => Some((subjects.clone(), a, b, None)),
            // "参保类别 | 参保人数（万人）\n新生儿 | 1.52", "支出内容 | 实际支出数
            // （万元）\n医疗救助经费 | 10": a category or an expense line under
            // the figure they break down.
            // (An expense line's figure is what it spent; a category's, a
            // head count.)
            (Heading::Name(subjects, _), Some(l)) => {
                let under = |q: &str| subjects.contains(&Subject::Quantity(q.into()));
                let parts: Vec<Subject> = l
                    .subjects
                    .iter()
                    .filter(|x| match x {
                        Subject::Item(..) => under("persons"),
                        Subject::Expense(_) => under("spent"),
                        _ => false,
                    })
                    .cloned()
                    .collect();
                let attr = parts
                    .iter()
                    .any(|x| matches!(x, Subject::Expense(_)))
                    .then_some(Attr::Actual);
                (!parts.is_empty()).then_some((parts, a, b, attr))
            }
            // "项目资金 | 年初预算数 | … | 分值 | 执行率 | 得分\n年度资金总额 |
            // … | 10": in a funds table with a rate column, the score is the
            // line that rate is (the national table's 预算执行率 line).
            (Heading::Attr(Some(Attr::Score)), Some(_))
                if row == Some("") && rate_column && !rate_lines.is_empty() =>
            {
                Some((rate_lines.clone(), a, b, Some(Attr::Score)))
            }
            // (In a funds table with no such line, the score is no one's:
            // not the total score.)
            (Heading::Attr(Some(Attr::Score)), Some(_)) if row == Some("") && funds_columns => None,
            // "合计 | 100 | 98": the total row of a table of scores is the
            // total score.
            (Heading::Attr(Some(Attr::Score)), Some(_)) if row == Some("") => Some((
                vec![Subject::Quantity("totalScore".into())],
                a,
                b,
                Some(Attr::Score),
            )),
            (Heading::Attr(Some(attr)), Some(l)) => Some((l.subjects.clone(), a, b, Some(*attr))),
            _ => None,
        };
        out.push((*j, paired));
    }
    (out, headings)
}

/// The cells of a row of bars, each as (start, end) with its spaces
/// trimmed; the empty cells before a leading bar and after a trailing one
/// are left out.
fn bar_cells(s: &[char]) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut from = 0usize;
    for i in 0..=s.len() {
        if i < s.len() && s.get(i) != Some(&'|') {
            continue;
        }
        let mut a = from;
        let mut b = i;
        while a < b && s.get(a).is_some_and(|c| c.is_whitespace()) {
            a = a.saturating_add(1);
        }
        while b > a
            && s.get(b.saturating_sub(1))
                .is_some_and(|c| c.is_whitespace())
        {
            b = b.saturating_sub(1);
        }
        cells.push((a, b));
        from = i.saturating_add(1);
    }
    if cells.first().is_some_and(|(a, b)| a == b) {
        cells.remove(0);
    }
    if cells.last().is_some_and(|(a, b)| a == b) {
        cells.pop();
    }
    cells
}

/// What [`tabular`] returns: the figures paired, and the headings for the
/// rows after.
type Read = (Vec<(usize, Option<Shared>)>, Vec<Heading>);

/// A row of bars whose cells are names and figures in turn, the way the
/// official funds table is laid out ("计划安排资金（万元）| 617.57 | 实际到位
/// 资金（万元）| 614.49 | …"): each figure is the name's before it. Under
/// such a row, a row of the same shape whose names are funds rows ("其中：
/// 中央财政 | 4200 | 其中：中央财政 | 4200 | …") gives each figure to that
/// row's cell of the column above it. None when the row is not of this
/// shape; else what [`tabular`] returns.
fn name_value_pairs(
    s: &[char],
    names: &[Mention],
    figs: &[Figure],
    inherited: &[Heading],
) -> Option<Read> {
    if !s.contains(&'|') {
        return None;
    }
    let cells = bar_cells(s);
    if cells.len() < 4 || !cells.len().is_multiple_of(2) {
        return None;
    }
    // Each pair: the name, and the figure (by index) or None for an empty
    // cell.
    let mut pairs: Vec<(&Mention, Option<usize>)> = Vec::new();
    for pair in cells.chunks(2) {
        let [(na, nb), (va, vb)] = pair else {
            return None;
        };
        // The name, after "其中：" and before a bracketed unit.
        let mut a = *na;
        for lead in [&['其', '中', '：'][..], &['其', '中', ':'][..]] {
            if s.get(a..a.saturating_add(lead.len())) == Some(lead) {
                a = a.saturating_add(lead.len());
            }
        }
        let mut b = *nb;
        if matches!(s.get(b.saturating_sub(1)), Some(')' | '）')) {
            let open = (a..b).rev().find(|i| matches!(s.get(*i), Some('(' | '（')));
            if let Some(o) =
                open.filter(|o| unit_in_brackets(s.get(*o..b).unwrap_or(&[])).is_some())
            {
                b = o;
            }
        }
        // (Names and figures are in order: found by bisection, so a row
        // of thousands of pairs stays linear.)
        let m = names
            .get(names.partition_point(|m| m.start < a))
            .filter(|m| m.start == a && m.end == b)?;
        let value = if va == vb {
            None
        } else {
            let j = figs.partition_point(|f| f.start < *va);
            figs.get(j).filter(|f| f.start == *va && f.end == *vb)?;
            Some(j)
        };
        pairs.push((m, value));
    }
    let columns: Vec<Option<&str>> = inherited
        .iter()
        .map(|h| match h {
            Heading::Name(x, _) => x.iter().find_map(|x| match x {
                Subject::Quantity(q) if COLUMNS.contains(&q.as_str()) => Some(q.as_str()),
                _ => None,
            }),
            Heading::Attr(_) => None,
        })
        .collect();
    let under = columns.len() == pairs.len()
        && columns.iter().all(Option::is_some)
        && pairs.iter().all(|(m, _)| row_of(m).is_some());
    let mut out = Vec::new();
    for (k, (m, j)) in pairs.iter().enumerate() {
        let Some(j) = j else { continue };
        let subjects = if under {
            let (Some(r), Some(Some(c))) = (row_of(m), columns.get(k)) else {
                continue;
            };
            if r.is_empty() {
                vec![Subject::Quantity((*c).to_string())]
            } else {
                vec![Subject::Row(r.to_string(), (*c).to_string())]
            }
        } else {
            m.subjects.clone()
        };
        out.push((*j, Some((subjects, m.start, m.end, None))));
    }
    // A row of names of funds columns heads the rows after it.
    let heads = if under {
        inherited.to_vec()
    } else if pairs.iter().all(|(m, _)| column_of(m).is_some()) {
        pairs
            .iter()
            .map(|(m, _)| Heading::Name(m.subjects.clone(), None))
            .collect()
    } else {
        Vec::new()
    };
    Some((out, heads))
}
