"""The audit trail and revisions, for the CLI and the GUI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alassess.store import attachments, audit, repo, revisions
from alassess.store.db import open_db


def verify(db_path: str | Path) -> audit.Report:
    """Check the log's hash chain, replay it against the data, and check every attachment's file."""
    db = open_db(db_path)
    try:
        report = audit.verify(db)
        report.problems.extend(attachments.check_files(db))
        return report
    finally:
        db.conn.close()


def history(db_path: str | Path, assessment_id: int | None = None) -> list[dict[str, Any]]:
    db = open_db(db_path)
    try:
        if assessment_id is not None:
            repo.get_row(db, assessment_id)
        return audit.history(db, assessment_id)
    finally:
        db.conn.close()


def amend(db_path: str | Path, assessment_id: int, *, who: str | None = None) -> tuple[int, int]:
    """Create revision n + 1 of a signed assessment; returns (new assessment id, its revision)."""
    db = open_db(db_path)
    try:
        new_id = revisions.amend(db, assessment_id, who=who)
        return new_id, repo.get_row(db, new_id).revision
    finally:
        db.conn.close()


def lineage(db_path: str | Path, assessment_id: int) -> list[dict[str, Any]]:
    db = open_db(db_path)
    try:
        return revisions.lineage(db, assessment_id)
    finally:
        db.conn.close()
