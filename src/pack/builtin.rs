//! Packs shipped inside the library (embedded at build time from `packs/`,
//! their layout whitespace removed by `build.rs`).

use std::sync::{Arc, OnceLock};

use super::Pack;

/// (id, JSON text) of every built-in pack.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "national-2020",
        include_str!(concat!(env!("OUT_DIR"), "/national-2020.json")),
    ),
    (
        "common-framework",
        include_str!(concat!(env!("OUT_DIR"), "/common-framework.json")),
    ),
    (
        "four-part",
        include_str!(concat!(env!("OUT_DIR"), "/four-part.json")),
    ),
    (
        "county-2017",
        include_str!(concat!(env!("OUT_DIR"), "/county-2017.json")),
    ),
    (
        "sichuan-2023",
        include_str!(concat!(env!("OUT_DIR"), "/sichuan-2023.json")),
    ),
    (
        "hubei-2021",
        include_str!(concat!(env!("OUT_DIR"), "/hubei-2021.json")),
    ),
];

pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// A built-in pack by id. Built-in packs are checked by the test suite, so
/// `None` means only "no such id". Each is read once per process (or page)
/// and shared: loading a report no longer re-reads its pack.
pub fn builtin(id: &str) -> Option<Arc<Pack>> {
    static LOADED: [OnceLock<Option<Arc<Pack>>>; BUILTIN.len()] =
        [const { OnceLock::new() }; BUILTIN.len()];
    let i = BUILTIN.iter().position(|(i, _)| *i == id)?;
    let (_, text) = BUILTIN.get(i)?;
    LOADED
        .get(i)?
        .get_or_init(|| Pack::from_json(text).ok().map(Arc::new))
        .clone()
}

/// A built-in pack's JSON text as shipped (to build a form from its tree).
pub fn builtin_json(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}

/// What a pack list shows of one pack (`jixiao packs`, `packs()` in JS).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackInfo {
    pub id: String,
    pub version: String,
    pub title: String,
    pub title_en: String,
    pub digest: String,
    /// Its 一级 indicators, with their weights as decimal strings.
    pub top: Vec<TopNode>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TopNode {
    pub id: String,
    pub name: String,
    /// A decimal string as the pack writes it (`20.0` stays `20.0`).
    #[serde(serialize_with = "as_text")]
    pub weight: rust_decimal::Decimal,
}

fn as_text<S: serde::Serializer>(d: &rust_decimal::Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

impl PackInfo {
    pub fn of(p: &Pack) -> PackInfo {
        PackInfo {
            id: p.spec.id.clone(),
            version: p.spec.version.clone(),
            title: p.spec.title.clone(),
            title_en: p.spec.title_en.clone(),
            digest: p.digest.clone(),
            top: p
                .top()
                .map(|n| TopNode {
                    id: n.id.clone(),
                    name: n.name.clone(),
                    weight: n.weight,
                })
                .collect(),
        }
    }
}

/// Every built-in pack, in shipping order; `Err(id)` names the first that
/// failed to load (a broken build: the test suite loads each).
pub fn builtin_list() -> Result<Vec<PackInfo>, &'static str> {
    BUILTIN
        .iter()
        .map(|(id, _)| builtin(id).map(|p| PackInfo::of(&p)).ok_or(*id))
        .collect()
}
