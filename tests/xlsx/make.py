#!/usr/bin/env python3
"""Workbooks for jixiao's Excel import, made by an independent writer
(openpyxl, not jixiao's rust_xlsxwriter), in the layouts provinces hand
out, plus hostile files. Each NAME.xlsx gets NAME.expect.json, written
here by hand before jixiao ever read the file:

  {"pack": id, "fields": {pointer: text}, "lines": n,
   "findings": ["CODE" or "CODE@sheet!cell", ...]}   a report is expected
  {"error": "CODE"}                                  the file is refused

`fields` lists report fields (JSON Pointers into the report) and the
exact text each must hold; `lines` the number of indicator lines;
`findings` every finding import itself must give (no more, no fewer).
Figures come from real filed reports (sources in docs/real-reports-survey.md
and in each case below); all wording is ours.

Usage: make.py OUTDIR
"""
import datetime
import io
import json
import os
import re
import sys
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment

OUT = sys.argv[1] if len(sys.argv) > 1 else "test-output/xlsx"
os.makedirs(OUT, exist_ok=True)


def save(name, wb, expect, patch=None):
    path = os.path.join(OUT, name + ".xlsx")
    wb.save(path)
    if patch:
        patch(path)
    with open(os.path.join(OUT, name + ".expect.json"), "w", encoding="utf-8") as f:
        json.dump(expect, f, ensure_ascii=False, indent=1)


def put(ws, ref, value, fmt=None):
    ws[ref] = value
    if fmt:
        ws[ref].number_format = fmt
    ws[ref].alignment = Alignment(wrap_text=True)


