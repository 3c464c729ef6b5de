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
        out.contains("检查结果：8 个错误，1 个警告，0 个提示"),
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
    assert_eq!(v["summary"]["errors"], 8);
    assert_eq!(v["computed"]["/computed/total/score"]["value"], "99.86");
    let (_, out, _) = jixiao(&["check", SEED_001, "--lang", "en"]);
    assert!(out.contains("Findings: 8 errors"), "{out}");
    assert!(
        out.contains("the scoring rule gives 4.88分, entered 4.96分"),
        "{out}"
    );
}

#[test]
fn pack_override_by_id_and_file() {
    let (code, out, _) = jixiao(&["check", SEED_001, "--pack", "packs/common-framework.json"]);
    assert_eq!(code, 1);
    assert!(out.contains("common-framework 1.0.0"));
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
    assert!(out.contains("重新检查：8 个错误"), "{out}");
    let text = std::fs::read_to_string(&up)
        .unwrap()
        .replace("\"99.86\"", "\"99.92\"");
    std::fs::write(&up, text).unwrap();
    let (code, out, _) = jixiao(&["verify", up.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("UPLOAD_DIGEST"), "{out}");
    assert!(out.contains("UPLOAD_COMPUTED_CHANGED"), "{out}");
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
