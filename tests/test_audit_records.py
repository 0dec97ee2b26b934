"""The audit trail of plant-level records: plant details, dross receivers, containers, filings and
the ledger. Each change is logged (a spreadsheet import as one entry with the count and digest of
its rows); a change made behind the log's back is found by ``audit verify``."""

from __future__ import annotations

import json
import sqlite3

import pytest

from alassess.cli import main
from alassess.domain.assessment import parse_assessment
from alassess.services import audit as audit_service
from alassess.services import bundles, dross
from alassess.store import audit, repo
from alassess.store.db import open_db
from tests.conftest import make_doc

HEAD = "日期,废物代码,铝灰类型,业务类型,数量(吨),容器编号,接收单位,转移联单号,备注"
ROWS = ["2025-01-05,321-026-48,一次铝灰,产生,12.5,TB-01,,,",
        "2025-01-12,321-026-48,一次铝灰,自行利用,10,TB-01,,,",
        "2025-01-25,321-026-48,二次铝灰,转移,6.5,HB-01,绿环处置,500202501001,"]


@pytest.fixture
def plant(db_path, tmp_path):
    """A recycler with an assessment, a receiver, a container, a filing and an imported ledger."""
    db = open_db(db_path)
    doc = make_doc("recycled", {}, plant={"name": "再生铝厂", "sector": "recycled", "region": "重庆市"})
    repo.save_assessment(db, parse_assessment(doc), who="王工")
    db.conn.close()
    dross.save_receiver(db_path, 1, {"name": "绿环处置", "licence_no": "HW-1", "codes": "321-026-48"}, who="王工")
    dross.save_container(db_path, 1, {"name": "TB-01", "type": "吨袋", "capacity_l": "1000"}, who="王工")
    dross.record_filing(db_path, 1, "declaration", "2025", "2025-03-20", who="王工")
    book = tmp_path / "ledger.csv"
    book.write_text(HEAD + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    dross.import_ledger(db_path, 1, book, who="李工")
    return db_path


def problems(db_path) -> list[tuple[str, dict]]:
    return [(p.key, p.params) for p in audit_service.verify(db_path).problems]


def sql(db_path, statement: str, *args) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute(statement, args)
    finally:
        conn.close()


def plant_entries(db_path) -> list[dict]:
    return [r for r in audit_service.history(db_path, plant_id=1) if r["assessment_id"] is None]


def test_every_plant_level_change_is_logged_and_verifies(plant):
    fields = [(r["who"], r["field"]) for r in plant_entries(plant)]
    assert fields == [("王工", "@plant:1"), ("王工", "@receiver:1"), ("王工", "@container:1"), ("王工", "@filing:1"),
                      ("李工", "@ledger-rows:1")]
    assert problems(plant) == []


def test_a_spreadsheet_import_is_one_entry_with_count_digest_and_file(plant, tmp_path):
    bulk = json.loads(plant_entries(plant)[-1]["new"])
    assert bulk["rows"] == 3 and bulk["ids"] == [1, 3] and bulk["source"]["file"] == "ledger.csv"
    assert len(bulk["digest"]) == 64 and len(bulk["source"]["sha256"]) == 64
    before = len(audit_service.history(plant))
    assert dross.import_ledger(plant, 1, tmp_path / "ledger.csv").added == 0
    assert len(audit_service.history(plant)) == before, "an import that adds nothing logs nothing"
    bad = tmp_path / "bad.csv"
    bad.write_text(HEAD + "\n2025-02-30,321-026-48,一次铝灰,产生,1,,,,\n", encoding="utf-8")
    with pytest.raises(dross.LedgerImportError):
        dross.import_ledger(plant, 1, bad)
    assert len(audit_service.history(plant)) == before


def test_plant_details_changed_by_an_import_are_logged(plant):
    db = open_db(plant)
    doc = make_doc("recycled", {}, plant={"name": "再生铝厂", "sector": "recycled", "region": "重庆市",
                                          "address": "重庆市永川区 1 号"})
    repo.save_assessment(db, parse_assessment(doc), who="赵工")
    db.conn.close()
    last = plant_entries(plant)[-1]
    assert (last["who"], last["field"]) == ("赵工", "@plant:1")
    assert json.loads(last["old"])["address"] == "" and json.loads(last["new"])["address"] == "重庆市永川区 1 号"
    assert problems(plant) == []


def test_single_ledger_edits_are_one_entry_each(plant):
    cells = {"date": "2025-02-01", "code": "321-026-48", "kind": "一次铝灰", "movement": "产生", "quantity_t": "2"}
    eid = dross.add_entry(plant, 1, cells, who="甲")
    dross.update_entry(plant, 1, eid, {**cells, "quantity_t": "2.5"}, who="乙")
    dross.update_entry(plant, 1, 2, {**cells, "date": "2025-01-12", "movement": "自行利用", "quantity_t": "9"}, who="乙")
    dross.delete_entry(plant, 1, 1, who="丙")
    edits = [(r["who"], r["field"], r["old"] is None, r["new"] is None) for r in plant_entries(plant)[5:]]
    assert edits == [("甲", f"@ledger:{eid}", True, False), ("乙", f"@ledger:{eid}", False, False),
                     ("乙", "@ledger:2", False, False), ("丙", "@ledger:1", False, True)]
    assert json.loads(plant_entries(plant)[-2]["new"])["quantity_t"] == 9.0
    assert problems(plant) == []


@pytest.mark.parametrize("statement", [
    "UPDATE dross_ledger SET quantity_t = 1.25 WHERE id = 2",        # a quantity lowered
    "UPDATE dross_ledger SET receiver = '无证单位' WHERE id = 3",      # a receiver swapped
    "DELETE FROM dross_ledger WHERE id = 1",                          # a row removed
    "INSERT INTO dross_ledger (plant_id, date, code, kind, movement, quantity_t, fingerprint, created_at) "
    "VALUES (1, '2025-01-30', '321-026-48', 'primary', 'disposed', 2, 'x', 'now')",  # a row slipped in
])
def test_a_ledger_row_changed_behind_the_logs_back_is_found(plant, statement, capsys):
    sql(plant, statement)
    found = problems(plant)
    assert [k for k, _ in found] == ["audit_ledger_mismatch"]
    assert found[0][1]["plant"] == 1
    assert main(["audit", "verify", "--db", str(plant)]) == 1
    out = capsys.readouterr().out
    assert "plant 1: the dross ledger does not match the audit log" in out


def test_a_row_edited_in_the_application_then_behind_its_back_is_named(plant):
    dross.update_entry(plant, 1, 2, {"date": "2025-01-12", "code": "321-026-48", "kind": "primary",
                                     "movement": "self_utilized", "quantity_t": "9"})
    assert problems(plant) == []
    sql(plant, "UPDATE dross_ledger SET quantity_t = 90 WHERE id = 2")
    found = problems(plant)
    assert [k for k, _ in found] == ["audit_record_mismatch", "audit_ledger_mismatch"]
    assert found[0][1] == {"record": "@ledger:2", "stored": '{"quantity_t":90.0}', "logged": '{"quantity_t":9.0}'}


@pytest.mark.parametrize("statement, record", [
    ("UPDATE plants SET name = '别的厂' WHERE id = 1", "@plant:1"),
    ("UPDATE dross_receivers SET valid_to = '2099-12-31' WHERE id = 1", "@receiver:1"),
    ("DELETE FROM dross_containers WHERE id = 1", "@container:1"),
    ("UPDATE dross_filings SET date = '2025-03-01' WHERE id = 1", "@filing:1"),
    ("INSERT INTO dross_filings (plant_id, kind, period, date) VALUES (1, 'ledger', '2025Q1', '2025-04-10')",
     "@filing:2"),
])
def test_a_record_changed_behind_the_logs_back_is_named(plant, statement, record):
    sql(plant, statement)
    found = problems(plant)
    assert [(k, p["record"]) for k, p in found] == [("audit_record_mismatch", record)]


def test_receivers_containers_and_filings_edited_in_the_application_verify(plant):
    dross.save_receiver(plant, 1, {"name": "绿环处置", "licence_no": "HW-1", "codes": "321-026-48",
                                   "valid_to": "2027-12-31"}, receiver_id=1)
    dross.delete_receiver(plant, 1, 1)
    dross.save_container(plant, 1, {"name": "TB-01", "type": "吨袋", "capacity_l": "1200"})
    dross.record_filing(plant, 1, "declaration", "2025", "2025-03-25")
    fields = [r["field"] for r in plant_entries(plant)[5:]]
    assert fields == ["@receiver:1", "@receiver:1", "@container:1", "@filing:1"]
    assert plant_entries(plant)[6]["new"] is None  # the receiver removed
    assert problems(plant) == []


def test_ledger_of_a_bundle_is_logged_with_its_source(tmp_path):
    from tests.bundle_helpers import seed

    source = tmp_path / "a" / "s.db"
    aid = seed(source, photo=False)
    out = tmp_path / "x.alassess"
    bundles.export_bundle(source, aid, out)
    target = tmp_path / "b" / "t.db"
    bundles.import_bundle(out, target)
    db = open_db(target)
    try:
        bulk = [r for r in audit.history(db) if r["field"].startswith("@ledger-rows:")]
        assert len(bulk) == 1 and json.loads(bulk[0]["new"])["source"]["bundle"]
        assert audit.verify(db).ok
    finally:
        db.conn.close()
    assert audit_service.verify(source).ok


def test_log_command_shows_a_plants_records(plant, capsys):
    assert main(["audit", "log", "--db", str(plant), "--plant", "1"]) == 0
    out = capsys.readouterr().out
    assert "李工  @ledger-rows:1: ∅ → " in out and '"rows":3' in out and "ANone" not in out


def test_cli_records_who_imported(plant, tmp_path):
    book = tmp_path / "more.csv"
    book.write_text(HEAD + "\n2025-02-05,321-026-48,一次铝灰,产生,1,TB-01,,,\n", encoding="utf-8")
    assert main(["ledger", "import", str(book), "--db", str(plant), "--plant", "1", "--user", "孙工"]) == 0
    last = plant_entries(plant)[-1]
    assert (last["who"], last["field"]) == ("孙工", "@ledger-rows:1")
    assert problems(plant) == []


def test_monthly_totals_changed_behind_the_logs_back_are_found(plant):
    """Summaries read the monthly totals: a total changed directly would make them lie."""
    sql(plant, "UPDATE dross_ledger_monthly SET generated = 1.5 WHERE plant_id = 1 AND kind = 'primary'")
    found = problems(plant)
    assert [(k, p["month"], p["kind"]) for k, p in found] == [("audit_ledger_totals_mismatch", "2025-01", "primary")]
