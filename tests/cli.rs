//! The native CLI, run as a user would: output and exit codes.

use std::path::Path;
use std::process::Command;

fn jixiao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const SEED_001: &str = "tests/fixtures/reports/seed-001.json";

#[test]
fn check_prints_figures_and_findings_in_chinese() {
    let (code, out, _) = jixiao(&["check", SEED_001]);
    assert_eq!(code, 1, "errors found → exit 1");
    assert!(
        out.contains("资金到位率                          99.50%"),
        "{out}"
    );
    assert!(
        out.contains("“成本节约率”得分                  4.88分"),
        "{out}"
    );
    assert!(
        out.contains("检查结果：5 个错误，1 个警告，0 个提示"),
        "{out}"
    );
    assert!(
        out.contains("文中“预算执行率”为 99.5%，与表内计算值 100.00% 不一致"),
        "{out}"
    );
    assert!(
        out.contains("[错误] SCORE_MISMATCH /indicators/output.cost.saving/score"),
        "{out}"
    );
    assert!(
        out.contains("“成本节约率”按评分规则应得 4.88分，填报为 4.96分"),
        "{out}"
    );
    assert!(out.contains("建议：应为 4.88分"), "{out}");
    let (code, out, _) = jixiao(&["check", "tests/fixtures/reports/seed-004.json"]);
    assert_eq!(code, 0, "no errors → exit 0");
    assert!(
        out.contains("评价等次                            优"),
        "{out}"
    );
}

