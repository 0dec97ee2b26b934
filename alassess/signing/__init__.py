"""PDF signatures with pyHanko: identities, PAdES signing, verification. No Qt."""

from __future__ import annotations

import logging

_QUIET = ("pyhanko", "pyhanko_certvalidator", "fontTools")


def quiet_libraries() -> None:
    """pyHanko and fontTools log expected conditions (a self-signed certificate, a font table they
    drop) with tracebacks; the outcome is reported to the user in words instead."""
    for name in _QUIET:
        log = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
            log.addHandler(logging.NullHandler())
        log.propagate = False
