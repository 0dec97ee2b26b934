"""Guideline indicators (000 表1) and the technology checklist (000 §5.3(5)(二))."""

import json

import pytest

from alassess import standards
from alassess.cli import main
from alassess.domain import fields, guideline
from alassess.domain.assessment import parse_assessment
from alassess.services import scoring
from alassess.services.summary import text_summary
from tests.conftest import make_doc

SECTORS = ("alumina", "electrolytic", "recycled", "processing")

# 000 §6.2 表1: id → (compliant, advanced, sectors)
TABLE_1 = {
    "cooling_water_reuse_pct": (100, 100, set(SECTORS)),
    "tailings_utilization_pct": (30, 50, {"alumina"}),
    "red_mud_utilization_pct": (30, 80, {"alumina"}),
    "spent_electrolyte_recycling_pct": (100, 100, {"electrolytic"}),
    "spent_anode_recycling_pct": (100, 100, {"electrolytic"}),
    "recycled_al_share_pct": (30, 99.5, {"recycled", "processing"}),
}

# 000 §5.3(5)(二) 国家明令禁止必须淘汰
BANNED = {
    "alumina": {"tech_spiral_classifier_grinding": "原料磨配螺旋分级机磨矿工艺",
                "tech_live_steam_direct_digestion": "新蒸汽直接加热溶出工艺",
                "tech_cone_settlers": "普通锥形单层或多层沉降槽", "tech_double_drum_leaf_filter": "双筒叶滤机",
                "tech_air_agitated_precipitators": "压缩空气搅拌种分槽",
                "tech_rotary_kiln_calcination": "氢氧化铝回转窑焙烧工艺",
                "tech_3_4_effect_evaporation": "3~4效外热式蒸发工艺"},
    "electrolytic": {"tech_soderberg_cells": "自焙阳极电解槽"},
    "carbon": {"tech_coal_fired_baking_furnace": "燃煤式焙烧炉", "tech_batch_pitch_melting": "间断沥青熔化槽",
               "tech_coal_fired_pot_calciner": "燃煤式罐式炉"},
}

# 000 §5.3(5)(二) 国家重点鼓励发展的铝工业技术 (the shared wastewater item is entered once, under electrolytic)
ENCOURAGED_ZH = {
    "alumina": ["铝土矿预均化工艺", "一段或二段磨配水旋器分级磨矿工艺", "管道化预热及全过程间接加热溶出工艺",
                "平底深锥高效沉降槽", "立式叶滤机或大型单筒卧式叶滤机", "赤泥干法输送及堆存",
                "一段或二段砂状氧化铝分解技术", "平底机械搅拌分解槽", "立盘种子过滤机", "平盘或水平带式成品过滤机",
                "5~6效降膜蒸发技术", "强制循环结晶器排盐技术", "流态外焙烧技术"],
    "electrolytic": ["280kA及以上型预焙阳极电解槽", "氧化铝输送采用浓相或超浓相技术", "计算机自动控制氧化铝浓度加料技术",
                     "电解槽阴极使用半石墨化或石墨化碳块", "全厂性污水处理（二次）及回用"],
    "carbon": ["沥青连续熔化及电捕焦油", "连续混捏", "新型阳极环式焙烧炉及燃烧自动控制", "阳极生产采用回转窑无燃料煅烧技术",
               "阴极生产采用直流电煅炉煅烧技术", "交流电机变频调速"],
}


def evaluate(sector, values, **plant):
    doc = make_doc(sector, values)
    doc["plant"].update(plant)
    a = parse_assessment(doc)
    return a, scoring.evaluate(a)


def level_of(result, field_id):
    return next(i for i in result["guideline"]["indicators"] if i["id"] == field_id)


# ---- catalogue and data ---------------------------------------------------------------------------

def test_table_1_levels_and_applicability_in_data_and_catalogue():
    data = {i["id"]: i for i in standards.load("guideline")["indicators"]}
    assert set(data) == set(TABLE_1)
    for fid, (compliant, advanced, sectors) in TABLE_1.items():
        assert float(data[fid]["compliant"]) == compliant and float(data[fid]["advanced"]) == advanced
        assert data[fid]["source"].startswith("000 §6.2 表1")
        f = fields.get(fid)
        assert set(f.sectors) == sectors and f.unit == "%" and f.max == 100


