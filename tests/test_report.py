"""The assessment report as a reader sees it: pages, words, numbers, fonts, and every section drawn
from the scoring result (including the guideline, energy and dross shapes fed by hand)."""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from alassess.domain.assessment import parse_assessment
from alassess.reports import fonts
from alassess.reports import report as rpt
from alassess.services import records, scoring
from alassess.services import report as svc
from alassess.signing import identities
from tests.conftest import make_doc

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                   reason="poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed")
PASS = b"report tests passphrase"


def page_texts(pdf: bytes, tmp: Path) -> list[str]:
    p = tmp / "t.pdf"
    p.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def electrolytic(demo_db):
    """The demo electrolytic plant's 2025 assessment, with its earlier periods, as stored."""
    rows = [r for r in records.overview(demo_db) if r["sector"] == "electrolytic"]
    aid = max(rows, key=lambda r: r["period"])["id"]
    a = records.load(demo_db, aid)
    return a, svc.history_for(demo_db, a)


@pytest.fixture(scope="module")
def signed_zh(electrolytic, tmp_path_factory):
    a, history = electrolytic
    p12 = tmp_path_factory.mktemp("rid") / "r.p12"
    identities.create_identity("陈评估", "重庆市循环经济评估中心", p12, PASS)
    built = svc.make_report(a, "zh", history)
    return built, svc.sign_report(built, identities.load_identity(p12, PASS))


@pytest.fixture(scope="module")
def texts_zh(signed_zh, tmp_path_factory):
    return page_texts(signed_zh[1], tmp_path_factory.mktemp("txt"))


# ---- the whole document ---------------------------------------------------------------------

@needs_poppler
def test_every_page_carries_page_x_of_y_report_id_and_data_hash(signed_zh, texts_zh):
    built, _ = signed_zh
    assert built.pages >= 3 and len(texts_zh) == built.pages
    for n, text in enumerate(texts_zh, 1):
        assert f"第{n}页/共{built.pages}页" in flat(text)
        assert built.report_id in text
        assert built.data_sha256 in flat(text)


@needs_poppler
def test_cover_and_summary_say_who_what_when_and_the_grade(electrolytic, signed_zh, texts_zh):
    a, _ = electrolytic
    ce = scoring.evaluate(a, "zh")["circular_economy"]
    cover = texts_zh[0]
    for s in (a.plant.name, a.plant.credit_code, a.period, a.assessor.name, a.assessor.organisation,
              ce["grade_label"], f"{ce['index']:.2f}", signed_zh[0].report_id, dt.date.today().isoformat()[:4]):
        assert s in cover, s
    summary = texts_zh[1]
    assert "评估摘要" in summary and "距下一等级" in summary
    assert f"达到 {ce['next_grade']['target']} 还需 {ce['next_grade']['points_needed']:.2f} 分" in summary


@needs_poppler
def test_indicator_table_has_value_benchmark_score_and_survey(electrolytic, texts_zh):
    a, _ = electrolytic
    ce = scoring.evaluate(a, "zh")["circular_economy"]
    body = "\n".join(texts_zh)
    section = flat(body[body.index("3 循环经济指标"):body.index("4 图表")])
    for it in ce["indicators"]:
        unit = rpt._fields.get(it["id"]).unit
        row = f"{unit}{rpt.num(it['value'])}{rpt.num(it['benchmark'])}{rpt.num(it['score'], 2)}{it['weight']}"
        assert row in section, row
        sv = it["survey"]
        assert all(rpt.num(sv[k]) in section for k in ("avg", "min", "max"))


@needs_poppler
def test_trend_over_the_stored_periods(electrolytic, texts_zh):
    a, history = electrolytic
    assert [h.period for h in history] == ["2023", "2024", "2025"]
    body = "\n".join(texts_zh)
    assert "各期指数与等级" in body
    for h in history:
        assert re.search(rf"{h.period}\s+{h.index:.2f}", body), h


