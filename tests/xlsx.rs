//! Excel import and export (src/xlsx). Round trips here; workbooks made
//! by an independent writer (openpyxl) in `tests/xlsx/`, read through the
//! CLI in tests/cli.rs's manner below.
#![cfg(feature = "xlsx")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jixiao::{pack, report_io, xlsx, Report};
use proptest::prelude::*;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A report as JSON with what carries nothing removed: empty strings,
/// then objects and list items left empty.
fn pruned(r: &Report) -> Value {
    fn prune(v: Value) -> Option<Value> {
        match v {
            Value::String(s) if s.is_empty() => None,
            Value::Object(m) => {
                let m: serde_json::Map<String, Value> = m
                    .into_iter()
                    .filter_map(|(k, v)| prune(v).map(|v| (k, v)))
                    .collect();
                (!m.is_empty()).then_some(Value::Object(m))
            }
            Value::Array(a) => {
                let a: Vec<Value> = a.into_iter().filter_map(prune).collect();
                (!a.is_empty()).then_some(Value::Array(a))
            }
            v => Some(v),
        }
    }
    prune(serde_json::to_value(r).unwrap()).unwrap_or(Value::Null)
}

/// A built-in pack, else a test pack of tests/fixtures/packs (which
/// import must then be given).
fn pack_of(report: &Report) -> (Arc<jixiao::Pack>, bool) {
    match jixiao::resolve_pack(report, None) {
        Ok(p) => (p, true),
        Err(_) => {
            let dir = root().join("tests/fixtures/packs");
            for e in std::fs::read_dir(dir).unwrap() {
                let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
                if let Ok(p) = jixiao::Pack::from_json(&text) {
                    if p.id() == report.pack {
                        return (Arc::new(p), false);
                    }
                }
            }
            panic!("no pack {}", report.pack)
        }
    }
}

/// Indicator lines that carry something (an empty one says nothing).
fn lines_with_content(r: &Report) -> usize {
    r.indicators
        .values()
        .filter(|l| {
            [
                &l.name,
                &l.weight,
                &l.target,
                &l.actual,
                &l.completion_rate,
                &l.score,
                &l.reason,
            ]
            .iter()
            .any(|x| !x.as_str().is_empty())
        })
        .count()
}

fn round_trip(report: &Report) -> (Report, Vec<jixiao::Finding>) {
    let (pack, builtin) = pack_of(report);
    let bytes = xlsx::export(report, Arc::clone(&pack)).unwrap();
    let back = xlsx::import(&bytes, (!builtin).then_some(pack)).unwrap();
    (back.report, back.findings)
}

fn fixture_reports() -> Vec<(String, Report)> {
    let mut out = Vec::new();
    for dir in ["tests/fixtures/reports", "tests/fixtures/real"] {
        let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let report = if dir.ends_with("real") {
                let v: Value = serde_json::from_str(&text).unwrap();
                report_io::report_from_json(&v["report"].to_string()).unwrap()
            } else {
                report_io::report_from_json(&text).unwrap()
            };
            out.push((
                f.file_name().unwrap().to_string_lossy().into_owned(),
                report,
            ));
        }
    }
    out
}

