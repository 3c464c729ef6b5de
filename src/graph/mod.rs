//! The dependency graph: keys (inputs, parsed values, computed values) and
//! units (one parse or one rule each) that read and write keys.

use std::rc::Rc;

mod hash;

pub use hash::{FxHasher, FxMap, FxSet};

use rust_decimal::Decimal;

use crate::calc::Fig;
use crate::finding::Finding;
use crate::parse::{Parsed, Quantity};

/// A key's index.
pub type K = u32;

/// What a key holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Val {
    /// Nothing (empty, invalid, or not computable).
    #[default]
    None,
    /// An input's raw text.
    Raw(String),
    /// An input once parsed.
    Parsed(Parsed),
    /// A computed figure, full precision.
    Num(Decimal),
    /// A computed figure with its interval (sums of typed figures).
    Fig(Fig),
    /// A computed word (grade) or a chosen unit.
    Text(String),
    /// Statements read from a text field.
    Statements(std::sync::Arc<Vec<crate::narrative::Statement>>),
    /// The narrative vocabulary of the report as it stands (one automaton
    /// shared by every text field).
    Vocabulary(std::sync::Arc<crate::narrative::Vocabulary>),
}

impl Val {
    pub fn num(&self) -> Option<Decimal> {
        match self {
            Val::Num(d) => Some(*d),
            Val::Fig(f) => Some(f.value),
            _ => None,
        }
    }
    pub fn fig(&self) -> Option<Fig> {
        match self {
            Val::Fig(f) => Some(*f),
            Val::Num(d) => Some(Fig::exact(*d)),
            _ => None,
        }
    }
    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            Val::Parsed(Parsed::Number(q)) => Some(q),
            _ => None,
        }
    }
    pub fn parsed(&self) -> Option<&Parsed> {
        match self {
            Val::Parsed(p) => Some(p),
            _ => None,
        }
    }
    pub fn text(&self) -> Option<&str> {
        match self {
            Val::Text(t) | Val::Raw(t) => Some(t),
            Val::Parsed(Parsed::Text(t)) => Some(t),
            _ => None,
        }
    }
}

/// Read access for a running unit: only the keys it declared. A key it did
/// not declare reads as nothing, in full and incremental runs alike, so a
/// missing declaration shows up as a wrong result in tests instead of as a
/// stale value after an edit.
pub struct Ctx<'a> {
    vals: &'a [Val],
    allowed: &'a [K],
    /// The keys of the unit's read group (see [`Builder::group`]).
    group: &'a [K],
    changed: Option<&'a [K]>,
}

impl<'a> Ctx<'a> {
    pub fn get(&self, k: K) -> &'a Val {
        static NONE: Val = Val::None;
        if self.allowed.binary_search(&k).is_err() && self.group.binary_search(&k).is_err() {
            return &NONE;
        }
        self.vals.get(k as usize).unwrap_or(&NONE)
    }
    pub fn num(&self, k: K) -> Option<Decimal> {
        self.get(k).num()
    }
    /// In an edit, every key whose value the edit has changed so far (in
    /// no order, keys this unit does not read among them); `None` in a
    /// full evaluation. Every key this unit reads that changed since its
    /// last run is listed (it would have run otherwise), so a unit that
    /// keeps its last result may redo only the part these keys concern —
    /// and must give what a full run gives (the incremental property test
    /// compares them).
    pub fn changed(&self) -> Option<&'a [K]> {
        self.changed
    }
    pub fn fig(&self, k: K) -> Option<Fig> {
        self.get(k).fig()
    }
    pub fn quantity(&self, k: K) -> Option<&'a Quantity> {
        self.get(k).quantity()
    }
    pub fn parsed(&self, k: K) -> Option<&'a Parsed> {
        self.get(k).parsed()
    }
    pub fn text(&self, k: K) -> Option<&'a str> {
        self.get(k).text()
    }
    /// Whether a parsed key holds a value that failed to parse (as opposed
    /// to an empty field).
    pub fn invalid(&self, k: K) -> bool {
        matches!(self.get(k), Val::None)
    }
    /// Whether an input holds any non-blank text.
    pub fn filled(&self, k: K) -> bool {
        match self.get(k) {
            Val::Raw(s) => !s.trim().is_empty(),
            Val::Parsed(Parsed::Empty) | Val::None => false,
            _ => true,
        }
    }
}

