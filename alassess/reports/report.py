"""The assessment report (reportlab platypus): what an office receives, signs off and files.

``render(ReportInput) -> (pdf bytes, pages)``. The report draws what the scoring service returns
(``alassess.services.scoring.evaluate``) and the plant's history the service layer hands it; it
computes no score and reads no database. A module whose result is ``None`` is reported as not
applicable to the sector, or as giving no result (with the entered data shown). Every page carries
"page x of y", the report id and the SHA-256 of the assessment data embedded in the PDF. Only the
bundled TrueType faces are used (embedded subsets).

The last page is the signature page; its stamp box is at :data:`SIGNATURE_BOX` (PDF points).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from alassess import __version__, standards
from alassess.domain import dross as _dross
from alassess.domain import fields as _fields
from alassess.domain import messages
from alassess.domain.assessment import Assessment
from alassess.domain.numbers import fmt
from alassess.reports import charts, fonts

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN
TOP = PAGE_H - 20 * mm  # top of the body frame
BOTTOM = 20 * mm  # bottom of the body frame
# Signature stamp box on the last page: x1, y1, x2, y2 in points (bottom-left origin)
SIGNATURE_BOX = (MARGIN, 138 * mm, MARGIN + 112 * mm, 172 * mm)

INK = colors.HexColor("#1b2631")
MUTED = colors.HexColor("#566573")
ACCENT = colors.HexColor("#1f5f99")
LIGHT = colors.HexColor("#eaf1f8")
RULE = colors.HexColor("#b0bec5")
TONES = {"good": colors.HexColor("#1e8449"), "bad": colors.HexColor("#c0392b"),
         "warn": colors.HexColor("#b9770e"), "none": colors.HexColor("#7f8c8d")}
SEVERITY_TONE = {"critical": "bad", "major": "warn", "minor": "none"}
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}

# ---- words --------------------------------------------------------------------------------------

T: dict[str, tuple[str, str]] = {
    "title": ("铝行业企业评估报告", "Aluminium plant assessment report"),
    "subtitle": ("循环经济绩效 · 指导指标与工艺技术 · 节能降碳 · 铝灰管理",
                 "Circular economy · guideline and technology · energy & carbon · aluminium dross"),
    "plant": ("企业名称", "Plant"), "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "sector": ("行业", "Sector"), "region": ("所在地区", "Region"), "address": ("地址", "Address"),
    "key_region": ("大气污染防治重点区域", "Air-pollution key region"),
    "period": ("评估期", "Period"), "assessor": ("评估人", "Assessor"), "organisation": ("评估机构", "Organisation"),
    "date": ("报告日期", "Report date"), "grade": ("循环经济等级", "Circular-economy grade"),
    "index": ("循环经济指数", "Circular-economy index"), "report_id": ("报告编号", "Report ID"),
    "data_hash": ("评估数据 SHA-256", "Assessment data SHA-256"),
    "data_note": ("本报告内嵌评估数据文件 assessment.json，其 SHA-256 见上；可用 alassess verify 核验签名并导出该文件。",
                  "The assessment data file assessment.json is embedded in this report; its SHA-256 is shown "
                  "above. alassess verify checks the signature and extracts the file."),
    "yes": ("是", "yes"), "no": ("否", "no"),
    "page": ("第 {x} 页 / 共 {y} 页", "Page {x} of {y}"),
    "s_summary": ("1 评估摘要", "1 Summary"),
    "s_requirements": ("2 基本要求", "2 Basic requirements"),
    "s_indicators": ("3 循环经济指标", "3 Circular-economy indicators"),
    "s_charts": ("4 图表", "4 Charts"),
    "s_ce_na": ("2–4 循环经济绩效评价", "2–4 Circular-economy evaluation"),
    "s_guideline": ("5 指导指标与工艺技术核查", "5 Guideline indicators and technology checklist"),
    "s_energy": ("6 节能降碳核查", "6 Energy-saving and carbon-reduction checks"),
    "s_dross": ("7 铝灰管理", "7 Aluminium dross"),
    "s_method": ("8 方法与依据", "8 Method and sources"),
    "s_signature": ("9 签署", "9 Signature"),
    "s_appendix": ("附录 本评估期台账明细", "Appendix: ledger entries of the period"),
    "not_for_sector": ("本部分不适用于{sector}行业。", "This part does not apply to the {sector} sector."),
    "no_result": ("本部分无评估结果：所需数据未填报。", "No result for this part: the data it needs were not entered."),
    "no_ce": ("循环经济绩效评价仅适用于氧化铝、电解铝行业，不适用于{sector}行业。",
              "The circular-economy evaluation applies to alumina and electrolytic aluminium only, not to the "
              "{sector} sector."),
    "key_figures": ("主要结论", "Key figures"),
    "grade_is": ("等级", "Grade"), "basic_met": ("基本要求", "Basic requirements"),
    "all_met": ("全部满足", "all met"), "some_unmet": ("未全部满足：{names}", "not all met: {names}"),
    "guideline_sum": ("指导指标", "Guideline indicators"),
    "guideline_counts": ("先进 {advanced} 项，达标 {compliant} 项，未达标 {below} 项，缺失 {missing} 项",
                         "{advanced} advanced, {compliant} compliant, {below} below, {missing} missing"),
    "banned_sum": ("淘汰类工艺技术", "Technologies to be phased out"),
    "banned_count": ("存在 {n} 项", "{n} present"), "none_present": ("未发现", "none present"),
    "energy_sum": ("节能降碳核查", "Energy & carbon checks"),
    "energy_counts": ("通过 {passed} 项，不通过 {failed} 项，缺失 {missing} 项，不适用 {na} 项",
                      "{passed} pass, {failed} fail, {missing} missing, {na} not applicable"),
    "dross_sum": ("铝灰管理要求符合率", "Dross management compliance"),
    "dross_findings_sum": ("铝灰问题", "Dross findings"),
    "dross_counts": ("严重 {critical} 项，重要 {major} 项，一般 {minor} 项", "{critical} critical, {major} major, {minor} minor"),
    "findings": ("最主要的问题", "Most serious findings"), "no_findings": ("未发现问题。", "No findings."),
    "more_findings": ("另有 {n} 项，见各部分。", "{n} more in the sections below."),
    "gap": ("距下一等级", "Gap to the next grade"),
    "gap_line": ("达到 {target} 还需 {points} 分（按修约后的指数计）。",
                 "{points} points to reach {target} (on the rounded index)."),
    "gap_reqs": ("还须满足基本要求：{names}", "Basic requirements still to meet: {names}"),
    "gap_top": ("已达到最高等级 5A。", "The highest grade, 5A, is reached."),
    "plan": ("组合提升方案", "Combined plan"), "plan_no": ("仅靠指标提升无法达到。", "Indicators alone cannot close the gap."),
    "raise": ("由 {a} 提高到 {b}（+{p} 分）", "from {a} to {b} (+{p} points)"),
    "requirement": ("要求", "Requirement"), "status": ("状态", "Status"), "source": ("依据", "Source"),
    "met": ("满足", "met"), "unmet": ("未满足", "not met"), "unanswered": ("未填写", "unanswered"),
    "indicator": ("指标", "Indicator"), "unit": ("单位", "Unit"), "value": ("企业值", "Value"),
    "benchmark": ("基准值", "Benchmark"), "score": ("得分", "Score"), "weight": ("权重", "Weight"),
    "survey": ("调研 平均/最小/最大", "Survey avg / min / max"), "position": ("所处位置", "Where the plant sits"),
    "entered_cons": ("由消耗量换算", "from consumption"),
    "missing": ("缺失（计 0 分）", "missing (scores 0)"),
    "pos_below_min": ("低于调研最小值", "below the survey minimum"),
    "pos_min_avg": ("调研最小值与平均值之间", "between survey minimum and average"),
    "pos_avg_max": ("调研平均值与最大值之间", "between survey average and maximum"),
    "pos_above_max": ("高于调研最大值", "above the survey maximum"),
    "pos_bench": ("达到基准值", "at or above the benchmark"),
    "legend_bar": ("“所处位置”图示：浅蓝条 = 行业调研最小值至最大值；黑线 = 调研平均值；红线 = 基准值；深蓝方块 = 企业。",
                   "“Where the plant sits”: light bar = survey minimum to maximum; black tick = survey average; "
                   "red line = benchmark; dark square = the plant."),
    "per_indicator": ("单项指标达到 {target} 所需值", "Value each indicator alone would need for {target}"),
    "current": ("当前值", "Current"), "needed": ("所需值", "Needed"), "not_alone": ("单项无法达到", "not reachable alone"),
    "consumption_needed": ("对应消耗量不高于", "Consumption at most"),
    "notes": ("说明", "Notes"), "warnings": ("合理性提示", "Plausibility warnings"),
    "chart_scores": ("各指标占基准值的百分比", "Each indicator as a percentage of its benchmark"),
    "chart_scores_note": ("红色虚线为基准值（100%）。", "The red dashed line is the benchmark (100 %)."),
    "leg_plant": ("企业", "plant"), "leg_survey": ("行业调研平均", "survey average"), "leg_bench": ("基准值", "benchmark"),
    "chart_trend": ("多期趋势：循环经济指数与各指标得分", "Trend over periods: index and indicator scores"),
    "trend_table": ("各期指数与等级", "Index and grade per period"),
    "no_trend": ("该企业只有本评估期的数据，暂无趋势。", "Only this period is on record for the plant; no trend yet."),
    "no_chart": ("无循环经济指标，无图表。", "No circular-economy indicators to chart."),
    "level": ("水平", "Level"), "compliant_at": ("达标值", "Compliant at"), "advanced_at": ("先进值", "Advanced at"),
    "technology": ("工艺技术", "Technology"), "part": ("所属部分", "Part"), "adopted": ("采用", "Adopted"),
    "guideline_table": ("指导指标（000 §6.2 表1）", "Guideline indicators (000 §6.2 Table 1)"),
    "encouraged": ("鼓励发展的工艺技术（000 §5.3，报告采用情况，不计分）",
                   "Encouraged technologies (000 §5.3; adoption reported, not scored)"),
    "encouraged_counts": ("已采用 {adopted} 项 / 共 {total} 项（已填写 {answered} 项）",
                          "{adopted} of {total} adopted ({answered} answered)"), "tech_list": ("淘汰类工艺技术核查（000 §5.3）", "Technologies to be phased out (000 §5.3)"),
    "banned_present": ("存在国家明令淘汰的工艺技术：{names}", "Technologies that must be phased out are present: {names}"),
    "present": ("存在", "present"), "absent": ("不存在", "absent"),
    "check": ("核查项", "Check"), "detail": ("说明", "Detail"), "clause": ("条款", "Clause"),
    "entered": ("填报数据", "Entered data"), "other_results": ("其他结果", "Other results"),
    "dross_class": ("铝灰类别", "Dross class"), "dross_code": ("废物代码", "Waste code"),
    "hazards": ("危险特性", "Hazard characteristics"), "production": ("铝产品产量", "Aluminium production"),
    "self_util": ("厂内回收金属铝", "In-plant metal recovery"),
    "generation": ("产生量：预期与申报", "Generation: expected against reported"),
    "kind": ("种类", "Kind"), "expected": ("预期范围（t）", "Expected range (t)"), "reported": ("申报（t）", "Reported (t)"),
    "primary": ("一次铝灰", "primary dross"), "secondary": ("二次铝灰", "secondary dross"),
    "primary_short": ("一次铝灰", "primary"), "secondary_short": ("二次铝灰", "secondary"),
    "not_determined": ("文件未给出系数", "no coefficient in the document"),
    "tolerance_note": ("预期范围 = 产量 × 产生系数（{src}）；超出范围 ±{pct}% 以外记为问题（应用默认值）。",
                       "Expected range = production × generation coefficient ({src}); outside the range by more "
                       "than ±{pct} % is a finding (app default)."),
    "findings_by_sev": ("问题（按严重程度）", "Findings by severity"),
    "severity": ("严重程度", "Severity"), "critical": ("严重", "critical"), "major": ("重要", "major"),
    "minor": ("一般", "minor"),
    "checklist": ("管理要求核查（004 §6）", "Management checklist (004 §6)"),
    "compliance": ("符合率 {pct}%", "Compliance {pct} %"),
    "ledger": ("台账汇总（{period} 年）", "Ledger summary ({period})"), "movement": ("流向", "Movement"),
    "entries": ("条数", "Entries"), "quantity": ("数量（t）", "Quantity (t)"),
    "ledger_span": ("本期台账 {n} 条（{a} 至 {b}）；嵌入的数据另含以往各期台账 {m} 条，用于库存结转。",
                    "{n} ledger entries in the period ({a} to {b}); the embedded data also holds {m} entries of "
                    "earlier periods, for the stock carried over."),
    "ledger_span_only": ("本期台账 {n} 条（{a} 至 {b}）。", "{n} ledger entries in the period ({a} to {b})."),
    "no_ledger": ("本评估期无台账记录。", "No ledger entries in the period."),
    "no_dross": ("未填报铝灰数据。", "No dross data entered."),
    "bal_opening_t": ("期初", "Opening"), "bal_generated_t": ("产生", "Generated"),
    "bal_self_utilized_t": ("厂内利用", "Used in-plant"), "bal_transferred_t": ("转移", "Transferred"),
    "bal_disposed_t": ("处置", "Disposed"), "bal_adjustment_t": ("调整", "Adjusted"), "bal_closing_t": ("期末", "Closing"),
    "stock": ("库存与贮存时间", "Stock and storage time"), "stock_t": ("库存（t）", "Stock (t)"),
    "oldest": ("最早入库", "Oldest"), "age_days": ("贮存天数", "Days stored"),
    "over_limit": ("超一年（t）", "Over one year (t)"),
    "deadlines": ("申报与报送期限", "Declarations and submissions"), "deadline": ("事项", "Item"),
    "due": ("截止日期", "Due"), "filed_on": ("报送日期", "Filed on"),
    "receivers": ("接收单位", "Receivers"), "receiver": ("接收单位", "Receiver"), "licence": ("许可证号", "Licence"),
    "codes": ("许可代码", "Codes"), "valid": ("有效期", "Valid"), "container": ("容器", "Container"),
    "manifest": ("联单号", "Manifest"), "entry_date": ("日期", "Date"),
    "m_scoring": ("循环经济评分方法", "Circular-economy scoring"),
    "m_score": ("单项得分", "Indicator score"),
    "m_score_text": ("单项得分 = 100 × min(企业值 / 基准值, 1)（均为产出类指标，越高越好）",
                     "score = 100 × min(value / benchmark, 1) (every indicator is an output ratio: higher is better)"),
    "m_index": ("指数", "Index"),
    "m_index_text": ("指数 = Σ（权重 × 单项得分）；缺失的指标计 0 分并列出",
                     "index = Σ (weight × score); a missing indicator scores 0 and is listed"),
    "m_rounding": ("修约", "Rounding"),
    "m_rounding_text": ("指数四舍五入保留两位小数，按修约后的数值定级（精确计算）",
                        "the index is rounded half-up to two decimals and graded on that number (exact arithmetic)"),
    "m_grades": ("等级", "Grades"), "m_weights": ("权重", "Weights"), "m_editions": ("数据版本", "Data editions"),
    "m_defaults": ("应用默认值（文件未规定之处）", "Application defaults (where the documents are silent)"),
    "m_plausibility": ("合理性提示：企业值低于调研最小值的 {low} 倍或高于调研最大值的 {high} 倍时，提示核对单位或行业（不影响评分）",
                       "Plausibility warning: a value below {low} × the survey minimum or above {high} × the survey "
                       "maximum asks to check the unit or the sector (it does not change the score)"),
    "m_tolerance": ("铝灰产生量核查容差：预期范围两侧各 ±{pct}%", "Dross generation check tolerance: ±{pct} % on each side of the expected range"),
    "m_severity": ("铝灰管理要求各项的严重程度（严重、重要、一般）", "Severity of each dross management requirement (critical, major, minor)"),
    "m_conversion": ("电力折标准煤系数 {v} kgce/kWh（{s}）", "Electricity to standard coal: {v} kgce/kWh ({s})"),
    "m_app": ("软件", "Application"), "m_sources": ("依据文件", "Source documents"),
    "m_guideline": ("指导指标与工艺技术评价方法", "Guideline levels and technology checks"),
    "m_energy": ("节能降碳核查阈值", "Energy & carbon thresholds"), "m_rule": ("规则", "Rule"),
    "threshold": ("阈值", "Threshold"),
    "m_file": ("数据文件", "Data file"), "m_document": ("文件", "Document"), "m_edition": ("版本", "Edition"),
    "m_requirements": ("基本要求全部满足方可定级", "every grade requires all basic requirements"),
    "sig_declare": ("评估人声明：本报告所列数据由被评估企业提供并经评估人现场核查，评分按第 8 部分所述方法计算。",
                    "Assessor's statement: the data in this report were provided by the plant and checked on site "
                    "by the assessor; scores follow the method in part 8."),
    "sig_box": ("电子签名（PAdES）", "Electronic signature (PAdES)"),
    "sig_how_title": ("如何核验", "How to verify"),
    "sig_how": ("1. 运行 alassess verify 本文件.pdf：检查签名是否完整有效、签名人证书是否受信任、内嵌数据是否与页脚的 SHA-256 一致。",
                "1. Run alassess verify this.pdf: it checks that the signature is intact and valid, whether the "
                "signer's certificate is trusted, and that the embedded data matches the SHA-256 in the footer."),
    "sig_how2": ("2. 也可用任何支持 PAdES 的 PDF 阅读器或 pdfsig 查看签名；对已签署范围的任何改动都会使签名失效。",
                 "2. Any PAdES-capable PDF reader, or pdfsig, also shows the signature; any change to the signed "
                 "bytes invalidates it."),
    "sig_how3": ("3. alassess verify 本文件.pdf --extract 评估.json 导出内嵌的评估数据，可直接导入数据库（alassess import）。",
                 "3. alassess verify this.pdf --extract assessment.json writes the embedded data, which imports "
                 "straight into a database (alassess import)."),
    "sig_unsigned": ("未签署的报告签名框为空。", "An unsigned report leaves the signature box empty."),
    "sig_hand": ("纸质签字与日期（如需要）", "Handwritten signature and date"),
}

LEVEL_WORDS = {
    "advanced": ("先进", "advanced"), "compliant": ("达标", "compliant"), "below": ("未达标", "below"),
    "missing": ("缺失", "missing"), "not_applicable": ("不适用", "not applicable"),
    "pass": ("通过", "pass"), "fail": ("不通过", "fail"), "benchmark": ("标杆水平", "benchmark level"),
    "baseline": ("基准水平", "baseline level"), "below_baseline": ("低于基准水平", "below baseline"),
    "present": ("存在", "present"), "absent": ("不存在", "absent"),
}
LEVEL_TONE = {"advanced": "good", "compliant": "good", "pass": "good", "benchmark": "good", "baseline": "warn",
              "below": "bad", "fail": "bad", "below_baseline": "bad", "missing": "none", "not_applicable": "none",
              "present": "bad", "absent": "good"}
GENERATION_WORDS = {  # (words, tone) for the generation check of each kind of dross
    "within": (("在预期范围内", "within the expected range"), "good"),
    "below": (("低于预期", "below expected"), "bad"), "above": (("高于预期", "above expected"), "bad"),
    "not_determined": (("文件未给出系数", "no coefficient in the document"), "none"),
    "not_checked": (("不核查（无厂内回收）", "not checked (no in-plant recovery)"), "none"),
    "no_production": (("未填报产量", "no production entered"), "none"),
    "not_reported": (("未申报产生量", "generation not reported"), "warn"),
}
DEADLINE_WORDS = {
    "filed": (("按时报送", "filed on time"), "good"), "filed_late": (("逾期报送", "filed late"), "warn"),
    "met": (("已满足", "met"), "good"), "upcoming": (("未到期", "not yet due"), "none"),
    "overdue": (("已逾期", "overdue"), "bad"),
}
DEADLINE_IDS = {"declaration": ("管理计划与年度申报", "management plan and annual declaration"),
                "annual_declaration": ("年度申报", "annual declaration"),
                "quarterly_ledger": ("台账季度报送", "quarterly ledger submission"),
                "ledger_submission": ("管理台账报送", "ledger submission")}
PART_WORDS = {"alumina": ("氧化铝", "alumina"), "electrolytic": ("电解", "electrolysis"),
              "carbon": ("碳素（阳极）", "carbon (anode)"), "recycled": ("再生铝", "recycled"),
              "processing": ("铝加工", "processing")}
HAZARD_WORDS = {"reactivity": ("反应性", "reactivity"), "toxicity": ("毒性", "toxicity")}
MOVEMENT_WORDS = {"generated": ("产生", "generated"), "self_utilized": ("厂内利用", "used in-plant"),
                  "transferred": ("转移", "transferred"), "disposed": ("处置", "disposed"),
                  "adjustment": ("调整", "adjustment")}
# The energy-saving and carbon-reduction checks (003 一、二、三): ids fixed by the assessment-file contract
ENERGY_CHECK_WORDS = {  # fallback labels (the energy module gives its own, with the thresholds from its data)
    "cell_current": ("电解槽电流强度", "Cell current"),
    "energy_efficiency": ("能效水平（铝液交流电耗）", "Energy efficiency (AC consumption of molten aluminium)"),
    "renewable_share": ("可再生能源使用比例", "Renewable-energy share"),
    "direct_alloying": ("铝水直接合金化比例", "Molten-aluminium direct alloying"),
    "clean_transport": ("清洁运输比例", "Clean transport share"),
    "env_performance": ("环保绩效等级", "Environmental performance grade"),
    "new_project_efficiency": ("新建、改扩建项目达到能效标杆水平", "New or expanded project at the efficiency benchmark"),
    "key_region_capacity": ("重点区域不新增产能", "No new capacity in air-pollution key regions"),
    "coal_units": ("不新建自备燃煤机组", "No new self-owned coal-fired units"),
}
ENERGY_CHECK_FIELDS = {
    "cell_current": ("cell_current_ka",), "energy_efficiency": ("ac_consumption_kwh_per_t",),
    "renewable_share": ("renewable_share_pct",), "direct_alloying": ("direct_alloying_pct",),
    "clean_transport": ("clean_transport_pct",), "env_performance": ("env_performance_grade", "new_or_expansion_project"),
    "new_project_efficiency": ("new_or_expansion_project", "ac_consumption_kwh_per_t"),
    "key_region_capacity": ("new_or_expansion_project",), "coal_units": ("new_self_owned_coal_units",),
}
# Dross finding ids of the assessment-file contract
FINDING_WORDS = {
    "generation_below_expected": ("产生量低于预期", "generation below expected"),
    "generation_above_expected": ("产生量高于预期", "generation above expected"),
    "negative_stock": ("库存为负", "negative stock"),
    "unregistered_receiver": ("接收单位未登记", "unregistered receiver"),
    "licence_expired": ("接收单位许可证过期", "receiver's licence expired"),
    "licence_scope": ("许可证不含该废物代码", "licence does not cover the code"),
    "missing_manifest": ("缺少转移联单号", "missing transfer manifest"),
    "secondary_self_utilized": ("二次铝灰被厂内利用", "secondary dross used in-plant"),
    "mixed_container": ("同一容器混装不同代码", "container holds two codes"),
    "storage_over_one_year": ("贮存超过一年", "stored over one year"),
    "declaration_overdue": ("申报逾期", "declaration overdue"),
}
SOURCE_DOCUMENTS = [
    ("001", "《循环经济绩效评价规范 铝行业》（征求意见稿）编制说明", "Circular-economy performance evaluation — aluminium industry (draft national standard), explanatory notes"),
    ("000", "《铝工业发展循环经济环境保护导则》编制说明", "Environmental-protection guideline for the circular economy in the aluminium industry, explanatory notes"),
    ("003", "《电解铝行业节能降碳专项行动计划》发改环资〔2024〕972号", "Action plan for energy saving and carbon reduction in electrolytic aluminium, NDRC 2024 No. 972"),
    ("004", "《危险废物环境管理指南 铝灰》（征求意见稿）", "Hazardous-waste management guide: aluminium dross (draft)"),
    ("002", "中国铝业集团降碳绩效报告（多期指标参照）", "A producer group's carbon-reduction report (model for multi-period indicators)"),
]


@dataclass
class HistoryPoint:
    """One period of the same plant, for trends (scores from the scoring service)."""

    period: str
    index: float | None
    grade: str | None
    scores: dict[str, float | None] = field(default_factory=dict)


@dataclass
class ReportInput:
    assessment: Assessment
    result: dict[str, Any]  # alassess.services.scoring.evaluate(...)
    lang: str
    report_id: str
    data_sha256: str
    created: _dt.datetime
    history: list[HistoryPoint] = field(default_factory=list)
    font_name: str = fonts.REGULAR
    text_filter: Callable[[str], str] | None = None  # replaces characters the font cannot draw


def num(v: Any, places: int = 4) -> str:
    """A number for a table: at most ``places`` decimals, no trailing zeros; text passes through."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float, Decimal, Fraction)):
        try:
            d = Decimal(str(v)) if isinstance(v, float) else v
            s = fmt(d, places)
        except (InvalidOperation, ValueError, TypeError):
            return str(v)
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return "0" if s in ("-0", "") else s
    return str(v)