/// Every fixture report (each built-in pack, the seeds, 35 real reports)
/// exported and imported again is the same report, with no cell left
/// unplaced.
#[test]
fn every_fixture_report_survives_export_and_import() {
    let reports = fixture_reports();
    assert!(reports.len() >= 40, "{} reports", reports.len());
    let mut failed = Vec::new();
    for (name, report) in &reports {
        let (back, findings) = round_trip(report);
        if pruned(&back) != pruned(report) {
            failed.push(format!(
                "{name}:\n  want {}\n  got  {}",
                pruned(report),
                pruned(&back)
            ));
        }
        // No empty lines appear (the fixed lines' printed names and weights
        // are not typed figures).
        assert_eq!(back.indicators.len(), lines_with_content(report), "{name}");
        let unplaced: Vec<_> = findings
            .iter()
            .filter(|f| f.code == "XLSX_UNPLACED")
            .collect();
        assert!(unplaced.is_empty(), "{name}: {unplaced:?}");
    }
    assert!(
        failed.is_empty(),
        "{} of {}:\n{}",
        failed.len(),
        reports.len(),
        failed.join("\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Generated reports (national-2020, any size, typical mistakes)
    /// come back from their workbook unchanged.
    #[test]
    fn generated_reports_survive_export_and_import(lines in 1usize..80, seed in 0u64..1_000_000) {
        let pack = pack::builtin("national-2020").unwrap();
        let report = jixiao::generate::report(&pack, lines, seed);
        let bytes = xlsx::export(&report, Arc::clone(&pack)).unwrap();
        let back = xlsx::import(&bytes, None).unwrap();
        prop_assert_eq!(pruned(&back.report), pruned(&report));
        prop_assert_eq!(back.report.indicators.len(), lines_with_content(&report));
    }
}

fn export_of(path: &Path) -> Vec<u8> {
    let report = report_io::report_from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pack = jixiao::resolve_pack(&report, None).unwrap();
    xlsx::export(&report, pack).unwrap()
}

/// Computed values fill the cells staff left blank, and import reads them
/// back as computed (not as figures staff stated).
#[test]
fn computed_cells_are_filled_and_not_read_back_as_stated() {
    let bytes = export_of(&root().join("tests/fixtures/reports/seed-004.json"));
    let back = xlsx::import(&bytes, None).unwrap().report;
    let original = report_io::report_from_json(
        &std::fs::read_to_string(root().join("tests/fixtures/reports/seed-004.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(back.stated.grade, original.stated.grade);
    assert_eq!(back.stated.total_score, original.stated.total_score);
}

#[test]
fn hostile_bytes_give_coded_errors() {
    for (bytes, code) in [
        (b"not a zip at all".to_vec(), "XLSX_UNREADABLE"),
        (vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0], "XLSX_UNREADABLE"),
        (b"PK\x03\x04broken".to_vec(), "XLSX_UNREADABLE"),
        (vec![0u8; xlsx::LIMITS.file_bytes + 1], "XLSX_TOO_LARGE"),
    ] {
        let err = xlsx::import(&bytes, None).unwrap_err();
        assert_eq!(err.code, code);
        assert!(!err.message.is_empty());
    }
}

/// A finding as the expectations name it: "CODE@sheet!cell" for a cell,
/// "CODE@/report/path" for a field.
fn finding_key(f: &jixiao::Finding) -> String {
    let path = f.paths.first().map(String::as_str).unwrap_or("");
    let at = match path.strip_prefix("/xlsx/") {
        Some(rest) => match rest.rsplit_once('/') {
            Some((sheet, cell)) => format!("{sheet}!{cell}"),
            None => rest.to_string(),
        },
        None => path.to_string(),
    };
    format!("{}@{at}", f.code)
}

/// Workbooks written by openpyxl (tests/xlsx/make.py) in eight layouts
/// and four hostile shapes: each gives exactly the report fields and
/// findings its expectation (written before jixiao read it) says, or the
/// coded error.
#[test]
fn workbooks_from_an_independent_writer() {
    let out = root().join("target/xlsx-workbooks");
    let status = std::process::Command::new("python3")
        .arg(root().join("tests/xlsx/make.py"))
        .arg(&out)
        .status()
        .expect("python3 (scripts/setup.sh installs openpyxl)");
    assert!(
        status.success(),
        "tests/xlsx/make.py failed: is openpyxl installed?"
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.strip_suffix(".expect.json").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 13, "{names:?}");
    let mut problems = Vec::new();
    for name in &names {
        let expect: Value = serde_json::from_str(
            &std::fs::read_to_string(out.join(format!("{name}.expect.json"))).unwrap(),
        )
        .unwrap();
        let bytes = std::fs::read(out.join(format!("{name}.xlsx"))).unwrap();
        let started = std::time::Instant::now();
        let result = xlsx::import(&bytes, None);
        println!(
            "{name}: {} bytes, imported in {:.1} ms",
            bytes.len(),
            started.elapsed().as_secs_f64() * 1e3
        );
        match (result, expect.get("error").and_then(Value::as_str)) {
            (Err(e), Some(code)) => {
                if e.code != code {
                    problems.push(format!(
                        "{name}: error {} ({}), expected {code}",
                        e.code, e.message
                    ));
                }
            }
            (Err(e), None) => problems.push(format!("{name}: refused: {} {}", e.code, e.message)),
            (Ok(_), Some(code)) => problems.push(format!("{name}: imported, expected {code}")),
            (Ok(imp), None) => {
                let report = serde_json::to_value(&imp.report).unwrap();
                if let Some(pack) = expect["pack"].as_str() {
                    if imp.report.pack != pack {
                        problems.push(format!("{name}: pack {}, expected {pack}", imp.report.pack));
                    }
                }
                for (ptr, want) in expect["fields"].as_object().unwrap() {
                    let got = report
                        .pointer(ptr)
                        .and_then(Value::as_str)
                        .unwrap_or("<none>");
                    if got != want.as_str().unwrap() {
                        problems.push(format!("{name}: {ptr} = {got:?}, expected {want}"));
                    }
                }
                let lines = expect["lines"].as_u64().unwrap() as usize;
                if imp.report.indicators.len() != lines {
                    problems.push(format!(
                        "{name}: {} lines ({:?}), expected {lines}",
                        imp.report.indicators.len(),
                        imp.report.indicators.keys().collect::<Vec<_>>()
                    ));
                }
                let mut got: Vec<String> = imp.findings.iter().map(finding_key).collect();
                let mut want: Vec<String> = expect["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect();
                got.sort();
                want.sort();
                if got != want {
                    problems.push(format!("{name}: findings {got:?}, expected {want:?}"));
                }
                // What import gives validates as if typed, and nothing was
                // put where its pack has no place for it.
                let pack = jixiao::resolve_pack(&imp.report, None).unwrap();
                let engine = jixiao::Engine::new(pack, imp.report.clone());
                let misplaced: Vec<_> = engine
                    .findings_iter()
                    .filter(|f| f.code == "NOT_IN_PACK")
                    .collect();
                if !misplaced.is_empty() {
                    problems.push(format!("{name}: {misplaced:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Exports of each built-in pack's reports, opened by openpyxl: the sheets,
/// the official layout's merges and print setup, every figure as typed,
/// the computed 完成率, 得分, 总分 and 等次 (shaded), the findings listed.
/// One is printed to PDF by LibreOffice and its first page kept as a PNG
/// (test-output/xlsx-export-page1.png).
#[test]
fn exports_read_by_an_independent_reader() {
    let dir = root().join("target/xlsx-exports");
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    let mut engines = Vec::new();
    for name in [
        "seed-001",
        "seed-004",
        "clean-common",
        "clean-county",
        "clean-four-part",
        "clean-hubei-2021",
    ] {
        let path = root().join(format!("tests/fixtures/reports/{name}.json"));
        let report = report_io::report_from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let pack = jixiao::resolve_pack(&report, None).unwrap();
        let engine = jixiao::Engine::new(pack, report);
        let file = dir.join(format!("{name}.xlsx"));
        std::fs::write(&file, xlsx::export_evaluated(&engine).unwrap()).unwrap();
        files.push(file);
        engines.push((name, engine));
    }
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/xlsx/read_back.py"))
        .args(&files)
        .output()
        .expect("python3 with openpyxl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: Value = serde_json::from_slice(&out.stdout).unwrap();
    for (file, (name, engine)) in files.iter().zip(&engines) {
        let sheets = seen[file.to_str().unwrap()].as_array().unwrap();
        let names: Vec<&str> = sheets.iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(
            names,
            ["自评表", "检查结果", "补充信息", "jixiao"],
            "{name}"
        );
        assert_eq!(
            sheets[3]["state"], "hidden",
            "{name}: the notes sheet is hidden"
        );
        let main = &sheets[0];
        assert_eq!(main["orientation"], "landscape", "{name}");
        assert_eq!(main["paperSize"], 9, "{name}: A4");
        // (fitToWidth absent means 1, the OOXML default.)
        let fit = (
            main["fitToPage"].as_bool(),
            main["fitToWidth"].as_u64().unwrap_or(1),
            main["fitToHeight"].as_u64(),
        );
        assert_eq!(
            fit,
            (Some(true), 1, Some(0)),
            "{name}: fit to one page wide"
        );
        assert_eq!(
            main["titleRows"], "$1:$2",
            "{name}: the title rows repeat on every page"
        );
        assert!(
            main["merged"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m == "A1:I1"),
            "{name}"
        );
        let cells = main["cells"].as_object().unwrap();
        assert_eq!(cells["A1"], "项目支出绩效自评表");
        let texts: Vec<&str> = cells.values().map(|v| v.as_str().unwrap()).collect();
        let shaded: Vec<&str> = main["shaded"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        // Every figure staff typed in the indicator table is there as typed.
        for (id, line) in &engine.report().indicators {
            for raw in [&line.target, &line.actual, &line.score, &line.reason] {
                assert!(
                    raw.is_blank() || texts.contains(&raw.as_str()),
                    "{name}: {id} {:?}",
                    raw.as_str()
                );
            }
        }
        // Computed values fill what staff left blank, shaded.
        let computed = engine.computed();
        let grade = &computed["/computed/total/grade"].value;
        let report = engine.report();
        if report.stated.grade.is_blank() {
            let at = cells
                .iter()
                .find(|(_, v)| v.as_str() == Some(grade.as_str()))
                .map(|(k, _)| k.as_str());
            assert!(
                at.is_some_and(|a| shaded.contains(&a)),
                "{name}: grade {grade} shaded"
            );
        }
        if report.stated.total_score.is_blank() {
            assert!(
                texts.contains(&computed["/computed/total/score"].value.as_str()),
                "{name}: total"
            );
        }
        for (id, line) in &report.indicators {
            // A top-level line (预算执行率) is printed in the funds table,
            // whose 执行率 cell stands for its completion rate.
            if engine.pack().node(id).is_some_and(|n| n.parent.is_none()) {
                continue;
            }
            if let Some(rate) = computed.get(&format!("/computed/indicators/{id}/completionRate")) {
                if line.completion_rate.is_blank() {
                    assert!(
                        texts.contains(&format!("{}%", rate.value).as_str()),
                        "{name}: {id} completion rate"
                    );
                }
            }
        }
        // The findings sheet lists every finding, with its code.
        let findings = sheets[1]["cells"].as_object().unwrap();
        let codes: Vec<&str> = findings
            .iter()
            .filter(|(k, _)| k.starts_with('B') && *k != "B1")
            .map(|(_, v)| v.as_str().unwrap())
            .collect();
        assert_eq!(codes.len(), engine.findings().len(), "{name}");
        for f in engine.findings() {
            assert!(codes.contains(&f.code.as_str()), "{name}: {}", f.code);
        }
    }

    // LibreOffice prints seed-004's workbook; its first page is kept.
    let pdf_dir = root().join("test-output");
    std::fs::create_dir_all(&pdf_dir).unwrap();
    // Its own profile, so a LibreOffice already open elsewhere is not asked
    // to do the work; and a time limit, since a wedged soffice never exits.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    let status = std::process::Command::new("timeout")
        .args([
            "300",
            "soffice",
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(dir.join("seed-004.xlsx"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("timeout (coreutils)");
    assert!(
        status.success(),
        "soffice (scripts/setup.sh installs libreoffice-calc): {status}"
    );
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", "-f", "1", "-l", "1"])
        .arg(dir.join("seed-004.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    for want in [
        "项目支出绩效自评表",
        "2020年度医疗保障工作经费项目",
        "年度资金总额",
        "数量指标",
        "总分",
        "评价等次",
    ] {
        assert!(text.contains(want), "page 1 of the PDF lacks {want}");
    }
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(dir.join("seed-004.pdf"))
        .arg(pdf_dir.join("xlsx-export-page1"))
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    assert!(
        std::fs::metadata(pdf_dir.join("xlsx-export-page1.png"))
            .unwrap()
            .len()
            > 20_000
    );
}
