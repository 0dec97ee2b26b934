"""Pieces every dialog and page shares: the refused-input line, OK/Cancel, an error's words.

Kept apart from the form engine and the dialogs so that both (and the ledger page, which the form
engine shows) import it without importing each other.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

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


def name_inputs(form: QFormLayout, names: dict[QWidget, str]) -> None:
    """Each input of ``form`` gets its field id as object name and its row's label as accessible name."""
    for w, field_id in names.items():
        w.setObjectName(field_id)
        label = form.labelForField(w)
        text = label.text().rstrip(" *") if isinstance(label, QLabel) else ""
        if isinstance(w, QCheckBox) and not text:
            text = w.text()
        w.setAccessibleName(text.replace("&", ""))


def field_message(name: str, message: str) -> str:
    """``message`` about the field ``name``: prefixed with the name unless it already says it."""
    if not name or name.casefold() in message.casefold():
        return message
    return QCoreApplication.translate("Dialogs", "%1: %2").replace("%1", name).replace("%2", message)


def mark(w: QWidget, state: str) -> None:
    """Show a dialog's input box as refused ("error") or fine ("")."""
    w.setProperty("state", state)
    w.style().unpolish(w)
    w.style().polish(w)
