"""Scoring an assessment across every module that applies to its sector (DOMAIN §8 output)."""

from __future__ import annotations

from typing import Any

from alassess.domain import circular, energy, guideline
from alassess.domain import dross as _dross
from alassess.domain.assessment import Assessment


def evaluate(a: Assessment, lang: str = "en") -> dict[str, Any]:
    """The object printed by ``alassess score --json``. Modules that do not apply are ``None``."""
    ce = circular.score(a)
    dross = _dross.evaluate(a.plant.sector, a.period, a.dross, plant_region=a.plant.region)
    return {
        "plant": {"name": a.plant.name, "credit_code": a.plant.credit_code, "sector": a.plant.sector},
        "period": a.period,
        "circular_economy": circular.to_json(ce, lang),
        "guideline": guideline.to_json(guideline.evaluate(a), lang),
        "energy_carbon": energy.to_json(energy.evaluate(a), lang),
        "dross": _dross.to_json(dross, lang),
        "warnings": [n.message(lang) for n in a.notices],
    }
