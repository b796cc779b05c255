"""The reader: the article text with its highlights, selection in code points."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from models.language import is_rtl
from models.values import Annotation
from ui.highlighter import Mark, SpanHighlighter, SpanIndex
from ui.offsets import OffsetMap
from ui.theme import KIND_LABELS, is_dark, kind_fill, kind_ink

MAX_TEXT_WIDTH_CHARS = 78


class ReaderView(QPlainTextEdit):
    annotationClicked = Signal(int)
    suggestionClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        font = QFont()
        font.setFamilies(["Noto Serif", "DejaVu Serif", "Georgia", "Times New Roman", "serif"])
        font.setPointSizeF(12.5)
        self.setFont(font)
        self.base_point_size = 12.5
        self.highlighter = SpanHighlighter(self.document())
        self.text = ""
        self.offsets = OffsetMap("")
        self.annotations: dict[int, Annotation] = {}
        self.suggestions: dict[str, object] = {}
        self.current_id: int | None = None
        self._last_click: tuple[int, int] = (-1, 0)  # (position, how many times)
        self.setMouseTracking(True)

    # -- content --------------------------------------------------------------------------

    def set_article(self, text: str, annotations: list[Annotation]) -> None:
        self.text = text
        self.offsets = OffsetMap(text)
        self.annotations = {a.id: a for a in annotations}
        self.suggestions = {}
        self.current_id = None
        index = SpanIndex(text, self.offsets)
        for a in annotations:
            index.add(self._mark(a))
        self.highlighter.index = index
        self.highlighter.clear_cache()
        self._set_paragraph_directions(text)
        self.setPlainText(text)  # lays out and highlights with the index in place
        self.setExtraSelections([])

    def _set_paragraph_directions(self, text: str) -> None:
        """A Hebrew or Arabic article is set flush right, as its readers expect. The plain
        text view aligns whole documents only, so the majority of paragraphs decides;
        within a line, right-to-left text always runs right to left."""
        paragraphs = [p for p in text.split("\n") if p.strip()]
        rtl = sum(is_rtl(p) for p in paragraphs)
        option = self.document().defaultTextOption()
        right = bool(paragraphs) and rtl * 2 > len(paragraphs)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        self.document().setDefaultTextOption(option)

    def clear_article(self) -> None:
        self.highlighter.index = None
        self.text = ""
        self.annotations = {}
        self.setPlainText("")

    def _mark(self, a: Annotation) -> Mark:
        return Mark(a.id, a.kind, self.offsets.to_qt(a.start), self.offsets.to_qt(a.end))

    def _rehighlight(self, blocks: range) -> None:
        doc = self.document()
        for b in blocks:
            block = doc.findBlockByNumber(b)
            if block.isValid():
                self.highlighter.rehighlightBlock(block)

    def upsert(self, annotation: Annotation) -> None:
        index = self.highlighter.index
        if index is None:
            return
        old = index.remove(annotation.id)
        self.annotations[annotation.id] = annotation
        new = index.add(self._mark(annotation))
        self._rehighlight(range(min(old.start, new.start) if old else new.start,
                                max(old.stop, new.stop) if old else new.stop))
        if annotation.id == self.current_id:
            self._show_current()

    def remove(self, annotation_id: int) -> None:
        index = self.highlighter.index
        self.annotations.pop(annotation_id, None)
        if index is not None:
            self._rehighlight(index.remove(annotation_id))
        if annotation_id == self.current_id:
            self.set_current(None)

    def set_suggestions(self, suggestions: list) -> None:
        """Show suggestions (objects with key(), kind, start, end) as dashed marks."""
        index = self.highlighter.index
        if index is None:
            return
        touched: set[int] = set()
        for key in list(self.suggestions):
            touched.update(index.remove(key))
        self.suggestions = {s.key(): s for s in suggestions}
        for s in suggestions:
            touched.update(index.add(Mark(s.key(), s.kind, self.offsets.to_qt(s.start),
                                          self.offsets.to_qt(s.end), suggested=True)))
        for b in sorted(touched):
            self._rehighlight(range(b, b + 1))

    # -- selection and navigation in code points --------------------------------------------

    def selection(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return (self.offsets.to_cp(cursor.selectionStart()),
                self.offsets.to_cp(cursor.selectionEnd()))

    def _span_cursor(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting [start, end) given in code points."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def select_span(self, start: int, end: int, *, center: bool = True) -> None:
        self.setTextCursor(self._span_cursor(start, end))
        if center:
            self.centerCursor()

    def reveal(self, start: int, end: int) -> None:
        """Bring a span into view, centred, unless it is already visible. The caret moves
        to the span's start (a selection elsewhere would scroll the view back to itself)."""
        cursor = QTextCursor(self.document())
        area = self.viewport().rect()
        cursor.setPosition(self.offsets.to_qt(start))
        top = self.cursorRect(cursor)
        cursor.setPosition(self.offsets.to_qt(end))
        if area.contains(top) and area.contains(self.cursorRect(cursor)):
            return
        cursor.setPosition(self.offsets.to_qt(start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def set_current(self, annotation_id: int | None) -> None:
        self.current_id = annotation_id
        self._show_current()

    def _show_current(self) -> None:
        a = self.annotations.get(self.current_id) if self.current_id is not None else None
        if a is None:
            self.setExtraSelections([])
            return
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self._span_cursor(a.start, a.end)
        sel.format.setBackground(kind_ink(a.kind))
        sel.format.setForeground(Qt.GlobalColor.black if is_dark() else Qt.GlobalColor.white)
        self.setExtraSelections([sel])

    def set_current_span(self, kind: str, start: int, end: int) -> None:
        """Mark a span that is not an annotation yet (the current suggestion)."""
        self.current_id = None
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self._span_cursor(start, end)
        sel.format.setBackground(kind_fill(kind))
        sel.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        sel.format.setUnderlineColor(kind_ink(kind))
        self.setExtraSelections([sel])

    def marks_at(self, cp: int) -> list[Mark]:
        index = self.highlighter.index
        return index.at(self.offsets.to_qt(cp)) if index else []

    def annotations_at(self, cp: int) -> list[Annotation]:
        return [self.annotations[m.key] for m in self.marks_at(cp)
                if not m.suggested and m.key in self.annotations]

    # -- mouse: click selects, repeated click cycles through overlapping ones --------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        pos = self.cursorForPosition(event.position().toPoint()).position()
        cp = self.offsets.to_cp(pos)
        marks = self.marks_at(cp)
        if not marks:
            return
        keys = [m.key for m in marks]
        ids_here = tuple(sorted(map(str, keys)))
        last_ids, count = self._last_click
        count = count + 1 if last_ids == ids_here else 0
        self._last_click = (ids_here, count)
        chosen = marks[count % len(marks)]
        if chosen.suggested:
            self.suggestionClicked.emit(str(chosen.key))
        else:
            self.annotationClicked.emit(int(chosen.key))

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()
            cp = self.offsets.to_cp(self.cursorForPosition(pos).position())
            html = self._tooltip(cp)
            if html:
                QToolTip.showText(event.globalPos(), html, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, cp: int) -> str:
        from html import escape

        parts = []
        for a in self.annotations_at(cp):
            who = {"quote": a.speaker, "claim": " · ".join(x for x in (a.claimant, a.status) if x),
                   "event": " · ".join(x for x in (a.date or a.when, a.where) if x)}[a.kind]
            line = f"<b style='color:{kind_ink(a.kind).name()}'>{KIND_LABELS[a.kind]}</b>"
            if who:
                line += f" — {escape(who)}"
            if a.note:
                line += f"<br><i>{escape(a.note)}</i>"
            parts.append(line)
        for m in self.marks_at(cp):
            if m.suggested:
                s = self.suggestions.get(str(m.key))
                who = getattr(s, "speaker", "") or getattr(s, "claimant", "") or \
                    getattr(s, "date", "")
                parts.append(f"Suggested {KIND_LABELS[m.kind].lower()}"
                             + (f" — {escape(who)}" if who else "")
                             + " (A to accept, R to reject)")
        return "<br>".join(parts)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # Light/dark switch: kind colours are picked per palette, so repaint them all.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.highlighter.clear_cache()
            if self.highlighter.index is not None:
                self.highlighter.rehighlight()
            self._show_current()
        super().changeEvent(event)

    # -- layout: a comfortable line length, zoom ---------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self._fit_margins()

    def _fit_margins(self) -> None:
        char = self.fontMetrics().horizontalAdvance("n")
        spare = self.width() - char * MAX_TEXT_WIDTH_CHARS - 40
        side = max(12, spare // 2)
        self.setViewportMargins(side, 12, side, 12)

    def zoom(self, steps: int) -> None:
        font = self.font()
        size = font.pointSizeF() + steps if steps else self.base_point_size
        font.setPointSizeF(max(7.0, min(40.0, size)))
        self.setFont(font)
        self._fit_margins()

    def point_size(self) -> float:
        return self.font().pointSizeF()

    def position_point(self, cp: int) -> QPoint:
        """Viewport point of a code-point offset (tests click there)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(cp))
        return self.cursorRect(cursor).center()
