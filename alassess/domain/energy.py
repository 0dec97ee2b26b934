"""The 2024 energy-saving and carbon-reduction plan for electrolytic aluminium (003).

Every check has a status ``pass | fail | not_applicable | missing`` and the clause it comes
from; ``energy_efficiency`` also has a level ``benchmark | baseline | below_baseline``. The
thresholds (200 kA, 13000/13350 kWh/t, 25 %, 90 %, 70/80 %) live in
``resources/standards/energy_carbon.json`` with their source and edition, so a new edition is a
data change. A missing input gives ``missing``, never a silent pass.

Interpretation (documented with each threshold in the data file):

* ``cell_current`` — 003 二.(一) "加快淘汰200kA以下预焙阳极铝电解槽": fail when the current is
  below 200 kA; exactly 200 kA passes.
* ``energy_efficiency`` — AC power of molten aluminium ≤ 13000 → ``benchmark``; ≤ 13350 →
  ``baseline``; above → ``below_baseline`` (003 一: upgrade or exit). Only ``below_baseline``
  fails; both edges are inclusive.
* ``renewable_share`` ≥ 25 %, ``direct_alloying`` ≥ 90 % ("以上" includes the number);
  ``clean_transport`` ≥ 80 % when ``plant.key_region`` is true, else ≥ 70 % ("左右" is read as a
  minimum). These are the plan's 2025 targets; they are applied to every period, and a period
  before 2025 carries a note.
* ``env_performance`` — grade C fails (三.(一): must upgrade); a new/expansion project needs
  grade A (二.(一)); grade A passes; grade B passes only when the plant answered that it is not
  a new/expansion project (otherwise ``missing``).
* ``new_project_efficiency`` — not applicable unless ``new_or_expansion_project``; then the
  AC power must be at or below the benchmark.
* ``key_region_capacity`` — not applicable outside a key region; in one, a new/expansion
  project fails (二.(一): no new capacity). The assessor verifies capacity replacement.
* ``coal_units`` — new self-owned coal-fired units fail (二.(三)).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from typing import Any

from alassess import catalogue, standards
from alassess.domain import fields as _fields
from alassess.domain import messages, words
from alassess.domain.assessment import Assessment
from alassess.domain.findings import Finding, Severity

STATUSES = ("pass", "fail", "not_applicable", "missing")
EFFICIENCY_LEVELS = ("benchmark", "baseline", "below_baseline")
MODULE = "energy_carbon"
# How much a check's finding matters, decided here once: a failed check of the plan is major (the
# plan's 2025 figures are targets, not limits); a check that cannot be decided for a missing input
# is minor (enter the value).
SEVERITY = {"energy_check_failed": Severity.MAJOR, "energy_check_missing": Severity.MINOR}


@dataclass
class CheckResult:
    id: str
    status: str
    clause: str
    spec: dict[str, Any]
    level: str | None = None
    value: Any = None  # the main input value
    field_id: str | None = None  # the field of the main input
    threshold: Any = None  # the threshold applied (Decimal or a grade letter)
    detail_key: str = ""
    detail_params: dict[str, Any] = dc_field(default_factory=dict)
    missing_inputs: list[str] = dc_field(default_factory=list)
    before_target: bool = False
    extra: dict[str, Any] = dc_field(default_factory=dict)


@dataclass
class EnergyResult:
    checks: list[CheckResult]
    period: str
    key_region: bool

    def by_id(self, check_id: str) -> CheckResult:
        return next(c for c in self.checks if c.id == check_id)

    @property
    def failed(self) -> list[str]:
        return [c.id for c in self.checks if c.status == "fail"]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """One finding per check that failed or could not be decided, in the plan's order."""
        return tuple(_finding(c) for c in self.checks if c.status in ("fail", "missing"))


@dataclass(frozen=True)
class CheckName:
    """The name of a check, with the thresholds of the current edition, said in the reader's language."""

    id: str

    def text(self, lang: str) -> str:
        return check_label(self.id, lang)


