"""The dross ledger and the licensed receivers as tables (Qt model/view), with the findings beside.

Every change goes through :mod:`alassess.services.dross` — the same functions as
``alassess ledger`` — which validates a row before storing it (a bad row is refused with the
message naming the column) and imports spreadsheets all or nothing. The findings come from the
assessment's result (:func:`alassess.services.scoring.evaluate`), refreshed after each change.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alassess.domain import ledger as dl
from alassess.domain.dross import classify, movement_name
from alassess.domain.errors import AlAssessError
from alassess.services import dross
from alassess.ui import style
from alassess.ui.common import error_label, error_text, field_message, mark, name_inputs, ok_cancel

SHOWN_PROBLEMS = 200  # the problems of an import listed under the table (scrolling); a count for the rest


def kind_name(kind: str) -> str:
    return {"primary": QCoreApplication.translate("Ledger", "primary"),
            "secondary": QCoreApplication.translate("Ledger", "secondary")}.get(kind, kind)


def column_names() -> dict[str, str]:
    """The ledger's columns as the user reads them (in Chinese, the template's own headers)."""
    return {"date": QCoreApplication.translate("Ledger", "Date"),
            "code": QCoreApplication.translate("Ledger", "Waste code"),
            "kind": QCoreApplication.translate("Ledger", "Dross kind"),
            "movement": QCoreApplication.translate("Ledger", "Movement"),
            "quantity_t": QCoreApplication.translate("Ledger", "Quantity (t)"),
            "container": QCoreApplication.translate("Ledger", "Container no."),
            "receiver": QCoreApplication.translate("Ledger", "Receiver"),
            "manifest_no": QCoreApplication.translate("Ledger", "Manifest no."),
            "note": QCoreApplication.translate("Ledger", "Note")}


def list_text(items: list[str]) -> str:
    """Codes listed as the reader writes a list (、 in Chinese, ", " in English; both are read back)."""
    return QCoreApplication.translate("Ledger", ", ").join(items)


def _header(field: str, lang: str) -> str:  # noqa: ARG001 - the installed translation decides
    return column_names().get(field, field)


class _RowsModel(QAbstractTableModel):
    """Read-only rows (dicts) as a flat table; ``columns`` names the keys shown."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt naming
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.columns)


