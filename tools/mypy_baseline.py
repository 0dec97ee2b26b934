"""mypy with a baseline that only shrinks.

Runs mypy once over the package (configuration in pyproject.toml: strict for the domain, the
catalogue of words and the standards data; the default checks elsewhere) and compares its errors
with ``tools/mypy_baseline.txt``: per file, each distinct message (line numbers left out, so that
an edit above an old error does not make it "new") with how many times it occurs.

    python tools/mypy_baseline.py            # fail (exit 1) on any error not in the baseline
    python tools/mypy_baseline.py --update   # after fixing errors: write the smaller baseline

``--update`` never adds an error nor raises a count: the checked-in baseline can only go down.
When code moves between files (a module split into a package), its errors move with it and show
as new: ``--moved`` then rewrites the baseline from this run, only if the total is no higher.
A new error is fixed in the code (or, where mypy is wrong, silenced on its line with
``# type: ignore[code]`` and a reason), never added to the baseline. ``--init`` writes the
baseline from scratch (only for adopting the tool).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tools" / "mypy_baseline.txt"
_ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):(?P<line>\d+)(?::\d+)?: error: (?P<message>.*)$")
_LINE_REF = re.compile(r"\bline \d+\b")
HEADER = ("# mypy errors accepted for now (tools/mypy_baseline.py): count<TAB>file<TAB>message.\n"
          "# Only ever shrinks: fix errors, then run `python tools/mypy_baseline.py --update`.\n")


def parse(output: str) -> Counter[tuple[str, str]]:
    """(file, message) → how often, from mypy's output; notes and the summary are not errors."""
    found: Counter[tuple[str, str]] = Counter()
    for line in output.splitlines():
        m = _ERROR.match(line.strip())
        if m:
            path = m["path"].replace("\\", "/")
            found[(path, _LINE_REF.sub("line N", m["message"].strip()))] += 1
    return found


def read_baseline(path: Path | None = None) -> Counter[tuple[str, str]]:
    path = path or BASELINE
    out: Counter[tuple[str, str]] = Counter()
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        count, file, message = line.split("\t", 2)
        out[(file, message)] += int(count)
    return out


def write_baseline(errors: Counter[tuple[str, str]], path: Path | None = None) -> None:
    path = path or BASELINE
    lines = [f"{n}\t{file}\t{message}\n" for (file, message), n in sorted(errors.items()) if n > 0]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


def compare(current: Counter[tuple[str, str]], baseline: Counter[tuple[str, str]]
            ) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """(new errors beyond the baseline, baselined errors that are gone), each with its count."""
    new = Counter({k: n - baseline[k] for k, n in current.items() if n > baseline[k]})
    gone = Counter({k: n - current[k] for k, n in baseline.items() if n > current[k]})
    return new, gone


def run_mypy() -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "mypy", "--no-pretty", "--no-error-summary"], cwd=ROOT,
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--update", action="store_true", help="write the baseline without the errors now fixed")
    group.add_argument("--moved", action="store_true",
                       help="code moved between files: rewrite the baseline from this run if the total is no higher")
    group.add_argument("--init", action="store_true", help="write the baseline from this run (adopting the tool)")
    args = ap.parse_args(argv)

    status, output = run_mypy()
    current = parse(output)
    if status not in (0, 1) or (status == 1 and not current):  # mypy itself failed (configuration, crash)
        sys.stderr.write(output)
        sys.stderr.write(f"mypy did not run to the end (exit {status})\n")
        return 2
    if args.init:
        write_baseline(current)
        print(f"baseline written: {sum(current.values())} errors")
        return 0
    baseline = read_baseline()
    if args.moved:
        before, after = sum(baseline.values()), sum(current.values())
        if after > before:
            print(f"not rewritten: {after} errors now, {before} in the baseline (it is never raised)")
            return 1
        write_baseline(current)
        print(f"baseline rewritten for moved code: {before} → {after} errors")
        return 0
    new, gone = compare(current, baseline)
    if args.update:
        write_baseline(Counter({k: min(n, current[k]) for k, n in baseline.items()}))
        print(f"baseline: {sum(baseline.values())} → {sum(min(n, current[k]) for k, n in baseline.items())} errors")
    for (file, message), n in sorted(new.items()):
        print(f"new mypy error{' ×' + str(n) if n > 1 else ''}: {file}: {message}")
    if new:
        print("\nThese errors are not in tools/mypy_baseline.txt; fix them (run `python -m mypy` for the line "
              "numbers). The baseline is never raised.")
        return 1
    if gone and not args.update:
        print(f"mypy: {sum(gone.values())} baselined error(s) fixed — shrink the baseline: "
              "python tools/mypy_baseline.py --update, and commit tools/mypy_baseline.txt")
    print(f"mypy: {sum(current.values())} errors, none new (baseline {sum(baseline.values())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
