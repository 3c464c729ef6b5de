//! The bindings and the DOM attachment, in a real headless Chromium
//! (wasm-bindgen-test). Run: scripts/test.sh, or
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p jixiao-wasm --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use jixiao_wasm::api::{verify, Validator};
use jixiao_wasm::dom::attach;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlFormElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const SEED_001: &str = include_str!("../../../tests/fixtures/reports/seed-001.json");

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap()
}

fn computed(v: &Validator, path: &str) -> String {
    get(&get(&v.computed(), path), "value").as_string().unwrap()
}

#[wasm_bindgen_test]
fn validator_computes_seed_001() {
    let v = Validator::new("common-framework", Some(SEED_001.into())).unwrap();
    assert_eq!(
        computed(&v, "/computed/indicators/output.cost.saving/score"),
        "4.88"
    );
    assert_eq!(computed(&v, "/computed/total/score"), "99.86");
    // The names `jixiao check` prints beside the same values.
    let labels = v.computed_labels();
    assert_eq!(
        get(&labels, "/computed/funds/sum/planned")
            .as_string()
            .as_deref(),
        Some("各来源合计·年初预算数")
    );
    let findings: js_sys::Array = v.findings().dyn_into().unwrap();
    let errors = findings
        .iter()
        .filter(|f| get(f, "severity").as_string().as_deref() == Some("error"))
        .count();
    assert_eq!(errors, 5);
    assert_eq!(
        findings.length(),
        6,
        "and one warning: the narrative's 99.5%"
    );
}

#[wasm_bindgen_test]
fn set_returns_only_the_change() {
    let mut v = Validator::new("common-framework", Some(SEED_001.into())).unwrap();
    let change = v
        .set("/indicators/output.cost.saving/score", "4.88")
        .unwrap();
    let removed: js_sys::Array = get(&change, "removed").dyn_into().unwrap();
    assert_eq!(removed.length(), 1);
    assert_eq!(
        get(&removed.get(0), "code").as_string().unwrap(),
        "SCORE_MISMATCH"
    );
    // The stated 产出 subtotal and total added up the old score: they now
    // disagree with the table (issue 14 §2.4).
    let added: js_sys::Array = get(&change, "added").dyn_into().unwrap();
    let mut codes: Vec<String> = added
        .iter()
        .map(|f| get(&f, "code").as_string().unwrap())
        .collect();
    codes.sort();
    assert_eq!(codes, ["SUBTOTAL_MISMATCH", "TOTAL_MISMATCH"]);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_code_and_path() {
    let mut v = Validator::new("national-2020", None).unwrap();
    let e = v.set("/no/such/field", "1").unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&e, "code").as_string().unwrap(), "UNKNOWN_PATH");
    assert_eq!(get(&e, "path").as_string().unwrap(), "/no/such/field");
    let e = Validator::new("no-such-pack", None).err().unwrap();
    assert_eq!(get(&e, "code").as_string().unwrap(), "REPORT_PACK_UNKNOWN");
}

#[wasm_bindgen_test]
fn upload_round_trip() {
    let v = Validator::new("common-framework", Some(SEED_001.into())).unwrap();
    let result = verify(&v.upload(), None).unwrap();
    let problems: js_sys::Array = get(&result, "problems").dyn_into().unwrap();
    assert_eq!(problems.length(), 0);
}

/// A small legacy-style form built in the test page.
fn form() -> HtmlFormElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let form: HtmlFormElement = doc.create_element("form").unwrap().dyn_into().unwrap();
    form.set_inner_html(
        r#"<input name="txtQnys" value="166.96" aria-describedby="portal-help">
           <span id="portal-help">单位：万元</span>
           <input name="txtQnzx" value="166.96">
           <input name="txtBk" value="166.96">
           <input name="txtZxl">"#,
    );
    doc.body().unwrap().append_child(&form).unwrap();
    form
}

