"""PDF signatures with pyHanko: identities, PAdES signing, verification. No Qt."""

from __future__ import annotations

import logging
import sys
import types

_QUIET = ("pyhanko", "pyhanko_certvalidator", "fontTools")
# pyHanko's network clients, which the offline application never uses, and the one name each
# module is imported for
_NETWORK_CLIENTS = {"pyhanko.sign.timestamps.aiohttp_client": "HTTPTimeStamper",
                    "pyhanko_certvalidator.fetchers.aiohttp_fetchers": "AIOHttpFetcherBackend"}


def quiet_libraries() -> None:
    """pyHanko and fontTools log expected conditions (a self-signed certificate, a font table they
    drop) with tracebacks; the outcome is reported to the user in words instead."""
    for name in _QUIET:
        log = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
            log.addHandler(logging.NullHandler())
        log.propagate = False


def import_pyhanko() -> None:
    """Import ``pyhanko.sign`` without its network clients.

    The application works offline: it never asks a time-stamp server nor fetches certificates or
    revocation data. ``pyhanko.sign`` nevertheless imports its aiohttp-based clients eagerly, which
    costs about a quarter of a second at every signing or verification. Placeholder modules stand
    in for those clients (using one says why it cannot work). Should a pyHanko version need more
    from them, the real modules are imported instead.
    """
    if "pyhanko.sign" in sys.modules or any(m in sys.modules for m in _NETWORK_CLIENTS):
        return

    def offline(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("AlAssess works offline: no time-stamp server or certificate fetching")

    for module, name in _NETWORK_CLIENTS.items():
        stub = types.ModuleType(module)
        setattr(stub, name, type(name, (), {"__init__": offline}))
        stub.__all__ = [name]  # type: ignore[attr-defined]
        sys.modules[module] = stub
    try:
        # deferred: importing pyHanko with its network clients stubbed is what this function is for
        import pyhanko.sign  # noqa: F401
    except ImportError:
        for m in [m for m in sys.modules if m in _NETWORK_CLIENTS or m == "pyhanko.sign"
                  or m.startswith("pyhanko.sign.")]:
            del sys.modules[m]
        # deferred: importing pyHanko with its network clients stubbed is what this function is for
        import pyhanko.sign  # noqa: F401
