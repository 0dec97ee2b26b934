"""Reports: build, sign, verify — shared by the CLI and the GUI.

* ``build_report(assessment, lang, db_path=None) -> bytes``: the PDF with the assessment file
  (DOMAIN §8) embedded as ``assessment.json``; its SHA-256 and the report id are printed on every
  page and kept in the file's description and the document keywords.
* ``sign_pdf(pdf, identity_path, passphrase) -> bytes``: a PAdES signature with a visible stamp on
  the signature page.
* ``verify_pdf(path_or_bytes, trust_dir=None) -> VerificationResult``.
* ``issue_report(...)``: what ``alassess report`` does — build, optionally sign, write the file
  atomically, and for a stored assessment record the report and mark a signed one as signed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from alassess.domain.assessment import Assessment
from alassess.domain.errors import InputError
from alassess.services.files import assessment_bytes, atomic_write
from alassess.signing.identities import (  # noqa: F401 (re-exported for the GUI)
    CertInfo,
    cert_info,
    check_can_sign,
    create_identity,
    import_identity,
    load_identity,
    read_passphrase_file,
)
from alassess.signing.verify import VerificationResult, verify_pdf  # noqa: F401 (re-exported)

STAMP_TEXT = "签名人 Signer: %(signer)s\n时间 Time: %(ts)s\n报告编号 Report: %(report_id)s"
_RID = re.compile(r"report-id:\s*([A-Za-z0-9-]+)")


def new_report_id(data_sha256: str, when: _dt.datetime) -> str:
    salt = os.urandom(8).hex()
    digest = hashlib.sha256(f"{data_sha256}|{when.isoformat()}|{salt}".encode()).hexdigest()
    return f"AR-{when.strftime('%Y%m%d')}-{digest[:8].upper()}"


@lru_cache(maxsize=1)
def _font() -> tuple[str, str]:
    from alassess.reports import fonts

    return fonts.register_fonts(), str(fonts.font_path())


def _text_filter():
    """Characters the bundled font cannot draw become '?' (the exact text stays in the embedded data)."""
    from alassess.reports import fonts

    @lru_cache(maxsize=4096)
    def clean(text: str) -> str:
        missing = set(fonts.missing_glyphs(text))
        if not missing:
            return text
        return "".join("?" if ch in missing else ch for ch in text)

    return clean


def history_for(db_path: str | Path, a: Assessment) -> list[Any]:
    """The plant's periods stored in the database (latest revision each), with this assessment's
    own period taken from ``a``; for the trend charts."""
    from alassess.domain import circular
    from alassess.reports.report import HistoryPoint
    from alassess.store import repo
    from alassess.store.db import open_db

    def point(x: Assessment) -> HistoryPoint:
        r = circular.score(x)
        if r is None:
            return HistoryPoint(x.period, None, None, {})
        return HistoryPoint(x.period, float(r.index), r.grade,
                            {i.id: float(round(i.score, 2)) for i in r.indicators})

    points: dict[str, HistoryPoint] = {}
    if db_path and Path(db_path).exists():
        db = open_db(db_path)
        try:
            pid = repo.find_plant(db, a.plant)
            if pid is not None:
                latest: dict[str, int] = {}
                for row in repo.list_assessments(db, pid):
                    latest[row["period"]] = row["id"]  # ordered by revision: the last wins
                for period, aid in latest.items():
                    points[period] = point(repo.load_assessment(db, aid, with_ledger=False))
        finally:
            db.conn.close()
    points[a.period] = point(a)
    return [points[k] for k in sorted(points)]


def build_report(assessment: Assessment, lang: str = "zh", db_path: str | Path | None = None, *,
                 report_id: str | None = None, now: _dt.datetime | None = None) -> bytes:
    """The report PDF with the assessment data embedded (unsigned)."""
    from alassess.reports import report
    from alassess.services import scoring
    from alassess.signing.attachments import ASSESSMENT_NAME, attach

    lang = "zh" if lang == "zh" else "en"
    data = assessment_bytes(assessment)
    data_hash = hashlib.sha256(data).hexdigest()
    now = now or _dt.datetime.now(_dt.UTC)
    report_id = report_id or new_report_id(data_hash, now)
    font_name, _ = _font()
    inp = report.ReportInput(
        assessment=assessment, result=scoring.evaluate(assessment, lang), lang=lang, report_id=report_id,
        data_sha256=data_hash, created=now, history=history_for(db_path, assessment) if db_path else [],
        font_name=font_name, text_filter=_text_filter())
    pdf = report.render(inp)
    desc = f"AlAssess assessment data (DOMAIN format alassess.assessment v1); report-id: {report_id}; SHA-256: {data_hash}"
    return attach(pdf, ASSESSMENT_NAME, data, desc)


def report_id_of(pdf: bytes) -> str:
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    from alassess.signing.attachments import ASSESSMENT_NAME, description_of

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        m = _RID.search(description_of(reader, ASSESSMENT_NAME) or "")
    except Exception:
        m = None
    return m.group(1) if m else "—"


def sign_pdf(pdf: bytes, identity_path: str | Path, passphrase: bytes, *, location: str = "") -> bytes:
    """Sign a report built by :func:`build_report` (PAdES, visible stamp on the signature page)."""
    from alassess.reports.report import SIGNATURE_BOX
    from alassess.signing import sign

    _, font_path = _font()
    rid = report_id_of(pdf)
    stamp = sign.StampSpec(page=-1, box=SIGNATURE_BOX, font_path=font_path, text=STAMP_TEXT,
                           params={"report_id": rid}, font_size=9)
    return sign.sign_pdf(pdf, identity_path, passphrase, stamp,
                         reason=f"AlAssess assessment report {rid}", location=location)


@dataclass
class IssuedReport:
    path: str
    report_id: str
    data_sha256: str
    pdf_sha256: str
    pages: int
    signed: bool
    signer: str
    assessment_id: int | None


def _page_count(pdf: bytes) -> int:
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


def issue_report(*, out: str | Path, lang: str = "zh", file: str | Path | None = None,
                 db_path: str | Path | None = None, assessment_id: int | None = None,
                 identity: str | Path | None = None, passphrase: bytes | None = None,
                 sign: bool = False) -> IssuedReport:
    """Build (and sign) a report from a file or a stored assessment, write it, record it."""
    from alassess.services import records
    from alassess.services.files import load_assessment_file
    from alassess.signing.identities import resolve_identity

    ident_path = None
    signer = ""
    cert_sha = ""
    if sign:
        if identity is None or passphrase is None:
            raise InputError("report_sign_needs_identity", "--sign")
        ident_path = resolve_identity(identity)
        ident = load_identity(ident_path, passphrase)  # fail fast: wrong passphrase before any work
        check_can_sign(ident.cert)
        info = cert_info(ident.cert)
        signer, cert_sha = info.common_name or info.subject, info.sha256
    if file is not None:
        a = load_assessment_file(file)
    elif db_path is not None and assessment_id is not None:
        a = records.load(db_path, assessment_id)
    else:
        raise InputError("report_source_required", None)
    pdf = build_report(a, lang, db_path)
    if sign:
        pdf = sign_pdf(pdf, ident_path, passphrase)
    atomic_write(out, pdf)
    data_hash = hashlib.sha256(assessment_bytes(a)).hexdigest()
    rid = report_id_of(pdf)
    pdf_hash = hashlib.sha256(pdf).hexdigest()
    if assessment_id is not None and db_path is not None and file is None:
        from alassess.store import repo
        from alassess.store.db import open_db

        db = open_db(db_path)
        try:
            repo.record_report(db, assessment_id, report_id=rid, pdf_sha256=pdf_hash, data_sha256=data_hash,
                               lang=lang, signer=signer, signer_cert_sha256=cert_sha, mark_signed=sign)
        finally:
            db.conn.close()
    return IssuedReport(str(out), rid, data_hash, pdf_hash, _page_count(pdf), sign, signer, assessment_id)
