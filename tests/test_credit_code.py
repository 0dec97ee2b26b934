import pytest

from alassess.domain import credit_code
from alassess.domain.errors import InputError


def test_known_valid_code():
    # a published code from a business licence
    assert credit_code.validate("91350100M000100Y43") == "91350100M000100Y43"


def test_normalises_case_and_spaces():
    assert credit_code.validate(" 91350100m000100y43 ") == "91350100M000100Y43"


def test_check_character_31_maps_to_zero():
    # find a 17-character prefix whose weighted sum is ≡ 0 (mod 31): check character must be "0"
    base = "9135010000000000"
    for c in credit_code.ALPHABET:
        prefix = base + c
        total = sum(credit_code.ALPHABET.index(ch) * w for ch, w in zip(prefix, credit_code.WEIGHTS, strict=True))
        if total % 31 == 0:
            assert credit_code.check_character(prefix) == "0"
            break
    else:
        pytest.fail("no prefix found")


@pytest.mark.parametrize("code,key", [
    ("91350100M000100Y4", "credit_code_length"),
    ("91350100M000100Y44", "credit_code_check"),
    ("91350100I000100Y43", "credit_code_chars"),
    ("9135010OM000100Y43", "credit_code_chars"),
])
def test_bad_codes(code, key):
    with pytest.raises(InputError) as ei:
        credit_code.validate(code)
    assert ei.value.key == key
    assert "plant.credit_code" in ei.value.message("en")
    assert "统一社会信用代码" in ei.value.message("zh")


def test_complete_produces_valid_codes():
    assert credit_code.is_valid(credit_code.complete("91500000MA5U00000"))
