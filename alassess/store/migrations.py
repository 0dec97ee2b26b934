"""Schema migrations. Each is a function taking the database; its number is its schema version.

Never edit a released migration: add the next one. Tests upgrade fixtures of every released
version (``tests/fixtures/schema_v*.sql``) and check the data survives.

Numbers are taken per area so that work on different areas never collides:
1 core (plants, assessments, values, dross ledger and receivers) · 2 dross management ·
3 labels (serial numbers) · 4 reliability (audit log, attachments, revisions) · 5 issued reports ·
6 reliability (plant-level records in the audit log) · 7 and up: the next free number, in the order they land.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

import sqlite_utils

from alassess.store import audit

MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {}
CREATES: dict[int, tuple[str, ...]] = {}  # the tables a migration creates (to recognise it in old files)
LEDGER = "schema_migrations"


def migration(version: int, creates: tuple[str, ...] = ()):
    def register(fn):
        MIGRATIONS[version] = fn
        CREATES[version] = creates
        return fn

    return register


def latest() -> int:
    return max(MIGRATIONS)


def _tables(db: sqlite_utils.Database | sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}


def applied(db: sqlite_utils.Database | sqlite3.Connection) -> set[int]:
    """The migrations this database has had.

    Recorded in ``schema_migrations`` since it exists. A database from before that table is read
    from its ``user_version`` and its tables: a migration up to that version counts as applied when
    the tables it creates are there. (Numbers are taken per area, so areas may land out of order: a
    file at version 5 made before migration 4 existed has not had 4, and gets it now.)
    """
    tables = _tables(db)
    if LEDGER in tables:
        return {r[0] for r in db.execute(f"SELECT version FROM {LEDGER}").fetchall()}
    current = db.execute("PRAGMA user_version").fetchone()[0]
    return {v for v in MIGRATIONS if v <= current and all(t in tables for t in CREATES.get(v, ()))}


def pending(db: sqlite_utils.Database | sqlite3.Connection) -> list[int]:
    """The known migrations this database has not had, in the order they are applied (by number)."""
    return sorted(set(MIGRATIONS) - applied(db))


def needs_upgrade(db: sqlite_utils.Database | sqlite3.Connection) -> bool:
    """A migration is pending, or the file predates the record of applied migrations."""
    return LEDGER not in _tables(db) or bool(pending(db))


def upgrade(db: sqlite_utils.Database) -> list[int]:
    """Apply every pending migration, each in its own transaction; returns the versions applied.

    ``PRAGMA user_version`` holds the highest version applied (what older builds compare with).
    """
    conn = db.conn
    todo = pending(db)
    if LEDGER not in _tables(db):
        done = applied(db)
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {LEDGER} (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            conn.executemany(f"INSERT OR IGNORE INTO {LEDGER} (version, applied_at) VALUES (?, '')",
                             [(v,) for v in sorted(done)])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    out = []
    for version in todo:
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            conn.execute(f"INSERT INTO {LEDGER} (version, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ'))",
                         [version])
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA user_version = {int(max(current, version))}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        out.append(version)
    return out


@migration(1, creates=("plants", "assessments", "field_values", "dross_receivers", "dross_ledger"))
def _v1(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE plants (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            credit_code TEXT,
            sector TEXT NOT NULL CHECK (sector IN ('alumina','electrolytic','recycled','processing')),
            region TEXT NOT NULL DEFAULT '',
            key_region INTEGER NOT NULL DEFAULT 0,
            address TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""")
    db.execute("CREATE UNIQUE INDEX plants_credit_code ON plants(credit_code) WHERE credit_code IS NOT NULL AND credit_code <> ''")
    db.execute("""
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            plant_id INTEGER NOT NULL REFERENCES plants(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            assessor_name TEXT NOT NULL DEFAULT '',
            assessor_organisation TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final','signed')),
            revision INTEGER NOT NULL DEFAULT 1,
            parent_id INTEGER REFERENCES assessments(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            signed_at TEXT
        )""")
    db.execute("CREATE UNIQUE INDEX assessments_plant_period_rev ON assessments(plant_id, period, revision)")
    db.execute("""
        CREATE TABLE field_values (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            field_id TEXT NOT NULL,
            value TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            changed_at TEXT NOT NULL,
            PRIMARY KEY (assessment_id, field_id)
        )""")
    db.execute("""
        CREATE TABLE dross_receivers (
            id INTEGER PRIMARY KEY,
            plant_id INTEGER NOT NULL REFERENCES plants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            licence_no TEXT NOT NULL DEFAULT '',
            codes TEXT NOT NULL DEFAULT '[]',
            valid_from TEXT,
            valid_to TEXT,
            UNIQUE (plant_id, name, licence_no)
        )""")
    db.execute("""
        CREATE TABLE dross_ledger (
            id INTEGER PRIMARY KEY,
            plant_id INTEGER NOT NULL REFERENCES plants(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            code TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('primary','secondary')),
            movement TEXT NOT NULL CHECK (movement IN ('generated','self_utilized','transferred','disposed','adjustment')),
            quantity_t REAL NOT NULL,
            container TEXT NOT NULL DEFAULT '',
            receiver TEXT NOT NULL DEFAULT '',
            manifest_no TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (plant_id, fingerprint)
        )""")
    db.execute("CREATE INDEX dross_ledger_plant_date ON dross_ledger(plant_id, date)")
    db.execute("CREATE INDEX dross_ledger_plant_code_kind ON dross_ledger(plant_id, code, kind, date)")


