//! Every check a pack must pass before use.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::{NodeInfo, NodeKind, Pack, TierBand, Tol, MAX_PACK_DEPTH, MAX_PACK_NODES};
use crate::codes::Code;
use crate::finding::{self, Args, Finding, Severity};
use crate::model::pack::{Method, Node, PackSpec, RowRole, TableCheck};

/// The largest number a pack may hold (plausibility maxima: a trillion
/// 元 or persons is far past any county's figures).
const MAX_PACK_NUMBER: Decimal = Decimal::from_parts(0xd4a5_1000, 0xe8, 0, false, 0); // 10^12
/// The largest percentage (weights, grade and tier bounds are at most 100;
/// tolerances at most this).
const MAX_PERCENT: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
/// Most names in `synonyms`, over all keys, and the longest name.
pub const MAX_SYNONYMS: usize = 2_000;
pub const MAX_SYNONYM_CHARS: usize = 50;

struct Checker {
    problems: Vec<Finding>,
}

impl Checker {
    fn bad(&mut self, path: impl Into<String>, what: &str, detail: impl Into<String>) {
        self.problems.push(finding::plain(
            Code::PackInvalid,
            path,
            Args::field(what).detail(detail),
        ));
    }

    fn decimal(&mut self, path: &str, what: &str, s: &str) -> Option<Decimal> {
        self.bounded(path, what, s, MAX_PACK_NUMBER)
    }

    /// A non-negative decimal of at most `max`: every pack number has a
    /// bound, so no rule's arithmetic on it can overflow.
    fn bounded(&mut self, path: &str, what: &str, s: &str, max: Decimal) -> Option<Decimal> {
        match crate::calc::dec(s) {
            Some(d) if !d.is_sign_negative() && d <= max => Some(d),
            Some(d) if !d.is_sign_negative() => {
                self.bad(path, what, format!("“{s}”过大（最大 {}）", max.normalize()));
                None
            }
            _ => {
                let shown: String = s.chars().take(40).collect();
                self.bad(path, what, format!("“{shown}”不是非负的十进制数"));
                None
            }
        }
    }
}

fn plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

