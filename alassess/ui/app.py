"""Starting the desktop application: ``alassess gui --db DB [--demo]`` and ``alassess`` alone.

Start-up is kept light (no reportlab, pandas or pyHanko until a report or an import needs them).
For the start-up benchmark, ``ALASSESS_STARTUP_FILE`` names a file that receives the time the main
window was first on screen, and ``ALASSESS_EXIT_WHEN_SHOWN=1`` quits right after.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from alassess import logs
from alassess.domain import messages
from alassess.domain.errors import AlAssessError
from alassess.services.demo import create_demo
from alassess.ui import i18n, style
from alassess.ui import settings as ui_settings
from alassess.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def choose_lang(explicit: str | None) -> str:
    """--lang (or ALASSESS_LANG) first, then the language chosen in settings, then the system's."""
    if explicit in i18n.LANGS:
        return explicit
    saved = ui_settings.get_str("language", "system")
    if saved in i18n.LANGS:
        return saved
    return messages.default_lang()


def _excepthook(exc_type, exc, tb) -> None:
    """Unexpected errors: logged with the traceback, shown to the user as one plain sentence."""
    if isinstance(exc, AlAssessError):
        text = exc.message(i18n.current())
    else:
        log.error("unexpected error in the desktop application", exc_info=(exc_type, exc, tb))
        text = messages.text("internal_error", i18n.current(), reason=f"{exc_type.__name__}: {exc}",
                             log=logs.where())
    app = QApplication.instance()
    if app is not None:
        QMessageBox.warning(app.activeWindow(), "AlAssess", text)
    else:  # pragma: no cover
        sys.stderr.write(text + "\n")


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("AlAssess")
    app.setOrganizationName("AlAssess")
    style.apply(app)
    return app


def run(db_path: str | Path, demo: bool = False, lang: str | None = None) -> int:
    """Open the main window on ``db_path`` (filled with the demo data first with ``demo``)."""
    logs.configure("gui")
    app = create_app()
    lang = i18n.install(choose_lang(lang))
    if demo:
        try:
            create_demo(db_path)
        except AlAssessError as exc:
            QMessageBox.critical(None, "AlAssess", exc.message(lang))
            return 2

    try:
        window = MainWindow(db_path, lang)
    except AlAssessError as exc:
        QMessageBox.critical(None, "AlAssess", exc.message(lang))
        return 2
    sys.excepthook = _excepthook
    if demo:
        window.mark_demo(db_path)
    window.open_initial()
    startup_file = os.environ.get("ALASSESS_STARTUP_FILE")
    exit_when_shown = os.environ.get("ALASSESS_EXIT_WHEN_SHOWN") == "1"
    window.show()
    if startup_file or exit_when_shown:
        fired: list[bool] = []

        def shown() -> None:
            if fired:
                return
            fired.append(True)
            if startup_file:
                Path(startup_file).write_text(json.dumps({"shown": time.time(), "title": window.windowTitle()}),
                                              encoding="utf-8")
            if exit_when_shown:
                QTimer.singleShot(0, window.close)

        window.watch_exposure(shown)
        if window.windowHandle() is not None and window.windowHandle().isExposed():
            QTimer.singleShot(0, shown)
    window.raise_()
    window.activateWindow()
    return app.exec()
