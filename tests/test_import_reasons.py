"""An import inside a function says why it is there: a ``# deferred: <reason>`` comment on the
import or on the lines just above its block (start-up time, an optional dependency, a library
that must be imported in a particular way). Everything else is imported at the top of the module,
so that import circles show (the import-linter contracts forbid them)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _reasoned(lines: list[str], lineno: int) -> bool:
    """A ``deferred:`` comment on the import's line or above it, within its block of imports."""
    i = lineno - 1
    if "# deferred:" in lines[i]:
        return True
    i -= 1
    while i >= 0:
        text = lines[i].strip()
        if text.startswith("# deferred:"):
            return True
        if text and not text.startswith(("#", "import ", "from ")) and not text.startswith(")"):
            if not (text.endswith(",") or text.endswith("(")):  # inside a parenthesised import
                return False
        i -= 1
    return False


def test_every_import_inside_a_function_says_why():
    missing = []
    for path in sorted((ROOT / "alassess").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, (ast.Import, ast.ImportFrom)) and not _reasoned(lines, sub.lineno):
                    missing.append(f"{path.relative_to(ROOT).as_posix()}:{sub.lineno}: {lines[sub.lineno - 1].strip()}")
    missing = sorted(set(missing))
    assert not missing, ("move these imports to the top of the module, or say why they cannot be there "
                         "with a '# deferred: …' comment:\n" + "\n".join(missing))
