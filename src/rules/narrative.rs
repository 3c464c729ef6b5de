//! Rule 12: statements in the narrative agree with the figures.
//!
//! Two units per text field: one reads the statements (re-run when the text
//! or a name changes), one compares them with the figures (re-run when a
//! figure changes), so typing a figure never re-reads the prose.

use std::cell::RefCell;
use std::sync::Arc;

use super::Rx;
use crate::calc::{self, Fig};
use crate::codes::Code;
use crate::finding::{Args, Span};
use crate::graph::{Builder, Ctx, FxMap, Out, Val, K};
use crate::model::pack::{Column, RowRole, RowSpec};
use crate::model::report::escape;
use crate::model::Report;
use crate::narrative::{self, Attr, Stated, Statement, Subject, Vocabulary, QUANTITY_NAMES};
use crate::pack::{NodeKind, Pack};
use crate::parse::Unit;

/// Most statements compared in one text field (a 20,000-character text of
/// real prose states far fewer figures); past it, one note says how many.
pub const MAX_STATEMENTS: usize = 100;
/// Most contradictions listed for one text field; past it, one note gives
/// the count (a text that contradicts the table that often needs
/// rewriting, not a list).
pub const MAX_MISMATCHES: usize = 20;

/// Names of a pack node as staff write them: "决策" ↔ "项目决策", "产出指标" → "产出".
fn node_names(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let base = name.strip_suffix("指标").unwrap_or(name);
    out.push(base.to_string());
    let short = match base.strip_prefix("项目") {
        Some(rest) => {
            out.push(rest.to_string());
            rest
        }
        None => {
            out.push(format!("项目{base}"));
            base
        }
    };
    // "效益类和满意度类分别获满分…": a node named by its kind.
    if short.chars().count() >= 2 {
        out.push(format!("{short}类"));
    }
    out
}

/// Names of a funds row as prose writes them: its name and aliases, and
/// for a name of a level of government ("中央财政", "县级资金") the ways
/// prose names that level's money ("中央补助资金", "县级配套资金", "省级财政补助");
/// and, second, the bare level ("中央"), which names only a figure right
/// after it ("其中：中央15200万元，省级5210.4万元").
fn row_names(row: &RowSpec) -> (Vec<String>, Vec<String>) {
    const STEMS: &[&str] = &["财政资金", "财政", "资金"];
    const FORMS: &[&str] = &[
        "财政",
        "资金",
        "财政资金",
        "补助",
        "补助资金",
        "财政补助",
        "财政补助资金",
        "配套",
        "配套资金",
        "财政配套",
        "财政配套资金",
        "转移支付",
        "转移支付资金",
    ];
    // The ways reports head the total row beside its pack name
    // ("年度财政资金总额 | …", "总额 | …", "资金合计 | …").
    const TOTALS: &[&str] = &[
        "年度财政资金总额",
        "财政资金总额",
        "项目资金总额",
        "年度资金总额",
        "资金总额",
        "资金合计",
        "总额",
        "总计",
        "全县合计",
        "全区合计",
        "全市合计",
        "全旗合计",
    ];
    let mut out = vec![row.name.clone()];
    out.extend(row.aliases.iter().cloned());
    if row.role == RowRole::Total {
        out.extend(TOTALS.iter().map(|t| t.to_string()));
    }
    let government: Vec<String> = out
        .iter()
        .filter_map(|n| STEMS.iter().find_map(|s| n.strip_suffix(s)))
        .filter(|base| base.chars().count() >= 2)
        .map(str::to_string)
        .collect();
    for base in &government {
        out.extend(FORMS.iter().map(|f| format!("{base}{f}")));
        // "县级" is also "县财政", "县财政配套资金". ("市本级" is not: in a
        // city's report it is the whole.)
        if let Some(level) = base.strip_suffix('级') {
            out.extend(
                FORMS
                    .iter()
                    .filter(|f| f.starts_with("财政"))
                    .map(|f| format!("{level}{f}")),
            );
        }
    }
    crate::sort::sort(&mut out);
    out.dedup();
    // A base that is itself a name ("当年财政拨款") stays a name.
    let bare = government
        .into_iter()
        .filter(|b| out.binary_search(b).is_err())
        .collect();
    (out, bare)
}

/// The fixed vocabulary of a pack: quantities, nodes, fixed lines, funds
/// rows, grades.
fn pack_vocabulary(pack: &Pack) -> Vocabulary {
    (**pack.vocabulary.get_or_init(|| {
        let mut v = make_pack_vocabulary(pack);
        v.share_names();
        Arc::new(v)
    }))
    .clone()
}

