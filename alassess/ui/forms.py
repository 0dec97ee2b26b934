"""The form engine: renders every section of ``forms/*.json`` for the open assessment.

One engine, all sections: a row's ``type`` chooses its input (number, indicator with the
output/consumption toggle, yes/no, choice, text, check box, read-only info), the catalogue gives
its label, unit, hint and source clause, the row's ``relevant`` condition and the field's sectors
decide whether it is shown. What is typed goes to :meth:`Session.edit`, which validates it through
the domain; the row shows the message inline (and nothing is stored) or the value is stored.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alassess import forms as form_defs
from alassess import standards
from alassess.domain import fields as _fields
from alassess.domain import messages
from alassess.domain.clauses import clause_text
from alassess.domain.errors import AlAssessError
from alassess.domain.findings import by_severity
from alassess.ui.common import error_text
from alassess.ui.ledger import LedgerPage
from alassess.ui.session import Session

LABEL_WIDTH = 230
_merge_counter = itertools.count(1)


def show_value(value: Any) -> str:
    """How a stored value reads in an input box."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def field_name(bind: str) -> str:
    """The object name of a bind's input: the field id (``energy_output``; ``plant.name``, ``dross.production_t``)."""
    return bind[len("values."):] if bind.startswith("values.") else bind


class YesNo(QWidget):
    """是 / 否 (yes / no) with "not answered"; one tab stop, keys Y, N, 1, 0, Delete."""

    changed = Signal(object)  # True, False or None

    def __init__(self, yes: str, no: str, parent: QWidget | None = None, *, yes_is_bad: bool = False) -> None:
        super().__init__(parent)
        self.setProperty("yesno", True)  # styled by this property: the object name is the field id
        self.yes_is_bad = yes_is_bad  # "banned technology in use?": 是 is the bad answer (red), 否 the good one
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(1, 1, 1, 1)
        lay.setSpacing(0)
        self.yes = QPushButton(yes)
        self.no = QPushButton(no)
        # the colours say good (green) or bad (red), whichever of yes and no that is
        self.yes.setObjectName("segBad" if yes_is_bad else "segGood")
        self.no.setObjectName("segGood" if yes_is_bad else "segBad")
        for b in (self.yes, self.no):
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            lay.addWidget(b)
        self.yes.clicked.connect(lambda: self._click(True))
        self.no.clicked.connect(lambda: self._click(False))
        self._value: bool | None = None

    def value(self) -> bool | None:
        return self._value

    def set_value(self, v: bool | None) -> None:
        self._value = v
        self.yes.setChecked(v is True)
        self.no.setChecked(v is False)

    def _click(self, v: bool) -> None:
        new = None if self._value is v else v
        self.set_value(new)
        self.changed.emit(new)

    def choose(self, v: bool | None) -> None:
        if not self.isEnabled():
            return
        self.set_value(v)
        self.changed.emit(v)

    def keyPressEvent(self, ev) -> None:  # noqa: N802 - Qt naming
        key, text = ev.key(), ev.text().lower()
        if key in (Qt.Key.Key_Y, Qt.Key.Key_1) or text in ("y", "1", "是"):
            self.choose(True)
        elif key in (Qt.Key.Key_N, Qt.Key.Key_0) or text in ("n", "0", "否"):
            self.choose(False)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.choose(None)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) or key == Qt.Key.Key_Space:
            self.choose(not self._value if self._value is not None else True)
        else:
            super().keyPressEvent(ev)


