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
and file name; ``new`` empty when removed) and ``@bundle`` (a bundle imported: its hash and origin).
Values are the stored text (``repo.encode``); ``None`` means "absent".
"""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

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


def history(db: sqlite_utils.Database, assessment_id: int | None = None) -> list[dict[str, Any]]:
    sql, args = "SELECT id, at, who, assessment_id, field, old, new FROM audit_log", []
    if assessment_id is not None:
        sql += " WHERE assessment_id = ?"
        args.append(assessment_id)
    return list(db.query(sql + " ORDER BY id", args))


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
        from alassess.domain import messages

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
    return state


def verify(db: sqlite_utils.Database) -> Report:
    """Check the chain (no row changed, removed or reordered) and that the data equals the replay."""
    problems: list[Problem] = []
    count, last_id, last_hash = _check_chain(db, problems)
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
