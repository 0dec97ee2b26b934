"""Interactive edits, one validated change at a time (the desktop application's write path).

Every change is validated by the domain (``Field.parse`` accepts what people type: full-width
digits, ``，`` thousands separators, a trailing ``%``) and stored in its own short transaction, so
an edit acknowledged to the user is on disk. A bad value raises :class:`InputError` naming the
field and the fix and stores nothing.

An :class:`Editor` holds one connection; SQLite connections belong to the thread that opened
them, so a client that saves from a worker thread opens its own ``Editor`` there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alassess import standards
from alassess.domain import edits, messages
from alassess.domain import fields as _fields
from alassess.domain.assessment import (
    Assessment,
    Assessor,
    Plant,
    check_forms,
    did_you_mean,
    parse_period,
)
from alassess.domain.errors import InputError, StateError
from alassess.store import repo
from alassess.store.db import open_db

EDITABLE_STATUSES = ("draft", "final")
# The rules of a single edit are the domain's (alassess.domain.edits); the desktop session checks a
# value with them before it saves.
parse_plant_value = edits.plant_value
parse_dross_value = edits.dross_value


def dross_requirement_ids() -> list[str]:
    return [r["id"] for r in standards.load("dross")["requirements"]]


class Editor:
    """Validated edits on one database (one connection, used from one thread)."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        self.db = open_db(db_path)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Editor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reading ------------------------------------------------------------------------------

    def load(self, assessment_id: int) -> Assessment:
        return repo.load_assessment(self.db, assessment_id)

    def info(self, assessment_id: int) -> dict[str, Any]:
        """Status, revision, plant and times of an assessment (what a window header shows)."""
        row = repo.get_row(self.db, assessment_id)
        return {"id": row.id, "plant_id": row.plant_id, "period": row.period, "status": row.status,
                "revision": row.revision, "parent_id": row.parent_id, "updated_at": row.updated_at,
                "signed_at": row.signed_at, "assessor_name": row.assessor_name,
                "assessor_organisation": row.assessor_organisation}

    def plants(self) -> list[dict[str, Any]]:
        """Every plant (id, name, sector, credit code), by name."""
        return [{"id": r["id"], "name": r["name"], "sector": r["sector"], "credit_code": r["credit_code"] or ""}
                for r in repo.list_plants(self.db)]

    def periods(self, plant_id: int) -> list[str]:
        return [r["period"] for r in repo.list_assessments(self.db, plant_id)]

    # ---- plants and assessments ---------------------------------------------------------------

    def create_plant(self, raw: dict[str, Any]) -> int:
        """A new plant from typed details (name and sector required). Refuses a duplicate code."""
        vals = {k: parse_plant_value(k, raw.get(k)) for k in ("name", "sector", "credit_code", "key_region")
                + edits.PLANT_TEXT_KEYS[1:]}
        plant = Plant(**vals)
        existing = repo.find_plant(self.db, plant)
        if existing is not None:
            other = repo.get_plant(self.db, existing)
            field = "plant.credit_code" if plant.credit_code else "plant.name"
            raise InputError("plant_exists", field, name=other.name)
        return repo.upsert_plant(self.db, plant)

    def create_plant_with_assessment(self, raw: dict[str, Any], period: Any, assessor_name: str = "",
                                     organisation: str = "") -> tuple[int, int]:
        """A new plant and its first assessment, both or neither."""
        period = parse_period(period)
        with repo.transaction(self.db):
            pid = self.create_plant(raw)
            return pid, self.create_assessment(pid, period, assessor_name, organisation)

    def update_plant(self, plant_id: int, key: str, raw: Any) -> Any:
        value = parse_plant_value(key, raw)
        with repo.transaction(self.db):
            plant = repo.get_plant(self.db, plant_id)
            if key == "sector" and value != plant.sector:
                raise StateError("sector_fixed", "plant.sector")
            if key == "credit_code" and value:
                self.check_credit_code_free(plant_id, value)
            setattr(plant, key, value)
            repo.update_plant(self.db, plant_id, plant)
        return value

    def check_credit_code_free(self, plant_id: int, code: str) -> None:
        """Refuse a credit code another plant has (checked while it is typed, and again when stored)."""
        found = self.db.execute("SELECT name FROM plants WHERE credit_code = ? AND id <> ?",
                                [code, plant_id]).fetchone()
        if found:
            raise InputError("plant_exists", "plant.credit_code", name=found[0])

    def create_assessment(self, plant_id: int, period: Any, assessor_name: str = "",
                          organisation: str = "") -> int:
        period = parse_period(period)
        with repo.transaction(self.db):
            if repo.find_assessment(self.db, plant_id, period) is not None:
                raise InputError("period_exists", "period", period=period)
            return repo.create_assessment(self.db, plant_id, period,
                                          Assessor((assessor_name or "").strip(), (organisation or "").strip()))

    def set_assessor(self, assessment_id: int, key: str, raw: Any) -> str:
        if key not in ("name", "organisation"):
            raise InputError("unknown_key", f"assessor.{key}", key=key, hint="name, organisation")
        if raw is not None and not isinstance(raw, str):
            raise InputError("expected_text", f"assessor.{key}", value=str(raw))
        value = (raw or "").strip()
        with repo.transaction(self.db):
            row = repo.ensure_editable(self.db, assessment_id)
            assessor = Assessor(row.assessor_name, row.assessor_organisation)
            setattr(assessor, key, value)
            repo.set_assessor(self.db, assessment_id, assessor)
        return value

    def set_status(self, assessment_id: int, status: str) -> None:
        """Draft ↔ final. Signing happens only through a signed report."""
        if status not in EDITABLE_STATUSES:
            raise InputError("bad_choice", "status", value=status, choices="/".join(EDITABLE_STATUSES))
        repo.set_status(self.db, assessment_id, status)

    # ---- values -------------------------------------------------------------------------------

    def set_values(self, assessment_id: int, raw: dict[str, Any]) -> dict[str, Any]:
        """Set several catalogue fields at once (``None`` or empty text clears one), all or nothing.

        Each value is validated by its field; an output form and its consumption form that would
        then both be present must agree within 1 %. Returns the stored values.
        """
        catalogue = _fields.catalogue()
        parsed: dict[str, Any] = {}
        for fid, value in raw.items():
            f = catalogue.get(fid)
            if f is None:
                raise InputError("unknown_field", f"values.{fid}", key=fid, near=did_you_mean(fid, catalogue))
            parsed[fid] = f.parse(value)
        with repo.transaction(self.db):
            row = repo.ensure_editable(self.db, assessment_id)
            sector = repo.get_plant(self.db, row.plant_id).sector
            for fid, value in parsed.items():
                if value is not None and not catalogue[fid].applies_to(sector):
                    raise InputError("not_applicable_field", f"values.{fid}", key=fid,
                                     sector=messages.sector_name(sector, "en"))
            current = {k: v for k, v in repo.get_values(self.db, assessment_id).items()
                       if not k.startswith(repo.DROSS_PREFIX)}
            current.update(parsed)
            check_forms({k: v for k, v in current.items() if v is not None})
            for fid, value in parsed.items():
                repo.set_value(self.db, assessment_id, fid, value)
        return parsed

    def set_field(self, assessment_id: int, field_id: str, raw: Any) -> Any:
        """Set one catalogue field from what was typed; returns the stored value (or ``None``)."""
        return self.set_values(assessment_id, {field_id: raw})[field_id]

    def set_indicator(self, assessment_id: int, output_id: str, form: str, raw: Any) -> Any:
        """Enter an indicator in its output or its consumption form; the other form is cleared.

        The indicator then has exactly the value the assessor typed, in the form they typed it.
        """
        target, other = indicator_forms(output_id, form)
        values = {target: raw}
        if other is not None:
            values[other] = None
        return self.set_values(assessment_id, values)[target]

    def set_dross_value(self, assessment_id: int, key: str, raw: Any) -> Any:
        if key not in edits.DROSS_EDITABLE:
            raise InputError("unknown_key", f"dross.{key}", key=key, hint=", ".join(edits.DROSS_EDITABLE))
        value = parse_dross_value(key, raw)
        repo.set_value(self.db, assessment_id, repo.DROSS_PREFIX + key, value)
        return value

    def set_dross_requirement(self, assessment_id: int, req_id: str, raw: Any) -> bool | None:
        ids = dross_requirement_ids()
        if req_id not in ids:
            raise InputError("unknown_key", f"dross.requirements.{req_id}", key=req_id, hint=", ".join(ids))
        value = edits.yes_no(raw, f"dross.requirements.{req_id}")
        repo.set_value(self.db, assessment_id, repo.requirement_key(req_id), value)
        return value


def indicator_forms(output_id: str, form: str) -> tuple[str, str | None]:
    """(field to set, field to clear) for an indicator entered in ``form`` (output | consumption)."""
    cf = _fields.consumption_form(output_id)
    if form == "output":
        return output_id, cf.id if cf else None
    if form == "consumption":
        if cf is None:
            raise InputError("no_consumption_form", f"values.{output_id}", key=output_id)
        return cf.id, output_id
    raise InputError("bad_choice", f"values.{output_id}", value=form, choices="output/consumption")


def create_plant(db_path: str | Path, raw: dict[str, Any]) -> int:
    with Editor(db_path) as ed:
        return ed.create_plant(raw)


def create_assessment(db_path: str | Path, plant_id: int, period: Any, assessor_name: str = "",
                      organisation: str = "") -> int:
    with Editor(db_path) as ed:
        return ed.create_assessment(plant_id, period, assessor_name, organisation)


def set_field(db_path: str | Path, assessment_id: int, field_id: str, raw: Any) -> Any:
    with Editor(db_path) as ed:
        return ed.set_field(assessment_id, field_id, raw)


def set_status(db_path: str | Path, assessment_id: int, status: str) -> None:
    with Editor(db_path) as ed:
        ed.set_status(assessment_id, status)