def _finding(c: CheckResult) -> Finding:
    fid = "energy_check_failed" if c.status == "fail" else "energy_check_missing"
    inputs = c.missing_inputs if c.status == "missing" else ([c.field_id] if c.field_id else [])
    return Finding(id=fid, module=MODULE, severity=SEVERITY[fid], message="ec.f.check",
                   args={"check": CheckName(c.id), "detail": detail_term(c)}, clause=c.clause,
                   fields=tuple(f"values.{f}" for f in inputs), context={"check": c.id, "status": c.status})


def data() -> dict[str, Any]:
    return standards.load("energy_carbon")


def applies(sector: str) -> bool:
    return sector in data()["sectors"]


def thresholds() -> dict[str, Any]:
    """Threshold values: numbers as Decimal, grade letters as str."""
    out: dict[str, Any] = {}
    for key, t in data()["thresholds"].items():
        v = t["value"]
        out[key] = v if v.isalpha() else Decimal(v)
    return out


def _fmt(v: Any) -> str:
    if isinstance(v, Decimal):
        return f"{v.normalize():f}"
    return str(v)


def _spec(check_id: str) -> dict[str, Any]:
    return next(c for c in data()["checks"] if c["id"] == check_id)


def _missing(check_id: str, *field_ids: str, **kw: Any) -> CheckResult:
    spec = _spec(check_id)
    return CheckResult(check_id, "missing", spec["clause"], spec, missing_inputs=list(field_ids),
                       detail_key="ec_missing_input", **kw)


def _target(spec: dict[str, Any], period: str) -> bool:
    year = spec.get("target_year")
    return year is not None and bool(year) and period.isdigit() and int(period) < int(year)


def _min_share(check_id: str, field_id: str, threshold: Decimal, a: Assessment, key_region: bool = False) -> CheckResult:
    spec = _spec(check_id)
    value = a.values.get(field_id)
    if value is None:
        return _missing(check_id, field_id, field_id=field_id, threshold=threshold)
    ok = value >= threshold
    return CheckResult(check_id, "pass" if ok else "fail", spec["clause"], spec, value=value, field_id=field_id,
                       threshold=threshold, detail_key="ec_share_pass" if ok else "ec_share_fail",
                       detail_params={"value": _fmt(value), "threshold": _fmt(threshold), "period": a.period,
                                      "year": spec.get("target_year", ""), "key_region": key_region},
                       before_target=_target(spec, a.period))


def efficiency_level(ac_kwh_per_t: Decimal) -> str:
    """``benchmark`` (≤ benchmark), ``baseline`` (≤ baseline) or ``below_baseline``."""
    t = thresholds()
    if ac_kwh_per_t <= t["ac_benchmark_kwh_per_t"]:
        return "benchmark"
    if ac_kwh_per_t <= t["ac_baseline_kwh_per_t"]:
        return "baseline"
    return "below_baseline"


def _cell_current(a: Assessment, t: dict[str, Any]) -> CheckResult:
    spec, fid, th = _spec("cell_current"), "cell_current_ka", t["cell_current_min_ka"]
    value = a.values.get(fid)
    if value is None:
        return _missing("cell_current", fid, field_id=fid, threshold=th)
    ok = value >= th
    return CheckResult("cell_current", "pass" if ok else "fail", spec["clause"], spec, value=value, field_id=fid,
                       threshold=th, detail_key="ec_cell_current_pass" if ok else "ec_cell_current_fail",
                       detail_params={"value": _fmt(value), "threshold": _fmt(th)})


def _energy_efficiency(a: Assessment, t: dict[str, Any]) -> CheckResult:
    spec, fid = _spec("energy_efficiency"), "ac_consumption_kwh_per_t"
    bench, base = t["ac_benchmark_kwh_per_t"], t["ac_baseline_kwh_per_t"]
    extra = {"benchmark": bench, "baseline": base}
    value = a.values.get(fid)
    if value is None:
        return _missing("energy_efficiency", fid, field_id=fid, extra=extra)
    level = efficiency_level(value)
    return CheckResult("energy_efficiency", "fail" if level == "below_baseline" else "pass", spec["clause"], spec,
                       level=level, value=value, field_id=fid, threshold=base,
                       detail_key=f"ec_efficiency_{level}",
                       detail_params={"value": _fmt(value), "benchmark": _fmt(bench), "baseline": _fmt(base)},
                       extra=extra)


