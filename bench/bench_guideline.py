"""Budgets of the guideline / energy & carbon / trends area.

* ``alassess score FILE --json`` on a complete electrolytic file (every guideline, technology,
  encouraged-technology and energy field filled): whole process ≤ 0.6 s (the foundation's score
  budget, which the new modules must not break).
* ``alassess trend --db DB --plant ID --json`` on a plant with 12 periods: whole process ≤ 1.0 s
  (app choice: a trend is opened interactively, like a score).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from common import Figure, alassess_cmd, time_process

from alassess.domain import fields
from alassess.domain.credit_code import complete


def _values() -> dict:
    values = {"energy_output": 0.58, "alumina_output": 0.52, "water_output": 0.66, "anode_output": 2.03,
              "fluoride_output": 61, "solid_waste_utilization_pct": 70, "cooling_water_reuse_pct": 100,
              "spent_electrolyte_recycling_pct": 100, "spent_anode_recycling_pct": 99, "cell_current_ka": 400,
              "ac_consumption_kwh_per_t": 13200, "renewable_share_pct": 26, "direct_alloying_pct": 88,
              "clean_transport_pct": 78, "env_performance_grade": "B", "new_or_expansion_project": False,
              "new_self_owned_coal_units": False, "new_water_use_m3": 280000, "total_energy_tce": 320000,
              "co2_emissions_t": 2300000}
    for f in fields.for_sector("electrolytic"):
        if f.group in ("requirements", "technology", "encouraged"):
            values[f.id] = f.group != "technology"
    return values


def _doc(period: str = "2025", **changes: float) -> dict:
    return {"format": "alassess.assessment", "version": 1,
            "plant": {"name": "基准电解铝厂", "credit_code": complete("91500114MA60E0B20"),
                      "sector": "electrolytic", "region": "重庆市", "key_region": True},
            "period": period, "assessor": {"name": "基准", "organisation": "AlAssess"},
            "values": {**_values(), **changes}}


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.json"
        path.write_text(json.dumps(_doc(), ensure_ascii=False), encoding="utf-8")
        t_score = time_process(alassess_cmd("score", str(path), "--json"), repeat=7)

        db = Path(tmp) / "trend.db"
        for k, year in enumerate(range(2014, 2026)):
            p = Path(tmp) / f"{year}.json"
            p.write_text(json.dumps(_doc(str(year), ac_consumption_kwh_per_t=13600 - 50 * k), ensure_ascii=False),
                         encoding="utf-8")
            time_process(alassess_cmd("import", str(p), "--db", str(db)), repeat=1)
        t_trend = time_process(alassess_cmd("trend", "--db", str(db), "--plant", "1", "--json"), repeat=5)
    return [Figure("guideline: score --json, complete electrolytic file (whole process)", t_score, 0.6, "s",
                   "guideline"),
            Figure("guideline: trend --json, 12 periods (whole process)", t_trend, 1.0, "s", "guideline")]
