//! Reading JSON text without building it: the nesting limit, arrays where
//! a format has objects, and the JSON Pointer of a byte offset, so that
//! serde_json's errors (which give a line and column) name the place.
//!
//! Formats are read straight from the text into their structs; these
//! scans are single passes over the bytes that allocate only for the
//! pointers they return. They never fail on invalid JSON: serde_json
//! judges validity, the scan only has to find its way.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::de::DeserializeOwned;

use crate::model::report::escape;

/// Deepest nesting of arrays and objects accepted in report, pack or
/// upload JSON (the formats need at most 6 levels).
pub const MAX_DEPTH: usize = 32;

/// What went wrong reading a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nesting past [`MAX_DEPTH`], at this byte offset.
    TooDeep { at: usize },
    /// An array where the format has an object, at this pointer.
    Array { path: String },
    /// A member name said twice in one object (RFC 8259 leaves the
    /// meaning open, I-JSON and RFC 8785 forbid it): the pointer of the
    /// second copy. Refused everywhere, so that no reader can see a value
    /// the digest and the checks did not.
    Duplicate { path: String },
    /// serde_json's error: the pointer of the place and the message (see
    /// [`message_of`] for when "at line … column …" is kept).
    Json { path: String, message: String },
}

/// The text without a leading UTF-8 byte-order mark (Windows editors
/// write one; RFC 8259 lets a reader ignore it).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Read `text` as a `T`: the depth limit first, then `array_ok` (when
/// given) for every array, by its pointer, then serde_json straight from
/// the text.
pub fn read<T: DeserializeOwned>(
    text: &str,
    array_ok: Option<fn(&str) -> bool>,
) -> Result<T, Problem> {
    scan(text, array_ok)?;
    from_text(text)
}

/// serde_json straight from the text, its error placed by pointer.
fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, Problem> {
    serde_json::from_str(text).map_err(|e| Problem::Json {
        path: pointer_at(text, offset_of(text, e.line(), e.column())),
        message: message_of(&e),
    })
}

/// serde_json's message. A value of the wrong shape is named by the
/// pointer, so its " at line L column C" is dropped; broken JSON (a
/// missing comma, a cut-off text) keeps it, as the pointer is only near.
fn message_of(e: &serde_json::Error) -> String {
    let s = e.to_string();
    if !e.is_data() {
        return s;
    }
    match s.rfind(" at line ") {
        Some(i) => s.get(..i).unwrap_or(&s).to_string(),
        None => s,
    }
}

/// Byte offset of serde_json's (1-based line, column in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    if line > 1 {
        let mut seen: usize = 1;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                seen = seen.saturating_add(1);
                if seen == line {
                    start = i.saturating_add(1);
                    break;
                }
            }
        }
    }
    start.saturating_add(column).min(text.len())
}

/// One open container: the member being read, if any.
#[derive(Clone, Copy)]
enum Frame {
    /// An object; `key` is the byte span of the current key (inside the
    /// quotes), `None` between members.
    Object { key: Option<(usize, usize)> },
    /// An array; `index` of the next element, `open` while one is read.
    Array { index: usize, open: bool },
}

/// The walk over the text's tokens, keeping the open containers.
struct Walk<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    stack: Vec<Frame>,
}

/// What the walk found at a token.
enum Token {
    Open {
        array: bool,
    },
    Close,
    /// A member name: its span is the top frame's `key`.
    Key,
    String,
    Other,
    End,
}

