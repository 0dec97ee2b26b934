"""Reports: build, sign, verify — shared by the CLI and the GUI.

* :func:`make_report` — the PDF of an assessment with the assessment file (format
  ``alassess.assessment`` v1) embedded as ``assessment.json``; its SHA-256 and the report id are
  printed on every page and kept in the attachment's description and the document keywords.
  :func:`build_report` is the same as bytes, with the trend read from a database.
* :func:`stored_report` — the report of a stored assessment, made from the document the database
  holds: the GUI's preview is this, and :func:`issue_report` saves (and signs) this, so the
  preview, the saved and the signed copy are one report with one id (the signed copy is the
  preview's bytes plus the signature).
* :func:`sign_report` — a PAdES signature with a visible stamp on the signature page.
* :func:`issue_report` — what ``alassess report`` does: build, optionally sign, write the file,
  and for a stored assessment record the report (a signed one marks the assessment signed).
* :func:`verify_pdf` (re-exported) — signature, trust, and the embedded data against the hash.

The report draws what :func:`alassess.services.scoring.evaluate` returns; the trend over periods
comes from :func:`history_for` (scores of the plant's stored periods).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from alassess import catalogue, standards
from alassess.domain import circular
from alassess.domain.assessment import Assessment
from alassess.domain.errors import InputError
from alassess.fileio import discard, write_temp
from alassess.services import records, scoring
from alassess.services.files import assessment_bytes, load_assessment_file_bytes, names_its_editions
from alassess.signing.attachments import attach
from alassess.signing.identities import (  # noqa: F401 (re-exported for the GUI)
    CertInfo,
    LoadedIdentity,
    cert_info,
    check_can_sign,
    create_identity,
    fingerprint_text,
    import_identity,
    load_identity,
    read_passphrase_file,
    resolve_identity,
)
from alassess.signing.verify import VerificationResult, verify_pdf  # noqa: F401 (re-exported)
from alassess.store import audit, repo
from alassess.store.db import open_db


def report_id_for(data_sha256: str, lang: str, when: _dt.datetime, source: str = "") -> str:
    """``AR-yyyymmdd-XXXXXXXX``: the report date and 8 hex digits of the data's hash, the language,
    the date and ``source`` (the stored assessment, when the report is made from one). The same
    data reported on the same day in the same language is the same report: its preview, saved and
    signed copies carry one id; other data, another day or another language is another report."""
    day = when.strftime("%Y%m%d")
    digest = hashlib.sha256(f"{data_sha256}|{lang}|{day}|{source}".encode()).hexdigest()
    return f"AR-{day}-{digest[:8].upper()}"


def _report_lang(lang: str) -> str:
    """The report's language: Chinese or English (anything else reads as English)."""
    return lang if lang in catalogue.LANGS else "en"


def report_time(now: _dt.datetime | None = None) -> _dt.datetime:
    """The creation time of a report (UTC, whole seconds: the PDF's dates have no finer grain)."""
    return (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC).replace(microsecond=0)


@lru_cache(maxsize=1)
def _text_filter() -> Callable[[str], str]:
    """Characters the bundled font cannot draw become '?' (the exact text stays in the embedded data)."""
    # deferred: reportlab and pyHanko load only when a report is drawn or signed (start-up time)
    from alassess.reports import fonts

    @lru_cache(maxsize=4096)
    def clean(text: str) -> str:
        missing = set(fonts.missing_glyphs(text))
        if not missing:
            return text
        return "".join("?" if ch in missing else ch for ch in text)

    return clean


def history_for(db_path: str | Path | None, a: Assessment) -> list[Any]:
    """The plant's periods stored in the database (latest revision of each), with this
    assessment's own period taken from ``a``; for the trend chart and table."""
    # deferred: reportlab and pyHanko load only when a report is drawn or signed (start-up time)
    from alassess.reports.report import HistoryPoint

    def point(x: Assessment) -> HistoryPoint:
        ce = circular.to_json(circular.score(x), "en")
        if not ce:
            return HistoryPoint(x.period, None, None, {})
        return HistoryPoint(x.period, ce.get("index"), ce.get("grade"),
                            {i["id"]: i.get("score") for i in ce.get("indicators") or []})

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
                    if period != a.period:
                        points[period] = point(repo.load_assessment(db, aid, with_ledger=False))
        finally:
            db.conn.close()
    points[a.period] = point(a)
    return [points[k] for k in sorted(points)]


@dataclass
class BuiltReport:
    pdf: bytes
    report_id: str
    data_sha256: str
    pages: int
    lang: str
    created: _dt.datetime


def build_report(assessment: Assessment, lang: str = "zh", db_path: str | Path | None = None, *,
                 report_id: str | None = None, now: _dt.datetime | None = None) -> bytes:
    """The unsigned report PDF of ``assessment`` as given (with the plant's stored periods from
    ``db_path`` for the trend). A stored assessment's preview is :func:`stored_report`."""
    history = history_for(db_path, assessment) if db_path else []
    return make_report(assessment, lang, history, report_id=report_id, now=now).pdf


