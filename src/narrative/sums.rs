//! "绩效目标明确性得10分，预算编制科学性得9分，…，合计38.5分": a total word
//! after scores the sentence listed is their sum — the score of the node
//! they make up when they are all of its parts (`LABELLING.md`,
//! convention 6), not the report's total.

use super::*;

/// The most scores a total word sums (a node has a few parts; the cap
/// bounds the tree walks on a long run of scores).
const MAX_LISTED: usize = 64;

/// Words that sum what was listed before them.
const TOTAL_WORDS: &[&str] = &["合计", "共计", "小计", "总计"];

/// The chain of nodes above `id`, nearest first, ending with "" (the
/// table).
fn ancestors<'a>(vocab: &'a Vocabulary, id: &'a str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut at = vocab.parents.get(id);
    // (A pack's tree has no cycle; its size bounds the walk anyway.)
    for _ in 0..=vocab.parents.len() {
        let Some(p) = at else { break };
        out.push(p.as_str());
        at = vocab.parents.get(p);
    }
    out
}

/// The node whose direct parts are exactly what `listed` covers: each
/// listed line or node, or an ancestor of it, is one of the node's
/// children, and every child is covered.
fn whole_of<'a>(vocab: &'a Vocabulary, listed: &[&'a str]) -> Option<&'a str> {
    // Each listed one and the nodes above it, walked once.
    let chains: Vec<Vec<&str>> = listed
        .iter()
        .map(|id| std::iter::once(*id).chain(ancestors(vocab, id)).collect())
        .collect();
    let first = chains.first()?;
    for candidate in first.iter().skip(1) {
        // The child of `candidate` on the way up from each listed one.
        let mut covered = std::collections::BTreeSet::new();
        for chain in &chains {
            let at = chain.iter().position(|x| x == candidate)?;
            covered.insert(*chain.get(at.checked_sub(1)?)?);
        }
        let children = vocab.children.get(*candidate);
        let all = children
            .is_some_and(|c| c.len() == covered.len() && covered.iter().all(|x| c.contains(*x)));
        if covered.len() >= 2 && all {
            return Some(*candidate);
        }
        if covered.len() >= 2 {
            // A higher node's parts are not all listed either.
            return None;
        }
    }
    None
}

/// Turn the total score read at a total word after listed scores into
/// the score of the node they make up, or drop it when they make up no
/// node and not the whole table either ("数量指标得20分、质量指标得14分，合计
/// 34分": a sum the report has no figure for). `out`: the statements so
/// far, this sentence's from `first`; `s` the sentence, at `offset` in the
/// text.
pub(super) fn listed_scores(
    vocab: &Vocabulary,
    s: &[char],
    offset: usize,
    out: &mut Vec<Statement>,
    first: usize,
) {
    let mut dropped = Vec::new();
    // For each place in the sentence, how many figures in 分 end before
    // it, and whether 得 was said (one pass, made only when a total word
    // needs it).
    let mut before_counts: Option<Vec<(usize, bool)>> = None;
    for i in first..out.len() {
        let Some(total) = out.get(i) else { break };
        if !matches!(&total.subject, Subject::Quantity(q) if q == "totalScore") {
            continue;
        }
        let word = s
            .get(total.name_start.wrapping_sub(offset)..total.name_end.wrapping_sub(offset))
            .unwrap_or(&[]);
        if !TOTAL_WORDS
            .iter()
            .any(|w| w.chars().eq(word.iter().copied()))
        {
            continue;
        }
        // The scores right before it, back to the first statement of
        // anything else (a total before it ends its own list), at most
        // MAX_LISTED of them.
        let listed: Vec<&str> = out
            .get(first..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .map_while(|x| match &x.subject {
                Subject::Line(id) | Subject::Node(id)
                    if x.attr == Attr::Score && x.end <= total.start =>
                {
                    Some(id.as_str())
                }
                _ => None,
            })
            .take(MAX_LISTED)
            .collect();
        if listed.len() < 2 {
            // "评分权重：制度指标20分，数量指标10分，…，合计100分": points
            // listed with no word of scoring are weights, and their sum
            // is no score.
            let counts = before_counts.get_or_insert_with(|| {
                let mut acc = (0usize, false);
                let mut v = Vec::with_capacity(s.len().saturating_add(1));
                v.push(acc);
                let mut prev_digit = false;
                for c in s {
                    if *c == '分' && prev_digit {
                        acc.0 = acc.0.saturating_add(1);
                    }
                    acc.1 |= *c == '得';
                    prev_digit = c.is_ascii_digit();
                    v.push(acc);
                }
                v
            });
            let at = total.start.wrapping_sub(offset).min(s.len());
            let (points, scored) = counts.get(at).copied().unwrap_or((0, true));
            if listed.is_empty() && points >= 2 && !scored {
                dropped.push(i);
            }
            continue;
        }
        match whole_of(vocab, &listed).map(str::to_string) {
            // Every part of the table listed: its total.
            Some(node) if node.is_empty() => {}
            Some(node) => {
                if let Some(x) = out.get_mut(i) {
                    x.subject = Subject::Node(node);
                    x.attr = Attr::Score;
                }
            }
            None => dropped.push(i),
        }
    }
    // (Dropped in one pass: one removal each would move the rest each
    // time.)
    if !dropped.is_empty() {
        let mut at = 0usize;
        out.retain(|_| {
            let keep = dropped.binary_search(&at).is_err();
            at = at.saturating_add(1);
            keep
        });
    }
}
