"""Charts for the assessment report (reportlab graphics, vector, embedded font only)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm

from alassess.reports import fonts

PLANT = colors.HexColor("#1f5f99")
SURVEY = colors.HexColor("#9bb7d4")
BENCH = colors.HexColor("#c0392b")
GRID = colors.HexColor("#dddddd")
SERIES = [colors.HexColor(c) for c in ("#1f5f99", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#16a085",
                                       "#7f8c8d")]


def _wrap_label(text: str, width: int = 6) -> str:
    """Category labels on two lines when long (CJK has no spaces to break at)."""
    if len(text) <= width:
        return text
    if " " in text:
        words, lines, cur = text.split(), [], ""
        for w in words:
            if cur and len(cur) + 1 + len(w) > 14:
                lines.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}".strip()
        lines.append(cur)
        return "\n".join(lines[:3])
    return text[:width] + "\n" + text[width:width * 2]


def scores_chart(font: str, labels: Sequence[str], plant_pct: Sequence[float],
                 survey_pct: Sequence[float], legend: tuple[str, str, str],
                 width: float = 170 * mm, height: float = 70 * mm) -> Drawing:
    """Each indicator as a percentage of its benchmark: the plant and the survey average; the
    benchmark is the 100 % line."""
    d = Drawing(width, height)
    d.initialFontName = font  # the drawing's initial font: never the standard-14 Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 13 * mm
    chart.width, chart.height = width - 20 * mm, height - 23 * mm
    chart.data = [list(plant_pct), list(survey_pct)]
    chart.categoryAxis.categoryNames = [_wrap_label(s) for s in labels]
    top = max([100.0, *plant_pct, *survey_pct])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = (int(top / 20) + 1) * 20
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -2
    chart.bars[0].fillColor = PLANT
    chart.bars[1].fillColor = SURVEY
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 8
    chart.barLabelFormat = "%.0f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    d.add(chart)
    y100 = chart.y + chart.height * 100.0 / chart.valueAxis.valueMax
    d.add(Line(chart.x, y100, chart.x + chart.width, y100, strokeColor=BENCH, strokeWidth=1.2,
               strokeDashArray=[4, 2]))
    lg = Legend()
    lg.fontName = font
    lg.fontSize = 7
    lg.alignment = "right"
    lg.columnMaximum = 1
    lg.deltax = 60
    lg.x, lg.y = chart.x, height - 3 * mm
    lg.colorNamePairs = [(PLANT, legend[0]), (SURVEY, legend[1]), (BENCH, legend[2])]
    d.add(lg)
    return d


def trend_chart(font: str, periods: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
                thresholds: Sequence[tuple[float, str]] = (), value_max: float = 100.0,
                width: float = 170 * mm, height: float = 74 * mm) -> Drawing:
    """Lines over periods (e.g. the index, bold, and each indicator's score), with the grade
    thresholds as dashed lines; the value axis starts a little below the lowest value."""
    d = Drawing(width, height)
    d.initialFontName = font
    values = [v for _, vals in series for v in vals if v is not None]
    low = min(values) if values else 0.0
    value_min = max(0.0, (int(low // 10) - 1) * 10.0)
    legend_rows = (len(series) + 2) // 3
    chart = HorizontalLineChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - 22 * mm, height - 16 * mm - legend_rows * 4.5 * mm
    chart.data = [[(v if v is not None else None) for v in vals] for _, vals in series]
    chart.categoryAxis.categoryNames = list(periods)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = value_min
    chart.valueAxis.valueMax = value_max
    chart.valueAxis.valueStep = 10 if value_max - value_min <= 60 else 20
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.joinedLines = 1
    for i in range(len(series)):
        colour = SERIES[i % len(SERIES)]
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 2.4 if i == 0 else 1.1
        chart.lines[i].symbol = makeMarker("FilledCircle" if i == 0 else "FilledSquare", size=4 if i == 0 else 2.8,
                                           fillColor=colour, strokeColor=colour)
    d.add(chart)
    span = value_max - value_min
    for value, label in thresholds:
        if not value_min <= value <= value_max:
            continue
        y = chart.y + chart.height * (value - value_min) / span
        d.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=BENCH, strokeWidth=0.6, strokeDashArray=[2, 2]))
        d.add(String(chart.x + chart.width + 1.5, y - 2, label, fontName=font, fontSize=6.5, fillColor=BENCH))
    col_w = (width - chart.x) / 3
    lg = Legend()
    lg.fontName = font
    lg.fontSize = 7
    lg.alignment = "right"
    lg.columnMaximum = legend_rows
    lg.deltax = col_w
    lg.dx, lg.dy = 7, 7
    lg.deltay = 4.5 * mm
    lg.x, lg.y = chart.x, height - 2 * mm
    # reportlab's Legend lays entries out column by column
    lg.colorNamePairs = [(SERIES[i % len(SERIES)], fonts.fit(name, font, 7, col_w - 14)) for i, (name, _) in enumerate(series)]
    d.add(lg)
    return d


def range_bar(font: str, value: float | None, low: float, avg: float, high: float, bench: float,
              width: float = 34 * mm, height: float = 5 * mm) -> Drawing:
    """Where the plant sits: the survey range (bar), its average (tick), the benchmark (red tick)
    and the plant (dark dot), on one scale."""
    d = Drawing(width, height)
    d.initialFontName = font
    vals = [v for v in (value, low, avg, high, bench) if v is not None]
    lo, hi = min(vals), max(vals)
    if hi <= lo:
        hi = lo + 1
    pad = (hi - lo) * 0.05
    lo, hi = lo - pad, hi + pad

    def x(v: float) -> float:
        return (v - lo) / (hi - lo) * width

    mid = height / 2
    d.add(Line(0, mid, width, mid, strokeColor=GRID, strokeWidth=0.5))
    d.add(Rect(x(low), mid - 1.5, max(x(high) - x(low), 0.5), 3, fillColor=SURVEY, strokeColor=None))
    d.add(Line(x(avg), mid - 2.5, x(avg), mid + 2.5, strokeColor=colors.black, strokeWidth=0.8))
    d.add(Line(x(bench), 0, x(bench), height, strokeColor=BENCH, strokeWidth=1))
    if value is not None:
        d.add(Rect(x(value) - 1.8, mid - 1.8, 3.6, 3.6, fillColor=PLANT, strokeColor=colors.white,
                   strokeWidth=0.3))
    return d
