"""The cover: title, plant, grade badge and the report's particulars."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from alassess.reports.report.context import Ctx
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import ACCENT, LIGHT
from alassess.reports.report.tables import kv

GRADES = ("5A", "4A", "3A")


def unmet_text(ctx: Ctx, unmet: list[str]) -> str:
    """"all met", or the basic requirements not met."""
    w = ctx.w
    return w("all_met") if not unmet else w("some_unmet", names=w.sep.join(ctx.label(x) for x in unmet))


def _badge(ctx: Ctx, ce: dict[str, Any]) -> Table:
    w = ctx.w
    badge = ctx.p(ce.get("grade") if ce.get("grade") in GRADES else "—", "badge")
    reqs = unmet_text(ctx, ce.get("requirements_unmet") or [])
    info = [ctx.p(ce.get("grade_label") or "", "badge_label"),
            ctx.p(w.labelled(w("index"), num(ce.get("index"), 2)), "body"),
            ctx.p(w.labelled(w("basic_met"), reqs), "body")]
    t = Table([[badge, info]], colWidths=[42 * mm, 110 * mm], hAlign="CENTER")
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), ctx.font),
                           ("BACKGROUND", (0, 0), (0, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("BOX", (0, 0), (-1, -1), 0.8, ACCENT), ("LEFTPADDING", (1, 0), (1, 0), 10),
                           ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                           ("BACKGROUND", (1, 0), (1, 0), LIGHT)]))
    return t


def cover(ctx: Ctx) -> list[Any]:
    w, a, ce = ctx.w, ctx.a, ctx.r.get("circular_economy")
    story: list[Any] = [Spacer(1, 26 * mm), ctx.p(w("title"), "title"), Spacer(1, 2 * mm),
                        ctx.p(w("subtitle"), "subtitle"), Spacer(1, 18 * mm), ctx.p(a.plant.name, "plant"),
                        Spacer(1, 3 * mm), ctx.p(f"{ctx.sector()} · {a.period}", "subtitle"), Spacer(1, 12 * mm)]
    story.append(_badge(ctx, ce) if ce else ctx.p(w("no_ce", sector=ctx.sector()), "subtitle"))
    story.append(Spacer(1, 14 * mm))
    story.append(kv(ctx, [
        (w("credit_code"), a.plant.credit_code or "—"),
        (w("sector"), ctx.sector()),
        (w("region"), a.plant.region or "—"),
        (w("period"), a.period),
        (w("assessor"), a.assessor.name or "—"),
        (w("organisation"), a.assessor.organisation or "—"),
        (w("date"), ctx.inp.created.astimezone().strftime("%Y-%m-%d")),
        (w("report_id"), ctx.inp.report_id),
        (w("data_hash"), ctx.p(ctx.inp.data_sha256, "mono")),
    ]))
    story += [Spacer(1, 4 * mm), ctx.p(w("data_note"), "small"), NextPageTemplate("body"), PageBreak()]
    return story
