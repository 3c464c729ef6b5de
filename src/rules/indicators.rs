//! 三级 indicator lines: 完成率, score by method (quantitative, qualitative,
//! manual, rate), score bounds (rule 7), qualitative tiers, deviation
//! reasons, and targets set too low (rule 10).

use rust_decimal::Decimal;

use super::Rx;
use crate::calc;
use crate::codes::Code;
use crate::finding::{Args, Finding};
use crate::graph::{Builder, Ctx, Out, Val, K};
use crate::model::pack::{Method, RateSource, ScoreEntry};
use crate::model::report::{cat, escape};
use crate::model::Report;
use crate::pack::{NodeKind, TierBand};
use crate::parse::{self, Cmp, Dim, Parsed, Quantity};

/// How a line is scored, resolved from the pack.
#[derive(Clone)]
enum How {
    /// Fixed or added line: by the method, with this weight (None: the
    /// report's own weight field).
    Scored {
        method: Method,
        weight: Option<Decimal>,
        rate_key: Option<K>,
    },
}

/// The keys of one line.
#[derive(Clone)]
struct LineKeys {
    base: String,
    /// The line's name field, and the pack's name while it is blank.
    name_input: K,
    fallback: String,
    target: K,
    actual: K,
    weight: K,
    rate: K,
    score: K,
    reason: K,
    default_target: Option<Parsed>,
    /// The line's node says its lines are usually upper bounds; the
    /// target as typed (to tell a bare figure from "=").
    upper: bool,
    target_input: K,
    /// A bare figure target reads as "≥" under the line's node.
    bare_at_least: bool,
    /// The line's node has no 分值 column (`Node::unweighted`).
    unweighted: bool,
    /// Under a node with `rateLines`: the names of the computed rates
    /// (预算执行率, 资金到位率 and their synonyms) and where each lands; a
    /// line so named is scored as that rate.
    rate_names: Option<std::sync::Arc<[(String, K)]>>,
}

impl LineKeys {
    /// The line's name as messages quote it.
    fn name(&self, cx: &Ctx) -> String {
        let typed = cx
            .text(self.name_input)
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let n: String = typed.unwrap_or(&self.fallback).chars().take(40).collect();
        format!("“{n}”")
    }
}

/// Where a line's score lands (read by the tree sums).
pub fn score_key(id: &str) -> String {
    cat(&score_parts(&escape(id)))
}

/// [`score_key`] in pieces, of a line's escaped id (for
/// [`Builder::key_at`](crate::graph::Builder::key_at)).
pub fn score_parts(token: &str) -> [&str; 3] {
    ["/computed/indicators/", token, "/score"]
}

/// Where a line's completion rate lands (read by the narrative rule).
pub fn completion_key(id: &str) -> String {
    cat(&["/computed/indicators/", &escape(id), "/completionRate"])
}

/// Where a line's weight lands (read by the tree sums): this, then the
/// line's id as a path token.
pub const WEIGHT_KEY: &str = "~weight/";

/// The names a line may carry to be scored as a computed rate (see
/// `Node::rate_lines`), width-normalised, each with its rate's key.
fn rate_names(rx: &Rx, b: &mut Builder) -> std::sync::Arc<[(String, K)]> {
    let mut out = Vec::new();
    for source in [RateSource::BudgetExecution, RateSource::FundsArrival] {
        let k = b.key(&format!("/computed/rates/{}", source.key()));
        let builtin = crate::narrative::QUANTITY_NAMES
            .iter()
            .filter(|(q, _)| *q == source.key())
            .flat_map(|(_, names)| names.iter().map(|n| n.to_string()));
        let extra = rx
            .pack
            .spec
            .synonyms
            .get(source.key())
            .into_iter()
            .flatten()
            .cloned();
        for name in builtin.chain(extra) {
            out.push((parse::normalize_width(&name), k));
        }
    }
    out.into()
}

