"""Languages: Chinese (zh_CN) and English through Qt's translation system.

The widgets' own texts are English source strings (``self.tr``) translated by
``resources/i18n/alassess_zh_CN.qm`` (compiled from the ``.ts`` beside it with
``pyside6-lrelease``). Field labels, hints and messages come from the catalogue and the message
templates in the chosen language. Default: the saved setting, else the system locale.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGS = ("zh", "en")
_state: dict[str, object] = {"lang": "en", "translators": []}


def qm_path(lang: str) -> str | None:
    if lang != "zh":
        return None
    p = resources.files("alassess.resources").joinpath("i18n", "alassess_zh_CN.qm")
    return str(p)


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
                _state["translators"].append(tr)  # type: ignore[union-attr]
            # Qt's own dialogs (file, print, message boxes) in Chinese where Qt ships them

            qt = QTranslator(app)
            if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(qt)
                _state["translators"].append(qt)  # type: ignore[union-attr]
    _state["lang"] = lang
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return lang
