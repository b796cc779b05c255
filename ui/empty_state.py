"""What an empty project shows in the centre: how to start, not a blank page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    importRequested = Signal()
    pasteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("<div style='font-size:16pt; font-weight:600'>This project has no "
                       "articles yet</div>")
        hint = QLabel("Import articles (Word, web pages saved as HTML, Markdown or plain "
                      "text) with Ctrl+I,\ndrop files on this window, or paste an article's "
                      "text with Ctrl+Shift+V.")
        for label in (title, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            layout.addWidget(label)
        for text, signal in (("Import Articles…", self.importRequested),
                             ("New Article from Clipboard…", self.pasteRequested)):
            button = QPushButton(text)
            button.clicked.connect(signal.emit)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