/// [`pack_vocabulary`] as first made.
fn make_pack_vocabulary(pack: &Pack) -> Vocabulary {
    let mut v = Vocabulary::new();
    for (key, names) in QUANTITY_NAMES {
        for n in *names {
            v.add(n, Subject::Quantity((*key).to_string()));
        }
    }
    for n in narrative::WEIGHT_NAMES {
        v.add(n, Subject::Quantity("weight".to_string()));
    }
    let mut columns: Vec<String> = pack
        .spec
        .funds
        .columns
        .iter()
        .map(|c| c.id.id().to_string())
        .collect();
    // 结余 is computed where the table has 到位 and 支出.
    if pack.has_column(Column::Received) && pack.has_column(Column::Spent) {
        columns.push("balance".to_string());
    }
    v.set_columns(columns);
    // The pack's own words for its columns ("计划安排资金" for 年初预算数),
    // where the built-in names do not already give the word a meaning.
    for c in &pack.spec.funds.columns {
        let id = c.id.id();
        if !QUANTITY_NAMES.iter().any(|(q, _)| *q == id) {
            continue;
        }
        for n in std::iter::once(&c.name).chain(&c.aliases) {
            if !QUANTITY_NAMES
                .iter()
                .any(|(_, ns)| ns.contains(&n.as_str()))
            {
                v.add(n, Subject::Quantity(id.to_string()));
            }
        }
    }
    for row in &pack.spec.funds.rows {
        // The total row's figures are the report's quantities.
        let id = if row.role == RowRole::Total {
            String::new()
        } else {
            row.id.clone()
        };
        let (names, bare) = row_names(row);
        for n in names {
            v.add(&n, Subject::Row(id.clone(), String::new()));
        }
        for n in bare {
            v.add_tight(&n, Subject::Row(id.clone(), String::new()));
        }
    }
    for n in pack.nodes.values() {
        let subject = match n.kind {
            NodeKind::Line { .. } => Subject::Line(n.id.clone()),
            _ => Subject::Node(n.id.clone()),
        };
        let names = match n.kind {
            NodeKind::Line { .. } => vec![n.name.clone()],
            _ => node_names(&n.name),
        };
        // A node or line named as a quantity ("预算执行率") is named by all
        // of that quantity's names ("项目资金预算执行率…，本项得分10分").
        let quantity = QUANTITY_NAMES
            .iter()
            .find(|(_, q)| names.iter().any(|n| q.contains(&n.as_str())));
        for name in &names {
            v.add(name, subject.clone());
        }
        if let Some((_, q)) = quantity {
            for name in *q {
                v.add(name, subject.clone());
            }
        }
    }
    for (key, names) in &pack.spec.synonyms {
        let subject = if let Some(id) = key.strip_prefix("node:") {
            Subject::Node(id.to_string())
        } else if let Some(id) = key.strip_prefix("line:") {
            Subject::Line(id.to_string())
        } else {
            Subject::Quantity(key.clone())
        };
        for n in names {
            v.add(n, subject.clone());
        }
    }
    for (_, g) in &pack.grades {
        v.add_grade(&g.name, &g.name);
        for a in &g.aliases {
            v.add_grade(a, &g.name);
        }
    }
    v
}

/// The nodes with exactly one line under them (the pack's fixed lines and
/// the report's), and that line.
fn sole_lines(pack: &Pack, report: &Report) -> std::collections::HashMap<String, String> {
    // Each line counts under its parent and every node above it (a 一级
    // node such as 满意度指标 whose one 二级 node has one line names it too).
    // Each node's first line and whether it has another (no list of ids
    // per node: this runs for every line of every report loaded).
    let mut lines: std::collections::HashMap<&str, (&String, bool)> = Default::default();
    for n in pack.nodes.values() {
        if let NodeKind::Line { .. } = &n.kind {
            count_under(pack, &mut lines, n.parent.as_ref(), &n.id);
        }
    }
    for (id, l) in &report.indicators {
        if !pack.nodes.contains_key(id) {
            count_under(pack, &mut lines, Some(&l.parent), id);
        }
    }
    lines
        .into_iter()
        .filter(|(_, (_, more))| !more)
        .map(|(node, (one, _))| (node.to_string(), one.clone()))
        .collect()
}

/// Count line `id` under `parent` and every node above it.
fn count_under<'a>(
    pack: &'a Pack,
    lines: &mut std::collections::HashMap<&'a str, (&'a String, bool)>,
    parent: Option<&'a String>,
    id: &'a String,
) {
    let mut at = parent;
    // (The pack checker refuses cycles; the depth bounds it anyway.)
    for _ in 0..pack.nodes.len().saturating_add(1) {
        let Some(p) = at else { break };
        lines
            .entry(p.as_str())
            .and_modify(|(_, more)| *more = true)
            .or_insert((id, false));
        at = pack.nodes.get(p).and_then(|n| n.parent.as_ref());
    }
}

/// Each node's and line's parent node: the pack's tree and the lines the
/// report adds under its open nodes; "" for the table itself (the parent
/// of a 一级 node, or of a line at the top such as 预算执行率).
fn parents(pack: &Pack, report: &Report) -> std::collections::HashMap<String, String> {
    let mut out: std::collections::HashMap<String, String> = pack
        .nodes
        .values()
        .map(|n| (n.id.clone(), n.parent.clone().unwrap_or_default()))
        .collect();
    for (id, l) in &report.indicators {
        out.entry(id.clone()).or_insert_with(|| l.parent.clone());
    }
    out
}

