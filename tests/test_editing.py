"""Interactive edits through the service layer: validated, one at a time, nothing stored when bad."""

from decimal import Decimal

import pytest

from alassess.domain.errors import InputError, StateError
from alassess.services import editing, records
from alassess.store import repo
from tests.conftest import VALID_CODE


@pytest.fixture
def ed(db_path):
    e = editing.Editor(db_path)
    yield e
    e.close()


@pytest.fixture
def aid(ed):
    pid, aid = ed.create_plant_with_assessment({"name": "测试电解铝厂", "sector": "electrolytic",
                                                "credit_code": VALID_CODE}, "2025", "测试员", "测试中心")
    return aid


def test_typed_values_are_normalised_and_stored(ed, aid):
    assert ed.set_field(aid, "cell_current_ka", "４００") == Decimal(400)
    assert ed.set_field(aid, "renewable_share_pct", " 27.5% ") == Decimal("27.5")
    assert ed.set_field(aid, "ac_consumption_kwh_per_t", "13，350") == Decimal(13350)
    assert ed.set_field(aid, "env_performance_grade", "a") == "A"
    assert ed.set_field(aid, "req_complete_chain", "是") is True
    a = ed.load(aid)
    assert a.values["cell_current_ka"] == 400 and a.values["renewable_share_pct"] == Decimal("27.5")
    assert a.values["ac_consumption_kwh_per_t"] == 13350 and a.values["req_complete_chain"] is True


def test_a_bad_value_names_the_field_and_stores_nothing(ed, aid):
    with pytest.raises(InputError) as ei:
        ed.set_field(aid, "renewable_share_pct", "120")
    assert ei.value.key == "pct_above_100" and "renewable_share_pct" in ei.value.field
    with pytest.raises(InputError) as ei:
        ed.set_field(aid, "energy_consumption_kgce_per_t", "0")
    assert ei.value.key == "not_positive"
    with pytest.raises(InputError):
        ed.set_field(aid, "cell_current_ka", "1,5")
    assert ed.load(aid).values == {}


def test_an_indicator_entered_in_one_form_clears_the_other(ed, aid):
    ed.set_indicator(aid, "energy_output", "output", "0.56")
    ed.set_indicator(aid, "energy_output", "consumption", "1680")
    v = ed.load(aid).values
    assert "energy_output" not in v and v["energy_consumption_kgce_per_t"] == 1680
    ed.set_indicator(aid, "energy_output", "output", "")
    assert ed.load(aid).values == {}


def test_output_and_consumption_forms_must_agree(ed, aid):
    ed.set_field(aid, "energy_output", "0.56")
    with pytest.raises(InputError) as ei:
        ed.set_field(aid, "energy_consumption_kgce_per_t", "1000")
    assert ei.value.key == "forms_conflict"
    assert "energy_consumption_kgce_per_t" not in ed.load(aid).values


def test_a_field_of_another_sector_is_refused(ed, aid):
    with pytest.raises(InputError) as ei:
        ed.set_field(aid, "alkali_output", "9")
    assert ei.value.key == "not_applicable_field"


def test_plants_and_periods_are_not_duplicated(ed, aid):
    with pytest.raises(InputError) as ei:
        ed.create_plant({"name": "另一个名字", "sector": "electrolytic", "credit_code": VALID_CODE})
    assert ei.value.key == "plant_exists"
    pid = ed.info(aid)["plant_id"]
    with pytest.raises(InputError) as ei:
        ed.create_assessment(pid, "2025")
    assert ei.value.key == "period_exists"
    with pytest.raises(InputError) as ei:
        ed.create_plant_with_assessment({"name": "新厂", "sector": "recycled"}, "25")
    assert ei.value.key == "bad_period"
    assert [p["name"] for p in ed.plants()] == ["测试电解铝厂"]  # nothing half-created


def test_credit_code_and_name_are_checked(ed):
    with pytest.raises(InputError) as ei:
        ed.create_plant({"name": "厂", "sector": "alumina", "credit_code": VALID_CODE[:-1] + "0"})
    assert ei.value.key in ("credit_code_check", "credit_code_chars")
    with pytest.raises(InputError) as ei:
        ed.create_plant({"name": "  ", "sector": "alumina"})
    assert ei.value.key == "required"


def test_a_signed_assessment_is_locked(ed, aid):
    ed.set_field(aid, "cell_current_ka", "400")
    repo.set_status(ed.db, aid, "signed")
    with pytest.raises(StateError):
        ed.set_field(aid, "cell_current_ka", "500")
    with pytest.raises(StateError):
        ed.set_dross_value(aid, "production_t", "1")
    with pytest.raises(InputError):
        ed.set_status(aid, "signed")  # only a signed report signs
    assert ed.load(aid).values["cell_current_ka"] == 400


def test_status_dross_values_and_checklist(ed, aid, db_path):
    ed.set_status(aid, "final")
    assert ed.info(aid)["status"] == "final"
    ed.set_dross_value(aid, "production_t", "190,000")
    ed.set_dross_value(aid, "self_utilization", True)
    ed.set_dross_requirement(aid, "6.1.5", False)
    with pytest.raises(InputError):
        ed.set_dross_value(aid, "production_t", "-3")
    with pytest.raises(InputError):
        ed.set_dross_requirement(aid, "9.9", True)
    a = records.load(db_path, aid)
    assert a.dross["production_t"] == 190000 and a.dross["self_utilization"] is True
    assert a.dross["requirements"] == {"6.1.5": False}


def test_plant_details_update(ed, aid):
    pid = ed.info(aid)["plant_id"]
    ed.update_plant(pid, "name", " 新名称 ")
    ed.update_plant(pid, "key_region", True)
    assert ed.load(aid).plant.name == "新名称" and ed.load(aid).plant.key_region is True
    with pytest.raises(StateError):
        ed.update_plant(pid, "sector", "alumina")
    with pytest.raises(InputError):
        ed.update_plant(pid, "name", "")
