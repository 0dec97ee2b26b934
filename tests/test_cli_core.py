"""The headless CLI: exit codes, one readable line on bad input, the §8 JSON output."""

import json
import os
import subprocess
import sys

import pytest

from alassess.cli import main
from tests.conftest import make_doc
from tests.test_scoring import ELECTROLYTIC_AVG


def run_cli(*args, env_lang="en_US.UTF-8"):
    env = {**os.environ, "LANG": env_lang, "LC_ALL": env_lang}
    env.pop("ALASSESS_LANG", None)
    return subprocess.run([sys.executable, "-m", "alassess", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=60)


def test_score_json_whole_process(write_doc):
    p = write_doc(make_doc("electrolytic", ELECTROLYTIC_AVG))
    r = run_cli("score", p, "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    ce = out["circular_economy"]
    assert ce["index"] == 72.27 and ce["grade"] == "3A" and ce["basic_requirements_met"] is True
    assert ce["indicators"][0] == {**ce["indicators"][0], "id": "energy_output", "value": 0.56, "benchmark": 0.61,
                                   "score": 91.8}
    assert ce["missing"] == []
    assert ce["next_grade"]["target"] == "4A"
    for key in ("guideline", "energy_carbon", "dross"):
        assert key in out


def test_bad_input_is_one_line_exit_2_no_traceback(write_doc):
    p = write_doc(make_doc("electrolytic", {"solid_waste_utilization_pct": 120}))
    r = run_cli("score", p, "--json")
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "values.solid_waste_utilization_pct" in lines[0]
    assert "Traceback" not in r.stderr


def test_message_language_follows_locale_and_flag(write_doc):
    doc = make_doc("electrolytic")
    doc["plant"]["sector"] = "steel"
    p = write_doc(doc)
    zh = run_cli("score", p, env_lang="zh_CN.UTF-8")
    assert zh.returncode == 2 and "行业" in zh.stderr
    en = run_cli("score", p, "--lang", "en", env_lang="zh_CN.UTF-8")
    assert en.returncode == 2 and "sector" in en.stderr and "行业" not in en.stderr
    zh2 = run_cli("--lang", "zh", "score", p)
    assert "行业" in zh2.stderr


def test_usage_errors_exit_2(tmp_path):
    r = run_cli("score")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = run_cli("score", tmp_path / "missing.json")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_plain_text_summary(write_doc, capsys):
    p = write_doc(make_doc("electrolytic", ELECTROLYTIC_AVG))
    assert main(["--lang", "zh", "score", str(p)]) == 0
    out = capsys.readouterr().out
    assert "72.27" in out and "3A" in out and "能源产出" in out


def test_import_export_round_trip(write_doc, db_path, tmp_path, capsys):
    doc = make_doc("electrolytic", ELECTROLYTIC_AVG)
    p = write_doc(doc)
    assert main(["import", str(p), "--db", str(db_path)]) == 0
    assert main(["import", str(p), "--db", str(db_path)]) == 0  # again: updates, never duplicates
    assert main(["list", "--db", str(db_path), "--json"]) == 0
    capsys.readouterr()
    assert main(["list", "--db", str(db_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and rows[0]["grade"] == "3A"
    out = tmp_path / "exported.json"
    assert main(["export", "--db", str(db_path), "--assessment", str(rows[0]["id"]), "--out", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["values"] == doc["values"]
    assert exported["plant"]["credit_code"] == doc["plant"]["credit_code"]


def test_export_unknown_assessment(db_path, tmp_path, capsys):
    assert main(["export", "--db", str(db_path), "--assessment", "99", "--out", str(tmp_path / "x.json")]) == 2
    assert "99" in capsys.readouterr().err


def test_demo_command(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db)]) == 0
    assert main(["list", "--db", str(db), "--json"]) == 0
    capsys.readouterr()
    main(["list", "--db", str(db), "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert {r["sector"] for r in rows} == {"alumina", "electrolytic", "recycled", "processing"}
    assert len({r["period"] for r in rows}) >= 3


@pytest.mark.parametrize("argv", [["--help"], ["score", "--help"]])
def test_help(argv, capsys):
    with pytest.raises(SystemExit) as ei:
        main(argv)
    assert ei.value.code == 0


def test_alassess_alone_opens_the_demo_until_the_user_has_a_database(tmp_path, monkeypatch):
    import alassess.ui.app as app
    from alassess.cli import main as cli_main
    from alassess.services.demo import demo_path
    from alassess.store.db import default_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    calls = []
    monkeypatch.setattr(app, "run", lambda path, demo=False, lang=None: calls.append((path, demo)) or 0)
    assert cli_main([]) == 0
    assert calls[-1] == (demo_path(), True)          # first run: the demo database, made now
    demo_path().parent.mkdir(parents=True, exist_ok=True)
    demo_path().write_bytes(b"")
    assert cli_main([]) == 0
    assert calls[-1] == (demo_path(), False)         # made once: the user's edits in it are kept
    default_path().write_bytes(b"")
    assert cli_main([]) == 0
    assert calls[-1] == (default_path(), False)      # once the user has a database, it opens that
    assert cli_main(["gui", "--db", str(tmp_path / "x.db")]) == 0
    assert calls[-1] == (tmp_path / "x.db", False)


def test_score_as_of_moves_the_dross_stock_ageing(write_doc, capsys):
    from alassess.cli import main as cli_main

    doc = make_doc("recycled", {"recycled_al_share_pct": 40})
    doc["dross"] = {"production_t": 1000, "self_utilization": False,
                    "ledger": [{"date": "2025-01-10", "code": "321-026-48", "kind": "primary",
                                "movement": "generated", "quantity_t": 90, "container": "D-1"}]}
    p = write_doc(doc)

    def findings(*extra):
        capsys.readouterr()
        assert cli_main(["score", str(p), "--json", *extra]) == 0
        d = json.loads(capsys.readouterr().out)["dross"]
        return d["as_of"], [f["id"] for f in d["findings"]]

    as_of, ids = findings()
    assert as_of == "2025-12-31" and "storage_over_one_year" not in ids
    as_of, ids = findings("--as-of", "2026-01-11")
    assert as_of == "2026-01-11" and "storage_over_one_year" in ids
    capsys.readouterr()
    assert cli_main(["score", str(p), "--as-of", "2026-02-30"]) == 2
    assert "--as-of" in capsys.readouterr().err
