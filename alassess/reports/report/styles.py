"""Page geometry, colours and paragraph styles of the report."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN
TOP = PAGE_H - 20 * mm  # top of the body frame
BOTTOM = 20 * mm  # bottom of the body frame

INK = colors.HexColor("#1b2631")
MUTED = colors.HexColor("#566573")
ACCENT = colors.HexColor("#1f5f99")
LIGHT = colors.HexColor("#eaf1f8")
RULE = colors.HexColor("#b0bec5")
TONES = {"good": colors.HexColor("#1e8449"), "bad": colors.HexColor("#c0392b"),
         "warn": colors.HexColor("#b9770e"), "none": colors.HexColor("#7f8c8d")}


def paragraph_styles(f: str, b: str) -> dict[str, ParagraphStyle]:
    """The named paragraph styles in the regular face ``f`` and the bold face ``b``."""
    base = dict(fontName=f, bulletFontName=f, textColor=INK, wordWrap="CJK")
    head = dict(fontName=b, bulletFontName=f, textColor=ACCENT, wordWrap="CJK")
    bold = dict(fontName=b, bulletFontName=f, textColor=INK, wordWrap="CJK")
    return {
        "body": ParagraphStyle("body", fontSize=9.5, leading=14, spaceAfter=2, **base),
        "small": ParagraphStyle("small", fontSize=8, leading=11, textColor=MUTED, fontName=f, bulletFontName=f,
                                wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontSize=8, leading=10.5, **base),
        "cellb": ParagraphStyle("cellb", fontSize=8, leading=10.5, **bold),
        "cell7": ParagraphStyle("cell7", fontSize=7.5, leading=10, **base),
        "cellb7": ParagraphStyle("cellb7", fontSize=7.5, leading=10, **bold),
        "h1n": ParagraphStyle("h1n", fontSize=15, leading=20, spaceBefore=6, spaceAfter=6, **head),
        "h1": ParagraphStyle("h1", fontSize=15, leading=20, spaceBefore=6, spaceAfter=6, keepWithNext=1, **head),
        "h2": ParagraphStyle("h2", fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=4, keepWithNext=1, **head),
        "title": ParagraphStyle("title", fontSize=26, leading=34, alignment=TA_CENTER, **head),
        "subtitle": ParagraphStyle("subtitle", fontSize=10.5, leading=15, alignment=TA_CENTER,
                                   fontName=f, bulletFontName=f, textColor=MUTED, wordWrap="CJK"),
        "plant": ParagraphStyle("plant", fontSize=20, leading=26, alignment=TA_CENTER, **bold),
        "badge": ParagraphStyle("badge", fontSize=34, leading=40, alignment=TA_CENTER, fontName=b,
                                bulletFontName=f, textColor=colors.white),
        "badge_label": ParagraphStyle("badge_label", fontSize=12.5, leading=17, alignment=TA_LEFT, **bold),
        "mono": ParagraphStyle("mono", fontSize=7.5, leading=10, **base),
    }
