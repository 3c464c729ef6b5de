//! The value parser: what staff type (SPEC §6), table-driven, plus property
//! tests that it never panics and round-trips what it accepts.

use jixiao::parse::{
    self, parse_date, parse_phone, parse_region, parse_year, Cmp, Expect, Parsed, Unit,
};
use jixiao::Code;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn money_wan() -> Expect {
    Expect::Money {
        unit: Unit::WanYuan,
        negative: false,
    }
}

/// (input, expect, value, unit, decimals)
#[test]
fn accepted_figures() {
    let cases: Vec<(&str, Expect, &str, Unit, i32)> = vec![
        ("617.57", money_wan(), "617.57", Unit::WanYuan, 2),
        ("617.57万元", money_wan(), "617.57", Unit::WanYuan, 2),
        (" 617.57 万元 ", money_wan(), "617.57", Unit::WanYuan, 2),
        ("1,234.56", money_wan(), "1234.56", Unit::WanYuan, 2),
        ("1，234.56", money_wan(), "1234.56", Unit::WanYuan, 2),
        ("６１７．５７", money_wan(), "617.57", Unit::WanYuan, 2),
        ("6175700元", money_wan(), "6175700", Unit::Yuan, 0),
        ("1.5亿元", money_wan(), "1.5", Unit::YiYuan, 1),
        ("10", money_wan(), "10", Unit::WanYuan, 0),
        (".5", money_wan(), "0.5", Unit::WanYuan, 1),
        (
            "12.59万人",
            Expect::Count {
                unit: Unit::WanPerson,
            },
            "12.59",
            Unit::WanPerson,
            2,
        ),
        (
            "１２.５９万人",
            Expect::Count {
                unit: Unit::WanPerson,
            },
            "12.59",
            Unit::WanPerson,
            2,
        ),
        (
            "386512万",
            Expect::Count { unit: Unit::Person },
            "386512",
            Unit::WanPerson,
            0,
        ),
        (
            "7580",
            Expect::Count { unit: Unit::Person },
            "7580",
            Unit::Person,
            0,
        ),
        ("99.5%", Expect::Percent, "99.5", Unit::Percent, 1),
        ("99.5％", Expect::Percent, "99.5", Unit::Percent, 1),
        ("99.5", Expect::Percent, "99.5", Unit::Percent, 1),
        (
            "48.8元/人",
            Expect::PerCapita,
            "48.8",
            Unit::YuanPerPerson,
            1,
        ),
        (
            "48.8元／人",
            Expect::PerCapita,
            "48.8",
            Unit::YuanPerPerson,
            1,
        ),
        ("3.98分", Expect::Points, "3.98", Unit::Points, 2),
        ("12.59万人", Expect::Actual, "12.59", Unit::WanPerson, 2),
        ("150家", Expect::Actual, "150", Unit::Other("家".into()), 0),
    ];
    for (input, expect, value, unit, decimals) in cases {
        match parse::parse(input, &expect) {
            Ok(Parsed::Number(q)) => {
                assert_eq!(q.value, d(value), "{input}");
                assert_eq!(q.unit, unit, "{input}");
                assert_eq!(q.decimals, decimals, "{input}");
            }
            other => panic!("{input}: {other:?}"),
        }
    }
}

#[test]
fn negative_balance_is_accepted_where_allowed() {
    let balance = Expect::Money {
        unit: Unit::Yuan,
        negative: true,
    };
    for input in ["-16776", "－16776", "−16776"] {
        let Ok(Parsed::Number(q)) = parse::parse(input, &balance) else {
            panic!("{input}")
        };
        assert_eq!(q.value, d("-16776"), "{input}");
    }
}

#[test]
fn targets() {
    let cases = [
        ("≥95%", Cmp::Ge, "95", Unit::Percent),
        (">=95%", Cmp::Ge, "95", Unit::Percent),
        ("＞＝95％", Cmp::Ge, "95", Unit::Percent),
        ("≧95%", Cmp::Ge, "95", Unit::Percent),
        ("不低于95%", Cmp::Ge, "95", Unit::Percent),
        ("95%以上", Cmp::Ge, "95", Unit::Percent),
        ("≤5129元", Cmp::Le, "5129", Unit::Yuan),
        ("<=5129元", Cmp::Le, "5129", Unit::Yuan),
        ("不超过5129元", Cmp::Le, "5129", Unit::Yuan),
        ("＜3天", Cmp::Lt, "3", Unit::Other("天".into())),
        ("＞0", Cmp::Gt, "0", Unit::None),
        ("＝100%", Cmp::Eq, "100", Unit::Percent),
        ("100%", Cmp::Eq, "100", Unit::Percent),
        ("≥12.3万人", Cmp::Ge, "12.3", Unit::WanPerson),
        ("≥50元/人", Cmp::Ge, "50", Unit::YuanPerPerson),
        ("≥ 50 元/人", Cmp::Ge, "50", Unit::YuanPerPerson),
    ];
    for (input, cmp, value, unit) in cases {
        match parse::parse(input, &Expect::Target) {
            Ok(Parsed::Target(c, q)) => {
                assert_eq!(c, cmp, "{input}");
                assert_eq!(q.value, d(value), "{input}");
                assert_eq!(q.unit, unit, "{input}");
            }
            other => panic!("{input}: {other:?}"),
        }
    }
}

