//! Upload JSON: built from the seeds, valid against the shipped schemas,
//! re-verified natively; any single change is caught and named.

use std::path::Path;

mod common;
use common::{engine, leaves};

use jixiao::upload::{self, Upload};

use proptest::prelude::*;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn upload_value(name: &str) -> Value {
    serde_json::to_value(upload::build(&engine(name))).unwrap()
}

/// Both digests made anew, as an attacker who changed something would.
fn redigest(v: &mut Value) {
    let d = upload::digests_of_value(v);
    v["digest"] = Value::String(d.sha256);
    v["digestSm3"] = Value::String(d.sm3);
}

fn codes(text: &str) -> Vec<String> {
    upload::verify(text, None)
        .problems
        .into_iter()
        .map(|p| p.code)
        .collect()
}

fn schema(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("schema").join(name)).unwrap())
        .unwrap()
}

#[test]
fn uploads_and_reports_match_the_shipped_schemas() {
    let report_schema = schema("report.schema.json");
    // The upload schema refers to report.schema.json beside it; inline it
    // here so the check needs no resolver.
    let mut upload_schema = schema("upload.schema.json");
    let mut inlined = report_schema.clone();
    if let Value::Object(m) = &mut inlined {
        m.remove("$id");
        m.remove("$schema");
    }
    upload_schema["$defs"]["raw"] = report_schema["$defs"]["raw"].clone();
    let mut report_def = inlined;
    report_def.as_object_mut().unwrap().remove("$defs");
    upload_schema["properties"]["report"] = report_def;
    let upload_validator = jsonschema::validator_for(&upload_schema).unwrap();
    let report_validator = jsonschema::validator_for(&report_schema).unwrap();
    for name in [
        "seed-000.json",
        "seed-001.json",
        "seed-004.json",
        "clean-county.json",
    ] {
        let report: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join("tests/fixtures/reports").join(name)).unwrap(),
        )
        .unwrap();
        let errs: Vec<String> = report_validator
            .iter_errors(&report)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errs.is_empty(), "{name}: {errs:?}");
        let up = upload_value(name);
        let errs: Vec<String> = upload_validator
            .iter_errors(&up)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errs.is_empty(), "{name}: {errs:?}");
    }
    // The schema is not a rubber stamp.
    let mut bad = upload_value("seed-001.json");
    bad["summary"]["errors"] = Value::String("8".into());
    assert!(!upload_validator.is_valid(&bad));
    let mut bad = upload_value("seed-001.json");
    bad["report"]["basic"]["projectName"] = Value::from(3);
    assert!(!upload_validator.is_valid(&bad));
}

#[test]
fn an_untouched_upload_verifies_with_the_same_findings() {
    for name in ["seed-000.json", "seed-001.json", "seed-004.json"] {
        let e = engine(name);
        let up = upload::build(&e);
        let text = upload::to_json(&up);
        let v = upload::verify(&text, None);
        assert!(v.ok(), "{name}: {:?}", v.problems);
        assert_eq!(
            serde_json::to_string(&v.findings).unwrap(),
            serde_json::to_string(&e.findings()).unwrap(),
            "byte-for-byte"
        );
        // Raw text is kept beside the normalised value.
        let parsed: Upload = serde_json::from_str(&text).unwrap();
        assert!(parsed.inputs.iter().all(|i| !i.path.is_empty()));
    }
    let up = upload::build(&engine("seed-001.json"));
    let input = up
        .inputs
        .iter()
        .find(|i| i.path == "/perCapita/persons")
        .unwrap();
    assert_eq!(
        (input.raw.as_str(), input.normalized.as_deref()),
        ("12.59万人", Some("12.59"))
    );
    let input = up
        .inputs
        .iter()
        .find(|i| i.path == "/basic/filledOn")
        .unwrap();
    assert_eq!(
        (input.raw.as_str(), input.normalized.as_deref()),
        ("2023年03月22日", Some("2023-03-22"))
    );
    assert_eq!(up.summary.errors, 5);
    assert_eq!(up.pack.id, "common-framework");
}

