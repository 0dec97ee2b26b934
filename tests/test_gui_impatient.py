"""An impatient user drives the whole window: every tab, every field, every button and menu action.

For one assessment of each sector it clicks every tab, types into every field (first something
wrong, then a value written the way people write it), presses every enabled button and menu action
and answers or cancels every dialog that opens. It fails on an exception reaching Qt's event loop
(pytest-qt), a traceback or error in the log, a bad entry that changed the stored value, or a stored
value that differs from what was typed.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QMessageBox,
    QTabBar,
)

from alassess.domain.credit_code import complete
from alassess.services import records
from alassess.ui import forms
from tests.gui_fixtures import click, find_assessment, open_assessment, open_window, retype

SECTORS = ("alumina", "electrolytic", "recycled", "processing")
OTHER_PLANTS_CODE = "91500114MA60E0B20Q"  # the demo's electrolytic plant


class ModalAnswerer:
    """Answers every modal dialog that opens while it runs: saves go to ``folder``, the rest is cancelled."""

    def __init__(self, qtbot, folder: Path) -> None:
        self.qtbot = qtbot
        self.folder = folder
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(15)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.busy = False

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        w = QApplication.activeModalWidget()
        if w is None or self.busy or not w.isVisible():
            return
        self.busy = True
        try:
            self.answer(w)
        finally:
            self.busy = False

    def answer(self, w) -> None:
        from alassess.ui.labels_dialog import LabelsDialog
        from alassess.ui.report_dialog import ReportDialog

        name = type(w).__name__
        self.seen.append(name)
        if isinstance(w, ReportDialog):
            w.wait_preview()
            w.out_path.setText(str(self.folder / f"report-{len(self.seen)}.pdf"))
            click(self.qtbot, w.save_unsigned_button)
            assert "✓" in w.result.text(), w.result.text()
            w.accept()
        elif isinstance(w, LabelsDialog):
            click(self.qtbot, w.preview_button)
            assert "✗" not in w.result.text(), w.result.text()
            w.accept()
        elif isinstance(w, QFileDialog):
            if w.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
                w.selectFile(str(self.folder / f"saved-{len(self.seen)}.json"))
                w.accept()
            else:
                w.reject()
        elif isinstance(w, QMessageBox):
            button = w.escapeButton() or w.button(QMessageBox.StandardButton.No) or \
                w.button(QMessageBox.StandardButton.Cancel) or w.button(QMessageBox.StandardButton.Ok)
            if button is not None:
                button.click()
            else:
                w.reject()
        elif isinstance(w, QDialog):
            w.reject()
        else:  # pragma: no cover - every modal window here is a dialog
            w.close()


def _number_typed(f, i: int) -> tuple[str, Decimal]:
    """A valid value for the field, written the way people write it (varied from field to field)."""
    if f is not None and f.max == 100:
        return [("85%", Decimal(85)), ("85％", Decimal(85)), ("８５.５", Decimal("85.5")), (" 72 ", Decimal(72))][i % 4]
    if f is not None and f.max is not None:
        return [("500", Decimal(500)), ("５００", Decimal(500))][i % 2]
    return [("1,650", Decimal(1650)), ("1，650", Decimal(1650)), ("１６５０", Decimal(1650)), ("1 650", Decimal(1650)),
            ("2.5", Decimal("2.5"))][i % 5]


TEXTS = {"plant.phone": "023-6868 1234", "assessor.name": "陈 评估", "plant.region": "重庆市 渝北区"}


def _stored(a, bind: str):
    head, _, key = bind.partition(".")
    if head == "values":
        return a.values.get(key)
    if head == "plant":
        return getattr(a.plant, key)
    if head == "assessor":
        return getattr(a.assessor, key)
    d = a.dross or {}
    if key.startswith("requirements."):
        return (d.get("requirements") or {}).get(key[len("requirements."):])
    return d.get(key)


def _check_stored(window, db: Path, aid: int, expected: dict[str, object], sector: str) -> None:
    window.saver.flush()
    a = records.load(db, aid)
    for bind, value in expected.items():
        got = _stored(a, bind)
        assert got == value or (value is None and got in (None, "")), (sector, bind, value, got)


def _click_tabs(qtbot, form) -> None:
    bar = form.findChild(QTabBar)
    for i in range(form.count()):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                         pos=bar.tabRect(i).center())
        assert form.currentIndex() == i


def _type_everything(qtbot, window, form, sector_no: int) -> dict[str, object]:
    """Type into every visible field; returns what each bind should hold now."""
    session = window.session
    expected: dict[str, object] = {}
    numbers = 0
    for row in form.rows():
        if not row.isVisibleTo(form) and row.row.relevant.get("when"):
            continue
        bind = row.row.bind
        page = next((i for i, p in enumerate(form.pages) if row in p.rows), None)
        if page is not None:
            form.setCurrentIndex(page)
        ed = row.editor
        if isinstance(row, forms.InfoRow) or ed is None:
            continue
        if isinstance(row, forms.NumberRow):
            if isinstance(row, forms.IndicatorRow) and row.consumption is not None and numbers % 3 == 1:
                click(qtbot, row.con_btn)  # some entered as consumption
            target = row.bind_for_value()
            before = session.value(target)
            for bad in ("abc", "1,6,50"):
                retype(qtbot, ed, bad)
                assert row.state == "error" and row.message.isVisible(), (bind, bad)
                assert row.message.text() and ed.text() == bad
                assert session.value(target) == before, (bind, bad, session.value(target))
            f = row.current_field() if isinstance(row, forms.IndicatorRow) else row.row.catalogue_field
            typed, value = _number_typed(f, numbers)
            numbers += 1
            retype(qtbot, ed, typed)
            assert row.state != "error", (bind, typed, row.message.text())
            expected[target] = value
            if isinstance(row, forms.IndicatorRow) and row.consumption is not None:
                other = f"values.{row.output.id}" if target != f"values.{row.output.id}" else \
                    f"values.{row.consumption.id}"
                expected[other] = None
        elif isinstance(row, forms.TextRow):
            if bind == "plant.credit_code":
                taken = complete(f"91500114MA70E0B2{sector_no - 1}") if sector_no else OTHER_PLANTS_CODE
                for bad in ("12345", taken):  # too short; another plant's
                    retype(qtbot, ed, bad)
                    assert row.state == "error" and row.message.isVisible(), (bad, row.message.text())
                text = complete(f"91500114MA70E0B2{sector_no}")
            else:
                text = TEXTS.get(bind, f"测试 {bind.rsplit('.', 1)[-1]} {sector_no}")
            retype(qtbot, ed, text)
            assert row.state != "error", (bind, row.message.text())
            expected[bind] = text.strip()
        elif isinstance(row, forms.YesNoRow):
            ed.setFocus()
            qtbot.keyClick(ed, "y")
            qtbot.keyClick(ed, "n")
            value = [True, False, None][len(expected) % 3]
            if value is None:
                qtbot.keyClick(ed, Qt.Key.Key_Delete)
            elif value:
                click(qtbot, ed.yes)
            assert ed.value() is value
            expected[bind] = value
        elif isinstance(row, forms.CheckRow):
            click(qtbot, ed)
            click(qtbot, ed)
            click(qtbot, ed)
            expected[bind] = ed.isChecked()
        elif isinstance(row, forms.ChoiceRow):
            assert isinstance(ed, QComboBox)
            ed.setFocus()
            ed.setCurrentIndex(ed.count() - 1)
            expected[bind] = ed.currentData()
    return expected


def _press_page_buttons(qtbot, window) -> None:
    """Every enabled, visible button of the page outside the form rows (header, ledger, banners)."""
    page = window.page
    rows = set()
    for r in page.form.rows():
        rows.update(id(b) for b in r.findChildren(QAbstractButton))
    form = page.form
    if form.ledger_page is not None:
        form.setCurrentWidget(form.ledger_page)
        lp = form.ledger_page
        if lp.ledger.rowCount():
            lp.ledger_view.selectRow(0)
        if lp.receivers.rowCount():
            lp.receiver_view.selectRow(0)
    for b in list(page.findChildren(QAbstractButton)):
        if id(b) in rows or isinstance(b, QCheckBox) or not b.isVisible() or not b.isEnabled():
            continue
        if b.parent() is not None and isinstance(b.parent(), QTabBar):
            continue
        if b is page.status_button:
            click(qtbot, b)
            click(qtbot, window.page.status_button)  # back to draft
            continue
        click(qtbot, b)
        assert window.page is not None


def _trigger_menu_actions(window, skip) -> list[str]:
    done = []
    for menu_action in window.menuBar().actions():
        for a in menu_action.menu().actions():
            if a.isSeparator() or not a.isEnabled() or a in skip:
                continue
            a.trigger()
            done.append(a.text())
    return done


@pytest.fixture
def impatient(app, qtbot, demo_copy, tmp_path, monkeypatch, caplog):
    from alassess.services import demo

    monkeypatch.setattr(demo, "demo_path", lambda: tmp_path / "alassess-demo.db")
    monkeypatch.setattr("alassess.services.records.default_db_path", lambda: tmp_path / "alassess.db")
    monkeypatch.setattr("alassess.ui.pdf_preview.documents_dir", lambda: tmp_path)
    caplog.set_level(logging.WARNING)
    w = open_window(qtbot, demo_copy)
    answerer = ModalAnswerer(qtbot, tmp_path)
    yield w, answerer
    answerer.stop()
    w.close()
    problems = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not problems, [r.getMessage() for r in problems]


def test_an_impatient_user_cannot_break_the_window(impatient, qtbot, demo_copy, tmp_path):
    w, answerer = impatient
    for n, sector in enumerate(SECTORS):
        aid = find_assessment(demo_copy, sector, "2025")
        form = open_assessment(w, qtbot, aid)
        _click_tabs(qtbot, form)
        expected = _type_everything(qtbot, w, form, n)
        assert expected, sector
        # undo and redo from the toolbar, as a user checks what they did
        if w.tb_undo.isEnabled():
            w.tb_undo.trigger()
            w.tb_redo.trigger()
        _check_stored(w, demo_copy, aid, expected, sector)
        _press_page_buttons(qtbot, w)
        # the page's Report… and Mark-as-final buttons were pressed: their menu twins call the same slots
        skip = {w.act_quit, w.act_my_db, w.act_demo, w.act_amend, w.act_report, w.act_final}
        done = _trigger_menu_actions(w, skip)
        assert done
        # the same assessment is still open and still holds what was typed
        assert w.session is not None and w.session.id == aid
        _check_stored(w, demo_copy, aid, expected, sector)
    assert {"ReportDialog", "LabelsDialog", "SettingsDialog", "NewPlantDialog"} <= set(answerer.seen)
    # the last two switch the database: the demo's, then the user's own (a new, empty one)
    w.act_demo.trigger()
    assert w.demo_banner.isVisible() and w.session is not None
    w.act_my_db.trigger()
    assert w.stack.currentWidget() is w.welcome and not w.demo_banner.isVisible()
    for b in (w.welcome.new_button, w.welcome.open_button, w.welcome.import_button):
        click(qtbot, b)
    assert w.stack.currentWidget() is w.welcome


def test_every_input_is_named_by_its_field_and_read_by_its_label(window, qtbot, demo_copy):
    from PySide6.QtWidgets import QLineEdit

    for sector in SECTORS:
        form = open_assessment(window, qtbot, find_assessment(demo_copy, sector, "2025"))
        for row in form.rows():
            if row.editor is None:
                continue
            assert row.editor.objectName() == forms.field_name(row.row.bind)
            assert row.editor.accessibleName() in (row.row.label("en"), *(
                [row.current_field().label("en")] if isinstance(row, forms.IndicatorRow) else []))
        assert form.findChild(QLineEdit, "plant.name") is not None
        assert form.findChild(QLineEdit, "energy_output" if sector in ("alumina", "electrolytic")
                              else "recycled_al_share_pct") is not None