/// The vocabulary for a report as it stands (names read from the report
/// itself rather than from the engine's keys).
pub fn vocabulary(pack: &Pack, report: &Report) -> Vocabulary {
    let mut v = pack_vocabulary(pack);
    v.set_sole_lines(sole_lines(pack, report));
    v.set_parents(parents(pack, report));
    let first = v.len();
    for (id, line) in &report.indicators {
        v.add(line.name.as_str(), Subject::Line(id.clone()));
    }
    for (id, bd) in &report.breakdowns {
        for (i, item) in bd.items.iter().enumerate() {
            v.add(item.name.as_str(), Subject::Item(id.clone(), i));
        }
    }
    for (i, l) in report.per_capita.levels.iter().enumerate() {
        v.add(l.name.as_str(), Subject::Level(i));
    }
    for (i, l) in report.expenses.lines.iter().enumerate() {
        v.add(l.name.as_str(), Subject::Expense(i));
    }
    v.finish_from(first);
    v
}

/// Keys of the names the report types (lines, breakdown items, levels).
struct Names {
    lines: Vec<(String, K)>,
    items: Vec<(String, usize, K)>,
    levels: Vec<(usize, K)>,
    expenses: Vec<(usize, K)>,
}

pub(super) fn units(rx: &Rx, report: &Report, b: &mut Builder) {
    let pack = rx.pack.clone();
    let year_key = b.parsed_key("/basic/year");
    let figures = Arc::new(Figures::declare(rx, report, b));
    if report.narrative.is_empty() {
        return;
    }
    // Which nodes have one line follows from the report's shape, fixed for
    // the life of this graph (adding a line builds it anew).
    let base_vocab = {
        let mut v = pack_vocabulary(&pack);
        v.set_sole_lines(sole_lines(&pack, report));
        v.set_parents(parents(&pack, report));
        Arc::new(v)
    };
    let names = Names {
        lines: report
            .indicators
            .keys()
            .map(|id| {
                (
                    id.clone(),
                    b.key_at(&["/indicators/", &escape(id), "/name"]),
                )
            })
            .collect(),
        items: report
            .breakdowns
            .iter()
            .flat_map(|(id, bd)| (0..bd.items.len()).map(move |i| (id.clone(), i)))
            .map(|(id, i)| {
                let k = b.input(&format!("/breakdowns/{}/items/{i}/name", escape(&id)));
                (id, i, k)
            })
            .collect(),
        levels: (0..report.per_capita.levels.len())
            .map(|i| (i, b.input(&format!("/perCapita/levels/{i}/name"))))
            .collect(),
        expenses: (0..report.expenses.lines.len())
            .map(|i| (i, b.input(&format!("/expenses/lines/{i}/name"))))
            .collect(),
    };
    // One unit builds the vocabulary (the pack's names and every name the
    // report types) when a name changes; each text field's reader uses it,
    // so a keystroke in the prose costs a scan of that text only.
    let vocab_key = b.key("~narrative/vocabulary");
    // Every name the report types, with what it names.
    let mut slots: Vec<(K, Subject)> = Vec::new();
    slots.extend(
        names
            .lines
            .iter()
            .map(|(id, k)| (*k, Subject::Line(id.clone()))),
    );
    slots.extend(
        names
            .items
            .iter()
            .map(|(id, i, k)| (*k, Subject::Item(id.clone(), *i))),
    );
    slots.extend(names.levels.iter().map(|(i, k)| (*k, Subject::Level(*i))));
    slots.extend(
        names
            .expenses
            .iter()
            .map(|(i, k)| (*k, Subject::Expense(*i))),
    );
    let reads: Vec<K> = slots.iter().map(|(k, _)| *k).collect();
    // The build before and the names it was made from: an edit of a few
    // names updates it in place of building anew, and tells the readers
    // which names changed.
    let last: RefCell<Option<Built>> = RefCell::default();
    // Each slot by its key, to find the names an edit changed without
    // comparing all 50,000.
    let mut by_key: Vec<(K, usize)> = slots
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (*k, i))
        .collect();
    by_key.sort_unstable();
    b.unit(reads, vec![vocab_key], move |cx| {
        let mut last = last.try_borrow_mut().ok();
        if let Some(Some(built)) = last.as_deref_mut() {
            if built.names.len() == slots.len() {
                // The names to compare: those of the keys this edit
                // changed (one, when a name is typed), else all.
                let look: Vec<usize> = match cx.changed() {
                    Some(keys) if keys.len() < slots.len() => keys
                        .iter()
                        .filter_map(|k| {
                            let i = by_key.binary_search_by_key(k, |(k, _)| *k).ok()?;
                            by_key.get(i).map(|(_, slot)| *slot)
                        })
                        .collect(),
                    _ => (0..slots.len()).collect(),
                };
                let mut v = (*built.vocab).clone();
                let mut changed = Vec::new();
                for i in look {
                    let (Some((k, subject)), Some(slot)) = (slots.get(i), built.names.get_mut(i))
                    else {
                        continue;
                    };
                    let name = cx.text(*k);
                    if slot.as_deref() != name {
                        changed.extend(v.replace(subject, name, Some(&base_vocab)));
                        *slot = name.map(str::to_string);
                    }
                }
                v.generation = built.vocab.generation.saturating_add(1);
                crate::sort::sort(&mut changed);
                changed.dedup();
                v.changed = Some(changed);
                built.vocab = Arc::new(v);
                return Out {
                    vals: vec![Val::Vocabulary(built.vocab.clone())],
                    findings: vec![],
                    ..Default::default()
                };
            }
        }
        let now: Vec<Option<&str>> = slots.iter().map(|(k, _)| cx.text(*k)).collect();
        let mut v = (*base_vocab).clone();
        let first = v.len();
        for ((_, subject), name) in slots.iter().zip(&now) {
            if let Some(n) = name {
                v.add(n, subject.clone());
            }
        }
        v.finish_from(first);
        let vocab = Arc::new(v);
        if let Some(slot) = last.as_deref_mut() {
            *slot = Some(Built {
                names: now.iter().map(|n| n.map(str::to_string)).collect(),
                vocab: vocab.clone(),
            });
        }
        Out {
            vals: vec![Val::Vocabulary(vocab)],
            findings: vec![],
            ..Default::default()
        }
    });
    // Every figure a statement may be compared with: each text's judge
    // reads them all (which ones its statements name changes with the
    // text), as one group listed once.
    let figure_keys = b.group(figures.keys());
    for key in report.narrative.keys() {
        let path = format!("/narrative/{}", escape(key));
        let text_key = b.input(&path);
        let read_key = b.key(&format!("~statements{path}"));
        let (rx3, path3) = (rx.clone(), path.clone());
        // What this text was last read as, and with which vocabulary: a
        // name edit that this text does not mention keeps its statements.
        let read: RefCell<Option<Read>> = RefCell::default();
        b.unit(
            vec![text_key, year_key, vocab_key],
            vec![read_key],
            move |cx| {
                let text = cx.text(text_key).unwrap_or("");
                let Val::Vocabulary(v) = cx.get(vocab_key) else {
                    return Out {
                        vals: vec![Val::None],
                        findings: vec![],
                        ..Default::default()
                    };
                };
                let year = cx.text(year_key).and_then(|y| y.parse().ok());
                let mut last = read.try_borrow_mut().ok();
                if let Some(Some(r)) = last.as_deref_mut() {
                    // The same text and year, and no name it mentions changed
                    // (the folded text is of `r.text`: compared first).
                    let unchanged = r.year == year
                        && r.text == text
                        && v.generation == r.generation.saturating_add(1)
                        && v.changed
                            .as_ref()
                            .is_some_and(|names| !Vocabulary::mentions_any(&r.folded, names));
                    if unchanged {
                        r.generation = v.generation;
                        // Same statements, same findings: nothing to copy.
                        return Out {
                            vals: r.out.vals.clone(),
                            same_findings: true,
                            ..Default::default()
                        };
                    }
                }
                // Text over the length limit is flagged TEXT_TOO_LONG (fields
                // rule) and not read (a text read before was within it).
                let too_long = text.len() > super::fields::MAX_TEXT_CHARS.saturating_mul(4)
                    || text.chars().count() > super::fields::MAX_TEXT_CHARS;
                if too_long || text.trim().is_empty() {
                    return Out {
                        vals: vec![Val::None],
                        findings: vec![],
                        ..Default::default()
                    };
                }
                let generation = v.generation;
                let mut statements = narrative::recognise_at_most(text, v, year, MAX_STATEMENTS);
                // Bounded by design: a figure edit re-compares every
                // statement of every text, and each may become a finding;
                // reading stops once there are more than that.
                let mut findings = vec![];
                if statements.len() > MAX_STATEMENTS {
                    findings.push(
                        rx3.finding(
                            Code::NarrativeTooMany,
                            &[&path3],
                            Args::default()
                                .actual(format!("超过 {MAX_STATEMENTS} 处"))
                                .expected(MAX_STATEMENTS.to_string()),
                        ),
                    );
                    statements.truncate(MAX_STATEMENTS);
                }
                let out = Out {
                    vals: vec![Val::Statements(Arc::new(statements))],
                    findings,
                    ..Default::default()
                };
                if let Some(slot) = last.as_deref_mut() {
                    *slot = Some(Read {
                        text: text.to_string(),
                        // Folded now, not on the first name edit that asks:
                        // that edit would fold every text at once (65 texts
                        // of 20,000 characters: 10 ms), a keystroke here
                        // folds one (0.2 ms).
                        folded: Vocabulary::fold(text),
                        year,
                        generation,
                        out: out.clone(),
                    });
                }
                out
            },
        );
        let (rx2, figs) = (rx.clone(), figures.clone());
        // What each statement was last compared with, and the outcome: a
        // figure edit re-runs this unit, but only statements whose figure
        // changed are judged (and their messages written) again.
        let cache: RefCell<Cache> = RefCell::default();
        b.unit_with_group([read_key], figure_keys, [], move |cx| {
            let Val::Statements(statements) = cx.get(read_key) else {
                return Out::default();
            };
            let mut fresh = Cache {
                statements: Some(statements.clone()),
                outcomes: Vec::with_capacity(statements.len()),
            };
            let old = cache
                .try_borrow_mut()
                .ok()
                .map(|mut c| std::mem::take(&mut *c));
            let old = old.filter(|c| {
                c.statements
                    .as_ref()
                    .is_some_and(|s| Arc::ptr_eq(s, statements))
            });
            let mut out = Out::default();
            // The old outcomes are this unit's own: moved, not copied.
            let mut all_reused = old.is_some();
            let mut old = old.map(|c| c.outcomes.into_iter());
            for s in statements.iter() {
                let located = locate(&rx2, cx, &figs, s);
                let reused = old
                    .as_mut()
                    .and_then(|o| o.next())
                    .filter(|(against, _)| *against == located)
                    .map(|(_, v)| v);
                all_reused &= reused.is_some();
                let verdict = match reused {
                    Some(v) => v,
                    None if located.as_ref().is_some_and(|l| contradicts(&rx2, s, l)) => {
                        Verdict::Contradicts(None)
                    }
                    None => Verdict::Agrees,
                };
                fresh.outcomes.push((located, verdict));
            }
            if all_reused {
                // Every statement judged as before: the findings stand.
                out.same_findings = true;
            } else {
                // The first contradictions listed, their messages written
                // now where not yet.
                let mut all = 0usize;
                for (s, (located, verdict)) in statements.iter().zip(fresh.outcomes.iter_mut()) {
                    let Verdict::Contradicts(finding) = verdict else {
                        continue;
                    };
                    all = all.saturating_add(1);
                    if all > MAX_MISMATCHES {
                        continue;
                    }
                    if finding.is_none() {
                        *finding = located
                            .clone()
                            .map(|l| Box::new(mismatch(&rx2, s, l, &path)));
                    }
                    out.findings.extend(finding.as_deref().cloned());
                }
                if all > MAX_MISMATCHES {
                    out.findings.push(
                        rx2.finding(
                            Code::NarrativeMoreMismatches,
                            &[&path],
                            Args::default()
                                .actual(all.to_string())
                                .expected(MAX_MISMATCHES.to_string()),
                        ),
                    );
                }
            }
            if let Ok(mut c) = cache.try_borrow_mut() {
                *c = fresh;
            }
            out
        });
    }
}

