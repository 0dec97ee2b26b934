from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alassess.domain.errors import InputError
from alassess.domain.numbers import parse_number, round_half_up


@pytest.mark.parametrize("raw,expected", [
    ("１２３", Decimal("123")), ("１２．５", Decimal("12.5")), (" 12.5 ", Decimal("12.5")),
    ("1,200", Decimal("1200")), ("1，200.5", Decimal("1200.5")), ("1 200", Decimal("1200")),
    ("\u300012.5\u3000", Decimal("12.5")), ("－3", Decimal("-3")), (0.56, Decimal("0.56")), (7, Decimal(7)),
])
def test_accepts_what_people_type(raw, expected):
    assert parse_number(raw, "f") == expected


def test_percent_only_where_the_unit_is_percent():
    assert parse_number("85%", "f", percent=True) == Decimal(85)
    assert parse_number("85％", "f", percent=True) == Decimal(85)
    with pytest.raises(InputError) as ei:
        parse_number("85%", "values.energy_output", unit="t/tce")
    assert "values.energy_output" in ei.value.message()


@pytest.mark.parametrize("raw", ["abc", "NaN", "inf", "-Infinity", "12,5", "1.2.3", float("nan"), float("inf"), True, [1]])
def test_rejects_with_a_message(raw):
    with pytest.raises(InputError) as ei:
        parse_number(raw, "values.x")
    assert ei.value.message().startswith("values.x: ")


def test_empty_is_missing():
    assert parse_number("", "f") is None
    assert parse_number("  ", "f") is None
    assert parse_number(None, "f") is None


def test_half_up_is_exact():
    assert str(round_half_up(Fraction(89995, 1000))) == "90.00"
    assert str(round_half_up(Fraction(89994999, 1000000))) == "89.99"
    assert str(round_half_up(Decimal("72.245"))) == "72.25"
    # binary floating point would give 1.00 here
    assert str(round_half_up(Fraction(Decimal("1.005")))) == "1.01"


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=30))
def test_fuzz_only_clear_errors(text):
    try:
        v = parse_number(text, "values.f", percent=True)
    except InputError as exc:
        assert exc.message("zh") and exc.message("en")
    else:
        assert v is None or v.is_finite()
