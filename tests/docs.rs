//! docs/findings.md is generated from the code catalogue; this test fails
//! when they drift. Regenerate with `UPDATE_DOCS=1 cargo test --test docs`.

use jixiao::Code;

fn catalogue() -> String {
    let mut out = String::from(
        "# Finding codes\n\nGenerated from `src/codes.rs` by `tests/docs.rs`; do not edit by hand.\n\
         Codes are stable: a shipped code never changes meaning. A pack may override a code's\n\
         severity and texts (`messages`), never add codes.\n\n\
         | code | default severity | message (zh-CN) | message (en) |\n|---|---|---|---|\n",
    );
    for c in Code::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            c.as_str(),
            format!("{:?}", c.severity()).to_lowercase(),
            c.zh().replace('|', "\\|"),
            c.en().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn findings_doc_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/findings.md");
    let want = catalogue();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/findings.md is stale: run UPDATE_DOCS=1 cargo test --test docs"
    );
}

#[test]
fn codes_are_unique_and_shaped() {
    let mut seen = std::collections::BTreeSet::new();
    for c in Code::ALL {
        assert!(seen.insert(c.as_str()), "{} twice", c.as_str());
        assert!(c
            .as_str()
            .chars()
            .all(|ch| ch.is_ascii_uppercase() || ch == '_'));
        assert_eq!(Code::parse(c.as_str()), Some(*c));
        assert!(!c.zh().is_empty() && !c.en().is_empty());
    }
}
