"""Editions of the reference data (DOMAIN §8 "Editions"): an assessment is scored with the editions it
names, keeps them when stored, signed, exported, bundled or embedded in a report, and an unknown
edition is bad input naming it."""

from __future__ import annotations

import copy
import json
import sqlite3
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from alassess import standards
from alassess.cli import main
from alassess.domain.assessment import parse_assessment, to_document
from alassess.domain.errors import InputError, StateError
from alassess.services import bundles, records, scoring
from alassess.store import audit, migrations, repo, revisions
from alassess.store.db import open_db
from tests.conftest import make_doc
from tests.test_cli_core import run_cli
from tests.test_migrations import load_fixture
from tests.test_scoring import ELECTROLYTIC_AVG

SHIPPED_CE = "2015-draft"
NEW_CE = "2030-test"


def write_edition(folder: Path, module: str, edition_id: str, change, *, date: str = "2030-01",
                  status: str = "in_force") -> Path:
    """A new edition of ``module`` in ``folder`` (the layout of resources/standards): the current one
    with ``change(data)`` applied."""
    data = copy.deepcopy(standards.load(module, standards.current(module).id))
    data.update({"edition_id": edition_id, "edition": f"test edition {edition_id}", "edition_date": date,
                 "edition_status": status})
    change(data)
    path = folder / module / f"{edition_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def raise_energy_benchmark(data: dict) -> None:
    ind = next(i for i in data["sectors"]["electrolytic"]["indicators"] if i["id"] == "energy_output")
    ind["benchmark"] = "0.70"


@pytest.fixture
def new_edition(tmp_path):
    """A 2030 edition of the circular-economy benchmarks (energy_output benchmark 0.61 → 0.70),
    in force, hence current, while the block runs."""
    folder = tmp_path / "editions"
    write_edition(folder, "circular_economy", NEW_CE, raise_energy_benchmark)
    with standards.extra_folder(folder):
        yield folder


def ce(result: dict) -> tuple[float, str, float]:
    c = result["circular_economy"]
    energy = next(i for i in c["indicators"] if i["id"] == "energy_output")
    return c["index"], c["grade"], energy["score"]


def doc_with(**editions) -> dict:
    doc = make_doc("electrolytic", ELECTROLYTIC_AVG)
    if editions:
        doc["standards"] = editions
    return doc


# ---- the shipped editions ----------------------------------------------------------------------------

def test_every_data_file_is_a_dated_edition_and_each_module_has_a_current_one():
    assert standards.available() == ["circular_economy", "dross", "energy_carbon", "fields", "guideline", "labels"]
    folder = Path(str(resources.files(standards.STANDARDS_PACKAGE).joinpath("standards")))
    assert not list(folder.glob("*.json")), "editions live in <module>/<edition id>.json"
    for module in standards.available():
        eds = standards.editions_of(module)
        assert eds, module
        for e in eds:
            assert (folder / module / f"{e.id}.json").is_file()
            assert e.module == module and e.title and e.source and e.status in standards.STATUSES
            assert e.date[:4].isdigit()
        assert standards.current(module).status != "superseded"
    assert standards.current("energy_carbon") == standards.Edition(
        "energy_carbon", "2024-972", "发改环资〔2024〕972号（2024-07-03）", "2024-07-03", "in_force",
        "003 《电解铝行业节能降碳专项行动计划》一 主要目标、二 重点任务、三 政策保障")
    # the migration that first recorded editions names exactly the editions shipped with it
    assert migrations.EDITIONS_BEFORE_8 == standards.current_ids()


def test_a_new_edition_in_force_becomes_current_without_touching_the_old_one(new_edition):
    assert standards.current("circular_economy").id == NEW_CE
    assert [e.id for e in standards.editions_of("circular_economy")] == [SHIPPED_CE, NEW_CE]
    old = standards.load("circular_economy", SHIPPED_CE)
    assert old["sectors"]["electrolytic"]["indicators"][0]["benchmark"] == "0.61"
    assert standards.load("circular_economy")["sectors"]["electrolytic"]["indicators"][0]["benchmark"] == "0.70"


def test_a_newer_draft_does_not_replace_the_edition_in_force(tmp_path):
    write_edition(tmp_path, "energy_carbon", "2031-draft", lambda d: None, date="2031-01", status="draft")
    with standards.extra_folder(tmp_path):
        assert standards.current("energy_carbon").id == "2024-972"
        assert "2031-draft" in [e.id for e in standards.editions_of("energy_carbon")]


