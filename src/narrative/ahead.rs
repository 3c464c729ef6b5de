//! Figures stated ahead of their names: "全县12.59万名参保居民",
//! "488元/人的中央补助".

use super::*;

/// Words before a head count that make it the whole ("全县12.59万名参保居民").
const WHOLE_OF_AREA: &[&str] = &[
    "全县",
    "全市",
    "全区",
    "全旗",
    "全州",
    "全省",
    "全盟",
    "全乡",
    "全镇",
    "共有",
    "共",
    "合计",
    "总计",
    "覆盖",
    "本县",
    "本市",
    "本区",
    "我县",
    "我市",
    "我区",
    "我旗",
    "市本级",
];

/// Whether a word for the whole (全县, 共有 …) ends right before `at`.
fn whole_before(s: &[char], at: usize) -> bool {
    let before: String = s
        .get(at.saturating_sub(3)..at)
        .unwrap_or(&[])
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    WHOLE_OF_AREA.iter().any(|w| before.ends_with(w))
}

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
    if found.0 == Subject::Quantity("persons".into()) && !whole_before(s, f.start) {
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

/// What a figure states: subject, attribute and unit.
type Resolved = (Subject, Attr, Unit);

/// Words between a per-person figure and "标准" ("按照人均610元的财政补助标准").
const STANDARD_WORDS: &[&str] = &["的", "人均", "财政", "补助", "资助", "救助", "配套"];

/// "按照人均610元的财政补助标准", "按2000元/人的标准发放": a figure in 元 or
/// 元/人 after 按 and before "…标准" is a standard: that of the last line
/// named before it in the sentence whose name ends in 标准, else the
/// report's 人均补助标准. Returns where "标准" ends and the statement
/// (None: not this year's).
pub(super) fn standard_ahead(
    s: &[char],
    names: &[Mention],
    f: &Figure,
    vocab: &Vocabulary,
    years: &Years,
) -> Option<(usize, Option<Resolved>)> {
    if !matches!(f.unit, Unit::Yuan | Unit::YuanPerPerson) {
        return None;
    }
    // "按" at most six characters before, in the same clause.
    let from = f.start.saturating_sub(6);
    let before = s.get(from..f.start)?;
    let an = before.iter().rposition(|c| *c == '按')?;
    if before
        .get(an..)?
        .iter()
        .any(|c| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '、'))
    {
        return None;
    }
    // Then only the words for a standard, and "标准".
    let mut at = f.end;
    'words: while s.get(at..at.saturating_add(2)) != Some(&['标', '准'][..]) {
        for w in STANDARD_WORDS {
            let w: Vec<char> = w.chars().collect();
            if s.get(at..at.saturating_add(w.len())) == Some(w.as_slice()) {
                at = at.saturating_add(w.len());
                continue 'words;
            }
        }
        return None;
    }
    let end = at.saturating_add(2);
    let line = names
        .get(..names.partition_point(|m| m.end <= f.start))?
        .iter()
        .rev()
        .filter(|m| s.get(m.end.saturating_sub(2)..m.end) == Some(&['标', '准'][..]))
        .find_map(|m| m.subjects.iter().find(|x| matches!(x, Subject::Line(_))));
    // ("军队转业干部医疗救助按…标准": the words before 按 and 标准 name it.)
    let an_at = from.saturating_add(an);
    let clause_from = (an_at.saturating_sub(30)..an_at)
        .rev()
        .find(|i| {
            s.get(*i)
                .is_some_and(|c| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '、' | '。'))
        })
        .map_or(an_at.saturating_sub(30), |i| i.saturating_add(1));
    let named: String = s
        .get(clause_from..an_at)
        .unwrap_or(&[])
        .iter()
        .chain(['标', '准'].iter())
        .collect();
    let own = vocab
        .subjects_of(&named)
        .into_iter()
        .find(|x| matches!(x, Subject::Line(_)));
    // ("县本级按48.8元/人的标准": a level named before 按 is the level's.)
    let level = names
        .iter()
        .filter(|m| m.start >= clause_from && m.end <= an_at)
        .find_map(|m| m.subjects.iter().find(|x| matches!(x, Subject::Level(_))));
    // The report's standard only where the words say it is the per-capita
    // subsidy ("人均610元的财政补助标准"; not "按每人220元的标准" of one group).
    let words: String = s.get(from..end).unwrap_or(&[]).iter().collect();
    // Or where the clause around says so and names no group of its own
    // ("城乡居民医保财政补助按每人2500元的标准执行", "全市参保居民均按520元的标准
    // 享受财政补助").
    let clause_to = (end..end.saturating_add(10).min(s.len()))
        .find(|i| {
            s.get(*i)
                .is_some_and(|c| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '、' | '。'))
        })
        .unwrap_or(end.saturating_add(10).min(s.len()));
    let clause: String = s
        .get(clause_from..clause_to)
        .unwrap_or(&[])
        .iter()
        .collect();
    // (A group of persons named: "对城镇困难人员按每人220元的标准给予财政补助".)
    let group_words = [
        "困难", "特困", "低保", "救助", "学生", "对象", "军队", "优抚", "残疾",
    ];
    let group = group_words.iter().any(|w| clause.contains(w))
        || names.iter().any(|m| {
            m.start >= clause_from
                && m.end <= clause_to
                && m.subjects.iter().any(|x| {
                    matches!(
                        x,
                        Subject::Item(..) | Subject::Line(_) | Subject::Expense(_)
                    )
                })
        });
    let per_capita = words.contains("人均")
        || words.contains("财政补助")
        || clause.contains("财政补助") && !group;
    let subjects = match own.as_ref().or(line).or(level) {
        Some(l) => vec![l.clone()],
        None if per_capita => vec![Subject::Quantity("perCapitaStandard".into())],
        None => return None,
    };
    let found = resolve(vocab, &subjects, None, &f.unit, false)?;
    let at = f.start.saturating_sub(from);
    let other = years.other_before(f.start)
        || about_other_time(s.get(from..).unwrap_or(&[]), Some((at, at)), at, at, false);
    Some((end, (!other).then_some(found)))
}

