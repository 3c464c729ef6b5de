//! Finding the vocabulary's names in a text, with edits of a few names
//! costing no rebuild.
//!
//! Building the automaton over a large report's names (50,690 of them)
//! takes 40–80 ms, too long for a keystroke. So the automaton is built
//! once over the names as they were (the base), and the names edited
//! since are an overlay: entries removed and added, in order, plus a small
//! automaton over added names the base does not hold. Matches come from
//! an overlapping search of both, are given the subjects the names have
//! now, and are then chosen leftmost-longest, as one automaton over the
//! current names would choose them.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::vocabulary::NameEntry;
use super::Subject;

/// Edits kept as an overlay before the next use rebuilds the base.
const MAX_OVERLAY: usize = 2_000;

/// One automaton (overlapping search) over distinct names.
#[derive(Debug)]
struct Built {
    ac: AhoCorasick,
    /// Each pattern's subjects as built.
    subjects: Vec<Vec<Subject>>,
    lookup: HashMap<String, usize>,
}

impl Built {
    fn new(names: &[NameEntry]) -> Option<Built> {
        let mut ids: HashMap<&[char], usize> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut subjects: Vec<Vec<Subject>> = Vec::new();
        for e in names {
            match ids.get(e.0.as_slice()) {
                Some(&i) => {
                    if let Some(p) = subjects.get_mut(i) {
                        p.push(e.1.clone());
                    }
                }
                None => {
                    ids.insert(e.0.as_slice(), texts.len());
                    texts.push(e.0.iter().collect());
                    subjects.push(vec![e.1.clone()]);
                }
            }
        }
        for s in &mut subjects {
            crate::sort::sort(s);
            s.dedup();
        }
        let lookup = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i))
            .collect();
        // A contiguous NFA whatever the number of names: for a few names
        // the default is a DFA, whose build cost most of a small report's
        // validation once the pack's names were shared.
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&texts)
            .ok()?;
        Some(Built {
            ac,
            subjects,
            lookup,
        })
    }
}

/// Report names kept as an overlay on a pack's shared automaton (see
/// [`Names::shared`]); a report with more builds its own, as before.
pub(super) const MAX_SHARED_OVERLAY: usize = 256;

/// The names to find: a base and the edits since.
#[derive(Debug, Clone, Default)]
pub(super) struct Names {
    /// The automaton over the vocabulary's names as they were at its first
    /// use after a full build (shared by the builds edited from it).
    base: Arc<OnceLock<Option<Built>>>,
    /// The names `base` is built from when they are fixed in advance: a
    /// pack's own names, whose automaton every report of the pack shares
    /// (`None`: the vocabulary's names at first use).
    base_names: Option<Arc<Vec<NameEntry>>>,
    /// Entries removed (`false`) and added (`true`) since the base.
    overlay: Vec<(NameEntry, bool)>,
    /// The automaton over added names the base does not hold.
    extra: Arc<OnceLock<Option<Built>>>,
    /// The overlay's edits by the pattern they touch, in the base (`.0`)
    /// and in the extra automaton (`.1`): one look-up per match rather
    /// than a pass over the overlay (made on first use after an edit).
    effects: Arc<OnceLock<Effects>>,
}

/// Edits (subject, added) by pattern, in overlay order.
type Effects = (EffectMap, EffectMap);
type EffectMap = HashMap<usize, Vec<(Subject, bool)>>;

/// Edits (subject, added) of one name, in order, on its subjects.
fn apply(edits: &[(Subject, bool)], out: &mut Vec<Subject>) {
    for (subject, added) in edits {
        if *added {
            if !out.contains(subject) {
                out.push(subject.clone());
            }
        } else {
            out.retain(|s| s != subject);
        }
    }
    if !edits.is_empty() {
        crate::sort::sort(out);
    }
}

/// A name found: byte range in the text and what it names.
pub(super) type Found = (usize, usize, Vec<Subject>);

impl Names {
    /// A base over `names` alone, built on first use and shared by every
    /// clone: a pack's names, the same for every report checked under it.
    pub fn shared(names: Arc<Vec<NameEntry>>) -> Names {
        Names {
            base_names: Some(names),
            ..Names::default()
        }
    }

    /// The names of a [`Names::shared`] base with nothing over it yet
    /// (`None`: not shared, or names already added or edited).
    pub fn shared_names(&self) -> Option<&Arc<Vec<NameEntry>>> {
        self.base_names.as_ref().filter(|_| self.overlay.is_empty())
    }

    /// The shared base with `added` (a report's own names) as its overlay:
    /// finds what an automaton over both would find, and builds only a
    /// small one over the added names the base does not hold.
    pub fn with_added(&self, added: Vec<NameEntry>) -> Names {
        Names {
            base: self.base.clone(),
            base_names: self.base_names.clone(),
            overlay: added.into_iter().map(|e| (e, true)).collect(),
            extra: Arc::default(),
            effects: Arc::default(),
        }
    }

