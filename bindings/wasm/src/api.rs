//! The WebAssembly binding: a thin layer over the core for JavaScript.
//! Every value crossing the boundary is plain JSON-shaped data; every error
//! is a JS `Error` carrying `code` and `path`, never a bare string.

use jixiao::report_io;
use wasm_bindgen::prelude::*;

use crate::js::{js_error, resolve, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One problem found in a report (see docs/findings.md for the codes). */
export interface Finding {
  code: string;
  severity: "error" | "warning" | "info";
  /** JSON Pointers into the report; the first is where the message belongs. */
  paths: string[];
  /** zh-CN */
  message: string;
  messageEn: string;
  /** Decimal strings. */
  expected?: string;
  actual?: string;
  hint?: string;
  hintEn?: string;
  span?: { start: number; end: number };
}
/** A computed value as shown: a decimal string (or grade word) and its unit. */
export interface Computed { value: string; unit?: string }
/** What one edit changed. `null` marks a computed value that disappeared. */
export interface Change {
  computed: Record<string, Computed | null>;
  added: Finding[];
  removed: Finding[];
}
/** One input, raw as typed beside its normalised value. */
export interface Input { path: string; raw: string; normalized?: string }
/** "verified" (exit 0 of `jixiao verify`), "rejected" (1) or "unreadable" (2). */
export type Verdict = "verified" | "rejected" | "unreadable";
export interface VerifyResult { verdict: Verdict; problems: Finding[]; findings: Finding[]; evaluated: boolean }
/** What importXlsx gives: the report as JSON text, and what import itself found. */
export interface XlsxImport { report: string; findings: Finding[] }
/** A 一级 indicator: its weight as the pack writes it. */
export interface TopNode { id: string; name: string; weight: string }
export interface PackInfo { id: string; version: string; title: string; titleEn: string; digest: string; top: TopNode[] }
/** A line field, or one part of a target or actual split over several portal fields. */
export type RowField = "name" | "weight" | "target" | "actual" | "completionRate" | "score" | "reason"
  | "target.comparator" | "target.value" | "target.unit" | "actual.value" | "actual.unit";
/** Portal field name → report path, for attach(). Or a preset's name ("vendor-kpi"). */
export interface FieldMap {
  /** A built-in preset this map extends ("vendor-kpi"). */
  preset?: string;
  fields?: Record<string, string>;
  computed?: Record<string, string>;
  rows?: Array<{
    /** CSS selector of each row (or give rowOf). */
    row?: string;
    /** Each row is the `closest` ancestor (default "tr") of a field with this name. */
    rowOf?: string;
    closest?: string;
    idAttr?: string;
    parentAttr?: string;
    /** A field in the row holding the pack node's id or name (二级指标). */
    parentField?: string;
    fields: Record<string, RowField>;
    computed?: Record<string, "completionRate" | "score" | "tier">;
  }>;
  /** Also bind every field whose name is itself a report path ("/funds/rows/total/budget"). */
  pathNames?: boolean;
}
export interface AttachOptions {
  /** A built-in pack id or a pack's JSON text. */
  pack: string;
  fieldMap: FieldMap | string;
  /** Report JSON text for the fields the form does not show. */
  report?: string;
  /** Milliseconds after the last keystroke before validating (default 30). */
  debounceMs?: number;
  lang?: "zh" | "en";
  /** Class for message elements; when given, jixiao adds no inline style. */
  messageClass?: string;
  onChange?: (change: Change) => void;
}
/** Thrown by the API: a JS Error with the finding's code and path. */
export interface JixiaoError extends Error { code: string; path: string; finding: Finding; findings?: Finding[] }
"#;

/// Report panics to the console instead of dying silently; the JS wrapper
/// re-creates the validator from its last good report.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("jixiao panicked: {info}").into());
    }));
}

/// The validator's bindings; the Excel module (built with `--features
/// xlsx`, loaded by the page only when staff import or export a
/// workbook) leaves them out and carries [`excel`] instead.
#[cfg(not(feature = "xlsx"))]
pub use validator::*;

#[cfg(not(feature = "xlsx"))]
mod validator {
    use super::*;
    use crate::js::from_json;
    use jixiao::{pack, upload, Engine};

    /// A report under validation against one pack.
    #[wasm_bindgen]
    pub struct Validator {
        engine: Engine,
    }

    #[wasm_bindgen]
    impl Validator {
        /// `pack`: a built-in pack id or a pack's JSON text. `report`: report
        /// JSON text (optional: an empty form).
        #[wasm_bindgen(constructor)]
        pub fn new(pack: &str, report: Option<String>) -> Result<Validator, JsValue> {
            let pack = resolve(pack)?;
            let report = match report {
                Some(text) => report_io::report_from_json(&text).map_err(|f| js_error(&f))?,
                None => jixiao::Report::default(),
            };
            Ok(Validator {
                engine: Engine::new(pack, report),
            })
        }

