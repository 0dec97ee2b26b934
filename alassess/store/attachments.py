"""Evidence attachments (photos, scans, PDFs) per assessment and, optionally, per field.

The database keeps one row per attachment (assessment, field or none, file name, media type, size,
SHA-256, when and by whom); the bytes live in a content-addressed folder next to the database,
``attachments/<first two hex digits>/<sha256>``. Why files and not BLOBs in the database: photos
are large (a few MB each), and the database is copied whole by every rotating backup and read
whole by the integrity check on open; with the bytes outside, backups and start-up stay fast and
small while the files themselves — immutable, named by their hash — need no copying at all. A file
is written (atomically, synced) *before* the row that refers to it is committed, so a crash leaves
at most an unreferenced file, never a row without its file. Files are never deleted when an
attachment is removed: older backups, revisions and bundles may still refer to them.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
from pathlib import Path
from typing import Any

import sqlite_utils

from alassess import standards
from alassess.domain import fields as _fields
from alassess.domain.assessment import DROSS_KEYS
from alassess.domain.errors import InputError, NotFoundError
from alassess.fileio import atomic_write
from alassess.store import audit, repo

MAX_BYTES = 50 * 1024 * 1024  # one attachment: a phone photo or a scanned document, with room to spare
FOLDER = "attachments"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def db_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind the connection (``None`` for an in-memory database)."""
    for _seq, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def store_dir(db: sqlite_utils.Database) -> Path:
    path = db_file(db)
    if path is None:
        raise RuntimeError("attachments need a database file")
    return path.parent / FOLDER


def blob_path(folder: Path, sha256: str) -> Path:
    if not _HEX64.match(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return folder / sha256[:2] / sha256


def clean_name(name: str) -> str:
    """A safe file name (no path, no control characters), or an :class:`InputError`."""
    raw = name
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if not name or name in (".", "..") or _CONTROL.search(name) or len(name.encode("utf-8")) > 200:
        raise InputError("attachment_bad_name", None, name=raw[:80])
    return name


def media_type(name: str, data: bytes) -> str:
    for magic, kind in ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"),
                        (b"%PDF-", "application/pdf"), (b"GIF8", "image/gif")):
        if data.startswith(magic):
            return kind
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def check_field(field_id: str | None) -> str | None:
    """The stored name of the field an attachment is for (``dross.requirements.<id>`` is stored as
    ``dross.req.<id>``, see :func:`alassess.store.repo.stored_field`)."""
    if field_id in (None, ""):
        return None
    assert field_id is not None
    if field_id in _fields.catalogue():
        return field_id
    stored = repo.stored_field(field_id)
    if stored.startswith(repo.DROSS_REQ_PREFIX):
        if stored[len(repo.DROSS_REQ_PREFIX):] in {r["id"] for r in standards.load("dross")["requirements"]}:
            return stored
    elif stored.startswith(repo.DROSS_PREFIX):
        key = stored[len(repo.DROSS_PREFIX):]
        if key in DROSS_KEYS:
            return stored
    raise InputError("attachment_bad_field", None, key=field_id)


def put_blob(folder: Path, data: bytes) -> str:
    """Store bytes content-addressed (atomic, synced); returns their SHA-256. Idempotent."""
    sha = hashlib.sha256(data).hexdigest()
    target = blob_path(folder, sha)
    if target.exists() and target.stat().st_size == len(data) and file_sha256(target) == sha:
        return sha
    atomic_write(target, data, sync_dir=True)
    return sha


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def add(db: sqlite_utils.Database, assessment_id: int, file_name: str, data: bytes, *,
        field_id: str | None = None, kind: str | None = None, who: str | None = None) -> int:
    """Attach ``data`` to an assessment (and a field). Returns the attachment id; attaching the same
    bytes to the same place twice returns the existing one."""
    name = clean_name(file_name)
    field_id = check_field(field_id)
    if len(data) > MAX_BYTES:
        raise InputError("attachment_too_large", None, name=name, size=len(data), limit=MAX_BYTES)
    repo.ensure_editable(db, assessment_id)
    sha = put_blob(store_dir(db), data)
    with repo.transaction(db):
        repo.ensure_editable(db, assessment_id)
        return _insert(db, assessment_id, field_id, name, kind or media_type(name, data), len(data), sha, who=who)


