"""Dross management tables: ledger rows (bulk and single), receivers, containers, filings, summaries.

Bulk inserts go through ``executemany`` with ``INSERT OR IGNORE`` on the ledger's
``(plant_id, fingerprint)`` key, inside one transaction: a re-import adds nothing, a failure adds
nothing. Summaries aggregate in SQL over the monthly totals that triggers keep (migration 2).

Every change is written to the audit log in its transaction: a record edited by hand as one entry
with the record before and after, rows added in bulk as one entry with their count and digest
(:mod:`alassess.store.audit`).
"""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
from typing import Any

import sqlite_utils

from alassess.domain.errors import NotFoundError
from alassess.store import audit
from alassess.store.repo import (  # noqa: F401 (list_filings, upsert_filing: this module's API too)
    LEDGER_COLUMNS,
    LEDGER_INSERT,
    add_ledger_entries,
    filing_id,
    fingerprint,
    insert_row,
    ledger_rows,
    ledger_values,
    list_filings,
    now,
    receiver_columns,
    transaction,
    upsert_filing,
)

BULK_ROWS = 5000
BULK_CACHE_KIB = -65536  # 64 MiB page cache while a large import runs


def insert_entries(db: sqlite_utils.Database, plant_id: int, entries: list[dict[str, Any]],
                   source: Any = "import", *, who: str | None = None) -> int:
    """Insert validated entries, skipping those already stored; returns how many were added. They
    are logged as one audit entry (count, digest, ``source``), not one per row
    (:func:`alassess.store.repo.add_ledger_entries`, with a larger page cache for a large import).
    """
    if len(entries) <= BULK_ROWS:
        return add_ledger_entries(db, plant_id, entries, source, who=who)
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    # the unique fingerprint index is updated at random places: keep it in memory
    db.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        return add_ledger_entries(db, plant_id, entries, source, who=who)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")


def _row_to_entry(r: dict[str, Any]) -> dict[str, Any]:
    e = {k: r[k] for k in LEDGER_COLUMNS}
    e["quantity_t"] = Decimal(repr(r["quantity_t"]))
    e["id"] = r["id"]
    return e


def get_entry(db: sqlite_utils.Database, plant_id: int, entry_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM dross_ledger WHERE id = ? AND plant_id = ?", [entry_id, plant_id]))
    if not rows:
        raise NotFoundError("dross_entry_not_found", None, id=entry_id)
    return _row_to_entry(rows[0])


def _free_fingerprint(db: sqlite_utils.Database, plant_id: int, e: dict[str, Any], exclude: int | None) -> str:
    n = 1
    while True:
        fp = fingerprint(e, n)
        row = db.execute("SELECT id FROM dross_ledger WHERE plant_id = ? AND fingerprint = ?", [plant_id, fp]).fetchone()
        if row is None or row[0] == exclude:
            return fp
        n += 1


def add_entry(db: sqlite_utils.Database, plant_id: int, e: dict[str, Any], *, who: str | None = None) -> int:
    """One entry typed by hand (an identical earlier row does not block it: it gets the next occurrence)."""
    with transaction(db):
        fp = _free_fingerprint(db, plant_id, e, None)
        cur = db.conn.execute(LEDGER_INSERT, (plant_id, *ledger_values(e), fp, now()))
        entry_id = int(cur.lastrowid)
        audit.log_record(db, "dross_ledger", entry_id, None, who=who)
        return entry_id


def update_entry(db: sqlite_utils.Database, plant_id: int, entry_id: int, e: dict[str, Any], *,
                 who: str | None = None) -> None:
    with transaction(db):
        get_entry(db, plant_id, entry_id)
        fp = _free_fingerprint(db, plant_id, e, entry_id)
        with audit.logged(db, "dross_ledger", entry_id, who=who):
            db.execute("UPDATE dross_ledger SET date=?, code=?, kind=?, movement=?, quantity_t=?, container=?, "
                       "receiver=?, manifest_no=?, note=?, fingerprint=? WHERE id=? AND plant_id=?",
                       [*ledger_values(e), fp, entry_id, plant_id])


def _delete(db: sqlite_utils.Database, table: str, row_id: int, who: str | None) -> None:
    """Delete one record (found already, in the caller's transaction) and log it."""
    with audit.logged(db, table, row_id, who=who):
        db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])


