"""The field catalogue: every value an assessor can enter (001 表2–表3, 000 表1, 003).

Loaded from ``resources/standards/fields.json``. Each field knows its labels, unit, kind, valid
range, the sectors it applies to, the clause its hint cites, and — for indicators entered in
their consumption form — which output indicator it converts to and how.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from alassess import standards
from alassess.domain.errors import InputError
from alassess.domain.limits import TEXT_MAX, check_length
from alassess.domain.numbers import normalise_text, parse_number
from alassess.domain.words import pick

SANITY_MAX = Decimal("1e9")  # no quantity in the catalogue comes near this; beyond it is a typing slip
SECTORS = ("alumina", "electrolytic", "recycled", "processing")
Value = Decimal | bool | str  # a validated value: a number, yes/no, a choice or a text
_TRUE = {"true", "yes", "y", "1", "是", "有", "√", "✓", "对"}
_FALSE = {"false", "no", "n", "0", "否", "无", "×", "✗", "不"}


def yes_no_word(text: str) -> bool | None:
    """A yes/no typed as a word (是/否, yes/no, ✓/×…; empty text: ``None``); ``ValueError`` for any
    other word. The one reading of yes/no words, for catalogue fields and single edits alike."""
    t = normalise_text(text).lower()
    if t == "":
        return None
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise ValueError(text)


@dataclass(frozen=True)
class Field:
    id: str
    label_zh: str
    label_en: str
    unit: str
    kind: str  # number | bool | choice | text
    group: str
    sectors: tuple[str, ...]
    source: str
    hint_zh: str
    hint_en: str
    min: Decimal | None = None
    max: Decimal | None = None
    min_exclusive: bool = False
    choices: tuple[str, ...] = ()
    consumption_of: str | None = None
    conversion: str | None = None  # "1000/x" or "1/x"
    banned: bool = False
    extra: dict[str, Any] = dc_field(default_factory=dict, compare=False, hash=False)

    def label(self, lang: str = "en") -> str:
        return pick({"zh": self.label_zh, "en": self.label_en}, lang)

    def hint(self, lang: str = "en") -> str:
        return pick({"zh": self.hint_zh, "en": self.hint_en}, lang)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def applies_to(self, sector: str) -> bool:
        return sector in self.sectors

    def path(self, prefix: str = "values") -> str:
        return f"{prefix}.{self.id} ({self.label_zh} / {self.label_en})"

    def convert(self, consumption: Decimal | Fraction) -> Fraction:
        """Consumption form → output form (exact)."""
        if not self.conversion:
            raise ValueError(f"{self.id} has no conversion")
        numerator = Fraction(self.conversion.split("/")[0])
        return numerator / Fraction(consumption)

    def parse(self, raw: object, prefix: str = "values", *, strict_types: bool = False) -> Value | None:
        """Validate one value for this field. Returns Decimal | bool | str | None (missing).

        ``strict_types``: values from a JSON file must already have the JSON type of the field
        (a number, true/false, a string choice); typed text from a form is normalised.
        """
        where = self.path(prefix)
        if raw is None:
            return None
        if self.kind == "bool":
            return self._parse_bool(raw, where, strict_types)
        if self.kind == "choice":
            return self._parse_choice(raw, where)
        if self.kind == "text":
            if not isinstance(raw, str):
                raise InputError("expected_text", where, value=_show(raw))
            return check_length(raw.strip(), where, TEXT_MAX) or None
        if strict_types and not (isinstance(raw, (int, float)) and not isinstance(raw, bool)):
            raise InputError("expected_number", where, value=_show(raw))
        value = parse_number(raw, where, percent=self.is_percent, unit=self.unit)
        if value is not None:
            self.check_range(value, where)
        return value

    def _parse_bool(self, raw: object, where: str, strict_types: bool) -> bool | None:
        if isinstance(raw, bool):
            return raw
        if not strict_types and isinstance(raw, str):
            try:
                return yes_no_word(raw)
            except ValueError:
                pass
        raise InputError("expected_bool", where, value=_show(raw))

    def _parse_choice(self, raw: object, where: str) -> str | None:
        if not isinstance(raw, str):
            raise InputError("bad_choice", where, value=_show(raw), choices="/".join(self.choices))
        t = normalise_text(raw).upper()
        if t == "":
            return None
        if t not in self.choices:
            raise InputError("bad_choice", where, value=raw, choices="/".join(self.choices))
        return t

    def check_range(self, value: Decimal, where: str) -> None:
        """The field's limits (and, without an upper limit, the sanity limit against typing slips)."""
        unit = f" {self.unit}" if self.unit else ""
        if self.min is not None:
            if self.min_exclusive and value <= self.min:
                if self.consumption_of or self.min == 0:
                    raise InputError("not_positive", where, value=_fmt(value))
                raise InputError("below_min", where, value=_fmt(value), min=_fmt(self.min), unit=unit)
            if not self.min_exclusive and value < self.min:
                raise InputError("below_min", where, value=_fmt(value), min=_fmt(self.min), unit=unit)
        if self.max is None and abs(value) > SANITY_MAX:
            raise InputError("above_max", where, value=_fmt(value), max=_fmt(SANITY_MAX), unit=unit)
        if self.max is not None and value > self.max:
            if self.is_percent:
                raise InputError("pct_above_100", where, value=_fmt(value))
            raise InputError("above_max", where, value=_fmt(value), max=_fmt(self.max), unit=unit)


def _fmt(d: Decimal) -> str:
    return f"{d.normalize():f}"


def _show(raw: object) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, str):
        return f"“{raw}”"
    return repr(raw)


def _make(d: dict[str, Any]) -> Field:
    known = {"id", "label_zh", "label_en", "unit", "kind", "group", "sectors", "source", "hint_zh", "hint_en",
             "min", "max", "min_exclusive", "choices", "consumption_of", "conversion", "banned"}
    return Field(
        id=d["id"], label_zh=d["label_zh"], label_en=d["label_en"], unit=d.get("unit", ""), kind=d["kind"],
        group=d["group"], sectors=tuple(d["sectors"]), source=d["source"], hint_zh=d["hint_zh"],
        hint_en=d["hint_en"],
        min=None if d.get("min") is None else Decimal(str(d["min"])),
        max=None if d.get("max") is None else Decimal(str(d["max"])),
        min_exclusive=bool(d.get("min_exclusive", False)), choices=tuple(d.get("choices", ())),
        consumption_of=d.get("consumption_of"), conversion=d.get("conversion"), banned=bool(d.get("banned", False)),
        extra={k: v for k, v in d.items() if k not in known},
    )


def catalogue() -> dict[str, Field]:
    """All fields by id, in catalogue order (of the edition of the field catalogue in use)."""
    return _catalogue(standards.selected("fields"))


@cache
def _catalogue(edition_id: str) -> dict[str, Field]:
    return {d["id"]: _make(d) for d in standards.load("fields", edition_id)["fields"]}


def get(field_id: str) -> Field:
    return catalogue()[field_id]


def for_sector(sector: str, group: str | None = None) -> list[Field]:
    return [f for f in catalogue().values() if f.applies_to(sector) and (group is None or f.group == group)]


def consumption_form(output_id: str) -> Field | None:
    for f in catalogue().values():
        if f.consumption_of == output_id:
            return f
    return None


@dataclass(frozen=True)
class FieldName:
    """A field's label, said in the reader's language (a message argument)."""

    id: str

    def text(self, lang: str) -> str:
        f = catalogue().get(self.id)
        return f.label(lang) if f is not None else self.id
