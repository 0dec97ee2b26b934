"""The form definitions (forms/*.json): data that the GUI renders and the catalogue backs."""

import pytest

from alassess import forms
from alassess.domain import fields


def test_every_row_binds_to_something_that_exists():
    sections = forms.sections()
    assert [s.id for s in sections] == ["plant", "requirements", "indicators", "guideline", "energy", "kpi", "dross",
                                        "ledger"]
    for s in sections:
        for r in s.rows:
            assert r.type in forms.ROW_TYPES
            if r.field_id:
                assert r.field_id in fields.catalogue()
                assert r.label("zh") and r.label("en") and r.source_text()


def test_every_catalogue_field_is_asked_somewhere():
    """Adding a field to the catalogue without a form row would leave it unreachable in the GUI."""
    asked = {r.field_id for s in forms.sections() for r in s.rows if r.field_id}
    for f in fields.catalogue().values():
        if f.consumption_of:
            assert f.consumption_of in asked  # entered through the indicator's toggle
        else:
            assert f.id in asked, f.id


def test_labels_hints_and_units_come_from_the_catalogue():
    row = next(r for r in forms.section("indicators").rows if r.field_id == "energy_output")
    f = fields.get("energy_output")
    assert row.label("zh") == "能源产出" and row.label("en") == f.label_en
    assert row.unit_text() == "t/tce" and row.hint("zh") == f.hint_zh and "001" in row.source_text()
    assert row.type == "indicator"
    yesno = next(r for r in forms.section("requirements").rows if r.field_id == "req_complete_chain")
    assert yesno.type == "yesno" and yesno.required


@pytest.mark.parametrize("sector, expected", [
    ("alumina", ["plant", "requirements", "indicators", "guideline", "kpi"]),
    ("electrolytic", ["plant", "requirements", "indicators", "guideline", "energy", "kpi", "dross", "ledger"]),
    ("recycled", ["plant", "guideline", "kpi", "dross", "ledger"]),
    ("processing", ["plant", "guideline", "kpi", "dross", "ledger"]),
])
def test_sections_that_do_not_apply_to_the_sector_are_hidden(sector, expected):
    assert [s.id for s in forms.for_sector(sector)] == expected


def test_rows_follow_the_sector_and_their_conditions():
    ind = forms.section("indicators")
    shown = {r.field_id for r in ind.rows if r.applies("alumina")}
    assert shown == {"energy_output", "alumina_conversion_pct", "water_output", "alkali_output",
                     "red_mud_utilization_pct"}
    assert {r.field_id for r in ind.rows if r.applies("electrolytic")} == {
        "energy_output", "alumina_output", "water_output", "anode_output", "fluoride_output",
        "solid_waste_utilization_pct"}
    secondary = next(r for r in forms.section("dross").rows if r.bind == "dross.secondary_generated_t")
    assert secondary.applies("recycled", {"dross.self_utilization": True})
    assert not secondary.applies("recycled", {"dross.self_utilization": False})
    assert secondary.applies("recycled")  # without values: possible for the sector


def test_a_bad_definition_is_refused():
    with pytest.raises(forms.FormError):
        forms.parse_section({"id": "x", "title_zh": "x", "title_en": "x",
                             "rows": [{"bind": "values.no_such_field"}]})
    with pytest.raises(forms.FormError):
        forms.parse_section({"id": "x", "title_zh": "x", "title_en": "x",
                             "rows": [{"bind": "plant.name", "type": "text"}]})  # labels missing
