"""The SQLite store: pragmas, schema version, repositories, import all-or-nothing."""

import sqlite3

import pytest

from alassess.domain.assessment import parse_assessment
from alassess.domain.errors import AlAssessError, StateError
from alassess.store import migrations, repo
from alassess.store.db import open_db, schema_version
from tests.conftest import make_doc


def test_new_database_is_wal_with_foreign_keys_and_versioned(db_path):
    db = open_db(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert schema_version(db) == migrations.latest()
    assert {"plants", "assessments", "field_values", "dross_ledger", "dross_receivers"} <= set(db.table_names())


def test_database_newer_than_the_code_is_refused(db_path):
    open_db(db_path).conn.close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.latest() + 1}")
    conn.close()
    with pytest.raises(AlAssessError) as ei:
        open_db(db_path)
    assert ei.value.key == "db_too_new"


def test_not_a_database(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not a database" * 100)
    with pytest.raises(AlAssessError):
        open_db(p)


def test_values_keep_their_type_unit_and_time(db_path):
    db = open_db(db_path)
    a = parse_assessment(make_doc("electrolytic", {"energy_output": 0.56, "env_performance_grade": "B",
                                                   "new_or_expansion_project": False}))
    aid, created = repo.save_assessment(db, a)
    assert created
    row = db.execute("SELECT unit, changed_at FROM field_values WHERE assessment_id=? AND field_id='energy_output'",
                     [aid]).fetchone()
    assert row[0] == "t/tce" and row[1]
    loaded = repo.load_assessment(db, aid)
    assert loaded.values == a.values


def test_signed_assessment_refuses_edits(db_path):
    db = open_db(db_path)
    aid, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.5})))
    repo.set_status(db, aid, "signed")
    with pytest.raises(StateError):
        repo.set_value(db, aid, "energy_output", None)
    with pytest.raises(StateError):
        repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.6})))
    assert repo.get_values(db, aid)["energy_output"] == 0.5 or float(repo.get_values(db, aid)["energy_output"]) == 0.5


def test_failed_import_leaves_nothing(db_path):
    db = open_db(db_path)
    doc = make_doc("electrolytic", {"energy_output": 0.5})
    a = parse_assessment(doc)
    a.values["not_a_field"] = 1  # passes the parser's back door, fails inside the transaction
    with pytest.raises(KeyError):
        repo.save_assessment(db, a)
    assert db["plants"].count == 0 and db["assessments"].count == 0 and db["field_values"].count == 0


def test_ledger_duplicates_are_recognised(db_path):
    db = open_db(db_path)
    doc = make_doc("electrolytic", dross={"ledger": [
        {"date": "2025-01-05", "code": "321-024-48", "kind": "primary", "movement": "generated", "quantity_t": 5},
        {"date": "2025-01-05", "code": "321-024-48", "kind": "primary", "movement": "generated", "quantity_t": 5},
    ]})
    a = parse_assessment(doc)
    repo.save_assessment(db, a)
    repo.save_assessment(db, a)
    # two identical rows in one file are two real entries; the second import adds nothing
    assert db["dross_ledger"].count == 2


def test_demo_is_idempotent(tmp_path):
    from alassess.services.demo import create_demo

    first = create_demo(tmp_path / "d.db")
    second = create_demo(tmp_path / "d.db")
    assert first == second
    assert first["plants"] == 4 and first["assessments"] == 12 and first["ledger"] > 100


def test_a_database_path_that_cannot_be_opened_is_not_called_damaged(tmp_path, write_doc, doc_factory, capsys):
    """A folder that is a file, or a path SQLite cannot open: one line 'cannot open', never 'damaged'."""
    from alassess.cli import main

    src = write_doc(doc_factory("electrolytic", {"solid_waste_utilization_pct": 70}))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    for db in (blocker / "a.db", tmp_path):  # below a file; a directory
        assert main(["import", str(src), "--db", str(db)]) == 2
        err = capsys.readouterr().err.strip()
        assert "cannot open database" in err and "damaged" not in err and len(err.splitlines()) == 1, err