        /// Replace the whole report (rows added or removed); returns the change.
        #[wasm_bindgen(unchecked_return_type = "Change")]
        pub fn load(&mut self, report: &str) -> Result<JsValue, JsValue> {
            let report = report_io::report_from_json(report).map_err(|f| js_error(&f))?;
            Ok(to_js(&self.engine.replace(report)))
        }

        /// Set one field (JSON Pointer) to the raw text typed; returns only what
        /// changed: `{computed, added, removed}`.
        #[wasm_bindgen(unchecked_return_type = "Change")]
        pub fn set(&mut self, path: &str, raw: &str) -> Result<JsValue, JsValue> {
            self.engine
                .set(path, raw)
                .map(|c| to_js(&c))
                .map_err(|f| js_error(&f))
        }

        #[wasm_bindgen(unchecked_return_type = "Finding[]")]
        pub fn findings(&self) -> JsValue {
            to_js(&self.engine.findings())
        }

        #[wasm_bindgen(unchecked_return_type = "Record<string, Computed>")]
        pub fn computed(&self) -> JsValue {
            from_json(&self.engine.computed_json())
        }

        #[wasm_bindgen(unchecked_return_type = "Input[]")]
        pub fn inputs(&self) -> JsValue {
            to_js(&self.engine.inputs())
        }

        /// The report as JSON text, raw values as typed.
        #[wasm_bindgen(js_name = reportJson)]
        pub fn report_json(&self) -> String {
            serde_json::to_string(self.engine.report()).unwrap_or_default()
        }

        /// zh-CN names of the computed values: `{path: label}`.
        #[wasm_bindgen(js_name = computedLabels, unchecked_return_type = "Record<string, string>")]
        pub fn computed_labels(&self) -> JsValue {
            to_js(&jixiao::check::computed_labels(&self.engine))
        }

        /// The upload JSON text (with digest).
        pub fn upload(&self) -> String {
            upload::to_json(&upload::build(&self.engine))
        }

        #[wasm_bindgen(js_name = packId)]
        pub fn pack_id(&self) -> String {
            self.engine.pack().spec.id.clone()
        }
    }

    /// Re-check an upload JSON text; `pack` optionally a pack JSON text.
    /// Returns `{verdict, problems, findings, evaluated}`.
    #[wasm_bindgen(unchecked_return_type = "VerifyResult")]
    pub fn verify(upload_json: &str, pack: Option<String>) -> Result<JsValue, JsValue> {
        let pack = match pack {
            Some(p) => Some(resolve(&p)?),
            None => None,
        };
        Ok(to_js(&upload::verify(upload_json, pack)))
    }

    /// The built-in packs: `[{id, version, title, titleEn, digest, top}]`.
    #[wasm_bindgen(unchecked_return_type = "PackInfo[]")]
    pub fn packs() -> Result<JsValue, JsValue> {
        pack::builtin_list()
            .map(|list| to_js(&list))
            .map_err(|id| js_sys::Error::new(&format!("内置评价体系 {id} 无法加载")).into())
    }

    /// A built-in pack's JSON text (to build a form from its tree).
    #[wasm_bindgen(js_name = packJson)]
    pub fn pack_json(id: &str) -> Option<String> {
        pack::builtin_json(id).map(str::to_string)
    }
}

#[cfg(feature = "xlsx")]
pub mod excel {
    //! `importXlsx` and `exportXlsx`: the second module's whole API.
    use super::*;
    use crate::js::errors;

    /// Import a workbook's bytes: `{report, findings}` (report as JSON
    /// text, findings those of import itself). `pack`: a built-in id or a
    /// pack's JSON text; absent, the workbook says or the best fit is taken.
    #[wasm_bindgen(js_name = importXlsx, unchecked_return_type = "XlsxImport")]
    pub fn import_xlsx(bytes: &[u8], pack: Option<String>) -> Result<JsValue, JsValue> {
        let pack = match pack {
            Some(p) => Some(resolve(&p)?),
            None => None,
        };
        let imported = jixiao::xlsx::import(bytes, pack).map_err(|f| js_error(&f))?;
        Ok(to_js(&serde_json::json!({
            "report": report_io::to_json(&imported.report),
            "findings": imported.findings,
        })))
    }

    /// Export a report (JSON text) as .xlsx bytes in its pack's layout.
    #[wasm_bindgen(js_name = exportXlsx)]
    pub fn export_xlsx(report: &str, pack: Option<String>) -> Result<Vec<u8>, JsValue> {
        let report = report_io::report_from_json(report).map_err(|f| js_error(&f))?;
        let pack = match pack {
            Some(p) => resolve(&p)?,
            None => jixiao::resolve_pack(&report, None).map_err(|fs| errors(&fs))?,
        };
        jixiao::xlsx::export(&report, pack).map_err(|f| js_error(&f))
    }
}
