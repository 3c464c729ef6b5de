//! Evaluation: full, and incremental per edited field.
//!
//! The rule families (`crate::rules`) declare units over keys; the engine
//! runs them in dependency order. After an edit only the units that read
//! the field (and, transitively, whatever changed) run again, and the
//! engine reports exactly which computed values and findings changed.

mod dirty;

use crate::graph::{FxMap, Graph, Reader, Show, Val, K};

use std::borrow::Cow;
use std::collections::HashMap;

use dirty::Dirty;
use std::sync::Arc;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::calc;
use crate::codes::Code;
use crate::finding::{self, Args, Finding};
use crate::model::Report;
use crate::pack::Pack;

/// A computed value as shown: a decimal string (or a grade word) and its unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Computed {
    pub value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
}

/// One input as typed and as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub path: String,
    pub raw: String,
    /// The normalised value (a decimal string in the field's unit, or the
    /// normalised target), absent when empty or invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<String>,
}

/// What one edit changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Change {
    /// Computed values that changed; `null` where a value disappeared.
    pub computed: IndexMap<String, Option<Computed>>,
    pub added: Vec<Finding>,
    pub removed: Vec<Finding>,
}

/// A report under evaluation against a pack.
pub struct Engine {
    pack: Arc<Pack>,
    report: Report,
    graph: Graph,
    vals: Vec<Val>,
    findings: Vec<Vec<Finding>>,
    /// Units to run again (empty between edits: kept for its room).
    dirty: Dirty,
    /// Read groups whose units are all in `dirty` (cleared when one of
    /// them runs): ten thousand amounts changed by a unit edit mark the
    /// 65 narrative judges once, not ten thousand times.
    queued_groups: Vec<bool>,
}

/// What, typed into any field, aborts a `fault-injection` build.
#[cfg(feature = "fault-injection")]
pub const FAULT_TEXT: &str = "jixiao:trap-now";

impl Engine {
    /// Build and fully evaluate. The report is evaluated as a report of
    /// `pack`: its `pack` member is set to the pack's id, so an upload built
    /// from it names the pack that checked it (and verifies).
    pub fn new(pack: Arc<Pack>, mut report: Report) -> Engine {
        crate::rules::complete(&pack, &mut report);
        let mut graph = crate::rules::build(&pack, &report);
        let mut vals = vec![Val::None; graph.names.len()];
        for (k, raw) in std::mem::take(&mut graph.initial) {
            if let Some(slot) = vals.get_mut(k as usize) {
                *slot = Val::Raw(raw);
            }
        }
        let mut findings = vec![Vec::new(); graph.units.len()];
        for &u in &graph.order {
            let Some(unit) = graph.units.get(u) else {
                continue;
            };
            let out = (unit.run)(&graph.ctx(u, &vals, None));
            let mut produced = out.vals.into_iter();
            for &w in graph.writes(u) {
                if let Some(slot) = vals.get_mut(w as usize) {
                    *slot = produced.next().unwrap_or_default();
                }
            }
            if let Some(slot) = findings.get_mut(u) {
                *slot = out.findings;
            }
        }
        let queued_groups = vec![false; graph.group_count()];
        Engine {
            pack,
            report,
            graph,
            vals,
            findings,
            dirty: Dirty::default(),
            queued_groups,
        }
    }

