"""The assessment: one plant, one period, one assessor, the entered values (the interchange file).

``parse_assessment`` validates a decoded assessment file (a dict) and returns an
:class:`Assessment`, or raises one :class:`InputError` naming the field and the fix.
``to_document`` turns an assessment back into the interchange dict. No file I/O here.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from alassess import catalogue, standards
from alassess.domain import credit_code as _cc
from alassess.domain import fields as _fields
from alassess.domain import messages, words
from alassess.domain.errors import InputError
from alassess.domain.fields import SECTORS
from alassess.domain.limits import CODE_MAX, NAME_MAX, TEXT_MAX, check_length
from alassess.domain.numbers import parse_number
from alassess.domain.wastecodes import check_known, known_codes
from alassess.standards import current_ids

FORMAT = "alassess.assessment"
VERSION = 1
FORMS_TOLERANCE = Fraction(1, 100)  # output and consumption forms must agree within 1 %
_PERIOD = re.compile(r"^[0-9]{4}$")  # ASCII digits: \d also takes ٢٠٢٥


@dataclass
class Notice:
    """A warning that does not stop scoring (plausibility, ignored field)."""

    key: str
    field: str | None = None
    params: dict[str, Any] = dc_field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        body = messages.text(self.key, lang, **self.params)
        return f"{self.field}: {body}" if self.field else body


@dataclass
class Plant:
    name: str
    sector: str
    credit_code: str = ""
    region: str = ""
    key_region: bool = False
    address: str = ""
    contact: str = ""
    phone: str = ""


@dataclass
class Assessor:
    name: str = ""
    organisation: str = ""


@dataclass
class Assessment:
    plant: Plant
    period: str
    assessor: Assessor = dc_field(default_factory=Assessor)
    values: dict[str, Any] = dc_field(default_factory=dict)  # field id → Decimal | bool | str
    dross: dict[str, Any] | None = None
    notices: list[Notice] = dc_field(default_factory=list)
    # module → id of the edition of its reference data this assessment is scored with (DOMAIN §8
    # "Editions"); the current editions unless the file or the store names others.
    standards: dict[str, str] = dc_field(default_factory=current_ids)

    def value(self, field_id: str) -> Any:
        return self.values.get(field_id)

    def indicator(self, output_id: str) -> Fraction | None:
        """The output-form value of an indicator, converting the consumption form if needed."""
        v = self.values.get(output_id)
        if v is not None:
            return Fraction(v)
        cf = _fields.consumption_form(output_id)
        if cf is not None and self.values.get(cf.id) is not None:
            return cf.convert(self.values[cf.id])
        return None

    def period_end(self) -> _dt.date:
        return _dt.date(int(self.period[:4]), 12, 31)


PLANT_KEYS = {"name": "text", "credit_code": "text", "sector": "text", "region": "text", "key_region": "bool",
              "address": "text", "contact": "text", "phone": "text"}
ASSESSOR_KEYS = {"name": "text", "organisation": "text"}
TOP_KEYS = {"format", "version", "plant", "period", "assessor", "standards", "values", "dross"}
DROSS_KEYS = {"production_t": "number", "self_utilization": "bool", "primary_generated_t": "number",
              "secondary_generated_t": "number", "requirements": "object", "receivers": "list", "ledger": "list",
              "as_of": "date", "region": "text", "filings": "list"}
RECEIVER_KEYS = {"name": "text", "licence_no": "text", "codes": "list", "valid_from": "date", "valid_to": "date"}
FILING_KEYS = {"kind": "text", "period": "text", "date": "date"}
LEDGER_KEYS = {"date": "date", "code": "text", "kind": "text", "movement": "text", "quantity_t": "number",
               "container": "text", "receiver": "text", "manifest_no": "text", "note": "text"}
CODE_RE = re.compile(r"^[0-9]{3}-[0-9]{3}-[0-9]{2}$")  # ASCII digits only, as _PERIOD


# the longest text each field of the file takes (by the field's name; others: TEXT_MAX)
_TEXT_LIMITS = {"name": NAME_MAX, "organisation": NAME_MAX, "contact": NAME_MAX, "region": NAME_MAX,
                "container": NAME_MAX, "receiver": NAME_MAX, "credit_code": CODE_MAX, "phone": CODE_MAX,
                "licence_no": CODE_MAX, "manifest_no": CODE_MAX, "code": CODE_MAX, "kind": CODE_MAX,
                "movement": CODE_MAX, "period": CODE_MAX, "sector": CODE_MAX, "address": NAME_MAX}


def text_limit(where: str) -> int:
    """The longest text the field at ``where`` (e.g. ``plant.name``, ``dross.ledger[3].note``) takes."""
    key = where.rsplit(".", 1)[-1].split("[", 1)[0]
    return _TEXT_LIMITS.get(key, TEXT_MAX)


def _type_name(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f"“{v}”" if len(v) <= 100 else f"“{v[:100]}…”"
    if isinstance(v, dict):
        return "{…}"
    if isinstance(v, list):
        return "[…]"
    return repr(v)


def did_you_mean(key: str, known: Iterable[str]) -> catalogue.Term | catalogue.Literal:
    """The known name nearest to a misspelt ``key`` (difflib), as a message argument; empty if none is near."""
    near = difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)
    return catalogue.Term("did_you_mean", {"name": near[0]}) if near else catalogue.Literal("")


def _check_keys(obj: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    for key in obj:
        if key not in allowed:
            raise InputError("unknown_key", f"{where}.{key}" if where else key, key=key,
                             hint=", ".join(sorted(allowed)))


def _expect_object(v: Any, where: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise InputError("expected_object", where, value=_type_name(v))
    return v


def parse_date(v: Any, where: str) -> str:
    if not isinstance(v, str):
        raise InputError("bad_date", where, value=_type_name(v))
    try:
        d = _dt.date.fromisoformat(v.strip())
    except ValueError:
        raise InputError("bad_date", where, value=v) from None
    if len(v.strip()) != 10:
        raise InputError("bad_date", where, value=v)
    return d.isoformat()


def _typed(v: Any, kind: str, where: str, *, minimum: Decimal | None = Decimal(0)) -> Any:
    if v is None:
        return None
    if kind == "text":
        if not isinstance(v, str):
            raise InputError("expected_text", where, value=_type_name(v))
        return check_length(v.strip(), where, text_limit(where))
    if kind == "bool":
        if not isinstance(v, bool):
            raise InputError("expected_bool", where, value=_type_name(v))
        return v
    if kind == "number":
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise InputError("expected_number", where, value=_type_name(v))
        d = parse_number(v, where)
        if minimum is not None and d is not None and d < minimum:
            raise InputError("below_min", where, value=f"{d.normalize():f}", min=f"{minimum}", unit="")
        return d
    if kind == "date":
        return parse_date(v, where)
    if kind == "object":
        return _expect_object(v, where)
    if kind == "list":
        if not isinstance(v, list):
            raise InputError("expected_list", where, value=_type_name(v))
        return v
    raise AssertionError(kind)


def parse_plant(obj: Any) -> Plant:
    obj = _expect_object(obj, "plant")
    _check_keys(obj, PLANT_KEYS, "plant")
    vals = {k: _typed(obj.get(k), t, f"plant.{k}") for k, t in PLANT_KEYS.items()}
    if not vals["name"]:
        raise InputError("required", "plant.name")
    sector = obj.get("sector")
    if sector not in SECTORS:
        raise InputError("bad_sector", "plant.sector", value=sector if isinstance(sector, str) else _type_name(sector))
    code = vals["credit_code"] or ""
    if code:
        code = _cc.validate(code, "plant.credit_code")
    return Plant(name=vals["name"], sector=sector, credit_code=code, region=vals["region"] or "",
                 key_region=bool(vals["key_region"]), address=vals["address"] or "", contact=vals["contact"] or "",
                 phone=vals["phone"] or "")


def parse_period(v: Any) -> str:
    if isinstance(v, int) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str) or not _PERIOD.match(v.strip()):
        raise InputError("bad_period", "period", value=v if isinstance(v, str) else _type_name(v))
    year = int(v.strip())
    if not 1990 <= year <= 2100:
        raise InputError("bad_period", "period", value=v)
    return v.strip()


def parse_values(obj: Any, sector: str, notices: list[Notice], *, strict_types: bool = True) -> dict[str, Any]:
    obj = _expect_object(obj if obj is not None else {}, "values")
    catalogue = _fields.catalogue()
    out: dict[str, Any] = {}
    for key, raw in obj.items():
        f = catalogue.get(key)
        if f is None:
            raise InputError("unknown_field", f"values.{key}", key=key, near=did_you_mean(key, catalogue))
        value = f.parse(raw, strict_types=strict_types)
        if value is None:
            continue
        if not f.applies_to(sector):
            notices.append(Notice("not_applicable_field", f"values.{key}",
                                  {"key": key, "sector": words.sector(sector)}))
            continue
        out[key] = value
    check_forms(out)
    return out


def check_forms(values: dict[str, Any]) -> None:
    """Both output and consumption forms given: they must agree within 1 %."""
    for f in _fields.catalogue().values():
        if f.consumption_of and values.get(f.id) is not None and values.get(f.consumption_of) is not None:
            output = Fraction(values[f.consumption_of])
            converted = f.convert(values[f.id])
            diff = abs(output - converted) / converted
            if diff > FORMS_TOLERANCE:
                target = _fields.get(f.consumption_of)
                raise InputError("forms_conflict", f"values.{f.consumption_of} / values.{f.id} ({target.label_zh})",
                                 output=f"{values[f.consumption_of].normalize():f}",
                                 consumption=f"{values[f.id].normalize():f}",
                                 converted=f"{float(converted):.4g}", diff=f"{float(diff * 100):.1f}")


def parse_dross(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    obj = _expect_object(obj, "dross")
    _check_keys(obj, DROSS_KEYS, "dross")
    out: dict[str, Any] = {}
    for key, kind in DROSS_KEYS.items():
        if key in ("requirements", "receivers", "ledger", "filings"):
            continue
        if key in obj:
            out[key] = _typed(obj[key], kind, f"dross.{key}")
    req_ids = [r["id"] for r in standards.load("dross")["requirements"]]
    reqs = _typed(obj.get("requirements"), "object", "dross.requirements") or {}
    out["requirements"] = {}
    for key, val in reqs.items():
        if key not in req_ids:
            raise InputError("unknown_key", f"dross.requirements.{key}", key=key, hint=", ".join(req_ids))
        out["requirements"][key] = _typed(val, "bool", f"dross.requirements.{key}")
    out["receivers"] = [parse_receiver(r, f"dross.receivers[{i + 1}]")
                        for i, r in enumerate(_typed(obj.get("receivers"), "list", "dross.receivers") or [])]
    out["filings"] = parse_filings(obj.get("filings"))
    out["ledger"] = [parse_ledger_entry(e, f"dross.ledger[{i + 1}]")
                     for i, e in enumerate(_typed(obj.get("ledger"), "list", "dross.ledger") or [])]
    return out


def parse_receiver(r: Any, where: str) -> dict[str, Any]:
    """One receiver of the file: a name, its licence and the codes it is licensed for."""
    r = _expect_object(r, where)
    _check_keys(r, RECEIVER_KEYS, where)
    rec = {k: _typed(r.get(k), t, f"{where}.{k}") for k, t in RECEIVER_KEYS.items()}
    if not rec["name"]:
        raise InputError("required", f"{where}.name")
    codes = []
    for j, c in enumerate(rec["codes"] or []):
        c = _typed(c, "text", f"{where}.codes[{j + 1}]")
        if c is None:
            raise InputError("expected_text", f"{where}.codes[{j + 1}]", value="null")
        if not CODE_RE.match(c):
            raise InputError("bad_choice", f"{where}.codes[{j + 1}]", value=c, choices="321-024-48/321-026-48/…")
        codes.append(check_known(c, f"{where}.codes[{j + 1}]"))
    rec["codes"] = codes
    return rec


_LEDGER_TEXT_LIMITS = {k: _TEXT_LIMITS.get(k, TEXT_MAX) for k in LEDGER_KEYS}  # text_limit(f"….{k}")


def parse_ledger_entry(e: Any, where: str) -> dict[str, Any]:
    """One ledger entry of the file: date, code, kind, movement and a quantity (positive but for an
    adjustment)."""
    movements = standards.load("dross")["movements"]
    kinds = standards.load("dross")["kinds"]
    e = _expect_object(e, where)
    _check_keys(e, LEDGER_KEYS, where)
    ent: dict[str, Any] = {}
    for k, t in LEDGER_KEYS.items():
        v = e.get(k)
        if t == "text" and type(v) is str:  # the common case of _typed(v, "text", …), without its formatting
            v = v.strip()
            ent[k] = v if len(v) <= _LEDGER_TEXT_LIMITS[k] else check_length(v, f"{where}.{k}", _LEDGER_TEXT_LIMITS[k])
        else:
            ent[k] = None if v is None else _typed(v, t, f"{where}.{k}", minimum=None)
    for req in ("date", "code", "kind", "movement", "quantity_t"):
        if ent.get(req) in (None, ""):
            raise InputError("required", f"{where}.{req}")
    if not CODE_RE.match(ent["code"]):
        raise InputError("bad_choice", f"{where}.code", value=ent["code"], choices="321-024-48/321-026-48/…")
    if ent["code"] not in known_codes():  # check_known's test, its message formatted only when it fails
        check_known(ent["code"], f"{where}.code")
    if ent["kind"] not in kinds:
        raise InputError("bad_choice", f"{where}.kind", value=ent["kind"], choices="/".join(kinds))
    if ent["movement"] not in movements:
        raise InputError("bad_choice", f"{where}.movement", value=ent["movement"], choices="/".join(movements))
    if ent["movement"] != "adjustment" and ent["quantity_t"] <= 0:
        raise InputError("not_positive", f"{where}.quantity_t", value=f"{ent['quantity_t'].normalize():f}")
    return ent


def parse_filings(v: Any) -> list[dict[str, Any]]:
    """Declarations (``period`` a year) and quarterly ledger submissions (``period`` like 2025Q1) made."""
    out = []
    for i, f in enumerate(_typed(v, "list", "dross.filings") or []):
        where = f"dross.filings[{i + 1}]"
        f = _expect_object(f, where)
        _check_keys(f, FILING_KEYS, where)
        ent = {k: _typed(f.get(k), t, f"{where}.{k}") for k, t in FILING_KEYS.items()}
        for req in FILING_KEYS:
            if not ent.get(req):
                raise InputError("required", f"{where}.{req}")
        if ent["kind"] not in ("declaration", "ledger"):
            raise InputError("bad_choice", f"{where}.kind", value=ent["kind"], choices="declaration/ledger")
        period = ent["period"].upper().replace("-", "")
        if ent["kind"] == "declaration" and not _PERIOD.match(period):
            raise InputError("bad_period", f"{where}.period", value=ent["period"])
        if ent["kind"] == "ledger" and not re.match(r"^[0-9]{4}Q[1-4]$", period):
            raise InputError("dross_bad_quarter_period", f"{where}.period", value=ent["period"])
        ent["period"] = period
        out.append(ent)
    return out


def parse_standards(v: Any, where: str = "standards") -> dict[str, str]:
    """The editions an assessment names (module → edition id); a module not named gets its current
    edition, which is then recorded. An unknown module or edition id is an input error naming it."""
    obj = _expect_object(v if v is not None else {}, where)
    _check_keys(obj, standards.RECORDED, where)
    out = standards.current_ids()
    for module, raw in obj.items():
        if raw is None:
            continue
        if not isinstance(raw, str) or not raw.strip():
            raise InputError("expected_text", f"{where}.{module}", value=_type_name(raw))
        try:
            out[module] = standards.edition(module, raw.strip()).id
        except standards.UnknownEdition as e:
            raise InputError("editions.unknown", f"{where}.{module}", edition=raw.strip(),
                             known=", ".join(e.known)) from None
    return out


def parse_assessment(doc: Any) -> Assessment:
    """Validate a decoded assessment file; one :class:`InputError` on the first problem."""
    doc = _expect_object(doc, "(file)")
    if doc.get("format") != FORMAT:
        raise InputError("bad_format", "format")
    _check_keys(doc, TOP_KEYS, "")
    if doc.get("version") != VERSION or isinstance(doc.get("version"), bool):
        raise InputError("bad_version", "version", value=_type_name(doc.get("version")))
    plant = parse_plant(doc.get("plant"))
    period = parse_period(doc.get("period"))
    assessor_obj = _expect_object(doc.get("assessor") or {}, "assessor")
    _check_keys(assessor_obj, ASSESSOR_KEYS, "assessor")
    assessor = Assessor(**{k: _typed(assessor_obj.get(k), "text", f"assessor.{k}") or "" for k in ASSESSOR_KEYS})
    notices: list[Notice] = []
    if "values" not in doc:  # a file without its data must not score as a plant with nothing
        raise InputError("values_required", "values")
    editions = parse_standards(doc.get("standards"))
    with standards.using(editions):  # the values are checked against the assessment's field catalogue
        values = parse_values(doc.get("values"), plant.sector, notices)
        dross = parse_dross(doc.get("dross"))
    return Assessment(plant=plant, period=period, assessor=assessor, values=values, dross=dross, notices=notices,
                      standards=editions)


def _jsonable(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and abs(v) < 10**15 else float(v)
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    return v


def to_document(a: Assessment) -> dict[str, Any]:
    """The interchange dict of the assessment file (JSON-ready)."""
    plant = {"name": a.plant.name, "credit_code": a.plant.credit_code, "sector": a.plant.sector,
             "region": a.plant.region, "key_region": a.plant.key_region}
    for k in ("address", "contact", "phone"):
        if getattr(a.plant, k):
            plant[k] = getattr(a.plant, k)
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "plant": plant, "period": a.period,
                           "assessor": {"name": a.assessor.name, "organisation": a.assessor.organisation},
                           "standards": {**current_ids(), **a.standards},
                           "values": _jsonable(dict(a.values))}
    if a.dross is not None:
        dross = {k: v for k, v in a.dross.items() if v not in (None, [], {}) or k == "requirements"}
        for key in ("ledger", "receivers"):
            if key in dross:
                dross[key] = [{k: v for k, v in item.items() if v not in (None, "")} for item in dross[key]]
        doc["dross"] = _jsonable(dross)
    return doc
