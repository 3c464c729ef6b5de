//! One parse unit per field: what each field expects, its name in
//! messages, required fields, text limits and plausibility maxima.

use super::Rx;
use crate::codes::Code;
use crate::finding::Args;
use crate::graph::{Builder, FxSet, Out, Val};
use crate::model::pack::{BreakdownKind, Column};
use crate::model::report::unescape;
use std::borrow::Cow;

/// [`unescape`] without a copy for the usual token that has no `~`.
fn unescape_cow(token: &str) -> Cow<'_, str> {
    if token.as_bytes().contains(&b'~') {
        Cow::Owned(unescape(token))
    } else {
        Cow::Borrowed(token)
    }
}
use crate::model::Report;
use crate::pack::Pack;
use crate::parse::{self, Expect, Parsed, Unit};

/// Longest indicator name (SPEC §2).
pub const MAX_NAME_CHARS: usize = 100;
/// Longest short text (names, units, people).
pub const MAX_SHORT_CHARS: usize = 200;
/// Longest free-text field.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A figure, converted to `unit` when one is given.
    Figure {
        expect: Expect,
        unit: Option<Unit>,
    },
    /// The unit of a table ("万元", "元", "万人", "人").
    UnitChoice {
        options: &'static [&'static str],
        default: String,
    },
    Text {
        max: usize,
    },
    Date,
    Phone,
    Year,
    Region,
    Grade,
}

/// The unit a table's figures are in: the report's choice, else the default.
pub fn table_unit(raw: &str, default: &str, options: &[&str]) -> Unit {
    let t = raw.trim();
    let chosen = if options.contains(&t) { t } else { default };
    Unit::from_text(chosen).unwrap_or(Unit::None)
}

const MONEY_UNITS: &[&str] = &["万元", "元"];
const PERSON_UNITS: &[&str] = &["万人", "人"];

fn money(unit: Unit, negative: bool) -> Kind {
    Kind::Figure {
        expect: Expect::Money {
            unit: unit.clone(),
            negative,
        },
        unit: Some(unit),
    }
}

fn figure(expect: Expect) -> Kind {
    Kind::Figure { expect, unit: None }
}

/// A field's name in messages. `{name}` in the texts stands for what the
/// user typed in the field at `name_path` (a line's or row's name), or
/// `fallback` while that is blank; units that use the label read that field,
/// so renaming a line updates its messages incrementally.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub zh: String,
    pub en: String,
    pub name_path: Option<String>,
    pub fallback: String,
}

impl Label {
    fn fixed(zh: String, en: String) -> Label {
        Label {
            zh,
            en,
            name_path: None,
            fallback: String::new(),
        }
    }

    fn named(zh: String, en: String, name_path: String, fallback: String) -> Label {
        Label {
            zh,
            en,
            name_path: Some(name_path),
            fallback,
        }
    }

    /// The texts with `{name}` filled from the typed name (or fallback).
    pub fn fill(&self, typed_name: Option<&str>) -> (String, String) {
        let name = typed_name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| n.chars().take(40).collect::<String>())
            .unwrap_or_else(|| self.fallback.clone());
        (
            self.zh.replace("{name}", &name),
            self.en.replace("{name}", &name),
        )
    }
}

/// The kind of the field at `path`, and its label.
pub fn describe(pack: &Pack, report: &Report, path: &str) -> (Kind, Label) {
    let (kind, zh, en, dep) = describe_parts(pack, report, path, true);
    let label = match dep {
        Some(fallback) => Label::named(zh, en, name_path(path), fallback),
        None => Label::fixed(zh, en),
    };
    (kind, label)
}

/// The kind of the field at `path`, and whether its label uses its row's
/// name field ([`name_path`]), without building the label's texts (which
/// only a finding needs).
fn kind_of(pack: &Pack, report: &Report, path: &str) -> (Kind, bool) {
    let (kind, _, _, dep) = describe_parts(pack, report, path, false);
    (kind, dep.is_some())
}

