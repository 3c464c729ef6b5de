//! The worst legal inputs, natively (issue 12): the largest report the
//! limits let through, every indicator line wrong, checked, uploaded and
//! verified; single keystrokes of every kind on it; one 20,000-character
//! narrative full of names; a pack with the most synonyms allowed.
//! Prints figures (median and worst of several runs, peak memory); asserts
//! nothing. Run: `cargo bench --bench worst`.
//!
//! Settings: `WORST_ONLY=keys` (or `narrative`) runs that part only;
//! `WORST_EDIT=<row>` one keystroke row, 500 times (for a profiler);
//! `WORST_BACK=1` makes each edit alternate with the field's original
//! text, so every edit is of the kind the first one is (the slowest);
//! `WORST_REPORT_OUT` / `WORST_UPLOAD_OUT` write the report and upload
//! (for timing the CLI on them); `WORST_NO_PROSE=1` leaves the texts out.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jixiao::model::report::{ExpenseLine, Item, Level, Raw};
use jixiao::{generate, narrative, pack, report_io, rules, upload, Engine, Pack};

fn raw(s: impl Into<String>) -> Raw {
    Raw(s.into())
}

/// Peak resident memory of this process so far (VmHWM), in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Median and worst of `runs` timings of `f`.
fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> (Duration, Duration) {
    let mut all: Vec<Duration> = (0..runs)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(f(i));
            t.elapsed()
        })
        .collect();
    all.sort();
    (all[all.len() / 2], all[all.len() - 1])
}

/// Prose that names lines and restates figures, `chars` characters long.
fn prose(names: &[String], chars: usize, salt: usize) -> String {
    let mut s = String::new();
    let mut i = salt;
    while s.chars().count() < chars.saturating_sub(60) {
        let name = &names[i % names.len()];
        s.push_str(&format!(
            "{name}实际完成值为{}人，得分{}分；预算执行率为99.5%，总得分为9{}.5分。",
            100 + i % 900,
            i % 10,
            i % 10
        ));
        i += 7;
    }
    s
}

/// The largest report the limits let through: 9,999 indicator lines each
/// with a wrong score, 10,000 expense lines, 10,000 per-capita levels,
/// 10,000 breakdown items, and narrative sections filling the rest of the
/// 8 MiB (each at most 20,000 characters), all naming lines.
fn worst_report(pack: &Arc<Pack>) -> String {
    let mut r = generate::report(pack, report_io::MAX_LINES - 1, 7);
    for line in r.indicators.values_mut() {
        line.score = raw("99");
    }
    r.stated.total_score = raw("100");
    r.expenses.lines = (0..report_io::MAX_ROWS)
        .map(|i| ExpenseLine {
            name: raw(format!("支出项目{i}")),
            amount: raw("1.00"),
        })
        .collect();
    r.per_capita.levels = (0..report_io::MAX_ROWS)
        .map(|i| Level {
            name: raw(format!("第{i}档补助")),
            standard: raw("10"),
            funds: raw("1"),
        })
        .collect();
    let others: usize = r.breakdowns.values().skip(1).map(|b| b.items.len()).sum();
    if let Some((_, bd)) = r.breakdowns.iter_mut().next() {
        bd.items = (0..report_io::MAX_ROWS - others)
            .map(|i| Item {
                name: raw(format!("类别{i}")),
                value: raw("1"),
            })
            .collect();
    }
    let names: Vec<String> = r
        .indicators
        .values()
        .map(|l| l.name.0.clone())
        .filter(|n| !n.is_empty())
        .collect();
    let base = report_io::to_json(&r).len();
    let section = prose(&names, 20_000, 0);
    let room = report_io::MAX_REPORT_BYTES - base - 4_096;
    let count = (room / (section.len() + 32)).min(1_000);
    let count = if std::env::var("WORST_NO_PROSE").is_ok() {
        0
    } else {
        count
    };
    for k in 0..count {
        r.narrative
            .insert(format!("section{k}"), raw(prose(&names, 20_000, k)));
    }
    report_io::to_json(&r)
}

