"""Crash safety: a process applying edits is killed with SIGKILL at random moments, over and over;
after each kill the database must pass ``integrity_check`` and hold every acknowledged edit.

The child (``tests/crash_child.py``) prints ``ACK`` only after ``repo.set_value`` (or an attachment)
committed. Kills land anywhere: during interpreter start, opening, the rotating backup taken on
open (forced on every start here), schema creation on the first run, and the edits themselves.
The random choices are seeded, so a failure can be replayed. SIGKILL stops the process, not the
machine: what reaches the operating system survives; surviving a power cut additionally relies
on ``synchronous=FULL`` (an fsync at every commit), which a test cannot pull the plug on.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from alassess.store import attachments, audit, backup
from alassess.store import db as store_db
from alassess.store.db import open_db

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 60
SEED = 20250601

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def _run_once(db_path: Path, first: int, after_acks: int, before_ready: bool) -> tuple[list[str], int]:
    env = {**os.environ, "ALASSESS_BACKUP_INTERVAL": "0", "ALASSESS_BACKUP_KEEP": "3", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, str(CHILD), str(db_path), str(first)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    acks: list[str] = []
    assert proc.stdout is not None
    if not before_ready:
        line = proc.stdout.readline().decode()
        if not line.startswith("READY"):
            proc.kill()
            raise AssertionError(f"child did not start: {line!r} {proc.stderr.read().decode()}")
        while len(acks) < after_acks:
            line = proc.stdout.readline().decode()
            if not line:
                break
            acks.append(line)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    # lines the child wrote before it died were acknowledged too: read what is left in the pipe
    rest = proc.stdout.read().decode().splitlines(keepends=True)
    acks.extend(ln for ln in rest if ln.startswith("ACK") and ln.endswith("\n"))
    proc.stdout.close()
    proc.stderr.close()
    return acks, proc.returncode


def test_sigkill_never_loses_an_acknowledged_edit(tmp_path, capsys):
    rng = random.Random(SEED)
    db_path = tmp_path / "crash.db"
    acked: dict[int, tuple[str, str]] = {}
    next_n = 0
    kills = 0
    for cycle in range(KILLS):
        before_ready = cycle == 0 or rng.random() < 0.1
        after = rng.choice([0, 1, 2, 3, 5, 8, 13, 21, 34])
        acks, rc = _run_once(db_path, next_n, after, before_ready)
        assert rc == -signal.SIGKILL
        kills += 1
        for line in acks:
            _, n, what, val = line.split()
            acked[int(n)] = (what, val)
        if acked:
            next_n = max(acked) + 2  # skip the one that may be in flight: values stay unique
        _check(db_path, acked)
    found = _check(db_path, acked)
    with capsys.disabled():
        print(f"\n[kill test] kills: {kills}, edits acknowledged: {len(acked)}, edits found: {found}, "
              f"seed: {SEED}")
    assert kills >= 50 and found == len(acked) and len(acked) > 200


def _check(db_path: Path, acked: dict[int, tuple[str, str]]) -> int:
    """Integrity, every acknowledged edit in the log, current values at least as new; returns found."""
    if not db_path.exists():
        assert not acked
        return 0
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    store_db.forget(db_path)
    db = open_db(db_path)
    try:
        logged = {(r[0], r[1]) for r in db.execute("SELECT field, new FROM audit_log")}
        current = {r[0]: r[1] for r in db.execute("SELECT field_id, value FROM field_values")}
        att_rows = {r["id"]: r for r in db.query("SELECT * FROM attachments")}
        found = 0
        last: dict[str, int] = {}
        for n, (what, val) in sorted(acked.items()):
            if what == "@attachment":
                row = att_rows.get(int(val))
                assert row is not None, f"acknowledged attachment {val} (edit {n}) lost"
                assert attachments.read(db, row["id"]) == f"evidence {n}\n".encode()
            else:
                assert (what, val) in logged, f"acknowledged edit {n} ({what} = {val}) missing from the log"
                last[what] = int(val)
            found += 1
        for fid, v in last.items():
            # the stored value is the last acknowledged one, or one edit newer (committed, killed
            # before its acknowledgement was written)
            assert int(current[fid]) >= v, f"{fid}: stored {current[fid]}, acknowledged {v}"
        report = audit.verify(db)
        assert report.ok, [p.message() for p in report.problems]
        for b in backup.list_backups(db_path):  # a backup interrupted by a kill is never listed
            assert backup.check_backup(b.path) is None, b.path
        return found
    finally:
        db.conn.close()
