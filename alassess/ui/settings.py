"""User interface settings (language, window geometry, last assessment) in QSettings.

``ALASSESS_SETTINGS`` names an INI file to use instead of the platform's default place (tests and
the screenshot script use it so they never touch a user's settings).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORG = "AlAssess"
APP = "AlAssess"


def settings() -> QSettings:
    path = os.environ.get("ALASSESS_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def get_str(key: str, default: str = "") -> str:
    value = settings().value(key, default)
    return str(value) if value is not None else default


def set_value(key: str, value: object) -> None:
    s = settings()
    s.setValue(key, value)
    s.sync()
