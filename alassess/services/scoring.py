"""Scoring an assessment across every module that applies to its sector (the object `alassess score --json` prints)."""

from __future__ import annotations

from typing import Any

from alassess import standards
from alassess.domain import circular, energy, guideline
from alassess.domain import dross as _dross
from alassess.domain.assessment import Assessment

MODULES = ("circular_economy", "guideline", "energy_carbon", "dross")


def evaluate(a: Assessment, lang: str = "en", *, reuse_dross: dict[str, Any] | None = None) -> dict[str, Any]:
    """The object printed by ``alassess score --json``. Modules that do not apply are ``None``.

    Scored with the editions of the reference data the assessment names (``a.standards``); the
    top-level ``standards`` names the edition used by each module that applied (and the field catalogue's).

    ``reuse_dross``: an earlier result of this assessment, in this language, whose dross inputs (the
    dross section, sector, period, region) have not changed since; its ``dross`` part is kept instead
    of re-evaluating the ledger (the desktop application re-scores at every keystroke).
    """
    with standards.using(a.standards):
        out = _evaluate(a, lang, reuse_dross)
    out["standards"] = {m: e.id for m, e in editions(a, out).items()}
    return out


def editions(a: Assessment, result: dict[str, Any]) -> dict[str, standards.Edition]:
    """module → the :class:`~alassess.standards.Edition` ``result`` (of :func:`evaluate`) was scored
    with, for each module that applied, then the field catalogue (for a report's "method and editions")."""
    used = [m for m in MODULES if result.get(m) is not None] + ["fields"]
    with standards.using(a.standards):
        return standards.selected_editions(tuple(used))


def _evaluate(a: Assessment, lang: str, reuse_dross: dict[str, Any] | None) -> dict[str, Any]:
    ce = circular.score(a)
    if reuse_dross is not None and "dross" in reuse_dross:
        dross_json = reuse_dross["dross"]
    else:
        dross_json = _dross.to_json(_dross.evaluate(a.plant.sector, a.period, a.dross, plant_region=a.plant.region),
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
