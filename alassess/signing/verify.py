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

from asn1crypto import parser
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
    kind: str = "signature"  # "signature", or "timestamp" (a document time stamp: validation data)
    revision: int = 0  # the file revision it signs (1 = the first), of ``revisions``
    revisions: int = 0
    visible: bool = False  # it has an appearance on a page
    page: int | None = None  # 1-based, when visible
    modification: str = ""  # what followed it, as pyHanko's diff analysis classes it (NONE, LTA_UPDATES, …)


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
    signer_certificate: bytes | None = field(default=None, repr=False)  # DER, of the assessor's signature
    damaged: bool = False  # a signed file that cannot be parsed
    embedded: dict[str, bytes] = field(default_factory=dict, repr=False)  # every embedded file, by name

    @property
    def ok(self) -> bool:
        """The assessor's signature is intact and valid, nothing but validation data follows it, and
        the embedded data matches the printed hash (whether the signer is trusted is separate)."""
        return (self.signed and self.intact and self.valid and self.covers_whole_file
                and self.data_matches is True and not self.damaged)

    @property
    def status(self) -> str:
        """One of four facts: ``trusted`` (valid, the signer is in the trust list), ``untrusted``
        (valid, the signer is not in the trust list), ``unsigned`` (no signature at all), ``broken``
        (a signature that does not verify, or the file or its data changed after signing)."""
        if self.ok:
            return "trusted" if self.trusted else "untrusted"
        if not self.signed and not self.damaged:
            return "unsigned"
        return "broken"

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("data")
        d.pop("signer_certificate")
        d.pop("embedded")
        d["ok"] = self.ok
        d["status"] = self.status
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


_HEX = re.compile(rb"[0-9A-Fa-f]*")


def _slot_problem(data: bytes, byte_range: Any) -> str | None:
    """What is wrong with a signature's reserved slot (``/Contents``, the one part of the file the
    signature cannot cover), or ``None``: it must be one hex string holding the CMS blob followed by
    zero bytes only. Readers ignore what follows the blob, so without this check the padding could
    be changed (or carry data) while the signature still verified."""
    try:
        a, b, c, _d = (int(x) for x in byte_range)
    except (TypeError, ValueError):
        return "the signature's byte range cannot be read"
    gap = data[a + b:c]
    if len(gap) < 2 or gap[:1] != b"<" or gap[-1:] != b">":
        return "the signature's reserved space is not one hex string"
    digits = gap[1:-1]
    if not _HEX.fullmatch(digits) or len(digits) % 2:
        return "the signature's reserved space holds characters other than hex digits"
    raw = bytes.fromhex(digits.decode("ascii"))
    try:
        _cls, _method, _tag, header, content, trailer = parser.parse(raw)
    except (ValueError, TypeError):
        return "the signature's reserved space does not start with a signature"
    used = len(header) + len(content) + len(trailer)
    if raw[used:].strip(b"\0"):
        return "bytes after the signature in its reserved space were changed (the padding must be zeros)"
    return None


def _broken(path: str, reason: str) -> VerificationResult:
    return VerificationResult(path=path, signed=False, intact=False, valid=False, trusted=False, signer="",
                              signer_organisation="", signing_time=None, subfilter="", covers_whole_file=False,
                              report_id=None, printed_hash=None, data_hash=None, data_matches=None,
                              problems=[reason], damaged=True)


def _strict_policy():
    """pyHanko's standard rules, narrowed: after the assessor's signature only what PAdES adds for
    long-term validation is accepted (a DSS with its certificates and revocation data, invisible
    document time stamps, the cross-reference and object streams they need, the well-formed XMP
    metadata and the producer and modification date that every PDF writer updates when it saves).
    No form field may be filled and no annotation or visible stamp added; pyHanko's default would
    also class a changed title as an "LTA update"; here it is a change to the document."""
    # deferred: pyHanko is imported only after import_pyhanko() has kept its network clients out
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.diff_analysis.form_rules_api import FormUpdatingRule
    from pyhanko.sign.diff_analysis.policies import StandardDiffPolicy
    from pyhanko.sign.diff_analysis.rules.file_structure_rules import (
        CatalogModificationRule,
        ObjectStreamRule,
        XrefStreamRule,
    )
    from pyhanko.sign.diff_analysis.rules.form_field_rules import (
        DSSCompareRule,
        SigFieldCreationRule,
        SigFieldModificationRule,
    )
    from pyhanko.sign.diff_analysis.rules.metadata_rules import MetadataUpdateRule

    lta = ModificationLevel.LTA_UPDATES
    return StandardDiffPolicy(
        global_rules=[CatalogModificationRule(), _info_rule().as_qualified(lta), XrefStreamRule().as_qualified(lta),
                      ObjectStreamRule().as_qualified(lta), DSSCompareRule().as_qualified(lta),
                      MetadataUpdateRule(always_refuse_stream_override=False).as_qualified(lta)],
        form_rule=FormUpdatingRule(field_rules=[SigFieldCreationRule(), SigFieldModificationRule()]))