@migration(2, creates=("dross_containers", "dross_filings", "dross_ledger_monthly"))
def _v2_dross_management(db: sqlite_utils.Database) -> None:
    """Containers, declaration/ledger filings, and monthly ledger totals for summaries (idempotent)."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS dross_containers (
            id INTEGER PRIMARY KEY,
            plant_id INTEGER NOT NULL REFERENCES plants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            type TEXT NOT NULL DEFAULT '',
            capacity_l REAL,
            code TEXT NOT NULL DEFAULT '',
            location TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (plant_id, name)
        )""")
    db.execute("""
        CREATE TABLE IF NOT EXISTS dross_filings (
            id INTEGER PRIMARY KEY,
            plant_id INTEGER NOT NULL REFERENCES plants(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('declaration','ledger')),
            period TEXT NOT NULL,
            date TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (plant_id, kind, period)
        )""")
    # monthly totals per code and kind, kept by triggers: a summary over millions of rows reads a few
    # hundred rows. They replace the (plant, code, kind, date) index, which only summaries used and
    # which every insert had to maintain.
    db.execute("DROP INDEX IF EXISTS dross_ledger_plant_code_kind")
    db.execute("""
        CREATE TABLE IF NOT EXISTS dross_ledger_monthly (
            plant_id INTEGER NOT NULL,
            code TEXT NOT NULL,
            kind TEXT NOT NULL,
            month TEXT NOT NULL,
            generated REAL NOT NULL DEFAULT 0,
            self_utilized REAL NOT NULL DEFAULT 0,
            transferred REAL NOT NULL DEFAULT 0,
            disposed REAL NOT NULL DEFAULT 0,
            adjustment REAL NOT NULL DEFAULT 0,
            entries INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (plant_id, code, kind, month)
        ) WITHOUT ROWID""")
    cols = "plant_id, code, kind, month, generated, self_utilized, transferred, disposed, adjustment, entries"

    def amounts(ref: str) -> str:
        return ", ".join(f"CASE WHEN {ref}.movement = '{m}' THEN {ref}.quantity_t ELSE 0 END"
                         for m in ("generated", "self_utilized", "transferred", "disposed", "adjustment"))

    add = (f"INSERT INTO dross_ledger_monthly ({cols}) VALUES (NEW.plant_id, NEW.code, NEW.kind, substr(NEW.date, 1, 7), "
           f"{amounts('NEW')}, 1) ON CONFLICT (plant_id, code, kind, month) DO UPDATE SET "
           "generated = generated + excluded.generated, self_utilized = self_utilized + excluded.self_utilized, "
           "transferred = transferred + excluded.transferred, disposed = disposed + excluded.disposed, "
           "adjustment = adjustment + excluded.adjustment, entries = entries + 1;")
    neg = [a.replace("THEN OLD.quantity_t", "THEN -OLD.quantity_t") for a in amounts("OLD").split(", ")]
    remove = ("UPDATE dross_ledger_monthly SET "
              f"generated = generated + {neg[0]}, self_utilized = self_utilized + {neg[1]}, "
              f"transferred = transferred + {neg[2]}, disposed = disposed + {neg[3]}, "
              f"adjustment = adjustment + {neg[4]}, entries = entries - 1 "
              "WHERE plant_id = OLD.plant_id AND code = OLD.code AND kind = OLD.kind AND month = substr(OLD.date, 1, 7); "
              "DELETE FROM dross_ledger_monthly WHERE plant_id = OLD.plant_id AND code = OLD.code AND kind = OLD.kind "
              "AND month = substr(OLD.date, 1, 7) AND entries <= 0;")
    db.execute(f"CREATE TRIGGER IF NOT EXISTS dross_ledger_monthly_ins AFTER INSERT ON dross_ledger BEGIN {add} END")
    db.execute(f"CREATE TRIGGER IF NOT EXISTS dross_ledger_monthly_del AFTER DELETE ON dross_ledger BEGIN {remove} END")
    db.execute("CREATE TRIGGER IF NOT EXISTS dross_ledger_monthly_upd AFTER UPDATE OF plant_id, date, code, kind, movement, quantity_t "
               f"ON dross_ledger BEGIN {remove} {add} END")
    db.execute("DELETE FROM dross_ledger_monthly")  # (re)built from the rows: safe to run again
    db.execute(f"INSERT INTO dross_ledger_monthly ({cols}) SELECT plant_id, code, kind, substr(date, 1, 7), "
               + ", ".join(f"SUM({a})" for a in amounts("dross_ledger").split(", "))
               + ", count(*) FROM dross_ledger GROUP BY plant_id, code, kind, substr(date, 1, 7)")


