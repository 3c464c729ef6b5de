//! Reading statements of known quantities in free text (SPEC §5 rule 12):
//! "预算执行率为99.5%", "参保人数12.59万人", "项目决策与过程类得分为38.2分，得分率为
//! 95.5%", "评价等级为“优”".
//!
//! Precision comes first: a figure is read as a statement only when it
//! follows a known name in the same sentence, with nothing in between that
//! makes it something else. Targets ("≥95%", "95%以上"), formula operands
//! ("166.96/166.96*100%"), malformed numbers ("48.8.元"), weights ("指标值3分")
//! and sentences about another year are ignored, never guessed at.
//!
//! Offsets are in characters (Unicode scalar values) of the original text.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::parse::{is_invisible, normalize_width, width_char, Dim, Quantity, Unit};

mod after;
mod ahead;
mod context;
mod dimensions;
mod figures;
mod formulas;
mod matcher;
mod mentions;
mod rows;
mod sums;
mod tables;
mod vocabulary;

use context::*;
use dimensions::*;
use figures::*;
use mentions::*;
use rows::*;
pub use vocabulary::{Vocabulary, QUANTITY_NAMES, WEIGHT_NAMES};

/// What a statement is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// A figure of the report: `budgetExecution`, `fundsArrival`,
    /// `balanceRate`, `planned`, `budget`, `received`, `spent`, `balance`,
    /// `persons`, `totalScore`, `grade`, `perCapitaStandard`.
    Quantity(String),
    /// A pack node (一级/二级), by id.
    Node(String),
    /// An indicator line, by id.
    Line(String),
    /// A breakdown item: breakdown id, item index.
    Item(String, usize),
    /// A per-capita level, by index.
    Level(usize),
    /// An expense line, by index.
    Expense(usize),
    /// A funds-table cell: row id and column id. As a name in the
    /// vocabulary the column is empty (the row is named, the column comes
    /// from the words around it), and the row id is empty for the table's
    /// total row (its figures are the report's quantities).
    Row(String, String),
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Quantity(q) => write!(f, "quantity:{q}"),
            Subject::Node(id) => write!(f, "node:{id}"),
            Subject::Line(id) => write!(f, "line:{id}"),
            Subject::Item(id, i) => write!(f, "item:{id}/{i}"),
            Subject::Level(i) => write!(f, "level:{i}"),
            Subject::Expense(i) => write!(f, "expense:{i}"),
            Subject::Row(r, c) => write!(f, "row:{r}/{c}"),
        }
    }
}

/// Which figure of the subject: its value, score, 得分率, 完成率 or 实际完成值.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attr {
    Value,
    Score,
    Rate,
    Completion,
    Actual,
}

impl Attr {
    pub fn as_str(self) -> &'static str {
        match self {
            Attr::Value => "value",
            Attr::Score => "score",
            Attr::Rate => "rate",
            Attr::Completion => "completion",
            Attr::Actual => "actual",
        }
    }
}

/// The value stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stated {
    /// A figure as written: value, unit and the decimals written.
    Figure(Quantity),
    /// A grade, by the pack's name for it (the words as written are the
    /// statement's `words`: "优秀" for the grade "优").
    Grade(String),
}

/// One recognised statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub subject: Subject,
    pub attr: Attr,
    pub value: Stated,
    /// Characters of the stated value (number and unit, or the grade word).
    pub start: usize,
    pub end: usize,
    /// Characters of the name it was bound to.
    pub name_start: usize,
    pub name_end: usize,
    /// The name and the stated words as written (the text at those
    /// characters), for messages.
    pub name: String,
    pub words: String,
}

fn starts_with(text: &[char], at: usize, word: &[char]) -> bool {
    text.get(at..at.saturating_add(word.len()))
        .is_some_and(|s| s == word)
}

/// Longest stretch of text between a name (or the previous figure) and its figure.
const MAX_GAP: usize = 60;

/// A character as the recogniser reads it, one for one (offsets stay the
/// original text's): full-width forms as ASCII, invisible format
/// characters as spaces.
fn read_char(c: char) -> char {
    match c {
        _ if is_invisible(c) => ' ',
        // Brackets as names in packs write them ("县(区)级财政").
        '（' => '(',
        '）' => ')',
        _ => width_char(c),
    }
}

/// Every statement in `text`. `year`: the report's year; sentences that
/// name only other years are about something else and are skipped.
pub fn recognise(text: &str, vocab: &Vocabulary, year: Option<u32>) -> Vec<Statement> {
    recognise_at_most(text, vocab, year, usize::MAX)
}

/// [`recognise`], stopping at the sentence where more than `limit`
/// statements have been found (a caller that compares at most `limit`
/// needs only to know that there are more).
pub fn recognise_at_most(
    text: &str,
    vocab: &Vocabulary,
    year: Option<u32>,
    limit: usize,
) -> Vec<Statement> {
    // Character for character (offsets are the original text's): invisible
    // format characters read as spaces.
    let mut t: Vec<char> = text.chars().map(read_char).collect();
    tables::csv_as_bars(&mut t);
    tables::slashes_as_dashes(&mut t);
    let mut out = Vec::new();
    let mut start = 0;
    // Per paragraph: the year a sentence is about ("截止2019年底，…") holds for
    // the sentences after it; the last subject may carry into a sentence that
    // opens with an attribute ("…=100%。得分:10分").
    let mut scope: Option<u32> = None;
    let mut carried: Option<Carried> = None;
    // The indicator a title sentence named ("（二）项目产出"), for the
    // sentence or line after it.
    let mut title: Option<Carried>;
    // The funds column the last sentence spoke of, and whether it ended
    // with "；".
    let mut column: Option<&'static str> = None;
    let mut joined = false;
    // A heading that names targets ("绩效指标设定情况：（1）…；（2）…") holds
    // over the sentences joined to its own by "；".
    let mut under_targets = false;
    // The unit a note gave ("金额单位：万元。"), for its line, or from a note
    // on a line of its own to the next blank line.
    let mut unit_in: Option<&'static Unit> = None;
    // Whether that unit came from a note line (it then holds to a blank line).
    let mut unit_noted = false;
    // The headings of a table written out as text, for rows after "；".
    let mut headings: Vec<tables::Heading> = Vec::new();
    let mut table_unit: Option<&'static Unit> = None;
    let mut table_lines = false;
    while start < t.len() && out.len() <= limit {
        let end = (start..t.len())
            .find(|i| t.get(*i).is_some_and(|c| SENTENCE_END.contains(c)))
            .unwrap_or(t.len());
        let mut note_line = false;
        title = None;
        if let Some(sentence) = t.get(start..end) {
            // A note in brackets: the unit of the sentence's own figures
            // ("…全年执行数166.96（单位：万元）"), or, in a title with no
            // figure ("项目资金情况（单位：万元）"), of the lines after it.
            let own_note = figures::bracketed_unit_note(sentence);
            let title_note = own_note.filter(|_| !sentence.iter().any(|c| c.is_ascii_digit()));
            if let Some(u) = unit_note(sentence).or(title_note) {
                unit_in = Some(u);
                note_line = true;
            }
            let mentioned = year_mentions(sentence);
            let own: Vec<u32> = mentioned
                .iter()
                .filter(|(_, _, scoped)| *scoped)
                .map(|(_, y, _)| *y)
                .collect();
            if !own.is_empty() {
                scope = own.last().copied();
            }
            // A sentence that also names this year ("…不计入本年度，本年度
            // 全年执行数为…", "2021年…为98.6%，2022年提高到99.6%") is judged
            // figure by figure.
            // (Not the year as a qualifier: "选取2022年的4个项目".)
            let this_year = mentioned.iter().any(|(i, y, _)| {
                *y == 0 || Some(*y) == year && sentence.get(i.saturating_add(5)) != Some(&'的')
            });
            let about_other_year = match year {
                _ if this_year => false,
                Some(y) if !own.is_empty() => !own.contains(&y),
                Some(y) => scope.is_some_and(|s| s != y),
                None => false,
            };
            let opens_with_attr = sentence
                .iter()
                .position(|c| !c.is_whitespace())
                .is_some_and(|i| {
                    attribute_of(
                        sentence,
                        i,
                        (i.saturating_add(5)).min(sentence.len()),
                        false,
                    )
                    .is_some()
                });
            if !opens_with_attr {
                carried = None;
            }
            // A heading of its own ("实际完成情况：") ends the targets.
            let own_heading = sentence.iter().take(9).any(|c| matches!(c, ':' | '：'));
            let inherited = joined && under_targets && !own_heading;
            under_targets = inherited || target_heading(sentence).is_some();
            if about_other_year || inherited {
                carried = None;
                headings.clear();
            } else {
                let years = Years {
                    report: year,
                    mentioned,
                };
                // The funds column a sentence spoke of holds into the next
                // after "；" or "：", or into one that opens with "其中"
                // ("全年共完成支出…。其中：中央补助9860万元；省级补助6420万元").
                let opens_part = sentence
                    .iter()
                    .skip_while(|c| c.is_whitespace())
                    .take(2)
                    .eq(['其', '中'].iter());
                let column_in = column.filter(|_| joined || opens_part);
                // A table's headings hold for its rows after "；" or on the
                // lines after its heading line, in the headings' unit.
                let held = if joined || table_lines {
                    headings.clone()
                } else {
                    Vec::new()
                };
                let inherited = Inherited {
                    column: column_in,
                    unit: if own_note.is_some() {
                        own_note
                    } else if held.is_empty() {
                        unit_in
                    } else {
                        table_unit.or(unit_in)
                    },
                    headings: &held,
                };
                let (c, col, h) = sentence_statements(
                    sentence, start, vocab, &years, carried, inherited, &mut out,
                );
                // "（二）项目产出。满分25分，得23.06分": a title that is only
                // an indicator's name gives its subject to the sentence after.
                // (On a line of its own it holds for the next line.)
                title = if c.is_none() {
                    titled(sentence, vocab)
                        .map(|(x, a, b)| (x, start.saturating_add(a), start.saturating_add(b)))
                } else {
                    None
                };
                carried = c.or_else(|| title.clone());
                column = col;
                if !h.is_empty() && held.is_empty() {
                    table_unit = unit_in_brackets(sentence).or(unit_in);
                }
                headings = h;
            }
        }
        joined = matches!(t.get(end), Some(';' | '；'));
        // (Rows of a table go on line by line; anything else ends it.)
        table_lines = t.get(end).is_some_and(|c| *c == '\n' || *c == '\r') && !headings.is_empty();
        if t.get(end).is_some_and(|c| *c == '\n' || *c == '\r') {
            // (A note's line gives its unit to the lines after it, to the
            // next blank line: "金额单位：元\n项目 | 金额\n实际支出 | 309,856,000.00".)
            let blank = t
                .get(start..end)
                .is_some_and(|w| w.iter().all(|c| c.is_whitespace()));
            if !note_line && (blank || !unit_noted) {
                unit_in = None;
            }
            unit_noted = unit_in.is_some() && (note_line || unit_noted);
            scope = None;
            carried = title.take();
            column = None;
        }
        start = end.saturating_add(1);
    }
    // The words as written, from the original text (offsets are the same).
    let original: Vec<char> = text.chars().collect();
    let words =
        |a: usize, b: usize| -> String { original.get(a..b).unwrap_or(&[]).iter().collect() };
    for s in &mut out {
        s.name = words(s.name_start, s.name_end);
        s.words = words(s.start, s.end);
    }
    out
}

