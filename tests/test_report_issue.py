"""The report as issued: one report (one id, the same pages) from preview to signed copy, and the
report-side defects found in use, each read back from the PDF's text with pdfplumber."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re

import pdfplumber
import pytest

from alassess.services import records
from alassess.services import report as svc
from alassess.signing import identities
from alassess.store import repo
from alassess.store.db import open_db

PASS = b"issue tests passphrase"
CJK = re.compile(r"[\u4e00-\u9fff]")
LONG_MANIFEST = "5000002025123456789012"


def pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [p.extract_text() or "" for p in doc.pages]


def words(pdf: bytes) -> list[set[str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [{w["text"] for w in p.extract_words()} for p in doc.pages]


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end)]


@pytest.fixture(scope="module")
def electrolytic(demo_db):
    rows = [r for r in records.overview(demo_db) if r["sector"] == "electrolytic"]
    aid = max(rows, key=lambda r: r["period"])["id"]
    return aid, records.load(demo_db, aid)


@pytest.fixture(scope="module")
def troubled(electrolytic):
    """The demo plant's 2025 assessment with 6.1.4 and 6.1.6 not met, the 2025Q4 ledger not
    submitted, no in-plant recovery declared, and long manifest numbers."""
    a = copy.deepcopy(electrolytic[1])
    a.dross["requirements"]["6.1.4"] = False
    a.dross["requirements"]["6.1.6"] = False
    a.dross["self_utilization"] = False
    a.dross["filings"] = [f for f in a.dross.get("filings") or [] if f.get("period") != "2025Q4"]
    for e in a.dross["ledger"]:
        if e.get("manifest_no") and e["date"].startswith("2025"):
            e["manifest_no"] = LONG_MANIFEST
    return a


@pytest.fixture(scope="module")
def signer(tmp_path_factory):
    p12 = tmp_path_factory.mktemp("issue") / "s.p12"
    identities.create_identity("陈评估", "重庆市循环经济评估中心", p12, PASS)
    return p12


# ---- one report from preview to signed copy -------------------------------------------------------

def test_preview_saved_and_signed_copies_are_one_report(demo_db, tmp_path, signer):
    db = tmp_path / "d.db"
    db.write_bytes(demo_db.read_bytes())
    rows = [r for r in records.overview(db) if r["sector"] == "recycled" and r["status"] == "draft"]
    aid = rows[0]["id"]
    preview = svc.stored_report(db, aid, "en")
    saved = svc.issue_report(out=tmp_path / "u.pdf", lang="en", db_path=db, assessment_id=aid, preview=preview)
    signed = svc.issue_report(out=tmp_path / "s.pdf", lang="en", db_path=db, assessment_id=aid, identity=signer,
                              passphrase=PASS, sign=True, preview=preview)
    assert preview.report_id == saved.report_id == signed.report_id
    assert (tmp_path / "u.pdf").read_bytes() == preview.pdf  # the preview is what is saved
    signed_pdf = (tmp_path / "s.pdf").read_bytes()
    assert signed_pdf.startswith(preview.pdf) and len(signed_pdf) > len(preview.pdf)  # plus the signature
    for pdf in (preview.pdf, signed_pdf):
        assert all(f"Report ID: {preview.report_id}" in t for t in pages(pdf))
    result = svc.verify_pdf(tmp_path / "s.pdf")
    assert result.ok and result.report_id == preview.report_id
    store = open_db(db)
    try:
        (record,) = repo.list_reports(store, aid)  # the same report issued twice is one record
    finally:
        store.conn.close()
    assert record["report_id"] == preview.report_id and record["signed"] == 1


def test_the_same_report_made_again_has_the_same_id_and_pages(demo_db, electrolytic, tmp_path):
    aid, _ = electrolytic
    db = tmp_path / "d.db"
    db.write_bytes(demo_db.read_bytes())
    preview = svc.stored_report(db, aid, "zh")
    again = svc.issue_report(out=tmp_path / "r.pdf", lang="zh", db_path=db, assessment_id=aid, now=preview.created)
    assert again.report_id == preview.report_id
    assert pages((tmp_path / "r.pdf").read_bytes()) == pages(preview.pdf)


def test_report_id_differs_for_other_data_language_or_day(electrolytic):
    a = electrolytic[1]
    day = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    zh = svc.make_report(a, "zh", now=day).report_id
    assert svc.make_report(a, "zh", now=day + dt.timedelta(hours=3)).report_id == zh
    assert svc.make_report(a, "en", now=day).report_id != zh
    assert svc.make_report(a, "zh", now=day + dt.timedelta(days=1)).report_id != zh
    other = copy.deepcopy(a)
    other.assessor.name = "另一位评估人"
    assert svc.make_report(other, "zh", now=day).report_id != zh


def test_the_preview_is_made_from_the_stored_document_not_from_memory(demo_db, electrolytic):
    aid, stored = electrolytic
    edited = copy.deepcopy(stored)
    edited.assessor.name = "未保存的名字"
    when = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    preview = svc.stored_report(demo_db, aid, "zh", now=when)
    assert preview.data_sha256 == svc.make_report(stored, "zh", now=when).data_sha256
    assert "未保存的名字" not in "".join(pages(preview.pdf))


# ---- defects ------------------------------------------------------------------------------------

def test_english_table_headers_break_between_words(electrolytic):
    pdf = svc.make_report(electrolytic[1], "en").pdf
    texts, found = pages(pdf), words(pdf)
    n = next(i for i, t in enumerate(texts) if "Ledger summary" in t)
    for header in ("Used in-plant", "Transferred", "Adjusted", "Closing", "Days stored", "Over one year (t)"):
        for word in header.split():
            assert word in found[n] | found[min(n + 1, len(found) - 1)], (header, word)
    assert not any("in-pla" in w and w != "in-plant" for w in found[n])


def test_english_report_names_an_unmet_requirement_once_and_has_no_chinese_in_source_columns(troubled):
    body = "\n".join(pages(svc.make_report(troubled, "en").pdf))
    for line in body.splitlines():
        assert line.count("not met") <= 1, line
    assert "not met 6.1.6" in body
    clauses = between(body, "2 Basic requirements", "7 Aluminium dross")
    assert "Part 4" in clauses and "Table 1" in clauses and "003 2.(1)" in clauses
    header = troubled.plant.name
    for line in clauses.splitlines():
        rest = line.replace(header, "").replace("(产业链齐全)", "")
        assert not CJK.search(rest), line


def test_dross_section_prints_labels_not_ids(troubled):
    for lang, label in (("en", "Metal recovered in-plant"), ("zh", "厂内回收金属铝")):
        body = "\n".join(pages(svc.make_report(troubled, lang, now=dt.datetime(2026, 2, 1, tzinfo=dt.UTC)).pdf))
        dross = body[body.index("7 ", body.index("6 ")):]
        assert "self_utilization" not in dross and "ledger_submission_overdue" not in dross
        assert label in dross


def test_signature_page_says_the_same_true_thing_signed_or_not(electrolytic, signer):
    built = svc.make_report(electrolytic[1], "en")
    signed = svc.sign_report(built, identities.load_identity(signer, PASS))
    last_unsigned, last_signed = pages(built.pdf)[-1], pages(signed)[-1]
    assert last_signed == last_unsigned
    assert "leaves the signature box empty" not in last_signed
    assert "A signed report shows the electronic signature's stamp" in last_signed


def test_manifest_numbers_do_not_wrap_in_the_ledger(troubled):
    for lang in ("zh", "en"):
        texts = pages(svc.make_report(troubled, lang).pdf)
        appendix = "\n".join(texts[next(i for i, t in enumerate(texts) if t.count(LONG_MANIFEST) or "附录" in t):])
        transfers = [e for e in troubled.dross["ledger"] if e.get("manifest_no") == LONG_MANIFEST]
        assert appendix.count(LONG_MANIFEST) == len(transfers) > 0


def test_deadlines_are_evaluated_as_of_the_report_date(troubled):
    def q4(lang: str, when: dt.datetime) -> str:
        body = "\n".join(pages(svc.make_report(troubled, lang, now=when).pdf))
        return next(line for line in body.splitlines() if re.search(r"2025Q4 2026-01-15 — ", line))

    late = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    assert "已逾期" in q4("zh", late) and "未到期" not in q4("zh", late)
    assert "overdue" in q4("en", late)
    assert "未到期" in q4("zh", dt.datetime(2025, 12, 20, 9, tzinfo=dt.UTC))


def test_the_summary_lists_the_evaluations_findings_as_the_domain_classifies_them():
    from alassess.domain.assessment import parse_assessment
    from alassess.domain.findings import Severity, by_severity
    from alassess.services import scoring
    from tests.conftest import make_doc

    a = parse_assessment(make_doc("electrolytic", {"energy_output": 0.5, "alumina_output": 0.52,
                                                   "water_output": 0.6, "anode_output": 2.0}))
    evaluation = scoring.assess(a)
    assert any(f.id == "indicator_missing" for f in evaluation.findings)
    def flat(x: str | None) -> str:
        return re.sub(r"\s+", "", x or "")

    for lang in ("zh", "en"):
        with pdfplumber.open(io.BytesIO(svc.make_report(a, lang).pdf)) as doc:
            rows = {(flat(r[0]), flat(r[1])) for p in doc.pages[1:3] for t in p.extract_tables() for r in t
                    if len(r) == 2}
        listed = by_severity(evaluation.findings)[:12]
        # each finding in the domain's words, with the domain's severity, and nothing else
        assert {(flat(f.severity.text(lang)), flat(f.text(lang))) for f in listed} <= rows
        assert len([r for r in rows if r[0] in {flat(s.text(lang)) for s in Severity}]) == len(listed)
