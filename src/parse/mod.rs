//! What staff type → values (SPEC §6).
//!
//! The parser never panics and never loses input: callers keep the raw text;
//! this module only reads it. Every rejection carries a [`Code`].

mod text;
pub mod unit;

pub use text::{parse_date, parse_month, parse_phone, parse_region, parse_year, Date};
pub use unit::{pow10, Dim, Unit};

#[cfg(test)]
mod shape_tests {
    use super::{figure_shaped, FigureShape};

    #[test]
    fn ranges_and_chinese_numerals_are_told_from_words() {
        for (words, shape) in [
            ("95%-100%", Some(FigureShape::Range)),
            ("48万人-50万人", Some(FigureShape::Range)),
            ("≥90%～95%", Some(FigureShape::Range)),
            ("3000至3500元", Some(FigureShape::Range)),
            ("≥五十万人", Some(FigureShape::ChineseNumerals)),
            ("一百户", Some(FigureShape::ChineseNumerals)),
            ("＞两万元", Some(FigureShape::ChineseNumerals)),
            ("2022-12-31前完成", None),
            ("一般", None),
            ("三个月内完成", None),
            ("有效减轻", None),
            ("明确合理", None),
            ("95%", None),
        ] {
            assert_eq!(figure_shaped(words), shape, "{words}");
        }
    }
}

use rust_decimal::Decimal;

use crate::codes::Code;

/// Longest raw text accepted in a target or actual (figure or words).
pub const MAX_FREE_CHARS: usize = 200;
/// Longest raw text accepted in a figure field.
pub const MAX_FIGURE_CHARS: usize = 100;

/// A comparison in a target (年度指标值).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cmp {
    Ge,
    Gt,
    Eq,
    Lt,
    Le,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Gt => ">",
            Cmp::Eq => "=",
            Cmp::Lt => "<",
            Cmp::Le => "≤",
        }
    }
    /// Smaller is better (≤, <): cost-type indicators.
    pub fn is_reverse(self) -> bool {
        matches!(self, Cmp::Le | Cmp::Lt)
    }
}

/// A figure with its unit and the number of decimals typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: Unit,
    /// Fractional digits as typed ("12.50" → 2): the figure's precision.
    /// Negative after conversion to a smaller unit (12.59万人 in 人: −2).
    pub decimals: i32,
}

impl Quantity {
    pub fn dim(&self) -> Dim {
        self.unit.dim()
    }

    /// The value in the dimension's base unit (元, 人, %), or `None` on overflow.
    pub fn base(&self) -> Option<Decimal> {
        self.value.checked_mul(pow10(self.unit.exponent()))
    }

    /// The value expressed in `unit` (same dimension assumed).
    pub fn in_unit(&self, unit: &Unit) -> Option<Decimal> {
        let from = self.unit.exponent();
        let to = unit.exponent();
        if from >= to {
            self.value.checked_mul(pow10(from.saturating_sub(to)))
        } else {
            self.value.checked_div(pow10(to.saturating_sub(from)))
        }
    }

    /// Half of the last typed digit, in this quantity's own unit: the
    /// figure stands for `value ± half_ulp` (SPEC §5 interval model).
    pub fn half_ulp(&self) -> Decimal {
        let ulp = if self.decimals <= 0 {
            pow10(self.decimals.unsigned_abs())
        } else {
            Decimal::new(1, (self.decimals as u32).min(28))
        };
        // Halving never overflows; it can only lose a digit past 28.
        ulp.checked_div(Decimal::TWO).unwrap_or(ulp)
    }

    /// The same quantity in another unit of its dimension, precision kept.
    pub fn convert(&self, unit: &Unit) -> Option<Quantity> {
        let shift = i32::try_from(self.unit.exponent())
            .ok()?
            .checked_sub(i32::try_from(unit.exponent()).ok()?)?;
        Some(Quantity {
            value: self.in_unit(unit)?,
            unit: unit.clone(),
            decimals: self.decimals.checked_add(shift)?,
        })
    }

    /// The canonical text of this figure, which parses back to the same value.
    pub fn canonical(&self) -> String {
        let mut v = self.value;
        v.rescale(self.decimals.max(0) as u32);
        format!("{}{}", v, self.unit.text())
    }
}

/// What a field holds once parsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Parsed {
    /// Nothing typed (or only spaces).
    Empty,
    /// A plain figure.
    Number(Quantity),
    /// A comparison target: "≥12.3万人".
    Target(Cmp, Quantity),
    /// Words: a qualitative target or actual ("有效减轻", "达成").
    Text(String),
}