/// The row of the field at `path` (everything before its last token).
fn row_of(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(row, _)| row)
}

/// The name field beside the field at `path` (a line's, item's or
/// level's): the same row, member `name`.
fn name_path(path: &str) -> String {
    crate::model::report::cat(&name_parts(path))
}

/// [`name_path`] in pieces (for [`Builder::key_at`]).
fn name_parts(path: &str) -> [&str; 2] {
    [row_of(path), "/name"]
}

/// Most tokens a field's path has (`/breakdowns/{id}/items/{i}/value`).
const MAX_TOKENS: usize = 5;

/// A path's tokens, unescaped, without a heap list (this runs once per
/// field of every report loaded), and how many there are; a path with
/// more than [`MAX_TOKENS`] has none, as it names no field.
fn split_path(path: &str) -> ([Cow<'_, str>; MAX_TOKENS], usize) {
    let mut tokens: [Cow<str>; MAX_TOKENS] = Default::default();
    let Some(mut rest) = path.strip_prefix('/') else {
        return (tokens, 0);
    };
    let mut n = 0;
    loop {
        let (token, more) = match rest.as_bytes().iter().position(|&b| b == b'/') {
            Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i.saturating_add(1)..)),
            None => (rest, None),
        };
        match tokens.get_mut(n) {
            Some(slot) => *slot = unescape_cow(token),
            None => return (Default::default(), 0),
        }
        n = n.saturating_add(1);
        match more {
            Some(r) => rest = r,
            None => return (tokens, n),
        }
    }
}

/// `format!` only when labels are wanted.
macro_rules! lb {
    ($on:expr, $($t:tt)*) => {
        if $on {
            format!($($t)*)
        } else {
            String::new()
        }
    };
}

/// The kind, the zh and en labels, and for a field named by its row's
/// name field (see [`name_path`]) the label's fallback name.
type Parts = (Kind, String, String, Option<String>);