    pub fn pack(&self) -> &Arc<Pack> {
        &self.pack
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Set one field to what the user typed; returns what changed.
    pub fn set(&mut self, path: &str, raw: &str) -> Result<Change, Box<Finding>> {
        // Test builds only: a real trap (abort → `unreachable` in WASM) so
        // the browser tests can prove the wrapper's recovery.
        #[cfg(feature = "fault-injection")]
        if raw == FAULT_TEXT {
            std::process::abort();
        }
        let unknown = || {
            Box::new(finding::plain(
                Code::UnknownPath,
                path,
                Args::default().actual(path),
            ))
        };
        let k = *self.graph.index.get(path).ok_or_else(unknown)?;
        let field = self.report.field_mut(path).ok_or_else(unknown)?;
        field.0 = raw.to_string();
        // Shown form of each public key before its first overwrite.
        let mut before: HashMap<K, Option<Computed>> = HashMap::new();
        if let Some(slot) = self.vals.get_mut(k as usize) {
            *slot = Val::Raw(raw.to_string());
        }
        let mut queue = std::mem::take(&mut self.dirty);
        enqueue_readers(&self.graph, &mut self.queued_groups, k, &mut queue);
        // Every key this edit changes, as it goes (see `Ctx::changed`).
        let mut changed_keys = vec![k];
        let mut change = Change::default();
        let mut touched: Vec<K> = Vec::new();
        while let Some(pos) = queue.pop_first() {
            let Some(&u) = self.graph.order.get(pos) else {
                continue;
            };
            if let Some(flag) = self
                .graph
                .group_of(u)
                .and_then(|g| self.queued_groups.get_mut(g))
            {
                *flag = false;
            }
            let Some(unit) = self.graph.units.get(u) else {
                continue;
            };
            let out = (unit.run)(&self.graph.ctx(u, &self.vals, Some(&changed_keys)));
            let mut produced = out.vals.into_iter();
            for &w in self.graph.writes(u) {
                let new = produced.next().unwrap_or_default();
                if self.vals.get(w as usize).is_some_and(|old| *old != new) {
                    // `w` itself when shown, and what is shown in the unit
                    // `w` holds (a table's unit): as they were.
                    let shown = self.graph.show_of(w).map(|_| w);
                    for s in shown.into_iter().chain(self.graph.shown_in(w)) {
                        if let std::collections::hash_map::Entry::Vacant(e) = before.entry(s) {
                            e.insert(self.show(s));
                            touched.push(s);
                        }
                    }
                    if let Some(slot) = self.vals.get_mut(w as usize) {
                        *slot = new;
                    }
                    changed_keys.push(w);
                    enqueue_readers(&self.graph, &mut self.queued_groups, w, &mut queue);
                }
            }
            if let Some(old) = self.findings.get_mut(u).filter(|_| !out.same_findings) {
                if *old != out.findings {
                    diff(old, &out.findings, &mut change);
                    *old = out.findings;
                }
            }
        }
        // Emptied by the loop: kept for the next edit.
        self.dirty = queue;
        for w in touched {
            let now = self.show(w);
            if before.get(&w) != Some(&now) {
                if let Some(name) = self.graph.names.get(w as usize) {
                    change.computed.insert(name.to_string(), now);
                }
            }
        }
        Ok(change)
    }

    /// Replace the whole report (rows added or removed): rebuild and return
    /// what changed against the previous state.
    pub fn replace(&mut self, report: Report) -> Change {
        let old_computed = self.computed();
        let old_findings = self.findings();
        *self = Engine::new(self.pack.clone(), report);
        let new_computed = self.computed();
        let mut change = Change::default();
        for (k, v) in &new_computed {
            if old_computed.get(k) != Some(v) {
                change.computed.insert(k.clone(), Some(v.clone()));
            }
        }
        for k in old_computed.keys() {
            if !new_computed.contains_key(k) {
                change.computed.insert(k.clone(), None);
            }
        }
        diff(&old_findings, &self.findings(), &mut change);
        change
    }

    fn show(&self, k: K) -> Option<Computed> {
        let (value, unit) = self.show_parts(k)?;
        Some(Computed {
            value: value.into_owned(),
            unit: unit.to_string(),
        })
    }

    /// A shown key's value as text, and its unit.
    fn show_parts(&self, k: K) -> Option<(Cow<'_, str>, &str)> {
        self.show_with(k, self.graph.show_of(k)?)
    }

    /// Key `k`'s value shown as `show` says, and the unit.
    fn show_with<'a>(&'a self, k: K, show: &'a Show) -> Option<(Cow<'a, str>, &'a str)> {
        // In the unit the report chose for its table, when it has one.
        let (unit, decimals) = match show.unit_key {
            Some(u) => {
                let chosen = self.vals.get(u as usize).and_then(Val::text);
                let unit = chosen.unwrap_or(show.unit.as_ref());
                (unit, crate::rules::unit_decimals(unit, show.decimals))
            }
            None => (show.unit.as_ref(), show.decimals),
        };
        let value = match self.vals.get(k as usize)? {
            Val::Num(d) => Cow::Owned(calc::show(*d, decimals)),
            Val::Fig(f) => Cow::Owned(calc::show(f.value, decimals)),
            Val::Text(t) => Cow::Borrowed(t.as_str()),
            _ => return None,
        };
        Some((value, unit))
    }

