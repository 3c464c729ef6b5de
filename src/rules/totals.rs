//! Sums up the tree: weights of added lines (rule 6), 一级/二级 scores and
//! 得分率, the total and grade, stated figures against them (rule 7), and
//! score running ahead of spending (rule 11).

use rust_decimal::Decimal;

use super::indicators::{score_key, score_parts, WEIGHT_KEY};
use super::Rx;
use crate::calc;
use crate::codes::Code;
use crate::finding::{Args, Finding};
use crate::graph::{Builder, Out, Val, K};
use crate::model::pack::{Method, RateSource, ScoreEntry};
use crate::model::report::{cat, escape};
use crate::model::Report;
use crate::pack::{NodeKind, Pack};

/// The key holding a node's score: a line's, or a branch's sum.
fn node_score_key(pack: &Pack, id: &str) -> String {
    match pack.node(id).map(|n| &n.kind) {
        Some(NodeKind::Line { .. }) => score_key(id),
        _ => format!("/computed/tree/{}/score", escape(id)),
    }
}

/// The report's lines by parent, read once per build (not once per node:
/// a 2,000-line report under 30 nodes made 60,000 comparisons of ids).
struct Lines<'a> {
    /// Each line in report order, with the index of its parent in `parents`.
    lines: Vec<(&'a String, usize)>,
    /// Each distinct parent, the nodes it stands under through chosen
    /// nodes (itself first), and its own lines in report order.
    parents: Vec<(&'a str, Vec<&'a str>, Vec<&'a String>)>,
}

impl<'a> Lines<'a> {
    fn new(pack: &'a Pack, report: &'a Report) -> Lines<'a> {
        // SipHash: parents are typed by whoever sent the report.
        let mut index: std::collections::HashMap<&str, usize> = Default::default();
        let mut parents: Vec<(&str, Vec<&str>, Vec<&String>)> = Vec::new();
        let mut lines = Vec::with_capacity(report.indicators.len());
        for (id, l) in &report.indicators {
            let p = *index.entry(l.parent.as_str()).or_insert_with(|| {
                parents.push((l.parent.as_str(), reach(pack, &l.parent), Vec::new()));
                parents.len().saturating_sub(1)
            });
            if let Some((_, _, own)) = parents.get_mut(p) {
                own.push(id);
            }
            lines.push((id, p));
        }
        Lines { lines, parents }
    }

    /// The lines whose parent is `node`.
    fn of(&self, node: &str) -> Vec<&'a String> {
        self.parents
            .iter()
            .find(|(p, _, _)| *p == node)
            .map(|(_, _, own)| own.clone())
            .unwrap_or_default()
    }

    /// The lines whose weights the chosen nodes `under` stand for: each
    /// line whose parent is one of them, or below one through chosen nodes
    /// only.
    fn chosen(&self, under: &[String]) -> Vec<&'a String> {
        let hit: Vec<bool> = self
            .parents
            .iter()
            .map(|(_, up, _)| up.iter().any(|a| under.iter().any(|u| u == a)))
            .collect();
        self.lines
            .iter()
            .filter(|(_, p)| hit.get(*p).copied().unwrap_or(false))
            .map(|(id, _)| *id)
            .collect()
    }
}

/// `parent` and the nodes above it reached through chosen nodes only.
fn reach<'a>(pack: &'a Pack, parent: &'a str) -> Vec<&'a str> {
    let mut up = Vec::new();
    let mut at = Some(parent);
    // Bounded: a pack is at most MAX_PACK_DEPTH deep.
    for _ in 0..=crate::pack::MAX_PACK_DEPTH {
        let Some(id) = at else { break };
        up.push(id);
        match pack.node(id) {
            Some(n) if n.chosen => at = n.parent.as_deref(),
            _ => break,
        }
    }
    up
}

/// `WEIGHT_SUM`: the weights at `paths` (those of `name`) add up to
/// `actual` where they should make `expected`.
fn weight_sum(
    rx: &Rx,
    paths: &[&str],
    (name, name_en): (&str, &str),
    expected: Decimal,
    actual: Decimal,
) -> Finding {
    rx.finding(
        Code::WeightSum,
        paths,
        Args::field(name)
            .en(name_en)
            .expected(expected.normalize().to_string())
            .actual(actual.normalize().to_string())
            .unit("分"),
    )
}

