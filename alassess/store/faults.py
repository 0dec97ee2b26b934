"""What went wrong with the database file, in words that say what to do: a fault of the disk or
of another program is never reported as damage.

SQLite reports a read-only file or folder, a full disk, a lock held by another program and real
damage through the same exception type; :func:`explain` turns each into its own one-line error
(exit 2 on the command line):

* read-only (the file, or its folder, where SQLite keeps the ``-wal`` and ``-shm`` files):
  ``db_readonly_file`` / ``db_readonly_folder`` — nothing was changed; make it writable or work on a copy;
* a full disk: ``db_full`` — nothing was saved, the file is intact; free some space;
* locked by another program (beyond the busy timeout): ``db_locked``, naming the processes that
  have the file open when the system can tell (Linux ``/proc``); the desktop application offers to
  retry;
* anything else is damage only when SQLite's ``integrity_check`` says so
  (:class:`~alassess.store.backup.DatabaseDamagedError`, naming the latest good backup); otherwise
  ``db_io`` with SQLite's own reason.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from alassess.domain.errors import AlAssessError
from alassess.store import backup

BUSY_TIMEOUT_S = 5.0  # how long a write waits for another program's lock (ALASSESS_BUSY_TIMEOUT, seconds)

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_READONLY = sqlite3.SQLITE_READONLY
_FULL = sqlite3.SQLITE_FULL
_CANTOPEN = sqlite3.SQLITE_CANTOPEN
_IOERR = sqlite3.SQLITE_IOERR
_DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)

# the database the process opened last, for errors raised by a later write
_last_path: list[Path] = []


def busy_timeout_s() -> float:
    try:
        return max(0.0, float(os.environ.get("ALASSESS_BUSY_TIMEOUT", BUSY_TIMEOUT_S)))
    except ValueError:
        return BUSY_TIMEOUT_S


def remember(path: str | Path) -> None:
    if str(path) != ":memory:":
        _last_path[:] = [Path(path)]


def last_path() -> Path | None:
    return _last_path[0] if _last_path else None


class DatabaseLockedError(AlAssessError):
    """Another program holds the database's lock (the desktop application offers to retry)."""


class DatabaseFaultError(AlAssessError):
    """The disk or the file system refused (read-only, full, an I/O error): not damage."""


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF
    text = str(exc).lower()
    for words, c in (("locked", sqlite3.SQLITE_BUSY), ("readonly", _READONLY), ("read-only", _READONLY),
                     ("disk is full", _FULL), ("unable to open", _CANTOPEN), ("disk i/o", _IOERR),
                     ("malformed", sqlite3.SQLITE_CORRUPT), ("not a database", sqlite3.SQLITE_NOTADB)):
        if words in text:
            return c
    return None


def folder_writable(folder: Path) -> bool:
    """Whether a file can be created in ``folder`` (tried for real: permission bits say nothing
    for the administrator, an immutable folder or a read-only mount)."""
    probe = folder / f".alassess-probe-{os.getpid()}-{os.urandom(3).hex()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    os.close(fd)
    try:
        probe.unlink()
    except OSError:
        pass
    return True


def file_writable(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    os.close(fd)
    return True


def holders(path: Path) -> list[str]:
    """Other processes that have the database (or its WAL) open, as "pid 123 (command)" (Linux)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    try:
        targets = {os.path.realpath(p) for p in (path, f"{path}-wal", f"{path}-shm")}
    except OSError:
        return []
    out = []
    me = os.getpid()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            fds = list((entry / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(fd) in targets:
                    cmd = " ".join((entry / "cmdline").read_bytes().decode("utf-8", "replace").split())
                    out.append(f"pid {entry.name} ({cmd[:80] or '?'})")
                    break
            except OSError:
                continue
    return out


def explain(exc: BaseException, path: str | Path | None = None) -> AlAssessError:
    """The error to show for ``exc`` raised while opening, reading or writing the database."""
    path = Path(path) if path is not None else (last_path() or Path("alassess.db"))
    code = _code(exc)
    reason = " ".join(str(exc).split()) or type(exc).__name__
    if code in _BUSY:
        who = holders(path)
        return DatabaseLockedError("db_locked", None, path=str(path), seconds=f"{busy_timeout_s():g}",
                                   holder=", ".join(who) if who else "?")
    if code == _FULL or getattr(exc, "errno", None) == 28:
        return DatabaseFaultError("db_full", None, path=str(path), free=_free(path))
    if code == _READONLY or code in (_CANTOPEN, _IOERR) or isinstance(exc, OSError):
        if path.exists() and not file_writable(path):
            return DatabaseFaultError("db_readonly_file", None, path=str(path))
        if not folder_writable(path.parent if str(path.parent) else Path(".")):
            return DatabaseFaultError("db_readonly_folder", None, path=str(path), folder=str(path.parent))
        if code == _READONLY:
            return DatabaseFaultError("db_readonly_file", None, path=str(path))
        if _free_bytes(path) < 1 << 20:
            return DatabaseFaultError("db_full", None, path=str(path), free=_free(path))
        if code == _CANTOPEN or isinstance(exc, OSError):
            return AlAssessError("db_unreadable", None, path=str(path), reason=reason)
    # damage only when the integrity check says so
    try:
        found = backup.damage(path, full=True) if path.exists() else None
    except sqlite3.DatabaseError:
        found = None
    if found is not None:
        return backup.DatabaseDamagedError(path, found, backup.latest_good(path))
    return DatabaseFaultError("db_io", None, path=str(path), reason=reason)


def _free_bytes(path: Path) -> int:
    try:
        return shutil.disk_usage(path.parent if str(path.parent) else ".").free
    except OSError:
        return 1 << 30


def _free(path: Path) -> str:
    free = _free_bytes(path)
    return f"{free / 1024:,.0f} KB" if free < 1 << 20 else f"{free / (1 << 20):,.0f} MB"
