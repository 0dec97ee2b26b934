"""Repositories: plants, assessments and their field values, dross receivers and ledger.

Every write is its own short transaction (``with transaction(db)``), so an edit acknowledged to
the user is on disk. Values are stored one row per field with the unit and the time of change.
Every change to an assessment is also written to the audit log (:mod:`alassess.store.audit`) in the
same transaction; ``who`` names the person making it (default: see ``audit.actor``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlite_utils

from alassess import standards as _standards
from alassess.domain import fields as _fields
from alassess.domain.assessment import DROSS_KEYS, Assessment, Assessor, Plant, parse_standards
from alassess.domain.errors import InputError, NotFoundError, StateError
from alassess.store import audit

DROSS_PREFIX = "dross."
# A checklist item of the dross section is ``dross.requirements.<id>`` everywhere outside the store
# (the assessment file, the form, findings, the CLI). The store has kept its rows, attachments and
# audit entries under ``dross.req.<id>`` since its first schema; the audit log is hash-chained and
# the bundles' content hashes cover attachment fields, so stored names are not rewritten: the two
# functions below translate at the store's edge, and only the store uses this prefix.
DROSS_REQ_PREFIX = "dross.req."
REQUIREMENT_PATH = "dross.requirements."


def requirement_key(req_id: str) -> str:
    """The stored field name of a dross checklist item."""
    return DROSS_REQ_PREFIX + req_id


def stored_field(path: str) -> str:
    """A field path as stored: ``dross.requirements.<id>`` → ``dross.req.<id>``; others unchanged."""
    if path.startswith(REQUIREMENT_PATH):
        return requirement_key(path[len(REQUIREMENT_PATH):])
    return path


def public_field(name: str) -> str:
    """A stored field name as every reader outside the store spells it (``dross.requirements.<id>``)."""
    if name.startswith(DROSS_REQ_PREFIX):
        return REQUIREMENT_PATH + name[len(DROSS_REQ_PREFIX):]
    return name


def insert_row(db: sqlite_utils.Database, table: str, row: dict[str, Any]) -> int:
    """Insert ``row`` into ``table``; returns its new row id."""
    pk = db.table(table).insert(row).last_pk
    if pk is None:  # pragma: no cover - SQLite gives every inserted row its id
        raise RuntimeError(f"no id for the row inserted into {table}")
    return int(pk)


def now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT (or ROLLBACK on any error). Nested calls join the outer one."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@dataclass
class AssessmentRow:
    id: int
    plant_id: int
    period: str
    assessor_name: str
    assessor_organisation: str
    status: str
    revision: int
    parent_id: int | None
    created_at: str
    updated_at: str
    signed_at: str | None


# ---- value encoding -------------------------------------------------------------------------

def encode(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value else str(value)
    if isinstance(value, (int, float)):
        return repr(value)
    return str(value)


def decode(field_id: str, text: str) -> Any:
    if field_id.startswith(DROSS_REQ_PREFIX):
        return text == "true"
    if field_id.startswith(DROSS_PREFIX):
        kind = DROSS_KEYS.get(field_id[len(DROSS_PREFIX):], "text")
    else:
        kind = _fields.get(field_id).kind
    if kind == "bool":
        return text == "true"
    if kind == "number":
        return Decimal(text)
    return text


def unit_of(field_id: str) -> str:
    if field_id.startswith(DROSS_PREFIX):
        return "t" if field_id.endswith("_t") else ""
    return _fields.get(field_id).unit


# ---- plants -----------------------------------------------------------------------------------

def plant_to_row(p: Plant) -> dict[str, Any]:
    return {"name": p.name, "credit_code": p.credit_code or None, "sector": p.sector, "region": p.region,
            "key_region": int(p.key_region), "address": p.address, "contact": p.contact, "phone": p.phone}


def row_to_plant(r: dict[str, Any]) -> Plant:
    return Plant(name=r["name"], sector=r["sector"], credit_code=r["credit_code"] or "", region=r["region"],
                 key_region=bool(r["key_region"]), address=r["address"], contact=r["contact"], phone=r["phone"])


def find_plant(db: sqlite_utils.Database, p: Plant) -> int | None:
    if p.credit_code:
        row = db.execute("SELECT id FROM plants WHERE credit_code = ?", [p.credit_code]).fetchone()
    else:
        row = db.execute("SELECT id FROM plants WHERE name = ? AND (credit_code IS NULL OR credit_code = '')",
                         [p.name]).fetchone()
    return row[0] if row else None


def upsert_plant(db: sqlite_utils.Database, p: Plant, *, who: str | None = None) -> int:
    with transaction(db):
        pid = find_plant(db, p)
        row = plant_to_row(p)
        ts = now()
        if pid is None:
            row.update(created_at=ts, updated_at=ts)
            pid = insert_row(db, "plants", row)
            audit.log_record(db, "plants", pid, None, who=who)
            return pid
        row["updated_at"] = ts
        with audit.logged(db, "plants", pid, who=who):
            db.table("plants").update(pid, row)
        return pid


def update_plant(db: sqlite_utils.Database, plant_id: int, p: Plant, *, who: str | None = None) -> None:
    with transaction(db):
        get_plant(db, plant_id)
        row = plant_to_row(p)
        row["updated_at"] = now()
        with audit.logged(db, "plants", plant_id, who=who):
            db.table("plants").update(plant_id, row)


def get_plant(db: sqlite_utils.Database, plant_id: int) -> Plant:
    try:
        return row_to_plant(db.table("plants").get(plant_id))
    except sqlite_utils.db.NotFoundError:
        raise NotFoundError("plant_not_found", None, id=plant_id) from None


def list_plants(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM plants ORDER BY name"))


# ---- assessments ------------------------------------------------------------------------------

def get_row(db: sqlite_utils.Database, assessment_id: int) -> AssessmentRow:
    try:
        r = db.table("assessments").get(assessment_id)
    except sqlite_utils.db.NotFoundError:
        raise NotFoundError("assessment_not_found", None, id=assessment_id) from None
    return AssessmentRow(**r)


def list_assessments(db: sqlite_utils.Database, plant_id: int | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT a.*, p.name AS plant_name, p.sector AS sector FROM assessments a "
           "JOIN plants p ON p.id = a.plant_id")
    args: list[Any] = []
    if plant_id is not None:
        sql += " WHERE a.plant_id = ?"
        args.append(plant_id)
    sql += " ORDER BY p.name, a.period, a.revision"
    return list(db.query(sql, args))


def find_assessment(db: sqlite_utils.Database, plant_id: int, period: str) -> AssessmentRow | None:
    row = db.execute("SELECT id FROM assessments WHERE plant_id = ? AND period = ? ORDER BY revision DESC LIMIT 1",
                     [plant_id, period]).fetchone()
    return get_row(db, row[0]) if row else None


def create_assessment(db: sqlite_utils.Database, plant_id: int, period: str, assessor: Assessor,
                      *, revision: int = 1, parent_id: int | None = None, who: str | None = None,
                      standards: dict[str, str] | None = None) -> int:
    """A new draft; it records ``standards`` (module → edition id; by default the current editions)."""
    with transaction(db):
        get_plant(db, plant_id)
        ts = now()
        aid = insert_row(db, "assessments", {
            "plant_id": plant_id, "period": period, "assessor_name": assessor.name,
            "assessor_organisation": assessor.organisation, "status": "draft", "revision": revision,
            "parent_id": parent_id, "created_at": ts, "updated_at": ts, "signed_at": None})
        audit.record(db, aid, "@created", None, audit.created_text(plant_id, period, revision, parent_id), who=who)
        audit.record(db, aid, "@status", None, "draft", who=who)
        for key, value in (("@assessor_name", assessor.name), ("@assessor_organisation", assessor.organisation)):
            if value:
                audit.record(db, aid, key, None, value, who=who)
        set_standards(db, aid, standards if standards is not None else _standards.current_ids(), who=who)
        return aid


def get_standards(db: sqlite_utils.Database, assessment_id: int) -> dict[str, str]:
    """The editions the assessment is scored with (module → edition id), as stored."""
    rows = db.execute("SELECT module, edition FROM assessment_editions WHERE assessment_id = ? ORDER BY module",
                      [assessment_id]).fetchall()
    return dict(rows)


def set_standards(db: sqlite_utils.Database, assessment_id: int, editions: dict[str, str], *,
                  who: str | None = None) -> None:
    """Record the editions a (not signed) assessment is scored with; modules not named keep theirs."""
    with transaction(db):
        ensure_editable(db, assessment_id)
        old = get_standards(db, assessment_id)
        new = parse_standards({**old, **editions}, f"assessment {assessment_id}: standards")
        if new == old:
            return
        db.conn.executemany("INSERT INTO assessment_editions (assessment_id, module, edition) VALUES (?, ?, ?) "
                            "ON CONFLICT(assessment_id, module) DO UPDATE SET edition = excluded.edition",
                            [(assessment_id, m, e) for m, e in sorted(new.items())])
        audit.record(db, assessment_id, "@standards", audit.standards_text(old) if old else None,
                     audit.standards_text(new), who=who)


def ensure_editable(db: sqlite_utils.Database, assessment_id: int) -> AssessmentRow:
    row = get_row(db, assessment_id)
    if row.status == "signed":
        raise StateError("assessment_signed", None, id=assessment_id)
    return row


def set_value(db: sqlite_utils.Database, assessment_id: int, field_id: str, value: Any, *,
              who: str | None = None) -> None:
    """Store one validated value (``None`` deletes it). One transaction per edit, logged."""
    with transaction(db):
        ensure_editable(db, assessment_id)
        ts = now()
        found = db.execute("SELECT value FROM field_values WHERE assessment_id = ? AND field_id = ?",
                           [assessment_id, field_id]).fetchone()
        old, new = (found[0] if found else None), (None if value is None else encode(value))
        if old != new:
            audit.record(db, assessment_id, field_id, old, new, who=who, at=ts)
        if value is None:
            db.execute("DELETE FROM field_values WHERE assessment_id = ? AND field_id = ?", [assessment_id, field_id])
        else:
            db.execute(
                "INSERT INTO field_values (assessment_id, field_id, value, unit, changed_at) VALUES (?,?,?,?,?) "
                "ON CONFLICT(assessment_id, field_id) DO UPDATE SET value=excluded.value, unit=excluded.unit, "
                "changed_at=excluded.changed_at",
                [assessment_id, field_id, encode(value), unit_of(field_id), ts])
        db.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", [ts, assessment_id])


def get_values(db: sqlite_utils.Database, assessment_id: int) -> dict[str, Any]:
    rows = db.execute("SELECT field_id, value FROM field_values WHERE assessment_id = ?", [assessment_id]).fetchall()
    return {fid: decode(fid, text) for fid, text in rows}


def set_status(db: sqlite_utils.Database, assessment_id: int, status: str, *, who: str | None = None) -> None:
    with transaction(db):
        row = get_row(db, assessment_id)
        if row.status == "signed":
            raise StateError("assessment_signed", None, id=assessment_id)
        ts = now()
        if status != row.status:
            audit.record(db, assessment_id, "@status", row.status, status, who=who, at=ts)
        db.table("assessments").update(assessment_id, {"status": status, "updated_at": ts,
                                                  "signed_at": ts if status == "signed" else None})


def set_assessor(db: sqlite_utils.Database, assessment_id: int, assessor: Assessor, *, who: str | None = None) -> None:
    with transaction(db):
        row = ensure_editable(db, assessment_id)
        for key, old, new in (("@assessor_name", row.assessor_name, assessor.name),
                              ("@assessor_organisation", row.assessor_organisation, assessor.organisation)):
            if (old or None) != (new or None):
                audit.record(db, assessment_id, key, old or None, new or None, who=who)
        db.table("assessments").update(assessment_id, {"assessor_name": assessor.name,
                                                  "assessor_organisation": assessor.organisation,
                                                  "updated_at": now()})


def load_assessment(db: sqlite_utils.Database, assessment_id: int, *, with_ledger: bool = True) -> Assessment:
    """The stored assessment as the domain object (values, dross section with ledger and receivers)."""
    row = get_row(db, assessment_id)
    plant = get_plant(db, row.plant_id)
    stored = get_values(db, assessment_id)
    values = {k: v for k, v in stored.items() if not k.startswith(DROSS_PREFIX)}
    dross_vals = {k[len(DROSS_PREFIX):]: v for k, v in stored.items()
                  if k.startswith(DROSS_PREFIX) and not k.startswith(DROSS_REQ_PREFIX)}
    reqs = {k[len(DROSS_REQ_PREFIX):]: v for k, v in stored.items() if k.startswith(DROSS_REQ_PREFIX)}
    dross: dict[str, Any] | None = None
    receivers = list_receivers(db, row.plant_id)
    ledger = list_ledger(db, row.plant_id, until=f"{row.period}-12-31") if with_ledger else []
    filings = list_filings(db, row.plant_id)
    if dross_vals or reqs or receivers or ledger or filings:
        dross = dict(dross_vals)
        dross["requirements"] = reqs
        dross["receivers"] = receivers
        dross["ledger"] = ledger
        dross["filings"] = filings
    # a module recorded by a later version and unknown here is an error naming it; one not recorded
    # (added to the recorded modules after the assessment was stored) is read in its current edition
    editions = parse_standards(get_standards(db, assessment_id), f"assessment {assessment_id}: standards")
    return Assessment(plant=plant, period=row.period,
                      assessor=Assessor(row.assessor_name, row.assessor_organisation), values=values, dross=dross,
                      standards=editions)


def stored_values(a: Assessment) -> dict[str, Any]:
    """The field rows an assessment is stored as (field id → value), dross keys prefixed.

    The dross section's lists (receivers, ledger, …) are plant-level records, not field rows.
    """
    out = dict(a.values)
    if a.dross is not None:
        for k, v in a.dross.items():
            if k == "requirements" or v is None or isinstance(v, (list, dict)):
                continue
            out[DROSS_PREFIX + k] = v
        for rid, v in (a.dross.get("requirements") or {}).items():
            if v is not None:
                out[DROSS_REQ_PREFIX + rid] = v
    return out


def replace_values(db: sqlite_utils.Database, assessment_id: int, values: dict[str, Any], *,
                   who: str | None = None) -> None:
    """Make the stored values exactly ``values``: fields not in it are removed (each change logged)."""
    with transaction(db):
        for fid in sorted(set(get_values(db, assessment_id)) - set(values)):
            set_value(db, assessment_id, fid, None, who=who)
        for fid, v in values.items():
            set_value(db, assessment_id, fid, v, who=who)


def save_assessment(db: sqlite_utils.Database, a: Assessment, *, who: str | None = None) -> tuple[int, bool]:
    """Import an assessment: upsert the plant, create or update the draft for its period.

    Returns (assessment id, created). All or nothing: one transaction.
    """
    with transaction(db):
        plant_id = upsert_plant(db, a.plant, who=who)
        existing = find_assessment(db, plant_id, a.period)
        created = existing is None
        if existing is None:
            aid = create_assessment(db, plant_id, a.period, a.assessor, who=who, standards=a.standards)
        else:
            aid = existing.id
            ensure_editable(db, aid)
            set_assessor(db, aid, a.assessor, who=who)
            set_standards(db, aid, a.standards, who=who)
        replace_values(db, aid, stored_values(a), who=who)
        merge_dross_records(db, plant_id, a.dross, who=who, source={"assessment": aid})
        return aid, created


def merge_dross_records(db: sqlite_utils.Database, plant_id: int, dross: dict[str, Any] | None, *,
                        who: str | None = None, source: Any = "assessment") -> int:
    """The plant-level dross records an assessment carries (receivers, ledger, filings): merged into
    the plant's, never replacing them. Returns how many ledger entries were new (logged as one
    bulk entry naming ``source``); 0 without a dross section."""
    if not dross:
        return 0
    with transaction(db):
        for r in dross.get("receivers") or []:
            upsert_receiver(db, plant_id, r, who=who)
        for f in dross.get("filings") or []:
            upsert_filing(db, plant_id, f, who=who)
        return add_ledger_entries(db, plant_id, dross.get("ledger") or [], source, who=who)


# ---- dross filings (declarations and ledger filings; here since an assessment carries them) ------

def list_filings(db: sqlite_utils.Database, plant_id: int) -> list[dict[str, Any]]:
    return [{"kind": k, "period": p, "date": d} for k, p, d in db.execute(
        "SELECT kind, period, date FROM dross_filings WHERE plant_id = ? ORDER BY kind, period", [plant_id]).fetchall()]


def filing_id(db: sqlite_utils.Database, plant_id: int, kind: str, period: str) -> int | None:
    row = db.execute("SELECT id FROM dross_filings WHERE plant_id = ? AND kind = ? AND period = ?",
                     [plant_id, kind, period]).fetchone()
    return row[0] if row else None


def upsert_filing(db: sqlite_utils.Database, plant_id: int, f: dict[str, Any], *, who: str | None = None) -> None:
    if f.get("kind") not in ("declaration", "ledger"):
        raise InputError("bad_choice", "kind", value=f.get("kind"), choices="declaration/ledger")
    with transaction(db):
        fid = filing_id(db, plant_id, f["kind"], f["period"])
        before = audit.snapshot(db, "dross_filings", fid) if fid is not None else None
        db.execute("INSERT INTO dross_filings (plant_id, kind, period, date, note) VALUES (?,?,?,?,?) "
                   "ON CONFLICT(plant_id, kind, period) DO UPDATE SET date = excluded.date, note = excluded.note",
                   [plant_id, f["kind"], f["period"], f["date"], f.get("note") or ""])
        if fid is None:
            fid = filing_id(db, plant_id, f["kind"], f["period"])
        audit.log_record(db, "dross_filings", fid, before, who=who)  # type: ignore[arg-type]



# ---- dross receivers and ledger ---------------------------------------------------------------

def receiver_columns(r: dict[str, Any]) -> dict[str, Any]:
    """A receiver's stored columns (but its plant)."""
    return {"name": r["name"], "licence_no": r.get("licence_no") or "",
            "codes": json.dumps(list(r.get("codes") or []), ensure_ascii=False),
            "valid_from": r.get("valid_from"), "valid_to": r.get("valid_to")}


