"""Painting annotations and suggestions onto the reader, one paragraph at a time.

QSyntaxHighlighter never touches the document or its undo stack, and Qt asks it only for the
paragraphs it lays out; a change re-highlights just the paragraphs its span touches.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ui.offsets import OffsetMap
from ui.theme import blend, kind_fill, kind_ink


@dataclass(frozen=True)
class Mark:
    """A span in Qt units, as the highlighter needs it."""

    key: int | str  # annotation id, or a suggestion key
    kind: str
    start: int  # UTF-16 position in the document
    end: int
    suggested: bool = False


class SpanIndex:
    """Which marks touch which paragraph, so a paragraph finds its marks without a scan."""

    def __init__(self, text: str, offsets: OffsetMap) -> None:
        starts_cp = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts_cp.append(i + 1)
            i = find("\n", i + 1)
        self.block_starts = [offsets.to_qt(c) for c in starts_cp] if not offsets.simple \
            else starts_cp
        self.by_block: dict[int, list[Mark]] = defaultdict(list)
        self.marks: dict[int | str, Mark] = {}

    def block_of(self, pos: int) -> int:
        return bisect_right(self.block_starts, pos) - 1

    def blocks_of(self, mark: Mark) -> range:
        return range(self.block_of(mark.start), self.block_of(max(mark.start, mark.end - 1)) + 1)

    def add(self, mark: Mark) -> range:
        self.marks[mark.key] = mark
        blocks = self.blocks_of(mark)
        for b in blocks:
            self.by_block[b].append(mark)
        return blocks

    def remove(self, key: int | str) -> range:
        mark = self.marks.pop(key, None)
        if mark is None:
            return range(0)
        blocks = self.blocks_of(mark)
        for b in blocks:
            lst = self.by_block.get(b)
            if lst and mark in lst:
                lst.remove(mark)
        return blocks

    def at(self, pos: int) -> list[Mark]:
        """Marks covering a position, innermost (shortest) first."""
        found = [m for m in self.by_block.get(self.block_of(pos), ())
                 if m.start <= pos < m.end]
        return sorted(found, key=lambda m: (m.suggested, m.end - m.start))


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.index: SpanIndex | None = None
        self._cache: dict[tuple[str, ...], QTextCharFormat] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def _format(self, kinds: tuple[str, ...], suggested: tuple[str, ...]) -> QTextCharFormat:
        key = kinds + ("|",) + suggested
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            if kinds:
                fmt.setBackground(blend([kind_fill(k) for k in kinds]) if len(kinds) > 1
                                  else kind_fill(kinds[0]))
                if len(kinds) > 1:  # overlapping: an underline says "more than one here"
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(kind_ink(kinds[-1]))
            if suggested:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(kind_ink(suggested[0]))
                if not kinds:
                    fill = QColor(kind_fill(suggested[0]))
                    fill.setAlpha(70)
                    fmt.setBackground(fill)
            self._cache[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        if self.index is None:
            return
        block = self.currentBlock()
        marks = self.index.by_block.get(block.blockNumber())
        if not marks:
            return
        base = block.position()
        length = block.length() - 1  # UTF-16 units, without the paragraph separator
        clipped = [(max(m.start - base, 0), min(m.end - base, length), m) for m in marks]
        edges = sorted({p for s, e, _ in clipped for p in (s, e)})
        for a, b in zip(edges, edges[1:], strict=False):
            covering = [m for s, e, m in clipped if s <= a and e >= b]
            if not covering:
                continue
            covering.sort(key=lambda m: m.start - m.end)  # outermost first, innermost last
            kinds = tuple(m.kind for m in covering if not m.suggested)
            suggested = tuple(m.kind for m in covering if m.suggested)
            self.setFormat(a, b - a, self._format(kinds, suggested))
