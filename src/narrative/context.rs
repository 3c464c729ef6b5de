//! Whether a figure is this year's actual: targets, last year, changes,
//! other schemes, other years, and verbs that name money weakly.

use super::*;

/// Words that make a figure a target or an expectation, not this year's
/// actual ("目标为100%", "力争达到21万人", "不低于95%").
pub(super) const TARGET_CUES: &[&str] = &[
    "目标",
    "任务",
    "不低于",
    "不少于",
    "力争",
    "预期",
    "预计",
    "要求",
    "确保",
    "大于等于",
    "不小于",
    "指标为",
    "指标值为",
    "年初设定",
    "设定为",
    "设定值",
];

/// The attribute words that make a figure how much of a target was done
/// ("完成年度目标的180.84%"), as [`ATTRS`] lists them.
fn completion_of_target() -> impl Iterator<Item = &'static str> {
    ATTRS
        .iter()
        .filter(|(w, a)| *a == Some(Attr::Completion) && w.ends_with('的'))
        .map(|(w, _)| *w)
}

/// The characters after the number at `fig`: its digits, point and
/// thousands commas skipped.
fn after_number(s: &[char], fig: usize) -> impl Iterator<Item = &char> {
    s.get(fig..)
        .unwrap_or(&[])
        .iter()
        .skip_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

/// Whether the number at `fig` is written with a unit of money.
fn money_at(s: &[char], fig: usize) -> bool {
    let unit: String = after_number(s, fig).take(2).collect();
    unit.starts_with('元') || ["万元", "亿元", "千元"].contains(&unit.as_str())
}

/// Whether the percentage at `fig` says how much of a target was done,
/// the target named in its clause before it ("达到年度目标3800人的101.5%",
/// "完成州下达目标任务12.3万人的102.52%").
pub(super) fn share_of_target(s: &[char], fig: usize) -> bool {
    let percent = s
        .get(fig..)
        .unwrap_or(&[])
        .iter()
        .find(|c| !(c.is_ascii_digit() || **c == '.'))
        .is_some_and(|c| *c == '%');
    if !percent || s.get(fig.wrapping_sub(1)) != Some(&'的') {
        return false;
    }
    let from = clause_start(s, fig, 30, |c| {
        matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。')
    });
    let clause: String = s.get(from..fig).unwrap_or(&[]).iter().collect();
    ["完成", "达到"].iter().any(|w| clause.starts_with(w))
        && ["目标", "任务"].iter().any(|w| clause.contains(w))
}

/// Words that make a figure last year's, a change or a running total,
/// unless the figure is what it rose or fell to ("由上年的580元提高至610元").
pub(super) const CHANGE_CUES: &[&str] = &[
    "上年",
    "上一年",
    "去年",
    "同比",
    "较上",
    "较年初",
    "比上",
    "比年初",
    "增加",
    "增长",
    "提高",
    "提升",
    "下降",
    "减少",
    "下调",
    "上调",
    "调减",
    "调增",
    "累计",
    "多出",
    "超出",
    "超额",
    "净增",
    "净减",
    "相差",
    "差额",
    "新增",
];

/// Words naming one source of the funds (a row of the table, not the
/// 合计): a figure named after one of them is that row's.
pub(super) const SOURCE_ROWS: &[&str] = &[
    "中央财政",
    "中央补助",
    "省级财政",
    "省级补助",
    "省财政",
    "自治区财政",
    "市级财政",
    "州级财政",
    "县级财政",
    "区级财政",
    "县区财政",
    "县市区财政",
    "个人缴费",
    "当年财政拨款",
    "上年结转",
];

/// Where a heading that names targets ends ("预期目标：", "绩效指标设定情况："),
/// if the sentence opens with one: at most 8 characters before a colon,
/// or 10 ending with the word ("2019年项目目标："), or a clause of at most
/// 40 ending with 目标 ("区财政2020年下达医疗保障工作经费绩效目标：").
pub(super) fn target_heading(s: &[char]) -> Option<usize> {
    let heading: String = s
        .iter()
        .take(41)
        .take_while(|c| !matches!(c, ':' | '：' | ',' | '，' | ';' | '；' | '。'))
        .collect();
    let len = heading.chars().count();
    let colon = s.get(len).is_some_and(|c| matches!(c, ':' | '：'));
    // (Longer than 8, only ending with the word: "2019年项目目标：", not
    // "指标3绩效目标合理性：".)
    let cues = || TARGET_CUES.iter().chain(&["设定", "设置", "指标值"]);
    (colon
        && (len <= 8 && cues().any(|w| heading.contains(w))
            || len <= 10 && cues().any(|w| heading.ends_with(w))
            || heading.ends_with("目标")))
    .then_some(len)
}

/// Whether the figure at `fig` is a target, last year's, a change or a
/// running total, by the words of its clause before it (the name itself
/// left out: "绩效目标明确性" is a line, not a target).
pub(super) fn about_other_time(
    s: &[char],
    name: Option<(usize, usize)>,
    gap_from: usize,
    fig: usize,
    row_bound: bool,
) -> bool {
    let from = name.map_or(gap_from, |(a, _)| a).min(fig);
    // (At most 60 characters back: a sentence with no break would make
    // each figure's look reach its start.)
    let reach = from.saturating_sub(60);
    let clause = s
        .get(reach..from)
        .and_then(|w| {
            w.iter()
                .rposition(|c| matches!(c, ',' | ';' | ':' | '；' | '：' | '、'))
        })
        .map_or(reach, |i| reach.saturating_add(i).saturating_add(1));
    let text =
        |a: usize, b: usize| -> String { s.get(a..b.max(a)).unwrap_or(&[]).iter().collect() };
    // A clause break between the name and the figure starts the figure's
    // own clause ("目标值≥90%，实际完成值90%": the target was the clause before).
    let own = name.and_then(|(_, b)| {
        s.get(b..fig)?
            .iter()
            .rposition(|c| matches!(c, ',' | ';' | '；'))
            .map(|i| b.saturating_add(i).saturating_add(1))
    });
    let window = match (name, own) {
        (_, Some(o)) => text(o, fig),
        (Some((a, b)), None) => text(clause, a) + &text(b, fig),
        // A figure after another of the same subject: the words of its own
        // clause since ("未达到1.00万人的预期指标，完成率96%").
        (None, None) => {
            let own = s
                .get(gap_from..fig)
                .and_then(|w| w.iter().rposition(|c| matches!(c, ',' | ';' | '；')))
                .map_or(gap_from, |i| gap_from.saturating_add(i).saturating_add(1));
            text(own.max(clause), fig)
        }
    };
    // ("完成年度目标的180.84%" says how much of the target was done: a
    // completion rate, not a target.)
    let window =
        completion_of_target().fold(
            window,
            |w, p| if w.ends_with(p) { w.replace(p, "") } else { w },
        );
    if TARGET_CUES.iter().any(|w| window.contains(w)) && !share_of_target(s, fig) {
        return true;
    }
    // "参保人数计划300人": a plan for anything but money is a target (计划
    // before money is the planned column: "计划安排1000万元").
    if window.contains("计划") && !money_at(s, fig) {
        return true;
    }
    // Under a heading that names targets ("预期目标：…，准确率达到100%").
    if target_heading(s).is_some_and(|h| h < from) {
        return true;
    }
    // Clauses that go on from an aim ("力争达到50万人，准确率达到100%，满意度
    // 达85%"): what each is to reach, unless it says what was done.
    // (Looked for only in such a clause, within the 80 characters before.)
    let aimed = || {
        s.get(from.saturating_sub(80)..from)
            .unwrap_or(&[])
            .windows(2)
            .any(|w| matches!(w, ['力', '争'] | ['争', '取'] | ['预', '计']))
    };
    if window.contains('达') && !window.contains("实际") && !window.contains("完成") && aimed()
    {
        return true;
    }
    // A figure that qualifies a target after it ("未达到1.00万人的预期指标",
    // "高于95%的指标值").
    let rest: String = s
        .get(fig..)
        .unwrap_or(&[])
        .iter()
        .take(30)
        .skip_while(|c| !matches!(c, '的' | ',' | ';' | '；'))
        .take_while(|c| !matches!(c, ',' | ';' | '；' | '。'))
        .collect();
    if rest.starts_with('的')
        && ["目标", "预期", "计划", "指标值"]
            .iter()
            .any(|w| rest.contains(w))
    {
        return true;
    }
    // A source row's amount ("中央财政补助资金实际支出4320万元") is not the
    // total's: the clause names the row before the figure's name.
    let before_name = name.map_or(String::new(), |(a, _)| text(clause, a));
    // Sources joined ("各级财政补助和个人缴费共筹集…") are the whole.
    let joined = ["和", "与", "及", "各级"]
        .iter()
        .any(|w| before_name.contains(w));
    if !row_bound && !joined && SOURCE_ROWS.iter().any(|w| before_name.contains(w)) {
        return true;
    }
    // Part of the year: "6月末为52.3%", "上半年", "前三季度" (not 12月底);
    // also said once for the sentence as it opens ("截至2022年8月底，县级补助
    // 资金支出409.66万元，支付率66.7%").
    if part_of_year(&window) || interim_opening(s, from) {
        return true;
    }
    let to_new = {
        let near = text(fig.saturating_sub(3), fig);
        near.contains('至') || near.contains("到")
    };
    // "较2019年的82.5%", "比2021年": a figure compared with.
    let compared = window.char_indices().any(|(i, c)| {
        matches!(c, '较' | '比')
            && window
                .get(i.saturating_add(c.len_utf8())..)
                .is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit()))
    });
    // "由2019年的96.3%": where a change started from.
    let from_year = window.char_indices().any(|(i, c)| {
        let rest = window.get(i.saturating_add(c.len_utf8())..).unwrap_or("");
        let after_year = rest.trim_start_matches(|d: char| d.is_ascii_digit());
        matches!(c, '由' | '从')
            && after_year.len() < rest.len()
            && ["年的", "年末的", "年底的", "年度的"]
                .iter()
                .any(|w| after_year.starts_with(w))
    });
    // "由96.26分调整为95.8分", "由490元提高到520元": the value a change
    // started from.
    let from_value = {
        let lead: String = window
            .trim_end_matches(|c: char| "每人均年的原上".contains(c))
            .chars()
            .rev()
            .take(1)
            .collect();
        (lead == "由" || lead == "从") && changed_after(s, fig)
    };
    // ("调减后全年预算为…": what it was changed to; "全年累计支出": the
    // year's total, not a running one.)
    // (Copied only when one is said: this runs for every figure.)
    const NOT_CHANGES: &[&str] = &[
        "调减后",
        "调增后",
        "全年累计",
        "本年累计",
        "当年累计",
        "年度累计",
    ];
    let window = if NOT_CHANGES.iter().any(|p| window.contains(p)) {
        NOT_CHANGES.iter().fold(window, |w, p| w.replace(p, ""))
    } else {
        window
    };
    !to_new
        && (compared || from_year || from_value || CHANGE_CUES.iter().any(|w| window.contains(w)))
}

