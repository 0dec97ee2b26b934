"""Budget (foundation issue): ``alassess score FILE --json``, whole process, ≤ 0.6 s."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from common import Figure, alassess_cmd, time_process

from alassess.domain.credit_code import complete


def _doc() -> dict:
    values = {"energy_output": 0.56, "alumina_consumption_kg_per_t": 1925, "water_output": 0.6,
              "anode_output": 2.0, "fluoride_output": 60, "solid_waste_utilization_pct": 40}
    for r in ("req_legal_compliance", "req_metrology_system", "req_emissions_compliant",
              "req_cleaner_production_audit", "req_env_management_system", "req_complete_chain"):
        values[r] = True
    return {"format": "alassess.assessment", "version": 1,
            "plant": {"name": "基准电解铝厂", "credit_code": complete("91500114MA60E0B20"),
                      "sector": "electrolytic", "region": "重庆市", "key_region": False},
            "period": "2025", "assessor": {"name": "基准", "organisation": "AlAssess"}, "values": values}


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.json"
        path.write_text(json.dumps(_doc(), ensure_ascii=False), encoding="utf-8")
        t = time_process(alassess_cmd("score", str(path), "--json"), repeat=7)
    return [Figure("score: alassess score FILE --json (whole process)", t, 0.6, "s", "foundation")]
