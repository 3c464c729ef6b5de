//! Dates, phone numbers, years and region codes in basic info.

use super::normalize_width;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// "2023-03-22", "2023/3/22", "2023.3.22", "2023年3月22日", "20230322".
pub fn parse_date(raw: &str) -> Option<Date> {
    let s = normalize_width(raw);
    let s = s.trim();
    if s.len() > 40 {
        return None;
    }
    let parts: Vec<&str> = if s.len() == 8 && s.chars().all(|c| c.is_ascii_digit()) {
        vec![&s[0..4], &s[4..6], &s[6..8]]
    } else {
        s.trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (year, month) = year_month(y, m)?;
    let day = digits(d, 2).filter(|d| *d >= 1 && *d <= days_in_month(year, month))?;
    Some(Date { year, month, day })
}

/// A month, as real tables often print 项目起止时间: "2017年01月", "2017年1月",
/// "2017.01", "2017-01", "2017/1", "201701". `(year, month)`.
pub fn parse_month(raw: &str) -> Option<(u32, u32)> {
    let s = normalize_width(raw);
    let s = s.trim().trim_end_matches('份');
    if s.len() > 20 {
        return None;
    }
    let parts: Vec<&str> = if s.len() == 6 && s.chars().all(|c| c.is_ascii_digit()) {
        vec![s.get(0..4)?, s.get(4..6)?]
    } else {
        s.trim_end_matches('月')
            .split(['-', '/', '.', '年'])
            .map(str::trim)
            .collect()
    };
    let [y, m] = parts.as_slice() else {
        return None;
    };
    year_month(y, m)
}

/// A part of a date: 1 to `max_len` ASCII digits.
fn digits(p: &str, max_len: usize) -> Option<u32> {
    if p.is_empty() || p.len() > max_len || !p.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    p.parse().ok()
}

/// A year (1900–2200) and a month (1–12), as dates and months read them.
fn year_month(y: &str, m: &str) -> Option<(u32, u32)> {
    let year = digits(y, 4).filter(|y| (1900..=2200).contains(y))?;
    let month = digits(m, 2).filter(|m| (1..=12).contains(m))?;
    Some((year, month))
}

/// "2022" or "2022年" or "2022年度".
pub fn parse_year(raw: &str) -> Option<u32> {
    let s = normalize_width(raw);
    let s = s
        .trim()
        .trim_end_matches('度')
        .trim_end_matches('年')
        .trim_end();
    if s.len() != 4 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|y| (1990..=2200).contains(y))
}

/// Mobile `1[3-9]\d{9}`, landline `0\d{2,3}-?\d{7,8}` (SPEC §2), or a local
/// landline `[2-9]\d{6,7}` without its area code.
/// Returns the number with spaces removed.
pub fn parse_phone(raw: &str) -> Option<String> {
    let s: String = normalize_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let b = s.as_bytes();
    let all_digits = |x: &[u8]| x.iter().all(u8::is_ascii_digit);
    let mobile = b.len() == 11
        && all_digits(b)
        && b.first() == Some(&b'1')
        && matches!(b.get(1), Some(b'3'..=b'9'));
    if mobile {
        return Some(s);
    }
    // A local landline without its area code ("8690022"), as county
    // tables print it: 7 or 8 digits, not starting with 0 or 1.
    if (7..=8).contains(&b.len()) && all_digits(b) && !matches!(b.first(), Some(b'0' | b'1')) {
        return Some(s);
    }
    if b.first() != Some(&b'0') {
        return None;
    }
    let ok = match s.split_once('-') {
        Some((area, num)) => {
            (3..=4).contains(&area.len())
                && all_digits(area.as_bytes())
                && (7..=8).contains(&num.len())
                && all_digits(num.as_bytes())
        }
        None => (10..=12).contains(&b.len()) && all_digits(b),
    };
    ok.then_some(s)
}

/// A 6-digit 行政区划代码 whose first two digits name a province (11–82).
pub fn parse_region(raw: &str) -> Option<String> {
    let s = normalize_width(raw);
    let s = s.trim();
    if s.len() != 6 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let province: u32 = s[0..2].parse().ok()?;
    (11..=82).contains(&province).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::parse_month;

    #[test]
    fn months_as_tables_print_them() {
        for (raw, want) in [
            ("2017年01月", Some((2017, 1))),
            ("2017年1月", Some((2017, 1))),
            ("2017.12", Some((2017, 12))),
            ("2017-01", Some((2017, 1))),
            ("２０１７／０３", Some((2017, 3))),
            ("201709", Some((2017, 9))),
            ("2017年12月份", Some((2017, 12))),
            ("2017年13月", None),
            ("2017", None),
            ("2017-01-05", None),
            ("17.01", None),
            ("", None),
        ] {
            assert_eq!(parse_month(raw), want, "{raw}");
        }
    }
}