/// A title that is only an indicator's name, perhaps numbered ("（二）项目
/// 产出", "3.效益指标", "一、项目决策情况"): the name's subjects and where
/// it stands. A title is short and holds no figure.
fn titled(s: &[char], vocab: &Vocabulary) -> Option<Carried> {
    if s.len() > 24 {
        return None;
    }
    let lead = numbering(s);
    let rest = s.get(lead..)?;
    let names = mentions(rest, vocab);
    let [m] = names.as_slice() else {
        return None;
    };
    let before = rest.get(..m.start)?;
    let after: String = rest
        .get(m.end..)?
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    let indicator = m
        .subjects
        .iter()
        .all(|x| matches!(x, Subject::Node(_) | Subject::Line(_)));
    (indicator
        && before.iter().all(|c| c.is_whitespace())
        && [
            "",
            "情况",
            "方面",
            "指标",
            "部分",
            "得分情况",
            "评价情况",
            ":",
            "：",
        ]
        .contains(&after.as_str()))
    .then(|| {
        (
            m.subjects.clone(),
            lead.saturating_add(m.start),
            lead.saturating_add(m.end),
        )
    })
}

/// How many characters a title's numbering takes ("（二）", "(3)", "一、",
/// "1.", "2、"), with the spaces around it; 0 when none.
fn numbering(s: &[char]) -> usize {
    let space = |i: usize| s.iter().skip(i).take_while(|c| c.is_whitespace()).count();
    let mut i = space(0);
    let numeral = |c: &char| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c);
    let count = |from: usize| s.iter().skip(from).take_while(|c| numeral(c)).count();
    match s.get(i) {
        Some('(' | '（') => {
            let n = count(i.saturating_add(1));
            if n == 0
                || !matches!(
                    s.get(i.saturating_add(1).saturating_add(n)),
                    Some(')' | '）')
                )
            {
                return 0;
            }
            i = i.saturating_add(n).saturating_add(2);
        }
        Some(c) if numeral(c) => {
            let n = count(i);
            if !matches!(s.get(i.saturating_add(n)), Some('、' | '.' | '．')) {
                return 0;
            }
            i = i.saturating_add(n).saturating_add(1);
        }
        _ => return 0,
    }
    i.saturating_add(space(i))
}

/// Each bracket pair in `s` that closes, innermost last opened: (where
/// "(" or "（" stands, where its ")" or "）" stands).
fn bracket_pairs(s: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut open: Option<usize> = None;
    s.iter().enumerate().filter_map(move |(i, c)| match c {
        '(' | '（' => {
            open = Some(i);
            None
        }
        ')' | '）' => open.take().map(|a| (a, i)),
        _ => None,
    })
}

/// Whether a word for the project's whole stands right before `at`
/// ("项目执行率", "总预算执行率", "整体").
/// Whether words that count what was just listed open the clause before
/// `at` ("，四项合计38.2分", "，以上合计", "；上述各项共计").
fn after_count(s: &[char], at: usize) -> bool {
    let from = (at.saturating_sub(5)..at)
        .rev()
        .find(|i| {
            s.get(*i)
                .is_some_and(|c| matches!(c, ',' | ';' | '，' | '；' | '、'))
        })
        .map(|i| i.saturating_add(1));
    let Some(words) = from.and_then(|f| s.get(f..at)) else {
        return false;
    };
    let numeral = |c: &char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(*c);
    match words {
        ['以', '上'] | ['上', '述'] | ['上', '述', '各', '项'] | ['以', '上', '各', '项'] => {
            true
        }
        [n @ .., '项'] => !n.is_empty() && n.iter().all(numeral),
        _ => false,
    }
}

fn whole_before(s: &[char], at: usize) -> bool {
    let w: String = s
        .get(at.saturating_sub(2)..at)
        .unwrap_or(&[])
        .iter()
        .collect();
    w.ends_with("项目") || w.ends_with('总') || w.ends_with("整体")
}

/// The name before `m` in `names` (mentions are in order).
fn before_idx<'a>(names: &'a [Mention], m: &Mention) -> Option<&'a Mention> {
    let i = names.partition_point(|n| n.end <= m.start);
    i.checked_sub(1).and_then(|i| names.get(i))
}

/// A subject carried to later figures: its candidates and name span
/// (relative to the text).
type Carried = (Vec<Subject>, usize, usize);

/// The statement that figure `f` (read in `unit`) states `attr` of
/// `subject`, its name at `name` (characters of the sentence at `offset`;
/// a name carried from before the sentence wraps below it).
/// The line of a node with one line that opens the sentence as its
/// heading ("数量指标：", "产出数量指标：", "数量指标方面，"), and where the
/// next node is named (the heading's reach).
fn indicator_heading(s: &[char], names: &[Mention], vocab: &Vocabulary) -> Option<(String, usize)> {
    let first = names.first().filter(|m| m.start == 0)?;
    let line = first.subjects.iter().find_map(|x| match x {
        Subject::Node(n) => vocab.sole_lines.get(n),
        _ => None,
    })?;
    let mut rest = s.get(first.end..).unwrap_or(&[]);
    if rest.starts_with(&['指', '标']) {
        rest = rest.get(2..).unwrap_or(&[]);
    }
    if rest.starts_with(&['方', '面']) {
        rest = rest.get(2..).unwrap_or(&[]);
    }
    if !matches!(rest.first(), Some(':' | '：' | ',' | '，')) {
        return None;
    }
    let until = names
        .iter()
        .skip(1)
        .find(|m| m.subjects.iter().any(|x| matches!(x, Subject::Node(_))))
        .map_or(s.len(), |m| m.start);
    Some((line.clone(), until))
}

fn stated(
    subject: Subject,
    attr: Attr,
    unit: Unit,
    f: &Figure,
    offset: usize,
    name: (usize, usize),
) -> Statement {
    Statement {
        subject,
        attr,
        value: Stated::Figure(Quantity {
            value: f.value,
            unit,
            decimals: f.decimals,
        }),
        start: offset.saturating_add(f.start),
        end: offset.saturating_add(f.end),
        name_start: offset.wrapping_add(name.0),
        name_end: offset.wrapping_add(name.1),
        name: String::new(),
        words: String::new(),
    }
}