/// What a unit produces: one value per written key, and its findings.
#[derive(Debug, Default, Clone)]
pub struct Out {
    pub vals: Vec<Val>,
    pub findings: Vec<Finding>,
    /// The unit's findings are those of its last run (it knows; `findings`
    /// is then left empty and not compared): saves copying and comparing
    /// a long list on every run that changed nothing of it.
    pub same_findings: bool,
}

pub type Run = Box<dyn Fn(&Ctx) -> Out>;

/// A unit: where its keys are in the graph's shared key list, and its code.
pub struct Unit {
    /// Keys read (sorted, without repeats): `keys[reads.0..reads.1]`.
    reads: (u32, u32),
    /// Keys written, in the order `run` returns their values.
    writes: (u32, u32),
    /// The read group whose keys it reads too, if any.
    group: Option<u32>,
    pub run: Run,
}

/// Keys several units read alike (every figure a narrative compares with,
/// read by each text field's judge): listed once, and each key names the
/// group as one reader, not every unit in it. On the largest report that
/// is one list of 60,000 keys instead of 65.
#[derive(Default)]
struct Group {
    /// `keys[keys.0..keys.1]`, sorted, without repeats.
    keys: (u32, u32),
    /// Its units, in declaration order.
    units: Vec<u32>,
}

/// A reader of a key: a unit, or a read group (its index and units).
pub enum Reader<'a> {
    Unit(u32),
    Group(usize, &'a [u32]),
}

/// A read group's index (see [`Builder::group`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupId(u32);

/// In a reader list, an entry with this bit set is a group (its index in
/// the other bits), not a unit.
const GROUP_BIT: u32 = 1 << 31;

/// How a computed key is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Show {
    pub decimals: u32,
    /// Shared by every key shown in the same unit.
    pub unit: Rc<str>,
    /// A key holding the unit as chosen in the report (a table's unit):
    /// the value is shown in that unit, `unit` is then only the fallback.
    pub unit_key: Option<K>,
}

/// Keys and units, before ordering.
#[derive(Default)]
pub struct Builder {
    names: Vec<Rc<str>>,
    index: FxMap<Rc<str>, K>,
    /// The parsed-value key of each input key (no name of its own), by
    /// input key.
    parsed: Vec<Option<K>>,
    pub(crate) units: Vec<Unit>,
    /// How each computed key is shown, in declaration order.
    shows: Vec<(K, Show)>,
    initial: Vec<(K, String)>,
    /// The keys every unit reads and writes, one after another.
    keys: Vec<K>,
    scratch: Vec<K>,
    /// The name of every parsed-value key (they have none): one empty
    /// string shared, not one allocated per key.
    unnamed: Rc<str>,
    /// Each unit a computed key is shown in, once.
    show_units: Vec<Rc<str>>,
    groups: Vec<Group>,
    /// Outputs a unit makes whether or not any rule reads them (see
    /// [`Builder::optional`]).
    optional: Vec<K>,
    /// Where [`Builder::key_at`] puts a name together.
    name_buf: String,
}

/// A shown key whose unit another key holds: (unit key, shown key).
type UnitShow = (K, K);

impl Builder {
    /// Room for about `keys` more keys (and half as many units), so the
    /// tables grow once rather than step by step.
    pub fn reserve(&mut self, keys: usize) {
        self.names.reserve(keys);
        self.index.reserve(keys);
        self.parsed.reserve(keys);
        self.units.reserve(keys / 2);
        self.keys.reserve(keys);
    }

    pub fn key(&mut self, name: &str) -> K {
        if let Some(k) = self.index.get(name) {
            return *k;
        }
        let k = self.names.len() as K;
        // One copy of the name, shared by the list and the index.
        let name: Rc<str> = Rc::from(name);
        self.names.push(name.clone());
        self.index.insert(name, k);
        k
    }

