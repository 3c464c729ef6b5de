//! A deterministic generator of realistic national-2020 reports of any
//! size, for benchmarks and load tests: `lines` 三级 indicators spread over
//! the nine open 二级 nodes by weight, with funds, expense lines (one per
//! four indicators), breakdown items (one per ten) and per-capita levels
//! (one per twenty) in proportion, every figure consistent except a fixed
//! mix of mistakes (about one line in fifty with a mis-added score, one in
//! a hundred with a wrong unit, one expense line off, an invalid phone).
//! Same `lines` and `seed`, same report, byte for byte.
//!
//! The crate forbids arithmetic operators that can overflow; this module
//! is exempt: it reads no user figure, only its own constants, a seeded
//! xorshift stream and `lines`, which [`report`] caps at the report limit.
#![allow(clippy::arithmetic_side_effects)]

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::model::pack::TableCheck;
use crate::model::report::{ExpenseLine, Item, Level, Line, Raw};
use crate::{Engine, Pack, Report};

/// Pack the generated reports use.
pub const PACK: &str = "national-2020";

/// A small deterministic PRNG (xorshift64*), so no dependency and the same
/// sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = (self.next() % items.len().max(1) as u64) as usize;
        items.get(i).copied().unwrap_or("")
    }
}

fn raw(s: impl Into<String>) -> Raw {
    Raw(s.into())
}

/// Cents as a decimal string ("1234" → "12.34", trailing zeros dropped).
fn cents(c: u64) -> String {
    Decimal::new(c as i64, 2).normalize().to_string()
}

const SUBJECTS: &[&str] = &[
    "参保", "稽核", "签约", "救助", "培训", "巡查", "随访", "结算", "宣传", "核查", "评估", "督导",
];
const TOWNS: &[&str] = &[
    "城关镇",
    "东关街道",
    "西湖乡",
    "南岗镇",
    "北山乡",
    "青石镇",
    "白沙街道",
    "柳林乡",
];

/// The nine open 二级 nodes of national-2020 with their weights, and what
/// kind of line each holds.
const NODES: &[(&str, u64, Kind)] = &[
    ("output.quantity", 20, Kind::Count),
    ("output.quality", 15, Kind::Rate),
    ("output.timeliness", 5, Kind::Exact),
    ("output.cost", 10, Kind::Cost),
    ("benefit.economic", 5, Kind::Money),
    ("benefit.social", 10, Kind::Words),
    ("benefit.ecological", 5, Kind::Count),
    ("benefit.sustainable", 10, Kind::Words),
    ("satisfaction.service", 10, Kind::Rate),
];

#[derive(Clone, Copy)]
enum Kind {
    Count,
    Rate,
    Exact,
    Cost,
    Money,
    Words,
}

/// How many lines each node gets: in proportion to its weight, at least one.
fn shares(lines: usize) -> Vec<usize> {
    let lines = lines.max(NODES.len());
    let mut out: Vec<usize> = NODES
        .iter()
        .map(|(_, w, _)| ((lines as u64 * w) / 90).max(1) as usize)
        .collect();
    let mut i = 0;
    while out.iter().sum::<usize>() < lines {
        if let Some(n) = out.get_mut(i % NODES.len()) {
            *n += 1;
        }
        i += 1;
    }
    out
}

