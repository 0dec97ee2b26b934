"""The 2024 energy-saving and carbon-reduction plan for electrolytic aluminium (003)."""

import copy
import json

import pytest

from alassess import standards
from alassess.cli import main
from alassess.domain import energy
from alassess.domain.assessment import parse_assessment
from alassess.services import scoring
from alassess.services.summary import text_summary
from tests.conftest import make_doc

CHECK_IDS = ["cell_current", "energy_efficiency", "renewable_share", "direct_alloying", "clean_transport",
             "env_performance", "new_project_efficiency", "key_region_capacity", "coal_units"]

COMPLETE = {"cell_current_ka": 400, "ac_consumption_kwh_per_t": 12900, "renewable_share_pct": 30,
            "direct_alloying_pct": 95, "clean_transport_pct": 85, "env_performance_grade": "A",
            "new_or_expansion_project": False, "new_self_owned_coal_units": False}


def checks(values, key_region=False, period="2025", lang="en"):
    doc = make_doc("electrolytic", values)
    doc["plant"]["key_region"] = key_region
    doc["period"] = period
    r = scoring.evaluate(parse_assessment(doc), lang)
    return {c["id"]: c for c in r["energy_carbon"]["checks"]}


def status(check_id, values, **kw):
    return checks(values, **kw)[check_id]["status"]


# ---- data ------------------------------------------------------------------------------------------

def test_thresholds_live_in_data_with_source_and_edition():
    data = standards.load("energy_carbon")
    expected = {"cell_current_min_ka": "200", "ac_benchmark_kwh_per_t": "13000", "ac_baseline_kwh_per_t": "13350",
                "renewable_share_min_pct": "25", "direct_alloying_min_pct": "90", "clean_transport_min_pct": "70",
                "clean_transport_key_region_min_pct": "80"}
    for key, value in expected.items():
        t = data["thresholds"][key]
        assert t["value"] == value and t["source"] and t["edition"]
    assert "2024" in data["edition"] and "972" in data["edition"]
    assert [c["id"] for c in data["checks"]] == CHECK_IDS
    assert all(c["clause"].startswith("003 ") for c in data["checks"])


def test_a_new_edition_is_a_data_change(monkeypatch):
    real = standards.load
    edited = copy.deepcopy(real("energy_carbon"))
    edited["thresholds"]["ac_baseline_kwh_per_t"]["value"] = "13200"
    edited["thresholds"]["cell_current_min_ka"]["value"] = "300"
    monkeypatch.setattr(standards, "load",
                        lambda name, edition_id=None: edited if name == "energy_carbon" else real(name, edition_id))
    c = checks({"ac_consumption_kwh_per_t": 13300, "cell_current_ka": 280})
    assert c["energy_efficiency"]["level"] == "below_baseline" and c["energy_efficiency"]["status"] == "fail"
    assert c["cell_current"]["status"] == "fail" and c["cell_current"]["threshold"] == 300
    assert "300" in c["cell_current"]["label"]


# ---- every threshold at its edge ----------------------------------------------------------------------

@pytest.mark.parametrize("ka,expected", [(199.9, "fail"), (200, "pass"), (200.1, "pass"), (150, "fail"), (600, "pass")])
def test_cell_current_edge(ka, expected):
    c = checks({"cell_current_ka": ka})["cell_current"]
    assert c["status"] == expected and c["clause"] == "003 二.(一)" and c["threshold"] == 200


@pytest.mark.parametrize("kwh,level,expected", [
    (12000, "benchmark", "pass"), (13000, "benchmark", "pass"), (13000.01, "baseline", "pass"),
    (13350, "baseline", "pass"), (13350.01, "below_baseline", "fail"), (14000, "below_baseline", "fail"),
])
def test_energy_efficiency_edges(kwh, level, expected):
    c = checks({"ac_consumption_kwh_per_t": kwh})["energy_efficiency"]
    assert (c["level"], c["status"]) == (level, expected)
    assert c["benchmark"] == 13000 and c["baseline"] == 13350 and c["clause"] == "003 一、三.(一)"


@pytest.mark.parametrize("pct,expected", [(24.99, "fail"), (25, "pass"), (100, "pass"), (0, "fail")])
def test_renewable_share_edge(pct, expected):
    assert status("renewable_share", {"renewable_share_pct": pct}) == expected