fn describe_parts(pack: &Pack, report: &Report, path: &str, labels: bool) -> Parts {
    let (tokens, n) = split_path(path);
    let all: [&str; MAX_TOKENS] = std::array::from_fn(|i| tokens.get(i).map_or("", |c| c.as_ref()));
    let t: &[&str] = all.get(..n).unwrap_or(&[]);
    let text = |max| Kind::Text { max };
    let funds_unit = || {
        table_unit(
            report.funds.unit.as_str(),
            &pack.spec.funds.unit,
            MONEY_UNITS,
        )
    };
    let exp_unit = || table_unit(report.expenses.unit.as_str(), "元", MONEY_UNITS);
    let nth = |i: &str| i.parse::<usize>().map(|n| n.saturating_add(1)).unwrap_or(0);
    let s = |a: &str, b: &str| {
        if labels {
            (a.to_string(), b.to_string())
        } else {
            (String::new(), String::new())
        }
    };
    let mut dep: Option<String> = None;
    let (kind, (zh, en)) = match t {
        ["basic", k] => match *k {
            "projectName" => (text(MAX_SHORT_CHARS), s("项目名称", "project name")),
            "implementingUnit" => (text(MAX_SHORT_CHARS), s("实施单位", "implementing unit")),
            "department" => (text(MAX_SHORT_CHARS), s("主管部门", "department")),
            "manager" => (text(MAX_SHORT_CHARS), s("项目负责人", "project manager")),
            "phone" => (Kind::Phone, s("联系电话", "phone")),
            "filledOn" => (Kind::Date, s("填报时间", "date filled")),
            "year" => (Kind::Year, s("评价年度", "year")),
            "start" => (Kind::Date, s("项目开始时间", "start date")),
            "end" => (Kind::Date, s("项目结束时间", "end date")),
            "region" => (Kind::Region, s("地区代码", "region code")),
            _ => (text(MAX_SHORT_CHARS), s(k, k)),
        },
        ["funds", "unit"] => (
            Kind::UnitChoice {
                options: MONEY_UNITS,
                default: pack.spec.funds.unit.clone(),
            },
            s("资金单位", "funds unit"),
        ),
        ["funds", "rows", r, c] => {
            let row = pack.spec.funds.rows.iter().find(|x| x.id == *r);
            let col = Column::from_id(c);
            let (rz, re) = row
                .map(|x| (x.name.clone(), x.name_en.clone()))
                .unwrap_or_else(|| s(r, r));
            let (cz, ce) = col
                .map(|c| pack.column_name(c))
                .map(|(a, b)| s(a, b))
                .unwrap_or_else(|| s(c, c));
            let kind = money(funds_unit(), col == Some(Column::Balance));
            (kind, (lb!(labels, "{rz}·{cz}"), lb!(labels, "{re} {ce}")))
        }
        ["expenses", "unit"] => (
            Kind::UnitChoice {
                options: MONEY_UNITS,
                default: "元".into(),
            },
            s("支出明细单位", "expense unit"),
        ),
        ["expenses", "total"] => (money(exp_unit(), false), s("支出合计", "expense total")),
        ["expenses", "lines", i, "name"] => (
            text(MAX_SHORT_CHARS),
            (
                lb!(labels, "支出明细第 {} 行·名称", nth(i)),
                lb!(labels, "expense line {} name", nth(i)),
            ),
        ),
        ["expenses", "lines", i, _] => (
            money(exp_unit(), false),
            (
                lb!(labels, "支出明细第 {} 行·金额", nth(i)),
                lb!(labels, "expense line {} amount", nth(i)),
            ),
        ),
        ["breakdowns", id, rest @ ..] => {
            let spec = pack.spec.breakdowns.iter().find(|x| x.id == *id);
            let (bz, be) = spec
                .map(|x| (x.name.clone(), x.name_en.clone()))
                .unwrap_or_else(|| s(id, id));
            let (options, default) = match spec.map(|x| x.kind) {
                Some(BreakdownKind::Money) => (
                    MONEY_UNITS,
                    spec.map(|x| x.unit.clone()).unwrap_or_default(),
                ),
                _ => (
                    PERSON_UNITS,
                    spec.map(|x| x.unit.clone()).unwrap_or_else(|| "人".into()),
                ),
            };
            let raw_unit = report
                .breakdowns
                .get(*id)
                .map(|b| b.unit.as_str())
                .unwrap_or("");
            let unit = table_unit(raw_unit, &default, options);
            let value_kind = match spec.map(|x| x.kind) {
                Some(BreakdownKind::Money) => money(unit, false),
                _ => Kind::Figure {
                    expect: Expect::Count { unit: unit.clone() },
                    unit: Some(unit),
                },
            };
            match rest {
                ["unit"] => (
                    Kind::UnitChoice { options, default },
                    (lb!(labels, "{bz}·单位"), lb!(labels, "{be} unit")),
                ),
                ["total"] => (
                    value_kind,
                    (lb!(labels, "{bz}·总数"), lb!(labels, "{be} total")),
                ),
                ["items", i, "name"] => (
                    text(MAX_NAME_CHARS),
                    (
                        lb!(labels, "{bz}·第 {} 项名称", nth(i)),
                        lb!(labels, "{be} item {} name", nth(i)),
                    ),
                ),
                ["items", i, _] => {
                    dep = Some(lb!(labels, "第 {} 项", nth(i)));
                    (
                        value_kind,
                        (lb!(labels, "{bz}·{{name}}"), lb!(labels, "{be} {{name}}")),
                    )
                }
                _ => (text(MAX_SHORT_CHARS), s(path, path)),
            }
        }
        ["tables", id, rest @ ..] => {
            let spec = pack.spec.tables.iter().find(|x| x.id == *id);
            let (tz, te) = spec
                .map(|x| (x.name.clone(), x.name_en.clone()))
                .unwrap_or_else(|| s(id, id));
            let default = spec
                .map(|x| x.unit.clone())
                .unwrap_or_else(|| "万元".into());
            match rest {
                ["unit"] => (
                    Kind::UnitChoice {
                        options: MONEY_UNITS,
                        default,
                    },
                    (lb!(labels, "{tz}·单位"), lb!(labels, "{te} unit")),
                ),
                ["rows", r, c] => {
                    let row = spec.and_then(|t| t.row(r));
                    let col = spec.and_then(|t| t.column(c));
                    let kind = match row {
                        Some(x) if !x.unit.is_empty() => Kind::Figure {
                            expect: Expect::Measure {
                                unit: Unit::from_text(&x.unit).unwrap_or(Unit::None),
                                negative: x.negative,
                            },
                            unit: None,
                        },
                        _ => {
                            let raw = report.tables.get(*id).map_or("", |t| t.unit.as_str());
                            money(
                                table_unit(raw, &default, MONEY_UNITS),
                                row.is_some_and(|x| x.negative),
                            )
                        }
                    };
                    let (rz, re) = row
                        .map(|x| (x.name.clone(), x.name_en.clone()))
                        .unwrap_or_else(|| s(r, r));
                    let (cz, ce) = col
                        .map(|x| (x.name.clone(), x.name_en.clone()))
                        .unwrap_or_else(|| s(c, c));
                    (
                        kind,
                        (lb!(labels, "{tz}·{rz}·{cz}"), lb!(labels, "{te} {re} {ce}")),
                    )
                }
                _ => (text(MAX_SHORT_CHARS), s(path, path)),
            }
        }
        ["perCapita", "standard"] => (
            figure(Expect::PerCapita),
            s("人均补助标准", "per-capita standard"),
        ),
        ["perCapita", "persons"] => (
            Kind::Figure {
                expect: Expect::Count {
                    unit: Unit::WanPerson,
                },
                unit: Some(Unit::WanPerson),
            },
            s("补助人数", "persons covered"),
        ),
        ["perCapita", "levels", i, k] => {
            dep = Some(lb!(labels, "第 {} 级", nth(i)));
            match *k {
                "name" => (text(MAX_NAME_CHARS), s("{name}名称", "{name} name")),
                "standard" => (
                    figure(Expect::PerCapita),
                    s("{name}补助标准", "{name} standard"),
                ),
                _ => (
                    money(Unit::WanYuan, false),
                    s("{name}补助资金", "{name} funds"),
                ),
            }
        }
        ["indicators", id, k] => {
            let fallback = if labels {
                pack.node(id)
                    .map(|n| n.name.clone())
                    .unwrap_or_else(|| id.to_string())
            } else {
                String::new()
            };
            dep = Some(fallback);
            let (kind, kz, ke) = match *k {
                "name" => (text(MAX_NAME_CHARS), "指标名称", "name"),
                "weight" => (figure(Expect::Points), "分值", "weight"),
                "target" => (figure(Expect::Target), "年度指标值", "target"),
                "actual" => (figure(Expect::Actual), "实际完成值", "actual"),
                "completionRate" => (figure(Expect::Percent), "完成率", "completion"),
                "score" => (figure(Expect::Points), "得分", "score"),
                _ => (text(MAX_TEXT_CHARS), "偏差原因", "deviation reason"),
            };
            (
                kind,
                (
                    lb!(labels, "“{{name}}”{kz}"),
                    lb!(labels, "\"{{name}}\" {ke}"),
                ),
            )
        }
        ["stated", "totalScore"] => (figure(Expect::Points), s("总分", "total score")),
        ["stated", "grade"] => (Kind::Grade, s("评价等次", "grade")),
        ["stated", "rates", k] => (
            figure(Expect::Percent),
            match *k {
                "fundsArrival" => s("资金到位率", "funds arrival rate"),
                "budgetExecution" => s("预算执行率", "budget execution rate"),
                "balanceRate" => s("结余率", "balance rate"),
                other => s(other, other),
            },
        ),
        ["stated", "nodes", id, k] => {
            let name = pack
                .node(id)
                .map(|n| n.name.clone())
                .unwrap_or_else(|| id.to_string());
            if *k == "rate" {
                (
                    figure(Expect::Percent),
                    (
                        lb!(labels, "{name}得分率"),
                        lb!(labels, "{name} score rate"),
                    ),
                )
            } else if *k == "weight" {
                (
                    figure(Expect::Points),
                    (
                        lb!(labels, "{name}分值（表内规定）"),
                        lb!(labels, "{name} weight (as the form fixes it)"),
                    ),
                )
            } else {
                (
                    figure(Expect::Points),
                    (lb!(labels, "{name}得分"), lb!(labels, "{name} score")),
                )
            }
        }
        ["narrative", k] => {
            let label = pack.spec.narrative.iter().find(|l| l.id == *k);
            (
                text(MAX_TEXT_CHARS),
                label
                    .map(|l| (l.name.clone(), l.name_en.clone()))
                    .unwrap_or_else(|| s(k, k)),
            )
        }
        _ => (text(MAX_TEXT_CHARS), s(path, path)),
    };
    (kind, zh, en, dep)
}