class RowWidget(QFrame):
    """One form row: label | input | unit, and below it the hint with its source or the message."""

    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__()
        self.row = row
        self.view = view
        self.session = view.session
        self.lang = view.lang
        self.setObjectName("formRow")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 8, 0, 8)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(3)
        label = row.label(self.lang)
        self.label = QLabel(label + (" <span style='color:#cf222e'>*</span>" if row.required else ""))
        self.label.setObjectName("rowLabel")
        self.label.setWordWrap(True)
        self.label.setFixedWidth(LABEL_WIDTH)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(self.label, 0, 0, 2, 1)
        self.input_box = QHBoxLayout()
        self.input_box.setSpacing(8)
        self.grid.addLayout(self.input_box, 0, 1)
        self.hint = QLabel(self._hint_text())
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(self.hint.text()))
        self.grid.addWidget(self.hint, 1, 1)
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.grid.addWidget(self.message, 2, 1)
        self.grid.setColumnStretch(1, 1)
        self.editor: QWidget | None = None
        self.state = ""

    def _hint_text(self) -> str:
        parts = []
        hint = self.row.hint(self.lang)
        if hint:
            parts.append(hint)
        note = self.row.note(self.lang)
        if note:
            parts.append(note)
        src = clause_text(self.row.source_text(), self.lang)
        if src:
            parts.append(self.tr("Source: %1").replace("%1", src))
        return "  ·  ".join(parts)

    # ---- validation state ---------------------------------------------------------------------

    def set_state(self, state: str, text: str = "") -> None:
        """'' (fine), 'error' (not stored) or 'warning' (stored, but check it)."""
        self.state = state
        self.message.setObjectName("error" if state == "error" else "warning")
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        if isinstance(self.editor, QLineEdit):
            self.editor.setProperty("state", state)
            self.editor.style().unpolish(self.editor)
            self.editor.style().polish(self.editor)

    def commit(self, raw: Any, **kw: Any) -> bool:
        try:
            self.session.edit(self.row.bind, raw, label=self.row.label(self.lang), **kw)
        except AlAssessError as exc:
            self.set_state("error", error_text(exc, self.lang))
            self.session.revert_typing(kw.get("merge_key"), self.bind_for_value())
            return False
        if self.state == "error":
            self.set_state("")
            # the result was shown while this row still said "error": its warnings follow now
            self.view._evaluated(self.session.result)
        return True

    def bind_for_value(self) -> str | None:
        return self.row.bind

    def load(self) -> None:
        """Show the stored value (after loading, undo or redo)."""

    def set_readonly(self, ro: bool) -> None:
        """Lock the editor; rows without one (info, dross class) only show values and stay as they are."""
        if isinstance(self.editor, QLineEdit):
            self.editor.setReadOnly(ro)
        elif self.editor is not None:
            self.editor.setEnabled(not ro)


class TextRow(RowWidget):
    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row, view)
        self.editor = QLineEdit()
        self.editor.setAccessibleName(row.label(self.lang))
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.input_box.addWidget(self.editor, 1)
        unit = row.unit_text()
        self.unit = QLabel(unit)
        self.unit.setObjectName("muted")
        self.unit.setMinimumWidth(56 if unit or row.type in ("number", "indicator") else 0)
        self.input_box.addWidget(self.unit)
        self.merge_key: object = next(_merge_counter)
        self.editor.textEdited.connect(self._typed)
        self.editor.editingFinished.connect(self._finished)
        self.editor.installEventFilter(self)

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802 - Qt naming
        if obj is self.editor and ev.type() == QEvent.Type.FocusOut:
            self.merge_key = next(_merge_counter)  # a new undo step when the user comes back
        return False

    def _typed(self, text: str) -> None:
        self.commit(text, merge_key=(self.row.bind, self.merge_key))

    def _finished(self) -> None:
        if self.state == "error":
            return
        self.load_text()

    def load_text(self) -> None:
        text = show_value(self.session.value(self.bind_for_value()))
        if self.editor.text() != text and not (self.editor.hasFocus() and self._same(text)):
            self.editor.setText(text)

    def _same(self, stored: str) -> bool:
        try:
            return self.session.parse(self.bind_for_value(), self.editor.text()) == \
                self.session.value(self.bind_for_value())
        except AlAssessError:
            return False

    def load(self) -> None:
        self.set_state("")
        self.editor.setText(show_value(self.session.value(self.bind_for_value())))


class NumberRow(TextRow):
    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row, view)
        self.editor.setMaximumWidth(220)
        self.editor.setPlaceholderText("—")
        self.input_box.addStretch(1)


