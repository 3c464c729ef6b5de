//! Figures stated ahead of their names: "全县12.59万名参保居民",
//! "488元/人的中央补助".

use super::*;

/// Words before a head count that make it the whole ("全县12.59万名参保居民").
const WHOLE_OF_AREA: &[&str] = &[
    "全县", "全市", "全区", "全旗", "全州", "全省", "全盟", "全乡", "全镇", "共有", "共", "合计",
    "总计", "覆盖",
];

/// A name a figure stands ahead of, and what the figure states of it.
pub(super) type Ahead<'a> = (&'a Mention, Option<(Subject, Attr, Unit)>);

/// Whether figure `f` stands right before a name, or before "的" and a
/// name, of a head count, a level or an item: that name, and what the
/// figure states of it (None: not this year's actual — last year's, a
/// target, another scheme's).
pub(super) fn stated_ahead<'a>(
    s: &[char],
    names: &'a [Mention],
    f: &Figure,
    vocab: &Vocabulary,
    years: &Years,
) -> Option<Ahead<'a>> {
    let m = names.get(names.partition_point(|m| m.start < f.end))?;
    let between = s.get(f.end..m.start)?;
    if !(between.is_empty() || between == ['的']) {
        return None;
    }
    let subjects: Vec<Subject> = m
        .subjects
        .iter()
        .filter(|x| {
            matches!(x, Subject::Level(_) | Subject::Item(..))
                || **x == Subject::Quantity("persons".into())
        })
        .cloned()
        .collect();
    let found = resolve(vocab, &subjects, None, &f.unit, false)?;
    // A head count before the name is the whole only after a word that
    // says so ("全县12.59万名参保居民"; not "另有4036名参保居民").
    let whole: String = s
        .get(f.start.saturating_sub(3)..f.start)
        .unwrap_or(&[])
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    if found.0 == Subject::Quantity("persons".into())
        && !WHOLE_OF_AREA.iter().any(|w| whole.ends_with(w))
    {
        return None;
    }
    // Its clause begins after the last break or joining word ("…的中央补助
    // 和73.2元/人的自治区补助"), at most 40 characters back (linear however
    // long the sentence).
    let from = f.start.saturating_sub(40);
    let clause_start = s
        .get(from..f.start)
        .and_then(|w| {
            w.iter()
                .rposition(|c| matches!(c, ',' | ';' | ':' | '、' | '和' | '与' | '及'))
        })
        .map_or(from, |i| from.saturating_add(i).saturating_add(1));
    let own = s.get(clause_start..).unwrap_or(&[]);
    let at = f.start.saturating_sub(clause_start);
    let other = years.other_before(f.start)
        || about_other_time(own, Some((at, at)), at, at, false)
        || OTHER_SCHEMES.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            s.get(clause_start..m.end)
                .is_some_and(|c| c.windows(w.len()).any(|x| x == w.as_slice()))
        });
    Some((m, (!other).then_some(found)))
}