def delete_entry(db: sqlite_utils.Database, plant_id: int, entry_id: int, *, who: str | None = None) -> None:
    with transaction(db):
        get_entry(db, plant_id, entry_id)
        _delete(db, "dross_ledger", entry_id, who)


def ledger_entries(db: sqlite_utils.Database, plant_id: int, *, until: str | None = None) -> list[dict[str, Any]]:
    out = []
    for r in ledger_rows(db, plant_id, until=until):
        e = dict(zip(("id", *LEDGER_COLUMNS), r, strict=True))
        e["quantity_t"] = Decimal(repr(e["quantity_t"]))
        out.append(e)
    return out


# ---- summaries ----------------------------------------------------------------------------------

SUMMARY_SQL = """
SELECT code, kind,
  SUM(CASE WHEN date < :start THEN (CASE WHEN movement IN ('generated','adjustment') THEN quantity_t
                                         ELSE -quantity_t END) ELSE 0 END) AS opening,
  SUM(CASE WHEN date >= :start AND movement = 'generated' THEN quantity_t ELSE 0 END) AS generated,
  SUM(CASE WHEN date >= :start AND movement = 'self_utilized' THEN quantity_t ELSE 0 END) AS self_utilized,
  SUM(CASE WHEN date >= :start AND movement = 'transferred' THEN quantity_t ELSE 0 END) AS transferred,
  SUM(CASE WHEN date >= :start AND movement = 'disposed' THEN quantity_t ELSE 0 END) AS disposed,
  SUM(CASE WHEN date >= :start AND movement = 'adjustment' THEN quantity_t ELSE 0 END) AS adjustment,
  SUM(CASE WHEN date >= :start THEN 1 ELSE 0 END) AS entries
FROM dross_ledger
WHERE plant_id = :plant AND date <= :end
GROUP BY code, kind
ORDER BY code, kind
"""


MONTHLY_SQL = """
SELECT code, kind,
  SUM(CASE WHEN month < :start THEN generated + adjustment - self_utilized - transferred - disposed ELSE 0 END),
  SUM(CASE WHEN month >= :start THEN generated ELSE 0 END),
  SUM(CASE WHEN month >= :start THEN self_utilized ELSE 0 END),
  SUM(CASE WHEN month >= :start THEN transferred ELSE 0 END),
  SUM(CASE WHEN month >= :start THEN disposed ELSE 0 END),
  SUM(CASE WHEN month >= :start THEN adjustment ELSE 0 END),
  SUM(CASE WHEN month >= :start THEN entries ELSE 0 END)
FROM dross_ledger_monthly
WHERE plant_id = :plant AND month <= :end
GROUP BY code, kind
ORDER BY code, kind
"""


def summary(db: sqlite_utils.Database, plant_id: int, start: str, end: str) -> list[dict[str, Any]]:
    """Per code and kind: opening (everything before ``start``), the period's movements, closing.

    Periods start on the first and end on the last day of a month, so the monthly totals kept by
    triggers answer it; :func:`summary_scan` computes the same from the rows (any date range).
    """
    if start[8:] != "01" or _month_end(end) != end:
        return summary_scan(db, plant_id, start, end)
    args = {"plant": plant_id, "start": start[:7], "end": end[:7]}
    return _summary_rows(db.execute(MONTHLY_SQL, args).fetchall())


def _month_end(day: str) -> str:
    d = _dt.date.fromisoformat(day)
    nxt = _dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return (nxt - _dt.timedelta(days=1)).isoformat()


def summary_scan(db: sqlite_utils.Database, plant_id: int, start: str, end: str) -> list[dict[str, Any]]:
    """The summary aggregated from the ledger rows themselves (any date range; slower)."""
    return _summary_rows(db.execute(SUMMARY_SQL, {"plant": plant_id, "start": start, "end": end}).fetchall())