class IndicatorRow(NumberRow):
    """An indicator entered as output or as consumption (toggle; Ctrl+T switches from the keyboard)."""

    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row, view)
        self.output = row.catalogue_field
        self.consumption = _fields.consumption_form(self.output.id)
        self.form = "output"
        self.converted = QLabel("")
        self.converted.setObjectName("hint")
        self.grid.addWidget(self.converted, 3, 1)
        self.converted.hide()
        if self.consumption is not None:
            self.toggle_box = QWidget()
            tl = QHBoxLayout(self.toggle_box)
            tl.setContentsMargins(0, 0, 0, 0)
            tl.setSpacing(0)
            self.group = QButtonGroup(self)
            self.out_btn = QToolButton()
            self.out_btn.setText(self.tr("Output"))
            self.con_btn = QToolButton()
            self.con_btn.setText(self.tr("Consumption"))
            for i, b in enumerate((self.out_btn, self.con_btn)):
                b.setObjectName("formToggle")
                b.setCheckable(True)
                b.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
                b.setToolTip(self.tr("Enter as output or as consumption per tonne; the other form is "
                                     "converted (Ctrl+T switches)"))
                self.group.addButton(b, i)
                tl.addWidget(b)
            self.out_btn.setChecked(True)
            self.group.idClicked.connect(lambda i: self.set_form("output" if i == 0 else "consumption"))
            # between the value box and the stretch
            self.input_box.insertWidget(2, self.toggle_box)
            sc = QShortcut(QKeySequence("Ctrl+T"), self.editor)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda: self.set_form("consumption" if self.form == "output" else "output"))

    def current_field(self) -> _fields.Field:
        return self.consumption if self.form == "consumption" and self.consumption else self.output

    def bind_for_value(self) -> str:
        return f"values.{self.current_field().id}"

    def set_form(self, form: str, *, load: bool = True) -> None:
        if self.consumption is None:
            return
        self.form = form
        self.out_btn.setChecked(form == "output")
        self.con_btn.setChecked(form == "consumption")
        f = self.current_field()
        if self.editor is not None:
            self.editor.setAccessibleName(f.label(self.lang))
        self.unit.setText(f.unit)
        self.hint.setText(self._hint_for(f))
        if load:
            super().load()
        self.update_converted()

    def _hint_for(self, f: _fields.Field) -> str:
        parts = [f.label(self.lang) + " — " + f.hint(self.lang) if f is self.consumption else f.hint(self.lang)]
        if self.row.note(self.lang):
            parts.append(self.row.note(self.lang))
        parts.append(self.tr("Source: %1").replace("%1", clause_text(f.source, self.lang)))
        return "  ·  ".join(parts)

    def _typed(self, text: str) -> None:
        self.commit(text, form=self.form, merge_key=(self.row.bind, self.form, self.merge_key))

    def load(self) -> None:
        if self.consumption is not None:
            has_out = self.session.value(f"values.{self.output.id}") is not None
            has_con = self.session.value(f"values.{self.consumption.id}") is not None
            # the form follows what is stored; with neither stored (cleared, or undone to nothing) the
            # toggle stays where the user put it
            if has_con != has_out:
                self.set_form("consumption" if has_con else "output", load=False)
            else:
                self.set_form(self.form, load=False)
        super().load()
        self.update_converted()

    def update_converted(self) -> None:
        """Under a consumption entry: the output value the services converted it to."""
        result = self.session.result or {}
        ce = result.get("circular_economy") or {}
        ind = next((i for i in ce.get("indicators") or [] if i["id"] == self.output.id), None)
        if (self.consumption is not None and ind and ind.get("entered_as") == "consumption"
                and ind.get("value") is not None):
            text = f"= {ind['value']:.4g} {self.output.unit}  ({self.output.label(self.lang)})"
            self.converted.setText(text)
            self.converted.show()
        elif (self.consumption is not None and self.form == "consumption" and ind
              and ind.get("entered_as") == "output"):
            self.converted.setText(self.tr("Entered as output: %1 %2; typing here replaces it")
                                   .replace("%1", f"{ind['value']:.6g}").replace("%2", self.output.unit))
            self.converted.show()
        else:
            self.converted.hide()


class YesNoRow(RowWidget):
    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row, view)
        f = row.catalogue_field
        self.editor = YesNo(self.tr("Yes"), self.tr("No"), yes_is_bad=bool(f is not None and f.banned))
        self.editor.setAccessibleName(row.label(self.lang))
        self.editor.changed.connect(lambda v: self.commit(v))
        self.input_box.addWidget(self.editor)
        self.input_box.addStretch(1)

    def load(self) -> None:
        self.set_state("")
        v = self.session.value(self.row.bind)
        self.editor.set_value(v if isinstance(v, bool) else None)


class CheckRow(RowWidget):
    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row, view)
        self.editor = QCheckBox()
        self.editor.setAccessibleName(row.label(self.lang))
        self.editor.toggled.connect(self._toggled)
        self.input_box.addWidget(self.editor)
        self.input_box.addStretch(1)
        self._loading = False

    def _toggled(self, on: bool) -> None:
        if not self._loading:
            self.commit(on)

    def load(self) -> None:
        self.set_state("")
        self._loading = True
        self.editor.setChecked(bool(self.session.value(self.row.bind)))
        self._loading = False


