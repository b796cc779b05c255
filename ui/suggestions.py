"""The "Suggested" group: proposals from models/suggest waiting for a decision.

Nothing is added without a decision: accepting stores a normal annotation (undoable),
rejecting remembers the rejection so it does not come back for that article.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.values import KINDS
from ui.annotation_panel import KindRowsModel, describe, make_kind_table
from ui.theme import KIND_LABELS


class SuggestionModel(KindRowsModel):
    TEXT_LIMIT = 100

    def describe(self, item: Any) -> str:
        # a suggested claim's status is always "unverified": not worth the room
        return item.claimant if item.kind == "claim" else describe(item)

    def set_suggestions(self, suggestions: list[Any]) -> None:
        self.beginResetModel()
        self.rows = sorted(suggestions, key=lambda s: (s.start, s.end))
        self.endResetModel()

    def remove_keys(self, keys: set[str]) -> None:
        for row in reversed(range(len(self.rows))):
            if self.rows[row].key() in keys:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()

    def row_of(self, key: str) -> int:
        return next((i for i, s in enumerate(self.rows) if s.key() == key), -1)


class SuggestionPanel(QWidget):
    """Emits what the user decided; the main window does the work."""

    currentChanged = Signal(object)  # suggestion or None
    acceptRequested = Signal(list)
    rejectRequested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SuggestionModel()
        self.title = QLabel()
        self.title.setObjectName("suggestedTitle")
        self.view = make_kind_table(self.model, headers=False)
        self.accept_button = QToolButton()
        self.accept_button.setText("Accept")
        self.accept_button.setToolTip("Accept the selected suggestion (A or Enter)")
        self.reject_button = QToolButton()
        self.reject_button.setText("Reject")
        self.reject_button.setToolTip("Reject it; it will not be suggested again (R or Delete)")
        self.all_button = QToolButton()
        self.all_button.setText("All of a kind")
        self.all_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.all_button)
        for kind in KINDS:
            menu.addAction(f"All suggested {KIND_LABELS[kind].lower()}s",
                           lambda k=kind: self.accept_all(k))
        self.all_button.setMenu(menu)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.title, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.accept_button.clicked.connect(lambda: self._decide(self.acceptRequested))
        self.reject_button.clicked.connect(lambda: self._decide(self.rejectRequested))
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.doubleClicked.connect(lambda _i: self._decide(self.acceptRequested))
        self.model.modelReset.connect(self._update_title)
        self.model.rowsRemoved.connect(self._update_title)

    def set_suggestions(self, suggestions: list[Any]) -> None:
        self.model.set_suggestions(suggestions)
        self.setVisible(bool(suggestions))

    def _update_title(self) -> None:
        n = len(self.model.rows)
        self.title.setText(f"<b>Suggested</b> ({n})")
        self.title.setToolTip("A or Enter accepts, R or Delete rejects, Shift+N / Shift+P move "
                              "to the next / previous suggestion, Shift+A accepts all of a kind")
        if not n:
            self.hide()

    def clear_current(self) -> None:
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        self.view.setCurrentIndex(QModelIndex())
        self.view.clearSelection()
        sm.blockSignals(False)

    def current(self) -> Any | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def select_key(self, key: str) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            index = self.model.index(row, 1)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def step(self, delta: int) -> Any | None:
        rows = self.model.rows
        if not rows:
            return None
        current = self.view.currentIndex()
        row = current.row() if current.isValid() else (-1 if delta > 0 else len(rows))
        row = max(0, min(len(rows) - 1, row + delta))
        self.select_key(rows[row].key())
        return rows[row]

    def accept_all(self, kind: str) -> None:
        chosen = [s for s in self.model.rows if s.kind == kind]
        if chosen:
            self.acceptRequested.emit(chosen)

    def _decide(self, signal: Signal) -> None:
        s = self.current()
        if s is not None:
            signal.emit([s])

    def _row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        self.currentChanged.emit(self.model.rows[current.row()] if current.isValid() else None)

    def after_decision(self, decided: list[Any]) -> None:
        """Drop decided suggestions and move to the next one in text order."""
        if not decided:
            return
        row = self.model.row_of(decided[0].key())
        self.model.remove_keys({s.key() for s in decided})
        if self.model.rows:
            row = min(max(row, 0), len(self.model.rows) - 1)
            self.select_key(self.model.rows[row].key())
