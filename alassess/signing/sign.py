"""PAdES baseline signatures (subfilter ETSI.CAdES.detached) through pyHanko, with a visible stamp.

The stamp's appearance is a one-page PDF drawn by the caller (the report draws it with reportlab
in the bundled font, see :mod:`alassess.reports.stamp`) for the signing time pyHanko puts in the
signature, so the stamp and the signature show the same time and the signed PDF holds embedded
fonts only. No time-stamp authority is used (the application works offline): the signature is
PAdES B-B and carries the signer's clock.
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from alassess.domain.errors import InputError
from alassess.signing import import_pyhanko, quiet_libraries
from alassess.signing.identities import LoadedIdentity, check_can_sign

log = logging.getLogger(__name__)

FIELD_NAME = "AlAssessSignature"
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S%z"  # how pyHanko hands the signing time to the stamp


@dataclass(frozen=True)
class StampSpec:
    """Where the visible signature stamp goes and how it is drawn.

    ``draw(signing_time)`` returns a one-page PDF whose page is the stamp (ideally exactly the
    box's size); ``box`` is x1, y1, x2, y2 in PDF points (origin bottom left) on page ``page``
    (0-based; negative counts from the end)."""

    page: int
    box: tuple[float, float, float, float]
    draw: Callable[[_dt.datetime], bytes] = field(compare=False)


def _style_classes():
    """pyHanko stamp classes that place a caller-drawn PDF page as the stamp (imported lazily)."""
    # deferred: pyHanko is imported after import_pyhanko() and only to sign (about 1 s of start-up otherwise)
    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle, TextStampStyle
    from pyhanko.stamp.static import StaticContentStamp

    class PageContent(content.PdfContent):
        """The first page of a PDF (bytes) as a form XObject."""

        def __init__(self, data: bytes) -> None:
            super().__init__()
            self.data = data

        def render(self) -> bytes:
            w = self._ensure_writer
            xobj = w.import_page_as_xobject(PdfFileReader(BytesIO(self.data)), page_ix=0)
            self.resources.xobject["/AlAssessStamp"] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
            return b"/AlAssessStamp Do"

    @dataclass(frozen=True)
    class DrawnStampStyle(TextStampStyle):
        """A text stamp style in name only (so pyHanko hands it the signing time as ``ts``); its
        appearance is the page ``draw`` returns for that time."""

        draw: Any = None

        def create_stamp(self, writer, box, text_params):
            when = _dt.datetime.strptime(text_params["ts"], _TS_FORMAT)
            page = PageContent(self.draw(when))
            style = StaticStampStyle(
                background=page, background_opacity=1.0, border_width=0,
                background_layout=layout.SimpleBoxLayoutRule(
                    x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
                    margins=layout.Margins.uniform(0)))
            return StaticContentStamp(writer=writer, style=style, box=box)

    return DrawnStampStyle


def _key_signer(ident: LoadedIdentity):
    """A pyHanko signer over the already decrypted key (pyHanko's ``SimpleSigner`` would re-read and
    re-validate an RSA key from DER for every signature it computes, ~0.1 s each)."""
    # deferred: pyHanko is imported after import_pyhanko() and only to sign (about 1 s of start-up otherwise)
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class KeySigner(signers.Signer):
        def __init__(self, key, **kwargs) -> None:
            super().__init__(**kwargs)
            self._key = key

        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
            h = get_pyca_cryptography_hash(digest_algorithm)
            if isinstance(self._key, rsa.RSAPrivateKey):
                return self._key.sign(data, PKCS1v15(), h)
            if isinstance(self._key, ec.EllipticCurvePrivateKey):
                return self._key.sign(data, ec.ECDSA(h))
            raise InputError("identity_no_key", "--identity", path="")

    registry = SimpleCertificateStore()
    registry.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in ident.chain])
    return KeySigner(ident.key, signing_cert=translate_pyca_cryptography_cert_to_asn1(ident.cert),
                     cert_registry=registry, prefer_pss=False)


def sign_pdf(pdf: bytes, identity: LoadedIdentity, stamp: StampSpec, *, reason: str = "",
             location: str = "", contact: str = "", signer_name: str = "") -> bytes:
    """Sign ``pdf`` with an opened identity; returns the signed PDF (an incremental update)."""
    import_pyhanko()
    # deferred: pyHanko is imported after import_pyhanko() and only to sign (about 1 s of start-up otherwise)
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter

    quiet_libraries()
    check_can_sign(identity.cert)
    signer = _key_signer(identity)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        pages = int(writer.root["/Pages"]["/Count"])
    except Exception as exc:  # the reason in the message, the traceback in the log
        log.info("the PDF to sign cannot be read", exc_info=True)
        raise InputError("sign_failed", None, reason=f"{type(exc).__name__}: {exc}") from None
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason or None, location=location or None, contact_info=contact or None,
        name=signer_name or None)
    style = _style_classes()(draw=stamp.draw, timestamp_format=_TS_FORMAT, border_width=0)
    page = stamp.page + pages if stamp.page < 0 else stamp.page
    if not 0 <= page < pages:
        raise InputError("sign_failed", None, reason=f"no page {stamp.page} for the signature stamp")
    fld = SigFieldSpec(FIELD_NAME, on_page=page, box=tuple(int(round(v)) for v in stamp.box))
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=fld)
    out = BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()
