"""Stored score summaries: the list of assessments in one query, each row with the key of the data
its score depends on (the plant's sector and region, the period, every stored value) and the score
summary kept for it (table ``score_summaries``, migration 10) with the data and editions keys it was
computed from. The services rescore a row whose keys no longer match and store the result."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import sqlite_utils

OVERVIEW_SQL = """
SELECT a.id, a.plant_id, p.name AS plant_name, p.sector, a.period, a.revision, a.status,
       a.assessor_name AS assessor, s.data_key, s.editions_key, s.grade, s.score_index,
       p.sector || char(31) || p.key_region || char(31) || p.region || char(31) || a.period || char(30) ||
       coalesce((SELECT group_concat(field_id || char(31) || value || char(31) || unit, char(30))
                 FROM (SELECT field_id, value, unit FROM field_values f
                       WHERE f.assessment_id = a.id ORDER BY field_id)), '') AS data
FROM assessments a
JOIN plants p ON p.id = a.plant_id
LEFT JOIN score_summaries s ON s.assessment_id = a.id
ORDER BY p.name, a.period, a.revision
"""


def overview_rows(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every assessment with its plant, status, stored summary (or none) and current data key."""
    cur = db.execute(OVERVIEW_SQL)
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        r = dict(zip(names, row, strict=True))
        r["current_key"] = hashlib.sha256(r.pop("data").encode("utf-8", "surrogatepass")).hexdigest()
        out.append(r)
    return out


def store(db: sqlite_utils.Database, rows: Iterable[tuple[int, str, str, str | None, float | None]]) -> None:
    """Keep (assessment id, data key, editions key, grade, index) summaries, in one transaction."""
    rows = list(rows)
    if not rows:
        return
    wait = db.conn.execute("PRAGMA busy_timeout").fetchone()[0]
    db.conn.execute("PRAGMA busy_timeout=0")  # a cache: never wait for another program's write lock
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    finally:
        db.conn.execute(f"PRAGMA busy_timeout={int(wait)}")
    try:
        db.conn.executemany(
            "INSERT INTO score_summaries (assessment_id, data_key, editions_key, grade, score_index) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(assessment_id) DO UPDATE SET data_key = excluded.data_key, "
            "editions_key = excluded.editions_key, grade = excluded.grade, score_index = excluded.score_index",
            rows)
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