#[test]
fn qualitative_words() {
    for input in [
        "有效减轻",
        "显著提升",
        "达成：有效减轻",
        "2022年12月底前全部到位",
    ] {
        assert_eq!(
            parse::parse(input, &Expect::Target),
            Ok(Parsed::Text(input.to_string())),
            "{input}"
        );
    }
    assert_eq!(parse::parse("   ", &money_wan()), Ok(Parsed::Empty));
    assert_eq!(parse::parse("", &Expect::Target), Ok(Parsed::Empty));
}

/// (input, expect, code)
#[test]
fn rejected_figures() {
    let count = Expect::Count {
        unit: Unit::WanPerson,
    };
    let cases: Vec<(&str, Expect, Code)> = vec![
        ("12a", money_wan(), Code::NumberInvalid),
        ("abc", money_wan(), Code::NumberInvalid),
        ("617.57万元整", money_wan(), Code::UnitMismatch),
        ("1.2.3", money_wan(), Code::NumberTwoPoints),
        ("48.8.元", Expect::PerCapita, Code::NumberTwoPoints),
        ("12..5", money_wan(), Code::NumberTwoPoints),
        ("1,23.4", money_wan(), Code::NumberGrouping),
        ("1,234,56", money_wan(), Code::NumberGrouping),
        ("1.234,5", money_wan(), Code::NumberGrouping),
        (
            "99999999999999999999999999999999",
            money_wan(),
            Code::NumberOutOfRange,
        ),
        (
            "0.00000000000000000000000000001",
            money_wan(),
            Code::NumberOutOfRange,
        ),
        ("48.8元/人", money_wan(), Code::UnitMismatch),
        ("12万人", money_wan(), Code::UnitMismatch),
        ("617万元", count.clone(), Code::UnitMismatch),
        ("61.27%", count.clone(), Code::PercentNotAllowed),
        ("99.5%", money_wan(), Code::PercentNotAllowed),
        ("≥617", money_wan(), Code::ComparatorNotAllowed),
        ("-617", money_wan(), Code::NegativeNotAllowed),
        ("-3", Expect::Points, Code::NegativeNotAllowed),
        ("-12", count, Code::NegativeNotAllowed),
        ("≥", money_wan(), Code::NumberInvalid),
    ];
    for (input, expect, code) in cases {
        match parse::parse(input, &expect) {
            Err(e) => assert_eq!(e.code, code, "{input}"),
            ok => panic!("{input} accepted as {ok:?}"),
        }
    }
}

/// Read as real tables write them (tests/fixtures/real/N02, N08): an actual
/// copying the target's comparator is the figure achieved; a deadline
/// target ("9月前", "15天以内") is ≤.
#[test]
fn real_table_habits() {
    match parse::parse("≥95%", &Expect::Actual) {
        Ok(Parsed::Number(q)) => {
            assert_eq!((q.value.to_string(), q.unit.text()), ("95".into(), "%"))
        }
        other => panic!("≥95% as an actual: {other:?}"),
    }
    for (raw, value, unit) in [
        ("9月前", "9", "月"),
        ("11月底前", "11", "月"),
        ("15天以内", "15", "天"),
    ] {
        match parse::parse(raw, &Expect::Target) {
            Ok(Parsed::Target(Cmp::Le, q)) => {
                assert_eq!(
                    (q.value.to_string(), q.unit.text()),
                    (value.into(), unit),
                    "{raw}"
                )
            }
            other => panic!("{raw}: {other:?}"),
        }
    }
    // Not a deadline: a unit that merely ends in 内 is not one.
    assert!(matches!(
        parse::parse("前", &Expect::Target),
        Ok(Parsed::Text(_))
    ));
}

#[test]
fn long_input_is_rejected_with_the_limit_named() {
    let huge = "9".repeat(10_000_000);
    let r = parse::parse(&huge, &money_wan());
    assert!(matches!(r, Err(ref e) if e.code == Code::NumberInvalid));
    // Not a timing assertion on speed: just that the error names the limit.
    assert!(r.unwrap_err().detail.contains("100"));
}

