"""The bundled CJK fonts (Noto Sans SC Regular and Bold, TrueType, subset; OFL — see
``resources/fonts/OFL.txt``). Every PDF the project writes uses only these faces, embedded as
subsets by reportlab, so no system font is needed and the file looks the same everywhere.

* :func:`register_fonts` registers both faces with reportlab (once) and returns the regular name.
* :data:`REGULAR` / :data:`BOLD` are the reportlab font names; the bold face is the 黑体-style face
  for labels and signs.
* :func:`missing_glyphs` lists the characters of a text that the fonts cannot draw.
* :func:`fit` shortens a text with an ellipsis to a width.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

REGULAR = "AlAssessSans"
BOLD = "AlAssessSans-Bold"
_FILES = {REGULAR: "NotoSansSC-Regular.ttf", BOLD: "NotoSansSC-Bold.ttf"}


def font_path(bold: bool = False) -> Path:
    """Path of the bundled TrueType file (regular or bold)."""
    name = _FILES[BOLD if bold else REGULAR]
    return Path(str(resources.files("alassess.resources").joinpath("fonts", name)))


@cache
def register_fonts() -> str:
    """Register the regular and bold faces (and their family) with reportlab; return the regular name."""
    # deferred: reportlab loads only when text is drawn or measured (start-up time: the label checks import this module)
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(font_path(False))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path(True))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


@cache
def _cmap(bold: bool) -> frozenset[int]:
    """The code points the face maps to a glyph (read from reportlab's parse of the font, which
    registering the fonts does anyway)."""
    # deferred: reportlab loads only when text is drawn or measured (start-up time: the label checks import this module)
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return frozenset(pdfmetrics.getFont(BOLD if bold else REGULAR).face.charToGlyph)


def covered(ch: str, bold: bool = False) -> bool:
    return ch.isspace() or ord(ch) in _cmap(bold)


def missing_glyphs(text: str, bold: bool = False) -> list[str]:
    """Characters of ``text`` (in order, without repeats) that the bundled font cannot draw."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in seen and not covered(ch, bold):
            seen[ch] = None
    return list(seen)


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points in ``font`` at ``size``.

    Linear in the length of ``text``: character widths are summed once from the start (widths add
    up: the faces have no kerning) instead of measuring the whole text again for every character
    removed."""
    # deferred: reportlab loads only when text is drawn or measured (start-up time: the label checks import this module)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    room = width - stringWidth("…", font, size)
    total = 0.0
    for i, ch in enumerate(text):
        total += stringWidth(ch, font, size)
        if total > room + 1e-9:
            return text[:i] + "…"
    return text + "…"
