"""The open project as the interface sees it: one undo stack and change signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from models.project import Project


class ProjectSession(QObject):
    """Owns the open Project. Commands change it; views learn of every change, whether
    done, undone or redone, from these signals alone."""

    # article id, annotation ids added/changed, ids removed
    annotationsChanged = Signal(int, list, list)
    articlesChanged = Signal()
    # article id, suggestions: accepted ones given back by undo / taken again by redo
    suggestionsReturned = Signal(int, list)
    suggestionsTaken = Signal(int, list)
    # a step brought this article in (import, undo of a deletion): show it
    articleShown = Signal(int)
    # a change was refused the first time (nothing landed on the stack), or an undo/redo
    # step no longer applies (it leaves the history; the rest stays): the message says why
    refused = Signal(str)
    failed = Signal(str)
    # people were renamed, merged, split or edited: the uuids of annotations whose names
    # changed (views showing them read them again)
    peopleChanged = Signal(list)
    # links were added or removed: the uuids of the annotations at their ends
    linksChanged = Signal(list)
    # the project is about to close: background readers finish with it first
    closing = Signal()

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self._refusal: str | None = None

    def push(self, command: QUndoCommand) -> bool:
        """Do `command` (its first redo does the work) and keep it for undo; False when the
        project refused it, in which case it is not on the stack and `refused` was said."""
        self._refusal = None
        self.undo_stack.push(command)  # the stack deletes an obsolete command itself
        return self._refusal is None

    def refuse(self, message: str, *, first: bool) -> None:
        """Called by a command whose step the project refused."""
        if first:
            self._refusal = message
            self.refused.emit(message)
        else:
            self.failed.emit(message)

    def close(self) -> None:
        self.closing.emit()
        self.undo_stack.clear()
        self.project.close()