pub(super) fn units(rx: &Rx, report: &Report, b: &mut Builder) {
    let pack = rx.pack.clone();
    let mut structure = Vec::new();
    // Made once, on the first line under a `rateLines` node, and shared.
    let mut shared_rate_names = None;
    for (id, line) in &report.indicators {
        let id_token = escape(id);
        let base = cat(&["/indicators/", &id_token]);
        let name = id.clone();
        // The node an added line sits under says how its lines read.
        let parent = pack.node(&line.parent);
        let how = match pack.node(id).map(|n| &n.kind) {
            Some(NodeKind::Line {
                method,
                source,
                target: _,
            }) => {
                let rate_key = source.map(|s| b.key(&format!("/computed/rates/{}", s.key())));
                How::Scored {
                    method: *method,
                    weight: pack.node(id).map(|n| n.weight),
                    rate_key,
                }
            }
            _ if line.parent.is_empty() => {
                structure.push(rx.finding(
                    Code::IndicatorUnknown,
                    &[&base],
                    Args::default().actual(&name),
                ));
                continue;
            }
            _ => match parent.map(|n| (&n.kind, n.name.clone())) {
                Some((NodeKind::Open, _)) => How::Scored {
                    method: parent.map_or(Method::Auto, |n| n.line_method),
                    weight: None,
                    rate_key: None,
                },
                Some((_, parent_name)) => {
                    structure.push(rx.finding(
                        Code::NodeNotOpen,
                        &[&base],
                        Args::default().expected(parent_name).actual(&name),
                    ));
                    continue;
                }
                None => {
                    structure.push(rx.finding(
                        Code::IndicatorUnknown,
                        &[&base],
                        Args::default().actual(&name),
                    ));
                    continue;
                }
            },
        };
        let default_target = match pack.node(id).map(|n| &n.kind) {
            Some(NodeKind::Line {
                target: Some(t), ..
            }) => parse::parse(t, &parse::Expect::Target).ok(),
            _ => None,
        };
        let fallback = pack
            .node(id)
            .map(|n| n.name.clone())
            .unwrap_or_else(|| id.clone());
        let keys = LineKeys {
            name_input: b.key_at(&[&base, "/name"]),
            fallback,
            target: b.parsed_key_at(&[&base, "/target"]),
            actual: b.parsed_key_at(&[&base, "/actual"]),
            weight: b.parsed_key_at(&[&base, "/weight"]),
            rate: b.parsed_key_at(&[&base, "/completionRate"]),
            score: b.parsed_key_at(&[&base, "/score"]),
            reason: b.key_at(&[&base, "/reason"]),
            target_input: b.key_at(&[&base, "/target"]),
            base,
            default_target,
            upper: parent.is_some_and(|n| n.upper_bound),
            bare_at_least: parent.is_some_and(|n| n.bare_at_least),
            unweighted: parent.is_some_and(|n| n.unweighted),
            rate_names: parent.filter(|n| n.rate_lines).map(|_| {
                shared_rate_names
                    .get_or_insert_with(|| rate_names(rx, b))
                    .clone()
            }),
        };
        let entry = pack.score_entry(id, &line.parent);
        let out_rate = b.computed(&completion_key(id), rx.rate_dp(), "%");
        let out_score = b.computed(&score_key(id), rx.score_dp(), "分");
        let out_tier = b.computed(&cat(&["/computed/indicators/", &id_token, "/tier"]), 0, "");
        let out_weight = b.key_at(&[WEIGHT_KEY, &id_token]);
        // The tree sums read the weights of lines the report adds or
        // chooses; a fixed pack line's weight is the pack's.
        b.optional(out_weight);
        let How::Scored {
            method,
            weight,
            rate_key,
        } = how;
        let mut reads = vec![
            keys.target,
            keys.actual,
            keys.weight,
            keys.rate,
            keys.score,
            keys.reason,
            keys.name_input,
            keys.target_input,
        ];
        reads.extend(rate_key);
        // Each rate's key once (many names share it).
        for (_, k) in keys.rate_names.iter().flat_map(|n| n.iter()) {
            if !reads.contains(k) {
                reads.push(*k);
            }
        }
        let rx = rx.clone();
        b.unit(
            reads,
            vec![out_rate, out_score, out_tier, out_weight],
            move |cx| score_line(&rx, cx, &keys, method, weight, rate_key, entry),
        );
    }
    b.fixed(structure);
}

/// A unit whose bare figure is usually a ceiling: money (成本) and
/// durations (时效).
fn usually_ceiling(unit: &parse::Unit) -> bool {
    use parse::Unit;
    match unit {
        Unit::Yuan | Unit::WanYuan | Unit::YiYuan | Unit::YuanPerPerson => true,
        Unit::Other(u) => matches!(
            u.as_str(),
            "天" | "日" | "个工作日" | "工作日" | "个月" | "月" | "小时" | "分钟"
        ),
        _ => false,
    }
}

