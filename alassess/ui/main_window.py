"""The main window: plants and assessments on the left, the form in the middle, results on the right."""

from __future__ import annotations

import html
import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from alassess import __version__, catalogue, logs
from alassess.domain import dross, messages
from alassess.domain.errors import AlAssessError
from alassess.services import audit, demo, editing, records
from alassess.ui import i18n, style
from alassess.ui import settings as ui_settings
from alassess.ui.autosave import Saver
from alassess.ui.dialogs import NewAssessmentDialog, NewPlantDialog, SettingsDialog
from alassess.ui.forms import FormView
from alassess.ui.results import ResultsPanel
from alassess.ui.session import Session
from alassess.ui.tree import AssessmentTree, status_name

log = logging.getLogger(__name__)


def product_title() -> str:
    """"AlAssess" with the translated product name (the window title starts with it)."""
    return "AlAssess · " + QCoreApplication.translate("MainWindow", "Aluminium plant assessment")


class WelcomePage(QWidget):
    new_plant = Signal()
    open_demo = Signal()
    open_db = Signal()
    import_file = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        box = QFrame()
        box.setObjectName("card")
        box.setMaximumWidth(560)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(32, 28, 32, 28)
        lay.setSpacing(12)
        title = QLabel("AlAssess")
        title.setObjectName("bigIndex")
        sub = QLabel(self.tr("Aluminium plant assessment"))
        sub.setObjectName("title")
        text = QLabel(self.tr("Assess alumina, electrolytic, recycled-aluminium and processing plants on site, "
                              "offline: circular-economy grade, guideline indicators, energy and carbon, "
                              "aluminium dross, hazard labels and signed reports. Every entry is saved as you "
                              "type."))
        text.setWordWrap(True)
        text.setObjectName("muted")
        lay.addWidget(title)
        lay.addWidget(sub)
        lay.addWidget(text)
        lay.addSpacing(8)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New plant…"))
        self.new_button.setObjectName("primary")
        self.demo_button = QPushButton(self.tr("Open the demo"))
        row.addWidget(self.new_button)
        row.addWidget(self.demo_button)
        row.addStretch(1)
        lay.addLayout(row)
        row2 = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open a database…"))
        self.import_button = QPushButton(self.tr("Import an assessment file…"))
        row2.addWidget(self.open_button)
        row2.addWidget(self.import_button)
        row2.addStretch(1)
        lay.addLayout(row2)
        h = QHBoxLayout()
        h.addStretch(1)
        h.addWidget(box, 3)
        h.addStretch(1)
        outer.addLayout(h)
        outer.addStretch(3)
        self.new_button.clicked.connect(self.new_plant)
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_db)
        self.import_button.clicked.connect(self.import_file)


