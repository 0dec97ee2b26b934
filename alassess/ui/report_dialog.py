"""The report dialog (preview, identity, passphrase, sign and save) and "verify a report".

Both call :mod:`alassess.services.report` — the same functions as ``alassess report`` and
``alassess verify``. The preview is the real PDF, rendered page by page with Qt PDF. The report
is built in a worker thread (reportlab and pyHanko load only when the dialog opens).
"""

from __future__ import annotations

import html
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alassess import catalogue, logs
from alassess.domain.errors import AlAssessError
from alassess.services import report, signatures
from alassess.services.files import atomic_write
from alassess.ui import style
from alassess.ui.common import error_text, name_inputs
from alassess.ui.pdf_preview import clear_pages, documents_dir, page_label, preview_area, render_pdf_pages
from alassess.ui.session import Session

log = logging.getLogger(__name__)

PREVIEW_WIDTH = 520


class _Worker(QObject):
    """Runs a function in a thread and hands its result back to the UI thread."""

    done = Signal(object, object)  # result, error

    def start(self, fn) -> None:
        def run() -> None:
            try:
                result = fn()
            except Exception as exc:  # shown to the user as a message; anything unexpected is logged
                if not isinstance(exc, AlAssessError):
                    log.exception("report dialog: %s failed", getattr(fn, "__name__", "work"))
                self.done.emit(None, exc)
                return
            self.done.emit(result, None)

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def wait(self, timeout: float = 60) -> None:
        self._thread.join(timeout)


def _message(exc: BaseException, lang: str) -> str:
    if isinstance(exc, AlAssessError):
        return error_text(exc, lang)
    return f"{type(exc).__name__}: {exc} " + catalogue.text("log_details", lang, log=logs.where())


