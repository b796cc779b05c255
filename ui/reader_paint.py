"""Painting helpers for the reader: the current annotation's outline, prose line metrics."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit

# Ordinary prose: its mean advance is what "characters per line" means to a reader
# (a single letter such as "n" overstates it by a tenth in most serif faces).
_PROSE = ("The minister said on Tuesday that the talks would resume next week, although "
          "officials in both capitals cautioned that no agreement had been reached yet.")


def column_char_width(font: QFont) -> float:
    return QFontMetricsF(font).horizontalAdvance(_PROSE) / len(_PROSE)


def span_rects(view: QPlainTextEdit, start: int, end: int) -> list[QRectF]:
    """Viewport rectangles of [start, end) (Qt positions), one per visible line piece."""
    rects: list[QRectF] = []
    block = view.firstVisibleBlock()
    offset = view.contentOffset()
    height = view.viewport().height()
    while block.isValid():
        geometry = view.blockBoundingGeometry(block).translated(offset)
        if geometry.top() > height:
            break
        base = block.position()
        if base + block.length() > start and base < end and block.isVisible():
            layout = block.layout()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                s = max(start, base + line.textStart())
                e = min(end, base + line.textStart() + line.textLength())
                if s >= e:
                    continue
                x1 = _x(line.cursorToX(s - base))
                x2 = _x(line.cursorToX(e - base))
                rects.append(QRectF(geometry.left() + min(x1, x2), geometry.top() + line.y(),
                                    abs(x2 - x1), line.height()))
        if base >= end:
            break
        block = block.next()
    return rects


def _x(result: object) -> float:
    return float(result[0] if isinstance(result, tuple) else result)  # type: ignore[index]


def paint_current(view: QPlainTextEdit, start: int, end: int, ink: QColor) -> None:
    """The current annotation: a light tint of its ink multiplied over what is painted (so
    nested highlights keep their own, darker, colour and the text stays legible) and a box
    in its ink round each line piece."""
    rects = span_rects(view, start, end)
    if not rects:
        return
    tint = QColor(ink)
    tint = QColor.fromHsl(tint.hslHue(), min(255, tint.hslSaturation()), 215)
    painter = QPainter(view.viewport())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    for r in rects:
        painter.fillRect(r, tint)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    pen = QPen(ink)
    pen.setWidthF(2.0)
    painter.setPen(pen)
    for r in rects:
        painter.drawRoundedRect(r.adjusted(-1, 0, 1, 0), 3, 3)
    painter.end()