    /// Every computed value, in key order (the order the rules made them).
    pub fn computed(&self) -> IndexMap<String, Computed> {
        self.shown()
            .map(|(name, value, unit)| {
                let c = Computed {
                    value: value.into_owned(),
                    unit: unit.to_string(),
                };
                (name.to_string(), c)
            })
            .collect()
    }

    /// Each computed value's name, shown value and unit, in key order
    /// (what [`Engine::computed`] collects).
    pub fn computed_iter(&self) -> impl Iterator<Item = (&str, Cow<'_, str>, &str)> + '_ {
        self.shown()
    }

    /// Each shown key's name, value and unit, in key order.
    fn shown(&self) -> impl Iterator<Item = (&str, Cow<'_, str>, &str)> + '_ {
        self.graph.shows.iter().filter_map(|(k, show)| {
            let name = self.graph.names.get(*k as usize)?;
            let (value, unit) = self.show_with(*k, show)?;
            Some((name.as_ref(), value, unit))
        })
    }

    /// [`Engine::computed`] as JSON text, written straight from the values
    /// (for the browser, which reads it with `JSON.parse`): no map of
    /// owned strings on the way, and no `Computed` made per key.
    pub fn computed_json(&self) -> String {
        let mut out =
            Vec::with_capacity(self.graph.shows.len().saturating_mul(64).saturating_add(2));
        out.push(b'{');
        for (i, (name, value, unit)) in self.shown().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Writing to a Vec cannot fail; a string always serializes.
            let _ = serde_json::to_writer(&mut out, name);
            out.extend_from_slice(b":{\"value\":");
            let _ = serde_json::to_writer(&mut out, value.as_ref());
            // As `Computed` serializes: no unit when it is empty.
            if !unit.is_empty() {
                out.extend_from_slice(b",\"unit\":");
                let _ = serde_json::to_writer(&mut out, unit);
            }
            out.push(b'}');
        }
        out.push(b'}');
        String::from_utf8(out).unwrap_or_default()
    }

    /// Every finding, in evaluation order.
    pub fn findings(&self) -> Vec<Finding> {
        self.findings_iter().cloned().collect()
    }

    /// [`Engine::findings`] without copying them.
    pub fn findings_iter(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.graph
            .order
            .iter()
            .filter_map(|u| self.findings.get(*u))
            .flatten()
    }

    /// [`Engine::findings`], the engine given up for them.
    pub fn into_findings(mut self) -> Vec<Finding> {
        self.take_findings()
    }

    /// Every finding, in report order, taken out of the engine, which is
    /// then fit only to be dropped (or forgotten): its edits would compare
    /// against findings it no longer holds.
    pub(crate) fn take_findings(&mut self) -> Vec<Finding> {
        let mut all = Vec::with_capacity(self.findings.iter().map(Vec::len).sum());
        for u in &self.graph.order {
            if let Some(list) = self.findings.get_mut(*u) {
                all.append(list);
            }
        }
        all
    }

    /// Every input, raw beside normalised.
    pub fn inputs(&self) -> Vec<Input> {
        self.inputs_iter().collect()
    }

    /// [`Engine::inputs`] one at a time.
    pub fn inputs_iter(&self) -> impl Iterator<Item = Input> + '_ {
        self.report.fields().into_iter().map(|(path, raw)| {
            let normalized = self
                .graph
                .index
                .get(path.as_str())
                .and_then(|k| self.graph.parsed_of(*k))
                .and_then(|k| self.vals.get(k as usize))
                .and_then(|v| match v {
                    Val::Parsed(p) => p.normalized(),
                    Val::Text(t) if !t.is_empty() => Some(t.clone()),
                    _ => None,
                });
            Input {
                path,
                raw: raw.0.clone(),
                normalized,
            }
        })
    }

