//! One sentence per way of saying a figure the recogniser reads, and per
//! way of mentioning a number it must leave alone: each case fails if its
//! reading is taken out. Sentences are the team's own, set against the
//! seed reports' names and years.

use super::report;

/// What must be read: subject, attribute, value as written.
type Read = (&'static str, &'static str, &'static str);

/// (fixture, text, what must be read).
const CASES: &[(&str, &str, &[Read])] = &[
    // A list, then the quantity its figures are, then 分别: the list's
    // names take the figures.
    (
        "seed-000.json",
        "新生儿、一般未成年人参保人数分别为1.6万人和22.93万人。",
        &[
            ("item:insured/0", "value", "1.6"),
            ("item:insured/1", "value", "22.93"),
        ],
    ),
    // An indicator's row of bars whose target and actual are words: the
    // weight and the score still read in the official order.
    (
        "seed-001.json",
        "决策 | 项目立项 | 立项依据充分性 | 充分 | 充分 | 3 | 3",
        &[("line:decision.setup.basis", "score", "3")],
    ),
    (
        "seed-001.json",
        "效益 | 项目效益 | 实施效益 | 住院政策范围内报销比例≥70% | 71.2% | 10 | 10",
        &[
            ("line:benefit.effect.impact", "actual", "71.2"),
            ("line:benefit.effect.impact", "score", "10"),
        ],
    ),
    // The national table's funds row: its 得分 cell is the score of the
    // 预算执行率 line, bare though the table is in 万元.
    (
        "seed-004.json",
        "项目资金（万元）| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n年度资金总额 | 156.96 | 166.96 | 166.96 | 10 | 100% | 10",
        &[
            ("quantity:planned", "value", "156.96"),
            ("quantity:budget", "value", "166.96"),
            ("quantity:spent", "value", "166.96"),
            ("quantity:budgetExecution", "value", "100"),
            ("line:budget", "score", "10"),
        ],
    ),
    // A formula whose terms are named each with its operand; the result
    // after the last "=" is the rate named before them.
    (
        "seed-004.json",
        "执行率（B/A）=全年执行数166.96万元÷全年预算数166.96万元=100%。",
        &[
            ("quantity:spent", "value", "166.96"),
            ("quantity:budget", "value", "166.96"),
            ("quantity:budgetExecution", "value", "100"),
        ],
    ),
    // An expense line with its money and no other word: what it spent;
    // in a sentence about what the lines were given, nothing.
    (
        "seed-004.json",
        "医疗救助经费12万元和脱贫解困经费28万元共计40万元，惠及困难群众1260人次。",
        &[("expense:4", "actual", "12"), ("expense:5", "actual", "28")],
    ),
    (
        "seed-004.json",
        "年初预算安排专项资金：医疗救助经费45万元、脱贫解困经费15万元。",
        &[],
    ),
    // A score compared with last year's does not make the grade after it
    // last year's.
    (
        "seed-004.json",
        "本项目自评总分98分，比上年的96分提高2分，等级为“优”。",
        &[
            ("quantity:totalScore", "value", "98"),
            ("quantity:grade", "value", "优"),
        ],
    ),
    // A table of one column of figures after its labels' own heading:
    // categories under the head count, expense lines under what was spent.
    (
        "seed-000.json",
        "参保类别 | 参保人数（万人）\n新生儿 | 1.52\n老年居民 | 15.76\n合计 | 61.27",
        &[
            ("item:insured/0", "value", "1.52"),
            ("item:insured/3", "value", "15.76"),
            ("quantity:persons", "value", "61.27"),
        ],
    ),
    (
        "seed-004.json",
        "支出内容 | 实际支出数（万元）\n医疗救助经费 | 10\n脱贫解困经费 | 30",
        &[("expense:4", "actual", "10"), ("expense:5", "actual", "30")],
    ),
    // An expense line's budget is no figure of the report.
    (
        "seed-004.json",
        "支出内容 | 全年预算数（万元）\n医疗救助经费 | 10",
        &[],
    ),
    // A weight in brackets is its figure's note; the scores after it are
    // still scores.
    (
        "seed-000.json",
        "2019年项目绩效自评总得分96.26分（满分100分），其中项目决策与过程38.2分、项目产出23.06分。",
        &[
            ("quantity:totalScore", "value", "96.26"),
            ("node:decisionProcess", "score", "38.2"),
            ("node:output", "score", "23.06"),
        ],
    ),
    // "…指标" after a name that is both a quantity and a line: the line.
    (
        "seed-001.json",
        "资金到位率指标（分值4分）实际完成99.6%，按比例得3.98分。",
        &[
            ("line:process.funds.arrival", "actual", "99.6"),
            ("line:process.funds.arrival", "score", "3.98"),
        ],
    ),
    // "由2019年的96.3%提高到99.8%": the year a change started from; its
    // figure is the earlier one.
    (
        "seed-001.json",
        "预算执行率由2019年的96.3%提高到99.8%。",
        &[("quantity:budgetExecution", "value", "99.8")],
    ),
    // A total after scores listed: the node they are all the parts of; a
    // sum of some of a node's parts is no figure of the report.
    (
        "seed-004.json",
        "产出指标中，数量指标得20分、时效指标得5分、质量指标得14分、成本指标得10分，合计49分。",
        &[
            ("node:output.quantity", "score", "20"),
            ("node:output.timeliness", "score", "5"),
            ("node:output.quality", "score", "14"),
            ("node:output.cost", "score", "10"),
            ("node:output", "score", "49"),
        ],
    ),
    (
        "seed-004.json",
        "数量指标得20分、质量指标得14分，合计34分。",
        &[
            ("node:output.quantity", "score", "20"),
            ("node:output.quality", "score", "14"),
        ],
    ),
    // A formula's operands are the figures of the terms it names, in
    // order; a formula that names no terms gives its operands to nobody.
    (
        "seed-001.json",
        "资金到位率=实际到位/年初预算=614.49÷617.57=99.5%。",
        &[
            ("quantity:received", "value", "614.49"),
            ("quantity:planned", "value", "617.57"),
            ("quantity:fundsArrival", "value", "99.5"),
        ],
    ),
    (
        "seed-004.json",
        "预算执行率=（全年执行数÷全年预算数）×100%=166.96万元÷166.96万元×100%=100%。",
        &[
            ("quantity:spent", "value", "166.96"),
            ("quantity:budget", "value", "166.96"),
            ("quantity:budgetExecution", "value", "100"),
        ],
    ),
    (
        "seed-001.json",
        "资金到位率=614.49÷617.57=99.5%。",
        &[("quantity:fundsArrival", "value", "99.5")],
    ),
    // Full marks earned: the figures in 分 are scores, not weights.
    (
        "seed-004.json",
        "产出指标下四个二级指标全部满分：数量指标20分、质量指标15分。",
        &[
            ("node:output.quantity", "score", "20"),
            ("node:output.quality", "score", "15"),
        ],
    ),
    ("seed-004.json", "数量指标20分、质量指标15分。", &[]),
    (
        "seed-001.json",
        "效益一级指标25分全部拿满。",
        &[("node:benefit", "score", "25")],
    ),
    // A unit in brackets holds for the bare numbers after it.
    (
        "seed-004.json",
        "全年预算数（万元）：年度资金总额166.96，其中当年财政拨款166.96，上年结转资金0.00。",
        &[
            ("quantity:budget", "value", "166.96"),
            ("row:appropriation/budget", "value", "166.96"),
            ("row:carryover/budget", "value", "0.00"),
        ],
    ),
    (
        "seed-004.json",
        "全年预算数：年度资金总额166.96，共3个批次。",
        &[],
    ),
    // A budget under 年初 is the 年初预算数, and so is its 其中 row.
    (
        "seed-001.json",
        "年初项目资金预算总额为617.57万元，其中县级财政617.57万元。",
        &[
            ("quantity:planned", "value", "617.57"),
            ("row:county/planned", "value", "617.57"),
        ],
    ),
    (
        "seed-001.json",
        "项目申报预算资金617.57万元。",
        &[("quantity:planned", "value", "617.57")],
    ),
    (
        "seed-004.json",
        "区财政为本项目安排资金166.96万元。",
        &[("quantity:budget", "value", "166.96")],
    ),
    // A figure before its name.
    (
        "seed-001.json",
        "截至年底，全县12.59万名参保居民的补助均已拨付。",
        &[("quantity:persons", "value", "12.59")],
    ),
    ("seed-001.json", "到年底另有4036名参保居民完成补缴。", &[]),
    (
        "seed-001.json",
        "其中：488元/人的中央补助和73.2元/人的自治区补助直接拨入基金专户。",
        &[("level:0", "value", "488"), ("level:1", "value", "73.2")],
    ),
    (
        "seed-001.json",
        "中央488元/人，县本级48.8元/人。",
        &[("level:0", "value", "488"), ("level:2", "value", "48.8")],
    ),
    // A part of the area is not the project's.
    ("seed-001.json", "分辖区看，金坛区参保居民10.76万人。", &[]),
    (
        "seed-001.json",
        "全区参保居民10.76万人。",
        &[("quantity:persons", "value", "10.76")],
    ),
    // A weak verb with a noun after it.
    (
        "seed-001.json",
        "全年资金执行总量614.49万元。",
        &[("quantity:spent", "value", "614.49")],
    ),
    // A share of the budget is the rate.
    (
        "seed-001.json",
        "结余资金214.32万元，占全年预算的0.50%。",
        &[
            ("quantity:balance", "value", "214.32"),
            ("quantity:balanceRate", "value", "0.50"),
        ],
    ),
    // Sources joined are the whole.
    (
        "seed-001.json",
        "全年各级财政补助和个人缴费共筹集资金4.31亿元。",
        &[("quantity:received", "value", "4.31")],
    ),
    // A list over years: only the report's year.
    (
        "seed-001.json",
        "本项目2021年度自评得分为97.6分、2022年度为99.92分。",
        &[("quantity:totalScore", "value", "99.92")],
    ),
    // Targets listed under a heading, over "；".
    (
        "seed-001.json",
        "绩效指标设定情况：（1）参保人数≥12.3万人；（2）财政补助资金到位率=100%。",
        &[],
    ),
    (
        "seed-001.json",
        "预期目标：参保人数稳定在12万人；实际完成情况：资金到位率100%。",
        &[("quantity:fundsArrival", "value", "100")],
    ),
    // Points taken off are not a score; the score after them is.
    (
        "seed-004.json",
        "门诊统筹签约率实际完成值92.3%，扣1分，得9分。",
        &[("line:ql1", "actual", "92.3"), ("line:ql1", "score", "9")],
    ),
    // "自评" before a figure in 分 is the score.
    (
        "seed-004.json",
        "产出指标40分，自评39分。",
        &[("node:output", "score", "39")],
    ),
    // The attribute before "分别", and an expense line under 支出.
    (
        "seed-004.json",
        "门诊统筹签约率、医保待遇按时支付率两项指标完成率分别为97.2%和100%。",
        &[
            ("line:ql1", "completion", "97.2"),
            ("line:t1", "completion", "100"),
        ],
    ),
    (
        "seed-004.json",
        "生育医疗保险经费、医疗救助经费分别支出6.2万元、45万元。",
        &[
            ("expense:3", "actual", "6.2"),
            ("expense:4", "actual", "45"),
        ],
    ),
    (
        "seed-001.json",
        "资金使用合规性、管理制度健全性均计满分，分别为3分、2分。",
        &[
            ("line:process.funds.compliance", "score", "3"),
            ("line:process.organisation.rules", "score", "2"),
        ],
    ),
    // "实际" before a verb is the actual.
    (
        "seed-000.json",
        "享受财政补贴困难大学生人数，年初设定不低于3200人，全年实际达到3315人。",
        &[("line:o3", "actual", "3315")],
    ),
    // A line whose name says it is a rate takes no head count.
    (
        "seed-004.json",
        "门诊统筹签约率提高后，全区参保48.6万人。",
        &[("quantity:persons", "value", "48.6")],
    ),
    // More names: 经费到位, 兑付, 尚余, 综合评分, 评为.
    (
        "seed-004.json",
        "经费到位166.96万元，年内全部兑付166.96万元，尚余0万元。",
        &[
            ("quantity:received", "value", "166.96"),
            ("quantity:spent", "value", "166.96"),
            ("quantity:balance", "value", "0"),
        ],
    ),
    (
        "seed-001.json",
        "综合评分为96.5分，总体绩效评价评为“优”。",
        &[
            ("quantity:totalScore", "value", "96.5"),
            ("quantity:grade", "value", "优"),
        ],
    ),
    // A row written with full-width brackets (the pack writes "县(区)级财政").
    (
        "seed-000.json",
        "县（区）级财政年初预算数为1200万元，调整后预算数1260万元。",
        &[
            ("row:county/planned", "value", "1200"),
            ("row:county/budget", "value", "1260"),
        ],
    ),
    // Names inside a formula are operands, also with a character more.
    (
        "seed-001.json",
        "预算执行率=实际支出数÷全年预算数×100%=99.5%。",
        &[("quantity:budgetExecution", "value", "99.5")],
    ),
    // A unit note holds for the paragraph.
    (
        "seed-001.json",
        "金额单位：万元。预算数614.49 执行数611.42",
        &[
            ("quantity:budget", "value", "614.49"),
            ("quantity:spent", "value", "611.42"),
        ],
    ),
    ("seed-001.json", "金额单位：万元。\n预算数614.49", &[]),
    // A bound in two characters; a heading names the sentence's subject;
    // a bare score after 得分.
    (
        "seed-000.json",
        "一般参保人员人数（≥**万人）：分值10，年度指标值>=82万人，全年实际值82.37万人，得分10。",
        &[("line:o1", "actual", "82.37"), ("line:o1", "score", "10")],
    ),
    // What a figure rose to, in a clause of its own.
    (
        "seed-001.json",
        "人均财政补助标准较上年提高30元，达到每人每年610元。",
        &[("quantity:perCapitaStandard", "value", "610")],
    ),
    // One score for each name listed; 计 as a score word, not 共计.
    (
        "seed-000.json",
        "绩效目标明确性、预算编制科学性两项指标均获满分，各得5分。",
        &[("line:d1", "score", "5"), ("line:d2", "score", "5")],
    ),
    (
        "seed-000.json",
        "项目效益类指标计28.6分。",
        &[("node:benefit", "score", "28.6")],
    ),
    ("seed-000.json", "项目效益类指标共计28.6分。", &[]),
    // A department's projects summed are not this project's spending.
    (
        "seed-004.json",
        "部门合计21个项目，项目支出总额656.93万元。",
        &[],
    ),
    (
        "seed-004.json",
        "全年项目支出166.96万元。",
        &[("quantity:spent", "value", "166.96")],
    ),
    // The total row's rate is the report's.
    (
        "seed-001.json",
        "资金情况（万元）：年度资金总额全年预算数614.49，执行率99.5%。",
        &[
            ("quantity:budget", "value", "614.49"),
            ("quantity:budgetExecution", "value", "99.5"),
        ],
    ),
    // An expense line's name before 支出, even one that begins 职工.
    (
        "seed-004.json",
        "城镇居民医疗保险经费支出52.3万元，职工医疗保险经费支出18.6万元。",
        &[
            ("expense:0", "actual", "52.3"),
            ("expense:1", "actual", "18.6"),
        ],
    ),
    // A level's standard a few words on.
    (
        "seed-004.json",
        "区级财政对城乡居民医保的人均补助标准为120元/人。",
        &[("level:0", "value", "120")],
    ),
    // Counts in a line's own unit.
    (
        "seed-004.json",
        "稽核定点医药机构数年初指标值为≥120家，全年实际稽核126家，完成率105%。",
        &[
            ("line:q2", "actual", "126"),
            ("line:q2", "completion", "105"),
        ],
    ),
    (
        "seed-004.json",
        "线上经办业务量全年达到12.6万件，超额完成10万件的目标。",
        &[("line:g1", "actual", "12.6")],
    ),
    // Parts of the area, and an expense line's own rate, are not the
    // project's.
    (
        "seed-001.json",
        "分区看，金坛区参保10.76万人，到位补助资金5120.4万元，执行率100%。",
        &[],
    ),
    (
        "seed-004.json",
        "医疗救助经费预算45万元，实际支出44.8万元，执行率99.6%。",
        &[("expense:4", "actual", "44.8")],
    ),
    // 当年 is the year the sentence opens with; a year named in passing
    // does not change it.
    (
        "seed-001.json",
        "2021年县级配套资金预算586.3万元，执行率98.7%，当年参保12.61万人。",
        &[],
    ),
    (
        "seed-000.json",
        "2019年12月已预拨2020年度资金5000万元，该笔资金未计入当年实际支出42906.18万元。",
        &[("quantity:spent", "value", "42906.18")],
    ),
    // A table written out as text: headings, a colon, the row.
    (
        "seed-000.json",
        "项目资金（万元）年初预算数 全年预算数 实际到位 实际支出 结余：39850 41276.8 41276.8 41062.5 214.3",
        &[
            ("quantity:planned", "value", "39850"),
            ("quantity:budget", "value", "41276.8"),
            ("quantity:received", "value", "41276.8"),
            ("quantity:spent", "value", "41062.5"),
            ("quantity:balance", "value", "214.3"),
        ],
    ),
    (
        "seed-000.json",
        "三级指标 指标值 实际完成值 分值 得分：补助对象准确率 100% 100% 10 10",
        &[("line:o4", "actual", "100"), ("line:o4", "score", "10")],
    ),
    // Headings and figures that do not match in number are left alone.
    (
        "seed-000.json",
        "项目资金（万元）年初预算数 全年预算数 实际到位：39850 41276.8",
        &[],
    ),
    // A year a rule comes from is not the sentence's time; a definition
    // in brackets names no subject.
    (
        "seed-001.json",
        "2022年居民医保政策沿用2021年的相关规定，全县参保居民46852人。",
        &[("quantity:persons", "value", "46852")],
    ),
    (
        "seed-001.json",
        "结余率（即结余数占预算数的比例）为1.2%。",
        &[("quantity:balanceRate", "value", "1.2")],
    ),
    // A year opening a sentence is its time.
    (
        "seed-004.json",
        "2019年度本项目全年执行数为598.2万元；2020年执行率提高到99.45%。",
        &[("quantity:budgetExecution", "value", "99.45")],
    ),
    // A cue inside an expense line's own name ("能力提升") is no change.
    (
        "seed-004.json",
        "医疗服务与保障能力提升补助资金（年中追加）全年实际支出30万元。",
        &[("expense:7", "actual", "30")],
    ),
    // "得" before a figure starts the scores of the list after it.
    (
        "seed-001.json",
        "产出类指标（40分）得38.6分，其中产出数量11.4分、产出质量10分。",
        &[
            ("node:output", "score", "38.6"),
            ("node:output.quantity", "score", "11.4"),
            ("node:output.quality", "score", "10"),
        ],
    ),
    // A line named …数 is also said without 数; 笔 is a count.
    (
        "seed-004.json",
        "全年稽核定点医药机构126家，线上经办业务量15364笔。",
        &[("line:q2", "actual", "126"), ("line:g1", "actual", "15364")],
    ),
    // A weak verb opening a clause after the project's money was named.
    (
        "seed-000.json",
        "全年实际支出41062.5万元，结余214.3万元，已结转下年使用。",
        &[
            ("quantity:spent", "value", "41062.5"),
            ("quantity:balance", "value", "214.3"),
        ],
    ),
    ("seed-000.json", "医保基金结余214.3万元。", &[]),
    // Headings ending a sentence; rows after "；", a row label a funds row.
    (
        "seed-000.json",
        "资金投入情况（万元）| 全年预算数 | 实际到位 | 实际支出；合计 | 41276.8万 | 41276.8万 | 41062.5万；其中：中央财政 | 16820万 | 16820万 | 16820万",
        &[
            ("quantity:budget", "value", "41276.8"),
            ("quantity:received", "value", "41276.8"),
            ("quantity:spent", "value", "41062.5"),
            ("row:central/budget", "value", "16820"),
            ("row:central/received", "value", "16820"),
            ("row:central/spent", "value", "16820"),
        ],
    ),
    (
        "seed-000.json",
        "三级指标 指标值 实际完成值 分值 得分：补助对象准确率 100% 100% 10 10；医保政策内报销率 70% 71.3% 20 20",
        &[
            ("line:o4", "actual", "100"),
            ("line:o4", "score", "10"),
            ("line:b1", "actual", "71.3"),
            ("line:b1", "score", "20"),
        ],
    ),
    // Not across a full stop.
    (
        "seed-000.json",
        "资金投入情况（万元）| 全年预算数 | 实际到位 | 实际支出。合计 | 41276.8万 | 41276.8万 | 41062.5万",
        &[],
    ),
    // What the budget at the start of the year was changed to.
    (
        "seed-004.json",
        "年初预算156.96万元，年中追加调整为166.96万元。",
        &[
            ("quantity:planned", "value", "156.96"),
            ("quantity:budget", "value", "166.96"),
        ],
    ),
    // 剩余 is a 结余, but not "剩余的…" then paid.
    (
        "seed-000.json",
        "补助资金共支出42906.18万元，剩余214.32万元未支出。",
        &[
            ("quantity:spent", "value", "42906.18"),
            ("quantity:balance", "value", "214.32"),
        ],
    ),
    (
        "seed-000.json",
        "中央和省级补助资金22860万元已拨入专户，年终清算后又将剩余的655.2万元拨付到位。",
        &[],
    ),
    // A table's year columns: 本年 is this year's figure, 上年 and 增减
    // are no one's.
    (
        "seed-000.json",
        "参保人数（万人）| 上年 | 本年 | 增减\n非从业人员 | 9.87 | 10.11 | 0.24\n困难免缴人员 | 1.75 | 1.82 | 0.07",
        &[
            ("item:insured/2", "value", "10.11"),
            ("item:insured/5", "value", "1.82"),
        ],
    ),
    // The first heading a name with its unit, one more heading than the
    // row's cells: it heads the labels.
    (
        "seed-001.json",
        "资金投入（万元）| 全年预算数 | 全年执行数\n县级资金 | 614.49 | 614.49",
        &[
            ("row:county/budget", "value", "614.49"),
            ("row:county/spent", "value", "614.49"),
        ],
    ),
    // "已支付" opening a clause after the project's money; 支付率 is the
    // execution rate.
    (
        "seed-001.json",
        "项目全年预算数614.49万元，已支付611.2万元，支付率99.5%。",
        &[
            ("quantity:budget", "value", "614.49"),
            ("quantity:spent", "value", "611.2"),
            ("quantity:budgetExecution", "value", "99.5"),
        ],
    ),
    // When the evaluation was done ("于2020年4月") is not the year the
    // figures are of.
    (
        "seed-000.json",
        "市医保局于2020年4月组织开展自评，本项目自评得分96.26分。",
        &[("quantity:totalScore", "value", "96.26")],
    ),
    // "四项合计" after listed scores sums them as 合计 does; after money
    // listed it is left alone.
    (
        "seed-000.json",
        "绩效目标明确性得10分，预算编制科学性得8.2分，补助资金到位及时性得10分，管理制度健全性得10分，四项合计38.2分。",
        &[
            ("line:d1", "score", "10"),
            ("line:d2", "score", "8.2"),
            ("line:d3", "score", "10"),
            ("line:d4", "score", "10"),
            ("node:decisionProcess", "score", "38.2"),
        ],
    ),
    (
        "seed-004.json",
        "医疗救助经费支出10万元，脱贫解困经费支出30万元，两项合计40万元。",
        &[("expense:4", "actual", "10"), ("expense:5", "actual", "30")],
    ),
    // "完成年度目标的…%": how much of the target was done.
    (
        "seed-000.json",
        "享受财政补贴困难大学生人数实际为2519人，完成年度目标的83.97%。",
        &[
            ("line:o3", "actual", "2519"),
            ("line:o3", "completion", "83.97"),
        ],
    ),
    // A source row said as its transfer ("中央转移支付"); 发放 is what was
    // spent, as 支出 is, after a word that makes it the project's.
    (
        "seed-001.json",
        "全年安排补助资金614.49万元，其中中央转移支付402.3万元。",
        &[
            ("quantity:budget", "value", "614.49"),
            ("row:central/budget", "value", "402.3"),
        ],
    ),
    (
        "seed-001.json",
        "全年共发放补助资金614.49万元。",
        &[("quantity:spent", "value", "614.49")],
    ),
    // A level's name before 资金 names money, not a per-capita standard:
    // the row's money received, by the verb after it (a date between them
    // is no count).
    (
        "seed-001.json",
        "县级配套资金17280元已于11月拨付。",
        &[("row:county/received", "value", "17280")],
    ),
    (
        "seed-001.json",
        "县级配套资金614.49万元已于2022年6月30日前足额到位。",
        &[("row:county/received", "value", "614.49")],
    ),
    // (Another year named: left to the readings that judge years.)
    (
        "seed-001.json",
        "县级配套资金614.49万元已于2023年6月30日前足额到位。",
        &[],
    ),
    // A second figure joined by 及 after a bracketed document number.
    (
        "seed-001.json",
        "中央补助资金6890万元（新财社〔2022〕1514号）及县级配套资金1500万元均已到账。",
        &[("row:county/received", "value", "1500")],
    ),
    // Column headings worded in the table's own way (年初目标值, 实际完成值
    // with their letters): a target's column is no one's, the actual's
    // and the score's are the row's; headings that head the labels
    // (一级指标 …) are no figure's.
    (
        "seed-001.json",
        "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分\n产出指标 | 质量指标 | 质量达标率 | 95% | 95% | 10",
        &[
            ("line:output.quality.pass", "actual", "95"),
            ("line:output.quality.pass", "score", "10"),
        ],
    ),
    (
        "seed-001.json",
        "三级指标 | 上年完成值 | 全年实际值 | 自评得分\n质量达标率 | 93% | 95% | 10",
        &[
            ("line:output.quality.pass", "actual", "95"),
            ("line:output.quality.pass", "score", "10"),
        ],
    ),
    // The total row headed in a report's own words, under headings with
    // the way they are reckoned in brackets.
    (
        "seed-004.json",
        "预算执行情况（万元）（10分） | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(10分×执行率)\n年度财政资金总额 | 166.96 | 166.96 | 100% | 10",
        &[
            ("quantity:budget", "value", "166.96"),
            ("quantity:spent", "value", "166.96"),
            ("quantity:budgetExecution", "value", "100"),
            ("line:budget", "score", "10"),
        ],
    ),
    // Levels listed, counted ("三级财政"), then the quantity their figures
    // are, 分别.
    (
        "seed-001.json",
        "中央、自治区、县级三级财政人均补助分别为488元、73.2元和48.8元。",
        &[
            ("level:0", "value", "488"),
            ("level:1", "value", "73.2"),
            ("level:2", "value", "48.8"),
        ],
    ),
    // 满意率 for a line named …满意度.
    (
        "seed-000.json",
        "回收有效问卷1153份，满意率93.6%。",
        &[("line:s1", "actual", "93.6")],
    ),
    // "按每人…元的标准" is the report's standard where the clause speaks of
    // the scheme's 财政补助 and names no group of persons.
    (
        "seed-000.json",
        "城乡居民医保财政补助按每人520元的标准执行。",
        &[("quantity:perCapitaStandard", "value", "520")],
    ),
    (
        "seed-000.json",
        "对城镇困难人员按每人220元的标准给予财政补助。",
        &[],
    ),
    // A head count before the persons' name after a word for the area
    // the report is about (我市, 本县, 市本级 …) is the whole.
    (
        "seed-000.json",
        "市本级61.27万参保居民中，天宁区、钟楼区分别为27.1万人和19.8万人。",
        &[("quantity:persons", "value", "61.27")],
    ),
    // A word for the whole score after a line scored already is the
    // total's, not the line's.
    (
        "seed-004.json",
        "预算执行率得分10分，自评总分100分。",
        &[
            ("line:budget", "score", "10"),
            ("quantity:totalScore", "value", "100"),
        ],
    ),
    // A bare level then the verb of its share, then its figure.
    (
        "seed-000.json",
        "全年预算为28600万元，由中央承担4200万元、省级承担3700万元。",
        &[
            ("quantity:budget", "value", "28600"),
            ("row:central/budget", "value", "4200"),
            ("row:provincial/budget", "value", "3700"),
        ],
    ),
    // Money due and money come (应到位, 实到), and the rates said as a
    // 比例 or a 进度.
    (
        "seed-001.json",
        "补助资金应到位614.49万元，实到614.49万元，到位比例100%，拨付进度100%。",
        &[
            ("quantity:budget", "value", "614.49"),
            ("quantity:received", "value", "614.49"),
            ("quantity:fundsArrival", "value", "100"),
            ("quantity:budgetExecution", "value", "100"),
        ],
    ),
    // A score where the grade is named (自评结果, 评价结论) is the total.
    (
        "seed-000.json",
        "自评结果为96.26分，评价等级为优。",
        &[
            ("quantity:totalScore", "value", "96.26"),
            ("quantity:grade", "value", "优"),
        ],
    ),
    // The official funds table's layout: names and figures in turn, then
    // rows of the same shape whose names are funds rows.
    (
        "seed-000.json",
        "计划安排资金（万元） | 28600 | 实际到位资金（万元） | 28600 | 实际支出（万元） | 28100\n其中：中央财政 | 4200 | 其中：中央财政 | 4200 | 其中：中央财政 | 4100\n市财政 | 20700 | 市财政 | 20700 | 市财政 | 20200",
        &[
            ("quantity:planned", "value", "28600"),
            ("quantity:received", "value", "28600"),
            ("quantity:spent", "value", "28100"),
            ("row:central/planned", "value", "4200"),
            ("row:central/received", "value", "4200"),
            ("row:central/spent", "value", "4100"),
            ("row:city/planned", "value", "20700"),
            ("row:city/received", "value", "20700"),
            ("row:city/spent", "value", "20200"),
        ],
    ),
    // A sentence that opens at a point of the year before its end speaks
    // of progress, not of the year's figures; at its end it does.
    (
        "seed-001.json",
        "截至2022年8月底，县级补助资金支出409.66万元，支付率66.7%。",
        &[],
    ),
    (
        "seed-001.json",
        "截至2022年12月底，县级补助资金支出614.49万元。",
        &[("row:county/spent", "value", "614.49")],
    ),
    // A grade counted over projects is no report's grade.
    (
        "seed-004.json",
        "其中评为“优”的8个，评为“良”“中”“差”的均为0个；本项目自评等级为“优”。",
        &[("quantity:grade", "value", "优")],
    ),
    // "由X调整为Y": X is where the change started, not this year's value.
    (
        "seed-000.json",
        "经复核，项目绩效总得分由96.26分调整为95.8分。",
        &[("quantity:totalScore", "value", "95.8")],
    ),
    (
        "seed-000.json",
        "人均补助标准由490元提高到520元。",
        &[("quantity:perCapitaStandard", "value", "520")],
    ),
    // Empty cells marked "/" are cells; 财政资金 is the national table's
    // appropriation row.
    (
        "seed-004.json",
        "预算执行情况（万元） | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分\n其中：财政资金 | 156.96 | 166.96 | 166.96 | 100.00% | / | /",
        &[
            ("row:appropriation/planned", "value", "156.96"),
            ("row:appropriation/budget", "value", "166.96"),
            ("row:appropriation/spent", "value", "166.96"),
        ],
    ),
    // The total row of a table of head counts by area.
    (
        "seed-000.json",
        "乡镇 | 参保人数（人）\n全市合计 | 612700\n某镇 | 30214",
        &[("quantity:persons", "value", "612700")],
    ),
    // A numbered title that is only an indicator's name gives its subject
    // to the sentences after it.
    (
        "seed-004.json",
        "（二）项目产出。满分25分，得23.06分，得分率92.24%；（三）项目效益。得20分。",
        &[
            ("node:output", "score", "23.06"),
            ("node:output", "rate", "92.24"),
            ("node:benefit", "score", "20"),
        ],
    ),
    // On a line of its own, for the line after it.
    (
        "seed-004.json",
        "（二）项目产出\n满分25分，得23.06分，得分率92.24%。",
        &[
            ("node:output", "score", "23.06"),
            ("node:output", "rate", "92.24"),
        ],
    ),
    // (A title that says more than the name gives nothing.)
    (
        "seed-004.json",
        "（二）项目产出目标未完成原因。得23.06分。",
        &[],
    ),
    // A funds table with no unit anywhere: its bare cells are still the
    // columns' (compared in any money unit, as formula operands are).
    (
        "seed-004.json",
        "资金来源 | 年初预算数 | 全年预算数 | 全年执行数\n年度资金总额 | 156.96 | 166.96 | 166.96\n当年财政拨款 | 156.96 | 166.96 | 166.96",
        &[
            ("quantity:planned", "value", "156.96"),
            ("quantity:budget", "value", "166.96"),
            ("quantity:spent", "value", "166.96"),
            ("row:appropriation/planned", "value", "156.96"),
            ("row:appropriation/budget", "value", "166.96"),
            ("row:appropriation/spent", "value", "166.96"),
        ],
    ),
    // A figure before "的指标值" is the target compared with; the line
    // stays the subject of the score after it.
    (
        "seed-004.json",
        "门诊统筹签约率实际为95.3%，高于95%的指标值，得15分。",
        &[("line:ql1", "actual", "95.3"), ("line:ql1", "score", "15")],
    ),
    // A sentence that opens with last year and then names the report's
    // year is read figure by figure; "2020年的…" only qualifies.
    (
        "seed-004.json",
        "2019年门诊统筹签约率为93.1%，2020年提高到95%。",
        &[("line:ql1", "actual", "95")],
    ),
    (
        "seed-004.json",
        "2021年区财政局对2020年的3个项目开展重点评价，本项目评价得分为92分。",
        &[],
    ),
    // An expense line named after a word that only qualifies it (…追加的)
    // or whose own name holds a budget word (（年中追加）): what it spent.
    // Allocated in the sentence's own words, it is what it was given.
    (
        "seed-004.json",
        "年中追加的医疗服务与保障能力提升补助资金10万元已于年底前用完。",
        &[("expense:7", "actual", "10")],
    ),
    (
        "seed-004.json",
        "年中追加医疗服务与保障能力提升补助资金10万元。",
        &[],
    ),
    // "达到年度目标…的…%": a completion rate, the target in between
    // left alone.
    (
        "seed-004.json",
        "全年资助城镇困难人员参保3857人，达到年度目标3800人的101.5%。",
        &[("line:e1", "actual", "3857"), ("line:e1", "completion", "101.5")],
    ),
    // After the parts of the year, "全年为…" is the year's figure.
    (
        "seed-001.json",
        "预算执行进度：6月末为48.1%，全年为99.5%。",
        &[("quantity:budgetExecution", "value", "99.5")],
    ),
    // 计划 before anything but money is a target; 超额 is a change, and
    // the line stays the subject after it.
    (
        "seed-000.json",
        "享受财政补贴困难大学生人数计划3000人，实际资助2519人，完成率83.97%。",
        &[
            ("line:o3", "actual", "2519"),
            ("line:o3", "completion", "83.97"),
        ],
    ),
    (
        "seed-004.json",
        "城镇困难人员资助参保人数计划3800人，实际资助3857人，超额57人，完成率101.5%。",
        &[("line:e1", "actual", "3857"), ("line:e1", "completion", "101.5")],
    ),
    // 调减 is a change; what it was cut to (调减后…为) is the figure.
    (
        "seed-001.json",
        "年初预算617.57万元，年中调减3.08万元，调减后全年预算为614.49万元。",
        &[
            ("quantity:planned", "value", "617.57"),
            ("quantity:budget", "value", "614.49"),
        ],
    ),
    // Two sources joined: a figure of neither row.
    (
        "seed-001.json",
        "年初预算617.57万元：中央和自治区补助共560万元，县级配套57.57万元。",
        &[
            ("quantity:planned", "value", "617.57"),
            ("row:county/planned", "value", "57.57"),
        ],
    ),
    // Money and then 拨付使用: what was spent.
    (
        "seed-004.json",
        "项目资金166.96万元已全部拨付使用。",
        &[("quantity:spent", "value", "166.96")],
    ),
    // A filing date is no year the figures are of; 全年累计 is the
    // year's total, not a running one; 全年实际值 heads actuals.
    (
        "seed-004.json",
        "全年执行数166.96万元，执行率100%，填报日期2021年4月25日。",
        &[
            ("quantity:spent", "value", "166.96"),
            ("quantity:budgetExecution", "value", "100"),
        ],
    ),
    (
        "seed-004.json",
        "项目资金全年累计支出166.96万元。",
        &[("quantity:spent", "value", "166.96")],
    ),
    (
        "seed-004.json",
        "绩效指标 | 分值 | 年度指标值 | 全年实际值 | 得分\n门诊统筹签约率 | 15 | ≥95% | 95% | 15",
        &[("line:ql1", "actual", "95"), ("line:ql1", "score", "15")],
    ),
    // The national funds row in a report whose pack has no 预算执行率
    // line: the bare 100 under 执行率 is a percentage, the 得分 cell no
    // one's (not the total score).
    (
        "seed-000.json",
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n年度资金总额 | 130 | 130 | 130 | 10 | 100 | 10",
        &[
            ("quantity:planned", "value", "130"),
            ("quantity:budget", "value", "130"),
            ("quantity:spent", "value", "130"),
            ("quantity:budgetExecution", "value", "100"),
        ],
    ),
    // A rate right after a source row's name is that row's.
    (
        "seed-001.json",
        "全年预算执行率99.5%，其中中央资金执行率仅65.55%。",
        &[("quantity:budgetExecution", "value", "99.5")],
    ),
    // A category said of one part of the area is not the report's.
    (
        "seed-000.json",
        "老年居民15.76万人，另有武进区困难免缴人员0.21万人由区级资助。",
        &[("item:insured/3", "value", "15.76")],
    ),
    // A name both a quantity and a line, then its target and what was
    // 完成: the line's actual.
    (
        "seed-001.json",
        "资金到位率年度指标值100%，实际完成99.5%，得分3.98分。",
        &[
            ("line:process.funds.arrival", "actual", "99.5"),
            ("line:process.funds.arrival", "score", "3.98"),
        ],
    ),
    // A clause ending in 目标 and a colon heads targets, however long;
    // 年初设定 is a target as 目标 is.
    (
        "seed-004.json",
        "市财政2020年批复医疗保障服务能力建设资金绩效目标：参保群众满意度≥90%，医保待遇按时支付率达100%。",
        &[],
    ),
    (
        "seed-000.json",
        "补助对象准确率年初设定98%，全年实际为99.5%。",
        &[("line:o4", "actual", "99.5")],
    ),
    // A name set equal to a figure, no formula before it: a target.
    (
        "seed-004.json",
        "产出指标 数量指标 足额保障率=100% 25 时效指标 医保待遇按时支付率=100% 15",
        &[],
    ),
    // Part of the year; a figure compared with.
    (
        "seed-001.json",
        "本年度预算执行进度：6月末为52.3%，9月末为78.6%。",
        &[],
    ),
    (
        "seed-004.json",
        "门诊统筹签约率较2019年的82.5%提高4.7个百分点，达到87.2%。",
        &[("line:ql1", "actual", "87.2")],
    ),
    // What a figure includes is not the project's quantity.
    (
        "seed-001.json",
        "项目年初批复预算18200万元（含年初结转结余资金420万元）。",
        &[("quantity:planned", "value", "18200")],
    ),
    // A node's heading is not the subject of every figure after it.
    (
        "seed-004.json",
        "时效指标：补助资金均在6月底前拨付，发放标准为每人250元。",
        &[],
    ),
    // A table over lines: headings, then a row per line in their unit,
    // "—" for an empty cell, the total row under a heading of its own.
    (
        "seed-004.json",
        "项目资金（万元）| 年初预算数 | 全年预算数 | 执行率\n年度资金总额 | 156.96 | 166.96 | 100%\n上年结转资金 | — | 10 | —",
        &[
            ("quantity:planned", "value", "156.96"),
            ("quantity:budget", "value", "166.96"),
            ("quantity:budgetExecution", "value", "100"),
            ("row:carryover/budget", "value", "10"),
        ],
    ),
    // A line that is not a row ends it.
    (
        "seed-004.json",
        "项目资金（万元）| 年初预算数 | 全年预算数\n资金使用合规。\n上年结转资金 | 5 | 10",
        &[],
    ),
    // A score word for the total right after a node's name is the node's.
    (
        "seed-000.json",
        "项目效益情况，自评得分18分，得分率90%。",
        &[("node:benefit", "score", "18"), ("node:benefit", "rate", "90")],
    ),
    (
        "seed-000.json",
        "项目运行平稳、效益明显，自评得分95.6分。",
        &[("quantity:totalScore", "value", "95.6")],
    ),
    // A bare level of government names a row's figure right after it,
    // and only that one.
    (
        "seed-001.json",
        "全年预算合计614.49万元（其中：中央402.3万元，自治区131.6万元，县级80.59万元）。",
        &[
            ("quantity:budget", "value", "614.49"),
            ("row:central/budget", "value", "402.3"),
            ("row:provincial/budget", "value", "131.6"),
            ("row:county/budget", "value", "80.59"),
        ],
    ),
    (
        "seed-001.json",
        "按中央、自治区的补助标准测算，全年实际到位614.49万元。",
        &[("quantity:received", "value", "614.49")],
    ),
    // "县财政" for 县级财政; 收到 is what was received.
    (
        "seed-001.json",
        "本年收到县财政配套资金614.49万元。",
        &[("row:county/received", "value", "614.49")],
    ),
    // Headings with the letters formulas name them by.
    (
        "seed-004.json",
        "项目资金（万元）| 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%)\n年度资金总额：| 166.96 | 166.96 | 100%",
        &[
            ("quantity:budget", "value", "166.96"),
            ("quantity:spent", "value", "166.96"),
            ("quantity:budgetExecution", "value", "100"),
        ],
    ),
    // 安排 is the budget; a budget later adjusted was the budget at the
    // start of the year; a name the figure was worked out from is not its
    // subject.
    (
        "seed-004.json",
        "本项目全年共安排166.96万元。",
        &[("quantity:budget", "value", "166.96")],
    ),
    (
        "seed-001.json",
        "该项目共安排资金617.57万元，年中根据实际参保人数调整为614.49万元。",
        &[
            ("quantity:planned", "value", "617.57"),
            ("quantity:budget", "value", "614.49"),
        ],
    ),
    (
        "seed-001.json",
        "年初预算数617.57万元，全年预算数调整为614.49万元。",
        &[
            ("quantity:planned", "value", "617.57"),
            ("quantity:budget", "value", "614.49"),
        ],
    ),
    // A node's name that gave its sole line a figure gives it the score too.
    (
        "seed-001.json",
        "产出质量：补助资金纳入基金专户率实际为99.2%，得9.6分。",
        &[
            ("line:output.quality.pass", "actual", "99.2"),
            ("line:output.quality.pass", "score", "9.6"),
        ],
    ),
    // Targets: 大于等于, and a heading with its year before the colon.
    (
        "seed-001.json",
        "城乡居民参保人数指标为大于等于12.3万人，实际参保12.59万人。",
        &[("quantity:persons", "value", "12.59")],
    ),
    (
        "seed-000.json",
        "2019年项目目标：享受财政补贴困难成年人5800人；实际完成：享受财政补贴困难成年人6134人。",
        &[("line:o2", "actual", "6134")],
    ),
    // The table row "总分 | 100 | 95.5": full marks, then the score.
    (
        "seed-000.json",
        "总分 100 95.5 评价等级 优",
        &[
            ("quantity:totalScore", "value", "95.5"),
            ("quantity:grade", "value", "优"),
        ],
    ),
    ("seed-000.json", "总分 100", &[]),
    (
        "seed-000.json",
        "评价分值 96.3",
        &[("quantity:totalScore", "value", "96.3")],
    ),
    // The total of per-capita levels is the standard.
    (
        "seed-001.json",
        "人均财政补助标准：中央416元、县级11元，合计520元。",
        &[
            ("level:0", "value", "416"),
            ("level:2", "value", "11"),
            ("quantity:perCapitaStandard", "value", "520"),
        ],
    ),
    // The persons a line counts, named without what was done for them;
    // not in a clause about a township.
    (
        "seed-004.json",
        "全年资助城镇困难人员参保3857人。",
        &[("line:e1", "actual", "3857")],
    ),
    (
        "seed-000.json",
        "全县享受财政补贴的困难大学生共312人。",
        &[("line:o3", "actual", "312")],
    ),
    ("seed-004.json", "城关镇资助城镇困难人员参保412人。", &[]),
    ("seed-004.json", "其中城关镇城镇困难人员412人。", &[]),
    // A weak verb's money through a few words.
    (
        "seed-001.json",
        "县级财政安排补助资金共计614.49万元。",
        &[("row:county/budget", "value", "614.49")],
    ),
    // Money read by the verb after it, when nothing but the project's
    // money is named before it.
    (
        "seed-004.json",
        "项目资金166.96万元按时足额到位。",
        &[("quantity:received", "value", "166.96")],
    ),
    (
        "seed-004.json",
        "全年166.96万元全部执行完毕。",
        &[("quantity:spent", "value", "166.96")],
    ),
    ("seed-004.json", "医疗救助资金356万元已拨付到位。", &[]),
    ("seed-004.json", "预计资金166.96万元年底前到位。", &[]),
    // A table row with a target's bound in its cells and the line's node
    // before its name.
    (
        "seed-004.json",
        "三级指标 指标值 实际完成值 分值 得分：质量指标 门诊统筹签约率 ≥85% 87.2% 15 14.5",
        &[
            ("line:ql1", "actual", "87.2"),
            ("line:ql1", "score", "14.5"),
        ],
    ),
    // Tables: a heading row of attribute words alone, saved as CSV, a
    // 自评得分 column, a unit note's line over the table, a row number.
    (
        "seed-000.json",
        "\"三级指标\",\"指标值\",\"实际完成值\",\"分值\",\"得分\"\n\"享受财政补贴困难大学生人数\",\"≥800人\",\"862人\",\"5\",\"4.5\"",
        &[("line:o3", "actual", "862"), ("line:o3", "score", "4.5")],
    ),
    (
        "seed-000.json",
        "一级指标 | 分值 | 自评得分\n项目产出 | 40 | 38.5",
        &[("node:output", "score", "38.5")],
    ),
    (
        "seed-000.json",
        "一级指标 | 二级指标 | 三级指标 | 实际完成值 | 分值 | 得分\n产出指标 | 数量指标 | 享受财政补贴困难成年人人数 | 37410人 | 10 | 9",
        &[("line:o2", "actual", "37410"), ("line:o2", "score", "9")],
    ),
    (
        "seed-000.json",
        "金额单位：元\n项目 | 行次 | 金额\n实际支出 | 1 | 309,856,000.00",
        &[("quantity:spent", "value", "309856000.00")],
    ),
    // A labels' column heading and one column in its unit; bare levels as
    // row labels; a heading over the labels too.
    (
        "seed-000.json",
        "资金来源 | 实际到位（万元）\n中央 | 19870\n合计 | 32856.4",
        &[
            ("row:central/received", "value", "19870"),
            ("quantity:received", "value", "32856.4"),
        ],
    ),
    (
        "seed-001.json",
        "补助标准（元/人）| 中央 | 自治区 | 县级 | 合计\n488 | 61 | 61 | 610",
        &[
            ("level:0", "value", "488"),
            ("level:1", "value", "61"),
            ("level:2", "value", "61"),
            ("quantity:perCapitaStandard", "value", "610"),
        ],
    ),
    (
        "seed-000.json",
        "项目资金（万元）| 全年预算数 | 实际到位数 | 到位率\n年度资金总额 | 32856.4 | 32856.4 | 100%",
        &[
            ("quantity:budget", "value", "32856.4"),
            ("quantity:received", "value", "32856.4"),
            ("quantity:fundsArrival", "value", "100"),
        ],
    ),
    // What a figure includes, after 内含; a table's 金额 heading is not an
    // attribute in prose.
    (
        "seed-001.json",
        "年初预算617.57万元（内含一个结转项目，金额50万元），调整后预算数为614.49万元。",
        &[
            ("quantity:planned", "value", "617.57"),
            ("quantity:budget", "value", "614.49"),
        ],
    ),
    // A row whose name has a bracket, with 资金 after it.
    (
        "seed-000.json",
        "单位：万元 | 全年预算数 | 全年执行数\n县(区)级财政资金 | 3286.4 | 3072",
        &[
            ("row:county/budget", "value", "3286.4"),
            ("row:county/spent", "value", "3072"),
        ],
    ),
    // The scheme's insured named by the verb: 居民参保, 全县参保.
    (
        "seed-001.json",
        "全县城乡居民参保12.59万人，另有职工医保参保1.43万人。",
        &[("quantity:persons", "value", "12.59")],
    ),
    // "万" before a verb or particle is the subject's 万.
    (
        "seed-000.json",
        "市级财政资金1480万已按时拨付到位。",
        &[("row:city/received", "value", "1480")],
    ),
    // 合计 under the row the sentence is about is that row's sum.
    (
        "seed-000.json",
        "中央财政补助资金分三次拨付到位，合计15200万元（其中首批14060万元）。",
        &[("row:central/received", "value", "15200")],
    ),
    // A weak verb, then a short noun phrase for the project's money.
    (
        "seed-000.json",
        "中央财政分批拨付到位我县居民医保补助资金16820万元。",
        &[("row:central/received", "value", "16820")],
    ),
    // 调整后项目预算, 筹集项目资金.
    (
        "seed-004.json",
        "年初批复156.96万元，调整后项目预算166.96万元，当年共筹集项目资金166.96万元。",
        &[
            ("quantity:budget", "value", "166.96"),
            ("quantity:received", "value", "166.96"),
        ],
    ),
    // An indicator's row of bars with no headings: the official order
    // (指标值, 实际完成值, 分值, 得分), or (指标值, 实际完成值) after a bound.
    (
        "seed-000.json",
        "产出指标 | 质量指标 | 补助对象准确率 | ≥98% | 99.6% | 10 | 9.5",
        &[
            ("line:o4", "actual", "99.6"),
            ("line:o4", "score", "9.5"),
        ],
    ),
    // (Not when the last two cells could not be a weight and its score:
    // the actual is read by its name, no score.)
    (
        "seed-000.json",
        "产出指标 | 质量指标 | 补助对象准确率 | ≥98% | 99.6% | 9.5 | 10",
        &[("line:o4", "actual", "99.6")],
    ),
    // A 一级 node whose one 二级 node has one line names that line.
    (
        "seed-004.json",
        "发放问卷800份，满意度为97.1%。",
        &[("line:m1", "actual", "97.1")],
    ),
    // A unit note in brackets within the sentence.
    (
        "seed-004.json",
        "全年预算数166.96，全年执行数160.2（单位：万元）。",
        &[
            ("quantity:budget", "value", "166.96"),
            ("quantity:spent", "value", "160.2"),
        ],
    ),
    // A standard named after its figure ("按…元的…标准"): a line's named
    // by the words before 按, a level's, the report's per-capita subsidy
    // where the words say so; not one group's.
    (
        "seed-004.json",
        "军队转业干部医疗救助按1800元/人的标准发放，全年救助52人。",
        &[("line:c1", "actual", "1800")],
    ),
    (
        "seed-004.json",
        "区级财政按每人90元的标准安排补助。",
        &[("level:0", "value", "90")],
    ),
    (
        "seed-001.json",
        "按照人均640元的财政补助标准拨付。",
        &[("quantity:perCapitaStandard", "value", "640")],
    ),
    (
        "seed-001.json",
        "特困人员个人缴费按每人350元的标准由财政代缴。",
        &[],
    ),
    // 安排预算 names the budget.
    (
        "seed-004.json",
        "2020年度本项目安排预算166.96万元，全部用于经办服务。",
        &[("quantity:budget", "value", "166.96")],
    ),
    // The pack's own words for its columns: 计划安排资金 is 年初预算数.
    (
        "seed-004.json",
        "本项目计划安排资金156.96万元，全年执行数166.96万元。",
        &[
            ("quantity:planned", "value", "156.96"),
            ("quantity:spent", "value", "166.96"),
        ],
    ),
    // A title with its unit in brackets gives the table under it its unit.
    (
        "seed-004.json",
        "经费情况（单位：万元）\n资金来源 | 年初预算数 | 全年预算数\n合计 | 156.96 | 166.96",
        &[
            ("quantity:planned", "value", "156.96"),
            ("quantity:budget", "value", "166.96"),
        ],
    ),
    // A head count after a word for the whole and before 参保 ending its
    // clause; not another scheme's.
    (
        "seed-000.json",
        "全市共有486000人参保，参保率稳定。",
        &[("quantity:persons", "value", "486000")],
    ),
    (
        "seed-000.json",
        "全市职工医保共有212000人参保。",
        &[],
    ),
    // …医疗保险参保 names the insured; 自评结论 the grade.
    (
        "seed-000.json",
        "全县城乡居民基本医疗保险参保48.6万人，自评结论为“优秀”。",
        &[
            ("quantity:persons", "value", "48.6"),
            ("quantity:grade", "value", "优"),
        ],
    ),
    // A name both a quantity and a line, its figure followed by a score:
    // the line's.
    (
        "seed-001.json",
        "其中资金到位率96.5%，得4.8分。",
        &[
            ("line:process.funds.arrival", "actual", "96.5"),
            ("line:process.funds.arrival", "score", "4.8"),
        ],
    ),
    // A table's row whose label is no name leaves the table going on.
    (
        "seed-001.json",
        "三级指标 | 年度指标值 | 实际完成值 | 完成率 | 分值 | 得分\n其他指标 | 1 | 1 | 100% | 5 | 5\n质量达标率 | 100% | 97% | 97% | 10 | 9.7",
        &[
            ("line:output.quality.pass", "actual", "97"),
            ("line:output.quality.pass", "completion", "97"),
            ("line:output.quality.pass", "score", "9.7"),
        ],
    ),
    // The total row of a table of scores is the total score.
    (
        "seed-000.json",
        "一级指标 | 分值 | 得分\n项目产出 | 25 | 23\n合计 | 100 | 96.5",
        &[
            ("node:output", "score", "23"),
            ("quantity:totalScore", "value", "96.5"),
        ],
    ),
    // A table of levels under a heading of the standard.
    (
        "seed-001.json",
        "补助层级 | 人均补助标准（元/人）\n中央 | 500\n合计 | 640",
        &[
            ("level:0", "value", "500"),
            ("quantity:perCapitaStandard", "value", "640"),
        ],
    ),
    // A node named by its kind (效益类), listed with 分别.
    (
        "seed-000.json",
        "效益类和满意度类分别获满分20分、15分。",
        &[
            ("node:benefit", "score", "20"),
            ("node:satisfaction", "score", "15"),
        ],
    ),
    // A table of expense lines headed 支出项目 | 金额.
    (
        "seed-004.json",
        "支出项目 | 金额（万元）\n生育医疗保险经费 | 14.5",
        &[("expense:3", "actual", "14.5")],
    ),
    // A department's accounts are not the project's money; a clause
    // naming the project still is.
    (
        "seed-004.json",
        "2020年本局收入1500万元；全年支出1480万元，其中基本支出420万元，本项目支出166.96万元。",
        &[("quantity:spent", "value", "166.96")],
    ),
    // Under the heading of a node with one line, the count is that line's
    // actual, the rate after it its completion, the score its score; the
    // next node named ends the heading's reach.
    (
        "seed-001.json",
        "数量指标方面，全年参保人数12.59万人，完成年度目标的102.4%，得10分；质量指标：达标率为95%。",
        &[
            ("line:output.quantity.completion", "actual", "12.59"),
            ("line:output.quantity.completion", "completion", "102.4"),
            ("line:output.quantity.completion", "score", "10"),
            ("line:output.quality.pass", "actual", "95"),
        ],
    ),
    (
        "seed-001.json",
        "产出数量指标：参保人数计划12.3万人，实际完成12.59万人，实际完成率102.36%。",
        &[
            ("line:output.quantity.completion", "actual", "12.59"),
            ("line:output.quantity.completion", "completion", "102.36"),
        ],
    ),
    // Parts listed after 其中, each a bare level, a verb of money given,
    // and its figure: the rows of the column named before; the whole's
    // figure after them stays the whole's.
    (
        "seed-001.json",
        "项目预算资金合计614.49万元，其中自治区安排131.6万元，中央下达402.3万元，全年执行数合计611.42万元。",
        &[
            ("quantity:budget", "value", "614.49"),
            ("row:provincial/budget", "value", "131.6"),
            ("row:central/budget", "value", "402.3"),
            ("quantity:spent", "value", "611.42"),
        ],
    ),
    // Other names of the report's quantities: 资金使用率 for the execution
    // rate, 已拨付 / 已使用 for what was spent, 自评分数 for the total.
    (
        "seed-001.json",
        "截至2022年底，项目已拨付611.42万元，资金使用率99.5%，绩效自评分数为99.92分。",
        &[
            ("quantity:spent", "value", "611.42"),
            ("quantity:budgetExecution", "value", "99.5"),
            ("quantity:totalScore", "value", "99.92"),
        ],
    ),
    // A level's finance bureau (县财政局) is an agency, not its row.
    (
        "seed-001.json",
        "经县财政局批复，本项目全年预算614.49万元，实际支出611.42万元，资金使用完成比率99.5%。",
        &[
            ("quantity:budget", "value", "614.49"),
            ("quantity:spent", "value", "611.42"),
            ("quantity:budgetExecution", "value", "99.5"),
        ],
    ),
    // 实际 before a weak verb opening a clause after the project's money
    // is what the project did (not the budget carried).
    (
        "seed-001.json",
        "项目全年预算614.49万元，实际执行611.42万元。",
        &[
            ("quantity:budget", "value", "614.49"),
            ("quantity:spent", "value", "611.42"),
        ],
    ),
    // 分别 after a change pairs the changes, no one's figures; 净增 is a
    // change.
    (
        "seed-000.json",
        "新生儿、一般未成年人参保人数分别为1.6万人和22.93万人，较上年分别增加0.1万人、0.4万人；全县参保人数净增0.5万人。",
        &[
            ("item:insured/0", "value", "1.6"),
            ("item:insured/1", "value", "22.93"),
        ],
    ),
    // After the fund's own accounts, a weak verb's figure is the fund's;
    // the project's money named with 资金 is still the project's.
    (
        "seed-001.json",
        "全县居民医保基金收入7230.6万元，基金支出6854.2万元，当年结余376.4万元；财政补助资金支出614.49万元。",
        &[("quantity:spent", "value", "614.49")],
    ),
    // A table's column headed by a year: the report's year is this year's
    // figures, another year's no one's (here the report's year first).
    (
        "seed-000.json",
        "参保类别 | 2019年（万人） | 2018年（万人）\n非从业人员 | 10.11 | 10.48\n困难免缴人员 | 1.82 | 1.85",
        &[
            ("item:insured/2", "value", "10.11"),
            ("item:insured/5", "value", "1.82"),
        ],
    ),
    // Bare levels listed before a row's name and a column word, figures
    // given 分别: each level's row of that column.
    (
        "seed-001.json",
        "中央、自治区、县级资金全年执行数分别为4188.53万元、628.28万元和611.42万元。",
        &[
            ("row:central/spent", "value", "4188.53"),
            ("row:provincial/spent", "value", "628.28"),
            ("row:county/spent", "value", "611.42"),
        ],
    ),
    // Clauses going on from an aim (力争) are what each is to reach; what
    // was done after it is read.
    (
        "seed-000.json",
        "力争年底一般参保人员达到50万人，补助对象准确率达到100%，参保居民满意度达90%；实际参保人数48.6万人。",
        &[("quantity:persons", "value", "48.6")],
    ),
    // A difference (相差, 差额) is no one's figure.
    (
        "seed-001.json",
        "资金到位率偏低，计划安排与实际到位相差3.08万元。",
        &[],
    ),
    // Points listed with no word of scoring are weights: their 合计 is
    // no score; after 得 it is.
    (
        "seed-001.json",
        "评分权重：决策20分，过程20分，产出35分，效益25分，合计100分。各项合计得分99.86分。",
        &[("quantity:totalScore", "value", "99.86")],
    ),
    // Full marks said, a figure in brackets right after the name is still
    // its weight.
    (
        "seed-001.json",
        "决策类指标（20分）共得20分，其中项目立项6分、绩效目标6分、资金投入8分，均为满分。",
        &[
            ("node:decision", "score", "20"),
            ("node:decision.setup", "score", "6"),
            ("node:decision.goals", "score", "6"),
            ("node:decision.funding", "score", "8"),
        ],
    ),
    // With no such heading the count is the report's.
    (
        "seed-001.json",
        "全县参保居民12.59万人，较上年增加0.2万人。",
        &[("quantity:persons", "value", "12.59")],
    ),
    // Figures paired by "分别" under a heading that names targets are
    // targets; the same list under a heading of what was done is read.
    (
        "seed-004.json",
        "2020年绩效目标：医保待遇按时支付率、门诊统筹签约率分别达到100%和95%。",
        &[],
    ),
    (
        "seed-004.json",
        "实际完成情况：医保待遇按时支付率、门诊统筹签约率分别达到100%和95%。",
        &[("line:t1", "actual", "100"), ("line:ql1", "actual", "95")],
    ),
    // "自评" with a score after a line's own figure, in a clause of its
    // own, is the project's score; right after the line's name it is the
    // line's.
    (
        "seed-004.json",
        "满意度调查结果为90%，自评99.92分，评为“优”。",
        &[
            ("line:m1", "actual", "90"),
            ("quantity:totalScore", "value", "99.92"),
            ("quantity:grade", "value", "优"),
        ],
    ),
    (
        "seed-004.json",
        "满意度自评10分。",
        &[("node:satisfaction", "score", "10")],
    ),
    // A figure its clause says is per head is no total and no count.
    (
        "seed-004.json",
        "困难人员资助资金在医疗救助经费中列支，人均资助180元。",
        &[],
    ),
    (
        "seed-001.json",
        "部分乡镇经办人员仅2名，人均服务参保居民超过6000人。",
        &[],
    ),
    // Before the name, 人均 does not make money per head.
    (
        "seed-001.json",
        "按人均48.8元标准安排的县级配套资金实际支出614.49万元。",
        &[
            ("quantity:perCapitaStandard", "value", "48.8"),
            ("row:county/spent", "value", "614.49"),
        ],
    ),
    // 新增 says what was added, not the year's figure.
    (
        "seed-001.json",
        "居民医保人均财政补助新增30元，达到每人每年610元。",
        &[("quantity:perCapitaStandard", "value", "610")],
    ),
    // 综合评定 names the grade; the score in brackets after it is the
    // total, read once.
    (
        "seed-004.json",
        "综合评定：优（99.92分）",
        &[
            ("quantity:totalScore", "value", "99.92"),
            ("quantity:grade", "value", "优"),
        ],
    ),
    (
        "seed-004.json",
        "评价等级为优秀（99.92分）。",
        &[
            ("quantity:totalScore", "value", "99.92"),
            ("quantity:grade", "value", "优"),
        ],
    ),
    // A grade followed by its own word (等次, 等级).
    (
        "seed-004.json",
        "项目总体绩效较好，评定为优秀等次。",
        &[("quantity:grade", "value", "优")],
    ),
    // Head counts after a sample is spoken of are the sample's; an
    // inspection (抽查) is no sample.
    (
        "seed-004.json",
        "本次满意度调查随机抽取参保居民1200人，回收有效问卷1136份。",
        &[],
    ),
    (
        "seed-004.json",
        "全区抽查参保登记信息5000条，全区基本医疗保险参保209682人。",
        &[("line:q1", "actual", "209682")],
    ),
    // Clauses that each open with a named place, two places or more in
    // the sentence, are about parts of the area; one place may be the
    // report's own, and 县级 is a level, not a place.
    (
        "seed-000.json",
        "武进区居民医保参保人数为38.4万人，新北区为21.7万人。",
        &[],
    ),
    (
        "seed-001.json",
        "特克斯县城乡居民参保12.59万人。",
        &[("quantity:persons", "value", "12.59")],
    ),
    (
        "seed-001.json",
        "确认享受县级财政参保补助的居民12.59万人，已拨付县级补助共计614.49万元。",
        &[("row:county/spent", "value", "614.49")],
    ),
    // A name both a quantity and a line, whose figure a score of each
    // listed follows, is the line's.
    (
        "seed-001.json",
        "项目过程（20分）：预算执行率为99.5%，各得3.98分。",
        &[
            ("line:process.funds.execution", "actual", "99.5"),
            ("line:process.funds.execution", "score", "3.98"),
        ],
    ),
    // Names listed, then one figure for each ("均为", "均达到").
    (
        "seed-000.json",
        "补助对象准确率、医保政策内报销率均为100%。",
        &[("line:o4", "actual", "100"), ("line:b1", "actual", "100")],
    ),
    (
        "seed-000.json",
        "年度绩效目标：补助对象准确率、医保政策内报销率均达到100%。",
        &[],
    ),
    (
        "seed-001.json",
        "资金到位率、预算执行率均为99.5%，各得3.98分。",
        &[
            ("line:process.funds.arrival", "actual", "99.5"),
            ("line:process.funds.execution", "actual", "99.5"),
            ("line:process.funds.arrival", "score", "3.98"),
            ("line:process.funds.execution", "score", "3.98"),
        ],
    ),
];

#[test]
fn each_class_reads_as_written() {
    let mut failures = Vec::new();
    for (fixture, text, want) in CASES {
        let r = report(fixture);
        let pack = jixiao::resolve_pack(&r, None).unwrap();
        let vocab = jixiao::rules::narrative::vocabulary(&pack, &r);
        let year = jixiao::parse::parse_year(r.basic.year.as_str());
        let got: Vec<(String, String, String)> = jixiao::narrative::recognise(text, &vocab, year)
            .into_iter()
            .map(|s| {
                let value = match s.value {
                    jixiao::narrative::Stated::Figure(q) => q.value.to_string(),
                    jixiao::narrative::Stated::Grade(g) => g,
                };
                (s.subject.to_string(), s.attr.as_str().to_string(), value)
            })
            .collect();
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
