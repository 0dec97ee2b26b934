"""The trend over the plant's periods: the index and indicator scores as a chart, and a table."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from alassess import standards
from alassess.reports import charts
from alassess.reports.report.context import Ctx
from alassess.reports.report.numbers import num
from alassess.reports.report.tables import table

GRADES = ("5A", "4A", "3A")


def trend(ctx: Ctx, ce: dict[str, Any] | None) -> list[Any]:
    """This period and the ones before it."""
    w = ctx.w
    hist = sorted((h for h in ctx.inp.history if h.period <= ctx.a.period), key=lambda h: h.period)
    story: list[Any] = [ctx.p(w("chart_trend"), "h2")]
    if len(hist) < 2 or all(h.index is None for h in hist):
        return story + [ctx.p(w("no_trend"))]
    ids = [it["id"] for it in (ce or {}).get("indicators", [])]
    series: list[tuple[str, list[float | None]]] = [(w("index"), [h.index for h in hist])]
    for iid in ids:
        series.append((w.clean(ctx.label(iid)), [h.scores.get(iid) for h in hist]))
    data = standards.load("circular_economy")
    grades = [(float(g["min_index"]), g["id"]) for g in data["grades"]]
    story.append(charts.trend_chart(ctx.font, [h.period for h in hist], series, grades))
    rows: list[list[Any]] = [[w("period"), w("index"), w("grade_is")]]
    none_label = ctx.data_text(data, "none_label")
    for h in hist:
        grade = h.grade if h.grade in GRADES else (none_label if h.grade else "—")
        rows.append([h.period, num(h.index, 2) if h.index is not None else "—", grade])
    story.append(KeepTogether([ctx.p(w("trend_table"), "h2"), table(ctx, rows, [30 * mm, 36 * mm, 70 * mm])]))
    return story