    /// [`Builder::key`] of the name made of `parts`, put together in a
    /// buffer the builder keeps: no string is made for a name already
    /// declared (most look-ups: a line's keys are read by several rules).
    pub fn key_at(&mut self, parts: &[&str]) -> K {
        let mut name = std::mem::take(&mut self.name_buf);
        name.clear();
        for p in parts {
            name.push_str(p);
        }
        let k = self.key(&name);
        self.name_buf = name;
        k
    }

    /// [`Builder::parsed_key`] of the path made of `parts`.
    pub fn parsed_key_at(&mut self, parts: &[&str]) -> K {
        let input = self.key_at(parts);
        self.parsed_of(input)
    }

    /// The key of `name` if a rule has declared it (a reader that must not
    /// conjure a key no unit writes).
    pub fn declared(&self, name: &str) -> Option<K> {
        self.index.get(name).copied()
    }

    /// Mark `k` an output that need not be read: a field's parsed value
    /// (read by whichever rules need it; a parse unit exists for its
    /// findings too), a fixed line's weight (the tree sums read the pack's).
    /// [`Graph::unlinked`] does not list it when nothing reads it.
    pub fn optional(&mut self, k: K) {
        self.optional.push(k);
    }

    /// Declare an input field (a JSON Pointer into the report).
    pub fn input(&mut self, path: &str) -> K {
        self.key(path)
    }

    /// An input's text as the report holds it, before any edit.
    pub fn initial(&mut self, input: K, raw: &str) {
        self.initial.push((input, raw.to_string()));
    }

    /// The parsed-value key of an input path.
    pub fn parsed_key(&mut self, path: &str) -> K {
        let input = self.key(path);
        self.parsed_of(input)
    }

    /// The parsed-value key of an input key.
    pub fn parsed_of(&mut self, input: K) -> K {
        if let Some(Some(k)) = self.parsed.get(input as usize) {
            return *k;
        }
        let k = self.names.len() as K;
        self.names.push(self.unnamed.clone());
        if self.parsed.len() <= input as usize {
            self.parsed.resize((input as usize).saturating_add(1), None);
        }
        if let Some(slot) = self.parsed.get_mut(input as usize) {
            *slot = Some(k);
        }
        k
    }

    /// A public computed value at `path` (under `/computed`), shown with
    /// `decimals` and `unit`.
    pub fn computed(&mut self, path: &str, decimals: u32, unit: &str) -> K {
        let k = self.key(path);
        let unit = match self.show_units.iter().find(|u| u.as_ref() == unit) {
            Some(u) => u.clone(),
            None => {
                let u: Rc<str> = Rc::from(unit);
                self.show_units.push(u.clone());
                u
            }
        };
        self.shows.push((
            k,
            Show {
                decimals,
                unit,
                unit_key: None,
            },
        ));
        k
    }

    /// A public computed value at `path` shown with `decimals` in the
    /// unit key `unit_key` holds (a table's chosen unit, read when shown:
    /// a change of unit changes what is shown without a rebuild).
    /// `unit` is shown while that key holds nothing; `decimals` are those
    /// of an amount (a count of 人 is shown whole, see
    /// `rules::unit_decimals`).
    pub fn computed_in(&mut self, path: &str, decimals: u32, unit: &str, unit_key: K) -> K {
        let k = self.computed(path, decimals, unit);
        if let Some((_, show)) = self.shows.last_mut() {
            show.unit_key = Some(unit_key);
        }
        k
    }

    pub fn unit(
        &mut self,
        reads: impl AsRef<[K]>,
        writes: impl AsRef<[K]>,
        run: impl Fn(&Ctx) -> Out + 'static,
    ) {
        self.unit_reading(reads, None, writes, run);
    }

    /// A list of keys that several units read alike (see [`Group`]), for
    /// [`Builder::unit_with_group`].
    pub fn group(&mut self, keys: impl AsRef<[K]>) -> GroupId {
        let keys = self.sorted(keys.as_ref());
        let id = GroupId(self.groups.len() as u32);
        self.groups.push(Group {
            keys,
            units: Vec::new(),
        });
        id
    }

