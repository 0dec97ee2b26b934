"""Speed as ratios to the floor: each command beside the least work any program must do for the same
output, measured whole-process in the same run (medians of several runs), printed as a ratio against
its budget; and the scaling figures (10k / 100k / 1M ledger rows, 10 / 100 / 1,000 plants) with their
growth (time at the larger size over the time at the smaller one; linear growth is 10 per step).

The 1M-row and 1,000-plant databases are built once and cached (``ALASSESS_BENCH_CACHE``, default a
folder in the system's temporary directory), keyed by the schema version; ``run.py --quick`` uses the
smaller sizes only (10k / 100k rows, 10 / 100 plants, 10k-row import, 200 labels).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

import common
from bench_dross import _rows  # the same generated ledger as the dross benchmarks
from common import Figure, alassess_cmd, time_process

from alassess.domain.credit_code import complete

PY = sys.executable


def _quick() -> bool:
    return bool(getattr(common, "QUICK", False)) or os.environ.get("ALASSESS_BENCH_QUICK") == "1"


def cache_dir() -> Path:
    from alassess.store import migrations

    base = Path(os.environ.get("ALASSESS_BENCH_CACHE") or Path(tempfile.gettempdir()) / "alassess-bench-cache")
    folder = base / f"schema{migrations.latest()}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _repeat(n: int = 5) -> int:
    return 3 if _quick() else n


def _py(code: str, *args: str) -> list[str]:
    return [PY, "-c", code, *args]


def _ratio(name: str, cmd_t: float, floor_t: float, budget: float, issue: str, floor: str) -> Figure:
    return Figure(f"floor: {name}", cmd_t / floor_t, budget, "x", issue,
                  f"{cmd_t:.3f} s vs {floor}: {floor_t:.3f} s")


# ---- inputs ---------------------------------------------------------------------------------------

def _doc(ledger_rows: int = 0) -> dict:
    values = {"energy_output": 0.56, "alumina_consumption_kg_per_t": 1925, "water_output": 0.6,
              "anode_output": 2.0, "fluoride_output": 60, "solid_waste_utilization_pct": 40}
    for r in ("req_legal_compliance", "req_metrology_system", "req_emissions_compliant",
              "req_cleaner_production_audit", "req_env_management_system", "req_complete_chain"):
        values[r] = True
    doc = {"format": "alassess.assessment", "version": 1,
           "plant": {"name": "基准电解铝厂", "credit_code": complete("91500114MA60E0B20"),
                     "sector": "electrolytic", "region": "重庆市", "key_region": False},
           "period": "2025", "assessor": {"name": "基准", "organisation": "AlAssess"}, "values": values}
    if ledger_rows:
        doc["dross"] = {"ledger": [{"date": d.isoformat(), "code": code, "kind": kind, "movement": mv,
                                    "quantity_t": abs(q) if mv != "adjustment" else q, "container": cont}
                                   for d, code, kind, mv, q, cont, *_ in _rows(ledger_rows)]}
    return doc


def ledger_db(n: int) -> Path:
    """A database with one plant and ``n`` ledger rows (cached)."""
    from bench_dross import build_db

    path = cache_dir() / f"ledger-{n}.db"
    if not path.exists():
        tmp = path.with_suffix(".partial")
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
        build_db(tmp, n)
        shutil.rmtree(tmp.parent / "backups", ignore_errors=True)
        os.replace(tmp, path)
    return path


def plants_db(n: int) -> Path:
    """A database with ``n`` plants, one scored assessment each (cached)."""
    from alassess.domain.assessment import parse_assessment
    from alassess.store import repo
    from alassess.store.db import open_db

    path = cache_dir() / f"plants-{n}.db"
    if not path.exists():
        tmp = path.with_suffix(".partial")
        tmp.unlink(missing_ok=True)
        db = open_db(tmp)
        rnd = random.Random(n)
        for i in range(n):
            doc = _doc()
            doc["plant"] = dict(doc["plant"], name=f"基准电解铝厂{i:04d}",
                                credit_code=complete(f"91500114MA{i:04d}E0B"))
            doc["values"] = dict(doc["values"], energy_output=round(rnd.uniform(0.3, 0.9), 3))
            repo.save_assessment(db, parse_assessment(doc))
        db.conn.close()
        shutil.rmtree(tmp.parent / "backups", ignore_errors=True)
        os.replace(tmp, path)
    return path


# ---- pairs ----------------------------------------------------------------------------------------

def score_pairs(tmp: Path) -> list[Figure]:
    figs = []
    small = tmp / "a.json"
    small.write_text(json.dumps(_doc(), ensure_ascii=False), encoding="utf-8")
    r = _repeat(7)
    t_floor = time_process(_py("pass"), repeat=r)
    t_cmd = time_process(alassess_cmd("score", str(small), "--json"), repeat=r)
    figs.append(_ratio("score FILE --json / python -c pass", t_cmd, t_floor, 3.0, "speed", "python -c pass"))
    n = 10_000 if _quick() else 100_000
    big = tmp / "ledger.json"
    big.write_text(json.dumps(_doc(n), ensure_ascii=False), encoding="utf-8")
    load = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))"
    t_floor = time_process(_py(load, str(big)), repeat=_repeat(3))
    t_cmd = time_process(alassess_cmd("score", str(big), "--json"), repeat=_repeat(3))
    figs.append(_ratio(f"score FILE --json, {n:,}-row ledger / json.load", t_cmd, t_floor, 3.0, "speed",
                       "json.load of the same file"))
    return figs


_PLAIN_SUMMARY = """
import sqlite3, sys
from alassess.store.dross import MONTHLY_SQL
c = sqlite3.connect(sys.argv[1])
c.execute(MONTHLY_SQL, {"plant": 1, "start": "2025-01", "end": "2025-12"}).fetchall()
"""


def summary_pairs() -> list[Figure]:
    figs = []
    sizes = (10_000, 100_000) if _quick() else (10_000, 100_000, 1_000_000)
    times = []
    for n in sizes:
        path = ledger_db(n)
        t_floor = time_process(_py(_PLAIN_SUMMARY, str(path)), repeat=_repeat())
        t_cmd = time_process(alassess_cmd("ledger", "summary", "--db", str(path), "--plant", "1",
                                          "--period", "2025", "--json"), repeat=_repeat())
        times.append(t_cmd)
        figs.append(_ratio(f"ledger summary, {n:,} rows / the same SQL in plain sqlite3", t_cmd, t_floor, 3.0,
                           "speed", "plain sqlite3"))
    for (n0, t0), (n1, t1) in itertools.pairwise(zip(sizes, times, strict=True)):
        figs.append(Figure(f"scaling: ledger summary, {n0:,} -> {n1:,} rows (growth)", t1 / t0, 3.0, "x",
                           "speed", f"{t0:.3f} s -> {t1:.3f} s; flat in file size is 1"))
    return figs


_PLAIN_LIST = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute("SELECT a.id, p.name, p.sector, a.period, a.revision, a.status, a.assessor_name "
                   "FROM assessments a JOIN plants p ON p.id = a.plant_id ORDER BY p.name, a.period"):
    print(*r)
"""


