"""Pieces every dialog and page shares: the refused-input line, OK/Cancel, an error's words.

Kept apart from the form engine and the dialogs so that both (and the ledger page, which the form
engine shows) import it without importing each other.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from alassess.domain import messages
from alassess.domain.errors import AlAssessError


def error_text(exc: AlAssessError, lang: str) -> str:
    """The message without the field path (the row already names the field)."""
    try:
        return messages.text(exc.key, lang, **exc.params)
    except (KeyError, IndexError):
        return exc.message(lang)


def error_label() -> QLabel:
    """The line under a dialog's form that shows why its input was refused (hidden until then)."""
    lab = QLabel("")
    lab.setObjectName("error")
    lab.setWordWrap(True)
    lab.hide()
    return lab


def ok_cancel(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    """OK (named ``ok_text``) and Cancel, wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    if ok_text is not None:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