def upsert_receiver(db: sqlite_utils.Database, plant_id: int, r: dict[str, Any], *, who: str | None = None) -> int:
    with transaction(db):
        row = {"plant_id": plant_id, **receiver_columns(r)}
        found = db.execute("SELECT id FROM dross_receivers WHERE plant_id = ? AND name = ? AND licence_no = ?",
                           [plant_id, row["name"], row["licence_no"]]).fetchone()
        if found:
            with audit.logged(db, "dross_receivers", found[0], who=who):
                db.table("dross_receivers").update(found[0], row)
            return found[0]
        rid = insert_row(db, "dross_receivers", row)
        audit.log_record(db, "dross_receivers", rid, None, who=who)
        return rid


def list_receivers(db: sqlite_utils.Database, plant_id: int) -> list[dict[str, Any]]:
    out = []
    for r in db.query("SELECT * FROM dross_receivers WHERE plant_id = ? ORDER BY name", [plant_id]):
        out.append({"name": r["name"], "licence_no": r["licence_no"], "codes": json.loads(r["codes"]),
                    "valid_from": r["valid_from"], "valid_to": r["valid_to"]})
    return out


LEDGER_COLUMNS = ("date", "code", "kind", "movement", "quantity_t", "container", "receiver", "manifest_no", "note")


