"""Signed assessments are read-only; ``amend`` creates revision n + 1 linked to the signed one."""

import sqlite3

import pytest

from alassess.cli import main
from alassess.domain.assessment import parse_assessment
from alassess.domain.errors import StateError
from alassess.store import attachments, audit, repo, revisions
from alassess.store.db import open_db
from tests.conftest import make_doc


@pytest.fixture
def signed(db_path):
    db = open_db(db_path)
    aid, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.56,
                                                                                 "cell_current_ka": 400})))
    attachments.add(db, aid, "scan.pdf", b"%PDF-1.4 evidence", field_id="cell_current_ka")
    repo.record_report(db, aid, report_id="R-1", pdf_sha256="0" * 64, data_sha256="1" * 64, lang="zh",
                       signer="签署人", mark_signed=True)
    db.conn.close()
    return db_path, aid


def test_amend_creates_the_next_revision_as_a_draft_copy(signed, capsys):
    db_path, aid = signed
    assert main(["amend", "--db", str(db_path), "--assessment", str(aid), "--user", "修订人"]) == 0
    assert "created revision 2" in capsys.readouterr().out
    db = open_db(db_path)
    rows = revisions.lineage(db, aid)
    assert [(r["revision"], r["status"], r["parent_id"]) for r in rows] == [(1, "signed", None), (2, "draft", aid)]
    new = rows[1]["id"]
    assert repo.get_values(db, new) == repo.get_values(db, aid)
    assert [a["file_name"] for a in attachments.list_for(db, new)] == ["scan.pdf"]
    assert {r["who"] for r in audit.history(db, new)} == {"修订人"}
    # the new revision is editable, the signed one is not
    repo.set_value(db, new, "energy_output", 0.6)
    with pytest.raises(StateError):
        repo.set_value(db, aid, "energy_output", 0.6)
    assert float(repo.get_values(db, aid)["energy_output"]) == 0.56
    # importing the plant's period again updates the newest revision, never the signed one
    repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.61})))
    assert float(repo.get_values(db, new)["energy_output"]) == 0.61
    assert float(repo.get_values(db, aid)["energy_output"]) == 0.56
    assert audit.verify(db).ok


def test_signed_row_is_untouched_by_amend(signed):
    db_path, aid = signed
    conn = sqlite3.connect(db_path)
    before = conn.execute("SELECT * FROM assessments WHERE id = ?", [aid]).fetchone()
    vals_before = conn.execute("SELECT * FROM field_values WHERE assessment_id = ? ORDER BY field_id", [aid]).fetchall()
    conn.close()
    db = open_db(db_path)
    revisions.amend(db, aid)
    assert tuple(db.execute("SELECT * FROM assessments WHERE id = ?", [aid]).fetchone()) == tuple(before)
    assert db.execute("SELECT * FROM field_values WHERE assessment_id = ? ORDER BY field_id", [aid]).fetchall() \
        == vals_before


def test_amend_refuses_a_draft_and_an_older_revision(signed):
    db_path, aid = signed
    db = open_db(db_path)
    new = revisions.amend(db, aid)
    with pytest.raises(StateError) as ei:
        revisions.amend(db, new)
    assert ei.value.key == "amend_not_signed"
    with pytest.raises(StateError) as ei:
        revisions.amend(db, aid)
    assert ei.value.key == "amend_not_latest" and f"assessment {new} (revision 2)" in ei.value.message("en")
    repo.set_status(db, new, "signed")
    third = revisions.amend(db, new)
    assert repo.get_row(db, third).revision == 3 and repo.get_row(db, third).parent_id == new


def test_attachments_refused_on_signed(signed):
    db_path, aid = signed
    db = open_db(db_path)
    with pytest.raises(StateError):
        attachments.add(db, aid, "late.jpg", b"\xff\xd8\xff late")
    att = attachments.list_for(db, aid)[0]["id"]
    with pytest.raises(StateError):
        attachments.remove(db, att)


def test_amend_cli_on_a_draft_is_one_line_exit_2(signed, capsys):
    db_path, aid = signed
    db = open_db(db_path)
    new = revisions.amend(db, aid)
    db.conn.close()
    assert main(["amend", "--db", str(db_path), "--assessment", str(new)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "only a signed assessment needs amending" in err
