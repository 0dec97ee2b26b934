"""Budgets (labels issue): 1,000 labels ≤ 10 s and the PDF ≤ 30 MB.

The batch is 500 containers of more than 450 L, two labels each (1,000 labels, 1,000 A4 pages), printed
by the whole ``alassess labels`` process with its start-up. Also reported: the same batch on A3
(two per sheet) and the 40 cm warning sign tiled on A4.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from common import Figure, alassess_cmd, env

from alassess.domain.credit_code import complete


def _doc() -> dict:
    return {"format": "alassess.assessment", "version": 1,
            "plant": {"name": "基准电解铝有限公司", "credit_code": complete("91500114MA60E0B20"),
                      "sector": "electrolytic", "region": "重庆市", "key_region": False, "contact": "张三",
                      "phone": "13800000000"},
            "period": "2025", "assessor": {"name": "基准", "organisation": "AlAssess"}, "values": {}}


def _run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(alassess_cmd("labels", *args), env=env(), capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode(errors="replace"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def run() -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "plant.json"
        src.write_text(json.dumps(_doc(), ensure_ascii=False), encoding="utf-8")
        out = Path(tmp) / "labels.pdf"
        db = str(Path(tmp) / "serials.db")

        def batch(day: int) -> list[str]:  # a new date each run: a date has 999 serials
            return [str(src), "--out", str(out), "--count", "500", "--container-volume-l", "1000",
                    "--weight-t", "1.2", "--date", f"2025-03-{day:02d}", "--db", db]

        runs = [_run(batch(d)) for d in (1, 2, 3)]
        wall = sorted(r[0] for r in runs)[1]
        cpu = sorted(r[1] for r in runs)[1]
        size_mb = out.stat().st_size / 1e6
        figures.append(Figure("labels: 1,000 labels on A4 (alassess labels, whole process)", wall, 10.0, "s", "labels",
                              f"median of 3; CPU {cpu:.2f} s"))
        figures.append(Figure("labels: PDF size of 1,000 labels", size_mb, 30.0, "MB", "labels"))
        wall3, cpu3 = _run([*batch(4), "--paper", "A3"])
        figures.append(Figure("labels: 1,000 labels on A3, 2 per sheet (whole process)", wall3, 10.0, "s", "labels",
                              f"CPU {cpu3:.2f} s; {out.stat().st_size / 1e6:.1f} MB"))
        wallw, _ = _run([str(src), "--out", str(out), "--kind", "warning", "--paper", "A4"])
        figures.append(Figure("labels: 40 cm warning sign tiled on A4 (whole process)", wallw, 10.0, "s", "labels"))
    return figures