def fingerprint_base(entry: dict[str, Any]) -> str:
    """The identifying text of a ledger row (every column but the note)."""
    return "\x1f".join(str(entry.get(k) or "") if k != "quantity_t" else encode(Decimal(str(entry[k])))
                       for k in LEDGER_COLUMNS if k != "note")


def fingerprint(entry: dict[str, Any], occurrence: int = 1, *, base: str | None = None) -> str:
    """Identity of a ledger row for duplicate detection; the n-th identical row gets occurrence n."""
    text = (fingerprint_base(entry) if base is None else base) + "\x1f" + str(occurrence)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


LEDGER_INSERT = (f"INSERT OR IGNORE INTO dross_ledger (plant_id, {', '.join(LEDGER_COLUMNS)}, fingerprint, "
                 "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")


def ledger_values(e: dict[str, Any]) -> tuple:
    """An entry's stored columns, in ``LEDGER_COLUMNS`` order."""
    return (e["date"], e["code"], e["kind"], e["movement"], float(e["quantity_t"]), e.get("container") or "",
            e.get("receiver") or "", e.get("manifest_no") or "", e.get("note") or "")


def add_ledger_entries(db: sqlite_utils.Database, plant_id: int, entries: list[dict[str, Any]],
                       source: Any = "assessment", *, who: str | None = None) -> int:
    """Insert validated entries, skipping ones already stored (same fingerprint). Returns how many
    were added; they are logged as one bulk entry naming ``source``.

    The n-th of several identical rows in one batch gets occurrence n in its fingerprint, so two
    genuinely identical rows are both kept while a second import of the same rows adds nothing.
    """
    seen: dict[str, int] = {}
    rows = []
    ts = now()
    for e in entries:
        base = fingerprint_base(e)
        n = seen[base] = seen.get(base, 0) + 1
        rows.append((plant_id, *ledger_values(e), fingerprint(e, n, base=base), ts))
    if not rows:
        return 0
    with transaction(db):
        last = audit.last_ledger_id(db)
        db.conn.executemany(LEDGER_INSERT, rows)
        return audit.log_ledger_rows(db, plant_id, last, source, who=who)


