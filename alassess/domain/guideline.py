"""Guideline indicators and the technology checklist (000 §6.2 表1, §5.3(5)(二)).

Pure functions over an :class:`~alassess.domain.assessment.Assessment`; the levels live in
``resources/standards/guideline.json`` (each with its clause), the sector applicability and the
technology lists in the field catalogue. The guideline applies to every sector.

* Indicator level: value ≥ advanced → ``advanced``; ≥ compliant → ``compliant``; lower →
  ``below``; not entered → ``missing``; the indicator does not apply to the sector →
  ``not_applicable``. Comparisons are exact decimals (99.99 does not reach 100).
* Banned technologies (国家明令禁止必须淘汰): a yes/no "still in use" per technology of the
  plant's sector; any yes is a failed check naming it. All answered "no" is a pass; none in use
  but some unanswered is ``missing`` (never a silent pass).
* Encouraged technologies (国家重点鼓励发展): an adoption checklist, reported, not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from alassess import catalogue, standards
from alassess.domain import fields as _fields
from alassess.domain import messages, words
from alassess.domain.assessment import Assessment
from alassess.domain.findings import Finding, Severity

LEVELS = ("advanced", "compliant", "below", "missing", "not_applicable")
TECH_STATUSES = ("pass", "fail", "missing", "not_applicable")
MODULE = "guideline"
# How much each finding matters, decided here once. The guideline is a recommendation (below its
# level is "below the guideline level", not a breach of the law); a banned technology still in use
# is a failed check of a national phase-out list.
SEVERITY = {
    "guideline_below": Severity.MAJOR,
    "guideline_missing": Severity.MINOR,
    "banned_technology_present": Severity.CRITICAL,
}


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    compliant: Decimal
    advanced: Decimal
    source: str


@dataclass
class IndicatorResult:
    spec: IndicatorSpec
    field: _fields.Field
    value: Decimal | None
    level: str


@dataclass
class TechnologyResult:
    field: _fields.Field
    part: str
    answer: bool | None  # banned: present at the plant; encouraged: adopted

    @property
    def status(self) -> str:
        """For a banned technology: fail (in use), pass (not in use), missing (unanswered)."""
        if self.answer is None:
            return "missing"
        return "fail" if self.answer else "pass"


@dataclass
class GuidelineResult:
    sector: str
    indicators: list[IndicatorResult]
    banned: list[TechnologyResult]
    encouraged: list[TechnologyResult]

    @property
    def banned_present(self) -> list[str]:
        return [t.field.id for t in self.banned if t.answer is True]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Indicators below their level or not entered, then banned technologies still in use."""
        out = [_level_finding(i) for i in self.indicators if i.level in ("below", "missing")]
        out += [Finding(id="banned_technology_present", module=MODULE,
                        severity=SEVERITY["banned_technology_present"], message="gl_banned_present",
                        args={"name": _fields.FieldName(t.field.id)}, clause=t.field.source,
                        fields=(f"values.{t.field.id}",)) for t in self.banned if t.answer is True]
        return tuple(out)

    @property
    def technology_status(self) -> str:
        if not self.banned:
            return "not_applicable"
        if self.banned_present:
            return "fail"
        if any(t.answer is None for t in self.banned):
            return "missing"
        return "pass"


def specs() -> list[IndicatorSpec]:
    return [IndicatorSpec(i["id"], Decimal(i["compliant"]), Decimal(i["advanced"]), i["source"])
            for i in standards.load("guideline")["indicators"]]


def level_for(value: Decimal | None, spec: IndicatorSpec, applies: bool = True) -> str:
    """The level of one indicator value (exact comparison)."""
    if not applies:
        return "not_applicable"
    if value is None:
        return "missing"
    if value >= spec.advanced:
        return "advanced"
    if value >= spec.compliant:
        return "compliant"
    return "below"


def parts() -> list[dict[str, Any]]:
    return list(standards.load("guideline")["technology_parts"])


def _technologies(a: Assessment, *, banned: bool) -> list[TechnologyResult]:
    group = "technology" if banned else "encouraged"
    out = []
    order = {p["id"]: i for i, p in enumerate(parts())}
    for f in _fields.for_sector(a.plant.sector, group):
        if f.banned != banned:
            continue
        answer = a.values.get(f.id)
        out.append(TechnologyResult(f, str(f.extra.get("part", "")), answer if isinstance(answer, bool) else None))
    return sorted(out, key=lambda t: order.get(t.part, len(order)))  # stable: catalogue order within a part


