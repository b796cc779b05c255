"""The reader's context menu: tag, pick one of the annotations under the pointer, set the
span, change kind, delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from models.values import Annotation
from ui.annotation_panel import AnnotationPanel
from ui.reader import ReaderView
from ui.theme import KIND_LABELS


def reader_menu(reader: ReaderView, panel: AnnotationPanel, pos: QPoint, *,
                tag_actions: list[QAction], span_action: QAction,
                kind_actions: dict[str, QAction], delete_action: QAction,
                select: Callable[[int], None],
                current: Callable[[], Annotation | None]) -> QMenu:
    """The menu for a viewport position; what it acts on is what was clicked (the innermost
    annotation there becomes the current one)."""
    menu = reader.createStandardContextMenu(pos)
    menu.addSeparator()
    for a in tag_actions:
        menu.addAction(a)
    cp = reader.offsets.to_cp(reader.cursorForPosition(pos).position())
    here = reader.annotations_at(cp)
    if here:
        if panel.current_id() not in {a.id for a in here}:
            select(here[0].id)
        menu.addSeparator()
        for a in here:
            label = f"Select {KIND_LABELS[a.kind]}: {' '.join(a.text.split())[:40]}"
            menu.addAction(label, lambda a=a: select(a.id))
    chosen = current()
    if chosen is not None and reader.textCursor().hasSelection():
        menu.addAction(span_action)
    if here and chosen is not None:
        kinds = menu.addMenu("Change Kind")
        for kind, act in kind_actions.items():
            if kind != chosen.kind:
                kinds.addAction(act)
        menu.addAction(delete_action)
    return menu