def test_red_mud_is_one_field_shared_with_the_circular_economy_set():
    ids = [f["id"] for f in standards.load("fields")["fields"]]
    assert ids.count("red_mud_utilization_pct") == 1
    assert not [i for i in ids if "red_mud" in i and i != "red_mud_utilization_pct" and not i.startswith("enc_")]
    assert fields.get("red_mud_utilization_pct").group == "circular"
    a, r = evaluate("alumina", {"red_mud_utilization_pct": 12.68})
    assert level_of(r, "red_mud_utilization_pct")["level"] == "below"
    assert level_of(r, "red_mud_utilization_pct")["shared_with"] == "circular_economy"
    ce = next(i for i in r["circular_economy"]["indicators"] if i["id"] == "red_mud_utilization_pct")
    assert ce["value"] == 12.68


def test_banned_technologies_are_the_lists_of_the_clause():
    for part, expected in BANNED.items():
        got = {f.id: f.label_zh for f in fields.catalogue().values() if f.banned and f.extra.get("part") == part}
        assert set(got) == set(expected)
        for fid, name in expected.items():
            assert got[fid].startswith(name)
            assert fields.get(fid).kind == "bool" and fields.get(fid).group == "technology"
    assert {f.id for f in fields.for_sector("electrolytic") if f.banned} == set(BANNED["electrolytic"]) | set(BANNED["carbon"])
    assert {f.id for f in fields.for_sector("alumina") if f.banned} == set(BANNED["alumina"])
    assert not [f for f in fields.for_sector("recycled") if f.banned]
    assert not [f for f in fields.for_sector("processing") if f.banned]


def test_encouraged_technologies_are_an_adoption_checklist_per_part():
    for part, names in ENCOURAGED_ZH.items():
        got = [f for f in fields.catalogue().values() if f.group == "encouraged" and f.extra.get("part") == part]
        assert [f.label_zh for f in got] == names
        for f in got:
            assert f.id.startswith("enc_") and f.kind == "bool" and not f.banned
            assert f.sectors == (("alumina",) if part == "alumina" else ("electrolytic",))
            assert f.source.startswith("000 §5.3(5)(二)")
    assert fields.get("enc_plant_wastewater_reuse").extra["also_listed"] == ["carbon"]


# ---- levels at every edge ---------------------------------------------------------------------------

@pytest.mark.parametrize("fid,sector,value,level", [
    ("cooling_water_reuse_pct", "alumina", 100, "advanced"),
    ("cooling_water_reuse_pct", "electrolytic", 99.99, "below"),
    ("cooling_water_reuse_pct", "recycled", 100, "advanced"),
    ("cooling_water_reuse_pct", "processing", 0, "below"),
    ("tailings_utilization_pct", "alumina", 29.99, "below"),
    ("tailings_utilization_pct", "alumina", 30, "compliant"),
    ("tailings_utilization_pct", "alumina", 49.99, "compliant"),
    ("tailings_utilization_pct", "alumina", 50, "advanced"),
    ("red_mud_utilization_pct", "alumina", 29.9, "below"),
    ("red_mud_utilization_pct", "alumina", 30, "compliant"),
    ("red_mud_utilization_pct", "alumina", 79.99, "compliant"),
    ("red_mud_utilization_pct", "alumina", 80, "advanced"),
    ("spent_electrolyte_recycling_pct", "electrolytic", 100, "advanced"),
    ("spent_electrolyte_recycling_pct", "electrolytic", 99.9, "below"),
    ("spent_anode_recycling_pct", "electrolytic", 100, "advanced"),
    ("spent_anode_recycling_pct", "electrolytic", 99.99, "below"),
    ("recycled_al_share_pct", "recycled", 29.99, "below"),
    ("recycled_al_share_pct", "recycled", 30, "compliant"),
    ("recycled_al_share_pct", "processing", 99.49, "compliant"),
    ("recycled_al_share_pct", "processing", 99.5, "advanced"),
    ("recycled_al_share_pct", "recycled", 100, "advanced"),
])
def test_level_at_each_edge(fid, sector, value, level):
    _, r = evaluate(sector, {fid: value})
    item = level_of(r, fid)
    assert item["level"] == level
    assert item["value"] == value