/// Whether the figure at `fig` is followed, in its clause, by a verb of
/// change and the value it came to ("…分调整为", "…元提高到").
fn changed_after(s: &[char], fig: usize) -> bool {
    let rest: String = after_number(s, fig)
        .take(10)
        .take_while(|c| !matches!(c, '，' | ';' | '；' | '。'))
        .collect();
    [
        "调整", "提高", "增加", "上调", "下调", "调增", "调减", "降低", "减少", "降", "增", "升",
    ]
    .iter()
    .any(|v| {
        rest.find(v).is_some_and(|i| {
            let after = rest.get(i.saturating_add(v.len())..).unwrap_or("");
            after.starts_with(['至', '到', '为'])
        })
    })
}

/// Whether the sentence opens with a point of the year before its end
/// ("截至2022年8月底，…", "到9月末，…") as its own clause, before `at`.
fn interim_opening(s: &[char], at: usize) -> bool {
    let lead = s.iter().take_while(|c| c.is_whitespace()).count();
    let Some(end) = s
        .iter()
        .skip(lead)
        .take(16)
        .position(|c| matches!(c, ',' | '，'))
        .map(|i| lead.saturating_add(i))
    else {
        return false;
    };
    let opening: String = s.get(lead..end).unwrap_or(&[]).iter().collect();
    end < at
        && ["截至", "截止", "到", "至"]
            .iter()
            .any(|w| opening.starts_with(w))
        && part_of_year(&opening)
}

