//! Embed the built-in packs (`packs/*.json`) without the whitespace that
//! lays them out for people: the same JSON, about a third smaller in the
//! WebAssembly module. Nothing else: a pack's digest is over its
//! canonical form, not these bytes.

use std::path::Path;

fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\n' | '\r' | '\t') {
            out.push(c);
        }
    }
    out
}

fn main() {
    println!("cargo:rerun-if-changed=packs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let entries = std::fs::read_dir("packs").expect("packs/ beside Cargo.toml");
    for entry in entries {
        let path = entry.expect("a readable packs/ entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).expect("a UTF-8 pack");
            let name = path.file_name().expect("a file name");
            std::fs::write(Path::new(&out).join(name), minify(&text)).expect("OUT_DIR writable");
        }
    }
}
