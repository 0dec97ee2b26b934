"""Languages: Chinese (zh_CN) and English through Qt's translation system.

The widgets' own texts are English source strings (``self.tr``) translated by
``resources/i18n/alassess_zh_CN.qm`` (compiled from the ``.ts`` beside it with
``pyside6-lrelease``). Field labels, hints and messages come from the catalogue and the message
templates in the chosen language. Default: the saved setting, else the system locale.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGS = ("zh", "en")
_state: dict[str, object] = {"lang": "en", "translators": []}


def qm_path(lang: str) -> str | None:
    if lang != "zh":
        return None
    p = resources.files("alassess.resources").joinpath("i18n", "alassess_zh_CN.qm")
    return str(p)


def qt_translation_dirs() -> list[str]:
    """Where Qt's own translations may be: Qt's configured folder, else the PySide6 package's."""
    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    dirs += [str(Path(PySide6.__file__).parent / sub / "translations") for sub in ("Qt", "")]
    return [d for d in dirs if d and Path(d).is_dir()]


def system_lang() -> str:
    name = QLocale.system().name().lower()
    return "zh" if name.startswith("zh") else "en"


def current() -> str:
    return str(_state["lang"])


def install(lang: str) -> str:
    """Switch the application's translators to ``lang``; returns the language in effect."""
    app = QCoreApplication.instance()
    lang = lang if lang in LANGS else "en"
    for t in list(_state["translators"]):  # type: ignore[arg-type]
        if app is not None:
            app.removeTranslator(t)
    _state["translators"] = []
    if app is not None:
        if lang == "zh":
            path = qm_path(lang)
            tr = QTranslator(app)
            if path and tr.load(path):
                app.installTranslator(tr)
                _state["translators"].append(tr)  # type: ignore[attr-defined]
            # Qt's own dialogs (file, print, message boxes) in Chinese: Qt's translation, then the few
            # texts it lacks (qt_extra_zh_CN)
            for folder in qt_translation_dirs():
                qt = QTranslator(app)
                if qt.load("qtbase_zh_CN", folder):
                    app.installTranslator(qt)
                    _state["translators"].append(qt)  # type: ignore[union-attr]
                    break
            extra = QTranslator(app)
            if extra.load(str(resources.files("alassess.resources").joinpath("i18n", "qt_extra_zh_CN.qm"))):
                app.installTranslator(extra)
                _state["translators"].append(extra)  # type: ignore[union-attr]
    _state["lang"] = lang
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return lang