class ReportDialog(QDialog):
    def __init__(self, db_path: str | Path, session: Session, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.session = session
        self.lang = lang
        self.signed = False
        self.issued: Any = None
        self.pdf: bytes | None = None
        self.built: Any = None  # the previewed report (services.report.BuiltReport)
        self.setWindowTitle(self.tr("Report"))
        self.resize(1060, 760)
        outer = QHBoxLayout(self)
        # preview
        self.preview, self.pages_box = preview_area(PREVIEW_WIDTH)
        self.pages_box.setSpacing(12)
        self.preview_status = QLabel(self.tr("Building the preview…"))
        self.preview_status.setObjectName("muted")
        self.pages_box.addWidget(self.preview_status)
        outer.addWidget(self.preview, 3)
        # options
        side = QVBoxLayout()
        side.setSpacing(10)
        a = session.assessment
        title = QLabel(f"{a.plant.name} · {a.period}")
        title.setObjectName("title")
        title.setWordWrap(True)
        side.addWidget(title)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if lang == "zh" else 1)
        self.language.currentIndexChanged.connect(self.build_preview)
        form.addRow(self.tr("Report language"), self.language)
        self.identity = QComboBox()
        self.identity.setMinimumWidth(220)
        self._fill_identities()
        pick = QPushButton(self.tr("Open a .p12…"))
        pick.clicked.connect(self.choose_identity)
        create = QPushButton(self.tr("New identity…"))
        create.clicked.connect(self.create_identity)
        idbox = QVBoxLayout()
        idbox.addWidget(self.identity)
        row = QHBoxLayout()
        row.addWidget(pick)
        row.addWidget(create)
        row.addStretch(1)
        idbox.addLayout(row)
        for b in (pick, create):
            b.setAutoDefault(False)
        form.addRow(self.tr("Signing identity"), idbox)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.out_path = QLineEdit(str(self._suggested_path()))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.choose_output)
        orow = QHBoxLayout()
        orow.addWidget(self.out_path, 1)
        orow.addWidget(browse)
        form.addRow(self.tr("Save as"), orow)
        for w, name, label in ((self.language, "report_lang", self.tr("Report language")),
                               (self.identity, "identity", self.tr("Signing identity")),
                               (self.passphrase, "passphrase", self.tr("Passphrase")),
                               (self.out_path, "out", self.tr("Save as"))):
            w.setObjectName(name)
            w.setAccessibleName(label)
        side.addLayout(form)
        note = QLabel(self.tr("Signing marks this assessment as signed: it can then no longer be edited. "
                              "The assessment data travel inside the PDF, so the office can verify and import "
                              "them."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        side.addWidget(note)
        buttons = QHBoxLayout()
        self.save_unsigned_button = QPushButton(self.tr("Save unsigned"))
        self.sign_button = QPushButton(self.tr("Sign and save"))
        self.sign_button.setObjectName("primary")
        self.save_unsigned_button.clicked.connect(lambda: self.save(sign=False))
        self.sign_button.clicked.connect(lambda: self.save(sign=True))
        buttons.addStretch(1)
        buttons.addWidget(self.save_unsigned_button)
        buttons.addWidget(self.sign_button)
        side.addLayout(buttons)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.result)
        side.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        side.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        sidew = QWidget()
        sidew.setLayout(side)
        sidew.setMinimumWidth(430)
        outer.addWidget(sidew, 2)
        if session.readonly:
            self.sign_button.setEnabled(False)
            self.save_unsigned_button.setEnabled(False)
            self.result.setText(self.tr("This assessment is already signed; its signed report is the record."))
        self._worker: _Worker | None = None
        self.build_preview()

    # ---- identities ---------------------------------------------------------------------------

    def _fill_identities(self, select: str | None = None) -> None:
        self.identity.clear()
        for ident in signatures.list_identities():
            self.identity.addItem(ident["name"], ident["path"])
        if select:
            self.set_identity_path(select)
        if self.identity.count() == 0:
            self.identity.addItem(self.tr("(none yet: choose or create one)"), None)

    def set_identity_path(self, path: str | Path) -> None:
        path = str(path)
        i = self.identity.findData(path)
        if i < 0:
            none = self.identity.findData(None)
            if none >= 0:
                self.identity.removeItem(none)
            self.identity.addItem(Path(path).stem, path)
            i = self.identity.count() - 1
        self.identity.setCurrentIndex(i)

    def choose_identity(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Signing identity"), "",
                                              self.tr("PKCS#12 identity (*.p12 *.pfx)"))
        if path:
            self.set_identity_path(path)

    def create_identity(self) -> None:
        dlg = NewIdentityDialog(self.lang, self)
        if dlg.exec() and dlg.path:
            self._fill_identities(select=dlg.path)
            self.passphrase.setText(dlg.passphrase_text)

    # ---- preview ------------------------------------------------------------------------------

    def report_lang(self) -> str:
        return str(self.language.currentData())

    def build_preview(self) -> None:
        self.preview_status.setText(self.tr("Building the preview…"))
        self.preview_status.show()
        clear_pages(self.pages_box, keep=self.preview_status)
        # the preview is the report as it will be issued: made from the stored document, not from memory
        self.session.saver.flush()
        aid, lang, db = self.session.id, self.report_lang(), self.db_path

        def build() -> Any:
            return report.stored_report(db, aid, lang)

        self._worker = _Worker()
        self._worker.done.connect(self._preview_ready)
        self._worker.start(build)

    def wait_preview(self) -> None:
        """Block until the preview is built (tests and screenshots)."""
        if self._worker is not None:
            self._worker.wait()
        QGuiApplication.processEvents()

    def _preview_ready(self, built: Any, error: BaseException | None) -> None:
        if error is not None:
            self.preview_status.setText(_message(error, self.lang))
            return
        self.built = built
        self.pdf = pdf = built.pdf
        self.preview_status.hide()
        clear_pages(self.pages_box, keep=self.preview_status)
        images = render_pdf_pages(pdf, PREVIEW_WIDTH)
        for img in images:
            self.pages_box.addWidget(page_label(img))
        self.page_count = len(images)

    # ---- saving -------------------------------------------------------------------------------

    def _suggested_path(self) -> Path:
        a = self.session.assessment
        safe = "".join(ch for ch in a.plant.name if ch not in '\\/:*?"<>|').strip() or "report"
        return documents_dir() / f"{safe}-{a.period}-report.pdf"

    def choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), self.out_path.text(),
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.out_path.setText(path)

    def save(self, sign: bool) -> bool:
        """Build (and sign) the report, write it, record it; returns True on success."""
        out = self.out_path.text().strip()
        if not out:
            self.choose_output()
            out = self.out_path.text().strip()
            if not out:
                return False
        identity = self.identity.currentData()
        passphrase = signatures.keep_passphrase(self.passphrase.text())
        if sign and not identity:
            self._show_error(self.tr("Choose or create a signing identity first."))
            return False
        if sign and not passphrase:
            self._show_error(self.tr("Enter the identity's passphrase."))
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.session.saver.flush()
            lang = self.report_lang()
            # the previewed report itself, when it still shows the stored document in this language
            issued = report.issue_report(out=out, lang=lang, db_path=self.db_path,
                                         assessment_id=self.session.id, identity=identity if sign else None,
                                         passphrase=passphrase if sign else None, sign=sign, preview=self.built)
        except AlAssessError as exc:
            self._show_error(_message(exc, self.lang))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.passphrase.clear()
        self.issued = issued
        if sign:
            self.signed = True
            self.sign_button.setEnabled(False)
            self.save_unsigned_button.setEnabled(False)
            text = self.tr("Signed by %1 and saved: %2").replace("%1", issued.signer).replace(
                "%2", style.display_path(issued.path))
            text += "<br>" + self.tr("The assessment is now signed and read-only.")
        else:
            text = self.tr("Saved (not signed): %1").replace("%1", style.display_path(issued.path))
        text += "<br>" + self.tr("%n page(s), report id %1", "", issued.pages).replace("%1", issued.report_id)
        self.result.setText(f"<span style='color:{style.OK}'>✓</span> " + text)
        return True

    def _show_error(self, text: str) -> None:
        self.result.setText(f"<span style='color:{style.ERROR}'>✗ {text}</span>")