# what a PDF writer updates by itself in the document information when it adds validation data
_INFO_BOOKKEEPING = frozenset({"/Producer", "/ModDate"})


def _info_rule():
    """pyHanko's rule for updates of the document information, restricted to the writer's own
    bookkeeping (the producer and the modification date): a changed title, subject, author or
    keywords (which carry the report id and the data hash) is a change to the document."""
    # deferred: pyHanko is imported only after import_pyhanko() has kept its network clients out
    from pyhanko.sign.diff_analysis.policy_api import SuspiciousModification
    from pyhanko.sign.diff_analysis.rules.metadata_rules import DocInfoRule

    class InfoBookkeepingRule(DocInfoRule):
        def apply(self, old, new):
            new_ref = new.trailer_view.get_value_as_reference("/Info", optional=True)
            old_ref = old.trailer_view.get_value_as_reference("/Info", optional=True)
            if new_ref is not None:
                before = old(old_ref) if old_ref is not None else {}
                after = new(new_ref)
                changed = sorted(k for k in set(before) | set(after) if k not in _INFO_BOOKKEEPING
                                 and str(before.get(k, "")) != str(after.get(k, "")))
                if changed:
                    raise SuspiciousModification(f"document information changed after signing: {', '.join(changed)}")
            yield from super().apply(old, new)

    return InfoBookkeepingRule()


def _indication_name(indic: Any) -> str | None:
    return None if indic is None else str(indic.name)


def _page_refs(node_ref, depth: int = 0) -> list:
    """References of the pages under a page-tree node, in order."""
    node = node_ref.get_object()
    if str(node.get("/Type", "")) == "/Page" or "/Kids" not in node or depth > 32:
        return [node_ref]
    out = []
    for kid in node["/Kids"]:
        out.extend(_page_refs(kid, depth + 1) if hasattr(kid, "get_object") else [])
    return out


def _appearance(sig) -> tuple[bool, int | None]:
    """Whether a signature field shows on a page, and which (1-based)."""
    try:
        # deferred: pyHanko is imported only after import_pyhanko() has kept its network clients out
        from pyhanko.sign.diff_analysis.rules.form_field_rules import is_field_visible

        fld = sig.sig_field
        visible = bool(is_field_visible(fld))
    except Exception:
        return True, None  # cannot tell: assume it shows
    page = None
    if visible:
        try:
            widget = fld if "/Rect" in fld else fld["/Kids"][0].get_object()
            pref = widget.raw_get("/P")
            refs = _page_refs(sig.reader.root.raw_get("/Pages"))
            page = next((k + 1 for k, r in enumerate(refs) if r.idnum == pref.idnum), None)
        except Exception:
            page = None
    return visible, page


