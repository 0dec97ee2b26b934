"""Plants and their assessments in a searchable tree (sector, period, status, grade)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from alassess.domain import messages
from alassess.ui import style

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3


def status_name(status: str) -> str:
    return {"draft": QCoreApplication.translate("Tree", "draft"),
            "final": QCoreApplication.translate("Tree", "final"),
            "signed": QCoreApplication.translate("Tree", "signed")}.get(status, status)


class AssessmentTree(QWidget):
    """Search box above a tree of plant → assessment rows."""

    assessment_activated = Signal(int)
    plant_selected = Signal(int)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 0, 8)
        lay.setSpacing(6)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a plant, sector, period, status or grade"))
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.search.setAccessibleName(self.tr("Find"))
        lay.addWidget(self.search)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("Plant / period"), self.tr("Status"), self.tr("Grade"),
                                              self.tr("Index")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(False)
        self.view.setAllColumnsShowFocus(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.view, 1)
        self.search.textChanged.connect(self._filter)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._current_changed)
        self._items: dict[tuple[str, int], QStandardItem] = {}
        self._loading = False

    # ---- content ------------------------------------------------------------------------------

    def populate(self, rows: list[dict[str, Any]], plants: list[dict[str, Any]] | None = None) -> None:
        """``rows``: :func:`alassess.services.records.overview`; ``plants``: every plant (also those
        without an assessment yet)."""
        self._loading = True
        self.model.removeRows(0, self.model.rowCount())
        self._items.clear()
        plant_items: dict[int, QStandardItem] = {}

        def plant_item(pid: int, name: str, sector: str) -> QStandardItem:
            if pid in plant_items:
                return plant_items[pid]
            # the plant row spans every column: its name and sector read in full
            it = QStandardItem(f"{name}  ·  {messages.sector_name(sector, self.lang)}")
            it.setData("plant", KIND_ROLE)
            it.setData(pid, ID_ROLE)
            it.setData(name, NAME_ROLE)
            it.setToolTip(it.text())
            f = it.font()
            f.setBold(True)
            it.setFont(f)
            self.model.appendRow([it, QStandardItem(""), QStandardItem(""), QStandardItem("")])
            plant_items[pid] = it
            self._items[("plant", pid)] = it
            return it

        for p in plants or []:
            plant_item(p["id"], p["name"], p["sector"])
        for r in rows:
            parent = plant_item(r["plant_id"], r["plant_name"], r["sector"])
            label = r["period"] + (f"  r{r['revision']}" if r.get("revision", 1) > 1 else "")
            it = QStandardItem(label)
            it.setData("assessment", KIND_ROLE)
            it.setData(r["id"], ID_ROLE)
            st = QStandardItem(status_name(r["status"]))
            gr = QStandardItem(r["grade"] if r.get("grade") and r["grade"] != "none" else
                               ("—" if r.get("grade") is None else self.tr("none")))
            ix = QStandardItem(f"{r['index']:.2f}" if r.get("index") is not None else "")
            ix.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r.get("grade"):
                gr.setForeground(QBrush(QColor(style.GRADE_COLOURS.get(r["grade"], style.MUTED))))
            # hidden search text: the sector, so "电解铝" or "electrolytic" finds the periods too
            it.setToolTip(f"{r['plant_name']} · {messages.sector_name(r['sector'], self.lang)} · {r['period']}")
            parent.appendRow([it, st, gr, ix])
            self._items[("assessment", r["id"])] = it
        self._span_plants()
        self.view.expandAll()
        self._loading = False

    def update_assessment(self, aid: int, *, grade: str | None = None, index: float | None = None,
                          status: str | None = None) -> None:
        it = self._items.get(("assessment", aid))
        if it is None:
            return
        parent = it.parent()
        row = it.row()
        if status is not None:
            parent.child(row, 1).setText(status_name(status))
        if grade is not None or index is not None:
            gr = parent.child(row, 2)
            gr.setText(grade if grade and grade != "none" else (self.tr("none") if grade else "—"))
            gr.setForeground(QBrush(QColor(style.GRADE_COLOURS.get(grade or "", style.MUTED))))
            parent.child(row, 3).setText(f"{index:.2f}" if index is not None else "")

    def rename_plant(self, pid: int, name: str) -> None:
        it = self._items.get(("plant", pid))
        if it is not None and it.data(NAME_ROLE) != name:
            sector = it.text().rsplit("  ·  ", 1)[-1]
            it.setData(name, NAME_ROLE)
            it.setText(f"{name}  ·  {sector}")

    def select_assessment(self, aid: int) -> bool:
        it = self._items.get(("assessment", aid))
        if it is None:
            return False
        idx = self.proxy.mapFromSource(it.index())
        if not idx.isValid():
            self.search.clear()
            idx = self.proxy.mapFromSource(it.index())
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True

    def current(self) -> tuple[str, int] | None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return None
        src = self.proxy.mapToSource(idx.siblingAtColumn(0))
        it = self.model.itemFromIndex(src)
        return (it.data(KIND_ROLE), it.data(ID_ROLE)) if it else None

    def current_plant(self) -> int | None:
        cur = self.current()
        if cur is None:
            return None
        kind, ident = cur
        if kind == "plant":
            return ident
        it = self._items[("assessment", ident)]
        return it.parent().data(ID_ROLE)

    def first_assessment(self) -> int | None:
        """The latest period of the first plant in the list."""
        if self.model.rowCount() == 0:
            return None
        plant = self.model.item(0, 0)
        if plant.rowCount() == 0:
            return None
        return plant.child(plant.rowCount() - 1, 0).data(ID_ROLE)

    def visible_labels(self) -> list[str]:
        out = []

        def walk(parent: QModelIndex) -> None:
            for r in range(self.proxy.rowCount(parent)):
                idx = self.proxy.index(r, 0, parent)
                out.append(idx.data(NAME_ROLE) or idx.data())
                walk(idx)

        walk(QModelIndex())
        return out

    # ---- signals ------------------------------------------------------------------------------

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._span_plants()
        self.view.expandAll()

    def _span_plants(self) -> None:
        for r in range(self.proxy.rowCount()):
            self.view.setFirstColumnSpanned(r, QModelIndex(), True)

    def _current_changed(self, idx: QModelIndex, *_: object) -> None:
        if self._loading or not idx.isValid():
            return
        cur = self.current()
        if cur is None:
            return
        kind, ident = cur
        if kind == "assessment":
            self.assessment_activated.emit(ident)
        else:
            self.plant_selected.emit(ident)
