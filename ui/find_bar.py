"""The find bar above the reader: Enter finds the next match, Shift+Enter the previous,
Esc goes back to the text. A match becomes the reader's selection, ready to tag."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit

from models.textsearch import TextSearch
from ui.reader import ReaderView


class FindBar(QLineEdit):
    missed = Signal(str)  # the text that was not found

    def __init__(self, reader: ReaderView) -> None:
        super().__init__()
        self.reader = reader
        self._search: TextSearch | None = None
        self.setPlaceholderText("Find in article (Enter: next, Shift+Enter: previous, "
                                "Esc: back to text)")
        self.setClearButtonEnabled(True)
        self.hide()
        self.returnPressed.connect(lambda: self.find_next(backward=False))
        self.installEventFilter(self)

    def open(self) -> None:
        self.show()
        self.setFocus()
        self.selectAll()

    def find_next(self, *, backward: bool) -> bool:
        """Select the next match; a miss clears the selection so that a tag key pressed
        next cannot tag stale text."""
        needle = self.text()
        text = self.reader.text
        if not needle or not text:
            return False
        if self._search is None or self._search.text is not text:
            self._search = TextSearch(text)
        start, end = self.reader.selection()
        found = self._search.find(needle, start if backward else end, backward=backward)
        if found is None:
            cursor = self.reader.textCursor()
            cursor.clearSelection()
            self.reader.setTextCursor(cursor)
            self.missed.emit(needle)
            return False
        self.reader.select_span(*found)
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.hide()
                self.reader.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_next(backward=True)
                return True
        return super().eventFilter(obj, event)