/// The report's text before scores are filled in.
fn draft(lines: usize, rng: &mut Rng) -> Report {
    let mut r = Report {
        schema_version: crate::REPORT_SCHEMA_VERSION.into(),
        pack: PACK.into(),
        ..Report::default()
    };
    let b = &mut r.basic;
    b.project_name = raw(format!("{lines}项指标测试项目（生成）"));
    b.implementing_unit = raw("某县医疗保障局");
    b.department = raw("某县医疗保障局");
    b.manager = raw("项目负责人");
    b.phone = raw("0791-8888123"); // replaced by a mistake below for half the seeds
    b.filled_on = raw("2024-03-20");
    b.year = raw("2023");
    b.start = raw("2023-01-01");
    b.end = raw("2023-12-31");
    b.region = raw("360103");

    // Expense lines, one per four indicators, in 万元 with cents.
    let n_exp = (lines / 4).max(1);
    let mut exp_total = 0u64;
    for i in 0..n_exp {
        let c = rng.range(5_000, 50_000); // cents: 50.00 to 500.00
        exp_total += c;
        r.expenses.lines.push(ExpenseLine {
            name: raw(format!(
                "{}{}经费（{}）",
                rng.pick(TOWNS),
                rng.pick(SUBJECTS),
                i + 1
            )),
            amount: raw(cents(c)),
        });
    }
    r.expenses.unit = raw("万元");
    r.expenses.total = raw(cents(exp_total));

    // Funds: the total budget is the expense total; 98–100% spent.
    let budget = exp_total;
    let spent = budget - budget * rng.range(0, 20) / 1000;
    let appr = budget * 9 / 10;
    let carry = budget - appr;
    let appr_spent = spent.min(appr);
    let carry_spent = spent - appr_spent;
    r.funds.unit = raw("万元");
    for (row, planned, b, s) in [
        ("total", budget, budget, spent),
        ("appropriation", appr, appr, appr_spent),
        ("carryover", carry, carry, carry_spent),
    ] {
        let cells = r.funds.rows.entry(row.to_string()).or_default();
        cells.insert("planned".into(), raw(cents(planned)));
        cells.insert("budget".into(), raw(cents(b)));
        cells.insert("spent".into(), raw(cents(s)));
    }
    r.stated
        .rates
        .insert("budgetExecution".into(), Raw::default());

    // Breakdowns, one item per ten indicators, in 人.
    for (id, unit, share) in [("insuredByScheme", "人", 10), ("hardship", "人", 20)] {
        let bd = r.breakdowns.entry(id.to_string()).or_default();
        bd.unit = raw(unit);
        let mut total = 0u64;
        for i in 0..(lines / share).max(1) {
            let v = rng.range(100, 20_000);
            total += v;
            bd.items.push(Item {
                name: raw(format!("{}参保人员（{}）", rng.pick(TOWNS), i + 1)),
                value: raw(v.to_string()),
            });
        }
        bd.total = raw(total.to_string());
    }

    // Per-capita: the levels (区级, 县级 …) share the standard; each
    // level's funds are all persons × its part of the standard.
    let persons = rng.range(100, 5000);
    let mut standard = 0u64;
    for i in 0..(lines / 20).max(1) {
        let part = rng.range(1, 20) * 100;
        standard += part;
        r.per_capita.levels.push(Level {
            name: raw(format!("{}级（{}）", rng.pick(TOWNS), i + 1)),
            standard: raw(part.to_string()),
            // 元/人 × 人 in 万元: part·persons / 10,000, as cents.
            funds: raw(cents(part * persons / 100)),
        });
    }
    r.per_capita.standard = raw(standard.to_string());
    r.per_capita.persons = raw(format!("{persons}人"));

    // Indicator lines: the pack's fixed 预算执行率 line first, and it is
    // one of the `lines` (so `--lines 10000` stays within the limit).
    r.indicators.insert("budget".into(), Line::default());
    let counts = shares(lines.saturating_sub(1));
    for ((node, weight, kind), &k) in NODES.iter().zip(&counts) {
        let total_cents = weight * 100;
        let each = total_cents / k as u64;
        let extra = total_cents - each * k as u64;
        for j in 0..k {
            let w = each + u64::from((j as u64) < extra);
            let subject = rng.pick(SUBJECTS);
            let town = rng.pick(TOWNS);
            let (name, target, actual) = match kind {
                Kind::Count => {
                    let t = rng.range(10, 5000);
                    let a = t * rng.range(90, 110) / 100;
                    (
                        format!("{town}{subject}人数"),
                        format!("≥{t}人"),
                        format!("{a}人"),
                    )
                }
                Kind::Rate => {
                    let t = rng.range(85, 98);
                    let a = rng.range(t - 5, 100);
                    (
                        format!("{town}{subject}率"),
                        format!("≥{t}%"),
                        format!("{a}%"),
                    )
                }
                Kind::Exact => (
                    format!("{town}{subject}按时完成率"),
                    "=100%".into(),
                    if rng.range(0, 9) == 0 { "98%" } else { "100%" }.into(),
                ),
                Kind::Cost => {
                    let t = rng.range(5, 50) * 100;
                    let a = t * rng.range(85, 105) / 100;
                    (
                        format!("{town}{subject}人均成本"),
                        format!("≤{t}元/人"),
                        format!("{a}元/人"),
                    )
                }
                Kind::Money => {
                    let t = rng.range(10, 900);
                    let a = t * rng.range(90, 110) / 100;
                    (
                        format!("{town}{subject}带动资金"),
                        format!("≥{t}万元"),
                        format!("{a}万元"),
                    )
                }
                Kind::Words => (
                    format!("{town}{subject}群众负担"),
                    "有效减轻".into(),
                    "达成：有效减轻".into(),
                ),
            };
            let line = Line {
                parent: (*node).to_string(),
                name: raw(format!("{name}（{}）", j + 1)),
                weight: raw(cents(w)),
                target: raw(target),
                actual: raw(actual),
                score: if matches!(kind, Kind::Words) {
                    raw(cents(w))
                } else {
                    Raw::default()
                },
                ..Line::default()
            };
            r.indicators.insert(format!("{node}.{}", j + 1), line);
        }
    }
    r
}

