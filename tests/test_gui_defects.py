"""Defects found by using the window as a person does: buttons pressed, text typed, dialogs answered."""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from alassess.services import dross
from tests.gui_fixtures import (
    answer_modal,
    click,
    find_assessment,
    open_assessment,
    open_window,
    retype,
    stored_values,
    type_text,
)

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def _ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    click(qtbot, box.button(QDialogButtonBox.StandardButton.Ok))


# ---- ledger tab: the "Add…" buttons -------------------------------------------------------------

@pytest.fixture
def ledger(app, qtbot, demo_copy):
    w = open_window(qtbot, demo_copy)
    form = open_assessment(w, qtbot, find_assessment(demo_copy, "electrolytic", "2025"))
    form.setCurrentWidget(form.ledger_page)
    yield w, form.ledger_page
    w.close()


def test_the_add_receiver_button_opens_the_dialog_and_saves(ledger, qtbot, demo_copy):
    w, page = ledger

    def fill(dlg):
        qtbot.keyClicks(dlg.name, "Yubei recycling")
        qtbot.keyClicks(dlg.codes, "321-026-48")
        _ok(qtbot, dlg)

    assert answer_modal(lambda: click(qtbot, page.add_receiver_button), fill)
    names = [r["name"] for r in dross.list_receivers(demo_copy, w.session.info["plant_id"])]
    assert "Yubei recycling" in names
    assert "Receiver saved" in page.message.text()


def test_the_add_entry_button_opens_the_dialog_and_saves(ledger, qtbot, demo_copy):
    w, page = ledger
    n = page.ledger.rowCount()

    def fill(dlg):
        qtbot.keyClicks(dlg.edits["date"], "2025-12-21")
        dlg.edits["quantity_t"].clear()
        type_text(qtbot, dlg.edits["quantity_t"], "1，250.5")  # typed with a Chinese comma
        qtbot.keyClicks(dlg.edits["container"], "HB-Z")
        _ok(qtbot, dlg)

    assert answer_modal(lambda: click(qtbot, page.add_button), fill)
    assert page.ledger.rowCount() == n + 1
    stored = [e for e in dross.list_entries(demo_copy, w.session.info["plant_id"], period="2025")
              if e["container"] == "HB-Z"]
    assert len(stored) == 1 and Decimal(str(stored[0]["quantity_t"])) == Decimal("1250.5")


def test_cancelling_the_add_dialog_stores_nothing(ledger, qtbot):
    _w, page = ledger
    n = page.ledger.rowCount()
    assert answer_modal(lambda: click(qtbot, page.add_button), lambda d: d.reject())
    assert page.ledger.rowCount() == n


def test_a_non_excel_file_gets_a_plain_message(ledger, qtbot, tmp_path, monkeypatch):
    _w, page = ledger
    fake = tmp_path / "台账.xlsx"
    fake.write_text("date,code\n", encoding="utf-8")
    monkeypatch.setattr("alassess.ui.ledger.QFileDialog.getOpenFileName", lambda *a, **k: (str(fake), ""))
    click(qtbot, page.import_button)
    text = page.message.text()
    assert "is not an Excel workbook" in text and "Zip" not in text and page.message_area.isVisible()


def test_every_problem_of_an_import_can_be_read(ledger, qtbot, tmp_path, monkeypatch):
    _w, page = ledger
    bad = tmp_path / "bad.csv"
    rows = "".join(f"2025-11-{d:02d},321-024-48,一次,产生,-{d},TB-{d}\n" for d in range(1, 31))
    bad.write_text("日期,废物代码,铝灰类型,业务类型,数量(吨),容器编号\n" + rows, encoding="utf-8")
    monkeypatch.setattr("alassess.ui.ledger.QFileDialog.getOpenFileName", lambda *a, **k: (str(bad), ""))
    click(qtbot, page.import_button)
    text = page.message.text()
    assert text.count("<li>") == 30 and "row 31" in text  # the last bad row is listed too
    qtbot.waitUntil(lambda: page.message_area.verticalScrollBar().maximum() > 0)  # scrolls, not cut off


