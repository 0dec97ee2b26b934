"""Budget (report issue): a signed report of at least 10 pages, whole process, ≤ 2.5 s.

    python -m alassess report --db DB --assessment ID --out OUT.pdf --sign --identity ID.p12 --passphrase-file PW

The input is made to be long the way real ones get long: an electrolytic plant assessed over ten
periods (2016–2025: a ten-point trend and its table) whose 2025 dross ledger has a week-by-week
record (generation, in-plant recovery, secondary dross and its transfers with manifests: some
260 entries in the appendix). The report's page count is measured, not assumed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import resource
import tempfile
from decimal import Decimal
from pathlib import Path

from common import Figure, alassess_cmd, time_process

from alassess.domain.credit_code import complete

PERIODS = [str(y) for y in range(2016, 2026)]
RECEIVER = {"name": "重庆绿环危险废物处置有限公司", "licence_no": "渝危废经第 500000-2023-017 号",
            "codes": ["321-024-48"], "valid_from": "2015-01-01", "valid_to": "2030-12-31"}


def _ledger(year: int) -> list[dict]:
    out = []
    day = dt.date(year, 1, 3)
    n = 0
    while day.year == year:
        n += 1
        c = f"TB-{year}-{n:03d}"
        out += [
            {"date": day.isoformat(), "code": "321-024-48", "kind": "primary", "movement": "generated",
             "quantity_t": 45.5, "container": c},
            {"date": (day + dt.timedelta(days=1)).isoformat(), "code": "321-024-48", "kind": "primary",
             "movement": "self_utilized", "quantity_t": 27.3, "container": c},
            {"date": (day + dt.timedelta(days=2)).isoformat(), "code": "321-024-48", "kind": "secondary",
             "movement": "generated", "quantity_t": 15.0, "container": f"HB-{year}-{n:03d}"},
            {"date": (day + dt.timedelta(days=4)).isoformat(), "code": "321-024-48", "kind": "secondary",
             "movement": "transferred", "quantity_t": 15.0, "container": f"HB-{year}-{n:03d}",
             "receiver": RECEIVER["name"], "manifest_no": f"500{year}{n:05d}"},
            {"date": (day + dt.timedelta(days=5)).isoformat(), "code": "321-024-48", "kind": "primary",
             "movement": "transferred", "quantity_t": 18.2, "container": c, "receiver": RECEIVER["name"],
             "manifest_no": f"501{year}{n:05d}"},
        ]
        day += dt.timedelta(days=7)
    return [e for e in out if e["date"].startswith(str(year))]


def _doc(i: int, period: str) -> dict:
    step = Decimal(i) / 100
    values = {"energy_consumption_kgce_per_t": float(1760 - 9 * i), "alumina_output": float(Decimal("0.510") + step / 10),
              "water_output": float(Decimal("0.55") + step), "anode_output": float(Decimal("1.95") + step),
              "fluoride_output": 48 + 2 * i, "solid_waste_utilization_pct": 50 + 3 * i,
              "cooling_water_reuse_pct": 100, "spent_electrolyte_recycling_pct": 100, "spent_anode_recycling_pct": 100,
              "cell_current_ka": 400, "ac_consumption_kwh_per_t": 13400 - 30 * i, "renewable_share_pct": 10 + 2 * i,
              "direct_alloying_pct": 80 + i, "clean_transport_pct": 60 + 2 * i, "env_performance_grade": "B",
              "new_or_expansion_project": False, "new_self_owned_coal_units": False,
              "tech_soderberg_cells": False}
    for r in ("req_legal_compliance", "req_metrology_system", "req_emissions_compliant",
              "req_cleaner_production_audit", "req_env_management_system", "req_complete_chain"):
        values[r] = True
    doc = {"format": "alassess.assessment", "version": 1,
           "plant": {"name": "基准测试电解铝有限公司", "credit_code": complete("91500114MA60E0B20"),
                     "sector": "electrolytic", "region": "重庆市", "key_region": True},
           "period": period, "assessor": {"name": "基准评估员", "organisation": "AlAssess 基准"}, "values": values}
    if period == PERIODS[-1]:
        doc["dross"] = {"production_t": 190000, "self_utilization": True,
                        "requirements": {k: True for k in ("6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.1.5", "6.1.6",
                                                           "6.1.7", "6.1.9", "6.1.10", "6.2.1", "6.2.2", "6.2.3",
                                                           "6.3")} | {"6.1.8": False},
                        "receivers": [RECEIVER], "ledger": _ledger(int(period))}
    return doc


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def run() -> list[Figure]:
    from alassess.services import records
    from alassess.signing.identities import create_identity

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        db = t / "bench.db"
        last = 0
        for i, period in enumerate(PERIODS):
            f = t / f"{period}.json"
            f.write_text(json.dumps(_doc(i, period), ensure_ascii=False), encoding="utf-8")
            last, _ = records.import_file(db, f)
        (t / "pw").write_text("bench passphrase\n", encoding="utf-8")
        create_identity("基准评估员", "AlAssess 基准", t / "id.p12", b"bench passphrase")
        out = t / "report.pdf"
        cmd = alassess_cmd("report", "--db", str(db), "--assessment", str(last), "--out", str(out), "--sign",
                           "--identity", str(t / "id.p12"), "--passphrase-file", str(t / "pw"), "--lang", "zh")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = time_process(cmd, repeat=5)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / 5
        pages = _pages(out.read_bytes())
    if pages < 10:
        raise RuntimeError(f"the benchmark report has {pages} pages; it must have at least 10")
    detail = f"{pages} pages, 10 periods, {len(_ledger(int(PERIODS[-1])))} ledger entries"
    # the CPU time is what the wall time would be on an idle machine (the runs share two cores)
    return [Figure("report: signed report, whole process (wall)", seconds, 2.5, "s", "report", detail),
            Figure("report: signed report, whole process (CPU, mean)", cpu, 2.5, "s", "report", detail)]