impl Parsed {
    /// The normalised form shown beside the raw text (a decimal string, or
    /// the comparator + decimal + unit for targets).
    pub fn normalized(&self) -> Option<String> {
        match self {
            Parsed::Empty => None,
            Parsed::Number(q) => Some(q.value.normalize().to_string()),
            Parsed::Target(c, q) => Some(format!(
                "{}{}{}",
                c.symbol(),
                q.value.normalize(),
                q.unit.text()
            )),
            Parsed::Text(t) => Some(t.clone()),
        }
    }
}

/// What a field expects.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Expect {
    /// Money in the field's unit (元 or 万元); other money units convert.
    Money { unit: Unit, negative: bool },
    /// A head count in the field's unit (人 or 万人).
    Count { unit: Unit },
    /// A percentage ("99.5%" or "99.5").
    Percent,
    /// Money per person (元/人).
    PerCapita,
    /// Score points: weights and scores (分).
    Points,
    /// A figure counted in a unit of its own (可支付月数 in 个月): a bare
    /// number takes it.
    Measure { unit: Unit, negative: bool },
    /// A target: comparison + figure + any unit, or qualitative words.
    Target,
    /// An actual value: figure + any unit, or qualitative words.
    Actual,
}

impl Expect {
    /// What the field wants, in words, for messages.
    pub fn describe(&self) -> String {
        match self {
            Expect::Money { unit, .. } => format!("金额（{}）", unit.text()),
            Expect::Count { unit } => format!("人数（{}）", unit.text()),
            Expect::Percent => "百分比（%）".into(),
            Expect::PerCapita => "人均标准（元/人）".into(),
            Expect::Points => "分值（分）".into(),
            Expect::Measure { unit, .. } => format!("数值（{}）", unit.text()),
            Expect::Target => "指标值".into(),
            Expect::Actual => "实际完成值".into(),
        }
    }
}

/// Why a text was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub code: Code,
    /// The offending part, or the whole text.
    pub actual: String,
    /// What was expected, in zh-CN.
    pub expected: String,
    pub detail: String,
}

fn err(code: Code, actual: &str, expected: String) -> ParseError {
    ParseError {
        code,
        actual: actual.to_string(),
        expected,
        detail: String::new(),
    }
}

/// Why words that read as a qualitative target look like a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureShape {
    /// Two figures joined by a dash or 至 ("95%-100%", "48万人-50万人").
    Range,
    /// A comparator or unit around Chinese numerals ("≥五十万人").
    ChineseNumerals,
}

/// Whether qualitative words look like a figure the parser cannot read.
pub fn figure_shaped(words: &str) -> Option<FigureShape> {
    let s = normalize_width(words);
    let s = s.trim();
    if s.chars().count() > 40 {
        return None;
    }
    let starts_figure = |t: &str| {
        t.trim_start_matches(['≥', '≤', '>', '<', '=', ' '])
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    };
    for sep in ['-', '~', '～', '—', '至', '到'] {
        // One separator only: "2022-12-31" is a date, not a range.
        if s.matches(sep).count() != 1 {
            continue;
        }
        if let Some((a, b)) = s.split_once(sep) {
            if starts_figure(a) && starts_figure(b) && a.chars().any(|c| c.is_ascii_digit()) {
                return Some(FigureShape::Range);
            }
        }
    }
    const NUMERALS: &str = "零〇一二三四五六七八九十百千万亿两";
    let body = s.trim_start_matches(['≥', '≤', '>', '<', '=', ' ']);
    let compared = body.len() < s.len();
    let numerals = body.chars().take_while(|c| NUMERALS.contains(*c)).count();
    let unit_after = body
        .chars()
        .skip(numerals)
        .collect::<String>()
        .trim()
        .chars()
        .next()
        .is_some_and(|c| "人元户%".contains(c));
    if numerals > 0 && (compared || unit_after) && !body.chars().any(|c| c.is_ascii_digit()) {
        return Some(FigureShape::ChineseNumerals);
    }
    None
}

/// The unit of a deadline target ("9月前" → 月, "15天以内" → 天),
/// or None when the unit is not a deadline.
fn deadline(unit: &Unit) -> Option<Unit> {
    let Unit::Other(text) = unit else {
        return None;
    };
    let base = ["以前", "之前", "前", "以内", "之内", "内"]
        .iter()
        .find_map(|s| text.strip_suffix(s))?
        .trim_end_matches("底");
    if base.is_empty() {
        return None;
    }
    Unit::from_text(base)
}