class ChoiceRow(RowWidget):
    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row, view)
        self.editor = QComboBox()
        self.editor.setAccessibleName(row.label(self.lang))
        self.editor.addItem("—", None)
        for c in row.catalogue_field.choices:
            self.editor.addItem(c, c)
        self.editor.setMinimumWidth(120)
        self.editor.currentIndexChanged.connect(self._picked)
        self.input_box.addWidget(self.editor)
        self.input_box.addStretch(1)
        self._loading = False

    def _picked(self, _i: int) -> None:
        if not self._loading:
            self.commit(self.editor.currentData() or "")

    def load(self) -> None:
        self.set_state("")
        self._loading = True
        v = self.session.value(self.row.bind)
        i = self.editor.findData(v) if v is not None else 0
        self.editor.setCurrentIndex(max(i, 0))
        self._loading = False


class InfoRow(RowWidget):
    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row, view)
        self.value_label = QLabel("")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.input_box.addWidget(self.value_label, 1)

    def load(self) -> None:
        v = self.session.value(self.row.bind)
        if self.row.bind == "plant.sector":
            v = messages.sector_name(str(v), self.lang)
        self.value_label.setText(show_value(v))


class DrossClassRow(RowWidget):
    """The dross class of the plant's sector (004 表1–表3): class, code, hazards, category."""

    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row, view)
        data = standards.load("dross")
        cls = data["classes"].get(self.session.sector)
        lang = "zh" if self.lang == "zh" else "en"
        hazards = {"reactivity": self.tr("reactivity"), "toxicity": self.tr("toxicity")}
        if cls:
            cat = data["category"]
            names = self.tr(", ").join(hazards.get(h, h) for h in cls["hazards"])
            text = (f"<b>{cls['class_' + lang]}</b>&nbsp;&nbsp;&nbsp;{cls['code']}&nbsp;&nbsp;&nbsp;"
                    + self.tr("Hazards: %1").replace("%1", names)
                    + f"<br><span style='color:#656d76'>{cat['id']} {cat.get('name_' + lang) or cat['name_zh']}</span>")
        else:
            text = "—"
        self.value_label = QLabel(text)
        self.value_label.setTextFormat(Qt.TextFormat.RichText)
        self.value_label.setWordWrap(True)
        self.input_box.addWidget(self.value_label, 1)


class HeadingRow(QLabel):
    def __init__(self, row: form_defs.Row, view: FormView) -> None:
        super().__init__(row.label(view.lang))
        self.row = row
        self.setObjectName("heading")
        self.setWordWrap(True)


ROW_CLASSES = {"text": TextRow, "number": NumberRow, "indicator": IndicatorRow, "yesno": YesNoRow,
               "check": CheckRow, "choice": ChoiceRow, "info": InfoRow, "dross_class": DrossClassRow}


def dross_requirement_rows(lang: str) -> list[form_defs.Row]:
    """The 004 §6 checklist, from the standard's data, as yes/no rows."""
    sev = {"critical": QCoreApplication.translate("Form", "A critical finding if not met"),
           "major": QCoreApplication.translate("Form", "A major finding if not met"),
           "minor": QCoreApplication.translate("Form", "A minor finding if not met")}
    out = []
    for r in standards.load("dross")["requirements"]:
        hint = sev.get(r["severity"], r["severity"])
        out.append(form_defs.Row(type="yesno", bind=f"dross.requirements.{r['id']}",
                                 label_zh=f"{r['id']}　{r['text_zh']}", label_en=f"{r['id']}  {r['text_en']}",
                                 hint_zh=hint, hint_en=hint, source=r["source"]))
    return out


class SectionPage(QScrollArea):
    def __init__(self, section: form_defs.Section, view: FormView) -> None:
        super().__init__()
        self.section = section
        self.setWidgetResizable(True)
        body = QWidget()
        body.setObjectName("formPage")
        self.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(20, 14, 24, 24)
        lay.setSpacing(0)
        intro = section.intro(view.lang)
        if section.source:
            intro += "  " + QCoreApplication.translate("Form", "Source: %1").replace(
                "%1", clause_text(section.source, view.lang))
        self.intro = QLabel(intro)
        self.intro.setObjectName("sectionIntro")
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        lay.addSpacing(6)
        self.rows: list[QWidget] = []
        sector = view.session.sector
        for row in section.rows:
            expanded = dross_requirement_rows(view.lang) if row.type == "dross_requirements" else [row]
            for r in expanded:
                if not r.applies(sector):
                    continue
                if r.type in ("heading", "note"):
                    w: QWidget = HeadingRow(r, view)
                    if r.type == "note":
                        w.setObjectName("hint")
                else:
                    w = ROW_CLASSES[r.type](r, view)
                    view.register(w)
                self.rows.append(w)
                lay.addWidget(w)
        lay.addStretch(1)