/// The key holding a node's score as the table adds it (issue 14 §2.4):
/// the scores the report shows, not the rule's.
fn table_key(id: &str) -> String {
    cat(&["~table/", &escape(id)])
}

/// A child's score as the table shows it: a line's typed score where it
/// has one (unless the pack locks it), else its computed score; a node's
/// table sum.
#[derive(Clone, Copy)]
enum Shown {
    Line { computed: K, typed: K, locked: bool },
    Node { table: K },
}

impl Shown {
    fn of(pack: &Pack, b: &mut Builder, id: &str, parent: &str) -> Shown {
        match pack.node(id).map(|n| &n.kind) {
            Some(NodeKind::Line { .. }) | None => Shown::Line {
                computed: b.key_at(&score_parts(&escape(id))),
                typed: b.parsed_key_at(&["/indicators/", &escape(id), "/score"]),
                locked: pack.score_entry(id, parent) == ScoreEntry::Locked,
            },
            Some(_) => Shown::Node {
                table: b.key(&table_key(id)),
            },
        }
    }

    fn keys(self) -> Vec<K> {
        match self {
            Shown::Line {
                computed, typed, ..
            } => vec![computed, typed],
            Shown::Node { table } => vec![table],
        }
    }

    fn value(self, cx: &crate::graph::Ctx) -> Option<Decimal> {
        match self {
            Shown::Line {
                computed,
                typed,
                locked,
            } => cx
                .quantity(typed)
                .filter(|_| !locked)
                .map(|q| q.value)
                .or_else(|| cx.num(computed)),
            Shown::Node { table } => cx.num(table),
        }
    }
}