/// What a sentence leaves the next: the subject carried, the funds
/// column it spoke of, the headings of a table written out as text.
type SentenceOut = (Option<Carried>, Option<&'static str>, Vec<tables::Heading>);

/// What a sentence takes from those before it: the funds column they
/// spoke of, and the unit a note gave ("金额单位：万元。").
#[derive(Clone, Copy, Default)]
struct Inherited<'a> {
    column: Option<&'static str>,
    unit: Option<&'static Unit>,
    /// The headings of a table written out as text, for its rows after "；".
    headings: &'a [tables::Heading],
}

/// "中央416元、省级73元…，合计520元": the total after per-capita levels is
/// the standard.
fn per_capita_total(names: &mut [Mention]) {
    if let Some(first_level) = names
        .iter()
        .position(|m| m.subjects.iter().any(|x| matches!(x, Subject::Level(_))))
    {
        for m in names.iter_mut().skip(first_level.saturating_add(1)) {
            if row_of(m) == Some("") {
                m.subjects
                    .insert(0, Subject::Quantity("perCapitaStandard".into()));
            }
        }
    }
}

/// Words that make a sentence one about what expense lines were given.
const EXPENSE_BUDGET_CUES: &[&str] = &[
    "预算", "安排", "申请", "追加", "下达", "计划", "批复", "调整",
];

/// Words that say a budget was adjusted to the figure after them.
const ADJUSTED: &[&str] = &[
    "调整为",
    "调整至",
    "调整后为",
    "调增至",
    "调减至",
    "调增为",
    "调减为",
];

