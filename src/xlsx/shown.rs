//! The text Excel shows for a stored number under its number format:
//! `0.995` as `0.0%` shows `99.5%`, `1234.5` as `#,##0.00` shows
//! `1,234.50`, a date serial as `yyyy年m月d日` shows `2023年3月22日`.
//! Numbers go through `Decimal` (rounded half away from zero, as Excel
//! does); no float is ever shown as a float.

use rust_decimal::prelude::*;

/// Excel keeps 15 significant digits.
const EXCEL_DIGITS: u32 = 15;

/// A stored float as the decimal Excel holds (15 significant digits).
pub fn decimal_of(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    let d = Decimal::from_str(&format!("{f}")).ok()?;
    d.round_sf_with_strategy(EXCEL_DIGITS, RoundingStrategy::MidpointAwayFromZero)
        .map(|d| d.normalize())
}

/// A number under a format code (`None`: General).
pub fn number(f: f64, code: Option<&str>) -> String {
    let Some(d) = decimal_of(f) else {
        return format!("{f}");
    };
    let code = code.unwrap_or("General");
    let sections: Vec<&str> = split_sections(code);
    let (section, value) = match sections.as_slice() {
        [first, second, ..] if d.is_sign_negative() && !second.is_empty() => (*second, d.abs()),
        [first, ..] => (*first, d),
        [] => ("General", d),
    };
    render(section, value)
}

fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut start = 0;
    for (i, ch) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match ch {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&code[start..i]);
                start = i.saturating_add(1);
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// One section of a number format applied to a value.
fn render(section: &str, value: Decimal) -> String {
    if section.eq_ignore_ascii_case("general") || section.trim().is_empty() || section == "@" {
        return value.normalize().to_string();
    }
    let mut prefix = String::new();
    let mut suffix = String::new();
    let mut seen_digit = false;
    let mut decimals = 0u32;
    let mut after_point = false;
    let mut grouping = false;
    let mut percent = 0u32;
    let mut chars = section.chars().peekable();
    let literal = |s: &mut String, seen: bool, p: &mut String, ch: char| {
        if seen {
            s.push(ch)
        } else {
            p.push(ch)
        }
    };
    while let Some(ch) = chars.next() {
        match ch {
            '[' => {
                // Colour or condition: not shown.
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            '"' => {
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    literal(&mut suffix, seen_digit, &mut prefix, c);
                }
            }
            '\\' => {
                if let Some(c) = chars.next() {
                    literal(&mut suffix, seen_digit, &mut prefix, c);
                }
            }
            '_' => {
                chars.next();
                literal(&mut suffix, seen_digit, &mut prefix, ' ');
            }
            '*' => {
                chars.next();
            }
            '0' | '#' | '?' => {
                seen_digit = true;
                if after_point {
                    decimals = decimals.saturating_add(1);
                }
            }
            '.' if !after_point => {
                after_point = true;
            }
            ',' => {
                if seen_digit && !after_point {
                    grouping = true;
                }
            }
            '%' => {
                percent = percent.saturating_add(1);
                literal(&mut suffix, seen_digit, &mut prefix, '%');
            }
            'E' | 'e' => {
                // Scientific: shown plainly (jixiao reads the value).
                return value.normalize().to_string();
            }
            c => literal(&mut suffix, seen_digit, &mut prefix, c),
        }
    }
    let mut v = value;
    for _ in 0..percent {
        v = v.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(v);
    }
    let v = v.round_dp_with_strategy(decimals.min(20), RoundingStrategy::MidpointAwayFromZero);
    let mut digits = format!("{:.*}", decimals.min(20) as usize, v.abs());
    if grouping {
        digits = group(&digits);
    }
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{prefix}{sign}{digits}{suffix}")
}