/// An indicator's name: what the report typed, else the pack's.
pub fn indicator_name(pack: &Pack, report: &Report, id: &str) -> String {
    let typed = report
        .indicators
        .get(id)
        .map(|l| l.name.as_str().trim())
        .filter(|n| !n.is_empty());
    match typed {
        Some(n) => n.chars().take(40).collect(),
        None => pack
            .node(id)
            .map(|n| n.name.clone())
            .unwrap_or_else(|| id.to_string()),
    }
}

/// Fields that must be filled: the pack's list, plus the name and weight
/// of every line the report adds (no weight where the form has no 分值).
fn required(pack: &Pack, report: &Report) -> FxSet<String> {
    let mut req: FxSet<String> = pack.spec.required.iter().cloned().collect();
    for (id, line) in &report.indicators {
        if !line.parent.is_empty() {
            let id = crate::model::report::escape(id);
            req.insert(format!("/indicators/{id}/name"));
            if !pack.node(&line.parent).is_some_and(|n| n.unweighted) {
                req.insert(format!("/indicators/{id}/weight"));
            }
        }
    }
    req
}

pub(super) fn units(rx: &Rx, report: &Report, b: &mut Builder) {
    let pack = rx.pack.clone();
    let required = required(&pack, report);
    // The name key of the last row seen: a line's seven fields share one.
    let mut last_row: Option<(String, crate::graph::K)> = None;
    let fields = report.fields();
    // About three keys per field: input, parsed value, and a computed or
    // internal one made by the rules that follow.
    b.reserve(fields.len().saturating_mul(3));
    for (path, raw) in fields {
        let (kind, named) = kind_of(&pack, report, &path);
        let input = b.input(&path);
        b.initial(input, &raw.0);
        let out = b.parsed_of(input);
        // Words, dates, phones and regions are parsed for their findings;
        // the rules read the figures' parsed values, and these only where
        // one needs them.
        if matches!(
            kind,
            Kind::Text { .. } | Kind::Date | Kind::Phone | Kind::Region
        ) {
            b.optional(out);
        }
        let name_key = named.then(|| match &last_row {
            Some((row, k)) if row == row_of(&path) => *k,
            _ => {
                let k = b.key_at(&name_parts(&path));
                last_row = Some((row_of(&path).to_string(), k));
                k
            }
        });
        let is_required = required.contains(&path);
        // A figure of a table is read in the table's unit as chosen now.
        let table = matches!(kind, Kind::Figure { .. })
            .then(|| table_unit_path(&path))
            .flatten()
            .map(|p| b.parsed_key(&p));
        let rx = rx.clone();
        let reads = [input, name_key.unwrap_or(input), table.unwrap_or(input)];
        b.unit(reads, [out], move |cx| {
            let raw = cx.text(input).unwrap_or("");
            // The label is made only when a finding needs it; it depends on
            // the pack and the path (and the typed name), not the report.
            let name = || {
                let (_, label) = describe(&rx.pack, &Report::default(), &path);
                label.fill(name_key.and_then(|k| cx.text(k)))
            };
            let chosen = table
                .and_then(|k| cx.text(k))
                .and_then(Unit::from_text)
                .and_then(|u| in_unit(&kind, u));
            parse_field(
                &rx,
                &path,
                raw,
                chosen.as_ref().unwrap_or(&kind),
                is_required,
                &name,
            )
        });
    }
}