    /// `removed` went and `added` came.
    pub fn edit(&mut self, removed: Vec<NameEntry>, added: Vec<NameEntry>) {
        // Nothing built yet, or too many edits: start again (built on
        // first use from the names as they are then). A shared base can
        // always be built from its own names.
        let unbuilt = self.base.get().is_none() && self.base_names.is_none();
        if unbuilt || self.overlay.len().saturating_add(added.len()) > MAX_OVERLAY {
            *self = Names::default();
            return;
        }
        self.overlay.extend(removed.into_iter().map(|e| (e, false)));
        self.overlay.extend(added.into_iter().map(|e| (e, true)));
        self.extra = Arc::default();
        self.effects = Arc::default();
    }

    /// `current`: the vocabulary's names now (what a first use builds
    /// the base from; there is no overlay before that).
    fn base(&self, current: &[NameEntry]) -> Option<&Built> {
        let names = self.base_names.as_deref().map_or(current, Vec::as_slice);
        self.base.get_or_init(|| Built::new(names)).as_ref()
    }

    fn extra(&self, base: &Built) -> Option<&Built> {
        self.extra
            .get_or_init(|| {
                let mut new: Vec<NameEntry> = self
                    .overlay
                    .iter()
                    .filter(|(e, added)| {
                        *added && !base.lookup.contains_key(&e.0.iter().collect::<String>())
                    })
                    .map(|(e, _)| e.clone())
                    .collect();
                new.dedup();
                if new.is_empty() {
                    return None;
                }
                Built::new(&new)
            })
            .as_ref()
    }

    /// What `name` (a whole name) names now, in the vocabulary's order.
    pub fn subjects_of(&self, name: &str, current: &[NameEntry]) -> Vec<Subject> {
        let base = self.base(current);
        let mut out: Vec<Subject> = base
            .and_then(|b| b.subjects.get(*b.lookup.get(name)?))
            .cloned()
            .unwrap_or_default();
        self.apply_overlay(name, &mut out);
        out
    }

    /// [`Names::apply_overlay`] for every pattern at once (see
    /// [`Names::effects`]).
    fn effects(&self, base: &Built, extra: Option<&Built>) -> &Effects {
        self.effects.get_or_init(|| {
            let mut by_base = EffectMap::new();
            let mut by_extra = EffectMap::new();
            for (e, added) in &self.overlay {
                let name: String = e.0.iter().collect();
                if let Some(&p) = base.lookup.get(&name) {
                    by_base.entry(p).or_default().push((e.1.clone(), *added));
                }
                if let Some(&p) = extra.and_then(|x| x.lookup.get(&name)) {
                    by_extra.entry(p).or_default().push((e.1.clone(), *added));
                }
            }
            (by_base, by_extra)
        })
    }

    fn apply_overlay(&self, name: &str, out: &mut Vec<Subject>) {
        let edits: Vec<(Subject, bool)> = self
            .overlay
            .iter()
            .filter(|(e, _)| e.0.iter().copied().eq(name.chars()))
            .map(|(e, added)| (e.1.clone(), *added))
            .collect();
        apply(&edits, out);
    }

