"""The local SQLite store (sqlite-utils): opening, migrations, repositories."""

from __future__ import annotations

import sys


def _import_sqlite_utils() -> None:
    """Import sqlite-utils without pandas and numpy.

    sqlite-utils imports pandas and numpy, when installed, only to map their scalar types to
    column types; that costs most of a second at every start of a command that opens a database.
    Values reach the store as Python and ``Decimal`` values through the domain, never as numpy
    scalars, so the mapping is not needed. pandas stays importable for whoever needs it later.
    """
    if "sqlite_utils" in sys.modules or "pandas" in sys.modules:
        return
    blocked = [m for m in ("pandas", "numpy") if m not in sys.modules]
    for m in blocked:
        sys.modules[m] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for m in blocked:
            if sys.modules.get(m, 0) is None:
                del sys.modules[m]


_import_sqlite_utils()
