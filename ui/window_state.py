"""The window's geometry, dock state, splitter positions and reader zoom, kept in the
settings between sessions."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from ui.reader import ReaderView

DEFAULT_SIZE = (1440, 860)


def restore(settings: QSettings, window: QMainWindow, splitters: dict[str, QSplitter],
            reader: ReaderView) -> None:
    geometry = settings.value("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    state = settings.value("windowState")
    if state is not None:
        window.restoreState(state)
    for key, splitter in splitters.items():
        value = settings.value(key)
        if value is not None:
            splitter.restoreState(value)
    zoom = settings.value("zoom", None)
    if zoom is not None:
        try:
            size = float(zoom)
        except (TypeError, ValueError):  # a hand-edited settings file
            return
        reader.zoom(int(round(size - reader.point_size())))


def save(settings: QSettings, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("windowState", window.saveState())
    for key, splitter in splitters.items():
        settings.setValue(key, splitter.saveState())
    settings.sync()
