"""A bundle cannot make an assessment appear signed (the attack: a hand-made bundle with
``status: "signed"`` and recomputed digests imported as signed, with no signature and no report)."""

from __future__ import annotations

import hashlib
import json

import pytest

from alassess.domain.errors import InputError
from alassess.services import bundles
from alassess.services import report as report_service
from alassess.signing import identities
from alassess.store import bundle, repo
from alassess.store.db import open_db
from tests.bundle_helpers import pack, seed, snapshot, unpack

PASS = b"bundle signer passphrase 5"


def _forge_signed(data: bytes, *, report: bytes | None = None) -> bytes:
    """The bundle rewritten by hand: status "signed", the content digest and history recomputed,
    every entry's hash fixed (optionally with a ``report.pdf`` of the forger's choice)."""
    manifest, files = unpack(data)
    a = manifest["assessment"]
    a["status"] = "signed"
    doc = json.loads(files["assessment.json"])
    a["content_sha256"] = bundle.content_digest(doc, "signed", a["revision"], manifest.get("attachments", []))
    a["history"] = sorted(set(a["history"]) | {a["content_sha256"]})
    if report is not None:
        files["report.pdf"] = report
    return pack(manifest, files, fix_hashes=True)


@pytest.fixture
def source(tmp_path):
    db = tmp_path / "src.db"
    aid = seed(db)
    return db, aid


def _export(db, aid, tmp_path, name="b.alassess") -> bytes:
    out = tmp_path / name
    bundles.export_bundle(db, aid, out)
    return out.read_bytes()


def test_a_forged_signed_status_is_refused(source, tmp_path):
    db, aid = source
    forged = tmp_path / "forged.alassess"
    forged.write_bytes(_forge_signed(_export(db, aid, tmp_path)))
    target = tmp_path / "office.db"
    open_db(target).conn.close()
    before = snapshot(target)
    with pytest.raises(InputError) as e:
        bundles.import_bundle(forged, target)
    assert e.value.key == "bundle_signed_without_report"
    assert "no signed report" in e.value.message("en")
    assert snapshot(target) == before


def test_a_report_that_does_not_prove_the_status_is_refused(source, tmp_path, write_doc):
    db, aid = source
    data = _export(db, aid, tmp_path)
    target = tmp_path / "office.db"
    open_db(target).conn.close()
    before = snapshot(target)
    # an unsigned report of the same assessment
    unsigned = tmp_path / "u.pdf"
    report_service.issue_report(out=unsigned, db_path=db, assessment_id=aid, lang="en")
    # a validly signed report of other data (another plant's file)
    from tests.conftest import make_doc

    p12 = tmp_path / "me.p12"
    identities.create_identity("陈评估", "中心", p12, PASS)
    other = write_doc(make_doc("recycled"), "other.json")
    signed_other = tmp_path / "o.pdf"
    report_service.issue_report(out=signed_other, file=other, identity=p12, passphrase=PASS, sign=True, lang="en")
    for pdf, key in ((unsigned.read_bytes(), "bundle_signed_report_invalid"),
                     (signed_other.read_bytes(), "bundle_signed_report_other_data"),
                     (b"%PDF-1.7 not really", "bundle_signed_report_invalid")):
        forged = tmp_path / "forged.alassess"
        forged.write_bytes(_forge_signed(data, report=pdf))
        with pytest.raises(InputError) as e:
            bundles.import_bundle(forged, target)
        assert e.value.key == key, (key, e.value.message("en"))
        assert "nothing was imported" in e.value.message("en")
        assert snapshot(target) == before


def test_a_really_signed_assessment_travels_with_its_report(source, tmp_path):
    db, aid = source
    p12 = tmp_path / "me.p12"
    identities.create_identity("陈评估", "中心", p12, PASS)
    issued = report_service.issue_report(out=tmp_path / "r.pdf", db_path=db, assessment_id=aid, identity=p12,
                                         passphrase=PASS, sign=True, lang="en")
    data = _export(db, aid, tmp_path, "signed.alassess")
    manifest, files = unpack(data)
    assert manifest["assessment"]["status"] == "signed"
    assert files["report.pdf"] == (tmp_path / "r.pdf").read_bytes()
    target = tmp_path / "office.db"
    out = bundles.import_bundle(tmp_path / "signed.alassess", target)
    assert out.kind == "created"
    tdb = open_db(target)
    try:
        assert repo.get_row(tdb, out.assessment_id).status == "signed"
        reports = repo.list_reports(tdb, out.assessment_id)
        assert [r["report_id"] for r in reports] == [issued.report_id] and reports[0]["signed"] == 1
        assert hashlib.sha256(repo.signed_report_pdf(tdb, out.assessment_id)).hexdigest() == issued.pdf_sha256
    finally:
        tdb.conn.close()
    # importing again changes nothing
    assert bundles.import_bundle(tmp_path / "signed.alassess", target).kind == "unchanged"