impl<'a> Walk<'a> {
    fn new(text: &'a str) -> Walk<'a> {
        Walk {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            stack: Vec::new(),
        }
    }

    /// Skip whitespace, `:` and `,` (updating the members) up to `limit`,
    /// and return the start of the next token.
    fn skip(&mut self, limit: usize) -> usize {
        while let Some(&b) = self.bytes.get(self.pos).filter(|_| self.pos < limit) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
                b',' => match self.stack.last_mut() {
                    Some(Frame::Object { key }) => *key = None,
                    Some(Frame::Array { index, open }) => {
                        if *open {
                            *index = index.saturating_add(1);
                        }
                        *open = false;
                    }
                    None => {}
                },
                _ => break,
            }
            self.pos = self.pos.saturating_add(1);
        }
        self.pos
    }

    /// Read the token at `pos` and update the stack.
    fn token(&mut self) -> Token {
        let Some(&b) = self.bytes.get(self.pos) else {
            return Token::End;
        };
        match b {
            b'{' | b'[' => {
                self.begin_value();
                self.pos = self.pos.saturating_add(1);
                let array = b == b'[';
                self.stack.push(if array {
                    Frame::Array {
                        index: 0,
                        open: false,
                    }
                } else {
                    Frame::Object { key: None }
                });
                Token::Open { array }
            }
            b'}' | b']' => {
                self.pos = self.pos.saturating_add(1);
                self.stack.pop();
                Token::Close
            }
            b'"' => {
                let start = self.pos.saturating_add(1);
                let mut i = start;
                while let Some(&c) = self.bytes.get(i) {
                    match c {
                        b'\\' => i = i.saturating_add(2),
                        b'"' => break,
                        _ => i = i.saturating_add(1),
                    }
                }
                let end = i.min(self.bytes.len());
                self.pos = i.saturating_add(1).min(self.bytes.len());
                match self.stack.last_mut() {
                    Some(Frame::Object { key }) if key.is_none() => {
                        *key = Some((start, end));
                        Token::Key
                    }
                    _ => {
                        self.begin_value();
                        Token::String
                    }
                }
            }
            _ => {
                self.begin_value();
                while let Some(&c) = self.bytes.get(self.pos) {
                    if matches!(
                        c,
                        b' ' | b'\t'
                            | b'\n'
                            | b'\r'
                            | b','
                            | b':'
                            | b'{'
                            | b'}'
                            | b'['
                            | b']'
                            | b'"'
                    ) {
                        break;
                    }
                    self.pos = self.pos.saturating_add(1);
                }
                Token::Other
            }
        }
    }

    /// A value starts: in an array it is the element at `index`.
    fn begin_value(&mut self) {
        if let Some(Frame::Array { open, .. }) = self.stack.last_mut() {
            *open = true;
        }
    }

    /// The JSON Pointer of the current place: every open container's
    /// current member.
    fn pointer(&self) -> String {
        pointer_of(self.text, &self.stack)
    }

    /// The pointer of the container just opened (its own place, before
    /// any member).
    fn container_pointer(&self) -> String {
        let below = self.stack.split_last().map_or(&[][..], |(_, below)| below);
        pointer_of(self.text, below)
    }
}

/// The JSON Pointer of `frames`' current members.
fn pointer_of(text: &str, frames: &[Frame]) -> String {
    let mut out = String::new();
    for f in frames {
        match *f {
            Frame::Object { key: Some((s, e)) } => {
                out.push('/');
                out.push_str(&escape(&key_text(text, s, e)));
            }
            Frame::Array { index, open: true } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            _ => {}
        }
    }
    out
}

/// A key's text, JSON escapes decoded.
fn key_text(text: &str, start: usize, end: usize) -> String {
    let raw = text.get(start..end).unwrap_or("");
    if !raw.contains('\\') {
        return raw.to_string();
    }
    text.get(start.saturating_sub(1)..end.saturating_add(1).min(text.len()))
        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
        .unwrap_or_else(|| raw.to_string())
}

/// The depth limit, unique member names, and `array_ok` (when given) for
/// every array, in one pass. The limit comes first: a too-deep text is
/// refused as such wherever it has arrays. Pointers are made only for the
/// problem returned, so the pass costs the same however many arrays the
/// text has; names are compared as raw spans, decoded only when a name
/// has an escape (so `"a"` and `"\u0061"` are the same name).
fn scan(text: &str, array_ok: Option<fn(&str) -> bool>) -> Result<(), Problem> {
    let mut w = Walk::new(text);
    let mut misplaced = None;
    let mut duplicate = None;
    let mut names = Names::default();
    loop {
        let at = w.skip(usize::MAX);
        match w.token() {
            Token::End => break,
            Token::Open { array } => {
                if w.stack.len() > MAX_DEPTH {
                    return Err(Problem::TooDeep { at });
                }
                names.open();
                if let (true, None, Some(ok)) = (array, &misplaced, array_ok) {
                    let path = w.container_pointer();
                    if !ok(&path) {
                        misplaced = Some(Problem::Array { path });
                    }
                }
            }
            Token::Close => names.close(),
            Token::Key => {
                if let Some(Frame::Object { key: Some((s, e)) }) = w.stack.last() {
                    let raw = text.get(*s..*e).unwrap_or("");
                    let name = if raw.contains('\\') {
                        Cow::Owned(key_text(text, *s, *e))
                    } else {
                        Cow::Borrowed(raw)
                    };
                    if !names.insert(name) && duplicate.is_none() {
                        duplicate = Some(Problem::Duplicate { path: w.pointer() });
                    }
                }
            }
            Token::String | Token::Other => {}
        }
    }
    duplicate.or(misplaced).map_or(Ok(()), Err)
}