class FormView(QTabWidget):
    """All sections for the session's assessment, one tab each."""

    def __init__(self, session: Session, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang
        self.setDocumentMode(True)
        self.by_bind: dict[str, list[RowWidget]] = {}
        self._rows: list[RowWidget] = []  # the rows bound to a value, each once
        self.pages: list[SectionPage] = []
        self.ledger_page = None
        for section in form_defs.for_sector(session.sector):
            if any(r.type == "ledger" for r in section.rows):
                self.ledger_page = LedgerPage(session.editor.path, session, lang)
                self.addTab(self.ledger_page, section.title(lang).replace("&", "&&"))
                continue
            page = SectionPage(section, self)
            self.pages.append(page)
            self.addTab(page, section.title(lang).replace("&", "&&"))  # "&" is not a mnemonic here
        self.load_all()
        session.values_changed.connect(self._values_changed)
        session.evaluated.connect(self._evaluated)
        self.set_readonly(session.readonly)

    def register(self, w: RowWidget) -> None:
        if w.editor is not None and w.row.bind:
            # tests and screen readers find an input by its field id and read its label
            w.editor.setObjectName(field_name(w.row.bind))
            w.editor.setAccessibleName(w.row.label(self.lang))
        binds = {w.row.bind} if w.row.bind else set()
        if isinstance(w, IndicatorRow) and w.consumption is not None:
            binds.add(f"values.{w.consumption.id}")
        for b in binds:
            self.by_bind.setdefault(b, []).append(w)
        if binds:
            self._rows.append(w)

    def rows(self) -> list[RowWidget]:
        return self._rows

    def row_for(self, bind: str) -> RowWidget:
        return self.by_bind[bind][0]

    def editor_for(self, bind: str) -> QWidget:
        return self.row_for(bind).editor

    def page_of(self, bind: str) -> int:
        w = self.row_for(bind)
        for i, p in enumerate(self.pages):
            if w in p.rows:
                return i
        return -1

    def load_all(self) -> None:
        for w in self.rows():
            w.load()
        self._evaluated(self.session.result)  # relevance, warnings and converted values

    def set_readonly(self, ro: bool) -> None:
        for w in self.rows():
            w.set_readonly(ro)
        if self.ledger_page is not None:
            self.ledger_page.set_readonly(ro)

    def _values_changed(self, binds: list[str]) -> None:
        if "*" in binds:
            self.load_all()
            return
        done: set[int] = set()
        for b in binds:
            for w in self.by_bind.get(b, []):
                if id(w) not in done:
                    done.add(id(w))
                    w.load()
        # relevance follows in _evaluated: the session scores right after every change it announces

    def update_relevance(self) -> None:
        values = self.session.flat_values()
        for w in self.rows():
            if w.row.relevant.get("when"):
                w.setVisible(w.row.applies(self.session.sector, values))

    def _evaluated(self, result: dict[str, Any] | None) -> None:  # noqa: ARG002 - the signal's argument
        """Relevance, the converted values, and each finding shown at the fields it concerns (from the
        finding's ``fields``). Only a field that holds a value is marked: a finding about an empty
        field (a missing indicator) is listed in the results panel, not at every empty field."""
        self.update_relevance()
        marks: dict[str, str] = {}
        evaluation = self.session.evaluation
        for f in by_severity(evaluation.findings if evaluation is not None else ()):
            for path in f.fields:
                marks.setdefault(path, f.text(self.lang))
        for w in self.rows():
            if isinstance(w, IndicatorRow):
                w.update_converted()
            if not w.row.bind or w.state == "error":
                continue
            mark = next((marks[b] for b in self._binds(w) if b in marks and self.session.value(b) is not None), None)
            if mark is not None:
                w.set_state("warning", mark)
            elif w.state == "warning":
                w.set_state("")

    @staticmethod
    def _binds(w: RowWidget) -> list[str]:
        """The paths a row edits: its own and, for an indicator, its consumption form's."""
        binds = [w.row.bind] if w.row.bind else []
        if isinstance(w, IndicatorRow) and w.consumption is not None:
            binds.append(f"values.{w.consumption.id}")
        return binds
