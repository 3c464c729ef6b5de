//! `attach()`: bind jixiao to an existing portal form through a field map,
//! with no change to the portal's markup. Validation runs on input events,
//! debounced, through the incremental engine; computed values are written
//! into mapped fields; messages appear next to touched fields (all fields
//! after a submit attempt) as text, with `aria-invalid` and
//! `aria-describedby`. Rows the portal's own script adds or removes are
//! picked up. `detach()` removes every listener and every mark.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use indexmap::IndexMap;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, HtmlElement, HtmlFormElement, MutationObserver, MutationObserverInit,
};

use jixiao::engine::{Change, Engine};
use jixiao::fieldmap::{self, FieldMap, Part};
use jixiao::finding::{Finding, Severity};
use jixiao::model::pack::ScoreEntry;
use jixiao::model::report::escape;
use jixiao::model::Report;

use crate::js::{js_error, resolve, to_js};

/// Marks jixiao puts on portal elements (all removed by `detach`).
const PATH_ATTR: &str = "data-jixiao-path";
const MSG_CLASS: &str = "jixiao-message";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    pack: String,
    /// A map (a preset's name is taken apart first: see `attach`).
    field_map: FieldMap,
    #[serde(default)]
    report: Option<String>,
    #[serde(default = "default_debounce")]
    debounce_ms: u32,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    message_class: Option<String>,
}

fn default_debounce() -> u32 {
    30
}