    /// A unit that reads `reads` and every key of `group`.
    pub fn unit_with_group(
        &mut self,
        reads: impl AsRef<[K]>,
        group: GroupId,
        writes: impl AsRef<[K]>,
        run: impl Fn(&Ctx) -> Out + 'static,
    ) {
        self.unit_reading(reads, Some(group), writes, run);
    }

    fn unit_reading(
        &mut self,
        reads: impl AsRef<[K]>,
        group: Option<GroupId>,
        writes: impl AsRef<[K]>,
        run: impl Fn(&Ctx) -> Out + 'static,
    ) {
        let u = self.units.len() as u32;
        let group = group.and_then(|GroupId(g)| {
            let entry = self.groups.get_mut(g as usize)?;
            entry.units.push(u);
            Some(g)
        });
        let reads = self.sorted(reads.as_ref());
        self.keys.extend_from_slice(writes.as_ref());
        let writes = (reads.1, self.keys.len() as u32);
        self.units.push(Unit {
            reads,
            writes,
            group,
            run: Box::new(run),
        });
    }

    /// `keys` sorted and without repeats, appended to the shared key list;
    /// where they are in it.
    fn sorted(&mut self, keys: &[K]) -> (u32, u32) {
        // Every unit's keys go in one list: no two lists per unit to
        // allocate and free (a 2,000-line report has ~25,000 units). The
        // reads are sorted and deduplicated in a buffer kept for reuse.
        self.scratch.clear();
        self.scratch.extend_from_slice(keys);
        // Most units read a few keys: no general sort for those.
        match self.scratch.as_mut_slice() {
            few if few.len() <= 16 => insertion_sort(few),
            // Long lists (a sum over every line) are ascending runs of keys
            // made in order: the stable sort merges runs in one pass, where
            // quicksort partitions them again and again.
            more => more.sort(),
        }
        self.scratch.dedup();
        let start = self.keys.len();
        self.keys.extend_from_slice(&self.scratch);
        (start as u32, self.keys.len() as u32)
    }

    /// A unit with fixed findings and no inputs (structure problems).
    pub fn fixed(&mut self, findings: Vec<Finding>) {
        if findings.is_empty() {
            return;
        }
        self.unit([], [], move |_| Out {
            vals: vec![],
            findings: findings.clone(),
            ..Default::default()
        });
    }

