//! The upload JSON staff submit (SPEC §8), its digest, and re-checking an
//! upload on the server. Schema: `schema/upload.schema.json`.

use std::sync::Arc;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codes::Code;
use crate::digest::{canonical_json, sha256_hex, sm3_hex};
use crate::engine::{Computed, Engine, Input};
use crate::finding::{self, Args, Finding, Severity};
use crate::model::Report;
use crate::pack::Pack;

/// Version of the upload format.
pub const UPLOAD_SCHEMA_VERSION: &str = "1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackRef {
    pub id: String,
    pub version: String,
    pub digest: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        Summary::of_iter(findings.iter())
    }

    /// [`Summary::of`] over findings as they come.
    pub fn of_iter<'a>(findings: impl Iterator<Item = &'a Finding>) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            let n = match f.severity {
                Severity::Error => &mut s.errors,
                Severity::Warning => &mut s.warnings,
                Severity::Info => &mut s.infos,
            };
            *n = n.saturating_add(1);
        }
        s
    }
}

/// What a portal POSTs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Upload<I = Vec<Input>> {
    pub schema_version: String,
    pub generator: String,
    pub pack: PackRef,
    /// The report exactly as typed.
    pub report: Report,
    /// Every input, raw beside normalised (as verify reads them:
    /// [`InputsSeen`]).
    pub inputs: I,
    pub computed: IndexMap<String, Computed>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// SHA-256 (hex) of the canonical JSON of every member but the two
    /// digests.
    #[serde(default)]
    pub digest: String,
    /// SM3 (GB/T 32905, hex) of the same canonical bytes, for systems
    /// assessed under GB/T 39786.
    #[serde(default)]
    pub digest_sm3: String,
}

/// An upload's inputs as verify reads them: how many, a SHA-256 over all
/// of them, and a short hash of each to name the first that differs. The
/// list itself is not kept: the largest upload holds 100,000 inputs, and
/// keeping them beside the engine took the verify over 300 MB.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InputsSeen {
    digest: [u8; 32],
    each: Vec<u64>,
}

/// Hashes inputs one at a time, as [`InputsSeen`] keeps them.
#[derive(Default)]
struct InputsHasher {
    sha: sha2::Sha256,
    each: Vec<u64>,
}

impl InputsHasher {
    fn add(&mut self, input: &Input) {
        use sha2::Digest;
        use std::hash::Hasher;
        let mut short = crate::graph::FxHasher::default();
        let none = u64::MAX.to_le_bytes();
        for part in [
            Some(&input.path),
            Some(&input.raw),
            input.normalized.as_ref(),
        ] {
            // Each part with its length first: no two lists hash alike.
            let len = part.map_or(none, |p| (p.len() as u64).to_le_bytes());
            let bytes = part.map_or(&[][..], |p| p.as_bytes());
            for chunk in [&len[..], bytes] {
                self.sha.update(chunk);
                short.write(chunk);
            }
        }
        self.each.push(short.finish());
    }

    fn finish(self) -> InputsSeen {
        use sha2::Digest;
        InputsSeen {
            digest: self.sha.finalize().into(),
            each: self.each,
        }
    }
}

impl<'de> Deserialize<'de> for InputsSeen {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<InputsSeen, D::Error> {
        struct Seq;
        impl<'de> serde::de::Visitor<'de> for Seq {
            type Value = InputsSeen;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of inputs")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<InputsSeen, A::Error> {
                let mut h = InputsHasher::default();
                while let Some(input) = seq.next_element::<Input>()? {
                    h.add(&input);
                }
                Ok(h.finish())
            }
        }
        d.deserialize_seq(Seq)
    }
}

/// Largest upload accepted (bytes): 8 × the largest report. The honest
/// upload of the largest legal report measured 43 MB (`cargo bench --bench
/// worst`: 9,999 lines all wrong, 30,000 rows, 1.3 M characters of prose);
/// the report inside is held to the report's own limit.
pub const MAX_UPLOAD_BYTES: usize = 8 * crate::report_io::MAX_REPORT_BYTES;

