"""The open project as the interface sees it: one undo stack and change signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from models.project import Project


class ProjectSession(QObject):
    """Owns the open Project. Commands change it; views listen to the signals."""

    # article id, annotation ids added/changed, ids removed
    annotationsChanged = Signal(int, list, list)
    articlesChanged = Signal()
    # article id, suggestions: accepted ones given back by undo / taken again by redo
    suggestionsReturned = Signal(int, list)
    suggestionsTaken = Signal(int, list)
    # an undo or redo step brought this article back: show it
    articleShown = Signal(int)
    # an undo or redo step could not be applied (the message says why)
    failed = Signal(str)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)

    def close(self) -> None:
        self.undo_stack.clear()
        self.project.close()
