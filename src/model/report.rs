//! The report as staff fill it in (SPEC §2). Every user-entered value is a
//! [`Raw`] string exactly as typed; parsing happens in the engine, so nothing
//! typed is ever dropped or rewritten. See `docs/report-format.md`.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Text exactly as the user typed it. JSON `null` reads as "".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Raw(pub String);

impl Raw {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<&str> for Raw {
    fn from(s: &str) -> Self {
        Raw(s.to_string())
    }
}

impl Serialize for Raw {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<String>::deserialize(d).map(|s| Raw(s.unwrap_or_default()))
    }
}

/// A whole self-evaluation report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Report {
    /// Report format version; "1".
    pub schema_version: String,
    /// Id of the rule pack (评价体系) the report is filled against.
    pub pack: String,
    pub basic: Basic,
    pub funds: Funds,
    pub expenses: Expenses,
    /// Coverage breakdowns by pack breakdown id (e.g. "insured").
    pub breakdowns: IndexMap<String, Breakdown>,
    pub per_capita: PerCapita,
    /// Figure tables the pack declares (基金运行 …), by table id.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub tables: IndexMap<String, Table>,
    /// 三级 indicator lines by id: a pack line id for fixed lines, any id
    /// for lines the report adds under an open node (with `parent`).
    pub indicators: IndexMap<String, Line>,
    pub stated: Stated,
    /// Free-text sections by key (experience, problems, measures, …).
    pub narrative: IndexMap<String, Raw>,
}

/// 基本情况.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Basic {
    pub project_name: Raw,
    pub implementing_unit: Raw,
    pub department: Raw,
    pub manager: Raw,
    pub phone: Raw,
    pub filled_on: Raw,
    pub year: Raw,
    pub start: Raw,
    pub end: Raw,
    pub region: Raw,
}

impl Basic {
    /// A field by its key (`projectName`, …, as in `/basic/<key>`).
    pub fn field(&self, key: &str) -> Option<&Raw> {
        Some(match key {
            "projectName" => &self.project_name,
            "implementingUnit" => &self.implementing_unit,
            "department" => &self.department,
            "manager" => &self.manager,
            "phone" => &self.phone,
            "filledOn" => &self.filled_on,
            "year" => &self.year,
            "start" => &self.start,
            "end" => &self.end,
            "region" => &self.region,
            _ => return None,
        })
    }
}

/// 资金投入和使用: cells by row id then column id (rows and columns come
/// from the pack).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Funds {
    /// "万元" (default) or "元".
    pub unit: Raw,
    pub rows: IndexMap<String, IndexMap<String, Raw>>,
}

/// A table the pack declares: cells by row id then column id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Table {
    /// "万元" or "元" for the money rows; the pack's unless chosen.
    pub unit: Raw,
    pub rows: IndexMap<String, IndexMap<String, Raw>>,
}

/// 支出明细.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Expenses {
    /// "元" (default) or "万元".
    pub unit: Raw,
    pub lines: Vec<ExpenseLine>,
    /// 支出合计 as stated.
    pub total: Raw,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ExpenseLine {
    pub name: Raw,
    pub amount: Raw,
}

/// A total and its categories (参保人数 by category, …).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Breakdown {
    /// Unit of the total and items unless they say otherwise.
    pub unit: Raw,
    pub total: Raw,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Item {
    pub name: Raw,
    pub value: Raw,
}

/// 人均补助标准 by level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PerCapita {
    /// Total standard, 元/人.
    pub standard: Raw,
    /// Persons covered (default unit 万人).
    pub persons: Raw,
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Level {
    pub name: Raw,
    /// This level's standard, 元/人.
    pub standard: Raw,
    /// This level's funds, 万元 (optional): checked against persons × standard.
    pub funds: Raw,
}

/// One 三级 indicator line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Line {
    /// Pack node the line sits under (lines the report adds); empty for
    /// the pack's own fixed lines.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub parent: String,
    /// 指标名称 (lines the report adds; fixed lines take the pack's name).
    pub name: Raw,
    /// 分值 (lines the report adds; fixed lines take the pack's weight).
    pub weight: Raw,
    /// 年度指标值.
    pub target: Raw,
    /// 实际完成值.
    pub actual: Raw,
    /// 完成率 as stated (optional; computed anyway).
    pub completion_rate: Raw,
    /// 得分: entered for manual and qualitative lines, stated otherwise.
    pub score: Raw,
    /// 偏差原因分析及改进措施.
    pub reason: Raw,
}

