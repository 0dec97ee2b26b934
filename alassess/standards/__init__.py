"""Versioned reference data (benchmarks, thresholds, coefficients, field catalogue).

The numbers live in JSON files under ``alassess/resources/standards``; each carries its source
clause. Code reads them here and nowhere else, so a new edition of a standard is a data change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

STANDARDS_PACKAGE = "alassess.resources"


@dataclass(frozen=True)
class Edition:
    """One dated edition of one reference-data file (DOMAIN §8 "Editions").

    ``module`` is the data file's name (``circular_economy``, ``guideline``, ``energy_carbon``,
    ``dross``, ``labels``, ``fields``); ``status`` is ``draft``, ``in_force`` or ``superseded``.
    """

    module: str
    id: str
    title: str
    date: str
    status: str
    source: str


@cache
def load(name: str) -> dict[str, Any]:
    """Load ``resources/standards/<name>.json`` (cached; treat the result as read-only)."""
    path = resources.files(STANDARDS_PACKAGE).joinpath("standards", f"{name}.json")
    with path.open("r", encoding="utf-8") as fh:
        return json.load(fh)


def available() -> list[str]:
    folder = resources.files(STANDARDS_PACKAGE).joinpath("standards")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def editions() -> dict[str, str]:
    """Edition string of every data file, for reports ("method and sources")."""
    return {name: str(load(name).get("edition", "")) for name in available()}
