"""PDF previews shared by the report and labels dialogs: the pages rendered with Qt PDF, shown in a column."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QStandardPaths, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from alassess.ui import style


def open_pdf(pdf: bytes):
    """A Qt PDF document reading ``pdf`` (its buffer lives as long as the document)."""
    doc = QPdfDocument()
    buf = QBuffer(doc)
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    return doc


def render_pdf_pages(pdf: bytes, width: int) -> list[QImage]:
    """Every page of a PDF as an image ``width`` pixels wide."""
    doc = open_pdf(pdf)
    images = []
    for i in range(doc.pageCount()):
        size = doc.pagePointSize(i)
        h = int(width * size.height() / size.width()) if size.width() else int(width * 1.414)
        images.append(doc.render(i, QSize(width, h)))
    doc.close()
    return images


def preview_area(width: int) -> tuple[QScrollArea, QVBoxLayout]:
    """A scrolling column for pages ``width`` pixels wide, and the layout the pages go into."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setMinimumWidth(width + 40)
    body = QWidget()
    body.setStyleSheet(f"background: {style.SURFACE};")
    box = QVBoxLayout(body)
    box.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    area.setWidget(body)
    return area, box


def page_label(img: QImage) -> QLabel:
    """One rendered page, framed like a sheet of paper."""
    lab = QLabel()
    lab.setPixmap(QPixmap.fromImage(img))
    lab.setFixedSize(img.width() + 2, img.height() + 2)
    lab.setFrameShape(QFrame.Shape.Box)
    lab.setStyleSheet(f"border: 1px solid {style.BORDER}; background: white;")
    return lab


def clear_pages(box: QVBoxLayout, keep: QWidget | None = None) -> None:
    """Remove the page widgets from ``box`` (all but ``keep``)."""
    for i in reversed(range(box.count())):
        w = box.itemAt(i).widget()
        if w is not None and w is not keep:
            w.setParent(None)


def documents_dir() -> Path:
    """Where a saved PDF is suggested: the user's documents folder (else the home folder)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or str(Path.home()))
