"""Verifying a signed report: signature, certificate trust, and the data carried inside.

Decisions (printed by ``alassess verify`` and documented in the README):

* **ok** (exit 0) when every signature is *intact* (the signed bytes hash to what was signed),
  *valid* (the CMS signature checks against the signer's certificate), the last signature covers
  the whole file (nothing at all was added after signing), and the embedded
  ``assessment.json`` hashes to the SHA-256 printed in the report.
* **trusted** is reported separately: the signer's certificate chains to a certificate in the trust
  list. A fresh self-signed identity is intact and valid but *not trusted* until the office adds
  its certificate with ``alassess identity trust``. ``--require-trusted`` makes "not trusted" a
  failure.
* A signed PDF that is damaged, or a PDF without a signature, is not ok (exit 1); a file that
  cannot be read, is not a PDF, or is a PDF that cannot be parsed and carries no signature is bad
  input (exit 2).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import asdict, dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from alassess.domain.errors import InputError
from alassess.signing import import_pyhanko, quiet_libraries, trust
from alassess.signing.attachments import ASSESSMENT_NAME, description_of, embedded_files
from alassess.signing.identities import CertInfo

log = logging.getLogger(__name__)

_SHA = re.compile(r"SHA-256[:=]\s*([0-9a-f]{64})", re.I)
_RID = re.compile(r"report[- ]id[:=]\s*([A-Za-z0-9-]+)", re.I)


@dataclass
class SignatureInfo:
    field: str
    intact: bool
    valid: bool
    trusted: bool
    signer: str
    signer_organisation: str
    issuer: str
    self_signed: bool
    certificate_sha256: str
    signing_time: str | None
    subfilter: str
    coverage: str
    modified_after: bool
    md_algorithm: str
    trust_problem: str | None


@dataclass
class VerificationResult:
    """Plain fields, for the CLI (``--json``) and the GUI."""

    path: str
    signed: bool
    intact: bool
    valid: bool
    trusted: bool
    signer: str
    signer_organisation: str
    signing_time: str | None
    subfilter: str
    covers_whole_file: bool
    report_id: str | None
    printed_hash: str | None
    data_hash: str | None
    data_matches: bool | None
    problems: list[str] = field(default_factory=list)
    signatures: list[SignatureInfo] = field(default_factory=list)
    data: bytes | None = field(default=None, repr=False)
    signer_certificate: bytes | None = field(default=None, repr=False)  # DER, of the last signature

    @property
    def ok(self) -> bool:
        return (self.signed and self.intact and self.valid and self.covers_whole_file
                and self.data_matches is True)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("data")
        d.pop("signer_certificate")
        d["ok"] = self.ok
        return d


def _read(src: str | Path | bytes) -> tuple[bytes, str]:
    if isinstance(src, (bytes, bytearray)):
        return bytes(src), "<bytes>"
    path = Path(src)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("pdf_not_found", None, path=str(path)) from None
    except IsADirectoryError:
        raise InputError("pdf_unreadable", None, path=str(path), reason="is a directory") from None
    except OSError as exc:
        raise InputError("pdf_unreadable", None, path=str(path), reason=exc.strerror or str(exc)) from None
    return data, str(path)


def looks_like_pdf(data: bytes) -> bool:
    """A PDF header near the start, or the marks of a PDF body (a damaged header is still a PDF
    whose signature fails, not "some other file")."""
    head = data[:1024]
    return b"%PDF-" in head or (b"%%EOF" in data[-2048:] and b"/ByteRange" in data)


def _signature_marks(data: bytes) -> bool:
    """Whether the bytes carry a PDF signature (several independent marks: one changed byte cannot
    remove them all)."""
    return sum(m in data for m in (b"/ByteRange", b"/SubFilter", b"/Type /Sig", b"/FT /Sig")) >= 2


def _broken(path: str, reason: str) -> VerificationResult:
    return VerificationResult(path=path, signed=False, intact=False, valid=False, trusted=False, signer="",
                              signer_organisation="", signing_time=None, subfilter="", covers_whole_file=False,
                              report_id=None, printed_hash=None, data_hash=None, data_matches=None,
                              problems=[reason])


def verify_pdf(src: str | Path | bytes, trust_dir: str | Path | None = None) -> VerificationResult:
    import_pyhanko()
    # deferred: pyHanko is imported only after import_pyhanko() has kept its network clients out,
    # and only by the commands that verify (about 1 s of start-up otherwise).
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.registry import SimpleTrustManager

    quiet_libraries()
    data, path = _read(src)
    if not looks_like_pdf(data):
        raise InputError("not_a_pdf", None, path=path)
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except Exception as exc:  # reported in words; the traceback goes to the log
        log.info("verify %s: the PDF cannot be read", path, exc_info=True)
        if _signature_marks(data):  # a signed file, damaged: a report that does not verify
            return _broken(path, f"damaged PDF ({type(exc).__name__}: {exc})")
        raise InputError("pdf_unreadable", None, path=path, reason=f"not a readable PDF ({exc})") from None

    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
             for c in trust.trusted_certificates(trust_dir)]
    key_usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)

    infos: list[SignatureInfo] = []
    problems: list[str] = []
    signer_der: bytes | None = None
    for sig in sigs:
        vc = ValidationContext(trust_manager=SimpleTrustManager.build(trust_roots=roots), allow_fetching=False,
                               revocation_mode="soft-fail")
        try:
            st = validate_pdf_signature(sig, signer_validation_context=vc, key_usage_settings=key_usage)
        except Exception as exc:  # reported in words; the traceback goes to the log
            log.info("verify %s: signature %s cannot be validated", path, sig.field_name, exc_info=True)
            problems.append(f"{sig.field_name}: cannot validate ({type(exc).__name__}: {exc})")
            infos.append(SignatureInfo(sig.field_name, False, False, False, "", "", "", False, "", None, "",
                                       "none", True, "", str(exc)))
            continue
        cert = st.signing_cert
        signer_der = cert.dump()
        subj = cert.subject.native
        iss = cert.issuer.native
        coverage = st.coverage.name.lower() if st.coverage is not None else "none"
        mod_level = getattr(st, "modification_level", None)
        if sig is sigs[-1]:
            # the report is valid only as signed: nothing may follow the last signature (pyHanko would
            # class, e.g., a changed document title as a harmless "LTA update")
            modified = coverage != "entire_file"
        else:  # an earlier signature: what follows it may be further signatures only
            modified = not (coverage == "entire_file"
                            or (mod_level is not None and mod_level.name in ("NONE", "FORM_FILLING")))
        when = st.signer_reported_dt
        subfilter = str(sig.sig_object.get("/SubFilter", "")).lstrip("/")
        infos.append(SignatureInfo(
            field=sig.field_name, intact=bool(st.intact), valid=bool(st.valid), trusted=bool(st.trusted),
            signer=str(subj.get("common_name", "")), signer_organisation=str(subj.get("organization_name", "")),
            issuer=str(iss.get("common_name", "") or cert.issuer.human_friendly), self_signed=cert.self_signed != "no",
            certificate_sha256=hashlib.sha256(signer_der).hexdigest(),
            signing_time=when.isoformat() if when else None, subfilter=subfilter, coverage=coverage,
            modified_after=modified, md_algorithm=str(st.md_algorithm),
            trust_problem=st.trust_problem_indic.name if st.trust_problem_indic is not None else None))
        if not st.intact:
            problems.append(f"{sig.field_name}: the signed content was changed (digest mismatch)")
        elif not st.valid:
            problems.append(f"{sig.field_name}: the signature does not match the certificate")
        if modified:
            problems.append(f"{sig.field_name}: the document was changed after signing")
    if not sigs:
        problems.append("the PDF is not signed")

    files = {}
    try:
        files = embedded_files(reader)
        desc = description_of(reader, ASSESSMENT_NAME) or ""
        keywords = ""
        info = reader.trailer_view.get("/Info")
        if info is not None:
            keywords = str(info.get_object().get("/Keywords", ""))
    except Exception as exc:  # reported in words; the traceback goes to the log
        log.info("verify %s: the embedded data cannot be read", path, exc_info=True)
        desc, keywords = "", ""
        problems.append(f"cannot read the embedded data ({type(exc).__name__})")
    payload = files.get(ASSESSMENT_NAME)
    printed = _first(_SHA, desc, keywords)
    report_id = _first(_RID, desc, keywords)
    data_hash = hashlib.sha256(payload).hexdigest() if payload is not None else None
    if payload is None:
        matches = None
        problems.append("no embedded assessment.json")
    elif printed is None:
        matches = None
        problems.append("the report carries no printed data hash")
    else:
        matches = data_hash == printed.lower()
        if not matches:
            problems.append("the embedded assessment.json does not match the hash printed in the report")

    main = infos[-1] if infos else None
    return VerificationResult(
        path=path, signed=bool(infos),
        intact=bool(infos) and all(i.intact for i in infos),
        valid=bool(infos) and all(i.valid for i in infos),
        trusted=bool(infos) and all(i.trusted for i in infos),
        signer=main.signer if main else "", signer_organisation=main.signer_organisation if main else "",
        signing_time=main.signing_time if main else None, subfilter=main.subfilter if main else "",
        covers_whole_file=bool(infos) and not any(i.modified_after for i in infos),
        report_id=report_id, printed_hash=printed, data_hash=data_hash, data_matches=matches,
        problems=problems, signatures=infos, data=payload,
        signer_certificate=signer_der if infos and infos[-1].certificate_sha256 else None)


def _first(rx: re.Pattern[str], *texts: str) -> str | None:
    for t in texts:
        m = rx.search(t or "")
        if m:
            return m.group(1)
    return None


def trust_report_signer(pdf: str | Path, folder: str | Path | None = None) -> CertInfo:
    """Add the certificate that signed ``pdf`` to the trust list — only from a report that verifies
    (intact, valid, nothing added after signing, data matching the printed hash). Whoever does this
    should first compare the certificate's SHA-256 fingerprint with the signer's own (e.g. by phone)."""
    r = verify_pdf(pdf, folder)
    if not r.ok or r.signer_certificate is None:
        reason = "; ".join(r.problems) or "no signature"
        raise InputError("trust_report_not_valid", "PDF", path=str(pdf), reason=reason)
    return trust.store_certificates([x509.load_der_x509_certificate(r.signer_certificate)], folder)[0]
