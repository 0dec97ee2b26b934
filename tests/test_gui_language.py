"""Language is whole: a Chinese session shows no English and an English session no Chinese.

Every visible text of the window (labels, buttons, tabs, menus, combo boxes, table headers and
cells, the tree, tooltips, the status bar, placeholders) and of every dialog is read, for one
assessment of each sector, after switching the language in the running window. Proper names (what
the user typed: plants, people, places, receivers), units, codes and standard numbers are the same in
both languages. What the core still says in one language only is listed, with its reason, in
``CORE_ALLOWED`` below — each entry is a defect of the core left for its owner, to be removed when fixed.
"""

from __future__ import annotations

import html
import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from alassess.ui import forms
from tests.gui_fixtures import answer_modal, find_assessment, open_assessment, open_window, retype

SECTORS = ("alumina", "electrolytic", "recycled", "processing")
HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*")  # a word with a lower-case letter

# Words that are the same in both languages: the product's name, units, file types, standards' and
# codes' names, key names.
SAME_IN_BOTH = {"AlAssess", "kg", "kgce", "tce", "kWh", "kA", "mm", "Excel", "CSV", "PDF", "Ctrl", "Shift", "Tab",
                "xlsx", "xls", "csv", "json", "pdf", "p12", "pfx", "db", "sqlite", "GB", "HJ", "HW",
                "English"}  # a language is offered by its own name (中文, English) in both

# What the core (domain, services) still says in one language only, by the pattern it shows.
# Each is reported to the lead; remove an entry once its owner has moved the words to the catalogue.
CORE_ALLOWED: dict[str, list[str]] = {
    "en": [
        # reference data (resources/standards/dross.json, 004 §6.1.6): the English text of the requirement
        # glosses the Chinese term in brackets
        r"\(转移联单\)",
    ],
    "zh": [],
}


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text).replace("&", "")


