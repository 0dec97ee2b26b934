"""Writing files so that a crash leaves either the old or the new content, never half of it.

One place for the pattern the store, the reports, the identities and the file exports share: a new
temporary file beside the target (created exclusively, never following a planted file), filled and
synced, then renamed over the target. ``mode`` is the permission of the new file: ``0o600`` for
private keys from the moment the file exists; by default what the user's umask allows, like any
file the user saves.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODE = 0o666  # reduced by the umask, as for any new file


def write_temp(path: str | Path, data: bytes, *, mode: int = DEFAULT_MODE) -> Path:
    """Write ``data`` to a new synced temporary file beside ``path``; the caller renames or removes it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(tmp, flags, mode)
            break
        except FileExistsError:  # pragma: no cover - a 32-bit random name already taken
            continue
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        discard(tmp)
        raise
    return tmp


def discard(tmp: str | Path) -> None:
    """Remove a temporary file that is not wanted (gone already is fine)."""
    Path(tmp).unlink(missing_ok=True)


def fsync_dir(folder: str | Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened (Windows).
    Given a file, flushes the file."""
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | Path, data: bytes, *, mode: int = DEFAULT_MODE, sync_dir: bool = False) -> None:
    """Replace ``path`` by ``data`` atomically (and durably with ``sync_dir``)."""
    path = Path(path)
    tmp = write_temp(path, data, mode=mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    if sync_dir:
        fsync_dir(path.parent)


PRIVATE_DIR_MODE = 0o700  # folders holding keys, trusted certificates and the error log
PRIVATE_FILE_MODE = 0o600


def private_dir(folder: str | Path) -> Path:
    """``folder`` created if need be and made the owner's only (0700), also when an older version
    created it with the umask's permissions (a no-op for the mode on Windows)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    try:
        os.chmod(folder, PRIVATE_DIR_MODE)
    except OSError:  # pragma: no cover - not the owner: leave it as it is
        pass
    return folder