@needs_poppler
def test_fonts_are_the_bundled_ones_embedded(signed_zh, tmp_path):
    p = tmp_path / "s.pdf"
    p.write_bytes(signed_zh[1])
    out = subprocess.run(["pdffonts", str(p)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in out.splitlines()[2:] if line.strip()]
    assert rows
    for line in rows:
        assert "NotoSans" in line.split()[0], line
        cols = line.split()
        emb = cols[-5]
        assert emb == "yes", line  # pdffonts columns: ... emb sub uni object ID


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_every_page_renders_and_is_not_blank(signed_zh, tmp_path):
    from PIL import Image, ImageStat

    p = tmp_path / "s.pdf"
    p.write_bytes(signed_zh[1])
    r = subprocess.run(["pdftoppm", "-r", "30", "-png", str(p), str(tmp_path / "pg")], capture_output=True, text=True)
    assert r.returncode == 0 and "Error" not in r.stderr, r.stderr
    pngs = sorted(tmp_path.glob("pg-*.png"))
    assert len(pngs) == signed_zh[0].pages
    for png in pngs:
        stat = ImageStat.Stat(Image.open(png).convert("L"))
        assert stat.stddev[0] > 5, png  # something is drawn on it


def test_no_text_runs_outside_the_page_margins(signed_zh):
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(signed_zh[0].pdf)) as doc:
        for n, page in enumerate(doc.pages, 1):
            for ch in page.chars:
                assert rpt.MARGIN - 1.5 <= ch["x0"] and ch["x1"] <= page.width - rpt.MARGIN + 1.5, (n, ch["text"])
                assert 5 <= ch["top"] and ch["bottom"] <= page.height - 5, (n, ch["text"])


def test_characters_the_font_lacks_are_replaced_not_dropped(tmp_path):
    doc = make_doc("recycled", {"recycled_al_share_pct": 40})
    doc["plant"]["name"] = "𠀀测试再生铝厂"  # U+20000: not in the bundled subset
    built = svc.make_report(parse_assessment(doc), "zh")
    if shutil.which("pdftotext"):
        text = "\n".join(page_texts(built.pdf, tmp_path))
        assert "?测试再生铝厂" in text and "𠀀" not in text
        assert fonts.missing_glyphs(text.replace("\f", "")) == []


@needs_poppler
def test_english_report(tmp_path):
    a = parse_assessment(make_doc("electrolytic", {"energy_output": 0.56, "alumina_output": 0.52,
                                                   "water_output": 0.6, "anode_output": 2.0,
                                                   "fluoride_output": 60, "solid_waste_utilization_pct": 40}))
    built = svc.make_report(a, "en")
    texts = page_texts(built.pdf, tmp_path)
    assert "Aluminium plant assessment report" in texts[0] and "测试电解铝厂" in texts[0]
    assert all(f"Page {n} of {built.pages}" in t for n, t in enumerate(texts, 1))
    body = "\n".join(texts)
    for words in ("Summary", "Basic requirements", "Circular-economy indicators", "Method and sources", "Signature",
                  "Only this period is on record"):
        assert words in body, words
    assert "评估摘要" not in body


# ---- sections drawn from hand-made module results (the shapes the modules return) -------------

GUIDELINE = {
    "indicators": [
        {"id": "cooling_water_reuse_pct", "level": "compliant", "value": 100, "compliant": 100, "advanced": 100},
        {"id": "spent_electrolyte_recycling_pct", "level": "below", "thresholds": {"compliant": 100, "advanced": 100}},
        {"id": "spent_anode_recycling_pct", "level": "missing"},
    ],
    "banned_technologies": ["tech_soderberg_cells"],
    "encouraged": [{"id": "some_encouraged_technology"}],
    "checked_at": "2025-12-31",
}
ENERGY = {"checks": [
    {"id": "cell_current", "status": "pass", "clause": "003 二(一)"},
    {"id": "energy_efficiency", "status": "fail", "level": "below_baseline", "clause": "003 二(二)",
     "detail": "13420 kWh/t 高于基准水平 13350"},
    {"id": "clean_transport", "status": "missing", "clause": "003 三"},
    {"id": "future_check_x", "status": "not_applicable"},
]}
DROSS = {"code": "321-024-48", "hazards": ["reactivity", "toxicity"], "expected_primary_t": [1900.0, 2850.0],
         "expected_secondary_t": [950.0, 1900.0], "reported_primary_t": 1200.5,
         "findings": [{"id": "requirement_6.1.8", "severity": "minor", "detail": "未公开信息"},
                      {"id": "generation_below_expected", "severity": "major", "detail": "一次铝灰 1200.5 t 低于预期下限"},
                      {"id": "missing_manifest", "severity": "critical", "detail": "2025-04-10 转移无联单号"}],
         "compliance_pct": 92.9, "stock_t": 12.25,
         "generation": [{"kind": "primary", "status": "below", "expected_t": [1900.0, 2850.0]},
                        {"kind": "secondary", "status": "not_reported"}],
         "balances": [{"code": "321-024-48", "kind": "primary", "opening_t": 10.5, "generated_t": 1200.5,
                       "self_utilized_t": 700, "transferred_t": 480.25, "disposed_t": 0, "adjustment_t": 0,
                       "closing_t": 30.75}],
         "stock": [{"code": "321-024-48", "kind": "primary", "quantity_t": 30.75, "oldest": "2024-06-30",
                    "age_days": 549, "over_limit_t": 4.5}],
         "deadlines": [{"id": "declaration", "period": "2025", "due": "2025-03-31", "status": "overdue",
                        "filed_on": None}],
         "notes": ["重庆市：年度申报 3 月 31 日前，台账按季度报送"], "category": "HW48", "entered": True}