/// Result of scoring before the shared checks.
struct Scored {
    rate: Option<Decimal>,
    score: Option<Decimal>,
    tier: Option<String>,
    /// The score was entered by the user (manual, qualitative).
    entered: bool,
}

fn score_line(
    rx: &Rx,
    cx: &Ctx,
    k: &LineKeys,
    method: Method,
    fixed_weight: Option<Decimal>,
    rate_key: Option<K>,
    entry: ScoreEntry,
) -> Out {
    let mut findings = Vec::new();
    let p = |field: &str| format!("{}/{field}", k.base);
    // Quoted only by findings: made on first use.
    let name_cell = std::cell::OnceCell::new();
    let name = || name_cell.get_or_init(|| k.name(cx)).as_str();
    let weight = fixed_weight.or_else(|| cx.quantity(k.weight).map(|q| q.value));
    let dp = rx.score_dp();
    let entered_score = cx.quantity(k.score).cloned();

    let target = cx
        .parsed(k.target)
        .filter(|t| **t != Parsed::Empty)
        .or(k.default_target.as_ref());
    // A line named as a computed rate, where its node says so, is that rate.
    let named_rate = k.rate_names.as_ref().and_then(|names| {
        let typed = parse::normalize_width(cx.text(k.name_input).unwrap_or("").trim());
        names.iter().find(|(n, _)| *n == typed).map(|(_, key)| *key)
    });
    let (method, rate_key) = match named_rate {
        Some(key) => (Method::Rate, Some(key)),
        None => (method, rate_key),
    };
    let mut scored = match (method, weight) {
        // No weight (forms without a 分值 column): no score, but the
        // completion and its checks (a target set too low) still stand.
        (Method::Auto, None) => {
            let figure = match target {
                Some(Parsed::Target(cmp, tq)) => Some((*cmp, tq)),
                Some(Parsed::Number(tq)) => Some((Cmp::Eq, tq)),
                _ => None,
            };
            let mut s = match figure {
                Some((cmp, tq)) => quantitative(rx, cx, k, &mut findings, cmp, tq, Decimal::ZERO),
                None => Scored {
                    rate: None,
                    score: None,
                    tier: None,
                    entered: false,
                },
            };
            s.score = None;
            s
        }
        (_, None) => Scored {
            rate: None,
            score: None,
            tier: None,
            entered: false,
        },
        (Method::Rate, Some(w)) => {
            // The funds table's rate; where it cannot give one (a column
            // the layout does not print), the rate the line states.
            let stated_rate = || {
                cx.quantity(k.actual)
                    .filter(|q| q.unit == parse::Unit::Percent)
                    .map(|q| q.value)
            };
            let computed = rate_key.and_then(|rk| cx.num(rk));
            let rate = computed.or_else(stated_rate);
            // A stated actual ("99.5%") must agree with the computed rate.
            if let (Some(r), Some(stated)) = (computed, cx.quantity(k.actual)) {
                if stated.unit == parse::Unit::Percent && !calc::stated_matches(stated, r) {
                    findings.push(mismatch(
                        rx,
                        Code::RateMismatch,
                        &p("actual"),
                        name(),
                        calc::show(r, rx.rate_dp()),
                        stated,
                        "%",
                    ));
                }
            }
            Scored {
                rate,
                score: rate
                    .and_then(|r| calc::rate_score(w, r))
                    .map(|s| calc::round(s, dp)),
                tier: None,
                entered: false,
            }
        }
        (Method::Manual, Some(_)) => {
            if entered_score.is_none() && !cx.filled(k.score) {
                findings.push(rx.finding(
                    Code::ScoreMissing,
                    &[&p("score")],
                    Args::field(name()).expected(show_w(weight)),
                ));
            }
            Scored {
                rate: None,
                score: entered_score.as_ref().map(|q| q.value),
                tier: None,
                entered: true,
            }
        }
        (Method::Auto, Some(w)) => match target {
            None | Some(Parsed::Empty) => {
                if !cx.filled(k.target) {
                    findings.push(rx.finding(
                        Code::RequiredMissing,
                        &[&p("target")],
                        Args::field(format!("{}年度指标值", name())),
                    ));
                }
                Scored {
                    rate: None,
                    score: None,
                    tier: None,
                    entered: false,
                }
            }
            Some(Parsed::Target(cmp, tq)) => {
                // A bare figure (no "=" typed) where lines are usually
                // ceilings, and an actual below it: scored as "=" it loses
                // what "≤" would give in full, so ask.
                let typed = cx.text(k.target_input).unwrap_or("").trim();
                let bare = *cmp == Cmp::Eq && !typed.chars().any(|c| parse::width_char(c) == '=');
                // A node that is both (a mixed 产出 node): money and
                // durations are the probable ceilings, the rest floors.
                let ceiling = k.upper && (!k.bare_at_least || usually_ceiling(&tq.unit));
                let cmp = if bare && k.bare_at_least && !ceiling {
                    Cmp::Ge
                } else {
                    *cmp
                };
                let below = cx
                    .quantity(k.actual)
                    .is_some_and(|a| a.unit == tq.unit && a.value < tq.value);
                if ceiling && bare && below {
                    findings.push(rx.finding(
                        Code::TargetBareUpper,
                        &[&p("target")],
                        Args::field(name()).actual(typed).hint(
                            format!("如为上限，请写作“≤{typed}”"),
                            format!("if it is a ceiling, write \"≤{typed}\""),
                        ),
                    ));
                }
                quantitative(rx, cx, k, &mut findings, cmp, tq, w)
            }
            Some(Parsed::Number(tq)) => quantitative(rx, cx, k, &mut findings, Cmp::Eq, tq, w),
            Some(Parsed::Text(words)) => qualitative(rx, cx, k, &mut findings, words, w),
        },
    };
    // A form with no 分值 column: the score typed is the line's.
    if k.unweighted && weight.is_none() {
        if entered_score.is_none() && !cx.filled(k.score) {
            findings.push(rx.finding(Code::ScoreMissing, &[&p("score")], Args::field(name())));
        }
        scored.score = entered_score.as_ref().map(|q| q.value);
        scored.entered = true;
    }

    // A score typed beside a computed one, as the line's score entry says.
    if let Some(s) = scored.score {
        if !scored.entered {
            match &entered_score {
                Some(stated) if !rx.score_equal(stated, s) => {
                    let code = match entry {
                        ScoreEntry::Checked | ScoreEntry::Entered => Code::ScoreMismatch,
                        ScoreEntry::Editable => Code::ScoreOverridden,
                        ScoreEntry::Locked => Code::ScoreLocked,
                    };
                    findings.push(mismatch(
                        rx,
                        code,
                        &p("score"),
                        name(),
                        calc::show(s, dp),
                        stated,
                        "分",
                    ));
                    if entry == ScoreEntry::Editable {
                        // Staff's score counts (they were warned).
                        scored.score = Some(calc::round(stated.value, dp));
                    }
                }
                None if entry == ScoreEntry::Entered && !cx.filled(k.score) => {
                    findings.push(rx.finding(
                        Code::ScoreMissing,
                        &[&p("score")],
                        Args::field(name()).expected(show_w(weight)),
                    ));
                }
                _ => {}
            }
        }
    }

    // Shared checks on the final score.
    if let (Some(w), Some(s)) = (weight, scored.score) {
        if s > w {
            findings.push(
                rx.finding(
                    Code::ScoreOverWeight,
                    &[&p("score")],
                    Args::field(name())
                        .expected(show_w(Some(w)))
                        .actual(s.normalize().to_string())
                        .unit("分"),
                ),
            );
        }
        // 偏差原因 explains a deviation from a target: an evaluation point
        // scored by hand with no target (a rubric item of 项目决策/项目管理)
        // has none to explain.
        let rubric = method == Method::Manual && target.is_none();
        if s < w && !cx.filled(k.reason) && !rubric {
            findings.push(
                rx.finding(
                    Code::ReasonRequired,
                    &[&p("reason"), &p("score")],
                    Args::field(name())
                        .expected(show_w(Some(w)))
                        .actual(calc::show(s, dp)),
                ),
            );
        }
    }
    if let (Some(r), Some(stated)) = (scored.rate, cx.quantity(k.rate)) {
        if !calc::stated_matches(stated, r) {
            findings.push(mismatch(
                rx,
                Code::CompletionMismatch,
                &p("completionRate"),
                name(),
                calc::show(r, rx.rate_dp()),
                stated,
                "%",
            ));
        }
    }
    Out {
        vals: vec![
            scored.rate.map(Val::Num).unwrap_or_default(),
            scored.score.map(Val::Num).unwrap_or_default(),
            scored.tier.map(Val::Text).unwrap_or_default(),
            weight.map(Val::Num).unwrap_or_default(),
        ],
        findings,
        ..Default::default()
    }
}

