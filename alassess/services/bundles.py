"""Offline hand-over: export one assessment as a ``.alassess`` bundle, import one into a database."""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from alassess import __version__
from alassess.domain.errors import InputError
from alassess.services.files import assessment_bytes, atomic_write
from alassess.signing.verify import verify_pdf
from alassess.store import attachments, audit, bundle, repo
from alassess.store.bundle import BundleConflict
from alassess.store.db import open_db

__all__ = ["BundleConflict", "export_bundle", "import_bundle", "read_file"]


def _zip_info(name: str, when: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def export_bundle(db_path: str | Path, assessment_id: int, out: str | Path, *, who: str | None = None) -> dict[str, Any]:
    """Write the bundle (atomically); returns its manifest. Records the exchange in the database."""
    db = open_db(db_path)
    try:
        a = repo.load_assessment(db, assessment_id)
        doc_bytes = assessment_bytes(a)
        doc = json.loads(doc_bytes)
        now = _dt.datetime.now(_dt.UTC)
        manifest, atts = bundle.build_manifest(db, assessment_id, doc, created=now.isoformat(timespec="seconds"),
                                               created_by=audit.actor(who), application=f"alassess {__version__}")
        folder = attachments.store_dir(db)
        files: dict[str, bytes] = {bundle.ASSESSMENT: doc_bytes}
        if manifest["assessment"]["status"] == "signed":
            pdf = repo.signed_report_pdf(db, assessment_id)
            if pdf is not None:  # the proof of the status (assessments signed by earlier versions have none)
                files[bundle.REPORT] = pdf
        for t in atts:
            if not any(n.startswith(f"attachments/{t['sha256']}") for n in files):
                suffix = Path(t["file_name"]).suffix
                suffix = suffix if suffix[1:].isascii() and suffix[1:].isalnum() and len(suffix) <= 11 else ""
                files[f"attachments/{t['sha256']}{suffix}"] = attachments.read_blob(
                    folder, {"id": "-", "file_name": t["file_name"], "sha256": t["sha256"]})
        manifest["entries"] = [{"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                               for n, b in files.items()]
        when = now.timetuple()[:6]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(_zip_info(bundle.MANIFEST, when),
                        json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
            for name, body in files.items():
                zf.writestr(_zip_info(name, when), body)
        data = buf.getvalue()
        if len(data) > bundle.MAX_TOTAL_BYTES:
            raise InputError("bundle_too_large", None, name=str(out), limit=bundle.MAX_TOTAL_BYTES)
        atomic_write(out, data)
        with repo.transaction(db):
            bundle.record_exchange(db, assessment_id, "export", manifest["assessment"]["content_sha256"],
                                   bundle_sha256=hashlib.sha256(data).hexdigest(), who=who)
        return manifest
    finally:
        db.conn.close()


def read_file(path: str | Path) -> bundle.Bundle:
    """Read and check a bundle file completely (nothing written anywhere)."""
    path = Path(path)
    try:
        if path.stat().st_size > bundle.MAX_TOTAL_BYTES:
            raise InputError("bundle_too_large", None, name=str(path), limit=bundle.MAX_TOTAL_BYTES)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file_not_found", None, path=str(path)) from None
    except IsADirectoryError:
        raise InputError("file_unreadable", None, path=str(path), reason="is a directory") from None
    except OSError as exc:
        raise InputError("file_unreadable", None, path=str(path), reason=exc.strerror or str(exc)) from None
    return bundle.read_bundle(data, str(path))


def import_bundle(path: str | Path, db_path: str | Path, *, as_new_revision: bool = False,
                  who: str | None = None) -> bundle.Outcome:
    """Check the whole bundle, then import it in one transaction (see :mod:`alassess.store.bundle`).

    Raises ``InputError`` for a bad bundle and ``BundleConflict`` when the assessment was changed
    here and in the bundle; in both cases the database is unchanged.
    """
    b = read_file(path)
    if b.info["status"] == "signed":
        b.report = check_signed_report(b)
    db = open_db(db_path)
    try:
        return bundle.apply(db, b, as_new_revision=as_new_revision, who=who)
    finally:
        db.conn.close()


def check_signed_report(b: bundle.Bundle) -> dict[str, Any]:
    """A bundle's "signed" status is accepted only with the signed report inside it: the signature
    must verify (intact, valid, nothing but validation data after it, data matching the printed
    hash; trust is the office's separate decision) and the data embedded in the report must be the
    bundle's assessment (the same content digest). Otherwise the bundle is refused, saying why."""
    assert b.report_pdf is not None  # read_bundle refuses a signed bundle without it
    try:
        r = verify_pdf(b.report_pdf)
    except InputError as exc:
        raise InputError("bundle_signed_report_invalid", None, reason=exc.message("en")[:300]) from None
    if not r.ok:
        raise InputError("bundle_signed_report_invalid", None, reason="; ".join(r.problems)[:300] or r.status)
    try:
        embedded = json.loads(r.data or b"")
        digest = bundle.content_digest(embedded, "signed", b.info["revision"], b.manifest.get("attachments", []))
    except (ValueError, InputError):
        digest = None
    if digest != b.info["content_sha256"]:
        raise InputError("bundle_signed_report_other_data", None, report=r.report_id or "?")
    return {"report_id": r.report_id or "", "data_sha256": r.data_hash or "", "signer": r.signer,
            "signer_cert_sha256": hashlib.sha256(r.signer_certificate or b"").hexdigest()}