/// Whether a table check computes its row (a partial sum only bounds it).
fn computes(check: &TableCheck) -> bool {
    !matches!(check, TableCheck::Sum { partial: true, .. })
}

/// The pack's tables, every row no check computes filled: parts of a
/// partial sum small, its total large enough to hold them.
fn tables(pack: &Pack, r: &mut Report, rng: &mut Rng) {
    for spec in &pack.spec.tables {
        let table = r.tables.entry(spec.id.clone()).or_default();
        table.unit = raw(&spec.unit);
        for row in &spec.rows {
            let computed = spec
                .checks
                .iter()
                .any(|c| computes(c) && c.output() == row.id);
            if computed {
                continue;
            }
            let bound = spec
                .checks
                .iter()
                .any(|c| !computes(c) && c.output() == row.id);
            let cells = table.rows.entry(row.id.clone()).or_default();
            for col in &spec.columns {
                let v = if bound {
                    rng.range(5_000_000, 9_000_000)
                } else {
                    rng.range(1_000, 1_000_000)
                };
                cells.insert(col.id.clone(), raw(cents(v)));
            }
        }
    }
}

/// A report with `lines` indicator lines; the same for the same inputs.
pub fn report(pack: &Arc<Pack>, lines: usize, seed: u64) -> Report {
    let lines = lines.min(crate::report_io::MAX_LINES);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut r = draft(lines, &mut rng);
    tables(pack, &mut r, &mut rng);
    // Fill the stated scores, totals and grade from a first evaluation, so
    // the only findings are the mistakes put in on purpose below.
    let engine = Engine::new(pack.clone(), r.clone());
    let computed = engine.computed();
    let value = |path: &str| {
        computed
            .get(path)
            .map(|c| c.value.clone())
            .unwrap_or_default()
    };
    for (i, (id, line)) in r.indicators.iter_mut().enumerate() {
        let score = value(&format!("/computed/indicators/{id}/score"));
        if line.score.0.is_empty() {
            line.score = raw(score.clone());
        }
        let short = |s: &str| s.parse::<Decimal>().ok();
        let weight = short(&line.weight.0)
            .or_else(|| pack.node(id).map(|n| n.weight))
            .unwrap_or_default();
        // A reason where the line fell short, forgotten one time in forty.
        if short(&score).is_some_and(|s| s < weight) && i % 40 != 3 {
            line.reason = raw("受项目实施进度影响未全部完成，下年度将加强督导、按月调度。");
        }
    }
    // The rows a table computes, as computed (its checks then agree).
    for spec in &pack.spec.tables {
        let Some(table) = r.tables.get_mut(&spec.id) else {
            continue;
        };
        for check in spec.checks.iter().filter(|c| computes(c)) {
            let row = table.rows.entry(check.output().to_string()).or_default();
            for col in &spec.columns {
                let path = crate::rules::tables_computed(&spec.id, check.output(), &col.id);
                row.insert(col.id.clone(), raw(value(&path)));
            }
        }
    }
    r.stated.total_score = raw(value("/computed/total/score"));
    r.stated.grade = raw(value("/computed/total/grade"));
    r.stated.rates.insert(
        "budgetExecution".into(),
        raw(format!("{}%", value("/computed/rates/budgetExecution"))),
    );
    // The mistakes staff make.
    for (i, line) in r.indicators.values_mut().enumerate() {
        if line.parent.is_empty() {
            continue;
        }
        if i % 50 == 7 {
            // A score added up wrongly by half a point.
            if let Ok(s) = line.score.0.parse::<Decimal>() {
                line.score = raw((s - Decimal::new(5, 1)).max(Decimal::ZERO).to_string());
            }
        } else if i % 100 == 13 && line.actual.0.ends_with('人') {
            // A count typed in 万人 by mistake.
            line.actual = raw(line.actual.0.replace('人', "万人"));
        }
    }
    if let Some(first) = r.expenses.lines.first_mut() {
        // A slipped digit: ten times the amount.
        if let Ok(a) = first.amount.0.parse::<Decimal>() {
            first.amount = raw((a * Decimal::TEN).normalize().to_string());
        }
    }
    if seed % 2 == 1 {
        r.basic.phone = raw("0791-88881");
    }
    r
}
