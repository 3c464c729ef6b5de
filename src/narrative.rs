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

use aho_corasick::{AhoCorasick, MatchKind};
use rust_decimal::Decimal;

use crate::parse::{is_invisible, normalize_width, width_char, Quantity, Unit};

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
    /// A grade word ("优").
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

/// Names the recogniser looks for.
///
/// Once [`finish`](Vocabulary::finish)ed it holds one Aho-Corasick
/// automaton over every name (leftmost-longest), so finding the names in
/// a text costs time linear in the text whatever the number of names; a
/// report builds it once and every narrative field shares it.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// (name as characters, subject), longest names first.
    names: Vec<NameEntry>,
    /// Grade words (names and aliases), longest first.
    grades: Vec<Vec<char>>,
    /// The automaton over the distinct names and each one's subjects, built
    /// on first use (a text that needs reading), so a name edit that no
    /// text mentions never pays for it.
    matcher: std::sync::OnceLock<Option<(AhoCorasick, Vec<Vec<Subject>>)>>,
    /// Which build of the report's vocabulary this is, and the names that
    /// differ from the build before (`None`: unknown, read everything).
    pub generation: u64,
    pub changed: Option<Vec<String>>,
}

impl PartialEq for Vocabulary {
    /// Two vocabularies are equal when they hold the same names (the
    /// automaton follows from them).
    fn eq(&self, other: &Vocabulary) -> bool {
        self.names == other.names && self.grades == other.grades
    }
}

/// Built-in names of the report's quantities; a pack adds synonyms.
pub const QUANTITY_NAMES: &[(&str, &[&str])] = &[
    (
        "budgetExecution",
        &[
            "预算执行率",
            "资金执行率",
            "项目资金预算执行率",
            "资金预算执行率",
            "执行率",
            "资金支付率",
        ],
    ),
    ("fundsArrival", &["资金到位率", "到位率"]),
    ("balanceRate", &["结余率"]),
    ("planned", &["年初预算数", "年初预算", "年初预算安排"]),
    (
        "budget",
        &[
            "全年预算数",
            "调整后预算数",
            "调整后全年预算数",
            "调整后预算",
            "调整后的预算",
            "调整后全年预算",
            "全年预算",
        ],
    ),
    (
        "received",
        &["实际到位资金", "实际到位", "落实到位", "到位资金", "到位数"],
    ),
    (
        "spent",
        &[
            "全年执行数",
            "实际支出",
            "执行数",
            "全年执行",
            "全年支出",
            "支出数",
        ],
    ),
    ("balance", &["结余资金", "资金结余"]),
    ("persons", &["参保人数", "参保总人数"]),
    (
        "totalScore",
        &[
            "绩效总得分",
            "总得分",
            "自评得分",
            "最终得分",
            "评价得分",
            "绩效评分",
            "总分",
            "综合得分",
        ],
    ),
    (
        "grade",
        &[
            "评价等级",
            "评价等次",
            "绩效等级",
            "自评等级",
            "自评等次",
            "等级",
            "等次",
        ],
    ),
    (
        "perCapitaStandard",
        &["人均补助标准", "总配套标准", "配套标准", "补助标准"],
    ),
];

/// Words between a name and a figure that say which figure of it is meant.
const ATTRS: &[(&str, Option<Attr>)] = &[
    ("得分率", Some(Attr::Rate)),
    ("评价得分", Some(Attr::Score)),
    ("得分", Some(Attr::Score)),
    ("完成率", Some(Attr::Completion)),
    ("实际完成值", Some(Attr::Actual)),
    ("完成值", Some(Attr::Actual)),
    ("执行完成", Some(Attr::Actual)),
    ("实际支付", Some(Attr::Actual)),
    ("实际值", Some(Attr::Actual)),
    ("执行到位", None),
    // Scores said with a verb: "实得20分", "获得5分", "产出指标得50分".
    ("实得", Some(Attr::Score)),
    ("获得", Some(Attr::Score)),
    ("计得", Some(Attr::Score)),
    ("得", Some(Attr::Score)),
    // A weight or a target is not a checked statement.
    ("满分", None),
    ("权重", None),
    ("指标值", None),
    ("分值", None),
    ("目标值", None),
    ("预算", None),
];

impl Vocabulary {
    pub fn new() -> Vocabulary {
        Vocabulary::default()
    }

