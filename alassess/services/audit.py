"""The audit trail and revisions, for the CLI and the GUI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alassess.domain.errors import InputError
from alassess.services.bundles import read_file
from alassess.store import attachments, audit, backup, bundle, repo, revisions
from alassess.store.db import open_db


def verify(db_path: str | Path, anchors: Sequence[str | Path] = ()) -> audit.Report:
    """Check the log's hash chain, replay it against the data, and check every attachment's file;
    with ``anchors`` (signed reports, bundles made from this database), also that the log still
    holds the head each of them quotes (a consistent rewrite of the log is found this way)."""
    quoted = [(str(p), read_anchor(p)) for p in anchors]  # bad input before the database is opened
    if str(db_path) != ":memory:":
        backup.check_now(db_path)  # the integrity check runs on demand, here
    db = open_db(db_path, write=False)
    try:
        report = audit.verify(db)
        report.problems.extend(attachments.check_files(db))
        here = bundle.database_id(db)
        for source, found in quoted:
            if found.get("database_id") != here:
                raise InputError("audit_anchor_other_db", None, source=source,
                                 found=str(found.get("database_id", "?"))[:40], here=here)
            report.problems.extend(audit.check_anchor(db, found, source))
        return report
    finally:
        db.conn.close()


def read_anchor(path: str | Path) -> dict[str, Any]:
    """The audit anchor a signed report (``.pdf``; it must verify) or a bundle quotes."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        # deferred: start-up time: pyHanko loads only when a signed report is given as an anchor
        from alassess.signing.verify import verify_pdf

        r = verify_pdf(path)
        if not r.ok:
            raise InputError("audit_anchor_report_invalid", None, source=str(path), status=r.status)
        body = r.embedded.get(audit.ANCHOR_NAME)
        if body is None:
            raise InputError("audit_anchor_none", None, source=str(path))
        try:
            found = json.loads(body)
        except ValueError:
            found = None
    else:
        found = read_file(path).manifest.get("audit_anchor")
        if not found:
            raise InputError("audit_anchor_none", None, source=str(path))
    if not isinstance(found, dict):
        raise InputError("audit_anchor_none", None, source=str(path))
    return found


def history(db_path: str | Path, assessment_id: int | None = None,
            plant_id: int | None = None) -> list[dict[str, Any]]:
    db = open_db(db_path, write=False)
    try:
        if assessment_id is not None:
            repo.get_row(db, assessment_id)
        if plant_id is not None:
            repo.get_plant(db, plant_id)
        return audit.history(db, assessment_id, plant_id)
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
    db = open_db(db_path, write=False)
    try:
        return revisions.lineage(db, assessment_id)
    finally:
        db.conn.close()
