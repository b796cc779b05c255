"""Kind colours for the screen, legible on light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from models.kinds import KIND_COLOURS, KIND_INK, KIND_LABELS, STATUS_COLOURS

__all__ = ["KIND_LABELS", "find_fill", "is_dark", "kind_fill", "kind_ink", "status_fill"]


def is_dark() -> bool:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def kind_fill(kind: str) -> QColor:
    """Highlight colour: the pastel on light backgrounds, a deep tone of it on dark ones."""
    colour = QColor(KIND_COLOURS[kind])
    if is_dark():
        colour = QColor.fromHsl(colour.hslHue(), min(255, colour.hslSaturation()), 70)
    return colour


def kind_ink(kind: str) -> QColor:
    colour = QColor(KIND_INK[kind])
    return colour.lighter(190) if is_dark() else colour


def status_fill(status: str) -> QColor:
    colour = QColor(STATUS_COLOURS.get(status, "#E4E4E4"))
    return colour.darker(250) if is_dark() else colour


def blend(colours: list[QColor]) -> QColor:
    """Average of overlapping highlights, darkened a little per extra layer so depth shows."""
    n = len(colours)
    r = sum(c.red() for c in colours) / n
    g = sum(c.green() for c in colours) / n
    b = sum(c.blue() for c in colours) / n
    mixed = QColor(int(r), int(g), int(b))
    return mixed.darker(100 + 12 * (n - 1)) if not is_dark() else mixed.lighter(100 + 15 * (n - 1))


def find_fill() -> QColor:
    """Other matches of a search: a light amber, translucent so highlights show through."""
    colour = QColor("#FFD54F") if not is_dark() else QColor("#8D6E00")
    colour.setAlpha(120)
    return colour