/// What the report states about its own totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Stated {
    /// 总分.
    pub total_score: Raw,
    /// 评价等次.
    pub grade: Raw,
    /// Stated rates: fundsArrival, budgetExecution, balanceRate.
    pub rates: IndexMap<String, Raw>,
    /// Stated score and 得分率 per pack node (一级/二级) id.
    pub nodes: IndexMap<String, NodeStated>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct NodeStated {
    pub score: Raw,
    pub rate: Raw,
    /// The node's 分值 as the form prints it, where the report's form fixes
    /// a weight the pack leaves to the project (a note under the table:
    /// "产出指标50分…"): the node's lines must add up to it.
    pub weight: Raw,
}

/// Escape one JSON Pointer reference token (RFC 6901).
pub fn escape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

/// Pieces of a JSON Pointer (each already escaped) as one string of the
/// exact size. The engine makes one per field; `format!` costs several
/// times more.
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// Undo [`escape`].
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

impl Report {
    /// Every user-entered field as (JSON Pointer, raw text), in document order.
    pub fn fields(&self) -> Vec<(String, &Raw)> {
        let mut out: Vec<(String, &Raw)> =
            Vec::with_capacity(self.indicators.len().saturating_mul(7).saturating_add(64));
        let b = &self.basic;
        for (k, v) in [
            ("projectName", &b.project_name),
            ("implementingUnit", &b.implementing_unit),
            ("department", &b.department),
            ("manager", &b.manager),
            ("phone", &b.phone),
            ("filledOn", &b.filled_on),
            ("year", &b.year),
            ("start", &b.start),
            ("end", &b.end),
            ("region", &b.region),
        ] {
            out.push((cat(&["/basic/", k]), v));
        }
        out.push(("/funds/unit".into(), &self.funds.unit));
        for (r, cols) in &self.funds.rows {
            for (c, v) in cols {
                out.push((cat(&["/funds/rows/", &escape(r), "/", &escape(c)]), v));
            }
        }
        out.push(("/expenses/unit".into(), &self.expenses.unit));
        for (i, l) in self.expenses.lines.iter().enumerate() {
            let i = i.to_string();
            out.push((cat(&["/expenses/lines/", &i, "/name"]), &l.name));
            out.push((cat(&["/expenses/lines/", &i, "/amount"]), &l.amount));
        }
        out.push(("/expenses/total".into(), &self.expenses.total));
        for (id, bd) in &self.breakdowns {
            let id = escape(id);
            out.push((cat(&["/breakdowns/", &id, "/unit"]), &bd.unit));
            out.push((cat(&["/breakdowns/", &id, "/total"]), &bd.total));
            for (i, it) in bd.items.iter().enumerate() {
                let i = i.to_string();
                let row = cat(&["/breakdowns/", &id, "/items/", &i]);
                out.push((cat(&[&row, "/name"]), &it.name));
                out.push((cat(&[&row, "/value"]), &it.value));
            }
        }
        out.push(("/perCapita/standard".into(), &self.per_capita.standard));
        out.push(("/perCapita/persons".into(), &self.per_capita.persons));
        for (i, l) in self.per_capita.levels.iter().enumerate() {
            let row = cat(&["/perCapita/levels/", &i.to_string()]);
            out.push((cat(&[&row, "/name"]), &l.name));
            out.push((cat(&[&row, "/standard"]), &l.standard));
            out.push((cat(&[&row, "/funds"]), &l.funds));
        }
        for (id, t) in &self.tables {
            let id = escape(id);
            out.push((cat(&["/tables/", &id, "/unit"]), &t.unit));
            for (r, cols) in &t.rows {
                let row = cat(&["/tables/", &id, "/rows/", &escape(r), "/"]);
                for (c, v) in cols {
                    out.push((cat(&[&row, &escape(c)]), v));
                }
            }
        }
        for (id, l) in &self.indicators {
            let row = cat(&["/indicators/", &escape(id), "/"]);
            for (k, v) in [
                ("name", &l.name),
                ("weight", &l.weight),
                ("target", &l.target),
                ("actual", &l.actual),
                ("completionRate", &l.completion_rate),
                ("score", &l.score),
                ("reason", &l.reason),
            ] {
                out.push((cat(&[&row, k]), v));
            }
        }
        out.push(("/stated/totalScore".into(), &self.stated.total_score));
        out.push(("/stated/grade".into(), &self.stated.grade));
        for (k, v) in &self.stated.rates {
            out.push((cat(&["/stated/rates/", &escape(k)]), v));
        }
        for (id, n) in &self.stated.nodes {
            let id = escape(id);
            out.push((cat(&["/stated/nodes/", &id, "/score"]), &n.score));
            out.push((cat(&["/stated/nodes/", &id, "/rate"]), &n.rate));
            out.push((cat(&["/stated/nodes/", &id, "/weight"]), &n.weight));
        }
        for (k, v) in &self.narrative {
            out.push((cat(&["/narrative/", &escape(k)]), v));
        }
        out
    }

