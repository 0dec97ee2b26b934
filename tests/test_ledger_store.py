"""The dross ledger in the store: schema v2, summaries in SQL, single edits, receivers, checks as of a date."""

from __future__ import annotations

import sqlite3

import pytest

from alassess.domain.assessment import Plant, parse_assessment
from alassess.domain.errors import InputError, NotFoundError
from alassess.services import dross
from alassess.store import dross as store
from alassess.store import migrations, repo
from alassess.store.db import open_db
from tests.conftest import make_doc

E = "321-024-48"


def _plant(db_path, sector="electrolytic", name="测试电解铝厂") -> int:
    db = open_db(db_path)
    try:
        return repo.upsert_plant(db, Plant(name=name, sector=sector, region="重庆市"))
    finally:
        db.conn.close()


def _add(db_path, pid, rows):
    db = open_db(db_path)
    try:
        return store.insert_entries(db, pid, [dross.validate_entry(r) for r in rows])
    finally:
        db.conn.close()


def row(date, movement, q, kind="primary", code=E, **kw):
    return {"date": date, "code": code, "kind": kind, "movement": movement, "quantity_t": q, **kw}


LEDGER = [
    row("2024-12-20", "generated", "30"),            # opening 2025: 30 − 10 = 20
    row("2024-12-28", "transferred", "10", receiver="绿环", manifest_no="M0"),
    row("2025-01-05", "generated", "100"),
    row("2025-02-10", "self_utilized", "60"),
    row("2025-02-11", "generated", "40", kind="secondary"),
    row("2025-03-31", "transferred", "25", receiver="绿环", manifest_no="M1"),
    row("2025-04-01", "transferred", "30", kind="secondary", receiver="绿环", manifest_no="M2"),
    row("2025-05-01", "disposed", "4"),
    row("2025-06-30", "adjustment", "-1.5"),
    row("2026-01-01", "generated", "7"),              # after 2025: not in the 2025 summary
]


def test_schema_v2_tables_and_summary_plan(db_path):
    db = open_db(db_path)
    assert {"dross_containers", "dross_filings", "dross_ledger_monthly"} <= set(db.table_names())
    idx = {r[1] for r in db.execute("PRAGMA index_list('dross_ledger')").fetchall()}
    assert "dross_ledger_plant_code_kind" not in idx and "dross_ledger_plant_date" in idx
    plan = " ".join(str(r) for r in db.execute("EXPLAIN QUERY PLAN " + store.MONTHLY_SQL,
                                               {"plant": 1, "start": "2025-01", "end": "2025-12"}).fetchall())
    assert "dross_ledger_monthly" in plan and "TEMP B-TREE" not in plan