type Listener = (&'static str, Closure<dyn FnMut(Event)>);
type Observer = (
    MutationObserver,
    Closure<dyn FnMut(js_sys::Array, MutationObserver)>,
);

/// One mapped element.
struct Binding {
    el: Element,
    path: String,
    computed: bool,
    /// Which part of a split target or actual this field holds.
    part: Option<Part>,
    /// What we changed on the element, to restore on detach.
    was_readonly: Option<bool>,
}

/// The message element shown under one field.
struct Shown {
    msg: Element,
    described_before: Option<String>,
}

struct State {
    form: HtmlFormElement,
    map: FieldMap,
    engine: Engine,
    lang_en: bool,
    message_class: Option<String>,
    debounce_ms: u32,
    bindings: Vec<Binding>,
    by_path: HashMap<String, usize>,
    /// Every computed binding of a path (a form may show one figure twice).
    computed_by_path: HashMap<String, Vec<usize>>,
    /// Row structure last seen: (line id, parent) in order.
    rows_seen: Vec<(String, String)>,
    touched: BTreeSet<String>,
    submitted: bool,
    pending: IndexMap<String, String>,
    timer: Option<Timeout>,
    /// Current findings by the path they are shown under.
    by_field: IndexMap<String, Vec<Finding>>,
    shown: HashMap<String, Shown>,
    next_id: u32,
    listeners: Vec<Listener>,
    observer: Option<Observer>,
    on_change: Option<js_sys::Function>,
}

/// A form jixiao is attached to.
#[wasm_bindgen]
pub struct Attachment {
    state: Rc<RefCell<State>>,
}

fn err(msg: &str) -> JsValue {
    js_sys::Error::new(msg).into()
}

/// Attach to `form`. `options`: `{pack, fieldMap, report?, debounceMs?,
/// lang?: "zh"|"en", messageClass?, onChange?(change)}`.
#[wasm_bindgen]
pub fn attach(
    form: HtmlFormElement,
    #[wasm_bindgen(unchecked_param_type = "AttachOptions")] options: JsValue,
) -> Result<Attachment, JsValue> {
    let on_change = js_sys::Reflect::get(&options, &"onChange".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let plain = js_sys::Object::new();
    // `fieldMap` may name a preset ("vendor-kpi"); read that apart, so
    // that serde needs no untagged enum (it costs the .wasm ~20 KB).
    let preset = js_sys::Reflect::get(&options, &"fieldMap".into())
        .ok()
        .and_then(|v| v.as_string());
    for key in [
        "pack",
        "fieldMap",
        "report",
        "debounceMs",
        "lang",
        "messageClass",
    ] {
        if key == "fieldMap" && preset.is_some() {
            let _ = js_sys::Reflect::set(&plain, &key.into(), &js_sys::Object::new());
            continue;
        }
        if let Ok(v) = js_sys::Reflect::get(&options, &key.into()) {
            if !v.is_undefined() {
                let _ = js_sys::Reflect::set(&plain, &key.into(), &v);
            }
        }
    }
    let opts: Options = serde_wasm_bindgen::from_value(plain.into())
        .map_err(|e| err(&format!("attach 选项无效：{e}")))?;
    let mut map = match preset {
        Some(name) => FieldMap {
            preset: Some(name),
            ..FieldMap::default()
        },
        None => opts.field_map,
    }
    .resolve()
    .map_err(|e| err(&e))?;
    let pack = resolve(&opts.pack)?;
    map.bind_labels(&pack.spec).map_err(|e| err(&e))?;
    let base = match &opts.report {
        Some(text) => jixiao::report_io::report_from_json(text).map_err(|f| js_error(&f))?,
        None => Report::default(),
    };
    let engine = Engine::new(pack, base);
    let state = Rc::new(RefCell::new(State {
        form: form.clone(),
        map,
        engine,
        lang_en: opts.lang.as_deref() == Some("en"),
        message_class: opts.message_class,
        debounce_ms: opts.debounce_ms.min(2_000),
        bindings: Vec::new(),
        by_path: HashMap::new(),
        computed_by_path: HashMap::new(),
        rows_seen: Vec::new(),
        touched: BTreeSet::new(),
        submitted: false,
        pending: IndexMap::new(),
        timer: None,
        by_field: IndexMap::new(),
        shown: HashMap::new(),
        next_id: 0,
        listeners: Vec::new(),
        observer: None,
        on_change,
    }));
    {
        let mut s = state.borrow_mut();
        s.scan();
        s.fill_split_fields();
        let report = s.report_from_dom();
        s.engine.replace(report);
        let findings = s.engine.findings();
        s.by_field.clear();
        for f in findings {
            let key = s.display_path(&f);
            s.by_field.entry(key).or_default().push(f);
        }
        s.write_all_computed();
    }
    listen(&state)?;
    Ok(Attachment { state })
}

fn listen(state: &Rc<RefCell<State>>) -> Result<(), JsValue> {
    let form = state.borrow().form.clone();
    let add = |event: &'static str, handler: Box<dyn FnMut(Event)>| -> Result<(), JsValue> {
        let closure = Closure::wrap(handler);
        form.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
        state.borrow_mut().listeners.push((event, closure));
        Ok(())
    };
    for event in ["input", "change"] {
        let st = state.clone();
        add(
            event,
            Box::new(move |e: Event| {
                let Some(path) = target_path(&e) else { return };
                let Some(value) = e.target().and_then(|t| field_value(&t)) else {
                    return;
                };
                let delay = {
                    let mut s = st.borrow_mut();
                    s.touched.insert(path.clone());
                    if s.parts(&path).next().is_some() {
                        for p in s.split_paths(&path) {
                            let text = s.composed(&p);
                            s.pending.insert(p, text);
                        }
                    } else {
                        s.pending.insert(path, value);
                    }
                    s.debounce_ms
                };
                let st2 = st.clone();
                let timer = Timeout::new(delay, move || flush(&st2));
                st.borrow_mut().timer = Some(timer);
            }),
        )?;
    }
    let st = state.clone();
    add(
        "focusout",
        Box::new(move |e: Event| {
            let Some(path) = target_path(&e) else { return };
            let newly = st.borrow_mut().touched.insert(path.clone());
            if newly {
                st.borrow_mut().render(&[path]);
            }
        }),
    )?;
    let st = state.clone();
    add(
        "submit",
        Box::new(move |_e: Event| {
            flush(&st);
            st.borrow_mut().show_everything();
        }),
    )?;
    // Rows added or removed by the portal's script.
    let st = state.clone();
    let callback = Closure::wrap(
        Box::new(move |_records: js_sys::Array, _obs: MutationObserver| {
            restructure(&st);
        }) as Box<dyn FnMut(js_sys::Array, MutationObserver)>,
    );
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    observer.observe_with_options(&form, &init)?;
    state.borrow_mut().observer = Some((observer, callback));
    Ok(())
}

/// The report path an event's target is bound to.
fn target_path(e: &Event) -> Option<String> {
    let el: Element = e.target()?.dyn_into().ok()?;
    el.get_attribute(PATH_ATTR)
        .filter(|p| !p.starts_with("/computed/"))
}

/// The current text of an input, textarea or select.
fn field_value(t: &web_sys::EventTarget) -> Option<String> {
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        return Some(i.value());
    }
    if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(a.value());
    }
    t.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value())
}

