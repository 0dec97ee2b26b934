"""Evidence attachments, for the CLI and the GUI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alassess.domain.errors import InputError
from alassess.services.files import atomic_write
from alassess.store import attachments, repo
from alassess.store.db import open_db


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > attachments.MAX_BYTES:
            raise InputError("attachment_too_large", None, name=path.name, size=path.stat().st_size,
                             limit=attachments.MAX_BYTES)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("file_not_found", None, path=str(path)) from None
    except IsADirectoryError:
        raise InputError("file_unreadable", None, path=str(path), reason="is a directory") from None
    except OSError as exc:
        raise InputError("file_unreadable", None, path=str(path), reason=exc.strerror or str(exc)) from None


def add_files(db_path: str | Path, assessment_id: int, files: list[Path], *, field_id: str | None = None,
              who: str | None = None) -> list[int]:
    """Attach files (all read and checked first); returns the attachment ids."""
    data = [(Path(f).name, _read(Path(f))) for f in files]
    db = open_db(db_path)
    try:
        return [attachments.add(db, assessment_id, name, blob, field_id=field_id, who=who) for name, blob in data]
    finally:
        db.conn.close()


def add_bytes(db_path: str | Path, assessment_id: int, file_name: str, data: bytes, *,
              field_id: str | None = None, who: str | None = None) -> int:
    db = open_db(db_path)
    try:
        return attachments.add(db, assessment_id, file_name, data, field_id=field_id, who=who)
    finally:
        db.conn.close()


def list_for(db_path: str | Path, assessment_id: int) -> list[dict[str, Any]]:
    db = open_db(db_path, write=False)
    try:
        repo.get_row(db, assessment_id)
        return [{**row, "field_id": repo.public_field(row["field_id"]) if row["field_id"] else row["field_id"]}
                for row in attachments.list_for(db, assessment_id)]
    finally:
        db.conn.close()


def read(db_path: str | Path, attachment_id: int) -> tuple[dict[str, Any], bytes]:
    db = open_db(db_path, write=False)
    try:
        return attachments.get(db, attachment_id), attachments.read(db, attachment_id)
    finally:
        db.conn.close()


def extract(db_path: str | Path, attachment_id: int, out: str | Path) -> Path:
    """Write the attachment to ``out`` (a file, or a folder to put it in under its own name)."""
    row, data = read(db_path, attachment_id)
    out = Path(out)
    target = out / row["file_name"] if out.is_dir() else out
    atomic_write(target, data)
    return target


def extract_all(db_path: str | Path, assessment_id: int, folder: str | Path) -> list[Path]:
    folder = Path(folder)
    out = []
    for row in list_for(db_path, assessment_id):
        sub = folder / (row["field_id"] or "_assessment")
        sub.mkdir(parents=True, exist_ok=True)
        out.append(extract(db_path, row["id"], sub / f"{row['id']}-{row['file_name']}"))
    return out


def remove(db_path: str | Path, attachment_id: int, *, who: str | None = None) -> None:
    db = open_db(db_path)
    try:
        attachments.remove(db, attachment_id, who=who)
    finally:
        db.conn.close()
