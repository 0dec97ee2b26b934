"""Label serial numbers (the last three characters of the 数字识别码), never issued twice.

A serial is unique per unit (the unified social credit code, the first segment of the code), waste
code and date, exactly the segments that precede it in the identification code. Keying by credit
code rather than by plant row means that a plant printed from its assessment file and the same
plant stored in the database share one sequence.

:func:`allocate` reserves N consecutive serials in one ``BEGIN IMMEDIATE`` transaction: two
batches, even from two processes at once, never overlap. Serials reserved for a batch whose PDF is
then not printed are not handed out again (a gap is harmless, a repeat is not).
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from typing import Any

import sqlite_utils

from alassess.domain.errors import AlAssessError, InputError
from alassess.store import faults
from alassess.store.repo import now, transaction


def _check_table(db: sqlite_utils.Database) -> None:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='label_serials'").fetchone()
    if row is None:
        raise AlAssessError("labels_serials_missing", None, path=str(getattr(db.conn, "path", "") or "database"))


def _last(db: sqlite_utils.Database, credit_code: str, waste_code: str, day: str) -> int:
    row = db.execute("SELECT last_serial FROM label_serials WHERE credit_code = ? AND waste_code = ? AND date = ?",
                     [credit_code, waste_code, day]).fetchone()
    return int(row[0]) if row else 0


def last_serial(db: sqlite_utils.Database, credit_code: str, waste_code: str, day: _dt.date | str) -> int:
    """The last serial issued (0 when none)."""
    _check_table(db)
    return _last(db, credit_code, waste_code, str(day))


def allocate(db: sqlite_utils.Database, credit_code: str, waste_code: str, day: _dt.date | str, count: int, *,
             max_serial: int = 999, copies_per_serial: int = 1, plant_id: int | None = None,
             note: str = "") -> range:
    """Reserve ``count`` consecutive serials; returns them as a range (e.g. ``range(4, 14)``)."""
    _check_table(db)
    if count < 1:
        raise InputError("labels_bad_count", "--count", value=count, max=max_serial)
    day_s = str(day)
    try:
        with transaction(db):
            last = _last(db, credit_code, waste_code, day_s)
            if last + count > max_serial:
                raise InputError("labels_serials_exhausted", "--count", code=waste_code, date=day_s, last=last,
                                 count=count, max=max_serial)
            ts = now()
            db.execute("INSERT INTO label_serials (credit_code, waste_code, date, last_serial, updated_at) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (credit_code, waste_code, date) "
                       "DO UPDATE SET last_serial = excluded.last_serial, updated_at = excluded.updated_at",
                       [credit_code, waste_code, day_s, last + count, ts])
            db.execute("INSERT INTO label_batches (credit_code, waste_code, date, first_serial, last_serial, "
                       "copies_per_serial, plant_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [credit_code, waste_code, day_s, last + 1, last + count, copies_per_serial, plant_id, note, ts])
    except sqlite3.OperationalError as exc:  # locked beyond the busy timeout, disk full, read-only
        raise faults.explain(exc) from None
    return range(last + 1, last + count + 1)


def batches(db: sqlite_utils.Database, credit_code: str | None = None) -> list[dict[str, Any]]:
    """The batches issued (newest first), optionally for one unit."""
    _check_table(db)
    if credit_code:
        return list(db.query("SELECT * FROM label_batches WHERE credit_code = ? ORDER BY id DESC", [credit_code]))
    return list(db.query("SELECT * FROM label_batches ORDER BY id DESC"))