def ledger_rows(db: sqlite_utils.Database, plant_id: int, *, since: str | None = None,
                until: str | None = None) -> list[tuple]:
    """Raw rows (id, date, code, kind, movement, quantity_t, container, receiver, manifest_no, note) by date."""
    sql = f"SELECT id, {', '.join(LEDGER_COLUMNS)} FROM dross_ledger WHERE plant_id = ?"
    args: list[Any] = [plant_id]
    if since:
        sql += " AND date >= ?"
        args.append(since)
    if until:
        sql += " AND date <= ?"
        args.append(until)
    return db.execute(sql + " ORDER BY date, id", args).fetchall()


def list_ledger(db: sqlite_utils.Database, plant_id: int, *, since: str | None = None,
                until: str | None = None, with_ids: bool = False) -> list[dict[str, Any]]:
    out = []
    for r in ledger_rows(db, plant_id, since=since, until=until):
        e = {k: v for k, v in zip(LEDGER_COLUMNS, r[1:], strict=True) if v not in ("", None)}
        e["quantity_t"] = Decimal(repr(e["quantity_t"]))
        if with_ids:
            e["id"] = r[0]
        out.append(e)
    return out


# ---- issued reports ---------------------------------------------------------------------------

def record_report(db: sqlite_utils.Database, assessment_id: int, *, report_id: str, pdf_sha256: str,
                  data_sha256: str, lang: str, signer: str = "", signer_cert_sha256: str = "",
                  mark_signed: bool = False, pdf: bytes | None = None) -> int:
    """Record an issued report; a signed one also marks the assessment signed (one transaction) and
    keeps its signed PDF (``pdf``), which bundles of the assessment carry.

    The same report issued again (its id is made from the data, the language and the day: e.g. saved
    unsigned, then signed) updates its record instead of adding one; a signed record is never
    replaced by an unsigned copy."""
    record = {"assessment_id": assessment_id, "report_id": report_id, "pdf_sha256": pdf_sha256,
              "data_sha256": data_sha256, "lang": lang, "signed": int(mark_signed), "signer": signer,
              "signer_cert_sha256": signer_cert_sha256, "created_at": now()}
    with transaction(db):
        row = get_row(db, assessment_id)
        if mark_signed and row.status != "signed":
            set_status(db, assessment_id, "signed", who=signer or None)
        earlier = list(db.query("SELECT id, signed FROM issued_reports WHERE report_id = ?", [report_id]))
        if not earlier:
            pk = insert_row(db, "issued_reports", record)
        else:
            pk = int(earlier[0]["id"])
            if mark_signed or not earlier[0]["signed"]:
                db.table("issued_reports").update(pk, record)
        if mark_signed and pdf is not None:
            db.execute("INSERT OR REPLACE INTO signed_report_pdfs (report_id, pdf) VALUES (?, ?)", [report_id, pdf])
        return pk


def signed_report_pdf(db: sqlite_utils.Database, assessment_id: int) -> bytes | None:
    """The signed PDF of the assessment's latest signed report, when the database has it."""
    row = db.execute("SELECT p.pdf FROM issued_reports r JOIN signed_report_pdfs p ON p.report_id = r.report_id "
                     "WHERE r.assessment_id = ? AND r.signed = 1 ORDER BY r.id DESC LIMIT 1",
                     [assessment_id]).fetchone()
    return bytes(row[0]) if row else None


def list_reports(db: sqlite_utils.Database, assessment_id: int | None = None) -> list[dict[str, Any]]:
    sql, args = "SELECT * FROM issued_reports", []
    if assessment_id is not None:
        sql += " WHERE assessment_id = ?"
        args.append(assessment_id)
    return list(db.query(sql + " ORDER BY id", args))
