"""Words the domain hands to the reader, said when the reader's language is known.

Findings and results carry these as message arguments (see :mod:`alassess.catalogue`: anything with
a ``text(lang)`` method is rendered in the reader's language). Words that are reference data — a
field's label in ``fields.json`` (:class:`alassess.domain.fields.FieldName`), a requirement's text in ``dross.json`` — stay in their data file
with ``zh``/``en`` keys; :func:`pick` is the one place that chooses between them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from alassess import catalogue


def pick(texts: Mapping[str, str], lang: str, *, base: str = "") -> str:
    """The ``lang`` version of words kept in reference data: ``texts[base + "zh"]`` for Chinese,
    ``texts[base + "en"]`` for anything else (as the catalogue reads an unknown language)."""
    return texts[base + (lang if lang in catalogue.LANGS else "en")]


@dataclass(frozen=True)
class Data:
    """Words from a reference-data file, in both languages."""

    zh: str
    en: str

    @classmethod
    def of(cls, texts: Mapping[str, str], base: str = "") -> Data:
        """From a data record's ``<base>zh`` and ``<base>en`` keys (``label_zh``/``label_en`` with
        ``base="label_"``; ``zh``/``en`` with no base)."""
        return cls(texts[base + "zh"], texts[base + "en"])

    def text(self, lang: str) -> str:
        return pick({"zh": self.zh, "en": self.en}, lang)


def sector(sector_id: str) -> catalogue.Term:
    """A sector's name."""
    return catalogue.Term(f"sector.{sector_id}")


@dataclass(frozen=True)
class Joined:
    """Several words as one list (``a、b`` in Chinese, ``a, b`` in English)."""

    items: tuple[object, ...]
    sep: str = "words.list_sep"

    def text(self, lang: str) -> str:
        sep = catalogue.text(self.sep, lang)
        return sep.join(str(catalogue.render_arg(i, lang)) for i in self.items)


def joined(items: Iterable[object], sep: str = "words.list_sep") -> Joined:
    return Joined(tuple(items), sep)


def clauses(*parts: object) -> Joined:
    """Parts of one sentence joined as clauses (``a；b`` in Chinese, ``a; b`` in English)."""
    return Joined(tuple(parts), "words.clause_sep")
