"""Backups and damage detection.

* On open (the first time a process opens a database) the file is checked cheaply: the SQLite
  header and a file shorter than its header says (truncated). SQLite's ``PRAGMA quick_check``,
  which reads the whole file, runs only when it can matter: after an unclean shutdown (a ``-wal``
  file left with frames in it: SQLite removes it when the last connection closes cleanly, so it is
  left by a killed process, a power cut, or another program that has the database open), before
  every backup, and on demand (``backup``, ``restore``, ``audit verify``). A damaged database
  raises :class:`DatabaseDamagedError` naming the latest good backup and the command that restores
  it; damage met later by a query is reported the same way (:mod:`alassess.store.faults`).
* Then, for a command that writes (never for a read-only one), a rotating backup is taken through
  SQLite's online backup API (a consistent snapshot even while another connection writes) into
  ``backups/`` next to the database: at most one every ``ALASSESS_BACKUP_INTERVAL`` seconds
  (default 300) and only when the database changed since the last one, keeping the newest
  ``ALASSESS_BACKUP_KEEP`` (default 10; 0 turns automatic backups off). Before a schema upgrade a
  backup is always taken.
* ``backup`` (manual, never rotated away) and ``restore`` (the current file is moved aside into
  ``backups/`` as ``…-replaced-…``, never deleted).

Backups are single files in rollback-journal mode (no ``-wal`` beside them), checked with
``quick_check`` after writing, written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from alassess.domain import messages
from alassess.domain.errors import AlAssessError, InputError, NotFoundError
from alassess.fileio import fsync_dir
from alassess.store import migrations

FOLDER = "backups"
KEEP = 10
MIN_INTERVAL_S = 300
HEADER = b"SQLite format 3\x00"
_STAMP_FMT = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class Damage:
    """Why a file is not a sound database: a message key and its parameters."""

    key: str
    detail: str = ""
    size: int = 0
    expected: int = 0

    def message(self, lang: str = "en") -> str:
        return messages.text(self.key, lang, detail=self.detail, size=self.size, expected=self.expected)

    def __str__(self) -> str:
        return self.message("en")


def _sqlite_damage(text: str) -> Damage:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("*** in database")]
    detail = "; ".join(lines[:2]) + (f" (+{len(lines) - 2})" if len(lines) > 2 else "")
    return Damage("damage_check", detail=detail or text)


class DatabaseDamagedError(AlAssessError):
    """The database file is damaged; ``backup`` is the latest good backup (or ``None``)."""

    def __init__(self, path: Path, reason: Damage | str, backup: Path | None) -> None:
        self.path = Path(path)
        self.reason = reason if isinstance(reason, Damage) else _sqlite_damage(str(reason))
        self.backup = backup
        reason = self.reason
        if backup is not None:
            when = _when(backup)
            super().__init__("db_damaged", None, path=str(path), reason=reason, backup=str(backup),
                             when=when.strftime("%Y-%m-%d %H:%M") if when else "?")
        else:
            super().__init__("db_damaged_no_backup", None, path=str(path), reason=reason,
                             folder=str(backup_dir(path)))

    def message(self, lang: str = "en") -> str:
        params = dict(self.params, reason=self.reason.message(lang))
        return messages.text(self.key, lang, **params)


class BackupUnusableError(InputError):
    """A file given as a backup cannot be restored (the reason localised like the message)."""

    def __init__(self, path: Path, reason: Damage) -> None:
        self.reason = reason
        super().__init__("backup_bad", None, path=str(path), reason=reason)

    def message(self, lang: str = "en") -> str:
        return messages.text(self.key, lang, **dict(self.params, reason=self.reason.message(lang)))


@dataclass
class Backup:
    path: Path
    when: _dt.datetime
    kind: str  # auto | manual | replaced


def backup_dir(db_path: str | Path) -> Path:
    return Path(db_path).parent / FOLDER


def _env_int(name: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(name, default)))
    except ValueError:
        return default


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}-(?:(manual|replaced)-)?(\d{{8}}-\d{{6}}-\d{{6}})\.db$")


def _when(path: Path) -> _dt.datetime | None:
    m = re.search(r"(\d{8}-\d{6}-\d{6})\.db$", path.name)
    return _dt.datetime.strptime(m.group(1), _STAMP_FMT) if m else None


def list_backups(db_path: str | Path, *, kinds: tuple[str, ...] = ("auto", "manual")) -> list[Backup]:
    """The backups of this database, newest first."""
    folder = backup_dir(db_path)
    pat = _pattern(Path(db_path).stem)
    out = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        m = pat.match(name)
        if not m:
            continue
        kind = m.group(1) or "auto"
        if kind in kinds:
            out.append(Backup(folder / name, _dt.datetime.strptime(m.group(2), _STAMP_FMT), kind))
    return sorted(out, key=lambda b: b.when, reverse=True)


def _stamp() -> str:
    return _dt.datetime.now().strftime(_STAMP_FMT)


def _copy(source: Path, target: Path) -> None:
    """Snapshot ``source`` into ``target`` (a new file) with the backup API; checked and synced."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=str(target.parent))
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        src = sqlite3.connect(str(source), timeout=30)
        try:
            dst = sqlite3.connect(tmp, isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                check = dst.execute("PRAGMA quick_check").fetchone()[0]
                if check != "ok":
                    raise sqlite3.DatabaseError(f"the snapshot fails quick_check: {check}")
            finally:
                dst.close()
        finally:
            src.close()
        fsync_dir(tmp_path)
        os.replace(tmp_path, target)
        fsync_dir(target.parent)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def make_backup(db_path: str | Path, out: str | Path | None = None, *, kind: str = "manual",
                check: bool = True) -> Path:
    """Back the database up into ``out`` (or ``backups/``); returns the backup's path."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise NotFoundError("db_missing", None, path=str(db_path))
    reason = damage(db_path) if check else None
    if reason:
        raise DatabaseDamagedError(db_path, reason, latest_good(db_path))
    if out is None:
        infix = "" if kind == "auto" else f"{kind}-"
        target = backup_dir(db_path) / f"{db_path.stem}-{infix}{_stamp()}.db"
    else:
        target = Path(out)
        if target.exists():
            raise InputError("identity_exists", None, path=str(target))
    try:
        _copy(db_path, target)
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(db_path, str(exc), latest_good(db_path)) from None
    return target


def rotate(db_path: str | Path, keep: int) -> list[Path]:
    """Remove automatic backups beyond the newest ``keep`` (manual and replaced ones stay)."""
    removed = []
    for b in list_backups(db_path, kinds=("auto",))[keep:]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    folder = backup_dir(db_path)
    if folder.is_dir():  # snapshots left half-written by a crash
        for p in folder.glob(f".{Path(db_path).stem}-*.partial"):
            try:
                if time.time() - p.stat().st_mtime > 3600:
                    p.unlink()
            except OSError:
                pass
    return removed


def _last_change(db_path: Path) -> float:
    times = []
    for p in (db_path, Path(f"{db_path}-wal")):
        try:
            times.append(p.stat().st_mtime)
        except OSError:
            pass
    return max(times) if times else 0.0


def auto_backup(db_path: str | Path, *, force: bool = False, check: bool = True) -> Path | None:
    """The rotating backup taken on open: skipped when the last one is recent or nothing changed."""
    db_path = Path(db_path)
    keep = _env_int("ALASSESS_BACKUP_KEEP", KEEP)
    if keep == 0 or not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    interval = _env_int("ALASSESS_BACKUP_INTERVAL", MIN_INTERVAL_S)
    latest = next(iter(list_backups(db_path, kinds=("auto",))), None)
    if latest is not None and not force:
        try:
            made = latest.path.stat().st_mtime
        except OSError:
            made = 0.0
        if time.time() - made < interval or _last_change(db_path) <= made:
            return None
    path = make_backup(db_path, kind="auto", check=check)
    rotate(db_path, keep)
    return path


# ---- damage -----------------------------------------------------------------------------------

def header_problem(path: Path) -> Damage | None:
    """A reason when the file is not an SQLite database or is shorter than its header says."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return Damage("damage_unreadable", detail=exc.strerror or str(exc))
    if size == 0:
        return None
    if len(head) < 100 or not head.startswith(HEADER):
        return Damage("damage_not_sqlite")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid_for = head[92:96] == head[24:28]
    wal = Path(f"{path}-wal")
    wal_frames = wal.is_file() and wal.stat().st_size > 32
    if valid_for and pages and size < pages * page_size and not wal_frames:
        return Damage("damage_truncated", size=size, expected=pages * page_size)
    return None


def damage(path: str | Path, *, full: bool = False) -> Damage | None:
    """Why the database at ``path`` is damaged, or ``None`` when it is fine (or does not exist yet)."""
    path = Path(path)
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        return Damage("damage_empty") if list_backups(path) else None
    reason = header_problem(path)
    if reason:
        return reason
    try:
        conn = sqlite3.connect(str(path), timeout=30)
        try:
            rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise  # locked, read-only, full, cannot open: a fault of the disk or another program, not damage
        return _sqlite_damage(str(exc))
    if not rows or rows[0][0] != "ok":
        return _sqlite_damage("\n".join(str(r[0]) for r in rows[:20]))
    return None


def check_backup(path: str | Path) -> Damage | None:
    """Why ``path`` is not a usable backup of an AlAssess database, or ``None``."""
    path = Path(path)
    if not path.is_file():
        return Damage("damage_unreadable", detail="not found")
    reason = damage(path, full=True)
    if reason:
        return reason
    if path.stat().st_size == 0:
        return Damage("damage_empty")
    conn = sqlite3.connect(str(path))
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    if "assessments" not in tables:
        return Damage("damage_not_alassess")
    if version > migrations.latest():
        return Damage("damage_too_new", detail=str(version))
    return None


def latest_good(db_path: str | Path) -> Path | None:
    """The newest backup that passes the integrity check."""
    for b in list_backups(db_path):
        if check_backup(b.path) is None:
            return b.path
    return None


_OPENED: dict[str, bool] = {}  # the databases opened in this process, by real path: opened for writing?


def on_first_open(db_path: str | Path, *, write: bool = True) -> None:
    """:func:`on_open`, once per process for each database file (again after :func:`forget`, and
    once more when a database first opened read-only is opened for writing)."""
    key = os.path.realpath(db_path)
    seen = _OPENED.get(key)
    if seen is None or (write and not seen):
        on_open(db_path, write=write, checked=seen is not None)
        _OPENED[key] = write or bool(seen)


def forget(db_path: str | Path) -> None:
    """Check the database at ``db_path`` again on its next open (after a restore)."""
    _OPENED.pop(os.path.realpath(db_path), None)


def unclean_shutdown(db_path: str | Path) -> bool:
    """Whether the database was not closed cleanly: a ``-wal`` file with frames in it is left by a
    killed process or a power cut (SQLite deletes it when the last connection closes), or the
    database is open in another program right now; either way the file is worth a check."""
    try:
        return os.stat(f"{db_path}-wal").st_size > 32  # the WAL header alone holds no frames
    except OSError:
        return False


def cheap_damage(path: Path) -> Damage | None:
    """The checks that read no more than the file's header: empty, not SQLite, truncated."""
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        return Damage("damage_empty") if list_backups(path) else None
    return header_problem(path)


def check_now(db_path: str | Path) -> None:
    """The integrity check on demand (``audit verify``); raises :class:`DatabaseDamagedError`."""
    reason = damage(db_path)
    if reason:
        raise DatabaseDamagedError(Path(db_path), reason, latest_good(db_path))


def on_open(db_path: str | Path, *, upgrading: bool | None = None, write: bool = True,
            checked: bool = False) -> Path | None:
    """Check the database (the whole file only after an unclean shutdown) and, when opened for
    writing, take the rotating backup (checked first); raises :class:`DatabaseDamagedError`."""
    db_path = Path(db_path)
    reason = None if checked else cheap_damage(db_path)
    full_checked = False
    if reason is None and not checked and unclean_shutdown(db_path):
        reason = damage(db_path)
        full_checked = True
    if reason:
        raise DatabaseDamagedError(db_path, reason, latest_good(db_path))
    if upgrading is None:
        upgrading = _needs_upgrade(db_path)
    if not (write or upgrading):
        return None  # a read-only command never writes a backup
    try:
        return auto_backup(db_path, force=upgrading, check=not full_checked)
    except DatabaseDamagedError:
        raise
    except OSError:  # a full or read-only disk must not stop the assessor from opening the data
        return None


def _needs_upgrade(db_path: Path) -> bool:
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(str(db_path))
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0] > 0 and bool(migrations.pending(conn))
    finally:
        conn.close()


