"""Ruled tables and key–value tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from alassess.reports.report.context import Ctx
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import CONTENT_W, INK, LIGHT, RULE

PAD = 6.0  # left + right cell padding (pt)


def _cell(ctx: Ctx, c: Any, width: float, bold: bool, plain: bool, size: float) -> Any:
    if c is None or c == "":
        c = "—" if c is None else ""
    if isinstance(c, (int, float, Decimal)):
        c = num(c)
    if not isinstance(c, str):
        return c
    text = ctx.w.clean(c)
    font = ctx.bold if bold else ctx.font
    if (plain and not bold) or ("\n" not in text and stringWidth(text, font, size) <= width - PAD):
        return text
    return ctx.p(text, ("cellb" if bold else "cell") + ("7" if size < 8 else ""))


def table(ctx: Ctx, rows: list[list[Any]], widths: list[float], header: bool = True,
          extra: list[tuple] | None = None, plain: bool = False, size: float = 8) -> Table:
    """A ruled table (8 pt, or 7.5 with ``size=7.5``). Text that fits its column on one line is
    drawn as it is (fast); longer text wraps (a Paragraph) unless ``plain``. The header row is bold."""
    small = size < 8
    cells = [[_cell(ctx, c, widths[j], header and i == 0, plain, size) for j, c in enumerate(row)]
             for i, row in enumerate(rows)]
    t = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("FONTNAME", (0, 0), (-1, -1), ctx.font), ("FONTSIZE", (0, 0), (-1, -1), size),
             ("LEADING", (0, 0), (-1, -1), 10 if small else 10.5), ("TEXTCOLOR", (0, 0), (-1, -1), INK),
             ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
             ("TOPPADDING", (0, 0), (-1, -1), 2.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), LIGHT))
        style.append(("FONTNAME", (0, 0), (-1, 0), ctx.bold))
    t.setStyle(TableStyle(style + (extra or [])))
    return t


def kv(ctx: Ctx, pairs: list[tuple[str, Any]], key_w: float = 48 * mm) -> Table:
    """Two columns: a shaded key and its value."""
    rows = [[k, "—" if v in (None, "") else v] for k, v in pairs]
    return table(ctx, rows, [key_w, CONTENT_W - key_w], header=False,
                 extra=[("BACKGROUND", (0, 0), (0, -1), LIGHT)])