fn show_w(w: Option<Decimal>) -> String {
    w.map(|w| w.normalize().to_string()).unwrap_or_default()
}

fn mismatch(
    rx: &Rx,
    code: Code,
    path: &str,
    name: &str,
    expected: String,
    stated: &Quantity,
    unit: &str,
) -> Finding {
    rx.finding(
        code,
        &[path],
        Args::field(name)
            .expected(expected.clone())
            .actual(stated.value.normalize().to_string())
            .unit(unit)
            .hint(
                format!("应为 {expected}{unit}"),
                format!("should be {expected}{unit}"),
            ),
    )
}

/// Units of target and actual reconciled: a bare side takes the other's
/// dimension. `None` when the dimensions differ.
/// Why a target and an actual cannot be compared.
enum Incomparable {
    /// Different dimensions (万人 against 元).
    Units,
    /// A figure too large to bring to the base unit.
    Overflow,
}

fn comparable(t: &Quantity, a: &Quantity) -> Result<(Decimal, Decimal), Incomparable> {
    let (td, ad) = (t.dim(), a.dim());
    // "550元" against "≥154元/人/年": the form's per-person unit left
    // off, as in a per-capita table's 元 (real report R17).
    let per_person_shorthand =
        t.unit == crate::parse::Unit::YuanPerPerson && a.unit == crate::parse::Unit::Yuan;
    if td != ad && td != Dim::Bare && ad != Dim::Bare && !per_person_shorthand {
        return Err(Incomparable::Units);
    }
    match (t.base(), a.base()) {
        (Some(t), Some(a)) => Ok((t, a)),
        _ => Err(Incomparable::Overflow),
    }
}

