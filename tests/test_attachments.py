"""Evidence attachments: stored with their hash, listed, extracted byte for byte, checked."""

import hashlib
import json

import pytest

from alassess.cli import main
from alassess.domain.assessment import parse_assessment
from alassess.domain.errors import InputError
from alassess.store import attachments, audit, repo
from alassess.store.db import open_db
from tests.conftest import make_doc

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


@pytest.fixture
def aid(db_path):
    db = open_db(db_path)
    a, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.5})))
    db.conn.close()
    return a


def test_add_list_extract_round_trip(db_path, aid, tmp_path, capsys):
    photo = tmp_path / "电表照片.jpg"
    photo.write_bytes(JPEG)
    scan = tmp_path / "manifest-scan.pdf"
    scan.write_bytes(b"%PDF-1.7\n" + b"x" * 1000)
    assert main(["attach", "add", "--db", str(db_path), "--assessment", str(aid), "--field", "energy_output",
                 str(photo), "--user", "王工"]) == 0
    assert main(["attach", "add", "--db", str(db_path), "--assessment", str(aid), "--field", "dross.req.6.1.6",
                 str(scan)]) == 0
    capsys.readouterr()
    assert main(["attach", "list", "--db", str(db_path), "--assessment", str(aid), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["field_id"], r["file_name"], r["media_type"], r["size"]) for r in rows] == [
        ("dross.requirements.6.1.6", "manifest-scan.pdf", "application/pdf", 1009),
        ("energy_output", "电表照片.jpg", "image/jpeg", len(JPEG))]
    assert rows[1]["sha256"] == hashlib.sha256(JPEG).hexdigest() and rows[1]["added_by"] == "王工"
    out = tmp_path / "out"
    out.mkdir()
    assert main(["attach", "extract", "--db", str(db_path), "--assessment", str(aid), "--out", str(out)]) == 0
    assert (out / "energy_output" / f"{rows[1]['id']}-电表照片.jpg").read_bytes() == JPEG
    single = tmp_path / "one.jpg"
    assert main(["attach", "extract", "--db", str(db_path), "--id", str(rows[1]["id"]), "--out", str(single)]) == 0
    assert single.read_bytes() == JPEG


def test_same_bytes_twice_is_one_attachment_and_one_file(db_path, aid):
    db = open_db(db_path)
    a1 = attachments.add(db, aid, "a.jpg", JPEG, field_id="energy_output")
    a2 = attachments.add(db, aid, "again.jpg", JPEG, field_id="energy_output")
    a3 = attachments.add(db, aid, "a.jpg", JPEG)  # the same photo for the assessment as a whole
    assert a1 == a2 != a3
    files = [p for p in (db_path.parent / "attachments").rglob("*") if p.is_file()]
    assert len(files) == 1


def test_remove_keeps_the_file_and_logs(db_path, aid):
    db = open_db(db_path)
    att = attachments.add(db, aid, "a.jpg", JPEG)
    sha = attachments.get(db, att)["sha256"]
    attachments.remove(db, att)
    assert attachments.list_for(db, aid) == []
    assert (db_path.parent / "attachments" / sha[:2] / sha).is_file()
    log = [(r["old"] is not None, r["new"] is not None) for r in audit.history(db, aid)
           if r["field"] == f"@attachment:{att}"]
    assert log == [(False, True), (True, False)]
    assert audit.verify(db).ok


def test_bad_inputs_are_clear_errors(db_path, aid, tmp_path, monkeypatch, capsys):
    db = open_db(db_path)
    with pytest.raises(InputError) as ei:
        attachments.add(db, aid, "x.jpg", JPEG, field_id="energy_outptu")
    assert "“energy_outptu” is not a field evidence can be attached to" in ei.value.message("en")
    for name in ("", "..", "a\x00b.jpg"):
        with pytest.raises(InputError):
            attachments.add(db, aid, name, JPEG)
    assert attachments.clean_name("../../etc/passwd") == "passwd"
    monkeypatch.setattr(attachments, "MAX_BYTES", 100)
    with pytest.raises(InputError) as ei:
        attachments.add(db, aid, "big.jpg", JPEG)
    assert "more than the limit of 100" in ei.value.message("en")
    assert main(["attach", "add", "--db", str(db_path), "--assessment", str(aid), str(tmp_path / "nope.jpg")]) == 2
    assert "not found" in capsys.readouterr().err


def test_damaged_file_is_refused_on_extract(db_path, aid, tmp_path, capsys):
    db = open_db(db_path)
    att = attachments.add(db, aid, "a.jpg", JPEG)
    sha = attachments.get(db, att)["sha256"]
    db.conn.close()
    (db_path.parent / "attachments" / sha[:2] / sha).write_bytes(b"changed")
    assert main(["attach", "extract", "--db", str(db_path), "--id", str(att), "--out", str(tmp_path / "o.jpg")]) == 2
    assert "missing or was altered" in capsys.readouterr().err
    assert not (tmp_path / "o.jpg").exists()
    # adding the same bytes again heals the stored file
    db = open_db(db_path)
    attachments.add(db, aid, "a.jpg", JPEG)
    assert attachments.read(db, att) == JPEG


def test_a_checklist_item_is_spelt_as_in_the_assessment_file(db_path, aid, tmp_path, capsys):
    """``dross.requirements.<id>`` (the assessment file's path) is what the CLI takes and lists; the
    old ``dross.req.<id>`` is still accepted and names the same item."""
    scan = tmp_path / "plan.pdf"
    scan.write_bytes(b"%PDF-1.7\n" + b"y" * 10)
    assert main(["attach", "add", "--db", str(db_path), "--assessment", str(aid), "--field",
                 "dross.requirements.6.1.3", str(scan)]) == 0
    assert main(["attach", "add", "--db", str(db_path), "--assessment", str(aid), "--field", "dross.req.6.1.3",
                 str(scan)]) == 0  # the same file for the same item: kept once
    capsys.readouterr()
    assert main(["attach", "list", "--db", str(db_path), "--assessment", str(aid), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["field_id"] for r in rows] == ["dross.requirements.6.1.3"]
    assert main(["attach", "add", "--db", str(db_path), "--assessment", str(aid), "--field",
                 "dross.requirements.6.9", str(scan)]) == 2
    assert "dross.requirements.6.9" in capsys.readouterr().err
