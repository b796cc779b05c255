"""The details editor: the selected annotation's fields, saved as they are typed."""

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
        self._paragraphs: Callable[[int, int], str] | None = None
        self._date_context: Callable[[], tuple[str, str]] | None = None  # set_date_context
        self.completers: dict[str, QCompleter] = {}
        self._name_fields: set[QWidget] = set()  # fields that complete names

        form = QFormLayout()
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
        self.date_hint = QLabel()
        self.date_hint.setStyleSheet("color: #b00020")
        self.date_hint.setWordWrap(True)  # the advice never widens the panel
        form.addRow("", self.date_hint)

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
            self.date_hint.setText("“When” gives no date here; type it in Date if you know it")
            return
        self.fields["date"].setText(found)
        self.date_hint.setText(f"Date read from “When”: {show_date(found, short=False)}")
        self._emit("date", found)

    def _commit(self, name: str, text: str) -> None:
        self._pending.pop(name, None)
        parts = text.split(",") if name == "participants" else [text]
        for part in (" ".join(p.split()) for p in parts):
            if part:
                self._learned[part] += 1
        self._rebuild()

    def completion_names(self) -> list[str]:
        """What the completers offer now, best first."""
        return self._names.stringList()

    def set_paragraph_source(self, label: Callable[[int, int], str] | None) -> None:
        """Where "¶ 4" comes from: e.g. ReaderView.paragraph_label(start, end)."""
        self._paragraphs = label
        if self.annotation is not None:
            self.show_annotation(self.annotation, keep_focused=True)

    def show_annotation(self, a: Annotation | None, *, keep_focused: bool = False) -> None:
        """Fill the fields; with keep_focused the field being typed in is left alone."""
        self.annotation = a
        self.shown.emit(a)
        focused = self.focusWidget() if keep_focused else None
        if a is None:
            self.heading.setText("Select an annotation, or select text and press C, Q or E.")
            self.quote.clear()
            for lab, w in self._rows.values():
                lab.hide()
                w.hide()
            self.date_hint.clear()
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
                shown = ", ".join(value) if isinstance(value, tuple) else value
                if w.text() != shown:
                    caret = w.cursorPosition()
                    w.setText(shown)
                    w.setCursorPosition(min(caret, len(shown)))
            w.blockSignals(False)
        if focused is None:
            self.date_hint.clear()

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

    def _line_edited(self, name: str, text: str) -> None:
        if name in self.completers:
            self._pending[name] = text.split(",")[-1] if name == "participants" else text
        if name == "date":
            value = text.strip()
            if value:
                try:
                    value = parse_event_date(value)  # a day, month, year or range of them
                except ValidationError as exc:
                    self.date_hint.setText(exc.hint if isinstance(exc, DateError) else
                                           "Not saved until it is a date")
                    return
            self.date_hint.clear()
            self._emit(name, value)
            return
        if name in ("tags", "participants"):
            self._emit(name, [p for p in text.split(",")])
            return
        self._emit(name, text)

    def _note_changed(self) -> None:
        self._emit("note", self.fields["note"].toPlainText())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return True
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.KeyPress) \
                and obj in self._name_fields:
            self.namesWanted.emit()  # cheap once the names are in
        return super().eventFilter(obj, event)