fn quantitative(
    rx: &Rx,
    cx: &Ctx,
    k: &LineKeys,
    findings: &mut Vec<Finding>,
    cmp: Cmp,
    tq: &Quantity,
    w: Decimal,
) -> Scored {
    let none = Scored {
        rate: None,
        score: None,
        tier: None,
        entered: false,
    };
    let p = |field: &str| format!("{}/{field}", k.base);
    // Quoted only by findings: made on first use.
    let name_cell = std::cell::OnceCell::new();
    let name = || name_cell.get_or_init(|| k.name(cx)).as_str();
    let aq = match cx.parsed(k.actual) {
        Some(Parsed::Number(q)) => q,
        Some(Parsed::Target(_, _)) | None => return none,
        Some(Parsed::Empty) => {
            findings.push(rx.finding(
                Code::RequiredMissing,
                &[&p("actual")],
                Args::field(format!("{}实际完成值", name())),
            ));
            return none;
        }
        Some(Parsed::Text(t)) => {
            findings.push(
                rx.finding(
                    Code::NumberInvalid,
                    &[&p("actual")],
                    Args::field(format!("{}实际完成值", name()))
                        .actual(t.chars().take(40).collect::<String>())
                        .detail(format!(
                            "，指标值为数值（{}{}），实际完成值也应填写数值",
                            cmp.symbol(),
                            tq.canonical()
                        )),
                ),
            );
            return none;
        }
    };
    let (t, a) = match comparable(tq, aq) {
        Ok(pair) => pair,
        Err(Incomparable::Units) => {
            findings.push(
                rx.finding(
                    Code::ActualUnitMismatch,
                    &[&p("actual"), &p("target")],
                    Args::field(format!("{}实际完成值", name()))
                        .actual(aq.unit.text())
                        .expected(tq.unit.text()),
                ),
            );
            return none;
        }
        // Not a unit problem: the figure itself is past what can be
        // computed once brought to its base unit (28 digits in 万人 → 人).
        Err(Incomparable::Overflow) => {
            let which = if tq.base().is_none() {
                "target"
            } else {
                "actual"
            };
            findings.push(rx.finding(Code::Overflow, &[&p(which)], Args::field(name())));
            return none;
        }
    };
    let scoring = &rx.pack.spec.scoring;
    let Some(o) = calc::outcome(
        cmp,
        t,
        a,
        scoring.reverse,
        scoring.exact,
        scoring.allow_negative_actual,
    ) else {
        findings.push(rx.finding(Code::Overflow, &[&p("actual")], Args::field(name())));
        return none;
    };
    let score = w
        .checked_mul(o.share)
        .map(|s| calc::round(s, rx.score_dp()));
    // Rule 10 reads "actual ≥ 120% of target": a target passed by far.
    // Under a ≤ target (a cost, a deadline) the actual far below it is the
    // good direction, and real tables (N06–N08) read it so.
    let upward = matches!(cmp, Cmp::Ge | Cmp::Gt | Cmp::Eq);
    if let Some(r) = o.rate.filter(|_| upward) {
        let limit = rx.pack.tol.target_too_low;
        if !limit.is_zero() && r >= limit && !cx.filled(k.reason) && !t.is_zero() {
            findings.push(
                rx.finding(
                    Code::TargetTooLow,
                    &[&p("reason"), &p("target"), &p("actual")],
                    Args::field(name())
                        .actual(calc::show(r, rx.rate_dp()))
                        .expected(limit.normalize().to_string()),
                ),
            );
        }
    }
    Scored {
        rate: o.rate,
        score,
        tier: None,
        entered: false,
    }
}

