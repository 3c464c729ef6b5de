//! Canonical JSON and SHA-256, for upload digests and pack digests.
//!
//! Canonical form: object keys sorted by their UTF-16 code units (as RFC 8785
//! JCS does), no whitespace, strings escaped as serde_json escapes them.
//! jixiao writes every number as a string, so no float formatting is involved.

use std::borrow::Cow;

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex SM3 (GB/T 32905-2016) of `bytes`.
pub fn sm3_hex(bytes: &[u8]) -> String {
    hex(&sm3::Sm3::digest(bytes))
}

fn hex(hash: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(hash.len().saturating_mul(2));
    for &b in hash {
        for nibble in [b >> 4, b & 0x0f] {
            out.push(char::from(
                *DIGITS.get(usize::from(nibble)).unwrap_or(&b'0'),
            ));
        }
    }
    out
}

/// The canonical serialisation of a JSON value.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            crate::sort::sort_by(&mut keys, |a, b| utf16_cmp(a, b));
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                if let Some(x) = map.get(*k) {
                    write(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The canonical serialisation of JSON *text*, the same bytes as
/// [`canonical_json`] of its value, made without building the value tree
/// (an upload's tree costs about ten times its text). Members named in
/// `skip_top` are left out of the top-level object. `None` for text that
/// is not JSON or nests deeper than [`crate::json_text::MAX_DEPTH`]
/// (callers have read the text strictly before: duplicate names are
/// refused there, so "the last copy wins" never arises here).
pub fn canonical_text(text: &str, skip_top: &[&str]) -> Option<String> {
    let mut c = Canon {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut out = String::with_capacity(text.len());
    c.value(&mut out, 0, skip_top)?;
    c.ws();
    (c.pos == c.bytes.len()).then_some(out)
}

/// Member names in the canonical order: by UTF-16 code units.
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

struct Canon<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Canon<'a> {
    fn ws(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.pos = self.pos.saturating_add(1);
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.ws();
        (self.bytes.get(self.pos) == Some(&b)).then(|| self.pos = self.pos.saturating_add(1))
    }

    /// A string token: its canonical form (quotes and escapes) and its
    /// decoded text. Tokens without escapes or control characters are
    /// already canonical and are borrowed, not copied.
    fn string(&mut self) -> Option<(Cow<'a, str>, Cow<'a, str>)> {
        self.ws();
        let start = self.pos;
        if self.bytes.get(start) != Some(&b'"') {
            return None;
        }
        let mut i = start.saturating_add(1);
        let mut plain = true;
        loop {
            match self.bytes.get(i)? {
                b'\\' => {
                    plain = false;
                    i = i.saturating_add(2);
                }
                b'"' => break,
                b if *b < 0x20 => {
                    plain = false;
                    i = i.saturating_add(1);
                }
                _ => i = i.saturating_add(1),
            }
        }
        self.pos = i.saturating_add(1);
        let token = self.text.get(start..self.pos)?;
        if plain {
            let inner = token.get(1..token.len().saturating_sub(1))?;
            Some((Cow::Borrowed(token), Cow::Borrowed(inner)))
        } else {
            let decoded: String = serde_json::from_str(token).ok()?;
            let canonical = serde_json::to_string(&decoded).ok()?;
            Some((Cow::Owned(canonical), Cow::Owned(decoded)))
        }
    }

    fn value(&mut self, out: &mut String, depth: usize, skip: &[&str]) -> Option<()> {
        if depth > crate::json_text::MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.bytes.get(self.pos)? {
            b'{' => {
                // Members are written in place as they come, each range
                // noted; only an object whose names are out of order is
                // rearranged (an upload jixiao wrote is in order already).
                self.pos = self.pos.saturating_add(1);
                out.push('{');
                let body = out.len();
                let mut members: Vec<(Cow<'a, str>, usize, usize)> = Vec::new();
                if self.eat(b'}').is_none() {
                    loop {
                        let (token, key) = self.string()?;
                        self.eat(b':')?;
                        let start = out.len();
                        if !members.is_empty() {
                            out.push(',');
                        }
                        let from = out.len();
                        out.push_str(&token);
                        out.push(':');
                        self.value(out, depth.saturating_add(1), &[])?;
                        if skip.contains(&key.as_ref()) {
                            out.truncate(start);
                        } else {
                            members.push((key, from, out.len()));
                        }
                        if self.eat(b',').is_none() {
                            self.eat(b'}')?;
                            break;
                        }
                    }
                }
                let ordered = members
                    .windows(2)
                    .all(|w| matches!(w, [x, y] if utf16_cmp(&x.0, &y.0).is_le()));
                if !ordered {
                    let written = out.split_off(body);
                    crate::sort::sort_by(&mut members, |x, y| utf16_cmp(&x.0, &y.0));
                    for (i, (_, from, to)) in members.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push_str(
                            written.get(from.saturating_sub(body)..to.saturating_sub(body))?,
                        );
                    }
                }
                out.push('}');
            }
            b'[' => {
                self.pos = self.pos.saturating_add(1);
                out.push('[');
                if self.eat(b']').is_none() {
                    let mut first = true;
                    loop {
                        if !first {
                            out.push(',');
                        }
                        first = false;
                        self.value(out, depth.saturating_add(1), &[])?;
                        if self.eat(b',').is_none() {
                            self.eat(b']')?;
                            break;
                        }
                    }
                }
                out.push(']');
            }
            b'"' => {
                let (token, _) = self.string()?;
                out.push_str(&token);
            }
            _ => {
                // A number or a literal: up to the next delimiter, written
                // as serde_json writes its value.
                let start = self.pos;
                while self.bytes.get(self.pos).is_some_and(|b| {
                    !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.pos = self.pos.saturating_add(1);
                }
                let token = self.text.get(start..self.pos)?;
                let v: Value = serde_json::from_str(token).ok()?;
                if v.is_object() || v.is_array() || v.is_string() {
                    return None;
                }
                out.push_str(&v.to_string());
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_is_canonical_json_of_the_value() {
        for text in [
            r#"{"b": 1, "a": [true, null, -0.5e3, "x\"y\u00e9\ud83d\ude00"], "é": {}, "A": {"z": [], "y": 2}}"#,
            r#"[]"#,
            r#""\u0041""#,
            r#"{"\ud800\udc00": 1, "\uffff": 2, "a\/b": 3}"#,
            "{\"digest\": \"x\", \"keep\": {\"digest\": 1}}",
            r#"{"digest": "x", "z": 1, "a": {"c": 1, "b": [{"y": 1, "x": 2}, {"a": "\n"}]}}"#,
            r#"{"a": 1, "digest": "x"}"#,
            r#"{"a": 1, "digest": "x", "b": {"d": 4, "c": 3}}"#,
            r#"{"\u00e9": 1, "e": 2, "\ud83d\ude00": 3, "\uff61": 4}"#,
        ] {
            let v: Value = serde_json::from_str(text).unwrap();
            let mut want = v.clone();
            if let Value::Object(m) = &mut want {
                m.remove("digest");
            }
            assert_eq!(
                canonical_text(text, &["digest"]).as_deref(),
                Some(canonical_json(&want).as_str()),
                "{text}"
            );
        }
        for bad in ["{", "[1,]", "{\"a\" 1}", "nul", "1 2", "{\"a\":1}}"] {
            assert_eq!(canonical_text(bad, &[]), None, "{bad}");
        }
    }
}
