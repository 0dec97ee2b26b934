"""The list of assessments reads each one's stored score summary and rescores an assessment only
when its data or the standards' editions changed."""

from __future__ import annotations

from alassess.domain import circular
from alassess.domain.assessment import parse_assessment
from alassess.services import records
from alassess.store import repo
from alassess.store.db import open_db
from tests.conftest import make_doc


def _db(path):
    db = open_db(path)
    aid, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.5})))
    db.conn.close()
    return aid


def _count_scores(monkeypatch):
    calls = []
    real = circular.score

    def spy(a):
        calls.append(a)
        return real(a)

    monkeypatch.setattr(circular, "score", spy)
    return calls


def _expected(path, aid):
    db = open_db(path)
    try:
        res = circular.score(repo.load_assessment(db, aid, with_ledger=False))
    finally:
        db.conn.close()
    return res.grade, float(res.index)


def test_list_rescores_only_when_the_data_or_the_editions_change(db_path, monkeypatch):
    aid = _db(db_path)
    calls = _count_scores(monkeypatch)
    first = records.overview(db_path)
    assert len(calls) == 1 and (first[0]["grade"], first[0]["index"]) == _expected(db_path, aid)
    calls.clear()
    assert records.overview(db_path) == first and calls == []  # stored: one query, no rescoring
    db = open_db(db_path)
    repo.set_value(db, aid, "energy_output", 0.9)
    db.conn.close()
    calls.clear()
    changed = records.overview(db_path)
    assert len(calls) == 1 and (changed[0]["grade"], changed[0]["index"]) == _expected(db_path, aid)
    assert changed[0]["index"] != first[0]["index"]
    calls.clear()
    monkeypatch.setattr(records, "editions_key", lambda: "another edition")
    assert records.overview(db_path) == changed and len(calls) == 1  # scored again with the new editions
    calls.clear()
    records.overview(db_path)
    assert calls == []


def test_a_plant_change_rescores_and_a_read_only_database_still_lists(db_path, monkeypatch):
    aid = _db(db_path)
    records.overview(db_path)
    db = open_db(db_path)
    db.execute("UPDATE plants SET key_region = 1")
    db.execute("DELETE FROM score_summaries")
    db.conn.close()
    calls = _count_scores(monkeypatch)
    monkeypatch.setattr("alassess.store.summaries.store", lambda db, rows: (_ for _ in ()).throw(
        __import__("sqlite3").OperationalError("attempt to write a readonly database")))
    got = records.overview(db_path)
    assert len(calls) == 1 and (got[0]["grade"], got[0]["index"]) == _expected(db_path, aid)


def test_list_does_not_wait_for_another_programs_write_lock(db_path):
    import sqlite3
    import time

    aid = _db(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        t0 = time.perf_counter()
        got = records.overview(db_path)
        assert time.perf_counter() - t0 < 4  # not the 5 s busy wait
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert (got[0]["grade"], got[0]["index"]) == _expected(db_path, aid)