pub(super) fn check(spec: PackSpec) -> Result<Pack, Vec<Finding>> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    if !plain_id(&spec.id) {
        c.bad(
            "/id",
            "id",
            "只能由字母、数字、点、下划线、连字符组成（最多 64 个）",
        );
    }
    if spec.version.trim().is_empty() {
        c.bad("/version", "version", "不能为空");
    }
    if spec.decimals.amount > 6 || spec.decimals.rate > 6 || spec.decimals.score > 6 {
        c.bad("/decimals", "decimals", "小数位数不能超过 6");
    }

    // Funds table.
    let f = &spec.funds;
    if !matches!(f.unit.as_str(), "元" | "万元") {
        c.bad("/funds/unit", "funds.unit", "应为“元”或“万元”");
    }
    let totals = f.rows.iter().filter(|r| r.role == RowRole::Total).count();
    if totals != 1 {
        c.bad(
            "/funds/rows",
            "funds.rows",
            "应恰有一个合计行（role: total）",
        );
    }
    let mut seen = HashSet::new();
    for (i, r) in f.rows.iter().enumerate() {
        if !plain_id(&r.id) || !seen.insert(r.id.clone()) {
            c.bad(
                format!("/funds/rows/{i}/id"),
                "funds.rows.id",
                "缺失、含非法字符或重复",
            );
        }
    }
    let mut cols = HashSet::new();
    for (i, col) in f.columns.iter().enumerate() {
        if !cols.insert(col.id) {
            c.bad(format!("/funds/columns/{i}/id"), "funds.columns.id", "重复");
        }
    }
    let rows = f
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.aliases.as_slice()));
    check_labels(&mut c, "/funds/rows", "行", rows);
    let columns = f
        .columns
        .iter()
        .map(|x| (x.name.as_str(), x.aliases.as_slice()));
    check_labels(&mut c, "/funds/columns", "栏", columns);
    let mut ratios = vec![("/funds/rates/budgetExecution", f.rates.budget_execution)];
    if let Some(r) = f.rates.funds_arrival {
        ratios.push(("/funds/rates/fundsArrival", r));
    }
    for (path, r) in ratios {
        for col in [r.numerator, r.denominator] {
            if !cols.contains(&col) {
                c.bad(
                    path,
                    "funds.rates",
                    format!("引用了资金表中没有的列“{}”", col.id()),
                );
            }
        }
    }

    // Tree.
    let mut nodes: IndexMap<String, NodeInfo> = IndexMap::new();
    let mut top_sum = Decimal::ZERO;
    for (i, n) in spec.tree.iter().enumerate() {
        if let Some(w) = walk(&mut c, &mut nodes, n, None, 1, &format!("/tree/{i}")) {
            // Each weight is at most 100, so this cannot overflow before
            // thousands of nodes; the limit on nodes comes first anyway.
            top_sum = top_sum.checked_add(w).unwrap_or(Decimal::MAX);
        }
    }
    if spec.tree.is_empty() {
        c.bad("/tree", "tree", "至少需要一个一级指标");
    } else if top_sum != Decimal::ONE_HUNDRED && c.problems.is_empty() {
        c.problems.push(finding::plain(
            Code::PackWeightSum,
            "/tree",
            Args::field("一级指标")
                .expected("100")
                .actual(top_sum.normalize().to_string()),
        ));
    }
    if nodes.len() > MAX_PACK_NODES {
        c.problems.push(finding::plain(
            Code::PackTooLarge,
            "/tree",
            Args::default()
                .actual(format!("{} 个指标", nodes.len()))
                .expected(format!("{MAX_PACK_NODES} 个")),
        ));
    }
    for n in nodes.values() {
        if let NodeKind::Line {
            method: Method::Rate,
            source: None,
            ..
        } = n.kind
        {
            c.bad(n.pointer.clone(), "method", "rate 指标须给出 source");
        }
        if let NodeKind::Line {
            source: Some(crate::model::pack::RateSource::FundsArrival),
            ..
        } = n.kind
        {
            if f.rates.funds_arrival.is_none() {
                c.bad(
                    n.pointer.clone(),
                    "source",
                    "资金表未定义资金到位率（funds.rates.fundsArrival）",
                );
            }
        }
    }

    // Grades: distinct minimums, one at 0, all within 0..=100.
    let mut grades = Vec::new();
    for (i, g) in spec.grades.iter().enumerate() {
        if let Some(min) = c.decimal(&format!("/grades/{i}/min"), "grades.min", &g.min) {
            if min > Decimal::ONE_HUNDRED {
                c.bad(format!("/grades/{i}/min"), "grades.min", "不能超过 100");
            }
            grades.push((min, g.clone()));
        }
        if g.name.trim().is_empty() {
            c.bad(format!("/grades/{i}/name"), "grades.name", "不能为空");
        }
    }
    // Every grade word (name or alias) names one grade only; names first,
    // so a clash is said at the alias.
    let mut words: HashMap<&str, usize> = HashMap::new();
    let names = spec
        .grades
        .iter()
        .enumerate()
        .map(|(i, g)| (i, format!("/grades/{i}/name"), &g.name, false));
    let aliases = spec.grades.iter().enumerate().flat_map(|(i, g)| {
        g.aliases
            .iter()
            .enumerate()
            .map(move |(j, a)| (i, format!("/grades/{i}/aliases/{j}"), a, true))
    });
    for (i, at, w, alias) in names.chain(aliases).collect::<Vec<_>>() {
        let w = w.trim();
        if w.is_empty() {
            if alias {
                c.bad(at, "grades.aliases", "不能为空");
            }
            continue;
        }
        match words.insert(w, i) {
            Some(k) if k != i => c.bad(
                at,
                "grades",
                format!("“{w}”已是第 {} 个等次的名称或别名", k.saturating_add(1)),
            ),
            Some(_) => c.bad(at, "grades", format!("“{w}”重复")),
            None => {}
        }
    }
    if spec.grades.iter().map(|g| g.aliases.len()).sum::<usize>() > 100 {
        c.bad("/grades", "grades.aliases", "别名最多 100 个");
    }
    crate::sort::sort_by_key(&mut grades, |g| std::cmp::Reverse(g.0));
    if grades.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
        c.bad("/grades", "grades", "各等次的下限不能重复");
    }
    if grades.last().map(|g| g.0) != Some(Decimal::ZERO) {
        c.bad("/grades", "grades", "最低等次的下限应为 0");
    }

    // Qualitative tiers.
    let mut tiers = Vec::new();
    let mut tier_words: HashMap<&str, usize> = HashMap::new();
    let mut bands_ok = true;
    for (i, t) in spec.scoring.tiers.iter().enumerate() {
        let p = format!("/scoring/tiers/{i}");
        let min = c.decimal(&format!("{p}/min"), "tiers.min", &t.min);
        let max = c.decimal(&format!("{p}/max"), "tiers.max", &t.max);
        if let (Some(min), Some(max)) = (min, max) {
            if min > max || max > Decimal::ONE_HUNDRED {
                c.bad(p.clone(), "tiers", "应满足 0 ≤ min ≤ max ≤ 100");
                bands_ok = false;
            }
            tiers.push(TierBand {
                min,
                max,
                tier: t.clone(),
            });
        }
        if t.words.is_empty() {
            c.bad(format!("{p}/words"), "tiers.words", "至少需要一个词");
        }
        for (j, w) in t.words.iter().enumerate() {
            let w = w.trim();
            if w.is_empty() || w.chars().count() > 20 {
                c.bad(
                    format!("{p}/words/{j}"),
                    "tiers.words",
                    "不能为空，最多 20 个字",
                );
            } else if let Some(k) = tier_words.insert(w, i) {
                c.bad(
                    format!("{p}/words/{j}"),
                    "tiers.words",
                    format!("“{w}”已用于第 {} 档", k.saturating_add(1)),
                );
            }
        }
    }
    if bands_ok && tiers.len() == spec.scoring.tiers.len() {
        check_tier_cover(&mut c, &tiers);
    }

    let t = &spec.tolerances;
    // Percentages, and the unit-slip factors (about 10,000 for 元/万元).
    let mut tol_of = |name: &str, s: &str, max: Decimal| {
        c.bounded(&format!("/tolerances/{name}"), "tolerances", s, max)
            .unwrap_or(Decimal::ZERO)
    };
    let tol = Tol {
        per_capita_funds: tol_of("perCapitaFunds", &t.per_capita_funds, MAX_PERCENT),
        target_too_low: tol_of("targetTooLow", &t.target_too_low, MAX_PERCENT),
        unspent_share: tol_of("unspentShare", &t.unspent_share, MAX_PERCENT),
        score_spend_gap: tol_of("scoreSpendGap", &t.score_spend_gap, MAX_PERCENT),
        unit_slip_min: tol_of("unitSlipMin", &t.unit_slip_min, MAX_PACK_NUMBER),
        unit_slip_max: tol_of("unitSlipMax", &t.unit_slip_max, MAX_PACK_NUMBER),
    };
    if tol.unit_slip_min > tol.unit_slip_max {
        c.bad(
            "/tolerances/unitSlipMin",
            "tolerances",
            "unitSlipMin 不能大于 unitSlipMax",
        );
    }
    let max_persons = spec
        .plausible
        .max_persons
        .as_deref()
        .and_then(|s| c.decimal("/plausible/maxPersons", "plausible", s));
    let max_amount = spec
        .plausible
        .max_amount
        .as_deref()
        .and_then(|s| c.decimal("/plausible/maxAmount", "plausible", s));

    let known = known_fields(&spec);
    for (i, r) in spec.required.iter().enumerate() {
        if !known.contains(r.as_str()) && !row_field(&spec, r) {
            let shown: String = r.chars().take(80).collect();
            c.bad(
                format!("/required/{i}"),
                "required",
                format!("“{shown}”不是本评价体系报告中的字段"),
            );
        }
    }
    check_synonyms(&mut c, &spec, &nodes);
    let mut bd_ids = HashSet::new();
    for (i, b) in spec.breakdowns.iter().enumerate() {
        if !plain_id(&b.id) || !bd_ids.insert(b.id.clone()) {
            c.bad(
                format!("/breakdowns/{i}/id"),
                "breakdowns.id",
                "缺失、含非法字符或重复",
            );
        }
        let ok = match b.kind {
            crate::model::pack::BreakdownKind::Persons => matches!(b.unit.as_str(), "人" | "万人"),
            crate::model::pack::BreakdownKind::Money => matches!(b.unit.as_str(), "元" | "万元"),
        };
        if !ok {
            c.bad(
                format!("/breakdowns/{i}/unit"),
                "breakdowns.unit",
                "与 kind 不符",
            );
        }
    }

    check_tables(&mut c, &spec);

    let mut messages = HashMap::new();
    for (code_str, m) in &spec.messages {
        let p = format!("/messages/{}", crate::model::report::escape(code_str));
        let Some(code) = Code::parse(code_str) else {
            c.bad(p, "messages", format!("未知的检查代码“{code_str}”"));
            continue;
        };
        let severity = match m.severity.as_deref() {
            None => code.severity(),
            Some(s) => match Severity::parse(s) {
                Some(s) => s,
                None => {
                    c.bad(
                        p.clone(),
                        "messages.severity",
                        "应为 error / warning / info",
                    );
                    code.severity()
                }
            },
        };
        let zh = m.zh.clone().unwrap_or_else(|| code.zh().to_string());
        let en = m.en.clone().unwrap_or_else(|| code.en().to_string());
        if zh.chars().count() > 500 || en.chars().count() > 500 {
            c.bad(p.clone(), "messages", "文字过长（最多 500 字）");
        }
        messages.insert(code, (severity, zh, en));
    }

    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    let digest = Pack::digest_of(&spec);
    Ok(Pack {
        spec,
        digest,
        nodes,
        grades,
        tiers,
        tol,
        max_persons,
        max_amount,
        messages,
        vocabulary: Default::default(),
    })
}

