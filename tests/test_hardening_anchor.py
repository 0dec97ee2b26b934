"""The audit log is anchored: a consistent rewrite (a row deleted, the data reverted, the chain and
its head recomputed) passes the log's own check — the chain cannot detect it — but ``audit verify``
finds it when given a signed report or a bundle made before the rewrite."""

from __future__ import annotations

import json
import sqlite3

import pytest

from alassess.cli import main
from alassess.domain.assessment import parse_assessment
from alassess.services import bundles
from alassess.services import report as report_service
from alassess.signing import identities
from alassess.store import audit, repo
from alassess.store.db import open_db
from tests.conftest import make_doc

PASS = b"anchor tests passphrase 3"


def _rewrite_log_without(db_path, victim_id: int) -> None:
    """What someone with write access to the file can do: drop the append-only triggers, delete one
    entry, revert the data it recorded, renumber and re-hash every later entry, fix the stored head."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        aid, fname, old = conn.execute("SELECT assessment_id, field, old FROM audit_log WHERE id = ?",
                                       [victim_id]).fetchone()
        if old is None:
            conn.execute("DELETE FROM field_values WHERE assessment_id = ? AND field_id = ?", [aid, fname])
        else:
            conn.execute("UPDATE field_values SET value = ? WHERE assessment_id = ? AND field_id = ?",
                         [old, aid, fname])
        rows = conn.execute("SELECT id, at, who, assessment_id, field, old, new FROM audit_log WHERE id > ? "
                            "ORDER BY id", [victim_id]).fetchall()
        conn.execute("DELETE FROM audit_log WHERE id >= ?", [victim_id])
        prev = conn.execute("SELECT hash FROM audit_log WHERE id = ?", [victim_id - 1]).fetchone()[0]
        rid = victim_id - 1
        for _old_id, at, who, a, f, o, n in rows:
            rid += 1
            h = audit.entry_hash(prev, rid, at, who, a, f, o, n)
            conn.execute("INSERT INTO audit_log (id, at, who, assessment_id, field, old, new, prev_hash, hash) "
                         "VALUES (?,?,?,?,?,?,?,?,?)", [rid, at, who, a, f, o, n, prev, h])
            prev = h
        conn.execute("UPDATE store_meta SET value = ? WHERE key = ?", [f"{rid}:{prev}", audit.HEAD_KEY])
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def anchored(tmp_path):
    """A database with two assessments: one edited (a draft), one signed; its signed report and a bundle."""
    db_path = tmp_path / "a.db"
    db = open_db(db_path)
    signed_id, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": 0.55})))
    draft_doc = make_doc("electrolytic", {"energy_output": 0.5})
    draft_doc["period"] = "2024"
    draft_id, _ = repo.save_assessment(db, parse_assessment(draft_doc))
    repo.set_value(db, draft_id, "energy_output", 0.61)
    repo.set_value(db, draft_id, "energy_output", 0.62)
    victim = audit.head(db)[0]  # the entry that recorded the last edit (to be erased with its effect)
    db.conn.close()
    p12 = tmp_path / "me.p12"
    identities.create_identity("陈评估", "中心", p12, PASS)
    report_service.issue_report(out=tmp_path / "r.pdf", db_path=db_path, assessment_id=signed_id, identity=p12,
                                passphrase=PASS, sign=True, lang="en")
    bundles.export_bundle(db_path, draft_id, tmp_path / "b.alassess")
    return db_path, victim, tmp_path / "r.pdf", tmp_path / "b.alassess"


def test_the_head_is_in_the_signed_report_and_the_bundle(anchored):
    db_path, _, pdf, bundle_file = anchored
    from alassess.signing.verify import verify_pdf

    r = verify_pdf(pdf)
    assert r.ok
    in_report = json.loads(r.embedded[audit.ANCHOR_NAME])
    in_bundle = bundles.read_file(bundle_file).manifest["audit_anchor"]
    db = open_db(db_path)
    try:
        for found in (in_report, in_bundle):
            row = db.execute("SELECT hash FROM audit_log WHERE id = ?", [found["entry"]]).fetchone()
            assert row[0] == found["hash"] and found["database_id"] == db.execute(
                "SELECT value FROM store_meta WHERE key = 'database_id'").fetchone()[0]
    finally:
        db.conn.close()


def test_a_consistent_rewrite_is_found_with_the_anchors(anchored, capsys):
    db_path, victim, pdf, bundle_file = anchored
    assert main(["audit", "verify", "--db", str(db_path), str(pdf), str(bundle_file)]) == 0
    capsys.readouterr()
    _rewrite_log_without(db_path, victim)
    # the chain alone cannot tell: the rewrite is consistent (as the docs say)
    assert main(["audit", "verify", "--db", str(db_path)]) == 0
    capsys.readouterr()
    for anchor in (pdf, bundle_file):
        assert main(["audit", "verify", "--db", str(db_path), str(anchor)]) == 1
        out = capsys.readouterr().out
        assert "the audit log was rewritten" in out and str(anchor) in out


def test_anchors_that_cannot_anchor_are_bad_input(anchored, tmp_path, capsys):
    db_path, _, pdf, _ = anchored
    other = tmp_path / "other.db"
    open_db(other).conn.close()
    assert main(["audit", "verify", "--db", str(other), str(pdf)]) == 2
    assert "another database" in capsys.readouterr().err
    changed = bytearray(pdf.read_bytes())
    changed[changed.index(b"/Producer") + 12] ^= 1
    (tmp_path / "bad.pdf").write_bytes(bytes(changed))
    assert main(["audit", "verify", "--db", str(db_path), str(tmp_path / "bad.pdf")]) == 2
    assert "does not verify" in capsys.readouterr().err
