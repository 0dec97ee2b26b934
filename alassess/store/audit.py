"""The audit trail: an append-only change log chained by SHA-256 hashes.

Every change made through the store — a field value, an assessment's status or assessor, a new
assessment or revision, an attachment added or removed — writes one row (who, when, assessment,
field, old, new) *in the same transaction* as the change itself, so the log and the data can never
disagree after a crash. Each row carries the hash of the previous row; the hash of the last row is
also kept in ``store_meta`` (``audit_head``) so that cutting rows off the end is noticed too.

Why Python and not SQLite triggers: a trigger cannot know *who* made the change (the user name the
caller passes), and SQLite has no SHA-256 of its own, so the chain would need a Python function
registered on every connection anyway (and direct SQL from another tool would then fail or bypass
it). Changes made behind the store's back with plain SQL are still caught: :func:`verify` replays
the log and compares the result with the current data, and reports every difference.

Field names in the log: a field id (``energy_output``, ``dross.production_t``, ``dross.req.6.1.1``)
for a value; ``@created`` (a new assessment: its plant, period, revision and parent), ``@status``,
``@assessor_name``, ``@assessor_organisation``, ``@attachment:<id>`` (an attachment: its hash, field
and file name; ``new`` empty when removed), ``@standards`` (the editions of the reference data the
assessment is scored with, JSON of module → edition id) and ``@bundle`` (a bundle imported: its hash
and origin).
Values are the stored text (``repo.encode``); ``None`` means "absent".

Plant-level records have no assessment (``assessment_id`` is NULL) and are logged whole, as JSON of
their columns: ``@plant:<id>`` (a plant's details), ``@receiver:<id>``, ``@container:<id>``,
``@filing:<id>`` and ``@ledger:<id>`` (one ledger row added, edited or deleted by hand). Rows added in
bulk — a spreadsheet import, the ledger of an imported assessment file or bundle — are one entry
``@ledger-rows:<plant id>`` carrying their count, first and last id, source and *digest*: the sum
modulo 2^256 of each row's SHA-256. Sums add up, so replaying the log gives each plant's ledger digest
without a row per entry, and :func:`verify` compares it with the digest of the rows stored: a ledger
row changed, added or deleted behind the log's back shows, and a row logged on its own is named.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from alassess.domain import messages

GENESIS = "0" * 64
HEAD_KEY = "audit_head"

_ACTOR: ContextVar[str | None] = ContextVar("alassess_actor", default=None)


def os_user() -> str:
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no user name in the environment (some service accounts)
        return "unknown"


def actor(who: str | None = None) -> str:
    """Who makes a change: ``who`` if given, else the one set by :func:`acting_as`, else the
    ``ALASSESS_USER`` environment variable, else the operating-system user."""
    for candidate in (who, _ACTOR.get(), os.environ.get("ALASSESS_USER")):
        if candidate and candidate.strip():
            return candidate.strip()
    return os_user()


@contextmanager
def acting_as(who: str | None) -> Iterator[None]:
    """Attribute every change made inside the block to ``who`` (``None``: leave as is)."""
    if not who:
        yield
        return
    token = _ACTOR.set(who)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


def entry_hash(prev_hash: str, row_id: int, at: str, who: str, assessment_id: int | None, field_name: str,
               old: str | None, new: str | None) -> str:
    payload = json.dumps([row_id, at, who, assessment_id, field_name, old, new], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


def _head(conn) -> tuple[int, str]:
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def record(db: sqlite_utils.Database, assessment_id: int | None, field_name: str, old: str | None,
           new: str | None, *, who: str | None = None, at: str | None = None) -> int:
    """Append one change to the log. Must run inside the transaction that makes the change."""
    conn = db.conn
    if not conn.in_transaction:
        raise RuntimeError("audit.record must run inside the transaction of the change it logs")
    last_id, last_hash = _head(conn)
    row_id = last_id + 1
    at = at or now()
    who = actor(who)
    h = entry_hash(last_hash, row_id, at, who, assessment_id, field_name, old, new)
    conn.execute("INSERT INTO audit_log (id, at, who, assessment_id, field, old, new, prev_hash, hash) "
                 "VALUES (?,?,?,?,?,?,?,?,?)", [row_id, at, who, assessment_id, field_name, old, new, last_hash, h])
    conn.execute("INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                 [HEAD_KEY, f"{row_id}:{h}"])
    return row_id


def history(db: sqlite_utils.Database, assessment_id: int | None = None,
            plant_id: int | None = None) -> list[dict[str, Any]]:
    """The log, or the part about one assessment, or about one plant (its details, its dross
    records and its assessments)."""
    where: list[str] = []
    args: list[Any] = []
    if assessment_id is not None:
        where.append("assessment_id = ?")
        args.append(assessment_id)
    if plant_id is not None:  # its assessments' entries, and the plant-level ones (sorted out below)
        where.append("(assessment_id IS NULL OR assessment_id IN (SELECT id FROM assessments WHERE plant_id = ?))")
        args.append(plant_id)
    sql = "SELECT id, at, who, assessment_id, field, old, new FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = list(db.query(sql + " ORDER BY id", args))
    if plant_id is not None:
        rows = [r for r in rows if r["assessment_id"] is not None or _plant_of(r) == plant_id]
    return rows


def _plant_of(entry: dict[str, Any]) -> int | None:
    """The plant a plant-level log entry is about (``None`` for an assessment's entry)."""
    if entry["assessment_id"] is not None:
        return None
    subject = _subject(entry["field"])
    if subject is None:
        return None
    if subject[0] in ("@plant", LEDGER_ROWS):
        return subject[1]
    for text in (entry["new"], entry["old"]):
        if text:
            try:
                return json.loads(text).get("plant_id")
            except (ValueError, AttributeError):
                return None
    return None


def head(db: sqlite_utils.Database) -> tuple[int, str]:
    """(id, hash) of the last log row: quote it elsewhere (a report, a bundle) to anchor the log."""
    return _head(db.conn)


# ---- verification ---------------------------------------------------------------------------

@dataclass
class Problem:
    """One thing wrong, as a message key with its parameters (see ``messages``)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return messages.text(self.key, lang, **self.params)


@dataclass
class Report:
    entries: int
    head_id: int
    head_hash: str
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _short(v: str | None) -> str:
    if v is None:
        return "∅"
    return v if len(v) <= 60 else v[:57] + "…"


def _check_chain(db: sqlite_utils.Database, problems: list[Problem]) -> tuple[int, int, str]:
    prev = GENESIS
    expected_id = 1
    count = 0
    last_id = 0
    for row in db.conn.execute("SELECT id, at, who, assessment_id, field, old, new, prev_hash, hash "
                               "FROM audit_log ORDER BY id"):
        rid, at, who, aid, fname, old, new, prev_hash, h = row
        count += 1
        if rid != expected_id or prev_hash != prev:
            problems.append(Problem("audit_chain_broken", {"id": rid, "before": expected_id - 1}))
        if entry_hash(prev_hash, rid, at, who, aid, fname, old, new) != h:
            problems.append(Problem("audit_row_altered", {"id": rid}))
        prev = h
        expected_id = rid + 1
        last_id = rid
    stored = db.conn.execute("SELECT value FROM store_meta WHERE key = ?", [HEAD_KEY]).fetchone()
    if stored is not None:
        sid, _, shash = stored[0].partition(":")
        if sid != str(last_id) or shash != prev:
            problems.append(Problem("audit_tail_cut", {"id": sid, "last": last_id}))
    elif count:
        problems.append(Problem("audit_tail_cut", {"id": "?", "last": last_id}))
    return count, last_id, prev


def replay(db: sqlite_utils.Database) -> dict[int, dict[str, str | None]]:
    """The state the log describes: per assessment, field → last logged value (``None``: absent)."""
    state: dict[int, dict[str, str | None]] = {}
    for aid, fname, new in db.conn.execute("SELECT assessment_id, field, new FROM audit_log ORDER BY id"):
        if aid is None:
            continue
        state.setdefault(aid, {})[fname] = new
    return state


def attachment_text(sha256: str, field_id: str | None, file_name: str) -> str:
    return json.dumps([sha256, field_id, file_name], ensure_ascii=False, separators=(",", ":"))


def standards_text(editions: dict[str, str]) -> str:
    """An assessment's editions (module → edition id) as logged under ``@standards``."""
    return json.dumps(editions, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def current_state(db: sqlite_utils.Database) -> dict[int, dict[str, str | None]]:
    """The same view of the current data as :func:`replay` gives of the log."""
    state: dict[int, dict[str, str | None]] = {}
    for aid, status, name, org, plant_id, period, revision, parent_id in db.conn.execute(
            "SELECT id, status, assessor_name, assessor_organisation, plant_id, period, revision, parent_id "
            "FROM assessments"):
        state[aid] = {"@created": created_text(plant_id, period, revision, parent_id), "@status": status,
                      "@assessor_name": name or None, "@assessor_organisation": org or None}
    for aid, fid, value in db.conn.execute("SELECT assessment_id, field_id, value FROM field_values"):
        state.setdefault(aid, {})[fid] = value
    if "attachments" in db.table_names():
        for att_id, aid, sha, fid, name in db.conn.execute(
                "SELECT id, assessment_id, sha256, field_id, file_name FROM attachments"):
            state.setdefault(aid, {})[f"@attachment:{att_id}"] = attachment_text(sha, fid, name)
    if "assessment_editions" in db.table_names():
        editions: dict[int, dict[str, str]] = {}
        for aid, module, edition in db.conn.execute("SELECT assessment_id, module, edition FROM assessment_editions"):
            editions.setdefault(aid, {})[module] = edition
        for aid, eds in editions.items():
            state.setdefault(aid, {})["@standards"] = standards_text(eds)
    return state


def verify(db: sqlite_utils.Database) -> Report:
    """Check the chain (no row changed, removed or reordered) and that the data equals the replay."""
    problems: list[Problem] = []
    count, last_id, last_hash = _check_chain(db, problems)
    _verify_records(db, problems)
    logged = replay(db)
    current = current_state(db)
    created = {aid for aid, fields in logged.items() if "@created" in fields}
    for aid in sorted(set(current) | set(logged)):
        if aid in current and aid not in created:
            problems.append(Problem("audit_assessment_unlogged", {"assessment": aid}))
            continue
        if aid not in current:
            problems.append(Problem("audit_assessment_missing", {"assessment": aid}))
            continue
        have = current[aid]
        want = {k: v for k, v in logged[aid].items() if k != "@bundle"}
        for fname in sorted(set(have) | set(want)):
            h, w = have.get(fname), want.get(fname)
            if h != w:
                problems.append(Problem("audit_value_mismatch", {"assessment": aid, "field": fname,
                                                                 "stored": _short(h), "logged": _short(w)}))
    return Report(entries=count, head_id=last_id, head_hash=last_hash, problems=problems)


def baseline(db: sqlite_utils.Database, who: str) -> int:
    """Log the current state of every assessment (for a database that had no log yet)."""
    n = 0
    at = now()
    for aid, plant_id, period, revision, parent_id in db.conn.execute(
            "SELECT id, plant_id, period, revision, parent_id FROM assessments ORDER BY id").fetchall():
        record(db, aid, "@created", None, created_text(plant_id, period, revision, parent_id), who=who, at=at)
        n += 1
    for aid, fields in sorted(current_state(db).items()):
        for fname, value in sorted(fields.items()):
            if fname == "@created":
                continue
            if value not in (None, "") or fname == "@status":
                record(db, aid, fname, None, value, who=who, at=at)
                n += 1
    return n


def created_text(plant_id: int, period: str, revision: int, parent_id: int | None) -> str:
    return json.dumps({"plant_id": plant_id, "period": period, "revision": revision, "parent_id": parent_id},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ---- plant-level records: plant details and the dross records -------------------------------------

RECORDS: dict[str, tuple[str, tuple[str, ...]]] = {  # table → (subject in the log, columns logged)
    "plants": ("@plant", ("name", "credit_code", "sector", "region", "key_region", "address", "contact", "phone")),
    "dross_receivers": ("@receiver", ("plant_id", "name", "licence_no", "codes", "valid_from", "valid_to")),
    "dross_containers": ("@container", ("plant_id", "name", "type", "capacity_l", "code", "location", "note")),
    "dross_filings": ("@filing", ("plant_id", "kind", "period", "date", "note")),
    "dross_ledger": ("@ledger", ("plant_id", "date", "code", "kind", "movement", "quantity_t", "container",
                                 "receiver", "manifest_no", "note")),
}
LEDGER_ROWS = "@ledger-rows"
LEDGER_COLUMNS = RECORDS["dross_ledger"][1]
_MOD = 1 << 256


def record_text(table: str, values: tuple | list) -> str:
    """A record as logged: JSON of its columns (keys sorted, floats as Python writes them)."""
    return json.dumps(dict(zip(RECORDS[table][1], values, strict=True)), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def snapshot(db: sqlite_utils.Database, table: str, row_id: int) -> str | None:
    """The record as logged, or ``None`` when there is none: take it before a change, then call
    :func:`log_record` after it."""
    cols = RECORDS[table][1]
    row = db.conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?", [row_id]).fetchone()
    return None if row is None else record_text(table, row)


def log_record(db: sqlite_utils.Database, table: str, row_id: int, before: str | None, *,
               who: str | None = None) -> None:
    """Log the change of one record (nothing when it did not change). Inside the change's transaction."""
    after = snapshot(db, table, row_id)
    if after != before:
        record(db, None, f"{RECORDS[table][0]}:{row_id}", before, after, who=who)


@contextmanager
def logged(db: sqlite_utils.Database, table: str, row_id: int, *, who: str | None = None) -> Iterator[None]:
    """Log the change the block makes to one record (its :func:`snapshot` before, :func:`log_record`
    after). Inside the change's transaction."""
    before = snapshot(db, table, row_id)
    yield
    log_record(db, table, row_id, before, who=who)


def ledger_row_hash(row: tuple) -> int:
    """A ledger row's hash as a number: ``row`` is (id, plant_id, date, …, note) as SQLite returns it."""
    return int.from_bytes(hashlib.sha256(repr(row).encode("utf-8")).digest(), "big")


def _row_from_text(row_id: int, text: str) -> tuple:
    values = json.loads(text)
    return (row_id, *(values[c] for c in LEDGER_COLUMNS))


def last_ledger_id(db: sqlite_utils.Database) -> int:
    """Take before adding rows in bulk; new rows get higher ids (see :func:`log_ledger_rows`)."""
    return db.conn.execute("SELECT ifnull(max(id), 0) FROM dross_ledger").fetchone()[0]


def log_ledger_rows(db: sqlite_utils.Database, plant_id: int, after_id: int, source: Any, *,
                    who: str | None = None) -> int:
    """Log the ledger rows of a plant added in bulk since :func:`last_ledger_id` returned ``after_id``
    as one entry (count, ids, digest, source). Inside the transaction that added them."""
    n, total, first, last = 0, 0, None, None
    for row in db.conn.execute(f"SELECT id, {', '.join(LEDGER_COLUMNS)} FROM dross_ledger "
                               "WHERE id > ? AND plant_id = ? ORDER BY id", [after_id, plant_id]):
        total += ledger_row_hash(row)
        n += 1
        first = row[0] if first is None else first
        last = row[0]
    if n:
        text = json.dumps({"rows": n, "ids": [first, last], "digest": f"{total % _MOD:064x}", "source": source},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        record(db, None, f"{LEDGER_ROWS}:{plant_id}", None, text, who=who)
    return n


def _subject(field_name: str) -> tuple[str, int] | None:
    prefix, sep, rest = field_name.partition(":")
    if not sep or not rest.isdigit():
        return None
    return prefix, int(rest)


def _replay_records(db: sqlite_utils.Database):
    """From the log: plant-level record → last logged JSON; per plant, ledger (rows, digest); ledger
    rows logged on their own → last logged JSON."""
    records: dict[str, str | None] = {}
    ledger: dict[int, list[int]] = {}
    rows: dict[int, str | None] = {}
    for fname, old, new in db.conn.execute("SELECT field, old, new FROM audit_log WHERE assessment_id IS NULL "
                                           "AND field LIKE '@%' ORDER BY id"):
        subject = _subject(fname)
        if subject is None:
            continue
        prefix, sid = subject
        if prefix == LEDGER_ROWS:
            bulk = json.loads(new)
            acc = ledger.setdefault(sid, [0, 0])
            acc[0] += bulk["rows"]
            acc[1] = (acc[1] + int(bulk["digest"], 16)) % _MOD
        elif prefix == RECORDS["dross_ledger"][0]:
            for text, sign in ((old, -1), (new, 1)):
                if text is not None:
                    row = _row_from_text(sid, text)
                    acc = ledger.setdefault(row[1], [0, 0])
                    acc[0] += sign
                    acc[1] = (acc[1] + sign * ledger_row_hash(row)) % _MOD
            rows[sid] = new
        else:
            records[fname] = new
    return records, ledger, rows


def _current_records(db: sqlite_utils.Database) -> dict[str, str | None]:
    """Every plant-level record but ledger rows, as logged: plants, receivers, containers, filings."""
    out: dict[str, str | None] = {}
    for table, (prefix, cols) in RECORDS.items():
        if table == "dross_ledger":
            continue
        for row in db.conn.execute(f"SELECT id, {', '.join(cols)} FROM {table} ORDER BY id"):
            out[f"{prefix}:{row[0]}"] = record_text(table, row[1:])
    return out


def _mismatch(record_name: str, stored: str | None, logged: str | None) -> Problem:
    """A record that differs from the log, showing only the columns that differ."""
    if stored is not None and logged is not None:
        have, want = json.loads(stored), json.loads(logged)
        keys = sorted(k for k in set(have) | set(want) if have.get(k) != want.get(k))
        stored, logged = (json.dumps({k: d.get(k) for k in keys}, ensure_ascii=False, separators=(",", ":"))
                          for d in (have, want))
    return Problem("audit_record_mismatch", {"record": record_name, "stored": _short(stored), "logged": _short(logged)})


def _verify_records(db: sqlite_utils.Database, problems: list[Problem]) -> None:
    logged, logged_ledger, logged_rows = _replay_records(db)
    current = _current_records(db)
    for subject in [*current, *(k for k in logged if k not in current)]:
        if current.get(subject) != logged.get(subject):
            problems.append(_mismatch(subject, current.get(subject), logged.get(subject)))
    prefix = RECORDS["dross_ledger"][0]
    stored: dict[int, list[int]] = {}
    seen: set[int] = set()
    for row in db.conn.execute(f"SELECT id, {', '.join(LEDGER_COLUMNS)} FROM dross_ledger ORDER BY id"):
        acc = stored.setdefault(row[1], [0, 0])
        acc[0] += 1
        acc[1] = (acc[1] + ledger_row_hash(row)) % _MOD
        if row[0] in logged_rows:
            seen.add(row[0])
            text = record_text("dross_ledger", row[1:])
            if text != logged_rows[row[0]]:
                problems.append(_mismatch(f"{prefix}:{row[0]}", text, logged_rows[row[0]]))
    for rid, text in logged_rows.items():
        if text is not None and rid not in seen:
            problems.append(_mismatch(f"{prefix}:{rid}", None, text))
    for plant in sorted(set(stored) | set(logged_ledger)):
        have, want = stored.get(plant, [0, 0]), logged_ledger.get(plant, [0, 0])
        if have != want:
            problems.append(Problem("audit_ledger_mismatch", {"plant": plant, "stored": have[0], "logged": want[0]}))
    _verify_monthly_totals(db, problems)


_MOVEMENTS = ("generated", "self_utilized", "transferred", "disposed", "adjustment")


def _verify_monthly_totals(db: sqlite_utils.Database, problems: list[Problem]) -> None:
    """The monthly totals that summaries read (kept by triggers) must be the sums of the ledger rows:
    a total changed behind the log's back would make a summary lie while every row is intact."""
    sums = ", ".join(f"SUM(CASE WHEN movement = '{m}' THEN quantity_t ELSE 0 END)" for m in _MOVEMENTS)
    want = {r[:4]: r[4:] for r in db.conn.execute(
        f"SELECT plant_id, code, kind, substr(date, 1, 7), {sums}, count(*) FROM dross_ledger "
        "GROUP BY plant_id, code, kind, substr(date, 1, 7)")}
    have = {r[:4]: r[4:] for r in db.conn.execute(
        f"SELECT plant_id, code, kind, month, {', '.join(_MOVEMENTS)}, entries FROM dross_ledger_monthly")}
    for key in sorted(set(want) | set(have), key=repr):
        w, h = want.get(key), have.get(key)
        if w is None or h is None or w[-1] != h[-1] or not all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6) for a, b in zip(w[:-1], h[:-1], strict=True)):
            plant, code, kind, month = key
            problems.append(Problem("audit_ledger_totals_mismatch", {"plant": plant, "code": code, "kind": kind,
                                                                     "month": month}))


def baseline_records(db: sqlite_utils.Database, who: str) -> int:
    """Log the current plant-level records (for a database whose log does not hold them yet):
    each plant, receiver, container and filing, and each plant's ledger as one bulk entry."""
    at = now()
    n = 0
    for subject, text in _current_records(db).items():
        record(db, None, subject, None, text, who=who, at=at)
        n += 1
    for (plant_id,) in db.conn.execute("SELECT DISTINCT plant_id FROM dross_ledger ORDER BY plant_id").fetchall():
        n += bool(log_ledger_rows(db, plant_id, 0, "baseline", who=who))
    return n


# ---- anchors ----------------------------------------------------------------------------------

ANCHOR_NAME = "audit-anchor.json"  # the file a report embeds; bundles carry the same in their manifest


def anchor(db: sqlite_utils.Database) -> dict[str, Any]:
    """The log's head, quoted in every signed report and every bundle: a rewrite of the log (a row
    deleted and the chain recomputed) changes or removes the row it names, which ``audit verify``
    finds when it is given the report or bundle."""
    row = db.execute("SELECT value FROM store_meta WHERE key = 'database_id'").fetchone()
    entry, h = head(db)
    return {"database_id": row[0] if row else "", "entry": entry, "hash": h}


def check_anchor(db: sqlite_utils.Database, found: dict[str, Any], source: str) -> list[Problem]:
    """Whether the log still holds, at the anchor's entry, the hash the anchor quotes."""
    entry = found.get("entry")
    quoted = found.get("hash")
    if not isinstance(entry, int) or isinstance(entry, bool) or not isinstance(quoted, str) or entry < 0:
        return [Problem("audit_anchor_unreadable", {"source": source})]
    if entry == 0:
        return []  # the log was empty then: nothing to hold on to
    row = db.conn.execute("SELECT hash FROM audit_log WHERE id = ?", [entry]).fetchone()
    if row is None:
        return [Problem("audit_anchor_missing", {"source": source, "id": entry})]
    if row[0] != quoted:
        return [Problem("audit_anchor_mismatch", {"source": source, "id": entry, "quoted": quoted[:16],
                                                  "found": str(row[0])[:16]})]
    return []
