"""Scoring an assessment across every module that applies to its sector.

:func:`assess` returns the typed :class:`~alassess.domain.evaluation.Evaluation` (module results and
their findings); :func:`evaluate` the object ``alassess score --json`` prints, built from it. Both
score with the editions of the reference data the assessment names (``a.standards``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from alassess import standards
from alassess.domain import dross as _dross
from alassess.domain.assessment import Assessment
from alassess.domain.evaluation import Evaluation
from alassess.domain.evaluation import evaluate as _evaluate


def assess(a: Assessment, *, reuse_dross: Evaluation | None = None, as_of: _dt.date | None = None) -> Evaluation:
    """Every module's result and findings. ``reuse_dross``: an earlier evaluation of this assessment
    whose dross inputs (the dross section, sector, period, region) have not changed since; its dross
    result is kept instead of re-evaluating the ledger (the desktop application re-scores at every
    keystroke). Results carry no words, so the language may have changed in between.

    ``as_of``: the date the time-dependent dross results (deadlines due, storage time) are evaluated
    at (a report passes its own date); by default the data's ``as_of``, else the end of the period."""
    dross_result: _dross.DrossResult | None = None
    if reuse_dross is not None and reuse_dross.dross is not None:
        dross_result = reuse_dross.dross
    elif as_of is not None:
        dross_result = _dross.evaluate(a.plant.sector, a.period, a.dross, as_of=as_of, plant_region=a.plant.region)
    return _evaluate(a, dross_result=dross_result)


def evaluate(a: Assessment, lang: str = "en") -> dict[str, Any]:
    """The object printed by ``alassess score --json``. Modules that do not apply are ``None``."""
    return assess(a).to_json(lang)


def editions(evaluation: Evaluation) -> dict[str, standards.Edition]:
    """module → the :class:`~alassess.standards.Edition` of its reference data each module that
    applied was scored with, then the field catalogue's (a report's "method and editions")."""
    return evaluation.editions()
