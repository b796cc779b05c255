"""The project's events in date order (View ▸ Timeline, Ctrl+Shift+T): date, article,
where, who and what; filters by person and tag; Enter or a click opens the event in its
article. The list is models/timeline.py; it follows every change while it is shown.

The view is a QTableView over TimelineModel, filled in one reset: the rows are the
`Timeline` sequence itself, and a cell's text is made when the view asks for it (the rows
on screen), so 40,000 events cost what a screenful costs. A click on a header sorts by that
column; the Date column sorts by the date rules (a month or year at the start of its span,
a range at its start), never by the text shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.project import Project
from models.timeline import Timeline, TimelineEntry, project_timeline
from ui.background_read import BackgroundRead
from ui.project_panel import ProjectPanel, fill_tags

COLUMNS = ("Date", "Article", "Where", "Who", "What")


def _read(project: Project, person: str, tag: str) -> Timeline:
    return project_timeline(project, person=person, tag=tag)

Index = QModelIndex | QPersistentModelIndex
_NO_EVENTS = Timeline((), {})


class TimelineModel(QAbstractTableModel):
    """The timeline's rows; `order` maps a shown row to its place on the timeline when
    the view is sorted by a column other than Date ascending (None: timeline order)."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: Sequence[TimelineEntry] = _NO_EVENTS
        self.order: list[int] | None = None
        self.sorted_by = (0, Qt.SortOrder.AscendingOrder)
        self._last: tuple[int, TimelineEntry] | None = None  # the row asked for last

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        self.beginResetModel()
        self.entries, self._last = entries, None
        self.order = self._order(*self.sorted_by)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry:
        """The entry shown in `row` (a cell asks for its row's entry several times)."""
        if self._last is not None and self._last[0] == row:
            return self._last[1]
        entry = self.entries[row if self.order is None else self.order[row]]
        self._last = (row, entry)
        return entry

    def row_of(self, annotation_id: int) -> int | None:
        """The row showing this event, if it is listed."""
        entries = self.entries
        place = entries.index_of(annotation_id) if isinstance(entries, Timeline) else next(
            (i for i, e in enumerate(entries) if e.annotation_id == annotation_id), None)
        if place is None or self.order is None:
            return place
        return self.order.index(place)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(self.entry(index.row()), index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            e = self.entry(index.row())
            if index.column() == 0 and e.date:
                return e.date if e.when.strip() == "" else f"{e.date} · “{e.when}”"
            return e.text if index.column() == 4 else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sorted_by, self._last = (column, order), None
        self.order = self._order(column, order)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> list[int] | None:
        down = order == Qt.SortOrder.DescendingOrder
        entries = self.entries
        if column == 0:  # the timeline's own order; latest first keeps the undated last
            if not down:
                return None
            dated = entries.dated() if isinstance(entries, Timeline) else sum(
                1 for e in entries if e.date)
            return [*range(dated - 1, -1, -1), *range(dated, len(entries))]
        if isinstance(entries, Timeline):  # the values alone, not 40,000 entries
            values = entries.column(_FIELD[column])
            keys = [", ".join(v).casefold() for v in values] if column == 3 else \
                [" ".join(v.split()).casefold() for v in values]
        else:
            keys = [cell(e, column).casefold() for e in entries]
        # Ties keep the timeline's order, whichever way the column runs.
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=down)


_FIELD = {1: "article_title", 2: "where", 3: "participants", 4: "text"}


def cell(e: TimelineEntry, column: int) -> str:
    if column == 0:
        return e.shown_date
    if column == 1:
        return e.article_title
    if column == 2:
        return e.where
    if column == 3:
        return ", ".join(e.participants)
    return " ".join(e.text.split())


class TimelinePanel(ProjectPanel):
    entryActivated = Signal(object)  # TimelineEntry
    shown = Signal()  # the events read last are listed

    def __init__(self, project: Callable[[], Project | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.project = project
        self.person = QLineEdit()
        self.person.setPlaceholderText("person taking part")
        self.person.setClearButtonEnabled(True)
        self.tag = QComboBox()
        self.count = QLabel()
        self.model = TimelineModel()
        # A table, not a tree: a tree view lays out every row (asking the model about each)
        # whenever the current row changes; a table's rows are one fixed height.
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        for col, width in enumerate((150, 140, 110, 130)):
            self.table.setColumnWidth(col, width)
        row = QHBoxLayout()
        row.addWidget(self.person, 1)
        row.addWidget(self.tag, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        # Changes arrive in bursts (typing a note saves at every key): refresh once after.
        self.later = QTimer(self)
        self.later.setSingleShot(True)
        self.later.setInterval(300)
        self.later.timeout.connect(self.refresh)
        self.person.textChanged.connect(lambda _t: self.later.start())
        self.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.choose_first = False  # the next events choose the first one (just opened)
        self.reads = BackgroundRead(_read, self, name="timeline")
        self.reads.done.connect(self._arrived)

    @property
    def entries(self) -> Sequence[TimelineEntry]:
        """The events listed, in timeline order."""
        return self.model.entries

    def current_entry(self) -> TimelineEntry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def open(self) -> None:
        fill_tags(self.tag, self.project())
        self.choose_first = True  # once the events are in: ready for Enter
        self.refresh()
        self.show()
        self.table.setFocus()

    def changed(self) -> None:
        """The project changed: refresh soon, if the timeline is in view."""
        if self.isVisible():
            self.later.start()

    def refresh(self, *, wait: bool = False) -> None:
        """Read the events again, on a thread (a whole project's take a third of a second
        and more); the list shown stays until they are in. `wait` hands them over now."""
        self.later.stop()
        project = self.project()
        if project is None:
            self.reads.forget()
            self._show(_NO_EVENTS)
            return
        if not len(self.model.entries):
            self.count.setText("Reading the project's events…")
        self.reads.request(project, self.person.text(), self.tag.currentData() or "")
        if wait:
            self.reads.wait()

    def forget(self) -> None:
        """The project is closing: no read of it may still run."""
        self.later.stop()
        self.reads.forget()

    def _arrived(self, project: Project, entries: Timeline) -> None:
        if project is self.project():
            self._show(entries)

    def _show(self, entries: Sequence[TimelineEntry]) -> None:
        chosen = self.current_entry()
        self.model.set_entries(entries)
        row = self.model.row_of(chosen.annotation_id) if chosen is not None else None
        if row is None and self.choose_first and self.model.rowCount():
            row = 0
        self.choose_first = False
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
        n = len(entries)
        dated = entries.dated() if isinstance(entries, Timeline) else n
        self.count.setText(f"{n} event{'s' if n != 1 else ''}, {dated} dated" if n else
                           "No events match" if self.person.text() or self.tag.currentData()
                           else "No events yet: tag some with E")
        self.shown.emit()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.entryActivated.emit(self.model.entry(index.row()))