/// The member names of the open containers, to refuse a name said twice
/// in one object: one list, each container's names from where it opened.
/// Nearly every object has a few names, compared one by one; past `SMALL`
/// an object keeps them in a hash set too (SipHash: an upload is
/// untrusted, and its names must not be able to make look-ups collide).
#[derive(Default)]
struct Names<'a> {
    list: Vec<Cow<'a, str>>,
    /// Each open container: where its names start in `list`, and its set
    /// once it is large (its names after that go only there).
    open: Vec<(usize, Option<HashSet<Cow<'a, str>>>)>,
}

impl<'a> Names<'a> {
    const SMALL: usize = 16;

    fn open(&mut self) {
        self.open.push((self.list.len(), None));
    }

    fn close(&mut self) {
        if let Some((start, _)) = self.open.pop() {
            self.list.truncate(start);
        }
    }

    /// Add a name to the innermost container; false if it had it already.
    fn insert(&mut self, name: Cow<'a, str>) -> bool {
        let Some((start, set)) = self.open.last_mut() else {
            return true;
        };
        let own = self.list.get(*start..).unwrap_or(&[]);
        match set {
            Some(set) => return set.insert(name),
            None if own.contains(&name) => return false,
            None if own.len() >= Self::SMALL => {
                let mut all: HashSet<Cow<'a, str>> = own.iter().cloned().collect();
                all.insert(name);
                *set = Some(all);
                return true;
            }
            None => {}
        }
        self.list.push(name);
        true
    }
}

/// The byte span of the value of top-level member `name` (the first
/// copy), for limits on a document inside another (the report inside an
/// upload). `None` when there is no such member.
pub fn member_span(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut w = Walk::new(text);
    let mut start = None;
    loop {
        let at = w.skip(usize::MAX);
        let depth = w.stack.len();
        let token = w.token();
        match (start, token) {
            (_, Token::End) => return start.map(|s| (s, text.len())),
            (None, Token::Key) if depth == 1 => {
                if let Some(Frame::Object { key: Some((s, e)) }) = w.stack.last() {
                    if key_text(text, *s, *e) == name {
                        start = Some(w.skip(usize::MAX));
                    }
                }
            }
            // The member's value ends where the walk is back at depth 1
            // between members (a scalar value, or its container closed).
            (Some(s), _) if w.stack.len() == 1 && at >= s => return Some((s, w.pos)),
            _ => {}
        }
    }
}