def _summary_rows(rows: list[tuple]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        code, kind, opening, gen, used, transferred, disposed, adj, n = r
        closing = opening + gen - used - transferred - disposed + adj
        out.append({"code": code, "kind": kind, "opening_t": opening, "generated_t": gen, "self_utilized_t": used,
                    "transferred_t": transferred, "disposed_t": disposed, "adjustment_t": adj, "closing_t": closing,
                    "entries": n})
    return out


# ---- receivers ----------------------------------------------------------------------------------

def _receiver_row(r: dict[str, Any]) -> dict[str, Any]:
    return {"id": r["id"], "name": r["name"], "licence_no": r["licence_no"], "codes": json.loads(r["codes"]),
            "valid_from": r["valid_from"], "valid_to": r["valid_to"]}


def receivers(db: sqlite_utils.Database, plant_id: int) -> list[dict[str, Any]]:
    return [_receiver_row(r) for r in db.query("SELECT * FROM dross_receivers WHERE plant_id = ? ORDER BY name, id",
                                               [plant_id])]


def get_receiver(db: sqlite_utils.Database, plant_id: int, receiver_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM dross_receivers WHERE id = ? AND plant_id = ?", [receiver_id, plant_id]))
    if not rows:
        raise NotFoundError("dross_receiver_not_found", None, id=receiver_id)
    return _receiver_row(rows[0])


def update_receiver(db: sqlite_utils.Database, plant_id: int, receiver_id: int, r: dict[str, Any], *,
                    who: str | None = None) -> None:
    with transaction(db):
        get_receiver(db, plant_id, receiver_id)
        with audit.logged(db, "dross_receivers", receiver_id, who=who):
            db.table("dross_receivers").update(receiver_id, receiver_columns(r))


def delete_receiver(db: sqlite_utils.Database, plant_id: int, receiver_id: int, *, who: str | None = None) -> None:
    with transaction(db):
        get_receiver(db, plant_id, receiver_id)
        _delete(db, "dross_receivers", receiver_id, who)


# ---- containers ---------------------------------------------------------------------------------

CONTAINER_COLUMNS = ("name", "type", "capacity_l", "code", "location", "note")


def containers(db: sqlite_utils.Database, plant_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM dross_containers WHERE plant_id = ? ORDER BY name", [plant_id]))


def upsert_container(db: sqlite_utils.Database, plant_id: int, c: dict[str, Any], *, who: str | None = None) -> int:
    with transaction(db):
        row = {k: c.get(k) if k == "capacity_l" else (c.get(k) or "") for k in CONTAINER_COLUMNS}
        row["capacity_l"] = float(row["capacity_l"]) if row["capacity_l"] is not None else None
        found = db.execute("SELECT id FROM dross_containers WHERE plant_id = ? AND name = ?",
                           [plant_id, row["name"]]).fetchone()
        if found:
            with audit.logged(db, "dross_containers", found[0], who=who):
                db.table("dross_containers").update(found[0], row)
            return found[0]
        cid = insert_row(db, "dross_containers", {"plant_id": plant_id, **row})
        audit.log_record(db, "dross_containers", cid, None, who=who)
        return cid


def delete_container(db: sqlite_utils.Database, plant_id: int, container_id: int, *, who: str | None = None) -> None:
    with transaction(db):
        if db.execute("SELECT 1 FROM dross_containers WHERE id = ? AND plant_id = ?",
                      [container_id, plant_id]).fetchone() is None:
            raise NotFoundError("dross_container_not_found", None, id=container_id)
        _delete(db, "dross_containers", container_id, who)


# ---- filings (declarations, quarterly ledger submissions) ---------------------------------------

def delete_filing(db: sqlite_utils.Database, plant_id: int, kind: str, period: str, *, who: str | None = None) -> None:
    with transaction(db):
        fid = filing_id(db, plant_id, kind, period)
        if fid is None:
            return
        _delete(db, "dross_filings", fid, who)
