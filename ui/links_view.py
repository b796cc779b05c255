"""The current annotation's links, both ways, under its details: "supported by · Quote ·
“…” [article]". Enter or a click goes to the other end (in its article); Delete removes the
link; Space marks it as evidence the claim's status rests on; L (or the button) adds one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.links import LinkEnd
from ui.theme import KIND_LABELS

ROLE = Qt.ItemDataRole.UserRole


class LinksView(QWidget):
    endActivated = Signal(int, int)  # article id, annotation id of the other end
    removeRequested = Signal(object)  # Link
    citeRequested = Signal(object, bool)  # Link, cites the claim's status
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("links")
        self.title = QLabel("Links")
        self.add = QPushButton("Link To… (L)")
        self.add.clicked.connect(self.addRequested.emit)
        self.list = QListWidget()
        # Long texts are cut in the middle, keeping where the other end is ("[this article]",
        # a title) in view; the whole text is in the tooltip.
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMaximumHeight(120)
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.installEventFilter(self)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 0, 9, 4)
        layout.addLayout(head)
        layout.addWidget(self.list)
        self.ends: list[LinkEnd] = []
        self.show_links([], {}, enabled=False)

    def show_links(self, ends: list[LinkEnd], titles: dict[int, str], *, enabled: bool,
                   article_id: int | None = None) -> None:
        self.ends = ends
        self.list.clear()
        for e in ends:
            o = e.other
            where = "here" if o.article_id == article_id else titles.get(
                o.article_id, f"article {o.article_id}")
            cited = "  ✓ cited for status" if e.link.cites_status else ""
            item = QListWidgetItem(f"{e.label} · {KIND_LABELS[o.kind]} · "
                                   f"“{' '.join(o.text.split())[:70]}” [{where}]{cited}")
            item.setData(ROLE, e)
            item.setToolTip(o.text + (f"\n\n{e.link.note}" if e.link.note else ""))
            self.list.addItem(item)
        n = len(ends)
        self.title.setText(f"Links ({n})" if n else "Links: none yet")
        self.list.setVisible(bool(n))
        self.add.setEnabled(enabled)

    def _activated(self, item: QListWidgetItem) -> None:
        e: LinkEnd = item.data(ROLE)
        self.endActivated.emit(e.other.article_id, e.other.id)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.list and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            item = self.list.currentItem()
            if item is None:
                return False
            e: LinkEnd = item.data(ROLE)
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.removeRequested.emit(e.link)
                return True
            if event.key() == Qt.Key.Key_Space:
                self.citeRequested.emit(e.link, not e.link.cites_status)
                return True
        return False
