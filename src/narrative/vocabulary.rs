//! The names the recogniser looks for, and the automaton over them.

use super::*;
use crate::parse::width_chars;

/// Names the recogniser looks for.
///
/// Once [`finish`](Vocabulary::finish)ed it holds one Aho-Corasick
/// automaton over every name (leftmost-longest), so finding the names in
/// a text costs time linear in the text whatever the number of names; a
/// report builds it once and every narrative field shares it.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// (name as characters, subject), longest names first.
    pub(super) names: Vec<NameEntry>,
    /// Grade words (names and aliases) and the grade each names, longest
    /// first.
    pub(super) grades: Vec<(Vec<char>, String)>,
    /// The funds table's columns (ids): a row's figure is read only for a
    /// column the table has. Empty: every column.
    pub(super) columns: Vec<String>,
    /// Nodes with exactly one line under them, and that line: a node's
    /// name then names its line too ("质量指标“…”实际完成100%").
    pub(super) sole_lines: std::collections::HashMap<String, String>,
    /// Each node's and line's parent node (by id; "" for the table), to
    /// tell which node a sum of listed scores is the score of.
    pub(super) parents: std::collections::HashMap<String, String>,
    /// The same tree downwards: each node's children (by id; "" for the
    /// table's 一级 nodes and top lines).
    pub(super) children: std::collections::HashMap<String, std::collections::BTreeSet<String>>,
    /// What each line counts, by its (full) name: a figure of another
    /// dimension is never its actual.
    pub(super) line_dims: std::collections::HashMap<String, Vec<Dim>>,
    /// Names that name only a figure right after them ("中央15200万元"): a
    /// bare level of government is too common a word to carry further.
    pub(super) tight: std::collections::HashSet<Vec<char>>,
    /// Names that are the persons a line counts without its verbs
    /// ("城镇困难人员" for 城镇困难人员资助参保人数): they name the line only
    /// where its verb is said in the clause (资助, 参保, 享受, 补贴).
    pub(super) cores: std::collections::HashSet<Vec<char>>,
    /// The automaton over the names, built on first use (a text that
    /// needs reading), so a name edit that no text mentions never pays for
    /// it; edits after that are an overlay, not a rebuild.
    pub(super) matcher: super::matcher::Names,
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
            "支付率",
            "实际执行率",
            "预算执行进度",
            "资金使用率",
            "资金使用比率",
            "预算资金使用比率",
            "资金使用完成比率",
            "执行进度",
            "支付进度",
            "拨付进度",
            "使用比例",
        ],
    ),
    (
        "fundsArrival",
        &[
            "资金到位率",
            "实际到位率",
            "到位率",
            "到位比例",
            "资金到位比例",
        ],
    ),
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
            "年初申请",
            "申报预算",
        ],
    ),
    (
        "budget",
        &[
            "全年预算数",
            "调整后预算数",
            "调整后全年预算数",
            "调整后预算",
            "调整预算",
            "调整后的预算",
            "调整后项目预算",
            "项目预算",
            "调整后全年预算",
            "全年预算",
            "资金规模",
            "预算资金",
            "预算总额",
            "预算金额",
            "总预算",
            "安排资金",
            "安排预算",
            "安排",
            "应到位",
            "应到",
            "预算数",
        ],
    ),
    (
        "received",
        &[
            "实际到位资金",
            "实际到位数",
            "实际到位",
            "落实到位",
            "到位资金",
            "到位数",
            "到位",
            "筹得资金",
            "筹集资金",
            "筹集项目资金",
            "收到",
            "实到",
            "实际到账",
        ],
    ),
    (
        "spent",
        &[
            "全年执行数",
            "实际支出数",
            "实际执行数",
            "实际支出",
            "实际拨付",
            "执行数",
            "全年执行",
            "全年支出",
            "支出数",
            "支出",
            "支付",
            "执行",
            "兑付",
            "发放",
            "已拨付",
            "已使用",
        ],
    ),
    ("balance", &["结余资金", "资金结余", "结余", "尚余", "剩余"]),
    (
        "persons",
        &[
            "参保人数",
            "参保总人数",
            "参保人员",
            "参保居民",
            "参保群众",
            "参保缴费人数",
            "实际参保",
            "医保参保",
            "居民参保",
            "全县参保",
            "全市参保",
            "全区参保",
            "医疗保险参保",
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
            "综合评分",
            "自评分数",
            "自评总分",
            "自评分",
            "评价分值",
            "项目自评",
            "自评计",
            "自评",
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
            "评价结论",
            "自评结论",
            "评定为",
            "综合评定",
            "评定等级",
            "评定等次",
            "评为",
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

/// The persons a line counts, without the words for what was done for
/// them ("享受财政补贴困难大学生" → "困难大学生", "城镇困难人员资助参保" →
/// "城镇困难人员").
fn persons_core(name: &[char]) -> Option<Vec<char>> {
    const BEFORE: &[&str] = &["享受财政补贴", "享受财政补助", "享受", "资助", "财政补贴"];
    const AFTER: &[&str] = &["参保", "资助", "补贴", "补助"];
    let mut core: String = name.iter().collect();
    for w in BEFORE {
        if let Some(rest) = core.strip_prefix(w) {
            core = rest.to_string();
            break;
        }
    }
    for _ in 0..2 {
        match AFTER.iter().find_map(|w| core.strip_suffix(w)) {
            Some(rest) => core = rest.to_string(),
            None => break,
        }
    }
    Some(core.chars().collect())
}

/// Names of figures that are never checked statements (a table's full
/// marks, "总分值100分"); as names they keep a shorter name inside them
/// ("总分") from taking the figure.
pub const WEIGHT_NAMES: &[&str] = &["总分值", "满分值", "总权重", "体系总分", "指标总分"];

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
        let chars: Vec<char> = width_chars(name.trim()).map(read_char).collect();
        // Very short names match inside too many words.
        if chars.len() < 2 || chars.len() > MAX_CHARS {
            return;
        }
        // The first name that says what the line counts decides (a pack
        // line is also named by its quantity's names: "预算执行进度").
        if let (Subject::Line(id), Some(d)) = (&subject, super::dimensions::line_dims(&chars)) {
            self.line_dims.entry(id.clone()).or_insert(d);
        }
        // A line counting persons is named without its "人数" too
        // ("享受财政补贴困难大学生2519人" for 享受财政补贴困难大学生人数); a name
        // with a bracketed note without the note ("…补助资金（年中追加）").
        let typed = matches!(
            subject,
            Subject::Line(_) | Subject::Expense(_) | Subject::Item(..)
        );
        let short = if matches!(subject, Subject::Line(_)) && chars.ends_with(&['量']) {
            // "线上经办业务4.2万件" for 线上经办业务量.
            chars.get(..chars.len().saturating_sub(1))
        } else if matches!(subject, Subject::Line(_)) && chars.ends_with(&['人', '数']) {
            chars.get(..chars.len().saturating_sub(2))
        } else if matches!(subject, Subject::Line(_)) && chars.ends_with(&['数']) {
            // "稽核定点医药机构126家" for 稽核定点医药机构数.
            chars.get(..chars.len().saturating_sub(1))
        } else if typed && chars.last().is_some_and(|c| matches!(c, ')' | '）')) {
            chars
                .iter()
                .position(|c| matches!(c, '(' | '（'))
                .and_then(|i| chars.get(..i))
        } else {
            None
        };
        if let Some(short) = short.filter(|s| s.len() >= 4) {
            // "城镇困难人员资助参保人数" is also said "资助城镇困难人员参保3857人",
            // "3857名城镇困难人员": the persons it counts, without the
            // words for what was done for them.
            if chars.ends_with(&['人', '数']) {
                if let Some(core) = persons_core(short).filter(|c| c.len() >= 4 && c != short) {
                    // ("资助参保人数３８５７人": the rest of the name after the
                    // persons, when they open it.)
                    if let Some(rest) = chars.strip_prefix(core.as_slice()).filter(|r| r.len() >= 5)
                    {
                        self.names.push(Arc::new((rest.to_vec(), subject.clone())));
                    }
                    self.cores.insert(core.clone());
                    self.names.push(Arc::new((core, subject.clone())));
                }
            }
            self.names.push(Arc::new((short.to_vec(), subject.clone())));
        }
        // A level "县级" is also said "县本级".
        if matches!(subject, Subject::Level(_)) && chars.len() >= 2 && chars.ends_with(&['级']) {
            let mut own = chars
                .get(..chars.len().saturating_sub(1))
                .unwrap_or(&[])
                .to_vec();
            own.extend(['本', '级']);
            self.names.push(Arc::new((own, subject.clone())));
        }
        // "满意度" is also said "满意率" ("参保居民满意率93.6%"), and the
        // other way round.
        if matches!(subject, Subject::Line(_) | Subject::Node(_)) {
            let other = match chars.as_slice() {
                [.., '满', '意', '度'] => Some('率'),
                [.., '满', '意', '率'] => Some('度'),
                _ => None,
            };
            if let Some(c) = other {
                let mut said = chars.clone();
                if let Some(last) = said.last_mut() {
                    *last = c;
                }
                self.names.push(Arc::new((said, subject.clone())));
            }
        }
        self.names.push(Arc::new((chars, subject)));
    }

    /// A name that names only the figure right after it.
    pub fn add_tight(&mut self, name: &str, subject: Subject) {
        let chars: Vec<char> = normalize_width(name.trim())
            .chars()
            .map(read_char)
            .collect();
        self.tight.insert(chars);
        self.add(name, subject);
    }

    /// The funds table's columns, by id.
    pub fn set_columns(&mut self, columns: Vec<String>) {
        self.columns = columns;
    }

    /// The nodes with exactly one line, and that line (by id).
    pub fn set_sole_lines(&mut self, lines: std::collections::HashMap<String, String>) {
        self.sole_lines = lines;
    }

    /// Each node's and line's parent node (by id).
    pub fn set_parents(&mut self, parents: std::collections::HashMap<String, String>) {
        self.children.clear();
        for (child, parent) in &parents {
            self.children
                .entry(parent.clone())
                .or_default()
                .insert(child.clone());
        }
        self.parents = parents;
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
        crate::sort::sort_by(&mut self.names, name_order);
        self.settle();
    }

    /// What [`Vocabulary::finish`] does once the names are in order.
    fn settle(&mut self) {
        self.names.dedup();
        crate::sort::sort_by_key(&mut self.grades, |(g, _)| std::cmp::Reverse(g.len()));
        self.matcher = Default::default();
    }

    /// Let clones find this vocabulary's names with one automaton, built
    /// on first use and shared (a pack's names, see
    /// [`Vocabulary::finish_from`]).
    pub fn share_names(&mut self) {
        // Kept in the vocabulary's order, for `finish_from` to merge a
        // report's names into (the automaton does not depend on it).
        let mut sorted = self.names.clone();
        crate::sort::sort_by(&mut sorted, name_order);
        self.matcher = super::matcher::Names::shared(Arc::new(sorted));
    }

    /// [`Vocabulary::finish`] for a clone of a vocabulary that
    /// [shares its names](Vocabulary::share_names) to which names were
    /// added from `first` on: a few added names are an overlay on the
    /// shared automaton (finding what one automaton over all would), so a
    /// report builds an automaton over its own names only.
    pub fn finish_from(&mut self, first: usize) {
        let added: Vec<NameEntry> = self
            .names
            .get(first..)
            .map(<[_]>::to_vec)
            .unwrap_or_default();
        let shared = std::mem::take(&mut self.matcher);
        match shared.shared_names() {
            // The shared names already in order (a clone with names only
            // added): sort the added ones and merge them in, as a stable
            // sort of all would order them.
            Some(sorted) if sorted.len() == first => {
                let mut tail = added.clone();
                crate::sort::sort_by(&mut tail, name_order);
                self.names = merge(sorted, tail);
                self.settle();
            }
            _ => self.finish(),
        }
        if shared.shared_names().is_some() && added.len() <= super::matcher::MAX_SHARED_OVERLAY {
            self.matcher = shared.with_added(added);
        }
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
        let mut removed: Vec<NameEntry> = Vec::new();
        self.names.retain(|e| {
            let keep = e.1 != *subject;
            if !keep {
                changed.push(e.0.iter().collect());
                removed.push(e.clone());
            }
            keep
        });
        let mut inserted: Vec<NameEntry> = Vec::new();
        if let Subject::Line(id) = subject {
            self.line_dims.remove(id);
        }
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
        // The pack's own names for the line come first in a rebuild: theirs
        // decide what it counts.
        for e in &kept {
            if let (Subject::Line(id), Some(d)) = (&e.1, super::dimensions::line_dims(&e.0)) {
                self.line_dims.insert(id.clone(), d);
                break;
            }
        }
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
                self.names.insert(at, e.clone());
                inserted.push(e);
            }
        }
        self.matcher.edit(removed, inserted);
        changed
    }

    /// The names in `text` (byte ranges), leftmost-longest, each with what
    /// it names.
    pub(super) fn find(&self, text: &str) -> Vec<super::matcher::Found> {
        self.matcher.find(text, &self.names)
    }

    /// What a whole name names.
    pub(super) fn subjects_of(&self, name: &str) -> Vec<Subject> {
        self.matcher.subjects_of(name, &self.names)
    }

    /// The indicator lines named by one of `quantity`'s built-in names (the
    /// 预算执行率 line a national table scores), in order, without repeats.
    pub(super) fn lines_named_as(&self, quantity: &str) -> Vec<Subject> {
        let mut out: Vec<Subject> = Vec::new();
        for (_, names) in QUANTITY_NAMES.iter().filter(|(q, _)| *q == quantity) {
            for name in names.iter() {
                for s in self.subjects_of(name) {
                    if matches!(s, Subject::Line(_)) && !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
        }
        out
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

/// `head` and `tail`, each in the vocabulary's order, as one list in that
/// order; of two names that order alike, `head`'s first (as a stable sort
/// of `head` then `tail` would leave them).
fn merge(head: &[NameEntry], tail: Vec<NameEntry>) -> Vec<NameEntry> {
    let mut out = Vec::with_capacity(head.len().saturating_add(tail.len()));
    let mut head = head.iter().peekable();
    let mut tail = tail.into_iter().peekable();
    loop {
        let take_tail = match (head.peek(), tail.peek()) {
            (Some(h), Some(t)) => name_order(t, h) == std::cmp::Ordering::Less,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if take_tail {
            out.extend(tail.next());
        } else if let Some(h) = head.next() {
            out.push(h.clone());
        } else {
            break;
        }
    }
    out
}

/// The vocabulary's order: longest names first, then by subject.
pub(super) fn name_order(a: &NameEntry, b: &NameEntry) -> std::cmp::Ordering {
    b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1))
}

/// One name (as characters) and what it names.
pub(super) type NameEntry = Arc<(Vec<char>, Subject)>;