def test_ledger_columns_are_named_in_words(ledger):
    _w, page = ledger
    headers = [page.ledger.headerData(i, Qt.Orientation.Horizontal) for i in range(page.ledger.columnCount())]
    assert headers[:5] == ["Date", "Waste code", "Dross kind", "Movement", "Quantity (t)"]
    assert not any("_" in h for h in headers)


# ---- indicators typed as people type ----------------------------------------------------------

@pytest.fixture
def energy_row(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "electrolytic", "2024")
    form = open_assessment(window, qtbot, aid)
    form.setCurrentIndex(form.page_of("values.energy_output"))
    row = form.row_for("values.energy_output")
    assert row.editor.text() == "0.57"
    return window, aid, row


@pytest.mark.parametrize("typed", ["1,650", "1，650", "１６５０", "１，６５０", " 1650 ", "1 650"])
def test_a_consumption_typed_with_separators_is_stored_as_typed(energy_row, qtbot, demo_copy, typed):
    window, aid, row = energy_row
    click(qtbot, row.con_btn)
    assert row.form == "consumption"
    row.editor.setFocus()
    type_text(qtbot, row.editor, typed)
    assert row.form == "consumption" and row.editor.text() == typed and row.state == ""
    window.saver.flush()
    v = stored_values(demo_copy, aid)
    assert v["energy_consumption_kgce_per_t"] == Decimal(1650) and "energy_output" not in v


def test_emptying_the_field_and_typing_stores_what_was_typed(energy_row, qtbot, demo_copy):
    window, aid, row = energy_row
    click(qtbot, row.con_btn)
    retype(qtbot, row.editor, "1640")
    retype(qtbot, row.editor, "1,650")
    window.saver.flush()
    assert stored_values(demo_copy, aid)["energy_consumption_kgce_per_t"] == Decimal(1650)
    # the output form too
    click(qtbot, row.out_btn)
    retype(qtbot, row.editor, "1,234.5")
    window.saver.flush()
    v = stored_values(demo_copy, aid)
    assert v["energy_output"] == Decimal("1234.5") and "energy_consumption_kgce_per_t" not in v


def test_clearing_a_consumption_entry_keeps_the_toggle(energy_row, qtbot, demo_copy):
    window, aid, row = energy_row
    click(qtbot, row.con_btn)
    retype(qtbot, row.editor, "1640")
    row.editor.selectAll()
    qtbot.keyClick(row.editor, Qt.Key.Key_Backspace)
    assert row.form == "consumption" and row.con_btn.isChecked() and row.unit.text() == "kgce/t"
    window.saver.flush()
    v = stored_values(demo_copy, aid)
    assert "energy_consumption_kgce_per_t" not in v and "energy_output" not in v


@pytest.mark.parametrize("typed", ["1,6,50", "1.650.5", "abc"])
def test_a_malformed_number_gets_a_message_and_stores_nothing(energy_row, qtbot, demo_copy, typed):
    window, aid, row = energy_row
    click(qtbot, row.con_btn)
    retype(qtbot, row.editor, typed)
    assert row.state == "error" and row.message.isVisible() and typed in row.message.text()
    assert row.editor.text() == typed  # what was typed stays, to correct
    window.saver.flush()
    v = stored_values(demo_copy, aid)
    assert v["energy_output"] == Decimal("0.57") and "energy_consumption_kgce_per_t" not in v


# ---- yes/no colours ---------------------------------------------------------------------------