    /// The names in `text`, leftmost-longest, each with its subjects now.
    pub fn find(&self, text: &str, current: &[NameEntry]) -> Vec<Found> {
        let Some(base) = self.base(current) else {
            return Vec::new();
        };
        // (start, end, automaton, pattern)
        let mut all: Vec<(usize, usize, bool, usize)> = base
            .ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end(), false, m.pattern().as_usize()))
            .collect();
        let extra = if self.overlay.is_empty() {
            None
        } else {
            self.extra(base)
        };
        if let Some(x) = extra {
            all.extend(
                x.ac.find_overlapping_iter(text)
                    .map(|m| (m.start(), m.end(), true, m.pattern().as_usize())),
            );
        }
        all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut end = 0;
        for (s, e, in_extra, p) in all {
            if s < end {
                continue;
            }
            let built = if in_extra { extra } else { Some(base) };
            let Some(built) = built else {
                continue;
            };
            // The subjects as built, then the edits since, in order (an
            // extra name's built subjects are all added ones: the overlay
            // keeps those still held).
            let mut subjects = built.subjects.get(p).cloned().unwrap_or_default();
            if !self.overlay.is_empty() {
                let (by_base, by_extra) = self.effects(base, extra);
                let edits = if in_extra { by_extra } else { by_base };
                if let Some(edits) = edits.get(&p) {
                    apply(edits, &mut subjects);
                }
            }
            // A name no longer held: a shorter one inside may be.
            if subjects.is_empty() {
                continue;
            }
            out.push((s, e, subjects));
            end = e;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::{Subject, Vocabulary};

    fn line(id: &str) -> Subject {
        Subject::Line(id.to_string())
    }

    fn built(names: &[(&str, &str)]) -> Vocabulary {
        let mut v = Vocabulary::new();
        for (name, id) in names {
            v.add(name, line(id));
        }
        v.finish();
        v
    }

    /// Edits applied as an overlay find what a vocabulary built anew from
    /// the same names finds: a longer name gone uncovers a shorter one
    /// inside it, a new name longer than an old one wins, a name shared
    /// by two lines loses one of them, a new name goes again.
    #[test]
    fn an_edited_vocabulary_finds_what_a_rebuilt_one_finds() {
        let text = "参保人数达到100人，参保人数目标完成，门诊慢特病待遇人次为50，参保率99%";
        let mut v = built(&[
            ("参保人数目标", "a"),
            ("参保人数", "b"),
            ("参保率", "c"),
            ("门诊待遇", "d"),
        ]);
        // The automaton is built on first use; the edits come after it.
        assert_eq!(v.find(text).len(), 3);
        let edits: [(&str, Option<&str>); 5] = [
            ("a", None),
            ("d", Some("门诊慢特病待遇人次")),
            ("c", Some("参保人数")),
            ("b", Some("参保人数目标完成")),
            // A name only the small automaton holds, gone again.
            ("d", None),
        ];
        let mut now: Vec<(String, String)> = vec![
            ("参保人数目标".into(), "a".into()),
            ("参保人数".into(), "b".into()),
            ("参保率".into(), "c".into()),
            ("门诊待遇".into(), "d".into()),
        ];
        for (id, name) in edits {
            v.replace(&line(id), name, None);
            now.retain(|(_, i)| i != id);
            if let Some(n) = name {
                now.push((n.to_string(), id.to_string()));
            }
            let pairs: Vec<(&str, &str)> =
                now.iter().map(|(n, i)| (n.as_str(), i.as_str())).collect();
            let fresh = built(&pairs);
            assert_eq!(v.find(text), fresh.find(text), "after {id} → {name:?}");
            assert!(!v.matcher.overlay.is_empty(), "edited, not rebuilt");
        }
        let found = v.find(text);
        let names: Vec<&str> = found
            .iter()
            .map(|(s, e, _)| text.get(*s..*e).unwrap_or(""))
            .collect();
        assert_eq!(names, ["参保人数", "参保人数目标完成"]);
        assert_eq!(
            v.subjects_of("参保人数"),
            [line("c")],
            "b renamed, c now named so"
        );
    }

    /// A report's names over a pack's shared automaton find what one
    /// automaton over all the names finds: a report name holding a pack
    /// name, a pack name holding a report name, one name for a pack line
    /// and a report line, and the same after the report's names change.
    #[test]
    fn names_over_a_shared_base_find_what_one_automaton_finds() {
        let text =
            "参保人数达到100人，城乡居民参保人数目标完成，门诊待遇人次50，参保率99%，执行率98%";
        let pack = [
            ("参保人数", "p1"),
            ("参保率", "p2"),
            ("门诊待遇人次", "p3"),
            ("执行率", "p4"),
        ];
        let report = [
            ("城乡居民参保人数目标", "r1"),
            ("门诊待遇", "r2"),
            ("参保率", "r3"),
        ];
        let mut shared = built(&pack);
        shared.share_names();
        let mut v = shared.clone();
        let first = v.len();
        for (name, id) in report {
            v.add(name, line(id));
        }
        v.finish_from(first);
        assert!(
            v.matcher.base_names.is_some() && !v.matcher.overlay.is_empty(),
            "an overlay, not a build of its own"
        );
        let all: Vec<(&str, &str)> = pack.iter().chain(&report).copied().collect();
        assert_eq!(v.find(text), built(&all).find(text));
        assert_eq!(
            v.names,
            built(&all).names,
            "merged in the order a sort gives"
        );
        assert_eq!(v.subjects_of("参保率"), [line("p2"), line("r3")]);
        // A second report of the same pack shares the automaton built for
        // the first.
        let mut w = shared.clone();
        let first = w.len();
        w.add("执行率", line("r9"));
        w.finish_from(first);
        let both = [pack.as_slice(), &[("执行率", "r9")]].concat();
        assert_eq!(w.find(text), built(&both).find(text));
        assert!(Arc::ptr_eq(&w.matcher.base, &v.matcher.base));
        // Edits after, as a keystroke makes them.
        v.replace(&line("r2"), Some("门诊待遇人次"), None);
        v.replace(&line("r1"), None, None);
        let now = [&pack[..], &[("门诊待遇人次", "r2"), ("参保率", "r3")]].concat();
        assert_eq!(v.find(text), built(&now).find(text));
        assert_eq!(v.subjects_of("门诊待遇人次"), [line("p3"), line("r2")]);
    }
}
