//! jixiao (绩效): checks and computes Chinese project performance
//! self-evaluation reports (项目支出绩效自评表) with exact decimal arithmetic.
//!
//! The core is pure: it takes a rule pack and a report (values, not files)
//! and returns computed values and findings; it knows nothing of the
//! browser (no `target_arch` in it). The CLI (`src/bin`: arguments and I/O)
//! and the WebAssembly bindings with the DOM layer (`bindings/wasm`, a
//! crate of its own) are thin layers over it.
//!
//! ```
//! use jixiao::{pack, report_io, Engine};
//! let pack = pack::builtin("national-2020").unwrap();
//! let report = report_io::report_from_json(r#"{"pack":"national-2020"}"#).unwrap();
//! let mut engine = Engine::new(pack, report);
//! let change = engine.set("/funds/rows/total/budget", "166.96").unwrap();
//! assert!(change.removed.iter().any(|f| f.code == "REQUIRED_MISSING"));
//! ```

// No panics on input: no unwrap/expect/panic/indexing, and no arithmetic
// operator that can overflow (`+ - * /` on Decimal panic on overflow; on
// integers they panic in debug builds): every operation is a checked_*,
// saturating_* or provably bounded one.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod calc;
pub mod check;
pub mod codes;
pub mod digest;
pub mod engine;
pub mod fieldmap;
pub mod finding;
pub mod generate;
pub mod graph;
pub mod json_text;
pub mod labels;
pub mod model;
pub mod narrative;
pub mod pack;
pub mod parse;
pub mod report_io;
pub mod rules;
pub mod sort;
pub mod upload;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use codes::Code;
pub use engine::{Change, Computed, Engine, Input};
pub use finding::{Finding, Severity};
pub use model::Report;
pub use pack::Pack;

/// Version of the report format (`schemaVersion` in report JSON).
pub const REPORT_SCHEMA_VERSION: &str = "1";

use std::sync::Arc;

/// The pack a report asks for: `pack_override` (an id or pack JSON text)
/// if given, else the report's own `pack` id among the built-in packs.
pub fn resolve_pack(
    report: &Report,
    pack_override: Option<&str>,
) -> Result<Arc<Pack>, Vec<Finding>> {
    match pack_override {
        Some(arg) => pack_from_arg(arg),
        // A report names its pack by id only, never by embedded pack text.
        None => pack::builtin(&report.pack).ok_or_else(|| vec![unknown_pack(&report.pack)]),
    }
}

/// A pack as the CLI and the JavaScript API are given one: pack JSON text
/// (starting with `{`), else a built-in pack's id.
pub fn pack_from_arg(arg: &str) -> Result<Arc<Pack>, Vec<Finding>> {
    if json_text::strip_bom(arg).trim_start().starts_with('{') {
        Pack::from_json(arg).map(Arc::new)
    } else {
        pack::builtin(arg).ok_or_else(|| vec![unknown_pack(arg)])
    }
}

fn unknown_pack(id: &str) -> Finding {
    // An id is short: whatever else arrived here is quoted only in part.
    let shown: String = id.chars().take(64).collect();
    finding::plain(
        Code::ReportPackMismatch,
        "/pack",
        finding::Args::default()
            .actual(shown)
            .expected(pack::builtin_ids().join("、")),
    )
}