    pub fn finish(self) -> Graph {
        let n_keys = self.names.len();
        let n_units = self.units.len();
        // Writer of each key.
        let mut writer: Vec<Option<u32>> = vec![None; n_keys];
        let keys = &self.keys;
        let span = |(a, b): (u32, u32)| keys.get(a as usize..b as usize).unwrap_or(&[]);
        for (u, unit) in self.units.iter().enumerate() {
            for &w in span(unit.writes) {
                if let Some(slot) = writer.get_mut(w as usize) {
                    *slot = Some(u as u32);
                }
            }
        }
        // Units reading each key, as one list with offsets: no list per
        // key to allocate and free (a 2,000-line report has ~80,000 keys).
        // A group is one reader of each of its keys.
        let mut reader_start = vec![0u32; n_keys.saturating_add(1)];
        let read_spans = self
            .units
            .iter()
            .map(|u| u.reads)
            .chain(self.groups.iter().map(|g| g.keys));
        for reads in read_spans {
            for &r in span(reads) {
                if let Some(c) = reader_start.get_mut((r as usize).saturating_add(1)) {
                    *c = c.saturating_add(1);
                }
            }
        }
        for i in 1..reader_start.len() {
            let before = reader_start.get(i.wrapping_sub(1)).copied().unwrap_or(0);
            if let Some(c) = reader_start.get_mut(i) {
                *c = c.saturating_add(before);
            }
        }
        let mut reader_list = vec![0u32; reader_start.last().copied().unwrap_or(0) as usize];
        let mut fill = reader_start.clone();
        // Units waiting on each unit's outputs: reads of keys some unit
        // writes (a group's written keys count for each of its units).
        let mut indegree = vec![0u32; n_units];
        let readers = (0..n_units as u32)
            .zip(self.units.iter().map(|u| u.reads))
            .chain(
                (0..self.groups.len() as u32)
                    .map(|g| g | GROUP_BIT)
                    .zip(self.groups.iter().map(|g| g.keys)),
            );
        for (reader, reads) in readers {
            let mut waits = 0u32;
            for &r in span(reads) {
                if let Some(at) = fill.get_mut(r as usize) {
                    if let Some(slot) = reader_list.get_mut(*at as usize) {
                        *slot = reader;
                    }
                    *at = at.saturating_add(1);
                }
                if let Some(Some(_)) = writer.get(r as usize) {
                    waits = waits.saturating_add(1);
                }
            }
            for u in units_of(&self.groups, reader) {
                if let Some(d) = indegree.get_mut(u as usize) {
                    *d = d.saturating_add(waits);
                }
            }
        }
        // Kahn's order: writers before readers.
        let mut order = Vec::with_capacity(n_units);
        let mut ready: std::collections::VecDeque<usize> = (0..n_units)
            .filter(|u| indegree.get(*u) == Some(&0))
            .collect();
        while let Some(w) = ready.pop_front() {
            order.push(w);
            let writes = self.units.get(w).map(|x| span(x.writes)).unwrap_or(&[]);
            for &k in writes {
                if writer.get(k as usize) != Some(&Some(w as u32)) {
                    continue;
                }
                for &reader in readers_of(&reader_start, &reader_list, k) {
                    for v in units_of(&self.groups, reader) {
                        if let Some(d) = indegree.get_mut(v as usize) {
                            *d = d.saturating_sub(1);
                            if *d == 0 {
                                ready.push_back(v as usize);
                            }
                        }
                    }
                }
            }
        }
        // A cycle would be a bug in the rule builders; run the rest in
        // declaration order rather than fail.
        if order.len() < n_units {
            let placed: std::collections::HashSet<usize> = order.iter().copied().collect();
            order.extend((0..n_units).filter(|u| !placed.contains(u)));
        }
        let mut position = vec![0usize; n_units];
        for (p, &u) in order.iter().enumerate() {
            if let Some(slot) = position.get_mut(u) {
                *slot = p;
            }
        }
        // In key order (the order values are listed), one entry per key:
        // a key declared twice keeps its last declaration.
        let mut shows = self.shows;
        crate::sort::sort_by_key(&mut shows, |(k, _)| *k);
        shows.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        let mut unit_shows: Vec<UnitShow> = shows
            .iter()
            .filter_map(|(k, s)| s.unit_key.map(|u| (u, *k)))
            .collect();
        unit_shows.sort_unstable();
        Graph {
            groups: self.groups,
            optional: self.optional,
            unit_shows,
            keys: self.keys,
            initial: self.initial,
            names: self.names,
            index: self.index,
            parsed: self.parsed,
            units: self.units,
            shows,
            reader_start,
            reader_list,
            order,
            position,
        }
    }
}

/// What a reader list's entry stands for (see [`GROUP_BIT`]).
fn reader_of(groups: &[Group], entry: u32) -> Reader<'_> {
    if entry & GROUP_BIT == 0 {
        Reader::Unit(entry)
    } else {
        let g = (entry & !GROUP_BIT) as usize;
        Reader::Group(g, groups.get(g).map_or(&[][..], |x| x.units.as_slice()))
    }
}

/// The units a reader list's entry stands for: itself, or a group's.
fn units_of(groups: &[Group], entry: u32) -> impl Iterator<Item = u32> + '_ {
    let (one, group) = match reader_of(groups, entry) {
        Reader::Unit(u) => (Some(u), &[][..]),
        Reader::Group(_, units) => (None, units),
    };
    one.into_iter().chain(group.iter().copied())
}

/// The readers of key `k` (units, or groups: see [`GROUP_BIT`]), from the
/// offset lists.
fn readers_of<'a>(start: &[u32], list: &'a [u32], k: K) -> &'a [u32] {
    let from = start.get(k as usize).copied().unwrap_or(0) as usize;
    let to = start
        .get((k as usize).saturating_add(1))
        .copied()
        .unwrap_or(0) as usize;
    list.get(from..to).unwrap_or(&[])
}

