//! One stable sort for the whole crate, for code size.
//!
//! Every `sort_by` on a new element type or with a new comparator is a new
//! copy of the standard library's stable sort in the `.wasm` (about 4.5 KB
//! each before wasm-opt; the validator had 17). These functions sort a
//! list of indices through one comparator type and then move the elements
//! into that order, so there is one copy for all of them. They cost an
//! index list and a call through a pointer per comparison, so two kinds of
//! sort keep `slice::sort`: lists of plain keys (`Vec<u32>`), which share
//! one copy anyway, and the recogniser's sorts of a text's matches, which
//! run on every keystroke in the prose.
//!
//! Measured when this came in (issue 16): the validator's `.wasm` went from
//! 1,266,906 to 1,233,501 bytes (gzip -9: 484,954 to 476,098), the
//! JavaScript engine from 683,247 to 670,214 bytes gzip; a full validation
//! took 0.3–0.6% more instructions.

use std::cmp::Ordering;

/// Sort `v` stably by `cmp`: what `v.sort_by(cmp)` gives.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        permutation(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => cmp(x, y),
                _ => Ordering::Equal,
            },
        )
    };
    // Position `i` takes the element at `order[i]`: each cycle of the
    // permutation is followed once, by swaps.
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut at = start;
        while let Some(false) = done.get(at).copied() {
            if let Some(d) = done.get_mut(at) {
                *d = true;
            }
            let Some(&from) = order.get(at) else { break };
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// Sort `v` stably by a key: what `v.sort_by_key(key)` gives.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` stably in its own order: what `v.sort()` gives.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..len` in stable sorted order (the one instantiation).
fn permutation(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Pairs with equal keys in several places: stability shows.
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed >> 16
        };
        for len in [0usize, 1, 2, 3, 17, 64, 1000] {
            let list: Vec<(u32, u32)> = (0..len).map(|_| (next() % 7, next())).collect();
            let mut want = list.clone();
            want.sort_by_key(|p| p.0);
            let mut got = list.clone();
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, want, "len {len}");
            let mut want = list.clone();
            want.sort_by(|a, b| (a.0 % 3).cmp(&(b.0 % 3)).then(b.0.cmp(&a.0)));
            let mut got = list.clone();
            sort_by(&mut got, |a, b| {
                (a.0 % 3).cmp(&(b.0 % 3)).then(b.0.cmp(&a.0))
            });
            assert_eq!(got, want, "len {len}, two keys");
            let mut want: Vec<String> = list.iter().map(|p| format!("{}", p.1 % 50)).collect();
            let mut got = want.clone();
            want.sort();
            sort(&mut got);
            assert_eq!(got, want, "len {len}, strings");
        }
    }
}