/// Build the upload for an evaluated report.
pub fn build(engine: &Engine) -> Upload {
    let findings = engine.findings();
    let pack = engine.pack();
    let mut up = Upload {
        schema_version: UPLOAD_SCHEMA_VERSION.into(),
        generator: format!("jixiao {}", env!("CARGO_PKG_VERSION")),
        pack: PackRef {
            id: pack.spec.id.clone(),
            version: pack.spec.version.clone(),
            digest: pack.digest.clone(),
        },
        report: engine.report().clone(),
        inputs: engine.inputs(),
        computed: engine.computed(),
        summary: Summary::of(&findings),
        findings,
        digest: String::new(),
        digest_sm3: String::new(),
    };
    let text = serde_json::to_string(&up).unwrap_or_default();
    if let Some(d) = digests_of_text(&text) {
        up.digest = d.sha256;
        up.digest_sm3 = d.sm3;
    }
    up
}

/// Both digests of an upload given as JSON text (the same bytes as
/// [`digests_of_value`] of its value, with no value tree built).
pub fn digests_of_text(text: &str) -> Option<Digests> {
    crate::digest::canonical_text(text, &DIGEST_MEMBERS).map(|bytes| Digests::of(&bytes))
}

/// The members that hold the digests, left out of what they cover.
const DIGEST_MEMBERS: [&str; 2] = ["digest", "digestSm3"];

/// An upload's two digests, over the same canonical bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digests {
    pub sha256: String,
    pub sm3: String,
}

impl Digests {
    /// Both digests of the canonical bytes.
    /// Natively the two run side by side (SM3 has no hardware help and
    /// costs most of a large upload's digest time); in WASM one by one.
    fn of(canonical: &str) -> Digests {
        let bytes = canonical.as_bytes();
        let (sha256, sm3) = alongside(|| sha256_hex(bytes), || sm3_hex(bytes));
        Digests {
            sha256,
            sm3: sm3.unwrap_or_else(|| sm3_hex(bytes)),
        }
    }
}

/// The canonical bytes an upload's digests cover: the canonical JSON of
/// the upload given as a JSON value, its `digest` and `digestSm3` left out.
pub fn canonical_bytes(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut map = map.clone();
            for m in DIGEST_MEMBERS {
                map.remove(m);
            }
            canonical_json(&Value::Object(map))
        }
        other => canonical_json(other),
    }
}

/// Both digests of an upload given as a JSON value.
pub fn digests_of_value(v: &Value) -> Digests {
    Digests::of(&canonical_bytes(v))
}

/// The SHA-256 digest of an upload given as a JSON value.
pub fn digest_of_value(v: &Value) -> String {
    digests_of_value(v).sha256
}

/// Serialise an upload as compact JSON (what goes on the wire; the
/// digests do not depend on the layout, and compact text keeps the largest
/// legal report's upload well within [`MAX_UPLOAD_BYTES`]).
pub fn to_json(up: &Upload) -> String {
    serde_json::to_string(up).unwrap_or_default()
}

/// The outcome of re-checking an upload. Serialised with its
/// [`Verdict`] first (`verdict`, `problems`, `findings`, `evaluated`).
#[derive(Debug, Clone)]
pub struct Verified {
    /// Problems with the upload itself (digest, pack, altered content).
    pub problems: Vec<Finding>,
    /// The findings of a fresh check of the report (when it was made).
    pub findings: Vec<Finding>,
    /// Whether the report was evaluated again: only once the size, the
    /// reading, the versions, the digests and the pack all passed.
    pub evaluated: bool,
}

impl Verified {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// What the re-check comes to, for the CLI's exit status and the
    /// JavaScript API alike.
    pub fn verdict(&self) -> Verdict {
        const UNREADABLE: &[Code] = &[
            Code::UploadJson,
            Code::UploadVersion,
            Code::ReportTooLarge,
            Code::JsonTooDeep,
            Code::JsonDuplicateKey,
            Code::ReportJson,
        ];
        let unreadable = self
            .problems
            .iter()
            .any(|p| UNREADABLE.iter().any(|c| c.as_str() == p.code));
        if unreadable {
            Verdict::Unreadable
        } else if self.ok() {
            Verdict::Verified
        } else {
            Verdict::Rejected
        }
    }
}

