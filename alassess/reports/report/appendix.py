"""Appendix: the ledger entries of the period."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from alassess.reports.report.context import Ctx
from alassess.reports.report.dross import KINDS, period_entries
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import table


def ledger(ctx: Ctx) -> list[Any]:
    period = period_entries(ctx, [e for e in (ctx.a.dross or {}).get("ledger") or [] if isinstance(e, dict)])
    if not period:
        return []
    w = ctx.w
    rows: list[list[Any]] = [[w("entry_date"), w("dross_code"), w("kind"), w("movement"), w("quantity"),
                              w("container"), w("receiver"), w("manifest")]]
    for e in period:
        kind = e.get("kind")
        rows.append([e.get("date"), e.get("code"), w(f"{kind}_short") if kind in KINDS else kind,
                     w.term("movement", e.get("movement")),
                     num(e.get("quantity_t"), 3), e.get("container") or "",
                     e.get("receiver") or "", e.get("manifest_no") or ""])
    widths = [17 * mm, 17 * mm, 19 * mm, 20 * mm, 15 * mm, 18 * mm]
    rest = CONTENT_W - sum(widths)
    widths += [rest - 23 * mm, 23 * mm]
    # a long table: its heading does not wait for room for the whole of it
    return [CondPageBreak(50 * mm), ctx.p(w("s_appendix"), "h1n"),
            table(ctx, rows, widths, size=7.5, extra=[("ALIGN", (4, 1), (4, -1), "RIGHT")])]
