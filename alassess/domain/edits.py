"""Validating one value as it is edited: a plant's detail, a figure of the dross section, a receiver,
a container. The rules live here, in the domain; the services that store the edits call them.

Each function returns the normalised value or raises one :class:`InputError` naming the field and
the fix. What people type is accepted (full-width digits, Chinese yes/no words, a list of codes
separated by ``、`` or ``，``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from alassess.domain import credit_code as _cc
from alassess.domain.assessment import CODE_RE, DROSS_KEYS, parse_date
from alassess.domain.errors import InputError
from alassess.domain.fields import SECTORS, yes_no_word
from alassess.domain.limits import CODE_MAX, NAME_MAX, check_length
from alassess.domain.numbers import normalise_text, parse_number
from alassess.domain.wastecodes import check_known

PLANT_TEXT_KEYS = ("name", "region", "address", "contact", "phone")
DROSS_EDITABLE = ("production_t", "self_utilization", "primary_generated_t", "secondary_generated_t")
_CODE_SEPARATORS = re.compile(r"[,，、;；\s]+")


def yes_no(raw: Any, where: str) -> bool | None:
    """Yes/no as typed, with the words a catalogue yes/no field accepts (empty text: ``None``)."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        try:
            return yes_no_word(raw)
        except ValueError:
            pass
    raise InputError("expected_bool", where, value=str(raw))


def _text(raw: Any, where: str) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise InputError("expected_text", where, value=str(raw))
    return raw.strip()


def plant_value(key: str, raw: Any) -> Any:
    """One plant detail as typed (``None`` or empty text clears an optional one)."""
    where = f"plant.{key}"
    if key == "name":
        text = (raw or "").strip() if isinstance(raw, str) else raw
        if not text:
            raise InputError("required", where)
        if not isinstance(text, str):
            raise InputError("expected_text", where, value=str(raw))
        return text
    if key == "credit_code":
        if raw is None or (isinstance(raw, str) and normalise_text(raw) == ""):
            return ""
        return _cc.validate(raw, where)
    if key == "sector":
        if raw not in SECTORS:
            raise InputError("bad_sector", where, value=str(raw))
        return raw
    if key == "key_region":
        return bool(yes_no(raw, where))
    if key in PLANT_TEXT_KEYS:
        return _text(raw, where)
    raise InputError("unknown_key", where, key=key, hint=", ".join(("credit_code", "sector", "key_region")
                                                                  + PLANT_TEXT_KEYS))


def dross_value(key: str, raw: Any) -> Any:
    """One value of the dross section (production, self-utilisation, reported generation…)."""
    where = f"dross.{key}"
    kind = DROSS_KEYS.get(key)
    if kind is None or kind in ("object", "list"):
        raise InputError("unknown_key", where, key=key, hint=", ".join(DROSS_EDITABLE))
    if kind == "bool":
        return yes_no(raw, where)
    if kind == "number":
        value = parse_number(raw, where, unit="t")
        if value is not None and value < 0:
            raise InputError("below_min", where, value=f"{value.normalize():f}", min="0", unit=" t")
        return value
    if kind == "date":
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        return parse_date(raw, where)
    return _text(raw, where) or None


def waste_codes(raw: Any, where: str = "codes") -> list[str]:
    """Waste codes as a list or as typed in one box (``321-024-48、321-026-48``)."""
    codes = raw or []
    if isinstance(codes, str):
        codes = [c for c in _CODE_SEPARATORS.split(codes) if c]
    clean = []
    for c in codes:
        c = str(c).strip()
        if not CODE_RE.match(c):
            raise InputError("ledger_bad_code", where, value=c[:100])
        clean.append(check_known(c, where))
    return clean


def receiver(r: dict[str, Any]) -> dict[str, Any]:
    """A receiver as entered: a name, its licence number, the codes it may take, the validity dates."""
    name = check_length((r.get("name") or "").strip(), "name", NAME_MAX)
    if not name:
        raise InputError("required", "name")
    check_length((r.get("licence_no") or "").strip(), "licence_no", CODE_MAX)
    codes = waste_codes(r.get("codes"))
    vf = parse_date(r["valid_from"], "valid_from") if r.get("valid_from") else None
    vt = parse_date(r["valid_to"], "valid_to") if r.get("valid_to") else None
    if vf and vt and vf > vt:
        raise InputError("dross_valid_range", "valid_to", valid_from=vf, valid_to=vt)
    return {"name": name, "licence_no": (r.get("licence_no") or "").strip(), "codes": codes,
            "valid_from": vf, "valid_to": vt}


def container(c: dict[str, Any]) -> dict[str, Any]:
    """A container as entered: a name, the code it is registered for (optional), its capacity in L."""
    name = check_length((c.get("name") or "").strip(), "name", NAME_MAX)
    if not name:
        raise InputError("required", "name")
    code = (c.get("code") or "").strip()
    if code and not CODE_RE.match(code):
        raise InputError("ledger_bad_code", "code", value=code[:100])
    if code:
        check_known(code, "code")
    cap: Decimal | None = parse_number(c.get("capacity_l"), "capacity_l", unit="L")
    if cap is not None and cap <= 0:
        raise InputError("not_positive", "capacity_l", value=f"{cap.normalize():f}")
    return {**c, "name": name, "code": code, "capacity_l": cap}
