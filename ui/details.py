"""The details editor: the selected annotation's fields, saved as they are typed; Date is
saved when finished (Enter, Tab, leaving it): "2016" on the way to "2016/2015" is no date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationError
from models.event_dates import DateError, date_from_when, parse_event_date, show_date
from models.values import STATUSES, Annotation
from ui.theme import KIND_LABELS, kind_ink

KEY_FIELD = {"quote": "speaker", "claim": "claimant", "event": "when"}


class _GlobalUndoFilter(QObject):
    """Let Ctrl+Z / Ctrl+Shift+Z reach the window's undo stack instead of a field's own."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return False


ALIAS_ARROW = " → "  # "Bibi → Benjamin Netanyahu": an alias offered, its person chosen


class NameCompleter(QCompleter):
    """Completes a name; an alias entry ("Bibi → Benjamin Netanyahu") puts in the person's
    name, so every annotation names a person the same way."""

    def chosen(self, index) -> str:  # noqa: ANN001
        text = str(index.data())
        return text.split(ALIAS_ARROW, 1)[1] if ALIAS_ARROW in text else text

    def pathFromIndex(self, index) -> str:  # noqa: N802, ANN001
        return self.chosen(index)


class ListCompleter(NameCompleter):
    """Completes the last item of a comma-separated list (participants)."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802, ANN001
        done = self.widget().text().split(",")[:-1]
        return ", ".join([p.strip() for p in done if p.strip()] + [self.chosen(index)])


class DetailsEditor(QWidget):
    """Emits fieldEdited(annotation id, field, value) for every change the user makes."""

    fieldEdited = Signal(int, str, object)
    escapePressed = Signal()
    shown = Signal(object)  # the annotation now shown (None: none)
    # a name field is about to complete: names still being counted are wanted now
    namesWanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.annotation: Annotation | None = None
        self.heading = QLabel("Select an annotation, or select text and press C, Q or E.")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields: dict[str, QWidget] = {}
        self._names = QStringListModel(self)
        self._known: dict[str, int] = {}  # names in the project and how often each is used
        self._aliases: dict[str, str] = {}  # alias: the person's name
        self._order: dict[str, int] = {}  # a plain list's order, for callers that rank
        self._learned: Counter[str] = Counter()  # names committed in this editor
        self._pending: dict[str, str] = {}  # field -> text typed but not committed yet
        # The annotation whose Date holds text typed but not stored (None: it shows the
        # stored date); commit_typing saves it, a refresh from the store drops it.
        self._date_typed: int | None = None
        # Name fields typed in since the store last showed the annotation: until it has,
        # what it made of the text ("bibi" -> Benjamin Netanyahu) is not known here.
        self._unanswered: set[str] = set()
        self._paragraphs: Callable[[int, int], str] | None = None
        self._date_context: Callable[[], tuple[str, str]] | None = None  # set_date_context
        self.completers: dict[str, QCompleter] = {}
        self._name_fields: set[QWidget] = set()  # fields that complete names

        form = self._form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        for name, label in (("speaker", "Speaker"), ("claimant", "Claimant"),
                            ("status", "Status"), ("when", "When"), ("date", "Date"),
                            ("where", "Where"), ("participants", "Participants"),
                            ("tags", "Tags"), ("note", "Note")):
            widget = self._make_field(name)
            lab = QLabel(label + ":")
            lab.setBuddy(widget)
            form.addRow(lab, widget)
            self._rows[name] = (lab, widget)
            self.fields[name] = widget
            if name == "date":  # what Date says about itself, right under it
                self.date_hint = QLabel()
                self.date_hint.setWordWrap(True)  # the advice never widens the panel
                form.addRow("", self.date_hint)
                self._hint_row = form.rowCount() - 1
        self._hint_is_error = False

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.quote)
        layout.addLayout(form)
        self._sections = QVBoxLayout()  # add_section: more about the annotation below
        layout.addLayout(self._sections)
        layout.addStretch(1)
        self._undo_filter = _GlobalUndoFilter(self)
        for w in self.fields.values():
            w.installEventFilter(self._undo_filter)
            w.installEventFilter(self)
        self.show_annotation(None)

    def _make_field(self, name: str) -> QWidget:
        if name == "status":
            box = QComboBox()
            for s in STATUSES:
                box.addItem(s.title(), s)
            box.activated.connect(lambda _i: self._emit("status", box.currentData()))
            return box
        if name == "note":
            note = QPlainTextEdit()
            note.setTabChangesFocus(True)
            note.setPlaceholderText("Why it matters, what to check…")
            note.setMaximumHeight(110)
            note.textChanged.connect(self._note_changed)
            return note
        edit = QLineEdit()
        if name in ("speaker", "claimant", "participants"):
            kind = ListCompleter if name == "participants" else NameCompleter
            completer = kind(self._names, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setMaxVisibleItems(10)
            edit.setCompleter(completer)
            self.completers[name] = completer
            self._name_fields.add(edit)
            # Picking a completion sets the text without textEdited: save it all the same,
            # once the line edit has taken the chosen text, and learn the name.
            completer.activated.connect(
                lambda _text, n=name, e=edit: QTimer.singleShot(
                    0, lambda: (self._line_edited(n, e.text()), self._commit(n, e.text()))))
            # A name is learned when the field is committed, never at a keystroke.
            edit.editingFinished.connect(lambda n=name, e=edit: self._commit(n, e.text()))
        if name == "when":
            edit.editingFinished.connect(lambda e=edit: self._when_done(e.text()))
        if name == "date":
            edit.editingFinished.connect(self.commit_typing)
        placeholders = {"date": "YYYY-MM-DD, YYYY-MM, YYYY or START/END",
                        "tags": "comma, separated",
                        "participants": "names, comma separated", "when": "as written",
                        "speaker": "who is quoted", "claimant": "who claims it",
                        "where": "where it happened"}
        edit.setPlaceholderText(placeholders.get(name, ""))
        edit.textEdited.connect(lambda text, n=name: self._line_edited(n, text))
        return edit

    # -- showing ----------------------------------------------------------------------------

    def set_names(self, names: Mapping[str, int] | Sequence[str],
                  aliases: Mapping[str, str] | None = None) -> None:
        """Names to complete: {name: times used} ranks by use; a plain list keeps its
        order. `aliases` ({alias: person's name}) are offered as "alias → name", ranked
        with the person. Text still being typed in a field is never offered back (the
        field saves as it is typed, so a half-typed "Benj" reaches the project before it
        is done)."""
        if isinstance(names, Mapping):
            self._known, self._order = {n: int(c) for n, c in names.items() if n}, {}
        else:
            self._known = dict.fromkeys((n for n in names if n), 0)
            self._order = {n: i for i, n in enumerate(self._known)}
        self._aliases = {a: n for a, n in (aliases or {}).items() if a and n and a != n}
        self._rebuild()

    def _rebuild(self) -> None:
        pending = {t.strip().casefold() for t in self._pending.values() if t.strip()}
        counts = Counter(self._known)
        counts.update(self._learned)
        names = [n for n in counts if n.casefold() not in pending or self._learned[n]
                 or self._known.get(n, 0) > 1]
        names.sort(key=lambda n: (-counts[n], self._order.get(n, 0), n.casefold()))
        if self._aliases:  # each after its person: Benjamin Netanyahu, then Bibi → …
            by_person: dict[str, list[str]] = {}
            for alias, person in sorted(self._aliases.items(), key=lambda x: x[0].casefold()):
                if alias not in counts:
                    by_person.setdefault(person, []).append(f"{alias}{ALIAS_ARROW}{person}")
            names = [x for n in names for x in (n, *by_person.pop(n, ()))] + [
                x for rest in by_person.values() for x in rest]
        if names != self._names.stringList():
            self._names.setStringList(names)

    def set_date_context(self, context: Callable[[], tuple[str, str]] | None) -> None:
        """(publication date, language) of the open article: "When" is read against them."""
        self._date_context = context

    def _when_done(self, text: str) -> None:
        """An event's When fills an empty Date ("Tuesday", "1 Dec 2015", "November 2015",
        "last week", "1–3 December 2015"), read with the suggestions' date rules from the
        article's publication date; a day, a month, a year or a range of them."""
        a, context = self.annotation, self._date_context
        if a is None or a.kind != "event" or not text.strip() or \
                self.fields["date"].text().strip() or context is None:
            return
        published, language = context()
        found = date_from_when(text, published, language)
        if not found:
            self._say("“When” gives no date here; type it in Date if you know it")
            return
        self.fields["date"].setText(found)
        self._say(f"Date read from “When”: {show_date(found, short=False)}")
        self._emit("date", found)

    def _say(self, text: str, *, error: bool = False) -> None:
        """The hint under Date: a refusal in the error colour, anything else plain."""
        self._hint_is_error = error and bool(text)
        self.date_hint.setStyleSheet("color: #b00020" if self._hint_is_error else "")
        self.date_hint.setText(text)
        self._form.setRowVisible(self._hint_row, bool(text))  # no gap when it says nothing

    def _commit(self, name: str, text: str) -> None:
        self._pending.pop(name, None)
        parts = text.split(",") if name == "participants" else [text]
        for part in (" ".join(p.split()) for p in parts):
            if part:
                self._learned[part] += 1
        self._rebuild()
        # Saved as typed, but shown as stored once done: "bibi" became Benjamin Netanyahu.
        if self.annotation is not None and name not in self._unanswered:
            self._set_line(self.fields[name], getattr(self.annotation, name))

    def completion_names(self) -> list[str]:
        """What the completers offer now, best first."""
        return self._names.stringList()

    def set_paragraph_source(self, label: Callable[[int, int], str] | None) -> None:
        """Where "¶ 4" comes from: e.g. ReaderView.paragraph_label(start, end)."""
        self._paragraphs = label
        if self.annotation is not None:
            self.show_annotation(self.annotation, keep_focused=True)

    def show_annotation(self, a: Annotation | None, *, keep_focused: bool = False) -> None:
        """Fill the fields; with keep_focused the field being typed in is left alone (and a
        Date typed but not stored). A Date typed for another annotation is dropped: the
        window saves it first (commit_typing) where it is safe to."""
        if a is None or self.annotation is None or a.id != self.annotation.id:
            self._date_typed = None
        self.annotation = a
        self._unanswered.clear()  # `a` is as stored: it holds what the store made of them
        self.shown.emit(a)
        focused = self.focusWidget() if keep_focused else None
        if a is None:
            self.heading.setText("Select an annotation, or select text and press C, Q or E.")
            self.quote.clear()
            for lab, w in self._rows.values():
                lab.hide()
                w.hide()
            self._say("")
            return
        colour = kind_ink(a.kind).name()
        parts = [f"<b style='color:{colour}'>{KIND_LABELS[a.kind]}</b>"]
        where = self._paragraphs(a.start, a.end) if self._paragraphs else ""
        if where:
            parts.append(escape(where))
        if a.annotator.strip():
            parts.append(f"by {escape(a.annotator.strip())}")
        self.heading.setText(" · ".join(parts))
        text = " ".join(a.text.split())
        self.quote.setText(f"“{text if len(text) < 400 else text[:399] + '…'}”")
        from models.values import ANNOTATION_FIELDS

        for name, (lab, w) in self._rows.items():
            kinds = ANNOTATION_FIELDS[name]
            visible = kinds is None or a.kind in kinds
            lab.setVisible(visible)
            w.setVisible(visible)
            if not visible or w is focused:
                continue
            value: Any = getattr(a, name)
            if name == "date" and keep_focused and self._date_typed == a.id:
                continue  # typed, not stored yet: it is not the field's to take back
            w.blockSignals(True)
            if isinstance(w, QComboBox):
                w.setCurrentIndex(max(0, w.findData(value or "unverified")))
            elif isinstance(w, QPlainTextEdit):
                if w.toPlainText() != value:
                    caret = w.textCursor().position()
                    w.setPlainText(value)
                    cursor = w.textCursor()
                    cursor.setPosition(min(caret, len(w.toPlainText())))
                    w.setTextCursor(cursor)  # undo while typing keeps the caret in place
            elif isinstance(w, QLineEdit):
                self._set_line(w, value)
            w.blockSignals(False)
        if focused is None:
            self._say("")

    def _set_line(self, w: QLineEdit, value: str | tuple[str, ...]) -> None:
        shown = ", ".join(value) if isinstance(value, tuple) else value
        if w is self.fields["date"]:
            self._date_typed = None  # it shows the stored date: a refusal no longer applies
            if self._hint_is_error:
                self._say("")
        if w.text() != shown:
            caret = w.cursorPosition()
            blocked = w.blockSignals(True)  # showing what is stored is no edit
            w.setText(shown)
            w.setCursorPosition(min(caret, len(shown)))
            w.blockSignals(blocked)

    def add_section(self, widget: QWidget) -> None:
        """Show `widget` below the fields (the links view)."""
        self._sections.addWidget(widget)

    def set_read_only(self, read_only: bool) -> None:
        for w in self.fields.values():
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setReadOnly(read_only)
            else:
                w.setEnabled(not read_only)

    def focus_key_field(self) -> None:
        if self.annotation is None:
            return
        w = self.fields[KEY_FIELD[self.annotation.kind]]
        w.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(w, QLineEdit):
            w.selectAll()

    # -- editing ----------------------------------------------------------------------------

    def _emit(self, name: str, value: Any) -> None:
        if self.annotation is not None:
            self.fieldEdited.emit(self.annotation.id, name, value)

    def commit_typing(self) -> None:
        """Save the Date typed and not stored yet, if it is a date; else keep the stored one
        and say why. Enter, Tab and leaving the field call it; so does the window when the
        user moves to another annotation or closes the project with the field still open."""
        aid = self._date_typed
        if aid is None:
            return
        field = self.fields["date"]
        try:
            value = _read_date(field.text())
        except ValidationError as exc:
            self._say(exc.hint if isinstance(exc, DateError) else
                      "Not saved until it is a date", error=True)
            return  # still typed: the text stays to be put right
        self._date_typed = None
        if self._hint_is_error:
            self._say("")
        self.fieldEdited.emit(aid, "date", value)
        if self.annotation is not None and self.annotation.id == aid:
            self._set_line(field, self.annotation.date)  # as stored: "2015-11-30/2015-12-02"

    def drop_typing(self) -> None:
        """Take back a Date typed and not stored, showing the stored one: an undo, a redo
        or another program's change is shown as stored, and nothing may be saved inside
        it (a step pushed while the stack undoes one would tangle the history)."""
        aid, self._date_typed = self._date_typed, None
        if aid is not None and self.annotation is not None and self.annotation.id == aid:
            self._set_line(self.fields["date"], self.annotation.date)

    def hold_typing(self) -> tuple[int, str, int] | None:
        """Take a Date being typed out of the field's care while the window shows the file
        again (another program changed it); resume_typing puts it back."""
        aid, self._date_typed = self._date_typed, None
        field = self.fields["date"]
        return None if aid is None else (aid, field.text(), field.cursorPosition())

    def resume_typing(self, held: tuple[int, str, int] | None) -> None:
        if held is None or self.annotation is None or self.annotation.id != held[0]:
            return  # the annotation is gone: there is nothing to type the date for
        aid, text, caret = held
        field = self.fields["date"]
        field.setText(text)
        field.setCursorPosition(caret)
        self._date_typed = aid

    def _line_edited(self, name: str, text: str) -> None:
        if name in self.completers:
            self._pending[name] = text.split(",")[-1] if name == "participants" else text
            self._unanswered.add(name)
        if name == "date":  # saved when finished (commit_typing), not on the way there
            if self.annotation is not None:
                self._date_typed = self.annotation.id
            if self._hint_is_error:  # a refusal goes once the text is put right
                try:
                    _read_date(text)
                except ValidationError:
                    return
                self._say("")
            return
        if name in ("tags", "participants"):
            self._emit(name, [p for p in text.split(",")])
            return
        self._emit(name, text)

    def _note_changed(self) -> None:
        self._emit("note", self.fields["note"].toPlainText())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.fields["date"] and self._date_typed is not None and \
                event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and \
                event.matches(QKeySequence.StandardKey.Undo):
            # Ctrl+Z takes back what was typed and not stored, as a field's own undo would;
            # the next Ctrl+Z undoes the project's last step.
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # not the window's Undo: this key is the field's
            elif self.annotation is not None:
                self._set_line(self.fields["date"], self.annotation.date)
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return True
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.KeyPress) \
                and obj in self._name_fields:
            self.namesWanted.emit()  # cheap once the names are in
        return super().eventFilter(obj, event)


def _read_date(text: str) -> str:
    """The stored form of a Date as typed ("" for none); ValidationError if it is no date."""
    value = text.strip()
    return parse_event_date(value) if value else ""  # a day, month, year or range of them
