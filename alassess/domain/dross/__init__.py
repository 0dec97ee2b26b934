"""Aluminium-dross management (004 《危险废物环境管理指南 铝灰》): pure rules, no I/O.

One module per part of the evaluation:

* :mod:`.classification` — code, class, hazards, stages and disposal routes of a sector (004 §3–§5).
* :mod:`.generation` — production × the generation coefficients of 004 表1–表3 against the reported
  generation (10 % tolerance, an app default).
* :mod:`.stock` — the ledger and the stock: balances, negative stock, mixed containers, secondary
  dross used in-plant, storage over one year (first-in first-out ageing).
* :mod:`.transfers` — receivers and their licences, manifests.
* :mod:`.checklist` — the 14 management requirements of 004 §6 and ``compliance_pct``.
* :mod:`.deadlines` — periods, the declaration and quarterly ledger deadlines of the plant's region.

:func:`evaluate` runs them all as of a date and returns a :class:`DrossResult` whose ``findings``
are :class:`alassess.domain.findings.Finding` (severity from the data file, words from the
catalogue); :func:`to_json` is the ``dross`` object of ``alassess score --json``.

Reference numbers (coefficients, tolerance, severities, deadlines, storage limit) come from
``resources/standards/dross.json``; nothing here is a literal threshold.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from alassess import catalogue
from alassess.domain.dross import checklist
from alassess.domain.dross.classification import Classification, applies, classify, kind_name, movement_name
from alassess.domain.dross.common import KINDS, MOVEMENTS, OUTFLOWS, ZERO, data, dec, severity
from alassess.domain.dross.deadlines import (
    Deadline,
    add_years,
    deadline_findings,
    due_dates,
    normalise_period,
    period_bounds,
    quarter_end,
    region_config,
    region_name,
)
from alassess.domain.dross.generation import (
    GenerationCheck,
    check_generation,
    coefficients,
    expected_range,
    reported_generation,
    tolerance,
)
from alassess.domain.dross.stock import Balance, LedgerWalk, Stock, age_buckets, entries_as_of
from alassess.domain.findings import Finding
from alassess.domain.numbers import round_half_up
from alassess.domain.words import pick

__all__ = [
    "KINDS", "MOVEMENTS", "OUTFLOWS", "ZERO", "Balance", "Classification", "Deadline", "DrossResult", "Finding",
    "GenerationCheck", "Stock", "add_years", "age_buckets", "applies", "check_generation", "classify",
    "coefficients", "data", "due_dates", "evaluate", "expected_range", "finding_json", "kind_name",
    "movement_name", "normalise_period", "period_bounds", "quarter_end", "region_config", "reported_generation",
    "severity", "to_json", "tolerance",
]


@dataclass
class DrossResult:
    classification: Classification
    period: str
    period_start: str
    period_end: str
    as_of: str
    region: str
    region_note: catalogue.Says | None
    production_t: Decimal | None
    self_utilization: bool | None
    generation: dict[str, GenerationCheck]
    findings: tuple[Finding, ...]
    compliance_pct: Decimal | None
    met: list[str]
    unmet: list[str]
    unanswered: list[str]
    balances: list[Balance]
    stock: list[Stock]
    deadlines: list[Deadline]
    entries_evaluated: int
    notes: list[catalogue.Says] = field(default_factory=list)
    entered: bool = True


def _as_of(as_of: str | _dt.date | None, d: dict[str, Any], end: _dt.date) -> _dt.date:
    if isinstance(as_of, str):
        return _dt.date.fromisoformat(as_of)
    if as_of is not None:
        return as_of
    if d.get("as_of"):
        return _dt.date.fromisoformat(d["as_of"])
    return end


def _generation(sector: str, d: dict[str, Any], walk: LedgerWalk,
                notes: list[catalogue.Says]) -> tuple[dict[str, GenerationCheck], list[Finding]]:
    """Reported generation of each kind against the coefficients."""
    checks: dict[str, GenerationCheck] = {}
    found: list[Finding] = []
    for kind in KINDS:
        reported, source = reported_generation(kind, d, walk.generated[kind], walk.entries_in_window > 0, notes)
        chk, f = check_generation(sector, kind, dec(d.get("production_t")), d.get("self_utilization"), reported,
                                  source)
        checks[kind] = chk
        if f is not None:
            found.append(f)
    if (d.get("self_utilization") is not True and walk.generated["secondary"]
            and coefficients(sector, "secondary") is not None):
        notes.append(catalogue.Term("dross_no_self_utilization_secondary"))
    return checks, found


def evaluate(sector: str, period: str, dross: dict[str, Any] | None, *, as_of: str | _dt.date | None = None,
             plant_region: str = "", containers: list[dict[str, Any]] | None = None) -> DrossResult | None:
    """Evaluate the dross section of an assessment (or a stored plant's ledger) as of a date.

    ``period`` is a year or a quarter; ``as_of`` defaults to ``dross['as_of']`` and then to the last
    day of the period. Ledger entries dated after ``as_of`` are left out. Entries before the period
    make the opening stock; findings about single entries are raised for entries within the period.
    """
    cls = classify(sector)
    if cls is None:
        return None
    start, end = period_bounds(period)
    d = dross or {}
    as_of_date = _as_of(as_of, d, end)
    asked_region = d.get("region") or plant_region
    region, region_cfg, defaulted = region_config(asked_region)
    region_words = region_name(region, region_cfg)
    region_note = (catalogue.Term("dross_region_default", {"region": asked_region, "default": region_words})
                   if defaulted and asked_region else None)
    start_s, end_s, as_of_s = start.isoformat(), end.isoformat(), as_of_date.isoformat()
    walk = LedgerWalk(start_s, end_s, min(end_s, as_of_s), cls.dust_ash_code, d.get("receivers") or [],
                      containers or []).run(entries_as_of(d.get("ledger") or [], as_of_s))
    notes: list[catalogue.Says] = []
    generation, gen_findings = _generation(sector, d, walk, notes)
    stocks, storage_findings = walk.ageing(as_of_date)
    answered = d.get("requirements") or {}
    items = checklist.answers(answered)
    dls = due_dates(start.year, as_of_date, region_cfg, answered, d.get("filings") or [])
    found = (gen_findings + walk.findings + storage_findings + deadline_findings(dls, region_words, as_of_s)
             + checklist.findings(items))
    entered = dross is not None
    return DrossResult(
        classification=cls, period=normalise_period(period), period_start=start_s, period_end=end_s, as_of=as_of_s,
        region=region, region_note=region_note, production_t=dec(d.get("production_t")),
        self_utilization=d.get("self_utilization"), generation=generation, findings=tuple(found) if entered else (),
        compliance_pct=items.compliance_pct() if entered else None, met=items.met, unmet=items.unmet,
        unanswered=items.unanswered, balances=[walk.balances[k] for k in sorted(walk.balances)], stock=stocks,
        deadlines=dls if entered else [], entries_evaluated=walk.entries_in_window, notes=notes, entered=entered)


# ---- JSON -------------------------------------------------------------------------------------

def _num(v: Decimal | None, places: int = 6) -> float | None:
    if v is None:
        return None
    return float(round_half_up(v, places))


def _pair(p: tuple[Decimal, Decimal] | None) -> list[float | None] | None:
    return [_num(p[0]), _num(p[1])] if p else None


def finding_json(f: Finding, lang: str = "en") -> dict[str, Any]:
    """A dross finding in ``score --json``: id, severity and its words (and both languages), the
    clause, the fields it concerns and its particulars (row, date, receiver, code…)."""
    out: dict[str, Any] = {"id": f.id, "severity": f.severity.value, "detail": f.text(lang),
                           "detail_zh": f.text("zh"), "detail_en": f.text("en"), "clause": f.clause,
                           "fields": list(f.fields)}
    out.update(f.context)
    return out


def _generation_json(g: GenerationCheck) -> dict[str, Any]:
    return {"kind": g.kind, "status": g.status, "expected_t": _pair(g.expected_t), "limits_t": _pair(g.limits_t),
            "reported_t": _num(g.reported_t), "reported_from": g.reported_from,
            "coefficients_kg_per_t": _pair(g.coefficients)}


def _balance_json(b: Balance) -> dict[str, Any]:
    return {"code": b.code, "kind": b.kind, "opening_t": _num(b.opening), "generated_t": _num(b.generated),
            "self_utilized_t": _num(b.self_utilized), "transferred_t": _num(b.transferred),
            "disposed_t": _num(b.disposed), "adjustment_t": _num(b.adjustment), "closing_t": _num(b.closing)}


def _stock_json(s: Stock) -> dict[str, Any]:
    return {"code": s.code, "kind": s.kind, "quantity_t": _num(s.quantity_t), "oldest": s.oldest,
            "age_days": s.age_days, "over_limit_t": _num(s.over_limit_t),
            "age_buckets_t": {k: _num(v) for k, v in s.buckets.items()}}


def to_json(r: DrossResult | None, lang: str = "en") -> dict[str, Any] | None:
    """The ``dross`` object of ``score --json`` (the assessment-file contract, with extra keys)."""
    if r is None:
        return None
    c, gen = r.classification, r.generation
    return {
        "code": c.code,
        "hazards": list(c.hazards),
        "class": c.class_zh,
        "class_en": c.class_en,
        "category": c.category,
        "stages": {k: [pick(s, lang) for s in v] for k, v in c.stages.items()},
        "disposal_routes": {k: [x["id"] for x in v] for k, v in c.routes.items()},
        "expected_primary_t": _pair(gen["primary"].expected_t),
        "expected_secondary_t": _pair(gen["secondary"].expected_t),
        "reported_primary_t": _num(gen["primary"].reported_t),
        "reported_secondary_t": _num(gen["secondary"].reported_t),
        "generation": [_generation_json(g) for g in gen.values()],
        "tolerance": float(tolerance()),
        "findings": [finding_json(f, lang) for f in r.findings],
        "compliance_pct": float(r.compliance_pct) if r.compliance_pct is not None else None,
        "requirements_met": r.met,
        "requirements_unmet": r.unmet,
        "unanswered": r.unanswered,
        "balances": [_balance_json(b) for b in r.balances],
        "stock": [_stock_json(s) for s in r.stock],
        "deadlines": [{"id": dl.id, "period": dl.period, "due": dl.due, "status": dl.status,
                       "filed_on": dl.filed_on, "days_left": dl.days_left} for dl in r.deadlines],
        "as_of": r.as_of,
        "period": r.period,
        "region": r.region,
        "notes": [n.text(lang) for n in ([r.region_note] if r.region_note else []) + r.notes],
        "entered": r.entered,
    }
