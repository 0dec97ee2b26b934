"""Circular-economy performance evaluation: index, grade and the gap to the next grade (001 §六–§八; weights an application default).

Exact arithmetic throughout (``fractions.Fraction``): an index of exactly 89.995 rounds half-up to
90.00 and grades 5A. Scores shown to the user are rounded only at the edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from alassess import catalogue, standards
from alassess.domain import fields as _fields
from alassess.domain import words
from alassess.domain.assessment import Assessment, Notice
from alassess.domain.findings import Finding, Severity
from alassess.domain.numbers import round_half_up

HUNDRED = Fraction(100)
CE_SECTORS = ("alumina", "electrolytic")
MODULE = "circular_economy"
REQUIREMENTS_CLAUSE = "001 第四部分"
# How much each finding of this module matters, decided here once (an application default: the
# draft publishes no severities). An unmet basic requirement withholds every grade; a missing
# indicator scores 0 and so lowers the index; an implausible value is a request to check a unit.
SEVERITY = {
    "basic_requirement_unmet": Severity.CRITICAL,
    "index_below_grade": Severity.MAJOR,
    "indicator_missing": Severity.MAJOR,
    "implausible_low": Severity.MINOR,
    "implausible_high": Severity.MINOR,
}


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    benchmark: Fraction
    weight: Fraction
    survey_avg: Fraction
    survey_max: Fraction
    survey_min: Fraction
    source: str
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class Grade:
    id: str
    min_index: Fraction
    label_zh: str
    label_en: str

    def label(self, lang: str) -> str:
        return words.pick({"zh": self.label_zh, "en": self.label_en}, lang)


@dataclass
class IndicatorResult:
    id: str
    value: Fraction | None
    benchmark: Fraction
    weight: Fraction
    score: Fraction  # 0..100, exact
    entered_as: str | None  # "output", "consumption" or None (missing)
    spec: IndicatorSpec

    @property
    def contribution(self) -> Fraction:
        return self.weight * self.score


@dataclass
class GapStep:
    id: str
    current_value: Fraction | None
    target_value: Fraction
    points: Fraction


@dataclass
class IndicatorGap:
    id: str
    current_value: Fraction | None
    value_needed: Fraction | None  # None: not reachable by this indicator alone
    consumption_needed: Fraction | None
    consumption_id: str | None


@dataclass
class NextGrade:
    target: str
    target_index: Fraction
    points_needed: Decimal  # on the rounded index
    requirements_unmet: list[str]
    indicators: list[IndicatorGap]
    plan: list[GapStep]
    plan_reaches: bool


@dataclass
class CircularResult:
    sector: str
    indicators: list[IndicatorResult]
    index_exact: Fraction
    index: Decimal
    grade: str
    requirements: dict[str, bool | None]
    missing: list[str]
    reasons: list[Notice]
    warnings: list[Finding]  # plausibility findings
    next_grade: NextGrade | None = None
    extra: dict[str, Any] = dc_field(default_factory=dict)
    findings: tuple[Finding, ...] = ()

    @property
    def basic_requirements_met(self) -> bool:
        return all(v is True for v in self.requirements.values())

    @property
    def requirements_unmet(self) -> list[str]:
        return [k for k, v in self.requirements.items() if v is not True]


def _frac(text: str) -> Fraction:
    return Fraction(Decimal(str(text)))


def specs(sector: str) -> list[IndicatorSpec]:
    data = standards.load("circular_economy")["sectors"][sector]
    items = data["indicators"]
    weights = data.get("weights", "equal")
    out = []
    for item in items:
        if weights == "equal":
            w = Fraction(1, len(items))
        else:
            w = Fraction(str(weights[item["id"]]))
        s = item["survey"]
        out.append(IndicatorSpec(item["id"], _frac(item["benchmark"]), w, _frac(s["avg"]), _frac(s["max"]),
                                 _frac(s["min"]), item["source"], item.get("note_zh", ""), item.get("note_en", "")))
    return out


def grades() -> list[Grade]:
    data = standards.load("circular_economy")["grades"]
    gs = [Grade(g["id"], _frac(g["min_index"]), g["label_zh"], g["label_en"]) for g in data]
    return sorted(gs, key=lambda g: g.min_index, reverse=True)


def grade_label(grade_id: str, lang: str = "en") -> str:
    for g in grades():
        if g.id == grade_id:
            return g.label(lang)
    return words.pick(standards.load("circular_economy"), lang, base="none_label_")


def requirement_ids() -> list[str]:
    return list(standards.load("circular_economy")["basic_requirements"])


def indicator_score(value: Fraction | None, benchmark: Fraction) -> Fraction:
    if value is None:
        return Fraction(0)
    return HUNDRED * min(value / benchmark, Fraction(1))


def grade_for(index: Decimal, requirements_met: bool) -> str:
    if not requirements_met:
        return "none"
    for g in grades():
        if Fraction(index) >= g.min_index:
            return g.id
    return "none"


def applies(sector: str) -> bool:
    return sector in standards.load("circular_economy")["sectors"]


def _indicator_fields(indicator_id: str) -> tuple[str, ...]:
    """The field paths of an indicator: its output form and, where it has one, its consumption form."""
    cf = _fields.consumption_form(indicator_id)
    return (f"values.{indicator_id}",) + ((f"values.{cf.id}",) if cf is not None else ())


def _finding(fid: str, message: str, *, clause: str, fields: tuple[str, ...], **args: Any) -> Finding:
    return Finding(id=fid, module=MODULE, severity=SEVERITY[fid], message=message, args=args, clause=clause,
                   fields=fields)


def plausibility(spec: IndicatorSpec, value: Fraction, field_id: str) -> Finding | None:
    """A value far outside the industry survey's range: a warning (check the unit), never an error."""
    p = standards.load("circular_economy")["plausibility"]
    low, high = _frac(p["low_factor"]), _frac(p["high_factor"])
    if spec.survey_min > 0 and value < spec.survey_min * low:
        fid, args = "implausible_low", {"value": _show(value), "min": _show(spec.survey_min)}
    elif spec.survey_max > 0 and value > spec.survey_max * high:
        fid, args = "implausible_high", {"value": _show(value), "max": _show(spec.survey_max)}
    else:
        return None
    return _finding(fid, "words.about_field", clause=spec.source, fields=_indicator_fields(field_id),
                    name=_fields.FieldName(field_id), text=catalogue.Term(fid, args))


