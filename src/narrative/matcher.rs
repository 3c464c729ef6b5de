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

use aho_corasick::AhoCorasick;

use super::vocabulary::NameEntry;
use super::Subject;

/// Edits kept as an overlay before the next use rebuilds the base.
const MAX_OVERLAY: usize = 2_000;

/// One automaton (overlapping search) over distinct names.
#[derive(Debug)]
struct Built {
    ac: AhoCorasick,
    /// Each pattern's name and its subjects as built.
    texts: Vec<String>,
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
            s.sort();
            s.dedup();
        }
        let lookup = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i))
            .collect();
        let ac = AhoCorasick::new(&texts).ok()?;
        Some(Built {
            ac,
            texts,
            subjects,
            lookup,
        })
    }
}

/// The names to find: a base and the edits since.
#[derive(Debug, Clone, Default)]
pub(super) struct Names {
    /// The automaton over the vocabulary's names as they were at its first
    /// use after a full build (shared by the builds edited from it).
    base: Arc<OnceLock<Option<Built>>>,
    /// Entries removed (`false`) and added (`true`) since the base.
    overlay: Vec<(NameEntry, bool)>,
    /// The automaton over added names the base does not hold.
    extra: Arc<OnceLock<Option<Built>>>,
}

/// A name found: byte range in the text and what it names.
pub(super) type Found = (usize, usize, Vec<Subject>);

impl Names {
    /// `removed` went and `added` came.
    pub fn edit(&mut self, removed: Vec<NameEntry>, added: Vec<NameEntry>) {
        // Nothing built yet, or too many edits: start again (built on
        // first use from the names as they are then).
        if self.base.get().is_none() || self.overlay.len().saturating_add(added.len()) > MAX_OVERLAY
        {
            *self = Names::default();
            return;
        }
        self.overlay.extend(removed.into_iter().map(|e| (e, false)));
        self.overlay.extend(added.into_iter().map(|e| (e, true)));
        self.extra = Arc::default();
    }

    /// `current`: the vocabulary's names now (what a first use builds
    /// the base from; there is no overlay before that).
    fn base(&self, current: &[NameEntry]) -> Option<&Built> {
        self.base.get_or_init(|| Built::new(current)).as_ref()
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

    fn apply_overlay(&self, name: &str, out: &mut Vec<Subject>) {
        let mut touched = false;
        for (e, added) in &self.overlay {
            if !e.0.iter().copied().eq(name.chars()) {
                continue;
            }
            touched = true;
            if *added {
                if !out.contains(&e.1) {
                    out.push(e.1.clone());
                }
            } else {
                out.retain(|s| *s != e.1);
            }
        }
        if touched {
            out.sort();
        }
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
            if let Some(name) = built.texts.get(p).filter(|_| !self.overlay.is_empty()) {
                self.apply_overlay(name, &mut subjects);
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
}