fn element_value(el: &Element) -> String {
    field_value(el.as_ref()).unwrap_or_else(|| el.text_content().unwrap_or_default())
}

fn set_element_value(el: &Element, v: &str) {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(v);
    } else if let Some(a) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        a.set_value(v);
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(v);
    } else {
        el.set_text_content(Some(v));
    }
}

/// Apply pending edits and update the page.
fn flush(state: &Rc<RefCell<State>>) {
    let (changes, callback) = {
        let mut s = state.borrow_mut();
        s.timer = None;
        let pending: Vec<(String, String)> = s.pending.drain(..).collect();
        let mut changes = Vec::new();
        for (path, raw) in pending {
            if let Ok(c) = s.engine.set(&path, &raw) {
                changes.push(c);
            }
        }
        for c in &changes {
            s.apply(c);
        }
        (changes, s.on_change.clone())
    };
    // Call out only once nothing is borrowed: the callback may call back in.
    if let Some(f) = callback {
        for c in &changes {
            let _ = f.call1(&JsValue::NULL, &to_js(c));
        }
    }
}

/// Re-scan rows; rebuild the report when lines were added or removed.
fn restructure(state: &Rc<RefCell<State>>) {
    let mut s = state.borrow_mut();
    let (rows_before, bound_before) = (s.rows_seen.clone(), s.bound_inputs());
    s.scan();
    if s.rows_seen == rows_before && s.bound_inputs() == bound_before {
        return;
    }
    let report = s.report_from_dom();
    let change = s.engine.replace(report);
    // Messages for vanished fields go with them.
    let gone: Vec<String> = s
        .shown
        .keys()
        .filter(|p| !s.by_path.contains_key(*p))
        .cloned()
        .collect();
    for p in gone {
        s.unshow(&p);
    }
    s.by_field.retain(|p, _| !p.is_empty());
    s.apply(&change);
    s.write_all_computed();
}

impl State {
    fn rows(&self) -> Vec<(usize, Element)> {
        let mut out: Vec<(usize, Element)> = Vec::new();
        for (i, rm) in self.map.rows.iter().enumerate() {
            let found: Vec<Element> = match (&rm.row, &rm.row_of) {
                (Some(sel), _) => elements(&self.form, sel),
                // Rows known only by a field in them: that field's row.
                (None, Some(name)) => elements(&self.form, "[name]")
                    .into_iter()
                    .filter(|el| {
                        fieldmap::name_matches(&el.get_attribute("name").unwrap_or_default(), name)
                    })
                    .filter_map(|el| el.closest(rm.closest()).ok().flatten())
                    .collect(),
                (None, None) => Vec::new(),
            };
            for el in found {
                if !out.iter().any(|(_, e)| *e == el) {
                    out.push((i, el));
                }
            }
        }
        out
    }

