"""The drawing code stays in small pieces: no function in alassess/reports/ longer than 60 lines or
more complex than 15 (McCabe) unless a comment on its ``def`` line says why (``# long: …``)."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

import alassess.reports

ROOT = Path(alassess.reports.__file__).parent
MAX_LINES = 60
MAX_COMPLEXITY = 15


def _functions():
    for path in sorted(ROOT.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield path, node, lines[node.lineno - 1]


def test_no_function_is_longer_than_sixty_lines_without_a_reason():
    long = [f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for path, node, line in _functions()
            if node.end_lineno - node.lineno + 1 > MAX_LINES and "# long:" not in line]
    assert long == []


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_no_function_is_more_complex_than_fifteen():
    r = subprocess.run(["ruff", "check", "--no-cache", "--select", "C901", "--config",
                        f"lint.mccabe.max-complexity={MAX_COMPLEXITY}", str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
