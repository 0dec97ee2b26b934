"""What ``verify`` promises about a signed report, attacked from outside: the signature slot's
padding, content added by a second signer, and four distinct outcomes in words and exit codes."""

from __future__ import annotations

import re

import pytest

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


def _second_signature(pdf: bytes, tmp_path, *, visible: bool, text: str = "GRADE 5A INDEX 99.99") -> bytes:
    """An incremental update by another (unknown) identity: a new signature field, on the cover with a
    visible appearance that stamps ``text`` over it, or invisible."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    from alassess.signing import identities
    from alassess.signing.sign import _key_signer

    p12 = tmp_path / "mallory.p12"
    if not p12.exists():
        identities.create_identity("Mallory", "Elsewhere", p12, b"mallory passphrase 9")
    signer = _key_signer(identities.load_identity(p12, b"mallory passphrase 9"))
    box = (40, 300, 560, 520) if visible else None
    spec = fields.SigFieldSpec("Mallory", on_page=0, box=box)
    meta = signers.PdfSignatureMetadata(field_name="Mallory", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    pdf_signer = signers.PdfSigner(meta, signer=signer, new_field_spec=spec,
                                   stamp_style=TextStampStyle(stamp_text=text, border_width=0))
    out = BytesIO()
    pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf), strict=False), output=out)
    return out.getvalue()


@pytest.mark.parametrize("visible", [True, False])
def test_a_second_signature_after_the_assessors_fails(signed, tmp_path, capsys, visible):  # noqa: F811
    pdf = signed["pdf"].read_bytes()
    attacked = _second_signature(pdf, tmp_path, visible=visible)
    res = verify_pdf(attacked)
    assert not res.ok and res.status == "broken"
    # every signature is listed, with what it signs
    assert [s.field for s in res.signatures] == ["AlAssessSignature", "Mallory"]
    first, second = res.signatures
    assert first.signer == "陈评估" and second.signer == "Mallory"
    assert first.revision < second.revision == second.revisions and first.coverage != "entire_file"
    assert second.visible is visible and (second.page == 1 if visible else True)
    assert res.signer == "陈评估"  # the result names the assessor, not the last signer
    assert any("further signature by Mallory" in p for p in res.problems), res.problems
    path = tmp_path / "attacked.pdf"
    path.write_bytes(attacked)
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Mallory" in out and "陈评估" in out and "further signature" in out
    assert "signature OK" not in out


def test_a_changed_title_or_metadata_after_signing_fails(signed):  # noqa: F811
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(signed["pdf"].read_bytes()))
    info = w.trailer["/Info"].get_object()
    info[generic.NameObject("/Title")] = generic.TextStringObject("GRADE 5A")
    w.update_container(info)
    out = BytesIO()
    w.write(out)
    res = verify_pdf(out.getvalue())
    assert res.status == "broken" and any("changed after signing" in p for p in res.problems)


def test_validation_data_added_after_signing_is_accepted(signed):  # noqa: F811
    """What PAdES allows after a signature: a DSS with the signer's certificate (LTV)."""
    from io import BytesIO

    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    pdf = signed["pdf"].read_bytes()
    res = verify_pdf(pdf)
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    DocumentSecurityStore.supply_dss_in_writer(w, sig_contents=None,
                                               certs=[asn1_x509.Certificate.load(res.signer_certificate)])
    out = BytesIO()
    w.write(out)
    after = verify_pdf(out.getvalue())
    assert after.ok and after.status == "untrusted", after.problems
    assert after.signatures[0].modification == "LTA_UPDATES"


def test_four_outcomes_in_words_and_exit_codes(signed, tmp_path, write_doc, capsys):  # noqa: F811
    """``verify --require-trusted`` said "signature broken or report changed" for a valid report from
    an untrusted signer and for an unsigned PDF alike."""
    from tests.conftest import make_doc

    pdf = signed["pdf"]
    trust_dir = tmp_path / "trusted"
    # valid, signer not trusted: exit 0, or 4 with --require-trusted; who signed and how to trust
    assert main(["verify", str(pdf), "--trust-dir", str(trust_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("VALID, but the signer is NOT TRUSTED") and "陈评估" in out
    assert f'alassess identity trust --from-report "{pdf}"' in out
    assert main(["verify", str(pdf), "--trust-dir", str(trust_dir), "--require-trusted"]) == 4
    out = capsys.readouterr().out
    assert out.startswith("VALID, but the signer is NOT TRUSTED") and "broken" not in out
    assert main(["--lang", "zh", "verify", str(pdf), "--trust-dir", str(trust_dir), "--require-trusted"]) == 4
    assert "签名有效，但签名人不受信任" in capsys.readouterr().out
    # valid and trusted: 0
    assert main(["identity", "trust", "--from-report", str(pdf), "--trust-dir", str(trust_dir)]) == 0
    capsys.readouterr()
    assert main(["verify", str(pdf), "--trust-dir", str(trust_dir), "--require-trusted"]) == 0
    assert capsys.readouterr().out.startswith("VALID, signer trusted")
    # not signed: 3
    src = write_doc(make_doc("electrolytic"))
    assert main(["report", str(src), "--out", str(tmp_path / "u.pdf")]) == 0
    capsys.readouterr()
    assert main(["verify", str(tmp_path / "u.pdf"), "--require-trusted"]) == 3
    out = capsys.readouterr().out
    assert out.startswith("NOT SIGNED") and "broken" not in out
    # broken (a changed byte in the signed range): 1
    data = bytearray(pdf.read_bytes())
    i = data.index(b"/Producer")
    data[i + 12] ^= 0x01
    (tmp_path / "bad.pdf").write_bytes(bytes(data))
    assert main(["verify", str(tmp_path / "bad.pdf"), "--trust-dir", str(trust_dir)]) == 1
    assert capsys.readouterr().out.startswith("NOT VALID")
    assert main(["verify", str(tmp_path / "bad.pdf"), "--json"]) == 1
    import json

    d = json.loads(capsys.readouterr().out)
    assert d["status"] == "broken" and d["exit"] == 1 and not d["ok"]
