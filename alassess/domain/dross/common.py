"""What every part of the dross evaluation shares: the reference data, numbers for messages, and
the one way a dross finding is made (severity from ``resources/standards/dross.json``)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from alassess import catalogue, standards
from alassess.domain import words
from alassess.domain.findings import Finding, Severity
from alassess.domain.numbers import fmt, round_half_up

MODULE = "dross"
KINDS = ("primary", "secondary")
MOVEMENTS = ("generated", "self_utilized", "transferred", "disposed", "adjustment")
OUTFLOWS = ("self_utilized", "transferred", "disposed")
ZERO = Decimal(0)
# The particulars a finding carries for JSON and for linking to the place in the data, in this order.
CONTEXT_KEYS = ("row", "entry_id", "date", "receiver", "code", "kind", "container", "requirement")

Entry = dict[str, Any]


def data() -> dict[str, Any]:
    return standards.load("dross")


def severity(finding_id: str) -> Severity:
    """The severity of a dross finding, from the data file (the checklist's own for ``requirement_<id>``)."""
    if finding_id.startswith("requirement_"):
        rid = finding_id[len("requirement_"):]
        return Severity(next(r["severity"] for r in data()["requirements"] if r["id"] == rid))
    return Severity(data()["findings"][finding_id]["severity"])


def kind_term(kind: str) -> words.Data:
    """'primary dross' / '一次铝灰' (reference data)."""
    return words.Data.of(data()["kind_short"][kind])


def movement_noun(movement: str) -> words.Data:
    """A movement as a noun in a sentence: 'the transfer of …' / '转移'."""
    names = data()["movement_names"][movement]
    return words.Data(names["zh"], names["en_noun"])


def row_ref(entry: Entry) -> catalogue.Term:
    """'entry #12' for a stored entry, 'row 3' for a row of a file."""
    if entry.get("id") is not None:
        return catalogue.Term("dross_row_id", {"n": entry["id"]})
    return catalogue.Term("dross_row", {"n": entry["_row"]})


def finding(fid: str, message: str, *, entry: Entry | None = None, context: dict[str, Any] | None = None,
            fields: tuple[str, ...] = (), **args: Any) -> Finding:
    """A dross finding: severity and clause from the data; ledger particulars from ``entry``."""
    spec = data()["findings"].get(fid, {})
    ctx: dict[str, Any] = {}
    if entry is not None:
        ctx.update(row=entry.get("_row"), entry_id=entry.get("id"), date=entry["date"],
                   receiver=entry.get("receiver") or None, code=entry["code"], kind=entry["kind"],
                   container=entry.get("container") or None)
        fields = (f"dross.ledger[{entry['_row']}]", *fields)
    ctx.update(context or {})
    if spec.get("requirement"):
        ctx["requirement"] = spec["requirement"]
        fields = (*fields, f"dross.requirements.{spec['requirement']}")
    ordered = {k: ctx[k] for k in CONTEXT_KEYS if ctx.get(k) is not None}
    return Finding(id=fid, module=MODULE, severity=severity(fid), message=message, args=args,
                   clause=spec.get("source", ""), fields=fields, context=ordered)


def dec(v: Any) -> Decimal | None:
    if v is None:
        return None
    return v if isinstance(v, Decimal) else Decimal(str(v))


def q(v: Decimal | Fraction | None) -> str:
    """A coefficient for a message; '—' when there is none."""
    return fmt(v if not isinstance(v, Decimal) else v.normalize(), None) if v is not None else "—"


def t(v: Decimal) -> str:
    """A tonnage for a message: at most 3 decimals, no trailing zeros."""
    return fmt(round_half_up(v, 3).normalize())
