"""Text at a guaranteed printed height, for labels and signs (geometry in mm).

A label's "text height" (004 附录A A.3: 最低文字高度) is the height of the printed characters, not
the font size. :class:`Style` sizes each character class so that its ink reaches the height asked:
Chinese characters by the ink height of a full-height ideograph (田) of the bundled bold face,
Latin letters and digits by the capital height. Mixed text is drawn run by run on one baseline, so
"废物代码：321-024-48" has Chinese and digits of the same visible height.

Helpers: :func:`width`, :func:`draw` (with horizontal condensing and letter spacing) and
:func:`wrap` (greedy, Chinese line-breaking rules for punctuation, Latin words kept whole).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from alassess.reports import fonts

REFERENCE_IDEOGRAPH = "田"
NO_LINE_START = set("，。、；：？！）》」』】〕…·,.;:?!)]}%％")
NO_LINE_END = set("（《「『【〔([{")


@dataclass(frozen=True)
class Metrics:
    cjk_ratio: float  # ink height of 田 per unit of font size
    cjk_bottom: float  # its lowest ink (negative: below the baseline), per unit of font size
    cap_ratio: float  # capital height per unit of font size


@cache
def metrics(bold: bool = True) -> Metrics:
    # deferred: fontTools loads only when a label's text is fitted (start-up time)
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    with TTFont(str(fonts.font_path(bold)), lazy=True) as f:
        upm = f["head"].unitsPerEm
        glyphs = f.getGlyphSet()
        pen = BoundsPen(glyphs)
        glyphs[f.getBestCmap()[ord(REFERENCE_IDEOGRAPH)]].draw(pen)
        _, y0, _, y1 = pen.bounds
        cap = f["OS/2"].sCapHeight
    return Metrics(cjk_ratio=(y1 - y0) / upm, cjk_bottom=y0 / upm, cap_ratio=cap / upm)


def is_wide(ch: str) -> bool:
    """Chinese characters and full-width forms (drawn at the ideograph size)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


@dataclass(frozen=True)
class Style:
    """Text whose Chinese ink and capitals are ``height_mm`` tall; ``hscale`` condenses (percent)."""

    height_mm: float
    bold: bool = True
    hscale: float = 100.0
    char_space_mm: float = 0.0

    @property
    def font(self) -> str:
        fonts.register_fonts()
        return fonts.BOLD if self.bold else fonts.REGULAR

    @property
    def cjk_size(self) -> float:
        return self.height_mm / metrics(self.bold).cjk_ratio

    @property
    def latin_size(self) -> float:
        return self.height_mm / metrics(self.bold).cap_ratio

    def size_of(self, wide: bool) -> float:
        return self.cjk_size if wide else self.latin_size

    def baseline_below_top(self, line_mm: float) -> float:
        """Distance from the top of a line box of height ``line_mm`` to the baseline that centres the
        ideograph ink in the box."""
        m = metrics(self.bold)
        ink_top = self.cjk_size * (m.cjk_ratio + m.cjk_bottom)
        return (line_mm - self.height_mm) / 2 + ink_top

    def with_(self, **kw) -> Style:
        d = {"height_mm": self.height_mm, "bold": self.bold, "hscale": self.hscale,
             "char_space_mm": self.char_space_mm}
        d.update(kw)
        return Style(**d)


