"""Numbers as the report prints them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from alassess.domain.numbers import fmt


def num(v: Any, places: int = 4) -> str:
    """A number for a table: at most ``places`` decimals, no trailing zeros; text passes through."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float, Decimal, Fraction)):
        try:
            d = Decimal(str(v)) if isinstance(v, float) else v
            s = fmt(d, places)
        except (InvalidOperation, ValueError, TypeError):
            return str(v)
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return "0" if s in ("-0", "") else s
    return str(v)