# The findings of these module results as the evaluation words them (the top-level list of score --json)
FINDINGS = [
    {"id": "requirement_6.1.8", "module": "dross", "severity": "minor", "text": "未满足 6.1.8：未公开信息",
     "clause": "004 §6.1.8"},
    {"id": "generation_below_expected", "module": "dross", "severity": "major",
     "text": "一次铝灰 1200.5 t 低于预期下限", "clause": "004 表1"},
    {"id": "missing_manifest", "module": "dross", "severity": "critical", "text": "2025-04-10 转移无联单号",
     "clause": "004 §6.1.6"},
    {"id": "banned_technology_present", "module": "guideline", "severity": "critical",
     "text": "淘汰类工艺仍在使用（见第 5 部分）", "clause": "000 §5.3"},
    {"id": "energy_check_failed", "module": "energy_carbon", "severity": "major",
     "text": "节能降碳：能效水平（铝液交流电耗）：13420 kWh/t 高于基准水平 13350", "clause": "003 二(二)"},
]


def _with(result: dict, **modules) -> dict:
    out = copy.deepcopy(result)
    out.update(modules)
    return out


def _render(a, lang: str, result: dict) -> bytes:
    inp = rpt.ReportInput(assessment=a, result=result, lang=lang, report_id="AR-TEST-0001", data_sha256="0" * 64,
                          created=dt.datetime(2025, 12, 31, tzinfo=dt.UTC), font_name=fonts.register_fonts(),
                          text_filter=svc._text_filter())
    pdf, pages = rpt.render(inp)
    assert pages >= 3
    return pdf


@needs_poppler
def test_guideline_energy_and_dross_sections_from_module_results(electrolytic, tmp_path):
    a, _ = electrolytic
    result = _with(scoring.evaluate(a, "zh"), guideline=GUIDELINE, energy_carbon=ENERGY, dross=DROSS,
                   findings=FINDINGS)
    body = "\n".join(page_texts(_render(a, "zh", result), tmp_path))
    lines = body.splitlines()

    def line(*words: str) -> str:
        return next(x for x in lines if all(w in x for w in words))

    # guideline: levels in words, thresholds, the banned technology named and marked present
    assert "达标" in line("冷却水复用率") and "≥ 100" in line("冷却水复用率")
    assert "未达标" in line("废电解质回收并加工利用率")
    assert "缺失" in line("废阳极回收并利用率")
    assert "存在国家明令淘汰的工艺技术：自焙阳极电解槽" in flat(body)
    assert "存在" in line("自焙阳极电解槽") and "checked at" in body  # extra keys are shown, not dropped
    # energy: labels for the check ids, status and level, clause; an unknown id shown plainly
    assert "通过" in line("电解槽电流强度") and "003 二(一)" in line("电解槽电流强度")
    energy = flat(body[body.index("6 节能降碳核查"):body.index("7 铝灰管理")])
    assert "不通过" in energy and "003二(二)" in energy and "低于基准水平" in energy and "12980kWh/t" in energy
    assert "future_check_x" in body
    # dross: class and code, expected against reported, findings most serious first, compliance
    assert "321-024-48" in body and "反应性、毒性" in body
    assert "1900 – 2850" in line("一次铝灰", "1900") and "1200.5" in line("一次铝灰", "1900")
    assert "950 – 1900" in line("二次铝灰", "950")
    dross_part = body[body.index("7 铝灰管理"):]
    assert dross_part.index("转移无联单号") < dross_part.index("低于预期下限") < dross_part.index("未满足 6.1.8")
    assert "符合率 92.9%" in body and "stock t" in body
    dross = flat(body[body.index("7 铝灰管理"):body.index("8 方法与依据")])
    assert "低于预期" in dross and "未申报产生量" in dross  # the generation check of each kind
    assert "321-024-48一次铝灰10.51200.5700480.250030.75" in dross  # balances: opening … closing
    assert "30.752024-06-305494.5" in dross and "已逾期" in dross and "台账按季度报送" in dross
    assert "category" not in dross and "entered" not in dross  # shown in their place, not as "other results"
    # the summary lists the most serious findings across modules, critical first
    summary = body[body.index("评估摘要"):body.index("基本要求\n") if "基本要求\n" in body else None]
    assert "严重" in summary and "淘汰类工艺技术" in flat(summary) and "能效水平" in summary
    assert "先进0项，达标1项，未达标1项，缺失1项" in flat(summary)


