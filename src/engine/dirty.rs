//! The units waiting to run again after an edit: a set of positions in
//! evaluation order, taken lowest first.
//!
//! A bit per unit, not a tree: one edit of a table's unit marks ten
//! thousand parse units, each of which marks its readers again (the sum,
//! every narrative's comparison), so marking must cost a bit write and
//! repeats nothing. Readers come after their writers in the order, so the
//! scan only moves forward; a mark behind it moves it back.

#[derive(Default)]
pub struct Dirty {
    words: Vec<u64>,
    /// No bit below word `from` is set.
    from: usize,
}

impl Dirty {
    /// Mark position `p`.
    pub fn insert(&mut self, p: usize) {
        let w = p / 64;
        if self.words.len() <= w {
            self.words.resize(w.saturating_add(1), 0);
        }
        if let Some(word) = self.words.get_mut(w) {
            *word |= 1u64 << (p % 64);
        }
        self.from = self.from.min(w);
    }

    /// The lowest marked position, unmarked.
    pub fn pop_first(&mut self) -> Option<usize> {
        while let Some(word) = self.words.get_mut(self.from) {
            if *word != 0 {
                let bit = word.trailing_zeros() as usize;
                *word &= word.wrapping_sub(1);
                return self.from.checked_mul(64)?.checked_add(bit);
            }
            self.from = self.from.saturating_add(1);
        }
        self.from = 0;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Dirty;

    #[test]
    fn lowest_first_each_once_and_back_after_a_mark_behind() {
        let mut d = Dirty::default();
        for p in [130, 3, 64, 3, 63, 130] {
            d.insert(p);
        }
        assert_eq!(d.pop_first(), Some(3));
        assert_eq!(d.pop_first(), Some(63));
        d.insert(5);
        assert_eq!(d.pop_first(), Some(5));
        assert_eq!(d.pop_first(), Some(64));
        assert_eq!(d.pop_first(), Some(130));
        assert_eq!(d.pop_first(), None);
        d.insert(1);
        assert_eq!(d.pop_first(), Some(1));
        assert_eq!(d.pop_first(), None);
    }
}