fn qualitative(
    rx: &Rx,
    cx: &Ctx,
    k: &LineKeys,
    findings: &mut Vec<Finding>,
    target_words: &str,
    w: Decimal,
) -> Scored {
    let p = |field: &str| format!("{}/{field}", k.base);
    // Quoted only by findings: made on first use.
    let name_cell = std::cell::OnceCell::new();
    let name = || name_cell.get_or_init(|| k.name(cx)).as_str();
    // A range or a figure in Chinese numerals is read as words (scored by
    // tier), which is rarely what was meant: say so.
    if let Some(shape) = crate::parse::figure_shaped(target_words) {
        let detail = match shape {
            crate::parse::FigureShape::Range => "是一个区间",
            crate::parse::FigureShape::ChineseNumerals => "中的数字是汉字",
        };
        findings.push(rx.finding(
            Code::TargetNotFigure,
            &[&p("target")],
            Args::field(name()).actual(target_words).detail(detail),
        ));
    }
    let actual = match cx.parsed(k.actual) {
        Some(Parsed::Text(t)) => Some(t.as_str()),
        Some(Parsed::Empty) => {
            findings.push(rx.finding(
                Code::RequiredMissing,
                &[&p("actual")],
                Args::field(format!("{}实际完成值", name())),
            ));
            None
        }
        _ => None,
    };
    let tier = actual.and_then(|a| tier_of(&rx.pack.tiers, a, target_words));
    if actual.is_some() && tier.is_none() {
        findings.push(rx.finding(Code::TierMissing, &[&p("actual")], Args::field(name())));
    }
    let entered = cx.quantity(k.score).map(|q| q.value);
    if entered.is_none() && !cx.filled(k.score) {
        findings.push(rx.finding(
            Code::ScoreMissing,
            &[&p("score")],
            Args::field(name()).expected(show_w(Some(w))),
        ));
    }
    if let (Some(band), Some(s)) = (tier, entered) {
        if let Some(pct) = calc::percent(s, w) {
            if !band.contains(pct) {
                let at = |bound: Decimal| {
                    w.checked_mul(bound)
                        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                        .map(|x| calc::round(x, rx.score_dp()).normalize().to_string())
                        .unwrap_or_else(|| "—".into())
                };
                let (lo, hi) = (at(band.min), at(band.max));
                let range = if band.tier.max_inclusive {
                    format!("{lo}–{hi}")
                } else {
                    format!("{lo}–{hi}（不含 {hi}）")
                };
                findings.push(
                    rx.finding(
                        Code::ScoreTier,
                        &[&p("score"), &p("actual")],
                        Args::field(name())
                            .expected(range)
                            .actual(s.normalize().to_string())
                            .detail(&band.tier.name),
                    ),
                );
            }
        }
    }
    Scored {
        rate: None,
        score: entered,
        tier: tier.map(|t| t.tier.name.clone()),
        entered: true,
    }
}

/// The tier an actual names: the longest tier word it starts with, or the
/// top tier when it repeats the target's words.
fn tier_of<'a>(tiers: &'a [TierBand], actual: &str, target: &str) -> Option<&'a TierBand> {
    let a = actual.trim();
    let mut best: Option<(&TierBand, usize)> = None;
    for band in tiers {
        for word in &band.tier.words {
            if a.starts_with(word.as_str()) && best.is_none_or(|(_, len)| word.len() > len) {
                best = Some((band, word.len()));
            }
        }
    }
    if let Some((band, _)) = best {
        return Some(band);
    }
    (a == target.trim()).then(|| tiers.first()).flatten()
}