def verify_pdf(src: str | Path | bytes, trust_dir: str | Path | None = None) -> VerificationResult:
    import_pyhanko()
    # deferred: pyHanko is imported only after import_pyhanko() has kept its network clients out,
    # and only by the commands that verify (about 1 s of start-up otherwise).
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
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
    policy = _strict_policy()
    sigs.sort(key=lambda x: x.signed_revision)
    revisions = reader.xrefs.total_revisions
    kinds = ["timestamp" if str(sg.sig_object.get("/Type", "")) == "/DocTimeStamp" else "signature" for sg in sigs]
    # the assessor's signature: the first one that is not a document time stamp
    assessor = next((i for i, k in enumerate(kinds) if k == "signature"), None)
    for i, sig in enumerate(sigs):
        kind = kinds[i]
        visible, page = _appearance(sig)
        base = {"kind": kind, "revision": sig.signed_revision + 1, "revisions": revisions, "visible": visible,
                "page": page}
        vc = ValidationContext(trust_manager=SimpleTrustManager.build(trust_roots=roots), allow_fetching=False,
                               revocation_mode="soft-fail")
        st: Any
        try:
            if kind == "timestamp":
                st = validate_pdf_timestamp(sig, validation_context=vc, diff_policy=policy)
            else:
                st = validate_pdf_signature(sig, signer_validation_context=vc, key_usage_settings=key_usage,
                                            diff_policy=policy)
        except Exception as exc:  # reported in words; the traceback goes to the log
            log.info("verify %s: signature %s cannot be validated", path, sig.field_name, exc_info=True)
            problems.append(f"{sig.field_name}: cannot validate ({type(exc).__name__}: {exc})")
            infos.append(SignatureInfo(sig.field_name, False, False, False, "", "", "", False, "", None, "",
                                       "none", True, "", str(exc), **base))
            continue
        cert = st.signing_cert
        der = cert.dump()
        if i == assessor:
            signer_der = der
        subj = cert.subject.native
        iss = cert.issuer.native
        coverage = st.coverage.name.lower() if st.coverage is not None else "none"
        mod_level = getattr(st, "modification_level", None)
        level = mod_level.name if mod_level is not None else ""
        # nothing may follow a signature but validation data (PAdES: a DSS, document time stamps)
        modified = not (coverage == "entire_file"
                        or (level in ("NONE", "LTA_UPDATES") and getattr(st, "docmdp_ok", True) is not False))
        when = getattr(st, "signer_reported_dt", None) or getattr(st, "timestamp", None)
        subfilter = str(sig.sig_object.get("/SubFilter", "")).lstrip("/")
        infos.append(SignatureInfo(
            field=sig.field_name, intact=bool(st.intact), valid=bool(st.valid), trusted=bool(st.trusted),
            signer=str(subj.get("common_name", "")), signer_organisation=str(subj.get("organization_name", "")),
            issuer=str(iss.get("common_name", "") or cert.issuer.human_friendly), self_signed=cert.self_signed != "no",
            certificate_sha256=hashlib.sha256(der).hexdigest(),
            signing_time=when.isoformat() if when else None, subfilter=subfilter, coverage=coverage,
            modified_after=modified, md_algorithm=str(st.md_algorithm),
            trust_problem=_indication_name(getattr(st, "trust_problem_indic", None)), modification=level, **base))
        slot = _slot_problem(data, sig.sig_object.get("/ByteRange"))
        if slot is not None:
            infos[-1].intact = False
            problems.append(f"{sig.field_name}: {slot}")
        elif not st.intact:
            problems.append(f"{sig.field_name}: the signed content was changed (digest mismatch)")
        elif not st.valid:
            problems.append(f"{sig.field_name}: the signature does not match the certificate")
        if kind == "signature" and i != assessor:
            who = infos[-1].signer or "?"
            where = f" with a visible stamp on page {page}" if visible and page else (
                " with a visible stamp" if visible else "")
            problems.append(f"{sig.field_name}: a further signature by {who} was added after the assessor's "
                            f"signature{where}; only validation data (DSS, document time stamps) may follow it")
        elif modified:
            what = {"FORM_FILLING": "form fields or a visible signature stamp were added or filled in",
                    "ANNOTATIONS": "annotations (marks over the pages) were added or changed"}.get(
                level, "pages, data or document information were changed")
            problems.append(f"{sig.field_name}: the document was changed after signing ({what})")
    if assessor is None:
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

    main = infos[assessor] if assessor is not None else None
    signed = main is not None
    others = [x for k, x in enumerate(infos) if k != assessor and x.kind == "signature"]
    return VerificationResult(
        path=path, signed=signed,
        intact=signed and all(i.intact for i in infos),
        valid=signed and all(i.valid for i in infos),
        trusted=main is not None and main.trusted,
        signer=main.signer if main else "", signer_organisation=main.signer_organisation if main else "",
        signing_time=main.signing_time if main else None, subfilter=main.subfilter if main else "",
        covers_whole_file=signed and not others and not any(i.modified_after for i in infos),
        report_id=report_id, printed_hash=printed, data_hash=data_hash, data_matches=matches,
        problems=problems, signatures=infos, data=payload,
        signer_certificate=signer_der if main and main.certificate_sha256 else None, embedded=files)


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