/// The JSON Pointer of the value, key or container at byte `offset` (where
/// serde_json stopped: just after the token it refused).
fn pointer_at(text: &str, offset: usize) -> String {
    let mut w = Walk::new(text);
    let mut just_opened = false;
    loop {
        let start = w.skip(offset);
        if start >= offset {
            break;
        }
        match w.token() {
            Token::End => break,
            Token::Open { .. } => just_opened = true,
            Token::Close | Token::Key | Token::String | Token::Other => just_opened = false,
        }
        if w.stack.len() > MAX_DEPTH {
            break;
        }
    }
    if just_opened {
        w.container_pointer()
    } else {
        w.pointer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_at_names_the_token_before_the_offset() {
        let t = r#"{"a": {"b~c/d": [1, {"x": "y"}, 3]}, "e\"f": 2}"#;
        let at = |needle: &str| t.find(needle).unwrap() + needle.len();
        assert_eq!(pointer_at(t, at("\"a\"")), "/a");
        assert_eq!(pointer_at(t, at("[")), "/a/b~0c~1d");
        assert_eq!(pointer_at(t, at("[1")), "/a/b~0c~1d/0");
        assert_eq!(pointer_at(t, at("\"y\"")), "/a/b~0c~1d/1/x");
        assert_eq!(pointer_at(t, at("\"y\"}")), "/a/b~0c~1d/1");
        assert_eq!(pointer_at(t, at(", 3")), "/a/b~0c~1d/2");
        assert_eq!(pointer_at(t, at("3")), "/a/b~0c~1d/2");
        assert_eq!(pointer_at(t, at("3]")), "/a/b~0c~1d");
        assert_eq!(pointer_at(t, at("3]}")), "/a");
        assert_eq!(pointer_at(t, at(r#""e\"f""#)), "/e\"f");
        assert_eq!(pointer_at(t, t.len()), "");
        assert_eq!(pointer_at(t, 0), "");
    }

    #[test]
    fn scan_finds_depth_and_arrays() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(scan(&deep, None), Err(Problem::TooDeep { at: MAX_DEPTH }));
        assert_eq!(scan(&"[".repeat(MAX_DEPTH), None), Ok(()));
        let only_rows: fn(&str) -> bool = |p| p == "/rows";
        let t = r#"{"rows": [{"a": "[x"}], "b": {"c": []}}"#;
        assert_eq!(scan(t, None), Ok(()));
        assert_eq!(
            scan(t, Some(only_rows)),
            Err(Problem::Array {
                path: "/b/c".into()
            })
        );
        assert_eq!(scan(r#"{"rows": [], "s": "[[["}"#, Some(only_rows)), Ok(()));
    }

    #[test]
    fn scan_finds_a_name_said_twice_in_small_and_large_objects() {
        let dup = |path: &str| Err(Problem::Duplicate { path: path.into() });
        // Objects of n names, the last repeating name `k`, around the point
        // where a hash set takes over from comparing one by one.
        for n in [2usize, 15, 16, 17, 18, 40, 300] {
            for k in [0, (n - 1) / 2, n - 2] {
                let mut names: Vec<String> = (0..n - 1).map(|i| format!("\"m{i}\": {i}")).collect();
                names.push(format!("\"m{k}\": 0"));
                let t = format!("{{\"o\": {{{}}}}}", names.join(", "));
                assert_eq!(
                    scan(&t, None),
                    dup(&format!("/o/m{k}")),
                    "{n} names, m{k} twice"
                );
                names.pop();
                let t = format!("{{\"o\": {{{}}}, \"m0\": 1}}", names.join(", "));
                assert_eq!(scan(&t, None), Ok(()), "{n} names once each");
            }
        }
        // A name of a closed inner object is not the outer object's; the
        // outer object's names stay its own after an inner one, large or
        // small, closes; an escape spells the same name.
        let inner: Vec<String> = (0..20).map(|i| format!("\"a{i}\": 1")).collect();
        let inner = inner.join(", ");
        assert_eq!(
            scan(
                &format!("{{\"a1\": {{{inner}}}, \"b\": [{{\"a1\": 2}}]}}"),
                None
            ),
            Ok(())
        );
        assert_eq!(
            scan(&format!("{{\"x\": 1, \"i\": {{{inner}}}, \"x\": 2}}"), None),
            dup("/x")
        );
        assert_eq!(
            scan(r#"{"x": 1, "i": {"y": 1}, "\u0078": 2}"#, None),
            dup("/x")
        );
    }

    #[test]
    fn serde_errors_are_placed() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            name: String,
            list: Vec<String>,
        }
        let cases = [
            ("{\"name\": 12, \"list\": []}", "/name"),
            (
                "{\n  \"name\": \"项目\",\n  \"list\": [\"a\", 3]}",
                "/list/1",
            ),
            ("{\"name\": \"x\", \"nope\": 1}", "/nope"),
            ("{\"name\": \"x\"}", ""),
            ("{\"name\": \"x\", \"list\": {}}", "/list"),
            ("{", ""),
        ];
        for (text, path) in cases {
            match from_text::<S>(text) {
                Err(Problem::Json { path: p, message }) => {
                    assert_eq!(p, path, "{text}: {message}");
                    assert_eq!(message.contains(" at line "), text == "{", "{message}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