@needs_poppler
def test_sections_without_a_result_say_why(electrolytic, tmp_path):
    a, _ = electrolytic
    # a module that applies but gave no result: said so, with the entered data
    body = "\n".join(page_texts(_render(a, "zh", _with(scoring.evaluate(a, "zh"), guideline=None,
                                                       energy_carbon=None, dross=None)), tmp_path))
    assert body.count("本部分无评估结果") >= 3 and "填报数据" in body and "电解槽电流强度" in body
    # a sector a module does not apply to
    rec = parse_assessment(make_doc("recycled", {"recycled_al_share_pct": 40}))
    body = "\n".join(page_texts(_render(rec, "en", _with(scoring.evaluate(rec, "en"), energy_carbon=None,
                                                         dross=None)), tmp_path))
    assert "Thispartdoesnotapplytothe" in flat(body)  # the energy section
    assert "appliestoaluminaandelectrolyticaluminiumonly" in flat(body)
    assert "No dross data entered" in body


@needs_poppler
def test_ledger_summary_and_appendix_cover_the_period_only(electrolytic, tmp_path):
    a, _ = electrolytic
    ledger = a.dross["ledger"]
    period = [e for e in ledger if e["date"].startswith(a.period)]
    assert len(period) < len(ledger)  # the stored ledger reaches back to earlier years
    body = "\n".join(page_texts(_render(a, "zh", scoring.evaluate(a, "zh")), tmp_path))
    assert f"本期台账 {len(period)} 条" in body
    assert f"以往各期台账 {len(ledger) - len(period)} 条" in body
    generated = sum(e["quantity_t"] for e in period if e["kind"] == "primary" and e["movement"] == "generated")
    assert rpt.num(generated, 3) in flat(body)
    appendix = body[body.index("附录"):]
    assert all(e["date"] in appendix for e in period)
    assert not any(e["date"] in appendix for e in ledger if not e["date"].startswith(a.period))


@needs_poppler
def test_preview_from_a_database_has_the_trend(electrolytic, demo_db, tmp_path):
    a, history = electrolytic
    pdf = svc.build_report(a, "en", demo_db)
    body = "\n".join(page_texts(pdf, tmp_path))
    assert "Index and grade per period" in body and all(h.period in body for h in history)


@needs_poppler
def test_guideline_and_energy_sections_with_the_real_modules(demo_db, tmp_path):
    """The demo alumina plant still runs a phased-out technology; the electrolytic plant misses the
    clean-transport target in a key region: both reach the summary and their sections."""
    over = records.overview(demo_db)
    alumina = records.load(demo_db, max((r for r in over if r["sector"] == "alumina"), key=lambda r: r["period"])["id"])
    res = scoring.evaluate(alumina, "zh")
    banned = res["guideline"]["banned_technologies"]
    assert banned  # the demo data keeps one, so the report has something to show
    body = "\n".join(page_texts(svc.make_report(alumina, "zh").pdf, tmp_path))
    summary = flat(body[body.index("评估摘要"):body.index("2 基本要求")])
    label = rpt._fields.get(banned[0]).label("zh")
    assert "严重" in summary and label in summary
    section = flat(body[body.index("5 指导指标与工艺技术核查"):body.index("6 节能降碳核查")])
    assert f"存在国家明令淘汰的工艺技术：{label}" in section
    assert "本部分不适用于氧化铝行业" in flat(body[body.index("6 节能降碳核查"):])
    electrolytic = records.load(demo_db, max((r for r in over if r["sector"] == "electrolytic"),
                                             key=lambda r: r["period"])["id"])
    checks = {c["id"]: c for c in scoring.evaluate(electrolytic, "en")["energy_carbon"]["checks"]}
    body = "\n".join(page_texts(svc.make_report(electrolytic, "en").pdf, tmp_path))
    energy = body[body.index("6 Energy-saving"):body.index("7 Aluminium dross")]
    for c in checks.values():
        assert flat(c["label"]) in flat(energy), c["id"]
    failed = [c for c in checks.values() if c["status"] == "fail"]
    assert failed and all(flat(c["detail"]) in flat(body[:body.index("2 Basic requirements")]) for c in failed)
