"""``alassess report`` and ``alassess identity`` on a database: a signed report freezes its assessment."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

from alassess.cli import main
from alassess.domain.errors import StateError
from alassess.services import records
from alassess.signing.verify import verify_pdf
from alassess.store import repo
from alassess.store.db import open_db

PASS = "cli passphrase for tests"


@pytest.fixture(scope="module")
def office(tmp_path_factory, demo_db):
    """A copy of the demo database, an identity, and one signed report of a stored draft."""
    home = tmp_path_factory.mktemp("cli")
    db = home / "d.db"
    shutil.copy(demo_db, db)
    (home / "pw").write_text(PASS + "\n", encoding="utf-8")
    assert main(["identity", "create", "--name", "王评估", "--organisation", "测试中心", "--out", str(home / "me.p12"),
                 "--passphrase-file", str(home / "pw")]) == 0
    drafts = [r for r in records.overview(db) if r["sector"] == "electrolytic" and r["status"] == "draft"]
    aid = drafts[0]["id"]
    out = home / "signed.pdf"
    code = main(["report", "--db", str(db), "--assessment", str(aid), "--out", str(out), "--sign",
                 "--identity", str(home / "me.p12"), "--passphrase-file", str(home / "pw")])
    assert code == 0
    return {"home": home, "db": db, "aid": aid, "pdf": out}


def test_identity_file_is_owner_only(office):
    assert stat.S_IMODE(os.stat(office["home"] / "me.p12").st_mode) == 0o600


def test_signing_marks_the_stored_assessment_signed_and_records_the_report(office):
    db = open_db(office["db"])
    try:
        assert repo.get_row(db, office["aid"]).status == "signed"
        (rec,) = repo.list_reports(db, office["aid"])
    finally:
        db.conn.close()
    pdf = office["pdf"].read_bytes()
    assert rec["signed"] == 1 and rec["signer"] == "王评估"
    assert rec["pdf_sha256"] == hashlib.sha256(pdf).hexdigest()
    res = verify_pdf(pdf)
    assert res.ok and res.report_id == rec["report_id"] and res.data_hash == rec["data_sha256"]
    # the embedded data is the stored assessment as exported
    exported = office["home"] / "exported.json"
    assert main(["export", "--db", str(office["db"]), "--assessment", str(office["aid"]), "--out", str(exported)]) == 0
    assert res.data == exported.read_bytes()


def test_a_signed_assessment_refuses_later_edits(office, capsys):
    db = open_db(office["db"])
    try:
        with pytest.raises(StateError):
            repo.set_value(db, office["aid"], "renewable_share_pct", 30)
    finally:
        db.conn.close()
    exported = office["home"] / "again.json"
    assert main(["export", "--db", str(office["db"]), "--assessment", str(office["aid"]), "--out", str(exported)]) == 0
    capsys.readouterr()
    assert main(["import", str(exported), "--db", str(office["db"])]) == 2  # re-importing over it is refused
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "signed" in err


def test_unsigned_report_of_a_stored_assessment_leaves_it_editable(office, tmp_path):
    drafts = [r for r in records.overview(office["db"]) if r["status"] == "draft"]
    aid = drafts[0]["id"]
    assert main(["report", "--db", str(office["db"]), "--assessment", str(aid), "--out", str(tmp_path / "u.pdf")]) == 0
    db = open_db(office["db"])
    try:
        assert repo.get_row(db, aid).status == "draft"
        assert repo.list_reports(db, aid)[0]["signed"] == 0
    finally:
        db.conn.close()


def test_report_needs_a_source_and_an_existing_assessment(office, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert main(["report", "--out", str(out)]) == 2
    assert main(["report", "--db", str(office["db"]), "--out", str(out)]) == 2
    assert main(["report", "--db", str(office["db"]), "--assessment", "999", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all("Traceback" not in line for line in err)
    assert not out.exists()


def test_identity_list_and_trust_json(office, tmp_path, capsys):
    home = office["home"]
    assert main(["identity", "trust", str(home / "me.p12"), "--passphrase-file", str(home / "pw"),
                 "--trust-dir", str(tmp_path / "t")]) == 0
    capsys.readouterr()
    assert main(["identity", "list", "--json", "--trust-dir", str(tmp_path / "t"),
                 "--identities-dir", str(tmp_path / "ids")]) == 0
    d = json.loads(capsys.readouterr().out)
    assert [c["common_name"] for c in d["trusted"]] == ["王评估"] and d["identities"] == []


def test_identity_create_refuses_an_existing_file(office, capsys):
    home = office["home"]
    before = (home / "me.p12").read_bytes()
    assert main(["identity", "create", "--name", "x", "--out", str(home / "me.p12"),
                 "--passphrase-file", str(home / "pw")]) == 2
    assert (home / "me.p12").read_bytes() == before
    assert "already exists" in capsys.readouterr().err


def test_unwritable_outputs_are_one_line_exit_2(office, tmp_path, capsys):
    home = office["home"]
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    cases = [
        ["report", "--db", str(office["db"]), "--assessment", str(office["aid"]), "--out", str(tmp_path)],
        ["report", "--db", str(office["db"]), "--assessment", str(office["aid"]), "--out", str(blocker / "r.pdf")],
        ["identity", "create", "--name", "x", "--out", str(blocker / "x.p12"), "--passphrase-file", str(home / "pw")],
        ["verify", str(office["pdf"]), "--extract", str(blocker / "x.json")],
        ["identity", "trust", str(home / "me.p12"), "--passphrase-file", str(home / "pw"), "--trust-dir", str(blocker)],
    ]
    for args in cases:
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (args, err)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_the_report_is_chinese_unless_english_is_asked_for(tmp_path, write_doc, doc_factory):
    """An English system still gets the Chinese report; --lang en gives the English one."""
    src = write_doc(doc_factory("electrolytic", {"solid_waste_utilization_pct": 70}))
    env = {k: v for k, v in os.environ.items() if k not in ("ALASSESS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG="en_US.UTF-8", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "d"),
               XDG_STATE_HOME=str(tmp_path / "s"))
    texts = {}
    for name, extra in (("default", []), ("english", ["--lang", "en"])):
        out = tmp_path / f"{name}.pdf"
        r = subprocess.run([sys.executable, "-m", "alassess", *extra, "report", str(src), "--out", str(out)],
                           capture_output=True, text=True, env=env, timeout=120)
        assert r.returncode == 0, r.stderr
        texts[name] = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "铝行业企业评估报告" in texts["default"] and "report written to" in r.stdout
    assert "Aluminium plant assessment report" in texts["english"]
    assert "铝行业企业评估报告" not in texts["english"]
