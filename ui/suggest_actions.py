"""Suggestions in the workspace: ask the core, show them, act on the user's decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from models.errors import BriefmarkError
from models.values import KINDS
from ui import commands
from ui.theme import KIND_LABELS

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.suggestions import SuggestionPanel


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class SuggestActions:
    def __init__(self, window: MainWindow, panel: SuggestionPanel) -> None:
        self.window = window
        self.panel = panel
        w = window
        self.act_suggest = w._action("Suggest Annotations", self.suggest, ("Ctrl+G",),
                                     tip="Find quotes, dated events and claims to confirm")
        self.act_accept = w._action("Accept Suggestion", self.accept_current, ("A",),
                                    reader_only=True)
        self.act_reject = w._action("Reject Suggestion", self.reject_current, ("R",),
                                    reader_only=True)
        self.act_next = w._action("Next Suggestion", lambda: self.step(1), ("Shift+N",),
                                  reader_only=True)
        self.act_prev = w._action("Previous Suggestion", lambda: self.step(-1),
                                  ("Shift+P",), reader_only=True)
        self.act_accept_kind = w._action("Accept All Suggestions of This Kind",
                                         self.accept_all_of_kind, ("Shift+A",),
                                         reader_only=True)
        for act in (self.act_accept, self.act_reject, self.act_next, self.act_prev,
                    self.act_accept_kind):
            panel.view.addAction(act)
        for keys, slot in ((("Return", "Enter"), self.accept_current),
                           (("Delete", "Backspace"), self.reject_current)):
            act = QAction(w)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            panel.view.addAction(act)
        self.act_on_import = QAction("Suggest on Import", w, checkable=True)
        self.act_on_import.setChecked(w.settings.value("suggestOnImport", False, type=bool))
        self.act_on_import.toggled.connect(
            lambda on: w.settings.setValue("suggestOnImport", on))
        panel.currentChanged.connect(self.show_current)
        panel.acceptRequested.connect(self.accept_many)
        panel.rejectRequested.connect(self.reject_many)
        w.reader.suggestionClicked.connect(self.clicked)

    def menu_actions(self) -> list[QAction]:
        return [self.act_suggest, self.act_accept, self.act_reject, self.act_next,
                self.act_prev, self.act_accept_kind, self.act_on_import]

    def suggest(self) -> int:
        """Show suggestions for the open article; returns how many there are."""
        w = self.window
        if w.session is None or w.article is None:
            return 0
        from models.suggest import suggest_for_article

        found = w._run(suggest_for_article, w.session.project, w.article.id) or []
        w.reader.set_suggestions(found)
        self.panel.set_suggestions(found)
        if found:
            self.panel.step(1)
        counts = ", ".join(_count(sum(s.kind == k for s in found), KIND_LABELS[k].lower())
                           for k in KINDS)
        w.statusBar().showMessage(
            f"{_count(len(found), 'suggestion')} ({counts}): A accepts, R rejects" if found
            else "No new suggestions for this article", 8000)
        return len(found)

    def accept_many(self, chosen: list) -> None:
        w = self.window
        if w.session is None or w.article is None or not chosen:
            return
        from models.suggest import accept

        added = w._run(accept, w.session.project, w.article.id, chosen)
        if not added:
            return
        label = "Accept Suggestion" if len(added) == 1 else f"Accept {len(added)} Suggestions"
        w.session.undo_stack.push(
            commands.AcceptSuggestionsCommand(w.session, added, list(chosen), label))
        w._apply_changes(w.article.id, [a.id for a in added], [])
        self._drop(chosen)

    def reject_many(self, chosen: list) -> None:
        w = self.window
        if w.session is None or w.article is None or not chosen:
            return
        from models.suggest import reject_many

        try:
            reject_many(w.session.project, w.article.id, chosen)
        except BriefmarkError as exc:
            QMessageBox.warning(w, "Briefmark", str(exc))
            return
        w.session.undo_stack.push(
            commands.RejectSuggestionsCommand(w.session, w.article.id, list(chosen)))
        self._drop(chosen)
        w.statusBar().showMessage("Rejected; it will not be suggested again here "
                                  "(Ctrl+Z brings it back)", 4000)

    def _drop(self, decided: list) -> None:
        self.panel.after_decision(decided)
        self.window.reader.set_suggestions(self.panel.model.rows)
        if not self.panel.model.rows:
            self.window.reader.set_current(self.window.panel.current_id())

    def connect_session(self) -> None:
        """Follow undo/redo of accepted suggestions in the open project."""
        session = self.window.session
        session.suggestionsReturned.connect(self._returned)
        session.suggestionsTaken.connect(self._taken)

    def _returned(self, article_id: int, suggestions: list) -> None:
        if self.window.article is not None and article_id == self.window.article.id:
            self.panel.set_suggestions(self.panel.model.rows + suggestions)
            self.window.reader.set_suggestions(self.panel.model.rows)
            self.panel.select_key(suggestions[0].key())

    def _taken(self, article_id: int, suggestions: list) -> None:
        if self.window.article is not None and article_id == self.window.article.id:
            self._drop(suggestions)

    def accept_current(self) -> None:
        s = self.panel.current()
        if s is not None:
            self.accept_many([s])

    def reject_current(self) -> None:
        s = self.panel.current()
        if s is not None:
            self.reject_many([s])

    def accept_all_of_kind(self) -> None:
        s = self.panel.current()
        if s is not None:
            self.panel.accept_all(s.kind)

    def step(self, delta: int) -> None:
        self.panel.step(delta)

    def clicked(self, key: str) -> None:
        self.panel.select_key(key)

    def show_current(self, s: object) -> None:
        if s is not None:
            self.window.select_annotation(None)  # one thing is current: keys act on it alone
            self.window.reader.reveal(s.start, s.end)
            self.window.reader.set_current_span(s.kind, s.start, s.end)