/// Record `n` and its subtree; returns its weight when it parses.
fn walk(
    c: &mut Checker,
    nodes: &mut IndexMap<String, NodeInfo>,
    n: &Node,
    parent: Option<&str>,
    depth: usize,
    path: &str,
) -> Option<Decimal> {
    if depth > MAX_PACK_DEPTH {
        c.bad(
            path,
            "tree",
            format!("层级过深（最多 {MAX_PACK_DEPTH} 层）"),
        );
        return None;
    }
    if !plain_id(&n.id) {
        c.bad(
            format!("{path}/id"),
            "tree.id",
            "只能由字母、数字、点、下划线、连字符组成",
        );
    } else if nodes.contains_key(&n.id) {
        c.bad(format!("{path}/id"), "tree.id", format!("“{}”重复", n.id));
    }
    if n.name.trim().is_empty() || n.name.chars().count() > 100 {
        c.bad(
            format!("{path}/name"),
            "tree.name",
            "不能为空，最多 100 个字",
        );
    }
    let weight = c.bounded(
        &format!("{path}/weight"),
        "tree.weight",
        &n.weight,
        Decimal::ONE_HUNDRED,
    );
    if n.open && !n.children.is_empty() {
        c.bad(path, "tree", "open 节点不能同时有固定的下级指标");
    }
    // A branch's weight is the report's to choose only when all its
    // children's are: it is then what their lines add up to.
    let all_kids_chosen = !n.children.is_empty() && n.children.iter().all(|k| k.chosen);
    if n.chosen && !n.open && !all_kids_chosen {
        c.bad(
            format!("{path}/chosen"),
            "tree.chosen",
            "只有 open 节点（由报告自行填写三级指标）或下级全部由报告决定分值的节点，其分值可以由报告决定",
        );
    }
    if n.required && !n.chosen {
        c.bad(
            format!("{path}/required"),
            "tree.required",
            "required 只用于分值由报告决定（chosen）的节点：固定分值的节点本来就必须有三级指标",
        );
    }
    if nodes.len() > MAX_PACK_NODES {
        return weight;
    }
    let kind = if !n.children.is_empty() {
        NodeKind::Branch(n.children.iter().map(|k| k.id.clone()).collect())
    } else if n.open {
        NodeKind::Open
    } else {
        NodeKind::Line {
            method: n.method,
            source: n.source,
            target: n.target.clone(),
        }
    };
    for (set, key) in [
        (n.upper_bound, "upperBound"),
        (n.bare_at_least, "bareAtLeast"),
        (n.rate_lines, "rateLines"),
        (n.unweighted, "unweighted"),
    ] {
        if set && !matches!(kind, NodeKind::Open) {
            c.bad(
                format!("{path}/{key}"),
                "tree.open",
                "只有 open 节点（由报告自行填写三级指标）可以说明其指标值的读法",
            );
        }
    }
    // An open node may say its lines are scored by hand (rubric items with
    // no 指标值: 项目决策 and 项目管理 in county tables).
    let open_manual = matches!(kind, NodeKind::Open) && n.method == Method::Manual;
    if n.method != Method::Auto && !matches!(kind, NodeKind::Line { .. }) && !open_manual {
        c.bad(
            format!("{path}/method"),
            "tree.method",
            "只有三级指标可以指定评分方法",
        );
    }
    nodes.insert(
        n.id.clone(),
        NodeInfo {
            id: n.id.clone(),
            pointer: path.to_string(),
            name: n.name.clone(),
            name_en: n.name_en.clone(),
            weight: weight.unwrap_or(Decimal::ZERO),
            parent: parent.map(str::to_string),
            depth,
            kind,
            chosen: n.chosen,
            required: n.required,
            upper_bound: n.upper_bound,
            line_method: if open_manual {
                Method::Manual
            } else {
                Method::Auto
            },
            bare_at_least: n.bare_at_least,
            rate_lines: n.rate_lines,
            unweighted: n.unweighted,
            score_entry: n.score_entry.or_else(|| {
                parent
                    .and_then(|p| nodes.get(p))
                    .and_then(|p| p.score_entry)
            }),
        },
    );
    let mut sum = Decimal::ZERO;
    let mut all = true;
    for (i, k) in n.children.iter().enumerate() {
        match walk(
            c,
            nodes,
            k,
            Some(&n.id),
            depth.saturating_add(1),
            &format!("{path}/children/{i}"),
        ) {
            Some(w) => sum = sum.checked_add(w).unwrap_or(Decimal::MAX),
            None => all = false,
        }
    }
    if let (Some(w), true, false) = (weight, all, n.children.is_empty()) {
        if sum != w {
            c.problems.push(finding::plain(
                Code::PackWeightSum,
                format!("{path}/children"),
                Args::field(n.name.clone())
                    .expected(w.normalize().to_string())
                    .actual(sum.normalize().to_string()),
            ));
        }
    }
    weight
}

