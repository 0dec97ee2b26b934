"""Turning what people type into exact numbers.

Accepts full-width digits (１２３), full-width punctuation (．，－％), thousands separators written
with ``,`` or ``，`` (groups of three), a trailing ``%`` where the unit is a percentage, and
surrounding or inner spaces (including the ideographic space). Rejects NaN, infinities and
anything that is not a number, with a message that says what to type instead.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from alassess.domain.errors import InputError

_FULL_WIDTH: dict[int, int | str] = {ord("０") + i: ord("0") + i for i in range(10)}
_FULL_WIDTH.update({ord("．"): ".", ord("，"): ",", ord("－"): "-", ord("＋"): "+", ord("％"): "%",
                    ord("。"): ".", ord("、"): ",", ord("−"): "-", ord("ｅ"): "e", ord("Ｅ"): "E"})
_SPACES = re.compile(r"[\s\u3000\u00a0\u202f\u2009]+")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


MAX_EXPONENT = 60  # |exponent| of any number accepted; real quantities stay far inside it


def normalise_text(raw: str) -> str:
    """Full-width to ASCII, spaces removed."""
    return _SPACES.sub("", raw.translate(_FULL_WIDTH))


# Over complexity 15 on purpose: one flat list of checks, one per way a typed or loaded number can be
# wrong, each ending in its own message; split up, the order of the checks (which decides the message)
# would be spread over several functions.
def parse_number(raw: object, field: str | None = None, *, percent: bool = False, unit: str = "") -> Decimal | None:
    """Parse a typed or loaded value into an exact Decimal.

    ``None`` and empty text mean "not given" and return ``None``. ``percent`` allows a trailing
    ``%``. Raises :class:`InputError` naming ``field`` otherwise.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise InputError("expected_number", field, value=str(raw).lower())
    if isinstance(raw, int):
        return _in_range(Decimal(raw), field, raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise InputError("not_finite", field)
        # repr() gives the shortest decimal that round-trips: the number the person typed.
        return _in_range(Decimal(repr(raw)), field, raw)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise InputError("not_finite", field)
        return _in_range(raw, field, raw)
    if isinstance(raw, Fraction):
        return _in_range(Decimal(raw.numerator) / Decimal(raw.denominator), field, raw)
    if not isinstance(raw, str):
        raise InputError("expected_number", field, value=repr(raw))
    text = normalise_text(raw)
    if text == "":
        return None
    if text.endswith("%"):
        if not percent:
            raise InputError("percent_not_allowed", field, unit=unit or "—")
        text = text[:-1]
    low = text.lower().lstrip("+-")
    if low in {"nan", "inf", "infinity"}:
        raise InputError("not_finite", field)
    if "," in text:
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        else:
            raise InputError("decimal_comma", field, value=raw.strip())
    if not _PLAIN.match(text):
        raise InputError("not_a_number", field, value=raw.strip())
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        raise InputError("not_a_number", field, value=raw.strip()) from None
    if not value.is_finite():
        raise InputError("not_finite", field)
    return _in_range(value, field, raw.strip())


def _in_range(value: Decimal, field: str | None, raw: object) -> Decimal:
    # 1e-999999999 is a valid Decimal, but no quantity is like it, and exact arithmetic on it (a
    # Fraction with a billion-digit denominator) would never finish
    if value and not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        raise InputError("number_out_of_range", field, value=str(raw)[:40])
    return value


def to_fraction(value: Decimal | int | Fraction) -> Fraction:
    return Fraction(value) if not isinstance(value, Fraction) else value


def round_half_up(value: Fraction | Decimal, places: int = 2) -> Decimal:
    """Exact half-up rounding (89.995 → 90.00), never through binary floating point."""
    if isinstance(value, Fraction):
        # floor(|x|·10^p + 1/2) in integers (half away from zero), then the sign: exact and fast
        num, den = value.numerator, value.denominator
        n = (abs(num) * 10**places * 2 + den) // (2 * den)
        return Decimal((1 if num < 0 and n else 0, tuple(int(d) for d in str(n)), -places))
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt(value: Decimal | Fraction | float | int | None, places: int | None = None) -> str:
    """A compact human form: no exponent, no trailing zeros unless ``places`` is given."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        value = round_half_up(value, places if places is not None else 4)
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, int):
        value = Decimal(value)
    if places is not None:
        return f"{round_half_up(value, places):f}"
    text = f"{value.normalize():f}"
    return text
