"""Revisions: a signed assessment is never changed; amending it creates revision n + 1.

The new revision is a draft copy of the signed one (values, assessor, attachments, the editions
of the reference data it is scored with) with
``parent_id`` pointing at it; every copied value is written through the store, so the audit log
shows where the revision came from and what changed afterwards. The signed revision stays as it
was, byte for byte (the database's triggers refuse any change to it).
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from alassess.domain.assessment import Assessor
from alassess.domain.errors import StateError
from alassess.store import attachments, repo


def latest_revision(db: sqlite_utils.Database, plant_id: int, period: str) -> tuple[int, int]:
    """(assessment id, revision) of the newest revision of a plant's period."""
    row = db.execute("SELECT id, revision FROM assessments WHERE plant_id = ? AND period = ? "
                     "ORDER BY revision DESC LIMIT 1", [plant_id, period]).fetchone()
    return row[0], row[1]


def amend(db: sqlite_utils.Database, assessment_id: int, *, who: str | None = None) -> int:
    """Create revision n + 1 of a signed assessment (a draft); returns its id. One transaction."""
    with repo.transaction(db):
        src = repo.get_row(db, assessment_id)
        if src.status != "signed":
            raise StateError("amend_not_signed", None, id=assessment_id, status=src.status)
        newest_id, newest_rev = latest_revision(db, src.plant_id, src.period)
        if newest_id != src.id:
            raise StateError("amend_not_latest", None, id=assessment_id, newer=newest_id, revision=newest_rev)
        new_id = repo.create_assessment(db, src.plant_id, src.period,
                                        Assessor(src.assessor_name, src.assessor_organisation),
                                        revision=newest_rev + 1, parent_id=src.id, who=who,
                                        standards=repo.get_standards(db, src.id) or None)
        for fid, value in repo.get_values(db, src.id).items():
            repo.set_value(db, new_id, fid, value, who=who)
        attachments.copy_all(db, src.id, new_id, who=who)
        return new_id


def lineage(db: sqlite_utils.Database, assessment_id: int) -> list[dict[str, Any]]:
    """Every revision of the assessment's plant and period, oldest first."""
    row = repo.get_row(db, assessment_id)
    return list(db.query("SELECT id, revision, parent_id, status, created_at, signed_at FROM assessments "
                         "WHERE plant_id = ? AND period = ? ORDER BY revision", [row.plant_id, row.period]))