/// Where each subject's figure is.
struct Figures {
    quantity: Vec<(String, Vec<KeyPath>)>,
    /// Node id, score and rate keys, and their paths.
    nodes: Vec<NodeFigures>,
    lines: Vec<LineFigures>,
    items: Vec<(String, usize, K, Arc<str>)>,
    levels: Vec<(usize, K, Arc<str>)>,
    expenses: Vec<(usize, K, Arc<str>)>,
    /// Funds cells by row and column id: typed cells, and each row's
    /// computed 结余 where the table has no 结余 column.
    cells: FxMap<(String, String), KeyPath>,
    /// Where each line and item is in `lines` and `items` (a statement is
    /// placed in constant time, however many rows the report has).
    line_at: FxMap<String, usize>,
    item_at: FxMap<(String, usize), usize>,
    /// Unit of the funds table as built, and the key holding it as chosen
    /// now (see [`Figures::funds_unit`]).
    funds_unit: Unit,
    funds_unit_key: K,
}

/// A figure's key and its path (shared, made once).
type KeyPath = (K, Arc<str>);

/// A node's id, its score and rate keys, and their paths.
type NodeFigures = (String, K, K, Arc<str>, Arc<str>);

/// A line's computed score and completion and its typed actual: keys and
/// paths (made once; statements share them).
struct LineFigures {
    id: String,
    score: K,
    rate: K,
    actual: K,
    score_path: Arc<str>,
    rate_path: Arc<str>,
    actual_path: Arc<str>,
}

