//! "绩效目标明确性得10分，预算编制科学性得9分，…，合计38.5分": a total word
//! after scores the sentence listed is their sum — the score of the node
//! they make up when they are all of its parts (`LABELLING.md`,
//! convention 6), not the report's total.

use super::*;

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
    let first = listed.first()?;
    for candidate in ancestors(vocab, first) {
        // The child of `candidate` on the way up from each listed one.
        let mut covered = std::collections::BTreeSet::new();
        for id in listed {
            let chain: Vec<&str> = std::iter::once(*id).chain(ancestors(vocab, id)).collect();
            let at = chain.iter().position(|x| *x == candidate)?;
            covered.insert(*chain.get(at.checked_sub(1)?)?);
        }
        let children: std::collections::BTreeSet<&str> = vocab
            .parents
            .iter()
            .filter(|(_, p)| p.as_str() == candidate)
            .map(|(c, _)| c.as_str())
            .collect();
        if covered.len() >= 2 && covered == children {
            return Some(candidate);
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
    let mut i = first;
    while let Some(total) = out.get(i) {
        let is_total = total.subject == Subject::Quantity("totalScore".into());
        let word: String = s
            .get(total.name_start.wrapping_sub(offset)..total.name_end.wrapping_sub(offset))
            .unwrap_or(&[])
            .iter()
            .collect();
        let listed: Vec<&str> = out
            .get(first..i)
            .unwrap_or(&[])
            .iter()
            .filter(|x| x.attr == Attr::Score && x.end <= total.start)
            .filter_map(|x| match &x.subject {
                Subject::Line(id) | Subject::Node(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        if !is_total || !TOTAL_WORDS.contains(&word.as_str()) || listed.len() < 2 {
            i = i.saturating_add(1);
            continue;
        }
        match whole_of(vocab, &listed).map(str::to_string) {
            // Every part of the table listed: its total.
            Some(node) if node.is_empty() => i = i.saturating_add(1),
            Some(node) => {
                if let Some(x) = out.get_mut(i) {
                    x.subject = Subject::Node(node);
                    x.attr = Attr::Score;
                }
                i = i.saturating_add(1);
            }
            None => {
                out.remove(i);
            }
        }
    }
}
