"""Rotating backups on open, manual backup and restore, damaged databases detected on open."""

import os
import shutil
import sqlite3
import time

import pytest

from alassess.cli import main
from alassess.domain.assessment import parse_assessment
from alassess.store import backup, repo
from alassess.store import db as store_db
from alassess.store.backup import DatabaseDamagedError
from alassess.store.db import open_db
from tests.conftest import make_doc


@pytest.fixture(autouse=True)
def no_interval(monkeypatch):
    monkeypatch.setenv("ALASSESS_BACKUP_INTERVAL", "0")


def reopen(path):
    """Open as a new process would (the per-process check runs again)."""
    store_db.forget(path)
    return open_db(path)


def make_db(path, energy=0.5):
    db = open_db(path)
    aid, _ = repo.save_assessment(db, parse_assessment(make_doc("electrolytic", {"energy_output": energy})))
    db.conn.close()
    return aid


def energy(path, aid=1):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value FROM field_values WHERE assessment_id = ? AND field_id = 'energy_output'",
                            [aid]).fetchone()[0]
    finally:
        conn.close()


def touch_later(path):
    """Make the database look changed after the last backup (mtime granularity on some file systems)."""
    t = time.time() + 5
    os.utime(path, (t, t))


def test_open_takes_a_rotating_backup_only_when_changed(db_path, monkeypatch):
    monkeypatch.setenv("ALASSESS_BACKUP_KEEP", "3")
    make_db(db_path)
    assert backup.list_backups(db_path) == []  # a new database has nothing to back up
    reopen(db_path).conn.close()
    first = backup.list_backups(db_path)
    assert len(first) == 1 and first[0].kind == "auto"
    reopen(db_path).conn.close()
    assert len(backup.list_backups(db_path)) == 1  # unchanged: no new copy
    for i in range(5):
        db = reopen(db_path)
        repo.set_value(db, 1, "energy_output", 0.5 + i / 100)
        db.conn.close()
        touch_later(db_path)
    backups = backup.list_backups(db_path)
    assert len(backups) == 3  # keep the newest N
    newest = sqlite3.connect(backups[0].path)
    assert newest.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    assert newest.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_no_backup_within_the_interval(db_path, monkeypatch):
    monkeypatch.setenv("ALASSESS_BACKUP_INTERVAL", "300")
    make_db(db_path)
    reopen(db_path).conn.close()
    db = reopen(db_path)
    repo.set_value(db, 1, "energy_output", 0.7)
    db.conn.close()
    touch_later(db_path)
    reopen(db_path).conn.close()
    assert len(backup.list_backups(db_path)) == 1


def test_manual_backup_and_restore_keep_the_current_file(db_path, tmp_path, capsys):
    make_db(db_path, 0.5)
    out = tmp_path / "safe.db"
    assert main(["backup", "--db", str(db_path), "--out", str(out)]) == 0
    assert "backup written to" in capsys.readouterr().out
    db = reopen(db_path)
    repo.set_value(db, 1, "energy_output", 0.9)
    db.conn.close()
    assert main(["restore", "--db", str(db_path), "--from", str(out)]) == 0
    msg = capsys.readouterr().out
    assert "restored from" in msg and "kept as" in msg
    assert energy(db_path) == "0.5"
    aside = backup.list_backups(db_path, kinds=("replaced",))
    assert len(aside) == 1 and energy(aside[0].path) == "0.9"  # the replaced file survives, with its edits
    db = open_db(db_path)
    assert float(repo.get_values(db, 1)["energy_output"]) == 0.5


def test_manual_backups_are_never_rotated(db_path, monkeypatch):
    monkeypatch.setenv("ALASSESS_BACKUP_KEEP", "1")
    make_db(db_path)
    backup.make_backup(db_path)
    for i in range(3):
        db = reopen(db_path)
        repo.set_value(db, 1, "energy_output", 0.6 + i / 10)
        db.conn.close()
        touch_later(db_path)
    kinds = [b.kind for b in backup.list_backups(db_path)]
    assert kinds.count("manual") == 1 and kinds.count("auto") == 1