    pub fn add(&mut self, name: &str, subject: Subject) {
        const MAX_CHARS: usize = 100;
        // Longer than any name kept, before any work (a 10 MB paste); a
        // char is at most 4 bytes, and padding may be trimmed.
        if name.len() > 4 * MAX_CHARS + 64 {
            return;
        }
        let chars: Vec<char> = normalize_width(name.trim()).chars().collect();
        // Very short names match inside too many words.
        if chars.len() < 2 || chars.len() > MAX_CHARS {
            return;
        }
        self.names.push(Arc::new((chars, subject)));
    }

    pub fn add_grade(&mut self, word: &str) {
        let chars: Vec<char> = word.trim().chars().collect();
        if !chars.is_empty() && chars.len() <= 10 {
            self.grades.push(chars);
        }
    }

    /// Call once all names are added: sorts them and builds the automaton.
    pub fn finish(&mut self) {
        self.names.sort_by(name_order);
        self.names.dedup();
        self.grades.sort_by_key(|g| std::cmp::Reverse(g.len()));
        self.matcher = std::sync::OnceLock::new();
    }

    /// The names of `subject` replaced by `name` (an edit of one name), as
    /// [`add`](Vocabulary::add) then [`finish`](Vocabulary::finish) would
    /// leave them, without sorting again: the new name goes where the
    /// sort would put it (after its equals, as the stable sort puts the
    /// last added). Returns the names (as matched) that went and came.
    pub fn replace(&mut self, subject: &Subject, name: Option<&str>) -> Vec<String> {
        let mut changed: Vec<String> = Vec::new();
        self.names.retain(|e| {
            let keep = e.1 != *subject;
            if !keep {
                changed.push(e.0.iter().collect());
            }
            keep
        });
        let before = self.names.len();
        if let Some(name) = name {
            self.add(name, subject.clone());
        }
        let added = if self.names.len() > before {
            self.names.pop()
        } else {
            None
        };
        if let Some(e) = added {
            changed.push(e.0.iter().collect());
            let at = self
                .names
                .partition_point(|x| name_order(x, &e) != std::cmp::Ordering::Greater);
            // `subject`'s entries were all removed: no equal entry to drop.
            self.names.insert(at, e);
        }
        self.matcher = std::sync::OnceLock::new();
        changed
    }

    /// The automaton and, by pattern id, the subjects of each distinct
    /// name; built on first use.
    fn matcher(&self) -> Option<&(AhoCorasick, Vec<Vec<Subject>>)> {
        self.matcher
            .get_or_init(|| {
                // One pattern per distinct name (names of one text may have
                // several subjects: several lines of one name).
                let mut ids: std::collections::HashMap<&[char], usize> = Default::default();
                let mut texts: Vec<String> = Vec::new();
                let mut patterns: Vec<Vec<Subject>> = Vec::new();
                for e in &self.names {
                    let (name, subject) = (&e.0, &e.1);
                    match ids.get(name.as_slice()) {
                        Some(&i) => {
                            if let Some(p) = patterns.get_mut(i) {
                                p.push(subject.clone());
                            }
                        }
                        None => {
                            ids.insert(name.as_slice(), texts.len());
                            texts.push(name.iter().collect());
                            patterns.push(vec![subject.clone()]);
                        }
                    }
                }
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&texts)
                    .ok()
                    .map(|m| (m, patterns))
            })
            .as_ref()
    }

    /// `text` as the recogniser reads it (widths folded), for
    /// [`Vocabulary::mentions_any`].
    pub fn fold(text: &str) -> String {
        text.chars().map(read_char).collect()
    }

    /// Whether `folded` (a text as [`Vocabulary::fold`] made it) contains
    /// any of `names`.
    pub fn mentions_any(folded: &str, names: &[String]) -> bool {
        names.iter().any(|n| folded.contains(n.as_str()))
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The vocabulary's order: longest names first, then by subject.
fn name_order(a: &NameEntry, b: &NameEntry) -> std::cmp::Ordering {
    b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1))
}

/// One name (as characters) and what it names.
type NameEntry = Arc<(Vec<char>, Subject)>;

fn starts_with(text: &[char], at: usize, word: &[char]) -> bool {
    text.get(at..at.saturating_add(word.len()))
        .is_some_and(|s| s == word)
}

/// A figure found in the text.
#[derive(Debug, Clone)]
struct Figure {
    start: usize,
    end: usize,
    value: Decimal,
    decimals: i32,
    unit: Unit,
}