/// Whether `window` puts its figure at a point or part of the year before
/// its end ("6月末", "9月底", "上半年", "前三季度").
fn part_of_year(window: &str) -> bool {
    if !window.contains(['月', '年', '季']) {
        return false;
    }
    if ["半年", "季度"].iter().any(|w| window.contains(w)) {
        return true;
    }
    if !window.contains('月') {
        return false;
    }
    let chars: Vec<char> = window.chars().collect();
    chars.windows(3).enumerate().any(|(i, w)| {
        let ends = matches!(w.get(1..), Some(['月', '末']) | Some(['月', '底']));
        let month: String = chars
            .get(i.saturating_sub(1)..=i)
            .unwrap_or(&[])
            .iter()
            .filter(|c| c.is_ascii_digit())
            .collect();
        ends && w.first().is_some_and(|c| c.is_ascii_digit())
            && month.parse::<u32>().is_ok_and(|m| (1..=11).contains(&m))
    })
}

/// Verbs that name a funds figure ("全年共执行166.96万元", "项目结余214.32万元")
/// but also any other money spent or paid ("基金支出1350万元", "医疗救助经费执行
/// 完成10万元"): they name the project's figure only under a funds row
/// ("县级资金到位…，支出…") or right after a word that makes the money the
/// project's whole (`WEAK_QUALIFIERS`), or opening a clause ("支出：…").
pub(super) const WEAK_NAMES: &[&str] = &[
    "支出", "支付", "执行", "到位", "结余", "兑付", "剩余", "安排", "发放",
];

