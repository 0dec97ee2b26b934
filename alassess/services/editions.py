"""The editions of the reference data this installation knows (``alassess standards``): which
edition id to name in an assessment file's ``standards``, and which is current."""

from __future__ import annotations

from typing import Any

from alassess import standards


def known() -> list[dict[str, Any]]:
    """Every edition of every data file, oldest first per module, marked ``current`` when a new
    assessment records it."""
    out = []
    for module in standards.available():
        current = standards.current(module).id
        for e in standards.editions_of(module):
            out.append({"module": module, "id": e.id, "title": e.title, "date": e.date, "status": e.status,
                        "source": e.source, "current": e.id == current, "recorded": module in standards.RECORDED})
    return out