const SENTENCE_END: &[char] = &['。', '！', '？', '；', ';', '!', '?', '\n', '\r'];
const OPERATORS: &[char] = &['/', '*', '×', '÷', '+'];
const COMPARATORS: &[char] = &['≥', '≤', '>', '<', '='];

/// Whether a "," already stood in the number begun at `start`.
fn group_sep_seen(t: &[char], start: usize, at: usize) -> bool {
    t.get(start..at).is_some_and(|w| w.contains(&','))
}

/// Exactly three digits at `at`, then no further digit: a thousands group.
fn thousands_group(t: &[char], at: usize) -> bool {
    t.get(at..at.saturating_add(3))
        .is_some_and(|w| w.len() == 3 && w.iter().all(|c| c.is_ascii_digit()))
        && !t
            .get(at.saturating_add(3))
            .is_some_and(|c| c.is_ascii_digit())
}

/// Read every number followed by a unit; keep those that can be stated values.
fn figures(t: &[char]) -> Vec<Figure> {
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
                ("万人", Unit::WanPerson),
                ("元/人", Unit::YuanPerPerson),
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
        if *unit == Unit::Person && t.get(end) == Some(&'次') {
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

/// A name found in the text.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    subjects: Vec<Subject>,
}

/// The names in `t`, leftmost-longest and not overlapping (at each place
/// the longest name that starts there; the scan goes on after it), in
/// one pass of the vocabulary's automaton.
fn mentions(t: &[char], vocab: &Vocabulary) -> Vec<Mention> {
    let Some((matcher, patterns)) = vocab.matcher() else {
        return Vec::new();
    };
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
    let mut open: Option<usize> = None;
    for (i, c) in t.iter().enumerate() {
        match c {
            '(' | '（' => open = Some(i),
            ')' | '）' => {
                if let Some(a) = open.take() {
                    let inner = t.get(a..i).unwrap_or(&[]);
                    if inner.iter().any(|c| OPERATORS.contains(c)) {
                        for f in in_formula.iter_mut().take(i).skip(a) {
                            *f = true;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for m in matcher.find_iter(&text) {
        let start = to_char(m.start());
        let end = to_char(m.end());
        if in_formula.get(start).copied().unwrap_or(false) {
            continue;
        }
        if let Some(subjects) = patterns.get(m.pattern().as_usize()) {
            out.push(Mention {
                start,
                end,
                subjects: subjects.clone(),
            });
        }
    }
    out
}

/// The last attribute word in `t[from..to]`, and whether one was found.
fn attribute(t: &[char], from: usize, to: usize) -> Option<Option<Attr>> {
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
        let hit = words
            .iter()
            .find(|(w, _)| i.saturating_add(w.len()) <= to && starts_with(t, i, w));
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

/// Longest stretch of text between a name (or the previous figure) and its figure.
const MAX_GAP: usize = 60;

/// Whether a figure of `unit` can state `attr` of `subject`.
fn fits(subject: &Subject, attr: Attr, unit: &Unit) -> bool {
    use Unit::*;
    match (subject, attr) {
        (Subject::Quantity(q), Attr::Value) => match q.as_str() {
            "budgetExecution" | "fundsArrival" | "balanceRate" => *unit == Percent,
            "planned" | "budget" | "received" | "spent" | "balance" => {
                matches!(unit, WanYuan | Yuan)
            }
            "persons" => matches!(unit, WanPerson | Person),
            "totalScore" => *unit == Points,
            "perCapitaStandard" => matches!(unit, Yuan | YuanPerPerson),
            _ => false,
        },
        (Subject::Quantity(q), Attr::Score) => q == "totalScore" && *unit == Points,
        (Subject::Node(_), Attr::Score) | (Subject::Line(_), Attr::Score) => *unit == Points,
        (Subject::Node(_), Attr::Rate) => *unit == Percent,
        (Subject::Line(_), Attr::Completion) => *unit == Percent,
        (Subject::Line(_), Attr::Actual) | (Subject::Line(_), Attr::Value) => *unit != Points,
        (Subject::Item(_, _), Attr::Value) => matches!(unit, WanPerson | Person | WanYuan | Yuan),
        (Subject::Level(_), Attr::Value) => matches!(unit, Yuan | YuanPerPerson),
        (Subject::Expense(_), Attr::Actual) => matches!(unit, WanYuan | Yuan),
        _ => false,
    }
}

/// Pick what a mention's figure states. Scores, rates and completions go to
/// nodes and lines; a bare value to a quantity, item or level.
fn resolve(subjects: &[Subject], attr: Option<Attr>, unit: &Unit) -> Option<(Subject, Attr)> {
    // Without a word such as 得分, a figure in 分 after a node or line is
    // its weight ("产出指标（50分）"), not a score.
    let attrs: Vec<Attr> = match attr {
        Some(a) => vec![a],
        None => vec![Attr::Value],
    };
    for a in attrs {
        if let Some(s) = subjects.iter().find(|s| fits(s, a, unit)) {
            let a = match (s, a) {
                (Subject::Quantity(q), Attr::Score) if q == "totalScore" => Attr::Value,
                _ => a,
            };
            // A line named alone with a figure: its actual value.
            let a = if matches!(s, Subject::Line(_)) && a == Attr::Value {
                Attr::Actual
            } else {
                a
            };
            return Some((s.clone(), a));
        }
    }
    None
}

/// A character as the recogniser reads it, one for one (offsets stay the
/// original text's): full-width forms as ASCII, invisible format
/// characters as spaces.
fn read_char(c: char) -> char {
    if is_invisible(c) {
        ' '
    } else {
        width_char(c)
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
    let t: Vec<char> = text.chars().map(read_char).collect();
    let mut out = Vec::new();
    let mut start = 0;
    // Per paragraph: the year a sentence is about ("截止2019年底，…") holds for
    // the sentences after it; the last subject may carry into a sentence that
    // opens with an attribute ("…=100%。得分:10分").
    let mut scope: Option<u32> = None;
    let mut carried: Option<Carried> = None;
    while start < t.len() && out.len() <= limit {
        let end = (start..t.len())
            .find(|i| t.get(*i).is_some_and(|c| SENTENCE_END.contains(c)))
            .unwrap_or(t.len());
        if let Some(sentence) = t.get(start..end) {
            let own = scope_years(sentence);
            if !own.is_empty() {
                scope = own.last().copied();
            }
            let about_other_year = match year {
                Some(y) if !own.is_empty() => !own.contains(&y),
                Some(y) => scope.is_some_and(|s| s != y),
                None => false,
            };
            let opens_with_attr = sentence
                .iter()
                .position(|c| !c.is_whitespace())
                .is_some_and(|i| {
                    attribute(sentence, i, (i.saturating_add(5)).min(sentence.len())).is_some()
                });
            if !opens_with_attr {
                carried = None;
            }
            if about_other_year {
                carried = None;
            } else {
                carried = sentence_statements(sentence, start, vocab, carried, &mut out);
            }
        }
        if t.get(end).is_some_and(|c| *c == '\n' || *c == '\r') {
            scope = None;
            carried = None;
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

/// Words that make a figure a target or an expectation, not this year's
/// actual ("目标为100%", "力争达到21万人", "不低于95%").
const TARGET_CUES: &[&str] = &[
    "目标",
    "不低于",
    "不少于",
    "力争",
    "预期",
    "预计",
    "要求",
    "确保",
];

/// Words that make a figure last year's, a change or a running total,
/// unless the figure is what it rose or fell to ("由上年的580元提高至610元").
const CHANGE_CUES: &[&str] = &[
    "上年",
    "上一年",
    "去年",
    "同比",
    "较上",
    "较年初",
    "比上",
    "比年初",
    "增加",
    "增长",
    "提高",
    "提升",
    "下降",
    "减少",
    "下调",
    "上调",
    "累计",
];

/// Words naming one source of the funds (a row of the table, not the
/// 合计): a figure named after one of them is that row's.
const SOURCE_ROWS: &[&str] = &[
    "中央财政",
    "中央补助",
    "省级财政",
    "省级补助",
    "省财政",
    "自治区财政",
    "市级财政",
    "州级财政",
    "县级财政",
    "区级财政",
    "县区财政",
    "县市区财政",
    "个人缴费",
    "当年财政拨款",
    "上年结转",
];

/// Whether the figure at `fig` is a target, last year's, a change or a
/// running total, by the words of its clause before it (the name itself
/// left out: "绩效目标明确性" is a line, not a target).
fn about_other_time(s: &[char], name: Option<(usize, usize)>, gap_from: usize, fig: usize) -> bool {
    let from = name.map_or(gap_from, |(a, _)| a).min(fig);
    let clause = s
        .get(..from)
        .and_then(|w| {
            w.iter()
                .rposition(|c| matches!(c, ',' | ';' | ':' | '；' | '：' | '、'))
        })
        .map_or(0, |i| i.saturating_add(1));
    let text =
        |a: usize, b: usize| -> String { s.get(a..b.max(a)).unwrap_or(&[]).iter().collect() };
    let window = match name {
        Some((a, b)) => text(clause, a) + &text(b, fig),
        None => text(clause, fig),
    };
    if TARGET_CUES.iter().any(|w| window.contains(w)) {
        return true;
    }
    // A source row's amount ("中央财政补助资金实际支出4320万元") is not the
    // total's: the clause names the row before the figure's name.
    let before_name = name.map_or(String::new(), |(a, _)| text(clause, a));
    if SOURCE_ROWS.iter().any(|w| before_name.contains(w)) {
        return true;
    }
    let to_new = {
        let near = text(fig.saturating_sub(3), fig);
        near.contains('至') || near.contains("到")
    };
    !to_new && CHANGE_CUES.iter().any(|w| window.contains(w))
}

/// A subject carried to later figures: its candidates and name span
/// (relative to the text).
type Carried = (Vec<Subject>, usize, usize);

/// Words before 参保人数 that make it another scheme's head count.
const OTHER_SCHEMES: &[&str] = &["生育保险", "工伤保险", "养老保险", "失业保险", "大病保险"];

/// Years a sentence is about: "截止2019年底", "2019年末", "2018 年度", "2019年，".
fn scope_years(t: &[char]) -> Vec<u32> {
    let mut out = Vec::new();
    for i in 0..t.len() {
        if i > 0
            && t.get(i.saturating_sub(1))
                .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        // Four ASCII digits first (no string made for other characters).
        let Some(four) = t
            .get(i..i.saturating_add(4))
            .filter(|w| w.iter().all(|c| c.is_ascii_digit()))
        else {
            continue;
        };
        let digits: String = four.iter().collect();
        if t.get(i.saturating_add(4))
            .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let mut k = i.saturating_add(4);
        while t.get(k) == Some(&' ') {
            k = k.saturating_add(1);
        }
        if t.get(k) != Some(&'年') {
            continue;
        }
        let after = t.get(k.saturating_add(1)).copied();
        let before: String = t
            .get(i.saturating_sub(3)..i)
            .unwrap_or(&[])
            .iter()
            .collect();
        let month = after.is_some_and(|c| c.is_ascii_digit())
            && t.get(k.saturating_add(2)..k.saturating_add(4))
                .is_some_and(|w| w.contains(&'月'));
        let scoped = month
            || matches!(after, Some('底' | '末' | '度' | '，' | ',' | '初'))
            || before.contains("截止")
            || before.contains("截至")
            || before.ends_with('截');
        if scoped {
            if let Ok(y) = digits.parse() {
                out.push(y);
            }
        }
    }
    out
}

fn sentence_statements(
    s: &[char],
    offset: usize,
    vocab: &Vocabulary,
    carried_in: Option<Carried>,
    out: &mut Vec<Statement>,
) -> Option<Carried> {
    let names = mentions(s, vocab);
    if names.is_empty() && carried_in.is_none() {
        return None;
    }
    let figs = figures(s);
    // The subject carried from the previous statement (name span relative
    // to this sentence, possibly before it).
    let mut carried: Option<(Vec<Subject>, usize, usize)> = carried_in
        .map(|(subjects, a, b)| (subjects, a.wrapping_sub(offset), b.wrapping_sub(offset)));
    // Whether the carried name stood right before its figure ("立项依据充分性，指标值3分").
    let mut tight = false;
    let mut prev_end = 0;
    for f in &figs {
        // Mentions do not overlap and come in order: the last one before
        // the figure is found by bisection (no scan per figure).
        let before = names.partition_point(|m| m.end <= f.start);
        let mut local = before
            .checked_sub(1)
            .and_then(|i| names.get(i))
            .filter(|m| m.start >= prev_end);
        // "评价得分" after a named line or node is that one's score.
        if let (Some(m), Some((subjects, _, _))) = (local, &carried) {
            let only_total = m
                .subjects
                .iter()
                .all(|s| *s == Subject::Quantity("totalScore".into()));
            if tight
                && only_total
                && subjects
                    .iter()
                    .any(|s| matches!(s, Subject::Node(_) | Subject::Line(_)))
            {
                local = None;
            }
        }
        // Another scheme's head count ("生育保险参保人数") is not the project's.
        if let Some(m) = local {
            let persons = m.subjects.contains(&Subject::Quantity("persons".into()));
            let before: String = s
                .get(m.start.saturating_sub(8)..m.start)
                .unwrap_or(&[])
                .iter()
                .collect();
            if persons && OTHER_SCHEMES.iter().any(|w| before.contains(w)) {
                prev_end = f.end;
                carried = None;
                continue;
            }
        }
        let (subjects, name_start, name_end, gap_from) = match local {
            Some(m) => {
                // A generic name right after an item's name ("城镇职工基本医疗保险参保人数")
                // is about the item.
                let item = before
                    .checked_sub(2)
                    .and_then(|i| names.get(i))
                    .filter(|p| {
                        p.end <= m.start
                            && m.start.saturating_sub(p.end) <= 1
                            && p.subjects.iter().any(|s| matches!(s, Subject::Item(..)))
                    });
                match item {
                    Some(p) => (p.subjects.clone(), p.start, m.end, m.end),
                    None => (m.subjects.clone(), m.start, m.end, m.end),
                }
            }
            None => match &carried {
                Some((subjects, a, b)) => (subjects.clone(), *a, *b, prev_end),
                None => {
                    prev_end = f.end;
                    continue;
                }
            },
        };
        prev_end = f.end;
        if about_other_time(s, local.map(|m| (m.start, m.end)), gap_from, f.start) {
            carried = None;
            continue;
        }
        let gap = f.start.saturating_sub(gap_from);
        // Names of rows and lines bind only to figures close after them.
        let near_only = local.is_some()
            && subjects.iter().all(|s| {
                matches!(
                    s,
                    Subject::Item(..) | Subject::Level(_) | Subject::Expense(_) | Subject::Line(_)
                )
            });
        let limit = match subjects.first() {
            Some(Subject::Line(_)) if near_only => 15,
            _ if near_only => 8,
            _ => MAX_GAP,
        };
        if gap > limit {
            carried = None;
            continue;
        }
        tight = local.is_some() && gap <= 8;
        // In a formula ("…=166.96/166.96*100%=100%") the result follows the last "=".
        let attr_from = (gap_from..f.start)
            .rev()
            .find(|i| s.get(*i) == Some(&'='))
            .map(|i| i.saturating_add(1))
            .unwrap_or(gap_from);
        let attr = attribute(s, attr_from, f.start);
        if local.is_none() && attr.is_none() {
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
        let Some((subject, attr)) = resolve(&subjects, attr, &f.unit) else {
            continue;
        };
        out.push(Statement {
            subject,
            attr,
            value: Stated::Figure(Quantity {
                value: f.value,
                unit: f.unit.clone(),
                decimals: f.decimals,
            }),
            start: offset.saturating_add(f.start),
            end: offset.saturating_add(f.end),
            name_start: offset.wrapping_add(name_start),
            name_end: offset.wrapping_add(name_end),
            name: String::new(),
            words: String::new(),
        });
    }
    let carried_out =
        carried.map(|(subjects, a, b)| (subjects, offset.wrapping_add(a), offset.wrapping_add(b)));
    // Grades: "评价等级为“优”".
    for m in names
        .iter()
        .filter(|m| m.subjects.contains(&Subject::Quantity("grade".into())))
    {
        let window_end = (m.end.saturating_add(6)).min(s.len());
        let mut i = m.end;
        while i < window_end {
            if let Some(g) = vocab.grades.iter().find(|g| starts_with(s, i, g)) {
                // The word must stand alone: not the start of a longer word.
                let next = s.get(i.saturating_add(g.len())).copied();
                if next.is_none_or(|c| !c.is_alphanumeric() || matches!(c, '”' | '"' | '」'))
                    || next.is_some_and(|c| "”\"」，,。".contains(c))
                {
                    out.push(Statement {
                        subject: Subject::Quantity("grade".into()),
                        attr: Attr::Value,
                        value: Stated::Grade(g.iter().collect()),
                        start: offset.saturating_add(i),
                        end: offset.saturating_add(i).saturating_add(g.len()),
                        name_start: offset.saturating_add(m.start),
                        name_end: offset.saturating_add(m.end),
                        name: String::new(),
                        words: String::new(),
                    });
                }
                break;
            }
            i = i.saturating_add(1);
        }
    }
    carried_out
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
            let changed = v.replace(&names[i].1, new);
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