def test_upgrade_from_v1_keeps_the_ledger(tmp_path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    migrations.MIGRATIONS[1](db)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO plants (name, sector, created_at, updated_at) VALUES ('老厂', 'recycled', 'x', 'x')")
    conn.execute("INSERT INTO dross_ledger (plant_id, date, code, kind, movement, quantity_t, fingerprint, created_at) "
                 "VALUES (1, '2025-01-01', '321-026-48', 'primary', 'generated', 3.5, 'fp', 'x')")
    conn.commit()
    conn.close()
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.latest()
    assert store.summary(db, 1, "2025-01-01", "2025-12-31")[0]["generated_t"] == 3.5  # monthly totals backfilled


def test_summary_year_by_hand(db_path):
    pid = _plant(db_path)
    assert _add(db_path, pid, LEDGER) == len(LEDGER)
    s = dross.summary(db_path, pid, "2025")
    prim, sec = s["rows"]
    assert (prim["kind"], sec["kind"]) == ("primary", "secondary")
    assert prim["opening_t"] == 20 and prim["generated_t"] == 100 and prim["self_utilized_t"] == 60
    assert prim["transferred_t"] == 25 and prim["disposed_t"] == 4 and prim["adjustment_t"] == -1.5
    assert prim["closing_t"] == 29.5  # 20 + 100 − 60 − 25 − 4 − 1.5
    assert (sec["opening_t"], sec["generated_t"], sec["transferred_t"], sec["closing_t"]) == (0, 40, 30, 10)


def test_summary_quarters_chain(db_path):
    pid = _plant(db_path)
    _add(db_path, pid, LEDGER)
    q1 = dross.summary(db_path, pid, "2025Q1")["rows"][0]
    q2 = dross.summary(db_path, pid, "2025q2")["rows"][0]
    assert (q1["opening_t"], q1["generated_t"], q1["self_utilized_t"], q1["transferred_t"], q1["closing_t"]) == \
        (20, 100, 60, 25, 35)
    assert q2["opening_t"] == q1["closing_t"] and q2["closing_t"] == 29.5
    assert dross.summary(db_path, pid, "2026")["rows"][0]["opening_t"] == 29.5


def test_monthly_totals_follow_every_edit(db_path):
    """The trigger-kept monthly totals always equal the summary computed from the rows."""
    pid = _plant(db_path)
    _add(db_path, pid, LEDGER)
    ids = [e["id"] for e in dross.list_entries(db_path, pid)]
    dross.update_entry(db_path, pid, ids[2], row("2025-04-05", "generated", "90", kind="secondary"))
    dross.delete_entry(db_path, pid, ids[5])
    dross.add_entry(db_path, pid, row("2025-12-31", "disposed", "0.25"))
    db = open_db(db_path)
    for start, end in (("2025-01-01", "2025-12-31"), ("2025-04-01", "2025-06-30"), ("2024-01-01", "2026-12-31")):
        fast = store.summary(db, pid, start, end)
        slow = store.summary_scan(db, pid, start, end)
        assert [{k: round(v, 9) if isinstance(v, float) else v for k, v in r.items()} for r in fast] == \
            [{k: round(v, 9) if isinstance(v, float) else v for k, v in r.items()} for r in slow]
    assert store.summary(db, pid, "2025-01-10", "2025-02-10") == store.summary_scan(db, pid, "2025-01-10", "2025-02-10")
    db.execute("DELETE FROM dross_ledger")
    assert db["dross_ledger_monthly"].count == 0


def test_summary_bad_period(db_path):
    pid = _plant(db_path)
    with pytest.raises(InputError) as ei:
        dross.summary(db_path, pid, "2025Q5")
    assert ei.value.key == "dross_bad_period"


def test_single_entries_add_edit_delete(db_path):
    pid = _plant(db_path)
    a = dross.add_entry(db_path, pid, row("2025-01-05", "generated", "10"))
    b = dross.add_entry(db_path, pid, row("2025-01-05", "generated", "10"))  # typed twice on purpose: both kept
    assert a != b and len(dross.list_entries(db_path, pid)) == 2
    dross.update_entry(db_path, pid, b, row("2025-01-06", "generated", "12.5", container="C-1"))
    got = {e["id"]: e for e in dross.list_entries(db_path, pid)}
    assert got[b]["quantity_t"] == 12.5 and got[b]["container"] == "C-1" and got[b]["date"] == "2025-01-06"
    with pytest.raises(InputError) as ei:
        dross.update_entry(db_path, pid, b, row("2025-01-06", "transferred", "-1"))
    assert ei.value.field == "quantity_t"
    dross.delete_entry(db_path, pid, a)
    assert [e["id"] for e in dross.list_entries(db_path, pid)] == [b]
    with pytest.raises(NotFoundError):
        dross.delete_entry(db_path, pid, a)


def test_receivers_validated_and_edited(db_path):
    pid = _plant(db_path)
    rid = dross.save_receiver(db_path, pid, {"name": "绿环", "licence_no": "L-1", "codes": "321-024-48，321-026-48",
                                             "valid_from": "2024-01-01", "valid_to": "2026-12-31"})
    assert dross.list_receivers(db_path, pid)[0]["codes"] == ["321-024-48", "321-026-48"]
    with pytest.raises(InputError) as ei:
        dross.save_receiver(db_path, pid, {"name": "坏", "codes": ["32102448"]})
    assert ei.value.key == "ledger_bad_code"
    with pytest.raises(InputError) as ei:
        dross.save_receiver(db_path, pid, {"name": "坏", "valid_from": "2026-01-01", "valid_to": "2025-01-01"})
    assert ei.value.key == "dross_valid_range"
    dross.save_receiver(db_path, pid, {"name": "绿环", "licence_no": "L-2", "codes": [E]}, receiver_id=rid)
    assert dross.list_receivers(db_path, pid)[0]["licence_no"] == "L-2"
    dross.delete_receiver(db_path, pid, rid)
    assert dross.list_receivers(db_path, pid) == []


def test_check_a_stored_plant_as_of(db_path):
    doc = make_doc("electrolytic", dross={
        "production_t": 10000, "self_utilization": True,
        "requirements": {"6.1.3": False},
        "receivers": [{"name": "绿环", "licence_no": "L-1", "codes": [E], "valid_from": "2024-01-01",
                       "valid_to": "2025-03-31"}]})
    aid, _ = repo.save_assessment(open_db(db_path), parse_assessment(doc))
    pid = 1
    _add(db_path, pid, LEDGER)
    r = dross.check(db_path, pid, "2025")
    assert r["as_of"] == "2025-12-31" and r["plant"]["sector"] == "electrolytic"
    found = [f["id"] for f in r["findings"]]
    assert "licence_expired" in found  # the 2025-04-01 transfer, after the licence ended on 2025-03-31
    assert "declaration_overdue" in found
    assert r["compliance_pct"] == 0.0 and len(r["unanswered"]) == 13
    early = dross.check(db_path, pid, "2025", as_of="2025-03-15")
    assert "declaration_overdue" not in [f["id"] for f in early["findings"]]
    assert "licence_expired" not in [f["id"] for f in early["findings"]]
    assert dross.check(db_path, "测试电解铝厂", "2025Q1")["period"] == "2025Q1"
    with pytest.raises(NotFoundError):
        dross.check(db_path, "没有这家", "2025")
    with pytest.raises(InputError):
        dross.check(db_path, pid, "2025", as_of="2025-13-01")


def test_containers_and_filings(db_path):
    pid = _plant(db_path)
    dross.save_container(db_path, pid, {"name": "C-1", "type": "吨袋", "capacity_l": "1000", "code": "321-026-48"})
    _add(db_path, pid, [row("2025-01-05", "generated", "1", container="C-1")])
    r = dross.check(db_path, pid, "2025")
    assert "mixed_container" in [f["id"] for f in r["findings"]]
    dross.record_filing(db_path, pid, "ledger", "2025q1", "2025-04-10")
    r = dross.check(db_path, pid, "2025")
    assert {"id": "ledger_submission", "period": "2025Q1", "due": "2025-04-15", "status": "filed",
            "filed_on": "2025-04-10", "days_left": None} in r["deadlines"]
    with pytest.raises(InputError):
        dross.record_filing(db_path, pid, "ledger", "2025", "2025-04-10")


def test_alumina_plant_has_no_dross_check(db_path):
    pid = _plant(db_path, "alumina", "氧化铝厂")
    with pytest.raises(InputError) as ei:
        dross.check(db_path, pid, "2025")
    assert ei.value.key == "dross_sector_no_dross"


def test_demo_ledger_is_mostly_clean(demo_db):
    found = {}
    for name in ("黔江电解铝股份有限公司", "綦江再生铝业有限公司", "长寿铝材压铸有限公司"):
        r = dross.check(demo_db, name, "2025")
        found[name] = [f["id"] for f in r["findings"]]
        assert not [i for i in found[name] if i.startswith("generation") or i.startswith("licence")]
    assert found["黔江电解铝股份有限公司"] == []
    assert found["綦江再生铝业有限公司"] == ["missing_manifest"]
    assert "ledger_submission_overdue" in found["长寿铝材压铸有限公司"]
