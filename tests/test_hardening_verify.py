"""What ``verify`` promises about a signed report, attacked from outside: the signature slot's
padding, content added by a second signer, and four distinct outcomes in words and exit codes."""

from __future__ import annotations

import re

from alassess.cli import main
from alassess.signing.verify import verify_pdf
from tests.test_verify import signed  # noqa: F401 - the module's signed report, made through the CLI


def _slot(pdf: bytes) -> tuple[int, int]:
    """(start, end) of the hex digits of the signature's /Contents (between the two byte ranges)."""
    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    a, b, c, _ = map(int, m.groups())
    return a + b + 1, c - 1


def test_one_changed_byte_in_the_signature_slots_padding_is_rejected(signed, tmp_path, capsys):  # noqa: F811
    pdf = signed["pdf"].read_bytes()
    start, end = _slot(pdf)
    digits = pdf[start:end]
    blob_end = len(digits.rstrip(b"0"))
    assert end - start - blob_end > 1000  # a generous zero padding follows the CMS blob
    positions = [start + blob_end + 2, start + (blob_end + len(digits)) // 2, end - 3, end - 1]
    for flip in (0x01, 0x40):  # another hex digit ('0' → '1'), and a character that is not one ('0' → 'p')
        for pos in positions:
            bad = bytearray(pdf)
            bad[pos] ^= flip
            res = verify_pdf(bytes(bad))
            assert not res.ok and not res.intact, (pos, flip)
            words = "reserved space" if flip == 0x01 else "damaged PDF"  # not hex: the PDF cannot be parsed
            assert any(words in p for p in res.problems), res.problems
            p = tmp_path / f"pad-{pos}-{flip}.pdf"
            p.write_bytes(bytes(bad))
            assert main(["verify", str(p)]) == 1
            assert words in capsys.readouterr().out
    assert verify_pdf(pdf).ok
