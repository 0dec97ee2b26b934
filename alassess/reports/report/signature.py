"""Part 9, the signature page: the assessor's statement, what is signed, and how to verify it.
The stamp box itself is drawn by :mod:`alassess.reports.report.stampbox`."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import FrameBreak, NextPageTemplate, PageBreak, Spacer

from alassess.reports.report.context import Ctx
from alassess.reports.report.tables import kv


def section(ctx: Ctx) -> list[Any]:
    w, a = ctx.w, ctx.a
    return [NextPageTemplate("signature"), PageBreak(), ctx.p(w("s_signature"), "h1"),
            ctx.p(w("sig_declare")), Spacer(1, 3 * mm),
            kv(ctx, [(w("plant"), a.plant.name), (w("period"), a.period),
                     (w("assessor"), a.assessor.name or "—"), (w("organisation"), a.assessor.organisation or "—"),
                     (w("report_id"), ctx.inp.report_id),
                     (w("data_hash"), ctx.p(ctx.inp.data_sha256, "mono"))]),
            FrameBreak(),
            ctx.p(w("sig_how_title"), "h2"), ctx.p(w("sig_how"), "small"), ctx.p(w("sig_how2"), "small"),
            ctx.p(w("sig_how3"), "small"), Spacer(1, 2 * mm), ctx.p(w("sig_unsigned"), "small")]
