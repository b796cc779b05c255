"""Making actions: one place that knows shortcuts, contexts and which actions edit.

Actions made with `editing=True` are registered here, so a read-only project turns every
one of them off at once: no hand-kept list to forget a new action in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Keys = tuple[str, ...] | QKeySequence.StandardKey


class ActionFactory:
    def __init__(self, owner: QWidget, text_views: list[QWidget]) -> None:
        self.owner = owner
        self.text_views = text_views  # where single-letter keys may fire
        self.editing: list[QAction] = []

    def make(self, text: str, slot: Callable[..., object], keys: Keys = (), *,
             reader_only: bool = False, editing: bool = False, tip: str = "",
             parent: QObject | None = None) -> QAction:
        act = QAction(text, parent or self.owner)
        if isinstance(keys, QKeySequence.StandardKey):
            act.setShortcuts(keys)
        elif keys:
            act.setShortcuts([QKeySequence(k) for k in keys])
        if reader_only:  # single letters must not fire while typing in a field
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for view in self.text_views:
                view.addAction(act)
        else:
            self.owner.addAction(act)
        if tip:
            act.setStatusTip(tip)
        if editing:
            self.editing.append(act)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def set_read_only(self, read_only: bool) -> None:
        for act in self.editing:
            act.setEnabled(not read_only)
