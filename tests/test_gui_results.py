"""The results panel: bars follow the values, the score card keeps its size, nothing overflows."""

from __future__ import annotations

from PySide6.QtGui import QImage

from tests.gui_fixtures import find_assessment, open_assessment, retype


def _open(window, qtbot, db, sector="electrolytic", period="2025"):
    return open_assessment(window, qtbot, find_assessment(db, sector, period))


def _row_image(bars, row: int) -> QImage:
    img = bars.grab().toImage()
    dpr = img.devicePixelRatio()
    return img.copy(0, int(row * bars.ROW_H * dpr), img.width(), int(bars.ROW_H * dpr))


def test_a_bar_is_repainted_with_the_new_value_and_the_others_stay(window, qtbot, demo_copy):
    form = _open(window, qtbot, demo_copy)
    bars = window.results.bars
    ids = [ind["id"] for ind in bars.indicators]
    row = ids.index("solid_waste_utilization_pct")
    other = (row + 1) % len(ids)
    before, before_other = _row_image(bars, row), _row_image(bars, other)
    form.setCurrentIndex(form.page_of("values.solid_waste_utilization_pct"))
    retype(qtbot, form.editor_for("values.solid_waste_utilization_pct"), "12")
    assert bars.indicators[row]["value"] == 12
    assert _row_image(bars, row) != before  # the cached row was drawn again
    assert _row_image(bars, other) == before_other


def test_bars_are_drawn_again_in_the_other_language(window, qtbot, demo_copy):
    _open(window, qtbot, demo_copy)
    before = window.results.bars.grab().toImage()
    window.set_language("zh")
    qtbot.waitUntil(lambda: bool(window.results.bars.indicators))
    assert window.results.bars.grab().toImage() != before


def test_the_results_panel_never_scrolls_sideways(window, qtbot, demo_copy):
    _open(window, qtbot, demo_copy)
    r = window.results
    for width in (1400, 1100, 1600):
        window.resize(width, 900)
        qtbot.waitUntil(lambda r=r: r.widget().width() <= r.viewport().width())
        assert not r.horizontalScrollBar().isVisible() or r.horizontalScrollBar().maximum() == 0
        assert r.score_card.width() <= r.viewport().width()


def test_score_card_labels_grow_for_longer_text_and_shrink_back(window, qtbot, demo_copy):
    _open(window, qtbot, demo_copy)
    label = window.results.grade_text
    one_line = label.height()
    label.setText("长 " * 200)
    qtbot.waitUntil(lambda: label.height() > one_line * 3)
    assert label.height() == label.heightForWidth(label.width())
    tall = label.height()
    label.setText(window.results.requirements_label.text())
    qtbot.waitUntil(lambda: label.height() < tall)
    assert label.height() == label.heightForWidth(label.width()) <= one_line * 1.5


def test_the_grade_chip_fits_its_text(window, qtbot, demo_copy):
    form = _open(window, qtbot, demo_copy)
    chip = window.results.grade_chip
    form.setCurrentIndex(form.page_of("values.solid_waste_utilization_pct"))
    editor = form.editor_for("values.solid_waste_utilization_pct")
    for text in ("0", "100"):
        retype(qtbot, editor, text)
        assert chip.width() >= chip.sizeHint().width()
        assert chip.fontMetrics().horizontalAdvance(chip.text()) < chip.width()


def test_a_plausibility_warning_is_shown_at_the_field_its_finding_names(window, qtbot, demo_copy):
    form = _open(window, qtbot, demo_copy)
    bind = "values.water_output"
    form.setCurrentIndex(form.page_of(bind))
    row = form.row_for(bind)
    row.out_btn.click()  # the demo has it as consumption; clearing the box no longer flips the toggle to output
    retype(qtbot, row.editor, "0.05")  # below half the survey minimum: stored, with a warning
    [f] = [f for f in window.session.evaluation.findings if f.id == "implausible_low"]
    assert bind in f.fields and "values." not in f.text("en")  # nothing to parse in the words
    assert row.state == "warning" and row.message.text() == f.text("en")
    retype(qtbot, row.editor, "0.6")
    assert row.state == ""


def test_the_findings_card_shows_the_domains_severity(window, qtbot, demo_copy):
    from alassess.ui import style

    form = _open(window, qtbot, demo_copy)
    bind = "values.fluoride_output"
    form.setCurrentIndex(form.page_of(bind))
    retype(qtbot, form.editor_for(bind), "")
    [f] = [f for f in window.session.evaluation.findings if f.id == "indicator_missing"]
    text = window.results.findings_text()
    line = next(p for p in text.split("</p>") if f.text("en") in p)
    assert style.SEVERITY_COLOURS[f.severity.value] in line