@migration(3, creates=("label_serials", "label_batches"))
def _v3_label_serials(db: sqlite_utils.Database) -> None:
    """Label serial numbers: the last serial issued per unit (credit code), waste code and date, so
    that the identification code of a label is never issued twice; and a log of the batches."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS label_serials (
            credit_code TEXT NOT NULL,
            waste_code TEXT NOT NULL,
            date TEXT NOT NULL,
            last_serial INTEGER NOT NULL CHECK (last_serial BETWEEN 0 AND 999),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (credit_code, waste_code, date)
        )""")
    db.execute("""
        CREATE TABLE IF NOT EXISTS label_batches (
            id INTEGER PRIMARY KEY,
            credit_code TEXT NOT NULL,
            waste_code TEXT NOT NULL,
            date TEXT NOT NULL,
            first_serial INTEGER NOT NULL,
            last_serial INTEGER NOT NULL,
            copies_per_serial INTEGER NOT NULL DEFAULT 1,
            plant_id INTEGER,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX IF NOT EXISTS label_batches_unit ON label_batches(credit_code, date)")


@migration(5, creates=("issued_reports",))
def _v5_issued_reports(db: sqlite_utils.Database) -> None:
    """A record of every report issued from the database (which assessment, which PDF, who signed)."""
    db.execute("""
        CREATE TABLE issued_reports (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            report_id TEXT NOT NULL UNIQUE,
            pdf_sha256 TEXT NOT NULL,
            data_sha256 TEXT NOT NULL,
            lang TEXT NOT NULL DEFAULT 'zh',
            signed INTEGER NOT NULL DEFAULT 0,
            signer TEXT NOT NULL DEFAULT '',
            signer_cert_sha256 TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX issued_reports_assessment ON issued_reports(assessment_id)")


@migration(4, creates=("store_meta", "audit_log", "attachments", "bundle_exchanges"))
def _v4_reliability(db: sqlite_utils.Database) -> None:
    """Audit log (hash-chained, append-only), attachments, bundle exchanges, the database's identity;
    signed assessments become read-only in the database itself (triggers)."""
    db.execute("CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO store_meta (key, value) VALUES ('database_id', ?)", [str(uuid.uuid4())])
    db.execute("""
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            assessment_id INTEGER,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX audit_log_assessment ON audit_log(assessment_id, id)")
    for action in ("UPDATE", "DELETE"):
        db.execute(f"""
            CREATE TRIGGER audit_log_no_{action.lower()} BEFORE {action} ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""")
    db.execute("""
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            field_id TEXT,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL
        )""")
    db.execute("CREATE UNIQUE INDEX attachments_unique ON attachments(assessment_id, ifnull(field_id, ''), sha256)")
    db.execute("""
        CREATE TABLE bundle_exchanges (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            direction TEXT NOT NULL CHECK (direction IN ('export', 'import')),
            content_sha256 TEXT NOT NULL,
            bundle_sha256 TEXT NOT NULL DEFAULT '',
            origin_db TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            who TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX bundle_exchanges_assessment ON bundle_exchanges(assessment_id)")
    signed = "'assessment is signed: amend it to create a new revision'"
    for action, ref in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
        db.execute(f"""
            CREATE TRIGGER field_values_signed_{action.lower()} BEFORE {action} ON field_values
            WHEN (SELECT status FROM assessments WHERE id = {ref}.assessment_id) = 'signed'
            BEGIN SELECT RAISE(ABORT, {signed}); END""")
    for action, ref in (("INSERT", "NEW"), ("DELETE", "OLD")):
        db.execute(f"""
            CREATE TRIGGER attachments_signed_{action.lower()} BEFORE {action} ON attachments
            WHEN (SELECT status FROM assessments WHERE id = {ref}.assessment_id) = 'signed'
            BEGIN SELECT RAISE(ABORT, {signed}); END""")
    for action in ("UPDATE", "DELETE"):
        db.execute(f"""
            CREATE TRIGGER assessments_signed_{action.lower()} BEFORE {action} ON assessments
            WHEN OLD.status = 'signed'
            BEGIN SELECT RAISE(ABORT, {signed}); END""")
    audit.baseline(db, "(schema upgrade 4)")


@migration(6)
def _v6_audit_plant_records(db: sqlite_utils.Database) -> None:
    """Plant details and the dross records (receivers, containers, filings, ledger) enter the audit
    log: their current state is logged once, as migration 4 did for assessments. No table changes."""
    audit.baseline_records(db, "(schema upgrade 6)")


# The editions every assessment stored before migration 8 was scored with: the editions this
# migration was released with (the first that were recorded). Fixed here, not "the current ones": a
# database upgraded years later must record what its assessments were scored with then.
EDITIONS_BEFORE_8 = {"circular_economy": "2015-draft", "guideline": "2006-draft", "energy_carbon": "2024-972",
                     "dross": "cq-2023-draft", "fields": "2"}


@migration(8, creates=("assessment_editions",))
def _v8_assessment_editions(db: sqlite_utils.Database) -> None:
    """The edition of each reference-data file an assessment is scored with (DOMAIN §8 "Editions"),
    one row per module; read-only once the assessment is signed, as its values. Existing assessments
    get :data:`EDITIONS_BEFORE_8`, logged in the audit log as ``@standards``."""
    db.execute("""
        CREATE TABLE assessment_editions (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            module TEXT NOT NULL,
            edition TEXT NOT NULL,
            PRIMARY KEY (assessment_id, module)
        )""")
    at = audit.now()
    for (aid,) in db.execute("SELECT id FROM assessments ORDER BY id").fetchall():
        db.conn.executemany("INSERT INTO assessment_editions (assessment_id, module, edition) VALUES (?, ?, ?)",
                            [(aid, m, e) for m, e in sorted(EDITIONS_BEFORE_8.items())])
        audit.record(db, aid, "@standards", None, audit.standards_text(EDITIONS_BEFORE_8), who="(schema upgrade 8)",
                     at=at)
    signed = "'assessment is signed: amend it to create a new revision'"
    for action, ref in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
        db.execute(f"""
            CREATE TRIGGER assessment_editions_signed_{action.lower()} BEFORE {action} ON assessment_editions
            WHEN (SELECT status FROM assessments WHERE id = {ref}.assessment_id) = 'signed'
            BEGIN SELECT RAISE(ABORT, {signed}); END""")


@migration(9, creates=("signed_report_pdfs",))
def _v9_signed_report_pdfs(db: sqlite_utils.Database) -> None:
    """The signed PDF of every report signed from the database, kept so that a bundle of a signed
    assessment carries the proof of its signature (a bundle's "signed" status is accepted only with
    the signed report inside it, verified on import)."""
    db.execute("""
        CREATE TABLE signed_report_pdfs (
            report_id TEXT PRIMARY KEY REFERENCES issued_reports(report_id) ON DELETE CASCADE,
            pdf BLOB NOT NULL
        )""")


@migration(10, creates=("score_summaries",))
def _v10_score_summaries(db: sqlite_utils.Database) -> None:
    """Each assessment's score summary (index, grade) with the key of the data it was computed from
    and of the standards' editions it was scored with: the list of assessments reads it in one query
    and rescores an assessment only when its data or the editions change. A cache: deleting a row
    only costs a rescore."""
    db.execute("""
        CREATE TABLE score_summaries (
            assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
            data_key TEXT NOT NULL,
            editions_key TEXT NOT NULL,
            grade TEXT,
            score_index REAL
        )""")
