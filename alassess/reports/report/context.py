"""What every section is drawn from: the report's input and a small rendering context (language,
words, styles, faces) with the helpers that turn values into paragraphs."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from alassess.domain import fields as _fields
from alassess.domain import messages
from alassess.domain.assessment import Assessment
from alassess.reports import fonts
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import INK, TONES, paragraph_styles
from alassess.reports.report.words import T


@dataclass
class HistoryPoint:
    """One period of the same plant, for trends (scores from the scoring service)."""

    period: str
    index: float | None
    grade: str | None
    scores: dict[str, float | None] = field(default_factory=dict)


@dataclass
class ReportInput:
    assessment: Assessment
    result: dict[str, Any]  # alassess.services.scoring.evaluate(...)
    lang: str
    report_id: str
    data_sha256: str
    created: _dt.datetime
    history: list[HistoryPoint] = field(default_factory=list)
    font_name: str = fonts.REGULAR
    text_filter: Callable[[str], str] | None = None  # replaces characters the font cannot draw


class Words:
    def __init__(self, lang: str, text_filter: Callable[[str], str] | None = None) -> None:
        self.lang = lang
        self._filter = text_filter or (lambda s: s)

    def __call__(self, key: str, **params: Any) -> str:
        zh, en = T[key]
        s = zh if self.lang == "zh" else en
        return s.format(**params) if params else s

    def pick(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.lang == "zh" else pair[1]

    def clean(self, s: Any) -> str:
        return self._filter(str(s))

    @property
    def sep(self) -> str:
        return "、" if self.lang == "zh" else ", "


class Ctx:
    """The input of one report with its language, words, faces and paragraph styles."""

    def __init__(self, inp: ReportInput) -> None:
        self.inp = inp
        self.a = inp.assessment
        self.r: dict[str, Any] = inp.result or {}
        self.lang = inp.lang
        self.w = Words(inp.lang, inp.text_filter)
        self.font = inp.font_name
        self.bold = fonts.BOLD if self.font == fonts.REGULAR else self.font
        self.st: dict[str, ParagraphStyle] = paragraph_styles(self.font, self.bold)

    def p(self, text: Any, style: str = "body") -> Paragraph:
        return Paragraph(escape(self.w.clean(text)).replace("\n", "<br/>"), self.st[style])

    def coloured(self, text: str, tone: str, style: str = "cell") -> Paragraph:
        c = TONES.get(tone, INK).hexval()[2:]
        return Paragraph(f'<font color="#{c}">{escape(self.w.clean(text))}</font>', self.st[style])

    def label(self, field_id: Any) -> str:
        try:
            return _fields.get(str(field_id)).label(self.lang)
        except Exception:
            return str(field_id)

    def unit(self, field_id: Any) -> str:
        try:
            return _fields.get(str(field_id)).unit
        except Exception:
            return ""

    def sector(self) -> str:
        return messages.sector_name(self.a.plant.sector, self.lang)

    def yn(self, v: Any) -> str:
        if v is None:
            return self.w("unanswered")
        return self.w("yes") if v else self.w("no")

    def value_text(self, field_id: str, v: Any, unit: str | None = None) -> str:
        if v is None:
            return "—"
        if isinstance(v, bool):
            return self.yn(v)
        if isinstance(v, (int, float, Decimal, Fraction)):
            return f"{num(v)} {self.unit(field_id) if unit is None else unit}".strip()
        return str(v)