impl Serialize for Verified {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Verified", 4)?;
        st.serialize_field("verdict", &self.verdict())?;
        st.serialize_field("problems", &self.problems)?;
        st.serialize_field("findings", &self.findings)?;
        st.serialize_field("evaluated", &self.evaluated)?;
        st.end()
    }
}

/// What re-checking an upload comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Digest, pack and every figure match (exit status 0).
    Verified,
    /// Read, but something differs or does not hold (exit status 1).
    Rejected,
    /// Not readable as an upload at all (exit status 2).
    Unreadable,
}

impl Verdict {
    /// The CLI's exit status for it.
    pub fn exit_status(self) -> u8 {
        match self {
            Verdict::Verified => 0,
            Verdict::Rejected => 1,
            Verdict::Unreadable => 2,
        }
    }
}

/// Re-check an upload, cheapest checks first, each stopping the work when
/// it fails: the size; a strict reading (no duplicate names anywhere, no
/// array where the format has an object, the report inside within the
/// report limits); the versions; both digests; the pack's identity. Only
/// an upload that passes all of those is evaluated again, and every
/// input, computed value and finding compared with the fresh evaluation.
/// `pack` is the server's copy of the pack the upload names (`None`: look
/// among the built-in packs).
pub fn verify(text: &str, pack: Option<Arc<Pack>>) -> Verified {
    match admit(text, pack) {
        Ok((up, pack)) => evaluate(up, pack),
        Err(v) => v,
    }
}

/// [`verify`] of text the caller gives up: it is freed once the cheap
/// checks pass, before the report is evaluated again (the largest upload's
/// text is about 40 MB).
pub fn verify_owned(text: String, pack: Option<Arc<Pack>>) -> Verified {
    verify_text(text, pack, Free::Yes)
}

/// [`verify_owned`] for a process that exits once it has said the result
/// (the CLI): the fresh evaluation is not freed. On the largest legal
/// report freeing its million small allocations takes about 0.1 s, a
/// tenth of the whole; the system takes the memory back at exit anyway.
pub fn verify_owned_before_exit(text: String, pack: Option<Arc<Pack>>) -> Verified {
    verify_text(text, pack, Free::No)
}

/// Whether the fresh evaluation is freed once compared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Free {
    Yes,
    No,
}

fn verify_text(text: String, pack: Option<Arc<Pack>>, free: Free) -> Verified {
    let admitted = admit(&text, pack);
    drop(text);
    match admitted {
        Ok((mut up, pack)) => {
            // The report moves into the engine (it is compared through the
            // inputs).
            let report = std::mem::take(&mut up.report);
            let engine = Engine::new(pack, report);
            let (verified, engine) = compare(&up, engine);
            if free == Free::No {
                std::mem::forget(engine);
                std::mem::forget(up);
            }
            verified
        }
        Err(v) => v,
    }
}

