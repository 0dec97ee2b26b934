"""The assessment report (reportlab platypus): what an office receives, signs off and files.

``render(ReportInput) -> (pdf bytes, pages)``. The report draws what the scoring service returns
(``alassess.services.scoring.evaluate``) and the plant's history the service layer hands it; it
computes no score and reads no database. A module whose result is ``None`` is reported as not
applicable to the sector, or as giving no result (with the entered data shown). Every page carries
"page x of y", the report id and the SHA-256 of the assessment data embedded in the PDF. Only the
bundled TrueType faces are used (embedded subsets).

One module per section (:mod:`.cover`, :mod:`.summary`, :mod:`.circular`, :mod:`.trends`,
:mod:`.guideline`, :mod:`.energy`, :mod:`.dross`, :mod:`.method`, :mod:`.appendix`,
:mod:`.signature`), each a function from the rendering context (:class:`.context.Ctx`) to
flowables; the shared pieces are :mod:`.styles`, :mod:`.tables`, :mod:`.numbers`, :mod:`.blocks`,
:mod:`.findings` (every finding the report shows), :mod:`.page` and :mod:`.stampbox`.

The last page is the signature page; its stamp box is at :data:`SIGNATURE_BOX` (PDF points).
"""

from __future__ import annotations

from functools import partial
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from alassess import __version__
from alassess.domain import fields as _fields  # noqa: F401 (tests read field units through the report)
from alassess.reports.report import (
    appendix,
    circular,
    cover,
    dross,
    energy,
    guideline,
    method,
    signature,
    summary,
)
from alassess.reports.report.context import Ctx, HistoryPoint, ReportInput
from alassess.reports.report.numbers import num
from alassess.reports.report.page import canvas_class, cover_band
from alassess.reports.report.stampbox import SIGNATURE_BOX, draw_boxes
from alassess.reports.report.styles import BOTTOM, CONTENT_W, MARGIN, PAGE_H, PAGE_W, TOP

LANG_TAG = {"zh": "zh-CN", "en": "en"}  # the document's language (PDF /Lang)

__all__ = ["SIGNATURE_BOX", "MARGIN", "PAGE_W", "PAGE_H", "CONTENT_W", "HistoryPoint", "ReportInput", "num",
           "render", "story"]


def story(ctx: Ctx) -> list[Any]:
    """Every section in order."""
    return (cover.cover(ctx) + summary.summary(ctx) + circular.section(ctx) + guideline.section(ctx)
            + energy.section(ctx) + dross.section(ctx) + method.section(ctx) + appendix.ledger(ctx)
            + signature.section(ctx))


def _frame(fid: str, y1: float, y2: float) -> Frame:
    return Frame(MARGIN, y1, CONTENT_W, y2 - y1, id=fid, leftPadding=0, rightPadding=0, topPadding=0,
                 bottomPadding=0)


def render(inp: ReportInput) -> tuple[bytes, int]:
    """The report as PDF bytes, and its number of pages."""
    ctx = Ctx(inp)
    buf = BytesIO()
    w = ctx.w
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=PAGE_H - TOP, bottomMargin=BOTTOM,
        title=f"{w('title')} — {w.clean(inp.assessment.plant.name)} {inp.assessment.period}",
        author=w.clean(inp.assessment.assessor.name or ""), subject=w("title"), creator=f"AlAssess {__version__}",
        keywords=f"report-id: {inp.report_id}; SHA-256: {inp.data_sha256}", lang=LANG_TAG[ctx.lang],
        initialFontName=inp.font_name)
    _x1, y1, _x2, y2 = SIGNATURE_BOX
    doc.addPageTemplates([
        PageTemplate("cover", frames=[_frame("cover", BOTTOM, TOP)], onPage=cover_band),
        PageTemplate("body", frames=[_frame("body", BOTTOM, TOP)]),
        PageTemplate("signature", frames=[_frame("sig_top", y2 + 10 * mm, TOP), _frame("sig_bottom", BOTTOM, y1 - 8 * mm)],
                     onPage=partial(draw_boxes, ctx)),
    ])
    canvasmaker = canvas_class(inp.font_name, w, inp.report_id, inp.data_sha256, w.clean(inp.assessment.plant.name))
    doc.build(story(ctx), canvasmaker=canvasmaker)
    return buf.getvalue(), doc.page
