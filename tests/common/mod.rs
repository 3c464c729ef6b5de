//! Helpers shared by the integration tests.

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
