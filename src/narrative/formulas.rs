//! A formula written out with its terms, then its operands:
//! "资金到位率=实际到位资金/全年预算数×100%=1208.75/1208.75×100%=100%".
//! Each operand is the value of the term in the same place
//! (`tests/narrative/LABELLING.md`, convention 3). Operands of a formula
//! that names no terms ("=854.69÷1000") are left alone.

use super::*;

/// Operators between a formula's terms (as the recogniser reads the text:
/// full-width forms already ASCII).
const FORMULA_OPS: &[char] = &['/', '÷', '×', '*', '+', '-', '－', '—'];

/// The most "=" signs a clause may hold and be read as a formula.
const MAX_EQUALS: usize = 8;

/// The names (or figures) wholly within `a..b`, by bisection: both lists
/// are in order and do not overlap.
fn within<T>(items: &[T], a: usize, b: usize, span: impl Fn(&T) -> (usize, usize)) -> &[T] {
    let from = items.partition_point(|x| span(x).0 < a);
    let to = items.partition_point(|x| span(x).0 < b);
    let inside = items.get(from..to.max(from)).unwrap_or(&[]);
    // (The last may run past `b`.)
    match inside.last() {
        Some(x) if span(x).1 > b => inside.get(..inside.len().saturating_sub(1)).unwrap_or(&[]),
        _ => inside,
    }
}

/// The figures wholly within `a..b`, each with its index in `cells`.
fn figures_within(cells: &[Figure], a: usize, b: usize) -> Vec<(usize, &Figure)> {
    let first = cells.partition_point(|f| f.start < a);
    within(cells, a, b, |f| (f.start, f.end))
        .iter()
        .enumerate()
        .map(|(i, f)| (first.saturating_add(i), f))
        .collect()
}

/// One operand read: the figure's index in `cells`, the term's subjects
/// and name span.
pub(super) struct Operand {
    pub(super) cell: usize,
    pub(super) subjects: Vec<Subject>,
    pub(super) name: (usize, usize),
}

/// Where each clause of `s` (between "，" and the sentence's ends) begins
/// and ends; a comma between digits is a thousands separator.
fn clauses(s: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in s.iter().enumerate() {
        let digit = |j: Option<usize>| j.and_then(|j| s.get(j)).is_some_and(|c| c.is_ascii_digit());
        let separator = *c == ',' && digit(i.checked_sub(1)) && digit(i.checked_add(1));
        if matches!(c, '，' | ',' | ':' | '：') && !separator {
            out.push((from, i));
            from = i.saturating_add(1);
        }
    }
    out.push((from, s.len()));
    out
}

/// Whether `w` (between two terms, or two operands) holds exactly one
/// operator and no digit.
fn one_operator(w: &[char]) -> Option<char> {
    let ops: Vec<char> = w
        .iter()
        .copied()
        .filter(|c| FORMULA_OPS.contains(c))
        .collect();
    match ops.as_slice() {
        [op] if !w.iter().any(|c| c.is_ascii_digit()) => Some(*op),
        _ => None,
    }
}

/// The same operator written two ways ("/" and "÷").
fn same_op(a: char, b: char) -> bool {
    let norm = |c: char| match c {
        '÷' => '/',
        '*' => '×',
        '－' | '—' => '-',
        c => c,
    };
    norm(a) == norm(b)
}

/// The "×100%" (or "*100") that makes a ratio a percentage, ending at
/// `end` of segment `w` (start index of the factor's operator), if any.
fn percent_factor(w: &[char]) -> usize {
    let text: String = w.iter().collect();
    let trimmed = text.trim_end();
    for factor in ["×100%", "*100%", "×100", "*100"] {
        if let Some(head) = trimmed.strip_suffix(factor) {
            let head = head.trim_end_matches([')', ' ']);
            return head.chars().count();
        }
    }
    w.len()
}

/// The operands of every formula in sentence `s` whose terms are named:
/// `names` are all the names found in `s`, `cells` its figures with bare
/// numbers.
pub(super) fn operands(
    s: &[char],
    names: &[Mention],
    cells: &[Figure],
    vocab: &Vocabulary,
) -> Vec<Operand> {
    let mut out = Vec::new();
    for (from, to) in clauses(s) {
        let Some(clause) = s.get(from..to) else {
            continue;
        };
        let equals: Vec<usize> = clause
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == '=')
            .map(|(i, _)| from.saturating_add(i))
            .collect();
        // (A formula has a few "=": a clause of many is something else, and
        // would cost a scan per sign.)
        if equals.is_empty() || equals.len() > MAX_EQUALS {
            continue;
        }
        // Segments between "=" signs.
        let mut bounds = vec![from];
        bounds.extend(equals.iter().map(|e| e.saturating_add(1)));
        let ends: Vec<usize> = equals.iter().copied().chain([to]).collect();
        let segments: Vec<(usize, usize)> = bounds.into_iter().zip(ends).collect();
        let mut terms: Option<Vec<(&Mention, Option<char>)>> = None;
        for &(a, b) in &segments {
            let Some(w) = s.get(a..b) else { continue };
            let b = a.saturating_add(percent_factor(w));
            // "=全年执行数166.96万元÷全年预算数166.96万元=100%": each term
            // named with its operand.
            if let Some(found) = named_operands(s, names, cells, a, b, vocab) {
                out.extend(found);
                break;
            }
            match &terms {
                None => terms = named_terms(s, names, a, b, vocab),
                Some(t) => {
                    if let Some(found) = numbers(s, cells, a, b, t) {
                        out.extend(found);
                        break;
                    }
                }
            }
        }
    }
    out
}