impl Figures {
    fn declare(rx: &Rx, report: &Report, b: &mut Builder) -> Figures {
        let pack = &rx.pack;
        let total_row = pack.total_row().unwrap_or("total").to_string();
        let mut quantity = Vec::new();
        let mut q = |name: &str, paths: Vec<String>| {
            // A computed figure the pack does not compute (no 到位 column,
            // no 结余) is not read: there is nothing to compare with.
            let keys = paths
                .into_iter()
                .filter_map(|p| {
                    let k = if p.starts_with("/computed/") {
                        b.declared(&p)?
                    } else {
                        b.parsed_key(&p)
                    };
                    Some((k, Arc::from(p)))
                })
                .collect();
            quantity.push((name.to_string(), keys));
        };
        for r in ["budgetExecution", "fundsArrival", "balanceRate"] {
            q(r, vec![format!("/computed/rates/{r}")]);
        }
        for c in ["planned", "budget", "received", "spent"] {
            q(c, vec![format!("/computed/funds/total/{c}")]);
        }
        q(
            "balance",
            vec![format!("/computed/funds/balance/{}", escape(&total_row))],
        );
        q(
            "persons",
            vec![
                "/breakdowns/insured/total".into(),
                "/breakdowns/insuredByScheme/total".into(),
                "/perCapita/persons".into(),
            ],
        );
        q("totalScore", vec!["/computed/total/score".into()]);
        q("grade", vec!["/computed/total/grade".into()]);
        q("perCapitaStandard", vec!["/perCapita/standard".into()]);
        let nodes = pack
            .nodes
            .values()
            .filter(|n| !matches!(n.kind, NodeKind::Line { .. }))
            .map(|n| {
                let id = escape(&n.id);
                let score = format!("/computed/tree/{id}/score");
                let rate = format!("/computed/tree/{id}/rate");
                (
                    n.id.clone(),
                    b.key(&score),
                    b.key(&rate),
                    Arc::from(score),
                    Arc::from(rate),
                )
            })
            .collect();
        let lines: Vec<LineFigures> = report
            .indicators
            .keys()
            .map(|id| {
                let score_path = super::indicators::score_key(id);
                let rate_path = super::indicators::completion_key(id);
                let actual_path = format!("/indicators/{}/actual", escape(id));
                LineFigures {
                    id: id.clone(),
                    score: b.key(&score_path),
                    rate: b.key(&rate_path),
                    actual: b.parsed_key(&actual_path),
                    score_path: Arc::from(score_path),
                    rate_path: Arc::from(rate_path),
                    actual_path: Arc::from(actual_path),
                }
            })
            .collect();
        let items: Vec<(String, usize, K, Arc<str>)> = report
            .breakdowns
            .iter()
            .flat_map(|(id, bd)| (0..bd.items.len()).map(move |i| (id.clone(), i)))
            .map(|(id, i)| {
                let p = format!("/breakdowns/{}/items/{i}/value", escape(&id));
                (id, i, b.parsed_key(&p), Arc::from(p))
            })
            .collect();
        let levels = (0..report.per_capita.levels.len())
            .map(|i| {
                let p = format!("/perCapita/levels/{i}/standard");
                (i, b.parsed_key(&p), Arc::from(p))
            })
            .collect();
        let expenses = (0..report.expenses.lines.len())
            .map(|i| {
                let p = format!("/expenses/lines/{i}/amount");
                (i, b.parsed_key(&p), Arc::from(p))
            })
            .collect();
        let mut cells: FxMap<(String, String), KeyPath> = FxMap::default();
        for r in &pack.spec.funds.rows {
            for c in &pack.spec.funds.columns {
                let p = super::funds::cell(&r.id, c.id);
                cells.insert(
                    (r.id.clone(), c.id.id().to_string()),
                    (b.parsed_key(&p), Arc::from(p)),
                );
            }
            if !pack.has_column(Column::Balance)
                && pack.has_column(Column::Received)
                && pack.has_column(Column::Spent)
            {
                let p = format!("/computed/funds/balance/{}", escape(&r.id));
                cells.insert(
                    (r.id.clone(), "balance".to_string()),
                    (b.key(&p), Arc::from(p)),
                );
            }
        }
        let funds_unit = super::fields::table_unit(
            report.funds.unit.as_str(),
            &pack.spec.funds.unit,
            &["万元", "元"],
        );
        let line_at = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.clone(), i))
            .collect();
        let item_at = items
            .iter()
            .enumerate()
            .map(|(at, (id, i, ..))| ((id.clone(), *i), at))
            .collect();
        Figures {
            quantity,
            nodes,
            lines,
            items,
            levels,
            expenses,
            cells,
            line_at,
            item_at,
            funds_unit,
            funds_unit_key: b.parsed_key("/funds/unit"),
        }
    }

    /// The funds table's unit as chosen now.
    fn funds_unit(&self, cx: &Ctx) -> Unit {
        super::unit_at(cx, self.funds_unit_key, &self.funds_unit)
    }

    fn keys(&self) -> Vec<K> {
        let mut v: Vec<K> = self
            .quantity
            .iter()
            .flat_map(|(_, ks)| ks.iter().map(|(k, _)| *k))
            .collect();
        v.extend(self.nodes.iter().flat_map(|(_, a, b, ..)| [*a, *b]));
        v.extend(self.lines.iter().flat_map(|l| [l.score, l.rate, l.actual]));
        v.extend(self.items.iter().map(|(_, _, k, _)| *k));
        v.extend(self.levels.iter().map(|(_, k, _)| *k));
        v.extend(self.expenses.iter().map(|(_, k, _)| *k));
        v.extend(self.cells.values().map(|(k, _)| *k));
        v.push(self.funds_unit_key);
        v
    }
}

