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
