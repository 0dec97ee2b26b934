"""One evaluation of an assessment: the result of every module that applies, and all their findings.

:func:`evaluate` scores an :class:`~alassess.domain.assessment.Assessment` with each module (circular
economy, guideline, energy & carbon, dross) and returns an :class:`Evaluation`. Each module result
exposes ``findings`` (:class:`~alassess.domain.findings.Finding`, severity and words decided in that
module); :attr:`Evaluation.findings` is every module's findings and the input notices as one list.
The GUI, the report and the CLI render these findings and never classify anything themselves.

:meth:`Evaluation.to_json` is the object ``alassess score --json`` prints (DOMAIN §8), built from the
same objects, one ``to_json`` per module.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from alassess import standards as _standards
from alassess.domain import circular, dross, energy, guideline
from alassess.domain.assessment import Assessment, Notice, Plant
from alassess.domain.findings import Finding, Severity

MODULES = ("circular_economy", "guideline", "energy_carbon", "dross")
INPUT = "input"


def notice_finding(n: Notice) -> Finding:
    """An input notice (a value ignored because it does not apply to the sector…) as a finding."""
    return Finding(id=n.key, module=INPUT, severity=Severity.INFO, message=n.key, args=dict(n.params),
                   fields=(n.field,) if n.field else ())


def notice_text(f: Finding, lang: str = "en") -> str:
    """An input notice as the ``warnings`` strings of ``score --json`` say it: the field, then the words."""
    body = f.text(lang)
    return f"{f.fields[0]}: {body}" if f.fields else body


@dataclass(frozen=True)
class Evaluation:
    """The result of every module for one assessment (``None`` where a module does not apply)."""

    plant: Plant
    period: str
    circular: circular.CircularResult | None
    guideline: guideline.GuidelineResult | None
    energy: energy.EnergyResult | None
    dross: dross.DrossResult | None
    notices: tuple[Finding, ...] = ()
    # module → id of the edition of its reference data each module that applied was scored with,
    # then the field catalogue's (the top-level ``standards`` object of ``score --json``).
    standards: dict[str, str] = field(default_factory=dict)

    def module(self, name: str) -> Any:
        """The result of a module by its id in ``score --json`` (``circular_economy``…)."""
        return {"circular_economy": self.circular, "guideline": self.guideline, "energy_carbon": self.energy,
                "dross": self.dross}[name]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding: each module's in the order of :data:`MODULES`, then the input notices."""
        out: list[Finding] = []
        for name in MODULES:
            result = self.module(name)
            if result is not None:
                out.extend(result.findings)
        out.extend(self.notices)
        return tuple(out)

    def findings_of(self, module: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.module == module)

    def editions(self) -> dict[str, _standards.Edition]:
        """module → the :class:`~alassess.standards.Edition` it was scored with (``standards``)."""
        return {m: _standards.edition(m, eid) for m, eid in self.standards.items()}

    @_standards.with_editions  # words drawn from the data (grade names, check labels) of these editions
    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The object ``alassess score --json`` prints."""
        out: dict[str, Any] = {
            "plant": {"name": self.plant.name, "credit_code": self.plant.credit_code, "sector": self.plant.sector},
            "period": self.period,
            "circular_economy": circular.to_json(self.circular, lang),
            "guideline": guideline.to_json(self.guideline, lang),
            "energy_carbon": energy.to_json(self.energy, lang),
            "dross": dross.to_json(self.dross, lang),
            "warnings": [notice_text(f, lang) for f in self.notices],
            "findings": [finding_json(f, lang) for f in self.findings],
        }
        if self.standards:
            out["standards"] = dict(self.standards)
        return out


def finding_json(f: Finding, lang: str = "en") -> dict[str, Any]:
    """One finding of the top-level ``findings`` list of ``score --json``."""
    return {"id": f.id, "module": f.module, "severity": f.severity.value, "text": f.text(lang),
            "clause": f.clause, "fields": list(f.fields), "message": f.message, "context": dict(f.context)}


@_standards.with_editions
def evaluate(a: Assessment, *, dross_result: dross.DrossResult | None = None) -> Evaluation:
    """Score an assessment with every module. ``dross_result``: an earlier dross evaluation of this
    assessment whose inputs have not changed since (the ledger is the slow part), used as it is."""
    if dross_result is None:
        dross_result = dross.evaluate(a.plant.sector, a.period, a.dross, plant_region=a.plant.region)
    ev = Evaluation(plant=a.plant, period=a.period, circular=circular.score(a), guideline=guideline.evaluate(a),
                    energy=energy.evaluate(a), dross=dross_result, notices=tuple(notice_finding(n) for n in a.notices))
    used = [m for m in MODULES if ev.module(m) is not None] + ["fields"]  # the field catalogue always applies
    return replace(ev, standards={m: _standards.selected(m) for m in used})
