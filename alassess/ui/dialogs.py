"""Small dialogs: new plant, new assessment, settings."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from alassess.domain import messages
from alassess.domain.errors import AlAssessError
from alassess.domain.fields import SECTORS
from alassess.services.editing import Editor
from alassess.ui import settings as ui_settings
from alassess.ui.common import error_label, error_text, field_message, mark, name_inputs, ok_cancel


def _remember_assessor(name: str, organisation: str) -> None:
    """The next new plant or assessment starts with the same assessor."""
    ui_settings.set_value("assessor/name", name.strip())
    ui_settings.set_value("assessor/organisation", organisation.strip())


def last_complete_year(today: _dt.date | None = None) -> int:
    """The period a new assessment is usually for: the last year that has ended."""
    return (today or _dt.date.today()).year - 1


class NewPlantDialog(QDialog):
    """A plant and its first assessment in one step."""

    def __init__(self, editor: Editor, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.lang = lang
        self.plant_id: int | None = None
        self.assessment_id: int | None = None
        self.setWindowTitle(self.tr("New plant"))
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.name = QLineEdit()
        self.sector = QComboBox()
        for s in SECTORS:
            self.sector.addItem(messages.sector_name(s, lang), s)
        self.credit_code = QLineEdit()
        self.credit_code.setPlaceholderText(self.tr("18 characters (optional)"))
        self.region = QLineEdit()
        self.key_region = QCheckBox(self.tr("In an air-pollution key region"))
        self.period = QLineEdit(str(last_complete_year()))
        self.assessor = QLineEdit(ui_settings.get_str("assessor/name"))
        self.organisation = QLineEdit(ui_settings.get_str("assessor/organisation"))
        self.names = {"plant.name": self.tr("Plant name"), "plant.sector": self.tr("Sector"),
                      "plant.credit_code": self.tr("Unified social credit code"), "period": self.tr("Period"),
                      "plant.region": self.tr("Region")}
        self.inputs = {"plant.name": self.name, "plant.sector": self.sector, "plant.credit_code": self.credit_code,
                       "plant.region": self.region, "period": self.period, "assessment.period": self.period}
        form.addRow(self.names["plant.name"] + " *", self.name)
        form.addRow(self.names["plant.sector"] + " *", self.sector)
        form.addRow(self.names["plant.credit_code"], self.credit_code)
        form.addRow(self.names["plant.region"], self.region)
        form.addRow("", self.key_region)
        form.addRow(self.names["period"] + " *", self.period)
        form.addRow(self.tr("Assessor"), self.assessor)
        form.addRow(self.tr("Organisation"), self.organisation)
        name_inputs(form, {self.name: "plant.name", self.sector: "plant.sector", self.credit_code: "plant.credit_code",
                           self.region: "plant.region", self.key_region: "plant.key_region", self.period: "period",
                           self.assessor: "assessor.name", self.organisation: "assessor.organisation"})
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self, self.tr("Create")))
        self.name.setFocus()

    def accept(self) -> None:
        raw = {"name": self.name.text(), "sector": self.sector.currentData(), "credit_code": self.credit_code.text(),
               "region": self.region.text(), "key_region": self.key_region.isChecked()}
        for w in self.inputs.values():
            mark(w, "")
        try:
            pid, aid = self.editor.create_plant_with_assessment(raw, self.period.text(), self.assessor.text(),
                                                                self.organisation.text())
        except AlAssessError as exc:
            # the box it is about is marked and gets the cursor; the field is named once
            self.error.setText(field_message(self.names.get(exc.field or "", ""), error_text(exc, self.lang)))
            self.error.show()
            box = self.inputs.get(exc.field or "")
            if box is not None:
                mark(box, "error")
                box.setFocus()
            return
        _remember_assessor(self.assessor.text(), self.organisation.text())
        self.plant_id, self.assessment_id = pid, aid
        super().accept()


class NewAssessmentDialog(QDialog):
    """Another period for an existing plant."""

    def __init__(self, editor: Editor, lang: str, plants: list[dict], plant_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.lang = lang
        self.assessment_id: int | None = None
        self.setWindowTitle(self.tr("New assessment"))
        self.setMinimumWidth(420)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.plant = QComboBox()
        for p in plants:
            self.plant.addItem(f"{p['name']}（{messages.sector_name(p['sector'], lang)}）" if lang == "zh"
                               else f"{p['name']} ({messages.sector_name(p['sector'], lang)})", p["id"])
        if plant_id is not None:
            self.plant.setCurrentIndex(max(self.plant.findData(plant_id), 0))
        self.period = QLineEdit()
        self.assessor = QLineEdit(ui_settings.get_str("assessor/name"))
        self.organisation = QLineEdit(ui_settings.get_str("assessor/organisation"))
        form.addRow(self.tr("Plant"), self.plant)
        form.addRow(self.tr("Period") + " *", self.period)
        form.addRow(self.tr("Assessor"), self.assessor)
        form.addRow(self.tr("Organisation"), self.organisation)
        name_inputs(form, {self.plant: "plant", self.period: "period", self.assessor: "assessor.name",
                           self.organisation: "assessor.organisation"})
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self, self.tr("Create")))
        self.plant.currentIndexChanged.connect(self._suggest_period)
        self._suggest_period()
        self.period.setFocus()
        self.period.selectAll()

    def _suggest_period(self) -> None:
        pid = self.plant.currentData()
        periods = self.editor.periods(pid) if pid is not None else []
        years = [int(p) for p in periods if str(p).isdigit()]
        year = max(years) + 1 if years else last_complete_year()
        self.period.setText(str(year))

    def accept(self) -> None:
        try:
            aid = self.editor.create_assessment(self.plant.currentData(), self.period.text(), self.assessor.text(),
                                                self.organisation.text())
        except AlAssessError as exc:
            self.error.setText(error_text(exc, self.lang))
            self.error.show()
            return
        _remember_assessor(self.assessor.text(), self.organisation.text())
        self.assessment_id = aid
        super().accept()


class SettingsDialog(QDialog):
    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(360)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        form.addRow(self.tr("Language"), self.language)
        name_inputs(form, {self.language: "language"})
        lay.addLayout(form)
        note = QLabel(self.tr("Field labels, hints and messages follow the language too."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addWidget(ok_cancel(self))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def choice(self) -> str:
        return str(self.language.currentData())
