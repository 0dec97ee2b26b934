"""Database faults in words (read-only, full, locked, damaged), for the CLI and the GUI: see
:mod:`alassess.store.faults`."""

from __future__ import annotations

from alassess.store.faults import DatabaseFaultError, DatabaseLockedError, explain

__all__ = ["DatabaseFaultError", "DatabaseLockedError", "explain"]