fn sentence_statements(
    s: &[char],
    offset: usize,
    vocab: &Vocabulary,
    years: &Years,
    carried_in: Option<Carried>,
    inherited: Inherited,
    out: &mut Vec<Statement>,
) -> SentenceOut {
    let column_in = inherited.column;
    let first_out = out.len();
    let names = mentions(s, vocab);
    // (A row of headings that are all attribute words names nothing but
    // heads the rows after it: "三级指标 | 实际完成值 | 分值 | 得分".)
    if names.is_empty()
        && carried_in.is_none()
        && inherited.headings.is_empty()
        && !s.contains(&'|')
        // ("军队转业干部医疗救助按2000元/人的标准": a line named around its
        // figure.)
        && !(s.contains(&'按') && s.windows(2).any(|w| w == ['标', '准']))
        && !s.windows(2).any(|w| w == ['参', '保'])
        // ("项目资金166.96万元已全部拨付使用": money named by the verb after.)
        && !after::has_verb(s)
    {
        return (None, column_in, Vec::new());
    }
    let figs = figures(s, inherited.unit);
    // Weak verbs that name nothing here are not names at all: the name
    // before them still holds ("医疗救助经费预算10万元，执行完成10万元").
    // "效益指标合计得30分": the node's sum, not the table's total row.
    // A table written out as text needs a colon, a bar or headings from
    // the sentence before; it reads every name, weak verbs too.
    let may_table =
        !inherited.headings.is_empty() || s.iter().any(|c| matches!(c, ':' | '：' | '|'));
    let all_names = if may_table {
        let mut all = names.clone();
        per_capita_total(&mut all);
        all
    } else {
        Vec::new()
    };
    // A formula's operands, by the terms it names (before weak names are
    // dropped: a formula's terms are names wherever they stand).
    let formula = if s.contains(&'=') {
        let cells = figures::operand_figures(s, inherited.unit);
        let terms = mentions::with_operands(s, vocab);
        let found = formulas::operands(s, &terms, &cells, vocab);
        found
            .into_iter()
            .filter_map(|o| Some((cells.get(o.cell)?.clone(), o)))
            .collect()
    } else {
        Vec::new()
    };
    // (A formula's terms name its operands only: the result after the
    // last "=" is the rate named before them.)
    let mut names = names;
    if !formula.is_empty() {
        let mut terms: Vec<(usize, usize)> = formula.iter().map(|(_, o)| o.name).collect();
        terms.sort_unstable();
        names.retain(|m| terms.binary_search(&(m.start, m.end)).is_err());
    }
    let mut row_seen = false;
    let mut money_seen = false;
    // Whether a name of anything but the project's quantities was kept
    // ("城镇居民医疗保险经费：预算安排…，已支付…" is the expense line's).
    let mut part_seen = false;
    // Where the sentence first speaks of a fund's own accounts.
    // (One pass: every such word holds 基金.)
    let fund_at = s.windows(2).enumerate().find_map(|(i, w)| {
        if w != ['基', '金'] {
            return None;
        }
        let after = s.get(i.saturating_add(2)..).unwrap_or(&[]);
        let said = [
            &['收', '入'][..],
            &['支', '出'],
            &['总', '收', '入'],
            &['总', '支', '出'],
        ]
        .iter()
        .any(|x| after.starts_with(x))
            || s.get(i.saturating_sub(2)..i) == Some(&['筹', '集'][..]);
        said.then_some(i)
    });
    names.retain(|m| {
        // "合计" names the table's total only opening a clause; after a
        // name or a word it is that one's sum ("效益指标合计得30分", "实际投入
        // 合计614.49万元").
        let opens_clause = m.start == 0
            || s.get(m.start.saturating_sub(1))
                .is_some_and(|c| matches!(c, ',' | ';' | ':' | '；' | '：' | '、' | ' ' | '，'));
        // ("两项合计183.46万元" after money listed is a sum the report may
        // not have: only scores' sums are read, see `sums`.)
        let counted = after_count(s, m.start)
            && figs
                .get(figs.partition_point(|f| f.start < m.end))
                .is_some_and(|f| f.unit == Unit::Points);
        let total_after_name = row_of(m) == Some("") && !opens_clause && !counted;
        // A weak verb opening a clause after the project's money was named
        // ("全年实际支出41062.5万元，结余214.3万元"), perhaps after an adverb
        // ("，已支付18501.096万元"), is the project's too.
        // (Or 实际: "项目全年预算31860.4万元，实际执行31752.6万元".)
        let adverb = if s.get(m.start.saturating_sub(2)..m.start) == Some(&['实', '际'][..]) {
            2
        } else {
            1
        };
        let after_adverb = m.start > adverb
            && (adverb == 2
                || s.get(m.start.saturating_sub(1))
                    .is_some_and(|c| matches!(c, '已' | '共' | '均' | '并')))
            && s.get(m.start.saturating_sub(adverb.saturating_add(1)))
                .is_some_and(|c| matches!(c, ',' | ';' | '；' | '，'));
        let after_money = money_seen && (opens_clause || after_adverb && !part_seen) && m.start > 0;
        // "基金收入…；基金支出6854.2万元，当年结余376.4万元": after the fund's
        // accounts, a weak verb is the fund's too, not the project's.
        // (Not the project's money named: "…居民医保财政补助资金支出614.49万元".)
        let of_project = || {
            let before = s.get(m.start.saturating_sub(2)..m.start).unwrap_or(&[]);
            matches!(before, ['资', '金'] | ['经', '费'] | ['项', '目'])
        };
        let after_fund = fund_at.is_some_and(|f| f < m.start)
            && !row_seen
            && !money_seen
            && context::is_weak(s, m)
            && !of_project();
        let keep = (row_seen || after_money || weak_name_holds(s, m))
            && !after_fund
            && !total_after_name
            && !left_over_then(s, m)
            && !context::grounds(s, m);
        row_seen |= keep && row_of(m).is_some();
        part_seen |= keep
            && m.subjects
                .iter()
                .any(|x| !matches!(x, Subject::Quantity(_)));
        money_seen |= keep
            && m.subjects
                .iter()
                .any(|x| matches!(x, Subject::Quantity(q) if COLUMNS.contains(&q.as_str())));
        keep
    });
    // "年初…预算总额": the budget at the start of the year.
    // (One pass: where the clause of each name began, and where "年初" was
    // last said.)
    let (mut scanned, mut clause, mut nianchu) = (0usize, 0usize, None::<usize>);
    // "共安排资金617.57万元，年中…调整为614.49万元": the budget before it was
    // adjusted is the budget at the start of the year too.
    // (Every such word opens with 调: one pass over the sentence.)
    let adjusted_at = s.iter().enumerate().position(|(i, c)| {
        *c == '调'
            && ADJUSTED.iter().any(|w| {
                let mut at = i;
                w.chars().all(|x| {
                    let same = s.get(at) == Some(&x);
                    at = at.saturating_add(1);
                    same
                })
            })
    });
    let before_adjusted = adjusted_at.and_then(|a| {
        names.iter().rposition(|m| {
            m.end <= a
                && figs
                    .get(figs.partition_point(|f| f.start < m.end))
                    .is_some_and(|f| f.end <= a)
                && m.subjects.iter().any(|x| {
                    matches!(x, Subject::Quantity(q) if q == "budget")
                        || matches!(x, Subject::Row(_, c) if c == "budget")
                })
        })
    });
    for (i, m) in names.iter_mut().enumerate() {
        while scanned < m.start {
            match s.get(scanned) {
                Some(',' | ';' | ':' | '、' | '(' | '|' | '，' | '；' | '：' | '（') => {
                    clause = scanned.saturating_add(1)
                }
                Some('年') if s.get(scanned.saturating_add(1)) == Some(&'初') => {
                    nianchu = Some(scanned)
                }
                _ => {}
            }
            scanned = scanned.saturating_add(1);
        }
        let said = nianchu.is_some_and(|n| n >= clause && n.saturating_add(2) <= m.start)
            || before_adjusted == Some(i);
        m.subjects = std::mem::take(&mut m.subjects)
            .into_iter()
            .map(|x| rows::at_year_start(said, x))
            .collect();
    }
    per_capita_total(&mut names);
    let topics = row_topics(s, &names, &figs);
    rows::topic_totals(s, &mut names, &topics, &figs);
    let names = names;
    let columns_before = rows::columns_before(&names);
    // A name that opens the sentence as its heading, before a colon (and
    // perhaps a bracketed note): "一般参保人员人数（≥**万人）：…".
    let heading = names.first().filter(|m| {
        m.start == 0 && {
            let rest = s.get(m.end..).unwrap_or(&[]);
            let rest = match rest.first() {
                Some('(' | '（') => rest
                    .iter()
                    .position(|c| matches!(c, ')' | '）'))
                    .and_then(|i| rest.get(i.saturating_add(1)..))
                    .unwrap_or(&[]),
                _ => rest,
            };
            matches!(rest.first(), Some(':' | '：'))
        }
    });
    // "数量指标：参保人数年初任务数12.3万人，全年完成值12.59万人": under the
    // heading of a node with one line, the count the sentence gives is
    // that line's actual (as far as the next node named), not the
    // report's head count.
    let indicator_line = indicator_heading(s, &names, vocab);
    // The subject carried from the previous statement (name span relative
    // to this sentence, possibly before it).
    let mut carried: Option<(Vec<Subject>, usize, usize)> = carried_in
        .map(|(subjects, a, b)| (subjects, a.wrapping_sub(offset), b.wrapping_sub(offset)));
    // Whether the carried name stood right before its figure ("立项依据充分性，指标值3分").
    let mut tight = false;
    let mut prev_end = 0;
    // "分区看，金坛区参保10.76万人，…执行率100%": the parts of the area,
    // not the project's figures.
    let by_area = {
        let opening: String = s.iter().skip_while(|c| c.is_whitespace()).take(6).collect();
        ["分区", "分辖区", "分地区", "分县区", "分县(区)", "分区域"]
            .iter()
            .any(|w| opening.starts_with(w))
            && opening.contains('看')
    };
    // Brackets that list what a figure includes ("（含…）").
    let parts = inclusions(s);
    // Where the first expense line named ends (once per sentence).
    let first_expense_end = names
        .iter()
        .find(|n| n.subjects.iter().any(|x| matches!(x, Subject::Expense(_))))
        .map(|n| n.end);
    // Figures paired with names listed before them: "分别", or a table
    // written out as text.
    let paired = respective(s, &names, &figs);
    // A table written out as text, its bare numbers too.
    let mut tabled: Vec<(usize, usize)> = Vec::new();
    let mut operands: Vec<(usize, usize)> = formula.iter().map(|(f, _)| (f.start, f.end)).collect();
    operands.sort_unstable();
    for (f, o) in &formula {
        // A bare operand is in the unit of the figure it names.
        let probe = if f.unit == Unit::None {
            Unit::WanYuan
        } else {
            f.unit.clone()
        };
        if let Some((subject, attr, unit)) = resolve(vocab, &o.subjects, None, &probe, false) {
            let unit = if f.unit == Unit::None {
                Unit::None
            } else {
                unit
            };
            out.push(stated(subject, attr, unit, f, offset, o.name));
        }
    }
    let mut headings_out = Vec::new();
    if may_table {
        let cells = figures_with_bare(s, inherited.unit);
        let (pairs, headings) = tables::tabular(
            s,
            &all_names,
            &cells,
            inherited.headings,
            vocab,
            years.report,
        );
        headings_out = headings;
        for (j, pair) in pairs {
            let Some(f) = cells.get(j) else { continue };
            tabled.push((f.start, f.end));
            let Some((subjects, a, b, attr)) = pair else {
                continue;
            };
            // A bare number under 得分 is in 分.
            let mut f = f.clone();
            // (Bare as written, though the table's unit made it money:
            // "项目资金（万元）| … | 得分\n… | 10".)
            let bare = s.get(f.start..f.end).is_some_and(|w| {
                w.iter()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
            });
            if (f.unit == Unit::None || bare) && attr == Some(Attr::Score) {
                f.unit = Unit::Points;
            }
            // A bare number under a rate ("执行率 | … | 100") is a percentage,
            // though the table's note made it money.
            if (f.unit == Unit::None || bare)
                && subjects
                    .iter()
                    .any(|x| matches!(x, Subject::Quantity(q) if RATES.contains(&q.as_str())))
            {
                f.unit = Unit::Percent;
            }
            if f.unit == Unit::None {
                // A bare cell under a funds column, no unit said anywhere
                // ("资金来源 | 年初预算数 | …\n年度资金总额 | 86 | …"), is in
                // a money unit the text does not say, as a formula's bare
                // operand is: kept bare, and compared so.
                let funds = resolve(vocab, &subjects, attr, &Unit::WanYuan, false)
                    .filter(|(x, _, _)| rows::is_funds_cell(x));
                if let Some((subject, attr, _)) = funds {
                    out.push(stated(subject, attr, Unit::None, &f, offset, (a, b)));
                }
                continue;
            }
            if let Some((subject, attr, unit)) = resolve(vocab, &subjects, attr, &f.unit, false) {
                out.push(stated(subject, attr, unit, &f, offset, (a, b)));
            }
        }
    }
    let shared = rows::shared(s, &names, &figs);
    // Where the sentence first speaks of 得分率 ("从得分率看，…"), and of
    // 得分 ("一级指标得分分别是：决策20分、过程19.96分…"), unless it speaks of
    // full marks or weights.
    let rates_from = s.windows(3).position(|x| x == ['得', '分', '率']);
    // Where the sentence first speaks of a sample ("本次抽样调查了…",
    // "随机抽取参保居民1200人"): head counts after it are the sample's.
    let sample_from = s
        .windows(2)
        .position(|x| matches!(x, ['抽', '样' | '取'] | ['随', '机']));
    let places = context::listed_places(s);
    let earned = s.contains(&'满')
        && FULL_MARKS_EARNED.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            s.windows(w.len()).any(|x| x == w.as_slice())
        });
    // (A weight in brackets is one figure's note: "总得分96.26分（满分100分），
    // 其中…38.2分" still gives scores.)
    let weight_at: Vec<usize> = if earned {
        Vec::new()
    } else {
        s.windows(2)
            .enumerate()
            .filter(|(_, x)| {
                ["满分", "分值", "权重"]
                    .iter()
                    .any(|w| x.iter().copied().eq(w.chars()))
            })
            .map(|(i, _)| i)
            .collect()
    };
    let weights = !weight_at.is_empty() && {
        let bracketed: Vec<(usize, usize)> = bracket_pairs(s).collect();
        weight_at
            .iter()
            .any(|i| !bracketed.iter().any(|(a, b)| a < i && i < b))
    };
    let scores_from = if earned {
        Some(0)
    } else {
        (!weights)
            .then(|| {
                // "得分", or "得" before a figure ("产出类指标得38.6分，其中产出
                // 数量11.4分、…").
                s.windows(2)
                    .enumerate()
                    .find(|(i, x)| {
                        x.first() == Some(&'得')
                            && (x.get(1) == Some(&'分')
                                && s.get(i.saturating_add(2)) != Some(&'率')
                                || x.get(1).is_some_and(|c| c.is_ascii_digit()))
                    })
                    .map(|(i, _)| i)
            })
            .flatten()
    };
    // A sentence of the department's accounts (its income, or its basic
    // spending).
    let department_accounts = {
        let text: String = s.iter().collect();
        text.contains("基本支出")
            || text.contains("收入")
                && ["本局", "我局", "本单位", "我单位", "本部门", "单位收入"]
                    .iter()
                    .any(|w| text.contains(w))
    };
    // Whether the figure before was a target or last year's of the subject
    // carried ("年度目标95%，实际签约率95%": the next "实际" is its actual).
    let mut after_other = false;
    for (fi, f) in figs.iter().enumerate() {
        if tabled.iter().any(|(a, b)| *a == f.start && *b == f.end) {
            prev_end = f.end;
            continue;
        }
        if operands.binary_search(&(f.start, f.end)).is_ok() {
            continue;
        }
        // A figure right before a name, or before "的" and a name, is that
        // name's ("全县12.59万名参保居民", "488元/人的中央补助").
        if let Some((m, statement)) = ahead::stated_ahead(s, &names, f, vocab, years) {
            if let Some((subject, attr, unit)) = statement {
                out.push(stated(subject, attr, unit, f, offset, (m.start, m.end)));
            }
            prev_end = m.end;
            carried = None;
            continue;
        }
        // "按照人均610元的财政补助标准": a standard named after its figure;
        // "全市共有281473人参保": the insured.
        let named_after = ahead::standard_ahead(s, &names, f, vocab, years)
            .or_else(|| ahead::insured_ahead(s, f, vocab, years));
        if let Some((end, statement)) = named_after {
            if let Some((subject, attr, unit)) = statement {
                out.push(stated(subject, attr, unit, f, offset, (f.start, end)));
            }
            prev_end = end;
            carried = None;
            continue;
        }
        // One figure for every name listed ("两项指标均获满分，各得5分").
        if let Some(all) = shared.get(fi).filter(|v| !v.is_empty()) {
            // A value ("…均达到100%") under a heading of targets or with
            // words of one is no actual; followed by a score of each
            // ("…均为99.5%，各得3.98分") it is each line's.
            let first = all.first().map_or(f.start, |x| x.1);
            let aimed = all.iter().any(|x| x.3.is_none())
                && (context::target_heading(s).is_some_and(|h| h < first)
                    || years.other_before(f.start)
                    || about_other_time(s, Some((first, first)), first, f.start, false));
            let scored_after = score_follows(s, f.end) == Some(true);
            for (subjects, a, b, attr) in all.iter().filter(|_| !aimed) {
                let mut subjects = subjects.clone();
                if scored_after && attr.is_none() {
                    crate::sort::sort_by_key(&mut subjects, |x| !matches!(x, Subject::Line(_)));
                }
                if let Some((subject, attr, unit)) =
                    resolve(vocab, &subjects, *attr, &f.unit, false)
                {
                    out.push(stated(subject, attr, unit, f, offset, (*a, *b)));
                }
            }
            prev_end = f.end;
            carried = None;
            continue;
        }
        if let Some(Some((subjects, a, b, attr))) = paired.get(fi) {
            prev_end = f.end;
            carried = None;
            // Under a heading that names targets ("2020年绩效目标：…支付率、
            // 签约率分别达到100%和95%").
            if context::target_heading(s).is_some_and(|h| h < *a) {
                continue;
            }
            let attr = match attr {
                Some(None) => continue,
                Some(Some(x)) => Some(*x),
                None => None,
            };
            if let Some((subject, attr, unit)) = resolve(vocab, subjects, attr, &f.unit, false) {
                out.push(stated(subject, attr, unit, f, offset, (*a, *b)));
            }
            continue;
        }
        if f.joined {
            continue;
        }
        // Mentions do not overlap and come in order: the last one before
        // the figure is found by bisection (no scan per figure).
        let before = names.partition_point(|m| m.end <= f.start);
        let mut local = before
            .checked_sub(1)
            .and_then(|i| names.get(i))
            .filter(|m| m.start >= prev_end);
        // "中央和自治区补助共495万元": two sources joined, neither's figure.
        let joined_rows = local.is_some_and(|m| {
            let source = |x: &Mention| row_of(x).is_some_and(|r| !r.is_empty());
            source(m)
                && matches!(
                    s.get(m.start.wrapping_sub(1)),
                    Some('和' | '与' | '及' | '、')
                )
                && (before
                    .checked_sub(2)
                    .and_then(|i| names.get(i))
                    .is_some_and(|p| p.end.saturating_add(1) == m.start && source(p))
                    // (A bare level is a name only right before a figure.)
                    || {
                        let prior: String = s
                            .get(m.start.saturating_sub(4)..m.start.saturating_sub(1))
                            .unwrap_or(&[])
                            .iter()
                            .collect();
                        ["中央", "省级", "自治区", "市级", "州级", "县级", "区级"]
                            .iter()
                            .any(|w| prior.ends_with(w))
                    })
        });
        // "中央资金执行率仅65.55%": a rate named right after a source row is
        // that row's, not the report's.
        let row_rate = local.is_some_and(|m| {
            m.subjects
                .iter()
                .any(|x| matches!(x, Subject::Quantity(q) if RATES.contains(&q.as_str())))
                && before
                    .checked_sub(2)
                    .and_then(|i| names.get(i))
                    .is_some_and(|p| p.end == m.start && row_of(p).is_some_and(|r| !r.is_empty()))
        });
        if joined_rows || row_rate {
            prev_end = f.end;
            carried = None;
            continue;
        }
        // "结余资金214.32万元，占全年预算的0.50%": a share of the budget is
        // the rate of the money named before.
        let share = local.filter(|m| {
            f.unit == Unit::Percent
                && m.start > 0
                && s.get(m.start.saturating_sub(1)) == Some(&'占')
                && s.get(m.end..f.start).is_some_and(|g| g == ['的'])
        });
        if let (Some(m), Some((subjects, a, b))) = (share, &carried) {
            let rates: Vec<Subject> = subjects
                .iter()
                .filter_map(|x| match x {
                    Subject::Quantity(q) => Some(Subject::Quantity(
                        match q.as_str() {
                            "balance" => "balanceRate",
                            "spent" => "budgetExecution",
                            "received" => "fundsArrival",
                            _ => return None,
                        }
                        .into(),
                    )),
                    _ => None,
                })
                .collect();
            if let Some((subject, attr, unit)) = resolve(vocab, &rates, None, &f.unit, false) {
                out.push(stated(subject, attr, unit, f, offset, (*a, *b)));
            }
            prev_end = f.end.max(m.end);
            carried = None;
            continue;
        }
        // "评价得分" after a named line or node is that one's score.
        if let (Some(m), Some((subjects, named_at, _))) = (local, &carried) {
            let only_total = m
                .subjects
                .iter()
                .all(|s| *s == Subject::Quantity("totalScore".into()));
            // (Not after a name that reads first as a quantity of the
            // report, given its own figure: "资金使用率99.5%，绩效自评分数为
            // 99.92分"; after its weight it is still the line's: "资金到位率
            // （4分，自评得分4分）".)
            let weighed = fi
                .checked_sub(1)
                .and_then(|i| figs.get(i))
                .is_some_and(|p| p.unit == Unit::Points);
            // (A word for the whole is the total's: "预算执行率得分10分，自评总分
            // 100分"; so is any score word after the one scored already.)
            let whole_word = s.get(m.start..m.end).is_some_and(|w| w.contains(&'总'));
            // (Looked at only back to the carried name: a sentence may hold
            // thousands of statements.)
            let since = offset.wrapping_add(*named_at);
            let scored = || {
                out.get(first_out..)
                    .unwrap_or(&[])
                    .iter()
                    .rev()
                    .take_while(|x| x.start >= since)
                    .any(|x| {
                        x.attr == Attr::Score && subjects.first().is_some_and(|f| *f == x.subject)
                    })
            };
            // (Nor after the line's own figure in an earlier clause: "满意度
            // 调查结果为90%，自评99.92分" is the project's score.)
            let measured = || {
                let opens = s
                    .get(m.start.wrapping_sub(1))
                    .is_some_and(|c| matches!(c, ',' | ';' | '，' | '；'));
                opens
                    && out
                        .get(first_out..)
                        .unwrap_or(&[])
                        .iter()
                        .rev()
                        .take_while(|x| x.start >= since)
                        .any(|x| x.attr != Attr::Score && subjects.contains(&x.subject))
            };
            if tight
                && only_total
                && !whole_word
                && !scored()
                && !measured()
                && subjects.iter().enumerate().any(|(i, s)| {
                    matches!(s, Subject::Node(_) | Subject::Line(_)) && (i == 0 || weighed)
                })
            {
                local = None;
            }
        }
        // "1、项目产出情况，自评得分38分": a score word for the total right
        // after a node's or line's name, with no figure between, is that
        // one's score.
        if let Some(m) = local {
            let only_total = m
                .subjects
                .iter()
                .all(|s| *s == Subject::Quantity("totalScore".into()));
            let node = before
                .checked_sub(2)
                .and_then(|i| names.get(i))
                .filter(|p| {
                    // (Only a word for the part between: "情况", "方面" …;
                    // not "效益明显，自评得分95.6分".)
                    let between: String = s
                        .get(p.end..m.start)
                        .unwrap_or(&[])
                        .iter()
                        .filter(|c| !matches!(c, ',' | ':' | ' ' | '，' | '：'))
                        .collect();
                    p.end >= prev_end
                        && ["", "情况", "方面", "部分", "指标", "类", "类指标"]
                            .contains(&between.as_str())
                        && p.subjects
                            .iter()
                            .any(|s| matches!(s, Subject::Node(_) | Subject::Line(_)))
                });
            if let (true, Some(p)) = (only_total && carried.is_none(), node) {
                carried = Some((p.subjects.clone(), p.start, p.end));
                tight = true;
                local = None;
            }
        }
        // A generic name right after an item's or a level's name
        // ("城镇职工基本医疗保险参保人数", "区级补助标准") is about the item or level.
        let item = local.and_then(|m| {
            before
                .checked_sub(2)
                .and_then(|i| names.get(i))
                .filter(|p| {
                    let standard = m
                        .subjects
                        .contains(&Subject::Quantity("perCapitaStandard".into()));
                    // A level's standard may be said a few words on, in the
                    // same clause ("区级财政对城乡居民医保的人均补助标准为…").
                    let near = match s.get(p.end..m.start) {
                        Some(between) if p.end <= m.start => {
                            between.len() <= 1
                                || standard
                                    && between.len() <= 14
                                    && !between.iter().any(|c| {
                                        matches!(c, ',' | ';' | ':' | '、' | '，' | '；' | '：')
                                    })
                        }
                        _ => false,
                    };
                    near && p.subjects.iter().any(|s| match s {
                        Subject::Item(..) => m.start.saturating_sub(p.end) <= 1,
                        Subject::Level(_) => standard,
                        _ => false,
                    })
                })
        });
        // Another scheme's head count ("生育保险参保人数") is not the project's.
        if let (Some(m), None) = (local, item) {
            let quantity = m
                .subjects
                .iter()
                .any(|s| matches!(s, Subject::Quantity(q) if q != "grade"));
            let before: String = s
                .get(m.start.saturating_sub(8)..m.start)
                .unwrap_or(&[])
                .iter()
                .collect();
            // (Unless a name of the report's stands right before: "职工医疗
            // 保险经费支出18.6万元" is an expense line's.)
            let named_before = before_idx(&names, m).is_some_and(|p| {
                m.start.saturating_sub(p.end) <= 1
                    && p.subjects.iter().any(|x| {
                        matches!(
                            x,
                            Subject::Expense(_) | Subject::Item(..) | Subject::Level(_)
                        )
                    })
            });
            // A rate in a sentence about an expense line is that line's
            // ("医疗救助经费预算45万元，实际支出44.8万元，执行率99.6%").
            let expense_rate = m
                .subjects
                .iter()
                .any(|x| matches!(x, Subject::Quantity(q) if RATES.contains(&q.as_str())))
                && first_expense_end.is_some_and(|e| e <= m.start)
                && !whole_before(s, m.start);
            // "另有金坛区困难免缴人员212人": a category of one part of the
            // area, not the report's.
            let item_of_area = m.subjects.iter().all(|x| matches!(x, Subject::Item(..)))
                && sub_area_before(s, m.start);
            if quantity
                && !named_before
                && (OTHER_SCHEMES.iter().any(|w| before.contains(w))
                    || sub_area_before(s, m.start)
                    || by_area
                    || expense_rate)
                || context::sub_area_clause(s, m.start)
                || item_of_area
                || !places.is_empty()
                    && places
                        .binary_search(&context::clause_start(s, m.start, CLAUSE_REACH, |c| {
                            matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。')
                        }))
                        .is_ok()
            {
                prev_end = f.end;
                carried = None;
                continue;
            }
        }
        let mut row_bound = false;
        // Whether the figure is an expense line's spending by the column
        // word that names it.
        let mut expense_actual = false;
        let (subjects, name_start, name_end, gap_from) = match local {
            Some(m) => {
                match item {
                    Some(p) => (p.subjects.clone(), p.start, m.end, m.end),
                    None => {
                        let at = before.saturating_sub(1);
                        // "…，项目执行率100%": the project's, whatever row
                        // the sentence spoke of.
                        let whole = whole_before(s, m.start);
                        let topic = if whole {
                            None
                        } else {
                            topics.get(at).and_then(|t| t.as_deref())
                        };
                        // "医疗救助经费申请10万元，实际支出12.6万元": the
                        // expense line's spending.
                        // The expense line the sentence is about, if the
                        // last name before this column word is one.
                        let expense = column_of(m)
                            .and(at.checked_sub(1).and_then(|i| names.get(i)))
                            .filter(|p| {
                                p.subjects.iter().any(|x| matches!(x, Subject::Expense(_)))
                            });
                        if let Some(p) = expense.filter(|_| column_of(m) != Some("spent")) {
                            // Its budget or arrival: no figure of the report;
                            // the line stays the subject ("资金到位10万元，已支付10万元").
                            prev_end = f.end;
                            carried = Some((p.subjects.clone(), p.start, p.end));
                            continue;
                        }
                        if let Some(p) = expense {
                            expense_actual = true;
                            let subjects = p
                                .subjects
                                .iter()
                                .filter(|x| matches!(x, Subject::Expense(_)))
                                .cloned()
                                .collect();
                            (subjects, p.start, m.end, m.end)
                        } else {
                            // "中央资金支出30万元、自治区本级支出5.8万元": a
                            // list item with a subject of its own that is
                            // no name (here, and 地方配套, 区本级 …) is not
                            // the row named before it, nor the whole.
                            if topic.is_some()
                                && rows::own_unknown_subject(s, &names, at, m, prev_end)
                            {
                                prev_end = f.end;
                                carried = None;
                                continue;
                            }
                            let column_said =
                                columns_before.get(at).copied().flatten().or(column_in);
                            let subjects = bind_row(topic, m, &vocab.columns, column_said);
                            row_bound = subjects.iter().any(|s| matches!(s, Subject::Row(..)));
                            // "省级财政资金…该渠道执行率100%": a rate of one
                            // row, not the report's.
                            // (The total row's rate is the report's.)
                            let row_rate = topic.is_some_and(|r| !r.is_empty())
                            && m.subjects.iter().any(|s| {
                                matches!(s, Subject::Quantity(q) if RATES.contains(&q.as_str()))
                            });
                            if row_rate {
                                prev_end = f.end;
                                carried = None;
                                continue;
                            }
                            (subjects, m.start, m.end, m.end)
                        }
                    }
                }
            }
            None => match (&carried, heading) {
                (Some((subjects, a, b)), _) => (subjects.clone(), *a, *b, prev_end),
                // The sentence's heading names what it is about
                // ("一般参保人员人数（≥**万人）：…，全年实际值82.37万人"), when
                // it names a line or quantity itself (a node's heading,
                // "成本指标：", may be about anything under it).
                (None, Some(h)) if !h.subjects.iter().any(|x| matches!(x, Subject::Node(_))) => {
                    (h.subjects.clone(), h.start, h.end, prev_end)
                }
                _ => {
                    prev_end = f.end;
                    continue;
                }
            },
        };
        prev_end = f.end;
        if years.other_before(f.start)
            || about_other_time(
                s,
                // (The whole name: "…能力提升补助资金全年实际支出" holds no cue.)
                local.map(|m| (name_start.min(m.start), m.end)),
                gap_from,
                f.start,
                // (A level or item named is the figure's subject already.)
                row_bound || item.is_some(),
            )
        {
            // The subject stays for what follows: "目标为95%，实际签约率95%",
            // "由上年的205316人增至209682人".
            carried = Some((subjects, name_start, name_end));
            tight = false;
            after_other = true;
            continue;
        }
        let was_other = std::mem::take(&mut after_other);
        let gap_text: String = s
            .get(gap_from..f.start)
            .unwrap_or(&[])
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        // "…总分100分，其中项目投入部分得20分": a part, not the subject carried.
        if local.is_none() && gap_text.contains("其中") {
            carried = None;
            continue;
        }
        // What the carried subject rose or fell to ("提高至610元", "增至209682人");
        // not "未达到50元" (a target missed).
        // ("提高30元，达到每人每年610元": the clause opens with 达到.)
        let last_clause = gap_text.rsplit(',').next().unwrap_or("");
        // "年初预算18200万元，年中追加调整为18650万元": what the budget at the
        // start of the year was changed to is the year's budget.
        let adjusted = local.is_none() && ADJUSTED.iter().any(|w| gap_text.ends_with(w));
        let subjects: Vec<Subject> = if adjusted {
            subjects
                .into_iter()
                .map(|x| match x {
                    Subject::Quantity(q) if q == "planned" => Subject::Quantity("budget".into()),
                    Subject::Row(r, c) if c == "planned" => Subject::Row(r, "budget".into()),
                    other => other,
                })
                .collect()
        } else {
            subjects
        };
        let changed_to = local.is_none()
            && !gap_text.contains('未')
            && (adjusted
                || gap_text.ends_with('至')
                || [
                    "增到",
                    "升到",
                    "降到",
                    "提高到",
                    "减到",
                    "增加到",
                    "提升到",
                    "上升到",
                    "下降到",
                ]
                .iter()
                .any(|w| gap_text.ends_with(w))
                || (gap_text.contains(',') && last_clause.starts_with("达到")));
        let gap = f.start.saturating_sub(gap_from);
        // Names of rows and lines bind only to figures close after them.
        let near_only = local.is_some()
            && subjects.iter().all(|s| {
                matches!(
                    s,
                    Subject::Item(..) | Subject::Level(_) | Subject::Expense(_) | Subject::Line(_)
                )
            });
        // A weak verb names only the figure right after it ("共支出医疗保险
        // 基金26848万元" is the fund's money, not the project's).
        let weak = local.is_some_and(|m| context::is_weak(s, m));
        // "全年资金执行总量614.49万元": a noun may follow the verb.
        // Not "项目支出总额" (a department's projects summed), unless 本项目.
        let of_projects = local.is_some_and(|m| {
            let before: String = s
                .get(m.start.saturating_sub(3)..m.start)
                .unwrap_or(&[])
                .iter()
                .collect();
            before.ends_with("项目") && !before.ends_with("本项目") && !before.ends_with("该项目")
        });
        // ("县级财政安排补助资金共计8368万元": a few such words in a row.)
        let weak_gap = {
            let (mut rest, mut n) = (gap_text.as_str(), 0usize);
            for _ in 0..3 {
                let Some(w) = [
                    "情况", "总量", "总额", "金额", "资金", "数额", "配套", "补助", "共计", "合计",
                    "额", "数", "为", "了", "共",
                ]
                .iter()
                .find(|w| rest.starts_with(*w))
                .filter(|w| !(of_projects && w.starts_with('总'))) else {
                    break;
                };
                rest = rest.get(w.len()..).unwrap_or("");
                n = n.saturating_add(w.chars().count());
            }
            // "拨付到位我县城乡居民医保补助资金16820万元": a short noun phrase
            // for the project's money, ending in 资金 or 经费.
            let money_phrase = gap_text.chars().count() <= 14
                && (gap_text.ends_with("资金") || gap_text.ends_with("经费"))
                && !of_projects
                && gap_text.chars().all(context::is_han);
            if money_phrase {
                gap_text.chars().count()
            } else {
                n
            }
        };
        let limit = match subjects.first() {
            _ if weak => weak_gap.saturating_add(1),
            Some(Subject::Line(_)) if near_only => 30,
            _ if near_only => 12,
            _ => MAX_GAP,
        };
        if gap > limit {
            carried = None;
            continue;
        }
        tight = local.is_some() && gap <= 8;
        // In a formula ("…=166.96/166.96*100%=100%") the result follows the last "=".
        // A bracketed aside between name and figure ("资金到位率（计算方法：
        // 实际到位资金/全年预算数）为99.5%") holds no attribute of it.
        let attr_from = (gap_from..f.start)
            .rev()
            .find(|i| matches!(s.get(*i), Some('=' | ')' | '）')))
            .map(|i| i.saturating_add(1))
            .unwrap_or(gap_from);
        let mut attr = attribute(s, attr_from, f.start);
        // An expense line's figure, in a sentence about spending ("全年共
        // 完成支出166.96万元。其中：城镇居民医疗保险经费51.96万元").
        let spending = expense_actual
            || (attr.is_none()
                && subjects.iter().any(|x| matches!(x, Subject::Expense(_)))
                && local.is_some_and(|m| {
                    let i = names.partition_point(|n| n.end <= m.start);
                    columns_before.get(i).copied().flatten().or(column_in) == Some("spent")
                }));
        if spending && attr.is_none() {
            attr = Some(Some(Attr::Actual));
        }
        // "决策指标（20分）得20分，…均为满分": a figure in brackets right
        // after the name, with no score word, is its weight.
        let bracketed_weight = local.is_some_and(|m| {
            let open = s.get(m.end..f.start).and_then(|g| {
                let skip = g
                    .iter()
                    .take_while(|c| matches!(c, '指' | '标' | '类'))
                    .count();
                g.get(skip..)
            });
            matches!(open, Some(['(' | '（']))
                && !s.get(m.end..f.start).unwrap_or(&[]).contains(&'得')
        });
        let scored = local.is_some_and(|m| scores_from.is_some_and(|i| i <= m.start))
            && !bracketed_weight
            && f.unit == Unit::Points
            && subjects
                .iter()
                .any(|x| matches!(x, Subject::Node(_) | Subject::Line(_)));
        if scored && attr.is_none() {
            attr = Some(Some(Attr::Score));
        }
        // After a target or a part of the year: "实际…", "全年为99.5%",
        // or a year of its own, is the actual.
        if local.is_none()
            && attr.is_none()
            && was_other
            && (["实际", "全年", "年末", "年底"]
                .iter()
                .any(|w| gap_text.contains(w))
                || years.own_between(gap_from, f.start))
        {
            attr = Some(Some(Attr::Actual));
        }
        // "达到年度目标3800人的101.5%": how much of the target was done.
        if local.is_none() && attr.is_none() && context::share_of_target(s, f.start) {
            attr = Some(Some(Attr::Completion));
        }
        if local.is_none() && attr.is_none() && !changed_to {
            // A second figure with no new name or attribute: unclear.
            carried = None;
            continue;
        }
        carried = Some((subjects.clone(), name_start, name_end));
        let attr = match attr {
            Some(None) => continue, // a weight, target or budget
            Some(Some(a)) => Some(a),
            None => None,
        };
        let rates = rates_from.is_some_and(|r| r < f.start);
        // "资金到位率85.47%，得3.42分": a name both a quantity and a line,
        // whose figure a score follows in the sentence, is the line's.
        // (Or each of those listed: "…、预算执行率均为99.5%，各得3.98分".)
        let scored_after = f.unit != Unit::Points && score_follows(s, f.end).is_some();
        // "资金到位率年度指标值100%，实际完成100%": what was 完成 against a
        // target is the line's, not the report's quantity of that name.
        let completed = attr == Some(Attr::Actual) && gap_text.contains("完成");
        let mut subjects = subjects;
        if (scored_after || completed) && subjects.iter().any(|x| matches!(x, Subject::Line(_))) {
            crate::sort::sort_by_key(&mut subjects, |x| !matches!(x, Subject::Line(_)));
        }

        let worded = attr.is_some();
        let Some((mut subject, mut attr, unit)) = resolve(vocab, &subjects, attr, &f.unit, rates)
        else {
            continue;
        };
        if let Some((line, until)) = &indicator_line {
            if matches!(&subject, Subject::Quantity(q) if q == "persons") && f.start < *until {
                subject = Subject::Line(line.clone());
                attr = Attr::Actual;
                carried = Some((vec![subject.clone()], name_start, name_end));
            } else if subject == Subject::Line(line.clone())
                && attr == Attr::Actual
                && unit == Unit::Percent
                && out
                    .get(first_out..)
                    .unwrap_or(&[])
                    .iter()
                    .any(|x| x.subject == subject && x.attr == Attr::Actual)
            {
                // "…实际完成366人，…实际完成率122%": the count was its actual,
                // the rate how much of the target it is.
                attr = Attr::Completion;
            }
        }
        // An expense line's figure with no word for what it is, in a
        // sentence about budgets ("年初预算安排…：医疗救助经费45万元"), is
        // what it was given, not what it spent.
        if matches!(subject, Subject::Expense(_))
            && !worded
            && EXPENSE_BUDGET_CUES.iter().any(|w| {
                let w: Vec<char> = w.chars().collect();
                // (Not the name's own words, nor a word that only
                // qualifies it: "年中追加的…补助资金10万元已全部支出".)
                s.get(..f.start).is_some_and(|b| {
                    b.windows(w.len()).enumerate().any(|(i, x)| {
                        let end = i.saturating_add(w.len());
                        x == w.as_slice()
                            && !(name_start <= i && end <= name_end)
                            && !(s.get(end) == Some(&'的') && end.saturating_add(1) == name_start)
                    })
                })
            })
        {
            continue;
        }
        // "（含年初结转结余资金420万元）": a part of the figure before, not
        // the project's quantity.
        if matches!(subject, Subject::Quantity(_))
            && parts.iter().any(|(a, b)| *a < f.start && f.end <= *b)
        {
            continue;
        }
        // "本局收入1382.6万元…全年支出1382.6万元，其中基本支出…": the
        // department's accounts, not the project's money.
        if department_accounts
            && matches!(&subject, Subject::Quantity(q) if COLUMNS.contains(&q.as_str()))
            && !context::project_in_clause(s, name_start)
        {
            continue;
        }
        // "人均资助180元", "人均服务参保居民超过6000人": a figure its own
        // clause says is per head, after the name, is no total or count.
        // (A count anywhere in such a clause: "人均服务参保居民6000人".)
        let per_head_from = match dimension(&subject, attr) {
            Some(Dim::Money) => Some(name_end),
            Some(Dim::Persons) => Some(0),
            _ => None,
        };
        if per_head_from.is_some_and(|from| per_head(s, from, f.start))
            || sample_from.is_some_and(|at| at < f.start) && f.unit.dim() == Dim::Persons
        {
            continue;
        }
        out.push(stated(
            subject,
            attr,
            unit,
            f,
            offset,
            (name_start, name_end),
        ));
    }
    let carried_out =
        carried.map(|(subjects, a, b)| (subjects, offset.wrapping_add(a), offset.wrapping_add(b)));
    // Grades: "评价等级为“优”".
    for m in names
        .iter()
        .filter(|m| m.subjects.contains(&Subject::Quantity("grade".into())))
    {
        // Last year's grade, or a grade aimed at ("上年度该项目自评得分为
        // 94.8分，评价等次为良").
        // ("…比上年的96分提高2分，等级为“优”": a score compared with, not
        // a grade of last year.)
        let earlier: String = s.get(..m.start).unwrap_or(&[]).iter().take(60).collect();
        let earlier = earlier.replace("比上年", "").replace("较上年", "");
        if years.other_before(m.start)
            || about_other_time(s, Some((m.start, m.end)), m.end, m.end, false)
            || ["上年", "上一年", "去年", "前年"]
                .iter()
                .any(|w| earlier.contains(w))
        {
            continue;
        }
        let window_end = (m.end.saturating_add(6)).min(s.len());
        let mut i = m.end;
        while i < window_end {
            if let Some((g, grade)) = vocab.grades.iter().find(|(g, _)| starts_with(s, i, g)) {
                // The word must stand alone: not the start of a longer word.
                let end = i.saturating_add(g.len());
                let next = s.get(end).copied();
                // "其中评为“优”的8个": how many projects had the grade.
                let counted = {
                    let clause: Vec<char> = s
                        .get(end..)
                        .unwrap_or(&[])
                        .iter()
                        .take(12)
                        .take_while(|c| !matches!(c, ',' | ';' | '，' | '；' | '。'))
                        .copied()
                        .collect();
                    clause.windows(2).any(|w| {
                        w.first().is_some_and(char::is_ascii_digit)
                            && matches!(w.get(1), Some('个' | '项'))
                    })
                };
                if counted {
                    break;
                }
                // ("评定为优秀等次": the grade's word for itself after it.)
                let grade_word = matches!(
                    s.get(end..end.saturating_add(2)),
                    Some(['等', '次' | '级'] | ['档', '次'])
                );
                if next.is_none_or(|c| !c.is_alphanumeric() || matches!(c, '”' | '"' | '」'))
                    || next.is_some_and(|c| "”\"」，,。".contains(c))
                    || grade_word
                {
                    out.push(Statement {
                        subject: Subject::Quantity("grade".into()),
                        attr: Attr::Value,
                        value: Stated::Grade(grade.clone()),
                        start: offset.saturating_add(i),
                        end: offset.saturating_add(end),
                        name_start: offset.saturating_add(m.start),
                        name_end: offset.saturating_add(m.end),
                        name: String::new(),
                        words: String::new(),
                    });
                    // The score in brackets after the grade: "优秀（96.26分）".
                    let score = figs.iter().find(|f| {
                        f.unit == Unit::Points
                            && f.start == end.saturating_add(1)
                            && matches!(next, Some('(' | '（'))
                            && matches!(s.get(f.end), Some(')' | '）'))
                    });
                    // (Once: the figure may have been read as the total
                    // already, by the grade's name before it.)
                    let read = |f: &Figure| {
                        out.get(first_out..).unwrap_or(&[]).iter().any(|x| {
                            x.start == offset.saturating_add(f.start)
                                && x.subject == Subject::Quantity("totalScore".into())
                        })
                    };
                    if let Some(f) = score.filter(|f| !read(f)) {
                        out.push(stated(
                            Subject::Quantity("totalScore".into()),
                            Attr::Value,
                            Unit::Points,
                            f,
                            offset,
                            (m.start, m.end),
                        ));
                    }
                }
                break;
            }
            i = i.saturating_add(1);
        }
    }
    // Money no name took, read by the verb after it ("项目资金166.96万元按时
    // 足额到位").
    let year_said = after::year_said(s, years.report);
    let mut read: Vec<usize> = out
        .get(first_out..)
        .unwrap_or(&[])
        .iter()
        .map(|x| x.start)
        .chain(tabled.iter().map(|(a, _)| offset.saturating_add(*a)))
        .chain(operands.iter().map(|(a, _)| offset.saturating_add(*a)))
        .collect();
    read.sort_unstable();
    for f in &figs {
        if f.joined || read.binary_search(&offset.saturating_add(f.start)).is_ok() {
            continue;
        }
        if let Some((subject, attr, name)) = after::stated_by_verb(s, &names, f, year_said) {
            if let Some((subject, attr, unit)) =
                resolve(vocab, &[subject], Some(attr), &f.unit, false)
            {
                out.push(stated(subject, attr, unit, f, offset, name));
            }
        }
    }
    sole_line_scores(vocab, out.get_mut(first_out..).unwrap_or(&mut []));
    sums::listed_scores(vocab, s, offset, out, first_out);
    let column = names
        .iter()
        .rev()
        .find_map(column_of)
        .and_then(|c| COLUMNS.iter().find(|x| **x == c).copied())
        .or(column_in);
    (carried_out, column, headings_out)
}

