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

/// Excel import of any bytes: a report or a coded error, never a panic;
/// a report it gives exports, and that export imports again to the same
/// report.
pub fn xlsx(data: &[u8]) {
    let Ok(imported) = jixiao::xlsx::import(data, None) else {
        return;
    };
    let Ok(pack) = jixiao::resolve_pack(&imported.report, None) else {
        return;
    };
    let bytes = jixiao::xlsx::export(&imported.report, pack).expect("an imported report exports");
    let again = jixiao::xlsx::import(&bytes, None).expect("an export imports");
    assert_eq!(
        again.report.indicators.len(),
        imported.report.indicators.len(),
        "export and import again keep every line"
    );
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

/// Values staff type, right, wrong and extreme (the structure-aware
/// target picks from these or takes the input's own bytes).
const VALUES: &[&str] = &[
    "",
    "0",
    "-0",
    "12.5",
    "99.5%",
    "≥95%",
    "≤2000元/人",
    "=100%",
    "达成：好",
    "未达成",
    "1,234.5",
    "48.8.元",
    "12.59万人",
    "１２.５",
    "优",
    "2022年12月31日",
    "2017年01月",
    "95%-100%",
    "≥五十万人",
    "\u{200b}166.96\u{200e}",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "7922816251426433759354395033.5",
    "999999999999999999999999999",
    "0.0000000000000000000000000001",
    "≥79228162514264337593543950335万元",
    "79228162514264337593543950335万人",
    "7922816251426433759354395033%",
];

/// Structure-aware: a generated national-2020 report (size and seed from
/// the first bytes), then edits (field by index; value from [`VALUES`] or
/// the input's own text) through the incremental engine. After every
/// edit incremental must equal a fresh evaluation; at the end the honest
/// upload must verify.
pub fn edits(data: &[u8]) {
    let [size, seed, rest @ ..] = data else {
        return;
    };
    let p = builtin(jixiao::generate::PACK);
    let lines = 9 + usize::from(*size % 64);
    let mut engine = Engine::new(
        p.clone(),
        jixiao::generate::report(&p, lines, u64::from(*seed)),
    );
    let paths: Vec<String> = engine
        .report()
        .fields()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let mut rest = rest;
    // Each edit: 2 bytes of field index, 1 byte of value (< VALUES.len()
    // picks a value; otherwise that many bytes of the input follow).
    for _ in 0..8 {
        let [hi, lo, v, tail @ ..] = rest else {
            break;
        };
        let path = &paths[usize::from(u16::from_be_bytes([*hi, *lo])) % paths.len()];
        let (value, next) = match VALUES.get(usize::from(*v)) {
            Some(s) => (s.to_string(), tail),
            None => {
                let n = usize::from(*v - VALUES.len() as u8).min(tail.len());
                let (text, next) = tail.split_at(n);
                (String::from_utf8_lossy(text).into_owned(), next)
            }
        };
        rest = next;
        if engine.set(path, &value).is_err() {
            continue;
        }
        let fresh = Engine::new(p.clone(), engine.report().clone());
        assert_eq!(
            fresh.findings(),
            engine.findings(),
            "incremental != full after {path} = {value:?}"
        );
        assert_eq!(
            fresh.computed(),
            engine.computed(),
            "computed differ after {path} = {value:?}"
        );
    }
    let json = upload::to_json(&upload::build(&engine));
    let verified = upload::verify(&json, Some(p));
    assert!(
        verified.problems.is_empty(),
        "an honest upload failed verify: {:?}",
        verified.problems
    );
}
