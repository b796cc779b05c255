"""The current annotation's links, both ways, under its details: "supported by · Quote ·
“…” · article". Enter or a click goes to the other end (in its article); Delete removes the
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
from models.short_text import shorten
from ui.theme import KIND_LABELS

ROLE = Qt.ItemDataRole.UserRole


def in_quotes(text: str, limit: int) -> str:
    """`text` shortened and in quotation marks, unless it starts with its own."""
    short = shorten(text, limit)
    return short if short[:1] in "\"“„«‘'" else f"“{short}”"


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
        # The other end's words first, its article short after them; all in the tooltip.
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
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

    def follow(self, field: QWidget) -> None:
        """Tab from `field` (the details' last) comes here: the list, then the button."""
        QWidget.setTabOrder(field, self.list)
        QWidget.setTabOrder(self.list, self.add)

    def focus(self) -> None:
        """Into the list (its first link chosen), or onto the button when there is none."""
        if self.list.count():
            self.list.setFocus()
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
        elif self.add.isEnabled():
            self.add.setFocus()

    def show_links(self, ends: list[LinkEnd], titles: dict[int, str], *, enabled: bool,
                   article_id: int | None = None) -> None:
        self.ends = ends
        self.list.clear()
        for e in ends:
            o = e.other
            title = titles.get(o.article_id, f"article {o.article_id}")
            where = "here" if o.article_id == article_id else shorten(title, 28)
            cited = "✓ cited for status · " if e.link.cites_status else ""
            item = QListWidgetItem(f"{cited}{e.label} · {KIND_LABELS[o.kind]} · "
                                   f"{in_quotes(o.text, 60)} · {where}")
            item.setData(ROLE, e)
            item.setToolTip(f"{o.text}\n\n— {title}"
                            + (f"\n\n{e.link.note}" if e.link.note else ""))
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
