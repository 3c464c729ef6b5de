//! A rule pack (评价体系): everything that differs by province, year or
//! project kind. Decimals are strings so a pack can never carry a float.
//! See `docs/packs.md`.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackSpec {
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub decimals: Decimals,
    /// How figures are rounded when typed: "rounded" (half-up, the default)
    /// or "truncated".
    #[serde(default)]
    pub figures: FigureMode,
    pub funds: FundsSpec,
    /// 一级 nodes, each with its 二级 (and maybe 三级) children.
    pub tree: Vec<Node>,
    #[serde(default)]
    pub scoring: Scoring,
    pub grades: Vec<Grade>,
    #[serde(default)]
    pub tolerances: Tolerances,
    /// JSON Pointers of report fields that must be filled.
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default)]
    pub breakdowns: Vec<BreakdownSpec>,
    /// Further figure tables the pack declares (基金运行 …): rows,
    /// columns and the checks between rows, as data. See `docs/packs.md`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableSpec>,
    #[serde(default)]
    pub plausible: Plausible,
    /// Narrative sections the form offers, by key.
    #[serde(default)]
    pub narrative: Vec<Label>,
    /// More names for quantities in narrative text: by quantity key
    /// ("budgetExecution", "persons", …), "node:<id>" or "line:<id>".
    #[serde(default)]
    pub synonyms: IndexMap<String, Vec<String>>,
    /// Overrides of finding texts and severities, by code.
    #[serde(default)]
    pub messages: IndexMap<String, MessageOverride>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decimals {
    pub amount: u32,
    pub rate: u32,
    pub score: u32,
}