def make_report(assessment: Assessment, lang: str = "zh", history: list[Any] | None = None, *,
                data: bytes | None = None, report_id: str | None = None,
                now: _dt.datetime | None = None, source: str = "") -> BuiltReport:
    """The report PDF with the assessment data embedded (unsigned).

    ``data`` is the assessment file to embed: the file the report was made from, byte for byte
    (when it names its editions of the reference data); by default the assessment as ``alassess
    export`` writes it (which names them). ``now`` is the report's creation time (default: now);
    the same inputs and time give the same bytes. Time-dependent results (dross deadlines, storage
    time) are evaluated as of the report's date."""
    # deferred: reportlab and pyHanko load only when a report is drawn or signed (start-up time)
    from alassess.reports import fonts, report
    from alassess.signing.attachments import ASSESSMENT_NAME, attach

    lang = _report_lang(lang)
    data = assessment_bytes(assessment) if data is None else data
    data_hash = hashlib.sha256(data).hexdigest()
    now = report_time(now)
    report_id = report_id or report_id_for(data_hash, lang, now, source)
    evaluation = scoring.assess(assessment, as_of=now.astimezone().date())
    inp = report.ReportInput(
        assessment=assessment, result=evaluation.to_json(lang), evaluation=evaluation, lang=lang, report_id=report_id,
        data_sha256=data_hash, created=now, history=list(history or []), font_name=fonts.register_fonts(),
        text_filter=_text_filter())
    with standards.using(assessment.standards):  # the method section reads the assessment's editions
        pdf, pages = report.render(inp)
    desc = f"AlAssess assessment data (alassess.assessment v1); report-id: {report_id}; SHA-256: {data_hash}"
    return BuiltReport(attach(pdf, ASSESSMENT_NAME, data, desc, when=now), report_id, data_hash, pages, lang, now)


def stored_report(db_path: str | Path, assessment_id: int, lang: str = "zh", *,
                  now: _dt.datetime | None = None) -> BuiltReport:
    """The report of the stored assessment ``assessment_id``, made from the document the database
    holds (not from what a window has in memory), with the plant's stored periods for the trend.
    The preview and the issued report are both this, with the database's audit-log head embedded;
    ``now`` (the preview's ``created``) makes a new build the preview's report (same id and pages)."""
    a = records.load(db_path, assessment_id)
    built = make_report(a, lang, history_for(db_path, a), now=now, source=f"assessment:{assessment_id}")
    return _with_audit_anchor(built, db_path)


def sign_report(built: BuiltReport, identity: LoadedIdentity, *, location: str = "") -> bytes:
    """Sign a report made by :func:`make_report` (PAdES, visible stamp on the signature page)."""
    # deferred: reportlab and pyHanko load only when a report is drawn or signed (start-up time)
    from alassess.reports.report import SIGNATURE_BOX
    from alassess.reports.stamp import draw_stamp
    from alassess.signing import sign

    info = cert_info(identity.cert)

    def word(key: str) -> str:
        return catalogue.text(f"report.stamp.{key}", built.lang)

    x1, y1, x2, y2 = SIGNATURE_BOX
    clean = _text_filter()
    name = info.common_name or info.subject

    def draw(when: _dt.datetime) -> bytes:
        lines = [(word("signer"), clean(name))]
        if info.organisation:
            lines.append((word("organisation"), clean(info.organisation)))
        lines += [(word("time"), when.strftime("%Y-%m-%d %H:%M:%S %z")),
                  (word("report"), built.report_id),
                  (word("cert"), "SHA-256 " + fingerprint_text(info.sha256)[:29] + " …")]
        return draw_stamp(x2 - x1, y2 - y1, word("title"), lines)

    stamp = sign.StampSpec(page=-1, box=SIGNATURE_BOX, draw=draw)
    return sign.sign_pdf(built.pdf, identity, stamp, reason=f"AlAssess assessment report {built.report_id}",
                         location=location, signer_name=f"{name} ({info.organisation})" if info.organisation else name)


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


def check_out_path(out: str | Path, option: str = "--out") -> Path:
    """An output path that can be written: a file name the file system takes, in a folder (not a
    folder itself), or :class:`InputError` naming the option."""
    path = Path(out)
    name = path.name
    if not name or len(name.encode("utf-8", "surrogatepass")) > 240 or "\0" in str(path):
        raise InputError("file_unwritable", option, path=str(path)[:200], reason="not a usable file name")
    try:
        if path.is_dir():
            raise InputError("file_unwritable", option, path=str(path), reason="is a folder")
    except OSError as exc:
        raise InputError("file_unwritable", option, path=str(path)[:200], reason=exc.strerror or str(exc)) from None
    return path