/// A cell printed as a dash or slash ("—", "——", "-", "/"): the tables'
/// own way of saying "none" or "not applicable", read as blank (the raw
/// text is kept).
pub fn is_placeholder(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 4
        && s.chars()
            .all(|c| matches!(c, '—' | '–' | '―' | '-' | '－' | '─' | '/' | '／' | '\\'))
}

/// Zero-width and bidi format characters (Unicode Cf that render as
/// nothing in a figure).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{061c}' | '\u{00ad}')
}

/// `c` moved from the block starting at `from` to the one at `to` (a
/// full-width letter or digit to its ASCII form); `c` itself if that fails.
fn shift_char(c: char, from: char, to: char) -> char {
    (c as u32)
        .checked_sub(from as u32)
        .and_then(|d| d.checked_add(to as u32))
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// Map full-width and look-alike characters to the ASCII forms the lexer
/// reads. Only for reading: the raw text is kept as typed.
/// Invisible format characters (zero-width spaces and joiners, bidi marks
/// and overrides, the BOM) are left out: pasted from a web page or Word
/// around a figure, they would otherwise read as a unit nobody can see.
pub fn normalize_width(s: &str) -> String {
    width_chars(s).collect()
}

/// The characters of [`normalize_width`], one by one (no string made).
pub fn width_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|&c| !is_invisible(c)).map(width_char)
}

/// One character as the readers see it (full-width forms to ASCII, wide
/// spaces to a space); every other character as it is.
pub fn width_char(c: char) -> char {
    match c {
        '０'..='９' => shift_char(c, '０', '0'),
        'Ａ'..='Ｚ' => shift_char(c, 'Ａ', 'A'),
        'ａ'..='ｚ' => shift_char(c, 'ａ', 'a'),
        '．' => '.',
        '，' => ',',
        '％' => '%',
        '＋' => '+',
        '－' | '−' | '–' => '-',
        // Comparators as Word, PDF and OCR copies print them: full-width,
        // small-form and box-drawing look-alikes.
        '＞' | '﹥' => '>',
        '＜' | '﹤' => '<',
        '＝' | '﹦' | '═' => '=',
        '≧' | '⩾' => '≥',
        '≦' | '⩽' => '≤',
        // Traditional forms in copies of reports (萬元, 億元).
        '萬' => '万',
        '億' => '亿',
        '／' => '/',
        '\u{3000}' | '\u{a0}' | '\t' => ' ',
        _ => c,
    }
}

const CMP_WORDS: &[(&str, Cmp)] = &[
    ("≥", Cmp::Ge),
    (">=", Cmp::Ge),
    ("=>", Cmp::Ge),
    ("≤", Cmp::Le),
    ("<=", Cmp::Le),
    ("=<", Cmp::Le),
    ("==", Cmp::Eq),
    (">", Cmp::Gt),
    ("<", Cmp::Lt),
    ("=", Cmp::Eq),
    ("大于或等于", Cmp::Ge),
    ("大于等于", Cmp::Ge),
    ("不低于", Cmp::Ge),
    ("不少于", Cmp::Ge),
    ("小于或等于", Cmp::Le),
    ("小于等于", Cmp::Le),
    ("不高于", Cmp::Le),
    ("不超过", Cmp::Le),
    ("不多于", Cmp::Le),
    ("大于", Cmp::Gt),
    ("高于", Cmp::Gt),
    ("小于", Cmp::Lt),
    ("低于", Cmp::Lt),
    ("等于", Cmp::Eq),
];

const SUFFIX_WORDS: &[(&str, Cmp)] = &[("以上", Cmp::Ge), ("以下", Cmp::Le), ("以内", Cmp::Le)];

/// The pieces of a figure: comparator, sign, digits, unit.
#[derive(Debug)]
struct Lexed {
    cmp: Option<Cmp>,
    number: Option<(Decimal, i32)>,
    unit: String,
}

