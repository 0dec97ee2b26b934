"""Opening the database: WAL, foreign keys, schema version in ``PRAGMA user_version``.

Migrations are numbered functions in :mod:`alassess.store.migrations`; opening a database applies
the ones it has not seen, each in its own transaction, and refuses a database newer than the code.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import platformdirs
import sqlite_utils

from alassess.domain.errors import AlAssessError
from alassess.store import backup, faults, migrations


def default_path() -> Path:
    """The default database in the user's data directory (created on first use)."""
    folder = Path(platformdirs.user_data_dir("AlAssess", appauthor=False))
    return folder / "alassess.db"


def connect(path: str | Path) -> sqlite3.Connection:
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    wait = faults.busy_timeout_s()
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=wait)
    # WAL: readers never block the writer and a crash never leaves a half-written page.
    # synchronous=FULL: the WAL is fsynced at every commit, so an edit acknowledged to the user
    # survives a power cut, not only a crash of the application. (NORMAL syncs only at
    # checkpoints: safe against a killed process, but the last edits can vanish when a laptop's
    # battery dies — the situation we design for. FULL costs one fsync, a few ms, per edit.)
    # fullfsync: on macOS a plain fsync does not flush the drive's cache; elsewhere it is ignored.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA fullfsync=ON")
    conn.execute("PRAGMA checkpoint_fullfsync=ON")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
    return conn


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


forget = backup.forget  # check the database at a path again on its next open (after a restore)


def open_db(path: str | Path, *, migrate: bool = True, write: bool = True) -> sqlite_utils.Database:
    """Open (and create or upgrade) an AlAssess database.

    The first open in a process checks the file for damage (the whole file only after an unclean
    shutdown) and, unless ``write`` is false (a read-only command), takes the rotating backup
    (:mod:`alassess.store.backup`); a damaged file raises ``DatabaseDamagedError`` naming the
    latest good backup.
    """
    key = os.path.realpath(path) if str(path) != ":memory:" else ""
    if key and os.path.isdir(path):  # a folder given for the file: nothing to open, and no damage either
        raise AlAssessError("db_unreadable", None, path=str(path), reason=os.strerror(errno.EISDIR))
    try:
        if key:
            backup.on_first_open(path, write=write)
        conn = connect(path)
        db = sqlite_utils.Database(conn)
        version = schema_version(db)
    except OSError as exc:  # e.g. a folder that does not exist or cannot be written
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC):
            raise faults.explain(exc, path) from None
        raise AlAssessError("db_unreadable", None, path=str(path), reason=exc.strerror or str(exc)) from None
    except sqlite3.DatabaseError as exc:
        if not key:
            raise AlAssessError("db_unreadable", None, path=str(path), reason=str(exc)) from None
        # read-only, full, locked, or damage only when the integrity check says so
        raise faults.explain(exc, path) from None
    faults.remember(path)
    latest = migrations.latest()
    if version > latest:
        raise AlAssessError("db_too_new", None, found=version, supported=latest)
    if migrate and migrations.needs_upgrade(db):
        migrations.upgrade(db)
    return db
