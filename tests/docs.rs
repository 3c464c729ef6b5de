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

/// The README's short example is what the CLI prints: its command run as
/// written, every line it shows (but the "…" that stand for lines left
/// out) found in the output, in order.
#[test]
fn readme_example_is_what_the_cli_prints() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let section = readme
        .split("## A short example")
        .nth(1)
        .expect("README has a short example");
    let block = section
        .split("```console\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("the example is a console block");
    let mut lines = block.lines();
    let command = lines.next().unwrap_or("");
    let args: Vec<&str> = command
        .strip_prefix("$ cargo run -q -- ")
        .expect("the example runs the CLI")
        .split_whitespace()
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(&args)
        .current_dir(root)
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    let mut rest = printed.lines();
    let mut shown = 0;
    for want in lines.filter(|l| l.trim() != "…") {
        shown += 1;
        assert!(
            rest.any(|l| l == want),
            "README example line not printed (in this order): {want:?}\n\nprinted:\n{printed}"
        );
    }
    assert!(shown >= 10, "the example shows {shown} lines");
}

/// The nesting limit the docs state is the parser's.
#[test]
fn docs_state_the_nesting_limit() {
    let root = env!("CARGO_MANIFEST_DIR");
    let depth = jixiao::report_io::MAX_JSON_DEPTH;
    let format = std::fs::read_to_string(format!("{root}/docs/report-format.md")).unwrap();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(
        format.contains(&format!("nested deeper than {depth} levels")),
        "docs/report-format.md does not say {depth} levels"
    );
    assert!(
        readme.contains(&format!("nesting {depth} levels")),
        "README does not say {depth} levels"
    );
}
