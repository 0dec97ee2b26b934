"""Commands that need no heavy library do not import one: ``list``, ``score`` and ``ledger summary``
run without pandas, numpy, reportlab or pyHanko in the process (each is imported by the command that
needs it, with a ``# deferred:`` reason)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alassess.cli import main
from tests.conftest import make_doc

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "reportlab", "pyhanko")

PROBE = """
import sys
import alassess.cli
code = alassess.cli.main(sys.argv[1:])
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
sys.stdout.write("\\nLOADED=" + ",".join(loaded) + "\\n")
sys.exit(code)
""" % (HEAVY,)


def _loaded(*args: str) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env,
                          cwd=str(ROOT), timeout=120)
    assert proc.returncode == 0, proc.stderr
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("LOADED=")][-1]
    return [m for m in line.removeprefix("LOADED=").split(",") if m]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("start") / "demo.db"
    assert main(["demo", "--db", str(path)]) == 0
    return path


def test_list_imports_no_heavy_library(demo_db):
    assert _loaded("list", "--db", str(demo_db)) == []


def test_ledger_summary_imports_no_heavy_library(demo_db):
    assert _loaded("ledger", "summary", "--db", str(demo_db), "--plant", "1", "--period", "2025") == []


def test_score_imports_no_heavy_library(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(make_doc("electrolytic", {"energy_output": 0.5})), encoding="utf-8")
    assert _loaded("score", str(path), "--json") == []