/// The report's vocabulary as last built, and the names it was built from.
struct Built {
    names: Vec<Option<String>>,
    vocab: Arc<Vocabulary>,
}

/// What a text field was last read as: the text, the year and the
/// vocabulary build it was read with, and the unit's output.
struct Read {
    text: String,
    /// `text` folded as the recogniser reads it (to tell whether a name
    /// edit concerns it).
    folded: String,
    year: Option<u32>,
    generation: u64,
    out: Out,
}

/// The statements a compare unit last judged, each with the figure it
/// was compared with and the outcome.
#[derive(Default)]
struct Cache {
    statements: Option<Arc<Vec<Statement>>>,
    outcomes: Vec<(Option<Located>, Verdict)>,
}

/// A statement against its figure: agreeing, or not — with its finding
/// once written. Only the first [`MAX_MISMATCHES`] of a text are listed,
/// so only theirs are written (a figure that 50 sentences of each of 65
/// texts state wrongly would otherwise write 3,250 messages per edit).
#[derive(Clone)]
enum Verdict {
    Agrees,
    Contradicts(Option<Box<crate::finding::Finding>>),
}

/// The figure a statement is compared with, its path and its description.
type Located = (Against, Arc<str>, &'static str);

/// How a stated figure relates to the figure it names.
#[derive(Debug, Clone, PartialEq)]
enum Against {
    /// An exact computed value (rates, scores): the statement must round to it.
    Exact(rust_decimal::Decimal, u32, &'static str),
    /// The 结余率 by the pack's definition (结余 ÷ 实际到位), and its values by
    /// the other definitions reports use: a statement that rounds to one
    /// of them used that definition and is not a contradiction.
    BalanceRate(rust_decimal::Decimal, u32, Vec<rust_decimal::Decimal>),
    /// A typed or summed figure with its precision, in `unit`.
    Figure(Fig, Unit),
    Grade(String),
}

/// Whether a stated figure of `stated` unit can be compared with a table
/// figure of `table` unit: the same dimension, or a table figure with no
/// unit.
fn comparable(stated: &Unit, table: &Unit) -> bool {
    use crate::parse::Dim;
    match (stated.dim(), table.dim()) {
        (_, Dim::Bare) if *table == Unit::None => true,
        (Dim::Bare, Dim::Money | Dim::Persons | Dim::PersonTimes) => *stated == Unit::Wan,
        // "人均补助610元": read as 元/人 after a per-capita name.
        (Dim::Money, Dim::PerCapita) => *stated == Unit::Yuan,
        (a, b) => a == b,
    }
}

/// The finding for statement `s` of the text at `path` against the figure
/// it names, if they disagree.
/// Whether statement `s` contradicts the figure it names.
fn contradicts(rx: &Rx, s: &Statement, (against, ..): &Located) -> bool {
    let ok = match (against, &s.value) {
        (Against::Grade(g), Stated::Grade(w)) => {
            rx.pack.grade_named(w).is_some_and(|x| &x.name == g)
        }
        (Against::Exact(v, _, unit), Stated::Figure(q)) => {
            if *unit == "分" {
                rx.score_equal(q, *v)
            } else {
                calc::stated_matches(q, *v)
            }
        }
        (Against::BalanceRate(v, _, others), Stated::Figure(q)) => {
            calc::stated_matches(q, *v) || others.iter().any(|o| calc::stated_matches(q, *o))
        }
        (Against::Figure(table, unit), Stated::Figure(q)) => {
            // Figures of different dimensions are never compared ("资金到位率
            // 0.00万元" against the line's 99.5%): not a contradiction, a
            // figure about something else. A table figure typed without a
            // unit takes the statement's.
            // A formula's bare operand ("=1208.75/1208.75×100%") is in a
            // money unit the text does not say: it agrees when it does in
            // any of them.
            if q.unit == Unit::None && unit.dim() == crate::parse::Dim::Money {
                return ![Unit::Yuan, Unit::WanYuan, Unit::YiYuan]
                    .into_iter()
                    .any(|u| {
                        let q = crate::parse::Quantity {
                            unit: u,
                            ..q.clone()
                        };
                        q.convert(unit).is_some_and(|c| {
                            calc::agree(&Fig::of(&c), table, rx.pack.spec.figures)
                                != calc::Agreement::Disagree
                        })
                    });
            }
            if !comparable(&q.unit, unit) {
                return false;
            }
            let Some(converted) = q.convert(unit) else {
                return false;
            };
            calc::agree(&Fig::of(&converted), table, rx.pack.spec.figures)
                != calc::Agreement::Disagree
        }
        _ => true,
    };
    !ok
}

/// The finding for statement `s`, which [`contradicts`] its figure.
fn mismatch(rx: &Rx, s: &Statement, located: Located, path: &str) -> crate::finding::Finding {
    let (against, table_path, what) = located;
    let (name, mut stated) = (s.name.clone(), s.words.clone());
    // A bare number read in a unit the text gave elsewhere ("（万元）：…166.96",
    // "得分10"): the unit it was read in follows it.
    if let crate::narrative::Stated::Figure(q) = &s.value {
        if stated.ends_with(|c: char| c.is_ascii_digit() || c.is_numeric()) {
            match (&q.unit, &against) {
                // A formula's bare operand, read in the table's unit.
                (Unit::None, Against::Figure(_, unit)) => stated.push_str(unit.text()),
                (unit, _) => stated.push_str(unit.text()),
            }
        }
    }
    let expected = match &against {
        Against::Exact(v, dp, unit) => format!("{}{unit}", calc::show(*v, *dp)),
        Against::BalanceRate(v, dp, _) => format!("{}%", calc::show(*v, *dp)),
        Against::Figure(f, unit) => format!("{}{}", f.value.normalize(), unit.text()),
        Against::Grade(g) => format!("“{g}”"),
    };
    let mut f = rx.finding(
        Code::NarrativeMismatch,
        &[path, &table_path],
        Args::field(name)
            .expected(expected.clone())
            .actual(stated)
            .detail(what)
            .hint(
                format!("请核对文字或表内数值（表内为 {expected}）"),
                format!("check the text or the figures (the figures give {expected})"),
            ),
    );
    f.span = Some(Span {
        start: s.start,
        end: s.end,
    });
    f
}

/// The 结余率 by the definitions reports use other than the pack's (结余 ÷
/// 实际到位): 结余 ÷ 全年预算数, 结余 ÷ 年初预算数, and (全年预算数 − 支出) ÷ 全年预算数.
fn balance_rates(cx: &Ctx, figs: &Figures) -> Vec<rust_decimal::Decimal> {
    let total = |name: &str| {
        figs.quantity
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, keys)| keys.first())
            .and_then(|(k, _)| cx.num(*k))
    };
    let (received, spent) = (total("received"), total("spent"));
    let balance = received.zip(spent).and_then(|(r, s)| r.checked_sub(s));
    let mut out = Vec::new();
    for base in [total("budget"), total("planned")].into_iter().flatten() {
        if let Some(r) = balance.and_then(|b| calc::percent(b, base)) {
            out.push(r);
        }
    }
    if let Some(r) = total("budget")
        .zip(spent)
        .and_then(|(b, s)| calc::percent(b.checked_sub(s)?, b))
    {
        out.push(r);
    }
    out
}

