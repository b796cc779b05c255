"""Annotating the open article: tag, delete, edit a field, change a span, move between
annotations. Each change is a command pushed on the session; views follow its signals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction

from models.annotation_fields import dropped_by
from models.spans import snap_to_words, trim_whitespace, word_step
from models.values import Annotation
from ui import commands
from ui.annotation_panel import AnnotationPanel
from ui.commands import FIELD_LABELS
from ui.details import DetailsEditor
from ui.reader import ReaderView
from ui.theme import KIND_LABELS
from ui.workspace_sync import Notify, Workspace

# A tag this long, or over this many paragraphs, is more likely Ctrl+A than meant: ask.
LARGE_TAG_CHARS = 3000
LARGE_TAG_PARAGRAPHS = 3

FIELD_NAMES = {k: v.lower() for k, v in FIELD_LABELS.items()}

Confirm = Callable[[str, str, str], bool]  # title, question, yes-button label


class Annotator:
    def __init__(self, workspace: Workspace, reader: ReaderView, panel: AnnotationPanel,
                 details: DetailsEditor, snap: QAction, notify: Notify,
                 confirm: Confirm) -> None:
        self.ws, self.reader, self.panel, self.details = workspace, reader, panel, details
        self.snap, self.notify, self.confirm = snap, notify, confirm

    def _selection(self) -> tuple[int, int] | None:
        start, end = self.reader.selection()
        article = self.ws.article
        if start >= end or article is None:
            return None
        if self.snap.isChecked():
            start, end = snap_to_words(article.text, start, end)
        else:
            start, end = trim_whitespace(article.text, start, end)
        return (start, end) if start < end else None

    def tag(self, kind: str) -> Annotation | None:
        session, article = self.ws.session, self.ws.article
        if session is None or article is None:
            return None
        self.details.commit_typing()  # the toolbar's buttons leave a Date being typed open
        span = self._selection()
        if span is None:
            self.notify("Select some text first, then press C, Q or E.", 5000)
            return None
        chosen = article.text[span[0]:span[1]]
        paragraphs = len([p for p in chosen.split("\n") if p.strip()])
        if (len(chosen) > LARGE_TAG_CHARS or paragraphs >= LARGE_TAG_PARAGRAPHS) and \
                not self.confirm("Tag a long passage",
                                 f"Tag {len(chosen):,} characters in {paragraphs} paragraphs "
                                 f"as one {KIND_LABELS[kind].lower()}?",
                                 f"Tag as {KIND_LABELS[kind]}"):
            self.notify("Nothing was tagged.", 4000)
            return None
        command = commands.TagCommand(session, article.id, kind, *span)
        if not session.push(command) or command.annotation is None:
            return None
        cursor = self.reader.textCursor()  # the new highlight shows; the selection would hide it
        cursor.clearSelection()
        self.reader.setTextCursor(cursor)
        self.ws.select_annotation(command.annotation.id)
        self.details.focus_key_field()
        return command.annotation

    def current(self) -> Annotation | None:
        return self.ws.current()

    def delete_current(self) -> None:
        """Delete what the user sees as chosen: the current annotation, unless text is
        selected that is not exactly an annotation (then nothing, and say why)."""
        session = self.ws.session
        if session is None:
            return
        target = self.current()
        if self.reader.has_plain_selection():
            start, _end = self.reader.selection()
            exact = [a for a in self.reader.annotations_at(start)
                     if self.reader.selection_is_annotation(a)]
            if not exact:
                self.notify("The selected text is not an annotation: nothing was deleted. "
                            "Click an annotation (or pick it in the list) to delete it.", 6000)
                return
            target = exact[0]
        if target is None:
            self.notify("No annotation is chosen: click one, then press Delete.", 5000)
            return
        rows = self.panel.model.rows
        row = self.panel.model.row_of_id(target.id)
        following = None
        if row >= 0 and len(rows) > 1:
            following = rows[row + 1].id if row + 1 < len(rows) else rows[row - 1].id
        if session.push(commands.DeleteCommand(session, [target])):
            self.ws.select_annotation(following)
            self.reader.setFocus()

    def edit_field(self, annotation_id: int, field: str, value: object) -> None:
        session = self.ws.session
        before = self.reader.annotations.get(annotation_id)
        if session is None or before is None or _same(getattr(before, field), value):
            return  # a field handing back what it shows (focus out, commit) changes nothing
        self.ws.keep_focus = True  # typing goes on in the field
        try:
            kind = commands.DateEditCommand if field == "date" else commands.EditFieldCommand
            session.push(kind(session, before, field, value))
        finally:
            self.ws.keep_focus = False

    def change_span(self, start: int, end: int) -> None:
        a, session = self.current(), self.ws.session
        if a is None or session is None or (start, end) == (a.start, a.end):
            return
        session.push(commands.SpanCommand(session, a, start, end))

    def span_to_selection(self) -> None:
        span = self._selection()
        if span is not None:
            self.change_span(*span)

    def nudge(self, start_words: int, end_words: int) -> None:
        """Move a span edge by one word in the direction of the arrow on screen: positive
        is rightwards, towards the end of left-to-right text and towards the start of
        right-to-left text (as Shift+arrows move there)."""
        a, article = self.current(), self.ws.article
        if a is None or article is None:
            return
        text = article.text
        start, end = a.start, a.end
        if start_words:
            step = -start_words if self.reader.is_rtl_at(start) else start_words
            start = word_step(text, start, step, edge="start")
        if end_words:
            step = -end_words if self.reader.is_rtl_at(max(start, end - 1)) else end_words
            end = word_step(text, end, step, edge="end")
        start, end = trim_whitespace(text, start, end)
        if (start, end) == (a.start, a.end):
            self.notify("That edge cannot move further that way: it has reached the end of "
                        "its paragraph, or the span would be empty.", 5000)
        elif start < end:
            self.change_span(start, end)
            self.reader.reveal(start, end)

    def change_kind(self, kind: str) -> None:
        """Make the current annotation a claim, quote or event (Shift+C / Shift+Q / Shift+E)."""
        a, session = self.current(), self.ws.session
        if a is None or session is None:
            self.notify("No annotation is chosen: click one, then change its kind.", 5000)
            return
        if a.kind == kind:
            self.notify(f"It is already {_a(kind)}.", 4000)
            return
        dropped = [FIELD_NAMES.get(n, n) for n in dropped_by(a, kind)]
        if session.push(commands.ChangeKindCommand(session, a, kind)) and dropped:
            self.notify(f"Now {_a(kind)}; {_a(kind)} "
                        f"has no {' or '.join(dropped)}, so "
                        f"{'it was' if len(dropped) == 1 else 'they were'} cleared "
                        "(Ctrl+Z brings back the old kind with them).", 8000)

    def step(self, delta: int) -> None:
        """Next/previous annotation from where the user is: from the current one while the
        caret is on it or has not moved since it was chosen, else from the caret (a click
        on plain text, or arrows moving the caret elsewhere)."""
        rows = self.panel.model.rows
        if not rows:
            return
        caret_qt = self.reader.textCursor().position()
        caret = self.reader.offsets.to_cp(caret_qt)
        current = self.current()
        skip = current.id if current is not None else None
        if current is not None and (caret_qt == self.ws.caret_when_chosen
                                    or current.start <= caret <= current.end):
            self.panel.step(delta)
        else:
            if delta > 0:
                after = [a for a in rows if a.start >= caret and a.id != skip]
                chosen = after[0] if after else rows[-1]
            else:
                before = [a for a in rows if a.start < caret and a.id != skip]
                chosen = before[-1] if before else rows[0]
            self.panel.select(chosen.id)
        now = self.current()
        if now is not None:  # the caret goes along, so Shift+arrows start from here
            cursor = self.reader.textCursor()
            cursor.setPosition(self.reader.offsets.to_qt(now.start))
            self.reader.setTextCursor(cursor)
            self.ws.caret_when_chosen = cursor.position()

    def edit_current(self) -> None:
        if self.current() is not None:
            self.details.focus_key_field()


def _same(stored: object, value: object) -> bool:
    if isinstance(stored, tuple | list):
        return isinstance(value, tuple | list) and tuple(stored) == tuple(value)
    return stored == ("" if value is None else str(value).strip())


def _a(kind: str) -> str:
    """"a claim", "a quote", "an event"."""
    word = KIND_LABELS[kind].lower()
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"
