//! Rule 12: statements in the narrative agree with the figures.
//!
//! Two units per text field: one reads the statements (re-run when the text
//! or a name changes), one compares them with the figures (re-run when a
//! figure changes), so typing a figure never re-reads the prose.

use std::sync::Arc;

use super::Rx;
use crate::calc::{self, Fig};
use crate::codes::Code;
use crate::engine::{Builder, Ctx, Out, Val, K};
use crate::finding::{Args, Span};
use crate::model::report::escape;
use crate::model::Report;
use crate::narrative::{self, Attr, Stated, Statement, Subject, Vocabulary, QUANTITY_NAMES};
use crate::pack::{NodeKind, Pack};
use crate::parse::Unit;

/// Names of a pack node as staff write them: "决策" ↔ "项目决策", "产出指标" → "产出".
fn node_names(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let base = name.strip_suffix("指标").unwrap_or(name);
    out.push(base.to_string());
    match base.strip_prefix("项目") {
        Some(rest) => out.push(rest.to_string()),
        None => out.push(format!("项目{base}")),
    }
    out
}

/// The fixed vocabulary of a pack: quantities, nodes, fixed lines, grades.
fn pack_vocabulary(pack: &Pack) -> Vocabulary {
    let mut v = Vocabulary::new();
    for (key, names) in QUANTITY_NAMES {
        for n in *names {
            v.add(n, Subject::Quantity((*key).to_string()));
        }
    }
    for n in pack.nodes.values() {
        match n.kind {
            NodeKind::Line { .. } => v.add(&n.name, Subject::Line(n.id.clone())),
            _ => {
                for name in node_names(&n.name) {
                    v.add(&name, Subject::Node(n.id.clone()));
                }
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
        v.add_grade(&g.name);
        for a in &g.aliases {
            v.add_grade(a);
        }
    }
    v
}

/// The vocabulary for a report as it stands (names read from the report
/// itself rather than from the engine's keys).
pub fn vocabulary(pack: &Pack, report: &Report) -> Vocabulary {
    let mut v = pack_vocabulary(pack);
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
    v.finish();
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
    let base_vocab = Arc::new(pack_vocabulary(&pack));
    let names = Names {
        lines: report
            .indicators
            .keys()
            .map(|id| {
                (
                    id.clone(),
                    b.input(&format!("/indicators/{}/name", escape(id))),
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
    let year_key = b.parsed_key("/basic/year");
    let figures = Arc::new(Figures::declare(rx, report, b));
    if report.narrative.is_empty() {
        return;
    }
    // One unit builds the vocabulary (the pack's names and every name the
    // report types) when a name changes; each text field's reader uses it,
    // so a keystroke in the prose costs a scan of that text only.
    let vocab_key = b.key("~narrative/vocabulary");
    let mut reads = Vec::new();
    reads.extend(names.lines.iter().map(|(_, k)| *k));
    reads.extend(names.items.iter().map(|(_, _, k)| *k));
    reads.extend(names.levels.iter().map(|(_, k)| *k));
    reads.extend(names.expenses.iter().map(|(_, k)| *k));
    b.unit(reads, vec![vocab_key], move |cx| {
        let mut v = (*base_vocab).clone();
        for (id, k) in &names.lines {
            if let Some(n) = cx.text(*k) {
                v.add(n, Subject::Line(id.clone()));
            }
        }
        for (id, i, k) in &names.items {
            if let Some(n) = cx.text(*k) {
                v.add(n, Subject::Item(id.clone(), *i));
            }
        }
        for (i, k) in &names.levels {
            if let Some(n) = cx.text(*k) {
                v.add(n, Subject::Level(*i));
            }
        }
        for (i, k) in &names.expenses {
            if let Some(n) = cx.text(*k) {
                v.add(n, Subject::Expense(*i));
            }
        }
        v.finish();
        Out {
            vals: vec![Val::Vocabulary(Arc::new(v))],
            findings: vec![],
        }
    });
    for key in report.narrative.keys() {
        let path = format!("/narrative/{}", escape(key));
        let text_key = b.input(&path);
        let read_key = b.key(&format!("~statements{path}"));
        b.unit(
            vec![text_key, year_key, vocab_key],
            vec![read_key],
            move |cx| {
                let text = cx.text(text_key).unwrap_or("");
                // Text over the length limit is flagged TEXT_TOO_LONG (fields
                // rule) and not read: bytes bound chars, so no count is needed.
                let too_long = text.len() > super::fields::MAX_TEXT_CHARS.saturating_mul(4)
                    || text.chars().count() > super::fields::MAX_TEXT_CHARS;
                let Val::Vocabulary(v) = cx.get(vocab_key) else {
                    return Out {
                        vals: vec![Val::None],
                        findings: vec![],
                    };
                };
                if too_long || text.trim().is_empty() {
                    return Out {
                        vals: vec![Val::None],
                        findings: vec![],
                    };
                }
                let year = cx.text(year_key).and_then(|y| y.parse().ok());
                let statements = narrative::recognise(text, v, year);
                Out {
                    vals: vec![Val::Statements(Arc::new(statements))],
                    findings: vec![],
                }
            },
        );
        let mut reads = vec![read_key];
        reads.extend(figures.keys());
        let (rx2, figs) = (rx.clone(), figures.clone());
        b.unit(reads, vec![], move |cx| {
            let Val::Statements(statements) = cx.get(read_key) else {
                return Out::default();
            };
            let mut out = Out::default();
            for s in statements.iter() {
                if let Some(f) = compare(&rx2, cx, &figs, s, &path) {
                    out.findings.push(f);
                }
            }
            out
        });
    }
}

/// Where each subject's figure is.
struct Figures {
    quantity: Vec<(String, Vec<(K, String)>)>,
    nodes: Vec<(String, K, K)>,
    lines: Vec<(String, K, K, K)>,
    items: Vec<(String, usize, K, String)>,
    levels: Vec<(usize, K, String)>,
    expenses: Vec<(usize, K, String)>,
    /// Unit of the funds table.
    funds_unit: Unit,
}

impl Figures {
    fn declare(rx: &Rx, report: &Report, b: &mut Builder) -> Figures {
        let pack = &rx.pack;
        let total_row = pack.total_row().unwrap_or("total").to_string();
        let mut quantity = Vec::new();
        let mut q = |name: &str, paths: Vec<String>| {
            let keys = paths
                .into_iter()
                .map(|p| {
                    let k = if p.starts_with("/computed/") {
                        b.key(&p)
                    } else {
                        b.parsed_key(&p)
                    };
                    (k, p)
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
                (
                    n.id.clone(),
                    b.key(&format!("/computed/tree/{id}/score")),
                    b.key(&format!("/computed/tree/{id}/rate")),
                )
            })
            .collect();
        let lines = report
            .indicators
            .keys()
            .map(|id| {
                let e = escape(id);
                (
                    id.clone(),
                    b.key(&super::indicators::score_key(id)),
                    b.key(&super::indicators::completion_key(id)),
                    b.parsed_key(&format!("/indicators/{e}/actual")),
                )
            })
            .collect();
        let items = report
            .breakdowns
            .iter()
            .flat_map(|(id, bd)| (0..bd.items.len()).map(move |i| (id.clone(), i)))
            .map(|(id, i)| {
                let p = format!("/breakdowns/{}/items/{i}/value", escape(&id));
                (id, i, b.parsed_key(&p), p)
            })
            .collect();
        let levels = (0..report.per_capita.levels.len())
            .map(|i| {
                let p = format!("/perCapita/levels/{i}/standard");
                (i, b.parsed_key(&p), p)
            })
            .collect();
        let expenses = (0..report.expenses.lines.len())
            .map(|i| {
                let p = format!("/expenses/lines/{i}/amount");
                (i, b.parsed_key(&p), p)
            })
            .collect();
        let funds_unit = super::fields::table_unit(
            report.funds.unit.as_str(),
            &pack.spec.funds.unit,
            &["万元", "元"],
        );
        Figures {
            quantity,
            nodes,
            lines,
            items,
            levels,
            expenses,
            funds_unit,
        }
    }

    fn keys(&self) -> Vec<K> {
        let mut v: Vec<K> = self
            .quantity
            .iter()
            .flat_map(|(_, ks)| ks.iter().map(|(k, _)| *k))
            .collect();
        v.extend(self.nodes.iter().flat_map(|(_, a, b)| [*a, *b]));
        v.extend(self.lines.iter().flat_map(|(_, a, b, c)| [*a, *b, *c]));
        v.extend(self.items.iter().map(|(_, _, k, _)| *k));
        v.extend(self.levels.iter().map(|(_, k, _)| *k));
        v.extend(self.expenses.iter().map(|(_, k, _)| *k));
        v
    }
}

/// How a stated figure relates to the figure it names.
enum Against {
    /// An exact computed value (rates, scores): the statement must round to it.
    Exact(rust_decimal::Decimal, u32, &'static str),
    /// A typed or summed figure with its precision, in `unit`.
    Figure(Fig, Unit),
    Grade(String),
}

fn compare(
    rx: &Rx,
    cx: &Ctx,
    figs: &Figures,
    s: &Statement,
    path: &str,
) -> Option<crate::finding::Finding> {
    let (against, table_path, what) = locate(rx, cx, figs, s)?;
    let ok = match (&against, &s.value) {
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
        (Against::Figure(table, unit), Stated::Figure(q)) => {
            let converted = q.convert(unit)?;
            calc::agree(&Fig::of(&converted), table, rx.pack.spec.figures)
                != calc::Agreement::Disagree
        }
        _ => true,
    };
    if ok {
        return None;
    }
    let (name, stated) = (s.name.clone(), s.words.clone());
    let expected = match &against {
        Against::Exact(v, dp, unit) => format!("{}{unit}", calc::show(*v, *dp)),
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
    Some(f)
}

/// A computed figure a statement must round to.
fn exact(
    cx: &Ctx,
    k: K,
    dp: u32,
    unit: &'static str,
    path: String,
    what: &str,
) -> Option<(Against, String, String)> {
    Some((Against::Exact(cx.num(k)?, dp, unit), path, what.to_string()))
}

/// A typed figure (an actual, a category, a level, an expense line), with the
/// precision it was typed with.
fn typed(cx: &Ctx, k: K, path: String, what: &str) -> Option<(Against, String, String)> {
    let q = cx.quantity(k)?;
    Some((
        Against::Figure(Fig::of(q), q.unit.clone()),
        path,
        what.to_string(),
    ))
}

/// The figure a statement names, its path and what to call it.
fn locate(rx: &Rx, cx: &Ctx, figs: &Figures, s: &Statement) -> Option<(Against, String, String)> {
    let sdp = rx.score_dp();
    let rdp = rx.rate_dp();
    match (&s.subject, s.attr) {
        (Subject::Quantity(q), _) => {
            let (_, keys) = figs.quantity.iter().find(|(n, _)| n == q)?;
            for (k, p) in keys {
                let against = match q.as_str() {
                    "grade" => cx.text(*k).map(|g| Against::Grade(g.to_string())),
                    "totalScore" => cx.num(*k).map(|v| Against::Exact(v, sdp, "分")),
                    "budgetExecution" | "fundsArrival" | "balanceRate" => {
                        cx.num(*k).map(|v| Against::Exact(v, rdp, "%"))
                    }
                    "planned" | "budget" | "received" | "spent" | "balance" => cx
                        .fig(*k)
                        .map(|f| Against::Figure(f, figs.funds_unit.clone())),
                    _ => cx
                        .quantity(*k)
                        .map(|q| Against::Figure(Fig::of(q), q.unit.clone())),
                };
                if let Some(a) = against {
                    let what = if p.starts_with("/computed/") {
                        "表内计算值"
                    } else {
                        "表内填报值"
                    };
                    return Some((a, p.clone(), what.to_string()));
                }
            }
            None
        }
        (Subject::Node(id), attr) => {
            let (_, score, rate) = figs.nodes.iter().find(|(n, _, _)| n == id)?;
            let e = escape(id);
            match attr {
                Attr::Score => exact(
                    cx,
                    *score,
                    sdp,
                    "分",
                    format!("/computed/tree/{e}/score"),
                    "表内计算得分",
                ),
                Attr::Rate => exact(
                    cx,
                    *rate,
                    rdp,
                    "%",
                    format!("/computed/tree/{e}/rate"),
                    "表内计算得分率",
                ),
                _ => None,
            }
        }
        (Subject::Line(id), attr) => {
            let (_, score, rate, actual) = figs.lines.iter().find(|(n, ..)| n == id)?;
            let e = escape(id);
            match attr {
                Attr::Score => exact(
                    cx,
                    *score,
                    sdp,
                    "分",
                    super::indicators::score_key(id),
                    "表内计算得分",
                ),
                Attr::Completion => exact(
                    cx,
                    *rate,
                    rdp,
                    "%",
                    super::indicators::completion_key(id),
                    "表内计算完成率",
                ),
                Attr::Actual | Attr::Value => typed(
                    cx,
                    *actual,
                    format!("/indicators/{e}/actual"),
                    "表内实际完成值",
                ),
                Attr::Rate => None,
            }
        }
        (Subject::Item(id, i), _) => {
            let (_, _, k, p) = figs.items.iter().find(|(n, j, _, _)| n == id && j == i)?;
            typed(cx, *k, p.clone(), "表内填报值")
        }
        (Subject::Expense(i), _) => {
            let (_, k, p) = figs.expenses.iter().find(|(j, _, _)| j == i)?;
            typed(cx, *k, p.clone(), "支出明细填报值")
        }
        (Subject::Level(i), _) => {
            let (_, k, p) = figs.levels.iter().find(|(j, _, _)| j == i)?;
            typed(cx, *k, p.clone(), "表内填报值")
        }
    }
}
