"""Faults of the disk or of another program are not damage (the attack: a read-only folder and a full
disk said "the database is damaged … restore --latest", a read-only file gave "internal error: attempt
to write a readonly database", a lock held by another process waited 30 s, then "internal error:
database is locked").

Each fault is made for real. The tests run as root here, where permission bits stop nothing, so a
read-only file or folder is made immutable with ``chattr +i`` (as root) or with ``chmod`` (as anyone
else); a full disk is a 400 KB tmpfs mounted in a private user and mount namespace
(``unshare -rm``, no privileges needed); a lock is another process holding ``BEGIN EXCLUSIVE``.
A test is skipped only where the system offers none of these.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import make_doc

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    e = {**os.environ, "PYTHONPATH": str(ROOT), "ALASSESS_LANG": "en", "ALASSESS_BACKUP_KEEP": "0", **(env or {})}
    return subprocess.run([sys.executable, "-m", "alassess", *args], capture_output=True, text=True, env=e,
                          timeout=120, cwd=cwd)


def one_line(r: subprocess.CompletedProcess) -> str:
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "internal error" not in lines[0] and "damaged" not in lines[0] and "restore" not in lines[0], lines[0]
    return lines[0]


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as c:
        return c.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def stored(tmp_path, write_doc) -> tuple[Path, Path, Path]:
    """A database with one assessment (closed: no -wal left), and a second file to import."""
    db = tmp_path / "data" / "a.db"
    first = write_doc(make_doc("electrolytic"), "a.json")
    doc = make_doc("electrolytic")
    doc["period"] = "2024"
    second = write_doc(doc, "b.json")
    assert run("import", str(first), "--db", str(db)).returncode == 0
    return db, first, second


class ReadOnly:
    """Make a path read-only for real, and undo it."""

    def __init__(self) -> None:
        self.done: list[tuple[str, Path]] = []

    def __call__(self, path: Path) -> None:
        if os.geteuid() == 0:
            if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
                pytest.skip("no way to make a file read-only for root here (chattr +i)")
            self.done.append(("chattr", path))
        else:
            path.chmod(0o555 if path.is_dir() else 0o444)
            self.done.append(("chmod", path))

    def undo(self) -> None:
        for how, path in reversed(self.done):
            if how == "chattr":
                subprocess.run(["chattr", "-i", str(path)])
            else:
                path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def readonly():
    ro = ReadOnly()
    yield ro
    ro.undo()


def test_a_read_only_folder_is_not_damage(stored, readonly):
    db, _, second = stored
    readonly(db.parent)
    r = run("import", str(second), "--db", str(db))
    assert r.returncode == 2
    line = one_line(r)
    assert "read-only" in line and str(db.parent) in line
    readonly.undo()
    assert integrity(db) == "ok"


def test_a_read_only_file_is_not_an_internal_error(stored, readonly):
    db, _, second = stored
    readonly(db)
    r = run("import", str(second), "--db", str(db))
    assert r.returncode == 2
    assert "the file is read-only" in one_line(r)
    r = run("list", "--db", str(db))  # reading still works
    assert r.returncode == 0 and "2025" in r.stdout
    readonly.undo()
    assert integrity(db) == "ok"


def test_a_full_disk_is_not_damage(stored, tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not available")
    db, _, second = stored
    mnt = tmp_path / "small"
    mnt.mkdir()
    script = textwrap.dedent(f"""
        set -e
        mount -t tmpfs -o size=400k tmpfs {mnt}
        cp {db} {mnt}/a.db
        dd if=/dev/zero of={mnt}/fill bs=1k count=1000 2>/dev/null || true
        set +e
        {sys.executable} -m alassess import {second} --db {mnt}/a.db
        echo "rc=$?"
        rm {mnt}/fill
        {sys.executable} -c "import sqlite3; print('check=' + sqlite3.connect('{mnt}/a.db').execute('PRAGMA integrity_check').fetchone()[0])"
        """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ALASSESS_LANG": "en", "ALASSESS_BACKUP_KEEP": "0"}
    r = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=120)
    if "mount:" in r.stderr and "rc=" not in r.stdout:
        pytest.skip(f"cannot mount a small tmpfs here: {r.stderr.strip()}")
    assert "rc=2" in r.stdout, r.stdout + r.stderr
    line = one_line(subprocess.CompletedProcess([], 2, "", r.stderr))
    assert "disk holding" in line and "full" in line
    assert "check=ok" in r.stdout


def test_a_locked_database_names_the_holder_quickly(stored):
    db, _, second = stored
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        c = sqlite3.connect({str(db)!r}, isolation_level=None)
        c.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        t = time.monotonic()
        r = run("import", str(second), "--db", str(db), env={"ALASSESS_BUSY_TIMEOUT": "0.5"})
        assert time.monotonic() - t < 20
        assert r.returncode == 2
        line = one_line(r)
        assert "in use by another program" in line and f"pid {holder.pid}" in line
    finally:
        holder.kill()
        holder.wait()
    r = run("import", str(second), "--db", str(db))  # once released, the same command works
    assert r.returncode == 0, r.stderr
    assert integrity(db) == "ok"


def test_real_damage_is_still_damage(stored):
    db, _, second = stored
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])  # cut in half
    r = run("import", str(second), "--db", str(db))
    assert r.returncode == 2 and "damaged" in r.stderr


def test_the_desktop_application_offers_to_retry_a_locked_save(app, qtbot, demo_copy, monkeypatch):
    """An edit refused because another program holds the lock: the window says so and Retry saves it."""
    from PySide6.QtWidgets import QMessageBox

    from tests.gui_fixtures import find_assessment, open_assessment, open_window, stored_values, type_text

    monkeypatch.setenv("ALASSESS_BUSY_TIMEOUT", "0.3")
    aid = find_assessment(demo_copy, "electrolytic", "2025")
    w = open_window(qtbot, demo_copy)
    form = open_assessment(w, qtbot, aid)
    w.saver.flush()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, time
        c = sqlite3.connect({str(demo_copy)!r}, isolation_level=None)
        c.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    shown: list[str] = []

    def answer(box):  # the user reads the message, the other program finishes, the user presses Retry
        shown.append(box.text())
        holder.kill()
        holder.wait()
        next(b for b in box.buttons() if b.text() == "Retry").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    try:
        assert holder.stdout.readline().strip() == "locked"
        editor = form.editor_for("values.solid_waste_utilization_pct")
        editor.selectAll()
        type_text(qtbot, editor, "77")
        qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    finally:
        holder.kill()
        holder.wait()
    assert "in use by another program" in shown[0] and "internal error" not in shown[0]
    w.saver.flush()
    assert float(stored_values(demo_copy, aid)["solid_waste_utilization_pct"]) == 77
    w.close()
