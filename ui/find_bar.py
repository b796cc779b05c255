"""The find bar above the reader: searches as you type, shows "3 of 7" (or "No matches")
in itself, marks the other matches lightly; Enter / F3 find the next match, Shift+Enter /
Shift+F3 the previous one (in the field and in the reader), Esc goes back to the text.
The current match becomes the reader's selection, ready to tag."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit

from models.textsearch import TextSearch
from ui.reader import ReaderView


class FindBar(QLineEdit):
    missed = Signal(str)  # Enter / F3 found nothing (the bar already says "No matches")

    def __init__(self, reader: ReaderView) -> None:
        super().__init__()
        self.reader = reader
        self._search: TextSearch | None = None
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self._anchor = 0  # where search-as-you-type starts: the caret when the bar opened
        self.setPlaceholderText("Find in article (Enter / F3: next, Shift+Enter / Shift+F3: "
                                "previous, Esc: back to text)")
        self.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
        self.status.setStyleSheet("color: palette(placeholder-text); padding-right: 4px;")
        self.hide()
        self.returnPressed.connect(lambda: self.find_next())
        self.textEdited.connect(self._typed)
        self.installEventFilter(self)
        self.actions_for_keys: list[QAction] = []
        for owner in (self, reader):  # F3 works wherever the user is: field or text
            for key, slot in ((QKeySequence(Qt.Key.Key_F3), self.find_next),
                              (QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F3),
                               self.find_previous)):
                act = QAction(owner)
                act.setShortcut(key)
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                act.triggered.connect(lambda _checked=False, f=slot: f())
                owner.addAction(act)
                self.actions_for_keys.append(act)

    # -- public -----------------------------------------------------------------------------

    def open(self) -> None:
        self._anchor = self.reader.selection()[0]
        self.show()
        self.setFocus()
        self.selectAll()
        if self.text():
            self._refresh()

    def close_bar(self) -> None:
        self.hide()
        self.reader.set_find_matches([])
        self.reader.setFocus()

    def status_text(self) -> str:
        return self.status.text()

    def match_count(self) -> int:
        return len(self._matches)

    def find_next(self, *, backward: bool = False) -> bool:
        """Select the next match after the selection (before it when backward); a miss
        clears the selection so that a tag key pressed next cannot tag stale text."""
        if not self.text():
            self.open()
            return False
        if not self.isVisible():
            self.show()  # F3 from the text: the bar shows where it is ("3 of 7")
        self._refresh()
        if not self._matches:
            self.missed.emit(self.text())
            return False
        start, end = self.reader.selection()
        if backward:
            i = bisect_left(self._matches, (start, -1)) - 1
        else:
            i = bisect_left(self._matches, (end, -1))
        self._select(i % len(self._matches))
        return True

    def find_previous(self) -> bool:
        return self.find_next(backward=True)

    # -- internals --------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        """Search as you type: the first match at or after where the search began."""
        self._refresh()
        if self._matches:
            self._select(bisect_left(self._matches, (self._anchor, -1)) % len(self._matches))
        else:
            self._clear_selection()

    def _refresh(self) -> None:
        text = self.reader.text
        if self._search is None or self._search.text is not text:
            self._search = TextSearch(text)
        self._matches = self._search.find_all(self.text()) if text else []
        here = self.reader.selection()
        self._current = self._matches.index(here) if here in self._matches else -1
        self.reader.set_find_matches(self._matches)
        self._show_status()

    def _select(self, i: int) -> None:
        self._current = i
        self.reader.select_span(*self._matches[i])
        self._show_status()

    def _clear_selection(self) -> None:
        cursor = self.reader.textCursor()
        cursor.clearSelection()
        self.reader.setTextCursor(cursor)

    def _show_status(self) -> None:
        if not self.text():
            self.status.clear()
        elif not self._matches:
            self.status.setText("No matches")
        elif self._current >= 0:
            self.status.setText(f"{self._current + 1} of {len(self._matches)}")
        else:
            n = len(self._matches)
            self.status.setText(f"{n} match{'es' if n != 1 else ''}")
        self._place_status()

    def _place_status(self) -> None:
        self.status.adjustSize()
        clear_button = 24  # the clear button sits at the right edge
        width = self.status.sizeHint().width()
        self.status.setGeometry(self.width() - width - clear_button, 0, width, self.height())
        self.setTextMargins(0, 0, width + 4 if self.status.text() else 0, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self._place_status()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
                return True
        return super().eventFilter(obj, event)
