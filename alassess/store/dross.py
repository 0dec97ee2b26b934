"""Dross management tables: ledger rows (bulk and single), receivers, containers, filings, summaries.

Bulk inserts go through ``executemany`` with ``INSERT OR IGNORE`` on the ledger's
``(plant_id, fingerprint)`` key, inside one transaction: a re-import adds nothing, a failure adds
nothing. Summaries aggregate in SQL over the monthly totals that triggers keep (migration 2).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import sqlite_utils

from alassess.domain.errors import InputError, NotFoundError
from alassess.store.repo import LEDGER_COLUMNS, fingerprint, fingerprint_base, now, transaction

BULK_ROWS = 5000
BULK_CACHE_KIB = -65536  # 64 MiB page cache while a large import runs

_INSERT = ("INSERT OR IGNORE INTO dross_ledger (plant_id, date, code, kind, movement, quantity_t, container, receiver, "
           "manifest_no, note, fingerprint, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")


def _count(db: sqlite_utils.Database, plant_id: int) -> int:
    return db.execute("SELECT count(*) FROM dross_ledger WHERE plant_id = ?", [plant_id]).fetchone()[0]


def insert_entries(db: sqlite_utils.Database, plant_id: int, entries: list[dict[str, Any]]) -> int:
    """Insert validated entries, skipping those already stored; returns how many were added.

    The n-th of several identical rows in one batch gets occurrence n in its fingerprint, so two
    genuinely identical rows are both kept while a second import of the same file adds nothing.
    """
    seen: dict[str, int] = {}
    ts = now()
    rows = []
    for e in entries:
        base = fingerprint_base(e)
        n = seen[base] = seen.get(base, 0) + 1
        rows.append((plant_id, e["date"], e["code"], e["kind"], e["movement"], float(e["quantity_t"]),
                     e.get("container") or "", e.get("receiver") or "", e.get("manifest_no") or "",
                     e.get("note") or "", fingerprint(e, n, base=base), ts))
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    if len(rows) > BULK_ROWS:  # the unique fingerprint index is updated at random places: keep it in memory
        db.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        with transaction(db):
            before = _count(db, plant_id)
            db.conn.executemany(_INSERT, rows)
            return _count(db, plant_id) - before
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


def add_entry(db: sqlite_utils.Database, plant_id: int, e: dict[str, Any]) -> int:
    """One entry typed by hand (an identical earlier row does not block it: it gets the next occurrence)."""
    with transaction(db):
        fp = _free_fingerprint(db, plant_id, e, None)
        cur = db.conn.execute(_INSERT, (plant_id, e["date"], e["code"], e["kind"], e["movement"], float(e["quantity_t"]),
                                        e.get("container") or "", e.get("receiver") or "", e.get("manifest_no") or "",
                                        e.get("note") or "", fp, now()))
        return int(cur.lastrowid)


def update_entry(db: sqlite_utils.Database, plant_id: int, entry_id: int, e: dict[str, Any]) -> None:
    with transaction(db):
        get_entry(db, plant_id, entry_id)
        fp = _free_fingerprint(db, plant_id, e, entry_id)
        db.execute("UPDATE dross_ledger SET date=?, code=?, kind=?, movement=?, quantity_t=?, container=?, receiver=?, "
                   "manifest_no=?, note=?, fingerprint=? WHERE id=? AND plant_id=?",
                   [e["date"], e["code"], e["kind"], e["movement"], float(e["quantity_t"]), e.get("container") or "",
                    e.get("receiver") or "", e.get("manifest_no") or "", e.get("note") or "", fp, entry_id, plant_id])


def delete_entry(db: sqlite_utils.Database, plant_id: int, entry_id: int) -> None:
    with transaction(db):
        get_entry(db, plant_id, entry_id)
        db.execute("DELETE FROM dross_ledger WHERE id = ? AND plant_id = ?", [entry_id, plant_id])


def ledger_rows(db: sqlite_utils.Database, plant_id: int, *, since: str | None = None,
                until: str | None = None) -> list[tuple]:
    """Raw rows (id, date, code, kind, movement, quantity_t, container, receiver, manifest_no, note) by date."""
    sql = ("SELECT id, date, code, kind, movement, quantity_t, container, receiver, manifest_no, note "
           "FROM dross_ledger WHERE plant_id = ?")
    args: list[Any] = [plant_id]
    if since:
        sql += " AND date >= ?"
        args.append(since)
    if until:
        sql += " AND date <= ?"
        args.append(until)
    return db.execute(sql + " ORDER BY date, id", args).fetchall()


def ledger_entries(db: sqlite_utils.Database, plant_id: int, *, until: str | None = None) -> list[dict[str, Any]]:
    out = []
    for r in ledger_rows(db, plant_id, until=until):
        out.append({"id": r[0], "date": r[1], "code": r[2], "kind": r[3], "movement": r[4],
                    "quantity_t": Decimal(repr(r[5])), "container": r[6], "receiver": r[7], "manifest_no": r[8],
                    "note": r[9]})
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
    import datetime as _dt

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


def update_receiver(db: sqlite_utils.Database, plant_id: int, receiver_id: int, r: dict[str, Any]) -> None:
    with transaction(db):
        get_receiver(db, plant_id, receiver_id)
        db["dross_receivers"].update(receiver_id, {
            "name": r["name"], "licence_no": r.get("licence_no") or "",
            "codes": json.dumps(list(r.get("codes") or []), ensure_ascii=False),
            "valid_from": r.get("valid_from"), "valid_to": r.get("valid_to")})


def delete_receiver(db: sqlite_utils.Database, plant_id: int, receiver_id: int) -> None:
    with transaction(db):
        get_receiver(db, plant_id, receiver_id)
        db.execute("DELETE FROM dross_receivers WHERE id = ? AND plant_id = ?", [receiver_id, plant_id])


# ---- containers ---------------------------------------------------------------------------------

CONTAINER_COLUMNS = ("name", "type", "capacity_l", "code", "location", "note")


def containers(db: sqlite_utils.Database, plant_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM dross_containers WHERE plant_id = ? ORDER BY name", [plant_id]))


def upsert_container(db: sqlite_utils.Database, plant_id: int, c: dict[str, Any]) -> int:
    with transaction(db):
        row = {k: c.get(k) if k == "capacity_l" else (c.get(k) or "") for k in CONTAINER_COLUMNS}
        row["capacity_l"] = float(row["capacity_l"]) if row["capacity_l"] is not None else None
        found = db.execute("SELECT id FROM dross_containers WHERE plant_id = ? AND name = ?",
                           [plant_id, row["name"]]).fetchone()
        if found:
            db["dross_containers"].update(found[0], row)
            return found[0]
        return db["dross_containers"].insert({"plant_id": plant_id, **row}).last_pk


def delete_container(db: sqlite_utils.Database, plant_id: int, container_id: int) -> None:
    with transaction(db):
        if db.execute("SELECT 1 FROM dross_containers WHERE id = ? AND plant_id = ?",
                      [container_id, plant_id]).fetchone() is None:
            raise NotFoundError("dross_container_not_found", None, id=container_id)
        db.execute("DELETE FROM dross_containers WHERE id = ?", [container_id])


# ---- filings (declarations, quarterly ledger submissions) ---------------------------------------

def list_filings(db: sqlite_utils.Database, plant_id: int) -> list[dict[str, Any]]:
    return [{"kind": k, "period": p, "date": d} for k, p, d in db.execute(
        "SELECT kind, period, date FROM dross_filings WHERE plant_id = ? ORDER BY kind, period", [plant_id]).fetchall()]


def upsert_filing(db: sqlite_utils.Database, plant_id: int, f: dict[str, Any]) -> None:
    if f.get("kind") not in ("declaration", "ledger"):
        raise InputError("bad_choice", "kind", value=f.get("kind"), choices="declaration/ledger")
    with transaction(db):
        db.execute("INSERT INTO dross_filings (plant_id, kind, period, date, note) VALUES (?,?,?,?,?) "
                   "ON CONFLICT(plant_id, kind, period) DO UPDATE SET date = excluded.date, note = excluded.note",
                   [plant_id, f["kind"], f["period"], f["date"], f.get("note") or ""])


def delete_filing(db: sqlite_utils.Database, plant_id: int, kind: str, period: str) -> None:
    with transaction(db):
        db.execute("DELETE FROM dross_filings WHERE plant_id = ? AND kind = ? AND period = ?", [plant_id, kind, period])
