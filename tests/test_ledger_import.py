"""Ledger spreadsheets: template, import (all or nothing, duplicates recognised), export, CLI."""

from __future__ import annotations

import datetime as _dt
import json

import pytest
from openpyxl import Workbook, load_workbook

from alassess.cli import main
from alassess.domain.assessment import Plant
from alassess.services import dross
from alassess.store import repo
from alassess.store.db import open_db

HEAD_ZH = ["日期", "废物代码", "铝灰类型", "业务类型", "数量(吨)", "容器编号", "接收单位", "转移联单号", "备注"]
GOOD = [
    [_dt.datetime(2025, 1, 5), "321-026-48", "一次铝灰", "产生", 12.5, "TB-01", None, None, "一号炉"],
    ["2025/1/12", "321-026-48", "一次", "自行利用", "10", "TB-01", None, None, None],
    ["2025年1月13日", "321-026-48", "二次铝灰", "产生", "６.５", "HB-01", None, None, None],
    ["2025-01-25", "321-026-48", "secondary", "transferred", 6.5, "HB-01", "绿环处置", 500202501001, None],
]


def _plant(db_path) -> int:
    db = open_db(db_path)
    try:
        return repo.upsert_plant(db, Plant(name="再生铝厂", sector="recycled", region="重庆市"))
    finally:
        db.conn.close()