class NewIdentityDialog(QDialog):
    """A self-signed signing identity kept in the user's data folder (owner-only permissions)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.path: str | None = None
        self.passphrase_text = ""
        self.setWindowTitle(self.tr("Create a signing identity"))
        self.setMinimumWidth(440)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.pass1 = QLineEdit()
        self.pass2 = QLineEdit()
        for p in (self.pass1, self.pass2):
            p.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Signer's name"), self.name)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Passphrase"), self.pass1)
        form.addRow(self.tr("Passphrase again"), self.pass2)
        name_inputs(form, {self.name: "name", self.organisation: "organisation", self.pass1: "passphrase",
                           self.pass2: "passphrase_again"})
        lay.addLayout(form)
        note = QLabel(self.tr("A self-signed certificate: reports it signs verify as intact; the office trusts "
                              "it once it adds the certificate to its trust list."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        lay.addWidget(note)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        ok = QPushButton(self.tr("Create"))
        ok.setObjectName("primary")
        ok.setDefault(True)
        cancel.clicked.connect(self.reject)
        ok.clicked.connect(self.accept)
        row.addWidget(cancel)
        row.addWidget(ok)
        lay.addLayout(row)

    def accept(self) -> None:
        if self.pass1.text() != self.pass2.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        name = self.name.text().strip()
        stem = "".join(ch for ch in name if ch.isalnum() or ch in "-_") or "identity"
        out = signatures.identities_dir() / f"{stem}.p12"
        n = 2
        while out.exists():
            out = signatures.identities_dir() / f"{stem}-{n}.p12"
            n += 1
        try:
            report.create_identity(name, self.organisation.text(), out, signatures.keep_passphrase(self.pass1.text()))
        except AlAssessError as exc:
            self.error.setText(_message(exc, self.lang))
            return
        self.path = str(out)
        self.passphrase_text = self.pass1.text()
        super().accept()


class DropArea(QLabel):
    dropped = Signal(str)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAcceptDrops(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumHeight(110)
        self.setStyleSheet(f"border: 2px dashed {style.BORDER}; border-radius: 8px; color: {style.MUTED}; "
                           "padding: 12px;")

    def dragEnterEvent(self, ev) -> None:  # noqa: N802 - Qt naming
        if ev.mimeData().hasUrls() and any(u.isLocalFile() for u in ev.mimeData().urls()):
            ev.acceptProposedAction()
            self.setStyleSheet(self.styleSheet().replace(style.BORDER, style.ACCENT))

    def dragLeaveEvent(self, ev) -> None:  # noqa: N802
        self.setStyleSheet(self.styleSheet().replace(style.ACCENT, style.BORDER))

    def dropEvent(self, ev) -> None:  # noqa: N802
        self.setStyleSheet(self.styleSheet().replace(style.ACCENT, style.BORDER))
        for u in ev.mimeData().urls():
            if u.isLocalFile():
                self.dropped.emit(u.toLocalFile())
                ev.acceptProposedAction()
                return


class VerifyDialog(QDialog):
    """Verify a signed report: by file or drag-and-drop, the result in plain words."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.result_obj: Any = None
        self.setWindowTitle(self.tr("Verify a report"))
        self.resize(620, 560)
        self.setAcceptDrops(True)
        lay = QVBoxLayout(self)
        self.drop = DropArea(self.tr("Drop a signed report (PDF) here"))
        self.drop.dropped.connect(self.verify)
        lay.addWidget(self.drop)
        row = QHBoxLayout()
        choose = QPushButton(self.tr("Choose a file…"))
        choose.clicked.connect(self.choose)
        row.addWidget(choose)
        row.addStretch(1)
        lay.addLayout(row)
        self.headline = QLabel("")
        self.headline.setObjectName("title")
        self.headline.setWordWrap(True)
        lay.addWidget(self.headline)
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.details, 1)
        bottom = QHBoxLayout()
        self.save_data_button = QPushButton(self.tr("Save the embedded data…"))
        self.save_data_button.setEnabled(False)
        self.save_data_button.clicked.connect(self.save_data)
        self.trust_button = QPushButton(self.tr("Trust this signer…"))
        self.trust_button.setToolTip(self.tr("Add the signer's certificate to this computer's trust list, so that "
                                             "their reports show as trusted"))
        self.trust_button.clicked.connect(self.trust_signer)
        self.trust_button.hide()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom.addWidget(self.save_data_button)
        bottom.addWidget(self.trust_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay.addLayout(bottom)

    def dragEnterEvent(self, ev) -> None:  # noqa: N802
        self.drop.dragEnterEvent(ev)

    def dropEvent(self, ev) -> None:  # noqa: N802
        self.drop.dropEvent(ev)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Verify a report"), "", self.tr("PDF (*.pdf)"))
        if path:
            self.verify(path)

    def verify(self, path: str) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            r = report.verify_pdf(path)
        except AlAssessError as exc:
            self.result_obj = None
            self.headline.setText(f"<span style='color:{style.ERROR}'>✗ " + self.tr("Cannot read this file")
                                  + "</span>")
            self.details.setText(_message(exc, self.lang))
            self.save_data_button.setEnabled(False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.result_obj = r
        self.show_result(r)

    def show_result(self, r: Any) -> None:
        yes, no = self.tr("yes"), self.tr("no")

        def yn(v: bool | None) -> str:
            return "—" if v is None else (yes if v else no)

        if r.ok:
            self.headline.setText(f"<span style='color:{style.OK}'>✓ " +
                                  self.tr("Valid: the report is intact and signed") + "</span>")
        else:
            self.headline.setText(f"<span style='color:{style.ERROR}'>✗ " +
                                  self.tr("NOT valid: the signature is missing or broken, or the report was changed")
                                  + "</span>")
        rows = [
            (self.tr("File"), style.display_path(r.path)),
            (self.tr("Signer"), (r.signer or "—") + (f" ({r.signer_organisation})" if r.signer_organisation else "")),
            (self.tr("Signing time"), r.signing_time or "—"),
            (self.tr("Intact (unchanged since signing)"), yn(r.intact if r.signed else None)),
            (self.tr("Signature matches the certificate"), yn(r.valid if r.signed else None)),
            (self.tr("Covers the whole file"), yn(r.covers_whole_file if r.signed else None)),
            (self.tr("Signer's certificate trusted"), yn(r.trusted if r.signed else None)
             + ("" if r.trusted or not r.signed else " — " + self.tr("not in the trust list; this does not make "
                                                                     "the report invalid"))),
            (self.tr("Certificate fingerprint (SHA-256)"), _fingerprint(r.signer_certificate) or "—"),
            (self.tr("Report id"), r.report_id or "—"),
            (self.tr("Embedded data match the printed hash"), yn(r.data_matches)),
        ]
        table = "<table cellspacing='0' cellpadding='3'>" + "".join(
            f"<tr><td style='color:{style.MUTED}; padding-right:12px'>{k}</td>"
            f"<td>{html.escape(str(v), quote=False)}</td></tr>"
            for k, v in rows) + "</table>"
        if r.problems:
            table += "<p style='margin-top:8px'><b>" + self.tr("Problems") + "</b></p><ul>" + "".join(
                f"<li>{html.escape(p, quote=False)}</li>" for p in r.problems) + "</ul>"
        self.details.setText(table)
        self.save_data_button.setEnabled(r.data is not None)
        self.trust_button.setVisible(bool(r.ok and not r.trusted and r.signer_certificate))

    def trust_signer(self) -> None:
        """Add the signer of the verified report to the trust list, after the user has compared the
        fingerprint with the signer's."""
        r = self.result_obj
        if r is None or not r.ok or r.signer_certificate is None:
            return
        who = r.signer + (f" ({r.signer_organisation})" if r.signer_organisation else "")
        answer = QMessageBox.question(
            self, self.tr("Trust this signer?"),
            self.tr("Trust reports signed by %1?\n\nCertificate fingerprint (SHA-256):\n%2\n\nCompare it with the "
                    "fingerprint the signer reads to you (shown when they verify one of their own reports, and "
                    "when their identity was created) before you trust it.").replace("%1", who).replace("%2", _fingerprint(r.signer_certificate)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            signatures.trust_report_signer(r.path)
        except AlAssessError as exc:
            QMessageBox.warning(self, self.tr("Trust this signer?"), _message(exc, self.lang))
            return
        self.verify(r.path)

    def save_data(self) -> None:
        if self.result_obj is None or self.result_obj.data is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the embedded data"), "assessment.json",
                                              self.tr("Assessment file (*.json)"))
        if path:
            atomic_write(path, self.result_obj.data)


def _fingerprint(der: bytes | None) -> str:
    return signatures.fingerprint_text(der)