@pytest.mark.parametrize("damage", ["truncate", "garbage", "page", "zero"])
def test_damaged_database_is_detected_on_open(db_path, damage, capsys):
    make_db(db_path, 0.5)
    reopen(db_path).conn.close()  # the backup of the good file
    good = backup.list_backups(db_path)[0].path
    db = reopen(db_path)
    for i in range(30):  # more edits after the backup, then a checkpoint into the main file
        repo.set_value(db, 1, "dross.production_t", 1000 + i)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    data = db_path.read_bytes()
    if damage == "truncate":
        db_path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        db_path.write_bytes(b"PK\x03\x04 not a database at all" * 50)
    elif damage == "page":
        page = 4096
        db_path.write_bytes(data[:page * 2] + os.urandom(page) + data[page * 3:])
    else:
        db_path.write_bytes(b"")
    store_db.forget(db_path)
    with pytest.raises(DatabaseDamagedError) as ei:
        open_db(db_path)
    assert ei.value.backup == good
    msg = ei.value.message("en")
    assert f"database {db_path} is damaged" in msg and str(good) in msg
    assert f'alassess restore --db "{db_path}" --latest' in msg
    zh = ei.value.message("zh")
    assert "已损坏" in zh and "恢复" in zh
    # the CLI says it in one line and exits 2; restore --latest brings the good data back
    assert main(["list", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged" in err
    assert main(["restore", "--db", str(db_path), "--latest"]) == 0
    db = open_db(db_path)
    assert float(repo.get_values(db, 1)["energy_output"]) == 0.5
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_damaged_without_backup_says_so(db_path):
    make_db(db_path)
    data = db_path.read_bytes()
    db_path.write_bytes(data[:100] + b"\x00" * (len(data) - 100))
    store_db.forget(db_path)
    with pytest.raises(DatabaseDamagedError) as ei:
        open_db(db_path)
    assert ei.value.backup is None and "no usable backup" in ei.value.message("en")


def test_latest_good_skips_a_damaged_backup(db_path):
    make_db(db_path, 0.5)
    reopen(db_path).conn.close()
    older = backup.list_backups(db_path)[0].path
    db = reopen(db_path)
    repo.set_value(db, 1, "energy_output", 0.6)
    db.conn.close()
    touch_later(db_path)
    reopen(db_path).conn.close()
    newer = backup.list_backups(db_path)[0].path
    assert newer != older
    newer.write_bytes(newer.read_bytes()[:2000])
    assert backup.latest_good(db_path) == older


def test_restore_refuses_a_bad_file(db_path, tmp_path, capsys):
    make_db(db_path, 0.5)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"nothing")
    assert main(["restore", "--db", str(db_path), "--from", str(bad)]) == 2
    assert "is not a usable backup (not an SQLite database file)" in capsys.readouterr().err
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert main(["--lang", "zh", "restore", "--db", str(db_path), "--from", str(other)]) == 2
    assert "不是 AlAssess 数据库" in capsys.readouterr().err
    assert energy(db_path) == "0.5"
    assert main(["restore", "--db", str(db_path)]) == 2
    assert "--latest" in capsys.readouterr().err


def test_backup_while_another_connection_writes(db_path):
    """The backup API gives a consistent snapshot even with an open writer."""
    make_db(db_path)
    db = open_db(db_path)
    repo.set_value(db, 1, "energy_output", 0.77)  # committed in the WAL, not yet checkpointed
    out = backup.make_backup(db_path)
    assert energy(out) == "0.77"
    db.conn.close()


def test_backup_copy_of_a_wal_database_is_complete(db_path, tmp_path):
    make_db(db_path)
    db = open_db(db_path)
    repo.set_value(db, 1, "energy_output", 0.66)
    copy = tmp_path / "copy"
    copy.mkdir()
    out = backup.make_backup(db_path)
    shutil.copy(out, copy / "x.db")
    assert energy(copy / "x.db") == "0.66"
    db.conn.close()


def test_failed_restore_puts_the_current_file_back(db_path, tmp_path, monkeypatch, capsys):
    make_db(db_path, 0.5)
    out = backup.make_backup(db_path)
    db = reopen(db_path)
    repo.set_value(db, 1, "energy_output", 0.9)
    db.conn.close()
    real = os.replace

    def refuse_final(src, dst):
        if str(dst) == str(db_path) and ".restore-" in str(src):
            raise PermissionError(13, "file in use")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", refuse_final)
    assert main(["restore", "--db", str(db_path), "--from", str(out)]) == 2
    assert "close the application" in capsys.readouterr().err
    monkeypatch.undo()
    assert energy(db_path) == "0.9"


# ---- the open path: no whole-file check on every open, no backup for a read-only command ----------

def _changed_since_backup(path):
    """A database whose newest automatic backup is older than its last change."""
    make_db(path)
    reopen(path).conn.close()  # opened for writing: the backup of this state
    db = reopen(path)
    repo.set_value(db, 1, "energy_output", 0.61)
    db.conn.close()
    touch_later(path)
    return len(backup.list_backups(path))


@pytest.mark.parametrize("argv", [["list"], ["trend", "--plant", "1"], ["audit", "log"], ["audit", "verify"],
                                  ["ledger", "summary", "--plant", "1", "--period", "2025"],
                                  ["ledger", "check", "--plant", "1", "--period", "2025"],
                                  ["attach", "list", "--assessment", "1"], ["export", "--assessment", "1"]])
def test_a_read_only_command_writes_no_backup(db_path, tmp_path, argv, capsys):
    before = _changed_since_backup(db_path)
    store_db.forget(db_path)
    if argv[0] == "export":
        argv = [*argv, "--out", str(tmp_path / "out.json")]
    assert main([*argv, "--db", str(db_path)]) in (0, 1)
    assert len(backup.list_backups(db_path)) == before
    # a command that writes still takes the rotating backup
    store_db.forget(db_path)
    assert main(["amend", "--db", str(db_path), "--assessment", "1"]) in (0, 2)
    assert len(backup.list_backups(db_path)) == before + 1


def _spy_checks(monkeypatch):
    calls = []
    real = backup.damage

    def spy(path, **kw):
        calls.append(path)
        return real(path, **kw)

    monkeypatch.setattr(backup, "damage", spy)
    return calls


def test_a_clean_database_is_not_read_whole_on_open(db_path, monkeypatch):
    make_db(db_path)
    reopen(db_path).conn.close()  # the first backup (checked before it is written)
    calls = _spy_checks(monkeypatch)
    assert not backup.unclean_shutdown(db_path)
    store_db.forget(db_path)
    open_db(db_path, write=False).conn.close()
    store_db.forget(db_path)
    open_db(db_path).conn.close()  # nothing changed since the last backup: no backup, so no check
    assert calls == []


def test_an_unclean_shutdown_triggers_the_check_on_the_next_open(db_path, monkeypatch):
    import subprocess
    import sys

    make_db(db_path)
    # a process killed while it had the database open leaves its write-ahead log behind
    code = ("import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('PRAGMA journal_mode=WAL'); c.execute(\"UPDATE field_values SET value = '0.7'\"); "
            "os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True)
    assert backup.unclean_shutdown(db_path)
    calls = _spy_checks(monkeypatch)
    store_db.forget(db_path)
    db = open_db(db_path, write=False)
    assert calls == [db_path]
    assert energy(db_path) == "0.7"  # the acknowledged edit survives the kill
    db.conn.close()
    assert not backup.unclean_shutdown(db_path)  # a clean close removes the log


def test_damage_found_by_the_check_before_a_backup_and_on_demand(db_path, capsys):
    make_db(db_path)
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page * 2: page * 3] = os.urandom(page)
    db_path.write_bytes(bytes(data))
    store_db.forget(db_path)
    assert main(["backup", "--db", str(db_path)]) == 2  # before a backup
    assert "is damaged" in capsys.readouterr().err
    assert main(["audit", "verify", "--db", str(db_path)]) == 2  # on demand
    assert "is damaged" in capsys.readouterr().err