#[test]
fn dates_phones_years_regions() {
    assert_eq!(parse_date("2023-03-22").unwrap().to_string(), "2023-03-22");
    assert_eq!(
        parse_date("2023年3月22日").unwrap().to_string(),
        "2023-03-22"
    );
    assert_eq!(parse_date("2023/3/22").unwrap().to_string(), "2023-03-22");
    assert_eq!(
        parse_date("２０２３．３．２２").unwrap().to_string(),
        "2023-03-22"
    );
    assert_eq!(parse_date("20230322").unwrap().to_string(), "2023-03-22");
    assert_eq!(parse_date("2024-02-29").unwrap().to_string(), "2024-02-29");
    for bad in [
        "2023-02-29",
        "2023-13-01",
        "2023-00-10",
        "2023-04-31",
        "23-3-22",
        "明年",
        "",
    ] {
        assert!(parse_date(bad).is_none(), "{bad}");
    }
    assert_eq!(parse_phone("13912345678").as_deref(), Some("13912345678"));
    assert_eq!(parse_phone("0999-6621234").as_deref(), Some("0999-6621234"));
    assert_eq!(parse_phone("010-12345678").as_deref(), Some("010-12345678"));
    assert_eq!(
        parse_phone("０１０１２３４５６７８").as_deref(),
        Some("01012345678")
    );
    for bad in ["12912345678", "1391234567", "12345", "010-123", "abc"] {
        assert!(parse_phone(bad).is_none(), "{bad}");
    }
    assert_eq!(parse_year("2022"), Some(2022));
    assert_eq!(parse_year("2020年度"), Some(2020));
    assert_eq!(parse_year("22"), None);
    assert_eq!(parse_region("654027").as_deref(), Some("654027"));
    assert_eq!(parse_region("994027"), None);
    assert_eq!(parse_region("65402"), None);
}

fn all_expects() -> Vec<Expect> {
    vec![
        money_wan(),
        Expect::Money {
            unit: Unit::Yuan,
            negative: true,
        },
        Expect::Count {
            unit: Unit::WanPerson,
        },
        Expect::Count { unit: Unit::Person },
        Expect::Percent,
        Expect::PerCapita,
        Expect::Points,
        Expect::Target,
        Expect::Actual,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Arbitrary strings never panic, whatever the field expects.
    #[test]
    fn never_panics(s in "\\PC{0,60}") {
        for e in all_expects() {
            let _ = parse::parse(&s, &e);
        }
        let _ = parse_date(&s);
        let _ = parse_phone(&s);
    }

    /// The fast path for plain figures reads exactly what the general
    /// lexer reads: same value, precision, unit and findings, for every
    /// field kind, on plain figures and on text that only looks like one.
    #[test]
    fn plain_figures_read_as_the_general_lexer_reads(
        s in "([0-9]{1,30}(\\.[0-9]{1,12})?|[0-9.]{0,31}|[0-9]{1,6}[.,% a-z]{0,2}[0-9]{0,4})"
    ) {
        for e in all_expects() {
            prop_assert_eq!(parse::parse(&s, &e), parse::parse_general(&s, &e), "{:?} as {:?}", s, e);
        }
    }

    /// Strings built from the characters staff type never panic either.
    #[test]
    fn never_panics_on_figure_like_text(s in "[0-9０-９.．,，%％≥≤<>=＞＜＝+\\-－万元人/ 分家]{0,40}") {
        for e in all_expects() {
            let _ = parse::parse(&s, &e);
        }
    }

    /// What is accepted prints canonically and parses back to the same thing.
    #[test]
    fn round_trips(int in 0u64..10_000_000_000u64, frac in 0u32..10_000u32, fd in 0usize..5,
                   unit in prop::sample::select(vec!["", "万元", "元"]), grouped in any::<bool>()) {
        let frac_s = format!("{frac:04}");
        let frac_s = &frac_s[..fd];
        let mut int_s = int.to_string();
        if grouped {
            let digits: Vec<char> = int_s.chars().collect();
            let mut out = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) { out.push(','); }
                out.push(*c);
            }
            int_s = out;
        }
        let text = if fd == 0 { format!("{int_s}{unit}") } else { format!("{int_s}.{frac_s}{unit}") };
        let first = parse::parse(&text, &money_wan());
        let Ok(Parsed::Number(q)) = first else { panic!("{text}: {first:?}") };
        let again = parse::parse(&q.canonical(), &money_wan());
        prop_assert_eq!(again, Ok(Parsed::Number(q.clone())), "{} → {}", text, q.canonical());
        // The value is the typed digits, exactly.
        let plain: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        prop_assert_eq!(q.value, Decimal::from_str_exact(&plain).unwrap());
    }

    /// Targets round-trip through their normalised form too.
    #[test]
    fn targets_round_trip(v in 0u32..1_000_000u32, dp in 0u32..3,
                          cmp in prop::sample::select(vec!["≥", "≤", ">", "<", "="]),
                          unit in prop::sample::select(vec!["%", "万人", "元/人", "家", ""])) {
        let value = Decimal::new(v as i64, dp);
        let text = format!("{cmp}{value}{unit}");
        let Ok(Parsed::Target(c, q)) = parse::parse(&text, &Expect::Target) else { panic!("{text}") };
        let back = parse::parse(&format!("{}{}", c.symbol(), q.canonical()), &Expect::Target);
        prop_assert_eq!(back, Ok(Parsed::Target(c, q)));
    }
}
