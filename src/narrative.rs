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

use crate::parse::{is_invisible, normalize_width, width_char, Dim, Quantity, Unit};

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
    /// Grade words (names and aliases) and the grade each names, longest
    /// first.
    grades: Vec<(Vec<char>, String)>,
    /// The funds table's columns (ids): a row's figure is read only for a
    /// column the table has. Empty: every column.
    columns: Vec<String>,
    /// Nodes with exactly one line under them, and that line: a node's
    /// name then names its line too ("质量指标“…”实际完成100%").
    sole_lines: std::collections::HashMap<String, String>,
    /// The automaton over the distinct names and each one's subjects, built
    /// on first use (a text that needs reading), so a name edit that no
    /// text mentions never pays for it.
    matcher: std::sync::OnceLock<Option<Matcher>>,
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
            "实际执行率",
        ],
    ),
    ("fundsArrival", &["资金到位率", "实际到位率", "到位率"]),
    ("balanceRate", &["结余率"]),
    (
        "planned",
        &[
            "年初预算数",
            "年初预算",
            "年初预算安排",
            "年初安排",
            "年初安排预算",
            "年初批复预算",
        ],
    ),
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
            "资金规模",
            "预算资金",
        ],
    ),
    (
        "received",
        &[
            "实际到位资金",
            "实际到位",
            "落实到位",
            "到位资金",
            "到位数",
            "到位",
            "筹得资金",
            "筹集资金",
        ],
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
            "支出",
            "支付",
            "执行",
        ],
    ),
    ("balance", &["结余资金", "资金结余", "结余"]),
    (
        "persons",
        &[
            "参保人数",
            "参保总人数",
            "参保人员",
            "参保居民",
            "实际参保",
            "医保参保",
        ],
    ),
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
            // "本项目得分99.92分": the project's own score is its total.
            "本项目",
            "该项目",
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
            "评价结果",
            "自评结果",
            "等级",
            "等次",
        ],
    ),
    (
        "perCapitaStandard",
        &[
            "人均补助标准",
            "总配套标准",
            "配套标准",
            "补助标准",
            "人均财政补助",
            "人均补助",
        ],
    ),
];

/// Names of figures that are never checked statements (a table's full
/// marks, "总分值100分"); as names they keep a shorter name inside them
/// ("总分") from taking the figure.
pub const WEIGHT_NAMES: &[&str] = &["总分值", "满分值", "总权重", "体系总分", "指标总分"];

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
        // A line counting persons is named without its "人数" too
        // ("享受财政补贴困难大学生2519人" for 享受财政补贴困难大学生人数); a name
        // with a bracketed note without the note ("…补助资金（年中追加）").
        let typed = matches!(
            subject,
            Subject::Line(_) | Subject::Expense(_) | Subject::Item(..)
        );
        let short = if matches!(subject, Subject::Line(_)) && chars.ends_with(&['人', '数']) {
            chars.get(..chars.len().saturating_sub(2))
        } else if typed && chars.last().is_some_and(|c| matches!(c, ')' | '）')) {
            chars
                .iter()
                .position(|c| matches!(c, '(' | '（'))
                .and_then(|i| chars.get(..i))
        } else {
            None
        };
        if let Some(short) = short.filter(|s| s.len() >= 4) {
            self.names.push(Arc::new((short.to_vec(), subject.clone())));
        }
        self.names.push(Arc::new((chars, subject)));
    }

    /// The funds table's columns, by id.
    pub fn set_columns(&mut self, columns: Vec<String>) {
        self.columns = columns;
    }

    /// The nodes with exactly one line, and that line (by id).
    pub fn set_sole_lines(&mut self, lines: std::collections::HashMap<String, String>) {
        self.sole_lines = lines;
    }

    /// A word for the grade `name` (its name or an alias).
    pub fn add_grade(&mut self, word: &str, name: &str) {
        let chars: Vec<char> = word.trim().chars().collect();
        if !chars.is_empty() && chars.len() <= 10 {
            self.grades.push((chars, name.to_string()));
        }
    }

    /// Call once all names are added: sorts them and builds the automaton.
    pub fn finish(&mut self) {
        self.names.sort_by(name_order);
        self.names.dedup();
        self.grades.sort_by_key(|(g, _)| std::cmp::Reverse(g.len()));
        self.matcher = std::sync::OnceLock::new();
    }

    /// The names of `subject` replaced by `name` (an edit of one name), as
    /// [`add`](Vocabulary::add) then [`finish`](Vocabulary::finish) would
    /// leave them, without sorting again: the new name goes where the
    /// sort would put it (after its equals, as the stable sort puts the
    /// last added). Returns the names (as matched) that went and came.
    ///
    /// `base`: the vocabulary the report's names were added to (the
    /// pack's); its own names for `subject` (a fixed line's name in the
    /// pack) stay, as a rebuild would keep them.
    pub fn replace(
        &mut self,
        subject: &Subject,
        name: Option<&str>,
        base: Option<&Vocabulary>,
    ) -> Vec<String> {
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
        let added: Vec<NameEntry> = self.names.drain(before..).collect();
        let kept = base
            .map(|b| {
                b.names
                    .iter()
                    .filter(|e| e.1 == *subject)
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        for e in added.into_iter().chain(kept) {
            changed.push(e.0.iter().collect());
            let at = self
                .names
                .partition_point(|x| name_order(x, &e) != std::cmp::Ordering::Greater);
            // A name said twice is one entry, as `finish` dedups it.
            let twice = at
                .checked_sub(1)
                .and_then(|i| self.names.get(i))
                .is_some_and(|x| *x == e);
            if !twice {
                self.names.insert(at, e);
            }
        }
        self.matcher = std::sync::OnceLock::new();
        changed
    }

    /// The automaton and, by pattern id, the subjects of each distinct
    /// name; built on first use.
    fn matcher(&self) -> Option<&Matcher> {
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
                let lookup = texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.clone(), i))
                    .collect();
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&texts)
                    .ok()
                    .map(|m| (m, patterns, lookup))
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

