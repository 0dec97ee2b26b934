"""Hazard pictograms and the warning triangle, drawn by the project as vector paths (004 附录A A.1, A.2).

* toxicity (毒性): skull and crossbones, black on white (A.2 序号1);
* reactivity (反应性): a burst (exploding fragments), black on yellow RGB(255,255,0) (A.2 序号2);
* the warning triangle of A.1 (after GB 15562.2): equilateral, black outer edge, yellow field and a
  black skull and crossbones.

The source document's figures did not survive text extraction; the symbols follow the GHS
conventions for these hazards in the colours that 004 附录A prescribes. Figures are designed on a
100 × 100 grid (y up) and scaled; "holes" (eyes, nose, teeth) are filled with the background colour
so the symbol reads the same on any field.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from alassess.domain import labels as content

RGB = tuple[int, int, int]


def fill(c, colour: RGB) -> None:
    c.setFillColorRGB(*(v / 255 for v in colour))


def stroke(c, colour: RGB) -> None:
    c.setStrokeColorRGB(*(v / 255 for v in colour))


def polygon(c, pts: Sequence[tuple[float, float]], *, fill_it: bool = True, stroke_it: bool = False) -> None:
    p = c.beginPath()
    p.moveTo(*pts[0])
    for pt in pts[1:]:
        p.lineTo(*pt)
    p.close()
    c.drawPath(p, fill=1 if fill_it else 0, stroke=1 if stroke_it else 0)


def _skull(c, bg: RGB, fg: RGB) -> None:
    """Skull and crossbones on the 100-grid."""
    fill(c, fg)
    stroke(c, fg)
    # crossbones (behind and below the skull)
    c.setLineCap(0)
    c.setLineWidth(7.2)
    for (x0, y0), (x1, y1) in (((19, 13), (81, 39)), ((19, 39), (81, 13))):
        c.line(x0, y0, x1, y1)
        ang = math.atan2(y1 - y0, x1 - x0)
        nx, ny = -math.sin(ang), math.cos(ang)
        for ex, ey, sgn in ((x0, y0, -1), (x1, y1, 1)):
            bx, by = ex + sgn * math.cos(ang) * 1.5, ey + sgn * math.sin(ang) * 1.5
            for side in (-1, 1):
                c.circle(bx + side * nx * 3.6, by + side * ny * 3.6, 4.6, stroke=0, fill=1)
    # cranium and jaw
    c.circle(50, 63, 22, stroke=0, fill=1)
    c.roundRect(35.5, 36, 29, 24, 5, stroke=0, fill=1)
    # holes in the background colour
    fill(c, bg)
    c.ellipse(34.5, 53.5, 47.5, 68, stroke=0, fill=1)
    c.ellipse(52.5, 53.5, 65.5, 68, stroke=0, fill=1)
    polygon(c, [(50, 54.5), (46.3, 47.2), (53.7, 47.2)])
    for x in (42.2, 48.9, 55.6):
        c.rect(x, 35, 2.2, 7.5, stroke=0, fill=1)
    # a thin band under the teeth so they read as teeth
    fill(c, fg)


def _burst(c, bg: RGB, fg: RGB) -> None:
    """A burst with flying fragments on the 100-grid (reactivity)."""
    fill(c, fg)
    outer = [40, 29, 36, 31, 42, 28, 35, 32, 41, 29, 37, 30, 43, 30]
    inner = [22, 21, 23, 20, 22, 21, 23, 20, 22, 21, 23, 20, 22, 21]
    n = len(outer)
    pts = []
    for i in range(n):
        a = math.pi / 2 + 2 * math.pi * i / n
        pts.append((50 + outer[i] * math.cos(a), 48 + outer[i] * math.sin(a)))
        b = a + math.pi / n
        pts.append((50 + inner[i] * math.cos(b), 48 + inner[i] * math.sin(b)))
    polygon(c, pts)
    # the core in the background colour, with a dark centre: a flash
    fill(c, bg)
    core = []
    for i in range(10):
        a = math.pi / 2 + 2 * math.pi * i / 10
        r = 14 if i % 2 == 0 else 8.5
        core.append((50 + r * math.cos(a), 48 + r * math.sin(a)))
    polygon(c, core)
    fill(c, fg)
    c.circle(50, 48, 4.8, stroke=0, fill=1)
    # fragments
    for ang, dist, size, rot in ((12, 46, 5.2, 10), (66, 47, 4.6, 40), (140, 46, 5.4, 70), (196, 45, 4.8, 15),
                                 (250, 47, 5.2, 55), (318, 46, 5.0, 30), (103, 47, 3.6, 0), (284, 47, 3.6, 20)):
        a = math.radians(ang)
        fx, fy = 50 + dist * math.cos(a), 48 + dist * math.sin(a)
        r = math.radians(rot)
        frag = [(fx + size * math.cos(r + k * 2.1), fy + size * 0.8 * math.sin(r + k * 2.1)) for k in range(3)]
        polygon(c, frag)


SYMBOLS = {"skull": _skull, "burst": _burst}


def symbol(c, name: str, x: float, y: float, size: float, bg: RGB, fg: RGB = (0, 0, 0)) -> None:
    """Draw symbol ``name`` in the square (x, y, size) of the current user space."""
    c.saveState()
    c.translate(x, y)
    c.scale(size / 100.0, size / 100.0)
    SYMBOLS[name](c, bg, fg)
    c.restoreState()


def hazard_pictogram(c, hazard: str, cx: float, cy: float, diag: float) -> None:
    """The A.2 pictogram of ``hazard`` as a square on its point (diamond) of diagonal ``diag``,
    centred at (cx, cy): field colour, black frame, black symbol."""
    h = content.spec()["hazards"]
    item = h["items"][hazard]
    bg = content.rgb(item["background"])
    fg = content.rgb(item["symbol_colour"])
    r = diag / 2
    c.saveState()
    fill(c, fg)
    polygon(c, [(cx, cy + r), (cx + r, cy), (cx, cy - r), (cx - r, cy)])
    frame = diag * float(h["frame_ratio"])
    ri = r - frame * math.sqrt(2)
    fill(c, bg)
    polygon(c, [(cx, cy + ri), (cx + ri, cy), (cx, cy - ri), (cx - ri, cy)])
    s = ri * 1.3
    symbol(c, item["symbol"], cx - s / 2, cy - s / 2, s, bg, fg)
    c.restoreState()


def triangle_points(x: float, y: float, side: float) -> list[tuple[float, float]]:
    """Vertices of the equilateral triangle of ``side`` with its base from (x, y)."""
    return [(x, y), (x + side, y), (x + side / 2, y + side * math.sqrt(3) / 2)]


def warning_triangle(c, x: float, y: float, side: float, edge: float) -> None:
    """The A.1 warning triangle (base at y, left corner at x): black edge ``edge`` wide (measured
    perpendicular to the sides), yellow field, black skull and crossbones."""
    ws = content.spec()["warning_sign"]
    yellow = content.rgb(ws["background"])
    black = content.rgb(ws["edge_colour"])
    c.saveState()
    fill(c, black)
    polygon(c, triangle_points(x, y, side))
    r = side / (2 * math.sqrt(3))  # inradius
    ix, iy = x + side / 2, y + r  # incentre
    k = (r - edge) / r
    inner = [(ix + (px - ix) * k, iy + (py - iy) * k) for px, py in triangle_points(x, y, side)]
    fill(c, yellow)
    polygon(c, inner)
    s = (r - edge) * 1.75
    symbol(c, ws["figure_symbol"], ix - s / 2, iy - s * 0.45, s, yellow, content.rgb(ws["figure"]))
    c.restoreState()
