#![allow(dead_code)] // each binary uses one function
//! One function per fuzz target, shared by the libFuzzer binaries
//! (`fuzz/fuzz_targets/*.rs`) and the regression replay in
//! `tests/fuzz_replay.rs`, so a saved input is checked the same way in both.
//! Each must return normally for any bytes; a panic is a finding.

use std::sync::{Arc, OnceLock};

use jixiao::narrative::{self, Vocabulary};
use jixiao::parse::{parse, Expect, Parsed, Unit};
use jixiao::{pack, report_io, rules, upload, Engine, Pack, Report};

/// A built-in pack (`pack::builtin` reads each one once per process).
fn builtin(id: &str) -> Arc<Pack> {
    pack::builtin(id).unwrap_or_else(|| panic!("built-in pack {id} failed to load"))
}

/// The value parser under every kind of field; the first byte picks it.
pub fn parse_value(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let expect = match which % 9 {
        0 => Expect::Money {
            unit: Unit::Yuan,
            negative: false,
        },
        1 => Expect::Money {
            unit: Unit::WanYuan,
            negative: true,
        },
        2 => Expect::Count { unit: Unit::Person },
        3 => Expect::Count {
            unit: Unit::WanPerson,
        },
        4 => Expect::Percent,
        5 => Expect::PerCapita,
        6 => Expect::Points,
        7 => Expect::Target,
        _ => Expect::Actual,
    };
    let Ok(parsed) = parse(text, &expect) else {
        return;
    };
    let _ = parsed.normalized();
    if let Parsed::Number(q) | Parsed::Target(_, q) = &parsed {
        let _ = (q.canonical(), q.half_ulp(), q.base());
        let _ = q.convert(&Unit::WanYuan);
    }
}

/// Report JSON: load, evaluate under its pack (or four-part), build the
/// upload, and an honest upload must verify.
pub fn report(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(report) = report_io::report_from_json(text) else {
        return;
    };
    let pack = jixiao::resolve_pack(&report, None).unwrap_or_else(|_| builtin("four-part"));
    let engine = Engine::new(pack.clone(), report);
    let _ = engine.findings();
    let _ = engine.computed();
    let json = upload::to_json(&upload::build(&engine));
    let verified = upload::verify(&json, Some(pack));
    assert!(
        verified.problems.is_empty(),
        "an honest upload failed verify: {:?}",
        verified.problems
    );
}

const SMALL_REPORT: &str = r#"{"pack":"x","funds":{"rows":{"total":{"budget":"100","executed":"98.5"}}},
"indicators":{"a":{"name":"产出数量","parent":"output","weight":"20","target":"≥100人","actual":"98人","score":"19"}}}"#;

/// Pack JSON: load, and evaluate a small report under any pack that loads.
pub fn pack_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(pack) = Pack::from_json(text) else {
        return;
    };
    let Ok(report) = report_io::report_from_json(SMALL_REPORT) else {
        panic!("the fixed report failed to load");
    };
    let engine = Engine::new(Arc::new(pack), report);
    let _ = engine.findings();
    let _ = engine.computed();
}

/// Upload verification: any text gets a verdict.
pub fn upload_verify(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = upload::verify(text, None).ok();
}

/// The narrative recogniser on any prose; spans stay inside the text.
pub fn narrative(data: &[u8]) {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vocab = VOCAB.get_or_init(|| {
        rules::narrative::vocabulary(&builtin("common-framework"), &Report::default())
    });
    let chars = text.chars().count();
    for s in narrative::recognise(text, vocab, Some(2023)) {
        assert!(s.start < s.end && s.end <= chars, "value span out of text");
        assert!(
            s.name_start < s.name_end && s.name_end <= chars,
            "name span out of text"
        );
    }
}