/// "全市共有281473人参保": a head count after a word for the whole and
/// right before the verb 参保 ending its clause is the insured. Returns
/// where 参保 ends and the statement (None: not this year's, or another
/// scheme's).
pub(super) fn insured_ahead(
    s: &[char],
    f: &Figure,
    vocab: &Vocabulary,
    years: &Years,
) -> Option<(usize, Option<Resolved>)> {
    if !matches!(f.unit, Unit::Person | Unit::WanPerson)
        || s.get(f.end..f.end.saturating_add(2)) != Some(&['参', '保'][..])
    {
        return None;
    }
    let end = f.end.saturating_add(2);
    if !s
        .get(end)
        .is_none_or(|c| matches!(c, ',' | ';' | '，' | '；' | '。' | '(' | '（'))
    {
        return None;
    }
    if !whole_before(s, f.start) {
        return None;
    }
    let subjects = [Subject::Quantity("persons".into())];
    let found = resolve(vocab, &subjects, None, &f.unit, false)?;
    let from = f.start.saturating_sub(40);
    let clause_start = s
        .get(from..f.start)
        .and_then(|w| {
            w.iter()
                .rposition(|c| matches!(c, ',' | ';' | ':' | '，' | '；' | '：'))
        })
        .map_or(from, |i| from.saturating_add(i).saturating_add(1));
    let at = f.start.saturating_sub(clause_start);
    let own = s.get(clause_start..end).unwrap_or(&[]);
    let other = years.other_before(f.start)
        || about_other_time(own, Some((at, at)), at, at, false)
        || OTHER_SCHEMES.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            own.windows(w.len()).any(|x| x == w.as_slice())
        });
    Some((end, (!other).then_some(found)))
}