/// A built graph.
pub struct Graph {
    pub names: Vec<Rc<str>>,
    pub index: FxMap<Rc<str>, K>,
    /// The parsed-value key of each input key, by input key.
    parsed: Vec<Option<K>>,
    pub units: Vec<Unit>,
    /// How each computed key is shown, in key order.
    pub shows: Vec<(K, Show)>,
    /// Shown keys whose unit a key holds, sorted by that key.
    unit_shows: Vec<UnitShow>,
    /// The keys units read and write (see [`Unit`]).
    keys: Vec<K>,
    /// Each input's text before any edit (taken by the engine at start).
    pub initial: Vec<(K, String)>,
    /// Units reading each key: those of key `k` are
    /// `reader_list[reader_start[k]..reader_start[k + 1]]`.
    reader_start: Vec<u32>,
    reader_list: Vec<u32>,
    groups: Vec<Group>,
    /// See [`Builder::optional`].
    optional: Vec<K>,
    /// Units in evaluation order.
    pub order: Vec<usize>,
    /// Each unit's place in `order`.
    pub position: Vec<usize>,
}

/// Links the rule builders got wrong (see [`Graph::unlinked`]), by key name
/// (a parsed value by its input's name and ` (parsed)`).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Unlinked {
    /// Read by a unit, but neither an input nor written by any unit: a
    /// path typed wrong in a reader reads nothing, silently.
    pub read_unwritten: Vec<String>,
    /// Written by a unit, but neither read by any unit nor shown: an output
    /// nothing uses (or a reader that names it wrong).
    pub written_unread: Vec<String>,
}

impl Graph {
    /// Every read without a writer and every output never read or shown.
    /// Call before the engine takes [`Graph::initial`] (the inputs). The
    /// test suite builds every built-in pack's graph on real reports and
    /// requires none.
    pub fn unlinked(&self) -> Unlinked {
        let n = self.names.len();
        let mut written = vec![false; n];
        let mut read = vec![false; n];
        let keys = &self.keys;
        let span = |(a, b): (u32, u32)| keys.get(a as usize..b as usize).unwrap_or(&[]);
        for unit in &self.units {
            for &w in span(unit.writes) {
                if let Some(s) = written.get_mut(w as usize) {
                    *s = true;
                }
            }
            for &r in span(unit.reads) {
                if let Some(s) = read.get_mut(r as usize) {
                    *s = true;
                }
            }
        }
        for g in &self.groups {
            for &r in span(g.keys) {
                if let Some(s) = read.get_mut(r as usize) {
                    *s = true;
                }
            }
        }
        for (k, _) in &self.initial {
            if let Some(s) = written.get_mut(*k as usize) {
                *s = true;
            }
        }
        // An input, or an output declared optional, need have no reader.
        let mut exempt = vec![false; n];
        for k in self.initial.iter().map(|(k, _)| k).chain(&self.optional) {
            if let Some(s) = exempt.get_mut(*k as usize) {
                *s = true;
            }
        }
        for (k, show) in &self.shows {
            for r in std::iter::once(*k).chain(show.unit_key) {
                if let Some(s) = read.get_mut(r as usize) {
                    *s = true;
                }
            }
        }
        let name = |k: usize| -> String {
            match self.names.get(k) {
                Some(s) if !s.is_empty() => s.to_string(),
                _ => {
                    let input = self.parsed.iter().position(|p| *p == Some(k as K));
                    let of = input.and_then(|i| self.names.get(i));
                    format!("{} (parsed)", of.map_or("?", |s| s))
                }
            }
        };
        let mut out = Unlinked::default();
        for k in 0..n {
            let (r, w) = (read.get(k) == Some(&true), written.get(k) == Some(&true));
            if r && !w {
                out.read_unwritten.push(name(k));
            }
            if w && !r && exempt.get(k) != Some(&true) {
                out.written_unread.push(name(k));
            }
        }
        out
    }

    /// The parsed-value key of input key `input`.
    pub fn parsed_of(&self, input: K) -> Option<K> {
        self.parsed.get(input as usize).copied().flatten()
    }