    /// The fields a target or actual at `path` is split over (none when it
    /// is one field).
    fn parts<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Binding> + 'a {
        self.bindings
            .iter()
            .filter(move |b| b.path == path && b.part.is_some())
    }

    /// The text of a target or actual split over several fields, joined
    /// (see `fieldmap::compose`). An actual split without a unit field
    /// takes the unit of its line's target: vendor tables have one 计量单位
    /// column for both.
    fn composed(&self, path: &str) -> String {
        let parts_of = |p: &str| -> Vec<(Part, String)> {
            self.parts(p)
                .filter_map(|b| b.part.map(|part| (part, element_value(&b.el))))
                .collect()
        };
        let mut parts = parts_of(path);
        if let Some(line) = path.strip_suffix("/actual") {
            if !parts.iter().any(|(p, _)| *p == Part::Unit) {
                let target = parts_of(&format!("{line}/target"));
                parts.extend(target.into_iter().filter(|(p, _)| *p == Part::Unit));
            }
        }
        fieldmap::compose(&parts)
    }

    /// Where every part of a split target or actual is empty in the form
    /// and the report given to `attach` has it (a portal loading a saved
    /// report), write the parts: `fieldmap::decompose`, so that joining them
    /// again gives the report's text exactly. A part the form does not show
    /// goes into the value field.
    fn fill_split_fields(&self) {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for b in self
            .bindings
            .iter()
            .filter(|b| b.part.is_some() && !b.computed)
        {
            if !seen.insert(b.path.as_str()) {
                continue;
            }
            let parts: Vec<&Binding> = self.parts(&b.path).collect();
            if parts.iter().any(|x| !element_value(&x.el).is_empty()) {
                continue;
            }
            let Some(original) = self.report_text(&b.path).filter(|r| !r.is_empty()) else {
                continue;
            };
            let shown = |p: Part| parts.iter().any(|x| x.part == Some(p));
            let mut raw = original.clone();
            if let Some(line) = b.path.strip_suffix("/actual") {
                // The actual borrows the target's unit (see `composed`).
                if !shown(Part::Unit) {
                    let target = format!("{line}/target");
                    let unit: String = self
                        .parts(&target)
                        .filter(|x| x.part == Some(Part::Unit))
                        .map(|x| element_value(&x.el))
                        .collect();
                    if !unit.is_empty() {
                        if let Some(stripped) = raw.strip_suffix(unit.as_str()) {
                            raw = stripped.to_string();
                        }
                    }
                }
            }
            let pieces = fieldmap::decompose(&raw);
            let text = |p: Part| -> String {
                pieces
                    .iter()
                    .filter(|(q, _)| *q == p)
                    .map(|(_, t)| t.as_str())
                    .collect()
            };
            let comparator = text(Part::Comparator);
            let comparator = if comparator == "定性" && !shown(Part::Comparator) {
                String::new()
            } else {
                comparator
            };
            for x in &parts {
                let v = match x.part {
                    Some(Part::Comparator) => comparator.clone(),
                    Some(Part::Unit) => text(Part::Unit),
                    _ => {
                        let mut v = String::new();
                        if !shown(Part::Comparator) {
                            v.push_str(&comparator);
                        }
                        v.push_str(&text(Part::Value));
                        if !shown(Part::Unit) {
                            v.push_str(&text(Part::Unit));
                        }
                        v
                    }
                };
                set_element_value(&x.el, &v);
            }
            // A select without the comparator written cannot hold it: say so
            // to the portal's developer (the form shows what it could take).
            if self.composed(&b.path) != original {
                web_sys::console::warn_1(
                    &format!(
                        "jixiao：无法把“{original}”按计算符号、指标值、计量单位填入表单（{}）",
                        b.path
                    )
                    .into(),
                );
            }
        }
    }

    /// The report's text at an indicator line's target or actual.
    fn report_text(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix("/indicators/")?;
        let (id, field) = rest.rsplit_once('/')?;
        let line = self
            .engine
            .report()
            .indicators
            .get(&jixiao::model::report::unescape(id))?;
        match field {
            "target" => Some(line.target.0.clone()),
            "actual" => Some(line.actual.0.clone()),
            _ => None,
        }
    }

    /// Paths whose text a change of this split path's field also changes
    /// (the actual borrows the target's unit).
    fn split_paths(&self, path: &str) -> Vec<String> {
        let mut out = vec![path.to_string()];
        if let Some(line) = path.strip_suffix("/target") {
            let actual = format!("{line}/actual");
            if self.parts(&actual).next().is_some() {
                out.push(actual);
            }
        }
        out
    }

    /// The pack node a portal names by id or by its name (数量指标).
    fn node_named(&self, text: &str) -> String {
        let pack = self.engine.pack();
        if pack.node(text).is_some() {
            return text.to_string();
        }
        pack.nodes
            .values()
            .find(|n| n.name == text)
            .map(|n| n.id.clone())
            .unwrap_or_else(|| text.to_string())
    }

    fn row_structure(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (n, (i, el)) in self.rows().into_iter().enumerate() {
            let Some(rm) = self.map.rows.get(i) else {
                continue;
            };
            let id = el
                .get_attribute(rm.id_attr())
                .unwrap_or_else(|| format!("row-{n}"));
            let parent = match &rm.parent_field {
                Some(name) => find_in_row(&el, name)
                    .map(|f| self.node_named(element_value(&f).trim()))
                    .unwrap_or_default(),
                None => el.get_attribute(rm.parent_attr()).unwrap_or_default(),
            };
            out.push((id, parent));
        }
        out
    }

    /// Find every mapped element and mark it with its path.
    fn scan(&mut self) {
        let mut bindings = Vec::new();
        let named = |form: &HtmlFormElement, name: &str| -> Option<Element> {
            form.query_selector(&format!("[name=\"{}\"]", css_escape(name)))
                .ok()
                .flatten()
        };
        for (name, path) in &self.map.fields {
            if let Some(el) = named(&self.form, name) {
                bindings.push((el, path.clone(), false, None));
            }
        }
        for (name, path) in &self.map.computed {
            if let Some(el) = named(&self.form, name) {
                bindings.push((el, path.clone(), true, None));
            }
        }
        if self.map.path_names {
            for el in elements(&self.form, "[name^=\"/\"]") {
                let path = el.get_attribute("name").unwrap_or_default();
                let computed = path.starts_with("/computed/");
                bindings.push((el, path, computed, None));
            }
        }
        let structure = self.row_structure();
        for (n, (i, row)) in self.rows().into_iter().enumerate() {
            let Some(rm) = self.map.rows.get(i) else {
                continue;
            };
            let Some((id, parent)) = structure.get(n) else {
                continue;
            };
            let base = format!("/indicators/{}", escape(id));
            // A line whose score the pack locks shows the computed score
            // in its score field, read-only.
            let locked = self.engine.pack().score_entry(id, parent) == ScoreEntry::Locked;
            for (name, spec) in &rm.fields {
                let Ok((field, part)) = fieldmap::row_field(spec) else {
                    continue; // (checked by FieldMap::resolve)
                };
                if let Some(el) = find_in_row(&row, name) {
                    if locked && field == "score" {
                        let path = format!("/computed/indicators/{}/score", escape(id));
                        bindings.push((el, path, true, None));
                    } else {
                        bindings.push((el, format!("{base}/{field}"), false, part));
                    }
                }
            }
            for (name, what) in &rm.computed {
                if let Some(el) = find_in_row(&row, name) {
                    bindings.push((
                        el,
                        format!("/computed/indicators/{}/{what}", escape(id)),
                        true,
                        None,
                    ));
                }
            }
        }
        let old: Vec<Binding> = std::mem::take(&mut self.bindings);
        self.by_path.clear();
        self.computed_by_path.clear();
        for (el, path, computed, part) in bindings {
            let was_readonly = old
                .iter()
                .find(|b| b.el == el)
                .and_then(|b| b.was_readonly)
                .or_else(|| computed.then(|| el.has_attribute("readonly")));
            let _ = el.set_attribute(PATH_ATTR, &path);
            if computed {
                let _ = el.set_attribute("readonly", "");
            }
            // A split field shows its messages under its value part.
            if matches!(part, None | Some(Part::Value)) || !self.by_path.contains_key(&path) {
                self.by_path.insert(path.clone(), self.bindings.len());
            }
            if computed {
                self.computed_by_path
                    .entry(path.clone())
                    .or_default()
                    .push(self.bindings.len());
            }
            self.bindings.push(Binding {
                el,
                path,
                computed,
                part,
                was_readonly,
            });
        }
        for b in old {
            if !self.bindings.iter().any(|n| n.el == b.el) {
                unmark(&b);
            }
        }
        self.rows_seen = structure;
    }

    /// Input paths bound now, sorted: a change means fields came or went.
    fn bound_inputs(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .bindings
            .iter()
            .filter(|b| !b.computed)
            .map(|b| b.path.clone())
            .collect();
        jixiao::sort::sort(&mut v);
        v
    }

    /// The report as the form shows it: the base report with every mapped
    /// field's value and the rows' lines.
    fn report_from_dom(&self) -> Report {
        let mut report = self.engine.report().clone();
        if self.map.path_names {
            // The form owns the lists: keep as many rows as it shows.
            let mut lines = 0;
            let mut levels = 0;
            let mut items: HashMap<String, usize> = HashMap::new();
            for b in self.bindings.iter().filter(|b| !b.computed) {
                let t: Vec<&str> = b.path.split('/').collect();
                let n = |s: &str| s.parse::<usize>().map(|i| i.saturating_add(1)).unwrap_or(0);
                match t.as_slice() {
                    ["", "expenses", "lines", i, _] => lines = lines.max(n(i)),
                    ["", "perCapita", "levels", i, _] => levels = levels.max(n(i)),
                    ["", "breakdowns", id, "items", i, _] => {
                        let e = items
                            .entry(jixiao::model::report::unescape(id))
                            .or_default();
                        *e = (*e).max(n(i));
                    }
                    _ => {}
                }
            }
            report.expenses.lines.truncate(lines);
            report.per_capita.levels.truncate(levels);
            for (id, bd) in report.breakdowns.iter_mut() {
                bd.items.truncate(items.get(id).copied().unwrap_or(0));
            }
        }
        // Lines the report adds are those the form's rows show — when the
        // form has rows at all; a form mapping only other fields leaves the
        // report's lines as they are.
        if !self.map.rows.is_empty() {
            let ids: BTreeSet<&String> = self.rows_seen.iter().map(|(id, _)| id).collect();
            report
                .indicators
                .retain(|id, l| l.parent.is_empty() || ids.contains(id));
        }
        for (id, parent) in &self.rows_seen {
            let line = report.indicators.entry(id.clone()).or_default();
            if !parent.is_empty() {
                line.parent = parent.clone();
            }
        }
        for b in self.bindings.iter().filter(|b| !b.computed) {
            let value = match b.part {
                Some(_) => self.composed(&b.path),
                None => element_value(&b.el),
            };
            if let Some(field) = report.field_mut(&b.path) {
                field.0 = value;
            } else if let Some(f) = ensure_field(&mut report, &b.path) {
                f.0 = value;
            }
        }
        report
    }

    /// The field a finding is shown under: its first mapped path, except
    /// that before a submit attempt a finding whose first field is untouched
    /// shows under a field of it the user has touched (a weight sum appears
    /// where the user is working).
    fn display_path(&self, f: &Finding) -> String {
        let mapped = |p: &&String| {
            self.by_path
                .get(*p)
                .is_some_and(|i| self.bindings.get(*i).is_some_and(|b| !b.computed))
        };
        let home = f.paths.iter().find(mapped);
        let here = if self.submitted || home.is_some_and(|h| self.touched.contains(h)) {
            None
        } else {
            f.paths
                .iter()
                .filter(mapped)
                .find(|p| self.touched.contains(*p))
        };
        here.or(home).cloned().unwrap_or_default()
    }

    /// Show every finding at its home field (after a submit attempt).
    fn show_everything(&mut self) {
        self.submitted = true;
        let shown: Vec<String> = self.shown.keys().cloned().collect();
        for p in shown {
            self.unshow(&p);
        }
        self.by_field.clear();
        for f in self.engine.findings() {
            let key = self.display_path(&f);
            self.by_field.entry(key).or_default().push(f);
        }
        let all: Vec<String> = self.by_path.keys().cloned().collect();
        self.render(&all);
    }

    fn apply(&mut self, c: &Change) {
        let mut dirty = Vec::new();
        for f in &c.removed {
            // Wherever it was shown (the touched set may have grown since).
            let found = self
                .by_field
                .iter()
                .find_map(|(k, list)| list.iter().position(|x| x == f).map(|pos| (k.clone(), pos)));
            if let Some((key, pos)) = found {
                if let Some(list) = self.by_field.get_mut(&key) {
                    list.remove(pos);
                }
                dirty.push(key);
            }
        }
        for f in &c.added {
            let key = self.display_path(f);
            self.by_field
                .entry(key.clone())
                .or_default()
                .push(f.clone());
            dirty.push(key);
        }
        for (path, v) in &c.computed {
            let text = v.as_ref().map(|v| v.value.as_str()).unwrap_or("");
            for i in self.computed_by_path.get(path).into_iter().flatten() {
                if let Some(b) = self.bindings.get(*i) {
                    set_element_value(&b.el, text);
                }
            }
        }
        jixiao::sort::sort(&mut dirty);
        dirty.dedup();
        self.render(&dirty);
    }

    fn write_all_computed(&self) {
        let computed = self.engine.computed();
        for b in self.bindings.iter().filter(|b| b.computed) {
            set_element_value(
                &b.el,
                computed
                    .get(&b.path)
                    .map(|c| c.value.as_str())
                    .unwrap_or(""),
            );
        }
    }

    /// Show or clear the messages of these fields.
    fn render(&mut self, paths: &[String]) {
        for path in paths {
            if path.is_empty() {
                continue;
            }
            let visible = self.submitted || self.touched.contains(path);
            let findings: Vec<Finding> = self.by_field.get(path).cloned().unwrap_or_default();
            if !visible || findings.is_empty() {
                self.unshow(path);
                continue;
            }
            let Some(el) = self
                .by_path
                .get(path)
                .and_then(|i| self.bindings.get(*i))
                .map(|b| b.el.clone())
            else {
                continue;
            };
            let text: Vec<String> = findings
                .iter()
                .map(|f| {
                    if self.lang_en {
                        f.message_en.clone()
                    } else {
                        f.message.clone()
                    }
                })
                .collect();
            let worst = findings
                .iter()
                .map(|f| f.severity)
                .min()
                .unwrap_or(Severity::Info);
            if !self.shown.contains_key(path) {
                let Some(msg) = self.new_message() else {
                    continue;
                };
                let before = el.get_attribute("aria-describedby");
                let id = msg.id();
                let described = match &before {
                    Some(b) if !b.trim().is_empty() => format!("{b} {id}"),
                    _ => id,
                };
                let _ = el.set_attribute("aria-describedby", &described);
                let _ = el.insert_adjacent_element("afterend", &msg);
                self.shown.insert(
                    path.clone(),
                    Shown {
                        msg,
                        described_before: before,
                    },
                );
            }
            if let Some(shown) = self.shown.get(path) {
                shown.msg.set_text_content(Some(&text.join("；")));
                let sev = match worst {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                };
                let _ = shown.msg.set_attribute("data-severity", sev);
                if let Some(h) = shown.msg.dyn_ref::<HtmlElement>() {
                    let color = match worst {
                        Severity::Error => "#b00020",
                        Severity::Warning => "#8a5a00",
                        Severity::Info => "#1f4e79",
                    };
                    if self.message_class.is_none() {
                        let _ = h.style().set_property("color", color);
                    }
                }
            }
            if worst == Severity::Error {
                let _ = el.set_attribute("aria-invalid", "true");
            } else {
                let _ = el.remove_attribute("aria-invalid");
            }
        }
    }

    fn new_message(&mut self) -> Option<Element> {
        let doc = self.form.owner_document()?;
        let msg = doc.create_element("span").ok()?;
        self.next_id = self.next_id.saturating_add(1);
        msg.set_id(&format!("jixiao-msg-{}", self.next_id));
        let class = match &self.message_class {
            Some(c) => format!("{MSG_CLASS} {c}"),
            None => MSG_CLASS.to_string(),
        };
        msg.set_class_name(&class);
        let _ = msg.set_attribute("role", "alert");
        if let Some(h) = msg.dyn_ref::<HtmlElement>() {
            if self.message_class.is_none() {
                let style = h.style();
                let _ = style.set_property("display", "block");
                let _ = style.set_property("font-size", "0.85em");
            }
        }
        Some(msg)
    }

    fn unshow(&mut self, path: &str) {
        if let Some(shown) = self.shown.remove(path) {
            shown.msg.remove();
            if let Some(b) = self.by_path.get(path).and_then(|i| self.bindings.get(*i)) {
                match &shown.described_before {
                    Some(v) => {
                        let _ = b.el.set_attribute("aria-describedby", v);
                    }
                    None => {
                        let _ = b.el.remove_attribute("aria-describedby");
                    }
                }
                let _ = b.el.remove_attribute("aria-invalid");
            }
        }
    }
}