def runs(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into runs of wide (Chinese) and narrow (Latin) characters."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        w = is_wide(ch)
        if out and out[-1][1] == w:
            out[-1] = (out[-1][0] + ch, w)
        else:
            out.append((ch, w))
    return out


def width(text: str, style: Style) -> float:
    """Printed width of ``text`` in mm."""
    total = 0.0
    for run, wide in runs(text):
        total += stringWidth(run, style.font, style.size_of(wide))
    total = total * style.hscale / 100.0
    return total + style.char_space_mm * len(text)


def draw(c, x: float, baseline: float, text: str, style: Style) -> None:
    """Draw ``text`` at (x, baseline) in the current (mm) user space."""
    if not text:
        return
    t = c.beginText(x, baseline)
    # character spacing and horizontal scale belong to the graphics state and outlive the text
    # object: always set both
    t.setHorizScale(style.hscale)
    t.setCharSpace(style.char_space_mm)
    for run, wide in runs(text):
        t.setFont(style.font, style.size_of(wide))
        t.textOut(run)
    c.drawText(t)


def draw_centred(c, cx: float, baseline: float, text: str, style: Style) -> None:
    w = width(text, style) - style.char_space_mm  # the last character's spacing is not ink
    draw(c, cx - w / 2, baseline, text, style)


def tokens(text: str) -> list[str]:
    """Breakable units: each Chinese character, each Latin word (with its trailing space)."""
    out: list[str] = []
    word = ""
    for ch in text:
        if is_wide(ch):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            word += ch
            out.append(word)
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


@cache
def _char_width(ch: str, style: Style) -> float:
    """Printed width of one character in mm (text widths add up: the bundled faces have no kerning)."""
    return stringWidth(ch, style.font, style.size_of(is_wide(ch))) * style.hscale / 100.0 + style.char_space_mm


def _widths(text: str, style: Style) -> list[float]:
    """Running widths: ``out[k]`` is the width of ``text[:k]``."""
    out = [0.0]
    total = 0.0
    for ch in text:
        total += _char_width(ch, style)
        out.append(total)
    return out


@lru_cache(maxsize=512)
def ink_width(text: str, style: Style) -> tuple[float, float]:
    """(width of ``text`` without its spaces, width of its widest character) in mm."""
    total = 0.0
    widest = 0.0
    for ch in text:
        if ch != " ":
            cw = _char_width(ch, style)
            total += cw
            widest = max(widest, cw)
    return total, widest


def wrap(text: str, style: Style, first_width: float, width_mm: float) -> list[str]:
    """Greedy line breaking: the first line is ``first_width`` wide, the others ``width_mm``.

    Closing punctuation never starts a line and opening brackets never end one; a Latin word is
    broken only when it is longer than a whole line. Returns at least one (possibly empty) line.
    Time is linear in the length of ``text``: each character's width is measured once (cached per
    style), a line's width is kept as it grows, and a word longer than a line is cut with running
    widths instead of being measured again for every piece.
    """
    space = _char_width(" ", style)
    lines: list[str] = []
    current = ""
    cur_w = 0.0  # width of ``current``, trailing spaces included
    limit = first_width
    stack = tokens(text)
    stack.reverse()  # the next token is the last item
    while stack:
        tok = stack.pop()
        tok_w = _widths(tok, style)[-1] if len(tok) > 1 else _char_width(tok, style)
        cand = current + tok
        trailing = len(cand) - len(cand.rstrip(" "))
        if cur_w + tok_w - trailing * space <= limit + 1e-9:
            current = cand
            cur_w += tok_w
            continue
        if not current:
            # a token longer than the line: cut it character by character, a line at a time
            run = _widths(tok, style)
            a = 0
            while True:
                rest = tok[a:].rstrip(" ")
                if a > 0 and run[a + len(rest)] - run[a] <= width_mm + 1e-9:
                    break
                b = a + 1
                while b < len(tok) and run[b + 1] - run[a] <= limit:
                    b += 1
                lines.append(tok[a:b])
                a = b
                limit = width_mm
                if a >= len(tok):
                    break
            if a < len(tok):
                stack.append(tok[a:])
            continue
        stack.append(tok)
        # kinsoku: keep closing punctuation with the previous character, brackets with the next
        current = current.rstrip(" ")
        if tok[0] in NO_LINE_START and len(current) > 1 and is_wide(current[-1]):
            stack.append(current[-1])
            current = current[:-1]
        while len(current) > 1 and current[-1] in NO_LINE_END:
            stack.append(current[-1])
            current = current[:-1]
        # an unclosed bracketed group moves to the next line whole when it starts late enough
        k = max(current.rfind("（"), current.rfind("("))
        if k > 0 and not any(ch in "）)" for ch in current[k:]) and width(current[:k], style) >= 0.4 * limit:
            for ch in reversed(current[k:]):
                stack.append(ch)
            current = current[:k]
        lines.append(current.rstrip(" "))
        current = ""
        cur_w = 0.0
        limit = width_mm
    lines.append(current.rstrip(" "))
    lines = [ln for ln in lines if ln] or [""]
    # no single Chinese character alone on the last line
    if len(lines) > 1 and len(lines[-1]) == 1 and is_wide(lines[-1]) and len(lines[-2]) > 3 \
            and is_wide(lines[-2][-1]) and lines[-2][-1] not in NO_LINE_END:
        lines[-1] = lines[-2][-1] + lines[-1]
        lines[-2] = lines[-2][:-1]
    return lines