/// "质量指标“…”实际完成100%，…得10分": where a node's name gave its sole line
/// a figure, the score said under the same name is the line's too.
fn sole_line_scores(vocab: &Vocabulary, said: &mut [Statement]) {
    for i in 0..said.len() {
        let Some(Statement {
            subject: Subject::Node(n),
            attr: Attr::Score,
            name_start,
            ..
        }) = said.get(i)
        else {
            continue;
        };
        let Some(line) = vocab.sole_lines.get(n) else {
            continue;
        };
        let line = Subject::Line(line.clone());
        if said
            .iter()
            .any(|x| x.subject == line && x.name_start == *name_start)
        {
            if let Some(x) = said.get_mut(i) {
                x.subject = line;
            }
        }
    }
}

/// Whether a score follows a figure ending at `end` in a clause of its
/// own ("，得3.42分"): `Some(true)` when it is each listed name's
/// ("，各得3.98分", "，均得4分"), `Some(false)` when it is one name's.
fn score_follows(s: &[char], end: usize) -> Option<bool> {
    match s.get(end..end.saturating_add(5).min(s.len()))? {
        [',' | '，', '得', d, ..] if d.is_ascii_digit() => Some(false),
        [',' | '，', '各' | '均', '得', d, ..] if d.is_ascii_digit() => Some(true),
        _ => None,
    }
}