    /// The field at a JSON Pointer, for editing. `None` if no such field.
    pub fn field_mut(&mut self, path: &str) -> Option<&mut Raw> {
        let tokens: Vec<String> = path.strip_prefix('/')?.split('/').map(unescape).collect();
        let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let idx = |s: &str| -> Option<usize> {
            if s.len() > 1 && s.starts_with('0') {
                return None;
            }
            s.parse().ok()
        };
        match t.as_slice() {
            ["basic", k] => {
                let b = &mut self.basic;
                Some(match *k {
                    "projectName" => &mut b.project_name,
                    "implementingUnit" => &mut b.implementing_unit,
                    "department" => &mut b.department,
                    "manager" => &mut b.manager,
                    "phone" => &mut b.phone,
                    "filledOn" => &mut b.filled_on,
                    "year" => &mut b.year,
                    "start" => &mut b.start,
                    "end" => &mut b.end,
                    "region" => &mut b.region,
                    _ => return None,
                })
            }
            ["funds", "unit"] => Some(&mut self.funds.unit),
            ["funds", "rows", r, c] => self.funds.rows.get_mut(*r)?.get_mut(*c),
            ["expenses", "unit"] => Some(&mut self.expenses.unit),
            ["expenses", "total"] => Some(&mut self.expenses.total),
            ["expenses", "lines", i, k] => {
                let l = self.expenses.lines.get_mut(idx(i)?)?;
                match *k {
                    "name" => Some(&mut l.name),
                    "amount" => Some(&mut l.amount),
                    _ => None,
                }
            }
            ["breakdowns", id, "unit"] => Some(&mut self.breakdowns.get_mut(*id)?.unit),
            ["breakdowns", id, "total"] => Some(&mut self.breakdowns.get_mut(*id)?.total),
            ["breakdowns", id, "items", i, k] => {
                let it = self.breakdowns.get_mut(*id)?.items.get_mut(idx(i)?)?;
                match *k {
                    "name" => Some(&mut it.name),
                    "value" => Some(&mut it.value),
                    _ => None,
                }
            }
            ["perCapita", "standard"] => Some(&mut self.per_capita.standard),
            ["perCapita", "persons"] => Some(&mut self.per_capita.persons),
            ["perCapita", "levels", i, k] => {
                let l = self.per_capita.levels.get_mut(idx(i)?)?;
                match *k {
                    "name" => Some(&mut l.name),
                    "standard" => Some(&mut l.standard),
                    "funds" => Some(&mut l.funds),
                    _ => None,
                }
            }
            ["tables", id, "unit"] => Some(&mut self.tables.get_mut(*id)?.unit),
            ["tables", id, "rows", r, c] => self.tables.get_mut(*id)?.rows.get_mut(*r)?.get_mut(*c),
            ["indicators", id, k] => {
                let l = self.indicators.get_mut(*id)?;
                Some(match *k {
                    "name" => &mut l.name,
                    "weight" => &mut l.weight,
                    "target" => &mut l.target,
                    "actual" => &mut l.actual,
                    "completionRate" => &mut l.completion_rate,
                    "score" => &mut l.score,
                    "reason" => &mut l.reason,
                    _ => return None,
                })
            }
            ["stated", "totalScore"] => Some(&mut self.stated.total_score),
            ["stated", "grade"] => Some(&mut self.stated.grade),
            ["stated", "rates", k] => self.stated.rates.get_mut(*k),
            ["stated", "nodes", id, "score"] => Some(&mut self.stated.nodes.get_mut(*id)?.score),
            ["stated", "nodes", id, "rate"] => Some(&mut self.stated.nodes.get_mut(*id)?.rate),
            ["stated", "nodes", id, "weight"] => Some(&mut self.stated.nodes.get_mut(*id)?.weight),
            ["narrative", k] => self.narrative.get_mut(*k),
            _ => None,
        }
    }
}