def list_pairs() -> list[Figure]:
    figs = []
    sizes = (10, 100) if _quick() else (10, 100, 1000)
    times = []
    for n in sizes:
        path = plants_db(n)
        t_floor = time_process(_py(_PLAIN_LIST, str(path)), repeat=_repeat())
        t_cmd = time_process(alassess_cmd("list", "--db", str(path)), repeat=_repeat())
        times.append(t_cmd)
        figs.append(_ratio(f"list, {n:,} plants / a plain SQL join", t_cmd, t_floor, 3.0, "speed",
                           "plain sqlite3 join"))
    for (n0, t0), (n1, t1) in itertools.pairwise(zip(sizes, times, strict=True)):
        figs.append(Figure(f"scaling: list, {n0:,} -> {n1:,} plants (growth)", t1 / t0, 10.0, "x", "speed",
                           f"{t0:.3f} s -> {t1:.3f} s; linear is 10"))
    return figs


_CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
rows = wb.get_sheet_by_name(wb.sheet_names[0]).to_python()
"""


def import_pair(tmp: Path) -> list[Figure]:
    from bench_dross import build_workbook

    from alassess.domain.assessment import Plant
    from alassess.store import repo
    from alassess.store.db import open_db

    n = 10_000 if _quick() else 100_000
    book = cache_dir() / f"ledger-{n}.xlsx"
    if not book.exists():
        build_workbook(book.with_suffix(".partial.xlsx"), n)
        os.replace(book.with_suffix(".partial.xlsx"), book)
    t_floor = time_process(_py(_CALAMINE, str(book)), repeat=_repeat(3))
    times = []
    for i in range(_repeat(3)):
        db_path = tmp / f"import{i}.db"
        db = open_db(db_path)
        repo.upsert_plant(db, Plant(name="基准再生铝厂", sector="recycled", region="重庆市"))
        db.conn.close()
        times.append(time_process(alassess_cmd("ledger", "import", str(book), "--db", str(db_path),
                                               "--plant", "1"), repeat=1))
    t_cmd = sorted(times)[len(times) // 2]
    return [_ratio(f"ledger import, {n:,}-row .xlsx / python-calamine read", t_cmd, t_floor, 2.0, "speed",
                   "python-calamine read of the same file")]


_REPORTLAB = """
import sys
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from alassess.reports.fonts import font_path
pdfmetrics.registerFont(TTFont("F", str(font_path(False))))
pdfmetrics.registerFont(TTFont("B", str(font_path(True))))
c = canvas.Canvas(sys.argv[1], pagesize=A4)
w, h = A4
for i in range(int(sys.argv[2])):
    c.setLineWidth(3); c.rect(40, h / 2, w - 80, h / 2 - 40)
    c.setFillColorRGB(1, 0.6, 0); c.rect(40, h - 140, w - 80, 100, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0); c.setFont("B", 28); c.drawString(60, h - 100, "危险废物 HAZARDOUS WASTE")
    c.setFont("F", 12)
    for k, text in enumerate(("废物名称：铝灰渣", "废物代码：321-024-48", "废物类别：HW48", "危险特性：R、T",
                              "产生单位：基准电解铝有限公司", "联系人：张三 13800000000",
                              f"数量：1.2 t   批次：2025-03-01-{i:03d}", "产生日期：2025-03-01")):
        c.drawString(60, h - 180 - 22 * k, text)
    c.showPage()