/// The inputs are compared by hash (verify does not keep the upload's
/// list): a changed, added or missing input is still named by its place
/// and field, and the text given up gives the same verdict (freed or
/// not, as the CLI leaves it).
#[test]
fn a_changed_input_is_named_by_place_and_field() {
    let base = upload_value("seed-001.json");
    let n = base["inputs"].as_array().unwrap().len();
    let k = base["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .position(|i| i["path"] == "/basic/filledOn")
        .unwrap();
    let named = |v: &Value| {
        let verdict = upload::verify(&v.to_string(), None);
        let owned = upload::verify_owned(v.to_string(), None);
        let unfreed = upload::verify_owned_before_exit(v.to_string(), None);
        for other in [&owned, &unfreed] {
            assert_eq!(
                serde_json::to_value(&verdict.problems).unwrap(),
                serde_json::to_value(&other.problems).unwrap()
            );
            assert_eq!(
                serde_json::to_value(&verdict.findings).unwrap(),
                serde_json::to_value(&other.findings).unwrap()
            );
        }
        verdict
            .problems
            .iter()
            .map(|p| (p.code.clone(), p.paths.join(" "), p.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(named(&base), vec![]);

    let mut v = base.clone();
    v["inputs"][k]["normalized"] = Value::String("2023-03-23".into());
    redigest(&mut v);
    let found = named(&v);
    assert_eq!(found[0].0, "UPLOAD_INPUT_CHANGED");
    assert_eq!(found[0].1, format!("/inputs/{k}"));
    assert!(found[0].2.contains("/basic/filledOn"), "{}", found[0].2);

    let mut v = base.clone();
    v["inputs"].as_array_mut().unwrap().pop();
    redigest(&mut v);
    assert_eq!(named(&v)[0].1, format!("/inputs/{}", n - 1));

    let mut v = base.clone();
    let extra = v["inputs"][0].clone();
    v["inputs"].as_array_mut().unwrap().push(extra);
    redigest(&mut v);
    assert_eq!(named(&v)[0].1, format!("/inputs/{n}"));

    // Two inputs swapped: the same members, another order.
    let mut v = base.clone();
    v["inputs"].as_array_mut().unwrap().swap(0, 1);
    redigest(&mut v);
    assert_eq!(named(&v)[0].1, "/inputs/0");
}

#[test]
fn tampering_is_caught_and_named() {
    let base = upload_value("seed-001.json");
    let text = |v: &Value| v.to_string();

    // A changed digest stops the work: both digests are named and the
    // untrusted report is not evaluated again.
    let both = vec!["UPLOAD_DIGEST", "UPLOAD_DIGEST"];
    let mut v = base.clone();
    v["report"]["funds"]["rows"]["total"]["spent"] = Value::String("600".into());
    assert_eq!(codes(&text(&v)), both);
    assert!(!upload::verify(&text(&v), None).evaluated);
    redigest(&mut v);
    let found = codes(&text(&v));
    assert_eq!(found[0], "UPLOAD_INPUT_CHANGED", "{found:?}");
    assert!(found.contains(&"UPLOAD_COMPUTED_CHANGED".to_string()));

    let mut v = base.clone();
    v["computed"]["/computed/total/score"]["value"] = Value::String("99.92".into());
    assert_eq!(codes(&text(&v)), both);
    redigest(&mut v);
    assert_eq!(codes(&text(&v)), vec!["UPLOAD_COMPUTED_CHANGED"]);

    let mut v = base.clone();
    v["findings"].as_array_mut().unwrap().remove(0);
    assert_eq!(codes(&text(&v)), both);
    redigest(&mut v);
    assert_eq!(codes(&text(&v)), vec!["UPLOAD_FINDINGS_CHANGED"]);

    // Only one digest made anew (SHA-256 alone, or SM3 alone): still caught.
    let mut v = base.clone();
    v["computed"]["/computed/total/score"]["value"] = Value::String("99.92".into());
    let d = upload::digests_of_value(&v);
    let mut sha_only = v.clone();
    sha_only["digest"] = Value::String(d.sha256.clone());
    let found = upload::verify(&text(&sha_only), None).problems;
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].code.as_str(), found[0].path()),
        ("UPLOAD_DIGEST", "/digestSm3")
    );
    let mut sm3_only = v.clone();
    sm3_only["digestSm3"] = Value::String(d.sm3);
    let found = upload::verify(&text(&sm3_only), None).problems;
    assert_eq!(
        (found[0].code.as_str(), found[0].path()),
        ("UPLOAD_DIGEST", "/digest")
    );

    let mut v = base.clone();
    v["pack"]["id"] = Value::String("national-2020".into());
    assert_eq!(codes(&text(&v)), both);
    redigest(&mut v);
    assert_eq!(codes(&text(&v)), vec!["UPLOAD_PACK"]);
    assert!(!upload::verify(&text(&v), None).evaluated);

    // An attacker who recomputes the digest is still caught by the re-check.
    let mut v = base.clone();
    v["computed"]["/computed/total/grade"]["value"] = Value::String("良".into());
    redigest(&mut v);
    assert_eq!(codes(&text(&v)), vec!["UPLOAD_COMPUTED_CHANGED"]);

    // Found by the property below: the report's own version, re-digested.
    let mut v = base.clone();
    v["report"]["schemaVersion"] = Value::String("1a".into());
    redigest(&mut v);
    assert_eq!(codes(&text(&v)), vec!["UPLOAD_SCHEMA_VERSION"]);

    let mut v = base.clone();
    v["schemaVersion"] = Value::String("0".into());
    assert_eq!(codes(&text(&v)), vec!["UPLOAD_SCHEMA_VERSION"]);
    assert_eq!(codes("{not json"), vec!["UPLOAD_JSON"]);

    // A large text of many arrays that is no upload is refused by the typed
    // read, at its place, before any value tree or digest is built (it
    // took seconds when every array's pointer was made). Time printed only.
    let many = format!(r#"{{"a": [{}]}}"#, vec!["[]"; 1_000_000].join(","));
    let t = std::time::Instant::now();
    let problems = upload::verify(&many, None).problems;
    eprintln!("1,000,000 arrays refused in {:?}", t.elapsed());
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|f| (f.code.as_str(), f.path()))
        .collect();
    assert_eq!(found, vec![("UPLOAD_JSON", "/a")]);
    assert_eq!(codes("{}"), vec!["UPLOAD_JSON"]);
}

/// One value changed: text gets `suffix`, a number grows, a flag flips.
fn change(leaf: &mut Value, suffix: &str) {
    *leaf = match leaf.clone() {
        Value::String(s) => Value::String(format!("{s}{suffix}")),
        Value::Number(n) => Value::from(n.as_u64().unwrap_or(0) + 1),
        Value::Bool(b) => Value::Bool(!b),
        Value::Null => Value::String(suffix.to_string()),
        other => other,
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Changing any single value of an upload makes verification fail.
    #[test]
    fn any_single_change_fails_verification(ix in any::<prop::sample::Index>(), suffix in "[0-9a-z优]{1,3}") {
        let base = upload_value("seed-001.json");
        let mut all = Vec::new();
        leaves(&base, String::new(), &mut all);
        let path = ix.get(&all).clone();
        let mut v = base.clone();
        change(v.pointer_mut(&path).unwrap(), &suffix);
        let problems = upload::verify(&v.to_string(), None).problems;
        prop_assert!(!problems.is_empty(), "change at {} went unnoticed", path);
    }

    /// An attacker who changes any single value and recomputes the digest
    /// is still caught, with a code naming the part that changed.
    #[test]
    fn any_single_change_is_named_even_with_a_new_digest(ix in any::<prop::sample::Index>(), suffix in "[0-9a-z优]{1,3}") {
        let base = upload_value("seed-001.json");
        let mut all = Vec::new();
        leaves(&base, String::new(), &mut all);
        // The generator string is metadata: only the digest covers it.
        all.retain(|p| p != "/digest" && p != "/digestSm3" && p != "/generator");
        let path = ix.get(&all).clone();
        let mut v = base.clone();
        change(v.pointer_mut(&path).unwrap(), &suffix);
        redigest(&mut v);
        let problems = upload::verify(&v.to_string(), None).problems;
        // A value that no longer has its type is refused as malformed, at
        // exactly the changed place.
        if let Some(f) = problems.iter().find(|f| f.code == "UPLOAD_JSON") {
            prop_assert_eq!(f.path(), path.as_str());
            return Ok(());
        }
        let found: Vec<String> = problems.into_iter().map(|f| f.code).collect();
        let section = path.split('/').nth(1).unwrap_or("");
        let expected: &[&str] = match section {
            "report" | "inputs" => &["UPLOAD_INPUT_CHANGED", "UPLOAD_PACK", "UPLOAD_SCHEMA_VERSION", "REPORT_JSON"],
            "computed" => &["UPLOAD_COMPUTED_CHANGED"],
            "findings" | "summary" => &["UPLOAD_FINDINGS_CHANGED"],
            "pack" => &["UPLOAD_PACK"],
            "schemaVersion" => &["UPLOAD_SCHEMA_VERSION"],
            _ => &[],
        };
        prop_assert!(
            found.iter().any(|c| expected.contains(&c.as_str())),
            "change at {} gave {:?}", path, found
        );
    }

    /// The digests made from the text (no value tree) are those of the
    /// value, for any single change anywhere, pretty or compact.
    #[test]
    fn digests_of_text_are_digests_of_the_value(ix in any::<prop::sample::Index>(), suffix in "[0-9a-z优\"\\\\/\u{1F600}]{1,3}", pretty in any::<bool>()) {
        let base = upload_value("seed-000.json");
        let mut all = Vec::new();
        leaves(&base, String::new(), &mut all);
        let path = ix.get(&all).clone();
        let mut v = base.clone();
        change(v.pointer_mut(&path).unwrap(), &suffix);
        let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
        prop_assert_eq!(upload::digests_of_text(&text), Some(upload::digests_of_value(&v)));
    }

    /// The digest changes when any value changes.
    #[test]
    fn digest_changes_with_any_value(ix in any::<prop::sample::Index>()) {
        let base = upload_value("seed-004.json");
        let mut all = Vec::new();
        leaves(&base, String::new(), &mut all);
        let path = ix.get(&all).clone();
        prop_assume!(path != "/digest" && path != "/digestSm3");
        let mut v = base.clone();
        let leaf = v.pointer_mut(&path).unwrap();
        *leaf = Value::String(format!("{}x", leaf.as_str().unwrap_or("")));
        prop_assert_ne!(upload::digest_of_value(&v), upload::digest_of_value(&base));
    }
}

/// The verdict the CLI exits with and the JavaScript API returns, from
/// the core: verified, rejected (read but changed), unreadable.
#[test]
fn verdict_is_verified_rejected_or_unreadable() {
    use upload::Verdict;
    let base = upload_value("seed-001.json");
    let v = upload::verify(&base.to_string(), None);
    assert_eq!(v.verdict(), Verdict::Verified);
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["verdict"], "verified");
    assert_eq!(json["evaluated"], true);

    let mut changed = base.clone();
    changed["report"]["funds"]["rows"]["total"]["spent"] = Value::String("600".into());
    let v = upload::verify(&changed.to_string(), None);
    assert_eq!(v.verdict(), Verdict::Rejected);
    assert_eq!(v.verdict().exit_status(), 1);
    assert_eq!(serde_json::to_value(&v).unwrap()["verdict"], "rejected");

    let dup = r#"{"schemaVersion":"1","schemaVersion":"1"}"#;
    let v = upload::verify(dup, None);
    assert_eq!(v.verdict(), Verdict::Unreadable, "{:?}", v.problems);
    assert_eq!(v.verdict().exit_status(), 2);
}