/// The unit field of the table a field belongs to: `/funds/unit` for a
/// funds cell, `/expenses/unit` for an amount, a breakdown's own unit for
/// its total and values.
fn table_unit_path(path: &str) -> Option<String> {
    // Byte splits: this runs for every figure of every report loaded.
    let mut t = path.as_bytes().split(|&b| b == b'/').skip(1);
    let mut token = || t.next().and_then(|b| std::str::from_utf8(b).ok());
    let table = match (token(), token()) {
        (Some("funds"), Some("rows")) => "/funds".to_string(),
        (Some("expenses"), Some("total" | "lines")) => "/expenses".to_string(),
        (Some("breakdowns"), Some(id)) => format!("/breakdowns/{id}"),
        (Some("tables"), Some(id)) => format!("/tables/{id}"),
        _ => return None,
    };
    Some(format!("{table}/unit"))
}

/// A table figure's kind in unit `unit` (None when already in it).
fn in_unit(kind: &Kind, unit: Unit) -> Option<Kind> {
    match kind {
        Kind::Figure {
            unit: Some(now), ..
        } if *now == unit => None,
        Kind::Figure {
            expect: Expect::Money { negative, .. },
            ..
        } => Some(money(unit, *negative)),
        Kind::Figure {
            expect: Expect::Count { .. },
            ..
        } => Some(Kind::Figure {
            expect: Expect::Count { unit: unit.clone() },
            unit: Some(unit),
        }),
        _ => None,
    }
}

