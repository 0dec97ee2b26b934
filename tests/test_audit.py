"""The audit trail: every change logged with who and when; tampering found by ``audit verify``."""

import sqlite3

import pytest

from alassess.cli import main
from alassess.domain.assessment import parse_assessment
from alassess.domain.errors import StateError
from alassess.services import audit as audit_service
from alassess.store import attachments, audit, repo, revisions
from alassess.store.db import open_db
from tests.conftest import make_doc


@pytest.fixture
def filled(db_path):
    """A database with one draft and one signed assessment, edited by two people."""
    db = open_db(db_path)
    a, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.56})), who="王工")
    repo.set_value(db, a, "water_output", 0.6, who="李工")
    repo.set_value(db, a, "energy_output", 0.58, who="李工")
    b, _ = repo.save_assessment(db, parse_assessment({**make_doc("alumina", {"water_output": 0.5}), "period": "2024"}))
    repo.set_status(db, b, "final")
    repo.set_status(db, b, "signed", who="签署人")
    db.conn.close()
    return db_path, a, b


def verify_cli(db_path, capsys, *extra):
    code = main(["audit", "verify", "--db", str(db_path), *extra])
    return code, capsys.readouterr().out


def raw(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    return conn


def test_every_change_is_logged_with_who_old_and_new(filled):
    db_path, a, b = filled
    rows = audit_service.history(db_path, a)
    energy = [(r["who"], r["old"], r["new"]) for r in rows if r["field"] == "energy_output"]
    assert energy == [("王工", None, "0.56"), ("李工", "0.56", "0.58")]
    status = [(r["who"], r["old"], r["new"]) for r in audit_service.history(db_path, b) if r["field"] == "@status"]
    assert status[-2:] == [(status[-2][0], "draft", "final"), ("签署人", "final", "signed")]
    assert all(r["at"] for r in rows)


def test_default_who_is_the_environment_user(db_path, monkeypatch):
    monkeypatch.setenv("ALASSESS_USER", "现场评估员")
    db = open_db(db_path)
    aid, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.5})))
    with audit.acting_as("替班"):
        repo.set_value(db, aid, "energy_output", 0.55)
    whos = {r["who"] for r in audit.history(db, aid)}
    assert whos == {"现场评估员", "替班"}


def test_reimport_logs_removed_values(db_path):
    db = open_db(db_path)
    aid, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.5,
                                                                                 "water_output": 0.6})))
    repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.5})))
    gone = [r for r in audit.history(db, aid) if r["field"] == "water_output"]
    assert [(r["old"], r["new"]) for r in gone] == [(None, "0.6"), ("0.6", None)]
    assert audit.verify(db).ok


def test_intact_database_verifies(filled, capsys):
    db_path, a, _ = filled
    db = open_db(db_path)
    revisions.amend(db, 2, who="修订人")
    db.conn.close()
    code, out = verify_cli(db_path, capsys)
    assert code == 0, out
    assert "audit log intact" in out


def test_value_changed_behind_the_logs_back(filled, capsys):
    db_path, a, _ = filled
    with raw(db_path) as conn:
        conn.execute("UPDATE field_values SET value = '0.99' WHERE assessment_id = ? AND field_id = 'energy_output'",
                     [a])
    code, out = verify_cli(db_path, capsys)
    assert code == 1
    assert f"assessment {a}, energy_output: the database holds 0.99, the audit log says 0.58" in out


def test_value_inserted_and_deleted_behind_the_logs_back(filled, capsys):
    db_path, a, _ = filled
    with raw(db_path) as conn:
        conn.execute("INSERT INTO field_values VALUES (?, 'anode_output', '2.1', 't/t', 'x')", [a])
        conn.execute("DELETE FROM field_values WHERE assessment_id = ? AND field_id = 'water_output'", [a])
    code, out = verify_cli(db_path, capsys)
    assert code == 1
    assert "anode_output: the database holds 2.1, the audit log says ∅" in out
    assert "water_output: the database holds ∅, the audit log says 0.6" in out


def test_log_row_changed(filled, capsys):
    db_path, a, _ = filled
    with raw(db_path) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_log SET new = '0.70' WHERE field = 'energy_output' AND new = '0.58'")
        conn.execute("DROP TRIGGER audit_log_no_update")
        row = conn.execute("SELECT id FROM audit_log WHERE field = 'energy_output' AND new = '0.58'").fetchone()[0]
        conn.execute("UPDATE audit_log SET who = '别人' WHERE id = ?", [row])
    code, out = verify_cli(db_path, capsys)
    assert code == 1
    assert f"audit log row {row} was altered" in out


