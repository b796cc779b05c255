"""What the project-wide panels (Search, Timeline) share: Esc back to the text, and a tag
chooser filled from the project's tags."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from models.project import Project


class ProjectPanel(QWidget):
    escapePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)


def fill_tags(combo: QComboBox, project: Project | None) -> None:
    """"Any tag" and every tag of the project, keeping the one chosen, without signalling."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem("Any tag", "")
    for t in project.annotations.all_tags() if project is not None else ():
        combo.addItem(t, t)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
