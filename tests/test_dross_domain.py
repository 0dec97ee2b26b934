"""Dross rules (004): classification, expected generation, every ledger check, deadlines, checklist."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from alassess.domain import dross as dd
from alassess.domain.assessment import parse_assessment
from alassess.domain.errors import InputError
from alassess.services.scoring import evaluate
from tests.conftest import make_doc

E = "321-024-48"
R = "321-026-48"
ALL_MET = {rid: True for rid in ("6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.1.5", "6.1.6", "6.1.7", "6.1.8", "6.1.9",
                                 "6.1.10", "6.2.1", "6.2.2", "6.2.3", "6.3")}
RECEIVER = {"name": "绿环处置", "licence_no": "渝危废经 2023-017", "codes": [E, R], "valid_from": "2024-01-01",
            "valid_to": "2026-12-31"}


def entry(date, movement="generated", q="10", code=E, kind="primary", **kw):
    e = {"date": date, "code": code, "kind": kind, "movement": movement, "quantity_t": Decimal(q)}
    e.update(kw)
    return e


def transfer(date, q="5", code=E, kind="primary", receiver="绿环处置", manifest="M-1", **kw):
    return entry(date, "transferred", q, code, kind, receiver=receiver, manifest_no=manifest, **kw)


def run(ledger=(), sector="electrolytic", period="2025", reqs=None, receivers=None, **kw):
    d = {"requirements": dict(ALL_MET if reqs is None else reqs), "receivers": [RECEIVER] if receivers is None else receivers,
         "ledger": list(ledger)}
    as_of = kw.pop("as_of", None)
    containers = kw.pop("containers", None)
    d.update(kw)
    return dd.evaluate(sector, period, d, as_of=as_of, plant_region="重庆市", containers=containers)


def ids(result):
    return [f.id for f in result.findings]


# ---- classification ---------------------------------------------------------------------------

@pytest.mark.parametrize("sector, code, hazards, cls, first_stage", [
    ("electrolytic", E, ("reactivity", "toxicity"), "电解铝灰", "铝液转移"),
    ("recycled", R, ("reactivity",), "再生铝灰", "废铝重熔"),
    ("processing", R, ("reactivity",), "熔铸铝灰", "铝熔炼"),
])
def test_classification_per_sector(sector, code, hazards, cls, first_stage):
    c = dd.classify(sector)
    assert (c.code, c.hazards, c.class_zh, c.category) == (code, hazards, cls, "HW48")
    assert c.stages["primary"][0]["zh"] == first_stage
    assert [s["zh"] for s in c.stages["secondary"]] == ["铝灰自行利用"]
    assert [r["id"] for r in c.routes["primary"]] == ["self_utilization", "licensed_unit"]
    assert [r["id"] for r in c.routes["secondary"]] == ["licensed_unit"]
    assert c.dust_ash_code == "321-034-48"


def test_alumina_has_no_dross():
    assert dd.classify("alumina") is None
    assert dd.evaluate("alumina", "2025", {"ledger": []}) is None


# ---- expected generation ----------------------------------------------------------------------

def test_expected_ranges_from_production():
    assert dd.expected_range("electrolytic", "primary", Decimal(100000)) == (Decimal(1000), Decimal(1500))
    assert dd.expected_range("electrolytic", "secondary", Decimal(100000)) == (Decimal(500), Decimal(1000))
    assert dd.expected_range("recycled", "primary", Decimal(1000)) == (Decimal(80), Decimal(100))
    assert dd.expected_range("recycled", "secondary", Decimal(1000)) == (Decimal(50), Decimal(80))
    assert dd.expected_range("processing", "primary", Decimal(1000)) is None


@pytest.mark.parametrize("reported, expected", [
    ("899.99", "generation_below_expected"), ("900", None), ("1200", None), ("1650", None),
    ("1650.01", "generation_above_expected"),
])
def test_primary_generation_with_tolerance(reported, expected):
    r = run(production_t=Decimal(100000), self_utilization=False, primary_generated_t=Decimal(reported))
    gen = [i for i in ids(r) if i.startswith("generation")]
    assert gen == ([expected] if expected else [])
    if expected:
        f = r.findings[0]
        assert f.severity == dd.severity(expected) and "1000–1500" in f.text("en") and "1000–1500" in f.text("zh")


def test_below_is_major_and_above_minor():
    assert dd.severity("generation_below_expected") == "major"
    assert dd.severity("generation_above_expected") == "minor"


def test_secondary_checked_only_with_self_utilization():
    args = dict(production_t=Decimal(100000), primary_generated_t=Decimal(1200), secondary_generated_t=Decimal(100))
    assert "generation_below_expected" not in ids(run(self_utilization=False, **args))
    r = run(self_utilization=True, **args)
    assert ids(r).count("generation_below_expected") == 1
    assert r.findings[0].context["kind"] == "secondary"
    assert r.generation["secondary"].expected_t == (Decimal(500), Decimal(1000))
    assert run(self_utilization=False, **args).generation["secondary"].status == "not_checked"


def test_processing_generation_not_determined():
    r = run(sector="processing", production_t=Decimal(20000), primary_generated_t=Decimal(1), self_utilization=True)
    assert not [i for i in ids(r) if i.startswith("generation")]
    assert r.generation["primary"].status == "not_determined"
    assert dd.to_json(r)["expected_primary_t"] is None


def test_reported_generation_from_the_ledger():
    ledger = [entry("2025-02-01", q="600"), entry("2025-05-01", q="599.99")]
    r = run(ledger + [transfer("2025-06-01", q="1199.99")], production_t=Decimal(100000), self_utilization=False)
    assert r.generation["primary"].reported_t == Decimal("1199.99")
    assert r.generation["primary"].reported_from == "ledger"
    assert r.generation["primary"].status == "within"
    low = run([entry("2025-02-01", q="500")], production_t=Decimal(100000), self_utilization=False)
    assert "generation_below_expected" in ids(low)


def test_a_kept_ledger_without_secondary_generation_reports_zero():
    r = run([entry("2025-02-01", q="1200"), entry("2025-02-02", "self_utilized", "1000")],
            production_t=Decimal(100000), self_utilization=True)
    assert r.generation["secondary"].reported_t == 0
    assert [f.context["kind"] for f in r.findings if f.id == "generation_below_expected"] == ["secondary"]
    # no ledger and no reported figure: nothing to compare
    r = run([], production_t=Decimal(100000), self_utilization=True)
    assert r.generation["primary"].status == "not_reported" and not ids(r)


def test_reported_generation_is_used_and_a_ledger_differing_by_more_than_one_percent_is_noted():
    ledger = [entry("2025-02-01", q="1000"), transfer("2025-03-01", q="1000")]
    ok = run(ledger, production_t=Decimal(100000), primary_generated_t=Decimal("1010"))
    assert ok.generation["primary"].reported_from == "field"
    assert not any("primary_generated_t" in n.text("en") for n in ok.notes)
    # 1.1 % apart: the declared figure is still what is evaluated, the difference is noted (zh and en)
    off = run(ledger, production_t=Decimal(100000), primary_generated_t=Decimal("1011"))
    assert off.generation["primary"].reported_t == Decimal("1011")
    assert off.generation["primary"].reported_from == "field"
    [(zh, en)] = [(n.text("zh"), n.text("en")) for n in off.notes if "primary_generated_t" in n.text("en")]
    assert "1011" in en and "1000" in en and "1000" in zh
    # a ledger extract far below the declared total: the declared total decides the generation check
    extract = run([entry("2025-03-02", q="12.5")], production_t=Decimal(100000), primary_generated_t=Decimal("1200"))
    assert "generation_below_expected" not in ids(extract)
    assert any("primary_generated_t" in n.text("en") for n in extract.notes)


# ---- ledger checks ----------------------------------------------------------------------------

def test_clean_ledger_has_no_findings():
    ledger = [entry("2025-01-05", q="100"), entry("2025-01-12", "self_utilized", "80"),
              entry("2025-01-13", q="50", kind="secondary", container="HB-1"),
              transfer("2025-01-25", q="50", kind="secondary", container="HB-1"), transfer("2025-01-26", q="20")]
    r = run(ledger, production_t=Decimal(10000), self_utilization=True)
    assert ids(r) == []
    assert r.compliance_pct == Decimal("100.0")


def test_balance_opening_plus_movements_is_closing():
    ledger = [entry("2024-11-01", q="30"), transfer("2024-12-01", q="10"),
              entry("2025-01-05", q="100"), entry("2025-02-01", "self_utilized", "40"), transfer("2025-03-01", q="50"),
              entry("2025-04-01", "disposed", "5"), entry("2025-05-01", "adjustment", "-2.5"),
              entry("2026-01-02", q="99")]
    r = run(ledger, as_of="2026-02-01")
    b = r.balances[0]
    assert (b.opening, b.generated, b.self_utilized, b.transferred, b.disposed, b.adjustment) == \
        (Decimal(20), Decimal(100), Decimal(40), Decimal(50), Decimal(5), Decimal("-2.5"))
    assert b.closing == Decimal("22.5")  # 20 + 100 − 40 − 50 − 5 − 2.5
    assert r.stock[0].quantity_t == Decimal("121.5")  # the 2026 entry counts for the stock as of 2026-02-01


def test_negative_stock():
    r = run([entry("2025-01-05", q="10"), transfer("2025-02-01", q="12")])
    f = next(f for f in r.findings if f.id == "negative_stock")
    assert f.severity == "major" and f.context["date"] == "2025-02-01" and f.context["row"] == 2
    assert "-2" in f.text("en") and "第 2 行" in f.text("zh")
    # the same day: the inflow counts before the outflow, whatever the order of entry
    assert "negative_stock" not in ids(run([transfer("2025-02-01", q="10"), entry("2025-02-01", q="10")]))


def test_unregistered_receiver():
    r = run([entry("2025-01-05"), transfer("2025-01-06", receiver="无证回收站")])
    f = next(f for f in r.findings if f.id == "unregistered_receiver")
    assert f.severity == "critical" and f.context["receiver"] == "无证回收站" and "无证回收站" in f.text("en")
    r = run([entry("2025-01-05"), transfer("2025-01-06", receiver="")])
    assert "unregistered_receiver" in ids(r)
    nolicence = dict(RECEIVER, licence_no="")
    assert "unregistered_receiver" in ids(run([entry("2025-01-05"), transfer("2025-01-06")], receivers=[nolicence]))
    assert "unregistered_receiver" not in ids(run([entry("2025-01-05"), transfer("2025-01-06")]))
    # a receiver may be named by its licence number
    assert ids(run([entry("2025-01-05"), transfer("2025-01-06", receiver="渝危废经 2023-017")])) == []


@pytest.mark.parametrize("date, expired", [("2023-12-31", True), ("2024-01-01", False), ("2026-12-31", False),
                                           ("2027-01-01", True)])
def test_licence_validity_on_the_day(date, expired):
    r = run([entry("2023-12-01", q="10"), transfer(date, q="1")], period=date[:4])
    assert ("licence_expired" in ids(r)) is expired
    if expired:
        f = next(f for f in r.findings if f.id == "licence_expired")
        assert f.severity == "critical" and "2026-12-31" in f.text("en")


def test_renewed_licence_is_accepted():
    old = dict(RECEIVER, licence_no="L-old", valid_to="2024-12-31")
    new = dict(RECEIVER, licence_no="L-new", valid_from="2025-01-01", valid_to="2029-12-31")
    assert ids(run([entry("2025-01-05"), transfer("2025-03-01")], receivers=[old, new])) == []


def test_licence_scope():
    only_r = dict(RECEIVER, codes=[R])
    r = run([entry("2025-01-05"), transfer("2025-01-06")], receivers=[only_r])
    f = next(f for f in r.findings if f.id == "licence_scope")
    assert f.severity == "critical" and E in f.text("en") and R in f.text("en")
    assert "licence_scope" not in ids(run([entry("2025-01-05"), transfer("2025-01-06")]))


def test_missing_manifest():
    r = run([entry("2025-01-05"), transfer("2025-01-06", manifest="")])
    f = next(f for f in r.findings if f.id == "missing_manifest")
    assert f.severity == "critical" and f.context["date"] == "2025-01-06"
    assert "missing_manifest" not in ids(run([entry("2025-01-05"), transfer("2025-01-06")]))
    # a disposal handed to a receiver needs a manifest too; one done in-plant does not
    assert "missing_manifest" in ids(run([entry("2025-01-05"), entry("2025-01-06", "disposed", "1", receiver="绿环处置")]))
    assert "missing_manifest" not in ids(run([entry("2025-01-05"), entry("2025-01-06", "disposed", "1")]))


def test_secondary_self_utilized():
    r = run([entry("2025-01-05", kind="secondary"), entry("2025-01-06", "self_utilized", "1", kind="secondary")])
    assert "secondary_self_utilized" in ids(r)
    assert next(f for f in r.findings if f.id == "secondary_self_utilized").severity == "major"
    assert "secondary_self_utilized" not in ids(run([entry("2025-01-05"), entry("2025-01-06", "self_utilized", "1")]))


def test_mixed_container():
    r = run([entry("2025-01-05", container="C-1"), entry("2025-01-06", code=R, container="C-1")])
    f = next(f for f in r.findings if f.id == "mixed_container")
    assert f.severity == "critical" and f.context["container"] == "C-1" and R in f.text("en") and E in f.text("en")
    # emptied first, then reused for another code: not mixed
    reuse = [entry("2025-01-05", q="5", container="C-1"), transfer("2025-01-06", q="5", container="C-1"),
             entry("2025-01-07", code=R, container="C-1")]
    assert "mixed_container" not in ids(run(reuse))
    # dust-collection ash in a dross container
    r = run([entry("2025-01-05", container="C-2"), entry("2025-01-06", code="321-034-48", container="C-2")])
    assert "mixed_container" in ids(r)
    assert "铝除尘灰" in next(f for f in r.findings if f.id == "mixed_container").text("zh")


def test_container_registered_for_another_code():
    r = run([entry("2025-01-05", container="C-9")], containers=[{"name": "C-9", "code": R}])
    assert "mixed_container" in ids(r)
    assert "mixed_container" not in ids(run([entry("2025-01-05", container="C-9")], containers=[{"name": "C-9", "code": E}]))


@pytest.mark.parametrize("as_of, over", [("2025-01-10", False), ("2025-01-11", True)])
def test_storage_over_one_year_fifo(as_of, over):
    ledger = [entry("2024-01-10", q="10"), entry("2024-06-01", q="5"), transfer("2024-12-01", q="8")]
    r = run(ledger, as_of=as_of)
    s = r.stock[0]
    assert s.quantity_t == Decimal(7) and s.oldest == "2024-01-10"
    assert s.buckets == {"0-90": 0, "91-180": 0, "181-365": Decimal(5), ">365": Decimal(2)}
    assert ("storage_over_one_year" in ids(r)) is over
    if over:
        assert s.over_limit_t == Decimal(2)  # the oldest lot left after FIFO: 10 − 8
        f = next(f for f in r.findings if f.id == "storage_over_one_year")
        assert f.severity == "major" and "2024-01-10" in f.text("en")


def test_storage_cleared_by_fifo():
    ledger = [entry("2024-01-10", q="10"), entry("2024-11-01", q="5"), transfer("2024-12-01", q="10")]
    r = run(ledger, as_of="2025-06-01")
    assert "storage_over_one_year" not in ids(r) and r.stock[0].oldest == "2024-11-01"


def test_findings_only_for_entries_in_the_period():
    ledger = [entry("2024-01-05"), transfer("2024-01-06", manifest="")]
    assert "missing_manifest" not in ids(run(ledger))
    assert "missing_manifest" in ids(run(ledger, period="2024"))


def test_entries_after_as_of_are_left_out():
    ledger = [entry("2025-01-05", q="10"), transfer("2025-06-01", q="12")]
    assert "negative_stock" not in ids(run(ledger, as_of="2025-05-31"))


# ---- deadlines --------------------------------------------------------------------------------

@pytest.mark.parametrize("as_of, overdue", [("2025-03-31", False), ("2025-04-01", True)])
def test_declaration_deadline(as_of, overdue):
    reqs = dict(ALL_MET, **{"6.1.3": False})
    r = run(reqs=reqs, as_of=as_of)
    assert ("declaration_overdue" in ids(r)) is overdue
    if overdue:
        f = next(f for f in r.findings if f.id == "declaration_overdue")
        assert f.severity == "major" and "2025-03-31" in f.text("en") and "重庆市" in f.text("zh")


def test_declaration_confirmed_or_filed():
    assert "declaration_overdue" not in ids(run(as_of="2025-06-01"))  # 6.1.3 met
    reqs = dict(ALL_MET, **{"6.1.3": False})
    on_time = run(reqs=reqs, filings=[{"kind": "declaration", "period": "2025", "date": "2025-03-20"}])
    assert "declaration_overdue" not in ids(on_time)
    assert on_time.deadlines[0].status == "filed"
    late = run(filings=[{"kind": "declaration", "period": "2025", "date": "2025-04-02"}])
    assert "declaration_overdue" in ids(late) and late.deadlines[0].status == "filed_late"


@pytest.mark.parametrize("as_of, n_overdue", [("2025-04-15", 0), ("2025-04-16", 1), ("2025-12-31", 3),
                                              ("2026-01-16", 4)])
def test_quarterly_ledger_deadlines(as_of, n_overdue):
    reqs = dict(ALL_MET, **{"6.1.4": False})
    r = run(reqs=reqs, as_of=as_of)
    assert ids(r).count("ledger_submission_overdue") == n_overdue
    assert "requirement_6.1.4" in ids(r)


def test_quarterly_ledger_filed():
    reqs = dict(ALL_MET, **{"6.1.4": False})
    filings = [{"kind": "ledger", "period": f"2025Q{q}", "date": d}
               for q, d in ((1, "2025-04-10"), (2, "2025-07-10"), (3, "2025-10-16"))]
    r = run(reqs=reqs, filings=filings)
    overdue = [f for f in r.findings if f.id == "ledger_submission_overdue"]
    assert len(overdue) == 1 and "2025Q3" in overdue[0].text("en")  # filed a day late
    assert [d.status for d in r.deadlines] == ["met", "filed", "filed", "filed_late", "upcoming"]


def test_unknown_region_uses_chongqing_deadlines_and_says_so():
    d = {"requirements": {}, "ledger": [], "receivers": [], "region": "四川省"}
    r = dd.evaluate("recycled", "2025", d)
    assert r.region == "重庆市" and r.region_note and "四川省" in r.region_note.text("en")
    assert dd.evaluate("recycled", "2025", {"ledger": [], "region": "重庆"}).region_note is None


# ---- checklist --------------------------------------------------------------------------------

def test_compliance_and_requirement_findings():
    reqs = dict(ALL_MET, **{"6.1.5": False})
    del reqs["6.3"]
    r = run(reqs=reqs)
    assert r.compliance_pct == Decimal("85.7")  # 12 of 14
    assert r.unmet == ["6.1.5"] and r.unanswered == ["6.3"]
    req = {f.id: f for f in r.findings if f.id.startswith("requirement_")}
    assert set(req) == {"requirement_6.1.5", "requirement_6.3"}
    assert req["requirement_6.1.5"].severity == "critical" and req["requirement_6.3"].severity == "minor"
    assert "not answered" in req["requirement_6.3"].text("en") and "未回答" in req["requirement_6.3"].text("zh")


@pytest.mark.parametrize("n_met, pct", [(14, "100.0"), (13, "92.9"), (1, "7.1"), (0, "0.0")])
def test_compliance_rounding(n_met, pct):
    ids_ = list(ALL_MET)
    reqs = {rid: i < n_met for i, rid in enumerate(ids_)}
    assert run(reqs=reqs).compliance_pct == Decimal(pct)


def test_every_requirement_severity_is_in_data():
    for rid in ALL_MET:
        assert dd.severity(f"requirement_{rid}") in ("critical", "major", "minor")


# ---- the score output -------------------------------------------------------------------------

def _doc(sector="electrolytic", **dross):
    return make_doc(sector, dross=dross)


def test_score_json_dross_section():
    doc = _doc(production_t=100000, self_utilization=True, primary_generated_t=800, secondary_generated_t=600,
               requirements=dict(ALL_MET, **{"6.1.5": False, "6.1.8": False}),
               receivers=[RECEIVER | {"codes": [E]}],
               ledger=[{"date": "2025-03-02", "code": E, "kind": "primary", "movement": "generated",
                        "quantity_t": 800, "container": "C-001"},
                       {"date": "2025-04-10", "code": E, "kind": "primary", "movement": "transferred",
                        "quantity_t": 10, "container": "C-001", "receiver": "绿环处置", "manifest_no": "5001"}])
    res = evaluate(parse_assessment(doc))["dross"]
    assert res["code"] == E and res["hazards"] == ["reactivity", "toxicity"] and res["class"] == "电解铝灰"
    assert res["expected_primary_t"] == [1000.0, 1500.0] and res["expected_secondary_t"] == [500.0, 1000.0]
    assert res["compliance_pct"] == 85.7
    found = {f["id"]: f for f in res["findings"]}
    assert set(found) == {"generation_below_expected", "requirement_6.1.5", "requirement_6.1.8"}
    assert found["generation_below_expected"]["severity"] == "major"
    assert all(f["detail"] and f["detail_zh"] and f["detail_en"] for f in res["findings"])


def test_score_dross_null_for_alumina_and_classification_without_data():
    assert evaluate(parse_assessment(make_doc("alumina")))["dross"] is None
    res = evaluate(parse_assessment(make_doc("recycled")))["dross"]
    assert res["code"] == R and res["compliance_pct"] is None and res["findings"] == []


def test_score_as_of_and_filings_from_the_file():
    doc = _doc(requirements=dict(ALL_MET, **{"6.1.3": False}), as_of="2025-03-01")
    assert "declaration_overdue" not in [f["id"] for f in evaluate(parse_assessment(doc))["dross"]["findings"]]
    doc2 = copy.deepcopy(doc)
    doc2["dross"]["as_of"] = "2025-04-01"
    assert "declaration_overdue" in [f["id"] for f in evaluate(parse_assessment(doc2))["dross"]["findings"]]
    doc2["dross"]["filings"] = [{"kind": "declaration", "period": "2025", "date": "2025-03-30"}]
    assert "declaration_overdue" not in [f["id"] for f in evaluate(parse_assessment(doc2))["dross"]["findings"]]


def test_bad_filing_is_an_input_error():
    doc = _doc(filings=[{"kind": "ledger", "period": "2025", "date": "2025-04-01"}])
    with pytest.raises(InputError) as ei:
        parse_assessment(doc)
    assert ei.value.field == "dross.filings[1].period"
