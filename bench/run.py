"""Run every benchmark and print each figure beside its budget; write the results to JSON.

    python bench/run.py [--only NAME ...] [--quick] [--out bench/results.json]

Each ``bench/bench_*.py`` module has ``run() -> list[Figure]``. Benchmarks measure; they never
fail the test suite. The exit status is 0 when every figure is within its budget, else 1.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import json
import platform
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import common  # noqa: E402
from common import Figure  # noqa: E402


def modules() -> list[str]:
    return sorted(p.stem for p in HERE.glob("bench_*.py"))


def markdown(result: dict) -> str:
    rows = ["| benchmark | measured | budget | |", "| --- | ---: | ---: | --- |"]
    for f in result["figures"]:
        value = f"{f['value']:.3g}" if f["value"] < 100 else f"{f['value']:.0f}"
        rows.append(f"| {f['name']} | {value} {f['unit']} | {f['budget']:g} {f['unit']} | "
                    f"{'within' if f['within_budget'] else '**over**'} |")
    m = result.get("machine", {})
    rows.append("")
    rows.append(f"Measured {result.get('when', '')[:10]}, Python {m.get('python', '')}, {m.get('processor', '')}.")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="run only these modules (e.g. bench_score)")
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    ap.add_argument("--markdown", action="store_true",
                    help="print the figures of the last results file as a Markdown table (for the README) and exit")
    ap.add_argument("--quick", action="store_true",
                    help="smaller sizes where a benchmark has them (bench_floor: 10k/100k rows, 10/100 plants)")
    args = ap.parse_args(argv)
    common.QUICK = args.quick
    if args.markdown:
        print(markdown(json.loads(args.out.read_text(encoding="utf-8"))))
        return 0
    names = [n for n in modules() if not args.only or n in args.only or n.removeprefix("bench_") in args.only]
    figures: list[Figure] = []
    errors: dict[str, str] = {}
    print(f"{'benchmark':<70} {'measured':>12} {'budget':>10}  ")
    for name in names:
        try:
            mod = importlib.import_module(name)
            got = mod.run()
        except Exception as exc:  # a broken benchmark is reported, the others still run
            errors[name] = f"{type(exc).__name__}: {exc}"
            print(f"{name:<70} {'ERROR':>12}  {errors[name]}")
            traceback.print_exc(file=sys.stderr)
            continue
        for f in got:
            figures.append(f)
            mark = "ok" if f.within else "OVER"
            print(f"{f.name:<70} {f.value:>10.3f} {f.unit:<2}{f.budget:>8.3g} {f.unit:<2} {mark}"
                  + (f"  ({f.detail})" if f.name.startswith(("floor:", "scaling:")) else ""))
    new = [f.as_dict() for f in figures]
    if args.only and args.out.exists():
        # a partial run replaces the figures of the modules it ran and keeps the others
        ran = {n.removeprefix("bench_") for n in names}
        try:
            old = json.loads(args.out.read_text(encoding="utf-8")).get("figures", [])
        except (OSError, ValueError):
            old = []
        new = [f for f in old if f["name"].split(":")[0] not in ran] + new
        new.sort(key=lambda f: f["name"])
    result = {"when": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
              "machine": {"python": platform.python_version(), "platform": platform.platform(),
                          "processor": platform.processor() or platform.machine()},
              "figures": new, "errors": errors}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0 if not errors and all(f.within for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
