"""The reader: the article text with its highlights, selection in code points."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from models.briefing.docx_text import Paragraphs
from models.language import is_rtl
from models.values import Annotation
from ui.highlighter import Mark, SpanHighlighter, SpanIndex
from ui.offsets import OffsetMap
from ui.reader_paint import column_char_width, paint_current
from ui.theme import KIND_LABELS, find_fill, kind_fill, kind_ink

MAX_TEXT_WIDTH_CHARS = 72  # a comfortable line; preferences may set 45-100
MIN_TEXT_WIDTH_CHARS = 60  # the reader never gets narrower than this many characters


class ReaderView(QPlainTextEdit):
    annotationClicked = Signal(int)
    suggestionClicked = Signal(str)
    currentCleared = Signal()  # a click on plain text: nothing is current any more
    overlapsAtCaret = Signal(int, int)  # annotations under the caret, caret (code points)

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
        self.column_chars = MAX_TEXT_WIDTH_CHARS
        self._find_spans: list[tuple[int, int]] = []
        self._current_span: tuple[str, int, int, bool] | None = None  # kind, cps, suggested
        self._paragraphs: Paragraphs | None = None
        self.overlap_hint = QLabel(self)
        self.overlap_hint.setObjectName("overlapHint")
        self.overlap_hint.setStyleSheet("QLabel { background: palette(window); padding: 2px 6px;"
                                        " border: 1px solid palette(mid); border-radius: 3px; }")
        self.overlap_hint.hide()
        self._overlaps = (0, -1)
        self.cursorPositionChanged.connect(self._caret_moved)
        self.setMinimumWidth(self.minimum_column_width())
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
        self._current_span = None
        self._find_spans = []
        self._paragraphs = None
        index = SpanIndex(text, self.offsets)
        for a in annotations:
            index.add(self._mark(a))
        self.highlighter.index = index
        self.highlighter.clear_cache()
        self._set_paragraph_directions(text)
        self.setPlainText(text)  # lays out and highlights with the index in place
        self._refresh_extra()
        self._caret_moved()

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
        self.current_id = None
        self._current_span = None
        self._find_spans = []
        self._paragraphs = None
        self.setPlainText("")
        self._refresh_extra()

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
        self._caret_moved()

    def remove(self, annotation_id: int) -> None:
        index = self.highlighter.index
        self.annotations.pop(annotation_id, None)
        if index is not None:
            self._rehighlight(index.remove(annotation_id))
        if annotation_id == self.current_id:
            self.set_current(None)
        self._caret_moved()

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

    def current(self) -> Annotation | None:
        return self.annotations.get(self.current_id) if self.current_id is not None else None

    def _show_current(self) -> None:
        """The current annotation gets a tint multiplied over its highlight and an outline in
        its ink, both painted in paintEvent: an extra selection would paint over the spans
        nested inside it, and a plain text selection (the palette's solid selection colour)
        looks nothing like it."""
        self._current_span = None
        a = self.current()
        if a is not None:
            self._current_span = (a.kind, a.start, a.end, False)
        self._refresh_extra()

    def set_current_span(self, kind: str, start: int, end: int) -> None:
        """Mark a span that is not an annotation yet (the current suggestion)."""
        self.current_id = None
        self._current_span = (kind, start, end, True)
        self._refresh_extra()

    def set_find_matches(self, spans: list[tuple[int, int]]) -> None:
        """Mark every match of the find bar lightly (the current one is the selection)."""
        self._find_spans = spans
        self._refresh_extra()

    def _refresh_extra(self) -> None:
        sels = []
        for start, end in self._find_spans[:2000]:  # more would slow painting, not help
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._span_cursor(start, end)
            sel.format.setBackground(find_fill())
            sels.append(sel)
        span = self._current_span
        if span is not None and span[3]:  # a suggestion: dashed, in its own fill
            kind, start, end, _ = span
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._span_cursor(start, end)
            sel.format.setBackground(kind_fill(kind))
            sel.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            sel.format.setUnderlineColor(kind_ink(kind))
            sels.append(sel)
        self.setExtraSelections(sels)
        self.viewport().update()

    def selection_is_annotation(self, annotation: Annotation | None) -> bool:
        """Whether the text selection is exactly this annotation's span."""
        start, end = self.selection()
        return annotation is not None and (start, end) == (annotation.start, annotation.end)

    def has_plain_selection(self) -> bool:
        """A selection of text that is not the current annotation: keys that act on the
        current annotation (Delete) must leave it alone."""
        start, end = self.selection()
        return start != end and not self.selection_is_annotation(self.current())

    def is_rtl_at(self, cp: int) -> bool:
        """Whether the paragraph holding `cp` runs right to left on screen, as Qt lays it out
        (so span-edge keys can follow the arrow the way Shift+arrow does)."""
        block = self.document().findBlock(self.offsets.to_qt(max(0, min(cp, len(self.text)))))
        if not block.isValid():
            return False
        return block.textDirection() == Qt.LayoutDirection.RightToLeft or (
            block.textDirection() != Qt.LayoutDirection.LeftToRight and is_rtl(block.text()))

    def paragraph_label(self, start: int, end: int) -> str:
        """"¶ 4" or "¶ 4–5": paragraphs numbered as the briefing note numbers them."""
        if self._paragraphs is None:
            self._paragraphs = Paragraphs(self.text)
        first = self._paragraphs.number(start)
        last = self._paragraphs.number(max(start, end - 1))
        if not first:
            return ""
        return f"¶ {first}" if last <= first else f"¶ {first}–{last}"

    def _caret_moved(self) -> None:
        cp = self.offsets.to_cp(self.textCursor().position())
        n = len(self.annotations_at(cp)) if self.text else 0
        if (n, cp) == self._overlaps:
            return
        self._overlaps = (n, cp)
        if n > 1:
            self.overlap_hint.setText(f"{n} annotations here · click again for the next")
            self.overlap_hint.adjustSize()
            self._place_hint()
            self.overlap_hint.show()
        else:
            self.overlap_hint.hide()
        self.overlapsAtCaret.emit(n, cp)

    def _place_hint(self) -> None:
        hint = self.overlap_hint
        bar = self.verticalScrollBar()
        right = self.width() - (bar.width() if bar.isVisible() else 0) - 6
        hint.move(max(0, right - hint.width()), max(0, self.height() - hint.height() - 6))

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        super().paintEvent(event)
        span = self._current_span
        if span is not None and not span[3]:
            kind, start, end, _ = span
            paint_current(self, self.offsets.to_qt(start), self.offsets.to_qt(end),
                          kind_ink(kind))

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
            self._last_click = (-1, 0)
            if self.current_id is not None or self._current_span:
                self.current_id = None
                self._show_current()
            self.currentCleared.emit()
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
        self._place_hint()

    def _column_px(self, chars: int, font: QFont | None = None) -> int:
        """Pixels a line of `chars` characters of prose needs, document margins included."""
        width = column_char_width(font or self.font()) * chars
        return int(width + 2 * self.document().documentMargin()) + 2

    def _fit_margins(self) -> None:
        bar = self.verticalScrollBar()
        bar_width = bar.sizeHint().width() if bar.isVisible() else 0
        spare = self.width() - 2 * self.frameWidth() - bar_width - self._column_px(
            self.column_chars)
        side = max(12, spare // 2)
        self.setViewportMargins(side, 12, side, 12)

    def apply_preferences(self, prefs: Any) -> None:
        """Reader font (family, size) and column width in characters from Preferences; the
        widget then refuses to become narrower than a 60-character line of that font."""
        font = self.font()
        if getattr(prefs, "font_family", ""):
            font.setFamilies([prefs.font_family, "Noto Serif", "DejaVu Serif", "serif"])
        size = float(getattr(prefs, "font_size", 0) or self.base_point_size)
        font.setPointSizeF(max(7.0, min(40.0, size)))
        self.base_point_size = font.pointSizeF()
        self.column_chars = max(45, min(100, int(getattr(prefs, "column_chars", 0)
                                                 or MAX_TEXT_WIDTH_CHARS)))
        self.setFont(font)
        self.setMinimumWidth(self.minimum_column_width())
        self._fit_margins()

    def minimum_column_width(self) -> int:
        """Widget width that still shows MIN_TEXT_WIDTH_CHARS per line at the base size."""
        font = QFont(self.font())
        font.setPointSizeF(self.base_point_size)
        # Word wrap leaves a line about a tenth short of the column: allow for it.
        column = self._column_px(MIN_TEXT_WIDTH_CHARS * 23 // 20, font)
        return column + 2 * 12 + 2 * self.frameWidth() + \
            self.verticalScrollBar().sizeHint().width()

    def chars_per_line(self, block_number: int = 0) -> int:
        """Mean characters per full line of a paragraph as laid out now (tests, diagnostics)."""
        block = self.document().findBlockByNumber(block_number)
        self.document().documentLayout().blockBoundingRect(block)  # lays it out if need be
        layout = block.layout()
        n = layout.lineCount() if layout else 0
        if n < 2:
            return layout.lineAt(0).textLength() if n else 0
        return round(sum(layout.lineAt(i).textLength() for i in range(n - 1)) / (n - 1))

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
