"""The reader's language, and the core's messages from the one catalogue of words.

The GUI translates its own widgets through Qt; messages raised by the core (validation errors,
findings, warnings) come from :mod:`alassess.catalogue`, so the CLI, the GUI and the reports say the
same words.
"""

from __future__ import annotations

import locale
import os

from alassess import catalogue


def default_lang() -> str:
    """'zh' when the user's locale is Chinese, else 'en'."""
    for var in ("ALASSESS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        val = os.environ.get(var)
        if val:
            return "zh" if val.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - broken locale settings
        loc = ""
    return "zh" if loc.lower().startswith("zh") else "en"


def text(key: str, lang: str = "en", /, **params: object) -> str:
    """The catalogue's message ``key`` in ``lang`` (see :mod:`alassess.catalogue`)."""
    return catalogue.text(key, lang, **params)


def sector_name(sector: str, lang: str = "en") -> str:
    key = f"sector.{sector}"
    return catalogue.text(key, lang) if catalogue.has(key) else sector