@pytest.mark.parametrize("pct,expected", [(89.99, "fail"), (90, "pass"), (90.01, "pass")])
def test_direct_alloying_edge(pct, expected):
    assert status("direct_alloying", {"direct_alloying_pct": pct}) == expected


@pytest.mark.parametrize("pct,key_region,expected", [
    (69.99, False, "fail"), (70, False, "pass"), (79.99, False, "pass"), (80, False, "pass"),
    (69.99, True, "fail"), (70, True, "fail"), (79.99, True, "fail"), (80, True, "pass"), (100, True, "pass"),
])
def test_clean_transport_edges_in_and_out_of_a_key_region(pct, key_region, expected):
    c = checks({"clean_transport_pct": pct}, key_region=key_region)["clean_transport"]
    assert c["status"] == expected
    assert c["threshold"] == (80 if key_region else 70)
    assert c["key_region"] is key_region


# ---- the rule-based checks ----------------------------------------------------------------------------

@pytest.mark.parametrize("grade,new,expected", [
    ("A", True, "pass"), ("B", True, "fail"), ("C", True, "fail"),
    ("A", False, "pass"), ("B", False, "pass"), ("C", False, "fail"),
    ("A", None, "pass"), ("B", None, "missing"), ("C", None, "fail"),
    (None, True, "missing"), (None, False, "missing"), (None, None, "missing"),
])
def test_env_performance(grade, new, expected):
    values = {}
    if grade is not None:
        values["env_performance_grade"] = grade
    if new is not None:
        values["new_or_expansion_project"] = new
    c = checks(values)["env_performance"]
    assert c["status"] == expected
    if grade == "C":
        assert "must be upgraded" in c["detail"]
    if grade == "B" and new is None:
        assert c["missing_inputs"] == ["new_or_expansion_project"]


def test_env_performance_words_in_chinese():
    c = checks({"env_performance_grade": "C", "new_or_expansion_project": False}, lang="zh")["env_performance"]
    assert c["detail"] == "环保绩效 C 级：须改造升级" and c["status_label"] == "不通过"


@pytest.mark.parametrize("new,kwh,expected", [
    (False, 14000, "not_applicable"), (True, 13000, "pass"), (True, 13000.01, "fail"), (True, 13350, "fail"),
    (True, None, "missing"), (None, 12000, "missing"),
])
def test_new_project_efficiency(new, kwh, expected):
    values = {}
    if new is not None:
        values["new_or_expansion_project"] = new
    if kwh is not None:
        values["ac_consumption_kwh_per_t"] = kwh
    assert status("new_project_efficiency", values) == expected


@pytest.mark.parametrize("key_region,new,expected", [
    (True, True, "fail"), (True, False, "pass"), (True, None, "missing"),
    (False, True, "not_applicable"), (False, False, "not_applicable"), (False, None, "not_applicable"),
])
def test_key_region_capacity(key_region, new, expected):
    values = {} if new is None else {"new_or_expansion_project": new}
    assert status("key_region_capacity", values, key_region=key_region) == expected


@pytest.mark.parametrize("units,expected", [(True, "fail"), (False, "pass"), (None, "missing")])
def test_coal_units(units, expected):
    values = {} if units is None else {"new_self_owned_coal_units": units}
    assert status("coal_units", values) == expected


def test_missing_inputs_are_missing_never_a_silent_pass():
    c = checks({}, key_region=True)
    assert [c[i]["status"] for i in CHECK_IDS] == ["missing"] * len(CHECK_IDS)
    assert checks({}, key_region=False)["key_region_capacity"]["status"] == "not_applicable"
    assert c["energy_efficiency"]["level"] is None
    assert c["cell_current"]["detail"] == "not entered: Pot-line cell current (smallest prebaked line)"


def test_complete_compliant_plant_passes_every_check():
    c = checks(COMPLETE, key_region=True)
    assert {i: c[i]["status"] for i in CHECK_IDS} == {
        "cell_current": "pass", "energy_efficiency": "pass", "renewable_share": "pass", "direct_alloying": "pass",
        "clean_transport": "pass", "env_performance": "pass", "new_project_efficiency": "not_applicable",
        "key_region_capacity": "pass", "coal_units": "pass"}
    assert c["energy_efficiency"]["level"] == "benchmark"


