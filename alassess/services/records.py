"""Assessments in the database: import, export, overview, edits — shared by the CLI and the GUI."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from alassess import standards
from alassess.domain import circular
from alassess.domain.assessment import Assessment
from alassess.services.files import load_assessment_file, save_assessment_file
from alassess.store import repo, summaries
from alassess.store.db import default_path, open_db

log = logging.getLogger(__name__)


def default_db_path() -> Path:
    """The user's own database: ``alassess.db`` in the user's data directory."""
    return default_path()


def import_assessment(db_path: str | Path, a: Assessment) -> tuple[int, bool]:
    db = open_db(db_path)
    try:
        return repo.save_assessment(db, a)
    finally:
        db.conn.close()


def import_file(db_path: str | Path, file: str | Path) -> tuple[int, bool]:
    """Validate the whole file first, then store it in one transaction (all or nothing)."""
    a = load_assessment_file(file)
    return import_assessment(db_path, a)


def load(db_path: str | Path, assessment_id: int) -> Assessment:
    db = open_db(db_path, write=False)
    try:
        return repo.load_assessment(db, assessment_id)
    finally:
        db.conn.close()


def export_file(db_path: str | Path, assessment_id: int, out: str | Path) -> Assessment:
    a = load(db_path, assessment_id)
    save_assessment_file(a, out)
    return a


def editions_key() -> str:
    """The key of the standards' editions an assessment is scored with: a stored score summary made
    with another key is recomputed. (The one place that says what "the editions" are.)"""
    text = json.dumps(standards.editions(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def overview(db_path: str | Path) -> list[dict[str, Any]]:
    """Every assessment with its plant, status and current grade (for lists and the GUI tree).

    One query reads the list with each assessment's stored score summary; an assessment whose data
    or editions changed since is rescored and its summary stored again (a database that cannot be
    written, e.g. read-only or busy, is listed all the same, only not stored).
    """
    db = open_db(db_path, write=False)
    try:
        rows = summaries.overview_rows(db)
        editions = editions_key()
        fresh = []
        out = []
        for r in rows:
            if r["data_key"] != r["current_key"] or r["editions_key"] != editions:
                res = circular.score(repo.load_assessment(db, r["id"], with_ledger=False))
                r["grade"] = res.grade if res else None
                r["score_index"] = float(res.index) if res else None
                fresh.append((r["id"], r["current_key"], editions, r["grade"], r["score_index"]))
            out.append({"id": r["id"], "plant_id": r["plant_id"], "plant_name": r["plant_name"],
                        "sector": r["sector"], "period": r["period"], "revision": r["revision"],
                        "status": r["status"], "assessor": r["assessor"],
                        "grade": r["grade"], "index": r["score_index"]})
        if fresh:
            try:
                summaries.store(db, fresh)
            except sqlite3.Error:  # a cache: listing never fails because it cannot be kept
                log.info("score summaries not stored in %s", db_path, exc_info=True)
        return out
    finally:
        db.conn.close()
