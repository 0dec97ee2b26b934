"""The desktop application: type, see the grade; bad input; undo/redo; read-only; languages; keyboard."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.gui_fixtures import (
    find_assessment,
    mark_signed,
    open_assessment,
    open_window,
    retype,
    stored_values,
    type_text,
)


def show_row(form, bind):
    form.setCurrentIndex(form.page_of(bind))
    return form.row_for(bind)


def test_main_window_shows_title_tree_form_and_results(window):
    assert window.windowTitle().startswith("AlAssess")
    assert window.isVisible()
    labels = window.tree.visible_labels()
    assert "黔江电解铝股份有限公司" in labels and "2025" in labels
    assert window.page is not None and window.page.form.count() >= 3
    assert window.results.isVisible()


def test_typing_a_value_changes_the_grade_and_is_stored(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "alumina", "2025")
    form = open_assessment(window, qtbot, aid)
    assert window.results.grade_chip.text() == "3A"
    editor = form.editor_for("values.red_mud_utilization_pct")
    retype(qtbot, editor, "100")
    assert window.results.grade_chip.text() == "4A"
    assert window.results.index_label.text() == "88.95"  # (78.378 + 94.235 + 92.131 + 80 + 100) / 5
    window.saver.flush()
    assert stored_values(demo_copy, aid)["red_mud_utilization_pct"] == Decimal(100)
    # the tree follows once the typing pauses
    item = window.tree._items[("assessment", aid)]
    qtbot.waitUntil(lambda: item.parent().child(item.row(), 2).text() == "4A")


def test_a_bad_value_shows_the_message_inline_and_stores_nothing(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "electrolytic", "2025")
    form = open_assessment(window, qtbot, aid)
    row = show_row(form, "values.solid_waste_utilization_pct")
    before = stored_values(demo_copy, aid)["solid_waste_utilization_pct"]
    retype(qtbot, row.editor, "120")
    assert row.state == "error"
    assert row.message.isVisible() and "exceeds 100" in row.message.text()
    retype(qtbot, row.editor, "abc")
    assert "“abc” is not a number" in row.message.text()
    window.saver.flush()
    assert stored_values(demo_copy, aid)["solid_waste_utilization_pct"] == before
    # what people type is accepted: full-width digits and a trailing %
    retype(qtbot, row.editor, "９５%")
    assert row.state == "" and not row.message.isVisible()
    window.saver.flush()
    assert stored_values(demo_copy, aid)["solid_waste_utilization_pct"] == Decimal(95)


def test_nothing_is_stored_for_a_bad_value_in_an_empty_field(app, qtbot, tmp_path):
    from alassess.services import editing

    db = tmp_path / "new.db"
    with editing.Editor(db) as ed:
        _pid, aid = ed.create_plant_with_assessment({"name": "新厂", "sector": "electrolytic"}, "2025")
    w = open_window(qtbot, db)
    form = open_assessment(w, qtbot, aid)
    row = show_row(form, "values.cell_current_ka")
    retype(qtbot, row.editor, "4,00")
    assert row.state == "error" and "ambiguous comma" in row.message.text()
    w.saver.flush()
    assert "cell_current_ka" not in stored_values(db, aid)
    w.close()


def test_consumption_form_toggle(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "electrolytic", "2024")
    form = open_assessment(window, qtbot, aid)
    row = show_row(form, "values.energy_output")
    assert row.form == "output" and row.unit.text() == "t/tce"
    row.con_btn.click()
    assert row.form == "consumption" and row.unit.text() == "kgce/t"
    retype(qtbot, row.editor, "1640")
    assert row.converted.isVisible() and "0.6098" in row.converted.text()
    window.saver.flush()
    v = stored_values(demo_copy, aid)
    assert v["energy_consumption_kgce_per_t"] == 1640 and "energy_output" not in v
    ind = next(i for i in window.results.result["circular_economy"]["indicators"] if i["id"] == "energy_output")
    assert ind["entered_as"] == "consumption"


def test_undo_and_redo_field_edits(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "alumina", "2025")
    form = open_assessment(window, qtbot, aid)
    editor = form.editor_for("values.red_mud_utilization_pct")
    retype(qtbot, editor, "100")
    assert window.results.grade_chip.text() == "4A"
    stack = window.session.undo_stack
    assert stack.count() == 1  # the keystrokes merged into one step
    window.act_undo.trigger()
    assert editor.text() == "12.4" and window.results.grade_chip.text() == "3A"
    window.saver.flush()
    assert stored_values(demo_copy, aid)["red_mud_utilization_pct"] == Decimal("12.4")
    window.act_redo.trigger()
    assert editor.text() == "100" and window.results.grade_chip.text() == "4A"
    window.saver.flush()
    assert stored_values(demo_copy, aid)["red_mud_utilization_pct"] == Decimal(100)


def test_yes_no_requirement_blocks_the_grade(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "electrolytic", "2025")
    form = open_assessment(window, qtbot, aid)
    assert window.results.grade_chip.text() == "4A"
    yn = form.editor_for("values.req_cleaner_production_audit")
    yn.setFocus()
    qtbot.keyClick(yn, Qt.Key.Key_N)
    assert yn.value() is False
    assert window.results.grade_chip.text() != "4A"
    assert "Basic requirements not met" in window.results.requirements_label.text()
    window.saver.flush()
    assert stored_values(demo_copy, aid)["req_cleaner_production_audit"] is False


def test_signed_assessment_opens_read_only(app, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "electrolytic", "2024")
    mark_signed(demo_copy, aid)
    w = open_window(qtbot, demo_copy)
    form = open_assessment(w, qtbot, aid)
    assert w.page.banner.isVisibleTo(w.page)
    editor = form.editor_for("values.solid_waste_utilization_pct")
    assert editor.isReadOnly()
    before = editor.text()
    qtbot.keyClicks(editor, "9")
    assert editor.text() == before
    assert not form.editor_for("values.req_complete_chain").isEnabled()
    assert not w.act_final.isEnabled()
    w.close()


def test_language_switch_changes_visible_texts(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "electrolytic", "2025")
    open_assessment(window, qtbot, aid)
    assert window.act_new_plant.text() == "New plant…"
    assert window.page.form.tabText(0) == "Plant"
    assert window.results.score_title.text() == "Circular-economy index"
    window.set_language("zh")
    assert window.act_new_plant.text() == "新建企业…"
    assert window.windowTitle().startswith("AlAssess · 铝行业评估")
    assert window.page.form.tabText(0) == "企业信息"
    assert window.page.form.row_for("values.energy_output").label.text().startswith("能源产出")
    assert window.results.score_title.text() == "循环经济指数"
    assert window.session.id == aid
    retype(qtbot, window.page.form.editor_for("values.cell_current_ka"), "abc")
    assert "不是数字" in window.page.form.row_for("values.cell_current_ka").message.text()
    window.set_language("en")
    assert window.page.form.tabText(0) == "Plant"


def test_language_chosen_in_settings_is_kept(app, qtbot, demo_copy, ui_settings_file):
    from alassess.ui import settings as ui_settings
    from alassess.ui.app import choose_lang

    ui_settings.set_value("language", "zh")
    assert choose_lang(None) == "zh"
    assert choose_lang("en") == "en"  # --lang on the command line wins


def test_search_filters_the_tree(window, qtbot):
    window.act_find.trigger()
    assert window.tree.search.hasFocus()
    type_text(qtbot, window.tree.search, "再生铝")
    labels = window.tree.visible_labels()
    assert "綦江再生铝业有限公司" in labels and "黔江电解铝股份有限公司" not in labels
    window.tree.search.clear()
    qtbot.keyClicks(window.tree.search, "4A")
    labels = window.tree.visible_labels()
    assert "黔江电解铝股份有限公司" in labels and "2024" in labels and "渝西氧化铝有限公司" not in labels


def test_shortcuts(window):
    assert window.act_new_assessment.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.act_find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.act_report.shortcut() == QKeySequence("Ctrl+E")
    assert window.act_undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)


def test_tab_order_follows_the_form(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "electrolytic", "2025")
    form = open_assessment(window, qtbot, aid)
    form.setCurrentIndex(form.page_of("values.cell_current_ka"))
    first = form.editor_for("values.cell_current_ka")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert form.editor_for("values.ac_consumption_kwh_per_t").hasFocus()


def test_welcome_page_on_an_empty_database_and_a_new_plant(app, qtbot, tmp_path, monkeypatch):
    from alassess.ui import dialogs

    db = tmp_path / "empty.db"
    w = open_window(qtbot, db)
    assert w.stack.currentWidget() is w.welcome
    assert w.welcome.new_button.isVisible() and w.welcome.demo_button.isVisible()

    def fill_and_accept(self):
        self.name.setText("新的再生铝厂")
        self.sector.setCurrentIndex(self.sector.findData("recycled"))
        self.period.setText("2025")
        self.accept()
        return self.result()

    monkeypatch.setattr(dialogs.NewPlantDialog, "exec", fill_and_accept)
    w.welcome.new_button.click()
    assert w.session is not None and w.session.assessment.plant.name == "新的再生铝厂"
    assert [w.page.form.tabText(i) for i in range(w.page.form.count())] == ["Plant", "Guideline", "KPIs", "Dross", "Ledger"]
    w.close()


def test_new_plant_dialog_shows_errors_and_creates_nothing(app, qtbot, tmp_path):
    from alassess.services import editing
    from alassess.ui.dialogs import NewPlantDialog

    db = tmp_path / "x.db"
    with editing.Editor(db) as ed:
        dlg = NewPlantDialog(ed, "en")
        qtbot.addWidget(dlg)
        dlg.name.setText("厂")
        dlg.credit_code.setText("91500000MA5UD0A1X")
        dlg.accept()
        assert not dlg.error.isHidden() and "unified social credit code" in dlg.error.text()
        assert dlg.plant_id is None and ed.plants() == []


def test_mark_final_and_back(window, qtbot, demo_copy):
    aid = find_assessment(demo_copy, "alumina", "2025")
    open_assessment(window, qtbot, aid)
    window.act_final.trigger()
    assert window.session.info["status"] == "final" and window.act_final.text() == "Reopen as draft"
    window.act_final.trigger()
    assert window.session.info["status"] == "draft"


def test_edits_are_saved_without_being_asked(window, qtbot, demo_copy):
    """Every edit reaches the disk by itself once the typing pauses; the status bar says so."""
    aid = find_assessment(demo_copy, "alumina", "2025")
    form = open_assessment(window, qtbot, aid)
    retype(qtbot, form.editor_for("values.red_mud_utilization_pct"), "55")
    assert "Saving" in window.save_label.text() or "saved" in window.save_label.text()
    qtbot.waitUntil(lambda: stored_values(demo_copy, aid).get("red_mud_utilization_pct") == Decimal(55),
                    timeout=5000)
    qtbot.waitUntil(lambda: "All changes saved" in window.save_label.text(), timeout=5000)


def test_opens_the_latest_period_of_the_first_plant(window):
    assert window.session.assessment.period == "2025"
    assert window.session.assessment.plant.name == window.tree.visible_labels()[0]


def test_amend_a_signed_assessment(app, qtbot, demo_copy):
    from alassess.services import records

    aid = find_assessment(demo_copy, "alumina", "2024")
    mark_signed(demo_copy, aid)
    w = open_window(qtbot, demo_copy)
    open_assessment(w, qtbot, aid)
    assert w.act_amend.isEnabled() and w.page.amend_button.isVisibleTo(w.page)
    w.confirm = lambda _text: True
    w.page.amend_button.click()
    assert w.session.id != aid and not w.session.readonly and w.session.info["revision"] == 2
    assert w.session.assessment.values == records.load(demo_copy, aid).values
    form = w.page.form
    form.setCurrentIndex(form.page_of("values.red_mud_utilization_pct"))
    retype(qtbot, form.editor_for("values.red_mud_utilization_pct"), "30")
    w.saver.flush()
    assert stored_values(demo_copy, w.session.id)["red_mud_utilization_pct"] == 30
    assert stored_values(demo_copy, aid)["red_mud_utilization_pct"] == Decimal("10.2")  # the signed one unchanged
    assert "2024  r2" in w.tree.visible_labels()
    w.close()
