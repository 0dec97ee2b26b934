"""The assessment report (reportlab platypus): what an office receives, signs off and files.

``render(ReportInput) -> bytes``. The report renders what the scoring service returns
(``alassess.services.scoring.evaluate``); it computes no score itself. Sections a module does not
fill (``None``) say so. Every page carries "page x of y", the report id and the SHA-256 of the
assessment data embedded in the PDF. Only the bundled TrueType font is used (embedded subset).

The last page is the signature page; its stamp box is at :data:`SIGNATURE_BOX` (PDF points).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
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
from alassess.domain import fields as _fields
from alassess.domain import messages
from alassess.domain.assessment import Assessment
from alassess.domain.numbers import fmt
from alassess.reports import charts

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN
# Signature stamp box on the last page: x1, y1, x2, y2 in points (bottom-left origin)
SIGNATURE_BOX = (MARGIN, 62 * mm, MARGIN + 110 * mm, 94 * mm)

INK = colors.HexColor("#1b2631")
ACCENT = colors.HexColor("#1f5f99")
LIGHT = colors.HexColor("#eaf1f8")
RULE = colors.HexColor("#b0bec5")
SEVERITY_COLOURS = {"critical": colors.HexColor("#c0392b"), "major": colors.HexColor("#e67e22"),
                    "minor": colors.HexColor("#7f8c8d")}
STATUS_COLOURS = {"good": colors.HexColor("#1e8449"), "bad": colors.HexColor("#c0392b"),
                  "warn": colors.HexColor("#b9770e"), "none": colors.HexColor("#7f8c8d")}

# ---- words --------------------------------------------------------------------------------------

T: dict[str, tuple[str, str]] = {
    "title": ("铝行业企业评估报告", "Aluminium plant assessment report"),
    "subtitle": ("循环经济绩效 · 指导指标 · 节能降碳 · 铝灰管理", "Circular economy · guideline · energy & carbon · dross"),
    "plant": ("企业名称", "Plant"), "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "sector": ("行业", "Sector"), "region": ("所在地区", "Region"), "address": ("地址", "Address"),
    "key_region": ("大气污染防治重点区域", "Air-pollution key region"),
    "period": ("评估期", "Period"), "assessor": ("评估人", "Assessor"), "organisation": ("评估机构", "Organisation"),
    "date": ("报告日期", "Report date"), "grade": ("循环经济等级", "Circular-economy grade"),
    "index": ("循环经济指数", "Circular-economy index"), "report_id": ("报告编号", "Report ID"),
    "data_hash": ("评估数据 SHA-256", "Assessment data SHA-256"),
    "data_note": ("本报告内嵌评估数据文件 assessment.json，其 SHA-256 如上；可用 alassess verify 核验并导出。",
                  "The assessment data file assessment.json is embedded in this report; its SHA-256 is "
                  "shown above. Check and extract it with alassess verify."),
    "yes": ("是", "yes"), "no": ("否", "no"), "na": ("不适用", "not applicable"),
    "page": ("第 {x} 页 / 共 {y} 页", "Page {x} of {y}"),
    "s_summary": ("1 评估摘要", "1 Summary"),
    "s_requirements": ("2 基本要求", "2 Basic requirements"),
    "s_indicators": ("3 循环经济指标", "3 Circular-economy indicators"),
    "s_charts": ("4 图表", "4 Charts"),
    "s_guideline": ("5 指导指标与工艺技术核查", "5 Guideline indicators and technology checklist"),
    "s_energy": ("6 节能降碳核查（电解铝）", "6 Energy-saving and carbon-reduction checks (electrolytic)"),
    "s_dross": ("7 铝灰管理", "7 Aluminium dross"),
    "s_method": ("8 方法与依据", "8 Method and sources"),
    "s_signature": ("9 签署", "9 Signature"),
    "not_applicable_module": ("本部分不适用于该行业，或本版本软件未给出评估结果。",
                              "This part does not apply to the sector, or this version gives no result for it."),
    "no_ce": ("循环经济绩效评价不适用于{sector}行业（仅适用于氧化铝、电解铝）。",
              "The circular-economy evaluation does not apply to the {sector} sector (alumina and electrolytic only)."),
    "grade_is": ("等级", "Grade"), "basic_met": ("基本要求", "Basic requirements"),
    "all_met": ("全部满足", "all met"), "some_unmet": ("未全部满足", "not all met"),
    "findings": ("最主要的问题", "Most serious findings"), "no_findings": ("未发现问题。", "No findings."),
    "gap": ("距下一等级", "Gap to the next grade"),
    "gap_line": ("达到 {target} 还需 {points} 分（按四舍五入后的指数）。", "{points} points to reach {target} (on the rounded index)."),
    "gap_reqs": ("还须满足基本要求：{names}", "Basic requirements still to meet: {names}"),
    "gap_top": ("已达到最高等级 5A。", "The highest grade, 5A, is reached."),
    "plan": ("组合提升方案", "Combined plan"), "plan_no": ("仅靠指标提升无法达到。", "Indicators alone cannot close the gap."),
    "raise": ("由 {a} 提高到 {b}（+{p} 分）", "from {a} to {b} (+{p} points)"),
    "requirement": ("要求", "Requirement"), "status": ("状态", "Status"), "source": ("依据", "Source"),
    "met": ("满足", "met"), "unmet": ("未满足", "not met"), "unanswered": ("未填写", "unanswered"),
    "indicator": ("指标", "Indicator"), "unit": ("单位", "Unit"), "value": ("企业值", "Value"),
    "benchmark": ("基准值", "Benchmark"), "score": ("得分", "Score"), "weight": ("权重", "Weight"),
    "survey": ("行业调研 平均/最小/最大", "Survey avg / min / max"), "position": ("所处位置", "Where it sits"),
    "entered_cons": ("由消耗量换算", "converted from consumption"),
    "missing": ("缺失（计 0 分）", "missing (scores 0)"),
    "pos_below_min": ("低于调研最小值", "below the survey minimum"),
    "pos_min_avg": ("调研最小值与平均值之间", "between survey minimum and average"),
    "pos_avg_max": ("调研平均值与最大值之间", "between survey average and maximum"),
    "pos_above_max": ("高于调研最大值", "above the survey maximum"),
    "pos_bench": ("达到基准值", "at or above the benchmark"),
    "legend_bar": ("条：调研范围；黑线：调研平均；红线：基准值；蓝点：企业", "bar: survey range; black: survey average; red: benchmark; blue: plant"),
    "per_indicator": ("单项指标达到下一等级所需值", "Value each indicator alone would need for the next grade"),
    "needed": ("所需值", "Needed"), "not_alone": ("单项无法达到", "not reachable alone"),
    "consumption_needed": ("对应消耗量不高于", "Consumption at most"),
    "notes": ("说明", "Notes"), "warnings": ("合理性提示", "Plausibility warnings"),
    "chart_scores": ("各指标占基准值的百分比（红色虚线 = 基准值 100%）", "Each indicator as a percentage of its benchmark (red dashed line = benchmark, 100 %)"),
    "leg_plant": ("企业", "plant"), "leg_survey": ("行业调研平均", "survey average"), "leg_bench": ("基准值", "benchmark"),
    "chart_trend": ("多期趋势：循环经济指数与各指标得分", "Trend over periods: index and indicator scores"),
    "trend_table": ("各期指数与等级", "Index and grade per period"),
    "no_trend": ("数据库中该企业只有一个评估期，暂无趋势。", "The database holds one period of this plant; no trend yet."),
    "no_chart": ("无循环经济指标，无图表。", "No circular-economy indicators to chart."),
    "level": ("水平", "Level"), "compliant_at": ("达标值", "Compliant at"), "advanced_at": ("先进值", "Advanced at"),
    "banned": ("国家明令淘汰的工艺技术", "Technologies that must be phased out"),
    "banned_none": ("未发现淘汰类工艺技术。", "No technology that must be phased out is present."),
    "present": ("存在", "present"), "absent": ("不存在", "absent"),
    "check": ("核查项", "Check"), "detail": ("说明", "Detail"),
    "entered": ("填报数据", "Entered data"),
    "dross_class": ("铝灰类别", "Dross class"), "dross_code": ("废物代码", "Waste code"),
    "hazards": ("危险特性", "Hazard characteristics"), "production": ("铝产品产量", "Aluminium production"),
    "self_util": ("厂内回收金属铝", "In-plant metal recovery"),
    "generation": ("产生量：预期与申报", "Generation: expected against reported"),
    "kind": ("种类", "Kind"), "expected": ("预期范围（t）", "Expected range (t)"), "reported": ("申报（t）", "Reported (t)"),
    "primary": ("一次铝灰", "primary dross"), "secondary": ("二次铝灰", "secondary dross"),
    "not_determined": ("未确定（文件为“/”）", "not determined (“/” in the document)"),
    "not_checked": ("不核查（无厂内回收）", "not checked (no in-plant recovery)"),
    "findings_by_sev": ("问题（按严重程度）", "Findings by severity"),
    "severity": ("严重程度", "Severity"), "critical": ("严重", "critical"), "major": ("重要", "major"), "minor": ("一般", "minor"),
    "checklist": ("管理要求核查（§6）", "Management checklist (§6)"),
    "compliance": ("符合率 {pct}%（{met}/{n} 项满足）", "Compliance {pct} % ({met} of {n} items met)"),
    "ledger": ("台账汇总", "Ledger summary"), "movement": ("流向", "Movement"), "entries": ("条数", "Entries"),
    "quantity": ("数量（t）", "Quantity (t)"), "ledger_span": ("台账 {n} 条，{a} 至 {b}", "{n} ledger entries, {a} to {b}"),
    "no_ledger": ("无台账记录。", "No ledger entries."), "no_dross": ("未填报铝灰数据。", "No dross data entered."),
    "receivers": ("接收单位", "Receivers"), "licence": ("许可证号", "Licence"), "codes": ("许可代码", "Codes"),
    "valid": ("有效期", "Valid"),
    "ledger_full": ("附：台账明细", "Appendix: ledger entries"),
    "m_score": ("单项得分", "Indicator score"), "m_index": ("指数", "Index"), "m_rounding": ("修约", "Rounding"),
    "m_grades": ("等级", "Grades"), "m_weights": ("权重", "Weights"), "m_editions": ("数据版本", "Data editions"),
    "m_defaults": ("应用默认值（文件未规定之处）", "Application defaults (where the documents are silent)"),
    "m_app": ("软件", "Application"), "m_sources": ("依据文件", "Source documents"),
    "sig_declare": ("评估人声明：本报告所列数据由被评估企业提供并经评估人现场核查，评分按第 8 部分方法计算。",
                    "Assessor's statement: the data in this report were provided by the plant and checked on site "
                    "by the assessor; scores follow the method in part 8."),
    "sig_box": ("电子签名（PAdES）", "Electronic signature (PAdES)"),
    "sig_how": ("核验方法：alassess verify 本文件.pdf（签名完整性、证书信任、内嵌数据哈希）；也可用任何支持 PAdES 的 PDF 阅读器查看签名。",
                "To verify: alassess verify this.pdf (signature integrity, certificate trust, embedded data hash); "
                "any PAdES-capable PDF reader also shows the signature."),
    "sig_unsigned": ("签名框位于上方；未签署的报告此处为空。", "The signature stamp appears in the box above; an unsigned report leaves it empty."),
    "sig_hand": ("纸质签字（如需要）", "Handwritten signature (if required)"),
}

LEVEL_WORDS = {
    "advanced": ("先进", "advanced"), "compliant": ("达标", "compliant"), "below": ("未达标", "below"),
    "missing": ("缺失", "missing"), "not_applicable": ("不适用", "not applicable"),
    "pass": ("通过", "pass"), "fail": ("不通过", "fail"), "benchmark": ("标杆水平", "benchmark level"),
    "baseline": ("基准水平", "baseline level"), "below_baseline": ("低于基准水平", "below baseline"),
}
LEVEL_TONE = {"advanced": "good", "compliant": "good", "pass": "good", "benchmark": "good", "baseline": "warn",
              "below": "bad", "fail": "bad", "below_baseline": "bad", "missing": "none", "not_applicable": "none"}
HAZARD_WORDS = {"reactivity": ("反应性", "reactivity"), "toxicity": ("毒性", "toxicity")}
MOVEMENT_WORDS = {"generated": ("产生", "generated"), "self_utilized": ("自行利用", "used in-plant"),
                  "transferred": ("转移", "transferred"), "disposed": ("处置", "disposed"),
                  "adjustment": ("调整", "adjustment")}
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}


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
    font_name: str = "Helvetica"
    text_filter: Any = None  # callable(str) -> str: replaces characters the font cannot draw


class _Words:
    def __init__(self, lang: str, text_filter: Any = None) -> None:
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


# ---- page furniture: header, footer with "page x of y", report id and data hash ----------------

def _canvas_class(font: str, w: _Words, report_id: str, data_hash: str, plant: str):
    class NumberedCanvas(rl_canvas.Canvas):
        """Defers drawing the footer until the page count is known."""

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
        self.r = inp.result
        self.w = _Words(inp.lang, inp.text_filter)
        f = inp.font_name
        self.font = f
        base = dict(fontName=f, bulletFontName=f, textColor=INK, wordWrap="CJK")
        self.st = {
            "body": ParagraphStyle("body", fontSize=9.5, leading=14, **base),
            "small": ParagraphStyle("small", fontSize=8, leading=11, **base),
            "cell": ParagraphStyle("cell", fontSize=8, leading=10.5, **base),
            "cellc": ParagraphStyle("cellc", fontSize=8, leading=10.5, alignment=TA_CENTER, **base),
            "h1": ParagraphStyle("h1", fontSize=15, leading=20, spaceBefore=4, spaceAfter=6,
                                 textColor=ACCENT, fontName=f, wordWrap="CJK"),
            "h2": ParagraphStyle("h2", fontSize=11, leading=15, spaceBefore=8, spaceAfter=4,
                                 textColor=ACCENT, fontName=f, wordWrap="CJK"),
            "title": ParagraphStyle("title", fontSize=24, leading=32, alignment=TA_CENTER, textColor=ACCENT,
                                    fontName=f, wordWrap="CJK"),
            "subtitle": ParagraphStyle("subtitle", fontSize=11, leading=16, alignment=TA_CENTER, **base),
            "plant": ParagraphStyle("plant", fontSize=18, leading=24, alignment=TA_CENTER, **base),
            "grade": ParagraphStyle("grade", fontSize=30, leading=38, alignment=TA_CENTER, textColor=ACCENT,
                                    fontName=f, wordWrap="CJK"),
            "mono": ParagraphStyle("mono", fontSize=7.5, leading=10, **base),
        }

    # small helpers
    def p(self, text: Any, style: str = "body") -> Paragraph:
        return Paragraph(escape(self.w.clean(text)).replace("\n", "<br/>"), self.st[style])

    def px(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph from markup whose dynamic parts the caller escaped."""
        return Paragraph(markup, self.st[style])

    def coloured(self, text: str, tone: str, style: str = "cell") -> Paragraph:
        c = STATUS_COLOURS.get(tone, INK).hexval()[2:]
        return self.px(f'<font color="#{c}">{escape(self.w.clean(text))}</font>', style)

    def label(self, field_id: str) -> str:
        try:
            return _fields.get(field_id).label(self.inp.lang)
        except Exception:
            return field_id

    def unit(self, field_id: str) -> str:
        try:
            return _fields.get(field_id).unit
        except Exception:
            return ""

    def table(self, rows: list[list[Any]], widths: list[float], header: bool = True,
              extra: list[tuple] | None = None) -> Table:
        cells = [[c if not isinstance(c, (str, int, float, Decimal)) or c is None else self.p(c, "cell")
                  for c in row] for row in rows]
        cells = [[self.p("—", "cell") if c is None else c for c in row] for row in cells]
        t = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        style = [("FONTNAME", (0, 0), (-1, -1), self.font), ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), LIGHT))
        t.setStyle(TableStyle(style + (extra or [])))
        return t

    def kv(self, pairs: list[tuple[str, Any]], key_w: float = 48 * mm) -> Table:
        rows = [[self.p(k, "cell"), v if isinstance(v, Paragraph) else self.p("—" if v in (None, "") else v, "cell")]
                for k, v in pairs]
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

    # ---- sections --------------------------------------------------------------------------------
    def cover(self) -> list[Any]:
        w, a, ce = self.w, self.a, self.r.get("circular_economy")
        story: list[Any] = [Spacer(1, 28 * mm), self.p(w("title"), "title"), Spacer(1, 3 * mm),
                            self.p(w("subtitle"), "subtitle"), Spacer(1, 16 * mm), self.p(a.plant.name, "plant"),
                            Spacer(1, 10 * mm)]
        if ce:
            story += [self.p(ce.get("grade_label") or ce.get("grade"), "grade"),
                      self.p(f"{w('index')}  {fmt(Decimal(str(ce['index'])), 2)}", "subtitle")]
        else:
            story.append(self.p(w("no_ce", sector=messages.sector_name(a.plant.sector, self.inp.lang)), "subtitle"))
        story.append(Spacer(1, 14 * mm))
        story.append(self.kv([
            (w("credit_code"), a.plant.credit_code or "—"),
            (w("sector"), messages.sector_name(a.plant.sector, self.inp.lang)),
            (w("region"), a.plant.region or "—"),
            (w("period"), a.period),
            (w("assessor"), a.assessor.name or "—"),
            (w("organisation"), a.assessor.organisation or "—"),
            (w("date"), self.inp.created.astimezone().strftime("%Y-%m-%d")),
            (w("report_id"), self.inp.report_id),
            (w("data_hash"), self.p(self.inp.data_sha256, "mono")),
        ]))
        story += [Spacer(1, 4 * mm), self.p(w("data_note"), "small"), PageBreak()]
        return story

    def findings(self) -> list[tuple[str, str]]:
        """(severity, text) for the summary, most serious first."""
        w, out = self.w, []
        ce = self.r.get("circular_economy")
        if ce:
            for rid in ce.get("requirements_unmet") or []:
                out.append(("critical", f"{w('basic_met')}：{self.label(rid)} — {w('unmet')}"
                            if self.inp.lang == "zh" else f"{w('basic_met')}: {self.label(rid)} — {w('unmet')}"))
            for mid in ce.get("missing") or []:
                out.append(("major", f"{self.label(mid)}: {w('missing')}"))
            for msg in ce.get("reasons") or []:
                if not ce.get("requirements_unmet"):
                    out.append(("major", msg))
        g = self.r.get("guideline")
        if isinstance(g, dict):
            for tid in g.get("banned_technologies") or []:
                tid_s = tid.get("id") if isinstance(tid, dict) else tid
                out.append(("critical", f"{w('banned')}: {self.label(str(tid_s))}"))
            for item in g.get("indicators") or []:
                if isinstance(item, dict) and item.get("level") == "below":
                    out.append(("major", f"{self.label(str(item.get('id')))}: {self.w.pick(LEVEL_WORDS['below'])}"))
        e = self.r.get("energy_carbon")
        if isinstance(e, dict):
            for item in e.get("checks") or []:
                if isinstance(item, dict) and item.get("status") in ("fail", "below_baseline"):
                    out.append((item.get("severity") or "major",
                                f"{item.get('label') or item.get('id')}: {item.get('detail') or item.get('message') or self.w.pick(LEVEL_WORDS['fail'])}"))
        d = self.r.get("dross")
        if isinstance(d, dict):
            for f in d.get("findings") or []:
                if isinstance(f, dict):
                    out.append((f.get("severity") or "minor", f.get("detail") or f.get("message") or str(f.get("id"))))
        out.sort(key=lambda x: SEVERITY_ORDER.get(x[0], 3))
        return out

    def summary(self) -> list[Any]:
        w, ce = self.w, self.r.get("circular_economy")
        story: list[Any] = [self.p(w("s_summary"), "h1")]
        if ce:
            story.append(self.kv([
                (w("grade_is"), f"{ce.get('grade_label')} ({ce.get('grade')})"),
                (w("index"), fmt(Decimal(str(ce["index"])), 2)),
                (w("basic_met"), w("all_met") if ce.get("basic_requirements_met") else w("some_unmet")),
            ]))
        else:
            story.append(self.p(w("no_ce", sector=messages.sector_name(self.a.plant.sector, self.inp.lang))))
        story.append(self.p(w("findings"), "h2"))
        found = self.findings()
        if not found:
            story.append(self.p(w("no_findings")))
        else:
            rows = [[w("severity"), w("detail")]]
            for sev, text in found[:10]:
                rows.append([self.coloured(w(sev) if sev in T else sev,
                                           {"critical": "bad", "major": "warn"}.get(sev, "none")), text])
            story.append(self.table(rows, [24 * mm, CONTENT_W - 24 * mm]))
            if len(found) > 10:
                story.append(self.p(f"… +{len(found) - 10}", "small"))
        if ce:
            story.append(self.p(w("gap"), "h2"))
            ng = ce.get("next_grade")
            if not ng:
                story.append(self.p(w("gap_top")))
            else:
                story.append(self.p(w("gap_line", target=ng["target"], points=fmt(Decimal(str(ng["points_needed"])), 2))))
                if ng.get("requirements_unmet"):
                    sep = "、" if self.inp.lang == "zh" else "; "
                    story.append(self.p(w("gap_reqs", names=sep.join(self.label(x) for x in ng["requirements_unmet"]))))
                if ng.get("plan"):
                    rows = [[w("plan"), ""]]
                    for s in ng["plan"]:
                        rows.append([f"{self.label(s['id'])} ({self.unit(s['id'])})",
                                     w("raise", a=fmt(s.get("from")), b=fmt(s.get("to")), p=fmt(s.get("points")))])
                    story.append(self.table(rows, [70 * mm, CONTENT_W - 70 * mm]))
                    if not ng.get("plan_reaches"):
                        story.append(self.p(w("plan_no"), "small"))
        return story

    def requirements(self) -> list[Any]:
        w, ce = self.w, self.r.get("circular_economy")
        story: list[Any] = [CondPageBreak(60 * mm), self.p(w("s_requirements"), "h1")]
        if not ce:
            story.append(self.p(w("no_ce", sector=messages.sector_name(self.a.plant.sector, self.inp.lang))))
            return story
        rows: list[list[Any]] = [[w("requirement"), w("status"), w("source")]]
        for rid, v in (ce.get("requirements") or {}).items():
            tone = "good" if v is True else ("bad" if v is False else "none")
            text = w("met") if v is True else (w("unmet") if v is False else w("unanswered"))
            src = ""
            try:
                src = _fields.get(rid).source
            except Exception:
                pass
            rows.append([self.label(rid), self.coloured(text, tone), src])
        story.append(self.table(rows, [CONTENT_W - 62 * mm, 24 * mm, 38 * mm]))
        return story

    def indicators(self) -> list[Any]:
        w, ce = self.w, self.r.get("circular_economy")
        story: list[Any] = [CondPageBreak(80 * mm), self.p(w("s_indicators"), "h1")]
        if not ce:
            story.append(self.p(w("no_ce", sector=messages.sector_name(self.a.plant.sector, self.inp.lang))))
            return story
        rows: list[list[Any]] = [[w("indicator"), w("unit"), w("value"), w("benchmark"), w("score"),
                                  w("weight"), w("survey"), w("position")]]
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
            pos_cell: list[Any]
            if val is None:
                pos_cell = [self.coloured(w("missing"), "bad")]
            else:
                pos_cell = [self.p(self._position(val, sv, it.get("benchmark")), "cell")]
            if sv and None not in (sv.get("min"), sv.get("avg"), sv.get("max")):
                pos_cell.insert(0, charts.range_bar(self.font, val, sv["min"], sv["avg"], sv["max"], it.get("benchmark") or 0,
                                                    width=30 * mm))
            rows.append([name, self.unit(iid), fmt(val, 4) if val is not None else "—", fmt(it.get("benchmark")),
                         fmt(it.get("score"), 2), it.get("weight") or "",
                         f"{fmt(sv.get('avg'))} / {fmt(sv.get('min'))} / {fmt(sv.get('max'))}", pos_cell])
        widths = [36 * mm, 13 * mm, 17 * mm, 15 * mm, 13 * mm, 11 * mm, 25 * mm]
        widths.append(CONTENT_W - sum(widths))
        story.append(self.table(rows, widths))
        story.append(self.p(w("legend_bar"), "small"))
        if notes:
            story.append(self.p(w("notes"), "h2"))
            for n in notes:
                story.append(self.p("• " + n, "small"))
        if ce.get("warnings"):
            story.append(self.p(w("warnings"), "h2"))
            for n in ce["warnings"]:
                story.append(self.p("• " + n, "small"))
        ng = ce.get("next_grade")
        if ng and ng.get("indicators"):
            rows = [[w("indicator"), w("value"), w("needed"), w("consumption_needed")]]
            for g in ng["indicators"]:
                needed = fmt(g.get("value_needed")) if g.get("reachable_alone") else w("not_alone")
                cons = ""
                if g.get("consumption_needed") is not None and g.get("consumption_id"):
                    cons = f"{fmt(g['consumption_needed'])} {self.unit(g['consumption_id'])}"
                rows.append([f"{self.label(g['id'])} ({self.unit(g['id'])})", fmt(g.get("current")), needed, cons])
            story.append(KeepTogether([self.p(f"{w('per_indicator')} ({ng['target']})", "h2"),
                                       self.table(rows, [62 * mm, 30 * mm, 40 * mm, CONTENT_W - 132 * mm])]))
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

    def charts_section(self) -> list[Any]:
        w, ce = self.w, self.r.get("circular_economy")
        story: list[Any] = [PageBreak(), self.p(w("s_charts"), "h1")]
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
            story += [self.p(w("chart_scores"), "h2"),
                      charts.scores_chart(self.font, labels, plant, survey,
                                          (w("leg_plant"), w("leg_survey"), w("leg_bench")))]
        hist = sorted(self.inp.history, key=lambda h: h.period)
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
        rows = [[w("period"), w("index"), w("grade_is")]]
        for h in hist:
            rows.append([h.period, fmt(h.index, 2) if h.index is not None else "—", h.grade or "—"])
        story.append(KeepTogether([self.p(w("trend_table"), "h2"), self.table(rows, [30 * mm, 30 * mm, 30 * mm])]))
        return story

    def _generic_items(self, items: list[Any], status_key: str) -> Table:
        """A table of ids/labels/values/levels/details for whatever a module returns."""
        w = self.w
        rows: list[list[Any]] = [[w("check"), w("value"), w("status"), w("detail")]]
        for it in items:
            if not isinstance(it, dict):
                rows.append([str(it), "", "", ""])
                continue
            iid = str(it.get("id", ""))
            name = it.get("label") or self.label(iid)
            val = it.get("value")
            if val is None and iid:
                val = self.a.values.get(iid)
            unit = it.get("unit") or (self.unit(iid) if val is not None else "")
            if isinstance(val, bool):
                val_s = self.yn(val)
            elif val is None:
                val_s = "—"
            else:
                val_s = f"{fmt(val) if isinstance(val, (int, float, Decimal)) else val} {unit}".strip()
            detail = it.get("detail") or it.get("message") or it.get("reason") or ""
            extras = []
            for k in ("compliant", "advanced", "threshold", "benchmark", "baseline", "required"):
                if it.get(k) is not None and not isinstance(it.get(k), (dict, list)):
                    extras.append(f"{k}: {fmt(it[k]) if isinstance(it[k], (int, float)) else it[k]}")
            if extras:
                detail = (detail + ("\n" if detail else "") + "; ".join(extras)).strip()
            rows.append([name, val_s, self.level(it.get(status_key)), detail])
        return self.table(rows, [58 * mm, 28 * mm, 24 * mm, CONTENT_W - 110 * mm])

    def _generic_rest(self, d: dict[str, Any], skip: set[str]) -> list[Any]:
        pairs = []
        for k, v in d.items():
            if k in skip or isinstance(v, (dict, list)) or v is None:
                continue
            pairs.append((k, self.yn(v) if isinstance(v, bool) else v))
        return [self.kv(pairs)] if pairs else []

    def guideline(self) -> list[Any]:
        w, g = self.w, self.r.get("guideline")
        story: list[Any] = [CondPageBreak(60 * mm), self.p(w("s_guideline"), "h1")]
        if not isinstance(g, dict):
            story.append(self.p(w("not_applicable_module")))
            story += self._entered(("guideline", "technology"))
            return story
        if g.get("indicators"):
            story.append(self._generic_items(g["indicators"], "level"))
        story.append(self.p(w("banned"), "h2"))
        banned = g.get("banned_technologies") or []
        if banned:
            for b in banned:
                bid = b.get("id") if isinstance(b, dict) else b
                story.append(self.coloured(f"• {self.label(str(bid))} — {w('present')}", "bad", "body"))
        else:
            story.append(self.coloured(w("banned_none"), "good", "body"))
        for key, val in g.items():
            if key in ("indicators", "banned_technologies") or not isinstance(val, list) or not val:
                continue
            story.append(self.p(key.replace("_", " "), "h2"))
            story.append(self._generic_items(val, "status" if isinstance(val[0], dict) and "status" in val[0] else "level"))
        story += self._generic_rest(g, {"indicators", "banned_technologies"})
        return story

    def _entered(self, groups: tuple[str, ...]) -> list[Any]:
        """The entered values of these field groups (shown when no module result exists)."""
        rows: list[list[Any]] = [[self.w("indicator"), self.w("value")]]
        for f in _fields.for_sector(self.a.plant.sector):
            if f.group in groups and f.id in self.a.values:
                v = self.a.values[f.id]
                rows.append([f.label(self.inp.lang), self.yn(v) if isinstance(v, bool) else f"{fmt(v) if isinstance(v, Decimal) else v} {f.unit}".strip()])
        if len(rows) == 1:
            return []
        return [self.p(self.w("entered"), "h2"), self.table(rows, [110 * mm, CONTENT_W - 110 * mm])]

    def energy(self) -> list[Any]:
        w, e = self.w, self.r.get("energy_carbon")
        story: list[Any] = [CondPageBreak(60 * mm), self.p(w("s_energy"), "h1")]
        if not isinstance(e, dict):
            story.append(self.p(w("not_applicable_module")))
            story += self._entered(("energy",))
            return story
        if e.get("checks"):
            story.append(self._generic_items(e["checks"], "status"))
        for key, val in e.items():
            if key == "checks" or not isinstance(val, list) or not val:
                continue
            story.append(self.p(key.replace("_", " "), "h2"))
            story.append(self._generic_items(val, "status"))
        story += self._generic_rest(e, {"checks"})
        return story

    def dross(self) -> list[Any]:
        w, d, lang = self.w, self.r.get("dross"), self.inp.lang
        sector = self.a.plant.sector
        data = standards.load("dross")
        cls = data["classes"].get(sector)
        story: list[Any] = [PageBreak(), self.p(w("s_dross"), "h1")]
        if cls is None:
            story.append(self.p(w("not_applicable_module")))
            return story
        src = self.a.dross or {}
        hazards = (d or {}).get("hazards") or cls["hazards"]
        sep = "、" if lang == "zh" else ", "
        story.append(self.kv([
            (w("dross_class"), cls["class_zh"] if lang == "zh" else cls["class_en"]),
            (w("dross_code"), (d or {}).get("code") or cls["code"]),
            (w("hazards"), sep.join(self.w.pick(HAZARD_WORDS.get(h, (h, h))) for h in hazards)),
            (w("production"), f"{fmt(src.get('production_t'))} t" if src.get("production_t") is not None else "—"),
            (w("self_util"), self.yn(src.get("self_utilization"))),
        ]))
        if not src and not d:
            story.append(self.p(w("no_dross")))
            return story
        # generation
        story.append(self.p(w("generation"), "h2"))
        rows: list[list[Any]] = [[w("kind"), w("expected"), w("reported")]]
        coef = data["coefficients_kg_per_t"].get(sector) or {}
        ledger = src.get("ledger") or []
        for kind in ("primary", "secondary"):
            exp = (d or {}).get(f"expected_{kind}_t")
            if exp is None and coef.get(kind) and src.get("production_t") is not None:
                prod = Decimal(str(src["production_t"]))
                exp = [prod * Decimal(coef[kind][0]) / 1000, prod * Decimal(coef[kind][1]) / 1000]
            if not coef.get(kind):
                exp_s = w("not_determined")
            elif kind == "secondary" and src.get("self_utilization") is False:
                exp_s = w("not_checked")
            elif exp:
                exp_s = f"{fmt(exp[0], 1)} – {fmt(exp[1], 1)}"
            else:
                exp_s = "—"
            rep = (d or {}).get(f"reported_{kind}_t", src.get(f"{kind}_generated_t"))
            if rep is None and ledger:
                gen = [Decimal(str(e["quantity_t"])) for e in ledger if e.get("kind") == kind
                       and e.get("movement") == "generated"]
                rep = sum(gen, Decimal(0)) if gen else None
            rows.append([w(kind), exp_s, fmt(rep, 1) if rep is not None else "—"])
        story.append(self.table(rows, [50 * mm, 60 * mm, CONTENT_W - 110 * mm]))
        tol = data.get("tolerance", {})
        if tol:
            story.append(self.p(f"{w('m_defaults')}: ±{fmt(Decimal(tol['value']) * 100)} % — {tol.get('source', '')}", "small"))
        # findings
        story.append(self.p(w("findings_by_sev"), "h2"))
        if not isinstance(d, dict):
            story.append(self.p(w("not_applicable_module")))
        else:
            fs = [f for f in d.get("findings") or [] if isinstance(f, dict)]
            if not fs:
                story.append(self.p(w("no_findings")))
            else:
                fs.sort(key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 3))
                rows = [[w("severity"), w("check"), w("detail")]]
                for f in fs:
                    sev = f.get("severity") or ""
                    rows.append([self.coloured(w(sev) if sev in T else sev,
                                               {"critical": "bad", "major": "warn"}.get(sev, "none")),
                                 str(f.get("id", "")), f.get("detail") or f.get("message") or ""])
                story.append(self.table(rows, [20 * mm, 48 * mm, CONTENT_W - 68 * mm]))
            story += self._generic_rest(d, {"code", "hazards", "findings", "expected_primary_t",
                                            "expected_secondary_t"})
        # checklist
        answers = src.get("requirements") or {}
        reqs = data["requirements"]
        met = sum(1 for r in reqs if answers.get(r["id"]) is True)
        story.append(self.p(w("checklist"), "h2"))
        pct = (d or {}).get("compliance_pct")
        if pct is None:
            pct = fmt(Decimal(met * 100) / Decimal(len(reqs)), 1)
        story.append(self.p(w("compliance", pct=pct, met=met, n=len(reqs))))
        rows = [["§", w("requirement"), w("severity"), w("status")]]
        for r in reqs:
            v = answers.get(r["id"])
            tone = "good" if v is True else ("bad" if v is False else "none")
            rows.append([r["id"], r["text_zh"] if lang == "zh" else r["text_en"], w(r["severity"]),
                         self.coloured(w("met") if v is True else (w("unmet") if v is False else w("unanswered")), tone)])
        story.append(self.table(rows, [14 * mm, CONTENT_W - 54 * mm, 18 * mm, 22 * mm]))
        # ledger summary
        story.append(self.p(w("ledger"), "h2"))
        if not ledger:
            story.append(self.p(w("no_ledger")))
        else:
            dates = sorted(e["date"] for e in ledger)
            story.append(self.p(w("ledger_span", n=len(ledger), a=dates[0], b=dates[-1])))
            sums: dict[tuple[str, str], tuple[int, Decimal]] = {}
            for e in ledger:
                key = (e.get("kind") or "", e.get("movement") or "")
                n, q = sums.get(key, (0, Decimal(0)))
                sums[key] = (n + 1, q + Decimal(str(e["quantity_t"])))
            rows = [[w("kind"), w("movement"), w("entries"), w("quantity")]]
            for kind in ("primary", "secondary"):
                for mv in data["movements"]:
                    if (kind, mv) in sums:
                        n, q = sums[(kind, mv)]
                        rows.append([w(kind), self.w.pick(MOVEMENT_WORDS.get(mv, (mv, mv))), str(n), fmt(q, 3)])
            story.append(self.table(rows, [40 * mm, 40 * mm, 25 * mm, CONTENT_W - 105 * mm]))
        receivers = src.get("receivers") or []
        if receivers:
            rows = [[w("receivers"), w("licence"), w("codes"), w("valid")]]
            for r in receivers:
                rows.append([r.get("name"), r.get("licence_no") or "—", ", ".join(r.get("codes") or []),
                             f"{r.get('valid_from') or '…'} – {r.get('valid_to') or '…'}"])
            story.append(Spacer(1, 3 * mm))
            story.append(self.table(rows, [60 * mm, 40 * mm, 30 * mm, CONTENT_W - 130 * mm]))
        return story

    def method(self) -> list[Any]:
        w, lang = self.w, self.inp.lang
        ce = standards.load("circular_economy")
        story: list[Any] = [PageBreak(), self.p(w("s_method"), "h1")]
        m = ce["method"]
        weights = []
        sector = self.a.plant.sector
        if sector in ce["sectors"]:
            cei = self.r.get("circular_economy") or {}
            weights = [f"{self.label(i['id'])} {i.get('weight')}" for i in cei.get("indicators", [])]
        grades = "; ".join(f"{g['id']} ≥ {g['min_index']}" for g in ce["grades"])
        pairs = [(w("m_score"), m["score"]), (w("m_index"), m["index"]), (w("m_rounding"), m["rounding"]),
                 (w("m_grades"), grades + f" ({ce['grades'][0].get('source', '')})")]
        if weights:
            pairs.append((w("m_weights"), ("、" if lang == "zh" else "; ").join(weights) + "\n"
                          + (m["weights_note_zh"] if lang == "zh" else m["weights_note_en"])))
        story.append(self.kv(pairs))
        story.append(self.p(w("m_defaults"), "h2"))
        defaults = [m["weights_note_zh"] if lang == "zh" else m["weights_note_en"],
                    f"plausibility: {ce['plausibility']['source']}"]
        dr = standards.load("dross")
        if dr.get("tolerance"):
            defaults.append(f"dross tolerance ±{fmt(Decimal(dr['tolerance']['value']) * 100)} %: {dr['tolerance']['source']}")
        if dr.get("requirements_severity_source"):
            defaults.append(f"dross severities: {dr['requirements_severity_source']}")
        for k, v in (ce.get("conversions") or {}).items():
            defaults.append(f"{k} = {v.get('value')} ({v.get('source')})")
        for name in standards.available():
            data = standards.load(name)
            if isinstance(data.get("app_defaults"), (list, dict)) and name not in ("circular_economy", "dross"):
                items = data["app_defaults"].items() if isinstance(data["app_defaults"], dict) else enumerate(data["app_defaults"])
                for k, v in items:
                    defaults.append(f"{name}.{k}: {v}")
        for d in defaults:
            story.append(self.p("• " + str(d), "small"))
        story.append(self.p(w("m_editions"), "h2"))
        rows: list[list[Any]] = [["file", "edition", w("source")]]
        for name, ed in standards.editions().items():
            rows.append([f"{name}.json", ed or "—", str(standards.load(name).get("source", ""))])
        story.append(self.table(rows, [34 * mm, 70 * mm, CONTENT_W - 104 * mm]))
        story.append(self.p(w("m_app"), "h2"))
        story.append(self.p(f"AlAssess {__version__}"))
        return story

    def signature(self) -> list[Any]:
        w, a = self.w, self.a
        return [NextPageTemplate("signature"), PageBreak(), self.p(w("s_signature"), "h1"),
                self.p(w("sig_declare")), Spacer(1, 4 * mm),
                self.kv([(w("plant"), a.plant.name), (w("period"), a.period),
                         (w("assessor"), a.assessor.name or "—"), (w("organisation"), a.assessor.organisation or "—"),
                         (w("report_id"), self.inp.report_id),
                         (w("data_hash"), self.p(self.inp.data_sha256, "mono"))]),
                Spacer(1, 4 * mm), self.p(w("sig_how"), "small"), self.p(w("sig_unsigned"), "small")]

    def signature_page_decor(self, canv: rl_canvas.Canvas, _doc: Any) -> None:
        x1, y1, x2, y2 = SIGNATURE_BOX
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.setFont(self.font, 9)
        canv.drawString(x1, y2 + 3 * mm, self.w.clean(self.w("sig_box")))
        canv.setStrokeColor(RULE)
        canv.setDash(3, 2)
        canv.rect(x1 - 2, y1 - 2, x2 - x1 + 4, y2 - y1 + 4)
        hx1 = x2 + 8 * mm
        canv.drawString(hx1, y2 + 3 * mm, self.w.clean(self.w("sig_hand")))
        canv.rect(hx1, y1 - 2, PAGE_W - MARGIN - hx1, y2 - y1 + 4)
        canv.restoreState()

    def story(self) -> list[Any]:
        return (self.cover() + self.summary() + self.requirements() + self.indicators() + self.charts_section()
                + self.guideline() + self.energy() + self.dross() + self.ledger_appendix() + self.method()
                + self.signature())

    def ledger_appendix(self) -> list[Any]:
        ledger = (self.a.dross or {}).get("ledger") or []
        if not ledger:
            return []
        w = self.w
        rows: list[list[Any]] = [[w("date"), w("dross_code"), w("kind"), w("movement"), w("quantity"),
                                  "container", w("receivers"), "manifest"]]
        for e in ledger:
            rows.append([e.get("date"), e.get("code"), w(e["kind"]) if e.get("kind") in T else e.get("kind"),
                         self.w.pick(MOVEMENT_WORDS.get(e.get("movement"), (e.get("movement"), e.get("movement")))),
                         fmt(e.get("quantity_t")), e.get("container") or "", e.get("receiver") or "",
                         e.get("manifest_no") or ""])
        widths = [19 * mm, 19 * mm, 17 * mm, 17 * mm, 16 * mm, 18 * mm]
        widths += [(CONTENT_W - sum(widths)) * 0.6, (CONTENT_W - sum(widths)) * 0.4]
        return [PageBreak(), self.p(w("ledger_full"), "h1"), self.table(rows, widths)]


