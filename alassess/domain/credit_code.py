"""Unified social credit code (统一社会信用代码, GB 32100-2015)."""

from __future__ import annotations

from alassess.domain.errors import InputError
from alassess.domain.numbers import normalise_text

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    check = 31 - total % 31
    return ALPHABET[0 if check == 31 else check]


def validate(raw: str, field: str = "plant.credit_code") -> str:
    """Return the normalised (upper-case, no spaces) code or raise :class:`InputError`."""
    if not isinstance(raw, str):
        raise InputError("expected_text", field, value=repr(raw))
    code = normalise_text(raw).upper()
    if len(code) != 18:
        raise InputError("credit_code_length", field, n=len(code))
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        raise InputError("credit_code_chars", field, chars="".join(bad))
    expected = check_character(code[:17])
    if code[17] != expected:
        raise InputError("credit_code_check", field, expected=expected, got=code[17])
    return code


def is_valid(raw: str) -> bool:
    try:
        validate(raw)
    except InputError:
        return False
    return True


def complete(first17: str) -> str:
    """The full 18-character code for 17 given characters (used by the demo data and tests)."""
    first17 = first17.upper()
    return first17 + check_character(first17)