def user_data(db: Path) -> set[str]:
    """What the user (here: the demo) typed: proper names, places, notes — the same in every language."""
    con = sqlite3.connect(db)
    out: set[str] = set()
    for sql in ("SELECT name, region, address, contact, phone, credit_code FROM plants",
                "SELECT assessor_name, assessor_organisation FROM assessments",
                "SELECT name, licence_no FROM dross_receivers",
                "SELECT container, receiver, manifest_no, note FROM dross_ledger"):
        try:
            rows = con.execute(sql).fetchall()
        except sqlite3.Error:
            continue
        for r in rows:
            out.update(str(v) for v in r if v)
    con.close()
    return {s for s in out if s.strip()}


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything on screen under ``root``."""
    out: list[tuple[str, str]] = []

    def add(w: QWidget, what: str, text: str | None) -> None:
        if text and text.strip():
            out.append((f"{type(w).__name__}#{w.objectName()}.{what}", _plain(text)))

    add(root, "title", root.windowTitle())
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if w.toolTip():
            add(w, "tooltip", w.toolTip())
        if w.accessibleName():
            add(w, "accessible", w.accessibleName())
        if isinstance(w, QLabel):
            add(w, "text", w.text())
        elif isinstance(w, QAbstractButton):
            add(w, "text", w.text())
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, QComboBox) and not cells_are_files(w):
            for i in range(w.count()):
                add(w, f"item{i}", w.itemText(i))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, f"tab{i}", w.tabText(i))
        elif isinstance(w, QAbstractItemView) and w.model() is not None and not cells_are_files(w):
            m = w.model()
            for c in range(m.columnCount()):
                add(w, f"header{c}", m.headerData(c, Qt.Orientation.Horizontal))

            def walk(parent, depth=0, m=m, w=w) -> None:
                for r in range(min(m.rowCount(parent), 30)):
                    for c in range(m.columnCount(parent)):
                        idx = m.index(r, c, parent)
                        add(w, f"cell{r},{c}", idx.data())
                        add(w, f"tip{r},{c}", idx.data(Qt.ItemDataRole.ToolTipRole))
                    if depth < 2:
                        walk(m.index(r, 0, parent), depth + 1)

            from PySide6.QtCore import QModelIndex

            walk(QModelIndex())
    return out


def cells_are_files(view: QWidget) -> bool:
    """The file dialog's lists and folder box show the names of files and folders (the user's, in any language)."""
    from PySide6.QtWidgets import QFileDialog

    parent = view.parent()
    while parent is not None:
        if isinstance(parent, QFileDialog):
            return True
        parent = parent.parent()
    return False


def menu_texts(window) -> list[tuple[str, str]]:
    out = []
    for top in window.menuBar().actions():
        out.append(("menu", _plain(top.text())))
        for a in top.menu().actions():
            if not a.isSeparator():
                out.append(("menu", _plain(a.text())))
                if a.statusTip():
                    out.append(("menu.tip", a.statusTip()))
    return out


def wrong_script(text: str, lang: str, names: set[str]) -> str | None:
    """The part of ``text`` in the other language, or None."""
    text = text.replace("中文", " ")  # a language is offered by its own name in both
    text = re.sub(r"(?:~|/)[\w.\-/]+", " ", text)  # a file's path (the log, a database): the user's folders
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            text = text.replace(name, " ")
    for pattern in CORE_ALLOWED[lang]:
        text = re.sub(pattern, " ", text)
    if lang == "en":
        m = HAN.search(text)
        return m.group() and text if m else None
    words = [w for w in LATIN_WORD.findall(text) if w not in SAME_IN_BOTH]
    return ", ".join(words) if words else None


def check(items, lang: str, names: set[str]) -> list[str]:
    bad = []
    for where, text in items:
        found = wrong_script(text, lang, names)
        if found:
            bad.append(f"{where}: {text!r} ({found!r})")
    return sorted(set(bad))


def _dialog_texts(qtbot, window, opener) -> list[tuple[str, str]]:
    got: list[tuple[str, str]] = []

    def read(dlg):
        from alassess.ui.report_dialog import ReportDialog

        if isinstance(dlg, ReportDialog):
            dlg.wait_preview()
        got.extend(texts_of(dlg))
        dlg.reject()

    assert answer_modal(opener, read)
    return got


def walk_window(qtbot, window, db) -> list[tuple[str, str]]:
    items = menu_texts(window)
    for sector in SECTORS:
        form = open_assessment(window, qtbot, find_assessment(db, sector, "2025"))
        for i in range(form.count()):
            form.setCurrentIndex(i)
            window.results.flush_text()
            items += texts_of(window)
        # the painted bars: what they say in their tooltips
        items += [("bars", window.results.bars.tooltip_for(ind)) for ind in window.results.bars.indicators]
        items += [("bars", window.results.bars.tr("missing"))]
        # a message at a field: a wrong entry typed
        row = next(r for r in form.rows() if isinstance(r, forms.NumberRow) and not r.row.relevant)
        form.setCurrentIndex(form.page_of(row.row.bind))
        retype(qtbot, row.editor, "abc")
        items.append(("message", row.message.text()))
        window.act_undo.trigger()
        if form.ledger_page is not None:
            lp = form.ledger_page
            form.setCurrentWidget(lp)
            items += _dialog_texts(qtbot, window, lambda lp=lp: lp.add_button.click())
            items += _dialog_texts(qtbot, window, lambda lp=lp: lp.add_receiver_button.click())
        if sector == "electrolytic":
            for act in (window.act_labels, window.act_report, window.act_verify, window.act_settings,
                        window.act_new_plant, window.act_new_assessment, window.act_about, window.act_open,
                        window.act_import):
                items += _dialog_texts(qtbot, window, act.trigger)
    return items


@pytest.fixture
def lang_window(app, qtbot, demo_copy, tmp_path, monkeypatch):
    monkeypatch.setattr("alassess.ui.pdf_preview.documents_dir", lambda: tmp_path)
    w = open_window(qtbot, demo_copy, "en")
    yield w
    w.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_visible_text_is_in_the_session_language(lang_window, qtbot, demo_copy, lang):
    w = lang_window
    # start in the other language and switch in the running window: everything must follow
    w.set_language("en" if lang == "zh" else "zh")
    w.set_language(lang)
    assert QApplication.instance() is not None
    # the database (a file the user named) and what the test types
    names = user_data(demo_copy) | {str(demo_copy), demo_copy.name, "abc"}
    bad = check(walk_window(qtbot, w, demo_copy), lang, names)
    assert not bad, f"{len(bad)} texts in the other language:\n" + "\n".join(bad[:80])
