"""Multi-period trends of one plant (002 绿之果·降碳绩效: a group tracks each KPI year over year).

For a plant stored in the database: its periods in order (the latest revision of each), every
numeric indicator's value per period with the change from the previous period (absolute and
relative), the circular-economy index and grade per period, and the guideline levels and
energy & carbon check statuses per period. Shared by ``alassess trend``, the GUI and the report.

Values of indicators entered in their consumption form are converted to the output form first
(the same value the score uses), so a plant that switched forms between years still has one
series. Consumption-form fields themselves are therefore not listed separately.

Change: ``absolute = value − previous``; ``relative_pct = 100 × (value − previous) / |previous|``
(``None`` when the previous value is 0 or either value is missing). ``previous`` is the period
before in the list; ``years`` says how many years apart they are when periods are skipped.
Computed exactly (fractions) and rounded half-up at the edge: values and absolute changes to 6
decimals, relative changes to 2.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from alassess.domain import circular, energy, guideline
from alassess.domain import fields as _fields
from alassess.domain.assessment import Assessment
from alassess.domain.errors import NotFoundError
from alassess.domain.numbers import round_half_up
from alassess.store import repo
from alassess.store.db import open_db


def _num(v: Fraction | None, places: int) -> float | int | None:
    if v is None:
        return None
    d = round_half_up(Fraction(v), places).normalize()
    return int(d) if d == d.to_integral_value() else float(d)


def change(prev: Fraction | None, cur: Fraction | None, better: str = "higher") -> dict[str, Any] | None:
    """Absolute and relative change from ``prev`` to ``cur`` (``None`` if either is missing)."""
    if prev is None or cur is None:
        return None
    diff = cur - prev
    rel = None if prev == 0 else diff * 100 / abs(prev)
    direction = "up" if diff > 0 else "down" if diff < 0 else "flat"
    improved = None if diff == 0 else (diff > 0) == (better != "lower")
    return {"absolute": _num(diff, 6), "relative_pct": _num(rel, 2), "direction": direction, "improved": improved}


def indicator_fields(sector: str) -> list[_fields.Field]:
    """The numeric indicators of a sector that a trend shows (output forms, not consumption forms)."""
    return [f for f in _fields.for_sector(sector) if f.kind == "number" and not f.consumption_of]


def _value(a: Assessment, f: _fields.Field) -> tuple[Fraction | None, str | None]:
    if _fields.consumption_form(f.id) is not None:
        v = a.indicator(f.id)
        if v is None:
            return None, None
        return v, "output" if a.values.get(f.id) is not None else "consumption"
    raw = a.values.get(f.id)
    return (None, None) if raw is None else (Fraction(raw), "output")


def compute(assessments: list[Assessment], lang: str = "en", meta: list[dict[str, Any]] | None = None,
            plant_id: int | None = None) -> dict[str, Any]:
    """The trend of one plant from its assessments (one per period, any order)."""
    ordered = sorted(range(len(assessments)), key=lambda i: assessments[i].period)
    items = [assessments[i] for i in ordered]
    metas = [meta[i] for i in ordered] if meta else [{} for _ in ordered]
    periods = [a.period for a in items]
    plant = items[-1].plant if items else None
    sector = plant.sector if plant else ""
    gaps = [None] + [int(periods[k]) - int(periods[k - 1]) for k in range(1, len(periods))]

    indicators = []
    for f in indicator_fields(sector) if plant else []:
        better = str(f.extra.get("better", "higher"))
        vals = [_value(a, f) for a in items]
        if all(v is None for v, _ in vals):
            continue
        points = []
        for k, (v, how) in enumerate(vals):
            ch = change(vals[k - 1][0], v, better) if k else None
            if ch is not None:
                ch.update(vs=periods[k - 1], years=gaps[k])
            points.append({"period": periods[k], "value": _num(v, 6), "entered_as": how, "change": ch})
        indicators.append({"id": f.id, "label": f.label(lang), "label_zh": f.label_zh, "label_en": f.label_en,
                           "unit": f.unit, "group": f.group, "better": better, "source": f.source,
                           "points": points})

    ce: list[dict[str, Any]] | None = None
    if plant and circular.applies(sector):
        ce = []
        prev = None
        for k, a in enumerate(items):
            r = circular.score(a)
            if r is None:  # not for this sector (checked above: it has a circular-economy set)
                continue
            idx = Fraction(r.index)
            ch = change(prev, idx) if k else None
            if ch is not None:
                ch.update(vs=periods[k - 1], years=gaps[k])
            ce.append({"period": a.period, "index": float(r.index), "grade": r.grade,
                       "grade_label": circular.grade_label(r.grade, lang), "missing": list(r.missing),
                       "change": ch})
            prev = idx

    gl = []
    for a in items:
        g = guideline.evaluate(a)
        gl.append({"period": a.period,
                   "levels": {i.spec.id: i.level for i in g.indicators if i.level != "not_applicable"},
                   "banned_technologies": g.banned_present, "technology_status": g.technology_status,
                   "encouraged_adopted": sum(1 for t in g.encouraged if t.answer is True)})

    ec: list[dict[str, Any]] | None = None
    if plant and energy.applies(sector):
        ec = []
        for a in items:
            e = energy.evaluate(a)
            if e is None:  # pragma: no cover - the sector was checked above
                continue
            ec.append({"period": a.period, "statuses": {c.id: c.status for c in e.checks},
                       "energy_efficiency_level": e.by_id("energy_efficiency").level, "failed": e.failed})

    return {
        "plant": None if plant is None else {
            "id": plant_id, "name": plant.name, "credit_code": plant.credit_code, "sector": plant.sector,
            "region": plant.region, "key_region": plant.key_region},
        "periods": periods,
        "assessments": [{"period": a.period, **m} for a, m in zip(items, metas, strict=True)],
        "indicators": indicators,
        "circular_economy": ce,
        "guideline": gl,
        "energy_carbon": ec,
    }


def trend_from_db(db: Any, plant_id: int, lang: str = "en") -> dict[str, Any]:
    """The trend of a stored plant (latest revision of each period) from an open database."""
    plant = repo.get_plant(db, plant_id)  # NotFoundError for an unknown plant
    latest: dict[str, dict[str, Any]] = {}
    for row in repo.list_assessments(db, plant_id):  # ordered by period, revision: the last wins
        latest[row["period"]] = row
    rows = [latest[p] for p in sorted(latest)]
    assessments = []
    for row in rows:
        a = repo.load_assessment(db, row["id"], with_ledger=False)
        a.plant = plant
        assessments.append(a)
    meta = [{"assessment_id": r["id"], "revision": r["revision"], "status": r["status"]} for r in rows]
    out = compute(assessments, lang, meta, plant_id)
    if out["plant"] is None:
        out["plant"] = {"id": plant_id, "name": plant.name, "credit_code": plant.credit_code,
                        "sector": plant.sector, "region": plant.region, "key_region": plant.key_region}
    return out


def resolve_plant(db: Any, ref: int | str) -> int:
    """A plant id from an id, a unified social credit code or the exact plant name."""
    text = str(ref).strip()
    if text.isdigit():
        return int(text)
    for row in repo.list_plants(db):
        if (row["credit_code"] or "").upper() == text.upper() or row["name"] == text:
            return int(row["id"])
    raise NotFoundError("plant_not_found", None, id=text)


def plant_trend(db_path: str | Path, plant: int | str, lang: str = "en") -> dict[str, Any]:
    """The trend of a plant (id, credit code or name) in the database at ``db_path``."""
    if str(db_path) != ":memory:" and not Path(db_path).exists():
        raise NotFoundError("file_not_found", None, path=str(db_path))
    db = open_db(db_path, write=False)
    try:
        return trend_from_db(db, resolve_plant(db, plant), lang)
    finally:
        db.conn.close()
