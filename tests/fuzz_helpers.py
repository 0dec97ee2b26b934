"""Shared by the property tests: the hypothesis profile and a cheap, strict snapshot of a database."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import HealthCheck, settings

FUZZ = settings(max_examples=1000, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])


def file_state(db_path: Path) -> bytes:
    """The bytes of the database file, its WAL and the attachment folder's listing: stricter than a
    logical comparison (any committed change shows) and much cheaper, for thousands of examples."""
    h = hashlib.sha256()
    for p in (db_path, db_path.with_name(db_path.name + "-wal")):
        h.update(p.read_bytes() if p.exists() else b"-")
    folder = db_path.parent / "attachments"
    h.update(repr(sorted(folder.rglob("*")) if folder.exists() else []).encode())
    return h.digest()
