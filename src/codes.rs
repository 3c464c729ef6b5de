//! Every finding code jixiao emits, with its default severity and texts.
//!
//! Codes are stable: portals key their UI on them, so a shipped code never
//! changes meaning. A pack may override a code's severity and texts
//! (`messages` in the pack), never invent new codes.
//!
//! Placeholders: `{field}` the field's name, `{expected}`, `{actual}`,
//! `{detail}` (a limit, unit or list), `{unit}` (the unit after a value).

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

macro_rules! codes {
    ($($name:ident = $code:literal, $sev:ident, $zh:literal, $en:literal;)*) => {
        /// A stable finding code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($name,)* }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => $code,)* }
            }
            pub fn severity(self) -> Severity {
                match self { $(Code::$name => Severity::$sev,)* }
            }
            pub fn zh(self) -> &'static str {
                match self { $(Code::$name => $zh,)* }
            }
            pub fn en(self) -> &'static str {
                match self { $(Code::$name => $en,)* }
            }
            pub fn parse(s: &str) -> Option<Code> {
                match s { $($code => Some(Code::$name),)* _ => None }
            }
        }
    };
}

codes! {
    // ---- what staff type (SPEC §6) ----
    RequiredMissing = "REQUIRED_MISSING", Error,
        "{field}为必填项，尚未填写", "{field} is required";
    NumberInvalid = "NUMBER_INVALID", Error,
        "{field}“{actual}”不是有效的数字{detail}", "{field} \"{actual}\" is not a valid number{detail}";
    NumberTwoPoints = "NUMBER_TWO_POINTS", Error,
        "{field}“{actual}”含有多个小数点", "{field} \"{actual}\" has more than one decimal point";
    NumberGrouping = "NUMBER_GROUPING", Error,
        "{field}“{actual}”的千分位分隔不正确（应每三位一个逗号）", "{field} \"{actual}\": thousands separators must group three digits";
    NumberOutOfRange = "NUMBER_OUT_OF_RANGE", Error,
        "{field}“{actual}”位数过多，超出可计算范围（最多 28 位有效数字）", "{field} \"{actual}\" has too many digits (at most 28 significant digits)";
    UnitMismatch = "UNIT_MISMATCH", Error,
        "{field}的单位“{actual}”不适用，应为{expected}", "{field}: unit \"{actual}\" does not fit; expected {expected}";
    PercentNotAllowed = "PERCENT_NOT_ALLOWED", Error,
        "{field}应填写{expected}，不应填写百分比", "{field} expects {expected}, not a percentage";
    ComparatorNotAllowed = "COMPARATOR_NOT_ALLOWED", Error,
        "{field}应填写具体数值，不应带比较符号（{actual}）", "{field} expects a plain figure, not a comparison ({actual})";
    NegativeNotAllowed = "NEGATIVE_NOT_ALLOWED", Error,
        "{field}不能为负数（{actual}）", "{field} cannot be negative ({actual})";
    NegativeZero = "NEGATIVE_ZERO", Info,
        "{field}“{actual}”是带负号的 0，已按 0 计算，请核对是否漏填数字", "{field} \"{actual}\" is a zero with a minus sign; read as 0";
    BlankSpaces = "BLANK_SPACES", Info,
        "{field}只填了空格，已按未填写处理", "{field} holds only spaces; read as blank";
    TextTooLong = "TEXT_TOO_LONG", Error,
        "{field}过长：{actual} 个字符，最多 {expected} 个", "{field} is too long: {actual} characters, at most {expected}";
    PhoneInvalid = "PHONE_INVALID", Error,
        "{field}“{actual}”不是有效的手机号（11 位）或固定电话（区号-号码）", "{field} \"{actual}\" is not a valid mobile or landline number";
    DateInvalid = "DATE_INVALID", Error,
        "{field}“{actual}”不是有效日期（如 2023-03-22、2023年3月22日，或月份 2023年03月）", "{field} \"{actual}\" is not a valid date (or month)";
    DateOrder = "DATE_ORDER", Error,
        "项目起始时间 {actual} 晚于结束时间 {expected}", "start date {actual} is after end date {expected}";
    YearInvalid = "YEAR_INVALID", Error,
        "{field}“{actual}”不是有效年度（如 2022）", "{field} \"{actual}\" is not a valid year";
    RegionInvalid = "REGION_INVALID", Error,
        "{field}“{actual}”不是 6 位行政区划代码", "{field} \"{actual}\" is not a 6-digit region code";
    GradeUnknown = "GRADE_UNKNOWN", Error,
        "{field}“{actual}”不是本评价体系的等次（{expected}）", "{field} \"{actual}\" is not a grade of this framework ({expected})";
    ActualUnitMismatch = "ACTUAL_UNIT_MISMATCH", Error,
        "{field}的单位“{actual}”与年度指标值的单位“{expected}”不一致，无法计算完成率", "{field}: unit \"{actual}\" differs from the target's \"{expected}\"";
    Overflow = "ARITHMETIC_OVERFLOW", Error,
        "{field}数值过大，计算溢出", "{field}: figures too large to compute";

    // ---- funds (SPEC §5 rules 1, 2, 8, 9, 11) ----
    FundSum = "FUND_SUM", Error,
        "{field}：各来源合计 {expected}{unit}，与填报的合计 {actual}{unit} 不一致", "{field}: sources add up to {expected}{unit}, the total row states {actual}{unit}";
    SumTruncated = "SUM_TRUNCATED", Warning,
        "{field} {actual}{unit} 与明细合计 {expected}{unit} 仅在截尾取整时一致，应四舍五入", "{field} {actual}{unit} matches the items ({expected}{unit}) only if truncated; round half-up instead";
    FundBalance = "FUND_BALANCE", Error,
        "{field}应为实际到位减实际支出 = {expected}{unit}，填报为 {actual}{unit}", "{field} should be received − spent = {expected}{unit}, entered {actual}{unit}";
    TargetBareUpper = "TARGET_BARE_UPPER", Info,
        "{field}的指标值“{actual}”没有比较符，按“=”计分（实际低于它也扣分）；这类指标通常是上限，是否漏写了“≤”？", "{field}: the target \"{actual}\" has no comparator and is scored as \"=\"; lines of this kind are usually ceilings: is a \"≤\" missing?";
    FundArrivalOver = "FUND_ARRIVAL_OVER", Warning,
        "{field} {actual}% 超过 100%（实际到位多于预算），请核实", "{field} {actual}% exceeds 100% (funds received exceed the budget)";
    FundSpentOver = "FUND_SPENT_OVER", Warning,
        "{field} {actual}% 超过 100%（支出多于{detail}），请核实", "{field} {actual}% exceeds 100% (spending exceeds {detail})";
    FundBudgetZero = "FUND_BUDGET_ZERO", Warning,
        "全年预算数为 0，无法计算执行率", "the full-year budget is 0; no execution rate can be computed";
    RateBaseZero = "RATE_BASE_ZERO", Warning,
        "{field}为 0，无法计算{detail}；依此得分的指标、总分和评价等次也无法计算和核对", "{field} is 0: the rate cannot be computed, nor the scores, total and grade that depend on it";
    FundUnspent = "FUND_UNSPENT", Warning,
        "未支出资金占 {actual}%，超过 {expected}%，请说明原因", "unspent share {actual}% exceeds {expected}%";
    UnitSlip = "UNIT_SLIP", Error,
        "{field} {actual}{unit} 约为应有值 {expected}{unit} 的 {detail} 倍，疑似单位填错（元/万元、人/万人）", "{field} {actual}{unit} is about {detail} times the expected {expected}{unit}: a unit slip (元/万元, 人/万人)?";
    MagnitudeImplausible = "MAGNITUDE_IMPLAUSIBLE", Error,
        "{field} {actual}{unit} 超出合理范围（最大 {expected}{unit}），疑似单位填错", "{field} {actual}{unit} exceeds the plausible maximum {expected}{unit}";
    RateMismatch = "RATE_MISMATCH", Error,
        "填报的{field} {actual}{unit} 与按表内数据计算的 {expected}{unit} 不一致", "stated {field} {actual}{unit} differs from the computed {expected}{unit}";
    ExpenseSum = "EXPENSE_SUM", Error,
        "支出明细合计 {expected}{unit}，与填报的支出合计 {actual}{unit} 不一致", "expense lines add up to {expected}{unit}, the stated total is {actual}{unit}";
    ExpenseSpent = "EXPENSE_SPENT", Error,
        "支出明细合计 {expected}{unit}，与资金表实际支出 {actual}{unit} 不一致", "expense lines add up to {expected}{unit}, funds table states spent {actual}{unit}";

    // ---- breakdowns and per-capita standards (rules 4, 5) ----
    BreakdownSum = "BREAKDOWN_SUM", Error,
        "{field}各分项合计 {expected}{unit}，与总数 {actual}{unit} 不一致", "{field}: items add up to {expected}{unit}, total is {actual}{unit}";
    BreakdownExceeds = "BREAKDOWN_EXCEEDS", Error,
        "{field}“其中”各项合计 {expected}{unit}，超过总数 {actual}{unit}", "{field}: the \"of which\" items ({expected}{unit}) exceed the total {actual}{unit}";
    PerCapitaSum = "PER_CAPITA_SUM", Error,
        "各级补助标准合计 {expected}{unit}，与总标准 {actual}{unit} 不一致", "level standards add up to {expected}{unit}, the total standard is {actual}{unit}";
    // ---- tables a pack declares (基金运行 …) ----
    TableSum = "TABLE_SUM", Error,
        "{field}：{detail} 为 {expected}{unit}，与填报的 {actual}{unit} 不一致", "{field}: {detail} is {expected}{unit}, stated {actual}{unit}";
    TableExceeds = "TABLE_EXCEEDS", Warning,
        "{field}：“其中”各项（{detail}）合计 {expected}{unit}，超过填报的 {actual}{unit}", "{field}: the \"of which\" items ({detail}) add up to {expected}{unit}, more than the stated {actual}{unit}";
    TableDifference = "TABLE_DIFFERENCE", Error,
        "{field}：{detail} 为 {expected}{unit}，与填报的 {actual}{unit} 不一致", "{field}: {detail} is {expected}{unit}, stated {actual}{unit}";
    TableRatio = "TABLE_RATIO", Warning,
        "{field}：按 {detail} 计算为 {expected}{unit}，与填报的 {actual}{unit} 不符（若按其他口径计算，请在说明中注明）", "{field}: {detail} gives {expected}{unit}, stated {actual}{unit} (say so if another basis was used)";
    PerCapitaFunds = "PER_CAPITA_FUNDS", Warning,
        "{field}：参保人数 × 标准 = {expected}{unit}，与填报资金 {actual}{unit} 相差超过 {detail}", "{field}: persons × standard = {expected}{unit}, entered {actual}{unit} (beyond {detail})";

    // ---- indicators and scores (rules 6, 7, 10) ----
    IndicatorUnknown = "INDICATOR_UNKNOWN", Error,
        "指标“{actual}”所属的上级指标在本评价体系中不存在", "indicator \"{actual}\" refers to a parent that this framework lacks";
    NodeNotOpen = "NODE_NOT_OPEN", Error,
        "“{expected}”下的三级指标由评价体系固定，不能自行增加（{actual}）", "lines under \"{expected}\" are fixed by the framework ({actual})";
    NodeEmpty = "NODE_EMPTY", Error,
        "{field}下尚未填写三级指标", "{field} has no indicator lines yet";
    WeightSum = "WEIGHT_SUM", Error,
        "{field}下各指标分值合计 {actual}{unit}，应等于 {expected}{unit}", "weights under {field} add up to {actual}{unit}, should be {expected}{unit}";
    TargetNotFigure = "TARGET_NOT_FIGURE", Warning,
        "{field}的年度指标值“{actual}”{detail}，已按定性指标评分；如为定量指标，请写成单一目标（如“≥95%”“≥50万人”）", "{field}: target \"{actual}\" is a range or uses Chinese numerals, so it is scored as qualitative; write one figure (e.g. ≥95%) for a quantitative target";
    ScoreOverWeight = "SCORE_OVER_WEIGHT", Error,
        "{field}得分 {actual}{unit} 超过分值 {expected}{unit}", "{field} score {actual}{unit} exceeds its weight {expected}{unit}";
    ScoreMismatch = "SCORE_MISMATCH", Error,
        "{field}按评分规则应得 {expected}{unit}，填报为 {actual}{unit}", "{field}: the scoring rule gives {expected}{unit}, entered {actual}{unit}";
    ScoreOverridden = "SCORE_OVERRIDDEN", Warning,
        "{field}按评分规则应得 {expected}{unit}，填报为 {actual}{unit}；已按填报得分计入总分，请在偏差原因中说明", "{field}: the scoring rule gives {expected}{unit}, entered {actual}{unit}, which counts; explain it in the reason";
    ScoreLocked = "SCORE_LOCKED", Error,
        "{field}的得分由系统按评分规则计算（{expected}{unit}），不能改填为 {actual}{unit}", "{field}: the score is computed by the scoring rule ({expected}{unit}) and cannot be entered as {actual}{unit}";
    ScoreTier = "SCORE_TIER", Error,
        "{field}完成情况为“{detail}”，得分应在 {expected} 之间，填报为 {actual}", "{field} is \"{detail}\": score should lie in {expected}, entered {actual}";
    ScoreMissing = "SCORE_MISSING", Error,
        "{field}需要填写得分（0 至 {expected} 分）", "{field} needs a score (0 to {expected})";
    TierMissing = "TIER_MISSING", Warning,
        "{field}为定性指标，实际完成值请注明“达成”“部分达成”或“未达成”", "{field} is qualitative: state 达成, 部分达成 or 未达成";
    CompletionMismatch = "COMPLETION_MISMATCH", Error,
        "{field}完成率应为 {expected}{unit}，填报为 {actual}{unit}", "{field} completion should be {expected}{unit}, entered {actual}{unit}";
    ReasonRequired = "REASON_REQUIRED", Error,
        "{field}未得满分（{actual}/{expected}），须填写偏差原因分析及改进措施", "{field} scored below full ({actual}/{expected}): a deviation reason is required";
    TargetTooLow = "TARGET_TOO_LOW", Warning,
        "{field}完成率 {actual}% 达到或超过 {expected}%，目标可能设定偏低，请在偏差原因中说明", "{field} completion {actual}% reaches {expected}%: target may be set too low; explain in the remarks";

    // ---- narrative ↔ figures (rule 12) ----
    NarrativeMismatch = "NARRATIVE_MISMATCH", Warning,
        "文中“{field}”为 {actual}，与{detail} {expected} 不一致", "the text states {field} {actual}, the figures give {expected} ({detail})";

    NarrativeMoreMismatches = "NARRATIVE_MORE_MISMATCHES", Warning,
        "本段共有 {actual} 处文字与表内数值不一致，以上只列出前 {expected} 处", "the text contradicts the figures in {actual} places; only the first {expected} are listed";
    NarrativeTooMany = "NARRATIVE_TOO_MANY", Info,
        "文中陈述数值超过 {expected} 处，只核对了前 {expected} 处", "the text states more than {expected} figures; only the first {expected} were checked";

    // ---- totals, grade, consistency (rules 7, 11) ----
    SubtotalMismatch = "SUBTOTAL_MISMATCH", Error,
        "{field}得分应为下级合计 {expected}{unit}，填报为 {actual}{unit}", "{field} score should be its children's sum {expected}{unit}, entered {actual}{unit}";
    ScoreRateMismatch = "SCORE_RATE_MISMATCH", Error,
        "{field}得分率应为 {expected}{unit}，填报为 {actual}{unit}", "{field} score rate should be {expected}{unit}, entered {actual}{unit}";
    TotalMismatch = "TOTAL_MISMATCH", Error,
        "总分应为各三级指标得分合计 {expected}{unit}，填报为 {actual}{unit}", "the total should be the sum of scores {expected}{unit}, entered {actual}{unit}";
    GradeMismatch = "GRADE_MISMATCH", Error,
        "总分 {detail} 对应的评价等次为“{expected}”，填报为“{actual}”", "a total of {detail} grades as \"{expected}\", entered \"{actual}\"";
    ScoreSpendGap = "SCORE_SPEND_GAP", Warning,
        "绩效得分率 {actual}% 明显高于预算执行得分率 {expected}%，请核实绩效与资金使用是否匹配", "performance score rate {actual}% runs well ahead of budget execution {expected}%";

    // ---- report, pack and upload loading ----
    ReportJson = "REPORT_JSON", Error,
        "报告数据格式错误：{detail}", "report JSON is malformed: {detail}";
    ReportTooLarge = "REPORT_TOO_LARGE", Error,
        "报告数据过大：{actual}，上限 {expected}", "report too large: {actual}, limit {expected}";
    JsonTooDeep = "JSON_TOO_DEEP", Error,
        "数据嵌套层数过多：超过 {expected} 层（位置：第 {detail} 字节）", "data nested deeper than {expected} levels (at byte {detail})";
    JsonDuplicateKey = "JSON_DUPLICATE_KEY", Error,
        "数据中同一对象内的键“{actual}”出现了不止一次，无法确定以哪一个为准（位置 {detail}）", "the key \"{actual}\" appears more than once in one object (at {detail})";
    FileUnreadable = "FILE_UNREADABLE", Error,
        "无法读取文件 {actual}：{detail}", "cannot read {actual}: {detail}";
    TextEncoding = "TEXT_ENCODING", Error,
        "文件 {actual} 不是 UTF-8 编码的文本（自第 {detail} 字节起无效；UTF-16 或 GBK 文件请另存为 UTF-8）", "{actual} is not UTF-8 text (invalid from byte {detail}; save UTF-16 or GBK files as UTF-8)";
    ReportPackMismatch = "REPORT_PACK_UNKNOWN", Error,
        "报告指定的评价体系“{actual}”不存在", "the report's pack \"{actual}\" is unknown";
    NotInPack = "NOT_IN_PACK", Warning,
        "{field}不在本评价体系（{detail}）中，已忽略", "{field} is not part of this framework ({detail}); ignored";
    UnknownPath = "UNKNOWN_PATH", Error,
        "不存在的字段路径“{actual}”", "no such field \"{actual}\"";
    PackJson = "PACK_JSON", Error,
        "评价体系（规则包）格式错误：{detail}", "pack JSON is malformed: {detail}";
    PackInvalid = "PACK_INVALID", Error,
        "评价体系（规则包）{field}无效：{detail}", "pack {field} is invalid: {detail}";
    PackWeightSum = "PACK_WEIGHT_SUM", Error,
        "评价体系中“{field}”的下级分值合计 {actual}，应为 {expected}", "pack: weights under \"{field}\" add up to {actual}, should be {expected}";
    PackTooLarge = "PACK_TOO_LARGE", Error,
        "评价体系（规则包）过大：{actual}，上限 {expected}", "pack too large: {actual}, limit {expected}";
    UploadJson = "UPLOAD_JSON", Error,
        "上报数据格式错误：{detail}", "upload JSON is malformed: {detail}";
    UploadVersion = "UPLOAD_SCHEMA_VERSION", Error,
        "上报数据版本“{actual}”不受支持（应为 {expected}）", "upload schema version \"{actual}\" is not supported ({expected})";
    UploadDigest = "UPLOAD_DIGEST", Error,
        "上报数据的摘要不符，内容可能被改动（应为 {expected}）", "upload digest mismatch: content was altered (expected {expected})";
    UploadPack = "UPLOAD_PACK", Error,
        "上报数据所用评价体系 {actual} 与服务器上的 {expected} 不一致", "upload pack {actual} differs from the server's {expected}";
    UploadInputChanged = "UPLOAD_INPUT_CHANGED", Error,
        "上报数据中的输入值 {field} 与报告原文不一致", "upload input {field} does not match the report";
    UploadComputedChanged = "UPLOAD_COMPUTED_CHANGED", Error,
        "上报数据中的计算值 {field} 为 {actual}，重新计算为 {expected}", "upload computed {field} is {actual}, recomputed {expected}";
    UploadFindingsChanged = "UPLOAD_FINDINGS_CHANGED", Error,
        "上报数据中的检查结果与重新检查不一致：{detail}", "upload findings differ from a fresh check: {detail}";

    // ---- Excel import and export (src/xlsx) ----
    XlsxUnreadable = "XLSX_UNREADABLE", Error,
        "无法读取 Excel 文件：{detail}", "cannot read the Excel file: {detail}";
    XlsxTooLarge = "XLSX_TOO_LARGE", Error,
        "Excel 文件的{field}为 {actual}，超过上限 {expected}", "the Excel file's {field} is {actual}, over the limit {expected}";
    XlsxZipBomb = "XLSX_ZIP_BOMB", Error,
        "Excel 文件中的“{actual}”解压后过大（{detail}），疑似压缩炸弹，已拒绝", "\"{actual}\" in the Excel file inflates too far ({detail}): refused as a zip bomb";
    XlsxNotATable = "XLSX_NOT_A_TABLE", Error,
        "工作簿中找不到项目支出绩效自评表：{detail}", "no self-evaluation table found in the workbook: {detail}";
    XlsxUnplaced = "XLSX_UNPLACED", Warning,
        "工作表“{field}”单元格 {detail} 的内容“{actual}”未能对应到自评表的栏目，未导入", "sheet \"{field}\" cell {detail}: \"{actual}\" fits no field of the table and was not imported";
    XlsxFormula = "XLSX_FORMULA", Info,
        "{field}取自单元格 {detail} 的公式计算结果“{actual}”", "{field} is the cached result \"{actual}\" of the formula in {detail}";
    XlsxFormulaEmpty = "XLSX_FORMULA_EMPTY", Warning,
        "工作表“{field}”单元格 {detail} 是公式“{actual}”，但文件中没有保存它的计算结果，未导入（请在 Excel 或 WPS 中打开并保存后再导入）", "sheet \"{field}\" cell {detail} holds the formula \"{actual}\" but no saved result; not imported (open and save it in Excel or WPS first)";
    XlsxExport = "XLSX_EXPORT", Error,
        "无法生成 Excel 文件：{detail}", "cannot write the Excel file: {detail}";
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
