//! The one diagnostic type, used for field findings, load errors and upload
//! verification alike. Codes and their default texts live in [`crate::codes`].

use serde::{Deserialize, Serialize};

use crate::codes::Code;
pub use crate::codes::Severity;

/// A character range inside a text field (used by the narrative checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// The fields a finding names. Shared, not copied: a sum over 10,000
/// rows names them all, and the rule makes that list once, so re-running
/// the rule and comparing its findings costs a pointer, not the list.
pub type Paths = std::sync::Arc<[String]>;

/// One problem found in a report, a pack or an upload.
///
/// `paths` are JSON Pointers into the report (or pack / upload) document;
/// the first one is the field the message belongs under. `expected` and
/// `actual` are decimal strings (or the text concerned), never floats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub paths: Paths,
    pub message: String,
    pub message_en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Hashes part of what `Eq` compares, so equal findings still hash
/// alike: of the paths only their number and the first (a sum's list of
/// 10,000 rows would be hashed on every edit of one), and not the
/// messages and hints, which follow from the code and the figures and
/// are most of a finding's bytes (hashing them was a tenth of a funds
/// edit that changes 1,300 narrative findings).
impl std::hash::Hash for Finding {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.code.hash(h);
        self.severity.hash(h);
        self.paths.len().hash(h);
        self.paths.first().hash(h);
        self.expected.hash(h);
        self.actual.hash(h);
        self.span.hash(h);
    }
}

impl Finding {
    /// The first path, where the message is shown.
    pub fn path(&self) -> &str {
        self.paths.first().map(String::as_str).unwrap_or("")
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Arguments for a finding's message template. Every template placeholder
/// (`{field}`, `{expected}`, `{actual}`, `{detail}`) is filled from here.
#[derive(Debug, Clone, Default)]
pub struct Args {
    /// What the field is called, in zh-CN (e.g. "合计·全年预算数").
    pub field: String,
    /// The same in English, when known.
    pub field_en: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// Free extra detail (a limit, a ratio, a list of names).
    pub detail: String,
    /// The unit shown after `expected` and `actual` in the message.
    pub unit: String,
    pub hint: Option<String>,
    pub hint_en: Option<String>,
}

impl Args {
    pub fn field(field: impl Into<String>) -> Self {
        Args {
            field: field.into(),
            ..Args::default()
        }
    }
    pub fn en(mut self, field_en: impl Into<String>) -> Self {
        self.field_en = field_en.into();
        self
    }
    pub fn expected(mut self, v: impl Into<String>) -> Self {
        self.expected = Some(v.into());
        self
    }
    pub fn actual(mut self, v: impl Into<String>) -> Self {
        self.actual = Some(v.into());
        self
    }
    pub fn unit(mut self, v: impl Into<String>) -> Self {
        self.unit = v.into();
        self
    }
    pub fn detail(mut self, v: impl Into<String>) -> Self {
        self.detail = v.into();
        self
    }
    pub fn hint(mut self, zh: impl Into<String>, en: impl Into<String>) -> Self {
        self.hint = Some(zh.into());
        self.hint_en = Some(en.into());
        self
    }
}

/// Message overrides a pack may carry, applied when a finding is built.
pub trait MessageSource {
    fn template(&self, code: Code) -> (Severity, &str, &str);
}

/// The built-in catalogue, no overrides.
pub struct DefaultMessages;

impl MessageSource for DefaultMessages {
    fn template(&self, code: Code) -> (Severity, &str, &str) {
        (code.severity(), code.zh(), code.en())
    }
}

/// Longest quotation of a value in a message (characters); the finding's
/// `actual` / `expected` members keep the whole value.
const MAX_QUOTE_CHARS: usize = 80;

/// A value as quoted inside a message: without bidirectional and other
/// control characters (so typed text cannot reorder or hide the rest of
/// the message) and cut at `max` characters.
fn quote(value: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in value
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .enumerate()
    {
        if i == max {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

/// Fill a template in one pass: text inside a value (say a typed
/// "{detail}") is never itself replaced.
fn fill(template: &str, args: &Args, en: bool) -> String {
    let field = if en && !args.field_en.is_empty() {
        &args.field_en
    } else {
        &args.field
    };
    let mut out = String::with_capacity(template.len().saturating_add(32));
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let value = match from
            .find('}')
            .map(|close| from.split_at(close.saturating_add(1)))
        {
            Some((name, after)) => {
                let v = match name {
                    "{field}" => Some(quote(field, MAX_QUOTE_CHARS)),
                    "{expected}" => Some(quote(
                        args.expected.as_deref().unwrap_or(""),
                        MAX_QUOTE_CHARS,
                    )),
                    "{actual}" => {
                        Some(quote(args.actual.as_deref().unwrap_or(""), MAX_QUOTE_CHARS))
                    }
                    "{detail}" => Some(quote(&args.detail, 4 * MAX_QUOTE_CHARS)),
                    "{unit}" => Some(args.unit.clone()),
                    _ => None,
                };
                v.map(|v| (v, after))
            }
            None => None,
        };
        match value {
            Some((v, after)) => {
                out.push_str(&v);
                rest = after;
            }
            None => {
                out.push('{');
                rest = from.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Build a finding from a code, its paths and arguments, with the texts of
/// `messages` (the pack's overrides, else the catalogue).
pub fn build(
    messages: &dyn MessageSource,
    code: Code,
    paths: impl Into<Paths>,
    args: Args,
) -> Finding {
    let (severity, zh, en) = messages.template(code);
    Finding {
        code: code.as_str().to_string(),
        severity,
        paths: paths.into(),
        message: fill(zh, &args, false),
        message_en: fill(en, &args, true),
        expected: args.expected,
        actual: args.actual,
        hint: args.hint,
        hint_en: args.hint_en,
        span: None,
    }
}

/// Shorthand for a finding with the built-in texts (load errors, parse errors).
pub fn plain(code: Code, path: impl Into<String>, args: Args) -> Finding {
    build(&DefaultMessages, code, vec![path.into()], args)
}