fn main() {
    let pack = pack::builtin(generate::PACK).unwrap();
    println!("== the largest legal report");
    let text = worst_report(&pack);
    if let Ok(path) = std::env::var("WORST_REPORT_OUT") {
        std::fs::write(path, &text).unwrap();
    }
    let report = report_io::report_from_json(&text).unwrap();
    let prose_chars: usize = report.narrative.values().map(|t| t.0.chars().count()).sum();
    println!(
        "  {} bytes: {} lines, {} expense lines, {} levels, {} narrative sections ({} characters)",
        text.len(),
        report.indicators.len(),
        report.expenses.lines.len(),
        report.per_capita.levels.len(),
        report.narrative.len(),
        prose_chars
    );
    let keys_only = std::env::var("WORST_ONLY").is_ok_and(|v| v == "keys");
    if std::env::var("WORST_ONLY").is_ok_and(|v| v == "narrative") {
        return others(&pack, &report);
    }
    let mut findings = 0;
    let (med, max) = time(if keys_only { 1 } else { 3 }, |_| {
        let report = report_io::report_from_json(&text).unwrap();
        let e = Engine::new(pack.clone(), report);
        findings = e.findings().len();
        e.computed().len()
    });
    println!(
        "  check (read, evaluate, findings, computed): median {}, worst {}; {findings} findings",
        ms(med),
        ms(max)
    );
    let engine = Engine::new(pack.clone(), report.clone());
    let mut up_text = String::new();
    if keys_only {
        return keystrokes(&pack, &report);
    }
    let (med, max) = time(3, |_| {
        up_text = upload::to_json(&upload::build(&engine));
        up_text.len()
    });
    println!(
        "  upload (build and write {} bytes): median {}, worst {}",
        up_text.len(),
        ms(med),
        ms(max)
    );
    if let Ok(path) = std::env::var("WORST_UPLOAD_OUT") {
        std::fs::write(path, &up_text).unwrap();
    }
    let (med, max) = time(3, |_| {
        let v = upload::verify(&up_text, None);
        assert!(v.ok(), "{:?}", v.problems);
    });
    println!("  verify: median {}, worst {}", ms(med), ms(max));
    println!("  peak memory so far: {:.0} MB", peak_mb());

    keystrokes(&pack, &report);
    others(&pack, &report);
}

fn keystrokes(pack: &Arc<Pack>, report: &jixiao::Report) {
    println!("== single keystrokes on it (20 runs each, each a real change)");
    let mut e = Engine::new(pack.clone(), report.clone());
    let line = report.indicators.keys().nth(5_000).unwrap().clone();
    let section = report.narrative.keys().next().cloned();
    let mut edits: Vec<(String, String, [String; 2])> = vec![
        (
            "line actual".into(),
            format!("/indicators/{line}/actual"),
            ["1200人".into(), "1300人".into()],
        ),
        (
            "line score".into(),
            format!("/indicators/{line}/score"),
            ["1".into(), "2".into()],
        ),
        (
            "line name".into(),
            format!("/indicators/{line}/name"),
            ["某项指标甲".into(), "某项指标乙".into()],
        ),
        (
            "expense amount".into(),
            "/expenses/lines/5000/amount".into(),
            ["2.00".into(), "3.00".into()],
        ),
        (
            "expenses unit".into(),
            "/expenses/unit".into(),
            ["万元".into(), "元".into()],
        ),
        (
            "funds cell".into(),
            "/funds/rows/total/spent".into(),
            ["100".into(), "101".into()],
        ),
        (
            "stated total".into(),
            "/stated/totalScore".into(),
            ["90".into(), "91".into()],
        ),
    ];
    if let Some(k) = section {
        let t = report.narrative[&k].0.clone();
        let cut: String = t.chars().take(19_990).collect();
        edits.push((
            "narrative (20,000 characters)".into(),
            format!("/narrative/{k}"),
            [format!("{cut}甲"), format!("{cut}乙")],
        ));
    }
    // WORST_EDIT=<what>: that edit only, 500 times (for a profiler).
    let only = std::env::var("WORST_EDIT").ok();
    if std::env::var("WORST_BACK").is_ok() {
        for (_, path, values) in edits.iter_mut() {
            values[1] = e
                .report()
                .clone()
                .field_mut(path)
                .map(|f| f.0.clone())
                .unwrap_or_default();
        }
    }
    for (what, path, values) in &edits {
        if only.as_ref().is_some_and(|o| o != what) {
            continue;
        }
        let runs = if only.is_some() { 500 } else { 20 };
        let (med, max) = time(runs, |i| e.set(path, &values[i % 2]).unwrap().added.len());
        println!("  {what:<32} median {}, worst {}", ms(med), ms(max));
    }
}

