"""Budgets (dross issue): import of a 100,000-row ledger workbook ≤ 10 s; a ledger summary over
1,000,000 rows ≤ 1 s (aggregation in SQL over the covering index)."""

from __future__ import annotations

import datetime as _dt
import random
import tempfile
import time
from pathlib import Path

from common import Figure, time_call

from alassess.domain.assessment import Plant
from alassess.services import dross
from alassess.store import repo
from alassess.store.db import open_db

CODES = ("321-024-48", "321-026-48")
MOVES = ("generated", "generated", "self_utilized", "transferred", "disposed", "adjustment")


def _rows(n: int, seed: int = 7):
    rnd = random.Random(seed)
    start = _dt.date(2020, 1, 1)
    for i in range(n):
        day = start + _dt.timedelta(days=rnd.randrange(0, 6 * 365))
        mv = MOVES[rnd.randrange(len(MOVES))]
        q = round(rnd.uniform(0.1, 30), 3) * (-1 if mv == "adjustment" and rnd.random() < 0.5 else 1)
        yield (day, CODES[rnd.randrange(2)], "primary" if rnd.random() < 0.7 else "secondary", mv, q,
               f"C-{i % 500:04d}", "重庆绿环危险废物处置有限公司" if mv == "transferred" else "",
               f"M{i:09d}" if mv == "transferred" else "", "")


def _plant(db) -> int:
    return repo.upsert_plant(db, Plant(name="基准再生铝厂", sector="recycled", region="重庆市"))


def build_workbook(path: Path, n: int) -> None:
    from openpyxl import Workbook

    from alassess.domain import ledger as dl

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append([dl.COLUMNS[f][0] for f in dl.ORDER])
    zh_kind = {"primary": "一次铝灰", "secondary": "二次铝灰"}
    zh_move = {m: dl.MOVEMENT_VALUES[m][1] for m in dl.MOVEMENT_VALUES}
    for d, code, kind, mv, q, cont, rec, man, note in _rows(n):
        ws.append([d, code, zh_kind[kind], zh_move[mv], q, cont, rec, man, note])
    wb.save(path)


def bench_import(tmp: Path, n: int = 100_000) -> float:
    book = tmp / "ledger.xlsx"
    build_workbook(book, n)
    times = []
    for i in range(3):
        db_path = tmp / f"import{i}.db"
        db = open_db(db_path)
        _plant(db)
        db.conn.close()
        t0 = time.perf_counter()
        res = dross.import_ledger(db_path, 1, book)
        times.append(time.perf_counter() - t0)
        assert res.added == n, res
    return sorted(times)[1]


def build_db(path: Path, n: int) -> None:
    db = open_db(path)
    pid = _plant(db)
    ts = repo.now()
    rows = ((pid, d.isoformat(), code, kind, mv, q, cont, rec, man, note, f"fp{i}", ts)
            for i, (d, code, kind, mv, q, cont, rec, man, note) in enumerate(_rows(n)))
    with repo.transaction(db):
        db.conn.executemany(
            "INSERT INTO dross_ledger (plant_id, date, code, kind, movement, quantity_t, container, receiver, "
            "manifest_no, note, fingerprint, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("ANALYZE")
    db.conn.close()


def bench_summary(tmp: Path, n: int = 1_000_000) -> tuple[float, float]:
    path = tmp / "summary.db"
    build_db(path, n)
    year = time_call(lambda: dross.summary(path, 1, "2025"), repeat=5)
    quarter = time_call(lambda: dross.summary(path, 1, "2023Q2"), repeat=5)
    return year, quarter


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        t_import = bench_import(Path(tmp))
        t_year, t_quarter = bench_summary(Path(tmp))
    return [
        Figure("dross: import a 100,000-row ledger .xlsx", t_import, 10.0, "s", "dross"),
        Figure("dross: ledger summary, year, over 1,000,000 rows", t_year, 1.0, "s", "dross"),
        Figure("dross: ledger summary, quarter, over 1,000,000 rows", t_quarter, 1.0, "s", "dross"),
    ]