class _Words:
    def __init__(self, lang: str, text_filter: Callable[[str], str] | None = None) -> None:
        self.lang = lang
        self._filter = text_filter or (lambda s: s)

    def __call__(self, key: str, **params: Any) -> str:
        zh, en = T[key]
        s = zh if self.lang == "zh" else en
        return s.format(**params) if params else s

    def pick(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.lang == "zh" else pair[1]

    def clean(self, s: Any) -> str:
        return self._filter(str(s))

    @property
    def sep(self) -> str:
        return "、" if self.lang == "zh" else ", "


# ---- page furniture: header, footer with "page x of y", report id and data hash ----------------

def _canvas_class(font: str, w: _Words, report_id: str, data_hash: str, plant: str):
    class NumberedCanvas(rl_canvas.Canvas):
        """Defers the page furniture until the page count is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font  # no standard-14 Helvetica in the file
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            n = self._pageNumber
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 14 * mm, PAGE_W - MARGIN, 14 * mm)
            self.setFillColor(INK)
            self.setFont(font, 7.5)
            self.drawString(MARGIN, 10 * mm, f"{w('report_id')}: {report_id}")
            self.drawRightString(PAGE_W - MARGIN, 10 * mm, w("page", x=n, y=total))
            self.setFont(font, 6.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 6.5 * mm, f"{w('data_hash')}: {data_hash}")
            if n > 1:
                self.setFont(font, 7.5)
                self.setFillColor(ACCENT)
                self.drawString(MARGIN, PAGE_H - 11 * mm, w("title"))
                self.setFillColor(INK)
                self.drawRightString(PAGE_W - MARGIN, PAGE_H - 11 * mm, plant)
                self.line(MARGIN, PAGE_H - 13 * mm, PAGE_W - MARGIN, PAGE_H - 13 * mm)
            self.restoreState()

    return NumberedCanvas


# ---- builder ------------------------------------------------------------------------------------

class _Builder:
    def __init__(self, inp: ReportInput) -> None:
        self.inp = inp
        self.a = inp.assessment
        self.r = inp.result or {}
        self.lang = inp.lang
        self.w = _Words(inp.lang, inp.text_filter)
        f = inp.font_name
        b = fonts.BOLD if f == fonts.REGULAR else f
        self.font, self.bold = f, b
        base = dict(fontName=f, bulletFontName=f, textColor=INK, wordWrap="CJK")
        head = dict(fontName=b, bulletFontName=f, textColor=ACCENT, wordWrap="CJK")
        self.st = {
            "body": ParagraphStyle("body", fontSize=9.5, leading=14, spaceAfter=2, **base),
            "small": ParagraphStyle("small", fontSize=8, leading=11, textColor=MUTED, fontName=f, bulletFontName=f,
                                    wordWrap="CJK"),
            "cell": ParagraphStyle("cell", fontSize=8, leading=10.5, **base),
            "cellb": ParagraphStyle("cellb", fontSize=8, leading=10.5, fontName=b, bulletFontName=f, textColor=INK,
                                    wordWrap="CJK"),
            "cell7": ParagraphStyle("cell7", fontSize=7.5, leading=10, **base),
            "cellb7": ParagraphStyle("cellb7", fontSize=7.5, leading=10, fontName=b, bulletFontName=f, textColor=INK,
                                     wordWrap="CJK"),
            "h1n": ParagraphStyle("h1n", fontSize=15, leading=20, spaceBefore=6, spaceAfter=6, **head),
            "h1": ParagraphStyle("h1", fontSize=15, leading=20, spaceBefore=6, spaceAfter=6, keepWithNext=1, **head),
            "h2": ParagraphStyle("h2", fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=4, keepWithNext=1, **head),
            "title": ParagraphStyle("title", fontSize=26, leading=34, alignment=TA_CENTER, **head),
            "subtitle": ParagraphStyle("subtitle", fontSize=10.5, leading=15, alignment=TA_CENTER,
                                       fontName=f, bulletFontName=f, textColor=MUTED, wordWrap="CJK"),
            "plant": ParagraphStyle("plant", fontSize=20, leading=26, alignment=TA_CENTER, fontName=b,
                                    bulletFontName=f, textColor=INK, wordWrap="CJK"),
            "badge": ParagraphStyle("badge", fontSize=34, leading=40, alignment=TA_CENTER, fontName=b,
                                    bulletFontName=f, textColor=colors.white),
            "badge_label": ParagraphStyle("badge_label", fontSize=12.5, leading=17, alignment=TA_LEFT, fontName=b,
                                          bulletFontName=f, textColor=INK, wordWrap="CJK"),
            "mono": ParagraphStyle("mono", fontSize=7.5, leading=10, **base),
        }

    # ---- small helpers ---------------------------------------------------------------------------
    def p(self, text: Any, style: str = "body") -> Paragraph:
        return Paragraph(escape(self.w.clean(text)).replace("\n", "<br/>"), self.st[style])

    def coloured(self, text: str, tone: str, style: str = "cell") -> Paragraph:
        c = TONES.get(tone, INK).hexval()[2:]
        return Paragraph(f'<font color="#{c}">{escape(self.w.clean(text))}</font>', self.st[style])

    def label(self, field_id: Any) -> str:
        try:
            return _fields.get(str(field_id)).label(self.lang)
        except Exception:
            return str(field_id)

    def unit(self, field_id: Any) -> str:
        try:
            return _fields.get(str(field_id)).unit
        except Exception:
            return ""

    def sector(self) -> str:
        return messages.sector_name(self.a.plant.sector, self.lang)

    def table(self, rows: list[list[Any]], widths: list[float], header: bool = True,
              extra: list[tuple] | None = None, plain: bool = False, size: float = 8) -> Table:
        """A ruled table (8 pt, or 7.5 with ``size=7.5``). Text that fits its column on one line is
        drawn as it is (fast); longer text wraps (a Paragraph) unless ``plain``. The header row is bold."""
        pad = 6.0
        small = size < 8

        def cell(c: Any, width: float, bold: bool) -> Any:
            if c is None or c == "":
                c = "—" if c is None else ""
            if isinstance(c, (int, float, Decimal)):
                c = num(c)
            if not isinstance(c, str):
                return c
            text = self.w.clean(c)
            font = self.bold if bold else self.font
            if (plain and not bold) or ("\n" not in text and stringWidth(text, font, size) <= width - pad):
                return text
            return self.p(text, ("cellb" if bold else "cell") + ("7" if small else ""))

        cells = [[cell(c, widths[j], header and i == 0) for j, c in enumerate(row)] for i, row in enumerate(rows)]
        t = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        style = [("FONTNAME", (0, 0), (-1, -1), self.font), ("FONTSIZE", (0, 0), (-1, -1), size),
                 ("LEADING", (0, 0), (-1, -1), 10 if small else 10.5), ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                 ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                 ("TOPPADDING", (0, 0), (-1, -1), 2.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2)]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), LIGHT))
            style.append(("FONTNAME", (0, 0), (-1, 0), self.bold))
        t.setStyle(TableStyle(style + (extra or [])))
        return t

    def header_row(self, *labels: str) -> list[Any]:
        return list(labels)

    def kv(self, pairs: list[tuple[str, Any]], key_w: float = 48 * mm) -> Table:
        rows = [[k, "—" if v in (None, "") else v] for k, v in pairs]
        return self.table(rows, [key_w, CONTENT_W - key_w], header=False,
                          extra=[("BACKGROUND", (0, 0), (0, -1), LIGHT)])

    def yn(self, v: Any) -> str:
        if v is None:
            return self.w("unanswered")
        return self.w("yes") if v else self.w("no")

    def level(self, v: Any) -> Paragraph:
        key = str(v) if v is not None else "missing"
        words = LEVEL_WORDS.get(key)
        return self.coloured(self.w.pick(words) if words else key, LEVEL_TONE.get(key, "none"))

    def severity(self, sev: Any) -> Paragraph:
        s = str(sev or "")
        return self.coloured(self.w(s) if s in SEVERITY_ORDER else s or "—", SEVERITY_TONE.get(s, "none"))

    def value_text(self, field_id: str, v: Any, unit: str | None = None) -> str:
        if v is None:
            return "—"
        if isinstance(v, bool):
            return self.yn(v)
        if isinstance(v, (int, float, Decimal, Fraction)):
            return f"{num(v)} {self.unit(field_id) if unit is None else unit}".strip()
        return str(v)

    def applies(self, module: str) -> bool:
        """Whether a module applies to the plant's sector (from the field catalogue and dross data)."""
        sector = self.a.plant.sector
        if module == "dross":
            return _dross.applies(sector)
        groups = {"guideline": ("guideline", "technology"), "energy": ("energy",)}[module]
        return any(_fields.for_sector(sector, g) for g in groups)

    def absent(self, module: str, entered_groups: tuple[str, ...]) -> list[Any]:
        """What a section shows when its module gave no result."""
        if not self.applies(module):
            return [self.p(self.w("not_for_sector", sector=self.sector()))]
        return [self.p(self.w("no_result"))] + self.entered(entered_groups)

    def entered(self, groups: tuple[str, ...]) -> list[Any]:
        """The entered values of these field groups."""
        rows: list[list[Any]] = [self.header_row(self.w("indicator"), self.w("value"))]
        for g in groups:
            for f in _fields.for_sector(self.a.plant.sector, g):
                if f.id in self.a.values:
                    rows.append([f.label(self.lang), self.value_text(f.id, self.a.values[f.id])])
        if len(rows) == 1:
            return []
        return [self.p(self.w("entered"), "h2"), self.table(rows, [120 * mm, CONTENT_W - 120 * mm])]

    def rest(self, d: dict[str, Any], skip: set[str]) -> list[Any]:
        """Scalar results a module returns beyond the contract's keys (shown, not dropped)."""
        pairs = [(k.replace("_", " "), self.yn(v) if isinstance(v, bool) else num(v))
                 for k, v in d.items() if k not in skip and v is not None and not isinstance(v, (dict, list))]
        return [self.p(self.w("other_results"), "h2"), self.kv(pairs)] if pairs else []

    # ---- cover -------------------------------------------------------------------------------------
    def cover(self) -> list[Any]:
        w, a, ce = self.w, self.a, self.r.get("circular_economy")
        story: list[Any] = [Spacer(1, 26 * mm), self.p(w("title"), "title"), Spacer(1, 2 * mm),
                            self.p(w("subtitle"), "subtitle"), Spacer(1, 18 * mm), self.p(a.plant.name, "plant"),
                            Spacer(1, 3 * mm), self.p(f"{self.sector()} · {a.period}", "subtitle"), Spacer(1, 12 * mm)]
        if ce:
            badge = self.p(ce.get("grade") if ce.get("grade") in ("5A", "4A", "3A") else "—", "badge")
            colon = "：" if self.lang == "zh" else ": "
            unmet = ce.get("requirements_unmet") or []
            reqs = w("all_met") if not unmet else w("some_unmet", names=w.sep.join(self.label(x) for x in unmet))
            info = [self.p(ce.get("grade_label") or "", "badge_label"),
                    self.p(f"{w('index')}{colon}{num(ce.get('index'), 2)}", "body"),
                    self.p(f"{w('basic_met')}{colon}{reqs}", "body")]
            t = Table([[badge, info]], colWidths=[42 * mm, 110 * mm], hAlign="CENTER")
            t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.font),
                                   ("BACKGROUND", (0, 0), (0, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("BOX", (0, 0), (-1, -1), 0.8, ACCENT), ("LEFTPADDING", (1, 0), (1, 0), 10),
                                   ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                                   ("BACKGROUND", (1, 0), (1, 0), LIGHT)]))
            story.append(t)
        else:
            story.append(self.p(w("no_ce", sector=self.sector()), "subtitle"))
        story.append(Spacer(1, 14 * mm))
        story.append(self.kv([
            (w("credit_code"), a.plant.credit_code or "—"),
            (w("sector"), self.sector()),
            (w("region"), a.plant.region or "—"),
            (w("period"), a.period),
            (w("assessor"), a.assessor.name or "—"),
            (w("organisation"), a.assessor.organisation or "—"),
            (w("date"), self.inp.created.astimezone().strftime("%Y-%m-%d")),
            (w("report_id"), self.inp.report_id),
            (w("data_hash"), self.p(self.inp.data_sha256, "mono")),
        ]))
        story += [Spacer(1, 4 * mm), self.p(w("data_note"), "small"), NextPageTemplate("body"), PageBreak()]
        return story

    # ---- summary -----------------------------------------------------------------------------------
    def findings(self) -> list[tuple[str, str]]:
        """(severity, text) for the summary, most serious first."""
        w, out = self.w, []
        colon = "：" if self.lang == "zh" else ": "
        ce = self.r.get("circular_economy")
        if ce:
            for rid in ce.get("requirements_unmet") or []:
                out.append(("critical", f"{w('basic_met')}{colon}{self.label(rid)} — {w('unmet')}"))
            for mid in ce.get("missing") or []:
                out.append(("major", f"{self.label(mid)}{colon}{w('missing')}"))
        g = self.r.get("guideline")
        if isinstance(g, dict):
            for tid in g.get("banned_technologies") or []:
                tid_s = tid.get("id") if isinstance(tid, dict) else tid
                out.append(("critical", f"{w('banned_sum')}{colon}{self.label(tid_s)} — {w('present')}"))
            for item in g.get("indicators") or []:
                if isinstance(item, dict) and item.get("level") == "below":
                    out.append(("major", f"{self.label(item.get('id'))}{colon}{self.w.pick(LEVEL_WORDS['below'])}"))
        e = self.r.get("energy_carbon")
        if isinstance(e, dict):
            for item in e.get("checks") or []:
                if isinstance(item, dict) and item.get("status") in ("fail", "below_baseline"):
                    detail = item.get("detail") or self.w.pick(LEVEL_WORDS.get(str(item.get("level")), LEVEL_WORDS["fail"]))
                    out.append((item.get("severity") or "major", f"{self.check_label(item)}{colon}{detail}"))
        d = self.r.get("dross")
        if isinstance(d, dict):
            for f in d.get("findings") or []:
                if isinstance(f, dict):
                    out.append((f.get("severity") or "minor",
                                f"{self.finding_label(f.get('id'))}{colon}{f.get('detail') or ''}".rstrip(colon)))
        out.sort(key=lambda x: SEVERITY_ORDER.get(x[0], 3))
        return out

    def summary(self) -> list[Any]:
        w, ce = self.w, self.r.get("circular_economy")
        story: list[Any] = [self.p(w("s_summary"), "h1"), self.p(w("key_figures"), "h2")]
        pairs: list[tuple[str, Any]] = []
        if ce:
            pairs.append((w("grade_is"), f"{ce.get('grade_label')}（{ce.get('grade')}）" if self.lang == "zh"
                          else f"{ce.get('grade_label')} ({ce.get('grade')})"))
            pairs.append((w("index"), num(ce.get("index"), 2)))
            unmet = ce.get("requirements_unmet") or []
            pairs.append((w("basic_met"), w("all_met") if not unmet else
                          w("some_unmet", names=w.sep.join(self.label(x) for x in unmet))))
        else:
            pairs.append((w("grade"), w("no_ce", sector=self.sector())))
        g = self.r.get("guideline")
        if isinstance(g, dict):
            counts = {k: 0 for k in ("advanced", "compliant", "below", "missing")}
            for it in g.get("indicators") or []:
                if isinstance(it, dict) and it.get("level") in counts:
                    counts[it["level"]] += 1
            pairs.append((w("guideline_sum"), w("guideline_counts", **counts)))
            banned = g.get("banned_technologies") or []
            pairs.append((w("banned_sum"), w("banned_count", n=len(banned)) if banned else w("none_present")))
        e = self.r.get("energy_carbon")
        if isinstance(e, dict):
            c = {"pass": 0, "fail": 0, "missing": 0, "not_applicable": 0}
            for it in e.get("checks") or []:
                if isinstance(it, dict) and it.get("status") in c:
                    c[it["status"]] += 1
            pairs.append((w("energy_sum"), w("energy_counts", passed=c["pass"], failed=c["fail"],
                                             missing=c["missing"], na=c["not_applicable"])))
        d = self.r.get("dross")
        if isinstance(d, dict):
            if d.get("compliance_pct") is not None:
                pairs.append((w("dross_sum"), f"{num(d['compliance_pct'], 1)}%"))
            sev = {"critical": 0, "major": 0, "minor": 0}
            for f in d.get("findings") or []:
                if isinstance(f, dict) and f.get("severity") in sev:
                    sev[f["severity"]] += 1
            pairs.append((w("dross_findings_sum"), w("dross_counts", **sev)))
        story.append(self.kv(pairs))
        story.append(self.p(w("findings"), "h2"))
        found = self.findings()
        if not found:
            story.append(self.p(w("no_findings")))
        else:
            rows = [self.header_row(w("severity"), w("detail"))]
            for sev, text in found[:12]:
                rows.append([self.severity(sev), text])
            story.append(self.table(rows, [22 * mm, CONTENT_W - 22 * mm]))
            if len(found) > 12:
                story.append(self.p(w("more_findings", n=len(found) - 12), "small"))
        if ce:
            story.append(self.p(w("gap"), "h2"))
            ng = ce.get("next_grade")
            if not ng:
                story.append(self.p(w("gap_top")))
            else:
                story.append(self.p(w("gap_line", target=ng["target"], points=num(ng.get("points_needed"), 2))))
                if ng.get("requirements_unmet"):
                    story.append(self.p(w("gap_reqs", names=w.sep.join(self.label(x) for x in ng["requirements_unmet"]))))
                if ng.get("plan"):
                    rows = [self.header_row(w("plan"), "")]
                    for s in ng["plan"]:
                        rows.append([f"{self.label(s['id'])} ({self.unit(s['id'])})",
                                     w("raise", a=num(s.get("from")), b=num(s.get("to")), p=num(s.get("points"), 2))])
                    story.append(self.table(rows, [70 * mm, CONTENT_W - 70 * mm]))
                    if not ng.get("plan_reaches", True):
                        story.append(self.p(w("plan_no"), "small"))
        return story

    # ---- circular economy --------------------------------------------------------------------------
    def requirements(self) -> list[Any]:
        w, ce = self.w, self.r.get("circular_economy")
        story: list[Any] = [CondPageBreak(50 * mm), self.p(w("s_requirements"), "h1")]
        if not ce:
            return story + [self.p(w("no_ce", sector=self.sector()))]
        rows: list[list[Any]] = [self.header_row(w("requirement"), w("status"), w("source"))]
        for rid, v in (ce.get("requirements") or {}).items():
            tone = "good" if v is True else ("bad" if v is False else "none")
            text = w("met") if v is True else (w("unmet") if v is False else w("unanswered"))
            src = ""
            try:
                src = _fields.get(rid).source
            except Exception:
                pass
            rows.append([self.label(rid), self.coloured(text, tone), src])
        story.append(self.table(rows, [CONTENT_W - 62 * mm, 22 * mm, 40 * mm]))
        story.append(self.p(w("m_requirements"), "small"))
        return story

    def _position(self, val: float, sv: dict[str, Any], bench: float | None) -> str:
        w = self.w
        if bench is not None and val >= bench:
            return w("pos_bench")
        lo, avg, hi = sv.get("min"), sv.get("avg"), sv.get("max")
        if lo is None or avg is None or hi is None:
            return ""
        if val < lo:
            return w("pos_below_min")
        if val < avg:
            return w("pos_min_avg")
        if val <= hi:
            return w("pos_avg_max")
        return w("pos_above_max")

    def indicators(self) -> list[Any]:
        w, ce = self.w, self.r.get("circular_economy")
        story: list[Any] = [CondPageBreak(80 * mm), self.p(w("s_indicators"), "h1")]
        if not ce:
            return story + [self.p(w("no_ce", sector=self.sector()))]
        rows: list[list[Any]] = [self.header_row(w("indicator"), w("unit"), w("value"), w("benchmark"), w("score"),
                                                 w("weight"), w("survey"), w("position"))]
        notes = []
        for it in ce.get("indicators") or []:
            iid = it["id"]
            sv = it.get("survey") or {}
            val = it.get("value")
            name = self.label(iid)
            if it.get("entered_as") == "consumption":
                name += f"\n({w('entered_cons')})"
            if it.get("note"):
                notes.append(f"{self.label(iid)}: {it['note']}")
            if val is None:
                pos: list[Any] = [self.coloured(w("missing"), "bad")]
            else:
                pos = [self.p(self._position(val, sv, it.get("benchmark")), "cell")]
            if val is not None and sv and None not in (sv.get("min"), sv.get("avg"), sv.get("max")):
                pos.insert(0, charts.range_bar(self.font, val, sv["min"], sv["avg"], sv["max"],
                                               it.get("benchmark") or 0, width=34 * mm))
            rows.append([name, self.unit(iid), num(val), num(it.get("benchmark")), num(it.get("score"), 2),
                         it.get("weight") or "", f"{num(sv.get('avg'))} / {num(sv.get('min'))} / {num(sv.get('max'))}",
                         pos])
        widths = [32 * mm, 11 * mm, 15 * mm, 17 * mm, 12 * mm, 12 * mm, 24 * mm]
        widths.append(CONTENT_W - sum(widths))
        story.append(self.table(rows, widths))
        story.append(Spacer(1, 1.5 * mm))
        story.append(self.p(w("legend_bar"), "small"))
        if notes:
            story.append(self.p(w("notes"), "h2"))
            story += [self.p("• " + n, "small") for n in notes]
        if ce.get("warnings"):
            story.append(self.p(w("warnings"), "h2"))
            story += [self.p("• " + n, "small") for n in ce["warnings"]]
        ng = ce.get("next_grade")
        if ng and ng.get("indicators"):
            rows = [self.header_row(w("indicator"), w("current"), w("needed"), w("consumption_needed"))]
            for g in ng["indicators"]:
                needed = num(g.get("value_needed")) if g.get("reachable_alone") else w("not_alone")
                cons = ""
                if g.get("consumption_needed") is not None and g.get("consumption_id"):
                    cons = f"{num(g['consumption_needed'])} {self.unit(g['consumption_id'])}"
                rows.append([f"{self.label(g['id'])} ({self.unit(g['id'])})", num(g.get("current")), needed, cons])
            story.append(KeepTogether([self.p(w("per_indicator", target=ng["target"]), "h2"),
                                       self.table(rows, [62 * mm, 30 * mm, 40 * mm, CONTENT_W - 132 * mm])]))
        return story

    def charts_section(self) -> list[Any]:
        w, ce = self.w, self.r.get("circular_economy")
        story: list[Any] = [CondPageBreak(120 * mm), self.p(w("s_charts"), "h1")]
        if not ce or not ce.get("indicators"):
            story.append(self.p(w("no_chart")))
        else:
            labels, plant, survey = [], [], []
            for it in ce["indicators"]:
                b = it.get("benchmark") or 0
                labels.append(self.w.clean(self.label(it["id"])))
                plant.append(round(100.0 * (it.get("value") or 0) / b, 1) if b else 0.0)
                avg = (it.get("survey") or {}).get("avg")
                survey.append(round(100.0 * avg / b, 1) if b and avg is not None else 0.0)
            story.append(KeepTogether([
                self.p(w("chart_scores"), "h2"),
                charts.scores_chart(self.font, labels, plant, survey, (w("leg_plant"), w("leg_survey"), w("leg_bench"))),
                self.p(w("chart_scores_note"), "small")]))
        # the trend: this period and the ones before it
        hist = sorted((h for h in self.inp.history if h.period <= self.a.period), key=lambda h: h.period)
        story.append(self.p(w("chart_trend"), "h2"))
        if len(hist) < 2 or all(h.index is None for h in hist):
            story.append(self.p(w("no_trend")))
            return story
        ids = [it["id"] for it in (ce or {}).get("indicators", [])]
        series: list[tuple[str, list[float | None]]] = [(w("index"), [h.index for h in hist])]
        for iid in ids:
            series.append((self.w.clean(self.label(iid)), [h.scores.get(iid) for h in hist]))
        grades = [(float(g["min_index"]), g["id"]) for g in standards.load("circular_economy")["grades"]]
        story.append(charts.trend_chart(self.font, [h.period for h in hist], series, grades))
        rows = [self.header_row(w("period"), w("index"), w("grade_is"))]
        none_label = standards.load("circular_economy")["none_label_zh" if self.lang == "zh" else "none_label_en"]
        for h in hist:
            grade = h.grade if h.grade in ("5A", "4A", "3A") else (none_label if h.grade else "—")
            rows.append([h.period, num(h.index, 2) if h.index is not None else "—", grade])
        story.append(KeepTogether([self.p(w("trend_table"), "h2"),
                                   self.table(rows, [30 * mm, 36 * mm, 70 * mm])]))
        return story

    # ---- guideline and technology ------------------------------------------------------------------
    def guideline(self) -> list[Any]:
        w, g = self.w, self.r.get("guideline")
        story: list[Any] = [CondPageBreak(60 * mm), self.p(w("s_guideline"), "h1")]
        if not isinstance(g, dict):
            return story + self.absent("guideline", ("guideline", "technology"))
        # indicators that apply to the sector (the module may list the others as not applicable)
        items = [it for it in g.get("indicators") or [] if isinstance(it, dict) and it.get("applies", True) is not False]
        if items:
            story.append(self.p(w("guideline_table"), "h2"))
            rows: list[list[Any]] = [self.header_row(w("indicator"), w("value"), w("compliant_at"),
                                                     w("advanced_at"), w("level"), w("source"))]
            for it in items:
                iid = str(it.get("id", ""))
                val = it.get("value", self.a.values.get(iid))
                rows.append([it.get("label") or self.label(iid), self.value_text(iid, val, it.get("unit")),
                             self._threshold(it, "compliant"), self._threshold(it, "advanced"),
                             self.level(it.get("level")), it.get("source") or ""])
            story.append(self.table(rows, [CONTENT_W - 126 * mm, 22 * mm, 18 * mm, 18 * mm, 22 * mm, 46 * mm]))
        # technologies that must be phased out
        banned = [b.get("id") if isinstance(b, dict) else b for b in g.get("banned_technologies") or []]
        tech = g.get("technology") if isinstance(g.get("technology"), dict) else {}
        story.append(self.p(w("tech_list"), "h2"))
        if banned:
            story.append(self.coloured(w("banned_present", names=w.sep.join(self.tech_label(b, tech) for b in banned)),
                                       "bad", "body"))
        rows = [self.header_row(w("technology"), w("part"), w("status"))]
        tech_items = [t for t in tech.get("items") or [] if isinstance(t, dict)]
        if tech_items:
            for t in tech_items:
                present = t.get("present")
                state = "missing" if present is None else ("present" if present else "absent")
                rows.append([t.get("label") or self.label(t.get("id")), self.part(t.get("part")), self.level(state)])
        else:  # the entered answers, marked by the module's list of technologies present
            for f in _fields.for_sector(self.a.plant.sector, "technology"):
                v = True if f.id in banned else self.a.values.get(f.id)
                state = "missing" if v is None else ("present" if v else "absent")
                rows.append([f.label(self.lang), "", self.level(state)])
        if len(rows) > 1:
            story.append(self.table(rows, [CONTENT_W - 60 * mm, 30 * mm, 30 * mm]))
        elif not banned:
            story.append(self.coloured(w("none_present"), "good", "body"))
        # encouraged technologies: adoption reported, not scored
        enc = g.get("encouraged") if isinstance(g.get("encouraged"), dict) else {}
        enc_items = [t for t in enc.get("items") or [] if isinstance(t, dict)]
        if enc_items:
            story.append(self.p(w("encouraged"), "h2"))
            if enc.get("total") is not None:
                story.append(self.p(w("encouraged_counts", adopted=enc.get("adopted_count", 0), total=enc["total"],
                                      answered=enc.get("answered_count", 0)), "small"))
            rows = [self.header_row(w("technology"), w("part"), w("adopted"))]
            for t in enc_items:
                a = t.get("adopted")
                rows.append([t.get("label") or self.label(t.get("id")), self.part(t.get("part")),
                             self.coloured(self.yn(a), "good" if a else "none")])
            story.append(self.table(rows, [CONTENT_W - 60 * mm, 30 * mm, 30 * mm]))
        for key, val in g.items():
            if key in ("indicators", "banned_technologies") or not isinstance(val, list) or not val:
                continue
            story.append(self.p(key.replace("_", " "), "h2"))
            story.append(self.table([[self.label(x.get("id") if isinstance(x, dict) else x)] for x in val],
                                    [CONTENT_W], header=False))
        story += self.standard_note(g)
        story += self.rest(g, {"indicators", "banned_technologies"})
        return story

    def tech_label(self, tid: Any, tech: dict[str, Any]) -> str:
        for t in tech.get("items") or []:
            if isinstance(t, dict) and t.get("id") == tid and t.get("label"):
                return str(t["label"])
        return self.label(tid)

    def part(self, part: Any) -> str:
        if not part:
            return ""
        return self.w.pick(PART_WORDS.get(str(part), (str(part), str(part))))

    def standard_note(self, d: dict[str, Any]) -> list[Any]:
        std = d.get("standard")
        if not isinstance(std, dict) or not (std.get("source") or std.get("edition")):
            return []
        text = " — ".join(str(x) for x in (std.get("source"), std.get("edition")) if x)
        return [Spacer(1, 1.5 * mm), self.p(f"{self.w('source')}{'：' if self.lang == 'zh' else ': '}{text}", "small")]

    def _threshold(self, it: dict[str, Any], level: str) -> str:
        """A threshold as the module gives it: ``compliant`` / ``advanced`` (number or {"min": …}),
        or ``thresholds: {"compliant": …}``."""
        v = it.get(level)
        if v is None and isinstance(it.get("thresholds"), dict):
            v = it["thresholds"].get(level)
        if isinstance(v, dict):
            v = v.get("min", v.get("value"))
        if v is None:
            return "—"
        return f"≥ {num(v)}" if isinstance(v, (int, float, Decimal)) else str(v)

    # ---- energy and carbon -------------------------------------------------------------------------
    def check_label(self, item: dict[str, Any]) -> str:
        if item.get("label"):
            return str(item["label"])
        cid = str(item.get("id", ""))
        if cid in ENERGY_CHECK_WORDS:
            return self.w.pick(ENERGY_CHECK_WORDS[cid])
        return self.label(cid)

    def energy(self) -> list[Any]:
        w, e = self.w, self.r.get("energy_carbon")
        story: list[Any] = [CondPageBreak(60 * mm), self.p(w("s_energy"), "h1")]
        if not isinstance(e, dict):
            return story + self.absent("energy", ("energy",))
        checks = [c for c in e.get("checks") or [] if isinstance(c, dict)]
        if checks:
            rows: list[list[Any]] = [self.header_row(w("check"), w("value"), w("status"), w("clause"))]
            for c in checks:
                cid = str(c.get("id", ""))
                if "value" in c:
                    value = self.value_text(str(c.get("field") or cid), c["value"], c.get("unit"))
                else:
                    value = "\n".join(self.value_text(f, self.a.values[f]) for f in ENERGY_CHECK_FIELDS.get(cid, ())
                                      if f in self.a.values) or "—"
                status = [self.level(c.get("status"))]
                if c.get("level") and c.get("level") != c.get("status"):
                    status.append(self.level(c.get("level")))
                name: list[Any] = [self.p(self.check_label(c), "cell")]
                if c.get("detail"):
                    name.append(self.p(str(c["detail"]), "small"))
                rows.append([name, value, status, c.get("clause") or ""])
            story.append(self.table(rows, [CONTENT_W - 82 * mm, 26 * mm, 26 * mm, 30 * mm]))
        for key, val in e.items():
            if key == "checks" or not isinstance(val, list) or not val:
                continue
            story.append(self.p(key.replace("_", " "), "h2"))
            story.append(self.table([[str(x.get("id", x)) if isinstance(x, dict) else str(x)] for x in val],
                                    [CONTENT_W], header=False))
        story += self.standard_note(e)
        story += self.rest(e, {"checks"})
        return story

    # ---- dross -------------------------------------------------------------------------------------
    def finding_label(self, fid: Any) -> str:
        s = str(fid or "")
        if s in FINDING_WORDS:
            return self.w.pick(FINDING_WORDS[s])
        if s.startswith("requirement_"):
            rid = s[len("requirement_"):]
            return (f"管理要求 {rid} 未满足" if self.lang == "zh" else f"requirement {rid} not met")
        return s

    def _period_entries(self, ledger: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [e for e in ledger if str(e.get("date", ""))[:4] == str(self.a.period)]

    def dross(self) -> list[Any]:
        w, d, lang = self.w, self.r.get("dross"), self.lang
        data = standards.load("dross")
        cls = data["classes"].get(self.a.plant.sector)
        story: list[Any] = [CondPageBreak(90 * mm), self.p(w("s_dross"), "h1")]
        if cls is None:
            return story + [self.p(w("not_for_sector", sector=self.sector()))]
        src = self.a.dross or {}
        res = d if isinstance(d, dict) else {}
        hazards = res.get("hazards") or cls["hazards"]
        story.append(self.kv([
            (w("dross_class"), cls["class_zh"] if lang == "zh" else cls["class_en"]),
            (w("dross_code"), f"{res.get('code') or cls['code']}（{data['category']['id']}）" if lang == "zh"
             else f"{res.get('code') or cls['code']} ({data['category']['id']})"),
            (w("hazards"), w.sep.join(self.w.pick(HAZARD_WORDS.get(h, (h, h))) for h in hazards)),
            (w("production"), f"{num(src.get('production_t'))} t" if src.get("production_t") is not None else "—"),
            (w("self_util"), self.yn(src.get("self_utilization"))),
        ]))
        if not src and not res:
            return story + [Spacer(1, 2 * mm), self.p(w("no_dross"))]
        if not res:
            story += [Spacer(1, 2 * mm), self.p(w("no_result"))]
        # generation: expected (from the dross module) against reported (module, else entered)
        story.append(self.p(w("generation"), "h2"))
        gen_status = {str(g.get("kind")): g.get("status") for g in res.get("generation") or [] if isinstance(g, dict)}
        rows: list[list[Any]] = [self.header_row(w("kind"), w("expected"), w("reported"), w("status"))]
        coef = data["coefficients_kg_per_t"].get(self.a.plant.sector) or {}
        for kind in ("primary", "secondary"):
            exp = res.get(f"expected_{kind}_t")
            if isinstance(exp, (list, tuple)) and len(exp) == 2:
                exp_s = f"{num(exp[0], 1)} – {num(exp[1], 1)}"
            elif not coef.get(kind):
                exp_s = w("not_determined")
            else:
                exp_s = "—"
            rep = next((res[k] for k in (f"reported_{kind}_t", f"{kind}_reported_t", f"{kind}_generated_t")
                        if res.get(k) is not None), src.get(f"{kind}_generated_t"))
            st = gen_status.get(kind)
            words = GENERATION_WORDS.get(str(st))
            status = self.coloured(self.w.pick(words[0]), words[1]) if words else (str(st) if st else "")
            rows.append([w(kind), exp_s, num(rep, 3) if rep is not None else "—", status])
        story.append(self.table(rows, [40 * mm, 50 * mm, 36 * mm, CONTENT_W - 126 * mm]))
        tol = data.get("tolerance") or {}
        if tol.get("value") is not None:
            story.append(self.p(w("tolerance_note", src=coef.get("source", ""),
                                  pct=num(Decimal(str(tol["value"])) * 100)), "small"))
        # findings
        story.append(self.p(w("findings_by_sev"), "h2"))
        if not res:
            story.append(self.p(w("no_result")))
        else:
            fs = sorted((f for f in res.get("findings") or [] if isinstance(f, dict)),
                        key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 3))
            if not fs:
                story.append(self.p(w("no_findings")))
            else:
                rows = [self.header_row(w("severity"), w("check"), w("detail"))]
                for f in fs:
                    rows.append([self.severity(f.get("severity")), self.finding_label(f.get("id")),
                                 f.get("detail") or f.get("message") or ""])
                story.append(self.table(rows, [20 * mm, 46 * mm, CONTENT_W - 66 * mm]))
        # checklist (the answers entered; the compliance figure from the module)
        answers = src.get("requirements") or {}
        story.append(self.p(w("checklist"), "h2"))
        if res.get("compliance_pct") is not None:
            story.append(self.p(w("compliance", pct=num(res["compliance_pct"], 1))))
        rows = [self.header_row("§", w("requirement"), w("severity"), w("status"))]
        for r in data["requirements"]:
            v = answers.get(r["id"])
            tone = "good" if v is True else ("bad" if v is False else "none")
            rows.append([r["id"], r["text_zh"] if lang == "zh" else r["text_en"], self.severity(r.get("severity")),
                         self.coloured(w("met") if v is True else (w("unmet") if v is False else w("unanswered")), tone)])
        story.append(self.table(rows, [14 * mm, CONTENT_W - 54 * mm, 18 * mm, 22 * mm]))
        # ledger summary: the module's balances and stock when it gives them, else the period's movements
        ledger = [e for e in src.get("ledger") or [] if isinstance(e, dict)]
        period = self._period_entries(ledger)
        story.append(self.p(w("ledger", period=self.a.period), "h2"))
        if period:
            dates = sorted(str(e.get("date")) for e in period)
            earlier = len(ledger) - len(period)
            story.append(self.p(w("ledger_span", n=len(period), a=dates[0], b=dates[-1], m=earlier) if earlier
                                else w("ledger_span_only", n=len(period), a=dates[0], b=dates[-1])))
        balances = [b for b in res.get("balances") or [] if isinstance(b, dict)]
        if balances:
            cols = ("opening_t", "generated_t", "self_utilized_t", "transferred_t", "disposed_t", "adjustment_t",
                    "closing_t")
            rows = [self.header_row(w("dross_code"), w("kind"), *(w(f"bal_{c}") for c in cols))]
            for b in balances:
                kind = str(b.get("kind") or "")
                rows.append([b.get("code") or "", w(kind) if kind in ("primary", "secondary") else kind,
                             *(num(b.get(c), 3) for c in cols)])
            story.append(self.table(rows, [20 * mm, 18 * mm] + [(CONTENT_W - 38 * mm) / 7] * 7,
                                    extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT")]))
        elif not period:
            story.append(self.p(w("no_ledger")))
        else:
            # validated entries (the file's parser, the store): kind and movement of the data file's
            # lists, quantity_t a finite Decimal
            sums: dict[tuple[str, str], tuple[int, Decimal]] = {}
            for e in period:
                key = (e["kind"], e["movement"])
                n, q = sums.get(key, (0, Decimal(0)))
                sums[key] = (n + 1, q + e["quantity_t"])
            rows = [self.header_row(w("kind"), w("movement"), w("entries"), w("quantity"))]
            kinds, movements = data["kinds"], data["movements"]
            for (kind, mv) in sorted(sums, key=lambda k: (kinds.index(k[0]), movements.index(k[1]))):
                n, q = sums[(kind, mv)]
                rows.append([w(kind), self.w.pick(MOVEMENT_WORDS[mv]), str(n), num(q, 3)])
            story.append(self.table(rows, [40 * mm, 40 * mm, 25 * mm, CONTENT_W - 105 * mm],
                                    extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT")]))
        stock = [x for x in res.get("stock") or [] if isinstance(x, dict)]
        if stock:
            story.append(self.p(w("stock"), "h2"))
            rows = [self.header_row(w("dross_code"), w("kind"), w("stock_t"), w("oldest"), w("age_days"),
                                    w("over_limit"))]
            for x in stock:
                kind = str(x.get("kind") or "")
                over = x.get("over_limit_t")
                rows.append([x.get("code") or "", w(kind) if kind in ("primary", "secondary") else kind,
                             num(x.get("quantity_t"), 3), x.get("oldest") or "—", num(x.get("age_days")),
                             self.coloured(num(over, 3), "bad") if over else num(over, 3)])
            story.append(self.table(rows, [22 * mm, 22 * mm, 28 * mm, 30 * mm, 28 * mm, CONTENT_W - 130 * mm]))
        deadlines = [x for x in res.get("deadlines") or [] if isinstance(x, dict)]
        if deadlines:
            story.append(self.p(w("deadlines"), "h2"))
            rows = [self.header_row(w("deadline"), w("period"), w("due"), w("filed_on"), w("status"))]
            for x in deadlines:
                words = DEADLINE_WORDS.get(str(x.get("status")))
                status = self.coloured(self.w.pick(words[0]), words[1]) if words else str(x.get("status") or "")
                rows.append([self.w.pick(DEADLINE_IDS.get(str(x.get("id")), (str(x.get("id")), str(x.get("id"))))),
                             x.get("period") or "", x.get("due") or "", x.get("filed_on") or "—", status])
            story.append(self.table(rows, [50 * mm, 28 * mm, 28 * mm, 28 * mm, CONTENT_W - 134 * mm]))
        notes = [n for n in res.get("notes") or [] if isinstance(n, str) and n]
        if notes:
            story.append(Spacer(1, 2 * mm))
            story += [self.p("• " + n, "small") for n in notes]
        receivers = [r for r in src.get("receivers") or [] if isinstance(r, dict)]
        if receivers:
            rows = [self.header_row(w("receivers"), w("licence"), w("codes"), w("valid"))]
            for r in receivers:
                rows.append([r.get("name"), r.get("licence_no") or "—", ", ".join(r.get("codes") or []),
                             f"{r.get('valid_from') or '…'} – {r.get('valid_to') or '…'}"])
            story.append(Spacer(1, 3 * mm))
            story.append(self.table(rows, [58 * mm, 44 * mm, 30 * mm, CONTENT_W - 132 * mm]))
        story += self.rest(res, {"code", "hazards", "findings", "expected_primary_t", "expected_secondary_t",
                                 "compliance_pct", "reported_primary_t", "reported_secondary_t",
                                 "primary_reported_t", "secondary_reported_t", "primary_generated_t",
                                 "secondary_generated_t", "class", "class_en", "tolerance", "as_of", "period",
                                 "region", "category", "entered"})
        return story

    def ledger_appendix(self) -> list[Any]:
        period = self._period_entries([e for e in (self.a.dross or {}).get("ledger") or [] if isinstance(e, dict)])
        if not period:
            return []
        w = self.w
        rows: list[list[Any]] = [self.header_row(w("entry_date"), w("dross_code"), w("kind"), w("movement"),
                                                 w("quantity"), w("container"), w("receiver"), w("manifest"))]
        for e in period:
            kind = e.get("kind")
            rows.append([e.get("date"), e.get("code"), w(f"{kind}_short") if kind in ("primary", "secondary") else kind,
                         self.w.pick(MOVEMENT_WORDS.get(e.get("movement"), (e.get("movement"), e.get("movement")))),
                         num(e.get("quantity_t"), 3), e.get("container") or "",
                         e.get("receiver") or "", e.get("manifest_no") or ""])
        widths = [17 * mm, 17 * mm, 19 * mm, 20 * mm, 15 * mm, 18 * mm]
        rest = CONTENT_W - sum(widths)
        widths += [rest - 23 * mm, 23 * mm]
        # a long table: its heading does not wait for room for the whole of it
        return [CondPageBreak(50 * mm), self.p(w("s_appendix"), "h1n"),
                self.table(rows, widths, size=7.5, extra=[("ALIGN", (4, 1), (4, -1), "RIGHT")])]

    # ---- method and sources ------------------------------------------------------------------------
    def method(self) -> list[Any]:
        w, lang = self.w, self.lang
        ce = standards.load("circular_economy")
        story: list[Any] = [CondPageBreak(90 * mm), self.p(w("s_method"), "h1"), self.p(w("m_scoring"), "h2")]
        grades = w.sep.join(f"{g['id']} ≥ {g['min_index']}" for g in ce["grades"])
        pairs = [(w("m_score"), w("m_score_text")), (w("m_index"), w("m_index_text")),
                 (w("m_rounding"), w("m_rounding_text")),
                 (w("m_grades"), f"{grades}；{w('m_requirements')}（{ce['grades'][0].get('source', '')}）" if lang == "zh"
                  else f"{grades}; {w('m_requirements')} ({ce['grades'][0].get('source', '')})")]
        cei = self.r.get("circular_economy") or {}
        if cei.get("indicators"):
            weights = w.sep.join(f"{self.label(i['id'])} {i.get('weight')}" for i in cei["indicators"])
            pairs.append((w("m_weights"), weights))
        story.append(self.kv(pairs))
        story += self.module_methods()
        story.append(self.p(w("m_defaults"), "h2"))
        m = ce["method"]
        plaus = ce.get("plausibility") or {}
        defaults = [m["weights_note_zh"] if lang == "zh" else m["weights_note_en"]]
        if plaus.get("low_factor") and plaus.get("high_factor"):
            defaults.append(w("m_plausibility", low=plaus["low_factor"], high=plaus["high_factor"]))
        dr = standards.load("dross")
        if (dr.get("tolerance") or {}).get("value") is not None:
            defaults.append(w("m_tolerance", pct=num(Decimal(str(dr["tolerance"]["value"])) * 100)))
        if dr.get("requirements_severity_source"):
            defaults.append(w("m_severity"))
        for v in (ce.get("conversions") or {}).values():
            defaults.append(w("m_conversion", v=v.get("value"), s=v.get("source")))
        for name in standards.available():
            if name in ("circular_economy", "dross", "fields"):
                continue
            data = standards.load(name)
            app = data.get("app_defaults")
            items = app.items() if isinstance(app, dict) else enumerate(app) if isinstance(app, list) else []
            for k, v in items:
                defaults.append(f"{name} · {k}: {v}" if isinstance(k, str) else f"{name}: {v}")
        story += [self.p("• " + str(d), "small") for d in defaults]
        story.append(self.p(w("m_sources"), "h2"))
        rows = [self.header_row("", w("m_document"))]
        rows += [[code, zh if lang == "zh" else en] for code, zh, en in SOURCE_DOCUMENTS]
        story.append(self.table(rows, [14 * mm, CONTENT_W - 14 * mm]))
        story.append(self.p(w("m_editions"), "h2"))
        rows = [self.header_row(w("m_file"), w("m_edition"), w("source"))]
        for name, ed in standards.editions().items():
            rows.append([f"{name}.json", ed or "—", str(standards.load(name).get("source", ""))])
        story.append(self.table(rows, [34 * mm, 72 * mm, CONTENT_W - 106 * mm]))
        story.append(self.p(w("m_app"), "h2"))
        story.append(self.p(f"AlAssess {__version__}"))
        return story

    def module_methods(self) -> list[Any]:
        """The guideline levels and technology rules, and the energy & carbon thresholds, as their data
        files state them (only the parts that apply to the sector)."""
        w, lang, story = self.w, self.lang, []
        names = set(standards.available())
        if "guideline" in names and self.applies("guideline"):
            m = standards.load("guideline").get("method") or {}
            lines = [m.get(f"{k}_{lang}") for k in ("levels", "technologies") if m.get(f"{k}_{lang}")]
            if lines:
                story.append(self.p(w("m_guideline"), "h2"))
                story += [self.p("• " + str(x), "small") for x in lines]
        if "energy_carbon" in names and self.applies("energy"):
            th = standards.load("energy_carbon").get("thresholds") or {}
            rows = [self.header_row(w("m_rule"), w("threshold"), w("source"))]
            for t in th.values():
                if isinstance(t, dict) and t.get("value") is not None:
                    src = " — ".join(str(x) for x in (t.get("source"), t.get("edition")) if x)
                    rows.append([t.get(f"note_{lang}") or "", str(t["value"]), src])
            if len(rows) > 1:
                story.append(self.p(w("m_energy"), "h2"))
                story.append(self.table(rows, [70 * mm, 18 * mm, CONTENT_W - 88 * mm]))
        return story

    # ---- signature page ----------------------------------------------------------------------------
    def signature(self) -> list[Any]:
        w, a = self.w, self.a
        return [NextPageTemplate("signature"), PageBreak(), self.p(w("s_signature"), "h1"),
                self.p(w("sig_declare")), Spacer(1, 3 * mm),
                self.kv([(w("plant"), a.plant.name), (w("period"), a.period),
                         (w("assessor"), a.assessor.name or "—"), (w("organisation"), a.assessor.organisation or "—"),
                         (w("report_id"), self.inp.report_id),
                         (w("data_hash"), self.p(self.inp.data_sha256, "mono"))]),
                FrameBreak(),
                self.p(w("sig_how_title"), "h2"), self.p(w("sig_how"), "small"), self.p(w("sig_how2"), "small"),
                self.p(w("sig_how3"), "small"), Spacer(1, 2 * mm), self.p(w("sig_unsigned"), "small")]

    def signature_page_decor(self, canv: rl_canvas.Canvas, _doc: Any) -> None:
        x1, y1, x2, y2 = SIGNATURE_BOX
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.setFont(self.bold, 9.5)
        canv.drawString(x1, y2 + 3 * mm, self.w.clean(self.w("sig_box")))
        canv.setStrokeColor(RULE)
        canv.setDash(3, 2)
        canv.rect(x1 - 2, y1 - 2, x2 - x1 + 4, y2 - y1 + 4)
        hx1 = x2 + 8 * mm
        hand = self.w.clean(self.w("sig_hand"))
        size = 9.5  # smaller when the heading would run past the box (and the page margin)
        while size > 6 and canv.stringWidth(hand, self.bold, size) > PAGE_W - MARGIN - hx1:
            size -= 0.5
        canv.setFont(self.bold, size)
        canv.drawString(hx1, y2 + 3 * mm, hand)
        canv.rect(hx1, y1 - 2, PAGE_W - MARGIN - hx1, y2 - y1 + 4)
        canv.restoreState()

    def cover_decor(self, canv: rl_canvas.Canvas, _doc: Any) -> None:
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.rect(0, PAGE_H - 9 * mm, PAGE_W, 9 * mm, stroke=0, fill=1)
        canv.setFillColor(LIGHT)
        canv.rect(0, PAGE_H - 11 * mm, PAGE_W, 2 * mm, stroke=0, fill=1)
        canv.restoreState()

    def story(self) -> list[Any]:
        if self.r.get("circular_economy"):
            ce = self.requirements() + self.indicators() + self.charts_section()
        else:  # sections 2–4 do not apply: one heading says so, the numbering stays that of every report
            ce = [self.p(self.w("s_ce_na"), "h1"), self.p(self.w("no_ce", sector=self.sector()))]
        return (self.cover() + self.summary() + ce
                + self.guideline() + self.energy() + self.dross() + self.method() + self.ledger_appendix()
                + self.signature())


def render(inp: ReportInput) -> tuple[bytes, int]:
    """The report as PDF bytes, and its number of pages."""
    b = _Builder(inp)
    buf = BytesIO()
    w = b.w
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=PAGE_H - TOP, bottomMargin=BOTTOM,
        title=f"{w('title')} — {w.clean(inp.assessment.plant.name)} {inp.assessment.period}",
        author=w.clean(inp.assessment.assessor.name or ""), subject=w("title"), creator=f"AlAssess {__version__}",
        keywords=f"report-id: {inp.report_id}; SHA-256: {inp.data_sha256}", lang="zh-CN" if inp.lang == "zh" else "en",
        initialFontName=inp.font_name)

    def frame(fid: str, y1: float, y2: float) -> Frame:
        return Frame(MARGIN, y1, CONTENT_W, y2 - y1, id=fid, leftPadding=0, rightPadding=0, topPadding=0,
                     bottomPadding=0)

    x1, y1, x2, y2 = SIGNATURE_BOX
    doc.addPageTemplates([
        PageTemplate("cover", frames=[frame("cover", BOTTOM, TOP)], onPage=b.cover_decor),
        PageTemplate("body", frames=[frame("body", BOTTOM, TOP)]),
        PageTemplate("signature", frames=[frame("sig_top", y2 + 10 * mm, TOP), frame("sig_bottom", BOTTOM, y1 - 8 * mm)],
                     onPage=b.signature_page_decor),
    ])
    canvasmaker = _canvas_class(inp.font_name, w, inp.report_id, inp.data_sha256, w.clean(inp.assessment.plant.name))
    doc.build(b.story(), canvasmaker=canvasmaker)
    return buf.getvalue(), doc.page
