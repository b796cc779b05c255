"""Side panels that fold away before the reading column gets too narrow to read.

The reader never gets narrower than a 60-character line (ReaderView.minimum_column_width).
On a narrow window (1024 px) the library folds first; View ▸ Library brings it back, and
then the annotations side folds instead until the window is wide enough for all three.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QWidget

LIBRARY_MIN = 170  # narrower than this the library's titles are unreadable
RIGHT_MIN = 250


class PanelFitter:
    def __init__(self, splitter: QSplitter, library: QWidget, reader: QWidget,
                 right: QWidget, show_library: QAction) -> None:
        self.splitter, self.library, self.reader, self.right = splitter, library, reader, right
        self.show_library = show_library  # the user's wish; folding never unticks it
        self.library_first = False  # the user asked for the library while it did not fit
        library.setMinimumWidth(LIBRARY_MIN)
        right.setMinimumWidth(RIGHT_MIN)
        show_library.toggled.connect(self._library_toggled)

    def _library_toggled(self, on: bool) -> None:
        if not on and self.library.isHidden():
            # Folded for room while ticked: pressing it means "show me the library", not
            # "untick what I cannot see". It shows, and the annotation side folds instead.
            self.show_library.blockSignals(True)
            self.show_library.setChecked(True)
            self.show_library.blockSignals(False)
            on = True
        self.library_first = on and not self._room_for(library=True, right=True)
        self.fit()

    def _room_for(self, *, library: bool, right: bool) -> bool:
        handle = self.splitter.handleWidth()
        need = self.reader.minimumWidth() + (LIBRARY_MIN + handle if library else 0) + \
            (RIGHT_MIN + handle if right else 0)
        return self.splitter.width() >= need

    def minimum_window_width(self) -> int:
        """What the window needs: the reader's column beside the narrower side panel."""
        return self.reader.minimumWidth() + RIGHT_MIN + self.splitter.handleWidth() + 4

    def fit(self) -> None:
        """Show what the user wants that fits; fold the library (or, when the user asked for
        it on a narrow window, the annotations side) otherwise."""
        library = self.show_library.isChecked()
        right = True
        if not self._room_for(library=library, right=right):
            if library and not self.library_first:
                library = False
            else:
                right = False
            if not self._room_for(library=library, right=right):
                library = right = False
        elif self.library_first and self._room_for(library=True, right=True):
            self.library_first = False
        if self.library.isHidden() == library:
            self.library.setVisible(library)
        if self.right.isHidden() == right:
            self.right.setVisible(right)

    def folded(self) -> list[str]:
        """Which side panels are folded now (tests, the View menu's wording)."""
        return [name for name, w in (("library", self.library), ("annotations", self.right))
                if w.isHidden()]