def national_official():
    """财预〔2020〕10号 附件1 as counties fill it: title rows, merged
    labels, 其中 rows, a vertical 项目资金（万元）, a vertical 绩效指标,
    merged 一级/二级 cells, 总分. Figures: seed report 004 (特克斯县 2022)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    put(ws, "A1", "项目支出绩效自评表")
    ws.merge_cells("A1:J1")
    put(ws, "A2", "（2022年度）")
    ws.merge_cells("A2:J2")
    put(ws, "A3", "项目名称")
    ws.merge_cells("A3:B3")
    put(ws, "C3", "城乡居民基本医疗保险补助")
    ws.merge_cells("C3:J3")
    put(ws, "A4", "主管部门")
    ws.merge_cells("A4:B4")
    put(ws, "C4", "特克斯县医疗保障局")
    ws.merge_cells("C4:E4")
    put(ws, "F4", "实施单位")
    put(ws, "G4", "特克斯县医疗保障局")
    ws.merge_cells("G4:J4")
    put(ws, "A5", "项目资金\n（万元）")
    ws.merge_cells("A5:B9")
    for col, t in zip("CDEFGHI", ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        if t:
            put(ws, col + "5", t)
    rows = [
        ("年度资金总额", 156.96, 166.96, 166.96),
        ("其中：当年财政拨款", 156.96, 166.96, 166.96),
        ("上年结转资金", 0, 0, 0),
        ("其他资金", None, None, None),
    ]
    for i, (name, a, b, c) in enumerate(rows):
        r = 6 + i
        put(ws, f"C{r}", name)
        for col, v in zip("DEF", (a, b, c)):
            if v is not None:
                put(ws, f"{col}{r}", v)
    put(ws, "G6", 10)
    put(ws, "H6", 1, "0%")
    put(ws, "I6", 10)
    put(ws, "A10", "年度总体目标")
    ws.merge_cells("A10:A11")
    put(ws, "B10", "预期目标")
    ws.merge_cells("B10:F10")
    put(ws, "G10", "实际完成情况")
    ws.merge_cells("G10:J10")
    put(ws, "B11", "按标准足额拨付城乡居民参保财政补助。")
    ws.merge_cells("B11:F11")
    put(ws, "G11", "补助资金已全部拨付到位。")
    ws.merge_cells("G11:J11")
    put(ws, "A12", "绩效指标")
    ws.merge_cells("A12:A17")
    for col, t in zip("BCDEFGHI", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]):
        put(ws, f"{col}12", t)
    lines = [
        ("产出指标", "数量指标", "参保人数", "≥12.3万人", "12.59万人", 20, 20, None),
        ("产出指标", "质量指标", "财政补助到位率", "100%", "100%", 15, 15, None),
        ("产出指标", "时效指标", "补助资金拨付及时率", "100%", "100%", 5, 5, None),
        ("产出指标", "成本指标", "县级人均补助标准", "≤50元/人", "48.8元/人", 10, 10, None),
        ("效益指标", "社会效益指标", "参保群众医疗负担", "有效减轻", "有效减轻", 30, 30, None),
    ]
    for i, (l1, l2, name, target, actual, w, s, why) in enumerate(lines):
        r = 13 + i
        put(ws, f"D{r}", name)
        put(ws, f"E{r}", target)
        put(ws, f"F{r}", actual)
        put(ws, f"G{r}", w)
        put(ws, f"H{r}", s)
    put(ws, "B13", "产出指标")
    ws.merge_cells("B13:B16")
    put(ws, "C13", "数量指标")
    put(ws, "C14", "质量指标")
    put(ws, "C15", "时效指标")
    put(ws, "C16", "成本指标")
    put(ws, "B17", "效益指标")
    put(ws, "C17", "社会效益指标")
    put(ws, "A18", "总分")
    ws.merge_cells("A18:F18")
    put(ws, "G18", 100)
    put(ws, "H18", 90)
    put(ws, "A19", "评价等次")
    ws.merge_cells("A19:F19")
    put(ws, "G19", "优")
    ws.merge_cells("G19:J19")
    save("national-official", wb, {
        "pack": "national-2020",
        "fields": {
            "/basic/projectName": "城乡居民基本医疗保险补助",
            "/basic/department": "特克斯县医疗保障局",
            "/basic/implementingUnit": "特克斯县医疗保障局",
            "/basic/year": "2022",
            "/funds/unit": "万元",
            "/funds/rows/total/planned": "156.96",
            "/funds/rows/total/budget": "166.96",
            "/funds/rows/appropriation/spent": "166.96",
            "/funds/rows/carryover/planned": "0",
            "/stated/rates/budgetExecution": "100%",
            "/indicators/budget/score": "10",
            "/indicators/output.quantity.1/name": "参保人数",
            "/indicators/output.quantity.1/parent": "output.quantity",
            "/indicators/output.quantity.1/target": "≥12.3万人",
            "/indicators/output.quantity.1/weight": "20",
            "/indicators/output.cost.1/actual": "48.8元/人",
            "/indicators/benefit.social.1/name": "参保群众医疗负担",
            "/indicators/benefit.social.1/score": "30",
            "/narrative/goal": "按标准足额拨付城乡居民参保财政补助。",
            "/narrative/goalResult": "补助资金已全部拨付到位。",
            "/stated/totalScore": "90",
            "/stated/grade": "优",
        },
        "lines": 6,
        "findings": [],
    })


def common_framework_numbers():
    """The four-level 共性指标框架 table with its fixed 三级 lines, figures
    typed as numbers: percent-formatted (0.995 shown 99.5%), #,##0.00
    money, a date cell for 填报日期. Figures: seed report 001."""
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效自评"
    put(ws, "A1", "项目支出绩效自评表")
    put(ws, "A2", "项目名称")
    put(ws, "B2", "城乡居民基本医疗保险")
    put(ws, "D2", "实施单位")
    put(ws, "E2", "特克斯县医疗保障局")
    put(ws, "A3", "填报日期")
    put(ws, "B3", datetime.datetime(2023, 3, 22), "yyyy年m月d日")
    put(ws, "A5", "资金来源（万元）")
    for col, t in zip("BCDEF", ["年初预算数", "全年预算数", "实际到位", "实际支出", "结余"]):
        put(ws, f"{col}5", t)
    put(ws, "A6", "县(区)级财政")
    for col, v in zip("BCDEF", [617.57, 614.49, 614.49, 614.49, 0]):
        put(ws, f"{col}6", v, "#,##0.00")
    put(ws, "A7", "合计")
    for col, v in zip("BCDEF", [617.57, 614.49, 614.49, 614.49, 0]):
        put(ws, f"{col}7", v, "#,##0.00")
    heads = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "完成率", "得分"]
    for col, t in zip("ABCDEFGH", heads):
        put(ws, f"{col}9", t)
    rows = [
        ("过程", "资金管理", "资金到位率", None, 0.995, 4, None, 3.98),
        ("过程", "资金管理", "预算执行率", None, 0.995, 4, None, 3.98),
        ("产出", "产出数量", "实际完成率", "≥12.3万人", "12.59万人", 10, 1.0236, 10),
        ("产出", "产出成本", "成本节约率", "≥50元/人", "48.8元/人", 5, 0.976, 4.96),
    ]
    for i, (l1, l2, name, target, actual, w, rate, score) in enumerate(rows):
        r = 10 + i
        put(ws, f"A{r}", l1)
        put(ws, f"B{r}", l2)
        put(ws, f"C{r}", name)
        if target:
            put(ws, f"D{r}", target)
        put(ws, f"E{r}", actual, "0.0%" if isinstance(actual, float) else None)
        put(ws, f"F{r}", w)
        if rate is not None:
            put(ws, f"G{r}", rate, "0.00%")
        put(ws, f"H{r}", score)
    save("common-framework-numbers", wb, {
        "pack": "common-framework",
        "fields": {
            "/basic/projectName": "城乡居民基本医疗保险",
            "/basic/implementingUnit": "特克斯县医疗保障局",
            "/basic/filledOn": "2023年3月22日",
            "/funds/unit": "万元",
            "/funds/rows/county/planned": "617.57",
            "/funds/rows/total/balance": "0.00",
            "/indicators/process.funds.arrival/actual": "99.5%",
            "/indicators/process.funds.execution/score": "3.98",
            "/indicators/output.quantity.completion/completionRate": "102.36%",
            "/indicators/output.cost.saving/completionRate": "97.60%",
            "/indicators/output.cost.saving/score": "4.96",
        },
        "lines": 4,
        "findings": [],
    })


def instructions_first_reordered():
    """An instructions sheet before the table; extra title rows; columns
    in another order (实际完成值 before 年度指标值, 得分 before 分值); no
    merged cells, the 一级/二级 left blank below their first row; a blank
    row inside the table; a remark nobody can place. Figures: 大连 2024
    (R15 in tests/fixtures/real)."""
    wb = Workbook()
    info = wb.active
    info.title = "填表说明"
    put(info, "A1", "填表说明")
    put(info, "A2", "一、本表金额单位为万元。")
    ws = wb.create_sheet("2024年自评表")
    put(ws, "A1", "附件2")
    put(ws, "A2", "项目支出绩效自评表")
    put(ws, "A3", "（2024年度）")
    put(ws, "A4", "项目名称")
    put(ws, "B4", "城乡居民医疗保险市级补助")
    put(ws, "A5", "主管部门")
    put(ws, "B5", "大连市医疗保障局")
    put(ws, "C5", "实施单位")
    put(ws, "D5", "大连市医疗保险服务中心")
    heads = ["一级指标", "二级指标", "三级指标", "实际完成值", "年度指标值", "得分", "分值", "偏差原因分析及改进措施"]
    for col, t in zip("ABCDEFGH", heads):
        put(ws, f"{col}7", t)
    rows = [
        ("产出指标", "数量指标", "参保人数", "398.43万人", "≥390万人", 20, 20, None),
        (None, "质量指标", "财政补助资金到位率", "100%", "100%", 15, 15, None),
        None,
        (None, "时效指标", "补助资金拨付及时率", "95%", "100%", 4.75, 5, "第四季度拨付延后"),
        ("满意度指标", "服务对象满意度指标", "参保群众满意度", "92%", "≥90%", 10, 10, None),
    ]
    r = 8
    for row in rows:
        if row is not None:
            l1, l2, name, actual, target, score, w, why = row
            if l1:
                put(ws, f"A{r}", l1)
            put(ws, f"B{r}", l2)
            put(ws, f"C{r}", name)
            put(ws, f"D{r}", actual)
            put(ws, f"E{r}", target)
            put(ws, f"F{r}", score)
            put(ws, f"G{r}", w)
            if why:
                put(ws, f"H{r}", why)
        r += 1
    put(ws, "A14", "备注：本表数据以财政部门批复为准。")
    # The title's words below the table are somebody's text, not a title.
    put(ws, "A15", "本绩效自评表由财务科填写")
    save("instructions-first-reordered", wb, {
        "pack": "national-2020",
        "fields": {
            "/basic/projectName": "城乡居民医疗保险市级补助",
            "/basic/department": "大连市医疗保障局",
            "/basic/implementingUnit": "大连市医疗保险服务中心",
            "/basic/year": "2024",
            "/indicators/output.quantity.1/actual": "398.43万人",
            "/indicators/output.quantity.1/target": "≥390万人",
            "/indicators/output.quality.1/name": "财政补助资金到位率",
            "/indicators/output.timeliness.1/score": "4.75",
            "/indicators/output.timeliness.1/weight": "5",
            "/indicators/output.timeliness.1/reason": "第四季度拨付延后",
            "/indicators/satisfaction.service.1/actual": "92%",
        },
        "lines": 4,
        "findings": ["XLSX_UNPLACED@填表说明!A1", "XLSX_UNPLACED@填表说明!A2", "XLSX_UNPLACED@2024年自评表!A1", "XLSX_UNPLACED@2024年自评表!A14", "XLSX_UNPLACED@2024年自评表!A15"],
    })


def split_target_yuan_fullwidth():
    """A target over three columns 指标性质 / 指标值 / 度量单位; money in
    元 (项目资金（元）); full-width digits and spaces typed into cells and
    labels; a number typed as text. Figures: 石家庄长安区 2023 (R16)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    put(ws, "A1", "项 目 名 称")
    put(ws, "B1", "城乡居民医疗保险区级配套")
    put(ws, "A3", "项目资金（元）")
    for col, t in zip("BCD", ["年初预算数", "全年预算数", "全年执行数"]):
        put(ws, f"{col}3", t)
    put(ws, "A4", "年度资金总额")
    put(ws, "B4", "４５６７８９０")
    put(ws, "C4", 4567890)
    put(ws, "D4", "4,560,000.00")
    heads = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"]
    for col, t in zip("ABCDEFGHI", heads):
        put(ws, f"{col}6", t)
    rows = [
        ("产出指标", "数量指标", "参保人数", "≥", "12.3", "万人", "12.59", 20, 20),
        ("产出指标", "质量指标", "资金到位率", "＝", "100", "%", "100", 15, 15),
        ("效益指标", "社会效益指标", "群众负担", "定性", "有效减轻", "", "有效减轻", 30, 27),
    ]
    for i, row in enumerate(rows):
        for col, v in zip("ABCDEFGHI", row):
            if v != "":
                put(ws, f"{col}{7 + i}", v)
    put(ws, "A10", "总　分")
    put(ws, "I10", 62)
    save("split-target-yuan-fullwidth", wb, {
        "pack": "national-2020",
        "fields": {
            "/basic/projectName": "城乡居民医疗保险区级配套",
            "/funds/unit": "元",
            "/funds/rows/total/planned": "４５６７８９０",
            "/funds/rows/total/budget": "4567890",
            "/funds/rows/total/spent": "4,560,000.00",
            "/indicators/output.quantity.1/target": "≥12.3万人",
            "/indicators/output.quantity.1/actual": "12.59万人",
            "/indicators/output.quality.1/target": "=100%",
            "/indicators/output.quality.1/actual": "100%",
            "/indicators/benefit.social.1/target": "有效减轻",
            "/indicators/benefit.social.1/score": "27",
            "/stated/totalScore": "62",
        },
        "lines": 3,
        "findings": [],
    })


