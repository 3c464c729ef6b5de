//! Loading and checking rule packs. A loaded [`Pack`] has every decimal
//! parsed and every cross-reference checked, so the rules never meet a bad
//! pack. Problems are all collected (not just the first), each naming the
//! place in the pack JSON.

mod builtin;
mod validate;

pub use builtin::{builtin, builtin_ids, builtin_json, builtin_list, PackInfo, TopNode, BUILTIN};

use std::collections::HashMap;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::codes::Code;
use crate::digest::{canonical_json, sha256_hex};
use crate::finding::{self, Args, Finding, MessageSource, Severity};
use crate::model::pack::{Column, Grade, Method, PackSpec, RateSource, RowRole, Tier};

/// Largest pack JSON accepted.
pub const MAX_PACK_BYTES: usize = 1 << 20;
/// Most nodes in a pack's tree.
pub const MAX_PACK_NODES: usize = 5_000;
/// Deepest tree.
pub const MAX_PACK_DEPTH: usize = 6;

/// What a tree node is.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// Sums its children (pack nodes).
    Branch(Vec<String>),
    /// Sums lines the report adds.
    Open,
    /// A fixed 三级 line.
    Line {
        method: Method,
        source: Option<RateSource>,
        target: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub id: String,
    /// Where the node is in the pack JSON.
    pub pointer: String,
    pub name: String,
    pub name_en: String,
    pub weight: Decimal,
    pub parent: Option<String>,
    pub depth: usize,
    pub kind: NodeKind,
    /// An open node whose weight the report chooses (see `Node::chosen`).
    pub chosen: bool,
    /// A chosen node that must have lines (see `Node::required`).
    pub required: bool,
    /// Its own or an ancestor's `scoreEntry` (None: the pack's).
    pub score_entry: Option<crate::model::pack::ScoreEntry>,
    /// Lines under it are usually upper bounds (see `Node::upper_bound`).
    pub upper_bound: bool,
    /// A bare figure target under it reads as "≥" (see `Node::bare_at_least`).
    pub bare_at_least: bool,
    /// Lines named as a computed rate are scored as it (see
    /// `Node::rate_lines`).
    pub rate_lines: bool,
    /// Lines under it have no 分值 (see `Node::unweighted`).
    pub unweighted: bool,
    /// How the lines a report adds under this open node are scored
    /// (`manual` for rubric items; else `auto`).
    pub line_method: crate::model::pack::Method,
}

#[derive(Debug, Clone)]
pub struct TierBand {
    pub min: Decimal,
    pub max: Decimal,
    pub tier: Tier,
}

impl TierBand {
    /// Whether `pct` (score as % of weight) lies in the band.
    pub fn contains(&self, pct: Decimal) -> bool {
        pct >= self.min && (pct < self.max || (self.tier.max_inclusive && pct == self.max))
    }
}

/// Tolerances as decimals.
#[derive(Debug, Clone)]
pub struct Tol {
    pub per_capita_funds: Decimal,
    pub target_too_low: Decimal,
    pub unspent_share: Decimal,
    pub score_spend_gap: Decimal,
    pub unit_slip_min: Decimal,
    pub unit_slip_max: Decimal,
}

/// A checked pack, ready for the engine.
#[derive(Debug, Clone)]
pub struct Pack {
    pub spec: PackSpec,
    /// SHA-256 of the pack's canonical JSON.
    pub digest: String,
    /// Every tree node by id, parents before children.
    pub nodes: IndexMap<String, NodeInfo>,
    /// Grades, best (highest minimum) first.
    pub grades: Vec<(Decimal, Grade)>,
    pub tiers: Vec<TierBand>,
    pub tol: Tol,
    pub max_persons: Option<Decimal>,
    pub max_amount: Option<Decimal>,
    messages: HashMap<Code, (Severity, String, String)>,
    /// The narrative's names that follow from the pack alone, made on
    /// first use and shared by every report checked under it (they were
    /// remade for every report loaded: most of a small report's build).
    pub(crate) vocabulary: std::sync::OnceLock<std::sync::Arc<crate::narrative::Vocabulary>>,
}

impl Pack {
    /// Parse and check a pack from JSON text.
    pub fn from_json(text: &str) -> Result<Pack, Vec<Finding>> {
        if text.len() > MAX_PACK_BYTES {
            return Err(vec![finding::plain(
                Code::PackTooLarge,
                "",
                Args::default()
                    .actual(format!("{} 字节", text.len()))
                    .expected(format!("{MAX_PACK_BYTES} 字节")),
            )]);
        }
        let text = crate::json_text::strip_bom(text);
        let spec: PackSpec = crate::json_text::read(text, Some(crate::report_io::pack_array_ok))
            .map_err(|p| vec![crate::report_io::json_finding(Code::PackJson, p)])?;
        Pack::from_spec(spec)
    }

    /// Check a pack given as data.
    pub fn from_spec(spec: PackSpec) -> Result<Pack, Vec<Finding>> {
        validate::check(spec)
    }

    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// Top-level node ids, in order.
    pub fn top(&self) -> impl Iterator<Item = &NodeInfo> {
        self.nodes.values().filter(|n| n.parent.is_none())
    }

    /// How staff give the score of line `id` (under `parent` when the
    /// report adds it): a fixed line's own node, or an added line's parent,
    /// says so, else the pack.
    pub fn score_entry(&self, id: &str, parent: &str) -> crate::model::pack::ScoreEntry {
        self.node(id)
            .or_else(|| self.node(parent))
            .and_then(|n| n.score_entry)
            .unwrap_or(self.spec.scoring.score_entry)
    }

    pub fn node(&self, id: &str) -> Option<&NodeInfo> {
        self.nodes.get(id)
    }

    pub fn has_column(&self, c: Column) -> bool {
        self.spec.funds.columns.iter().any(|x| x.id == c)
    }

    pub fn column_name(&self, c: Column) -> (&str, &str) {
        self.spec
            .funds
            .columns
            .iter()
            .find(|x| x.id == c)
            .map(|x| (x.name.as_str(), x.name_en.as_str()))
            .unwrap_or((c.id(), c.id()))
    }

    /// The id of the 合计 row.
    pub fn total_row(&self) -> Option<&str> {
        self.spec
            .funds
            .rows
            .iter()
            .find(|r| r.role == RowRole::Total)
            .map(|r| r.id.as_str())
    }

    /// Grade for a total score.
    pub fn grade_of(&self, total: Decimal) -> Option<&Grade> {
        self.grades
            .iter()
            .find(|(min, _)| total >= *min)
            .map(|(_, g)| g)
    }

    /// The grade a stated word names (name or alias).
    pub fn grade_named(&self, word: &str) -> Option<&Grade> {
        // Spaces inside are layout ("优 秀" in a justified cell).
        let w: String = word
            .trim()
            .trim_matches(['"', '“', '”', '「', '」'])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        self.grades
            .iter()
            .map(|(_, g)| g)
            .find(|g| g.name == w || g.aliases.contains(&w))
    }

    pub fn digest_of(spec: &PackSpec) -> String {
        let value = serde_json::to_value(spec).unwrap_or(serde_json::Value::Null);
        sha256_hex(canonical_json(&value).as_bytes())
    }
}

impl MessageSource for Pack {
    fn template(&self, code: Code) -> (Severity, &str, &str) {
        match self.messages.get(&code) {
            Some((s, zh, en)) => (*s, zh.as_str(), en.as_str()),
            None => (code.severity(), code.zh(), code.en()),
        }
    }
}
