"""Label content: identification code, sizes, defaults from seed 004, QR payload, what people type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import VALID_CODE

from alassess.domain import labels as L
from alassess.domain.assessment import Plant
from alassess.domain.credit_code import complete
from alassess.domain.errors import InputError

DAY = dt.date(2025, 3, 1)


def plant(sector: str = "electrolytic", **kw) -> Plant:
    base = {"name": "重庆某某铝业有限公司", "sector": sector, "credit_code": VALID_CODE, "contact": "张三",
            "phone": "13800000000"}
    base.update(kw)
    return Plant(**base)


# ---- identification code -------------------------------------------------------------------------

def test_identification_code_has_four_segments_of_37_characters():
    code = L.identification_code(VALID_CODE, "321-024-48", DAY, 7)
    assert len(code) == 37
    assert code == f"{VALID_CODE}32102448" "20250301" "007"
    parts = L.split_identification_code(code)
    assert parts == {"unit": VALID_CODE, "waste_code": "321-024-48", "date": DAY, "serial": 7}


@pytest.mark.parametrize("args, key", [
    (("91500114MA60E0B20X", "321-024-48", DAY, 1), "credit_code_check"),
    ((VALID_CODE, "32102448", DAY, 1), "labels_bad_waste_code"),
    ((VALID_CODE, "321-24-48", DAY, 1), "labels_bad_waste_code"),
    ((VALID_CODE, "321-024-48", DAY, 0), "labels_bad_serial"),
    ((VALID_CODE, "321-024-48", DAY, 1000), "labels_bad_serial"),
    ((VALID_CODE, "321-024-48", "2025-03-01", 1), "bad_date"),
])
def test_identification_code_rejects_each_bad_segment(args, key):
    with pytest.raises(InputError) as e:
        L.identification_code(*args)
    assert e.value.key == key


@pytest.mark.parametrize("text, key", [
    (f"{VALID_CODE}3210244820250301", "labels_bad_id_code"),
    (f"{VALID_CODE}32102448202502300001"[:37], "bad_date"),
    (f"{VALID_CODE}321024482025030100A", "labels_bad_serial"),
    (f"{VALID_CODE}3210244820250301000", "labels_bad_serial"),
])
def test_split_identification_code_validates(text, key):
    with pytest.raises(InputError) as e:
        L.split_identification_code(text)
    assert e.value.key == key


# ---- dross class and defaults -----------------------------------------------------------------------

def test_dross_class_per_sector_and_alumina_has_none():
    assert L.dross_class("electrolytic").hazards == ("reactivity", "toxicity")
    assert L.dross_class("electrolytic").code == "321-024-48"
    assert L.dross_class("recycled").hazards == ("reactivity",)
    assert L.dross_class("processing").code == "321-026-48"
    with pytest.raises(InputError) as e:
        L.dross_class("alumina")
    assert e.value.key == "labels_no_dross"
    assert "氧化铝" in e.value.message("zh") and "alumina" in e.value.message("en")


def test_label_fields_carry_seed_004_defaults():
    info = L.label_info(plant(), day=DAY, weight_t=Decimal("1.250"))
    f = {x.id: x for x in L.label_fields(info, 3)}
    assert [x.id for x in L.label_fields(info, 3)] == [
        "name", "category", "code", "form", "hazards", "main_components", "harmful_components", "precautions",
        "id_code", "unit", "contact", "date", "weight", "remarks"]
    assert f["name"].value == "一次铝灰（电解铝灰）"
    assert f["category"].value == "HW48" and f["code"].value == "321-024-48" and f["form"].value == "固态"
    assert f["hazards"].value == "反应性、毒性"
    assert "氮化铝" in f["main_components"].value and "金属铝" in f["main_components"].value
    assert f["harmful_components"].value == "氮化铝、重金属"
    assert "氨气" in f["precautions"].value and "有毒" in f["precautions"].value
    assert "铝除尘灰" in f["precautions"].value  # 004 §6.1.10
    assert f["weight"].value == "1.25 t"
    assert f["contact"].value == "张三 13800000000"
    assert f["id_code"].value.endswith("20250301003")
    assert f["remarks"].value == ""  # left blank to write on


def test_recycled_dross_precautions_do_not_claim_toxicity_and_secondary_kind():
    info = L.label_info(plant("recycled"), day=DAY, dross_kind="secondary")
    f = {x.id: x.value for x in L.label_fields(info, 1)}
    assert "有毒" not in f["precautions"]
    assert f["name"] == "二次铝灰（再生铝灰）"
    assert f["hazards"] == "反应性"


def test_overrides_replace_defaults_and_fold_white_space():
    info = L.label_info(plant(), day=DAY, overrides={"precautions": "  防潮\n密闭  ", "remarks": "吨袋 C-01",
                                                    "name": None})
    assert info.precautions == "防潮 密闭"
    assert info.remarks == "吨袋 C-01"
    assert info.name == "一次铝灰（电解铝灰）"
    with pytest.raises(InputError):
        L.label_info(plant(), day=DAY, overrides={"colour": "red"})
    with pytest.raises(InputError) as e:
        L.label_info(plant(), day=DAY, overrides={"remarks": "a\x07b"})
    assert e.value.key == "labels_bad_characters"


def test_label_needs_a_credit_code():
    with pytest.raises(InputError) as e:
        L.label_info(plant(credit_code=""), day=DAY)
    assert e.value.key == "labels_credit_code_required"


# ---- QR payload --------------------------------------------------------------------------------------

def test_qr_payload_round_trips_and_carries_the_required_fields():
    info = L.label_info(plant(name="重庆某某\n铝业"), day=DAY, weight_t=Decimal("0.8"))
    text = L.qr_payload(info, 12)
    assert text.splitlines()[0] == "危险废物标签/HWL1"
    got = L.parse_qr_payload(text)
    assert got["id_code"] == info.id_code(12)
    assert got["credit_code"] == VALID_CODE
    assert got["code"] == "321-024-48"
    assert got["category"] == "HW48"
    assert got["hazards"] == "反应性、毒性"
    assert got["unit"] == "重庆某某 铝业"  # a line break in a value never splits the payload
    assert got["date"] == "2025-03-01"
    assert got["weight"] == "0.8 t"
    assert L.split_identification_code(got["id_code"])["serial"] == 12


def test_qr_payload_omits_unknown_weight_and_contact():
    info = L.label_info(plant(contact="", phone=""), day=DAY)
    got = L.parse_qr_payload(L.qr_payload(info, 1))
    assert "weight" not in got and "contact" not in got
    with pytest.raises(InputError):
        L.parse_qr_payload("hello")


# ---- sizes ---------------------------------------------------------------------------------------------

def test_dross_label_is_200_mm_with_6_mm_text_whatever_the_container():
    s = L.label_size()
    assert (s.width_mm, s.height_mm, s.text_mm, s.faces) == (200, 200, 6, 1)
    s = L.label_size(Decimal(20))
    assert (s.width_mm, s.text_mm, s.faces) == (200, 6, 1)
    assert L.label_size(Decimal(1000)).faces == 2


@pytest.mark.parametrize("volume, size, text, faces", [
    (20, 100, 3, 1), (50, 100, 3, 1), (51, 150, 5, 1), (450, 150, 5, 1), (451, 200, 6, 2), (1000, 200, 6, 2),
])
def test_hj1276_sizes_by_container_volume(volume, size, text, faces):
    s = L.label_size(Decimal(volume), "hj1276")
    assert (s.width_mm, s.height_mm, s.text_mm, s.faces) == (size, size, text, faces)


def test_custom_label_size_must_reach_the_minimum():
    assert L.label_size(None, "250x260mm").width_mm == 250
    assert L.label_size(None, "250x260mm").may_grow is False
    assert L.label_size(Decimal(20), "120×120").width_mm == 120
    for bad, key in (("150x150mm", "labels_size_too_small"), ("big", "labels_bad_size"),
                     ("5000x5000", "labels_size_too_large")):
        with pytest.raises(InputError) as e:
            L.label_size(None, bad)
        assert e.value.key == key
    with pytest.raises(InputError) as e:
        L.label_size(None, "hj1276")
    assert e.value.key == "labels_volume_required"


# ---- what people type ------------------------------------------------------------------------------------

def test_parse_paper():
    assert L.parse_paper("a3") == L.Paper("A3", 297, 420)
    assert L.parse_paper(None).name == "A4"
    p = L.parse_paper("600 × 900 mm")
    assert (p.width_mm, p.height_mm) == (600, 900)
    for bad, key in (("B5", "labels_bad_paper"), ("50x50mm", "labels_paper_range"), ("x", "labels_bad_paper")):
        with pytest.raises(InputError) as e:
            L.parse_paper(bad)
        assert e.value.key == key


@pytest.mark.parametrize("raw, ok", [("1", 1), ("１０", 10), (999, 999), ("0", None), ("1000", None), ("2.5", None),
                                     ("abc", None), ("-3", None)])
def test_parse_count(raw, ok):
    if ok is None:
        with pytest.raises(InputError):
            L.parse_count(raw)
    else:
        assert L.parse_count(raw) == ok


def test_parse_day_weight_volume():
    assert L.parse_day("２０２５-03-01") == DAY
    assert L.parse_day(None, today=DAY) == DAY
    for bad in ("2025-13-01", "2025/03/01", "25-3-1", "1800-01-01"):
        with pytest.raises(InputError) as e:
            L.parse_day(bad)
        assert e.value.key == "bad_date"
    assert L.parse_weight("1.5") == Decimal("1.5")
    for bad in ("0", "-1", "1000"):
        with pytest.raises(InputError):
            L.parse_weight(bad)
    with pytest.raises(InputError):
        L.parse_volume("0")
    assert L.parse_volume(None) is None


def test_signs_content():
    z = L.zone_sign(plant(), ("primary", "secondary"))
    assert z.title == "危险废物贮存分区标志"
    assert [x.letter for x in z.zones] == ["A 区", "B 区"]
    assert z.zones[1].name == "二次铝灰（黑灰）"
    f = L.facility_sign(plant(), "disposal", "vertical", "FC-9")
    assert f.title_lines == ("危险废物", "处置设施")
    assert (f.width_mm, f.height_mm) == (186, 300)
    assert [x.zh for x in f.fields] == ["单位名称", "设施编码", "负责人及联系方式"]
    assert f.fields[1].value == "FC-9"
    with pytest.raises(InputError) as e:
        L.facility_sign(plant(), "burning")
    assert e.value.key == "bad_choice"
    with pytest.raises(InputError):
        L.zone_sign(plant("alumina"))


def test_label_text_is_all_in_the_bundled_font():
    from alassess.reports import fonts

    for sector in ("electrolytic", "recycled", "processing"):
        for kind in ("primary", "secondary"):
            info = L.label_info(plant(sector, credit_code=complete("91500000MA0000001")), day=DAY,
                                dross_kind=kind, weight_t=Decimal(1))
            assert fonts.missing_glyphs(L.all_label_text(info), bold=True) == []
    spec = L.spec()
    from alassess import catalogue

    sheet = [*catalogue.both("sheet.note", bar=100), *catalogue.both("sheet.tile", i=1, n=4, row=1, col=1, rows=2, cols=2),
             *(catalogue.text(f"sign.{k}", "zh", code="", category="", hazards="")
               for k in ("unit_name", "manager", "code", "category", "hazards", "list_sep"))]
    fixed = "".join([*sheet, spec["zone_sign"]["title_zh"], spec["zone_sign"]["note_mixing"]["text"],
                     "".join(t["zh"] for t in spec["facility_sign"]["types"].values()),
                     "".join(f["zh"] for f in spec["facility_sign"]["fields"])])
    assert fonts.missing_glyphs(fixed, bold=False) == []
    assert fonts.missing_glyphs(fixed, bold=True) == []
