"""Dross ledger and receivers tables, and the labels dialog (preview, save, print at 100 %)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from alassess.services import dross
from tests.gui_fixtures import find_assessment, mark_signed, open_assessment, open_window


@pytest.fixture
def ledger_page(app, qtbot, demo_copy):
    w = open_window(qtbot, demo_copy)
    form = open_assessment(w, qtbot, find_assessment(demo_copy, "electrolytic", "2025"))
    page = form.ledger_page
    form.setCurrentWidget(page)
    yield w, page
    w.close()


def test_ledger_and_receivers_are_listed(ledger_page, demo_copy):
    w, page = ledger_page
    pid = w.session.info["plant_id"]
    assert page.ledger.rowCount() == len(dross.list_entries(demo_copy, pid, period="2025")) == 60
    assert page.ledger.headerData(0, Qt.Orientation.Horizontal) == "Date"
    assert page.receivers.rowCount() == 1
    assert "60" in page.count_label.text()


def test_add_edit_delete_a_ledger_row(ledger_page, demo_copy, monkeypatch):
    w, page = ledger_page
    pid = w.session.info["plant_id"]
    n = page.ledger.rowCount()
    cells = {"date": "2025-12-20", "code": "321-024-48", "kind": "secondary", "movement": "transferred",
             "quantity_t": "3.5", "container": "HB-X", "receiver": "无证回收站", "manifest_no": "", "note": ""}
    assert page.add_entry(cells)
    assert page.ledger.rowCount() == n + 1
    stored = [e for e in dross.list_entries(demo_copy, pid, period="2025") if e["container"] == "HB-X"]
    assert len(stored) == 1 and float(stored[0]["quantity_t"]) == 3.5
    # the findings beside the table follow: an unregistered receiver and a missing manifest
    findings = w.results.findings_text()
    assert "无证回收站" in findings and "manifest" in findings
    # edit it through the row dialog
    row = next(i for i, r in enumerate(page.ledger.rows) if r["container"] == "HB-X")
    page.ledger_view.selectRow(row)

    def fill(dlg):
        dlg.edits["receiver"].setCurrentText("重庆绿环危险废物处置有限公司")
        dlg.edits["manifest_no"].setText("5002025129999")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr("alassess.ui.ledger.EntryDialog.exec", fill)
    page.edit_entry()
    stored = [e for e in dross.list_entries(demo_copy, pid, period="2025") if e["container"] == "HB-X"]
    assert stored[0]["manifest_no"] == "5002025129999"
    assert "无证回收站" not in w.results.findings_text()
    # delete it
    row = next(i for i, r in enumerate(page.ledger.rows) if r["container"] == "HB-X")
    page.ledger_view.selectRow(row)
    page.confirm = lambda _text: True
    page.delete_entry()
    assert page.ledger.rowCount() == n
    assert not [e for e in dross.list_entries(demo_copy, pid, period="2025") if e["container"] == "HB-X"]


def test_a_bad_row_shows_the_message_and_stores_nothing(ledger_page, demo_copy, qtbot):
    from alassess.ui.ledger import EntryDialog

    w, page = ledger_page
    n = page.ledger.rowCount()
    dlg = EntryDialog("en", None, [], "321-024-48", page)
    qtbot.addWidget(dlg)
    dlg.edits["date"].setText("2025-13-40")
    dlg.edits["quantity_t"].setText("2")
    dlg.accept()
    assert dlg.cells is None and not dlg.error.isHidden() and "date" in dlg.error.text()
    dlg.edits["date"].setText("2025-06-01")
    dlg.edits["quantity_t"].setText("-2")
    dlg.accept()
    assert dlg.cells is None and not dlg.error.isHidden()
    assert page.ledger.rowCount() == n


def test_import_a_spreadsheet_all_or_nothing(ledger_page, demo_copy, tmp_path):
    w, page = ledger_page
    n = page.ledger.rowCount()
    bad = tmp_path / "bad.csv"
    bad.write_text("日期,废物代码,铝灰类型,业务类型,数量(吨),容器编号\n"
                   "2025-11-02,321-024-48,一次,产生,4.5,TB-N1\n"
                   "2025-11-31,321-024-48,一次,产生,4.5,TB-N2\n", encoding="utf-8")
    assert not page.import_file(str(bad))
    assert "3" in page.message.text() and page.ledger.rowCount() == n  # the bad row named, nothing added
    good = tmp_path / "good.csv"
    good.write_text("日期,废物代码,铝灰类型,业务类型,数量(吨),容器编号\n"
                    "2025-11-02,321-024-48,一次,产生,4.5,TB-N1\n"
                    "2025-11-03,321-024-48,一次,产生,5,TB-N2\n", encoding="utf-8")
    assert page.import_file(str(good))
    assert page.ledger.rowCount() == n + 2 and "2 added" in page.message.text()
    assert page.import_file(str(good))  # the same file again adds nothing
    assert page.ledger.rowCount() == n + 2 and "2 already stored" in page.message.text()


def test_receivers_add_and_validate(ledger_page, qtbot):
    from alassess.ui.ledger import ReceiverDialog

    w, page = ledger_page
    assert page.add_receiver({"name": "渝北再生资源公司", "licence_no": "渝危废经第 500112-2024-003 号",
                              "codes": "321-026-48", "valid_from": "2024-01-01", "valid_to": "2026-12-31"})
    assert [r["name"] for r in page.receivers.rows].count("渝北再生资源公司") == 1
    dlg = ReceiverDialog("en", None, page)
    qtbot.addWidget(dlg)
    dlg.name.setText("某单位")
    dlg.codes.setText("321-24-48")
    dlg.accept()
    assert dlg.receiver is None and "321-24-48" in dlg.error.text()


def test_a_signed_assessment_locks_the_tables(app, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "electrolytic", "2025")
    mark_signed(demo_copy, aid)
    w = open_window(qtbot, demo_copy)
    page = open_assessment(w, qtbot, aid).ledger_page
    assert not page.add_button.isEnabled() and not page.import_button.isEnabled()
    w.close()


@pytest.fixture
def labels_dialog(app, qtbot, demo_copy):
    from alassess.ui.labels_dialog import LabelsDialog

    w = open_window(qtbot, demo_copy)
    open_assessment(w, qtbot, find_assessment(demo_copy, "electrolytic", "2025"))
    assert w.act_labels.isEnabled()
    dlg = LabelsDialog(demo_copy, w.session.info["plant_id"], "en", w)
    qtbot.addWidget(dlg)
    yield dlg
    w.close()


def test_labels_dialog_previews_and_saves_a_true_size_pdf(labels_dialog, tmp_path):
    from pypdf import PdfReader

    dlg = labels_dialog
    assert dlg.pdf is not None and dlg.preview_pages == 1 and "200 × 200 mm" in dlg.result.text()
    dlg.count.setValue(3)
    dlg.field_edits["remarks"].setText("试验批次")
    assert dlg.update_preview()
    out = dlg.save(str(tmp_path / "labels.pdf"))
    assert out is not None and out.exists()
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)  # A4
    assert len(reader.pages) == 3 and dlg.last.width_mm == 200 and dlg.last.serials == [1, 2, 3]
    assert "试验批次" in "".join(p.extract_text() for p in reader.pages)
    dlg.save(str(tmp_path / "more.pdf"))
    assert dlg.last.serials == [4, 5, 6]  # serials reserved: never issued twice


def test_labels_print_at_true_size(labels_dialog, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    dlg = labels_dialog
    dlg.kind.setCurrentIndex(dlg.kind.findData("zone"))
    dlg.paper.setCurrentIndex(dlg.paper.findData("A3"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dlg.print_sheets(printer)
    reader = PdfReader(str(printed))
    original = dlg.last
    assert len(reader.pages) == original.pages
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) in ((297, 420), (420, 297))


def test_labels_bad_input_is_shown(labels_dialog):
    dlg = labels_dialog
    dlg.weight.setText("abc")
    assert not dlg.update_preview()
    assert "✗" in dlg.result.text() and "abc" in dlg.result.text()


def test_dross_values_typed_in_the_form_re_evaluate_the_dross_findings(ledger_page, qtbot):
    from tests.gui_fixtures import type_text

    w, _page = ledger_page
    form = w.page.form
    form.setCurrentIndex(form.page_of("dross.production_t"))
    assert "above" not in w.results.findings_text()
    editor = form.editor_for("dross.production_t")
    editor.setFocus()
    editor.selectAll()
    type_text(qtbot, editor, "10000")  # far less aluminium: the ledger's dross is then far above expected
    assert "above the expected" in w.results.findings_text()
    # an indicator typed afterwards keeps the dross part as it is
    form.setCurrentIndex(form.page_of("values.cell_current_ka"))
    cell = form.editor_for("values.cell_current_ka")
    cell.setFocus()
    cell.selectAll()
    type_text(qtbot, cell, "450")
    assert "above the expected" in w.results.findings_text()
    assert w.session.result["dross"] is not None