/// "剩余的655.2万元拨付到位": the money left over, then paid, not a 结余.
pub(super) fn left_over_then(s: &[char], m: &Mention) -> bool {
    s.get(m.start..m.end) == Some(&['剩', '余'][..]) && s.get(m.end) == Some(&'的')
}

/// A name in what a figure was worked out from ("根据实际参保人数调整为614.49
/// 万元", "结合全县参保人数"), with no figure of its own right after it.
pub(super) fn grounds(s: &[char], m: &Mention) -> bool {
    if s.get(m.end)
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '为' | '达' | ':' | '：'))
    {
        return false;
    }
    let from = clause_start(s, m.start, 10, |c| {
        matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。')
    });
    s.get(from..m.start)
        .unwrap_or(&[])
        .windows(2)
        .any(|w| matches!(w, ['根', '据'] | ['结', '合']))
}

/// Words that make a weak verb's money the project's whole.
pub(super) const WEAK_QUALIFIERS: &[&str] = &[
    "全年", "共", "项目", "资金", "经费", "年末", "年度", "当年", "本年", "年内", "累计", "完成",
    "全部",
];

/// Whether the mention `m` is one of the weak verbs ([`WEAK_NAMES`]).
pub(super) fn is_weak(s: &[char], m: &Mention) -> bool {
    let name = s.get(m.start..m.end).unwrap_or(&[]);
    WEAK_NAMES
        .iter()
        .any(|w| w.chars().eq(name.iter().copied()))
}

/// Whether the weak verb at `m` may name a figure: it opens the sentence
/// as a heading, or a qualifier stands right before it.
pub(super) fn weak_name_holds(s: &[char], m: &Mention) -> bool {
    if !is_weak(s, m) {
        return true;
    }

    let before: String = s
        .get(m.start.saturating_sub(4)..m.start)
        .unwrap_or(&[])
        .iter()
        .collect();
    // Opening the sentence as a heading ("支出：42906.18万元").
    let opens = s
        .get(..m.start)
        .is_some_and(|w| w.iter().all(|c| c.is_whitespace()))
        && matches!(s.get(m.end), Some(':' | '：'));
    opens || WEAK_QUALIFIERS.iter().any(|w| before.ends_with(w))
}

/// Whether a place other than the whole stands right before the name at
/// `start` ("金坛区参保居民10.76万人", "溧阳市参保居民"): a part of the area,
/// not the project's figure. "全区", "本市", "该县" are the whole; "县级"
/// is a funds row.
pub(super) fn sub_area_before(s: &[char], start: usize) -> bool {
    let Some(&last) = start.checked_sub(1).and_then(|i| s.get(i)) else {
        return false;
    };
    if !matches!(last, '区' | '市' | '县' | '镇' | '乡' | '旗' | '州') {
        return false;
    }
    // The place's name: the Han characters before its suffix (at most 5
    // looked at).
    let suffix = start.saturating_sub(1);
    let from = suffix.saturating_sub(5);
    let from = s
        .get(from..suffix)
        .unwrap_or(&[])
        .iter()
        .rposition(|c| !is_han(*c))
        .map_or(from, |i| from.saturating_add(i).saturating_add(1));
    let place = s.get(from..start.saturating_sub(1)).unwrap_or(&[]);
    let whole = place
        .last()
        .is_some_and(|c| matches!(c, '全' | '本' | '该' | '我' | '各' | '辖' | '城' | '地'));
    (2..=4).contains(&place.len()) && !whole
}