fn field(form: &HtmlFormElement, name: &str) -> HtmlInputElement {
    form.query_selector(&format!("[name={name}]"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let ev = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// The portal's map: fields by report path, or (a funds cell) by the row
/// and column labels its table prints, which the pack's aliases resolve.
fn options() -> JsValue {
    let map = r#"{"pack":"national-2020","fieldMap":{
        "fields":{"txtQnys":"年度资金总额/全年预算数（万元）","txtQnzx":"/funds/rows/total/spent","txtBk":"其中：财政拨款·执行数"},
        "computed":{"txtZxl":"/computed/rates/budgetExecution"}}}"#;
    js_sys::JSON::parse(map).unwrap()
}

fn messages(form: &HtmlFormElement) -> Vec<Element> {
    let list = form.query_selector_all(".jixiao-message").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn attach_shows_messages_on_touched_fields_only() {
    let form = form();
    let a = attach(form.clone(), options()).unwrap();
    // Pristine: computed filled in, no messages although required fields are empty.
    assert_eq!(field(&form, "txtZxl").value(), "100.00");
    assert!(field(&form, "txtZxl").has_attribute("readonly"));
    assert!(messages(&form).is_empty());

    let spent = field(&form, "txtQnzx");
    type_into(&spent, "12a");
    a.flush();
    let msgs = messages(&form);
    assert_eq!(msgs.len(), 1);
    let msg = &msgs[0];
    assert!(msg.text_content().unwrap().contains("不是有效的数字"));
    assert_eq!(spent.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(spent.get_attribute("aria-describedby"), Some(msg.id()));
    assert_eq!(
        spent.next_element_sibling().unwrap().id(),
        msg.id(),
        "message right after its field"
    );

    type_into(&spent, "166.96");
    a.flush();
    assert!(messages(&form).is_empty());
    assert!(!spent.has_attribute("aria-invalid"));
    assert!(!spent.has_attribute("aria-describedby"));

    // The portal's own aria-describedby is kept and restored.
    let budget = field(&form, "txtQnys");
    type_into(&budget, "<img src=x onerror=alert(1)>");
    a.flush();
    let d = budget.get_attribute("aria-describedby").unwrap();
    assert!(d.starts_with("portal-help jixiao-msg-"), "{d}");
    let msg = &messages(&form)[0];
    assert!(
        msg.text_content()
            .unwrap()
            .contains("<img src=x onerror=alert(1)>"),
        "shown as text"
    );
    assert_eq!(msg.children().length(), 0, "no markup from input");
    type_into(&budget, "166.96");
    a.flush();
    assert_eq!(
        budget.get_attribute("aria-describedby").as_deref(),
        Some("portal-help")
    );

    // Execution rate is written back as the figures change.
    type_into(&spent, "83.48");
    type_into(&field(&form, "txtBk"), "83.48");
    a.flush();
    assert_eq!(field(&form, "txtZxl").value(), "50.00");

    a.detach();
    form.remove();
}

const SEED_004: &str = include_str!("../../../tests/fixtures/reports/seed-004.json");

#[wasm_bindgen_test]
fn a_form_without_rows_keeps_the_reports_lines() {
    let form = form();
    let opts = options();
    js_sys::Reflect::set(&opts, &"report".into(), &SEED_004.into()).unwrap();
    let a = attach(form.clone(), opts).unwrap();
    let total = get(&get(&a.computed(), "/computed/total/score"), "value");
    assert_eq!(
        total.as_string().as_deref(),
        Some("100.00"),
        "the ten lines of seed 004 are kept"
    );
    a.detach();
    form.remove();
}

#[wasm_bindgen_test]
fn submit_attempt_shows_everything_and_detach_cleans_up() {
    let form = form();
    field(&form, "txtQnzx").set_value("");
    let a = attach(form.clone(), options()).unwrap();
    assert!(
        messages(&form).is_empty(),
        "a required field is empty, but nobody has touched it"
    );
    a.show_all();
    assert!(
        !messages(&form).is_empty(),
        "required fields are flagged after a submit attempt"
    );
    a.detach();
    assert!(messages(&form).is_empty());
    assert!(form.query_selector("[data-jixiao-path]").unwrap().is_none());
    assert!(form.query_selector("[aria-invalid]").unwrap().is_none());
    assert!(
        !field(&form, "txtZxl").has_attribute("readonly"),
        "readonly we added is removed"
    );
    // No listener is left: typing does nothing now.
    type_into(&field(&form, "txtQnzx"), "abc");
    a.flush();
    assert!(messages(&form).is_empty());
    form.remove();
}

const SCORE_ENTRY_PACK: &str = include_str!("../../../tests/fixtures/packs/score-entry.json");
const CLEAN_COMMON: &str = include_str!("../../../tests/fixtures/reports/clean-common.json");

/// A line whose score the pack locks shows the computed score, read-only;
/// a line whose score is editable keeps what staff type.
#[wasm_bindgen_test]
fn a_locked_score_field_shows_the_computed_score_read_only() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let form: HtmlFormElement = doc.create_element("form").unwrap().dyn_into().unwrap();
    form.set_inner_html(
        r#"<table>
           <tr class="l" data-line-id="output.quantity.completion"><td><input name="l[0].score" value="8"></td></tr>
           <tr class="l" data-line-id="output.quality.pass"><td><input name="l[1].score" value="10"></td></tr>
           </table>"#,
    );
    doc.body().unwrap().append_child(&form).unwrap();
    let report = CLEAN_COMMON.replace("\"common-framework\"", "\"score-entry-test\"");
    let opts = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&opts, &k.into(), v).unwrap();
    set("pack", &SCORE_ENTRY_PACK.into());
    set("report", &report.into());
    set(
        "fieldMap",
        &js_sys::JSON::parse(r#"{"rows":[{"row":"tr.l","fields":{"score":"score"}}]}"#).unwrap(),
    );
    let a = attach(form.clone(), opts.into()).unwrap();
    let locked = field(&form, "\"l[0].score\"");
    assert_eq!(
        locked.value(),
        "10.00",
        "the computed score replaces the 8 shown"
    );
    assert!(locked.has_attribute("readonly"));
    let editable = field(&form, "\"l[1].score\"");
    assert!(!editable.has_attribute("readonly"));
    type_into(&editable, "9");
    a.flush();
    let findings: js_sys::Array = a.findings().dyn_into().unwrap();
    let codes: Vec<String> = findings
        .iter()
        .map(|f| get(&f, "code").as_string().unwrap())
        .collect();
    assert!(codes.contains(&"SCORE_OVERRIDDEN".to_string()), "{codes:?}");
    assert!(!codes.contains(&"SCORE_LOCKED".to_string()), "{codes:?}");
    a.detach();
    assert!(
        !locked.has_attribute("readonly"),
        "detach restores the field"
    );
    form.remove();
}

/// A portal that loads a saved report into a vendor form whose targets are
/// split over 计算符号 / 指标值 / 计量单位: jixiao writes the parts, and
/// joining them again gives the report's texts exactly.
#[wasm_bindgen_test]
fn split_fields_are_filled_from_the_report_and_join_back_exactly() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let form: HtmlFormElement = doc.create_element("form").unwrap().dyn_into().unwrap();
    let row = |i: usize, id: &str| {
        format!(
            r#"<tr data-line-id="{id}"><td>
               <select name="kpiList[{i}].computesign"><option></option><option>≥</option><option>≤</option><option>=</option><option>定性</option></select>
               <input name="kpiList[{i}].indexval"><input name="kpiList[{i}].meterunit">
               <input name="kpiList[{i}].actualvalue"></td></tr>"#
        )
    };
    form.set_inner_html(&format!(
        "<table>{}{}{}</table>",
        row(0, "q1"),
        row(1, "s1"),
        row(2, "c1")
    ));
    doc.body().unwrap().append_child(&form).unwrap();
    let opts = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&opts, &k.into(), v).unwrap();
    set("pack", &"national-2020".into());
    set("report", &SEED_004.into());
    set("fieldMap", &"vendor-kpi".into());
    let a = attach(form.clone(), opts.into()).unwrap();
    let value = |name: &str| -> String {
        let el = form
            .query_selector(&format!("[name=\"{name}\"]"))
            .unwrap()
            .unwrap();
        if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            s.value()
        } else {
            el.dyn_into::<HtmlInputElement>().unwrap().value()
        }
    };
    assert_eq!(value("kpiList[0].computesign"), "≥");
    assert_eq!(value("kpiList[0].indexval"), "200000");
    assert_eq!(value("kpiList[0].meterunit"), "人");
    assert_eq!(
        value("kpiList[0].actualvalue"),
        "209682",
        "the unit is the target's"
    );
    assert_eq!(value("kpiList[1].computesign"), "定性");
    assert_eq!(value("kpiList[1].indexval"), "有效减轻");
    assert_eq!(value("kpiList[1].actualvalue"), "达成：有效减轻");
    assert_eq!(value("kpiList[2].computesign"), "≤");
    assert_eq!(value("kpiList[2].meterunit"), "元/人");
    let report: serde_json::Value = serde_json::from_str(&a.report_json()).unwrap();
    let line = |id: &str, f: &str| report["indicators"][id][f].as_str().unwrap().to_string();
    assert_eq!(line("q1", "target"), "≥200000人");
    assert_eq!(line("q1", "actual"), "209682人");
    assert_eq!(line("s1", "target"), "有效减轻");
    assert_eq!(line("s1", "actual"), "达成：有效减轻");
    assert_eq!(line("c1", "target"), "≤2000元/人");
    assert_eq!(line("c1", "actual"), "2000元/人");
    a.detach();
    form.remove();
}