fn unmark(b: &Binding) {
    let _ = b.el.remove_attribute(PATH_ATTR);
    if b.computed && b.was_readonly == Some(false) {
        let _ = b.el.remove_attribute("readonly");
    }
}

/// Create a report field that `complete()` would not (a row's line fields
/// exist once the line exists; funds cells of unknown rows are refused).
fn ensure_field<'a>(report: &'a mut Report, path: &str) -> Option<&'a mut jixiao::model::Raw> {
    use jixiao::model::report::unescape;
    let tokens: Vec<&str> = path.split('/').collect();
    let at_least = |i: &str| {
        i.parse::<usize>()
            .ok()
            .filter(|i| *i < jixiao::report_io::MAX_ROWS)
            .map(|i| i.saturating_add(1))
    };
    match tokens.as_slice() {
        ["", "narrative", k] => {
            report.narrative.entry(unescape(k)).or_default();
        }
        ["", "stated", "rates", k] => {
            report.stated.rates.entry(unescape(k)).or_default();
        }
        ["", "expenses", "lines", i, _] => {
            if let Some(n) = at_least(i) {
                if report.expenses.lines.len() < n {
                    report.expenses.lines.resize(n, Default::default());
                }
            }
        }
        ["", "perCapita", "levels", i, _] => {
            if let Some(n) = at_least(i) {
                if report.per_capita.levels.len() < n {
                    report.per_capita.levels.resize(n, Default::default());
                }
            }
        }
        ["", "breakdowns", id, "items", i, _] => {
            if let Some(n) = at_least(i) {
                let bd = report.breakdowns.entry(unescape(id)).or_default();
                if bd.items.len() < n {
                    bd.items.resize(n, Default::default());
                }
            }
        }
        ["", "breakdowns", id, _] => {
            report.breakdowns.entry(unescape(id)).or_default();
        }
        _ => {}
    }
    report.field_mut(path)
}