#[test]
fn check_json_and_english() {
    let (code, out, _) = jixiao(&["check", SEED_001, "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["errors"], 5);
    assert_eq!(v["computed"]["/computed/total/score"]["value"], "99.86");
    let (_, out, _) = jixiao(&["check", SEED_001, "--lang", "en"]);
    assert!(out.contains("Findings: 5 errors"), "{out}");
    assert!(
        out.contains("the scoring rule gives 4.88分, entered 4.96分"),
        "{out}"
    );
}

#[test]
fn pack_override_by_id_and_file() {
    let (code, out, _) = jixiao(&["check", SEED_001, "--pack", "packs/common-framework.json"]);
    assert_eq!(code, 1);
    assert!(out.contains("common-framework 1.2.0"));
    let (code, out, _) = jixiao(&["check", SEED_001, "--pack", "national-2020"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("NOT_IN_PACK"),
        "seed 001's funds rows are not in the national layout"
    );
}

#[test]
fn unusable_input_exits_2() {
    let (code, _, err) = jixiao(&["check", "no/such/file.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("无法读取"));
    let bad = std::env::temp_dir().join("jixiao-bad.json");
    std::fs::write(&bad, r#"{"basic": {"projectName": 1}}"#).unwrap();
    let (code, _, err) = jixiao(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("REPORT_JSON /basic/projectName"), "{err}");
    let (code, _, err) = jixiao(&["check", SEED_001, "--pack", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("REPORT_PACK_UNKNOWN"), "{err}");
}

#[test]
fn upload_then_verify() {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let up = dir.join("up.json");
    let (code, _, _) = jixiao(&["upload", SEED_001, "-o", up.to_str().unwrap()]);
    assert_eq!(
        code, 1,
        "the report has errors; the upload is still written"
    );
    let (code, out, _) = jixiao(&["verify", up.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("复核通过"), "{out}");
    assert!(out.contains("重新检查：5 个错误"), "{out}");
    let text = std::fs::read_to_string(&up)
        .unwrap()
        .replace("\"99.86\"", "\"99.92\"");
    std::fs::write(&up, text).unwrap();
    let (code, out, _) = jixiao(&["verify", up.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("UPLOAD_DIGEST /digest\n"), "{out}");
    assert!(out.contains("UPLOAD_DIGEST /digestSm3"), "{out}");
    // A failed digest stops the work: no re-evaluation of untrusted data.
    assert!(!out.contains("UPLOAD_COMPUTED_CHANGED"), "{out}");
    assert!(out.contains("未重新检查"), "{out}");
    std::fs::write(&up, "not json").unwrap();
    let (code, _, _) = jixiao(&["verify", up.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(Path::new(&dir).exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn packs_lists_the_four_frameworks() {
    let (code, out, _) = jixiao(&["packs"]);
    assert_eq!(code, 0);
    for id in [
        "national-2020",
        "common-framework",
        "four-part",
        "county-2017",
        "sichuan-2023",
        "hubei-2021",
    ] {
        assert!(out.contains(id), "{out}");
    }
    assert!(
        out.contains("预算执行率 10 / 产出指标 50 / 效益指标 30 / 满意度指标 10"),
        "{out}"
    );
    let (_, out, _) = jixiao(&["codes"]);
    assert!(out.contains("SCORE_MISMATCH"));
}

/// `generate` is deterministic and its reports carry the intended mix of
/// mistakes; `check` takes many reports at once (JSON Lines, worst exit).
#[test]
fn generate_then_check_many() {
    let dir = std::env::temp_dir().join(format!("jixiao-gen-{}", std::process::id()));
    let d = dir.to_str().unwrap();
    let (code, _, err) = jixiao(&["generate", "--lines", "20", "--count", "3", "-o", d]);
    assert_eq!(code, 0, "{err}");
    let (_, one, _) = jixiao(&["generate", "--lines", "20", "--seed", "2"]);
    let file = std::fs::read_to_string(dir.join("report-2.json")).unwrap();
    assert_eq!(one.trim_end(), file, "same seed, same report");
    let files: Vec<String> = (1..=3).map(|s| format!("{d}/report-{s}.json")).collect();
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, _) = jixiao(&args);
    assert_eq!(code, 1, "the mistakes are errors");
    let results: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), 3);
    let codes = |v: &serde_json::Value| {
        let mut c: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        c.sort();
        c
    };
    // Seed 1 (odd): a bad phone; seed 2: none. Both: the slipped expense
    // digit (two sums), one mis-added score (the line against its rule, and
    // the stated total, which kept the line's old score, against what the
    // table's scores add up to), one forgotten reason.
    assert_eq!(
        codes(&results[0]),
        [
            "EXPENSE_SPENT",
            "EXPENSE_SUM",
            "PHONE_INVALID",
            "REASON_REQUIRED",
            "SCORE_MISMATCH",
            "TOTAL_MISMATCH"
        ]
    );
    assert!(!codes(&results[1]).contains(&"PHONE_INVALID".to_string()));
    assert_eq!(
        results[1]["computed"]["/computed/indicators/budget/score"]["unit"],
        "分"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A reader that stops early (`jixiao generate … | head -1`, 640 KB of
/// output, far past a pipe's buffer) ends the program quietly, without a
/// panic message.
#[test]
fn closed_pipe_is_not_a_panic() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["generate", "--lines", "2000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "{\n");
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(141));
}

/// The CLI with `stdin` as standard input and stdout sent to `stdout`.
fn jixiao_io(
    args: &[&str],
    stdin: std::process::Stdio,
    stdout: std::process::Stdio,
) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(stdin)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn endless_and_huge_inputs_are_read_no_further_than_the_limit() {
    // /dev/zero never ends: each reader stops one byte past its limit.
    // (These read until killed before: 2–2.7 GB after 10 s.)
    for args in [
        vec!["check", "/dev/zero"],
        vec!["verify", "/dev/zero"],
        vec!["check", SEED_001, "--pack", "/dev/zero"],
        vec![
            "verify",
            "tests/fixtures/reports/seed-001.json",
            "--pack",
            "/dev/zero",
        ],
    ] {
        let t = std::time::Instant::now();
        let (code, _, err) = jixiao(&args);
        eprintln!("{args:?}: {:?}", t.elapsed());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("REPORT_TOO_LARGE") || err.contains("PACK_TOO_LARGE"),
            "{args:?}: {err}"
        );
        assert!(err.contains("超过"), "{err}");
    }
}

#[test]
fn stdin_bom_and_encodings() {
    use std::process::Stdio;
    let dir = std::env::temp_dir().join(format!("jixiao-enc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED_001)).unwrap();
    // `-` reads standard input.
    let file = std::fs::File::open(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED_001)).unwrap();
    let (code, err) = jixiao_io(&["check", "-"], Stdio::from(file), Stdio::null());
    assert_eq!(code, 1, "{err}");
    // A BOM (as Windows Notepad writes) is fine.
    let bom = dir.join("bom.json");
    std::fs::write(&bom, [&[0xef, 0xbb, 0xbf][..], &seed].concat()).unwrap();
    let (code, _, err) = jixiao(&["check", bom.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    // UTF-16 and stray bytes: the byte where it goes wrong.
    let utf16 = dir.join("utf16.json");
    let mut bytes = vec![0xff, 0xfe];
    for u in String::from_utf8(seed.clone()).unwrap().encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).unwrap();
    let (code, _, err) = jixiao(&["check", utf16.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("TEXT_ENCODING") && err.contains("自第 0 字节起无效"),
        "{err}"
    );
    let stray = dir.join("stray.json");
    let mut bytes = seed.clone();
    bytes[5] = 0xff; // inside "schemaVersion": ASCII, so the byte itself
    std::fs::write(&stray, bytes).unwrap();
    let (code, _, err) = jixiao(&["check", stray.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("自第 5 字节起无效"), "{err}");
    // A pack file that is missing is said as such, not as an unknown pack.
    let (code, _, err) = jixiao(&["check", SEED_001, "--pack", "packs/nope.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("FILE_UNREADABLE") && err.contains("packs/nope.json"),
        "{err}"
    );
    // Several reports with --format json: one line each, unreadable ones too.
    let (code, out, _) = jixiao(&[
        "check",
        SEED_001,
        stray.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[1]["unusable"], true);
    assert_eq!(lines[1]["findings"][0]["code"], "TEXT_ENCODING");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_full_disk_is_said_and_exits_2() {
    // An upload that cannot be written must not be lost silently (it
    // exited 141 with nothing said before).
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let (code, err) = jixiao_io(
        &["upload", SEED_001],
        std::process::Stdio::null(),
        std::process::Stdio::from(full),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("无法写出结果"), "{err}");
}

/// `jixiao export` then `jixiao import`: a workbook, and the same report
/// back (its pack named by the workbook); a file that is not a workbook
/// is refused with its code and exit 2; cells import cannot place are
/// said on stderr, the report still written.
#[test]
fn export_then_import_an_excel_workbook() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/cli-xlsx");
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("seed-001.xlsx");
    let (code, _, err) = jixiao(&["export", SEED_001, "-o", book.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&book).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04");

    let (code, out, err) = jixiao(&["import", book.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let back: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(back["pack"], "common-framework");
    assert_eq!(back["basic"]["projectName"], "城乡居民基本医疗保险");
    assert_eq!(back["indicators"]["output.cost.saving"]["score"], "4.96");

    let bad = dir.join("not-a-workbook.xlsx");
    std::fs::write(&bad, "项目名称,城乡居民医保").unwrap();
    let (code, out, err) = jixiao(&["import", bad.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("XLSX_UNREADABLE") && err.contains("不是 .xlsx 文件"),
        "{err}"
    );

    // The same workbook read against another pack: the indicator rows of
    // common-framework have no place in national-2020, and are said.
    let (code, out, err) = jixiao(&["import", book.to_str().unwrap(), "--pack", "national-2020"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"pack\": \"national-2020\""), "{out}");
    assert!(
        err.contains("XLSX_UNPLACED") && err.contains("实际完成率"),
        "{err}"
    );
}
