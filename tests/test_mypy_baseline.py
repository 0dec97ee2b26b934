"""The mypy baseline only shrinks: a new error fails, a fixed one can be dropped, none can be added."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

_spec = importlib.util.spec_from_file_location("mypy_baseline", Path(__file__).parent.parent / "tools" / "mypy_baseline.py")
assert _spec is not None and _spec.loader is not None
mb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mb)

OUTPUT = """\
alassess/store/repo.py:126: error: Item "View" of "Table | View" has no attribute "insert"  [union-attr]
alassess/store/repo.py:131: error: Item "View" of "Table | View" has no attribute "insert"  [union-attr]
alassess/signing/sign.py:66: note: By default the bodies of untyped functions are not checked
alassess/ui/forms.py:12: error: Name "x" already defined on line 8  [no-redef]
Found 3 errors in 2 files (checked 91 source files)
"""


def test_errors_are_counted_per_file_and_message_without_line_numbers():
    found = mb.parse(OUTPUT)
    assert found == Counter({
        ("alassess/store/repo.py", 'Item "View" of "Table | View" has no attribute "insert"  [union-attr]'): 2,
        ("alassess/ui/forms.py", 'Name "x" already defined on line N  [no-redef]'): 1,
    })


def test_a_new_error_or_one_more_of_the_same_is_new_and_a_fixed_one_is_gone():
    baseline = mb.parse(OUTPUT)
    same_moved = mb.parse(OUTPUT.replace(":126:", ":140:").replace("line 8", "line 9"))
    assert mb.compare(same_moved, baseline) == (Counter(), Counter())
    more = mb.parse(OUTPUT + 'alassess/store/repo.py:200: error: Item "View" of "Table | View" has no attribute '
                             '"insert"  [union-attr]\n'
                             "alassess/cli/core.py:3: error: Returning Any  [no-any-return]\n")
    new, gone = mb.compare(more, baseline)
    assert new == Counter({("alassess/store/repo.py", 'Item "View" of "Table | View" has no attribute "insert"  '
                                                      "[union-attr]"): 1,
                           ("alassess/cli/core.py", "Returning Any  [no-any-return]"): 1})
    assert gone == Counter()
    fewer = mb.parse(OUTPUT.splitlines()[0])
    new, gone = mb.compare(fewer, baseline)
    assert new == Counter() and sum(gone.values()) == 2


def test_the_baseline_file_round_trips(tmp_path):
    path = tmp_path / "baseline.txt"
    errors = mb.parse(OUTPUT)
    mb.write_baseline(errors, path)
    assert path.read_text(encoding="utf-8").startswith("#")
    assert mb.read_baseline(path) == errors


def test_update_never_raises_the_baseline(tmp_path, monkeypatch, capsys):
    path = tmp_path / "baseline.txt"
    mb.write_baseline(mb.parse(OUTPUT), path)
    monkeypatch.setattr(mb, "BASELINE", path)
    worse = OUTPUT.splitlines()[0] + "\nalassess/cli/core.py:3: error: Returning Any  [no-any-return]\n"
    monkeypatch.setattr(mb, "run_mypy", lambda: (1, worse))
    assert mb.main(["--update"]) == 1  # the new error still fails
    assert "new mypy error: alassess/cli/core.py: Returning Any" in capsys.readouterr().out
    assert mb.read_baseline(path) == mb.parse(OUTPUT.splitlines()[0])  # one fixed error dropped, none added
    monkeypatch.setattr(mb, "run_mypy", lambda: (2, "pyproject.toml: error: bad config"))
    assert mb.main([]) == 2  # mypy that did not run is no pass


def test_moved_code_rewrites_the_baseline_only_when_the_total_does_not_grow(tmp_path, monkeypatch, capsys):
    path = tmp_path / "baseline.txt"
    mb.write_baseline(mb.parse(OUTPUT), path)  # 3 errors
    monkeypatch.setattr(mb, "BASELINE", path)
    moved = OUTPUT.replace("alassess/store/repo.py", "alassess/store/repo/tables.py")
    monkeypatch.setattr(mb, "run_mypy", lambda: (1, moved))
    assert mb.main([]) == 1  # moved errors look new …
    assert mb.main(["--moved"]) == 0 and mb.read_baseline(path) == mb.parse(moved)  # … and are taken over
    more = moved + "alassess/cli/core.py:3: error: Returning Any  [no-any-return]\n"
    monkeypatch.setattr(mb, "run_mypy", lambda: (1, more))
    assert mb.main(["--moved"]) == 1 and mb.read_baseline(path) == mb.parse(moved)  # never more errors