def warning_text(f: Finding, lang: str = "en") -> str:
    """A plausibility finding as the ``warnings`` strings of ``score --json`` say it: the field's
    path, then the warning."""
    return f"{f.fields[0]}: {catalogue.render_arg(f.args['text'], lang)}"


def _findings(r: CircularResult) -> tuple[Finding, ...]:
    """Every finding of a scored result: unmet basic requirements, an index below every grade,
    missing indicators, implausible values."""
    out: list[Finding] = []
    for rid, v in r.requirements.items():
        if v is True:
            continue
        out.append(_finding("basic_requirement_unmet",
                            "ce.f.requirement_unanswered" if v is None else "ce.f.requirement_unmet",
                            clause=REQUIREMENTS_CLAUSE, fields=(f"values.{rid}",), name=_fields.FieldName(rid)))
    lowest = min(g.min_index for g in grades())
    if Fraction(r.index) < lowest:
        out.append(_finding("index_below_grade", "grade_index_low", clause="001 表1", fields=(),
                            index=f"{r.index}"))
    for ir in r.indicators:
        if ir.id in r.missing:
            out.append(_finding("indicator_missing", "ce.f.indicator_missing", clause=ir.spec.source,
                                fields=_indicator_fields(ir.id), name=_fields.FieldName(ir.id)))
    out.extend(r.warnings)
    return tuple(out)


def _show(v: Fraction) -> str:
    d = round_half_up(v, 4).normalize()
    return f"{d:f}"


@standards.with_editions
def score(a: Assessment) -> CircularResult | None:
    """Score an assessment; ``None`` when the sector has no circular-economy set."""
    sector = a.plant.sector
    if not applies(sector):
        return None
    results: list[IndicatorResult] = []
    missing: list[str] = []
    warnings: list[Finding] = []
    for spec in specs(sector):
        value = a.indicator(spec.id)
        entered = None
        if a.values.get(spec.id) is not None:
            entered = "output"
        elif value is not None:
            entered = "consumption"
        if value is None:
            missing.append(spec.id)
        else:
            w = plausibility(spec, value, spec.id)
            if w:
                warnings.append(w)
        results.append(IndicatorResult(spec.id, value, spec.benchmark, spec.weight,
                                        indicator_score(value, spec.benchmark), entered, spec))
    index_exact = sum((r.contribution for r in results), Fraction(0))
    index = round_half_up(index_exact, 2)
    reqs = {rid: a.values.get(rid) for rid in requirement_ids()}
    met = all(v is True for v in reqs.values())
    grade = grade_for(index, met)
    reasons: list[Notice] = []
    unmet = [k for k, v in reqs.items() if v is not True]
    if unmet:
        names = words.joined(_fields.FieldName(k) for k in unmet)
        reasons.append(Notice("grade_blocked_requirement", None, {"names": names}))
    if Fraction(index) < min(g.min_index for g in grades()):
        reasons.append(Notice("grade_index_low", None, {"index": f"{index}"}))
    result = CircularResult(sector, results, index_exact, index, grade, reqs, missing, reasons, warnings)
    result.next_grade = next_grade(result)
    result.findings = _findings(result)
    return result


def _threshold_exact(target: Fraction) -> Fraction:
    """The smallest exact index that rounds (half-up, 2 places) to at least ``target``."""
    return target - Fraction(1, 200)


def _ceil_to(value: Fraction, places: int) -> Fraction:
    q = 10**places
    return Fraction(math.ceil(value * q), q)