def _xlsx(path, rows, head=HEAD_ZH, title=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    if title:
        ws.append([title])
    ws.append(head)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _count(db_path) -> int:
    db = open_db(db_path)
    try:
        return db["dross_ledger"].count
    finally:
        db.conn.close()


def test_template_has_chinese_headers_lists_and_help(tmp_path):
    out = tmp_path / "t.xlsx"
    dross.write_template(out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["台账", "说明"]
    ws = wb["台账"]
    assert [c.value for c in ws[1]] == HEAD_ZH
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"一次铝灰,二次铝灰"' in lists and '"产生,自行利用,转移,处置,调整"' in lists
    assert [c.value for c in wb["说明"]["A"]][1:] == HEAD_ZH


def test_template_filled_in_imports(tmp_path, db_path):
    pid = _plant(db_path)
    out = tmp_path / "t.xlsx"
    dross.write_template(out)
    wb = load_workbook(out)
    wb["台账"].append(GOOD[0])
    wb.save(out)
    assert dross.import_ledger(db_path, pid, out).added == 1


def test_import_xlsx_then_reimport_adds_nothing(tmp_path, db_path):
    pid = _plant(db_path)
    book = _xlsx(tmp_path / "l.xlsx", GOOD + [GOOD[0]])  # the first row twice: two real bags
    res = dross.import_ledger(db_path, pid, book)
    assert (res.rows, res.added, res.duplicates) == (5, 5, 0)
    again = dross.import_ledger(db_path, pid, book)
    assert (again.added, again.duplicates) == (0, 5)
    assert _count(db_path) == 5
    rows = dross.list_entries(db_path, pid)
    assert [r["date"] for r in rows] == ["2025-01-05", "2025-01-05", "2025-01-12", "2025-01-13", "2025-01-25"]
    assert rows[3]["quantity_t"] == 6.5 and rows[3]["kind"] == "secondary"
    assert rows[4]["manifest_no"] == "500202501001" and rows[4]["movement"] == "transferred"


def test_bad_spreadsheet_imports_nothing_and_lists_every_bad_row(tmp_path, db_path):
    pid = _plant(db_path)
    rows = GOOD + [
        ["2025-02-30", "321-026-48", "一次铝灰", "产生", 1, None, None, None, None],    # row 6: no such day
        ["2025-02-01", "32102648", "三次铝灰", "产生", "abc", None, None, None, None],  # row 7: three bad cells
        [None, None, None, None, None, None, None, None, None],                       # row 8: blank, skipped
        ["2025-02-03", "321-026-48", "一次铝灰", "转移", -2, None, None, None, None],    # row 9: negative
        ["2025-02-04", "321-026-48", "一次铝灰", "", 2, None, None, None, None],        # row 10: missing movement
    ]
    book = _xlsx(tmp_path / "bad.xlsx", rows)
    with pytest.raises(dross.LedgerImportError) as ei:
        dross.import_ledger(db_path, pid, book)
    got = [(p.row, p.column) for p in ei.value.problems]
    assert got == [(6, "日期"), (7, "废物代码"), (7, "铝灰类型"), (7, "数量(吨)"), (9, "数量(吨)"), (10, "业务类型")]
    assert _count(db_path) == 0
    lines = ei.value.lines("en")
    assert lines[0].startswith("4 bad row(s)")
    assert "row 7, column 数量(吨): “abc” is not a number" in lines[4]
    assert ei.value.lines("zh")[1].startswith("第 6 行，列“日期”")


def test_missing_column_and_unknown_columns(tmp_path, db_path):
    pid = _plant(db_path)
    book = _xlsx(tmp_path / "m.xlsx", [r[:4] for r in GOOD], head=HEAD_ZH[:4])
    with pytest.raises(dross.LedgerImportError) as ei:
        dross.import_ledger(db_path, pid, book)
    assert [(p.row, p.column) for p in ei.value.problems] == [(1, "数量(吨)")]
    head = ["序号", *HEAD_ZH, "经办人"]
    book = _xlsx(tmp_path / "x.xlsx", [[i, *r, "张三"] for i, r in enumerate(GOOD, 1)], head=head, title="危险废物管理台账")
    res = dross.import_ledger(db_path, pid, book)
    assert res.added == 4 and res.ignored_columns == ["经办人"]


def test_gbk_csv_and_utf8_bom_csv_are_the_same_rows(tmp_path, db_path):
    pid = _plant(db_path)
    text = ",".join(HEAD_ZH) + "\n" + "\n".join(
        ",".join("" if c is None else (c.strftime("%Y-%m-%d") if isinstance(c, _dt.datetime) else str(c)) for c in r)
        for r in GOOD) + "\n"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gbk"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(text.encode("utf-8-sig"))
    assert dross.import_ledger(db_path, pid, gbk).added == 4
    assert dross.import_ledger(db_path, pid, bom).added == 0  # the same rows, recognised as duplicates
    assert dross.import_ledger(db_path, pid, bom).duplicates == 4


def test_english_headers(tmp_path, db_path):
    pid = _plant(db_path)
    head = ["date", "code", "kind", "movement", "quantity_t", "container", "receiver", "manifest_no", "note"]
    csv = tmp_path / "en.csv"
    csv.write_text(",".join(head) + "\n2025-03-01,321-026-48,primary,generated,\"1,250.5\",C-1,,,\n", encoding="utf-8")
    assert dross.import_ledger(db_path, pid, csv).added == 1
    assert dross.list_entries(db_path, pid)[0]["quantity_t"] == 1250.5


def test_export_then_import_adds_nothing(tmp_path, db_path):
    pid = _plant(db_path)
    dross.import_ledger(db_path, pid, _xlsx(tmp_path / "l.xlsx", GOOD))
    for name in ("e.xlsx", "e.csv"):
        out = tmp_path / name
        assert dross.export_ledger(db_path, pid, out) == 4
        assert dross.import_ledger(db_path, pid, out).added == 0
    wb = load_workbook(tmp_path / "e.xlsx")
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == HEAD_ZH
    assert [c.value for c in ws[2]][:5] == ["2025-01-05", "321-026-48", "一次铝灰", "产生", 12.5]
    assert dross.export_ledger(db_path, pid, tmp_path / "q.csv", period="2025Q2") == 0


def test_unsupported_and_missing_files(tmp_path, db_path):
    pid = _plant(db_path)
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(dross.InputError) as ei:
        dross.import_ledger(db_path, pid, tmp_path / "a.txt")
    assert ei.value.key == "ledger_import_format"
    with pytest.raises(dross.InputError) as ei:
        dross.import_ledger(db_path, pid, tmp_path / "none.xlsx")
    assert ei.value.key == "file_not_found"
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(dross.InputError) as ei:
        dross.import_ledger(db_path, pid, tmp_path / "broken.xlsx")
    assert ei.value.key == "file_unreadable"


# ---- CLI ----------------------------------------------------------------------------------------

def test_cli_import_bad_file_exit_2_lists_rows(tmp_path, db_path, capsys):
    _plant(db_path)
    book = _xlsx(tmp_path / "bad.xlsx", GOOD + [["2025-02-01", "321-026-48", "一次铝灰", "产生", "-", None, None, None, None]])
    code = main(["ledger", "import", str(book), "--db", str(db_path), "--plant", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "nothing was imported" in err and "row 6, column 数量(吨)" in err
    assert "Traceback" not in err
    assert _count(db_path) == 0


def test_cli_import_summary_check_export(tmp_path, db_path, capsys):
    _plant(db_path)
    book = _xlsx(tmp_path / "l.xlsx", GOOD)
    assert main(["ledger", "import", str(book), "--db", str(db_path), "--plant", "再生铝厂"]) == 0
    assert main(["ledger", "import", str(book), "--db", str(db_path), "--plant", "1"]) == 0
    out = capsys.readouterr().out
    assert "4 added" in out and "0 added, 4 already stored" in out
    assert main(["ledger", "summary", "--db", str(db_path), "--plant", "1", "--period", "2025Q1", "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    prim, sec = s["rows"]
    assert (prim["generated_t"], prim["self_utilized_t"], prim["closing_t"]) == (12.5, 10.0, 2.5)
    assert (sec["generated_t"], sec["transferred_t"], sec["closing_t"]) == (6.5, 6.5, 0.0)
    assert main(["--lang", "zh", "ledger", "summary", "--db", str(db_path), "--plant", "1", "--period", "2025"]) == 0
    assert "期末" in capsys.readouterr().out
    assert main(["ledger", "check", "--db", str(db_path), "--plant", "1", "--period", "2025", "--as-of", "2025-02-01",
                 "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["as_of"] == "2025-02-01"
    assert "unregistered_receiver" in [f["id"] for f in r["findings"]]  # 绿环处置 was never registered
    assert main(["ledger", "receivers", "--db", str(db_path), "--plant", "1", "--add", "绿环处置", "--licence", "L-1",
                 "--codes", "321-026-48"]) == 0
    assert "绿环处置  L-1  321-026-48" in capsys.readouterr().out
    assert main(["ledger", "check", "--db", str(db_path), "--plant", "1", "--period", "2025", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert "unregistered_receiver" not in [f["id"] for f in r["findings"]]
    assert main(["ledger", "export", "--db", str(db_path), "--plant", "1", "--out", str(tmp_path / "o.csv")]) == 0
    assert (tmp_path / "o.csv").read_bytes().startswith("\ufeff日期".encode())
    assert main(["ledger", "template", "--out", str(tmp_path / "t.xlsx")]) == 0


def test_cli_unknown_plant_and_bad_period(db_path, capsys):
    _plant(db_path)
    assert main(["ledger", "summary", "--db", str(db_path), "--plant", "99", "--period", "2025"]) == 2
    assert "plant “99” not found" in capsys.readouterr().err
    assert main(["ledger", "summary", "--db", str(db_path), "--plant", "1", "--period", "25Q1"]) == 2
    assert "2025Q1" in capsys.readouterr().err


def test_workbook_read_without_calamine_gives_the_same_rows(tmp_path, monkeypatch):
    book = _xlsx(tmp_path / "l.xlsx", GOOD)
    fast = dross.parse_file(book).entries
    monkeypatch.setattr(dross, "_read_calamine", lambda path: None)  # the pandas + openpyxl path
    assert dross.parse_file(book).entries == fast and len(fast) == 4


def test_english_export_round_trip(tmp_path, db_path):
    pid = _plant(db_path)
    dross.import_ledger(db_path, pid, _xlsx(tmp_path / "l.xlsx", GOOD))
    out = tmp_path / "en.xlsx"
    dross.export_ledger(db_path, pid, out, lang="en")
    ws = load_workbook(out).worksheets[0]
    assert [c.value for c in ws[1]][:5] == ["date", "code", "kind", "movement", "quantity_t"]
    assert [c.value for c in ws[3]][2:4] == ["primary", "self_utilized"]
    assert dross.import_ledger(db_path, pid, out).duplicates == 4
