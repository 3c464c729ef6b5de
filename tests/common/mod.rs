//! Helpers shared by the integration tests (each test crate uses some).
#![allow(dead_code)]

use serde_json::Value;

/// Every leaf of a JSON value (string, number, flag or null), as JSON
/// Pointers, in document order.
pub fn leaves(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let token = k.replace('~', "~0").replace('/', "~1");
                leaves(x, format!("{path}/{token}"), out)
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{path}/{i}"), out)
            }
        }
        _ => out.push(path),
    }
}

/// The seed-derived and clean reports every built-in pack has, by file name
/// in `tests/fixtures/reports/`.
pub const REPORTS: &[&str] = &[
    "seed-000.json",
    "seed-001.json",
    "seed-004.json",
    "clean-common.json",
    "clean-four-part.json",
    "clean-county.json",
    "clean-hubei-2021.json",
];

/// A fixture report under the built-in pack it names, evaluated.
pub fn engine(name: &str) -> jixiao::Engine {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name);
    let report =
        jixiao::report_io::report_from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    jixiao::Engine::new(jixiao::resolve_pack(&report, None).unwrap(), report)
}

/// (code, path) of a pack's load errors; empty when it loads.
pub fn pack_errors(v: &Value) -> Vec<(String, String)> {
    match jixiao::Pack::from_json(&v.to_string()) {
        Ok(_) => vec![],
        Err(fs) => fs
            .into_iter()
            .map(|f| (f.code.clone(), f.path().to_string()))
            .collect(),
    }
}

/// A statement labelled in a narrative corpus (`tests/narrative/`): what
/// the recogniser should find, and where (`at`, the `nth` time it occurs).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub subject: String,
    pub attr: String,
    pub value: String,
    pub unit: String,
    pub at: String,
    pub nth: usize,
}

/// A statement as compared: subject, attribute, value, unit and its
/// character span.
pub type Key = (String, String, String, String, usize, usize);

/// Character span of the nth occurrence of `needle` in `text`.
pub fn char_span(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let (byte, _) = text.match_indices(needle).nth(nth)?;
    let start = text.get(..byte)?.chars().count();
    Some((start, start + needle.chars().count()))
}

impl Label {
    /// The label as compared, or None when its span is not in `text`.
    pub fn key(&self, text: &str) -> Option<Key> {
        let (a, b) = char_span(text, &self.at, self.nth)?;
        let s = |x: &String| x.clone();
        // A number as its value ("66.40" is 66.4, as the recogniser's
        // figures are compared).
        let value = self
            .value
            .parse::<rust_decimal::Decimal>()
            .map_or_else(|_| self.value.clone(), |d| d.normalize().to_string());
        Some((s(&self.subject), s(&self.attr), value, s(&self.unit), a, b))
    }
}

/// What the recogniser finds in `text`, as compared with labels. A
/// formula's bare operand ("=1208.75/1208.75×100%") is compared in the
/// report's funds unit (`funds_unit`), and so reads in it here.
pub fn recognised(
    text: &str,
    vocab: &jixiao::narrative::Vocabulary,
    year: Option<u32>,
    funds_unit: &str,
) -> std::collections::BTreeSet<Key> {
    use jixiao::narrative::Stated;
    jixiao::narrative::recognise(text, vocab, year)
        .into_iter()
        .map(|s| {
            let (value, unit) = match s.value {
                Stated::Figure(q) if q.unit == jixiao::parse::Unit::None => {
                    (q.value.normalize().to_string(), funds_unit.to_string())
                }
                Stated::Figure(q) => (q.value.normalize().to_string(), q.unit.text().to_string()),
                Stated::Grade(g) => (g, String::new()),
            };
            (
                s.subject.to_string(),
                s.attr.as_str().to_string(),
                value,
                unit,
                s.start,
                s.end,
            )
        })
        .collect()
}

/// The unit a report's funds table is in (万元 unless it says 元).
pub fn funds_unit(r: &jixiao::Report) -> &'static str {
    match r.funds.unit.as_str().trim() {
        "元" => "元",
        _ => "万元",
    }
}

/// The dimension of a figure as a finding writes it ("614.49万元", "7.19分",
/// "12.59万"): None for a grade or words.
pub fn written_dim(s: &str) -> Option<jixiao::parse::Dim> {
    let s = jixiao::parse::normalize_width(s.trim());
    let unit =
        s.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+'));
    if unit.len() == s.len() {
        return None;
    }
    jixiao::parse::Unit::from_text(unit.trim()).map(|u| u.dim())
}

/// How many narrative findings compare a stated figure with a figure of
/// another dimension (money with a head count …): must be none. "万" alone
/// is read in the dimension of what it is compared with.
pub fn cross_dimension(findings: &[jixiao::Finding]) -> usize {
    use jixiao::parse::Dim;
    findings
        .iter()
        .filter(|f| f.code == "NARRATIVE_MISMATCH")
        .filter(|f| {
            let stated = f.actual.as_deref().and_then(written_dim);
            let table = f.expected.as_deref().and_then(written_dim);
            match (stated, table) {
                (Some(Dim::Bare), Some(Dim::Money | Dim::Persons)) => false,
                // A table figure typed without a unit has no dimension.
                (Some(_), Some(Dim::Bare)) => false,
                // "人均补助610元": 元 after a per-capita name is read as 元/人.
                (Some(Dim::Money), Some(Dim::PerCapita)) => !f
                    .actual
                    .as_deref()
                    .is_some_and(|a| a.trim().ends_with('元')),
                (Some(a), Some(b)) => a != b,
                // A figure against a grade, or a grade against a figure.
                (Some(_), None) | (None, Some(_)) => true,
                (None, None) => false,
            }
        })
        .count()
}
