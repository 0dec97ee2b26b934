"""The 14 management requirements of 004 §6: met, unmet or unanswered, and ``compliance_pct``
(100 × met / all items, one decimal; an unanswered item counts as unmet)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from alassess.domain import words
from alassess.domain.dross.common import MODULE, data, severity
from alassess.domain.findings import Finding
from alassess.domain.numbers import round_half_up


@dataclass(frozen=True)
class Checklist:
    met: list[str]
    unmet: list[str]
    unanswered: list[str]

    def compliance_pct(self) -> Decimal:
        total = len(self.met) + len(self.unmet) + len(self.unanswered)
        return round_half_up(Fraction(100 * len(self.met), total), 1)


def answers(answered: dict[str, Any]) -> Checklist:
    reqs = data()["requirements"]
    return Checklist(met=[r["id"] for r in reqs if answered.get(r["id"]) is True],
                     unmet=[r["id"] for r in reqs if answered.get(r["id"]) is False],
                     unanswered=[r["id"] for r in reqs if answered.get(r["id"]) is None])


def findings(c: Checklist) -> list[Finding]:
    """``requirement_<id>`` for every item not met, with the item's own severity from the data."""
    out = []
    for r in data()["requirements"]:
        if r["id"] in c.met:
            continue
        fid = f"requirement_{r['id']}"
        out.append(Finding(id=fid, module=MODULE, severity=severity(fid),
                           message="dross_f_requirement_unmet" if r["id"] in c.unmet
                           else "dross_f_requirement_unanswered",
                           args={"id": r["id"], "text": words.Data.of(r, "text_")}, clause=r.get("source", ""),
                           fields=(f"dross.requirements.{r['id']}",), context={"requirement": r["id"]}))
    return out