def _clean_transport(a: Assessment, t: dict[str, Any]) -> CheckResult:
    key = a.plant.key_region
    th = t["clean_transport_key_region_min_pct"] if key else t["clean_transport_min_pct"]
    r = _min_share("clean_transport", "clean_transport_pct", th, a, key_region=key)
    r.extra["key_region"] = key
    return r


def _env_performance(a: Assessment, t: dict[str, Any]) -> CheckResult:
    spec = _spec("env_performance")
    grade, new = a.values.get("env_performance_grade"), a.values.get("new_or_expansion_project")
    need_new, upgrade = t["env_grade_new_project"], t["env_grade_must_upgrade"]
    common: dict[str, Any] = {"field_id": "env_performance_grade", "extra": {"new_or_expansion_project": new}}
    if grade is None:
        return _missing("env_performance", "env_performance_grade", **common)
    required = need_new if new else None

    def res(status: str, key: str) -> CheckResult:
        return CheckResult("env_performance", status, spec["clause"], spec, value=grade, threshold=required,
                           detail_key=key, detail_params={"grade": grade}, **common)

    if grade == upgrade:
        return res("fail", "ec_env_grade_c")
    if new is True and grade != need_new:
        return res("fail", "ec_env_new_not_a")
    if grade == need_new:
        return res("pass", "ec_env_grade_a")
    if new is None:  # grade B: the verdict depends on the unanswered project question
        r = _missing("env_performance", "new_or_expansion_project", value=grade, **common)
        r.detail_key = "ec_env_b_unknown"
        return r
    return res("pass", "ec_env_grade_b")


def _new_project_efficiency(a: Assessment, t: dict[str, Any]) -> CheckResult:
    spec = _spec("new_project_efficiency")
    new, value, bench = a.values.get("new_or_expansion_project"), a.values.get("ac_consumption_kwh_per_t"), \
        t["ac_benchmark_kwh_per_t"]
    if new is None:
        return _missing("new_project_efficiency", "new_or_expansion_project", threshold=bench)
    if new is False:
        return CheckResult("new_project_efficiency", "not_applicable", spec["clause"], spec, value=False,
                           field_id="new_or_expansion_project", detail_key="ec_not_new_project")
    if value is None:
        return _missing("new_project_efficiency", "ac_consumption_kwh_per_t", field_id="ac_consumption_kwh_per_t",
                        threshold=bench)
    ok = value <= bench
    return CheckResult("new_project_efficiency", "pass" if ok else "fail", spec["clause"], spec, value=value,
                       field_id="ac_consumption_kwh_per_t", threshold=bench,
                       detail_key="ec_new_project_pass" if ok else "ec_new_project_fail",
                       detail_params={"value": _fmt(value), "benchmark": _fmt(bench)})


def _key_region_capacity(a: Assessment, t: dict[str, Any]) -> CheckResult:
    spec = _spec("key_region_capacity")
    if not a.plant.key_region:
        return CheckResult("key_region_capacity", "not_applicable", spec["clause"], spec,
                           detail_key="ec_not_key_region", extra={"key_region": False})
    new = a.values.get("new_or_expansion_project")
    if new is None:
        return _missing("key_region_capacity", "new_or_expansion_project", extra={"key_region": True})
    return CheckResult("key_region_capacity", "fail" if new else "pass", spec["clause"], spec, value=new,
                       field_id="new_or_expansion_project",
                       detail_key="ec_key_region_fail" if new else "ec_key_region_pass", extra={"key_region": True})


def _coal_units(a: Assessment, t: dict[str, Any]) -> CheckResult:
    spec, fid = _spec("coal_units"), "new_self_owned_coal_units"
    value = a.values.get(fid)
    if value is None:
        return _missing("coal_units", fid, field_id=fid)
    return CheckResult("coal_units", "fail" if value else "pass", spec["clause"], spec, value=value, field_id=fid,
                       detail_key="ec_coal_fail" if value else "ec_coal_pass")