/// Tiers cover 0–100 % of a weight with no gap and no overlap: sorted by
/// their lower bound, each starts where the one below ends, the lowest at
/// 0, the highest ends at 100 and includes it (so every score has exactly
/// one tier).
fn check_tier_cover(c: &mut Checker, tiers: &[TierBand]) {
    if tiers.is_empty() {
        return;
    }
    let mut sorted: Vec<&TierBand> = tiers.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |t| t.min);
    let mut at = Decimal::ZERO;
    let last = sorted.len().saturating_sub(1);
    for (i, t) in sorted.iter().enumerate() {
        if t.min != at {
            let what = if t.min > at {
                "有空档"
            } else {
                "互相重叠"
            };
            c.bad(
                "/scoring/tiers",
                "tiers",
                format!("各档应首尾相接覆盖 0–100：在 {} 处{what}", at.normalize()),
            );
            return;
        }
        if t.tier.max_inclusive != (i == last) {
            c.bad(
                "/scoring/tiers",
                "tiers",
                "只有最高一档（上限 100）应包含上限（maxInclusive）",
            );
            return;
        }
        at = t.max;
    }
    if at != Decimal::ONE_HUNDRED {
        c.bad(
            "/scoring/tiers",
            "tiers",
            format!("最高一档的上限应为 100，现为 {}", at.normalize()),
        );
    }
}

