"""Offline hand-over bundles: round trip, idempotence, conflicts, and hostile files rejected with the
target database left exactly as it was."""

import copy
import hashlib
import json
import stat
import zipfile

import pytest

from alassess.cli import main
from alassess.domain.assessment import to_document
from alassess.domain.errors import InputError, StateError
from alassess.services import bundles
from alassess.store import attachments, audit, bundle, repo
from alassess.store.bundle import BundleConflict
from alassess.store.db import open_db
from tests.bundle_helpers import PHOTO, pack, seed, snapshot, unpack


@pytest.fixture
def two(tmp_path):
    """The office database (with one assessment) and an empty field laptop database."""
    office = tmp_path / "office" / "office.db"
    field = tmp_path / "field" / "field.db"
    aid = seed(office)
    return office, field, aid


def export(db_path, aid, out):
    assert main(["bundle", "export", "--db", str(db_path), "--assessment", str(aid), "--out", str(out)]) == 0
    return out


def imp(path, db_path, *extra):
    return main(["bundle", "import", str(path), "--db", str(db_path), *extra])


def edit(db_path, aid, field, value, who="tester"):
    db = open_db(db_path)
    repo.set_value(db, aid, field, value, who=who)
    db.conn.close()


def doc_of(db_path, aid):
    db = open_db(db_path)
    try:
        return to_document(repo.load_assessment(db, aid))
    finally:
        db.conn.close()


def value(db_path, aid, field):
    db = open_db(db_path)
    try:
        return repo.get_values(db, aid).get(field)
    finally:
        db.conn.close()


def test_round_trip_between_two_databases(two, tmp_path, capsys):
    office, field, aid = two
    b = export(office, aid, tmp_path / "hand-over.alassess")
    assert "1 attachment" in capsys.readouterr().out
    with zipfile.ZipFile(b) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    assert names[:2] == ["manifest.json", "assessment.json"]
    assert names[2] == f"attachments/{hashlib.sha256(PHOTO).hexdigest()}.jpg"
    assert {e["name"] for e in manifest["entries"]} == set(names[1:])
    assert manifest["assessment"]["plant"] == "测试电解铝厂" and manifest["assessment"]["period"] == "2025"
    assert imp(b, field) == 0
    assert "imported as new assessment 1" in capsys.readouterr().out
    assert doc_of(field, 1) == doc_of(office, aid)  # values, dross, ledger and receivers
    db = open_db(field)
    att = attachments.list_for(db, 1)
    assert [(a["field_id"], a["file_name"], a["media_type"]) for a in att] == [("energy_output", "电表.jpg",
                                                                              "image/jpeg")]
    assert attachments.read(db, att[0]["id"]) == PHOTO
    assert audit.verify(db).ok
    assert bundle.current_digest(db, 1) == manifest["assessment"]["content_sha256"]
    db.conn.close()
    # importing the same bundle again changes nothing at all
    before = snapshot(field)
    assert imp(b, field) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert snapshot(field) == before


def test_edits_travel_back_and_forth(two, tmp_path, capsys):
    office, field, aid = two
    imp(export(office, aid, tmp_path / "1.alassess"), field)
    edit(field, 1, "energy_output", 0.6, who="现场")
    db = open_db(field)
    attachments.add(db, 1, "第二张.png", b"\x89PNG\r\n\x1a\n" + b"2" * 50)
    db.conn.close()
    back = export(field, 1, tmp_path / "2.alassess")
    capsys.readouterr()
    assert imp(back, office) == 0
    assert "updated assessment" in capsys.readouterr().out
    assert float(value(office, aid, "energy_output")) == 0.6
    db = open_db(office)
    assert sorted(a["file_name"] for a in attachments.list_for(db, aid)) == ["电表.jpg", "第二张.png"]
    log = [r for r in audit.history(db, aid) if r["field"] == "energy_output"]
    assert (log[-1]["old"], log[-1]["new"]) == ("0.56", "0.6")
    assert audit.verify(db).ok
    db.conn.close()
    # and the office's next edit goes out and comes back as a fast-forward too
    edit(office, aid, "cell_current_ka", 450)
    assert imp(export(office, aid, tmp_path / "3.alassess"), field) == 0
    assert int(value(field, 1, "cell_current_ka")) == 450


