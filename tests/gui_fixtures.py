"""Fixtures for the desktop application's tests (pytest-qt, offscreen)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


@pytest.fixture
def ui_settings_file(tmp_path, monkeypatch) -> Path:
    """Settings in a temporary INI file: never the user's."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("ALASSESS_SETTINGS", str(path))
    return path


@pytest.fixture
def app(qapp, ui_settings_file):
    from alassess.ui import i18n, style

    style.apply(qapp)
    i18n.install("en")
    yield qapp
    i18n.install("en")


@pytest.fixture
def demo_copy(demo_db, tmp_path) -> Path:
    path = tmp_path / "demo.db"
    src = sqlite3.connect(demo_db)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path


def open_window(qtbot, db_path: Path, lang: str = "en"):
    from alassess.ui.main_window import MainWindow

    w = MainWindow(db_path, lang)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.open_initial()
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(app, qtbot, demo_copy):
    w = open_window(qtbot, demo_copy)
    yield w
    w.close()


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` as key presses (also characters QTest.keyClicks cannot spell, e.g. １ or 铝)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def find_assessment(db_path: Path, sector: str, period: str) -> int:
    from alassess.services import records

    return next(r["id"] for r in records.overview(db_path) if r["sector"] == sector and r["period"] == period)


def stored_values(db_path: Path, aid: int) -> dict:
    from alassess.services import records

    return records.load(db_path, aid).values


def open_assessment(w, qtbot, aid: int):
    """Select the assessment in the window's tree and wait until its form is open; returns the form."""
    assert w.tree.select_assessment(aid)
    qtbot.waitUntil(lambda: w.session is not None and w.session.id == aid)
    return w.page.form


def retype(qtbot, editor, text: str) -> None:
    """Replace what the box holds by ``text``, typed key by key."""
    from PySide6.QtCore import Qt

    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    type_text(qtbot, editor, text)


def mark_signed(db_path: Path, aid: int) -> None:
    """Store the assessment as signed (before a window opens it)."""
    from alassess.store import repo
    from alassess.store.db import open_db

    db = open_db(db_path)
    repo.set_status(db, aid, "signed")
    db.conn.close()


def answer_modal(action, answer, timeout_ms: int = 10000) -> list:
    """Run ``action`` (which opens a modal dialog) and call ``answer(dialog)`` once the dialog is on
    screen; ``answer`` must close it (press its buttons). Returns the dialogs answered."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list = []
    start = time.monotonic()
    before = QApplication.activeModalWidget()

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if w is None or w is before or not w.isVisible():
            if time.monotonic() - start < timeout_ms / 1000:
                QTimer.singleShot(10, poll)
            return
        seen.append(w)
        answer(w)

    QTimer.singleShot(0, poll)
    action()
    return seen


def press(qtbot, dialog, text: str) -> None:
    """Click the dialog's button whose text (without "&") is ``text``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton

    for b in dialog.findChildren(QAbstractButton):
        if b.text().replace("&", "") == text and b.isVisible():
            qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
            return
    raise AssertionError(f"no button {text!r} in {dialog.windowTitle()!r}: "
                         f"{[b.text() for b in dialog.findChildren(QAbstractButton)]}")


def click(qtbot, button) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