/// The terms of a formula segment `a..b`: two or more names of money, each
/// pair joined by one operator and no digit, with nothing else but
/// brackets, spaces and words of no name around them.
fn named_terms<'a>(
    s: &[char],
    names: &'a [Mention],
    a: usize,
    b: usize,
    vocab: &Vocabulary,
) -> Option<Vec<(&'a Mention, Option<char>)>> {
    let inside: Vec<&Mention> = within(names, a, b, |m| (m.start, m.end)).iter().collect();
    if inside.len() < 2 || s.get(a..b)?.iter().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut out = Vec::new();
    for (i, m) in inside.iter().enumerate() {
        resolve(vocab, &m.subjects, None, &Unit::WanYuan, false)?;
        let op = match inside.get(i.saturating_add(1)) {
            Some(next) => Some(one_operator(s.get(m.end..next.start)?)?),
            None => None,
        };
        out.push((*m, op));
    }
    Some(out)
}

/// The operands of segment `a..b` for `terms`: as many numbers, joined by
/// the same operators in the same order.
fn numbers(
    s: &[char],
    cells: &[Figure],
    a: usize,
    b: usize,
    terms: &[(&Mention, Option<char>)],
) -> Option<Vec<Operand>> {
    let inside = figures_within(cells, a, b);
    if inside.len() != terms.len() {
        return None;
    }
    let mut out = Vec::new();
    for (i, ((cell, f), (m, op))) in inside.iter().zip(terms).enumerate() {
        if let Some(op) = op {
            let next = inside.get(i.saturating_add(1))?.1;
            let written = one_operator(s.get(f.end..next.start)?)?;
            if !same_op(*op, written) {
                return None;
            }
        }
        // Money only: a rate or a count is no operand of these.
        if !matches!(f.unit.dim(), Dim::Money | Dim::Bare) || f.unit == Unit::Wan {
            return None;
        }
        out.push(Operand {
            cell: *cell,
            subjects: m.subjects.clone(),
            name: (m.start, m.end),
        });
    }
    // What lies before the first operand and after the last is only
    // brackets and spaces.
    let first = inside.first()?.1.start;
    let last = inside.last()?.1.end;
    let clear = |w: &[char]| w.iter().all(|c| matches!(c, '(' | ')' | ' '));
    (clear(s.get(a..first)?) && clear(s.get(last..b)?)).then_some(out)
}

/// The operands of segment `a..b` written each after its term's name, the
/// pairs joined by one operator ("全年执行数166.96万元÷全年预算数166.96万元").
fn named_operands(
    s: &[char],
    names: &[Mention],
    cells: &[Figure],
    a: usize,
    b: usize,
    vocab: &Vocabulary,
) -> Option<Vec<Operand>> {
    let terms: Vec<&Mention> = within(names, a, b, |m| (m.start, m.end)).iter().collect();
    let figures = figures_within(cells, a, b);
    if terms.len() < 2 || terms.len() != figures.len() {
        return None;
    }
    let clear = |w: &[char]| w.iter().all(|c| matches!(c, '(' | ')' | ' ' | ':' | '为'));
    let mut out = Vec::new();
    for (i, (m, (cell, f))) in terms.iter().zip(&figures).enumerate() {
        if !clear(s.get(m.end..f.start)?) || f.unit.dim() != Dim::Money {
            return None;
        }
        resolve(vocab, &m.subjects, None, &f.unit, false)?;
        if let Some(next) = terms.get(i.saturating_add(1)) {
            one_operator(s.get(f.end..next.start)?)?;
        }
        out.push(Operand {
            cell: *cell,
            subjects: m.subjects.clone(),
            name: (m.start, m.end),
        });
    }
    let first = terms.first()?.start;
    let last = figures.last()?.1.end;
    (clear(s.get(a..first)?) && clear(s.get(last..b)?)).then_some(out)
}
