"""CSV exports are neutralised against formula injection (the attack: cells beginning with "=",
"+", "-", "@", a tab or a CR came out verbatim, so a spreadsheet opening the export ran them)."""

from __future__ import annotations

import csv
import io

from alassess.services import dross
from tests.test_ledger_import import _plant

PAYLOADS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=1+1"]


def _cells(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_csv_export_neutralises_formula_cells_and_reads_back_exactly(tmp_path, db_path):
    pid = _plant(db_path)
    texts = [*PAYLOADS, "'quoted", "-", "+86 23 1234 5678"]
    for i, t in enumerate(texts):
        dross.add_entry(db_path, pid, {"date": "2025-03-02", "code": "321-026-48", "kind": "primary",
                                       "movement": "generated", "quantity_t": i + 1, "container": t, "note": t,
                                       "receiver": t})
    # a genuine negative number: an adjustment
    dross.add_entry(db_path, pid, {"date": "2025-03-03", "code": "321-026-48", "kind": "primary",
                                   "movement": "adjustment", "quantity_t": -1.5, "note": "-12.5"})
    out = tmp_path / "e.csv"
    dross.export_ledger(db_path, pid, out)
    rows = _cells(out)
    body = [c for row in rows[1:] for c in row]
    starts = ("=", "+", "-", "@", "\t", "\r")
    offending = [c for c in body if c.startswith(starts) and not _number(c)]
    assert offending == [], offending
    # what a spreadsheet would have run is now text behind an apostrophe
    assert "'" + PAYLOADS[0] in body and "''quoted" in body
    # negative numbers are not touched
    assert "-1.5" in body and "-12.5" in body
    # the export reads back identical: importing it adds nothing, and into another database gives the same texts
    res = dross.import_ledger(db_path, pid, out)
    assert (res.added, res.duplicates) == (0, len(texts) + 1)
    other = _plant(tmp_path / "o.db")
    dross.import_ledger(tmp_path / "o.db", other, out)
    got = [(r["container"], r["note"], r["receiver"]) for r in dross.list_entries(tmp_path / "o.db", other)]
    want = [(r["container"], r["note"], r["receiver"]) for r in dross.list_entries(db_path, pid)]
    assert got == want


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_every_formula_start_is_guarded_and_undone():
    for text in [*PAYLOADS, "\t1", "\r1", "'x", "''=y"]:
        guarded = dross._csv_guard(text)
        assert guarded[0] == "'" and dross._csv_unguard(guarded) == text
    for text in ["-12.5", "+3", "-1,250.5", "1e-3", "plain", ""]:
        assert dross._csv_guard(text) == text
    assert dross._csv_guard(-1.5) == -1.5