c.save()
"""


def labels_pair(tmp: Path) -> list[Figure]:
    count = 100 if _quick() else 500  # containers; two labels each
    src = tmp / "plant.json"
    doc = _doc()
    doc["plant"] = dict(doc["plant"], contact="张三", phone="13800000000")
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp / "labels.pdf"
    t_floor = time_process(_py(_REPORTLAB, str(tmp / "floor.pdf"), str(2 * count)), repeat=_repeat(3))
    times = []
    for day in range(1, _repeat(3) + 1):  # a new date each run: a date has 999 serials
        times.append(time_process(alassess_cmd(
            "labels", str(src), "--out", str(out), "--count", str(count), "--container-volume-l", "1000",
            "--weight-t", "1.2", "--date", f"2025-03-{day:02d}", "--db", str(tmp / "serials.db")), repeat=1))
        out.unlink()
    t_cmd = sorted(times)[len(times) // 2]
    return [_ratio(f"{2 * count:,} labels / a minimal reportlab script, same pages without QR", t_cmd, t_floor,
                   2.0, "speed", "minimal reportlab script")]


_EMPTY_WINDOW = """
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def gui_pair(tmp: Path) -> list[Figure]:
    from bench_gui import _demo_db

    db = _demo_db(tmp)
    t_floor = time_process(_py(_EMPTY_WINDOW), repeat=_repeat())
    e = {"ALASSESS_EXIT_WHEN_SHOWN": "1", "ALASSESS_SETTINGS": str(tmp / "settings.ini"), "ALASSESS_LANG": "zh",
         "ALASSESS_STARTUP_FILE": str(tmp / "shown.json")}
    t_cmd = time_process(alassess_cmd("gui", "--db", str(db)), repeat=_repeat(), extra_env=e)
    return [_ratio("GUI cold start to a shown window / an empty PySide6 window", t_cmd, t_floor, 3.0, "speed",
                   "empty PySide6 window (offscreen)")]


def run() -> list[Figure]:
    figs: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        figs += score_pairs(t)
        figs += summary_pairs()
        figs += list_pairs()
        figs += import_pair(t)
        figs += labels_pair(t)
        figs += gui_pair(t)
    return figs
