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
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

/// What a portal POSTs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Upload {
    pub schema_version: String,
    pub generator: String,
    pub pack: PackRef,
    /// The report exactly as typed.
    pub report: Report,
    /// Every input, raw beside normalised.
    pub inputs: Vec<Input>,
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
    fn of(canonical: &str) -> Digests {
        Digests {
            sha256: sha256_hex(canonical.as_bytes()),
            sm3: sm3_hex(canonical.as_bytes()),
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

/// The outcome of re-checking an upload.
#[derive(Debug, Clone, Serialize)]
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
    let fail = |f: Finding| Verified {
        problems: vec![f],
        findings: vec![],
        evaluated: false,
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
    // The typed read first: it refuses what is not an upload quickly and
    // names the place; the digest's value tree is built only for an upload
    // (with duplicate names refused, both readings see the same members).
    let mut up: Upload = match crate::json_text::read(text, Some(crate::report_io::upload_array_ok))
    {
        Ok(u) => u,
        Err(p) => return fail(crate::report_io::json_finding(Code::UploadJson, p)),
    };
    if let Some((start, end)) = crate::json_text::member_span(text, "report") {
        if end.saturating_sub(start) > crate::report_io::MAX_REPORT_BYTES {
            return fail(finding::plain(
                Code::ReportTooLarge,
                "/report",
                Args::default()
                    .actual(format!("{} 字节", end.saturating_sub(start)))
                    .expected(format!("{} 字节", crate::report_io::MAX_REPORT_BYTES)),
            ));
        }
    }
    if let Err(f) = crate::report_io::check_report(&up.report) {
        let mut f = *f;
        for p in &mut f.paths {
            p.insert_str(0, "/report");
        }
        return fail(f);
    }
    if up.schema_version != UPLOAD_SCHEMA_VERSION {
        return fail(finding::plain(
            Code::UploadVersion,
            "/schemaVersion",
            Args::default()
                .actual(&up.schema_version)
                .expected(UPLOAD_SCHEMA_VERSION),
        ));
    }
    // The report inside must be one this version reads (found by the
    // tampering property test: an altered report version went unnoticed).
    if up.report.schema_version != crate::REPORT_SCHEMA_VERSION {
        return fail(finding::plain(
            Code::UploadVersion,
            "/report/schemaVersion",
            Args::default()
                .actual(&up.report.schema_version)
                .expected(crate::REPORT_SCHEMA_VERSION),
        ));
    }
    let Some(d) = digests_of_text(text) else {
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
        return Verified {
            problems,
            findings: vec![],
            evaluated: false,
        };
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
    // The report moves into the engine (it is compared through the inputs).
    let report = std::mem::take(&mut up.report);
    compare(&up, Engine::new(pack, report))
}

/// Every input, computed value and finding of `up` against a fresh
/// evaluation of its report.
fn compare(up: &Upload, engine: Engine) -> Verified {
    let mut problems = Vec::new();
    let fresh_inputs = engine.inputs();
    if fresh_inputs != up.inputs {
        let changed = fresh_inputs
            .iter()
            .zip(up.inputs.iter())
            .position(|(a, b)| a != b)
            .unwrap_or(fresh_inputs.len().min(up.inputs.len()));
        let path = up
            .inputs
            .get(changed)
            .or(fresh_inputs.get(changed))
            .map(|i| i.path.clone())
            .unwrap_or_default();
        problems.push(finding::plain(
            Code::UploadInputChanged,
            format!("/inputs/{changed}"),
            Args::field(path),
        ));
    }
    let fresh_computed = engine.computed();
    for (k, v) in &fresh_computed {
        if up.computed.get(k) != Some(v) {
            problems.push(finding::plain(
                Code::UploadComputedChanged,
                format!("/computed/{}", crate::model::report::escape(k)),
                Args::field(k.clone()).expected(v.value.clone()).actual(
                    up.computed
                        .get(k)
                        .map(|c| c.value.clone())
                        .unwrap_or_else(|| "（缺失）".into()),
                ),
            ));
        }
    }
    for k in up.computed.keys() {
        if !fresh_computed.contains_key(k) {
            problems.push(finding::plain(
                Code::UploadComputedChanged,
                format!("/computed/{}", crate::model::report::escape(k)),
                Args::field(k.clone()).expected("（无）").actual(
                    up.computed
                        .get(k)
                        .map(|c| c.value.clone())
                        .unwrap_or_default(),
                ),
            ));
        }
    }
    let fresh = engine.findings();
    // Field by field (what the JSON would say, without writing it twice).
    if fresh != up.findings || Summary::of(&fresh) != up.summary {
        let detail = format!("上报 {} 条，重新检查 {} 条", up.findings.len(), fresh.len());
        problems.push(finding::plain(
            Code::UploadFindingsChanged,
            "/findings",
            Args::default().detail(detail),
        ));
    }
    Verified {
        problems,
        findings: fresh,
        evaluated: true,
    }
}
