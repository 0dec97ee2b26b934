"""Bad input is refused with one line naming the field and the limit, never an internal error or a
silent acceptance (the attacks: 10 MB names and files without ``values`` scored with exit 0, a ledger
stored the waste code 999-999-99, a missing absolute identity path and a 3,000-character plant name
reached "internal error")."""

from __future__ import annotations

import json

import pytest
from conftest import make_doc

from alassess.cli import main
from alassess.domain.limits import NAME_MAX, TEXT_MAX
from alassess.services import dross
from tests.test_ledger_import import _plant
from tests.test_ledger_import_edges import HEAD, _csv


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "internal error" not in err[0] and "Traceback" not in err[0], err
    return err[0]


@pytest.mark.parametrize("where", ["plant.name", "assessor.name", "assessor.organisation", "plant.address",
                                   "plant.contact"])
def test_huge_names_are_refused_with_the_limit(write_doc, capsys, where):
    doc = make_doc("electrolytic")
    section, key = where.split(".")
    doc[section][key] = "名" * 10_000_000  # 10 MB of text
    path = write_doc(doc)
    assert main(["score", str(path)]) == 2
    line = _one_line(capsys)
    assert where in line and f"at most {NAME_MAX}" in line


def test_long_texts_in_dross_sections_are_refused(write_doc, capsys):
    doc = make_doc("electrolytic")
    doc["dross"] = {"ledger": [{"date": "2025-03-02", "code": "321-024-48", "kind": "primary",
                                "movement": "generated", "quantity_t": 1, "note": "x" * (TEXT_MAX + 1)}]}
    assert main(["score", str(write_doc(doc))]) == 2
    line = _one_line(capsys)
    assert "dross.ledger[1].note" in line and f"at most {TEXT_MAX:,}" in line


def test_a_file_without_values_is_refused(write_doc, capsys, tmp_path):
    doc = make_doc("electrolytic")
    del doc["values"]
    path = write_doc(doc)
    assert main(["score", str(path)]) == 2
    assert "values" in _one_line(capsys)
    assert main(["import", str(path), "--db", str(tmp_path / "x.db")]) == 2
    capsys.readouterr()
    doc["values"] = {}  # an explicit empty section is a file with nothing entered yet: it scores
    assert main(["score", str(write_doc(doc))]) == 0


def test_unknown_waste_codes_are_refused_in_ledger_rows_and_receivers(tmp_path, db_path, write_doc, capsys):
    pid = _plant(db_path)
    path = _csv(tmp_path, f"{HEAD}\n2025-03-02,999-999-99,一次铝灰,产生,1,,,,\n2025-03-03,321-034-48,一次铝灰,产生,1,,,,\n")
    with pytest.raises(dross.LedgerImportError) as ei:
        dross.import_ledger(db_path, pid, path)
    assert [(p.row, p.error.key) for p in ei.value.problems] == [(2, "waste_code_unknown")]
    line = ei.value.lines("en")[1]
    assert "row 2" in line and "999-999-99" in line
    assert dross.list_entries(db_path, pid) == []
    # dust-collection ash is a known code: the same file without the bad row imports
    path = _csv(tmp_path, f"{HEAD}\n2025-03-03,321-034-48,一次铝灰,产生,1,,,,\n", name="ok.csv")
    assert dross.import_ledger(db_path, pid, path).added == 1
    with pytest.raises(dross.InputError) as e:
        dross.save_receiver(db_path, pid, {"name": "R", "codes": ["321-999-48"]})
    assert e.value.key == "waste_code_unknown" and "321-999-48" in e.value.message("en")
    # in an assessment file: the ledger row and a receiver's licensed codes
    for dross_part, where in (
            ({"ledger": [{"date": "2025-03-02", "code": "321-999-48", "kind": "primary", "movement": "generated",
                          "quantity_t": 1}]}, "dross.ledger[1].code"),
            ({"receivers": [{"name": "R", "codes": ["321-024-48", "321-999-48"]}]}, "dross.receivers[1].codes[2]")):
        doc = make_doc("electrolytic")
        doc["dross"] = dross_part
        assert main(["score", str(write_doc(doc))]) == 2
        line = _one_line(capsys)
        assert where in line and "321-999-48" in line


def test_a_long_ledger_cell_is_refused_naming_row_and_column(tmp_path, db_path):
    pid = _plant(db_path)
    path = _csv(tmp_path, f"{HEAD}\n2025-03-02,321-024-48,一次铝灰,产生,1,{'C' * 300},,,\n")
    with pytest.raises(dross.LedgerImportError) as ei:
        dross.import_ledger(db_path, pid, path)
    assert [(p.row, p.error.key) for p in ei.value.problems] == [(2, "text_too_long")]
    assert "容器编号" in ei.value.lines("en")[1]


def test_a_missing_absolute_identity_is_one_line(write_doc, tmp_path, capsys):
    (tmp_path / "pw").write_text("kettle mosaic 29 lantern\n", encoding="utf-8")
    src = write_doc(make_doc("electrolytic"))
    for identity in (str(tmp_path / "nowhere" / "missing.p12"), "/absolute/missing.p12", "name*[with?glob",
                     "x" * 5000):
        rc = main(["report", str(src), "--out", str(tmp_path / "r.pdf"), "--sign", "--identity", identity,
                   "--passphrase-file", str(tmp_path / "pw")])
        assert rc == 2, identity
        assert "--identity" in _one_line(capsys)
    assert not (tmp_path / "r.pdf").exists()


def test_names_at_their_limits_make_a_report_and_labels(write_doc, tmp_path, capsys, monkeypatch):
    """The longest accepted texts still lay out (a 3,000-character name used to end in the QR encoder)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    doc = make_doc("electrolytic")
    doc["plant"].update({"name": "很" * NAME_MAX, "address": "址" * NAME_MAX, "contact": "联" * NAME_MAX,
                         "region": "区" * NAME_MAX})
    doc["assessor"] = {"name": "评" * NAME_MAX, "organisation": "构" * NAME_MAX}
    src = write_doc(doc)
    assert main(["report", str(src), "--out", str(tmp_path / "r.pdf")]) == 0, capsys.readouterr().err
    rc = main(["labels", str(src), "--out", str(tmp_path / "l.pdf"), "--no-persist"])
    err = capsys.readouterr().err
    assert rc in (0, 2) and "internal error" not in err
    doc["plant"]["name"] = "厂" * 3000
    src = write_doc(doc, "long.json")
    for args in (["report", str(src), "--out", str(tmp_path / "x.pdf")],
                 ["labels", str(src), "--out", str(tmp_path / "x.pdf"), "--no-persist"]):
        assert main(args) == 2
        assert "plant.name" in _one_line(capsys)
    assert not (tmp_path / "x.pdf").exists()
    json.dumps(doc)  # the file itself was valid JSON


def test_an_out_name_the_file_system_cannot_take_is_bad_input(write_doc, tmp_path, capsys):
    """Found by the fuzz bench: a 300-character --out name reached "internal error: File name too long"."""
    src = write_doc(make_doc("electrolytic"))
    for out in (tmp_path / ("x" * 300 + ".pdf"), tmp_path):
        assert main(["report", str(src), "--out", str(out)]) == 2
        assert "--out" in _one_line(capsys)