/// One 20,000-character sentence made of `part(0)`, `part(1)` … read 20
/// times: the median and worst.
fn one_sentence(what: &str, vocab: &narrative::Vocabulary, part: impl Fn(usize) -> String) {
    println!("== one 20,000-character sentence of {what}");
    let mut sentence = String::new();
    let mut i = 0usize;
    while sentence.chars().count() < 19_900 {
        sentence.push_str(&part(i));
        i += 1;
    }
    let mut found = 0;
    let (med, max) = time(20, |_| {
        found = narrative::recognise(&sentence, vocab, Some(2022)).len();
    });
    println!(
        "  recognise: median {}, worst {}; {found} statements",
        ms(med),
        ms(max)
    );
}

fn others(pack: &Arc<Pack>, report: &jixiao::Report) {
    println!("== one 20,000-character narrative naming many lines");
    let names: Vec<String> = report
        .indicators
        .values()
        .map(|l| l.name.0.clone())
        .collect();
    let vocab = rules::narrative::vocabulary(pack, report);
    let text = prose(&names, 20_000, 3);
    let mut found = 0;
    let (med, max) = time(20, |_| {
        found = narrative::recognise(&text, &vocab, Some(2022)).len();
    });
    println!(
        "  {} names; recognise: median {}, worst {}; {found} statements",
        vocab.len(),
        ms(med),
        ms(max)
    );

    let small = generate::report(pack, 20, 1);
    let rows_vocab = rules::narrative::vocabulary(pack, &small);
    // No sentence end: every figure is read against every row, list and
    // year of the one sentence (the worst case of the per-sentence passes).
    one_sentence("funds rows, lists, years and verbs", &rows_vocab, |i| {
        format!(
                "中央财政资金到位{}万元、县级配套资金{}万元，实际分别支出{}万元和{}万元，{}年度项目支出{}万元，得分{}分，",
                i % 97,
                i % 89,
                i % 83,
                i % 79,
                2000 + i % 30,
                i % 73,
                i % 10
            )
    });
    // Formulas with named terms and operands, totals after listed scores
    // (each walks the pack's tree), and clauses of many "=" that are no
    // formula.
    // Nothing but node scores and totals: every figure a statement.
    one_sentence("listed scores and totals", &rows_vocab, |i| {
        format!(
            "产出指标得{}分、效益指标得{}分，合计{}分，",
            i % 50,
            i % 30,
            i % 80
        )
    });
    // No break at all: node names, weights in brackets and points run
    // together, so no look back may reach the sentence's start.
    one_sentence("node names and points with no break", &rows_vocab, |i| {
        format!("决策（{}分）产出{}分", i % 40, i % 50)
    });
    one_sentence("formulas, sums of scores and = chains", &rows_vocab, |i| {
        format!(
            "预算执行率=实际支出/全年预算数×100%={}/{}×100%={}%，执行率=全年执行数{}万元÷全年预算数{}万元=100%，产出指标得{}分、效益指标得{}分，合计{}分，{}",
            600 + i % 97,
            614 + i % 89,
            90 + i % 10,
            i % 83,
            i % 79,
            i % 50,
            i % 30,
            i % 80,
            "实际支出=全年预算数=".repeat(1 + i % 7)
        )
    });

    println!("== a pack with the most synonyms allowed (2,000)");
    let mut spec: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/packs/national-2020.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let many: Vec<String> = (0..2_000).map(|i| format!("执行率别名{i}")).collect();
    spec["synonyms"] = serde_json::json!({ "budgetExecution": many });
    let big = Arc::new(Pack::from_json(&spec.to_string()).unwrap());
    let vocab = rules::narrative::vocabulary(&big, &small);
    let text = prose(
        &(0..2_000)
            .map(|i| format!("执行率别名{i}"))
            .collect::<Vec<_>>(),
        20_000,
        1,
    );
    let (med, max) = time(20, |_| {
        narrative::recognise(&text, &vocab, Some(2022)).len()
    });
    println!(
        "  {} names; recognise 20,000 characters: median {}, worst {}",
        vocab.len(),
        ms(med),
        ms(max)
    );
    println!("peak memory: {:.0} MB", peak_mb());
}