impl Default for Decimals {
    fn default() -> Self {
        Decimals {
            amount: 2,
            rate: 2,
            score: 2,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FigureMode {
    #[default]
    Rounded,
    Truncated,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Label {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
}

/// The funds table: which rows and columns exist, and how rates divide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FundsSpec {
    /// "万元" or "元": the unit figures are in unless the report says.
    pub unit: String,
    pub rows: Vec<RowSpec>,
    pub columns: Vec<ColumnSpec>,
    pub rates: RateSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RowSpec {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub role: RowRole,
    /// Other words tables print for this row (县市区财政, 区级财政 …),
    /// found by `labels::funds_row`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RowRole {
    /// The 合计 / 年度资金总额 row.
    Total,
    /// A source that, with the other parts, makes up the total.
    Part,
    /// "其中": a subset of the total that must not exceed it.
    OfWhich,
}

/// Column ids are fixed roles; the pack names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Column {
    /// 年初预算数 (计划安排).
    Planned,
    /// 全年预算数 (调整后).
    Budget,
    /// 实际到位.
    Received,
    /// 实际支出 / 全年执行数.
    Spent,
    /// 结余.
    Balance,
}

impl Column {
    pub fn id(self) -> &'static str {
        match self {
            Column::Planned => "planned",
            Column::Budget => "budget",
            Column::Received => "received",
            Column::Spent => "spent",
            Column::Balance => "balance",
        }
    }
    pub fn from_id(s: &str) -> Option<Column> {
        Some(match s {
            "planned" => Column::Planned,
            "budget" => Column::Budget,
            "received" => Column::Received,
            "spent" => Column::Spent,
            "balance" => Column::Balance,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ColumnSpec {
    pub id: Column,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    /// Other words tables print for this column (执行数, 支出数 …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateSpec {
    /// 资金到位率 = numerator / denominator (e.g. received / budget).
    #[serde(default)]
    pub funds_arrival: Option<Ratio>,
    /// 预算执行率 = numerator / denominator (spent / budget, or spent / received).
    pub budget_execution: Ratio,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Ratio {
    pub numerator: Column,
    pub denominator: Column,
}

/// A node of the indicator tree. A node with children sums them; an `open`
/// node takes lines the report adds; any other node is a fixed 三级 line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Node {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub weight: String,
    #[serde(default)]
    pub children: Vec<Node>,
    #[serde(default)]
    pub open: bool,
    /// An open node whose weight the report chooses: the sum of the weights
    /// its lines are given, checked with its siblings against the parent's
    /// weight (财预〔2020〕10号 fixes only the 一级 weights; each project
    /// splits them over its own 二级 and 三级). `weight` is then the
    /// table's suggestion, and the node may have no line at all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chosen: bool,
    /// A chosen node that must still have lines (a national table's 产出,
    /// 效益, 满意度: their split is the form's, but none may be left out):
    /// with none it is `NODE_EMPTY`, has no score, and the table's total
    /// weight is not checked until it has.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Scoring of a fixed line (default `auto`).
    #[serde(default)]
    pub method: Method,
    /// For `rate` lines: which computed rate is the actual value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<RateSource>,
    /// A fixed line's default target (e.g. "=100%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// How staff give the scores of the lines at or under this node
    /// (default: the parent's, then `scoring.scoreEntry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_entry: Option<ScoreEntry>,
    /// Lines under this open node are usually upper bounds (成本, 时效:
    /// 越小越好): a bare figure target there is probably missing its "≤"
    /// (`TARGET_BARE_UPPER`, info). With `bare_at_least` too (a node that
    /// mixes counts and costs), only money and durations are.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub upper_bound: bool,
    /// Lines under this open node whose target is a bare figure (no
    /// comparator typed) read it as a floor: "95%" on a 质量 line is met by
    /// 100% (as real tables score it), where `scoring.exact` would take off
    /// for the deviation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bare_at_least: bool,
    /// Lines a report adds under this open node and names as a computed
    /// rate (预算执行率, 资金到位率, their synonyms) are scored as that rate:
    /// weight × min(rate, 100%), the funds table's rate, or the line's own
    /// where the table cannot give one (部门评价 frameworks list 预算执行率
    /// as a 三级 line under 资金管理).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rate_lines: bool,
    /// The form has no 分值 column for the lines under this open node (湖北
    /// 财政项目绩效自评表): a line's weight is not required, a line without
    /// one is scored by hand (its typed score counts), and the node's
    /// weights are checked only once every line has one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unweighted: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Method {
    /// Quantitative when the target is a figure, qualitative when it is words.
    #[default]
    Auto,
    /// The score is entered; checked to lie in 0..weight.
    Manual,
    /// weight × a computed rate (capped at 100%): 资金到位率, 预算执行率.
    Rate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RateSource {
    FundsArrival,
    BudgetExecution,
}

impl RateSource {
    pub fn key(self) -> &'static str {
        match self {
            RateSource::FundsArrival => "fundsArrival",
            RateSource::BudgetExecution => "budgetExecution",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scoring {
    /// Reverse indicators over target: "ratio" (target/actual × weight) or
    /// "deviation" ((1 − (actual − target)/target) × weight, 0 at 2×target).
    pub reverse: ReverseMode,
    /// Qualitative tiers, best first, as percentages of the weight.
    pub tiers: Vec<Tier>,
    /// Whether a negative actual counts as itself (else as 0).
    pub allow_negative_actual: bool,
    /// Exact targets ("=" or a bare figure): "deviation" (the default, as
    /// most provincial rules read 偏离度: full marks only on the target,
    /// less by the relative deviation either way) or "atLeast" (as "≥").
    #[serde(default, skip_serializing_if = "ExactMode::is_default")]
    pub exact: ExactMode,
    /// How staff give a computed line's score (see `ScoreEntry`); a node's
    /// `scoreEntry` overrides it for the lines under it.
    #[serde(default, skip_serializing_if = "ScoreEntry::is_default")]
    pub score_entry: ScoreEntry,
}

/// How a line whose score jixiao computes (a quantitative or rate line)
/// takes a score typed by staff. Qualitative and manual lines are always
/// scored by hand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ScoreEntry {
    /// Computed; a score typed may be left out, and must agree when given
    /// (else SCORE_MISMATCH).
    #[default]
    Checked,
    /// Typed by hand: required (SCORE_MISSING), and checked against the
    /// rule (SCORE_MISMATCH).
    Entered,
    /// Computed but editable: a score typed that differs counts, with a
    /// warning (SCORE_OVERRIDDEN).
    Editable,
    /// Computed and locked: a score typed that differs is refused
    /// (SCORE_LOCKED); an attached form shows the computed score read-only.
    Locked,
}

impl ScoreEntry {
    pub fn is_default(&self) -> bool {
        *self == ScoreEntry::Checked
    }
}

/// How an exact target scores an actual off it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExactMode {
    /// share = max(0, 1 − |actual − target| / |target|).
    #[default]
    Deviation,
    /// Met at or above the target, as "≥".
    AtLeast,
}

impl ExactMode {
    pub fn is_default(&self) -> bool {
        *self == ExactMode::Deviation
    }
}

impl Default for Scoring {
    fn default() -> Self {
        let t = |name: &str, en: &str, words: &[&str], min: &str, max: &str, top: bool| Tier {
            name: name.into(),
            name_en: en.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            min: min.into(),
            max: max.into(),
            max_inclusive: top,
        };
        Scoring {
            reverse: ReverseMode::Ratio,
            tiers: vec![
                t(
                    "达成",
                    "met",
                    &["达成", "已达成", "全部达成", "完成", "已完成"],
                    "80",
                    "100",
                    true,
                ),
                t(
                    "部分达成",
                    "partly met",
                    &["部分达成", "基本达成", "部分完成", "基本完成"],
                    "60",
                    "80",
                    false,
                ),
                t(
                    "未达成",
                    "not met",
                    &["未达成", "未完成", "没有达成"],
                    "0",
                    "60",
                    false,
                ),
            ],
            allow_negative_actual: false,
            exact: ExactMode::Deviation,
            score_entry: ScoreEntry::Checked,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReverseMode {
    #[default]
    Ratio,
    Deviation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tier {
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    /// Words that, at the start of 实际完成值, name this tier.
    pub words: Vec<String>,
    /// Inclusive lower bound, % of the weight.
    pub min: String,
    /// Upper bound, % of the weight (exclusive unless `maxInclusive`).
    pub max: String,
    #[serde(default)]
    pub max_inclusive: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grade {
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    /// Inclusive lower bound of the total.
    pub min: String,
    /// Other names accepted for this grade (优秀 for 优 …).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Percentages unless noted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Tolerances {
    /// persons × standard vs funds, relative (rule 5).
    pub per_capita_funds: String,
    /// Completion at or above this needs a remark (rule 10).
    pub target_too_low: String,
    /// Unspent share above this is a warning (rule 11).
    pub unspent_share: String,
    /// Score rate ahead of execution by more than this share (rule 11).
    pub score_spend_gap: String,
    /// A ratio between these bounds is read as a 元/万元 or 人/万人 slip.
    pub unit_slip_min: String,
    pub unit_slip_max: String,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            per_capita_funds: "1".into(),
            target_too_low: "120".into(),
            unspent_share: "20".into(),
            score_spend_gap: "5".into(),
            unit_slip_min: "5000".into(),
            unit_slip_max: "20000".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreakdownSpec {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    /// "persons" or "money".
    pub kind: BreakdownKind,
    /// Default unit (万人, 人, 万元, 元).
    pub unit: String,
    /// complete: items sum to the total; partial ("其中"): items ≤ total.
    pub mode: BreakdownMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BreakdownKind {
    Persons,
    Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BreakdownMode {
    Complete,
    Partial,
}

/// A figure table a pack declares: fixed rows and columns, one unit for
/// its money rows (the report may choose 元 or 万元), and checks between
/// rows that hold in every column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TableSpec {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    /// Other titles workbooks give the table (医保基金收支情况 …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// "万元" or "元": the money rows' unit unless the report says.
    pub unit: String,
    pub columns: Vec<Label>,
    pub rows: Vec<TableRow>,
    #[serde(default)]
    pub checks: Vec<TableCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TableRow {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    /// Other words tables print for this row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The unit of a row that is not money ("个月"); empty for money.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Whether the row may be below zero (当期结余).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negative: bool,
}

/// A check between rows of a [`TableSpec`], in every column. Each is one
/// node: it computes a row from others and compares what was typed there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum TableCheck {
    /// `items` add up to `total`; with `partial` ("其中") they need only
    /// not exceed it. A blank item counts as zero, unless `allItems`: then
    /// the check waits for every item (上年结余 + 当期结余 = 累计结余).
    #[serde(rename_all = "camelCase")]
    Sum {
        items: Vec<String>,
        total: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        partial: bool,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        all_items: bool,
    },
    /// `is` = `of` − `less` (当期结余 = 收入 − 支出; may be negative).
    #[serde(rename_all = "camelCase")]
    Difference {
        of: String,
        less: String,
        is: String,
    },
    /// `is` = `num` ÷ `den` × `times`, to `decimals` places (可支付月数 =
    /// 累计结余 ÷ 支出 × 12).
    #[serde(rename_all = "camelCase")]
    Ratio {
        num: String,
        den: String,
        times: String,
        is: String,
        decimals: u32,
    },
}

impl TableSpec {
    /// The row with id `id`.
    pub fn row(&self, id: &str) -> Option<&TableRow> {
        self.rows.iter().find(|r| r.id == id)
    }

    /// The column with id `id`.
    pub fn column(&self, id: &str) -> Option<&Label> {
        self.columns.iter().find(|c| c.id == id)
    }

    /// A row's own unit ("个月"); `None` for a money row (or no such row).
    pub fn own_unit(&self, id: &str) -> Option<&str> {
        self.row(id)
            .map(|r| r.unit.as_str())
            .filter(|u| !u.is_empty())
    }
}

impl TableCheck {
    /// The row the check computes.
    pub fn output(&self) -> &str {
        match self {
            TableCheck::Sum { total, .. } => total,
            TableCheck::Difference { is, .. } | TableCheck::Ratio { is, .. } => is,
        }
    }

    /// The rows the check reads.
    pub fn inputs(&self) -> Vec<&str> {
        match self {
            TableCheck::Sum { items, .. } => items.iter().map(String::as_str).collect(),
            TableCheck::Difference { of, less, .. } => vec![of, less],
            TableCheck::Ratio { num, den, .. } => vec![num, den],
        }
    }
}

/// Upper bounds beyond which a figure is implausible (rule 9), in base units.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Plausible {
    /// Most persons a report can cover (人).
    pub max_persons: Option<String>,
    /// Largest amount (元).
    pub max_amount: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct MessageOverride {
    pub severity: Option<String>,
    pub zh: Option<String>,
    pub en: Option<String>,
}
