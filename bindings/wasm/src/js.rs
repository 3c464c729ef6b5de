//! Crossing the boundary, shared by the API and the DOM layer: values as
//! plain JS data, findings as JS `Error`s, a pack from what JavaScript
//! passed.

use std::sync::Arc;

use jixiao::{Finding, Pack};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A value as plain JS data: serialized to JSON text in WASM and read by the
/// engine's own `JSON.parse`. One boundary crossing per value instead of
/// one per property, and less garbage for V8 to collect after each
/// keystroke.
pub(crate) fn to_js<T: Serialize>(v: &T) -> JsValue {
    serde_json::to_string(v).map_or(JsValue::NULL, |text| from_json(&text))
}

/// JSON text made in WASM as plain JS data, by `JSON.parse`.
pub(crate) fn from_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

/// A JS `Error` whose message is the finding's zh-CN message, with `code`,
/// `path` and `finding` properties.
pub(crate) fn js_error(f: &Finding) -> JsValue {
    let e = js_sys::Error::new(&f.message);
    let obj: &JsValue = e.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &f.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"path".into(), &f.path().into());
    let _ = js_sys::Reflect::set(obj, &"finding".into(), &to_js(f));
    e.into()
}

/// [`js_error`] of the first finding, with every one as `findings`.
pub(crate) fn errors(fs: &[Finding]) -> JsValue {
    match fs.first() {
        Some(f) => {
            let e = js_error(f);
            let _ = js_sys::Reflect::set(&e, &"findings".into(), &to_js(&fs));
            e
        }
        None => js_sys::Error::new("unknown error").into(),
    }
}

/// A pack from a built-in id or a pack's JSON text.
pub(crate) fn resolve(pack_arg: &str) -> Result<Arc<Pack>, JsValue> {
    jixiao::pack_from_arg(pack_arg).map_err(|fs| errors(&fs))
}