@standards.with_editions
def evaluate(a: Assessment) -> GuidelineResult:
    """Levels of the six indicators and the technology checklist for the plant's sector."""
    sector = a.plant.sector
    indicators = []
    for spec in specs():
        f = _fields.get(spec.id)
        applies = f.applies_to(sector)
        value = a.values.get(spec.id) if applies else None
        indicators.append(IndicatorResult(spec, f, value, level_for(value, spec, applies)))
    return GuidelineResult(sector, indicators, _technologies(a, banned=True), _technologies(a, banned=False))


# ---- output ---------------------------------------------------------------------------------------

def _num(d: Decimal | None) -> int | float | None:
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)


def _fmt(d: Decimal) -> str:
    return f"{d.normalize():f}"


def level_word(level: str, lang: str = "en") -> str:
    return messages.text(f"gl_level_{level}", lang)


def detail_term(r: IndicatorResult) -> catalogue.Term:
    """What the level of one indicator means, with its value and the levels (said in any language)."""
    params = {"compliant": _fmt(r.spec.compliant), "advanced": _fmt(r.spec.advanced), "unit": r.field.unit,
              "value": _fmt(r.value) if r.value is not None else ""}
    if r.level == "not_applicable":
        return catalogue.Term("gl_detail_not_applicable", {"sectors": words.joined(words.sector(s)
                                                                                   for s in r.field.sectors)})
    if r.level == "missing":
        return catalogue.Term("gl_detail_missing", params)
    if r.spec.compliant == r.spec.advanced:
        return catalogue.Term(f"gl_detail_{r.level}_single", params)
    return catalogue.Term(f"gl_detail_{r.level}", params)


def indicator_detail(r: IndicatorResult, lang: str = "en") -> str:
    return detail_term(r).text(lang)


def _level_finding(r: IndicatorResult) -> Finding:
    fid = f"guideline_{r.level}"
    return Finding(id=fid, module=MODULE, severity=SEVERITY[fid], message="gl.f.level",
                   args={"name": _fields.FieldName(r.spec.id), "detail": detail_term(r)}, clause=r.spec.source,
                   fields=(f"values.{r.spec.id}",), context={"indicator": r.spec.id, "level": r.level})


def _tech_json(t: TechnologyResult, lang: str, banned: bool) -> dict[str, Any]:
    f = t.field
    item: dict[str, Any] = {"id": f.id, "label": f.label(lang), "label_zh": f.label_zh, "label_en": f.label_en,
                            "part": t.part}
    if banned:
        item["present"] = t.answer
        item["status"] = t.status
        item["detail"] = messages.text(f"gl_tech_{t.status}", lang)
    else:
        item["adopted"] = t.answer
    if f.extra.get("also_listed"):
        item["also_listed"] = list(f.extra["also_listed"])
    return item


def to_json(r: GuidelineResult | None, lang: str = "en") -> dict[str, Any] | None:
    """The ``guideline`` object of ``alassess score --json``."""
    if r is None:
        return None
    data = standards.load("guideline")
    part_names = {p["id"]: words.pick(p, lang, base="label_") for p in parts()}
    indicators = []
    for i in r.indicators:
        indicators.append({
            "id": i.spec.id, "level": i.level, "level_label": level_word(i.level, lang),
            "label": i.field.label(lang), "label_zh": i.field.label_zh, "label_en": i.field.label_en,
            "value": _num(i.value), "unit": i.field.unit,
            "compliant": _num(i.spec.compliant), "advanced": _num(i.spec.advanced),
            "applies": i.level != "not_applicable", "sectors": list(i.field.sectors),
            "shared_with": "circular_economy" if i.field.group == "circular" else None,
            "source": i.spec.source, "detail": indicator_detail(i, lang),
        })
    counts = {lv: sum(1 for i in r.indicators if i.level == lv) for lv in LEVELS}
    adopted = [t.field.id for t in r.encouraged if t.answer is True]
    # Only "indicators" and "banned_technologies" are top-level lists; everything else is nested in
    # objects, so a generic renderer shows the two lists and skips the details it does not know.
    return {
        "indicators": indicators,
        "level_counts": counts,
        "banned_technologies": r.banned_present,
        "technology": {
            "status": r.technology_status,
            "status_label": messages.text(f"ec_status_{r.technology_status}", lang),
            "items": [_tech_json(t, lang, True) for t in r.banned],
            "unanswered": [t.field.id for t in r.banned if t.answer is None],
        },
        "encouraged": {
            "scored": False,
            "adopted": adopted,
            "adopted_count": len(adopted),
            "answered_count": sum(1 for t in r.encouraged if t.answer is not None),
            "total": len(r.encouraged),
            "items": [_tech_json(t, lang, False) for t in r.encouraged],
        },
        "parts": part_names,
        "standard": {"source": data["source"], "edition": data["edition"]},
    }