fn group(digits: &str) -> String {
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(digits.len().saturating_add(8));
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n.saturating_sub(i)) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A date (and time) as Excel shows it under a format code. Built-in
/// ids without a code show as zh-CN Excel shows them.
pub fn date(ymdhms: (u16, u8, u8, u8, u8, u8), code: Option<&str>, id: Option<u32>) -> String {
    let code = match (code, id) {
        (Some(c), _) if !c.is_empty() && !c.eq_ignore_ascii_case("general") => c.to_string(),
        (_, Some(31 | 35 | 36 | 50..=54)) => "yyyy年m月d日".into(),
        (_, Some(27 | 28 | 29 | 30 | 55 | 56 | 57)) => "yyyy年m月".into(),
        (_, Some(58)) => "m月d日".into(),
        (_, Some(32..=34)) => "h时mm分".into(),
        _ => "yyyy/m/d".into(),
    };
    // zh-CN Excel shows the US built-in 14 as yyyy/m/d.
    let code = if code == "mm-dd-yy" {
        "yyyy/m/d".to_string()
    } else {
        code
    };
    let section = split_sections(&code)
        .first()
        .copied()
        .unwrap_or("yyyy/m/d")
        .to_string();
    let (y, mo, d, h, mi, s) = ymdhms;
    let mut out = String::new();
    let chars: Vec<char> = section.chars().collect();
    let mut i = 0usize;
    let mut last_was_hour = false;
    while let Some(&ch) = chars.get(i) {
        let rest = chars.get(i..).unwrap_or(&[]);
        let run = rest
            .iter()
            .take_while(|c| c.eq_ignore_ascii_case(&ch))
            .count();
        let lower = ch.to_ascii_lowercase();
        match lower {
            'y' => {
                if run >= 3 {
                    out.push_str(&format!("{y:04}"));
                } else {
                    out.push_str(&format!("{:02}", y % 100));
                }
                last_was_hour = false;
            }
            'm' => {
                // Minutes after an hour or before seconds.
                let next_is_s = chars
                    .get(i.saturating_add(run)..)
                    .unwrap_or(&[])
                    .iter()
                    .find(|c| c.is_ascii_alphabetic())
                    .is_some_and(|c| c.eq_ignore_ascii_case(&'s'));
                let v = if last_was_hour || next_is_s { mi } else { mo };
                out.push_str(&if run >= 2 {
                    format!("{v:02}")
                } else {
                    v.to_string()
                });
                last_was_hour = false;
            }
            'd' => {
                out.push_str(&if run >= 2 {
                    format!("{d:02}")
                } else {
                    d.to_string()
                });
                last_was_hour = false;
            }
            'h' => {
                out.push_str(&if run >= 2 {
                    format!("{h:02}")
                } else {
                    h.to_string()
                });
                last_was_hour = true;
            }
            's' => {
                out.push_str(&if run >= 2 {
                    format!("{s:02}")
                } else {
                    s.to_string()
                });
                last_was_hour = false;
            }
            '"' => {
                let end = chars
                    .get(i.saturating_add(1)..)
                    .unwrap_or(&[])
                    .iter()
                    .position(|c| *c == '"');
                let end = end.map_or(chars.len(), |e| i.saturating_add(1).saturating_add(e));
                out.extend(chars.get(i.saturating_add(1)..end).unwrap_or(&[]));
                i = end.saturating_add(1);
                continue;
            }
            '\\' => {
                if let Some(c) = chars.get(i.saturating_add(1)) {
                    out.push(*c);
                }
                i = i.saturating_add(2);
                continue;
            }
            '[' => {
                let end = rest
                    .iter()
                    .position(|c| *c == ']')
                    .map_or(chars.len(), |e| i.saturating_add(e));
                i = end.saturating_add(1);
                continue;
            }
            '@' | '_' | '*' => {}
            _ => {
                for _ in 0..run {
                    out.push(ch);
                }
            }
        }
        i = i.saturating_add(run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_shown() {
        assert_eq!(number(0.995, Some("0.0%")), "99.5%");
        assert_eq!(number(0.995, Some("0%")), "100%");
        assert_eq!(number(0.5, Some("0.00%")), "50.00%");
        assert_eq!(number(1234.5, Some("#,##0.00")), "1,234.50");
        assert_eq!(number(614.49, None), "614.49");
        assert_eq!(number(0.1 + 0.2, None), "0.3");
        assert_eq!(number(2.345, Some("0.00")), "2.35");
        assert_eq!(number(-2.5, Some("0")), "-3");
        assert_eq!(number(-1234.0, Some("#,##0;(#,##0)")), "(1,234)");
        assert_eq!(number(12.5, Some("0.00\"万元\"")), "12.50万元");
        assert_eq!(number(12.0, Some("[Red]0.0")), "12.0");
        assert_eq!(number(100.0, Some("@")), "100");
        assert_eq!(number(f64::NAN, None), "NaN");
    }

    #[test]
    fn dates_as_shown() {
        let t = (2023, 3, 22, 0, 0, 0);
        assert_eq!(date(t, Some("yyyy年m月d日"), None), "2023年3月22日");
        assert_eq!(date(t, Some("mm-dd-yy"), Some(14)), "2023/3/22");
        assert_eq!(date(t, None, Some(31)), "2023年3月22日");
        assert_eq!(date(t, Some("yyyy-mm-dd"), None), "2023-03-22");
        assert_eq!(
            date((2023, 3, 22, 9, 5, 0), Some("yyyy/m/d h:mm"), None),
            "2023/3/22 9:05"
        );
        assert_eq!(date(t, Some("[$-804]yyyy\"年\"m\"月\""), None), "2023年3月");
    }
}