class PickPage(QWidget):
    """The database has plants, none is open yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lab = QLabel(self.tr("Choose an assessment on the left, or create a new one (Ctrl+N)."))
        lab.setObjectName("muted")
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lab.setWordWrap(True)
        lay.addWidget(lab)
        lay.addStretch(2)


class AssessmentPage(QWidget):
    """Header, the read-only banner of a signed assessment, and the form."""

    def __init__(self, window: MainWindow, session: Session) -> None:
        super().__init__()
        self.window_ = window
        self.session = session
        lang = window.lang
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        head = QFrame()
        hl = QHBoxLayout(head)
        hl.setContentsMargins(20, 12, 16, 10)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title = QLabel("")
        self.title.setObjectName("title")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("muted")
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        hl.addLayout(texts, 1)
        self.status_button = QPushButton("")
        self.status_button.clicked.connect(window.toggle_final)
        self.report_button = QPushButton(self.tr("Report…"))
        self.report_button.setObjectName("primary")
        self.report_button.clicked.connect(window.open_report)
        hl.addWidget(self.status_button)
        hl.addWidget(self.report_button)
        lay.addWidget(head)
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(12, 8, 12, 8)
        self.banner_text = QLabel(self.tr("This assessment is signed and can no longer be changed (read-only). "
                                          "Its signed report is the record; to correct it, amend it: a new "
                                          "revision starts as a draft with the same values."))
        self.banner_text.setWordWrap(True)
        bl.addWidget(self.banner_text, 1)
        self.amend_button = QPushButton(self.tr("Amend (new revision)"))
        self.amend_button.clicked.connect(window.amend)
        bl.addWidget(self.amend_button)
        wrap = QWidget()
        wl = QVBoxLayout(wrap)
        wl.setContentsMargins(16, 0, 16, 8)
        wl.addWidget(self.banner)
        lay.addWidget(wrap)
        self.form = FormView(session, lang)
        lay.addWidget(self.form, 1)
        self.refresh_header()
        session.plant_changed.connect(self.refresh_header)

    def refresh_header(self) -> None:
        s = self.session
        a = s.assessment
        lang = self.window_.lang
        self.title.setText(f"{a.plant.name}  ·  {a.period}")
        parts = [messages.sector_name(a.plant.sector, lang), status_name(s.info["status"])]
        if s.info.get("revision", 1) > 1:
            parts.append(self.tr("revision %1").replace("%1", str(s.info["revision"])))
        if a.assessor.name:
            parts.append(self.tr("assessor %1").replace("%1", a.assessor.name))
        self.subtitle.setText("  ·  ".join(parts))
        signed = s.readonly
        self.wrap_visible(signed)
        self.status_button.setVisible(not signed)
        self.status_button.setText(self.tr("Reopen as draft") if s.info["status"] == "final"
                                   else self.tr("Mark as final"))

    def wrap_visible(self, on: bool) -> None:
        self.banner.parentWidget().setVisible(on)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


class _ExposeWatcher(QObject):
    """Calls back once the window is on screen (for the start-up benchmark)."""

    def __init__(self, callback) -> None:
        super().__init__()
        self.callback = callback
        self.fired = False

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802 - Qt naming
        if not self.fired and ev.type() == QEvent.Type.Expose and obj.isExposed():
            self.fired = True
            QTimer.singleShot(0, self.callback)
        return False


class MainWindow(QMainWindow):
    def __init__(self, db_path: str | Path, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.db_path = Path(db_path)
        self.editor = editing.Editor(self.db_path)
        self.saver = self._new_saver()
        self.session: Session | None = None
        self.page: AssessmentPage | None = None
        self.undo_group = QUndoGroup(self)
        self.last_saved = ""
        self.demo_dbs: set[Path] = set()  # databases filled with the demo data in this session (besides the demo's own)
        self._tree_timer = QTimer(self)
        self._tree_timer.setSingleShot(True)
        self._tree_timer.setInterval(300)
        self._tree_timer.timeout.connect(self._update_tree_grade)
        self.build_ui()
        self.refresh_tree()
        geom = ui_settings.settings().value("window/geometry")
        if isinstance(geom, QByteArray):
            self.restoreGeometry(geom)
        else:
            self.resize(1440, 900)

    # ---- building -----------------------------------------------------------------------------

    def build_ui(self) -> None:
        self.setWindowTitle(f"{product_title()} — {self.db_path.name}")
        self.menuBar().clear()
        for act in getattr(self, "_actions", []):
            self.removeAction(act)
            act.deleteLater()
        self._actions: list[QAction] = []
        for tb in self.findChildren(QToolBar):
            self.removeToolBar(tb)
            tb.deleteLater()
        self._make_actions()
        self._make_menus()
        self.tree = AssessmentTree(self.lang)
        self.tree.assessment_activated.connect(self.open_assessment)
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.new_plant.connect(self.new_plant)
        self.welcome.open_demo.connect(self.open_demo)
        self.welcome.open_db.connect(self.open_database)
        self.welcome.import_file.connect(self.import_file)
        self.pick = PickPage()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.pick)
        self.results = ResultsPanel(self.lang)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.results)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([300, 760, 380])
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        self.demo_banner = QFrame()
        self.demo_banner.setObjectName("demoBanner")
        dl = QHBoxLayout(self.demo_banner)
        dl.setContentsMargins(14, 6, 10, 6)
        self.demo_text = QLabel(self.tr("This is the demo database: its plants and figures are examples. Your own "
                                        "assessments go into your database."))
        self.demo_text.setWordWrap(True)
        dl.addWidget(self.demo_text, 1)
        self.demo_my_db_button = QPushButton(self.tr("Open my database"))
        self.demo_my_db_button.clicked.connect(self.open_my_database)
        dl.addWidget(self.demo_my_db_button)
        self.demo_banner.hide()
        cl.addWidget(self.demo_banner)
        cl.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        sb = self.statusBar()
        sb.clearMessage()  # a message in the language before a switch goes
        if getattr(self, "save_label", None) is None:  # built again on a language switch: the labels stay, once
            self.save_label = QLabel("")
            self.save_label.setObjectName("muted")
            self.db_label = QLabel("")
            self.db_label.setObjectName("muted")
            sb.addPermanentWidget(self.save_label)
            sb.addPermanentWidget(self.db_label)
        self.save_label.setText("")
        self._show_db()
        if self.last_saved:
            self._show_saved()

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(slot)
        self._actions.append(a)
        return a

    def _make_actions(self) -> None:
        self.act_new_plant = self._action(self.tr("New plant…"), self.new_plant, "Ctrl+Shift+N")
        self.act_new_assessment = self._action(self.tr("New assessment…"), self.new_assessment,
                                               QKeySequence.StandardKey.New)
        self.act_find = self._action(self.tr("Find"), self.find, QKeySequence.StandardKey.Find)
        self.act_open = self._action(self.tr("Open database…"), self.open_database, QKeySequence.StandardKey.Open)
        self.act_demo = self._action(self.tr("Open the demo"), self.open_demo)
        self.act_my_db = self._action(self.tr("Open my database"), self.open_my_database,
                                      tip=self.tr("The database in your data folder (created empty the first time)"))
        self.act_import = self._action(self.tr("Import assessment file…"), self.import_file, "Ctrl+I")
        self.act_export = self._action(self.tr("Export assessment file…"), self.export_file, "Ctrl+Shift+E")
        self.act_report = self._action(self.tr("Report…"), self.open_report, "Ctrl+E",
                                       self.tr("Preview, sign and save the report"))
        self.act_verify = self._action(self.tr("Verify a report…"), self.verify_report, "Ctrl+Shift+V")
        self.act_labels = self._action(self.tr("Print labels…"), self.open_labels, QKeySequence.StandardKey.Print,
                                       self.tr("Hazardous-waste labels and signs at true size"))
        self.act_final = self._action(self.tr("Mark as final"), self.toggle_final)
        self.act_amend = self._action(self.tr("Amend (new revision)"), self.amend)
        self.act_settings = self._action(self.tr("Settings…"), self.open_settings, "Ctrl+,")
        self.act_quit = self._action(self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_about = self._action(self.tr("About AlAssess"), self.about)
        # fixed texts (what would be undone is in the tooltip): the toolbar never re-lays itself out
        # while the user types
        self.act_undo = self._action(self.tr("Undo"), self.undo_group.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = self._action(self.tr("Redo"), self.undo_group.redo, QKeySequence.StandardKey.Redo)
        self.act_undo.setEnabled(self.undo_group.canUndo())
        self.act_redo.setEnabled(self.undo_group.canRedo())
        # the menu's items say what they undo ("Undo edit “Energy output”"); the toolbar's buttons keep
        # a fixed text (what would be undone is in their tooltip), so the toolbar never re-lays itself out
        # while the user types
        self.tb_undo = self._action(self.tr("Undo"), self.undo_group.undo)
        self.tb_redo = self._action(self.tr("Redo"), self.undo_group.redo)
        for a, can in ((self.act_undo, self.undo_group.canUndoChanged), (self.tb_undo, self.undo_group.canUndoChanged),
                       (self.act_redo, self.undo_group.canRedoChanged), (self.tb_redo, self.undo_group.canRedoChanged)):
            can.connect(a.setEnabled)
        self.tb_undo.setEnabled(self.undo_group.canUndo())
        self.tb_redo.setEnabled(self.undo_group.canRedo())
        self.undo_group.undoTextChanged.connect(self._undo_text)
        self.undo_group.redoTextChanged.connect(self._redo_text)
        self._undo_text(self.undo_group.undoText())
        self._redo_text(self.undo_group.redoText())
        for a in (self.act_undo, self.act_redo):
            self.addAction(a)

    def _undo_text(self, what: str) -> None:
        text = self.tr("Undo %1").replace("%1", what) if what else self.tr("Undo")
        self.act_undo.setText(text)
        self.tb_undo.setToolTip(text)

    def _redo_text(self, what: str) -> None:
        text = self.tr("Redo %1").replace("%1", what) if what else self.tr("Redo")
        self.act_redo.setText(text)
        self.tb_redo.setToolTip(text)

    def _make_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        for a in (self.act_new_plant, self.act_new_assessment, None, self.act_open, self.act_my_db, self.act_demo, None,
                  self.act_import, self.act_export, None, self.act_quit):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu(self.tr("&Edit"))
        for a in (self.act_undo, self.act_redo, None, self.act_find, None, self.act_settings):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu(self.tr("&Assessment"))
        for a in (self.act_final, self.act_amend, None, self.act_report, self.act_verify, None, self.act_labels):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu(self.tr("&Help"))
        m.addAction(self.act_about)
        tb = QToolBar(self.tr("Main"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.act_new_plant, self.act_new_assessment, None, self.tb_undo, self.tb_redo, None,
                  self.act_report, self.act_verify, self.act_labels):
            tb.addSeparator() if a is None else tb.addAction(a)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addAction(self.act_settings)
        self.addToolBar(tb)

    # ---- content ------------------------------------------------------------------------------

    def refresh_tree(self, select: int | None = None) -> None:
        self.saver.flush()
        rows = records.overview(self.db_path)
        plants = self.editor.plants()
        self.tree.populate(rows, plants)
        has_any = bool(plants)
        for a in (self.act_new_assessment, self.act_export):
            a.setEnabled(has_any)
        self._update_actions()
        if not has_any:
            self.stack.setCurrentWidget(self.welcome)
            self.results.hide()
            return
        self.results.show()
        if select is not None and self.tree.select_assessment(select):
            return
        if self.session is not None and self.tree.select_assessment(self.session.id):
            return
        self.stack.setCurrentWidget(self.pick)

    def open_assessment(self, aid: int) -> None:
        if self.session is not None and self.session.id == aid and self.page is not None:
            return
        try:
            session = Session(self.editor, aid, self.saver, self.lang, self)
        except AlAssessError as exc:
            self.error(exc)
            return
        self._set_session(session)
        ui_settings.set_value(self._last_assessment_key(), aid)

    def _last_assessment_key(self) -> str:
        return f"last_assessment/{self.db_path.resolve()}"

    def _set_session(self, session: Session) -> None:
        old = self.session
        if old is not None:
            old.evaluated.disconnect(self._evaluated)
            self.undo_group.removeStack(old.undo_stack)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.evaluated.connect(self._evaluated)
        session.save_failed.connect(self._save_failed)
        session.save_locked.connect(self._save_locked)
        session.plant_changed.connect(lambda: self.tree.rename_plant(session.info["plant_id"],
                                                                     session.assessment.plant.name))
        self._build_page()
        if old is not None and old is not session:
            old.deleteLater()

    def _build_page(self) -> None:
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
        self.page = AssessmentPage(self, self.session)
        self.page.form.currentChanged.connect(self._tab_changed)
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.results.show()
        self._evaluated(self.session.result)
        self._update_actions()

    def _tab_changed(self, _index: int) -> None:
        """On the dross and ledger tabs the findings come into view beside the tables."""
        if self.page is None:
            return
        page = self.page.form.currentWidget()
        section = getattr(getattr(page, "section", None), "id", None)
        if section == "dross" or page is self.page.form.ledger_page:
            self.results.ensureWidgetVisible(self.results.findings_card, 0, 0)
        else:
            self.results.verticalScrollBar().setValue(0)

    def _evaluated(self, result: dict[str, Any] | None) -> None:
        if self.session is None:
            return
        self.results.show_result(result, self.session.eval_error, typing=self.session.typing,
                                 evaluation=self.session.evaluation)
        self._tree_timer.start()  # the tree follows once the typing pauses

    def _update_tree_grade(self) -> None:
        if self.session is None:
            return
        ce = (self.session.result or {}).get("circular_economy")
        if ce:
            self.tree.update_assessment(self.session.id, grade=ce["grade"], index=ce["index"])

    def _update_actions(self) -> None:
        s = self.session
        has = s is not None
        self.act_report.setEnabled(has)
        self.act_labels.setEnabled(has and dross.applies(s.sector))
        self.act_final.setEnabled(has and not s.readonly)
        self.act_amend.setEnabled(has and s.readonly)
        if has:
            self.act_final.setText(self.tr("Reopen as draft") if s.info["status"] == "final"
                                   else self.tr("Mark as final"))

    # ---- saving state -------------------------------------------------------------------------

    def _new_saver(self) -> Saver:
        """The writer for ``db_path``, reporting to the status bar."""
        saver = Saver(self.db_path, self)
        saver.busy_changed.connect(self._save_busy)
        saver.saved.connect(self._saved)
        return saver

    def _save_busy(self, busy: bool) -> None:
        if busy:
            self.save_label.setText(self.tr("Saving…"))

    def _saved(self, _seq: int) -> None:
        if self.saver.pending == 0:
            self.last_saved = time.strftime("%H:%M:%S")
            self._show_saved()

    def _show_db(self) -> None:
        """The database's path in the status bar, and the banner over the window when it is the demo's."""
        self.db_label.setText(style.display_path(self.db_path))
        is_demo = any(_same_file(self.db_path, p) for p in (demo.demo_path(), *self.demo_dbs))
        self.demo_banner.setVisible(is_demo)

    def mark_demo(self, path: str | Path) -> None:
        """``path`` holds the demo data (``alassess gui --demo``): the window says so."""
        self.demo_dbs.add(Path(path))
        self._show_db()

    def _show_saved(self) -> None:
        self.save_label.setText(self.tr("✓ All changes saved %1").replace("%1", self.last_saved))

    def _save_failed(self, msg: str) -> None:
        self.save_label.setText(self.tr("Not saved"))
        self.statusBar().showMessage(msg, 15000)
        QMessageBox.warning(self, product_title(), msg)

    def _save_locked(self, msg: str, job) -> None:
        """Another program held the database: offer to try the same save again."""
        self.save_label.setText(self.tr("Not saved"))
        box = QMessageBox(QMessageBox.Icon.Warning, product_title(), msg, parent=self)
        box.setObjectName("save_locked")
        retry = box.addButton(self.tr("Retry"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Discard the change"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if self.session is None:
            return
        if box.clickedButton() is retry:
            self.session.retry_save(job)
        else:
            self.session.discard_unsaved()

    # ---- actions ------------------------------------------------------------------------------

    def error(self, exc: AlAssessError) -> None:
        QMessageBox.warning(self, product_title(), exc.message(self.lang))

    def new_plant(self) -> None:
        self.saver.flush()
        dlg = NewPlantDialog(self.editor, self.lang, self)
        if dlg.exec():
            self.refresh_tree(select=dlg.assessment_id)
            self.open_assessment(dlg.assessment_id)

    def new_assessment(self) -> None:
        self.saver.flush()
        plants = self.editor.plants()
        if not plants:
            self.new_plant()
            return
        pid = self.tree.current_plant()
        dlg = NewAssessmentDialog(self.editor, self.lang, plants, pid, self)
        if dlg.exec():
            self.refresh_tree(select=dlg.assessment_id)
            self.open_assessment(dlg.assessment_id)

    def find(self) -> None:
        self.tree.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tree.search.selectAll()

    def toggle_final(self) -> None:
        s = self.session
        if s is None or s.readonly:
            return
        try:
            s.set_status("draft" if s.info["status"] == "final" else "final")
        except AlAssessError as exc:
            self.error(exc)
            return
        self.tree.update_assessment(s.id, status=s.info["status"])
        if self.page is not None:
            self.page.refresh_header()
        self._update_actions()

    def amend(self) -> None:
        """A signed assessment: start revision n + 1 as a draft with the same values, and open it."""
        s = self.session
        if s is None or not s.readonly:
            return
        if not self.confirm(self.tr("Create a new revision of %1 %2 to correct it? The signed revision and its "
                                    "report stay as they are.").replace("%1", s.assessment.plant.name)
                            .replace("%2", s.assessment.period)):
            return
        self.saver.flush()
        try:
            new_id, revision = audit.amend(self.db_path, s.id, who=s.assessment.assessor.name or None)
        except AlAssessError as exc:
            self.error(exc)
            return
        self.refresh_tree(select=new_id)
        self.open_assessment(new_id)
        self.statusBar().showMessage(self.tr("Revision %1 created as a draft.").replace("%1", str(revision)), 8000)

    def confirm(self, text: str) -> bool:
        return QMessageBox.question(self, product_title(), text) == QMessageBox.StandardButton.Yes

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), str(self.db_path.parent),
                                              self.tr("AlAssess database (*.db *.sqlite);;All files (*)"))
        if path:
            self.switch_db(Path(path))

    def open_my_database(self) -> None:
        self.switch_db(records.default_db_path())

    def open_demo(self) -> None:
        path = demo.demo_path()
        try:
            demo.create_demo(path)
        except AlAssessError as exc:
            self.error(exc)
            return
        self.switch_db(path)

    def switch_db(self, path: Path) -> None:
        try:
            editor = editing.Editor(path)
        except AlAssessError as exc:
            self.error(exc)
            return
        self.saver.close()
        self.editor.close()
        if self.session is not None:
            self.undo_group.removeStack(self.session.undo_stack)
            self.session.deleteLater()
            self.session = None
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None
        self.db_path = Path(path)
        self.editor = editor
        self.saver = self._new_saver()
        self.setWindowTitle(f"{product_title()} — {self.db_path.name}")
        self._show_db()
        self.refresh_tree()
        self.open_initial()

    def open_initial(self) -> None:
        """Open the assessment used last in this database, else the first one."""
        last = ui_settings.settings().value(self._last_assessment_key())
        try:
            last = int(last) if last is not None else None
        except (TypeError, ValueError):
            last = None
        if last is not None and self.tree.select_assessment(last):
            return
        first = self.tree.first_assessment()
        if first is not None:
            self.tree.select_assessment(first)

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import assessment file"), "",
                                              self.tr("Assessment file (*.json);;All files (*)"))
        if not path:
            return
        self.saver.flush()
        try:
            aid, _created = records.import_file(self.db_path, path)
        except AlAssessError as exc:
            self.error(exc)
            return
        self.refresh_tree(select=aid)
        if self.session is not None and self.session.id == aid:
            self.session.reload()
            self._build_page()
        self.open_assessment(aid)

    def export_file(self) -> None:
        if self.session is None:
            return
        a = self.session.assessment
        name = f"{a.plant.name}-{a.period}.json"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export assessment file"), name,
                                              self.tr("Assessment file (*.json)"))
        if not path:
            return
        self.saver.flush()
        try:
            records.export_file(self.db_path, self.session.id, path)
        except AlAssessError as exc:
            self.error(exc)
            return
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", path), 8000)

    def open_report(self) -> None:
        if self.session is None:
            return
        # deferred: the dialog and its services (cryptography, the PDF stack) load when it is first opened (start-up time)
        from alassess.ui.report_dialog import ReportDialog

        self.saver.flush()
        dlg = ReportDialog(self.db_path, self.session, self.lang, self)
        dlg.exec()
        if dlg.signed:
            self.session.reload()
            self.tree.update_assessment(self.session.id, status=self.session.info["status"])
            self._build_page()

    def open_labels(self) -> None:
        if self.session is None or not dross.applies(self.session.sector):
            return
        # deferred: the dialog and its services (cryptography, the PDF stack) load when it is first opened (start-up time)
        from alassess.ui.labels_dialog import LabelsDialog

        self.saver.flush()
        try:
            dlg = LabelsDialog(self.db_path, self.session.info["plant_id"], self.lang, self)
        except AlAssessError as exc:
            self.error(exc)
            return
        dlg.exec()

    def verify_report(self) -> None:
        # deferred: the dialog and its services (cryptography, the PDF stack) load when it is first opened (start-up time)
        from alassess.ui.report_dialog import VerifyDialog

        VerifyDialog(self.lang, self).exec()

    def open_settings(self) -> None:
        current = ui_settings.get_str("language", "system") or "system"
        dlg = SettingsDialog(current, self)
        if dlg.exec():
            choice = dlg.choice()
            ui_settings.set_value("language", choice)
            self.set_language(i18n.system_lang() if choice == "system" else choice)

    def set_language(self, lang: str) -> None:
        """Switch every visible text (widgets, catalogue labels, messages) to ``lang``."""
        lang = i18n.install(lang)
        self.lang = lang
        current_tab = self.page.form.currentIndex() if self.page is not None else 0
        self.page = None
        self.build_ui()
        self.refresh_tree()
        if self.session is not None:
            self.session.lang = lang
            self.session.evaluate()
            self._build_page()
            self.tree.select_assessment(self.session.id)
            self.page.form.setCurrentIndex(current_tab)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About AlAssess"),
                          f"<b>AlAssess {__version__}</b><br>" + self.tr(
                              "Offline assessment of aluminium plants: circular-economy grading, guideline, "
                              "energy and carbon, aluminium dross, hazard labels and signed reports.")
                          + "<br><br>" + html.escape(catalogue.text("log_file", self.lang, log=logs.log_path())))

    # ---- closing ------------------------------------------------------------------------------

    def closeEvent(self, ev) -> None:  # noqa: N802 - Qt naming
        self.saver.close()
        ui_settings.set_value("window/geometry", self.saveGeometry())
        self.editor.close()
        super().closeEvent(ev)

    def watch_exposure(self, callback) -> None:
        """Call ``callback`` once the window is first on screen."""
        self._watcher = _ExposeWatcher(callback)
        handle = self.windowHandle()
        if handle is not None:
            handle.installEventFilter(self._watcher)