def test_edited_in_two_places_is_a_conflict_and_nothing_is_overwritten(two, tmp_path, capsys):
    office, field, aid = two
    imp(export(office, aid, tmp_path / "1.alassess"), field)
    edit(field, 1, "energy_output", 0.6)
    edit(office, aid, "energy_output", 0.59)
    back = export(field, 1, tmp_path / "2.alassess")
    before = snapshot(office)
    capsys.readouterr()
    assert imp(back, office) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"conflict: 测试电解铝厂 2025 revision 1 was changed both in this database (assessment {aid})" in err
    assert snapshot(office) == before
    assert main(["--lang", "zh", "bundle", "import", str(back), "--db", str(office)]) == 1
    assert "冲突" in capsys.readouterr().err
    # on request: imported as a new revision beside the office's, for comparison
    assert imp(back, office, "--as-new-revision") == 0
    assert "imported as a new revision" in capsys.readouterr().out
    db = open_db(office)
    rows = {r["revision"]: r for r in repo.list_assessments(db)}
    assert float(repo.get_values(db, rows[1]["id"])["energy_output"]) == 0.59
    assert float(repo.get_values(db, rows[2]["id"])["energy_output"]) == 0.6
    assert rows[2]["parent_id"] == rows[1]["id"] and rows[2]["status"] == "draft"
    assert audit.verify(db).ok


def test_the_same_edit_arriving_twice_is_not_a_conflict(two, tmp_path, capsys):
    office, field, aid = two
    imp(export(office, aid, tmp_path / "1.alassess"), field)
    edit(field, 1, "energy_output", 0.6)
    back = export(field, 1, tmp_path / "2.alassess")
    assert imp(back, office) == 0
    edit(office, aid, "energy_output", 0.62)  # the office moves on
    before = snapshot(office)
    capsys.readouterr()
    assert imp(back, office) == 0  # the old bundle arrives again (e-mailed twice)
    assert "older state" in capsys.readouterr().out
    assert snapshot(office) == before
    # an old bundle from the office itself coming back unchanged is also recognised
    assert imp(tmp_path / "1.alassess", office) == 0
    assert snapshot(office) == before


def test_independent_entries_of_the_same_plant_and_period(tmp_path, capsys):
    a, b = tmp_path / "a" / "a.db", tmp_path / "b" / "b.db"
    seed(a, {"energy_output": 0.5}, photo=False)
    seed(b, {"energy_output": 0.5}, photo=False)
    assert imp(export(a, 1, tmp_path / "a.alassess"), b) == 0  # typed the same: nothing to do
    assert "nothing changed" in capsys.readouterr().out
    seed(tmp_path / "c" / "c.db", {"energy_output": 0.51}, photo=False)
    before = snapshot(b)
    assert imp(export(tmp_path / "c" / "c.db", 1, tmp_path / "c.alassess"), b) == 1
    assert snapshot(b) == before


def sign_for_real(db_path, aid, tmp_path) -> None:
    """Sign the assessment as the product does: a signed report recorded in the database (a bundle's
    "signed" status is accepted only with that report inside it)."""
    from alassess.services import report as report_service
    from alassess.signing import identities

    p12 = tmp_path / "signer.p12"
    if not p12.exists():
        identities.create_identity("签署人", "中心", p12, b"bundle tests passphrase")
    report_service.issue_report(out=tmp_path / f"signed-{aid}.pdf", db_path=db_path, assessment_id=aid,
                                identity=p12, passphrase=b"bundle tests passphrase", sign=True, lang="en")


def test_signed_assessment_arrives_signed_and_stays_read_only(two, tmp_path):
    office, field, aid = two
    sign_for_real(office, aid, tmp_path)
    imp(export(office, aid, tmp_path / "s.alassess"), field)
    db = open_db(field)
    assert repo.get_row(db, 1).status == "signed"
    with pytest.raises(StateError):
        repo.set_value(db, 1, "energy_output", 0.7)
    assert audit.verify(db).ok


