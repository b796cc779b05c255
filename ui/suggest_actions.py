"""Suggestions in the workspace: ask the core, show them, act on the user's decisions."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence

from models.values import KINDS
from ui import commands
from ui.actions import ActionFactory
from ui.reader import ReaderView
from ui.suggestions import SuggestionPanel
from ui.theme import KIND_LABELS
from ui.workspace_sync import Notify, Workspace


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class SuggestActions:
    def __init__(self, actions: ActionFactory, workspace: Workspace, reader: ReaderView,
                 panel: SuggestionPanel, settings: QSettings, notify: Notify) -> None:
        self.ws, self.reader, self.panel, self.notify = workspace, reader, panel, notify
        make = actions.make
        self.act_suggest = make("Suggest Annotations", self.suggest, ("Ctrl+G",), editing=True,
                                tip="Find quotes, dated events and claims to confirm")
        self.act_accept = make("Accept Suggestion", self.accept_current, ("A",),
                               reader_only=True, editing=True)
        self.act_reject = make("Reject Suggestion", self.reject_current, ("R",),
                               reader_only=True, editing=True)
        self.act_next = make("Next Suggestion", lambda: self.step(1), ("Shift+N",),
                             reader_only=True)
        self.act_prev = make("Previous Suggestion", lambda: self.step(-1), ("Shift+P",),
                             reader_only=True)
        self.act_accept_kind = make("Accept All Suggestions of This Kind",
                                    self.accept_all_of_kind, ("Shift+A",), reader_only=True,
                                    editing=True)
        for act in (self.act_accept, self.act_reject, self.act_next, self.act_prev,
                    self.act_accept_kind):
            panel.view.addAction(act)
        for keys, slot in ((("Return", "Enter"), self.accept_current),
                           (("Delete", "Backspace"), self.reject_current)):
            act = QAction(panel.view)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            panel.view.addAction(act)
        self.act_on_import = QAction("Suggest on Import", actions.owner, checkable=True)
        from ui.preferences import load_preferences

        self.act_on_import.setChecked(load_preferences(settings).suggest_on_import)
        self.act_on_import.toggled.connect(lambda on: settings.setValue("suggestOnImport", on))
        panel.currentChanged.connect(self.show_current)
        panel.acceptRequested.connect(self.accept_many)
        panel.rejectRequested.connect(self.reject_many)
        reader.suggestionClicked.connect(self.clicked)

    def menu_actions(self) -> list[QAction]:
        return [self.act_suggest, self.act_accept, self.act_reject, self.act_next,
                self.act_prev, self.act_accept_kind, self.act_on_import]

    def suggest(self, *, wait: bool = False, kinds: tuple[str, ...] = KINDS) -> int:
        """Find suggestions for the open article in a worker: the window keeps answering,
        the dialog shows how far the engine is, and Cancel stops the engine (it raises
        SuggestionsCancelled; finding writes nothing, so nothing changed). With `wait`,
        return once they are shown; returns how many were found (0 while still working)."""
        session, article = self.ws.session, self.ws.article
        if session is None or article is None:
            return 0
        from models.suggest import SuggestionsCancelled
        from ui.workers import Worker

        article_id = article.id
        found: list = []

        def work(project, cancelled, progress) -> list:  # noqa: ANN001 - the worker's thread
            from models.suggest import suggest_for_article

            return suggest_for_article(
                project, article_id, kinds=kinds, cancelled=cancelled,
                progress=lambda done, total=100: progress(done, total))

        def done(result: list) -> None:
            if self.ws.article is not None and self.ws.article.id == article_id:
                found.extend(result)
                self.show_found(result)

        self.worker = Worker(self.reader.window(), "Finding suggestions…", session.project.path,
                             work, done, lambda msg: self.notify(msg, 8000),
                             on_cancelled=lambda: self.notify("Suggestions cancelled", 6000),
                             cancel_errors=(SuggestionsCancelled,))
        if wait:
            self.worker.wait()
        return len(found)

    def show_found(self, found: list) -> None:
        self.reader.set_suggestions(found)
        self.panel.set_suggestions(found)
        if found:
            self.panel.step(1)
        counts = ", ".join(_count(sum(s.kind == k for s in found), KIND_LABELS[k].lower())
                           for k in KINDS)
        self.notify(f"{_count(len(found), 'suggestion')} ({counts}): A accepts, R rejects"
                    if found else "No new suggestions for this article", 8000)

    def accept_many(self, chosen: list) -> None:
        session, article = self.ws.session, self.ws.article
        if session is None or article is None or not chosen:
            return
        session.push(commands.AcceptSuggestionsCommand(session, article.id, list(chosen)))

    def reject_many(self, chosen: list) -> None:
        session, article = self.ws.session, self.ws.article
        if session is None or article is None or not chosen:
            return
        if session.push(commands.RejectSuggestionsCommand(session, article.id, list(chosen))):
            self.notify("Rejected; it will not be suggested again here "
                        "(Ctrl+Z brings it back)", 4000)

    def _drop(self, decided: list) -> None:
        self.panel.after_decision(decided)
        self.reader.set_suggestions(self.panel.model.rows)
        if not self.panel.model.rows:
            self.reader.set_current(self.ws.panel.current_id())

    def connect_session(self) -> None:
        """Follow undo/redo of accepted suggestions in the open project."""
        session = self.ws.session
        assert session is not None
        session.suggestionsReturned.connect(self._returned)
        session.suggestionsTaken.connect(self._taken)

    def _returned(self, article_id: int, suggestions: list) -> None:
        if self.ws.article is not None and article_id == self.ws.article.id:
            self.panel.set_suggestions(self.panel.model.rows + suggestions)
            self.reader.set_suggestions(self.panel.model.rows)
            self.panel.select_key(suggestions[0].key())

    def _taken(self, article_id: int, suggestions: list) -> None:
        if self.ws.article is not None and article_id == self.ws.article.id:
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
            self.ws.select_annotation(None)  # one thing is current: keys act on it alone
            self.reader.reveal(s.start, s.end)
            self.reader.set_current_span(s.kind, s.start, s.end)