/// Most tables a pack declares, and their sizes.
const MAX_TABLES: usize = 8;
const MAX_TABLE_ROWS: usize = 50;
const MAX_TABLE_COLUMNS: usize = 10;
const MAX_TABLE_CHECKS: usize = 50;

/// A pack's tables: plain unique ids, a money unit, named rows and
/// columns, and checks that name rows of their table. Sums and
/// differences are between money rows; a ratio divides money rows and
/// may give a row of its own unit. A row is computed by one check at most.
fn check_tables(c: &mut Checker, spec: &PackSpec) {
    if spec.tables.len() > MAX_TABLES {
        c.bad("/tables", "tables", format!("最多 {MAX_TABLES} 个表格"));
        return;
    }
    // A title (name or alias) finds one table.
    check_labels(
        c,
        "/tables",
        "表格",
        spec.tables
            .iter()
            .map(|t| (t.name.as_str(), t.aliases.as_slice())),
    );
    let mut ids = HashSet::new();
    for (i, t) in spec.tables.iter().enumerate() {
        let base = format!("/tables/{i}");
        if !plain_id(&t.id) || !ids.insert(t.id.as_str()) {
            c.bad(format!("{base}/id"), "tables.id", "缺失、含非法字符或重复");
        }
        if !matches!(t.unit.as_str(), "万元" | "元") {
            c.bad(format!("{base}/unit"), "tables.unit", "应为“万元”或“元”");
        }
        if t.rows.is_empty() || t.rows.len() > MAX_TABLE_ROWS {
            c.bad(
                format!("{base}/rows"),
                "tables.rows",
                format!("应有 1–{MAX_TABLE_ROWS} 行"),
            );
            continue;
        }
        if t.columns.is_empty() || t.columns.len() > MAX_TABLE_COLUMNS {
            c.bad(
                format!("{base}/columns"),
                "tables.columns",
                format!("应有 1–{MAX_TABLE_COLUMNS} 栏"),
            );
            continue;
        }
        let mut col_ids = HashSet::new();
        for (j, col) in t.columns.iter().enumerate() {
            if !plain_id(&col.id) || !col_ids.insert(col.id.as_str()) {
                c.bad(
                    format!("{base}/columns/{j}/id"),
                    "tables.columns.id",
                    "缺失、含非法字符或重复",
                );
            }
        }
        check_labels(
            c,
            &format!("{base}/columns"),
            "栏",
            t.columns
                .iter()
                .map(|x| (x.name.as_str(), &[] as &[String])),
        );
        let mut row_ids = HashSet::new();
        for (j, r) in t.rows.iter().enumerate() {
            if !plain_id(&r.id) || !row_ids.insert(r.id.as_str()) {
                c.bad(
                    format!("{base}/rows/{j}/id"),
                    "tables.rows.id",
                    "缺失、含非法字符或重复",
                );
            }
            let own = crate::parse::Unit::from_text(&r.unit);
            let money = own
                .as_ref()
                .is_some_and(|u| u.dim() == crate::parse::Dim::Money);
            if !r.unit.is_empty() && (own.is_none() || money) {
                c.bad(
                    format!("{base}/rows/{j}/unit"),
                    "tables.rows.unit",
                    "金额行不写单位（随表格单位）；其他行应为一个计量单位，如“个月”",
                );
            }
        }
        check_labels(
            c,
            &format!("{base}/rows"),
            "行",
            t.rows
                .iter()
                .map(|x| (x.name.as_str(), x.aliases.as_slice())),
        );
        if t.checks.len() > MAX_TABLE_CHECKS {
            c.bad(
                format!("{base}/checks"),
                "tables.checks",
                format!("最多 {MAX_TABLE_CHECKS} 项"),
            );
            continue;
        }
        let money_row = |id: &str| t.row(id).is_some_and(|r| r.unit.is_empty());
        let any_row = |id: &str| t.row(id).is_some();
        let mut computed = HashSet::new();
        for (j, check) in t.checks.iter().enumerate() {
            let at = format!("{base}/checks/{j}");
            let out = check.output();
            let inputs = check.inputs();
            let (out_ok, out_what) = match check {
                TableCheck::Ratio { .. } => (any_row(out), "表内的行"),
                _ => (money_row(out), "表内的金额行"),
            };
            if !out_ok {
                c.bad(&at, "tables.checks", format!("“{out}”不是{out_what}"));
            }
            if inputs.is_empty() || inputs.len() > MAX_TABLE_ROWS {
                c.bad(&at, "tables.checks", format!("应读 1–{MAX_TABLE_ROWS} 行"));
            }
            for r in &inputs {
                if !money_row(r) {
                    c.bad(&at, "tables.checks", format!("“{r}”不是表内的金额行"));
                } else if *r == out {
                    c.bad(&at, "tables.checks", format!("“{r}”不能由自身计算"));
                }
            }
            let partial = matches!(check, TableCheck::Sum { partial: true, .. });
            if !partial && !computed.insert(out) {
                c.bad(&at, "tables.checks", format!("“{out}”已由另一项检查计算"));
            }
            if let TableCheck::Ratio {
                times, decimals, ..
            } = check
            {
                let what = "tables.checks.times";
                if c.decimal(&format!("{at}/ratio/times"), what, times)
                    .is_some_and(|d| d.is_zero())
                {
                    c.bad(format!("{at}/ratio/times"), what, "不能为 0");
                }
                if *decimals > 6 {
                    c.bad(
                        format!("{at}/ratio/decimals"),
                        "tables.checks.decimals",
                        "最多 6 位",
                    );
                }
            }
        }
        if let Some(row) = table_cycle(&t.checks) {
            c.bad(
                format!("{base}/checks"),
                "tables.checks",
                format!("“{row}”经由其他检查又由自身计算（循环）"),
            );
        }
    }
}