def test_typed_percent_text_reaches_the_same_level():
    a = parse_assessment(make_doc("alumina"))
    a.values["tailings_utilization_pct"] = fields.get("tailings_utilization_pct").parse("３０ %")
    assert guideline.evaluate(a).indicators[1].level == "compliant"


@pytest.mark.parametrize("sector", SECTORS)
def test_sector_applicability_and_missing(sector):
    _, r = evaluate(sector, {})
    levels = {i["id"]: i["level"] for i in r["guideline"]["indicators"]}
    assert list(levels) == list(TABLE_1)  # all six, in the table's order
    for fid, (_, _, sectors) in TABLE_1.items():
        assert levels[fid] == ("missing" if sector in sectors else "not_applicable"), fid


def test_value_for_a_sector_it_does_not_apply_to_is_ignored_with_a_warning():
    _, r = evaluate("electrolytic", {"tailings_utilization_pct": 60})
    assert level_of(r, "tailings_utilization_pct")["level"] == "not_applicable"
    assert any("tailings_utilization_pct" in w for w in r["warnings"])


def test_guideline_applies_to_every_sector():
    for sector in SECTORS:
        assert evaluate(sector, {})[1]["guideline"] is not None


# ---- technology checklist ---------------------------------------------------------------------------

def test_banned_technology_present_is_a_failed_check_naming_it():
    values = {t: False for t in BANNED["alumina"]}
    values["tech_cone_settlers"] = True
    values["tech_rotary_kiln_calcination"] = True
    a, r = evaluate("alumina", values)
    g = r["guideline"]
    assert g["banned_technologies"] == ["tech_cone_settlers", "tech_rotary_kiln_calcination"]
    assert g["technology"]["status"] == "fail"
    failed = [t for t in g["technology"]["items"] if t["status"] == "fail"]
    assert [t["label_zh"] for t in failed] == ["普通锥形单层或多层沉降槽", "氢氧化铝回转窑焙烧工艺"]
    zh = text_summary(a, scoring.evaluate(a, "zh"), "zh")
    assert "淘汰类工艺仍在使用：普通锥形单层或多层沉降槽" in zh
    assert "淘汰类工艺仍在使用：氢氧化铝回转窑焙烧工艺" in zh
    en = text_summary(a, r, "en")
    assert "banned technology still in use: Plain conical single- or multi-deck settlers" in en


def test_anode_plant_technology_of_an_electrolytic_plant():
    values = {t: False for t in list(BANNED["electrolytic"]) + list(BANNED["carbon"])}
    values["tech_coal_fired_pot_calciner"] = True
    _, r = evaluate("electrolytic", values)
    assert r["guideline"]["banned_technologies"] == ["tech_coal_fired_pot_calciner"]
    parts = {t["id"]: t["part"] for t in r["guideline"]["technology"]["items"]}
    assert parts["tech_soderberg_cells"] == "electrolytic" and parts["tech_coal_fired_pot_calciner"] == "carbon"


def test_all_answered_no_passes_and_unanswered_is_missing_never_a_pass():
    all_no = {t: False for t in BANNED["alumina"]}
    _, r = evaluate("alumina", all_no)
    assert r["guideline"]["technology"]["status"] == "pass" and r["guideline"]["banned_technologies"] == []
    partial = dict(all_no)
    del partial["tech_double_drum_leaf_filter"]
    _, r = evaluate("alumina", partial)
    assert r["guideline"]["technology"]["status"] == "missing"
    assert r["guideline"]["technology"]["unanswered"] == ["tech_double_drum_leaf_filter"]
    _, r = evaluate("alumina", {})
    assert r["guideline"]["technology"]["status"] == "missing"
    assert len(r["guideline"]["technology"]["unanswered"]) == 7