fn parse_field(
    rx: &Rx,
    path: &str,
    raw: &str,
    kind: &Kind,
    required: bool,
    name: &dyn Fn() -> (String, String),
) -> Out {
    let args = || {
        let (zh, en) = name();
        Args::field(zh).en(en)
    };
    let one = |v: Val| Out {
        vals: vec![v],
        findings: vec![],
        ..Default::default()
    };
    let fail = |code: Code, a: Args| Out {
        vals: vec![Val::None],
        findings: vec![rx.finding(code, &[path], a)],
        ..Default::default()
    };
    let placeholder = crate::parse::is_placeholder(raw);
    if raw.trim().is_empty() || placeholder {
        let mut out = one(Val::Parsed(Parsed::Empty));
        if let Kind::UnitChoice { default, .. } = kind {
            out.vals = vec![Val::Text(default.clone())];
        } else if required {
            out.findings
                .push(rx.finding(Code::RequiredMissing, &[path], args()));
        }
        // Spaces only: read as blank, and said (kept as typed); a required
        // field says so already.
        if !raw.is_empty() && !required && !placeholder {
            out.findings
                .push(rx.finding(Code::BlankSpaces, &[path], args()));
        }
        return out;
    }
    match kind {
        Kind::Figure { expect, unit } => match parse::parse(raw, expect) {
            Ok(Parsed::Number(q)) => {
                let q = match unit {
                    Some(u) => match q.convert(u) {
                        Some(c) => c,
                        None => return fail(Code::NumberOutOfRange, args().actual(raw)),
                    },
                    None => q,
                };
                let mut out = one(Val::Parsed(Parsed::Number(q.clone())));
                if let Some(f) = implausible(rx, path, &q, &args) {
                    out.findings.push(f);
                }
                // "-0": a zero with a sign, most likely a slip; read as 0.
                if q.value.is_zero() && parse::normalize_width(raw).trim_start().starts_with('-') {
                    out.findings.push(rx.finding(
                        Code::NegativeZero,
                        &[path],
                        args().actual(clip(raw)),
                    ));
                }
                out
            }
            Ok(p) => one(Val::Parsed(p)),
            Err(e) => {
                let mut a = args().actual(e.actual).detail(e.detail);
                if !e.expected.is_empty() {
                    a = a.expected(e.expected);
                }
                fail(e.code, a)
            }
        },
        Kind::UnitChoice { options, default } => {
            let t = raw.trim();
            if options.contains(&t) {
                one(Val::Text(t.to_string()))
            } else {
                let mut out = fail(
                    Code::UnitMismatch,
                    args().actual(t).expected(options.join(" 或 ")),
                );
                out.vals = vec![Val::Text(default.clone())];
                out
            }
        }
        Kind::Text { max } => {
            let n = raw.chars().count();
            if n > *max {
                let mut out = fail(
                    Code::TextTooLong,
                    args().actual(n.to_string()).expected(max.to_string()),
                );
                out.vals = vec![Val::Text(raw.to_string())];
                out
            } else {
                one(Val::Text(raw.to_string()))
            }
        }
        // A day, or a month as many tables print 项目起止时间 ("2017年01月"):
        // normalised to YYYY-MM-DD or YYYY-MM, the raw text kept.
        Kind::Date => match (parse::parse_date(raw), parse::parse_month(raw)) {
            (Some(d), _) => one(Val::Text(d.to_string())),
            (None, Some((y, m))) => one(Val::Text(format!("{y:04}-{m:02}"))),
            (None, None) => fail(Code::DateInvalid, args().actual(clip(raw))),
        },
        Kind::Phone => match parse::parse_phone(raw) {
            Some(p) => one(Val::Text(p)),
            None => fail(Code::PhoneInvalid, args().actual(clip(raw))),
        },
        Kind::Year => match parse::parse_year(raw) {
            Some(y) => one(Val::Text(y.to_string())),
            None => fail(Code::YearInvalid, args().actual(clip(raw))),
        },
        Kind::Region => match parse::parse_region(raw) {
            Some(r) => one(Val::Text(r)),
            None => fail(Code::RegionInvalid, args().actual(clip(raw))),
        },
        Kind::Grade => match rx.pack.grade_named(raw) {
            Some(g) => one(Val::Text(g.name.clone())),
            None => {
                let names: Vec<&str> = rx
                    .pack
                    .grades
                    .iter()
                    .map(|(_, g)| g.name.as_str())
                    .collect();
                fail(
                    Code::GradeUnknown,
                    args().actual(clip(raw)).expected(names.join("、")),
                )
            }
        },
    }
}