def _insert(db: sqlite_utils.Database, assessment_id: int, field_id: str | None, name: str, kind: str, size: int,
            sha: str, *, who: str | None) -> int:
    found = db.execute("SELECT id FROM attachments WHERE assessment_id = ? AND ifnull(field_id, '') = ? AND sha256 = ?",
                       [assessment_id, field_id or "", sha]).fetchone()
    if found:
        return found[0]
    att_id = repo.insert_row(db, "attachments", {
        "assessment_id": assessment_id, "field_id": field_id, "file_name": name, "media_type": kind,
        "size": size, "sha256": sha, "added_at": repo.now(), "added_by": audit.actor(who)})
    audit.record(db, assessment_id, f"@attachment:{att_id}", None, audit.attachment_text(sha, field_id, name), who=who)
    return att_id


def remove(db: sqlite_utils.Database, attachment_id: int, *, who: str | None = None) -> None:
    with repo.transaction(db):
        row = get(db, attachment_id)
        repo.ensure_editable(db, row["assessment_id"])
        db.execute("DELETE FROM attachments WHERE id = ?", [attachment_id])
        audit.record(db, row["assessment_id"], f"@attachment:{attachment_id}",
                     audit.attachment_text(row["sha256"], row["field_id"], row["file_name"]), None, who=who)


def get(db: sqlite_utils.Database, attachment_id: int) -> dict[str, Any]:
    try:
        return dict(db.table("attachments").get(attachment_id))
    except sqlite_utils.db.NotFoundError:
        raise NotFoundError("attachment_not_found", None, id=attachment_id) from None


def list_for(db: sqlite_utils.Database, assessment_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM attachments WHERE assessment_id = ? ORDER BY ifnull(field_id, ''), id",
                         [assessment_id]))


def read(db: sqlite_utils.Database, attachment_id: int) -> bytes:
    """The attachment's bytes, checked against its recorded SHA-256."""
    row = get(db, attachment_id)
    return read_blob(store_dir(db), row)


def read_blob(folder: Path, row: dict[str, Any]) -> bytes:
    path = blob_path(folder, row["sha256"])
    try:
        data = path.read_bytes()
    except OSError:
        raise InputError("attachment_damaged", None, id=row["id"], name=row["file_name"]) from None
    if hashlib.sha256(data).hexdigest() != row["sha256"]:
        raise InputError("attachment_damaged", None, id=row["id"], name=row["file_name"])
    return data


def copy_all(db: sqlite_utils.Database, source_id: int, target_id: int, *, who: str | None = None) -> int:
    """Attach everything of ``source_id`` to ``target_id`` too (same bytes, no copy of the files)."""
    n = 0
    with repo.transaction(db):
        for r in list_for(db, source_id):
            _insert(db, target_id, r["field_id"], r["file_name"], r["media_type"], r["size"], r["sha256"], who=who)
            n += 1
    return n


def check_files(db: sqlite_utils.Database) -> list[audit.Problem]:
    """Every attachment's file present and unchanged (for ``audit verify``)."""
    problems: list[audit.Problem] = []
    path = db_file(db)
    if path is None:
        return problems
    folder = path.parent / FOLDER
    for r in db.query("SELECT id, file_name, sha256 FROM attachments ORDER BY id"):
        p = blob_path(folder, r["sha256"])
        if not p.is_file():
            problems.append(audit.Problem("audit_attachment_missing", {"id": r["id"], "name": r["file_name"],
                                                                       "path": str(p)}))
        elif file_sha256(p) != r["sha256"]:
            problems.append(audit.Problem("audit_attachment_altered", {"id": r["id"], "name": r["file_name"]}))
    return problems