def hubei_formula():
    """湖北 2021 table (预算数 / 执行数, 年度绩效目标 as the 一级), the total
    score a SUM formula with its saved result, and one formula saved with
    no result. Figures: clean-hubei-2021 fixture."""
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    put(ws, "A1", "项目名称")
    put(ws, "B1", "基本公共卫生服务")
    put(ws, "A3", "项目资金（万元）")
    put(ws, "B3", "预算数")
    put(ws, "C3", "执行数")
    put(ws, "D3", "分值")
    put(ws, "E3", "执行率")
    put(ws, "F3", "得分")
    put(ws, "A4", "年度资金总额")
    put(ws, "B4", 500)
    put(ws, "C4", 495)
    put(ws, "D4", 20)
    put(ws, "E4", 0.99, "0.00%")
    put(ws, "F4", 19.8)
    for col, t in zip("ABCDEFG", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]):
        put(ws, f"{col}6", t)
    put(ws, "A7", "年度绩效目标")
    put(ws, "B7", "数量指标")
    put(ws, "C7", "服务人数")
    put(ws, "D7", "≥1万人")
    put(ws, "E7", "1.2万人")
    put(ws, "F7", 80)
    put(ws, "G7", 80)
    put(ws, "A8", "总分")
    ws["G8"] = "=F4+G7"
    put(ws, "A9", "评价等次")
    ws["B9"] = "=IF(G8>=90,\"优\",\"良\")"

    def patch(path):
        # openpyxl saves formulas without results; give G8 the result
        # Excel would save (99.8) and leave B9 without one.
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        name = "xl/worksheets/sheet1.xml"
        xml = parts[name].decode("utf-8")
        xml, n = re.subn(r'(<c r="G8"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?', r'\1<f>\2</f><v>99.8</v>', xml)
        if n == 0:
            xml, n = re.subn(r'(<c r="G8"[^>]*>)<f>([^<]*)</f>', r'\1<f>\2</f><v>99.8</v>', xml)
        assert n == 1, "formula cell G8 not found"
        parts[name] = xml.encode("utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for n, b in parts.items():
                z.writestr(n, b)

    save("hubei-formula", wb, {
        "pack": "hubei-2021",
        "fields": {
            "/basic/projectName": "基本公共卫生服务",
            "/funds/rows/total/budget": "500",
            "/funds/rows/total/spent": "495",
            "/stated/rates/budgetExecution": "99.00%",
            "/indicators/budget/score": "19.8",
            "/indicators/output.quantity.1/actual": "1.2万人",
            "/stated/totalScore": "99.8",
        },
        "lines": 2,
        "findings": ["XLSX_FORMULA@/stated/totalScore", "XLSX_FORMULA_EMPTY@自评表!B9"],
    }, patch)


def sichuan_other_sheet():
    """四川 2023 table on the second sheet (the first holds last year's
    notes), 调整后预算数 / 预算执行数, 其中 rows, 完成率 column."""
    wb = Workbook()
    first = wb.active
    first.title = "上年情况"
    put(first, "A1", "上年自评得分")
    ws = wb.create_sheet("本年自评")
    put(ws, "A1", "项目名称")
    put(ws, "B1", "医疗救助补助资金")
    put(ws, "A2", "项目资金（万元）")
    for col, t in zip("BCD", ["年初预算数", "调整后预算数", "预算执行数"]):
        put(ws, f"{col}2", t)
    for i, (name, vals) in enumerate([
        ("资金总额", (1200, 1260, 1248.3)),
        ("其中：财政资金", (1200, 1260, 1248.3)),
    ]):
        put(ws, f"A{3 + i}", name)
        for col, v in zip("BCD", vals):
            put(ws, f"{col}{3 + i}", v)
    for col, t in zip("ABCDEFGH", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "完成率", "得分"]):
        put(ws, f"{col}6", t)
    put(ws, "A7", "绩效指标")
    put(ws, "B7", "数量指标")
    put(ws, "C7", "救助人次")
    put(ws, "D7", "≥3万人次")
    put(ws, "E7", "3.4万人次")
    put(ws, "F7", 20)
    put(ws, "G7", "113.33%")
    put(ws, "H7", 20)
    save("sichuan-other-sheet", wb, {
        "pack": "sichuan-2023",
        "fields": {
            "/basic/projectName": "医疗救助补助资金",
            "/funds/rows/total/budget": "1260",
            "/funds/rows/appropriation/spent": "1248.3",
            "/indicators/output.quantity.1/completionRate": "113.33%",
            "/indicators/output.quantity.1/actual": "3.4万人次",
        },
        "lines": 1,
        "findings": ["XLSX_UNPLACED@上年情况!A1"],
    })