def restore(db_path: str | Path, source: str | Path | None = None) -> tuple[Path, Path | None]:
    """Replace the database by a backup (``None``: the latest good one).

    The current file (with its ``-wal``) is moved aside into ``backups/`` first and never deleted.
    Returns (the backup used, where the previous database was put). Close the application first.
    """
    db_path = Path(db_path)
    if source is None:
        chosen = latest_good(db_path)
        if chosen is None:
            raise NotFoundError("backup_none", None, folder=str(backup_dir(db_path)))
    else:
        chosen = Path(source)
        if not chosen.is_file():
            raise NotFoundError("backup_not_found", None, path=str(chosen))
        reason = check_backup(chosen)
        if reason:
            raise BackupUnusableError(chosen, reason)
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{db_path.name}.restore-", suffix=".partial", dir=str(db_path.parent))
    os.close(fd)
    os.unlink(tmp)
    _copy(chosen, Path(tmp))
    aside = None
    try:
        if db_path.exists():
            aside = folder / f"{db_path.stem}-replaced-{_stamp()}.db"
            os.replace(db_path, aside)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{db_path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{aside}{suffix}"))
        os.replace(tmp, db_path)
    except OSError as exc:  # e.g. the file is still open in the application on Windows
        Path(tmp).unlink(missing_ok=True)
        if aside is not None and aside.exists() and not db_path.exists():  # put the current file back
            for suffix in ("", "-wal", "-shm"):
                side = Path(f"{aside}{suffix}")
                if side.exists():
                    try:
                        os.replace(side, Path(f"{db_path}{suffix}"))
                    except OSError:
                        pass
        raise InputError("restore_in_use", None, path=str(db_path), reason=exc.strerror or str(exc)) from None
    fsync_dir(db_path.parent)
    forget(db_path)
    return chosen, aside
