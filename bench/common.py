"""Shared helpers for the benchmarks: timing whole processes, building inputs, reporting figures."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUICK = False  # run.py --quick: the smaller sizes only


@dataclass
class Figure:
    """One measured figure beside its budget (lower is better)."""

    name: str
    value: float
    budget: float
    unit: str
    issue: str = ""
    detail: str = ""

    @property
    def within(self) -> bool:
        return self.value <= self.budget

    def as_dict(self) -> dict:
        d = asdict(self)
        d["within_budget"] = self.within
        return d


def alassess_cmd(*args: str) -> list[str]:
    """The command line of the installed application, run by the current interpreter."""
    return [sys.executable, "-m", "alassess", *args]


def env(**extra: str) -> dict[str, str]:
    """The environment of a measured process. Python may write its byte-code caches, as it does on a
    user's machine (pip compiles them at install; the bundle ships them): a shell that forbids them
    (PYTHONDONTWRITEBYTECODE) would make every start compile the sources again. The figures are
    medians, so the first run, which writes the caches, does not count."""
    e = dict(os.environ)
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    e.update(extra)
    return e


def time_process(cmd: Sequence[str], *, repeat: int = 5, cwd: Path | None = None,
                 extra_env: dict[str, str] | None = None) -> float:
    """Median wall time of a whole process (start-up included), in seconds; fails loudly."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run(list(cmd), cwd=cwd, env=env(**(extra_env or {})), capture_output=True)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return statistics.median(times)


def time_call(fn: Callable[[], object], *, repeat: int = 3) -> float:
    """Median wall time of an in-process call, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