def fund_table_other_words():
    """A medical-insurance fund's 收支 table as a bureau words it (figures of
    玉溪市 2022 城乡居民医保, http://www.yuxi.gov.cn/yxszfxxgk/ybzdly/20231117/1493788.html):
    another title, 执行数 before 预算数, rows by other names (总收入,
    其中：基本医疗保险费收入, 本年收支结余, 年末滚存结余 …), thousands
    separators from the number format, a negative 结余, a unit in the row
    label."""
    wb = Workbook()
    ws = wb.active
    ws.title = "医保基金"
    put(ws, "A1", "评价体系：项目支出绩效自评表（财预〔2020〕10号）")
    put(ws, "A2", "项目名称")
    put(ws, "B2", "城乡居民基本医疗保险基金")
    put(ws, "A4", "医保基金收支情况（万元）")
    ws.merge_cells("A4:C4")
    for col, t in zip("ABC", ["项目", "执行数", "预算数"]):
        put(ws, f"{col}5", t)
    money = "#,##0.00"
    for i, (label, actual, budget) in enumerate([
        ("总收入", 151548.11, 150000),
        ("其中：基本医疗保险费收入", 61783.43, None),
        ("财政补助收入", 86741.53, None),
        ("利息收入", 1313.26, None),
        ("其他收入", 1709.89, None),
        ("总支出", 169874.04, 160000),
        ("基本医疗保险待遇支出", 154874.04, None),
        ("大病保险支出", 15000, None),
        ("本年收支结余", -18325.93, -10000),
        ("上年结余", 78027.17, None),
        ("年末滚存结余", 59701.24, None),
        ("可支付月数（个月）", 4.22, None),
    ]):
        put(ws, f"A{6 + i}", label)
        put(ws, f"B{6 + i}", actual, money if label != "可支付月数（个月）" else None)
        if budget is not None:
            put(ws, f"C{6 + i}", budget, money)
    t = "/tables/fundOperation/rows/"
    save("fund-table-other-words", wb, {
        "pack": "national-2020",
        "fields": {
            "/basic/projectName": "城乡居民基本医疗保险基金",
            "/tables/fundOperation/unit": "万元",
            t + "income/actual": "151,548.11",
            t + "income/budget": "150,000.00",
            t + "premiums/actual": "61,783.43",
            t + "subsidies/actual": "86,741.53",
            t + "spending/budget": "160,000.00",
            t + "seriousIllness/actual": "15,000.00",
            t + "balance/actual": "-18,325.93",
            t + "balance/budget": "-10,000.00",
            t + "carried/actual": "78,027.17",
            t + "accumulated/actual": "59,701.24",
            t + "months/actual": "4.22",
        },
        "lines": 0,
        "findings": [],
    })


