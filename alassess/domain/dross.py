"""Aluminium-dross management (004 《危险废物环境管理指南 铝灰》): pure rules, no I/O.

* :func:`classify` — code, class, hazards, stages and disposal routes of a sector (004 §3–§5, 表1–表4).
* :func:`expected_range` — production × the generation coefficients of 004 表1–表3, in t.
* :func:`evaluate` — every check of the ledger and the checklist as of a date: generation against
  the coefficients (10 % tolerance, an app default), stock balance and negative stock, receivers and
  their licences, manifests, secondary dross used in-plant, mixed containers, storage over one year
  (first-in first-out ageing), the declaration and quarterly ledger deadlines of the plant's region,
  and the 14 management requirements of 004 §6 with ``compliance_pct``.
* :func:`to_json` — the ``dross`` object of ``alassess score --json``.

Reference numbers (coefficients, tolerance, severities, deadlines, storage limit) come from
``resources/standards/dross.json``; nothing here is a literal threshold.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from alassess import standards
from alassess.domain import messages
from alassess.domain.errors import InputError
from alassess.domain.numbers import fmt, round_half_up

KINDS = ("primary", "secondary")
MOVEMENTS = ("generated", "self_utilized", "transferred", "disposed", "adjustment")
OUTFLOWS = ("self_utilized", "transferred", "disposed")
_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-_ ]?[Qq]([1-4]))?\s*$")
ZERO = Decimal(0)


def data() -> dict[str, Any]:
    return standards.load("dross")


# ---- classification ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Classification:
    sector: str
    code: str
    class_zh: str
    class_en: str
    hazards: tuple[str, ...]
    category: str
    industry_zh: str
    stages: dict[str, list[dict[str, str]]]
    routes: dict[str, list[dict[str, str]]]
    dust_ash_code: str
    source: str


def applies(sector: str) -> bool:
    return sector in data()["classes"]


def classify(sector: str) -> Classification | None:
    """The dross a plant of this sector generates; ``None`` for sectors without dross (alumina)."""
    d = data()
    cls = d["classes"].get(sector)
    if cls is None:
        return None
    stages = d["stages"][sector]
    routes = d["disposal_routes"]
    return Classification(
        sector=sector, code=cls["code"], class_zh=cls["class_zh"], class_en=cls["class_en"],
        hazards=tuple(cls["hazards"]), category=d["category"]["id"],
        industry_zh=d["sector_industries"][sector]["zh"],
        stages={k: [dict(s) for s in stages[k]] for k in KINDS},
        routes={k: [dict(r) for r in routes[k]] for k in KINDS},
        dust_ash_code=d["dust_ash_code"]["code"], source=cls["source"])


def kind_name(kind: str, lang: str) -> str:
    names = data()["kind_short"].get(kind)
    return names["zh" if lang == "zh" else "en"] if names else kind


def movement_name(movement: str, lang: str) -> str:
    names = data()["movement_names"].get(movement)
    return names["zh" if lang == "zh" else "en"] if names else movement


# ---- periods ----------------------------------------------------------------------------------

def period_bounds(period: str) -> tuple[_dt.date, _dt.date]:
    """``2025`` → the year; ``2025Q1`` → that quarter. Raises :class:`InputError` otherwise."""
    m = _PERIOD.match(str(period))
    if not m or not 1990 <= int(m.group(1)) <= 2100:
        raise InputError("dross_bad_period", "period", value=period)
    year = int(m.group(1))
    if m.group(2) is None:
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    q = int(m.group(2))
    start = _dt.date(year, 3 * q - 2, 1)
    return start, quarter_end(year, q)


def normalise_period(period: str) -> str:
    m = _PERIOD.match(str(period))
    if not m:
        raise InputError("dross_bad_period", "period", value=period)
    return m.group(1) + (f"Q{m.group(2)}" if m.group(2) else "")


def quarter_end(year: int, q: int) -> _dt.date:
    month = 3 * q
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


def add_years(d: _dt.date, years: int) -> _dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


# ---- expected generation ----------------------------------------------------------------------

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


# ---- findings ---------------------------------------------------------------------------------

@dataclass
class Finding:
    id: str
    severity: str
    detail_zh: str
    detail_en: str
    row: int | None = None
    entry_id: int | None = None
    date: str | None = None
    receiver: str | None = None
    code: str | None = None
    kind: str | None = None
    container: str | None = None
    requirement: str | None = None

    def detail(self, lang: str = "en") -> str:
        return self.detail_zh if lang == "zh" else self.detail_en


def severity(finding_id: str) -> str:
    if finding_id.startswith("requirement_"):
        rid = finding_id[len("requirement_"):]
        return next(r["severity"] for r in data()["requirements"] if r["id"] == rid)
    return data()["findings"][finding_id]["severity"]


def _both(key: str, **params: Any) -> tuple[str, str]:
    """The message in both languages; a (zh, en) tuple parameter is picked per language."""
    out = []
    for lang in ("zh", "en"):
        p = {k: (v[0] if lang == "zh" else v[1]) if isinstance(v, tuple) else v for k, v in params.items()}
        out.append(messages.text(key, lang, **p))
    return out[0], out[1]


def _finding(fid: str, key: str, *, entry: dict[str, Any] | None = None, **params: Any) -> Finding:
    zh, en = _both(key, **params)
    f = Finding(id=fid, severity=severity(fid), detail_zh=zh, detail_en=en)
    if entry is not None:
        f.row = entry.get("_row")
        f.entry_id = entry.get("id")
        f.date = entry["date"]
        f.receiver = entry.get("receiver") or None
        f.code = entry["code"]
        f.kind = entry["kind"]
        f.container = entry.get("container") or None
    f.requirement = data()["findings"].get(fid, {}).get("requirement")
    return f


def _row_ref(entry: dict[str, Any]) -> tuple[str, str]:
    if entry.get("id") is not None:
        return _both("dross_row_id", n=entry["id"])
    return _both("dross_row", n=entry["_row"])


def _q(v: Decimal | Fraction | None) -> str:
    return fmt(v if not isinstance(v, Decimal) else v.normalize(), None) if v is not None else "—"


def _t(v: Decimal) -> str:
    """A tonnage for a message: at most 3 decimals, no trailing zeros."""
    return fmt(round_half_up(v, 3).normalize())


# ---- balances, stock ageing -------------------------------------------------------------------

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


@dataclass
class Deadline:
    id: str  # declaration | ledger_submission
    period: str  # 2025 | 2025Q1
    due: str
    status: str  # filed | filed_late | met | overdue | upcoming
    filed_on: str | None = None
    days_left: int | None = None
    source: str = ""


@dataclass
class DrossResult:
    classification: Classification
    period: str
    period_start: str
    period_end: str
    as_of: str
    region: str
    region_note: tuple[str, str] | None
    production_t: Decimal | None
    self_utilization: bool | None
    generation: dict[str, GenerationCheck]
    findings: list[Finding]
    compliance_pct: Decimal | None
    met: list[str]
    unmet: list[str]
    unanswered: list[str]
    balances: list[Balance]
    stock: list[Stock]
    deadlines: list[Deadline]
    entries_evaluated: int
    notes: list[tuple[str, str]] = field(default_factory=list)
    entered: bool = True


# ---- region deadlines -------------------------------------------------------------------------

def region_config(region: str) -> tuple[str, dict[str, Any], bool]:
    """(region name, its deadlines, whether the default region stood in)."""
    regions = data()["regions"]
    items = regions["items"]
    text = (region or "").strip()
    if text:
        for name, cfg in items.items():
            names = [name, *cfg.get("aliases", [])]
            if any(text == n or text.startswith(n) for n in names):
                return name, cfg, False
    default = regions["default"]
    return default, items[default], True


def deadlines(year: int, as_of: _dt.date, cfg: dict[str, Any], requirements: dict[str, Any],
              filings: list[dict[str, Any]]) -> list[Deadline]:
    filed = {(f["kind"], f["period"]): f["date"] for f in filings}
    out: list[Deadline] = []
    dec = cfg["declaration"]
    items: list[tuple[str, str, _dt.date, str, str]] = [
        ("declaration", str(year), _dt.date(year, dec["month"], dec["day"]), "6.1.3", dec["source"])]
    sub = cfg["ledger_submission"]
    for q in range(1, 5):
        due = quarter_end(year, q) + _dt.timedelta(days=int(sub["days_after_quarter_end"]))
        items.append(("ledger_submission", f"{year}Q{q}", due, "6.1.4", sub["source"]))
    for did, period, due, req, source in items:
        kind = "declaration" if did == "declaration" else "ledger"
        on = filed.get((kind, period))
        days_left = (due - as_of).days
        if on is not None:
            status = "filed" if _dt.date.fromisoformat(on) <= due else "filed_late"
        elif as_of <= due:
            status = "upcoming"
        elif requirements.get(req) is True:
            status = "met"
        else:
            status = "overdue"
        out.append(Deadline(id=did, period=period, due=due.isoformat(), status=status, filed_on=on,
                            days_left=days_left if status == "upcoming" else None, source=source))
    return out


# ---- the evaluation ---------------------------------------------------------------------------

def _dec(v: Any) -> Decimal | None:
    if v is None:
        return None
    return v if isinstance(v, Decimal) else Decimal(str(v))


def _receiver_index(receivers: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    idx: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in receivers:
        for key in {(r.get("name") or "").strip(), (r.get("licence_no") or "").strip()}:
            if key:
                idx[key].append(r)
    return idx


def _valid_on(r: dict[str, Any], day: str) -> bool:
    return (not r.get("valid_from") or r["valid_from"] <= day) and (not r.get("valid_to") or day <= r["valid_to"])


def _check_receiver(e: dict[str, Any], idx: dict[str, list[dict[str, Any]]], lang_row: tuple[str, str]) -> list[Finding]:
    """A hand-over to a receiver: registered, licensed that day, for this code, with a manifest."""
    out: list[Finding] = []
    mv = (movement_name(e["movement"], "zh"), data()["movement_names"][e["movement"]]["en_noun"])
    name = (e.get("receiver") or "").strip()
    common = {"row": lang_row, "date": e["date"], "code": e["code"], "quantity": _t(e["quantity_t"])}
    if not name:
        out.append(_finding("unregistered_receiver", "dross_f_no_receiver", entry=e, movement=mv, **common))
    else:
        cands = idx.get(name, [])
        licensed = [r for r in cands if (r.get("licence_no") or "").strip()]
        if not cands:
            out.append(_finding("unregistered_receiver", "dross_f_unregistered", entry=e, receiver=name, **common))
        elif not licensed:
            out.append(_finding("unregistered_receiver", "dross_f_no_licence_no", entry=e, receiver=name,
                                row=lang_row, date=e["date"]))
        else:
            valid = [r for r in licensed if _valid_on(r, e["date"])]
            if not valid:
                r = max(licensed, key=lambda r: r.get("valid_to") or "9999")
                out.append(_finding("licence_expired", "dross_f_expired", entry=e, receiver=name,
                                    licence=r["licence_no"], valid_from=r.get("valid_from") or "—",
                                    valid_to=r.get("valid_to") or "—", row=lang_row, date=e["date"]))
            elif not any(e["code"] in (r.get("codes") or []) for r in valid):
                r = valid[0]
                codes = "、".join(r.get("codes") or []) or "—"
                out.append(_finding("licence_scope", "dross_f_scope", entry=e, receiver=name, licence=r["licence_no"],
                                    codes=(codes, ", ".join(r.get("codes") or []) or "—"), **common))
    if not (e.get("manifest_no") or "").strip():
        out.append(_finding("missing_manifest", "dross_f_manifest", entry=e, receiver=name or "—", movement=mv,
                            **common))
    return out


def reported_generation(kind: str, dross: dict[str, Any], ledger_sum: Decimal | None,
                        ledger_kept: bool = False,
                        notes: list[tuple[str, str]] | None = None) -> tuple[Decimal | None, str | None]:
    """The field ``<kind>_generated_t`` or the ledger's generated entries.

    ``ledger_sum`` is ``None`` when the ledger has no generated entry of that kind; then, if the
    ledger has entries at all in the period (``ledger_kept``), the ledger reports 0 t.

    When both are given the declared field is what the plant reports and is used. A difference of
    more than 1 % is added to ``notes`` (in both languages, naming the field and the two figures):
    a ledger handed in with a file is often an extract, so the difference is worth a look but does
    not stop the evaluation of everything else.
    """
    key = f"{kind}_generated_t"
    value = _dec(dross.get(key))
    if value is not None and ledger_sum is not None:
        tol = Decimal(data()["mismatch_tolerance"]["value"])
        diff = abs(value - ledger_sum)
        if (diff > tol * value or (value == 0 and diff > 0)) and notes is not None:
            pct = (diff / value * 100) if value else Decimal(100)
            params = dict(field_value=_t(value), ledger_value=_t(ledger_sum), diff=fmt(round_half_up(pct, 1)))
            notes.append((f"dross.{key}: " + messages.text("dross_generation_mismatch", "zh", **params),
                          f"dross.{key}: " + messages.text("dross_generation_mismatch", "en", **params)))
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
    lo, hi = expected_range(sector, kind, production)  # type: ignore[misc]
    tol = tolerance()
    chk.expected_t = (lo, hi)
    chk.limits_t = (lo * (1 - tol), hi * (1 + tol))
    if reported is None:
        chk.status = "not_reported"
        return chk, None
    params = dict(kind=(kind_name(kind, "zh"), kind_name(kind, "en")), reported=_t(reported), lo=_t(lo), hi=_t(hi),
                  production=_t(production), clo=_q(c[0]), chi=_q(c[1]))
    if reported < chk.limits_t[0]:
        chk.status = "below"
        f = _finding("generation_below_expected", "dross_f_below", limit=_t(chk.limits_t[0]), **params)
    elif reported > chk.limits_t[1]:
        chk.status = "above"
        f = _finding("generation_above_expected", "dross_f_above", limit=_t(chk.limits_t[1]), **params)
    else:
        chk.status = "within"
        return chk, None
    f.kind = kind
    return chk, f


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
    if isinstance(as_of, str):
        as_of_date = _dt.date.fromisoformat(as_of)
    elif as_of is not None:
        as_of_date = as_of
    elif d.get("as_of"):
        as_of_date = _dt.date.fromisoformat(d["as_of"])
    else:
        as_of_date = end
    region_name, region_cfg, defaulted = region_config(d.get("region") or plant_region)
    region_note = None
    if defaulted and (d.get("region") or plant_region):
        region_note = _both("dross_region_default", region=d.get("region") or plant_region,
                            default=(region_name, region_cfg.get("name_en", region_name)))
    production = _dec(d.get("production_t"))
    self_util = d.get("self_utilization")
    start_s, end_s, as_of_s = start.isoformat(), end.isoformat(), as_of_date.isoformat()
    window_end = min(end_s, as_of_s)

    entries = []
    for i, e in enumerate(d.get("ledger") or []):
        if e["date"] > as_of_s:
            continue
        e = dict(e)
        e["_row"] = i + 1
        e["quantity_t"] = _dec(e["quantity_t"])
        entries.append(e)
    # one day's inflows before its outflows; otherwise the order of entry
    entries.sort(key=lambda e: (e["date"], 0 if e["movement"] == "generated"
                                or (e["movement"] == "adjustment" and e["quantity_t"] > 0) else 1, e["_row"]))

    findings: list[Finding] = []
    balances: dict[tuple[str, str], Balance] = {}
    lots: dict[tuple[str, str], deque[list[Any]]] = defaultdict(deque)  # [date, remaining]
    stock: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    cont_stock: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    registered = {(c.get("name") or "").strip(): c.get("code") for c in containers or [] if c.get("code")}
    mixed_reported: set[str] = set()
    idx = _receiver_index(d.get("receivers") or [])
    ledger_gen: dict[str, Decimal | None] = {k: None for k in KINDS}
    dust = cls.dust_ash_code
    n_window = 0

    def code_label(code: str) -> tuple[str, str]:
        if code == dust:
            return _both("dross_f_dust_ash", dust=dust)
        return code, code

    for e in entries:
        key = (e["code"], e["kind"])
        q = e["quantity_t"]
        mv = e["movement"]
        in_period = e["date"] >= start_s
        in_window = in_period and e["date"] <= window_end
        b = balances.setdefault(key, Balance(code=e["code"], kind=e["kind"]))
        signed = q if mv in ("generated", "adjustment") else -q
        if not in_period:
            b.opening += signed
        elif e["date"] <= end_s:
            setattr(b, mv, getattr(b, mv) + q)
        if in_window:
            n_window += 1
            if mv == "generated":
                ledger_gen[e["kind"]] = (ledger_gen[e["kind"]] or ZERO) + q
        row = _row_ref(e)
        # stock, FIFO lots, negative stock
        before = stock[key]
        stock[key] = before + signed
        if signed > 0:
            lots[key].append([e["date"], signed])
        else:
            need = -signed
            dq = lots[key]
            while need > 0 and dq:
                take = min(need, dq[0][1])
                dq[0][1] -= take
                need -= take
                if dq[0][1] == 0:
                    dq.popleft()
        if in_window and before >= 0 > stock[key]:
            findings.append(_finding("negative_stock", "dross_f_negative", entry=e, row=row, date=e["date"],
                                     code=e["code"], kind=(kind_name(e["kind"], "zh"), kind_name(e["kind"], "en")),
                                     stock=_t(stock[key])))
        # containers: never two codes at once, never against the registered code
        cont = (e.get("container") or "").strip()
        if cont:
            held = cont_stock[cont]
            if signed > 0:
                others = [c for c, v in held.items() if c != e["code"] and v > 0]
                reg = registered.get(cont)
                if in_window and cont not in mixed_reported:
                    if others:
                        mixed_reported.add(cont)
                        other = others[0]
                        ol, cl = code_label(other), code_label(e["code"])
                        findings.append(_finding("mixed_container", "dross_f_mixed", entry=e, container=cont, row=row,
                                                 date=e["date"], code=cl, other=ol))
                    elif reg and reg != e["code"]:
                        mixed_reported.add(cont)
                        findings.append(_finding("mixed_container", "dross_f_mixed_registered", entry=e,
                                                 container=cont, row=row, date=e["date"],
                                                 code=code_label(e["code"]), other=code_label(reg)))
                held[e["code"]] += signed
            else:
                held[e["code"]] = max(ZERO, held[e["code"]] + signed)
        if not in_window:
            continue
        if mv == "self_utilized" and e["kind"] == "secondary":
            findings.append(_finding("secondary_self_utilized", "dross_f_secondary_self", entry=e, row=row,
                                     date=e["date"], code=e["code"], quantity=_t(q)))
        if mv == "transferred" or (mv == "disposed" and (e.get("receiver") or "").strip()):
            findings.extend(_check_receiver(e, idx, row))

    # generation against the coefficients
    generation: dict[str, GenerationCheck] = {}
    gen_findings: list[Finding] = []
    notes: list[tuple[str, str]] = []
    for kind in KINDS:
        reported, source = reported_generation(kind, d, ledger_gen[kind], n_window > 0, notes)
        chk, f = check_generation(sector, kind, production, self_util, reported, source)
        generation[kind] = chk
        if f is not None:
            gen_findings.append(f)

    # stock ageing at the as-of date
    limit_years = int(data()["storage_limit"]["years"])
    stocks: list[Stock] = []
    bands = age_buckets()
    for key in sorted(lots):
        remaining = [(day, qty) for day, qty in lots[key] if qty > 0]
        total = stock[key]
        buckets = {name: ZERO for name, _ in bands}
        over = ZERO
        for day, qty in remaining:
            d0 = _dt.date.fromisoformat(day)
            age = (as_of_date - d0).days
            for name, upper in bands:
                if upper is None or age <= upper:
                    buckets[name] += qty
                    break
            if as_of_date > add_years(d0, limit_years):
                over += qty
        oldest = remaining[0][0] if remaining else None
        age_days = (as_of_date - _dt.date.fromisoformat(oldest)).days if oldest else None
        stocks.append(Stock(code=key[0], kind=key[1], quantity_t=total, oldest=oldest, age_days=age_days,
                            over_limit_t=over, buckets=buckets))
        if over > 0:
            f = _finding("storage_over_one_year", "dross_f_storage", code=key[0],
                         kind=(kind_name(key[1], "zh"), kind_name(key[1], "en")), quantity=_t(over), oldest=oldest,
                         as_of=as_of_s, days=age_days)
            f.code, f.kind, f.date = key[0], key[1], oldest
            findings.append(f)

    # checklist
    reqs = data()["requirements"]
    answers = d.get("requirements") or {}
    met = [r["id"] for r in reqs if answers.get(r["id"]) is True]
    unmet = [r["id"] for r in reqs if answers.get(r["id"]) is False]
    unanswered = [r["id"] for r in reqs if answers.get(r["id"]) is None]

    # deadlines of the region
    region_words = (region_name, region_cfg.get("name_en", region_name))
    dls = deadlines(start.year, as_of_date, region_cfg, answers, d.get("filings") or [])
    for dl in dls:
        if dl.status not in ("overdue", "filed_late"):
            continue
        if dl.id == "declaration":
            key = "dross_f_declaration_overdue" if dl.status == "overdue" else "dross_f_declaration_late"
            f = _finding("declaration_overdue", key, year=dl.period, due=dl.due, region=region_words, as_of=as_of_s,
                         filed=dl.filed_on or "")
        else:
            key = "dross_f_ledger_overdue" if dl.status == "overdue" else "dross_f_ledger_late"
            f = _finding("ledger_submission_overdue", key, quarter=dl.period, due=dl.due, region=region_words,
                         as_of=as_of_s, filed=dl.filed_on or "")
        f.date = dl.due
        findings.append(f)

    for r in reqs:
        if r["id"] in met:
            continue
        key = "dross_f_requirement_unmet" if r["id"] in unmet else "dross_f_requirement_unanswered"
        zh = messages.text(key, "zh", id=r["id"], text=r["text_zh"])
        en = messages.text(key, "en", id=r["id"], text=r["text_en"])
        findings.append(Finding(id=f"requirement_{r['id']}", severity=r["severity"], detail_zh=zh, detail_en=en,
                                requirement=r["id"]))

    if self_util is not True and ledger_gen["secondary"] and coefficients(sector, "secondary") is not None:
        notes.append(_both("dross_no_self_utilization_secondary"))
    entered = dross is not None
    pct = round_half_up(Fraction(100 * len(met), len(reqs)), 1) if entered else None
    return DrossResult(
        classification=cls, period=normalise_period(period), period_start=start_s, period_end=end_s, as_of=as_of_s,
        region=region_name, region_note=region_note, production_t=production, self_utilization=self_util,
        generation=generation, findings=gen_findings + findings if entered else [], compliance_pct=pct,
        met=met, unmet=unmet, unanswered=unanswered,
        balances=[balances[k] for k in sorted(balances)], stock=stocks, deadlines=dls if entered else [],
        entries_evaluated=n_window, notes=notes, entered=entered)


# ---- JSON -------------------------------------------------------------------------------------

def _num(v: Decimal | None, places: int = 6) -> float | None:
    if v is None:
        return None
    return float(round_half_up(v, places))


def _pair(p: tuple[Decimal, Decimal] | None) -> list[float] | None:
    return [_num(p[0]), _num(p[1])] if p else None  # type: ignore[list-item]


def finding_json(f: Finding, lang: str = "en") -> dict[str, Any]:
    out: dict[str, Any] = {"id": f.id, "severity": f.severity, "detail": f.detail(lang),
                           "detail_zh": f.detail_zh, "detail_en": f.detail_en}
    for k in ("row", "entry_id", "date", "receiver", "code", "kind", "container", "requirement"):
        v = getattr(f, k)
        if v is not None:
            out[k] = v
    return out


def to_json(r: DrossResult | None, lang: str = "en") -> dict[str, Any] | None:
    """The ``dross`` object of ``score --json`` (the assessment-file contract, with extra keys)."""
    if r is None:
        return None
    c = r.classification
    zh = lang == "zh"
    gen = r.generation
    return {
        "code": c.code,
        "hazards": list(c.hazards),
        "class": c.class_zh,
        "class_en": c.class_en,
        "category": c.category,
        "stages": {k: [s["zh"] if zh else s["en"] for s in v] for k, v in c.stages.items()},
        "disposal_routes": {k: [x["id"] for x in v] for k, v in c.routes.items()},
        "expected_primary_t": _pair(gen["primary"].expected_t),
        "expected_secondary_t": _pair(gen["secondary"].expected_t),
        "reported_primary_t": _num(gen["primary"].reported_t),
        "reported_secondary_t": _num(gen["secondary"].reported_t),
        "generation": [{"kind": g.kind, "status": g.status, "expected_t": _pair(g.expected_t),
                        "limits_t": _pair(g.limits_t), "reported_t": _num(g.reported_t),
                        "reported_from": g.reported_from,
                        "coefficients_kg_per_t": _pair(g.coefficients)} for g in gen.values()],
        "tolerance": float(tolerance()),
        "findings": [finding_json(f, lang) for f in r.findings],
        "compliance_pct": float(r.compliance_pct) if r.compliance_pct is not None else None,
        "requirements_met": r.met,
        "requirements_unmet": r.unmet,
        "unanswered": r.unanswered,
        "balances": [{"code": b.code, "kind": b.kind, "opening_t": _num(b.opening), "generated_t": _num(b.generated),
                      "self_utilized_t": _num(b.self_utilized), "transferred_t": _num(b.transferred),
                      "disposed_t": _num(b.disposed), "adjustment_t": _num(b.adjustment),
                      "closing_t": _num(b.closing)} for b in r.balances],
        "stock": [{"code": s.code, "kind": s.kind, "quantity_t": _num(s.quantity_t), "oldest": s.oldest,
                   "age_days": s.age_days, "over_limit_t": _num(s.over_limit_t),
                   "age_buckets_t": {k: _num(v) for k, v in s.buckets.items()}} for s in r.stock],
        "deadlines": [{"id": dl.id, "period": dl.period, "due": dl.due, "status": dl.status,
                       "filed_on": dl.filed_on, "days_left": dl.days_left} for dl in r.deadlines],
        "as_of": r.as_of,
        "period": r.period,
        "region": r.region,
        "notes": [n[0] if zh else n[1] for n in ([r.region_note] if r.region_note else []) + r.notes],
        "entered": r.entered,
    }