def _write_new(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path`` (synced); the caller renames it."""
    try:
        if path.is_dir():
            raise InputError("file_unwritable", "--out", path=str(path), reason="is a folder")
        return write_temp(path, data)
    except OSError as exc:
        raise InputError("file_unwritable", "--out", path=str(path), reason=exc.strerror or str(exc)) from None


def _with_audit_anchor(built: BuiltReport, db_path: str | Path) -> BuiltReport:
    """The report with the database's audit-log head embedded (``audit-anchor.json``), inside what
    the signature covers: ``alassess audit verify --db DB REPORT.pdf`` later finds a rewritten log."""
    db = open_db(db_path)
    try:
        found = audit.anchor(db)
    finally:
        db.conn.close()
    body = json.dumps(found, sort_keys=True).encode("utf-8")
    desc = f"AlAssess audit-log head: entry {found['entry']}, SHA-256 {found['hash']}"
    return dataclasses.replace(built, pdf=attach(built.pdf, audit.ANCHOR_NAME, body, desc, when=built.created))


def _current(preview: BuiltReport | None, db_path: str | Path, assessment_id: int, lang: str) -> BuiltReport | None:
    """``preview`` when it is the report of the stored document as it is now, in ``lang``."""
    if preview is None or preview.lang != _report_lang(lang):
        return None
    stored = hashlib.sha256(assessment_bytes(records.load(db_path, assessment_id))).hexdigest()
    return preview if stored == preview.data_sha256 else None


def _signing_identity(identity: str | Path | None, passphrase: bytes | None) -> LoadedIdentity:
    if identity is None or passphrase is None:
        raise InputError("report_sign_needs_identity", "--sign")
    ident = load_identity(resolve_identity(identity), passphrase)
    check_can_sign(ident.cert)
    return ident


def _record(db_path: str | Path, assessment_id: int, built: BuiltReport, pdf: bytes, signer: str,
            cert_sha: str, sign: bool) -> None:
    """Record the issued report (a signed one with its PDF, which bundles carry)."""
    pdf_hash = hashlib.sha256(pdf).hexdigest()
    db = open_db(db_path)
    try:
        repo.record_report(db, assessment_id, report_id=built.report_id, pdf_sha256=pdf_hash,
                           data_sha256=built.data_sha256, lang=built.lang, signer=signer,
                           signer_cert_sha256=cert_sha, mark_signed=sign, pdf=pdf if sign else None)
    finally:
        db.conn.close()


def issue_report(*, out: str | Path, lang: str = "zh", file: str | Path | None = None,
                 db_path: str | Path | None = None, assessment_id: int | None = None,
                 identity: str | Path | None = None, passphrase: bytes | None = None,
                 sign: bool = False, now: _dt.datetime | None = None,
                 preview: BuiltReport | None = None) -> IssuedReport:
    """Build (and sign) a report from a file or a stored assessment, write it, record it.

    With ``file``, ``db_path`` (if given) only supplies the plant's other periods for the trend.
    With ``db_path`` and ``assessment_id``, the report is :func:`stored_report` (what the preview
    shows): ``preview`` (a :func:`stored_report` of the same assessment) is issued as it is, byte
    for byte, when the stored document and the language are still the ones it shows; it is recorded in
    the database and, when signed, the assessment is marked signed in the same step: the PDF
    appears at ``out`` only once the record is committed, and no record exists without its PDF."""
    check_out_path(out)  # a path that cannot be written is refused before any work
    ident: LoadedIdentity | None = None
    signer = cert_sha = ""
    if sign:
        ident = _signing_identity(identity, passphrase)  # fail fast, before any work
        info = cert_info(ident.cert)
        signer, cert_sha = info.common_name or info.subject, info.sha256
    stored = file is None
    if file is not None:
        a, loaded = load_assessment_file_bytes(file)  # the bytes parsed are the bytes embedded
        # embed the data with the editions it is scored with, so it re-scores the same in years: the
        # export, which names them
        raw = loaded if names_its_editions(loaded) else None
        built = make_report(a, lang, history_for(db_path, a) if db_path else [], data=raw, now=now)
    elif db_path is not None and assessment_id is not None:
        built = _current(preview, db_path, assessment_id, lang) or stored_report(db_path, assessment_id, lang, now=now)
    else:
        raise InputError("report_source_required", None)
    pdf = sign_report(built, ident) if ident is not None else built.pdf
    out = Path(out)
    pdf_hash = hashlib.sha256(pdf).hexdigest()
    tmp = _write_new(out, pdf)
    try:
        if stored and db_path is not None and assessment_id is not None:  # (stored: both were given)
            _record(db_path, assessment_id, built, pdf, signer, cert_sha, sign)
        os.replace(tmp, out)
    except BaseException:
        discard(tmp)
        raise
    return IssuedReport(str(out), built.report_id, built.data_sha256, pdf_hash, built.pages, sign, signer,
                        assessment_id if stored else None)