def test_sectors_without_a_banned_list():
    _, r = evaluate("recycled", {"recycled_al_share_pct": 50})
    assert r["guideline"]["banned_technologies"] == [] and r["guideline"]["technology"]["status"] == "not_applicable"
    assert r["guideline"]["encouraged"]["total"] == 0


def test_a_banned_technology_of_another_sector_is_ignored():
    _, r = evaluate("electrolytic", {"tech_cone_settlers": True})
    assert r["guideline"]["banned_technologies"] == []
    assert any("tech_cone_settlers" in w for w in r["warnings"])


def test_encouraged_adoption_is_reported_not_scored():
    base = {"cooling_water_reuse_pct": 100, "tech_soderberg_cells": False}
    _, plain = evaluate("electrolytic", base)
    _, adopted = evaluate("electrolytic", {**base, "enc_prebaked_cells_280ka": True, "enc_continuous_kneading": True,
                                           "enc_graphitised_cathode_blocks": False})
    enc = adopted["guideline"]["encouraged"]
    assert enc["scored"] is False
    assert enc["adopted"] == ["enc_prebaked_cells_280ka", "enc_continuous_kneading"]
    assert (enc["adopted_count"], enc["answered_count"], enc["total"]) == (2, 3, 11)
    assert [i["part"] for i in enc["items"]][:5] == ["electrolytic"] * 5
    # nothing else changes
    for key in ("indicators", "banned_technologies", "technology"):
        assert adopted["guideline"][key] == plain["guideline"][key]
    assert adopted["circular_economy"]["index"] == plain["circular_economy"]["index"]


# ---- output -------------------------------------------------------------------------------------------

def test_indicator_json_carries_levels_labels_and_detail_in_both_languages():
    a, r = evaluate("alumina", {"tailings_utilization_pct": 41})
    item = level_of(r, "tailings_utilization_pct")
    assert item == {**item, "id": "tailings_utilization_pct", "level": "compliant", "value": 41, "unit": "%",
                    "compliant": 30, "advanced": 50, "label": "Tailings utilisation rate"}
    assert item["detail"] == "41 % meets the compliant level 30 %, not the advanced level 50 %"
    zh = level_of(scoring.evaluate(a, "zh"), "tailings_utilization_pct")
    assert zh["label"] == "尾矿综合利用率" and zh["level_label"] == "达标"
    assert zh["detail"] == "41% 达到达标值 30%，未达先进值 50%"


def test_score_json_guideline_through_the_cli(write_doc, capsys):
    p = write_doc(make_doc("processing", {"recycled_al_share_pct": 35, "cooling_water_reuse_pct": 90}))
    assert main(["score", str(p), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["circular_economy"] is None and out["energy_carbon"] is None
    levels = {i["id"]: i["level"] for i in out["guideline"]["indicators"]}
    assert levels == {"cooling_water_reuse_pct": "below", "tailings_utilization_pct": "not_applicable",
                      "red_mud_utilization_pct": "not_applicable", "spent_electrolyte_recycling_pct": "not_applicable",
                      "spent_anode_recycling_pct": "not_applicable", "recycled_al_share_pct": "compliant"}
    assert out["guideline"]["banned_technologies"] == []


def test_plain_text_summary_lists_levels(write_doc, capsys):
    p = write_doc(make_doc("recycled", {"recycled_al_share_pct": 99.6}))
    assert main(["--lang", "zh", "score", str(p)]) == 0
    out = capsys.readouterr().out
    assert "导则指标" in out and "再生铝消费量占铝总消费量的比例" in out and "[先进]" in out
    assert "冷却水复用率" in out and "[缺失]" in out
    assert "尾矿综合利用率" not in out  # not applicable to recycled aluminium: not printed


def test_input_hints_quote_the_levels_of_the_data_file():
    """The hints an assessor reads while typing quote the same levels the score applies."""
    for item in standards.load("guideline")["indicators"]:
        f = fields.get(item["id"])
        for key in ("compliant", "advanced"):
            assert f"{item[key]}%" in f.hint_zh and f"{item[key]} %" in f.hint_en, (f.id, key)
