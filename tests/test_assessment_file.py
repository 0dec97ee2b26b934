"""The assessment file: every malformed file is one clear error naming the field."""

import json

import pytest

from alassess.domain.assessment import parse_assessment, to_document
from alassess.domain.errors import InputError
from alassess.services.files import load_assessment_file, save_assessment_file
from tests.conftest import make_doc


def err(doc) -> InputError:
    with pytest.raises(InputError) as ei:
        parse_assessment(doc)
    return ei.value


def with_values(**values):
    return make_doc("electrolytic", values)


@pytest.mark.parametrize("doc,field_part,key", [
    (with_values(energy_outptu=0.5), "values.energy_outptu", "unknown_field"),
    ({**make_doc(), "extra": 1}, "extra", "unknown_key"),
    ({**make_doc(), "plant": {**make_doc()["plant"], "nmae": "x"}}, "plant.nmae", "unknown_key"),
    (with_values(energy_output="0.56"), "values.energy_output", "expected_number"),
    (with_values(energy_output=True), "values.energy_output", "expected_number"),
    (with_values(req_metrology_system=1), "values.req_metrology_system", "expected_bool"),
    (with_values(env_performance_grade="D"), "values.env_performance_grade", "bad_choice"),
    ({**make_doc(), "plant": {**make_doc()["plant"], "sector": "copper"}}, "plant.sector", "bad_sector"),
    ({**make_doc(), "plant": {**make_doc()["plant"], "credit_code": "91350100M000100Y44"}}, "plant.credit_code",
     "credit_code_check"),
    (with_values(energy_output=0.61, energy_consumption_kgce_per_t=1700), "energy_output", "forms_conflict"),
    (with_values(energy_consumption_kgce_per_t=0), "values.energy_consumption_kgce_per_t", "not_positive"),
    (with_values(water_intake_m3_per_t=-1.3), "values.water_intake_m3_per_t", "not_positive"),
    (with_values(solid_waste_utilization_pct=100.5), "values.solid_waste_utilization_pct", "pct_above_100"),
    ({**make_doc(), "period": "25"}, "period", "bad_period"),
    ({**make_doc(), "format": "other"}, "format", "bad_format"),
    ({**make_doc(), "version": 2}, "version", "bad_version"),
    ({**make_doc(), "values": [1, 2]}, "values", "expected_object"),
    ({**make_doc(), "dross": {"ledger": [{"date": "2025-13-01", "code": "321-024-48", "kind": "primary",
                                          "movement": "generated", "quantity_t": 1}]}}, "dross.ledger[1].date", "bad_date"),
    ({**make_doc(), "dross": {"ledger": [{"date": "2025-03-01", "code": "321-024-48", "kind": "primary",
                                          "movement": "stolen", "quantity_t": 1}]}}, "dross.ledger[1].movement", "bad_choice"),
    ({**make_doc(), "dross": {"requirements": {"6.9": True}}}, "dross.requirements.6.9", "unknown_key"),
])
def test_bad_files_name_the_field(doc, field_part, key):
    e = err(doc)
    assert e.key == key
    assert field_part in e.message("en")
    zh = e.message("zh")
    assert field_part in zh and any("\u4e00" <= c <= "\u9fff" for c in zh)
    assert "\n" not in e.message("en")


def test_forms_agreeing_within_one_percent_are_accepted():
    a = parse_assessment(with_values(energy_output=0.60, energy_consumption_kgce_per_t=1660))  # 0.6024: 0.4 %
    assert a.values["energy_output"] is not None


def test_not_applicable_field_is_a_notice_not_an_error():
    a = parse_assessment(make_doc("alumina", {"anode_output": 2.0}))
    assert "anode_output" not in a.values
    assert a.notices and a.notices[0].key == "not_applicable_field"


def test_round_trip_through_a_file(tmp_path):
    doc = make_doc("electrolytic", {"energy_output": 0.56, "water_intake_m3_per_t": 1.45, "env_performance_grade": "A"},
                   dross={"production_t": 100000, "self_utilization": True,
                          "requirements": {"6.1.1": True, "6.1.5": False},
                          "receivers": [{"name": "R", "licence_no": "L-1", "codes": ["321-024-48"],
                                         "valid_from": "2025-01-01", "valid_to": "2027-12-31"}],
                          "ledger": [{"date": "2025-03-02", "code": "321-024-48", "kind": "primary",
                                      "movement": "generated", "quantity_t": 12.5, "container": "C-001"}]})
    a = parse_assessment(doc)
    path = tmp_path / "out.json"
    save_assessment_file(a, path)
    b = load_assessment_file(path)
    assert to_document(b) == to_document(a)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["values"]["energy_output"] == 0.56
    assert saved["dross"]["ledger"][0]["quantity_t"] == 12.5


@pytest.mark.parametrize("content,key", [
    (b"{not json", "bad_json"),
    (b"\xff\xfe\x00garbage", "not_utf8"),
    (b"[]", "expected_object"),
    (b'{"format": "alassess.assessment", "version": 1, "plant": {"name": "x", "sector": "alumina"}, '
     b'"period": "2025", "values": {"energy_output": NaN}}', "not_finite"),
    (b'{"format": "alassess.assessment", "version": 1, "plant": {"name": "x", "sector": "alumina"}, '
     b'"period": "2025", "values": {"energy_output": 2.1, "energy_output": 2.9}}', "duplicate_key"),
])
def test_unreadable_files(tmp_path, content, key):
    p = tmp_path / "bad.json"
    p.write_bytes(content)
    with pytest.raises(InputError) as ei:
        load_assessment_file(p)
    assert ei.value.key == key


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as ei:
        load_assessment_file(tmp_path / "nope.json")
    assert ei.value.key == "file_not_found"
