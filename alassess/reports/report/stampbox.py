"""The signature page's stamp box (where the PAdES signature's visible stamp goes) and the box
for a handwritten signature beside it."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from alassess.reports.report.context import Ctx
from alassess.reports.report.styles import ACCENT, MARGIN, PAGE_W, RULE

# Signature stamp box on the last page: x1, y1, x2, y2 in points (bottom-left origin)
SIGNATURE_BOX = (MARGIN, 138 * mm, MARGIN + 112 * mm, 172 * mm)


def draw_boxes(ctx: Ctx, canv: rl_canvas.Canvas, _doc: Any) -> None:
    """The signature page's decoration: the stamp box and the handwritten-signature box."""
    x1, y1, x2, y2 = SIGNATURE_BOX
    canv.saveState()
    canv.setFillColor(ACCENT)
    canv.setFont(ctx.bold, 9.5)
    canv.drawString(x1, y2 + 3 * mm, ctx.w.clean(ctx.w("sig_box")))
    canv.setStrokeColor(RULE)
    canv.setDash(3, 2)
    canv.rect(x1 - 2, y1 - 2, x2 - x1 + 4, y2 - y1 + 4)
    hx1 = x2 + 8 * mm
    hand = ctx.w.clean(ctx.w("sig_hand"))
    size = 9.5  # smaller when the heading would run past the box (and the page margin)
    while size > 6 and canv.stringWidth(hand, ctx.bold, size) > PAGE_W - MARGIN - hx1:
        size -= 0.5
    canv.setFont(ctx.bold, size)
    canv.drawString(hx1, y2 + 3 * mm, hand)
    canv.rect(hx1, y1 - 2, PAGE_W - MARGIN - hx1, y2 - y1 + 4)
    canv.restoreState()
