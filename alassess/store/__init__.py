"""The store: SQLite through sqlite-utils (schema, migrations, repositories).

sqlite-utils imports pandas and numpy at import time when they are installed, only to map their
scalar types to column types — about 0.6 s of start-up for every command that opens a database.
The store never passes pandas or numpy values, so sqlite-utils is imported here with both hidden
(it then falls back to its plain-Python type map); pandas stays importable for whoever needs it.
"""

from __future__ import annotations

import sys


def _import_sqlite_utils_without_pandas() -> None:
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes ``import name`` raise ImportError
    try:
        # deferred: importing sqlite-utils with pandas and numpy hidden is what this function is for
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]


_import_sqlite_utils_without_pandas()