def test_amended_revision_travels_with_its_parent_link(two, tmp_path):
    office, field, aid = two
    sign_for_real(office, aid, tmp_path)
    imp(export(office, aid, tmp_path / "r1.alassess"), field)
    assert main(["amend", "--db", str(field), "--assessment", "1"]) == 0
    edit(field, 2, "energy_output", 0.61)
    assert imp(export(field, 2, tmp_path / "r2.alassess"), office) == 0
    db = open_db(office)
    rows = {r["revision"]: r for r in repo.list_assessments(db)}
    assert rows[2]["parent_id"] == rows[1]["id"] and rows[1]["status"] == "signed"
    assert float(repo.get_values(db, rows[2]["id"])["energy_output"]) == 0.61


# ---- hostile and broken bundles ----------------------------------------------------------------

@pytest.fixture
def good(two, tmp_path):
    office, field, aid = two
    data = export(office, aid, tmp_path / "good.alassess").read_bytes()
    seed(field, {"energy_output": 0.4}, photo=False)  # the target already holds data
    return field, data


def _symlink_info(name):
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _mutations():
    def m(fn):
        def apply(data):
            manifest, files = unpack(data)
            return fn(manifest, files)
        return apply

    def set_doc(files, change):
        doc = json.loads(files["assessment.json"])
        change(doc)
        files["assessment.json"] = json.dumps(doc, ensure_ascii=False).encode()

    yield "not a zip", lambda d: b"this is not a zip file" * 10, "not a valid bundle"
    yield "truncated", lambda d: d[: len(d) // 2], "not a valid bundle"
    yield "empty", lambda d: b"", "not a valid bundle"
    yield "no manifest", m(lambda man, f: pack(None, f)), "manifest.json"
    yield "manifest not json", m(lambda man, f: pack(b"{not json", f)), "not valid JSON"
    yield "manifest wrong format", m(lambda man, f: pack({**man, "format": "x"}, f)), "format: must be alassess.bundle"
    yield "manifest unknown key", m(lambda man, f: pack({**man, "extra": 1}, f)), "unknown key"
    yield "manifest future version", m(lambda man, f: pack({**man, "version": 2}, f)), "not supported"
    yield "manifest bad revision", m(lambda man, f: pack({**man, "assessment": {**man["assessment"],
                                                                                "revision": True}}, f)), "wrong type"
    yield "entry changed, hash kept", m(lambda man, f: pack(man, {**f, "assessment.json":
                                                                 f["assessment.json"].replace(b"0.56", b"0.66")})), \
        "does not match the size or SHA-256"

    def doc_changed_hashes_fixed(man, f):
        set_doc(f, lambda d: d["values"].update(energy_output=0.66))
        return pack(man, f, fix_hashes=True)
    yield "content changed, entry hashes fixed", m(doc_changed_hashes_fixed), "content digest"

    def bad_value(man, f):
        set_doc(f, lambda d: d["values"].update(solid_waste_utilization_pct=150))
        return pack(man, f, fix_hashes=True)
    yield "invalid value inside", m(bad_value), "assessment.json: values.solid_waste_utilization_pct"
    for evil in ("../evil.txt", "/etc/passwd", "attachments/../../x", "C:/windows/x", "attachments\\x",
                 "attachments/sub/dir", "extra.txt"):
        yield f"name {evil}", m(lambda man, f, evil=evil: pack(man, {**f, evil: b"x"}, fix_hashes=True)), \
            "unsafe or invalid entry name"
    yield "symlink", m(lambda man, f: pack(man, {**f, "attachments/" + "a" * 64: b"/etc/passwd"},
                                           infos={"attachments/" + "a" * 64: _symlink_info("attachments/" + "a" * 64)},
                                           fix_hashes=True)), "unsafe or invalid entry name"
    yield "directory entry", m(lambda man, f: pack(man, {**f, "attachments/": b""}, fix_hashes=True)), \
        "unsafe or invalid entry name"

    def duplicate(man, f):
        data = pack(man, f)
        import io
        buf = io.BytesIO(data)
        with zipfile.ZipFile(buf, "a") as zf, pytest.warns(UserWarning):
            zf.writestr("assessment.json", b"{}")
        return buf.getvalue()
    yield "duplicate name", m(duplicate), "unsafe or invalid entry name"
    yield "unlisted entry", m(lambda man, f: pack(man, {**f, "attachments/" + "b" * 64: b"x"})), \
        "which its manifest does not list"
    yield "missing entry", m(lambda man, f: pack(man, {k: v for k, v in f.items() if not k.startswith("attach")})), \
        "which the bundle does not hold"

    def renamed_blob(man, f):
        name = next(k for k in f if k.startswith("attachments/"))
        f["attachments/" + "c" * 64 + ".jpg"] = f.pop(name)
        return pack(man, f, fix_hashes=True)
    yield "blob name not its hash", m(renamed_blob), "does not match the size or SHA-256"

    def bomb(man, f):
        f["attachments/" + hashlib.sha256(b"\0" * (8 << 20)).hexdigest()] = b"\0" * (8 << 20)
        return pack(man, f, fix_hashes=True)
    yield "zip bomb", m(bomb), "abnormal compression ratio"

    def oversize_declared(man, f):
        data = pack(man, f)
        # patch the central directory's uncompressed size of assessment.json to 200 MB
        i = data.rfind(b"assessment.json")
        cd = data.rfind(b"PK\x01\x02", 0, i)
        return data[:cd + 24] + (200 << 20).to_bytes(4, "little") + data[cd + 28:]
    yield "declared oversize", m(oversize_declared), "exceeds the size limit"

    def encrypted(man, f):
        data = bytearray(pack(man, f))
        i = data.rfind(b"assessment.json")
        cd = data.rfind(b"PK\x01\x02", 0, i)
        data[cd + 8] |= 1
        return bytes(data)
    yield "encrypted flag", m(encrypted), "encrypted"

    def bad_field(man, f):
        man["attachments"][0]["field"] = "no_such_field"
        return pack(man, f)
    yield "attachment of an unknown field", m(bad_field), "not a known field"

    def traversal_file_name(man, f):
        man["attachments"][0]["file_name"] = "../../photo.jpg"
        return pack(man, f)
    yield "attachment file name with a path", m(traversal_file_name), "not a plain file name"

    def plant_mismatch(man, f):
        man["assessment"]["plant"] = "另一家"
        return pack(man, f)
    yield "manifest describes another assessment", m(plant_mismatch), "describes another assessment than assessment.json"

    def deep_json(man, f):
        return pack(man, {**f, "assessment.json": b"[" * 100000 + b"]" * 100000}, fix_hashes=True)
    yield "deeply nested json", m(deep_json), "assessment.json"

    def copy_manifest(man, f):
        return pack(copy.deepcopy(man), {**f, "assessment.json": b"\xff\xfe not utf-8"}, fix_hashes=True)
    yield "assessment not utf-8", m(copy_manifest), "not UTF-8"


MUTATIONS = list(_mutations())


@pytest.mark.parametrize("name,mutate,expected", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_rejected_bundle_leaves_the_target_unchanged(good, tmp_path, name, mutate, expected, capsys):
    field, data = good
    bad = tmp_path / "bad.alassess"
    bad.write_bytes(mutate(data))
    before = snapshot(field)
    capsys.readouterr()
    assert imp(bad, field) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert expected in err, err
    assert snapshot(field) == before


def test_entry_and_total_limits(good, tmp_path, monkeypatch):
    field, data = good
    monkeypatch.setattr(bundle, "MAX_ATTACHMENT_BYTES", 100)
    with pytest.raises(InputError) as ei:
        bundle.read_bundle(data)
    assert ei.value.key == "bundle_too_large"
    monkeypatch.undo()
    monkeypatch.setattr(bundle, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(InputError) as ei:
        bundle.read_bundle(data)
    assert ei.value.key == "bundle_too_large"
    monkeypatch.undo()
    monkeypatch.setattr(bundle, "MAX_ENTRIES", 2)
    with pytest.raises(InputError) as ei:
        bundle.read_bundle(data)
    assert ei.value.key == "bundle_too_many"


def test_conflict_raised_by_the_service(two, tmp_path):
    office, field, aid = two
    b1 = tmp_path / "1.alassess"
    bundles.export_bundle(office, aid, b1)
    bundles.import_bundle(b1, field)
    edit(field, 1, "energy_output", 0.6)
    edit(office, aid, "energy_output", 0.59)
    b2 = tmp_path / "2.alassess"
    bundles.export_bundle(field, 1, b2)
    with pytest.raises(BundleConflict) as ei:
        bundles.import_bundle(b2, office)
    assert ei.value.target_id == aid