/// A row computed, through other checks, from itself: a blank cell
/// takes its row's computed value, so computed rows must form no cycle.
fn table_cycle(checks: &[TableCheck]) -> Option<&str> {
    let computes = |row: &str| {
        checks
            .iter()
            .filter(|k| !matches!(k, TableCheck::Sum { partial: true, .. }))
            .find(|k| k.output() == row)
    };
    // Depth-first, each row followed once (in progress: on the path;
    // done: no cycle through it), so any shape of checks costs linear time.
    fn cyclic<'a>(
        row: &'a str,
        state: &mut HashMap<&'a str, bool>,
        computes: &dyn Fn(&str) -> Option<&'a TableCheck>,
    ) -> bool {
        match state.get(row) {
            Some(true) => return true,
            Some(false) => return false,
            None => {}
        }
        let Some(check) = computes(row) else {
            return false;
        };
        state.insert(row, true);
        let found = check
            .inputs()
            .into_iter()
            .any(|r| cyclic(r, state, computes));
        state.insert(row, false);
        found
    }
    let mut state = HashMap::new();
    checks
        .iter()
        .map(TableCheck::output)
        .find(|row| cyclic(row, &mut state, &computes))
}

/// Every field a report under `spec` has: the fixed ones, each funds cell
/// of the pack's rows and columns, each breakdown's total and unit, each
/// fixed line's fields, each node's stated score and rate, each narrative
/// section (as the engine lays them out).
fn known_fields(spec: &PackSpec) -> HashSet<String> {
    use crate::model::report::{Breakdown, Line, NodeStated, Raw, Report};
    let mut r = Report::default();
    for row in &spec.funds.rows {
        let cells = r.funds.rows.entry(row.id.clone()).or_default();
        for col in &spec.funds.columns {
            cells.insert(col.id.id().to_string(), Raw::default());
        }
    }
    for b in &spec.breakdowns {
        r.breakdowns.insert(b.id.clone(), Breakdown::default());
    }
    for t in &spec.tables {
        let table = r.tables.entry(t.id.clone()).or_default();
        for row in &t.rows {
            let cells = table.rows.entry(row.id.clone()).or_default();
            for col in &t.columns {
                cells.insert(col.id.clone(), Raw::default());
            }
        }
    }
    fn each<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
        for n in nodes {
            out.push(n);
            each(&n.children, out);
        }
    }
    let mut all = Vec::new();
    each(&spec.tree, &mut all);
    for n in all {
        if n.children.is_empty() && !n.open {
            r.indicators.insert(n.id.clone(), Line::default());
        }
        r.stated.nodes.insert(n.id.clone(), NodeStated::default());
    }
    for l in &spec.narrative {
        r.narrative.insert(l.id.clone(), Raw::default());
    }
    for k in ["budgetExecution", "fundsArrival", "balanceRate"] {
        r.stated.rates.insert(k.to_string(), Raw::default());
    }
    r.fields().into_iter().map(|(p, _)| p).collect()
}

