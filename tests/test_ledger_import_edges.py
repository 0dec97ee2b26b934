"""Ledger files the property tests turned up: each case as a user meets it."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from alassess.services import dross
from tests.test_ledger_import import _plant

HEAD = "日期,废物代码,铝灰类型,业务类型,数量(吨),容器编号,接收单位,转移联单号,备注"


def _csv(tmp_path, text: str, encoding: str = "utf-8", name: str = "l.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_a_title_row_above_the_header_imports(tmp_path, db_path):
    """A title in the first row (one cell) used to stop the reader: 'Expected 1 fields in line 2, saw 9'."""
    pid = _plant(db_path)
    path = _csv(tmp_path, f"2025年铝灰管理台账\n{HEAD}\n2025-01-05,321-026-48,一次铝灰,产生,12.5,TB-01,,,\n"
                          "2025-01-06,321-026-48,一次铝灰,产生,3,TB-01,,,,多余的一格\n")
    res = dross.import_ledger(db_path, pid, path)
    assert (res.rows, res.added) == (2, 2)
    assert [r["quantity_t"] for r in dross.list_entries(db_path, pid)] == [12.5, 3.0]


def test_excel_serial_dates_in_a_csv_file(tmp_path, db_path):
    """Excel writes a date column formatted as a number as its serial (45718 = 2025-03-02)."""
    pid = _plant(db_path)
    path = _csv(tmp_path, f"{HEAD}\n45718,321-026-48,一次铝灰,产生,1,,,,\n45719.0,321-026-48,一次铝灰,产生,2,,,,\n")
    dross.import_ledger(db_path, pid, path)
    assert [r["date"] for r in dross.list_entries(db_path, pid)] == ["2025-03-02", "2025-03-03"]


def test_utf16_csv_with_bom_imports(tmp_path, db_path):
    pid = _plant(db_path)
    path = _csv(tmp_path, f"{HEAD}\n2025-03-02,321-026-48,二次铝灰,产生,1.5,,,,\n", encoding="utf-16")
    assert dross.import_ledger(db_path, pid, path).added == 1
    assert dross.list_entries(db_path, pid)[0]["kind"] == "secondary"


def test_a_waste_code_in_other_digits_is_refused(tmp_path, db_path):
    """'٣٢١-٠٢٤-٤٨' matched \\d and was stored as it was, never equal to 321-024-48."""
    pid = _plant(db_path)
    path = _csv(tmp_path, f"{HEAD}\n2025-03-02,٣٢١-٠٢٤-٤٨,一次铝灰,产生,1,,,,\n")
    with pytest.raises(dross.LedgerImportError) as ei:
        dross.import_ledger(db_path, pid, path)
    assert [(p.row, p.column, p.error.key) for p in ei.value.problems] == [(2, "废物代码", "ledger_bad_code")]
    assert dross.list_entries(db_path, pid) == []


def test_a_line_break_in_a_bad_cell_keeps_the_message_on_one_line(tmp_path, db_path):
    pid = _plant(db_path)
    path = _csv(tmp_path, f'{HEAD}\n2025-03-02,321-026-48,一次铝灰,"卖\n出",1,,,,\n')
    with pytest.raises(dross.LedgerImportError) as ei:
        dross.import_ledger(db_path, pid, path)
    for lang in ("zh", "en"):
        lines = ei.value.lines(lang)
        assert all("\n" not in line for line in lines)
    assert "row 2, column 业务类型: “卖\\n出” is not a valid choice" in ei.value.lines("en")[1]


def test_a_broken_csv_is_reported_in_one_line(tmp_path, db_path):
    pid = _plant(db_path)
    path = _csv(tmp_path, HEAD + "\n" + "x" * 200_000 + "\n")  # one cell larger than any reader takes
    with pytest.raises(dross.InputError) as ei:
        dross.import_ledger(db_path, pid, path)
    assert ei.value.key == "file_unreadable" and "\n" not in ei.value.message("zh")


def test_texts_survive_export_and_import_unchanged(tmp_path, db_path):
    """Export used to fail on a control character (.xlsx), to turn '=…' into a formula (.xlsx) and to
    leave a lone CR unquoted (.csv), which split the row when read back."""
    pid = _plant(db_path)
    texts = ["=SUM(A1)", "a\rb", "tab\there", "bell\x07", "_x0041_", "行1\n行2"]
    for i, t in enumerate(texts):
        dross.add_entry(db_path, pid, {"date": "2025-03-02", "code": "321-026-48", "kind": "primary",
                                       "movement": "generated", "quantity_t": i + 1, "container": t, "note": t})
    before = [(r["container"], r["note"]) for r in dross.list_entries(db_path, pid)]
    assert before == [(t, t) for t in texts]
    for name in ("e.xlsx", "e.csv"):
        out = tmp_path / name
        dross.export_ledger(db_path, pid, out)
        res = dross.import_ledger(db_path, pid, out)
        assert (res.added, res.duplicates) == (0, len(texts)), name
    ws = load_workbook(tmp_path / "e.xlsx").worksheets[0]
    assert ws["F2"].value == "=SUM(A1)" and ws["F2"].data_type == "s"  # text, not a formula
    other = _plant(tmp_path / "other.db")
    dross.import_ledger(tmp_path / "other.db", other, tmp_path / "e.xlsx")
    assert [(r["container"], r["note"]) for r in dross.list_entries(tmp_path / "other.db", other)] == before


def test_assessment_files_take_only_ascii_years_and_codes(doc_factory):
    """The same \\d trap in the assessment file: '٢٠٢٥' was stored as the period, unequal to 2025."""
    from alassess.domain.assessment import parse_assessment
    from alassess.domain.errors import InputError

    doc = doc_factory("recycled", {})
    doc["period"] = "٢٠٢٥"
    with pytest.raises(InputError) as ei:
        parse_assessment(doc)
    assert ei.value.key == "bad_period"
    doc = doc_factory("recycled", {}, dross={"ledger": [{"date": "2025-03-02", "code": "٣٢١-٠٢٦-٤٨", "kind": "primary",
                                                         "movement": "generated", "quantity_t": 1}]})
    with pytest.raises(InputError) as ei:
        parse_assessment(doc)
    assert ei.value.field == "dross.ledger[1].code"