    /// Number of units in the graph (for benchmarks and tests).
    pub fn unit_count(&self) -> usize {
        self.graph.units.len()
    }
}

/// What left and what came, counting repeats: a finding said twice
/// before and once now is one removal.
fn diff(old: &[Finding], new: &[Finding], change: &mut Change) {
    // Counted, not compared pairwise: linear in the findings (a unit may
    // have thousands), repeats matched one for one.
    // Fx, not SipHash: findings are our own values, and hashing a unit's
    // thousands of findings on each keystroke was a tenth of its cost.
    fn count(list: &[Finding]) -> FxMap<&Finding, usize> {
        let mut m: FxMap<&Finding, usize> =
            FxMap::with_capacity_and_hasher(list.len(), Default::default());
        for f in list {
            let n = m.entry(f).or_default();
            *n = n.saturating_add(1);
        }
        m
    }
    // The same findings before and after what changed are not counted:
    // a unit with thousands of findings (the total's list of wrong
    // scores) changes a few of them on a keystroke.
    let same_front = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old, new) = (
        old.get(same_front..).unwrap_or(&[]),
        new.get(same_front..).unwrap_or(&[]),
    );
    let same_back = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old, new) = (
        old.get(..old.len().saturating_sub(same_back))
            .unwrap_or(&[]),
        new.get(..new.len().saturating_sub(same_back))
            .unwrap_or(&[]),
    );
    let (mut in_old, mut in_new) = (count(old), count(new));
    for f in old {
        match in_new.get_mut(f) {
            Some(n) if *n > 0 => *n = n.saturating_sub(1),
            _ => change.removed.push(f.clone()),
        }
    }
    for f in new {
        match in_old.get_mut(f) {
            Some(n) if *n > 0 => *n = n.saturating_sub(1),
            _ => change.added.push(f.clone()),
        }
    }
}

/// Mark the readers of key `k` to run again; a read group's units once
/// until one of them runs (`queued`: see `Engine::queued_groups`).
fn enqueue_readers(graph: &Graph, queued: &mut [bool], k: K, queue: &mut Dirty) {
    let position = &graph.position;
    let mut mark = |u: u32| {
        if let Some(&p) = position.get(u as usize) {
            queue.insert(p);
        }
    };
    for &entry in graph.reader_entries(k) {
        match graph.reader(entry) {
            Reader::Unit(u) => mark(u),
            Reader::Group(g, units) => {
                if let Some(flag) = queued.get_mut(g).filter(|f| !**f) {
                    *flag = true;
                    units.iter().for_each(|&u| mark(u));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn f(code: &str) -> Finding {
        Finding {
            code: code.into(),
            severity: Severity::Warning,
            paths: vec!["/a".to_string()].into(),
            message: String::new(),
            message_en: String::new(),
            expected: None,
            actual: None,
            hint: None,
            hint_en: None,
            span: None,
        }
    }

    fn codes(fs: &[Finding]) -> Vec<&str> {
        fs.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn diff_counts_repeats() {
        let mut c = Change::default();
        diff(&[f("A")], &[f("A"), f("A"), f("B")], &mut c);
        assert_eq!(codes(&c.added), ["A", "B"]);
        assert!(c.removed.is_empty());

        let mut c = Change::default();
        diff(&[f("A"), f("B"), f("A")], &[f("B")], &mut c);
        assert_eq!(codes(&c.removed), ["A", "A"]);
        assert!(c.added.is_empty());
    }
}
