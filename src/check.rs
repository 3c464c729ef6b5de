//! What checking gives, as the CLI prints it and the JavaScript API
//! returns it: a checked report's JSON and text, a finding's line, a
//! verification's text, the pack list's text. The CLI only reads files
//! and writes these out.

use indexmap::IndexMap;
use serde::Serialize;

use crate::engine::{Computed, Engine};
use crate::finding::Finding;

use crate::pack::PackInfo;
use crate::upload::{Summary, Verified};

/// The language of text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// Which pack checked a report.
#[derive(Debug, Serialize)]
pub struct PackRef<'a> {
    pub id: &'a str,
    pub version: &'a str,
    pub digest: &'a str,
}

/// One checked report: its pack, computed values, findings and their
/// count by severity. Written from borrowed parts: no JSON value tree of
/// the whole result (70 MB for the largest legal report).
#[derive(Debug, Serialize)]
pub struct Checked<'a> {
    pub pack: PackRef<'a>,
    pub computed: IndexMap<String, Computed>,
    pub findings: &'a [Finding],
    pub summary: Summary,
}

impl<'a> Checked<'a> {
    pub fn of(engine: &'a Engine, findings: &'a [Finding]) -> Checked<'a> {
        let p = engine.pack();
        Checked {
            pack: PackRef {
                id: &p.spec.id,
                version: &p.spec.version,
                digest: &p.digest,
            },
            computed: engine.computed(),
            findings,
            summary: Summary::of(findings),
        }
    }
}

/// A report that could not be checked (unreadable, unknown pack).
#[derive(Debug, Serialize)]
pub struct Unusable<'a> {
    pub unusable: bool,
    pub findings: &'a [Finding],
    pub summary: Summary,
}

impl<'a> Unusable<'a> {
    pub fn of(findings: &'a [Finding]) -> Unusable<'a> {
        Unusable {
            unusable: true,
            findings,
            summary: Summary::of(findings),
        }
    }
}

/// The zh-CN name of every computed value, by path, in the order the
/// engine lists them (`jixiao check`'s text, `computedLabels()` in JS).
pub fn computed_labels(engine: &Engine) -> IndexMap<String, String> {
    let (pack, report) = (engine.pack(), engine.report());
    engine
        .computed()
        .into_keys()
        .map(|p| {
            let label = crate::rules::fields::computed_label(pack, report, &p);
            (p, label)
        })
        .collect()
}

/// Whether any finding is an error (a check's exit status 1).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

/// A checked report as text: project, framework, every computed value by
/// its label, the findings with their hints.
pub fn text(engine: &Engine, findings: &[Finding], lang: Lang) -> String {
    let pack = engine.pack();
    let report = engine.report();
    let name = report.basic.project_name.as_str().trim();
    let en = lang == Lang::En;
    let mut out = String::new();
    let mut put = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    let shown_name = if name.is_empty() {
        "（未填写）"
    } else {
        name
    };
    put(&format!(
        "{}{shown_name}",
        if en { "Project: " } else { "项目：" }
    ));
    let title = if en && !pack.spec.title_en.is_empty() {
        &pack.spec.title_en
    } else {
        &pack.spec.title
    };
    put(&format!(
        "{}{title} ({} {})",
        if en { "Framework: " } else { "评价体系：" },
        pack.spec.id,
        pack.spec.version
    ));
    put("");
    put(if en { "Computed" } else { "计算结果" });
    for (path, c) in engine.computed() {
        let label = crate::rules::fields::computed_label(pack, report, &path);
        put(&format!("  {}  {}{}", pad(&label, 34), c.value, c.unit));
    }
    put("");
    let s = Summary::of(findings);
    put(&if en {
        format!(
            "Findings: {} errors, {} warnings, {} notes",
            s.errors, s.warnings, s.infos
        )
    } else {
        format!(
            "检查结果：{} 个错误，{} 个警告，{} 个提示",
            s.errors, s.warnings, s.infos
        )
    });
    for f in findings {
        put(&format!("  {}", line(f, lang)));
        let hint = if en {
            f.hint_en.as_deref()
        } else {
            f.hint.as_deref()
        };
        if let Some(h) = hint {
            put(&format!("      {}{h}", if en { "fix: " } else { "建议：" }));
        }
    }
    out
}

/// A finding in two lines: severity, code and path; then its message.
pub fn line(f: &Finding, lang: Lang) -> String {
    let (sev, msg) = match lang {
        Lang::Zh => (f.severity.zh().to_string(), &f.message),
        Lang::En => (format!("{:?}", f.severity).to_lowercase(), &f.message_en),
    };
    format!("[{sev}] {} {}\n      {msg}", f.code, f.path())
}

/// Pad to a terminal width, counting CJK characters as two columns.
fn pad(s: &str, width: usize) -> String {
    let w: usize = s
        .chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// A verification as text: passed or not, its problems, and what the
/// fresh check found.
pub fn verify_text(v: &Verified, lang: Lang) -> String {
    let mut out = String::new();
    if v.ok() {
        out.push_str(if lang == Lang::En {
            "upload verified: digest, pack and every figure match\n"
        } else {
            "复核通过：摘要、评价体系与全部计算结果一致\n"
        });
    }
    for p in &v.problems {
        out.push_str(&format!("  {}\n", line(p, lang)));
    }
    let s = Summary::of(&v.findings);
    let fresh = match (v.evaluated, lang) {
        (false, Lang::En) => {
            "not checked again: the upload failed the cheaper checks above".to_string()
        }
        (false, Lang::Zh) => "未重新检查：上报数据未通过以上核对".to_string(),
        (true, Lang::En) => format!(
            "fresh check: {} errors, {} warnings, {} notes",
            s.errors, s.warnings, s.infos
        ),
        (true, Lang::Zh) => format!(
            "重新检查：{} 个错误，{} 个警告，{} 个提示",
            s.errors, s.warnings, s.infos
        ),
    };
    out.push_str(&fresh);
    out.push('\n');
    out
}

/// The pack list as text: id, version, title; then the 一级 indicators
/// with their weights.
pub fn packs_text(list: &[PackInfo]) -> String {
    let mut out = String::new();
    for p in list {
        let top: Vec<String> = p
            .top
            .iter()
            .map(|n| format!("{} {}", n.name, n.weight.normalize()))
            .collect();
        out.push_str(&format!("{:<18} {}  {}\n", p.id, p.version, p.title));
        out.push_str(&format!("{:<18} 一级指标：{}\n", "", top.join(" / ")));
    }
    out
}
