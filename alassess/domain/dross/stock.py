"""The ledger and the stock: balances per code and kind, first-in first-out lots, negative stock,
mixed containers, secondary dross used in-plant, and storage over one year (004 §6.1.4, §6.1.10;
固废法 storage ≤ 1 year, external)."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from alassess import catalogue
from alassess.domain.dross.common import ZERO, Entry, data, dec, finding, kind_term, row_ref, t
from alassess.domain.dross.deadlines import add_years
from alassess.domain.dross.transfers import check_receiver, is_handover, receiver_index
from alassess.domain.findings import Finding

Key = tuple[str, str]  # (code, kind)


@dataclass
class Balance:
    code: str
    kind: str
    opening: Decimal = ZERO
    generated: Decimal = ZERO
    self_utilized: Decimal = ZERO
    transferred: Decimal = ZERO
    disposed: Decimal = ZERO
    adjustment: Decimal = ZERO

    @property
    def closing(self) -> Decimal:
        return (self.opening + self.generated - self.self_utilized - self.transferred - self.disposed
                + self.adjustment)


@dataclass
class Stock:
    code: str
    kind: str
    quantity_t: Decimal
    oldest: str | None
    age_days: int | None
    over_limit_t: Decimal
    buckets: dict[str, Decimal]  # age bucket → t


def age_buckets() -> list[tuple[str, int | None]]:
    """(label, upper bound in days) of the stock-age bands; the last band is open."""
    bounds = [int(b) for b in data()["storage_limit"]["age_buckets_days"]]
    out: list[tuple[str, int | None]] = []
    low = 0
    for b in bounds:
        out.append((f"{low}-{b}", b))
        low = b + 1
    out.append((f">{bounds[-1]}", None))
    return out


def _inflow_first(e: Entry) -> tuple[str, int, int]:
    inflow = e["movement"] == "generated" or (e["movement"] == "adjustment" and e["quantity_t"] > 0)
    return e["date"], 0 if inflow else 1, e["_row"]


def entries_as_of(ledger: list[Entry], as_of: str) -> list[Entry]:
    """The ledger up to ``as_of``, numbered by row, one day's inflows before its outflows; otherwise the
    order of entry."""
    out = []
    for i, e in enumerate(ledger):
        if e["date"] > as_of:
            continue
        e = dict(e)
        e["_row"] = i + 1
        e["quantity_t"] = dec(e["quantity_t"])
        out.append(e)
    return sorted(out, key=_inflow_first)


@dataclass
class LedgerWalk:
    """One pass over the ledger: entries before ``start`` make the opening stock; findings about single
    entries are raised for entries from ``start`` to ``window_end``."""

    start: str
    end: str
    window_end: str
    dust_ash_code: str
    receivers: list[dict[str, Any]] = field(default_factory=list)
    containers: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    balances: dict[Key, Balance] = field(default_factory=dict)
    lots: dict[Key, deque[list[Any]]] = field(default_factory=lambda: defaultdict(deque))  # [date, remaining]
    stock: dict[Key, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    generated: dict[str, Decimal | None] = field(default_factory=lambda: {"primary": None, "secondary": None})
    entries_in_window: int = 0

    def __post_init__(self) -> None:
        self._held: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self._registered = {(c.get("name") or "").strip(): c.get("code") for c in self.containers if c.get("code")}
        self._mixed_reported: set[str] = set()
        self._idx = receiver_index(self.receivers)

    def run(self, entries: list[Entry]) -> LedgerWalk:
        for e in entries:
            self.add(e)
        return self

    def add(self, e: Entry) -> None:
        key: Key = (e["code"], e["kind"])
        qty, mv = e["quantity_t"], e["movement"]
        signed = qty if mv in ("generated", "adjustment") else -qty
        in_period = e["date"] >= self.start
        in_window = in_period and e["date"] <= self.window_end
        b = self.balances.setdefault(key, Balance(code=e["code"], kind=e["kind"]))
        if not in_period:
            b.opening += signed
        elif e["date"] <= self.end:
            setattr(b, mv, getattr(b, mv) + qty)
        if in_window:
            self.entries_in_window += 1
            if mv == "generated":
                self.generated[e["kind"]] = (self.generated[e["kind"]] or ZERO) + qty
        before = self.stock[key]
        self._move_lots(key, e["date"], signed)
        if in_window and before >= 0 > self.stock[key]:
            self.findings.append(finding("negative_stock", "dross_f_negative", entry=e, row=row_ref(e), date=e["date"],
                                         code=e["code"], kind=kind_term(e["kind"]), stock=t(self.stock[key])))
        self._container(e, signed, in_window)
        if in_window:
            self._movement_checks(e)

    def _move_lots(self, key: Key, day: str, signed: Decimal) -> None:
        """Stock and its first-in first-out lots."""
        self.stock[key] += signed
        if signed > 0:
            self.lots[key].append([day, signed])
            return
        need, dq = -signed, self.lots[key]
        while need > 0 and dq:
            take = min(need, dq[0][1])
            dq[0][1] -= take
            need -= take
            if dq[0][1] == 0:
                dq.popleft()

    def _code_label(self, code: str) -> str | catalogue.Term:
        if code == self.dust_ash_code:
            return catalogue.Term("dross_f_dust_ash", {"dust": code})
        return code

    def _container(self, e: Entry, signed: Decimal, in_window: bool) -> None:
        """A container never holds two codes at once, nor a code other than the one it is registered for."""
        cont = (e.get("container") or "").strip()
        if not cont:
            return
        held, code = self._held[cont], e["code"]
        if signed <= 0:
            held[code] = max(ZERO, held[code] + signed)
            return
        if in_window and cont not in self._mixed_reported:
            others = [c for c, v in held.items() if c != code and v > 0]
            reg = self._registered.get(cont)
            common = dict(entry=e, container=cont, row=row_ref(e), date=e["date"], code=self._code_label(code))
            if others:
                self._mixed_reported.add(cont)
                self.findings.append(finding("mixed_container", "dross_f_mixed", other=self._code_label(others[0]),
                                             **common))
            elif reg and reg != code:
                self._mixed_reported.add(cont)
                self.findings.append(finding("mixed_container", "dross_f_mixed_registered",
                                             other=self._code_label(reg), **common))
        held[code] += signed

    def _movement_checks(self, e: Entry) -> None:
        if e["movement"] == "self_utilized" and e["kind"] == "secondary":
            self.findings.append(finding("secondary_self_utilized", "dross_f_secondary_self", entry=e, row=row_ref(e),
                                         date=e["date"], code=e["code"], quantity=t(e["quantity_t"])))
        if is_handover(e):
            self.findings.extend(check_receiver(e, self._idx))

    def ageing(self, as_of: _dt.date) -> tuple[list[Stock], list[Finding]]:
        """The stock at ``as_of`` with its age bands, and a finding where some is older than the limit."""
        limit_years = int(data()["storage_limit"]["years"])
        bands = age_buckets()
        stocks: list[Stock] = []
        out: list[Finding] = []
        for key in sorted(self.lots):
            remaining = [(day, qty) for day, qty in self.lots[key] if qty > 0]
            buckets = {name: ZERO for name, _ in bands}
            over = ZERO
            for day, qty in remaining:
                d0 = _dt.date.fromisoformat(day)
                age = (as_of - d0).days
                name = next(n for n, upper in bands if upper is None or age <= upper)
                buckets[name] += qty
                if as_of > add_years(d0, limit_years):
                    over += qty
            oldest = remaining[0][0] if remaining else None
            age_days = (as_of - _dt.date.fromisoformat(oldest)).days if oldest else None
            stocks.append(Stock(code=key[0], kind=key[1], quantity_t=self.stock[key], oldest=oldest,
                                age_days=age_days, over_limit_t=over, buckets=buckets))
            if over > 0:
                out.append(finding("storage_over_one_year", "dross_f_storage",
                                   context={"code": key[0], "kind": key[1], "date": oldest}, code=key[0],
                                   kind=kind_term(key[1]), quantity=t(over), oldest=oldest,
                                   as_of=as_of.isoformat(), days=age_days))
        return stocks, out
