"""Multi-period trends of a plant (002) — year-over-year numbers worked out by hand."""

import json
from decimal import Decimal

import pytest

from alassess.cli import main
from alassess.domain import fields
from alassess.domain.assessment import Assessor, parse_assessment
from alassess.services import trends
from alassess.store import repo
from alassess.store.db import open_db
from tests.conftest import make_doc

ELECTROLYTIC = {
    "2023": {"energy_output": 0.5, "cooling_water_reuse_pct": 90, "ac_consumption_kwh_per_t": 13500,
             "new_water_use_m3": 400000, "total_energy_tce": 0},
    "2024": {"energy_output": 0.55, "cooling_water_reuse_pct": 95, "ac_consumption_kwh_per_t": 13500,
             "new_water_use_m3": 380000, "total_energy_tce": 320000},
    "2025": {"energy_consumption_kgce_per_t": 1600, "cooling_water_reuse_pct": 100, "ac_consumption_kwh_per_t": 13000,
             "new_water_use_m3": 361000, "total_energy_tce": 304000},
}


def store(db_path, sector="electrolytic", periods=ELECTROLYTIC, key_region=False):
    db = open_db(db_path)
    try:
        ids = {}
        for period, values in periods.items():
            doc = make_doc(sector, values)
            doc["period"] = period
            doc["plant"]["key_region"] = key_region
            ids[period], _ = repo.save_assessment(db, parse_assessment(doc))
        pid = repo.find_plant(db, parse_assessment(make_doc(sector)).plant)
        return pid, ids
    finally:
        db.conn.close()


def indicator(trend, fid):
    return next(i for i in trend["indicators"] if i["id"] == fid)


def test_year_over_year_by_hand(db_path):
    pid, _ = store(db_path)
    t = trends.plant_trend(db_path, pid)
    assert t["periods"] == ["2023", "2024", "2025"]
    assert t["plant"]["id"] == pid and t["plant"]["sector"] == "electrolytic"

    cw = indicator(t, "cooling_water_reuse_pct")
    assert [p["value"] for p in cw["points"]] == [90, 95, 100]
    assert cw["points"][0]["change"] is None
    # 95 − 90 = 5; 5 / 90 = 5.5556 % → 5.56;  100 − 95 = 5; 5 / 95 = 5.2632 % → 5.26
    assert cw["points"][1]["change"] == {"absolute": 5, "relative_pct": 5.56, "direction": "up", "improved": True,
                                         "vs": "2023", "years": 1}
    assert cw["points"][2]["change"]["absolute"] == 5 and cw["points"][2]["change"]["relative_pct"] == 5.26

    # 2025 entered as consumption: 1000 / 1600 = 0.625; 0.625 − 0.55 = 0.075; 0.075 / 0.55 = 13.636 % → 13.64
    eo = indicator(t, "energy_output")
    assert [p["value"] for p in eo["points"]] == [0.5, 0.55, 0.625]
    assert [p["entered_as"] for p in eo["points"]] == ["output", "output", "consumption"]
    assert eo["points"][1]["change"]["relative_pct"] == 10.0
    assert eo["points"][2]["change"]["absolute"] == 0.075 and eo["points"][2]["change"]["relative_pct"] == 13.64
    assert not [i for i in t["indicators"] if i["id"] == "energy_consumption_kgce_per_t"]

    # lower is better: 13500 → 13500 unchanged, → 13000: −500, −500 / 13500 = −3.7037 % → −3.7
    ac = indicator(t, "ac_consumption_kwh_per_t")
    assert ac["better"] == "lower"
    assert ac["points"][1]["change"] == {"absolute": 0, "relative_pct": 0, "direction": "flat", "improved": None,
                                         "vs": "2023", "years": 1}
    assert ac["points"][2]["change"]["absolute"] == -500 and ac["points"][2]["change"]["relative_pct"] == -3.7
    assert ac["points"][2]["change"]["improved"] is True

    # 002 KPIs: new water 400000 → 380000 (−5 %) → 361000 (−5 %), an improvement
    nw = indicator(t, "new_water_use_m3")
    assert [p["change"]["relative_pct"] for p in nw["points"][1:]] == [-5.0, -5.0]
    assert all(p["change"]["improved"] for p in nw["points"][1:])
    # previous value 0: the absolute change is given, the relative change is not
    te = indicator(t, "total_energy_tce")
    assert te["points"][1]["change"]["absolute"] == 320000 and te["points"][1]["change"]["relative_pct"] is None
    assert te["points"][2]["change"]["relative_pct"] == -5.0