def four_part_and_county():
    """四段式 (open 一级 nodes, no 二级) and 县级 2017 framework tables."""
    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    put(ws, "A1", "项目名称")
    put(ws, "B1", "困难群众参保资助")
    for col, t in zip("ABCDEF", ["一级指标", "二级指标", "三级指标", "分值", "得分", "实际完成值"]):
        put(ws, f"{col}3", t)
    put(ws, "A4", "项目决策与过程")
    put(ws, "C4", "资金拨付程序规范")
    put(ws, "D4", 40)
    put(ws, "E4", 38)
    put(ws, "A5", "项目产出")
    put(ws, "C5", "资助人数")
    put(ws, "D5", 25)
    put(ws, "E5", 25)
    put(ws, "F5", "3857人")
    save("four-part", wb, {
        "pack": "four-part",
        "fields": {
            "/basic/projectName": "困难群众参保资助",
            "/indicators/decisionProcess.1/name": "资金拨付程序规范",
            "/indicators/decisionProcess.1/score": "38",
            "/indicators/output.1/actual": "3857人",
            "/indicators/output.1/weight": "25",
        },
        "lines": 2,
        "findings": [],
    })
    wb = Workbook()
    ws = wb.active
    put(ws, "A1", "项目名称")
    put(ws, "B1", "县级医保经办能力建设")
    for col, t in zip("ABCDE", ["一级指标", "二级指标", "三级指标", "分值", "得分"]):
        put(ws, f"{col}3", t)
    put(ws, "A4", "项目决策")
    put(ws, "B4", "项目目标")
    put(ws, "C4", "目标明确")
    put(ws, "D4", 4)
    put(ws, "E4", 4)
    put(ws, "A5", "项目绩效")
    put(ws, "B5", "项目产出")
    put(ws, "C5", "培训人次")
    put(ws, "D5", 35)
    put(ws, "E5", 33)
    save("county-2017", wb, {
        "pack": "county-2017",
        "fields": {
            "/indicators/decision.goals.1/name": "目标明确",
            "/indicators/performance.output.1/score": "33",
        },
        "lines": 2,
        "findings": [],
    })