class LedgerModel(_RowsModel):
    columns = dl.ORDER

    def __init__(self, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.lang = lang

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _header(self.columns[section], self.lang)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        v = row.get(col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "kind":
                return kind_name(v)
            if col == "movement":
                return movement_name(v, self.lang)
            if col == "quantity_t":
                return f"{float(v):,.2f}" if v is not None else ""
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "quantity_t":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ReceiverModel(_RowsModel):
    columns = ("name", "licence_no", "codes", "valid_from", "valid_to")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers = [self.tr("Receiver"), self.tr("Licence number"), self.tr("Licensed codes"),
                        self.tr("Valid from"), self.tr("Valid to")]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        v = self.rows[index.row()].get(self.columns[index.column()])
        if isinstance(v, list):
            return list_text(v)
        return "" if v is None else str(v)


class EntryDialog(QDialog):
    """Add or edit one ledger row; the service validates it and the message shows in the dialog."""

    def __init__(self, lang: str, entry: dict[str, Any] | None, receivers: list[str], default_code: str,
                 parent=None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.cells: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Ledger entry"))
        self.setMinimumWidth(440)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        e = entry or {}
        self.edits: dict[str, QWidget] = {}
        for f in dl.ORDER:
            if f == "kind":
                w = QComboBox()
                for k in dl.KIND_VALUES:
                    w.addItem(kind_name(k), k)
                w.setCurrentIndex(max(w.findData(e.get("kind", "primary")), 0))
            elif f == "movement":
                w = QComboBox()
                for m in dl.MOVEMENT_VALUES:
                    w.addItem(movement_name(m, lang), m)
                w.setCurrentIndex(max(w.findData(e.get("movement", "generated")), 0))
            elif f == "receiver":
                w = QComboBox()
                w.setEditable(True)
                w.addItem("")
                w.addItems(receivers)
                w.setCurrentText(e.get("receiver") or "")
            else:
                value = e.get(f)
                if f == "code" and not value:
                    value = default_code
                w = QLineEdit("" if value is None else str(value))
                if f == "date":
                    w.setPlaceholderText("2025-03-31")
            self.edits[f] = w
            form.addRow(_header(f, lang) + (" *" if f in dl.REQUIRED else ""), w)
        name_inputs(form, {w: f for f, w in self.edits.items()})
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f, w in self.edits.items():
            if isinstance(w, QComboBox):
                out[f] = w.currentData() if not w.isEditable() else w.currentText()
            else:
                out[f] = w.text()
        return out

    def accept(self) -> None:
        cells = self.values()
        for w in self.edits.values():
            mark(w, "")
        try:
            dross.validate_entry(cells)
        except AlAssessError as exc:
            col = exc.field if exc.field in dl.COLUMNS else None
            self.error.setText(field_message(_header(col, self.lang) if col else "", error_text(exc, self.lang)))
            self.error.show()
            if col:  # the box the message is about: marked, with the cursor in it (what was typed stays)
                mark(self.edits[col], "error")
                self.edits[col].setFocus()
            return
        self.cells = cells
        super().accept()


class ReceiverDialog(QDialog):
    def __init__(self, lang: str, receiver: dict[str, Any] | None, parent=None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.receiver: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Licensed receiver"))
        self.setMinimumWidth(440)
        r = receiver or {}
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(r.get("name", ""))
        self.licence = QLineEdit(r.get("licence_no", ""))
        self.codes = QLineEdit(list_text(r.get("codes") or []))
        self.codes.setPlaceholderText(list_text(["321-024-48", "321-026-48"]))
        self.valid_from = QLineEdit(r.get("valid_from") or "")
        self.valid_to = QLineEdit(r.get("valid_to") or "")
        form.addRow(self.tr("Receiver") + " *", self.name)
        form.addRow(self.tr("Licence number"), self.licence)
        form.addRow(self.tr("Licensed codes"), self.codes)
        form.addRow(self.tr("Valid from"), self.valid_from)
        form.addRow(self.tr("Valid to"), self.valid_to)
        name_inputs(form, {self.name: "name", self.licence: "licence_no", self.codes: "codes",
                           self.valid_from: "valid_from", self.valid_to: "valid_to"})
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self))

    def accept(self) -> None:
        raw = {"name": self.name.text(), "licence_no": self.licence.text(), "codes": self.codes.text(),
               "valid_from": self.valid_from.text().strip() or None, "valid_to": self.valid_to.text().strip() or None}
        try:
            dross.validate_receiver(raw)
        except AlAssessError as exc:
            self.error.setText(error_text(exc, self.lang))
            self.error.show()
            return
        self.receiver = raw
        super().accept()


def _table(model: QAbstractTableModel) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setDefaultSectionSize(26)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class LedgerPage(QWidget):
    """The plant's receivers and the ledger of the assessment's period; edits refresh the result."""

    changed = Signal()

    def __init__(self, db_path: str | Path, session, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.session = session
        self.lang = lang
        self.plant_id = session.info["plant_id"]
        self.period = session.assessment.period
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        intro = QLabel(self.tr("The plant's dross ledger for %1 and its licensed receivers. Each row is checked "
                               "before it is stored; a spreadsheet is imported only when every row is valid.")
                       .replace("%1", self.period))
        intro.setObjectName("sectionIntro")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        split = QSplitter(Qt.Orientation.Vertical)
        # receivers
        rbox = QWidget()
        rl = QVBoxLayout(rbox)
        rl.setContentsMargins(0, 0, 0, 0)
        rhead = QHBoxLayout()
        t = QLabel(self.tr("Licensed receivers"))
        t.setObjectName("heading")
        rhead.addWidget(t)
        rhead.addStretch(1)
        self.add_receiver_button = QPushButton(self.tr("Add…"))
        self.edit_receiver_button = QPushButton(self.tr("Edit…"))
        self.delete_receiver_button = QPushButton(self.tr("Delete"))
        for b in (self.add_receiver_button, self.edit_receiver_button, self.delete_receiver_button):
            rhead.addWidget(b)
        rl.addLayout(rhead)
        self.receivers = ReceiverModel(self)
        self.receiver_view = _table(self.receivers)
        rl.addWidget(self.receiver_view)
        split.addWidget(rbox)
        # ledger
        lbox = QWidget()
        ll = QVBoxLayout(lbox)
        ll.setContentsMargins(0, 0, 0, 0)
        lhead = QHBoxLayout()
        t = QLabel(self.tr("Ledger %1").replace("%1", self.period))
        t.setObjectName("heading")
        lhead.addWidget(t)
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        lhead.addWidget(self.count_label)
        lhead.addStretch(1)
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.import_button = QPushButton(self.tr("Import Excel/CSV…"))
        for b in (self.add_button, self.edit_button, self.delete_button, self.import_button):
            lhead.addWidget(b)
        ll.addLayout(lhead)
        self.ledger = LedgerModel(lang, self)
        self.ledger_view = _table(self.ledger)
        ll.addWidget(self.ledger_view)
        split.addWidget(lbox)
        split.setSizes([160, 480])
        lay.addWidget(split, 1)
        self.message = QLabel("")
        self.message.setObjectName("ledgerMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # every problem of an import can be read (scrolled), however many there are
        self.message_area = QScrollArea()
        self.message_area.setWidgetResizable(True)
        self.message_area.setFrameShape(QFrame.Shape.NoFrame)
        self.message_area.setWidget(self.message)
        self.message_area.setMaximumHeight(200)
        self.message_area.hide()
        lay.addWidget(self.message_area)
        self.add_button.clicked.connect(lambda: self.add_entry())  # clicked(bool) would pass False
        self.edit_button.clicked.connect(self.edit_entry)
        self.delete_button.clicked.connect(self.delete_entry)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.ledger_view.doubleClicked.connect(lambda _i: self.edit_entry())
        self.add_receiver_button.clicked.connect(lambda: self.add_receiver())
        self.edit_receiver_button.clicked.connect(self.edit_receiver)
        self.delete_receiver_button.clicked.connect(self.delete_receiver)
        self.receiver_view.doubleClicked.connect(lambda _i: self.edit_receiver())
        self.confirm = lambda text: QMessageBox.question(self, self.tr("Delete"), text) == \
            QMessageBox.StandardButton.Yes
        self.set_readonly(session.readonly)
        self.reload()

    def set_readonly(self, ro: bool) -> None:
        for b in (self.add_button, self.edit_button, self.delete_button, self.import_button,
                  self.add_receiver_button, self.edit_receiver_button, self.delete_receiver_button):
            b.setEnabled(not ro)

    # ---- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        self.ledger.set_rows(dross.list_entries(self.db_path, self.plant_id, period=self.period))
        self.receivers.set_rows(dross.list_receivers(self.db_path, self.plant_id))
        self.count_label.setText(self.tr("%n row(s)", "", len(self.ledger.rows)))

    def _after_change(self, text: str) -> None:
        self.reload()
        self.session.reload()  # the ledger is part of the assessment's dross section: re-score
        self._show_message(f"<span style='color:{style.OK}'>✓</span> " + html.escape(text, quote=False))
        self.changed.emit()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message_area.setVisible(bool(text))
        lines = text.count("<li>") + 1
        self.message_area.setMinimumHeight(min(24 + 20 * lines, 200))

    def _error(self, exc: AlAssessError) -> None:
        problems = getattr(exc, "problems", None)
        text = f"<span style='color:{style.ERROR}'>✗ {html.escape(error_text(exc, self.lang), quote=False)}</span>"
        if problems:
            items = []
            for p in problems[:SHOWN_PROBLEMS]:
                msg = p.message(self.lang) if hasattr(p, "message") else str(p)
                items.append(f"<li>{html.escape(msg, quote=False)}</li>")
            text += "<ul style='margin:0'>" + "".join(items) + "</ul>"
            if len(problems) > SHOWN_PROBLEMS:
                text += self.tr("… and %n more", "", len(problems) - SHOWN_PROBLEMS)
        self._show_message(text)

    def _selected(self, view: QTableView, model) -> dict[str, Any] | None:
        idx = view.currentIndex()
        return model.rows[idx.row()] if idx.isValid() else None

    def _receiver_names(self) -> list[str]:
        return [r["name"] for r in self.receivers.rows]

    def _default_code(self) -> str:
        cls = classify(self.session.sector)
        return cls.code if cls else ""

    def _change(self, action, done: str) -> bool:
        """Run a service call that changes the ledger or the receivers: its message, or ``done`` and a re-score."""
        try:
            action()
        except AlAssessError as exc:
            self._error(exc)
            return False
        self._after_change(done)
        return True

    # ---- ledger -------------------------------------------------------------------------------

    def entry_dialog(self, entry: dict[str, Any] | None) -> EntryDialog:
        return EntryDialog(self.lang, entry, self._receiver_names(), self._default_code(), self)

    def add_entry(self, cells: dict[str, Any] | None = None) -> bool:
        if cells is None:
            dlg = self.entry_dialog(None)
            if not dlg.exec():
                return False
            cells = dlg.cells
        return self._change(lambda: dross.add_entry(self.db_path, self.plant_id, cells), self.tr("Entry added."))

    def edit_entry(self) -> None:
        row = self._selected(self.ledger_view, self.ledger)
        if row is None or self.session.readonly:
            return
        dlg = self.entry_dialog(row)
        if not dlg.exec():
            return
        self._change(lambda: dross.update_entry(self.db_path, self.plant_id, row["id"], dlg.cells),
                     self.tr("Entry changed."))

    def delete_entry(self) -> None:
        row = self._selected(self.ledger_view, self.ledger)
        if row is None or not self.confirm(self.tr("Delete the ledger entry of %1?").replace("%1", row["date"])):
            return
        self._change(lambda: dross.delete_entry(self.db_path, self.plant_id, row["id"]), self.tr("Entry deleted."))

    def import_file(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a ledger"), "",
                                                  self.tr("Spreadsheet (*.xlsx *.xls *.csv)"))
            if not path:
                return False
        try:
            res = dross.import_ledger(self.db_path, self.plant_id, path)
        except AlAssessError as exc:
            self._error(exc)
            return False
        self._after_change(self.tr("%1 rows read: %2 added, %3 already stored.")
                           .replace("%1", str(res.rows)).replace("%2", str(res.added))
                           .replace("%3", str(res.duplicates)))
        return True

    # ---- receivers ----------------------------------------------------------------------------

    def add_receiver(self, raw: dict[str, Any] | None = None) -> bool:
        return self._save_receiver(raw, None)

    def edit_receiver(self) -> None:
        row = self._selected(self.receiver_view, self.receivers)
        if row is not None and not self.session.readonly:
            self._save_receiver(None, row)

    def _save_receiver(self, raw: dict[str, Any] | None, row: dict[str, Any] | None) -> bool:
        if raw is None:
            dlg = ReceiverDialog(self.lang, row, self)
            if not dlg.exec():
                return False
            raw = dlg.receiver
        return self._change(lambda: dross.save_receiver(self.db_path, self.plant_id, raw, row["id"] if row else None),
                            self.tr("Receiver saved."))

    def delete_receiver(self) -> None:
        row = self._selected(self.receiver_view, self.receivers)
        if row is None or not self.confirm(self.tr("Delete the receiver %1?").replace("%1", row["name"])):
            return
        self._change(lambda: dross.delete_receiver(self.db_path, self.plant_id, row["id"]),
                     self.tr("Receiver deleted."))