/// The cheap checks, in order: size, the strict typed reading, the
/// report's size and limits, the versions, both digests, the pack. The
/// upload and its pack when all pass.
fn admit(text: &str, pack: Option<Arc<Pack>>) -> Result<(Upload<InputsSeen>, Arc<Pack>), Verified> {
    let fail = |f: Finding| {
        Err(Verified {
            problems: vec![f],
            findings: vec![],
            evaluated: false,
        })
    };
    if text.len() > MAX_UPLOAD_BYTES {
        return fail(finding::plain(
            Code::ReportTooLarge,
            "",
            Args::default()
                .actual(format!("{} 字节", text.len()))
                .expected(format!("{MAX_UPLOAD_BYTES} 字节")),
        ));
    }
    let text = crate::json_text::strip_bom(text);
    // The digests are made from the text alone: natively they are made
    // while the text is read (on a large upload each takes about 0.2 s);
    // a reading that fails is still what is reported.
    let (up, digests) = alongside(|| read_upload(text), || digests_of_text(text));
    let up = match up {
        Ok(up) => up,
        Err(f) => return fail(*f),
    };
    let Some(d) = digests.flatten() else {
        return fail(finding::plain(
            Code::UploadJson,
            "",
            Args::default().detail("无法计算摘要"),
        ));
    };
    let mut problems = Vec::new();
    for (path, stated, expected) in [
        ("/digest", &up.digest, &d.sha256),
        ("/digestSm3", &up.digest_sm3, &d.sm3),
    ] {
        if stated != expected {
            problems.push(finding::plain(
                Code::UploadDigest,
                path,
                Args::default().expected(expected).actual(stated),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Verified {
            problems,
            findings: vec![],
            evaluated: false,
        });
    }
    let pack = match pack.or_else(|| crate::pack::builtin(&up.pack.id)) {
        Some(p) => p,
        None => {
            return fail(finding::plain(
                Code::UploadPack,
                "/pack/id",
                Args::default().actual(&up.pack.id).expected("内置评价体系"),
            ))
        }
    };
    let server = format!("{} {} {}", pack.spec.id, pack.spec.version, pack.digest);
    let claimed = format!("{} {} {}", up.pack.id, up.pack.version, up.pack.digest);
    if server != claimed || up.report.pack != pack.spec.id {
        return fail(finding::plain(
            Code::UploadPack,
            "/pack",
            Args::default().actual(claimed).expected(server),
        ));
    }
    Ok((up, pack))
}

/// The strict typed reading of an upload and the checks that need only it:
/// the report's size and limits, and both versions.
fn read_upload(text: &str) -> Result<Upload<InputsSeen>, Box<Finding>> {
    // The typed read first: it refuses what is not an upload quickly and
    // names the place; the digest's value tree is built only for an upload
    // (with duplicate names refused, both readings see the same members).
    let up: Upload<InputsSeen> =
        match crate::json_text::read(text, Some(crate::report_io::upload_array_ok)) {
            Ok(u) => u,
            Err(p) => {
                return Err(Box::new(crate::report_io::json_finding(
                    Code::UploadJson,
                    p,
                )))
            }
        };
    if let Some((start, end)) = crate::json_text::member_span(text, "report") {
        if end.saturating_sub(start) > crate::report_io::MAX_REPORT_BYTES {
            return Err(Box::new(finding::plain(
                Code::ReportTooLarge,
                "/report",
                Args::default()
                    .actual(format!("{} 字节", end.saturating_sub(start)))
                    .expected(format!("{} 字节", crate::report_io::MAX_REPORT_BYTES)),
            )));
        }
    }
    if let Err(f) = crate::report_io::check_report(&up.report) {
        let mut f = *f;
        f.paths = f.paths.iter().map(|p| format!("/report{p}")).collect();
        return Err(Box::new(f));
    }
    if up.schema_version != UPLOAD_SCHEMA_VERSION {
        return Err(Box::new(finding::plain(
            Code::UploadVersion,
            "/schemaVersion",
            Args::default()
                .actual(&up.schema_version)
                .expected(UPLOAD_SCHEMA_VERSION),
        )));
    }
    // The report inside must be one this version reads (found by the
    // tampering property test: an altered report version went unnoticed).
    if up.report.schema_version != crate::REPORT_SCHEMA_VERSION {
        return Err(Box::new(finding::plain(
            Code::UploadVersion,
            "/report/schemaVersion",
            Args::default()
                .actual(&up.report.schema_version)
                .expected(crate::REPORT_SCHEMA_VERSION),
        )));
    }
    Ok(up)
}

/// `a` and `b` side by side (`b` on a second thread) with the `parallel`
/// feature where a thread can be had, else one after the other. `b`'s
/// result is `None` only if it ran and panicked.
#[cfg(feature = "parallel")]
fn alongside<A, B: Send>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, Option<B>) {
    let slot = std::sync::Mutex::new(Some(b));
    let run_b = &|| slot.lock().ok().and_then(|mut f| f.take()).map(|f| f());
    std::thread::scope(
        |s| match std::thread::Builder::new().spawn_scoped(s, run_b) {
            Ok(handle) => {
                let a = a();
                (a, handle.join().ok().flatten())
            }
            // No thread to be had: one after the other.
            Err(_) => (a(), run_b()),
        },
    )
}

/// `a` then `b` (without the `parallel` feature: the WebAssembly build).
#[cfg(not(feature = "parallel"))]
fn alongside<A, B>(a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, Option<B>) {
    (a(), Some(b()))
}

/// Evaluate an admitted upload's report again and compare.
fn evaluate(mut up: Upload<InputsSeen>, pack: Arc<Pack>) -> Verified {
    // The report moves into the engine (it is compared through the inputs).
    let report = std::mem::take(&mut up.report);
    compare(&up, Engine::new(pack, report)).0
}

/// Every input, computed value and finding of `up` against a fresh
/// evaluation of its report; the evaluation without its findings, for the
/// caller to free or not.
fn compare(up: &Upload<InputsSeen>, mut engine: Engine) -> (Verified, Engine) {
    // Value by value as the engine gives them: no second list of inputs,
    // map of computed values or copy of the findings is made.
    let mut problems = Vec::new();
    // The inputs by their hashes (the upload's list was not kept): the
    // SHA-256 over all of them decides, the short ones say where.
    let mut fresh = InputsHasher::default();
    let mut paths = Vec::new();
    for input in engine.inputs_iter() {
        fresh.add(&input);
        paths.push(input.path);
    }
    let fresh = fresh.finish();
    let changed = (fresh != up.inputs).then(|| {
        let i = fresh
            .each
            .iter()
            .zip(&up.inputs.each)
            .position(|(a, b)| a != b)
            .unwrap_or(fresh.each.len().min(up.inputs.each.len()));
        (
            i,
            paths
                .get(i)
                .cloned()
                .unwrap_or_else(|| "（多出的一项）".into()),
        )
    });
    drop(paths);
    if let Some((i, path)) = changed {
        problems.push(finding::plain(
            Code::UploadInputChanged,
            format!("/inputs/{i}"),
            Args::field(path),
        ));
    }
    let computed_changed = |k: &str, expected: String, actual: String| {
        finding::plain(
            Code::UploadComputedChanged,
            format!("/computed/{}", crate::model::report::escape(k)),
            Args::field(k).expected(expected).actual(actual),
        )
    };
    let mut matched = 0usize;
    for (k, value, unit) in engine.computed_iter() {
        match up.computed.get(k) {
            Some(c) if c.value == value && c.unit == unit => matched = matched.saturating_add(1),
            stated => {
                if stated.is_some() {
                    matched = matched.saturating_add(1);
                }
                let actual = stated.map_or_else(|| "（缺失）".into(), |c| c.value.clone());
                problems.push(computed_changed(k, value.into_owned(), actual));
            }
        }
    }
    if matched != up.computed.len() {
        // Keys only the upload has (a names set only on this failure path).
        let fresh: std::collections::HashSet<&str> =
            engine.computed_iter().map(|(k, _, _)| k).collect();
        for (k, c) in &up.computed {
            if !fresh.contains(k.as_str()) {
                problems.push(computed_changed(k, "（无）".into(), c.value.clone()));
            }
        }
    }
    // Field by field (what the JSON would say, without writing it twice).
    let same = engine.findings_iter().eq(up.findings.iter())
        && Summary::of_iter(engine.findings_iter()) == up.summary;
    let fresh = engine.take_findings();
    if !same {
        let detail = format!("上报 {} 条，重新检查 {} 条", up.findings.len(), fresh.len());
        problems.push(finding::plain(
            Code::UploadFindingsChanged,
            "/findings",
            Args::default().detail(detail),
        ));
    }
    let verified = Verified {
        problems,
        findings: fresh,
        evaluated: true,
    };
    (verified, engine)
}