/// Split a width-normalised, trimmed text into comparator, number and unit.
/// `Ok(None)` when the text does not start like a figure (words).
fn lex(s: &str, whole: &str) -> Result<Option<Lexed>, ParseError> {
    let mut rest = s;
    let mut cmp = None;
    for (w, c) in CMP_WORDS {
        if let Some(r) = rest.strip_prefix(w) {
            cmp = Some(*c);
            rest = r.trim_start();
            break;
        }
    }
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('-') {
        negative = true;
        rest = r.trim_start();
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r.trim_start();
    }
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let (num, tail) = rest.split_at(end);
    if !num.chars().any(|c| c.is_ascii_digit()) {
        if cmp.is_none() && !negative {
            return Ok(None);
        }
        return Err(err(Code::NumberInvalid, whole, String::new()));
    }
    if num.matches('.').count() > 1 {
        return Err(err(Code::NumberTwoPoints, whole, String::new()));
    }
    let (int_part, frac_part) = match num.split_once('.') {
        Some((i, f)) => (i, f),
        None => (num, ""),
    };
    if frac_part.contains(',') || !grouping_ok(int_part) {
        return Err(err(Code::NumberGrouping, whole, String::new()));
    }
    let digits: String = int_part.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() {
        // ".5" is accepted as 0.5; "5." as 5.
        if frac_part.is_empty() {
            return Err(err(Code::NumberInvalid, whole, String::new()));
        }
    }
    let significant = digits
        .trim_start_matches('0')
        .len()
        .saturating_add(frac_part.len());
    if significant > 28 || frac_part.len() > 28 {
        return Err(err(Code::NumberOutOfRange, whole, String::new()));
    }
    let text = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        if digits.is_empty() { "0" } else { &digits },
        if frac_part.is_empty() { "0" } else { frac_part }
    );
    let mut value = Decimal::from_str_exact(&text)
        .map_err(|_| err(Code::NumberOutOfRange, whole, String::new()))?;
    let decimals = frac_part.len() as u32;
    value.rescale(decimals);
    let decimals = decimals as i32;
    let mut unit = tail.trim().to_string();
    if cmp.is_none() {
        for (w, c) in SUFFIX_WORDS {
            if let Some(u) = unit.strip_suffix(w) {
                cmp = Some(*c);
                unit = u.trim_end().to_string();
                break;
            }
        }
    }
    Ok(Some(Lexed {
        cmp,
        number: Some((value, decimals)),
        unit,
    }))
}

fn grouping_ok(int_part: &str) -> bool {
    if !int_part.contains(',') {
        return true;
    }
    let groups: Vec<&str> = int_part.split(',').collect();
    let first_ok = groups
        .first()
        .map(|g| (1..=3).contains(&g.len()))
        .unwrap_or(false);
    first_ok && groups.iter().skip(1).all(|g| g.len() == 3)
}

/// Parse one field's raw text as `expect` says.
pub fn parse(raw: &str, expect: &Expect) -> Result<Parsed, ParseError> {
    match plain_decimal(raw) {
        Some(q) => check_expect(q, None, expect, raw),
        None => parse_general(raw, expect),
    }
}

/// The figure most fields hold, read without the general lexer's copies:
/// ASCII digits with at most one inner point ("12", "0.5", "2695.79"), no
/// sign, unit, space or grouping, at most 27 digits. Anything else is
/// `None` and goes the general way, which reads these the same (a property
/// test checks that).
fn plain_decimal(raw: &str) -> Option<Quantity> {
    let bytes = raw.as_bytes();
    if bytes.is_empty() || bytes.len() > 29 {
        return None;
    }
    let (mut mantissa, mut digits, mut point) = (0i128, 0usize, None);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                // At most 29 bytes: 10^29 fits an i128 many times over.
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(i128::from(b.saturating_sub(b'0')))?;
                digits = digits.saturating_add(1);
            }
            b'.' if point.is_none() && i > 0 && i.saturating_add(1) < bytes.len() => {
                point = Some(i)
            }
            _ => return None,
        }
    }
    if digits > 27 {
        return None;
    }
    let scale = point.map_or(0, |p| bytes.len().saturating_sub(p).saturating_sub(1)) as u32;
    let value = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    Some(Quantity {
        value,
        unit: Unit::from_text("")?,
        decimals: scale as i32,
    })
}