def _colour(widget):
    img = widget.grab().toImage()
    return img.pixelColor(img.width() // 2, 3)


def test_yes_to_a_banned_technology_is_red_and_yes_to_a_requirement_green(window, qtbot, demo_copy):
    form = open_assessment(window, qtbot, find_assessment(demo_copy, "electrolytic", "2025"))
    banned = form.row_for("values.tech_soderberg_cells")
    form.setCurrentIndex(form.page_of("values.tech_soderberg_cells"))
    banned.editor.set_value(None)
    click(qtbot, banned.editor.yes)
    assert banned.editor.value() is True
    c = _colour(banned.editor.yes)
    assert c.red() > 150 and c.green() < 100  # red: the bad answer
    click(qtbot, banned.editor.no)
    c = _colour(banned.editor.no)
    assert c.green() > 100 and c.red() < 100  # green: the good answer
    req = form.row_for("values.req_complete_chain")
    form.setCurrentIndex(form.page_of("values.req_complete_chain"))
    req.editor.set_value(None)
    click(qtbot, req.editor.yes)
    c = _colour(req.editor.yes)
    assert c.green() > 100 and c.red() < 100


# ---- words ------------------------------------------------------------------------------------

def test_qt_own_dialogs_speak_chinese(app):
    from alassess.ui import i18n

    i18n.install("zh")
    try:
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        assert [b.text() for b in box.buttons()] == ["是(&Y)", "否(&N)"]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消"])
        from PySide6.QtWidgets import QFileDialog

        fd = QFileDialog()
        fd.setOption(QFileDialog.Option.DontUseNativeDialog)
        texts = [w.text() for w in fd.findChildren(QLabel) if w.text()]
        assert texts and all(CJK.search(t) for t in texts), texts  # "Look in:", "Files of type:" too
    finally:
        i18n.install("en")


def test_the_status_bar_speaks_one_language_after_a_switch(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "alumina", "2025")
    form = open_assessment(window, qtbot, aid)
    retype(qtbot, form.editor_for("values.red_mud_utilization_pct"), "55")
    qtbot.waitUntil(lambda: "All changes saved" in window.save_label.text(), timeout=5000)
    window.set_language("zh")
    labels = [w for w in window.statusBar().findChildren(QLabel) if w.isVisible() and w.text()]
    texts = [w.text() for w in labels]
    assert len(labels) == 2, texts
    assert any("已全部保存" in t for t in texts) and not any("saved" in t for t in texts)


def test_the_english_dross_tab_and_hints_have_no_chinese(window, qtbot, demo_copy):
    form = open_assessment(window, qtbot, find_assessment(demo_copy, "electrolytic", "2025"))
    row = next(r for p in form.pages if p.section.id == "dross" for r in p.rows
               if type(r).__name__ == "DrossClassRow")
    assert "non-ferrous metal" in row.value_label.text()
    assert not CJK.search(re.sub("<[^>]+>", "", row.value_label.text()))
    hint = form.row_for("values.energy_output").hint.text()
    assert "Source: 00" in hint and not CJK.search(hint)
    assert not CJK.search(form.row_for("values.tech_soderberg_cells").hint.text())


def test_missing_reads_chinese_in_the_chinese_bars(window, qtbot, demo_copy):
    open_assessment(window, qtbot, find_assessment(demo_copy, "electrolytic", "2025"))
    window.set_language("zh")
    assert window.results.bars.tr("missing") == "缺失"


def test_the_english_cli_names_unmet_requirements_in_english(write_doc, doc_factory, capsys):
    from alassess.cli import main

    doc = doc_factory("alumina", {"energy_output": 3.3, "alumina_conversion_pct": 90, "water_output": 0.7,
                                  "alkali_output": 13, "red_mud_utilization_pct": 100})
    doc["values"]["req_cleaner_production_audit"] = False
    assert main(["--lang", "en", "score", str(write_doc(doc))]) == 0
    out = capsys.readouterr().out
    assert "Cleaner-production audit" in out
    line = next(ln for ln in out.splitlines() if "basic requirements" in ln)
    assert not CJK.search(line)
    # only the basic requirement stands between the plant and 5A: no "0.00 points", no raw "none"
    assert "0.00 points" not in out and "→  none" not in out
    assert "the basic requirements still to meet" in out


def test_the_gap_card_says_what_is_missing_when_only_requirements_are(window, qtbot, demo_copy):
    form = open_assessment(window, qtbot, find_assessment(demo_copy, "alumina", "2025"))
    for fid, v in (("energy_output", "3.3"), ("alumina_conversion_pct", "90"), ("water_output", "0.7"),
                   ("alkali_output", "13"), ("red_mud_utilization_pct", "100")):
        form.setCurrentIndex(form.page_of(f"values.{fid}"))
        retype(qtbot, form.editor_for(f"values.{fid}"), v)
    req = form.editor_for("values.req_cleaner_production_audit")
    form.setCurrentIndex(form.page_of("values.req_cleaner_production_audit"))
    req.set_value(None)
    click(qtbot, req.no)
    window.results.flush_text()
    gap = window.results.gap_label.text()
    assert "0.00" not in gap and "basic requirements" in gap and "Cleaner-production audit" in gap


# ---- labels -----------------------------------------------------------------------------------

def test_the_sign_dialog_uses_the_count_and_describes_tiling(app, qtbot, demo_copy, tmp_path, monkeypatch):
    from pypdf import PdfReader

    w = open_window(qtbot, demo_copy)
    open_assessment(w, qtbot, find_assessment(demo_copy, "electrolytic", "2025"))
    out = tmp_path / "signs.pdf"
    monkeypatch.setattr("alassess.ui.labels_dialog.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    seen = {}

    def use(dlg):
        dlg.kind.setCurrentIndex(dlg.kind.findData("zone"))
        dlg.count.setFocus()
        dlg.count.selectAll()
        qtbot.keyClicks(dlg.count, "3")
        click(qtbot, dlg.preview_button)
        seen["preview"] = dlg.result.text()
        click(qtbot, dlg.save_button)
        seen["saved"] = dlg.result.text()
        dlg.kind.setCurrentIndex(dlg.kind.findData("warning"))  # 40 cm: tiled over A4 sheets
        seen["warning"] = dlg.result.text()
        dlg.accept()

    assert answer_modal(w.act_labels.trigger, use)
    one = len(PdfReader(str(out)).pages)
    assert one >= 2 and "Saved" in seen["saved"]
    assert " 0 per" not in seen["warning"] and "tiled" in seen["warning"]
    w.close()


# ---- dialogs and messages ---------------------------------------------------------------------

def test_a_new_plant_starts_with_the_last_complete_year(app, qtbot, tmp_path):
    w = open_window(qtbot, tmp_path / "empty.db")
    seen = {}

    def look(dlg):
        seen["period"] = dlg.period.text()
        dlg.reject()

    assert answer_modal(lambda: click(qtbot, w.welcome.new_button), look)
    assert seen["period"] == str(_dt.date.today().year - 1)
    w.close()


def test_the_credit_code_message_names_the_field_once_at_the_field(app, qtbot, tmp_path):
    w = open_window(qtbot, tmp_path / "empty.db")
    seen = {}

    def fill(dlg):
        qtbot.keyClicks(dlg.name, "Test plant")
        qtbot.keyClicks(dlg.credit_code, "91500000MA5UD0A1X")
        _ok(qtbot, dlg)
        seen["error"] = dlg.error.text()
        seen["state"] = dlg.credit_code.property("state")
        seen["focus"] = dlg.credit_code.hasFocus()
        dlg.reject()

    answer_modal(lambda: click(qtbot, w.welcome.new_button), fill)
    assert seen["error"].casefold().count("unified social credit code") == 1
    assert seen["state"] == "error"
    assert w.editor.plants() == []
    w.close()


def test_undo_says_what_it_undoes(window, qtbot, demo_copy):
    form = open_assessment(window, qtbot, find_assessment(demo_copy, "alumina", "2025"))
    assert window.act_undo.text() == "Undo"
    retype(qtbot, form.editor_for("values.red_mud_utilization_pct"), "55")
    assert window.act_undo.text() == "Undo edit “Red-mud utilisation rate”"
    assert window.tb_undo.text() == "Undo" and "Red-mud" in window.tb_undo.toolTip()
    window.act_undo.trigger()
    assert window.act_redo.text() == "Redo edit “Red-mud utilisation rate”"


def test_the_demo_database_says_it_is_the_demo(app, qtbot, tmp_path, monkeypatch):
    from alassess.services import demo

    monkeypatch.setattr(demo, "demo_path", lambda: tmp_path / "alassess-demo.db")
    monkeypatch.setattr("alassess.services.records.default_db_path", lambda: tmp_path / "alassess.db")
    w = open_window(qtbot, tmp_path / "mine.db")
    assert not w.demo_banner.isVisible()
    click(qtbot, w.welcome.demo_button)
    assert w.demo_banner.isVisible() and "demo database" in w.demo_text.text()
    click(qtbot, w.demo_my_db_button)
    assert w.db_path == tmp_path / "alassess.db" and not w.demo_banner.isVisible()
    w.close()


# ---- command line -----------------------------------------------------------------------------

def test_list_prints_the_index_with_two_decimals(db_path, monkeypatch, capsys):
    from alassess.cli import main
    from alassess.services import records

    row = {"id": 1, "plant_name": "厂", "sector": "alumina", "period": "2025", "revision": 1, "status": "draft",
           "grade": "none", "index": 31.0}
    monkeypatch.setattr(records, "overview", lambda _db: [row])
    assert main(["list", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "31.00" in out and "31.0 " not in out + " "


def test_an_unknown_command_suggests_the_nearest(capsys):
    from alassess.cli import main

    with pytest.raises(SystemExit) as ei:
        main(["lsit"])
    assert ei.value.code == 2
    assert "did you mean 'list'?" in capsys.readouterr().err


def test_an_unknown_field_suggests_the_nearest(write_doc, doc_factory, capsys):
    from alassess.cli import main

    doc = doc_factory("electrolytic", {"energy_outptu": 0.5})
    assert main(["--lang", "en", "score", str(write_doc(doc))]) == 2
    assert "did you mean “energy_output”?" in capsys.readouterr().err
    assert main(["--lang", "zh", "score", str(write_doc(doc))]) == 2
    assert "是否想输入“energy_output”" in capsys.readouterr().err



# ---- numbers as people type them, in the dialogs too -------------------------------------------

def test_a_bad_quantity_in_the_entry_dialog_is_marked_and_kept(ledger, qtbot):
    _w, page = ledger
    n = page.ledger.rowCount()
    seen = {}

    def fill(dlg):
        qtbot.keyClicks(dlg.edits["date"], "2025-12-22")
        dlg.edits["quantity_t"].clear()
        qtbot.keyClicks(dlg.edits["quantity_t"], "1.650.5")
        _ok(qtbot, dlg)
        seen.update(error=dlg.error.text(), state=dlg.edits["quantity_t"].property("state"),
                    kept=dlg.edits["quantity_t"].text(), date=dlg.edits["date"].text(), open=dlg.isVisible())
        dlg.reject()

    answer_modal(lambda: click(qtbot, page.add_button), fill)
    assert seen["open"] and seen["state"] == "error" and "1.650.5" in seen["error"]
    assert seen["kept"] == "1.650.5" and seen["date"] == "2025-12-22"  # nothing typed is lost
    assert seen["error"].count("Quantity") <= 1
    assert page.ledger.rowCount() == n


def test_the_labels_weight_is_read_as_typed_or_marked(app, qtbot, demo_copy):
    w = open_window(qtbot, demo_copy)
    open_assessment(w, qtbot, find_assessment(demo_copy, "electrolytic", "2025"))
    seen = {}

    def use(dlg):
        type_text(qtbot, dlg.weight, "１.２")
        click(qtbot, dlg.preview_button)
        seen["good"] = dlg.result.text()
        dlg.weight.clear()
        qtbot.keyClicks(dlg.weight, "1,2")
        click(qtbot, dlg.preview_button)
        seen["bad"] = dlg.result.text()
        seen["state"] = dlg.weight.property("state")
        dlg.accept()

    assert answer_modal(w.act_labels.trigger, use)
    assert "✗" not in seen["good"] and "✗" in seen["bad"] and "1,2" in seen["bad"] and seen["state"] == "error"
    w.close()
