"""Page furniture: the cover band, and on every page the footer with "page x of y", the report id
and the data hash (the header with the title and the plant from page 2 on)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from alassess.reports.report.context import Words
from alassess.reports.report.styles import ACCENT, INK, LIGHT, MARGIN, MUTED, PAGE_H, PAGE_W, RULE


def canvas_class(font: str, w: Words, report_id: str, data_hash: str, plant: str) -> type[rl_canvas.Canvas]:
    """A canvas that draws the furniture of every page once the page count is known."""

    def furniture(canv: rl_canvas.Canvas, n: int, total: int) -> None:
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, 14 * mm, PAGE_W - MARGIN, 14 * mm)
        canv.setFillColor(INK)
        canv.setFont(font, 7.5)
        canv.drawString(MARGIN, 10 * mm, f"{w('report_id')}: {report_id}")
        canv.drawRightString(PAGE_W - MARGIN, 10 * mm, w("page", x=n, y=total))
        canv.setFont(font, 6.5)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN, 6.5 * mm, f"{w('data_hash')}: {data_hash}")
        if n > 1:
            canv.setFont(font, 7.5)
            canv.setFillColor(ACCENT)
            canv.drawString(MARGIN, PAGE_H - 11 * mm, w("title"))
            canv.setFillColor(INK)
            canv.drawRightString(PAGE_W - MARGIN, PAGE_H - 11 * mm, plant)
            canv.line(MARGIN, PAGE_H - 13 * mm, PAGE_W - MARGIN, PAGE_H - 13 * mm)
        canv.restoreState()

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
                furniture(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def cover_band(canv: rl_canvas.Canvas, _doc: Any) -> None:
    """The coloured band across the top of the cover."""
    canv.saveState()
    canv.setFillColor(ACCENT)
    canv.rect(0, PAGE_H - 9 * mm, PAGE_W, 9 * mm, stroke=0, fill=1)
    canv.setFillColor(LIGHT)
    canv.rect(0, PAGE_H - 11 * mm, PAGE_W, 2 * mm, stroke=0, fill=1)
    canv.restoreState()
