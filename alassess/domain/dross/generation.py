"""Expected generation: production × the coefficients of 004 表1–表3, with the 10 % tolerance (an
application default), against the reported figure (the field, or the ledger's generated entries)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from alassess import catalogue
from alassess.domain.dross.common import ZERO, data, dec, finding, kind_term, q, t
from alassess.domain.findings import Finding
from alassess.domain.numbers import fmt, round_half_up


def coefficients(sector: str, kind: str) -> tuple[Decimal, Decimal] | None:
    """kg per t of aluminium product (004 表1–表3); ``None`` where 004 gives “/”."""
    c = (data()["coefficients_kg_per_t"].get(sector) or {}).get(kind)
    if not c:
        return None
    return Decimal(c[0]), Decimal(c[1])


def tolerance() -> Decimal:
    return Decimal(data()["tolerance"]["value"])


def expected_range(sector: str, kind: str, production_t: Decimal | None) -> tuple[Decimal, Decimal] | None:
    c = coefficients(sector, kind)
    if c is None or production_t is None:
        return None
    return production_t * c[0] / 1000, production_t * c[1] / 1000


@dataclass
class GenerationCheck:
    kind: str
    status: str  # within | below | above | not_determined | not_checked | no_production | not_reported
    expected_t: tuple[Decimal, Decimal] | None = None
    limits_t: tuple[Decimal, Decimal] | None = None
    reported_t: Decimal | None = None
    reported_from: str | None = None  # field | ledger
    coefficients: tuple[Decimal, Decimal] | None = None


def reported_generation(kind: str, dross: dict[str, Any], ledger_sum: Decimal | None,
                        ledger_kept: bool = False,
                        notes: list[catalogue.Says] | None = None) -> tuple[Decimal | None, str | None]:
    """The field ``<kind>_generated_t`` or the ledger's generated entries.

    ``ledger_sum`` is ``None`` when the ledger has no generated entry of that kind; then, if the
    ledger has entries at all in the period (``ledger_kept``), the ledger reports 0 t.

    When both are given the declared field is what the plant reports and is used. A difference of
    more than 1 % is added to ``notes`` (naming the field and the two figures): a ledger handed in
    with a file is often an extract, so the difference is worth a look but does not stop the
    evaluation of everything else.
    """
    key = f"{kind}_generated_t"
    value = dec(dross.get(key))
    if value is not None and ledger_sum is not None:
        tol = Decimal(data()["mismatch_tolerance"]["value"])
        diff = abs(value - ledger_sum)
        if (diff > tol * value or (value == 0 and diff > 0)) and notes is not None:
            pct = (diff / value * 100) if value else Decimal(100)
            params = dict(field_value=t(value), ledger_value=t(ledger_sum), diff=fmt(round_half_up(pct, 1)))
            notes.append(catalogue.Term("words.path_prefix", {
                "path": f"dross.{key}", "text": catalogue.Term("dross_generation_mismatch", params)}))
        return value, "field"
    if value is not None:
        return value, "field"
    if ledger_sum is not None:
        return ledger_sum, "ledger"
    if ledger_kept:
        return ZERO, "ledger"
    return None, None


def check_generation(sector: str, kind: str, production: Decimal | None, self_utilization: bool | None,
                     reported: Decimal | None, source: str | None) -> tuple[GenerationCheck, Finding | None]:
    c = coefficients(sector, kind)
    chk = GenerationCheck(kind=kind, status="", reported_t=reported, reported_from=source, coefficients=c)
    if c is None:
        chk.status = "not_determined"
        return chk, None
    if kind == "secondary" and self_utilization is not True:
        chk.status = "not_checked"
        return chk, None
    if production is None:
        chk.status = "no_production"
        return chk, None
    lo, hi = production * c[0] / 1000, production * c[1] / 1000
    tol = tolerance()
    chk.expected_t = (lo, hi)
    chk.limits_t = (lo * (1 - tol), hi * (1 + tol))
    if reported is None:
        chk.status = "not_reported"
        return chk, None
    if chk.limits_t[0] <= reported <= chk.limits_t[1]:
        chk.status = "within"
        return chk, None
    chk.status = "below" if reported < chk.limits_t[0] else "above"
    fid, key, limit = (("generation_below_expected", "dross_f_below", chk.limits_t[0]) if chk.status == "below"
                       else ("generation_above_expected", "dross_f_above", chk.limits_t[1]))
    fields = ("dross.production_t", f"dross.{kind}_generated_t") if source == "field" else ("dross.production_t",)
    return chk, finding(fid, key, context={"kind": kind}, fields=fields, limit=t(limit), kind=kind_term(kind),
                        reported=t(reported), lo=t(lo), hi=t(hi), production=t(production), clo=q(c[0]),
                        chi=q(c[1]))