pub(super) fn units(rx: &Rx, report: &Report, b: &mut Builder) {
    let pack = rx.pack.clone();
    let sdp = rx.score_dp();
    let rdp = rx.rate_dp();
    // Keys first, in tree order, so computed values list parents first.
    for node in pack.nodes.values() {
        if !matches!(node.kind, NodeKind::Line { .. }) {
            let id = escape(&node.id);
            b.computed(&format!("/computed/tree/{id}/score"), sdp, "分");
            b.computed(&format!("/computed/tree/{id}/rate"), rdp, "%");
        }
    }
    // No line under any open node: the table is not filled yet. That is one
    // finding for the table, not a weight-sum error per node (nine on a
    // national report).
    let open_nodes = pack
        .nodes
        .values()
        .filter(|n| matches!(n.kind, NodeKind::Open));
    let lines = Lines::new(&pack, report);
    let table_empty =
        open_nodes.clone().count() > 0 && open_nodes.clone().all(|n| lines.of(&n.id).is_empty());
    if table_empty {
        let rx = rx.clone();
        b.unit(vec![], vec![], move |_| Out {
            findings: vec![rx.finding(
                Code::NodeEmpty,
                &["/indicators"],
                Args::field("绩效指标表").en("the indicator table"),
            )],
            ..Default::default()
        });
    }
    for node in pack.nodes.values() {
        let children: Vec<(String, Option<Decimal>)> = match &node.kind {
            NodeKind::Line { .. } => continue,
            NodeKind::Branch(kids) => kids
                .iter()
                .map(|c| (node_score_key(&pack, c), None))
                .collect(),
            NodeKind::Open => lines
                .of(&node.id)
                .into_iter()
                .map(|id| (score_key(id), Some(Decimal::ZERO)))
                .collect(),
        };
        let open = matches!(node.kind, NodeKind::Open);
        // Its weight is what its lines add up to (an open node's own lines,
        // or a branch's lines under its chosen children).
        let chosen = node.chosen;
        let line_ids: Vec<&String> = if open { lines.of(&node.id) } else { Vec::new() };
        // The children as the table shows their scores.
        let shown: Vec<Shown> = match &node.kind {
            NodeKind::Branch(kids) => kids
                .iter()
                .map(|c| Shown::of(&pack, b, c, &node.id))
                .collect(),
            _ => line_ids
                .iter()
                .map(|id| Shown::of(&pack, b, id, &node.id))
                .collect(),
        };
        // A branch over children whose weights the report chooses checks
        // their lines' weights, with its fixed children's, against its own.
        let chosen_kids: Vec<String> = match &node.kind {
            NodeKind::Branch(kids) => kids
                .iter()
                .filter(|k| pack.node(k).is_some_and(|n| n.chosen))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        let fixed_kids_weight = match &node.kind {
            NodeKind::Branch(kids) => calc::sum(
                kids.iter()
                    .filter_map(|k| pack.node(k))
                    .filter(|n| !n.chosen)
                    .map(|n| n.weight),
            )
            .unwrap_or_default(),
            _ => Decimal::ZERO,
        };
        let chosen_lines: Vec<&String> = lines.chosen(&chosen_kids);
        let chosen_weight_keys: Vec<K> = chosen_lines
            .iter()
            .map(|id| b.key_at(&[WEIGHT_KEY, &escape(id)]))
            .collect();
        let chosen_weight_paths: Vec<String> = chosen_lines
            .iter()
            .map(|id| cat(&["/indicators/", &escape(id), "/weight"]))
            .collect();
        let has_chosen_kids = !chosen_kids.is_empty();
        let score_keys: Vec<K> = children.iter().map(|(k, _)| b.key(k)).collect();
        let weight_keys: Vec<K> = line_ids
            .iter()
            .map(|id| b.key_at(&[WEIGHT_KEY, &escape(id)]))
            .collect();
        let weight_paths: Vec<String> = line_ids
            .iter()
            .map(|id| cat(&["/indicators/", &escape(id), "/weight"]))
            .collect();
        let id = escape(&node.id);
        let out_score = b.computed(&format!("/computed/tree/{id}/score"), sdp, "分");
        let out_rate = b.computed(&format!("/computed/tree/{id}/rate"), rdp, "%");
        let out_table = b.key(&table_key(&node.id));
        let stated_score_path = format!("/stated/nodes/{id}/score");
        let stated_rate_path = format!("/stated/nodes/{id}/rate");
        let (ss, sr, sw) = (
            b.parsed_key(&stated_score_path),
            b.parsed_key(&stated_rate_path),
            b.parsed_key(&format!("/stated/nodes/{id}/weight")),
        );
        // A weight the report chooses, where its form states it: its own
        // lines' weights (as `own` below) are checked against that.
        let own_paths: Vec<String> = match (chosen, open) {
            (false, _) => Vec::new(),
            (true, true) => weight_paths.clone(),
            (true, false) => chosen_weight_paths.clone(),
        };
        // The weights this node checks against its own: an open node's
        // lines (unless the report chooses its weight: its parent checks
        // them), or a branch's fixed children's with its chosen children's
        // lines. With nothing to check yet, the node is said to be empty.
        let checks = !chosen && (has_chosen_kids || open);
        let (check_keys, check_paths, check_fixed) = if has_chosen_kids {
            (
                chosen_weight_keys.clone(),
                chosen_weight_paths,
                fixed_kids_weight,
            )
        } else {
            (weight_keys.clone(), weight_paths, Decimal::ZERO)
        };
        // A chosen node that must have lines and has none (see
        // `Node::required`).
        let required_empty = chosen
            && node.required
            && if open {
                weight_keys.is_empty()
            } else {
                chosen_weight_keys.is_empty()
            };
        let empty = (checks && check_keys.is_empty() && check_fixed.is_zero()) || required_empty;
        let mut reads = score_keys.clone();
        reads.extend(&weight_keys);
        reads.extend(&chosen_weight_keys);
        reads.extend([ss, sr, sw]);
        reads.extend(shown.iter().flat_map(|c| c.keys()));
        let (weight, name, name_en) = (node.weight, node.name.clone(), node.name_en.clone());
        let rx = rx.clone();
        b.unit(reads, vec![out_score, out_rate, out_table], move |cx| {
            let mut out = Out::default();
            // A subtotal exists only once every child has a score.
            let scores: Option<Vec<Decimal>> = score_keys.iter().map(|k| cx.num(*k)).collect();
            // A node whose weight the report chooses may have no line: it
            // then adds nothing.
            let sum = match scores {
                _ if required_empty => None,
                Some(s) if s.is_empty() && chosen && !table_empty => Some(Decimal::ZERO),
                // A branch with nothing under it (said below) has no score.
                _ if has_chosen_kids && empty => None,
                s => s.filter(|s| !s.is_empty()).and_then(calc::sum),
            };
            // A chosen branch's own weight: every line under its (chosen)
            // children.
            let own = if open {
                &weight_keys
            } else {
                &chosen_weight_keys
            };
            let entered: Option<Vec<Decimal>> = own.iter().map(|k| cx.num(*k)).collect();
            let own_weight = if chosen {
                entered.and_then(calc::sum).unwrap_or_default()
            } else {
                weight
            };
            let rate = sum.and_then(|s| calc::percent(s, own_weight));
            // What the table's own scores add up to: the stated subtotal and
            // 得分率 are checked against that (a line the rule scores
            // otherwise is SCORE_MISMATCH on the line).
            let table = if sum.is_none() {
                None
            } else {
                shown
                    .iter()
                    .map(|c| c.value(cx))
                    .collect::<Option<Vec<_>>>()
                    .and_then(|v| {
                        if v.is_empty() {
                            Some(Decimal::ZERO)
                        } else {
                            calc::sum(v)
                        }
                    })
            };
            let table_rate = table.and_then(|s| calc::percent(s, own_weight));
            if empty {
                // Nothing under it yet: one finding for the node, unless
                // the whole table is empty (said once above).
                if !table_empty {
                    out.findings.push(rx.finding(
                        Code::NodeEmpty,
                        &[&stated_score_path],
                        Args::field(&name).en(&name_en),
                    ));
                }
            } else if checks {
                let ws: Option<Vec<Decimal>> = check_keys.iter().map(|k| cx.num(*k)).collect();
                if let Some(ws) = ws {
                    let total = calc::sum(ws.into_iter().chain([check_fixed])).unwrap_or_default();
                    if total != weight {
                        let paths: Vec<&str> = if check_paths.is_empty() {
                            vec![stated_score_path.as_str()]
                        } else {
                            check_paths.iter().map(String::as_str).collect()
                        };
                        out.findings.push(weight_sum(
                            &rx,
                            &paths,
                            (&name, &name_en),
                            weight,
                            total,
                        ));
                    }
                }
            }
            let stated_weight = cx.quantity(sw).map(|q| q.value);
            if let (true, Some(fixed), false) = (chosen, stated_weight, own.is_empty()) {
                let ws: Option<Vec<Decimal>> = own.iter().map(|k| cx.num(*k)).collect();
                if let Some(total) = ws.and_then(calc::sum) {
                    if total != fixed {
                        let paths: Vec<&str> = own_paths.iter().map(String::as_str).collect();
                        out.findings
                            .push(weight_sum(&rx, &paths, (&name, &name_en), fixed, total));
                    }
                }
            }
            if let (Some(s), Some(stated)) = (table, cx.quantity(ss)) {
                if !rx.score_equal(stated, s) {
                    let e = calc::show(s, sdp);
                    out.findings.push(
                        rx.finding(
                            Code::SubtotalMismatch,
                            &[&stated_score_path],
                            Args::field(&name)
                                .en(&name_en)
                                .expected(e.clone())
                                .actual(stated.value.normalize().to_string())
                                .unit("分")
                                .hint(format!("应为 {e} 分"), format!("should be {e}")),
                        ),
                    );
                }
            }
            if let (Some(r), Some(stated)) = (table_rate, cx.quantity(sr)) {
                if !calc::stated_matches(stated, r) {
                    let e = calc::show(r, rdp);
                    out.findings.push(
                        rx.finding(
                            Code::ScoreRateMismatch,
                            &[&stated_rate_path],
                            Args::field(&name)
                                .en(&name_en)
                                .expected(e.clone())
                                .actual(stated.value.normalize().to_string())
                                .unit("%")
                                .hint(format!("应为 {e}%"), format!("should be {e}%")),
                        ),
                    );
                }
            }
            out.vals = vec![
                sum.map(Val::Num).unwrap_or_default(),
                rate.map(Val::Num).unwrap_or_default(),
                table.map(Val::Num).unwrap_or_default(),
            ];
            out
        });
    }
    total(rx, &lines, b);
    spend_gap(rx, b);
}

fn total(rx: &Rx, lines: &Lines, b: &mut Builder) {
    let pack = rx.pack.clone();
    let sdp = rx.score_dp();
    let tops: Vec<K> = pack
        .top()
        .map(|n| node_score_key(&pack, &n.id))
        .collect::<Vec<_>>()
        .iter()
        .map(|k| b.key(k))
        .collect();
    let top_ids: Vec<String> = pack.top().map(|n| n.id.clone()).collect();
    let shown: Vec<Shown> = top_ids
        .iter()
        .map(|id| Shown::of(&pack, b, id, ""))
        .collect();
    // A loaded pack's 一级 weights add up to 100 (checked when it loads).
    let full = calc::sum(pack.top().map(|n| n.weight)).unwrap_or(Decimal::ONE_HUNDRED);
    let stated_total = b.parsed_key("/stated/totalScore");
    let stated_grade = b.parsed_key("/stated/grade");
    let out_score = b.computed("/computed/total/score", sdp, "分");
    let out_rate = b.computed("/computed/total/rate", rx.rate_dp(), "%");
    let out_grade = b.computed("/computed/total/grade", 0, "");
    // 一级 nodes whose weights the report chooses: the whole table's
    // weights are checked here, against the pack's total.
    let chosen_tops: Vec<String> = pack
        .top()
        .filter(|n| n.chosen)
        .map(|n| n.id.clone())
        .collect();
    let fixed_tops =
        calc::sum(pack.top().filter(|n| !n.chosen).map(|n| n.weight)).unwrap_or_default();
    // A chosen 一级 that must have lines has none: it is said on the node,
    // and the table's weights are not checked until it has.
    let top_lines: Vec<Vec<&String>> = chosen_tops
        .iter()
        .map(|t| lines.chosen(std::slice::from_ref(t)))
        .collect();
    let root_waits = chosen_tops
        .iter()
        .zip(&top_lines)
        .any(|(t, lines)| lines.is_empty() && pack.node(t).is_some_and(|n| n.required));
    let root_lines = lines.chosen(&chosen_tops);
    let root_keys: Vec<K> = root_lines
        .iter()
        .map(|id| b.key_at(&[WEIGHT_KEY, &escape(id)]))
        .collect();
    let root_paths: Vec<String> = root_lines
        .iter()
        .map(|id| cat(&["/indicators/", &escape(id), "/weight"]))
        .collect();
    // Each chosen 一级 with the weight its form may state, and its lines'
    // weights: a stated weight stands for its lines (checked on the node).
    let root_groups: Vec<(K, Vec<K>)> = chosen_tops
        .iter()
        .zip(&top_lines)
        .map(|(t, lines)| {
            let stated = b.parsed_key(&cat(&["/stated/nodes/", &escape(t), "/weight"]));
            let lines = lines
                .iter()
                .map(|id| b.key_at(&[WEIGHT_KEY, &escape(id)]))
                .collect();
            (stated, lines)
        })
        .collect();
    // Where a chosen 一级 with no line is: named first by the finding (the
    // total falls short by its weight; "满意度指标 has no line" is where to
    // look), then every line's weight.
    let empty_tops: Vec<String> = chosen_tops
        .iter()
        .map(|t| cat(&["/stated/nodes/", &escape(t), "/score"]))
        .collect();
    // The whole table's weights, a unit of their own: a keystroke in the
    // stated total does not add up 10,000 weights again.
    if !chosen_tops.is_empty() && !root_keys.is_empty() && !root_waits {
        let mut reads = root_keys.clone();
        reads.extend(root_groups.iter().map(|(s, _)| *s));
        let rx = rx.clone();
        b.unit(reads, [], move |cx| {
            let mut out = Out::default();
            let ws: Option<Vec<Decimal>> = root_groups
                .iter()
                .map(|(stated, lines)| match cx.quantity(*stated) {
                    Some(q) => Some(q.value),
                    None => lines
                        .iter()
                        .map(|k| cx.num(*k))
                        .collect::<Option<Vec<_>>>()
                        .and_then(|ws| calc::sum(ws.into_iter().chain([Decimal::ZERO]))),
                })
                .collect();
            if let Some(total) = ws.and_then(|ws| calc::sum(ws.into_iter().chain([fixed_tops]))) {
                if total != full {
                    let empty =
                        root_groups
                            .iter()
                            .zip(&empty_tops)
                            .filter(|((stated, lines), _)| {
                                lines.is_empty() && cx.quantity(*stated).is_none()
                            });
                    let paths: Vec<&str> = empty
                        .map(|(_, p)| p)
                        .chain(&root_paths)
                        .map(String::as_str)
                        .collect();
                    out.findings.push(weight_sum(
                        &rx,
                        &paths,
                        ("全部指标", "all indicators"),
                        full,
                        total,
                    ));
                }
            }
            out
        });
    }
    let mut reads = tops.clone();
    reads.extend([stated_total, stated_grade]);
    reads.extend(shown.iter().flat_map(|c| c.keys()));
    let rx = rx.clone();
    b.unit(reads, vec![out_score, out_rate, out_grade], move |cx| {
        let mut out = Out::default();
        let scores: Option<Vec<Decimal>> = tops.iter().map(|k| cx.num(*k)).collect();
        let sum = scores.filter(|s| !s.is_empty()).and_then(calc::sum);
        let grade = sum
            .and_then(|s| rx.pack.grade_of(s))
            .map(|g| g.name.clone());
        // The stated total and grade against what the table's own scores add
        // up to (§2.4: the arithmetic apart from the rule's judgement).
        let table = sum.and(
            shown
                .iter()
                .map(|c| c.value(cx))
                .collect::<Option<Vec<_>>>()
                .and_then(calc::sum),
        );
        if let (Some(s), Some(stated)) = (table, cx.quantity(stated_total)) {
            if !rx.score_equal(stated, s) {
                let e = calc::show(s, sdp);
                out.findings.push(
                    rx.finding(
                        Code::TotalMismatch,
                        &["/stated/totalScore"],
                        Args::default()
                            .expected(e.clone())
                            .actual(stated.value.normalize().to_string())
                            .unit("分")
                            .hint(format!("应为 {e} 分"), format!("should be {e}")),
                    ),
                );
            }
        }
        let table_grade = table
            .and_then(|s| rx.pack.grade_of(s))
            .map(|g| g.name.clone());
        if let (Some(g), Some(stated), Some(s)) = (&table_grade, cx.text(stated_grade), table) {
            if g != stated {
                out.findings.push(
                    rx.finding(
                        Code::GradeMismatch,
                        &["/stated/grade", "/stated/totalScore"],
                        Args::default()
                            .expected(g.clone())
                            .actual(stated)
                            .detail(calc::show(s, sdp))
                            .hint(format!("应为“{g}”"), format!("should be {g}")),
                    ),
                );
            }
        }
        out.vals = vec![
            sum.map(Val::Num).unwrap_or_default(),
            sum.and_then(|s| calc::percent(s, full))
                .map(Val::Num)
                .unwrap_or_default(),
            grade.map(Val::Text).unwrap_or_default(),
        ];
        out
    });
}

/// Rule 11: the performance score (without the budget-execution line)
/// runs ahead of budget execution by more than the pack's share.
fn spend_gap(rx: &Rx, b: &mut Builder) {
    let pack = rx.pack.clone();
    let exec_line = pack.nodes.values().find(|n| {
        matches!(
            n.kind,
            NodeKind::Line {
                method: Method::Rate,
                source: Some(RateSource::BudgetExecution),
                ..
            }
        )
    });
    let (exec_weight, exec_score) = match exec_line {
        Some(n) => (n.weight, Some(b.key(&score_key(&n.id)))),
        None => (Decimal::ZERO, None),
    };
    let full = calc::sum(pack.top().map(|n| n.weight)).unwrap_or(Decimal::ONE_HUNDRED);
    let total = b.key("/computed/total/score");
    let rate = b.key("/computed/rates/budgetExecution");
    let mut reads = vec![total, rate];
    reads.extend(exec_score);
    let rx = rx.clone();
    b.unit(reads, vec![], move |cx| {
        let mut out = Out::default();
        let (Some(t), Some(r)) = (cx.num(total), cx.num(rate)) else {
            return out;
        };
        let exec_pts = exec_score.and_then(|k| cx.num(k)).unwrap_or_default();
        let Some(rest) = full.checked_sub(exec_weight) else {
            return out;
        };
        if rest <= Decimal::ZERO {
            return out;
        }
        let Some(perf) = t.checked_sub(exec_pts).and_then(|x| calc::percent(x, rest)) else {
            return out;
        };
        // Both as shares of their points, at most 100%: lines whose weights
        // add up to more than their node (WEIGHT_SUM says so) must not
        // make a performance share over 100% that no execution can match.
        let perf = perf.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
        let exec = r.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
        let (Some(gap_allowed), Some(gap)) = (
            perf.checked_mul(rx.pack.tol.score_spend_gap)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)),
            perf.checked_sub(exec),
        ) else {
            return out;
        };
        if gap > gap_allowed {
            let path = rx
                .pack
                .total_row()
                .map(|r| format!("/funds/rows/{}/spent", escape(r)))
                .unwrap_or_default();
            out.findings.push(
                rx.finding(
                    Code::ScoreSpendGap,
                    &[&path, "/stated/totalScore"],
                    Args::default()
                        .actual(calc::show(perf, rx.rate_dp()))
                        .expected(calc::show(exec, rx.rate_dp())),
                ),
            );
        }
        out
    });
}
