"""Assessments in the database: import, export, overview, edits — shared by the CLI and the GUI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alassess.domain import circular
from alassess.domain.assessment import Assessment
from alassess.services.files import load_assessment_file, save_assessment_file
from alassess.store import repo
from alassess.store.db import default_path, open_db


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


def overview(db_path: str | Path) -> list[dict[str, Any]]:
    """Every assessment with its plant, status and current grade (for lists and the GUI tree)."""
    db = open_db(db_path, write=False)
    try:
        rows = repo.list_assessments(db)
        out = []
        for r in rows:
            a = repo.load_assessment(db, r["id"], with_ledger=False)
            res = circular.score(a)
            out.append({"id": r["id"], "plant_id": r["plant_id"], "plant_name": r["plant_name"],
                        "sector": r["sector"], "period": r["period"], "revision": r["revision"],
                        "status": r["status"], "assessor": r["assessor_name"],
                        "grade": res.grade if res else None, "index": float(res.index) if res else None})
        return out
    finally:
        db.conn.close()
