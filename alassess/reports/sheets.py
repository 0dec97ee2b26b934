"""Sheets for printing labels and signs at true size: imposition, crop marks, tiling.

* :func:`grid_plan` — as many items per sheet as fit at true size, portrait or landscape,
  whichever holds more (items never scaled).
* :func:`tile_plan` — an item larger than the sheet is cut into tiles with an overlap; every tile
  carries a dashed cut line and cross-hair alignment marks in the overlap (the same marks, at the
  same place on the item, appear on both neighbours), its index ("2/4", row and column) and a
  small map of the tiles.
* Every sheet carries, outside the items, the note "请按实际尺寸（100%）打印 / Print at 100 %
  (actual size)" and a 100 mm scale bar to check with a ruler; the PDF also asks viewers to print
  at actual size (``PrintScaling None``).

Geometry is in mm (reportlab user space scaled once per page); items draw themselves in mm with the
origin at their lower-left corner.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reportlab.lib.units import mm

from alassess import catalogue
from alassess.domain import labels as content
from alassess.domain.errors import InputError
from alassess.reports import fonts
from alassess.reports import labeltext as lt


def _sheet() -> dict:
    return content.spec()["sheets"]


@dataclass(frozen=True)
class Item:
    """Something to print at true size: ``draw(c)`` draws it in mm with its origin at (0, 0)."""

    width_mm: float
    height_mm: float
    draw: Callable
    caption: str = ""


@dataclass(frozen=True)
class GridPlan:
    page_w: float
    page_h: float
    cols: int
    rows: int
    positions: tuple[tuple[float, float], ...]  # lower-left corners, reading order

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def orientation(self) -> str:
        return "portrait" if self.page_h >= self.page_w else "landscape"


@dataclass(frozen=True)
class Tile:
    index: int  # 1-based, reading order
    row: int  # 1-based from the top
    col: int  # 1-based from the left
    x0: float  # window in item coordinates (mm, origin at the item's lower-left corner)
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class TilePlan:
    page_w: float
    page_h: float
    window: tuple[float, float, float, float]  # x, y, w, h of the printed window on the page
    nx: int
    ny: int
    tiles: tuple[Tile, ...]
    item_w: float
    item_h: float

    @property
    def orientation(self) -> str:
        return "portrait" if self.page_h >= self.page_w else "landscape"

    def cuts_x(self) -> list[float]:
        """Item x of the vertical cut lines (middle of each column overlap)."""
        cols = [t for t in self.tiles if t.row == 1]
        return [(cols[i].x1 + cols[i + 1].x0) / 2 for i in range(len(cols) - 1)]

    def cuts_y(self) -> list[float]:
        rows = [t for t in self.tiles if t.col == 1]
        return [(rows[i].y0 + rows[i + 1].y1) / 2 for i in range(len(rows) - 1)]


def _orientations(paper: content.Paper) -> list[tuple[float, float]]:
    p = (min(paper.width_mm, paper.height_mm), max(paper.width_mm, paper.height_mm))
    return [p, (p[1], p[0])] if p[0] != p[1] else [p]


def grid_plan(paper: content.Paper, w: float, h: float) -> GridPlan | None:
    """The most items of w×h mm a sheet holds at true size (None when not even one fits).

    Each item has a caption band above it; items are separated by a gap wide enough for the crop
    marks; the note band is at the bottom of the sheet."""
    s = _sheet()
    m, g = float(s["margin_mm"]), float(s["gap_mm"])
    cap = float(s["caption_mm"]) * 2
    eps = 1e-6
    best: GridPlan | None = None
    for pw, ph in _orientations(paper):
        note = band_height(pw)
        aw = pw - 2 * m
        ah = ph - 2 * m - note
        cols = int((aw + g + eps) // (w + g))
        rows = int((ah + g + eps) // (h + cap + g))
        if cols < 1 or rows < 1 or (best is not None and cols * rows <= best.per_sheet):
            continue
        used_w = cols * w + (cols - 1) * g
        used_h = rows * (h + cap) + (rows - 1) * g
        x0 = m + (aw - used_w) / 2
        top = ph - m - (ah - used_h) / 2
        pos = [(x0 + col * (w + g), top - cap - h - r * (h + cap + g)) for r in range(rows) for col in range(cols)]
        best = GridPlan(pw, ph, cols, rows, tuple(pos))
    return best


def _split(length: float, window: float, overlap: float) -> list[tuple[float, float]]:
    """Windows (start, end) covering [0, length] with at least ``overlap`` between neighbours."""
    if length <= window:
        pad = (window - length) / 2
        return [(-pad, length + pad)]
    n = math.ceil((length - overlap) / (window - overlap))
    step = (length - window) / (n - 1)
    return [(i * step, i * step + window) for i in range(n)]


def tile_plan(paper: content.Paper, w: float, h: float) -> TilePlan:
    """Tiles for an item larger than the sheet, in the orientation needing the fewest sheets."""
    s = _sheet()
    m = float(s["margin_mm"])
    overlap = float(s["tile_overlap_mm"])
    best: TilePlan | None = None
    for pw, ph in _orientations(paper):
        note = band_height(pw, tiled=True)
        ww = pw - 2 * m
        wh = ph - 2 * m - note
        if ww < 3 * overlap or wh < 3 * overlap:
            continue
        xs = _split(w, ww, overlap)
        ys = _split(h, wh, overlap)
        tiles = []
        k = 0
        for r, (ya, yb) in enumerate(reversed(ys)):  # row 1 is the top of the item
            for col, (xa, xb) in enumerate(xs):
                k += 1
                tiles.append(Tile(k, r + 1, col + 1, xa, ya, xb, yb))
        plan = TilePlan(pw, ph, (m, m + note, ww, wh), len(xs), len(ys), tuple(tiles), w, h)
        if best is None or len(plan.tiles) < len(best.tiles):
            best = plan
    if best is None:
        raise InputError("labels_paper_too_small", "--paper", paper=paper.name, min=f"{3 * overlap:g}")
    return best


# ---- drawing --------------------------------------------------------------------------------------

def note_style() -> lt.Style:
    return lt.Style(float(_sheet()["note_text_mm"]), bold=False)


_BAR_ROW = 5.6  # mm: the scale bar (2 mm), its figures above and a little air


def _line() -> float:
    return 1.3 * note_style().cjk_size


def _map_reserve() -> float:
    return float(_sheet()["tile_map_mm"]) + 3


def _note_texts(bar: float, tile: tuple[Tile, TilePlan] | None) -> list[str]:
    """The sheet's notes, in Chinese and in English (the print-at-100 % note, and a tile's place)."""
    texts = list(catalogue.both("sheet.note", bar=f"{bar:g}"))
    if tile is not None:
        t, tp = tile
        texts += catalogue.both("sheet.tile", i=t.index, n=len(tp.tiles), row=t.row, col=t.col, rows=tp.ny, cols=tp.nx)
    return texts


def _bar_length(page_w: float) -> float:
    s = _sheet()
    avail = page_w - 2 * float(s["margin_mm"])
    return next((float(b) for b in s["scale_bar_mm"] if float(b) <= avail), float(s["scale_bar_mm"][-1]))


def _note_lines(page_w: float, tile: tuple[Tile, TilePlan] | None, *, tiled: bool = False) -> list[str]:
    m = float(_sheet()["margin_mm"])
    avail = page_w - 2 * m - (_map_reserve() if (tile is not None or tiled) else 0)
    st = note_style()
    texts = _note_texts(_bar_length(page_w), tile)
    if tiled and tile is None:  # for sizing: a worst-case tile text
        fake = Tile(88, 8, 8, 0, 0, 1, 1)
        texts = _note_texts(_bar_length(page_w), (fake, TilePlan(0, 0, (0, 0, 0, 0), 8, 8, (fake,) * 88, 1, 1)))
    out: list[str] = []
    for text in texts:
        out.extend(lt.wrap(text, st, avail, avail))
    return out


def band_height(page_w: float, *, tiled: bool = False) -> float:
    """Height of the band at the bottom of a sheet: scale bar, the 100 % note (and on tiles, the tile
    index and how to join the tiles)."""
    return _BAR_ROW + len(_note_lines(page_w, None, tiled=tiled)) * _line() + 1.0


def draw_note(c, page_w: float, margin: float, tile: tuple[Tile, TilePlan] | None = None) -> None:
    """The print-at-100 % note, the scale bar (and the tile index) in the band at the bottom."""
    st = note_style()
    bar = _bar_length(page_w)
    lines = _note_lines(page_w, tile)
    line = _line()
    top = margin + _BAR_ROW + len(lines) * line + 1.0
    # scale bar: alternating segments, 2 mm tall, figures above
    by = top - 4.6
    c.setLineWidth(0.25)
    c.setStrokeColorRGB(0, 0, 0)
    seg = 10.0 if bar >= 50 else 5.0
    for i in range(int(round(bar / seg))):
        c.setFillColorRGB(*((0, 0, 0) if i % 2 == 0 else (1, 1, 1)))
        c.rect(margin + i * seg, by, seg, 2.0, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    small = lt.Style(1.8, bold=False)
    lt.draw(c, margin, by + 2.5, "0", small)
    lt.draw_centred(c, margin + bar / 2, by + 2.5, f"{bar / 2:g}", small)
    lt.draw(c, margin + bar - lt.width(f"{bar:g} mm", small), by + 2.5, f"{bar:g} mm", small)
    label = " / ".join(catalogue.both("sheet.scale_bar", bar=f"{bar:g}"))
    if margin + bar + 3 + lt.width(label, small) > page_w - margin - (_map_reserve() if tile else 0):
        label = f"← {bar:g} mm"
    lt.draw(c, margin + bar + 3, by + 0.2, label, small)
    yy = by - 0.8
    for ln in lines:
        lt.draw(c, margin, yy - st.baseline_below_top(line), ln, st)
        yy -= line
    if tile is not None:
        t, tp = tile
        cell = min(float(_sheet()["tile_map_mm"]) / max(tp.nx, 1), (top - margin) / max(tp.ny, 1), 5.0)
        x0 = page_w - margin - tp.nx * cell
        y_top = margin + (top - margin + tp.ny * cell) / 2
        c.setLineWidth(0.2)
        for other in tp.tiles:
            c.setFillColorRGB(*((0, 0, 0) if other.index == t.index else (1, 1, 1)))
            c.rect(x0 + (other.col - 1) * cell, y_top - other.row * cell, cell, cell, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)


def crop_marks(c, x: float, y: float, w: float, h: float) -> None:
    """Corner marks just outside the item rectangle (x, y, w, h)."""
    s = _sheet()
    off, ln = float(s["crop_mark_offset_mm"]), float(s["crop_mark_length_mm"])
    c.setLineWidth(float(s["crop_mark_width_pt"]) / mm)
    c.setStrokeColorRGB(0, 0, 0)
    for cx, sx in ((x, -1), (x + w, 1)):
        for cy, sy in ((y, -1), (y + h, 1)):
            c.line(cx + sx * off, cy, cx + sx * (off + ln), cy)
            c.line(cx, cy + sy * off, cx, cy + sy * (off + ln))


def _caption(c, x: float, y_top: float, text: str) -> None:
    if text:
        st = lt.Style(float(_sheet()["caption_mm"]) * 0.8, bold=False)
        c.setFillColorRGB(0, 0, 0)
        lt.draw(c, x + 5, y_top + 1.2, text, st)


def crosshair(c, x: float, y: float, r: float) -> None:
    """An alignment mark: circle and cross, black over a white halo (visible on any colour)."""
    for colour, width in (((1, 1, 1), 0.9), ((0, 0, 0), 0.3)):
        c.setStrokeColorRGB(*colour)
        c.setLineWidth(width)
        c.circle(x, y, r * 0.55, stroke=1, fill=0)
        c.line(x - r, y, x + r, y)
        c.line(x, y - r, x, y + r)


class SheetWriter:
    """Writes items onto sheets of ``paper`` (all items of one writer have the same size)."""

    def __init__(self, c, paper: content.Paper, item_w: float, item_h: float, *, title: str = "") -> None:
        fonts.register_fonts()
        self.c = c
        self.paper = paper
        self.item_w = item_w
        self.item_h = item_h
        self.title = title
        self.grid = grid_plan(paper, item_w, item_h)
        self.tiles = None if self.grid is not None else tile_plan(paper, item_w, item_h)
        self.pages = 0
        self._note_form: str | None = None
        self._slot = 0
        self._page_open = False
        s = _sheet()
        self.margin = float(s["margin_mm"])
        pw, ph = (self.grid.page_w, self.grid.page_h) if self.grid else (self.tiles.page_w, self.tiles.page_h)
        self.page_w, self.page_h = pw, ph
        c.setPageSize((pw * mm, ph * mm))
        c.setViewerPreference("PrintScaling", "None")

    @property
    def plan(self) -> GridPlan | TilePlan:
        """The grid of items on a sheet, or (an item larger than the sheet) its tiles."""
        plan = self.grid or self.tiles
        if plan is None:  # pragma: no cover - __init__ sets one of them
            raise RuntimeError("a sheet writer without a plan")
        return plan

    @property
    def per_sheet(self) -> int:
        return self.grid.per_sheet if self.grid else 0

    def _begin_page(self, tile: tuple[Tile, TilePlan] | None = None) -> None:
        c = self.c
        c.saveState()
        c.scale(mm, mm)
        if tile is None:
            # the same note on every sheet: drawn once, placed by reference
            if self._note_form is None:
                self._note_form = f"sheet_note_{id(self)}"
                c.beginForm(self._note_form, 0, 0, self.page_w * mm, self.page_h * mm)
                c.scale(mm, mm)
                draw_note(c, self.page_w, self.margin)
                c.endForm()
            c.saveState()
            c.scale(1 / mm, 1 / mm)
            c.doForm(self._note_form)
            c.restoreState()
        else:
            draw_note(c, self.page_w, self.margin, tile)
        self._page_open = True

    def _end_page(self) -> None:
        self.c.restoreState()
        self.c.showPage()
        self.pages += 1
        self._page_open = False

    def add(self, item: Item) -> None:
        if self.grid is not None:
            if not self._page_open:
                self._begin_page()
            x, y = self.grid.positions[self._slot]
            c = self.c
            c.saveState()
            c.translate(x, y)
            item.draw(c)
            c.restoreState()
            crop_marks(c, x, y, item.width_mm, item.height_mm)
            _caption(c, x, y + item.height_mm, item.caption)
            self._slot += 1
            if self._slot == self.grid.per_sheet:
                self._slot = 0
                self._end_page()
        else:
            for tile in self.tiles.tiles:
                self._tile_page(item, tile)

    def close(self) -> None:
        if self._page_open:
            self._end_page()

    def add_all(self, items: Iterable[Item]) -> None:
        for it in items:
            self.add(it)
        self.close()

    # -- tiles
    def _tile_page(self, item: Item, tile: Tile) -> None:
        c = self.c
        tp = self.tiles
        s = _sheet()
        self._begin_page((tile, tp))
        wx, wy, ww, wh = tp.window
        # the part of the item in this tile's window
        c.saveState()
        p = c.beginPath()
        p.rect(wx, wy, ww, wh)
        c.clipPath(p, stroke=0, fill=0)
        c.translate(wx - tile.x0, wy - tile.y0)
        item.draw(c)
        c.restoreState()
        # where the printed window ends (trim guide)
        grey = float(s["tile_window_grey"])
        c.setStrokeColorRGB(grey, grey, grey)
        c.setLineWidth(0.1)
        c.rect(wx, wy, ww, wh, stroke=1, fill=0)

        def to_page(x: float, y: float) -> tuple[float, float]:
            return wx + x - tile.x0, wy + y - tile.y0

        r = float(s["tile_mark_mm"])
        c.setDash(2, 1.5)
        for xc in tp.cuts_x():
            if tile.x0 <= xc <= tile.x1:
                px, _ = to_page(xc, 0)
                c.setStrokeColorRGB(0, 0, 0)
                c.setLineWidth(0.25)
                c.line(px, wy, px, wy + wh)
        for yc in tp.cuts_y():
            if tile.y0 <= yc <= tile.y1:
                _, py = to_page(0, yc)
                c.setStrokeColorRGB(0, 0, 0)
                c.setLineWidth(0.25)
                c.line(wx, py, wx + ww, py)
        c.setDash()
        # cross-hairs on the cut lines, at item positions shared by both neighbours
        for xc in tp.cuts_x():
            if tile.x0 <= xc <= tile.x1:
                for f in (0.25, 0.75):
                    yy = tile.y0 + f * (tile.y1 - tile.y0)
                    crosshair(c, *to_page(xc, yy), r)
        for yc in tp.cuts_y():
            if tile.y0 <= yc <= tile.y1:
                for f in (0.25, 0.75):
                    xx = tile.x0 + f * (tile.x1 - tile.x0)
                    crosshair(c, *to_page(xx, yc), r)
        self._end_page()
