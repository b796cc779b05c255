"""The project's events in date order (View ▸ Timeline, Ctrl+Shift+T): date, article,
where, who and what; filters by person and tag; Enter or a click opens the event in its
article. The list is models/timeline.py; it follows every change while it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.project import Project
from models.timeline import TimelineEntry, project_timeline
from ui.project_panel import ProjectPanel, fill_tags

ENTRY_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Date", "Article", "Where", "Who", "What")


class TimelinePanel(ProjectPanel):
    entryActivated = Signal(object)  # TimelineEntry

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
        self.table = QTreeWidget()
        self.table.setHeaderLabels(COLUMNS)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        for col, width in enumerate((95, 140, 110, 130)):
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
        self.table.itemActivated.connect(self._activated)
        self.table.itemClicked.connect(self._activated)
        self.entries: list[TimelineEntry] = []

    def open(self) -> None:
        fill_tags(self.tag, self.project())
        self.refresh()
        self.show()
        self.table.setFocus()
        if self.table.topLevelItemCount() and self.table.currentItem() is None:
            self.table.setCurrentItem(self.table.topLevelItem(0))

    def changed(self) -> None:
        """The project changed: refresh soon, if the timeline is in view."""
        if self.isVisible():
            self.later.start()

    def refresh(self) -> None:
        self.later.stop()
        project = self.project()
        chosen = self.table.currentItem()
        keep = chosen.data(0, ENTRY_ROLE).annotation_id if chosen is not None else None
        self.table.clear()
        self.entries = [] if project is None else project_timeline(
            project, person=self.person.text(), tag=self.tag.currentData() or "")
        for e in self.entries:
            item = QTreeWidgetItem([e.shown_date, e.article_title, e.where,
                                    ", ".join(e.participants), " ".join(e.text.split())])
            item.setData(0, ENTRY_ROLE, e)
            item.setToolTip(4, e.text)
            self.table.addTopLevelItem(item)
            if e.annotation_id == keep:
                self.table.setCurrentItem(item)
        dated = sum(1 for e in self.entries if e.date)
        n = len(self.entries)
        self.count.setText(f"{n} event{'s' if n != 1 else ''}, {dated} dated" if n else
                           "No events match" if self.person.text() or self.tag.currentData()
                           else "No events yet: tag some with E")

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry = item.data(0, ENTRY_ROLE)
        if isinstance(entry, TimelineEntry):
            self.entryActivated.emit(entry)
