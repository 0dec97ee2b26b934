"""Periods and the region's deadlines: the annual declaration (6.1.3) and the quarterly ledger
submission (6.1.4), filed, filed late, met, overdue or upcoming as of a date."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from alassess.domain import words
from alassess.domain.dross.common import data, finding
from alassess.domain.errors import InputError
from alassess.domain.findings import Finding

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-_ ]?[Qq]([1-4]))?\s*$")


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


@dataclass
class Deadline:
    id: str  # declaration | ledger_submission
    period: str  # 2025 | 2025Q1
    due: str
    status: str  # filed | filed_late | met | overdue | upcoming
    filed_on: str | None = None
    days_left: int | None = None
    source: str = ""


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


def region_name(name: str, cfg: dict[str, Any]) -> words.Data:
    return words.Data(name, cfg.get("name_en", name))


def _status(on: str | None, due: _dt.date, as_of: _dt.date, confirmed: bool) -> str:
    if on is not None:
        return "filed" if _dt.date.fromisoformat(on) <= due else "filed_late"
    if as_of <= due:
        return "upcoming"
    return "met" if confirmed else "overdue"


def due_dates(year: int, as_of: _dt.date, cfg: dict[str, Any], requirements: dict[str, Any],
              filings: list[dict[str, Any]]) -> list[Deadline]:
    """The year's declaration and its four quarterly ledger submissions, with their status."""
    filed = {(f["kind"], f["period"]): f["date"] for f in filings}
    dec = cfg["declaration"]
    items: list[tuple[str, str, _dt.date, str, str]] = [
        ("declaration", str(year), _dt.date(year, dec["month"], dec["day"]), "6.1.3", dec["source"])]
    sub = cfg["ledger_submission"]
    for q in range(1, 5):
        due = quarter_end(year, q) + _dt.timedelta(days=int(sub["days_after_quarter_end"]))
        items.append(("ledger_submission", f"{year}Q{q}", due, "6.1.4", sub["source"]))
    out: list[Deadline] = []
    for did, period, due, req, source in items:
        on = filed.get(("declaration" if did == "declaration" else "ledger", period))
        status = _status(on, due, as_of, requirements.get(req) is True)
        out.append(Deadline(id=did, period=period, due=due.isoformat(), status=status, filed_on=on,
                            days_left=(due - as_of).days if status == "upcoming" else None, source=source))
    return out


def deadline_findings(dls: list[Deadline], region: words.Data, as_of: str) -> list[Finding]:
    """A finding per deadline missed or met late."""
    out: list[Finding] = []
    for dl in dls:
        if dl.status not in ("overdue", "filed_late"):
            continue
        late = dl.status == "filed_late"
        if dl.id == "declaration":
            out.append(finding("declaration_overdue",
                               "dross_f_declaration_late" if late else "dross_f_declaration_overdue",
                               context={"date": dl.due}, year=dl.period, due=dl.due, region=region, as_of=as_of,
                               filed=dl.filed_on or ""))
        else:
            out.append(finding("ledger_submission_overdue", "dross_f_ledger_late" if late else "dross_f_ledger_overdue",
                               context={"date": dl.due}, quarter=dl.period, due=dl.due, region=region, as_of=as_of,
                               filed=dl.filed_on or ""))
    return out