/// Whether "人均" stands after `name_end` (a name's end, or 0) and before
/// a figure at `fig`, in the figure's own clause.
fn per_head(s: &[char], name_end: usize, fig: usize) -> bool {
    let from = context::clause_start(s, fig, context::CLAUSE_REACH, |c| {
        matches!(c, ',' | ';' | '，' | '；' | '。')
    })
    .max(name_end);
    s.get(from..fig)
        .is_some_and(|w| w.windows(2).any(|x| x == ['人', '均']))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name edit in place gives the vocabulary a rebuild gives.
    #[test]
    fn replace_is_add_then_finish() {
        let names = [
            ("参保人数", Subject::Line("a".into())),
            ("门诊统筹人次", Subject::Line("b".into())),
            ("住院费用", Subject::Item("x".into(), 0)),
            ("满意度", Subject::Level(3)),
            ("办公费", Subject::Expense(0)),
        ];
        let build = |names: &[(&str, Subject)]| {
            let mut v = Vocabulary::default();
            v.add("预算执行率", Subject::Quantity("budgetExecution".into()));
            v.add("资金执行率", Subject::Quantity("budgetExecution".into()));
            for (n, s) in names {
                v.add(n, s.clone());
            }
            v.finish();
            v
        };
        let edits: [(usize, Option<&str>); 6] = [
            (0, Some("参保人")),
            (1, Some("住院费")),
            (2, None),
            (3, Some("甲")),
            (4, Some("一个很长很长的支出项目名称")),
            (0, Some("门诊统筹人次")),
        ];
        for (i, new) in edits {
            let mut v = build(&names);
            let changed = v.replace(&names[i].1, new, None);
            let mut now: Vec<(&str, Subject)> = names.to_vec();
            now.retain(|(_, s)| *s != names[i].1);
            if let Some(n) = new {
                now.push((n, names[i].1.clone()));
            }
            let want = build(&now);
            assert!(v == want, "edit {i} → {new:?}");
            let added: Vec<String> = new
                .filter(|n| n.chars().count() >= 2)
                .map(|n| vec![n.to_string()])
                .unwrap_or_default();
            assert_eq!(changed, [vec![names[i].0.to_string()], added].concat());
        }
    }
}