def render(inp: ReportInput) -> tuple[bytes, int]:
    """The report as PDF bytes, and its number of pages."""
    b = _Builder(inp)
    buf = BytesIO()
    w = b.w
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=18 * mm, bottomMargin=20 * mm,
        title=f"{w('title')} — {w.clean(inp.assessment.plant.name)} {inp.assessment.period}",
        author=w.clean(inp.assessment.assessor.name or ""), subject=w("title"), creator=f"AlAssess {__version__}",
        keywords=f"report-id: {inp.report_id}; SHA-256: {inp.data_sha256}", lang="zh-CN" if inp.lang == "zh" else "en",
        initialFontName=inp.font_name)
    body = Frame(MARGIN, 20 * mm, CONTENT_W, PAGE_H - 38 * mm, id="body", leftPadding=0, rightPadding=0,
                 topPadding=0, bottomPadding=0)
    sig_bottom = SIGNATURE_BOX[3] + 12 * mm
    sig = Frame(MARGIN, sig_bottom, CONTENT_W, PAGE_H - 18 * mm - sig_bottom, id="sig", leftPadding=0,
                rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("body", frames=[body]),
                          PageTemplate("signature", frames=[sig], onPage=b.signature_page_decor)])
    canvasmaker = _canvas_class(inp.font_name, w, inp.report_id, inp.data_sha256, w.clean(inp.assessment.plant.name))
    doc.build(b.story(), canvasmaker=canvasmaker)
    return buf.getvalue(), doc.page