def test_an_edition_is_never_replaced_by_another_with_the_same_id(tmp_path):
    write_edition(tmp_path, "circular_economy", SHIPPED_CE, raise_energy_benchmark, date="2015-11", status="draft")
    with standards.extra_folder(tmp_path), pytest.raises(ValueError, match="new edition needs a new id"):
        standards.editions_of("circular_economy")


# ---- scoring under two editions ---------------------------------------------------------------------

def test_one_assessment_scores_differently_and_reproducibly_under_two_editions(new_edition):
    a_old = parse_assessment(doc_with(circular_economy=SHIPPED_CE))
    a_new = parse_assessment(doc_with(circular_economy=NEW_CE))
    old, new = scoring.evaluate(a_old), scoring.evaluate(a_new)
    assert ce(old) == (72.27, "3A", 91.8)  # the 2015 benchmark 0.61, as before editions existed
    assert ce(new)[2] == 80.0 and ce(new)[0] < 72.27  # 0.56 / 0.70
    assert old["circular_economy"]["indicators"][0]["benchmark"] == 0.61
    assert new["circular_economy"]["indicators"][0]["benchmark"] == 0.70
    assert old["standards"]["circular_economy"] == SHIPPED_CE and new["standards"]["circular_economy"] == NEW_CE
    # reproducible: the same again, in either order, and a file without editions takes the current one
    assert ce(scoring.evaluate(a_new)) == ce(new) and ce(scoring.evaluate(a_old)) == ce(old)
    plain = parse_assessment(doc_with())
    assert plain.standards["circular_economy"] == NEW_CE and ce(scoring.evaluate(plain)) == ce(new)


def test_the_edition_is_recorded_in_the_exported_file_and_read_back(new_edition):
    a = parse_assessment(doc_with(circular_economy=SHIPPED_CE))
    doc = to_document(a)
    assert doc["standards"] == {**standards.current_ids(), "circular_economy": SHIPPED_CE}
    assert parse_assessment(doc).standards == a.standards