def not_a_table():
    wb = Workbook()
    ws = wb.active
    put(ws, "A1", "姓名")
    put(ws, "B1", "成绩")
    put(ws, "A2", "张三")
    put(ws, "B2", 95)
    save("not-a-table", wb, {"error": "XLSX_NOT_A_TABLE"})


def write_raw_xlsx(path, sheet_xml_chunks, shared=None):
    """A minimal valid .xlsx written by hand (zipfile), for the hostile
    cases openpyxl cannot make."""
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared else '')
          + '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wbxml = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared else '')
              + '</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wbxml)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in sheet_xml_chunks:
                f.write(chunk.encode("utf-8"))
        if shared:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                for chunk in shared:
                    f.write(chunk.encode("utf-8"))


def expect(name, e):
    with open(os.path.join(OUT, name + ".expect.json"), "w", encoding="utf-8") as f:
        json.dump(e, f, ensure_ascii=False)


def hostile():
    # Not a zip at all.
    with open(os.path.join(OUT, "hostile-not-zip.xlsx"), "wb") as f:
        f.write("项目名称,城乡居民医保\n".encode("utf-8") * 100)
    expect("hostile-not-zip", {"error": "XLSX_UNREADABLE"})
    # A zip bomb: one entry of 200 MB of zeros (about 200 KB compressed).
    path = os.path.join(OUT, "hostile-zip-bomb.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(200):
                f.write(block)
    expect("hostile-zip-bomb", {"error": "XLSX_ZIP_BOMB"})
    # 1,000,000 empty rows, then one label and its value.
    head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'

    def rows():
        yield head
        chunk = []
        for r in range(1, 1_000_001):
            chunk.append(f'<row r="{r}"/>')
            if len(chunk) == 10000:
                yield "".join(chunk)
                chunk = []
        yield ('<row r="1000001"><c r="A1000001" t="inlineStr"><is><t>项目名称</t></is></c>'
               '<c r="B1000001" t="inlineStr"><is><t>空行之后的项目</t></is></c></row></sheetData></worksheet>')
    write_raw_xlsx(os.path.join(OUT, "hostile-million-rows.xlsx"), rows())
    expect("hostile-million-rows", {"pack": None, "fields": {"/basic/projectName": "空行之后的项目"}, "lines": 0, "findings": []})
    # A shared-strings table of 700,000 strings (about 70 MB inflated).
    def strings():
        yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="700000" uniqueCount="700000">'
        for i in range(0, 700_000, 10_000):
            yield "".join(f"<si><t>共享字符串第{j:07d}条，用于测试导入对超大共享字符串表的限制</t></si>" for j in range(i, i + 10_000))
        yield "</sst>"
    write_raw_xlsx(os.path.join(OUT, "hostile-huge-strings.xlsx"),
                   [head, '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'], strings())
    expect("hostile-huge-strings", {"error": "XLSX_TOO_LARGE"})


national_official()
common_framework_numbers()
instructions_first_reordered()
split_target_yuan_fullwidth()
hubei_formula()
sichuan_other_sheet()
fund_table_other_words()
four_part_and_county()
not_a_table()
hostile()
print(f"workbooks written to {OUT}")
