"""PAdES baseline signatures (subfilter ETSI.CAdES.detached) through pyHanko, with a visible stamp.

The stamp is drawn in a box on a page of the report (the signature page) with an embedded
TrueType font, so that the signed PDF contains embedded fonts only. No time-stamp authority is
used (the application works offline): the signature is PAdES B-B and carries the signer's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from alassess.domain.errors import InputError
from alassess.signing import quiet_libraries
from alassess.signing.identities import cert_info, check_can_sign, load_identity

FIELD_NAME = "AlAssessSignature"


@dataclass(frozen=True)
class StampSpec:
    """Where and how the visible signature stamp is drawn (PDF points, origin bottom left)."""

    page: int  # 0-based; negative counts from the end
    box: tuple[float, float, float, float]  # x1, y1, x2, y2
    font_path: str
    text: str  # pyHanko stamp template: %(signer)s, %(ts)s and the keys of ``params``
    params: dict[str, str]
    font_size: int = 9  # pyHanko's layout wants whole points


def sign_pdf(pdf: bytes, identity_path: str | Path, passphrase: bytes, stamp: StampSpec, *,
             reason: str = "", location: str = "", contact: str = "") -> bytes:
    """Sign ``pdf`` with the PKCS#12 identity; returns the signed PDF (an incremental update)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
    from pyhanko.stamp import TextStampStyle

    quiet_libraries()
    ident = load_identity(identity_path, passphrase)
    check_can_sign(ident.cert)
    info = cert_info(ident.cert)
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(ident.data, other_certs=[], passphrase=passphrase)
    except ValueError:
        raise InputError("identity_wrong_passphrase", "--identity", path=str(identity_path)) from None
    signer_name = info.common_name or info.subject
    if info.organisation:
        signer_name = f"{signer_name} ({info.organisation})"
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except Exception as exc:
        raise InputError("sign_failed", None, reason=f"{type(exc).__name__}: {exc}") from None
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason or None, location=location or None, contact_info=contact or None, name=signer_name)
    style = TextStampStyle(
        stamp_text=stamp.text,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(stamp.font_path), font_size=int(stamp.font_size),
                                    leading=int(round(stamp.font_size * 1.4))),
        background=None, border_width=1, timestamp_format="%Y-%m-%d %H:%M:%S %z")
    page = stamp.page
    if page < 0:
        page = int(writer.root["/Pages"]["/Count"]) + page
    field = SigFieldSpec(FIELD_NAME, on_page=page, box=tuple(int(round(v)) for v in stamp.box))
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=field)
    out = BytesIO()
    pdf_signer.sign_pdf(writer, output=out, appearance_text_params=dict(stamp.params))
    return out.getvalue()
