"""The labels dialog: kind, count, paper, fields; a preview of the sheet; print at 100 % or save PDF.

The sheets come from :mod:`alassess.services.labels` (the same as ``alassess labels``). The preview
is built without reserving serial numbers; printing and saving reserve them in the database, so an
identification code is never issued twice. Printing draws each PDF page at its true size on a page
of the same size (no "fit to page"), so a 200 mm label measures 200 mm.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alassess.domain.errors import AlAssessError
from alassess.services import labels
from alassess.services.files import atomic_write
from alassess.services.labels import LabelOptions
from alassess.ui import style
from alassess.ui.common import error_text, mark, name_inputs
from alassess.ui.pdf_preview import (
    clear_pages,
    documents_dir,
    open_pdf,
    page_label,
    preview_area,
    render_pdf_pages,
)

PREVIEW_WIDTH = 460
RENDER_DPI = 300  # pages reach the printer as 300 dpi images at their true size
TEXT_FIELDS = ("name", "main_components", "harmful_components", "precautions", "remarks")


def kind_names() -> dict[str, str]:
    return {"label": QCoreApplication.translate("LabelsDialog", "Hazardous-waste labels"),
            "warning": QCoreApplication.translate("LabelsDialog", "Warning sign"),
            "zone": QCoreApplication.translate("LabelsDialog", "Storage zone sign"),
            "facility": QCoreApplication.translate("LabelsDialog", "Facility sign")}


class LabelsDialog(QDialog):
    def __init__(self, db_path: str | Path, plant_id: int, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        self.db_path = Path(db_path)
        self.plant_id = plant_id
        self.lang = lang
        self.source = labels.plant_from_db(self.db_path, plant_id)
        self.pdf: bytes | None = None
        self.last: Any = None
        self.setWindowTitle(self.tr("Labels and signs"))
        self.resize(1080, 780)
        outer = QHBoxLayout(self)
        self.preview, self.pages_box = preview_area(PREVIEW_WIDTH)
        outer.addWidget(self.preview, 3)

        side = QVBoxLayout()
        title = QLabel(self.source.plant.name)
        title.setObjectName("title")
        title.setWordWrap(True)
        side.addWidget(title)
        form = QFormLayout()
        self.kind = QComboBox()
        for k, name in kind_names().items():
            self.kind.addItem(name, k)
        self.count = QSpinBox()
        self.count.setRange(1, 999)
        self.paper = QComboBox()
        for p in ("A4", "A3", "A2"):
            self.paper.addItem(p, p)
        self.dross_kind = QComboBox()
        self.dross_kind.addItem(self.tr("Primary dross (white)"), "primary")
        self.dross_kind.addItem(self.tr("Secondary dross (black)"), "secondary")
        self.weight = QLineEdit()
        self.weight.setPlaceholderText(self.tr("e.g. 1.2"))
        self.date = QLineEdit()
        self.date.setPlaceholderText(self.tr("today"))
        self.volume = QLineEdit()
        self.volume.setPlaceholderText(self.tr("for the label size (HJ 1276)"))
        self.facility = QComboBox()
        for f, name in (("storage", self.tr("storage")), ("utilisation", self.tr("utilisation")),
                        ("disposal", self.tr("disposal"))):
            self.facility.addItem(name, f)
        self.layout_ = QComboBox()
        self.layout_.addItem(self.tr("horizontal"), "horizontal")
        self.layout_.addItem(self.tr("vertical"), "vertical")
        self.facility_code = QLineEdit()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Count"), self.count)
        form.addRow(self.tr("Paper"), self.paper)
        self.label_rows = [(self.tr("Dross"), self.dross_kind), (self.tr("Weight (t)"), self.weight),
                           (self.tr("Date"), self.date), (self.tr("Container volume (L)"), self.volume)]
        self.facility_rows = [(self.tr("Facility"), self.facility), (self.tr("Layout"), self.layout_),
                              (self.tr("Facility code"), self.facility_code)]
        for text, w in self.label_rows + self.facility_rows:
            form.addRow(text, w)
        self.field_edits: dict[str, QLineEdit] = {}
        names = {"name": self.tr("Waste name"), "main_components": self.tr("Main components"),
                 "harmful_components": self.tr("Harmful components"), "precautions": self.tr("Precautions"),
                 "remarks": self.tr("Remarks")}
        for f in TEXT_FIELDS:
            e = QLineEdit()
            e.setPlaceholderText(self.tr("(default)"))
            self.field_edits[f] = e
            form.addRow(names[f], e)
        ids: dict[QWidget, str] = {self.kind: "kind", self.count: "count", self.paper: "paper", self.dross_kind: "dross_kind",
                 self.weight: "weight_t", self.date: "date", self.volume: "container_volume_l",
                 self.facility: "facility", self.layout_: "layout", self.facility_code: "facility_code"}
        ids.update({e: f for f, e in self.field_edits.items()})
        name_inputs(form, ids)
        self.form = form
        side.addLayout(form)
        note = QLabel(self.tr("Print at 100 % (actual size), never “fit to page”: the sheet carries a scale bar "
                              "to check. Printing or saving reserves the serial numbers."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        side.addWidget(note)
        row = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("primary")
        for b in (self.preview_button, self.save_button, self.print_button):
            b.setAutoDefault(False)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        side.addLayout(row)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        side.addWidget(self.result)
        side.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        side.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        sidew = QWidget()
        sidew.setLayout(side)
        sidew.setMinimumWidth(420)
        outer.addWidget(sidew, 2)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.preview_button.clicked.connect(self.update_preview)
        self.save_button.clicked.connect(lambda: self.save())
        self.print_button.clicked.connect(lambda: self.print_sheets())
        self._kind_changed()

    # ---- options ------------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        for _t, w in self.label_rows:
            self.form.setRowVisible(w, kind == "label")
        for _t, w in self.facility_rows:
            self.form.setRowVisible(w, kind == "facility")
        for e in self.field_edits.values():
            self.form.setRowVisible(e, kind == "label")
        self.update_preview()

    def options(self):
        overrides = {f: e.text().strip() for f, e in self.field_edits.items() if e.text().strip()}
        return LabelOptions(kind=self.kind.currentData(), count=self.count.value(), paper=self.paper.currentData(),
                            container_volume_l=self.volume.text().strip() or None,
                            weight_t=self.weight.text().strip() or None, date=self.date.text().strip() or None,
                            dross_kind=self.dross_kind.currentData(), facility=self.facility.currentData(),
                            layout=self.layout_.currentData(), facility_code=self.facility_code.text().strip() or None,
                            overrides=overrides)

    def _build(self, reserve: bool):
        return labels.build(self.source, self.options(), db_path=self.db_path if reserve else None)

    # ---- preview ------------------------------------------------------------------------------

    def update_preview(self) -> bool:
        for w in (self.weight, self.volume, self.date, self.count, self.facility_code):
            mark(w, "")
        clear_pages(self.pages_box)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            res = self._build(reserve=False)
        except AlAssessError as exc:
            self._error(exc)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.pdf = res.pdf
        images = render_pdf_pages(res.pdf, PREVIEW_WIDTH)
        for img in images[:6]:
            self.pages_box.addWidget(page_label(img))
        self.preview_pages = len(images)
        self.result.setText(self._describe(res))
        return True

    def _describe(self, res) -> str:
        if res.per_sheet:
            text = self.tr("%1 × %2 mm, %3 per sheet on %4, %n sheet(s)", "", res.pages).replace(
                "%1", f"{res.width_mm:g}").replace("%2", f"{res.height_mm:g}").replace(
                "%3", str(res.per_sheet)).replace("%4", res.paper)
        else:  # larger than the paper: each one is tiled over several sheets
            text = self.tr("%1 × %2 mm on %3, %n sheet(s)", "", res.pages).replace(
                "%1", f"{res.width_mm:g}").replace("%2", f"{res.height_mm:g}").replace("%3", res.paper)
        if res.tiles_per_item > 1:
            text += " · " + self.tr("tiled over %1 sheets each").replace("%1", str(res.tiles_per_item))
        return text

    def _error(self, exc: AlAssessError) -> None:
        self.result.setText(f"<span style='color:{style.ERROR}'>✗ {error_text(exc, self.lang)}</span>")
        w = self.input_for(exc.field)
        if w is not None:  # the box it is about is marked (what was typed stays, to correct)
            mark(w, "error")

    def input_for(self, field: str | None):
        """The box of a refused option (the service names it as the command line does)."""
        return {"--weight-t": self.weight, "--container-volume-l": self.volume, "--date": self.date,
                "--count": self.count, "--facility-code": self.facility_code}.get(field or "")

    # ---- output -------------------------------------------------------------------------------

    def _suggested(self) -> str:
        return str(documents_dir() / f"labels-{self.kind.currentData()}.pdf")

    def save(self, path: str | None = None) -> Path | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save labels"), self._suggested(),
                                                  self.tr("PDF (*.pdf)"))
            if not path:
                return None
        try:
            res = self._build(reserve=True)
            atomic_write(path, res.pdf)
        except AlAssessError as exc:
            self._error(exc)
            return None
        except OSError as exc:
            self.result.setText(f"<span style='color:{style.ERROR}'>✗ {exc.strerror or exc}</span>")
            return None
        self.last = res
        text = self.tr("Saved: %1").replace("%1", style.display_path(path)) + "<br>" + self._describe(res)
        if res.id_codes:
            text += "<br>" + self.tr("Serials %1–%2").replace("%1", f"{res.serials[0]:03d}").replace(
                "%2", f"{res.serials[-1]:03d}")
        self.result.setText(f"<span style='color:{style.OK}'>✓</span> " + text)
        return Path(path)

    def print_sheets(self, printer=None) -> bool:
        """Print through Qt's print dialog (or onto ``printer``), every page at 100 %."""
        # deferred: Qt's print support loads only when the user prints (start-up time)
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dlg = QPrintDialog(printer, self)
            dlg.setWindowTitle(self.tr("Print labels"))
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return False
        try:
            res = self._build(reserve=True)
        except AlAssessError as exc:
            self._error(exc)
            return False
        self.last = res
        print_pdf_true_size(res.pdf, printer)
        self.result.setText(f"<span style='color:{style.OK}'>✓</span> " + self.tr("Sent to the printer.") + "<br>"
                            + self._describe(res))
        return True


def print_pdf_true_size(pdf: bytes, printer) -> None:
    """Each page on a printer page of the same size, no margins, no scaling (100 %)."""
    doc = open_pdf(pdf)
    printer.setFullPage(True)
    painter = None
    for i in range(doc.pageCount()):
        pts = doc.pagePointSize(i)
        size = QPageSize(QSizeF(pts.width(), pts.height()), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
        orientation = QPageLayout.Orientation.Portrait
        printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
        if painter is None:
            painter = QPainter(printer)
        else:
            printer.newPage()
        dpi = printer.resolution()
        target = QRectF(0, 0, pts.width() / 72 * dpi, pts.height() / 72 * dpi)  # the whole page: 100 %
        render_dpi = min(dpi, RENDER_DPI)
        img = doc.render(i, QSize(round(pts.width() / 72 * render_dpi), round(pts.height() / 72 * render_dpi)))
        painter.drawImage(target, img)
    if painter is not None:
        painter.end()
    doc.close()