def test_new_project_in_a_key_region_fails_three_ways():
    c = checks({**COMPLETE, "new_or_expansion_project": True, "env_performance_grade": "B",
                "ac_consumption_kwh_per_t": 13100}, key_region=True)
    assert [i for i in CHECK_IDS if c[i]["status"] == "fail"] == [
        "env_performance", "new_project_efficiency", "key_region_capacity"]
    assert c["energy_efficiency"]["status"] == "pass" and c["energy_efficiency"]["level"] == "baseline"


def test_period_before_the_2025_target_carries_a_note():
    c = checks({"renewable_share_pct": 20}, period="2023")["renewable_share"]
    assert c["status"] == "fail" and c["before_target_year"] is True and c["target_year"] == 2025
    assert "period 2023 is before the target year 2025" in c["detail"]
    c = checks({"renewable_share_pct": 20}, period="2025")["renewable_share"]
    assert c["before_target_year"] is False and "before the target year" not in c["detail"]


# ---- sector applicability and the score output ------------------------------------------------------

@pytest.mark.parametrize("sector", ["alumina", "recycled", "processing"])
def test_energy_carbon_is_null_outside_electrolytic(sector):
    r = scoring.evaluate(parse_assessment(make_doc(sector)))
    assert r["energy_carbon"] is None
    assert energy.evaluate(parse_assessment(make_doc(sector))) is None


@pytest.mark.parametrize("sector,ce,ec", [("alumina", True, False), ("electrolytic", True, True),
                                          ("recycled", False, False), ("processing", False, False)])
def test_score_json_shape_per_sector(sector, ce, ec, write_doc, capsys):
    values = dict(COMPLETE) if sector == "electrolytic" else {}
    p = write_doc(make_doc(sector, values))
    assert main(["score", str(p), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["circular_economy"] is not None) is ce
    assert (out["energy_carbon"] is not None) is ec
    g = out["guideline"]
    assert isinstance(g["indicators"], list) and len(g["indicators"]) == 6
    assert all({"id", "level"} <= set(i) for i in g["indicators"])
    assert isinstance(g["banned_technologies"], list)
    if ec:
        assert [c["id"] for c in out["energy_carbon"]["checks"]] == CHECK_IDS
        for c in out["energy_carbon"]["checks"]:
            assert c["status"] in ("pass", "fail", "not_applicable", "missing") and c["clause"]
            assert ("level" in c) is (c["id"] == "energy_efficiency")


def test_banned_technology_file_through_the_cli(write_doc, capsys):
    p = write_doc(make_doc("electrolytic", {**COMPLETE, "tech_soderberg_cells": True}))
    assert main(["score", str(p), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["guideline"]["banned_technologies"] == ["tech_soderberg_cells"]
    assert out["guideline"]["technology"]["status"] == "fail"


def test_plain_text_summary_in_both_languages():
    doc = make_doc("electrolytic", {**COMPLETE, "ac_consumption_kwh_per_t": 13400})
    a = parse_assessment(doc)
    en = text_summary(a, scoring.evaluate(a, "en"), "en")
    assert "Energy & carbon" in en and "[fail · below the baseline]" in en and "(003 一、三.(一))" in en
    zh = text_summary(a, scoring.evaluate(a, "zh"), "zh")
    assert "节能降碳" in zh and "[不通过 · 低于基准水平]" in zh
    assert "13400 kWh/t 高于基准值 13350 kWh/t" in zh


def test_bad_energy_input_is_one_line_naming_the_field(write_doc, capsys):
    p = write_doc(make_doc("electrolytic", {"env_performance_grade": "D"}))
    assert main(["score", str(p), "--json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "values.env_performance_grade" in err[0] and "A/B/C" in err[0]


def test_input_hints_quote_the_thresholds_of_the_data_file():
    t = {k: v["value"] for k, v in standards.load("energy_carbon")["thresholds"].items()}
    from alassess.domain import fields

    expect = {"cell_current_ka": ["cell_current_min_ka"],
              "ac_consumption_kwh_per_t": ["ac_benchmark_kwh_per_t", "ac_baseline_kwh_per_t"],
              "renewable_share_pct": ["renewable_share_min_pct"], "direct_alloying_pct": ["direct_alloying_min_pct"],
              "clean_transport_pct": ["clean_transport_min_pct", "clean_transport_key_region_min_pct"]}
    for fid, keys in expect.items():
        f = fields.get(fid)
        for key in keys:
            assert t[key] in f.hint_zh and t[key] in f.hint_en, (fid, key)