/// First 40 characters, for messages about long garbage.
fn clip(raw: &str) -> String {
    let t = raw.trim();
    if t.chars().count() > 40 {
        format!("{}…", t.chars().take(40).collect::<String>())
    } else {
        t.to_string()
    }
}

/// A count or amount beyond the pack's plausible maximum (rule 9).
fn implausible(
    rx: &Rx,
    path: &str,
    q: &parse::Quantity,
    args: &dyn Fn() -> Args,
) -> Option<crate::finding::Finding> {
    let (max, base_unit) = match q.dim() {
        parse::Dim::Persons => (rx.pack.max_persons?, "人"),
        parse::Dim::Money => (rx.pack.max_amount?, "元"),
        _ => return None,
    };
    let base = q.base()?;
    if base.abs() <= max {
        return None;
    }
    let hint_value = q.value.normalize();
    let smaller = match q.unit {
        Unit::WanPerson => Some(format!("{hint_value} 人")),
        Unit::WanYuan => Some(format!("{hint_value} 元")),
        _ => None,
    };
    let mut a = args()
        .actual(format!("{}{}", q.value.normalize(), q.unit.text()))
        .expected(format!("{}{base_unit}", max.normalize()));
    if let Some(s) = smaller {
        a = a.hint(format!("是否应为 {s}？"), format!("did you mean {s}?"));
    }
    Some(rx.finding(Code::MagnitudeImplausible, &[path], a))
}

