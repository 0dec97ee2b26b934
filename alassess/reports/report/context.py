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

from alassess import catalogue
from alassess.domain import fields as _fields
from alassess.domain import messages, words
from alassess.domain.assessment import Assessment
from alassess.domain.evaluation import Evaluation
from alassess.reports import fonts
from alassess.reports.report import sources
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import INK, TONES, paragraph_styles


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
    # the typed evaluation ``result`` was made from (alassess.services.scoring.assess): its findings
    # are the ones the report shows, worded and classified by the domain
    evaluation: Evaluation | None = None


class Words:
    """The report's words in one language, from the catalogue (ids ``report.*`` in
    ``resources/words/report.json``)."""

    def __init__(self, lang: str, text_filter: Callable[[str], str] | None = None) -> None:
        self.lang = lang
        self._filter = text_filter or (lambda s: s)

    def __call__(self, key: str, **params: Any) -> str:
        return catalogue.text(f"report.{key}", self.lang, **params)

    def term(self, group: str, key: Any) -> str:
        """The word for ``key`` in a group of terms (``level``, ``movement``…), or ``key`` itself
        when the catalogue has none (a value the report does not know is shown as it is)."""
        mid = f"report.{group}.{key}"
        return catalogue.text(mid, self.lang) if catalogue.has(mid) else str(key)

    def knows(self, group: str, key: Any) -> bool:
        return catalogue.has(f"report.{group}.{key}")

    def labelled(self, label: Any, text: Any) -> str:
        """"label: text" with the language's colon."""
        return self("labelled", label=label, text=text)

    def clean(self, s: Any) -> str:
        return self._filter(str(s))

    @property
    def sep(self) -> str:
        """The separator between the items of a list."""
        return self("sep")


class Ctx:
    """The input of one report with its language, words, faces and paragraph styles."""

    def __init__(self, inp: ReportInput) -> None:
        self.inp = inp
        self.a = inp.assessment
        self.r: dict[str, Any] = inp.result or {}
        self.lang = inp.lang if inp.lang in catalogue.LANGS else "en"
        self.w = Words(self.lang, inp.text_filter)
        self.font = inp.font_name
        self.bold = fonts.BOLD if self.font == fonts.REGULAR else self.font
        self.st: dict[str, ParagraphStyle] = paragraph_styles(self.font, self.bold, self.lang)

    def p(self, text: Any, style: str = "body") -> Paragraph:
        return Paragraph(escape(self.w.clean(text)).replace("\n", "<br/>"), self.st[style])

    def coloured(self, text: str, tone: str, style: str = "cell") -> Paragraph:
        c = TONES.get(tone, INK).hexval()[2:]
        return Paragraph(f'<font color="#{c}">{escape(self.w.clean(text))}</font>', self.st[style])

    def data_text(self, d: dict[str, Any], key: str) -> str:
        """A text that reference data gives in both languages (``<key>_zh`` / ``<key>_en``)."""
        return str(words.pick(d, self.lang, base=f"{key}_"))

    def source(self, ref: Any) -> str:
        """A clause reference (a source column) as the reader reads it."""
        return sources.clause(ref, self.lang)

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
