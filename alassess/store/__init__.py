"""The SQLite store (sqlite-utils): schema, migrations, repositories.

sqlite-utils imports pandas and numpy when they are installed, only to recognise their types when
it infers column types; this store declares every table in its migrations, so that is never
needed. They are hidden while sqlite-utils loads: opening a database then costs milliseconds
instead of the ~0.6 s of importing pandas (the desktop application's start-up and every CLI
command that touches the database). Code that needs pandas (spreadsheet import) imports it
itself, later, as usual.
"""

from __future__ import annotations

import sys


def _load_sqlite_utils_without_pandas() -> None:
    if "sqlite_utils" in sys.modules:
        return
    hidden = [m for m in ("pandas", "numpy") if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None  # type: ignore[assignment]  # makes "import pandas" raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for m in hidden:
            if sys.modules.get(m) is None:
                del sys.modules[m]


_load_sqlite_utils_without_pandas()
