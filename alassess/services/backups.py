"""Backups, restore and damage checks, for the CLI and the GUI.

The GUI catches :class:`alassess.store.backup.DatabaseDamagedError` when it opens a database,
shows its message and offers :func:`restore` with the backup named in the error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alassess.store import backup
from alassess.store.backup import DatabaseDamagedError  # noqa: F401  (re-exported for the GUI)


def backup_now(db_path: str | Path, out: str | Path | None = None) -> Path:
    return backup.make_backup(db_path, out, kind="manual")


def restore(db_path: str | Path, source: str | Path | None = None) -> tuple[Path, Path | None]:
    """Restore ``source`` (``None``: the latest good backup); returns (backup used, previous file)."""
    return backup.restore(db_path, source)


def list_backups(db_path: str | Path) -> list[dict[str, Any]]:
    return [{"path": str(b.path), "when": b.when.isoformat(timespec="seconds"), "kind": b.kind,
             "size": b.path.stat().st_size}
            for b in backup.list_backups(db_path, kinds=("auto", "manual", "replaced"))]


def check(db_path: str | Path) -> backup.Damage | None:
    """The full integrity check (slower than the one on open); ``None`` when the file is sound."""
    return backup.damage(db_path, full=True)
