"""One evaluation model: every module's findings are typed, graded and worded once, in the domain;
``score --json``, the plain-text summary and the office's JSON say the same severities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from alassess import standards
from alassess.domain import evaluation
from alassess.domain.assessment import parse_assessment
from alassess.domain.findings import Finding, Severity
from alassess.services import demo, scoring
from alassess.services.summary import text_summary
from tests.conftest import make_doc

ELECTROLYTIC_AVG = {"energy_output": 0.56, "alumina_output": 0.52, "water_output": 0.60, "anode_output": 2.00,
                    "fluoride_output": 53.89, "solid_waste_utilization_pct": 8.58}


def _assess(values, sector="electrolytic", **extra):
    return parse_assessment(make_doc(sector, values, **extra))


def test_a_missing_indicator_is_one_finding_with_one_severity_everywhere():
    values = dict(ELECTROLYTIC_AVG)
    del values["fluoride_output"]
    a = _assess(values)
    ev = scoring.assess(a)
    [f] = [f for f in ev.findings if f.id == "indicator_missing"]
    assert f.module == "circular_economy" and f.severity is Severity.MAJOR
    assert f.fields == ("values.fluoride_output", "values.fluoride_consumption_kg_per_t")
    assert f.text("zh") == "缺失指标（计 0 分）：氟化盐产出" and "missing indicator" in f.text("en")
    # the JSON every other reader gets (the report's input, the office's import) says the same
    js = scoring.evaluate(a, "en")
    [j] = [j for j in js["findings"] if j["id"] == "indicator_missing"]
    assert j["severity"] == "major" and j["text"] == f.text("en") and j["fields"] == list(f.fields)
    assert "[major] indicator_missing: " + f.text("en") in text_summary(a, js, "en")
    assert "[重要] indicator_missing: " + f.text("zh") in text_summary(a, scoring.evaluate(a, "zh"), "zh")


def test_every_module_contributes_typed_findings_in_one_list():
    a = _assess({**ELECTROLYTIC_AVG, "water_output": 0.05, "cell_current_ka": 150, "tech_soderberg_cells": True,
                 "cooling_water_reuse_pct": 90, "tailings_utilization_pct": 40},
                reqs=False, dross={"production_t": 100000, "primary_generated_t": 500})
    ev = evaluation.evaluate(a)
    assert all(isinstance(f, Finding) and isinstance(f.severity, Severity) for f in ev.findings)
    ids = {(f.module, f.id) for f in ev.findings}
    assert {("circular_economy", "basic_requirement_unmet"), ("circular_economy", "implausible_low"),
            ("guideline", "guideline_below"), ("guideline", "banned_technology_present"),
            ("energy_carbon", "energy_check_failed"), ("dross", "generation_below_expected"),
            ("dross", "requirement_6.1.1"), ("input", "not_applicable_field")} <= ids
    for name in evaluation.MODULES:
        assert ev.findings_of(name) == tuple(ev.module(name).findings)
    # severities come from one place: the dross data file for dross, the module for the others
    assert next(f for f in ev.findings if f.id == "requirement_6.1.5").severity is Severity.CRITICAL
    assert next(f for f in ev.findings if f.id == "banned_technology_present").severity is Severity.CRITICAL
    assert next(f for f in ev.findings if f.id == "energy_check_failed").context["check"] == "cell_current"
    # no words are stored: each finding says itself in either language
    for f in ev.findings:
        assert f.text("zh") and f.text("en")


def test_a_plausibility_warning_names_its_fields_not_its_words():
    ev = scoring.assess(_assess({**ELECTROLYTIC_AVG, "water_output": 0.05}))
    [f] = [f for f in ev.findings if f.id == "implausible_low"]
    assert f.fields[0] == "values.water_output" and f.severity is Severity.MINOR
    assert "values." not in f.text("en")  # the words say the field's name, the ids are in ``fields``
    assert f.text("zh").startswith("水资源产出：")
    assert scoring.evaluate(_assess({**ELECTROLYTIC_AVG, "water_output": 0.05}))["circular_economy"]["warnings"][
        0].startswith("values.water_output: 0.05 is far below")


def test_score_json_of_dross_findings_is_built_from_the_typed_findings():
    for a, _status in demo.demo_assessments():
        ev = scoring.assess(a)
        js = ev.to_json("zh")
        if ev.dross is None:
            assert js["dross"] is None
            continue
        assert [(f["id"], f["severity"], f["detail"], f["detail_en"]) for f in js["dross"]["findings"]] == [
            (f.id, f.severity.value, f.text("zh"), f.text("en")) for f in ev.dross.findings]
        assert [f["id"] for f in js["findings"]] == [f.id for f in ev.findings]


def test_the_reused_dross_result_does_not_depend_on_the_language():
    a = _assess(ELECTROLYTIC_AVG, dross={"production_t": 100000, "primary_generated_t": 500})
    first = scoring.assess(a)
    again = scoring.assess(a, reuse_dross=first)
    assert again.dross is first.dross
    assert again.to_json("zh")["dross"] == scoring.evaluate(a, "zh")["dross"]


def test_standards_object_names_the_edition_each_module_was_scored_with():
    ev = scoring.assess(_assess(ELECTROLYTIC_AVG))  # electrolytic: every module applies
    assert ev.standards == standards.current_ids() and ev.to_json()["standards"] == ev.standards
    assert ev.editions()["energy_carbon"] == standards.edition("energy_carbon", "2024-972")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_grade_reasons_name_requirements_in_the_readers_language(lang):
    values = {**ELECTROLYTIC_AVG, "req_cleaner_production_audit": False}
    a = _assess(values)
    reason = scoring.evaluate(a, lang)["circular_economy"]["reasons"][0]
    assert ("已完成清洁生产审核" in reason) is (lang == "zh")


def test_an_unmet_basic_requirement_is_critical_and_names_the_field():
    ev = scoring.assess(_assess({**ELECTROLYTIC_AVG, "req_cleaner_production_audit": False}))
    [f] = [f for f in ev.findings if f.id == "basic_requirement_unmet"]
    assert f.severity is Severity.CRITICAL and f.fields == ("values.req_cleaner_production_audit",)
    assert ev.circular is not None and ev.circular.index == Decimal("72.27")