_CHECKS = {
    "cell_current": _cell_current,
    "energy_efficiency": _energy_efficiency,
    "renewable_share": lambda a, t: _min_share("renewable_share", "renewable_share_pct",
                                               t["renewable_share_min_pct"], a),
    "direct_alloying": lambda a, t: _min_share("direct_alloying", "direct_alloying_pct",
                                               t["direct_alloying_min_pct"], a),
    "clean_transport": _clean_transport,
    "env_performance": _env_performance,
    "new_project_efficiency": _new_project_efficiency,
    "key_region_capacity": _key_region_capacity,
    "coal_units": _coal_units,
}


@standards.with_editions
def evaluate(a: Assessment) -> EnergyResult | None:
    """Every check of the plan, in the plan's order; ``None`` when the sector is not electrolytic."""
    if not applies(a.plant.sector):
        return None
    t = thresholds()
    checks = [_CHECKS[c["id"]](a, t) for c in data()["checks"]]
    return EnergyResult(checks, a.period, a.plant.key_region)


# ---- output ---------------------------------------------------------------------------------------

def _num(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def status_word(status: str, lang: str = "en") -> str:
    return messages.text(f"ec_status_{status}", lang)


def level_word(level: str, lang: str = "en") -> str:
    return messages.text(f"ec_level_{level}", lang)


def detail_term(c: CheckResult) -> catalogue.Says:
    """What a check's result means, with its figures (said in any language)."""
    params = dict(c.detail_params)
    period = params.pop("period", "")
    if c.detail_key == "ec_missing_input":
        params["fields"] = words.joined(_fields.FieldName(f) for f in c.missing_inputs)
    if "key_region" in params:
        params["region"] = catalogue.Term("ec_region_key") if params.pop("key_region") else ""
    term = catalogue.Term(c.detail_key, params)
    if c.before_target:
        return words.clauses(term, catalogue.Term("ec_before_target",
                                                  {"period": period, "year": c.spec.get("target_year")}))
    return term


def detail(c: CheckResult, lang: str = "en") -> str:
    return detail_term(c).text(lang)


def rule(c: CheckResult, lang: str = "en") -> str:
    values = {k: _fmt(v) for k, v in thresholds().items()}
    return words.pick(c.spec, lang, base="rule_").format(**values)


def check_label(check_id: str, lang: str = "en") -> str:
    """The name of a check, with the thresholds of the current edition filled in."""
    values = {k: _fmt(v) for k, v in thresholds().items()}
    return words.pick(_spec(check_id), lang, base="label_").format(**values)


def label(c: CheckResult, lang: str = "en") -> str:
    return check_label(c.id, lang)


def to_json(r: EnergyResult | None, lang: str = "en") -> dict[str, Any] | None:
    """The ``energy_carbon`` object of ``alassess score --json``."""
    if r is None:
        return None
    d = data()
    checks = []
    for c in r.checks:
        unit = _fields.get(c.field_id).unit if c.field_id else ""
        item: dict[str, Any] = {
            "id": c.id, "status": c.status, "clause": c.clause,
            "label": label(c, lang), "label_zh": label(c, "zh"), "label_en": label(c, "en"),
            "status_label": status_word(c.status, lang),
            "value": _num(c.value), "field": c.field_id, "unit": unit,
            "threshold": _num(c.threshold), "detail": detail(c, lang), "rule": rule(c, lang),
            "missing_inputs": list(c.missing_inputs),
        }
        if c.id == "energy_efficiency":
            item["level"] = c.level
            item["level_label"] = level_word(c.level, lang) if c.level else None
        if c.spec.get("target_year"):
            item["target_year"] = c.spec["target_year"]
            item["before_target_year"] = c.before_target
        for k, v in c.extra.items():
            item[k] = _num(v)
        checks.append(item)
    return {
        "checks": checks,
        "summary": {"failed": r.failed,
                    "status_counts": {s: sum(1 for c in r.checks if c.status == s) for s in STATUSES}},
        "standard": {"source": d["source"], "edition": d["edition"]},
    }