/// Whether the clause of the name at `start` opens with a part of the
/// area smaller than a county ("城关片区实际享受…6210人", "黄河镇参保…").
pub(super) fn sub_area_clause(s: &[char], start: usize) -> bool {
    let from = clause_start(s, start, CLAUSE_REACH, |c| {
        matches!(c, ',' | ';' | '，' | '；' | '。' | ':' | '：')
    });
    let head = s
        .get(from..start.min(from.saturating_add(8)))
        .unwrap_or(&[]);
    if !head.iter().any(|c| matches!(c, '区' | '道' | '镇' | '乡')) {
        return false;
    }
    let clause: String = head.iter().collect();
    let clause = clause.strip_prefix("其中").unwrap_or(&clause);
    ["片区", "街道", "镇", "乡"].iter().any(|suffix| {
        clause.find(suffix).is_some_and(|at| {
            let place = clause.get(..at).unwrap_or("");
            let n = place.chars().count();
            // (Not 城乡 / 城镇: "城乡居民", "城镇职工".)
            (2..=4).contains(&n)
                && place.chars().all(is_han)
                && !place.ends_with('城')
                && !place.starts_with(['全', '本', '该', '各', '每'])
        })
    })
}

/// Where the clauses open that begin with a named place ("武进区…38.4万人，
/// 新北区为21.7万人", "溧阳市…；金坛区…"), when a sentence names two places
/// or more so: each clause is about a part of the area, not the whole. A
/// sentence naming one place may name the report's own area.
pub(super) fn listed_places(s: &[char]) -> Vec<usize> {
    let mut at: Vec<(usize, &[char])> = Vec::new();
    let mut from = 0;
    while from < s.len() && at.len() < 64 {
        let place = s
            .get(from..from.saturating_add(5).min(s.len()))
            .unwrap_or(&[])
            .iter()
            .take_while(|c| is_han(**c))
            .position(|c| matches!(c, '区' | '县' | '市' | '旗'))
            .and_then(|n| s.get(from..from.saturating_add(n)));
        // (Not a level: "已拨付县级补助", "确认享受县财政…".)
        let level = place.and_then(|p| s.get(from.saturating_add(p.len()).saturating_add(1)));
        let level = level.is_some_and(|c| "级财委政属域内外直".contains(*c));
        if let Some(p) = place.filter(|p| proper_place(p) && !level) {
            at.push((from, p));
        }
        from = match s
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .position(|c| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。'))
        {
            Some(i) => from.saturating_add(i).saturating_add(1),
            None => break,
        };
    }
    let distinct = at
        .iter()
        .enumerate()
        .any(|(i, (_, p))| at.get(..i).unwrap_or(&[]).iter().any(|(_, q)| q != p));
    if distinct {
        at.into_iter().map(|(i, _)| i).collect()
    } else {
        Vec::new()
    }
}

/// Whether the Han characters before 区/县/市/旗 name a place: two to
/// four, not a word for the whole or a kind of area (全市, 辖区, 农村地区).
fn proper_place(p: &[char]) -> bool {
    (2..=4).contains(&p.len())
        && !p
            .first()
            .is_some_and(|c| "全本我该各辖其每城县市".contains(*c))
        && !p
            .last()
            .is_some_and(|c| "地社辖城山片园景小牧农老县乡".contains(*c))
}

/// How far a clause is looked for around a place (characters each way):
/// the cost stays linear in a sentence with no break.
pub(super) const CLAUSE_REACH: usize = 30;

/// Where the clause holding `at` begins: after the last `breaks`
/// character before it, at most `reach` characters back.
pub(super) fn clause_start(
    s: &[char],
    at: usize,
    reach: usize,
    breaks: impl Fn(&char) -> bool,
) -> usize {
    let back = at.saturating_sub(reach);
    s.get(back..at)
        .unwrap_or(&[])
        .iter()
        .rposition(breaks)
        .map_or(back, |i| back.saturating_add(i).saturating_add(1))
}

/// Where the clause holding `at` ends: at the first `breaks` character
/// from it, at most [`CLAUSE_REACH`] characters on.
pub(super) fn clause_end(s: &[char], at: usize, breaks: impl Fn(&char) -> bool) -> usize {
    let ahead = at.saturating_add(CLAUSE_REACH).min(s.len());
    s.get(at..ahead)
        .unwrap_or(&[])
        .iter()
        .position(breaks)
        .map_or(ahead, |i| at.saturating_add(i))
}

pub(super) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Words before a quantity's name that make it another scheme's
/// ("生育保险参保人数", "职工医保统筹基金支出").
pub(super) const OTHER_SCHEMES: &[&str] = &[
    "生育保险",
    "工伤保险",
    "养老保险",
    "失业保险",
    "大病保险",
    "职工医保",
    "职工",
    "统筹基金",
];

/// Years a sentence names ("2019年…"), where, and whether the sentence is
/// about that year ("截止2019年底", "2019年末", "2018 年度", "2019年，", a month):
/// such a year holds for the sentences after it. Words for this year
/// (本年度, 当年) are mentions of year 0, the report's, in order.
pub(super) fn year_mentions(t: &[char]) -> Vec<(usize, u32, bool)> {
    let mut out = Vec::new();
    for i in 0..t.len() {
        if i > 0
            && t.get(i.saturating_sub(1))
                .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        // Four ASCII digits first (no string made for other characters).
        let Some(four) = t
            .get(i..i.saturating_add(4))
            .filter(|w| w.iter().all(|c| c.is_ascii_digit()))
        else {
            continue;
        };
        let digits: String = four.iter().collect();
        if t.get(i.saturating_add(4))
            .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let mut k = i.saturating_add(4);
        while t.get(k) == Some(&' ') {
            k = k.saturating_add(1);
        }
        if t.get(k) != Some(&'年') {
            continue;
        }
        let after = t.get(k.saturating_add(1)).copied();
        let before: String = t
            .get(i.saturating_sub(3)..i)
            .unwrap_or(&[])
            .iter()
            .collect();
        let month = after.is_some_and(|c| c.is_ascii_digit())
            && t.get(k.saturating_add(2)..k.saturating_add(4))
                .is_some_and(|w| w.contains(&'月'));
        // (A year opening the sentence is its time: "2020年执行率提高到99.45%".)
        let scoped = i == 0
            || month
            || matches!(after, Some('底' | '末' | '度' | '，' | ',' | '初'))
            || before.contains("截止")
            || before.contains("截至")
            || before.ends_with('截');
        // "与2018年度基本持平", "比2018年": a year compared with, not the
        // one the sentence is about.
        let compared = t.get(i.saturating_sub(2)..i).is_some_and(|w| {
            w.iter()
                .any(|c| matches!(c, '与' | '较' | '比' | '同' | '和'))
        }) || t
            .get(k.saturating_add(1)..k.saturating_add(5))
            .is_some_and(|w| w.windows(2).any(|x| x == ['相', '比'] || x == ['持', '平']));
        // "沿用2021年的相关规定", "按照2021年标准": a year a rule comes from.
        let source = ["沿用", "按照", "参照", "依据", "根据", "依照", "延续"]
            .iter()
            .any(|w| before.ends_with(w));
        // "由2019年的96.3%提高到99.8%": where a change started from.
        let from = (before.ends_with('由') || before.ends_with('从'))
            && t.get(k.saturating_add(1)..k.saturating_add(4))
                .is_some_and(|w| w.contains(&'的'));
        // "于2020年5月开展自评": when something was done, not the year the
        // figures are of.
        // ("填报日期2022年3月18日", "公开时间：2021年9月10日": the same.)
        let event = month
            && (before.ends_with('于')
                || ["日期", "时间", "日期：", "时间：", "日期:", "时间:"]
                    .iter()
                    .any(|w| before.ends_with(w)));
        if compared || source || from || event {
            continue;
        }
        if let Ok(y) = digits.parse() {
            out.push((i, y, scoped));
        }
    }
    // "本年度", "当年": the report's year (0), in order with the rest.
    for w in THIS_YEAR {
        let w: Vec<char> = w.chars().collect();
        let mut i = 0;
        while let Some(at) = t
            .get(i..)
            .and_then(|rest| rest.windows(w.len()).position(|x| x == w.as_slice()))
        {
            let at = i.saturating_add(at);
            out.push((at, 0, false));
            i = at.saturating_add(w.len());
        }
    }
    out.sort_by_key(|(i, _, _)| *i);
    // "当年" after the year a sentence is about (one that opens it, or is
    // said as its time: "2021年县级配套资金…，当年参保12.61万人") is that
    // year, not the report's; a year named in passing ("已预拨2020年度资金")
    // is not what 当年 means.
    let mut last_named: Option<u32> = None;
    for (at, y, _) in &mut out {
        if *y != 0 {
            // (A year opening the sentence or one of its clauses.)
            let opens = at
                .checked_sub(1)
                .is_none_or(|p| t.get(p).is_some_and(|c| matches!(c, ',' | ';' | ':' | ' ')));
            if opens {
                last_named = Some(*y);
            }
        } else if let Some(named) = last_named {
            if t.get(*at..at.saturating_add(2)) == Some(&['当', '年'][..]) {
                *y = named;
            }
        }
    }
    out
}

/// Words that name the report's own year ("本年度全年执行数为166.96万元" after
/// "2021年度部分资金"): a year mention of 0.
pub(super) const THIS_YEAR: &[&str] = &["本年度", "本年", "当年", "今年"];

/// The report's year and the years a sentence names (where, which).
pub(super) struct Years {
    pub(super) report: Option<u32>,
    pub(super) mentioned: Vec<(usize, u32, bool)>,
}

impl Years {
    /// Whether a year is named between `from` and `at` and the last of
    /// them is the report's ("…2021年度自评得分为97.6分、2022年度为99.92分").
    pub(super) fn own_between(&self, from: usize, at: usize) -> bool {
        let n = self.mentioned.partition_point(|(i, _, _)| *i < at);
        let nearest = n
            .checked_sub(1)
            .and_then(|i| self.mentioned.get(i))
            .filter(|(i, _, _)| *i >= from);
        match (nearest, self.report) {
            (Some((_, y, _)), Some(r)) => *y == 0 || *y == r,
            (Some((_, y, _)), None) => *y == 0,
            _ => false,
        }
    }

    /// Whether the year named last before `at` is not the report's
    /// ("2021年度本项目自评得分为97.6分，2022年度提升至99.92分").
    pub(super) fn other_before(&self, at: usize) -> bool {
        // Mentioned in order: the last before `at` by bisection.
        let n = self.mentioned.partition_point(|(i, _, _)| *i < at);
        let nearest = n.checked_sub(1).and_then(|i| self.mentioned.get(i));
        match (nearest, self.report) {
            (Some((_, y, _)), Some(r)) => *y != 0 && *y != r,
            _ => false,
        }
    }
}

/// Brackets that list what a figure includes ("（含年初结转结余资金420万
/// 元）", "（包括…）"; not "（其中，年初安排156.96万元，年中追加10万元）", the
/// budget's parts): their spans.
pub(super) fn inclusions(s: &[char]) -> Vec<(usize, usize)> {
    bracket_pairs(s)
        .filter(|(a, i)| {
            let inner = s.get(a.saturating_add(1)..*i).unwrap_or(&[]);
            inner.starts_with(&['含'])
                || inner.starts_with(&['内', '含'])
                || inner.starts_with(&['包', '括'])
        })
        .collect()
}

/// Whether the clause around `at` names the project itself ("本项目资金…",
/// "该项目…").
pub(super) fn project_in_clause(s: &[char], at: usize) -> bool {
    let breaks = |c: &char| matches!(c, ',' | ';' | '，' | '；' | '。');
    let from = clause_start(s, at, CLAUSE_REACH, breaks);
    let to = clause_end(s, at, breaks);
    let clause: String = s.get(from..to).unwrap_or(&[]).iter().collect();
    ["本项目", "该项目", "项目资金"]
        .iter()
        .any(|w| clause.contains(w))
}