def test_index_grade_levels_and_checks_per_period(db_path):
    pid, _ = store(db_path)
    t = trends.plant_trend(db_path, pid)
    # energy output alone: 0.5/0.61 → 81.967 / 6 = 13.66; 0.55/0.61 → 15.03; 0.625 ≥ 0.61 → 100/6 = 16.67
    assert [(p["index"], p["grade"]) for p in t["circular_economy"]] == [(13.66, "none"), (15.03, "none"),
                                                                          (16.67, "none")]
    assert t["circular_economy"][1]["change"]["absolute"] == 1.37
    assert [g["levels"]["cooling_water_reuse_pct"] for g in t["guideline"]] == ["below", "below", "advanced"]
    assert "tailings_utilization_pct" not in t["guideline"][0]["levels"]
    assert [e["energy_efficiency_level"] for e in t["energy_carbon"]] == ["below_baseline", "below_baseline",
                                                                         "benchmark"]
    assert [e["statuses"]["energy_efficiency"] for e in t["energy_carbon"]] == ["fail", "fail", "pass"]


def test_latest_revision_of_each_period_is_used(db_path):
    pid, ids = store(db_path)
    db = open_db(db_path)
    try:
        repo.set_status(db, ids["2024"], "signed")
        rev = repo.create_assessment(db, pid, "2024", Assessor("复核员", "测试中心"), revision=2,
                                     parent_id=ids["2024"])
        repo.set_value(db, rev, "cooling_water_reuse_pct", Decimal("97"))
    finally:
        db.conn.close()
    t = trends.plant_trend(db_path, pid)
    cw = indicator(t, "cooling_water_reuse_pct")
    assert [p["value"] for p in cw["points"]] == [90, 97, 100]
    assert t["assessments"][1] == {"period": "2024", "assessment_id": rev, "revision": 2, "status": "draft"}
    # 97 − 90 = 7 → 7/90 = 7.78 %; 100 − 97 = 3 → 3/97 = 3.09 %
    assert [p["change"]["relative_pct"] for p in cw["points"][1:]] == [7.78, 3.09]
    # energy output is not in revision 2: the series has a hole and no change around it
    eo = indicator(t, "energy_output")
    assert [p["value"] for p in eo["points"]] == [0.5, None, 0.625]
    assert eo["points"][1]["change"] is None and eo["points"][2]["change"] is None


def test_skipped_periods_say_how_many_years_apart(db_path):
    pid, _ = store(db_path, "recycled", {"2021": {"recycled_al_share_pct": 40}, "2024": {"recycled_al_share_pct": 31}})
    t = trends.plant_trend(db_path, pid)
    ch = indicator(t, "recycled_al_share_pct")["points"][1]["change"]
    # 31 − 40 = −9 points; −9 / 40 = −22.5 %
    assert ch == {"absolute": -9, "relative_pct": -22.5, "direction": "down", "improved": False, "vs": "2021",
                  "years": 3}
    assert t["circular_economy"] is None and t["energy_carbon"] is None
    assert [g["levels"]["recycled_al_share_pct"] for g in t["guideline"]] == ["compliant", "compliant"]


def test_plant_without_assessments_and_unknown_plant(db_path):
    from alassess.domain.assessment import Plant
    from alassess.domain.errors import NotFoundError

    db = open_db(db_path)
    try:
        pid = repo.upsert_plant(db, Plant(name="空厂", sector="processing"))
    finally:
        db.conn.close()
    t = trends.plant_trend(db_path, pid)
    assert t["periods"] == [] and t["indicators"] == [] and t["plant"]["name"] == "空厂"
    with pytest.raises(NotFoundError):
        trends.plant_trend(db_path, pid + 100)


def test_every_numeric_indicator_of_the_sector_can_appear():
    ids = {f.id for f in trends.indicator_fields("alumina")}
    assert {"energy_output", "red_mud_utilization_pct", "tailings_utilization_pct", "new_water_use_m3",
            "co2_emissions_t", "kpi_solid_waste_utilization_pct"} <= ids
    assert "energy_consumption_kgce_per_t" not in ids and "cell_current_ka" not in ids
    ids = {f.id for f in trends.indicator_fields("electrolytic")}
    assert "solid_waste_utilization_pct" in ids and "kpi_solid_waste_utilization_pct" not in ids


