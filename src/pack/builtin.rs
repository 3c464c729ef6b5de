//! Packs shipped inside the library (embedded at build time from `packs/`).

use std::sync::{Arc, OnceLock};

use super::Pack;

/// (id, JSON text) of every built-in pack.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "national-2020",
        include_str!("../../packs/national-2020.json"),
    ),
    (
        "common-framework",
        include_str!("../../packs/common-framework.json"),
    ),
    ("four-part", include_str!("../../packs/four-part.json")),
    ("county-2017", include_str!("../../packs/county-2017.json")),
    (
        "sichuan-2023",
        include_str!("../../packs/sichuan-2023.json"),
    ),
    ("hubei-2021", include_str!("../../packs/hubei-2021.json")),
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