/// A field of a row the report adds (an expense line, a per-capita level,
/// a breakdown item), by index: rows are the report's, so any index.
fn row_field(spec: &PackSpec, path: &str) -> bool {
    let t: Vec<&str> = path.split('/').skip(1).collect();
    let index = |i: &str| !i.is_empty() && i.len() <= 5 && i.bytes().all(|b| b.is_ascii_digit());
    match t.as_slice() {
        ["expenses", "lines", i, "name" | "amount"] => index(i),
        ["perCapita", "levels", i, "name" | "standard" | "funds"] => index(i),
        ["breakdowns", id, "items", i, "name" | "value"] => {
            index(i) && spec.breakdowns.iter().any(|b| b.id == *id)
        }
        _ => false,
    }
}

/// Most aliases of one funds row or column.
const MAX_ALIASES: usize = 20;

/// Funds row (or column) names and aliases: each alias 1..=50 characters,
/// at most `MAX_ALIASES` per row, and no two rows answering to the same
/// label (`labels::label_key`), so that a label finds one row.
fn check_labels<'a>(
    c: &mut Checker,
    base: &str,
    what: &str,
    items: impl Iterator<Item = (&'a str, &'a [String])>,
) {
    let mut owner: std::collections::HashMap<String, usize> = Default::default();
    for (i, (name, aliases)) in items.enumerate() {
        if aliases.len() > MAX_ALIASES {
            c.bad(
                format!("{base}/{i}/aliases"),
                "funds.aliases",
                format!("别名最多 {MAX_ALIASES} 个"),
            );
            continue;
        }
        let named = std::iter::once((format!("{base}/{i}/name"), name));
        let aliased = aliases
            .iter()
            .enumerate()
            .map(|(j, a)| (format!("{base}/{i}/aliases/{j}"), a.as_str()));
        for (at, label) in named.chain(aliased) {
            let len = label.trim().chars().count();
            if len == 0 || len > MAX_SYNONYM_CHARS {
                c.bad(
                    at,
                    "funds.aliases",
                    format!("名称不能为空，最多 {MAX_SYNONYM_CHARS} 个字"),
                );
                continue;
            }
            let key = crate::labels::label_key(label);
            match owner.get(&key) {
                Some(&other) if other != i => c.bad(
                    at,
                    "funds.aliases",
                    format!("“{}”已是另一{what}的名称或别名", label.trim()),
                ),
                _ => {
                    owner.insert(key, i);
                }
            }
        }
    }
}

