"""The visible signature stamp, drawn with reportlab as a one-page PDF the size of the stamp box.

pyHanko places this page into the signature field's appearance (see
:mod:`alassess.signing.sign`). Drawing it with reportlab keeps Chinese text in the bundled,
embedded font (reportlab subsets it) without pyHanko's OpenType layout extra (HarfBuzz).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

from alassess.reports import fonts

ACCENT = colors.HexColor("#1f5f99")
TINT = colors.HexColor("#f2f7fc")
INK = colors.HexColor("#1b2631")
MUTED = colors.HexColor("#566573")


def draw_stamp(width: float, height: float, title: str, lines: Sequence[tuple[str, str]]) -> bytes:
    """A one-page PDF of ``width`` × ``height`` points: a tinted, framed box with a title and
    label/value lines (label in a muted colour, value in ink). Text that does not fit is shortened."""
    regular = fonts.register_fonts()
    bold = fonts.BOLD
    buf = BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(width, height), initialFontName=regular, pageCompression=1)
    c.setFillColor(TINT)
    c.setStrokeColor(ACCENT)
    c.setLineWidth(1.2)
    c.rect(0.6, 0.6, width - 1.2, height - 1.2, stroke=1, fill=1)
    pad = 7.0
    # a small check mark seal at the left of the title
    size_t = 10.0
    y = height - pad - size_t
    c.setFillColor(ACCENT)
    c.circle(pad + 5, y + 3.5, 5, stroke=0, fill=1)
    c.setStrokeColor(colors.white)
    c.setLineWidth(1.4)
    p = c.beginPath()
    p.moveTo(pad + 2.4, y + 3.6)
    p.lineTo(pad + 4.4, y + 1.6)
    p.lineTo(pad + 7.8, y + 5.6)
    c.drawPath(p, stroke=1, fill=0)
    c.setFont(bold, size_t)
    c.drawString(pad + 14, y, fonts.fit(title, bold, size_t, width - 2 * pad - 14))
    size = 8.0
    leading = 11.0
    label_w = max((stringWidth(k, regular, size) for k, _ in lines), default=0) + 6
    label_w = min(label_w, width * 0.45)
    y -= 6 + leading
    for label, value in lines:
        if y < pad - 2:
            break
        c.setFont(regular, size)
        c.setFillColor(MUTED)
        c.drawString(pad, y, fonts.fit(label, regular, size, label_w - 4))
        c.setFillColor(INK)
        c.drawString(pad + label_w, y, fonts.fit(value, regular, size, width - 2 * pad - label_w))
        y -= leading
    c.showPage()
    c.save()
    return buf.getvalue()