def test_kpi_fields_are_optional_documented_and_not_scored():
    for fid in ("new_water_use_m3", "recycled_water_use_m3", "industrial_water_reuse_pct",
                "kpi_solid_waste_utilization_pct", "total_energy_tce", "co2_emissions_t"):
        f = fields.get(fid)
        assert f.group == "kpi" and f.kind == "number" and f.source.startswith("002")
    a = parse_assessment(make_doc("electrolytic", {"co2_emissions_t": 2000000}))
    b = parse_assessment(make_doc("electrolytic", {}))
    from alassess.services import scoring

    ra, rb = scoring.evaluate(a), scoring.evaluate(b)
    assert ra["circular_economy"] == rb["circular_economy"] and ra["energy_carbon"] == rb["energy_carbon"]


def test_demo_database_trend(demo_db):
    t = trends.plant_trend(demo_db, 2)
    assert t["plant"]["name"] == "黔江电解铝股份有限公司" and t["periods"] == ["2023", "2024", "2025"]
    eo = indicator(t, "energy_output")
    # 2025 entered as 1680 kgce/t: 1000/1680 = 0.595238; (0.595238 − 0.57) / 0.57 = 4.43 %
    assert eo["points"][2]["value"] == 0.595238 and eo["points"][2]["change"]["relative_pct"] == 4.43
    assert [e["energy_efficiency_level"] for e in t["energy_carbon"]] == ["below_baseline", "baseline", "benchmark"]
    co2 = indicator(t, "co2_emissions_t")
    assert all(p["change"]["improved"] for p in co2["points"][1:])


# ---- the command ----------------------------------------------------------------------------------------

def test_trend_command_text(demo_db, capsys):
    assert main(["--lang", "zh", "trend", "--db", str(demo_db), "--plant", "2"]) == 0
    out = capsys.readouterr().out
    assert "黔江电解铝股份有限公司" in out and "2023" in out and "2025" in out
    assert "能源产出" in out and "0.595238* (+4.43%)" in out
    assert "冷却水复用率" in out and "100 (+2 百分点)" in out
    assert "循环经济指数" in out and "节能降碳核查" in out and "低于基准水平" in out
    assert main(["--lang", "en", "trend", "--db", str(demo_db), "--plant", "渝西氧化铝有限公司"]) == 0
    out = capsys.readouterr().out
    assert "Tailings utilisation rate" in out and "33 (+5 pp)" in out and "Guideline levels" in out


def test_trend_command_json(demo_db, capsys):
    code = trends.plant_trend(demo_db, 3)["plant"]["credit_code"]
    assert main(["trend", "--db", str(demo_db), "--plant", code.lower(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plant"]["id"] == 3
    share = indicator(data, "recycled_al_share_pct")
    # 92 → 96 → 99.6: +4 (4.35 %), +3.6 (3.75 %)
    assert [p["value"] for p in share["points"]] == [92, 96, 99.6]
    assert [(p["change"]["absolute"], p["change"]["relative_pct"]) for p in share["points"][1:]] == [
        (4, 4.35), (3.6, 3.75)]


def test_trend_unknown_plant_or_database_is_one_line_exit_2(demo_db, tmp_path, capsys):
    assert main(["trend", "--db", str(demo_db), "--plant", "999"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: plant 999 not found"]
    assert main(["--lang", "zh", "trend", "--db", str(demo_db), "--plant", "不存在的厂"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == ["错误：找不到企业 不存在的厂"]
    missing = tmp_path / "nope.db"
    assert main(["trend", "--db", str(missing), "--plant", "1"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not missing.exists()


def test_opening_a_database_does_not_load_pandas():
    """sqlite-utils would import pandas and numpy (≈0.6 s) for every database command; they stay
    unloaded, and pandas still imports normally afterwards."""
    import subprocess
    import sys

    code = ("import sys; from alassess.services import trends; import alassess.store.repo; "
            "print('pandas' in sys.modules, 'numpy' in sys.modules); import pandas; print(bool(pandas.DataFrame))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False", "True"]
