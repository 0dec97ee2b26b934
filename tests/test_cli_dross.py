"""``alassess score`` with a dross section: the ``dross`` object of the JSON output, bad input in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import make_doc

E = "321-024-48"
REQS = {rid: True for rid in ("6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.1.5", "6.1.6", "6.1.7", "6.1.8", "6.1.9",
                              "6.1.10", "6.2.1", "6.2.2", "6.2.3", "6.3")}


def run_cli(*args, lang="en"):
    env = {**os.environ, "ALASSESS_LANG": lang}
    return subprocess.run([sys.executable, "-m", "alassess", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=60)


def _doc(**dross):
    return make_doc("electrolytic", dross=dross)


def test_violating_ledger_in_the_score_output(write_doc):
    p = write_doc(_doc(
        production_t=100000, self_utilization=True, secondary_generated_t=600,
        requirements=dict(REQS, **{"6.1.6": False}),
        receivers=[{"name": "绿环", "licence_no": "L-1", "codes": [E], "valid_from": "2025-01-01", "valid_to": "2025-06-30"}],
        ledger=[{"date": "2025-01-02", "code": E, "kind": "primary", "movement": "generated", "quantity_t": 1200,
                 "container": "C-1"},
                {"date": "2025-07-10", "code": E, "kind": "primary", "movement": "transferred", "quantity_t": 100,
                 "container": "C-1", "receiver": "绿环"}]))
    r = run_cli("score", p, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)["dross"]
    assert d["code"] == E and d["hazards"] == ["reactivity", "toxicity"]
    assert d["expected_primary_t"] == [1000.0, 1500.0] and d["expected_secondary_t"] == [500.0, 1000.0]
    sev = {f["id"]: f["severity"] for f in d["findings"]}
    assert sev == {"licence_expired": "critical", "missing_manifest": "critical", "requirement_6.1.6": "critical"}
    assert d["compliance_pct"] == 92.9
    assert any("2025-07-10" in f["detail"] for f in d["findings"])


def test_generation_differing_from_the_ledger_is_scored_with_a_note_naming_the_field(write_doc):
    p = write_doc(_doc(production_t=100000, primary_generated_t=1200,
                       ledger=[{"date": "2025-01-02", "code": E, "kind": "primary", "movement": "generated",
                                "quantity_t": 12.5}]))
    r = run_cli("score", p, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)["dross"]
    assert "generation_below_expected" not in [f["id"] for f in d["findings"]]  # 1200 t is within 1000–1500
    assert any("dross.primary_generated_t" in n and "12.5" in n for n in d["notes"])


def test_text_summary_in_chinese(write_doc):
    p = write_doc(_doc(requirements=dict(REQS, **{"6.1.3": False})))
    r = run_cli("score", p, lang="zh")
    assert r.returncode == 0, r.stderr
    assert "declaration_overdue" in r.stdout and "2025 年管理计划和申报登记应于 2025-03-31 前" in r.stdout