def test_log_row_changed_together_with_the_value(filled, capsys):
    """Someone changes a value and edits the log to match: the chain still gives it away."""
    db_path, a, _ = filled
    with raw(db_path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        row = conn.execute("SELECT id FROM audit_log WHERE field = 'energy_output' AND new = '0.58'").fetchone()[0]
        conn.execute("UPDATE audit_log SET new = '0.61' WHERE id = ?", [row])
        conn.execute("UPDATE field_values SET value = '0.61' WHERE assessment_id = ? AND field_id = 'energy_output'",
                     [a])
    code, out = verify_cli(db_path, capsys)
    assert code == 1
    assert f"audit log row {row} was altered" in out
    assert "energy_output: the database holds" not in out  # the replay agrees; only the chain catches it


def test_log_row_deleted(filled, capsys):
    db_path, a, _ = filled
    with raw(db_path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id = 5")
    code, out = verify_cli(db_path, capsys)
    assert code == 1
    assert "rows before row 6 were deleted or reordered" in out


def test_log_tail_cut(filled, capsys):
    db_path, a, b = filled
    with raw(db_path) as conn:
        last = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id >= ?", [last - 1])
    code, out = verify_cli(db_path, capsys)
    assert code == 1
    assert f"audit log cut short: the recorded last row is #{last}, the log ends at #{last - 2}" in out


def test_signed_assessment_changed_with_the_triggers_dropped(filled, capsys):
    db_path, a, b = filled
    with raw(db_path) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="signed"):
            conn.execute("UPDATE field_values SET value = '0.9' WHERE assessment_id = ?", [b])
        with pytest.raises(sqlite3.IntegrityError, match="signed"):
            conn.execute("UPDATE assessments SET status = 'draft' WHERE id = ?", [b])
        conn.execute("DROP TRIGGER field_values_signed_update")
        conn.execute("DROP TRIGGER assessments_signed_update")
        conn.execute("UPDATE field_values SET value = '0.9' WHERE assessment_id = ? AND field_id = 'water_output'",
                     [b])
        conn.execute("UPDATE assessments SET status = 'draft' WHERE id = ?", [b])
    code, out = verify_cli(db_path, capsys, "--json")
    assert code == 1
    import json

    problems = json.loads(out)["problems"]
    fields = {(p["assessment"], p["field"]) for p in problems}
    assert fields == {(str(b), "water_output"), (str(b), "@status")}


def test_assessment_inserted_behind_the_logs_back(filled, capsys):
    db_path, a, b = filled
    with raw(db_path) as conn:
        conn.execute("INSERT INTO assessments (plant_id, period, status, revision, created_at, updated_at) "
                     "VALUES (1, '2019', 'draft', 1, 'x', 'x')")
    code, out = verify_cli(db_path, capsys)
    assert code == 1 and "is not in the audit log" in out


def test_assessment_moved_to_another_period_behind_the_logs_back(filled, capsys):
    db_path, a, _ = filled
    with raw(db_path) as conn:
        conn.execute("UPDATE assessments SET period = '2019' WHERE id = ?", [a])
    code, out = verify_cli(db_path, capsys)
    assert code == 1 and f"assessment {a}, @created" in out and '"period":"2019"' in out


def test_attachment_file_altered_is_found(filled, tmp_path, capsys):
    db_path, a, _ = filled
    db = open_db(db_path)
    att = attachments.add(db, a, "现场照片.jpg", b"\xff\xd8\xff" + b"photo" * 100, field_id="energy_output")
    sha = attachments.get(db, att)["sha256"]
    db.conn.close()
    assert verify_cli(db_path, capsys)[0] == 0
    blob = db_path.parent / "attachments" / sha[:2] / sha
    blob.write_bytes(b"\xff\xd8\xff" + b"edited" * 100)
    code, out = verify_cli(db_path, capsys)
    assert code == 1 and f"attachment {att} (现场照片.jpg): the file no longer matches its recorded SHA-256" in out
    blob.unlink()
    code, out = verify_cli(db_path, capsys)
    assert code == 1 and "its file is missing" in out


def test_messages_are_bilingual(filled, capsys):
    db_path, a, _ = filled
    with raw(db_path) as conn:
        conn.execute("UPDATE field_values SET value = '0.99' WHERE assessment_id = ? AND field_id = 'energy_output'",
                     [a])
    code = main(["--lang", "zh", "audit", "verify", "--db", str(db_path)])
    out = capsys.readouterr().out
    assert code == 1 and "审计日志校验失败" in out and "绕过日志被修改" in out


def test_edit_refused_on_signed_is_not_logged(filled):
    db_path, a, b = filled
    db = open_db(db_path)
    before = audit.head(db)
    with pytest.raises(StateError):
        repo.set_value(db, b, "water_output", 0.7)
    assert audit.head(db) == before


def test_log_command_prints_history(filled, capsys):
    db_path, a, _ = filled
    assert main(["audit", "log", "--db", str(db_path), "--assessment", str(a)]) == 0
    out = capsys.readouterr().out
    assert "李工" in out and "energy_output: 0.56 → 0.58" in out