/// [`parse`] for any text: full-width forms, comparisons, signs, grouping,
/// units and words.
pub fn parse_general(raw: &str, expect: &Expect) -> Result<Parsed, ParseError> {
    let free = matches!(expect, Expect::Target | Expect::Actual);
    // A paste far past the limit is refused before any copy is made.
    let limit = if free {
        MAX_FREE_CHARS
    } else {
        MAX_FIGURE_CHARS
    };
    let too_long = || {
        let mut e = err(Code::NumberInvalid, "", expect.describe());
        e.actual = format!("{}…", raw.chars().take(20).collect::<String>());
        e.detail = format!("（超过 {limit} 个字符）");
        e
    };
    if raw.len() > limit.saturating_mul(64) {
        return Err(too_long());
    }
    let wide = normalize_width(raw);
    let s = wide.trim();
    if s.is_empty() || is_placeholder(s) {
        return Ok(Parsed::Empty);
    }
    if s.chars().count() > limit {
        return Err(too_long());
    }
    let lexed = match lex(s, raw) {
        Ok(Some(l)) => l,
        Ok(None) if free => return Ok(Parsed::Text(s.to_string())),
        Ok(None) => {
            let mut e = err(Code::NumberInvalid, raw, expect.describe());
            e.detail = format!("，应填写{}", expect.describe());
            return Err(e);
        }
        Err(e) if free && e.code == Code::NumberInvalid => {
            return Ok(Parsed::Text(s.to_string()));
        }
        Err(mut e) => {
            e.expected = expect.describe();
            return Err(e);
        }
    };
    let Some((value, decimals)) = lexed.number else {
        return Err(err(Code::NumberInvalid, raw, expect.describe()));
    };
    let unit = match Unit::from_text(&lexed.unit) {
        Some(Unit::Other(u)) if free && u.chars().count() > 4 => {
            // "12月底前到位": words with a number in them, not a figure.
            return Ok(Parsed::Text(s.to_string()));
        }
        Some(u) => u,
        None if free => return Ok(Parsed::Text(s.to_string())),
        None => {
            let mut e = err(Code::NumberInvalid, raw, expect.describe());
            e.detail = format!("，应填写{}", expect.describe());
            return Err(e);
        }
    };
    let q = Quantity {
        value,
        unit,
        decimals,
    };
    check_expect(q, lexed.cmp, expect, raw)
}

fn check_expect(
    mut q: Quantity,
    cmp: Option<Cmp>,
    expect: &Expect,
    raw: &str,
) -> Result<Parsed, ParseError> {
    let unit_err = |q: &Quantity| {
        let mut e = err(Code::UnitMismatch, q.unit.text(), expect.describe());
        e.actual = q.unit.text().to_string();
        e
    };
    let field_dim = match expect {
        Expect::Money { .. } => Some(Dim::Money),
        Expect::Count { .. } => Some(Dim::Persons),
        Expect::Percent => Some(Dim::Percent),
        Expect::PerCapita => Some(Dim::PerCapita),
        Expect::Points => Some(Dim::Points),
        Expect::Measure { unit, .. } => Some(unit.dim()),
        Expect::Target | Expect::Actual => None,
    };
    if let Some(dim) = &field_dim {
        if cmp.is_some() {
            let mut e = err(Code::ComparatorNotAllowed, raw, expect.describe());
            e.actual = raw.trim().to_string();
            return Err(e);
        }
        if q.unit == Unit::Percent && *dim != Dim::Percent {
            return Err(err(Code::PercentNotAllowed, raw, expect.describe()));
        }
        // A bare number takes the field's unit; "万" alone scales it.
        q.unit = match (&q.unit, expect) {
            (Unit::None, Expect::Money { unit, .. }) | (Unit::None, Expect::Count { unit }) => {
                unit.clone()
            }
            (Unit::None, Expect::Percent) => Unit::Percent,
            (Unit::None, Expect::PerCapita) => Unit::YuanPerPerson,
            // "589元" in a per-capita standard: the form's column is 元/人.
            (Unit::Yuan, Expect::PerCapita) => Unit::YuanPerPerson,
            (Unit::None, Expect::Points) => Unit::Points,
            (Unit::None, Expect::Measure { unit, .. }) => unit.clone(),
            (Unit::Wan, _) => Unit::wan_of(dim).ok_or_else(|| unit_err(&q))?,
            (u, _) => u.clone(),
        };
        if q.unit.dim() != *dim {
            return Err(unit_err(&q));
        }
        let negative_ok = matches!(
            expect,
            Expect::Money { negative: true, .. } | Expect::Measure { negative: true, .. }
        );
        if q.value.is_sign_negative() && !q.value.is_zero() && !negative_ok {
            let mut e = err(Code::NegativeNotAllowed, raw, expect.describe());
            e.actual = raw.trim().to_string();
            return Err(e);
        }
        return Ok(Parsed::Number(q));
    }
    match (expect, cmp) {
        // "9月前", "15天以内": a deadline, read as ≤ (时效 lines).
        (Expect::Target, None) => match deadline(&q.unit) {
            Some(unit) => Ok(Parsed::Target(Cmp::Le, Quantity { unit, ..q })),
            None => Ok(Parsed::Target(Cmp::Eq, q)),
        },
        (Expect::Target, Some(c)) => Ok(Parsed::Target(c, q)),
        (_, None) => Ok(Parsed::Number(q)),
        // Real tables often copy the target's comparator into the actual
        // ("≥266米" achieved): the figure is what was achieved.
        (Expect::Actual, Some(_)) => Ok(Parsed::Number(q)),
        (_, Some(_)) => {
            let mut e = err(Code::ComparatorNotAllowed, raw, expect.describe());
            e.actual = raw.trim().to_string();
            Err(e)
        }
    }
}