def test_score_json_names_the_edition_of_each_module_that_applied(write_doc):
    r = run_cli("score", write_doc(make_doc("electrolytic", ELECTROLYTIC_AVG)), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["standards"] == {
        "circular_economy": "2015-draft", "guideline": "2006-draft", "energy_carbon": "2024-972",
        "dross": "cq-2023-draft", "fields": "2"}
    # recycled aluminium: no circular-economy benchmarks, no energy plan; the dross guide applies
    r = run_cli("score", write_doc(make_doc("recycled", {})), "--json")
    out = json.loads(r.stdout)
    assert out["circular_economy"] is None and out["energy_carbon"] is None
    assert set(out["standards"]) == {m for m in ("circular_economy", "guideline", "energy_carbon", "dross")
                                     if out[m] is not None} | {"fields"}


def test_the_result_exposes_the_edition_records_for_the_report():
    a = parse_assessment(doc_with())
    eds = scoring.editions(scoring.assess(a))
    assert eds["circular_economy"] == standards.edition("circular_economy", SHIPPED_CE)
    assert all(isinstance(e, standards.Edition) for e in eds.values())


@pytest.mark.parametrize("lang,words", [("en", "is known"), ("zh", "没有标准数据版本")])
def test_an_unknown_edition_is_exit_2_naming_it(write_doc, lang, words):
    p = write_doc(doc_with(circular_economy="2099-imagined"))
    r = run_cli("--lang", lang, "score", p, "--json")
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert "standards.circular_economy" in lines[0] and "2099-imagined" in lines[0] and words in lines[0]
    assert SHIPPED_CE in lines[0]  # and names the editions there are


@pytest.mark.parametrize("standards_value,key", [
    ({"circular_econmy": "2015-draft"}, "unknown_key"),
    ({"circular_economy": 2015}, "expected_text"),
    ("2015-draft", "expected_object"),
])
def test_a_malformed_standards_object_names_the_field(standards_value, key):
    with pytest.raises(InputError) as ei:
        parse_assessment({**doc_with(), "standards": standards_value})
    assert ei.value.key == key and "standards" in ei.value.message("en")


# ---- stored assessments -----------------------------------------------------------------------------

def test_a_stored_assessment_keeps_scoring_with_its_edition_after_a_new_one_becomes_current(tmp_path):
    db_path = tmp_path / "a.db"
    aid, _ = records.import_assessment(db_path, parse_assessment(doc_with()))  # the 2015 edition is current
    before = scoring.evaluate(records.load(db_path, aid))
    assert ce(before) == (72.27, "3A", 91.8)
    folder = tmp_path / "editions"
    write_edition(folder, "circular_economy", NEW_CE, raise_energy_benchmark)
    with standards.extra_folder(folder):
        stored = records.load(db_path, aid)
        assert stored.standards["circular_economy"] == SHIPPED_CE
        again = scoring.evaluate(stored)
        assert ce(again) == ce(before) and again["standards"]["circular_economy"] == SHIPPED_CE
        # a new assessment records the edition current now
        doc = doc_with()
        doc["period"] = "2026"
        new_id, _ = records.import_assessment(db_path, parse_assessment(doc))
        assert records.load(db_path, new_id).standards["circular_economy"] == NEW_CE
        assert ce(scoring.evaluate(records.load(db_path, new_id)))[2] == 80.0
        db = open_db(db_path)
        try:
            assert audit.verify(db).ok
            logged = [json.loads(e["new"]) for e in audit.history(db, new_id) if e["field"] == "@standards"]
            assert logged == [{**standards.current_ids()}]
        finally:
            db.conn.close()


def test_a_signed_assessment_keeps_its_editions_and_its_revision_inherits_them(tmp_path):
    db_path = tmp_path / "a.db"
    db = open_db(db_path)
    try:
        aid, _ = repo.save_assessment(db, parse_assessment(doc_with()))
        repo.set_status(db, aid, "signed")
        folder = tmp_path / "editions"
        write_edition(folder, "circular_economy", NEW_CE, raise_energy_benchmark)
        with standards.extra_folder(folder):
            with pytest.raises(StateError):
                repo.set_standards(db, aid, {"circular_economy": NEW_CE})
            with pytest.raises(sqlite3.IntegrityError):  # the database itself refuses
                db.execute("UPDATE assessment_editions SET edition = ? WHERE assessment_id = ?", [NEW_CE, aid])
            rev = revisions.amend(db, aid)
            assert repo.get_standards(db, rev)["circular_economy"] == SHIPPED_CE
            repo.set_standards(db, rev, {"circular_economy": NEW_CE})  # a draft may move to the new edition
            assert repo.load_assessment(db, rev).standards["circular_economy"] == NEW_CE
            assert repo.load_assessment(db, aid).standards["circular_economy"] == SHIPPED_CE
            assert audit.verify(db).ok
    finally:
        db.conn.close()


def test_an_edition_changed_behind_the_stores_back_is_caught_by_the_audit(tmp_path):
    db = open_db(tmp_path / "a.db")
    try:
        aid, _ = repo.save_assessment(db, parse_assessment(doc_with()))
        db.execute("UPDATE assessment_editions SET edition = 'x' WHERE assessment_id = ? AND module = 'dross'", [aid])
        db.conn.commit()
        problems = audit.verify(db).problems
        assert [p.params["field"] for p in problems] == ["@standards"]
        with pytest.raises(InputError) as ei:  # and scoring it is a clear error naming the edition
            repo.load_assessment(db, aid)
        assert "standards.dross" in ei.value.message("en") and "“x”" in ei.value.message("en")
    finally:
        db.conn.close()


def test_importing_a_file_into_a_draft_takes_the_files_editions(tmp_path, new_edition):
    db_path = tmp_path / "a.db"
    aid, _ = records.import_assessment(db_path, parse_assessment(doc_with()))
    assert records.load(db_path, aid).standards["circular_economy"] == NEW_CE
    aid2, created = records.import_assessment(db_path, parse_assessment(doc_with(circular_economy=SHIPPED_CE)))
    assert (aid2, created) == (aid, False)
    assert records.load(db_path, aid).standards["circular_economy"] == SHIPPED_CE


# ---- the editions travel: export, bundle, report -------------------------------------------------------

def test_export_and_bundle_carry_the_editions_and_an_old_bundle_without_them_imports(tmp_path, new_edition):
    from tests.bundle_helpers import pack, unpack

    field_db, office_db = tmp_path / "field.db", tmp_path / "office.db"
    aid, _ = records.import_assessment(field_db, parse_assessment(doc_with(circular_economy=SHIPPED_CE)))
    assert main(["export", "--db", str(field_db), "--assessment", str(aid), "--out", str(tmp_path / "x.json")]) == 0
    assert json.loads((tmp_path / "x.json").read_text("utf-8"))["standards"]["circular_economy"] == SHIPPED_CE
    out = tmp_path / "a.alassess"
    bundles.export_bundle(field_db, aid, out)
    manifest, files = unpack(out.read_bytes())
    assert json.loads(files["assessment.json"])["standards"]["circular_economy"] == SHIPPED_CE
    res = bundles.import_bundle(out, office_db)
    assert records.load(office_db, res.assessment_id).standards["circular_economy"] == SHIPPED_CE
    # a bundle from before assessments named their editions: still imports, with the current editions
    doc = json.loads(files["assessment.json"])
    del doc["standards"]
    files["assessment.json"] = json.dumps(doc, ensure_ascii=False).encode()
    old = tmp_path / "old.alassess"
    old.write_bytes(pack(manifest, files, fix_hashes=True))
    res = bundles.import_bundle(old, tmp_path / "other.db")
    assert records.load(tmp_path / "other.db", res.assessment_id).standards["circular_economy"] == NEW_CE


def test_the_report_embeds_the_editions_and_prints_them(tmp_path, write_doc):
    from alassess.services import report

    plain = write_doc(doc_with())  # names no editions: the embedded data names the current ones
    out = tmp_path / "r.pdf"
    report.issue_report(out=out, file=plain, lang="en")
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path), str(out)], check=True)
    embedded = json.loads((tmp_path / "assessment.json").read_text("utf-8"))
    assert embedded["standards"] == standards.current_ids()
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "circular_economy/2015-draft" in text and "energy_carbon/2024-972" in text
    # a file that names its editions is embedded byte for byte
    named = tmp_path / "named.json"
    named.write_text(json.dumps(doc_with(**standards.current_ids()), ensure_ascii=False), encoding="utf-8")
    report.issue_report(out=tmp_path / "n.pdf", file=named, lang="en")
    (tmp_path / "n").mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path / "n"), str(tmp_path / "n.pdf")], check=True)
    assert (tmp_path / "n" / "assessment.json").read_bytes() == named.read_bytes()