/// The automaton over the distinct names, each pattern's subjects, and
/// each name's pattern (to look a name up whole).
type Matcher = (
    AhoCorasick,
    Vec<Vec<Subject>>,
    std::collections::HashMap<String, usize>,
);

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
    let Some((matcher, patterns, lookup)) = vocab.matcher() else {
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
        // An operand of a formula written out ("执行率＝全年资金执行数÷预算
        // 安排资金×100%"), not a subject.
        let operand = |c: Option<&char>| c.is_some_and(|c| OPERATORS.contains(c));
        if operand(t.get(end)) || start > 0 && operand(t.get(start.saturating_sub(1))) {
            continue;
        }
        if let Some(subjects) = patterns.get(m.pattern().as_usize()) {
            let mut subjects = subjects.clone();
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
            // ("中央补助" where a level is "中央") may be that level's.
            if subjects.iter().all(|s| matches!(s, Subject::Row(..))) {
                let name = text.get(m.start()..m.end()).unwrap_or("");
                let levels = name
                    .char_indices()
                    .skip(2)
                    .filter_map(|(b, _)| lookup.get(name.get(..b)?))
                    .filter_map(|i| patterns.get(*i))
                    .flatten()
                    .filter(|s| matches!(s, Subject::Level(_)))
                    .cloned()
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

/// The dimension a figure must have to state `attr` of `subject`, or None
/// when `subject` has no such figure. A figure of another dimension (a
/// head count after a money name) is never its statement: values of
/// different dimensions are not compared.
fn dimension(subject: &Subject, attr: Attr) -> Option<Dim> {
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
fn fits(subject: &Subject, attr: Attr, unit: &Unit) -> Option<Unit> {
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
        (Subject::Line(_), Attr::Actual) | (Subject::Line(_), Attr::Value) => {
            (*unit != Unit::Points && *unit != Unit::Wan).then(|| unit.clone())
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
fn resolve(
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
        let a = match (s, a) {
            (Subject::Node(_), Attr::Value) if *unit == Unit::Percent && rates => Attr::Rate,
            // "实际到位…": the quantity's (this year's) value.
            (Subject::Quantity(_) | Subject::Row(..), Attr::Actual) => Attr::Value,
            _ => a,
        };
        let Some(u) = fits(s, a, unit) else { continue };
        let a = match (s, a) {
            (Subject::Quantity(q), Attr::Score) if q == "totalScore" => Attr::Value,
            (Subject::Quantity(_) | Subject::Row(..), Attr::Actual) => Attr::Value,
            // A line named alone with a figure: its actual value.
            (Subject::Line(_), Attr::Value) => Attr::Actual,
            _ => a,
        };
        return Some((s.clone(), a, u));
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
    // The funds column the last sentence spoke of, and whether it ended
    // with "；".
    let mut column: Option<&'static str> = None;
    let mut joined = false;
    while start < t.len() && out.len() <= limit {
        let end = (start..t.len())
            .find(|i| t.get(*i).is_some_and(|c| SENTENCE_END.contains(c)))
            .unwrap_or(t.len());
        if let Some(sentence) = t.get(start..end) {
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
            // 全年执行数为…") is judged figure by figure.
            let this_year = THIS_YEAR.iter().any(|w| {
                let w: Vec<char> = w.chars().collect();
                sentence.windows(w.len()).any(|x| x == w.as_slice())
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
                    attribute(sentence, i, (i.saturating_add(5)).min(sentence.len())).is_some()
                });
            if !opens_with_attr {
                carried = None;
            }
            if about_other_year {
                carried = None;
            } else {
                // "本年度", "当年": the report's year (0), in order with the rest.
                let mut mentioned = mentioned;
                for w in THIS_YEAR {
                    let w: Vec<char> = w.chars().collect();
                    let mut i = 0;
                    while let Some(at) = sentence
                        .get(i..)
                        .and_then(|rest| rest.windows(w.len()).position(|x| x == w.as_slice()))
                    {
                        let at = i.saturating_add(at);
                        mentioned.push((at, 0, false));
                        i = at.saturating_add(w.len());
                    }
                }
                mentioned.sort_by_key(|(i, _, _)| *i);
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
                let (c, col) = sentence_statements(
                    sentence, start, vocab, &years, carried, column_in, &mut out,
                );
                carried = c;
                column = col;
            }
        }
        joined = matches!(t.get(end), Some(';' | '；'));
        if t.get(end).is_some_and(|c| *c == '\n' || *c == '\r') {
            scope = None;
            carried = None;
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

/// Words that make a figure a target or an expectation, not this year's
/// actual ("目标为100%", "力争达到21万人", "不低于95%").
const TARGET_CUES: &[&str] = &[
    "目标",
    "任务",
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
    "多出",
    "超出",
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
fn about_other_time(
    s: &[char],
    name: Option<(usize, usize)>,
    gap_from: usize,
    fig: usize,
    row_bound: bool,
) -> bool {
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
    // A clause break between the name and the figure starts the figure's
    // own clause ("目标值≥90%，实际完成值90%": the target was the clause before).
    let own = name.and_then(|(_, b)| {
        s.get(b..fig)?
            .iter()
            .rposition(|c| matches!(c, ',' | ';' | '；'))
            .map(|i| b.saturating_add(i).saturating_add(1))
    });
    let window = match (name, own) {
        (_, Some(o)) => text(o, fig),
        (Some((a, b)), None) => text(clause, a) + &text(b, fig),
        // A figure after another of the same subject: the words of its own
        // clause since ("未达到1.00万人的预期指标，完成率96%").
        (None, None) => {
            let own = s
                .get(gap_from..fig)
                .and_then(|w| w.iter().rposition(|c| matches!(c, ',' | ';' | '；')))
                .map_or(gap_from, |i| gap_from.saturating_add(i).saturating_add(1));
            text(own.max(clause), fig)
        }
    };
    if TARGET_CUES.iter().any(|w| window.contains(w)) {
        return true;
    }
    // Under a heading that names targets ("预期目标：…，准确率达到100%").
    let heading: String = s
        .get(..from)
        .unwrap_or(&[])
        .iter()
        .take(9)
        .take_while(|c| !matches!(c, ':' | '：'))
        .collect();
    let heading_len = heading.chars().count();
    if heading_len < from
        && heading_len <= 8
        && TARGET_CUES
            .iter()
            .chain(&["设定", "设置", "指标值"])
            .any(|w| heading.contains(w))
    {
        return true;
    }
    // A figure that qualifies a target after it ("未达到1.00万人的预期指标").
    let rest: String = s
        .get(fig..)
        .unwrap_or(&[])
        .iter()
        .take(30)
        .skip_while(|c| !matches!(c, '的' | ',' | ';' | '；'))
        .take_while(|c| !matches!(c, ',' | ';' | '；' | '。'))
        .collect();
    if rest.starts_with('的') && ["目标", "预期", "计划"].iter().any(|w| rest.contains(w)) {
        return true;
    }
    // A source row's amount ("中央财政补助资金实际支出4320万元") is not the
    // total's: the clause names the row before the figure's name.
    let before_name = name.map_or(String::new(), |(a, _)| text(clause, a));
    if !row_bound && SOURCE_ROWS.iter().any(|w| before_name.contains(w)) {
        return true;
    }
    let to_new = {
        let near = text(fig.saturating_sub(3), fig);
        near.contains('至') || near.contains("到")
    };
    !to_new && CHANGE_CUES.iter().any(|w| window.contains(w))
}

/// Verbs that name a funds figure ("全年共执行166.96万元", "项目结余214.32万元")
/// but also any other money spent or paid ("基金支出1350万元", "医疗救助经费执行
/// 完成10万元"): they name the project's figure only under a funds row
/// ("县级资金到位…，支出…") or right after a word that makes the money the
/// project's whole (`WEAK_QUALIFIERS`), or opening a clause ("支出：…").
const WEAK_NAMES: &[&str] = &["支出", "支付", "执行", "到位", "结余"];

/// Words that make a weak verb's money the project's whole.
const WEAK_QUALIFIERS: &[&str] = &[
    "全年", "共", "项目", "资金", "年末", "年度", "当年", "累计", "完成",
];

/// Whether the weak verb at `m` may name a figure: it opens the sentence
/// as a heading, or a qualifier stands right before it.
fn weak_name_holds(s: &[char], m: &Mention) -> bool {
    let name: String = s.get(m.start..m.end).unwrap_or(&[]).iter().collect();
    if !WEAK_NAMES.contains(&name.as_str()) {
        return true;
    }
    let before: String = s
        .get(m.start.saturating_sub(4)..m.start)
        .unwrap_or(&[])
        .iter()
        .collect();
    // Opening the sentence as a heading ("支出：42906.18万元").
    let opens = s
        .get(..m.start)
        .is_some_and(|w| w.iter().all(|c| c.is_whitespace()))
        && matches!(s.get(m.end), Some(':' | '：'));
    opens || WEAK_QUALIFIERS.iter().any(|w| before.ends_with(w))
}

/// The funds-table columns a quantity name can stand for.
const COLUMNS: &[&str] = &["planned", "budget", "received", "spent", "balance"];

/// The report's rates (a row's rate is not the report's).
const RATES: &[&str] = &["budgetExecution", "fundsArrival", "balanceRate"];

/// The column a mention names, if it names one.
fn column_of(m: &Mention) -> Option<&str> {
    m.subjects.iter().find_map(|s| match s {
        Subject::Quantity(q) if COLUMNS.contains(&q.as_str()) => Some(q.as_str()),
        _ => None,
    })
}

/// The row a mention names ("" for the total row), if it names one.
fn row_of(m: &Mention) -> Option<&str> {
    m.subjects.iter().find_map(|s| match s {
        Subject::Row(r, _) => Some(r.as_str()),
        _ => None,
    })
}

/// For each mention, the row the sentence is about at that point: a row
/// named with no figure of its own before the next column word is the
/// topic of the columns after it ("县级资金到位2214.7万元，支出2195.4万元"), up to
/// the next row named. A row named right before its figure ("其中当年财政拨款
/// 150.96万元") is not a topic.
fn row_topics(s: &[char], names: &[Mention], figs: &[Figure]) -> Vec<Option<String>> {
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
    for (i, m) in names.iter().enumerate() {
        out.push(topic.clone());
        let Some(row) = row_of(m) else { continue };
        // "各级财政补助和个人缴费共筹集…": sources joined are the whole.
        if m.start > 0 && matches!(s.get(m.start.saturating_sub(1)), Some('和' | '与' | '及')) {
            topic = None;
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

/// What the mention `names[at]` (`m`) states of the funds table: a column
/// word under a topic row is that row's cell; a row name right before its
/// figure takes the column the sentence spoke of before it ("全年预算数
/// 166.96万元，其中当年财政拨款150.96万元"), the total row its quantity. Other
/// subjects are kept, rows without a column dropped.
fn bind_row(
    names: &[Mention],
    topics: &[Option<String>],
    at: usize,
    m: &Mention,
    columns: &[String],
    column_in: Option<&str>,
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
    if let (Some(col), Some(Some(row))) = (column_of(m), topics.get(at)) {
        return cell(row, col).into_iter().collect();
    }
    let Some(row) = row_of(m) else {
        return m.subjects.clone();
    };
    let context = names
        .get(..at)
        .unwrap_or(&[])
        .iter()
        .rev()
        .find_map(column_of)
        .or(column_in);
    let mut out: Vec<Subject> = context.and_then(|c| cell(row, c)).into_iter().collect();
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

/// Which kind of thing a mention names first (lists pair names of one kind).
fn kind(m: &Mention) -> u8 {
    match m.subjects.first() {
        Some(Subject::Quantity(_)) | None => 0,
        Some(Subject::Node(_)) => 1,
        Some(Subject::Line(_)) => 2,
        Some(Subject::Item(..)) => 3,
        Some(Subject::Level(_)) => 4,
        Some(Subject::Expense(_)) => 5,
        Some(Subject::Row(..)) => 6,
    }
}

/// A figure paired with a name by "分别": the name's subjects, its span and
/// the attribute said after "分别".
type Paired = (Vec<Subject>, usize, usize, Option<Option<Attr>>);

/// Names listed and then given figures "respectively" ("决策与过程、产出、
/// 效益、满意度四方面分别得分38.2分、23.06分、20分、15分"; "中央补助资金1300万元、县级
/// 配套资金300万元，实际分别到位1286.5万元和300万元"): the run of names of one kind
/// before "分别" and the figures after it, joined only by 、/和/及/与, are
/// paired in order when their counts agree. By figure index.
fn respective(s: &[char], names: &[Mention], figs: &[Figure]) -> Vec<Option<Paired>> {
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
        let lead: Vec<&Mention> = names
            .get(names.partition_point(|m| m.start < lead_from)..)
            .unwrap_or(&[])
            .iter()
            .take_while(|m| m.end <= lead_to)
            .collect();
        if lead.iter().any(|m| column_of(m).is_none()) || lead.len() > 1 {
            continue;
        }
        let column = lead.first().and_then(|m| column_of(m));
        // The run of names of one kind before "分别", last first.
        let before = names
            .get(..names.partition_point(|m| m.end <= p))
            .unwrap_or(&[]);
        let Some(last) = before.last() else { continue };
        let k = kind(last);
        // Names joined only by list separators ("项目立项、绩效目标、资金投入").
        let mut n: usize = 1;
        while let (Some(a), Some(b)) = (
            before
                .len()
                .checked_sub(n.saturating_add(1))
                .and_then(|i| before.get(i)),
            before.len().checked_sub(n).and_then(|i| before.get(i)),
        ) {
            let between = s.get(a.end..b.start).unwrap_or(&[]);
            // (Each may carry its own figure: "中央补助资金1300万元、县级配套
            // 资金300万元，实际分别到位…".)
            let joined = between.iter().all(|c| {
                matches!(c, '、' | '和' | '及' | '与' | ',' | ' ' | '.' | '%')
                    || c.is_ascii_digit()
                    || "万亿元人分".contains(*c)
            });
            if kind(a) != k || !joined {
                break;
            }
            n = n.saturating_add(1);
        }
        let listed = before.get(before.len().saturating_sub(n)..).unwrap_or(&[]);
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
        let attr = attribute(s, lead_from, lead_to);
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

/// A subject carried to later figures: its candidates and name span
/// (relative to the text).
type Carried = (Vec<Subject>, usize, usize);

/// Words before a quantity's name that make it another scheme's
/// ("生育保险参保人数", "职工医保统筹基金支出").
const OTHER_SCHEMES: &[&str] = &[
    "生育保险",
    "工伤保险",
    "养老保险",
    "失业保险",
    "大病保险",
    "职工医保",
    "职工",
    "统筹基金",
];

/// Years a sentence names ("2019年…"), where, and whether the sentence is
/// about that year ("截止2019年底", "2019年末", "2018 年度", "2019年，", a month):
/// such a year holds for the sentences after it.
fn year_mentions(t: &[char]) -> Vec<(usize, u32, bool)> {
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
        // "与2018年度基本持平", "比2018年": a year compared with, not the
        // one the sentence is about.
        let compared = t.get(i.saturating_sub(2)..i).is_some_and(|w| {
            w.iter()
                .any(|c| matches!(c, '与' | '较' | '比' | '同' | '和'))
        }) || t
            .get(k.saturating_add(1)..k.saturating_add(5))
            .is_some_and(|w| w.windows(2).any(|x| x == ['相', '比'] || x == ['持', '平']));
        if compared {
            continue;
        }
        if let Ok(y) = digits.parse() {
            out.push((i, y, scoped));
        }
    }
    out
}

/// Words that name the report's own year ("本年度全年执行数为166.96万元" after
/// "2021年度部分资金"): a year mention of 0.
const THIS_YEAR: &[&str] = &["本年度", "本年", "当年", "今年"];

/// The report's year and the years a sentence names (where, which).
struct Years {
    report: Option<u32>,
    mentioned: Vec<(usize, u32, bool)>,
}

impl Years {
    /// Whether the year named last before `at` is not the report's
    /// ("2021年度本项目自评得分为97.6分，2022年度提升至99.92分").
    fn other_before(&self, at: usize) -> bool {
        // Mentioned in order: the last before `at` by bisection.
        let n = self.mentioned.partition_point(|(i, _, _)| *i < at);
        let nearest = n.checked_sub(1).and_then(|i| self.mentioned.get(i));
        match (nearest, self.report) {
            (Some((_, y, _)), Some(r)) => *y != 0 && *y != r,
            _ => false,
        }
    }
}

/// The statement that figure `f` (read in `unit`) states `attr` of
/// `subject`, its name at `name` (characters of the sentence at `offset`;
/// a name carried from before the sentence wraps below it).
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

fn sentence_statements(
    s: &[char],
    offset: usize,
    vocab: &Vocabulary,
    years: &Years,
    carried_in: Option<Carried>,
    column_in: Option<&'static str>,
    out: &mut Vec<Statement>,
) -> (Option<Carried>, Option<&'static str>) {
    let names = mentions(s, vocab);
    if names.is_empty() && carried_in.is_none() {
        return (None, column_in);
    }
    let figs = figures(s);
    // Weak verbs that name nothing here are not names at all: the name
    // before them still holds ("医疗救助经费预算10万元，执行完成10万元").
    // "效益指标合计得30分": the node's sum, not the table's total row.
    let mut names = names;
    let mut row_seen = false;
    names.retain(|m| {
        // "合计" names the table's total only opening a clause; after a
        // name or a word it is that one's sum ("效益指标合计得30分", "实际投入
        // 合计614.49万元").
        let opens_clause = m.start == 0
            || s.get(m.start.saturating_sub(1))
                .is_some_and(|c| matches!(c, ',' | ';' | ':' | '；' | '：' | '、' | ' ' | '，'));
        let total_after_name = row_of(m) == Some("") && !opens_clause;
        let keep = (row_seen || weak_name_holds(s, m)) && !total_after_name;
        row_seen |= keep && row_of(m).is_some();
        keep
    });
    let topics = row_topics(s, &names, &figs);
    // The subject carried from the previous statement (name span relative
    // to this sentence, possibly before it).
    let mut carried: Option<(Vec<Subject>, usize, usize)> = carried_in
        .map(|(subjects, a, b)| (subjects, a.wrapping_sub(offset), b.wrapping_sub(offset)));
    // Whether the carried name stood right before its figure ("立项依据充分性，指标值3分").
    let mut tight = false;
    let mut prev_end = 0;
    let paired = respective(s, &names, &figs);
    // Where the sentence first speaks of 得分率 ("从得分率看，…"), and of
    // 得分 ("一级指标得分分别是：决策20分、过程19.96分…"), unless it speaks of
    // full marks or weights.
    let rates_from = s.windows(3).position(|x| x == ['得', '分', '率']);
    let weights = ["满分", "分值", "权重"]
        .iter()
        .any(|w| s.windows(2).any(|x| x.iter().copied().eq(w.chars())));
    let scores_from = (!weights)
        .then(|| {
            s.windows(2)
                .enumerate()
                .find(|(i, x)| *x == ['得', '分'] && s.get(i.saturating_add(2)) != Some(&'率'))
                .map(|(i, _)| i)
        })
        .flatten();
    // Whether the figure before was a target or last year's of the subject
    // carried ("年度目标95%，实际签约率95%": the next "实际" is its actual).
    let mut after_other = false;
    for (fi, f) in figs.iter().enumerate() {
        if let Some(Some((subjects, a, b, attr))) = paired.get(fi) {
            prev_end = f.end;
            carried = None;
            let attr = match attr {
                Some(None) => continue,
                Some(Some(x)) => Some(*x),
                None => None,
            };
            if let Some((subject, attr, unit)) = resolve(subjects, attr, &f.unit, false) {
                out.push(stated(subject, attr, unit, f, offset, (*a, *b)));
            }
            continue;
        }
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
        // A generic name right after an item's or a level's name
        // ("城镇职工基本医疗保险参保人数", "区级补助标准") is about the item or level.
        let item = local.and_then(|m| {
            before
                .checked_sub(2)
                .and_then(|i| names.get(i))
                .filter(|p| {
                    p.end <= m.start
                        && m.start.saturating_sub(p.end) <= 1
                        && p.subjects.iter().any(|s| match s {
                            Subject::Item(..) => true,
                            Subject::Level(_) => m
                                .subjects
                                .contains(&Subject::Quantity("perCapitaStandard".into())),
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
            if quantity && OTHER_SCHEMES.iter().any(|w| before.contains(w)) {
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
                        let whole = {
                            let w: String = s
                                .get(m.start.saturating_sub(2)..m.start)
                                .unwrap_or(&[])
                                .iter()
                                .collect();
                            w.ends_with("项目") || w.ends_with('总') || w.ends_with("整体")
                        };
                        let no_topics: Vec<Option<String>>;
                        let topics = if whole {
                            no_topics = vec![None; names.len()];
                            &no_topics
                        } else {
                            &topics
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
                            (subjects, m.start, m.end, m.end)
                        } else {
                            let subjects =
                                bind_row(&names, topics, at, m, &vocab.columns, column_in);
                            row_bound = subjects.iter().any(|s| matches!(s, Subject::Row(..)));
                            // "省级财政资金…该渠道执行率100%": a rate of one
                            // row, not the report's.
                            let row_rate = topics.get(at).is_some_and(|t| t.is_some())
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
            None => match &carried {
                Some((subjects, a, b)) => (subjects.clone(), *a, *b, prev_end),
                None => {
                    prev_end = f.end;
                    continue;
                }
            },
        };
        prev_end = f.end;
        if years.other_before(f.start)
            || about_other_time(
                s,
                local.map(|m| (m.start, m.end)),
                gap_from,
                f.start,
                row_bound,
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
        let changed_to = local.is_none()
            && !gap_text.contains('未')
            && (gap_text.ends_with('至')
                || ["增到", "升到", "降到", "提高到", "减到"]
                    .iter()
                    .any(|w| gap_text.ends_with(w)));
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
        let weak = local.is_some_and(|m| {
            let name: String = s.get(m.start..m.end).unwrap_or(&[]).iter().collect();
            WEAK_NAMES.contains(&name.as_str())
        });
        let limit = match subjects.first() {
            _ if weak => 1,
            Some(Subject::Line(_)) if near_only => 20,
            _ if near_only => 8,
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
                    names
                        .get(..i)
                        .unwrap_or(&[])
                        .iter()
                        .rev()
                        .find_map(column_of)
                        .or(column_in)
                        == Some("spent")
                }));
        if spending && attr.is_none() {
            attr = Some(Some(Attr::Actual));
        }
        let scored = local.is_some_and(|m| scores_from.is_some_and(|i| i < m.start))
            && f.unit == Unit::Points
            && subjects
                .iter()
                .any(|x| matches!(x, Subject::Node(_) | Subject::Line(_)));
        if scored && attr.is_none() {
            attr = Some(Some(Attr::Score));
        }
        if local.is_none() && attr.is_none() && was_other && gap_text.contains("实际") {
            attr = Some(Some(Attr::Actual));
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
        let Some((subject, attr, unit)) = resolve(&subjects, attr, &f.unit, rates) else {
            continue;
        };
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
        let earlier: String = s.get(..m.start).unwrap_or(&[]).iter().take(60).collect();
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
                if next.is_none_or(|c| !c.is_alphanumeric() || matches!(c, '”' | '"' | '」'))
                    || next.is_some_and(|c| "”\"」，,。".contains(c))
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
                    if let Some(f) = score {
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
    let column = names
        .iter()
        .rev()
        .find_map(column_of)
        .and_then(|c| COLUMNS.iter().find(|x| **x == c).copied())
        .or(column_in);
    (carried_out, column)
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
