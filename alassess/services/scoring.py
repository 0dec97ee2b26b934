"""Scoring an assessment across every module that applies to its sector (the object `alassess score --json` prints)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from alassess.domain import circular, energy, guideline
from alassess.domain import dross as _dross
from alassess.domain.assessment import Assessment


def evaluate(a: Assessment, lang: str = "en", *, reuse_dross: dict[str, Any] | None = None,
             as_of: _dt.date | None = None) -> dict[str, Any]:
    """The object printed by ``alassess score --json``. Modules that do not apply are ``None``.

    ``reuse_dross``: an earlier result of this assessment, in this language, whose dross inputs (the
    dross section, sector, period, region) have not changed since; its ``dross`` part is kept instead
    of re-evaluating the ledger (the desktop application re-scores at every keystroke).

    ``as_of``: the date time-dependent dross results are evaluated at (deadlines due, storage time;
    a report passes its own date); by default the data's ``as_of``, else the end of the period.
    """
    ce = circular.score(a)
    if reuse_dross is not None and "dross" in reuse_dross:
        dross_json = reuse_dross["dross"]
    else:
        dross_json = _dross.to_json(_dross.evaluate(a.plant.sector, a.period, a.dross, as_of=as_of,
                                                plant_region=a.plant.region),
                                    lang)
    return {
        "plant": {"name": a.plant.name, "credit_code": a.plant.credit_code, "sector": a.plant.sector},
        "period": a.period,
        "circular_economy": circular.to_json(ce, lang),
        "guideline": guideline.to_json(guideline.evaluate(a), lang),
        "energy_carbon": energy.to_json(energy.evaluate(a), lang),
        "dross": dross_json,
        "warnings": [n.message(lang) for n in a.notices],
    }