/// Every element matching a CSS selector within `root`.
fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect()
}

/// A field inside a row by its name: exact, or ending in `.name` / `[name]`
/// (legacy portals name row fields `zb[3].zbmc`).
fn find_in_row(row: &Element, name: &str) -> Option<Element> {
    elements(row, "[name]")
        .into_iter()
        .find(|el| fieldmap::name_matches(&el.get_attribute("name").unwrap_or_default(), name))
}

fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

impl Attachment {
    /// Focus and scroll to the first mapped field among a finding's paths
    /// (skipping the first `skip`).
    fn focus_path(&self, finding: JsValue, skip: usize) -> Option<(Element, Finding)> {
        let f = serde_wasm_bindgen::from_value::<Finding>(finding).ok()?;
        let s = self.state.borrow();
        let el = f
            .paths
            .iter()
            .skip(skip)
            .find_map(|p| s.by_path.get(p).and_then(|i| s.bindings.get(*i)))
            .map(|b| b.el.clone())?;
        if let Some(h) = el.dyn_ref::<HtmlElement>() {
            let _ = h.focus();
        }
        el.scroll_into_view_with_bool(false);
        Some((el, f))
    }
}

#[wasm_bindgen]
impl Attachment {
    /// Apply pending edits now (instead of after the debounce).
    pub fn flush(&self) {
        flush(&self.state);
    }