# ---- the migration ----------------------------------------------------------------------------------

def test_migration_8_records_the_first_editions_for_every_stored_assessment(tmp_path):
    path = tmp_path / "old.db"
    load_fixture(6, path)
    db = open_db(path)
    try:
        ids = [r[0] for r in db.execute("SELECT id FROM assessments ORDER BY id").fetchall()]
        assert ids == [1, 2, 3]
        for aid in ids:
            assert repo.get_standards(db, aid) == migrations.EDITIONS_BEFORE_8
        assert audit.verify(db).ok
        signed = repo.load_assessment(db, 1)
        assert signed.standards == migrations.EDITIONS_BEFORE_8
        with pytest.raises(StateError):
            repo.set_standards(db, 1, {"circular_economy": SHIPPED_CE})
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("DELETE FROM assessment_editions WHERE assessment_id = 1")
    finally:
        db.conn.close()
    # even when a later edition is current at upgrade time, the old assessments get the first editions
    path2 = tmp_path / "old2.db"
    load_fixture(6, path2)
    folder = tmp_path / "editions"
    write_edition(folder, "circular_economy", NEW_CE, raise_energy_benchmark)
    with standards.extra_folder(folder):
        db = open_db(path2)
        try:
            assert repo.get_standards(db, 2)["circular_economy"] == SHIPPED_CE
            assert scoring.evaluate(repo.load_assessment(db, 2))["standards"]["circular_economy"] == SHIPPED_CE
        finally:
            db.conn.close()


# ---- which editions there are ----------------------------------------------------------------------

def test_the_standards_command_lists_every_edition_and_the_current_one(capsys, new_edition):
    assert main(["standards", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    ce_rows = [(r["id"], r["status"], r["current"]) for r in rows if r["module"] == "circular_economy"]
    assert ce_rows == [(SHIPPED_CE, "draft", False), (NEW_CE, "in_force", True)]
    assert {r["module"] for r in rows} == set(standards.available())
    assert main(["--lang", "zh", "standards"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"circular_economy/{NEW_CE}\t2030-01\t现行\t当前版本\ttest edition {NEW_CE}" in lines
    assert any(line.startswith(f"circular_economy/{SHIPPED_CE}\t2015-11\t征求意见稿\t\t") for line in lines)