/// `synonyms` keys name a quantity the narrative check knows, a node of
/// this pack (`node:<id>`) or a line id (`line:<id>`); names are bounded in
/// number and length, so the narrative automaton stays small.
fn check_synonyms(c: &mut Checker, spec: &PackSpec, nodes: &IndexMap<String, NodeInfo>) {
    let mut count = 0usize;
    for (key, names) in &spec.synonyms {
        let p = format!("/synonyms/{}", crate::model::report::escape(key));
        let ok = if let Some(id) = key.strip_prefix("node:") {
            nodes.contains_key(id)
        } else if let Some(id) = key.strip_prefix("line:") {
            plain_id(id)
        } else {
            crate::narrative::QUANTITY_NAMES
                .iter()
                .any(|(k, _)| k == key)
        };
        if !ok {
            let shown: String = key.chars().take(40).collect();
            c.bad(
                p.clone(),
                "synonyms",
                format!(
                    "未知的数量“{shown}”（应为已知数量名、node:<指标编号> 或 line:<指标编号>）"
                ),
            );
        }
        count = count.saturating_add(names.len());
        for (j, n) in names.iter().enumerate() {
            let len = n.trim().chars().count();
            if len == 0 || len > MAX_SYNONYM_CHARS {
                c.bad(
                    format!("{p}/{j}"),
                    "synonyms",
                    format!("名称不能为空，最多 {MAX_SYNONYM_CHARS} 个字"),
                );
            }
        }
    }
    if count > MAX_SYNONYMS {
        c.bad(
            "/synonyms",
            "synonyms",
            format!("名称共 {count} 个，最多 {MAX_SYNONYMS} 个"),
        );
    }
}