/// The zh-CN name of a computed value, for text output and the browser.
pub fn computed_label(pack: &Pack, report: &Report, path: &str) -> String {
    let tokens: Vec<String> = path.split('/').skip(1).map(unescape).collect();
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let col = |c: &str| {
        Column::from_id(c)
            .map(|c| pack.column_name(c).0.to_string())
            .unwrap_or_else(|| c.to_string())
    };
    let node = |id: &str| {
        pack.node(id)
            .map(|n| n.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let row = |id: &str| {
        pack.spec
            .funds
            .rows
            .iter()
            .find(|x| x.id == id)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    match t.as_slice() {
        ["computed", "funds", "sum", c] => format!("各来源合计·{}", col(c)),
        ["computed", "funds", "total", c] => format!("合计·{}", col(c)),
        ["computed", "funds", "balance", r] => format!("{}·结余（到位−支出）", row(r)),
        ["computed", "funds", "rows", r, "budgetExecution"] => format!("{}·预算执行率", row(r)),
        ["computed", "funds", "rows", r, "fundsArrival"] => format!("{}·资金到位率", row(r)),
        ["computed", "rates", "fundsArrival"] => "资金到位率".into(),
        ["computed", "rates", "budgetExecution"] => "预算执行率".into(),
        ["computed", "rates", "balanceRate"] => "结余率".into(),
        ["computed", "expenses", "total"] => "支出明细合计".into(),
        ["computed", "breakdowns", id, "sum"] => {
            let name = pack
                .spec
                .breakdowns
                .iter()
                .find(|b| b.id == *id)
                .map(|b| b.name.clone());
            format!("{}·分项合计", name.unwrap_or_else(|| id.to_string()))
        }
        ["computed", "tables", id, r, c] => {
            let spec = pack.spec.tables.iter().find(|t| t.id == *id);
            let name = |l: Option<&str>, d: &str| l.unwrap_or(d).to_string();
            format!(
                "{}·{}·{}（计算）",
                name(spec.map(|t| t.name.as_str()), id),
                name(spec.and_then(|t| t.row(r)).map(|x| x.name.as_str()), r),
                name(spec.and_then(|t| t.column(c)).map(|x| x.name.as_str()), c),
            )
        }
        ["computed", "perCapita", "sum"] => "各级补助标准合计".into(),
        ["computed", "perCapita", "levels", i, "funds"] => {
            let n = i.parse::<usize>().unwrap_or(0);
            let name = report
                .per_capita
                .levels
                .get(n)
                .map(|l| l.name.as_str().trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| format!("第 {} 级", n.saturating_add(1)));
            format!("{name}资金（人数×标准）")
        }
        ["computed", "indicators", id, k] => {
            let name = indicator_name(pack, report, id);
            let what = match *k {
                "completionRate" => "完成率",
                "score" => "得分",
                "tier" => "完成情况",
                other => other,
            };
            format!("“{name}”{what}")
        }
        ["computed", "tree", id, "score"] => format!("{}·得分", node(id)),
        ["computed", "tree", id, "rate"] => format!("{}·得分率", node(id)),
        ["computed", "total", "score"] => "总分".into(),
        ["computed", "total", "rate"] => "总得分率".into(),
        ["computed", "total", "grade"] => "评价等次".into(),
        _ => path.to_string(),
    }
}