def _floor_to(value: Fraction, places: int) -> Fraction:
    q = 10**places
    return Fraction(math.floor(value * q), q)


def next_grade(r: CircularResult) -> NextGrade | None:
    """What it takes to reach the next grade up; ``None`` at 5A."""
    ascending = list(reversed(grades()))  # 3A, 4A, 5A
    by_index = grade_for(r.index, True)
    if r.basic_requirements_met:
        higher = [g for g in ascending if g.min_index > Fraction(r.index)]
        target = higher[0] if higher else None
    elif by_index != "none":
        # the index already earns a grade: only the requirements stand in the way
        target = next(g for g in ascending if g.id == by_index)
    else:
        target = ascending[0]
    if target is None:
        return None
    unmet = r.requirements_unmet
    need_exact = _threshold_exact(target.min_index)
    gap = max(need_exact - r.index_exact, Fraction(0))
    points_needed = max(Decimal(target.min_index.numerator) / Decimal(target.min_index.denominator) - r.index,
                        Decimal("0.00"))
    per: list[IndicatorGap] = []
    for ir in r.indicators:
        cf = _fields.consumption_form(ir.id)
        if gap == 0:
            per.append(IndicatorGap(ir.id, ir.value, ir.value, None, cf.id if cf else None))
            continue
        new_score = ir.score + gap / ir.weight
        if new_score > HUNDRED:
            per.append(IndicatorGap(ir.id, ir.value, None, None, cf.id if cf else None))
            continue
        needed = _ceil_to(ir.benchmark * new_score / HUNDRED, 4)
        needed = min(needed, ir.benchmark)
        consumption = None
        if cf is not None and cf.conversion and needed > 0:
            numerator = Fraction(cf.conversion.split("/")[0])
            consumption = _floor_to(numerator / needed, 2)
        per.append(IndicatorGap(ir.id, ir.value, needed, consumption, cf.id if cf else None))
    # Combined plan: raise the indicators nearest their benchmark first (smallest relative effort:
    # each point is 1 % of the benchmark, a smaller share of a value that is already high).
    plan: list[GapStep] = []
    remaining = gap
    candidates = sorted((ir for ir in r.indicators if ir.score < HUNDRED),
                        key=lambda ir: (ir.value is None, -ir.score, ir.id))
    for ir in candidates:
        if remaining <= 0:
            break
        room = (HUNDRED - ir.score) * ir.weight
        if room >= remaining:
            new_score = ir.score + remaining / ir.weight
            target_value = min(_ceil_to(ir.benchmark * new_score / HUNDRED, 4), ir.benchmark)
            gained = (indicator_score(target_value, ir.benchmark) - ir.score) * ir.weight
            plan.append(GapStep(ir.id, ir.value, target_value, gained))
            remaining -= gained
        else:
            plan.append(GapStep(ir.id, ir.value, ir.benchmark, room))
            remaining -= room
    return NextGrade(target.id, target.min_index, points_needed, unmet, per, plan, remaining <= 0)


def _num(v: Fraction | Decimal | None, places: int = 4) -> float | None:
    if v is None:
        return None
    d = round_half_up(Fraction(v), places)
    return float(d)


def to_json(r: CircularResult | None, lang: str = "en") -> dict[str, Any] | None:
    """The ``circular_economy`` object of ``alassess score --json``."""
    if r is None:
        return None
    ng = r.next_grade
    return {
        "index": float(r.index),
        "grade": r.grade,
        "grade_label": grade_label(r.grade, lang),
        "basic_requirements_met": r.basic_requirements_met,
        "requirements": {k: v for k, v in r.requirements.items()},
        "requirements_unmet": r.requirements_unmet,
        "indicators": [
            {"id": i.id, "value": _num(i.value, 6), "benchmark": _num(i.benchmark), "score": _num(i.score, 2),
             "weight": str(i.weight), "entered_as": i.entered_as,
             "note": words.pick({"zh": i.spec.note_zh, "en": i.spec.note_en}, lang) or None,
             "survey": {"avg": _num(i.spec.survey_avg), "min": _num(i.spec.survey_min),
                        "max": _num(i.spec.survey_max)}}
            for i in r.indicators
        ],
        "missing": list(r.missing),
        "reasons": [n.message(lang) for n in r.reasons],
        "warnings": [warning_text(f, lang) for f in r.warnings],
        "next_grade": None if ng is None else {
            "target": ng.target,
            "points_needed": float(ng.points_needed),
            "requirements_unmet": ng.requirements_unmet,
            "indicators": [
                {"id": g.id, "current": _num(g.current_value), "value_needed": _num(g.value_needed),
                 "reachable_alone": g.value_needed is not None,
                 "consumption_id": g.consumption_id, "consumption_needed": _num(g.consumption_needed, 2)}
                for g in ng.indicators
            ],
            "plan": [{"id": s.id, "from": _num(s.current_value), "to": _num(s.target_value),
                      "points": _num(s.points, 2)} for s in ng.plan],
            "plan_reaches": ng.plan_reaches,
        },
    }