    /// Show messages on every field, as a submit attempt does.
    #[wasm_bindgen(js_name = showAll)]
    pub fn show_all(&self) {
        flush(&self.state);
        self.state.borrow_mut().show_everything();
    }

    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn findings(&self) -> JsValue {
        to_js(&self.state.borrow().engine.findings())
    }

    #[wasm_bindgen(unchecked_return_type = "Record<string, Computed>")]
    pub fn computed(&self) -> JsValue {
        to_js(&self.state.borrow().engine.computed())
    }

    /// Number of error findings.
    pub fn errors(&self) -> usize {
        self.state
            .borrow()
            .engine
            .findings()
            .iter()
            .filter(|f| f.is_error())
            .count()
    }

    /// The report as JSON text.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> String {
        serde_json::to_string(self.state.borrow().engine.report()).unwrap_or_default()
    }

    /// The upload JSON text (with digest).
    pub fn upload(&self) -> String {
        flush(&self.state);
        let s = self.state.borrow();
        jixiao::upload::to_json(&jixiao::upload::build(&s.engine))
    }

    /// Take the user to a finding: focus its field and, for a statement in a
    /// text field, select the stated words. Returns whether a field was found.
    pub fn reveal(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Finding")] finding: JsValue,
    ) -> bool {
        let Some((el, f)) = self.focus_path(finding, 0) else {
            return false;
        };
        if let Some(span) = f.span {
            // Character offsets → UTF-16 offsets of the field's value.
            let value = element_value(&el);
            let utf16 = |n: usize| value.chars().take(n).map(char::len_utf16).sum::<usize>() as u32;
            let (a, b) = (utf16(span.start), utf16(span.end));
            if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                let _ = t.set_selection_range(a, b);
            } else if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                let _ = i.set_selection_range(a, b);
            }
        }
        true
    }

    /// Focus the figure a finding compares with (its second path), e.g. the
    /// computed rate a sentence contradicts. Returns whether one was found.
    #[wasm_bindgen(js_name = revealFigure)]
    pub fn reveal_figure(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Finding")] finding: JsValue,
    ) -> bool {
        self.focus_path(finding, 1).is_some()
    }

    /// Remove every listener, message and mark jixiao added.
    pub fn detach(&self) {
        let mut s = self.state.borrow_mut();
        s.timer = None;
        let form = s.form.clone();
        for (event, closure) in s.listeners.drain(..) {
            let _ =
                form.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        if let Some((observer, _)) = s.observer.take() {
            observer.disconnect();
        }
        let shown: Vec<String> = s.shown.keys().cloned().collect();
        for p in shown {
            s.unshow(&p);
        }
        for b in std::mem::take(&mut s.bindings) {
            unmark(&b);
        }
        s.by_path.clear();
        s.on_change = None;
    }
}