/// A computed figure a statement must round to.
fn exact(
    cx: &Ctx,
    k: K,
    dp: u32,
    unit: &'static str,
    path: &Arc<str>,
    what: &'static str,
) -> Option<Located> {
    Some((Against::Exact(cx.num(k)?, dp, unit), path.clone(), what))
}

/// A typed figure (an actual, a category, a level, an expense line), with the
/// precision it was typed with.
fn typed(cx: &Ctx, k: K, path: &Arc<str>, what: &'static str) -> Option<Located> {
    let q = cx.quantity(k)?;
    Some((
        Against::Figure(Fig::of(q), q.unit.clone()),
        path.clone(),
        what,
    ))
}

/// The figure a statement names, its path and what to call it.
fn locate(rx: &Rx, cx: &Ctx, figs: &Figures, s: &Statement) -> Option<Located> {
    let sdp = rx.score_dp();
    let rdp = rx.rate_dp();
    match (&s.subject, s.attr) {
        (Subject::Quantity(q), _) => {
            let (_, keys) = figs.quantity.iter().find(|(n, _)| n == q)?;
            for (k, p) in keys {
                let against = match q.as_str() {
                    "grade" => cx.text(*k).map(|g| Against::Grade(g.to_string())),
                    "totalScore" => cx.num(*k).map(|v| Against::Exact(v, sdp, "分")),
                    "balanceRate" => cx
                        .num(*k)
                        .map(|v| Against::BalanceRate(v, rdp, balance_rates(cx, figs))),
                    "budgetExecution" | "fundsArrival" => {
                        cx.num(*k).map(|v| Against::Exact(v, rdp, "%"))
                    }
                    "planned" | "budget" | "received" | "spent" | "balance" => {
                        cx.fig(*k).map(|f| Against::Figure(f, figs.funds_unit(cx)))
                    }
                    _ => cx
                        .quantity(*k)
                        .map(|q| Against::Figure(Fig::of(q), q.unit.clone())),
                };
                if let Some(a) = against {
                    let what = if q == "balanceRate" {
                        "表内按“结余 ÷ 实际到位”计算的结余率"
                    } else if p.starts_with("/computed/") {
                        "表内计算值"
                    } else {
                        "表内填报值"
                    };
                    return Some((a, p.clone(), what));
                }
            }
            None
        }
        (Subject::Node(id), attr) => {
            let (_, score, rate, score_path, rate_path) =
                figs.nodes.iter().find(|(n, ..)| n == id)?;
            match attr {
                Attr::Score => exact(cx, *score, sdp, "分", score_path, "表内计算得分"),
                Attr::Rate => exact(cx, *rate, rdp, "%", rate_path, "表内计算得分率"),
                _ => None,
            }
        }
        (Subject::Line(id), attr) => {
            let l = figs.lines.get(*figs.line_at.get(id)?)?;
            match attr {
                Attr::Score => exact(cx, l.score, sdp, "分", &l.score_path, "表内计算得分"),
                Attr::Completion => exact(cx, l.rate, rdp, "%", &l.rate_path, "表内计算完成率"),
                Attr::Actual | Attr::Value => typed(cx, l.actual, &l.actual_path, "表内实际完成值"),
                Attr::Rate => None,
            }
        }
        (Subject::Item(id, i), _) => {
            let at = *figs.item_at.get(&(id.clone(), *i))?;
            let (_, _, k, p) = figs.items.get(at)?;
            typed(cx, *k, p, "表内填报值")
        }
        (Subject::Expense(i), _) => {
            let (_, k, p) = figs.expenses.get(*i).filter(|(j, _, _)| j == i)?;
            typed(cx, *k, p, "支出明细填报值")
        }
        (Subject::Level(i), _) => {
            let (_, k, p) = figs.levels.get(*i).filter(|(j, _, _)| j == i)?;
            typed(cx, *k, p, "表内填报值")
        }
        (Subject::Row(r, c), _) => {
            let (k, p) = figs.cells.get(&(r.clone(), c.clone()))?;
            // A typed cell in the unit it was typed in; a computed 结余 in
            // the table's unit.
            let unit = figs.funds_unit(cx);
            let fig = match cx.quantity(*k) {
                Some(q) => Fig::of(&q.convert(&unit)?),
                None => cx.fig(*k)?,
            };
            let what = if p.starts_with("/computed/") {
                "资金表计算值"
            } else {
                "资金表填报值"
            };
            Some((Against::Figure(fig, unit), p.clone(), what))
        }
    }
}