    /// How key `k` is shown, when it is a computed value.
    pub fn show_of(&self, k: K) -> Option<&Show> {
        let i = self.shows.binary_search_by_key(&k, |(key, _)| *key).ok()?;
        self.shows.get(i).map(|(_, show)| show)
    }

    /// The shown keys whose unit key `k` holds.
    pub fn shown_in(&self, k: K) -> impl Iterator<Item = K> + '_ {
        let from = self.unit_shows.partition_point(|(u, _)| *u < k);
        self.unit_shows
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |(u, _)| *u == k)
            .map(|(_, s)| *s)
    }

    fn span(&self, (a, b): (u32, u32)) -> &[K] {
        self.keys.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// The keys unit `u` writes, in the order its values come.
    pub fn writes(&self, u: usize) -> &[K] {
        self.units
            .get(u)
            .map(|x| self.span(x.writes))
            .unwrap_or(&[])
    }

    /// The units reading key `k`.
    pub fn readers(&self, k: K) -> impl Iterator<Item = u32> + '_ {
        self.reader_entries(k)
            .iter()
            .flat_map(|&r| units_of(&self.groups, r))
    }

    /// The readers of key `k`: units, or read groups (see [`Reader`]).
    pub fn reader_entries(&self, k: K) -> &[u32] {
        readers_of(&self.reader_start, &self.reader_list, k)
    }

    /// What an entry of [`Graph::reader_entries`] stands for.
    pub fn reader(&self, entry: u32) -> Reader<'_> {
        reader_of(&self.groups, entry)
    }

    /// How many read groups there are.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// The read group unit `u` is in, if any.
    pub fn group_of(&self, u: usize) -> Option<usize> {
        self.units.get(u)?.group.map(|g| g as usize)
    }

    /// The view of `vals` that unit `u` may read; `changed`: the keys an
    /// edit has changed so far (see [`Ctx::changed`]).
    pub fn ctx<'a>(&'a self, u: usize, vals: &'a [Val], changed: Option<&'a [K]>) -> Ctx<'a> {
        let unit = self.units.get(u);
        let allowed = unit.map(|x| self.span(x.reads)).unwrap_or(&[]);
        let group = unit
            .and_then(|x| x.group)
            .and_then(|g| self.groups.get(g as usize))
            .map(|g| self.span(g.keys))
            .unwrap_or(&[]);
        Ctx {
            vals,
            allowed,
            group,
            changed,
        }
    }
}

/// Sorts a short list in place (a unit's reads: a few keys), where the
/// general sort's set-up costs more than the sorting.
fn insertion_sort(keys: &mut [K]) {
    for i in 1..keys.len() {
        let mut j = i;
        while j > 0 && keys.get(j.saturating_sub(1)) > keys.get(j) {
            keys.swap(j.saturating_sub(1), j);
            j = j.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nothing(_: &Ctx) -> Out {
        Out::default()
    }

    #[test]
    fn a_group_is_read_ordered_and_re_run_like_its_keys() {
        let mut b = Builder::default();
        let (a, c, other) = (b.key("/a"), b.key("/c"), b.key("/other"));
        let group = b.group([c, a, c]);
        // Declared before the writer of one of the group's keys.
        b.unit_with_group([other], group, [], nothing);
        b.unit_with_group([], group, [], nothing);
        b.unit([], [a], nothing);
        let g = b.finish();
        // The writer runs first, then the two readers.
        assert_eq!(g.order, [2, 0, 1]);
        assert_eq!(g.readers(a).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(g.readers(c).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(g.readers(other).collect::<Vec<_>>(), [0]);
        let vals = vec![Val::Num(1.into()), Val::Num(2.into()), Val::Num(3.into())];
        let first = g.ctx(0, &vals, None);
        assert_eq!(
            [a, c, other].map(|k| first.num(k)),
            [1, 2, 3].map(|n| Some(n.into()))
        );
        // The second reads the group only.
        let second = g.ctx(1, &vals, None);
        assert_eq!(second.num(other), None);
        assert_eq!(second.num(c), Some(2.into()));
        // The writer reads nothing.
        assert_eq!(g.ctx(2, &vals, None).num(a), None);
    }
}
