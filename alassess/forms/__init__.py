"""Form definitions as data (after ODK's XLSForm): what to ask, in which section and order, when.

Each ``forms/<section>.json`` (at the top of the repository, installed as
``alassess.forms.defs``) holds a section: ``id``, ``order``, titles and an intro per language,
an optional ``relevant`` condition and its ``rows``. A row binds to one value:

* ``values.<field id>`` — a field of the catalogue (``resources/standards/fields.json``), which
  supplies its labels, unit, hint, source clause, valid range and sectors; the form does not repeat
  them. ``type`` defaults from the field's kind (number, yesno, choice, text); ``indicator`` adds
  the output/consumption toggle where the catalogue has a consumption form.
* ``plant.<key>``, ``assessor.<key>``, ``assessment.period``, ``dross.<key>`` — details outside the
  catalogue; the row carries its own labels and hint.

Rows without a binding are ``heading``, ``note``, ``dross_class``, ``dross_requirements`` (the
checklist of ``resources/standards/dross.json``) and ``ledger`` (the plant's ledger and receivers
as tables, a section of its own). ``relevant`` is ``{"sector": [...]}`` and/or
``{"when": {"bind": ..., "equals": ...}}``; a catalogue field is also hidden where its sectors do
not include the plant's. Adding an indicator is a data change here, never a new widget class.

No Qt here: the desktop application renders these rows (``alassess.ui.forms``); the domain
validates the values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from alassess.domain import fields as _fields
from alassess.domain import words

ROW_TYPES = {"number", "yesno", "choice", "text", "check", "info", "indicator", "heading", "note",
             "dross_class", "dross_requirements", "ledger"}
BIND_PREFIXES = ("values.", "plant.", "assessor.", "assessment.", "dross.")
DEFS_PACKAGE = "alassess.forms.defs"  # forms/ at the top of the repository
_KIND_TYPE = {"number": "number", "bool": "yesno", "choice": "choice", "text": "text"}


@dataclass(frozen=True)
class Row:
    type: str
    bind: str | None = None
    required: bool = False
    relevant: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    label_zh: str = ""
    label_en: str = ""
    hint_zh: str = ""
    hint_en: str = ""
    note_zh: str = ""
    note_en: str = ""
    unit: str = ""
    source: str = ""

    @property
    def field_id(self) -> str | None:
        """The catalogue field of a ``values.*`` row."""
        return self.bind[len("values."):] if self.bind and self.bind.startswith("values.") else None

    @property
    def catalogue_field(self) -> _fields.Field | None:
        fid = self.field_id
        return _fields.get(fid) if fid else None

    def label(self, lang: str) -> str:
        f = self.catalogue_field
        if f is not None and not self.label_zh:
            return f.label(lang)
        return words.pick({"zh": self.label_zh, "en": self.label_en}, lang)

    def hint(self, lang: str) -> str:
        f = self.catalogue_field
        if f is not None and not self.hint_zh:
            return f.hint(lang)
        return words.pick({"zh": self.hint_zh, "en": self.hint_en}, lang)

    def note(self, lang: str) -> str:
        return words.pick({"zh": self.note_zh, "en": self.note_en}, lang)

    def unit_text(self) -> str:
        f = self.catalogue_field
        return f.unit if f is not None and not self.unit else self.unit

    def source_text(self) -> str:
        f = self.catalogue_field
        return f.source if f is not None and not self.source else self.source

    def applies(self, sector: str, values: dict[str, Any] | None = None) -> bool:
        """Shown for this sector and these current values (``None``: whatever the values)?"""
        f = self.catalogue_field
        if f is not None and not f.applies_to(sector):
            return False
        return condition_holds(self.relevant, sector, values)


@dataclass(frozen=True)
class Section:
    id: str
    order: int
    title_zh: str
    title_en: str
    intro_zh: str
    intro_en: str
    source: str
    relevant: dict[str, Any]
    rows: tuple[Row, ...]

    def title(self, lang: str) -> str:
        return words.pick({"zh": self.title_zh, "en": self.title_en}, lang)

    def intro(self, lang: str) -> str:
        return words.pick({"zh": self.intro_zh, "en": self.intro_en}, lang)

    def applies(self, sector: str) -> bool:
        return condition_holds(self.relevant, sector, None) and any(
            r.applies(sector) for r in self.rows if r.type not in ("heading", "note"))


def condition_holds(cond: dict[str, Any], sector: str, values: dict[str, Any] | None) -> bool:
    """A ``relevant`` condition; ``values=None`` ignores the value conditions."""
    if not cond:
        return True
    sectors = cond.get("sector")
    if sectors is not None and sector not in sectors:
        return False
    when = cond.get("when")
    if when is not None and values is not None and values.get(when["bind"]) != when["equals"]:
        return False
    return True


class FormError(ValueError):
    """A form definition that does not match the catalogue (a programming error caught by tests)."""


def _row(d: dict[str, Any], where: str) -> Row:
    known = {"type", "bind", "required", "relevant", "label_zh", "label_en", "hint_zh", "hint_en", "note_zh",
             "note_en", "unit", "source"}
    unknown = set(d) - known
    if unknown:
        raise FormError(f"{where}: unknown keys {sorted(unknown)}")
    bind = d.get("bind")
    rtype = d.get("type")
    if bind is not None:
        if not bind.startswith(BIND_PREFIXES):
            raise FormError(f"{where}: bind {bind!r} must start with one of {BIND_PREFIXES}")
        if bind.startswith("values."):
            fid = bind[len("values."):]
            if fid not in _fields.catalogue():
                raise FormError(f"{where}: {fid!r} is not in the field catalogue")
            rtype = rtype or _KIND_TYPE[_fields.get(fid).kind]
        elif not (d.get("label_zh") and d.get("label_en")):
            raise FormError(f"{where}: a row outside the catalogue needs label_zh and label_en")
    if rtype not in ROW_TYPES:
        raise FormError(f"{where}: type {rtype!r} is not one of {sorted(ROW_TYPES)}")
    return Row(type=rtype, bind=bind, required=bool(d.get("required", False)), relevant=dict(d.get("relevant") or {}),
               label_zh=d.get("label_zh", ""), label_en=d.get("label_en", ""), hint_zh=d.get("hint_zh", ""),
               hint_en=d.get("hint_en", ""), note_zh=d.get("note_zh", ""), note_en=d.get("note_en", ""),
               unit=d.get("unit", ""), source=d.get("source", ""))


def parse_section(d: dict[str, Any], name: str = "?") -> Section:
    rows = tuple(_row(r, f"{name} row {i + 1}") for i, r in enumerate(d.get("rows", [])))
    return Section(id=d["id"], order=int(d.get("order", 99)), title_zh=d["title_zh"], title_en=d["title_en"],
                   intro_zh=d.get("intro_zh", ""), intro_en=d.get("intro_en", ""), source=d.get("source", ""),
                   relevant=dict(d.get("relevant") or {}), rows=rows)


@cache
def sections() -> tuple[Section, ...]:
    """Every section of ``forms/*.json``, in order."""
    out = []
    folder = resources.files(DEFS_PACKAGE)
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            with entry.open("r", encoding="utf-8") as fh:
                out.append(parse_section(json.load(fh), entry.name))
    return tuple(sorted(out, key=lambda s: (s.order, s.id)))


def section(section_id: str) -> Section:
    for s in sections():
        if s.id == section_id:
            return s
    raise KeyError(section_id)


def for_sector(sector: str) -> list[Section]:
    """The sections shown for a plant of this sector."""
    return [s for s in sections() if s.applies(sector)]
