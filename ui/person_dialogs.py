"""Dialogs of the People view: edit a person, choose whom to merge into, choose an alias."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.people import Person
from models.people_names import KIND_LABELS, PERSON_KINDS


class PersonDialog(QDialog):
    """Name, kind, role, aliases and note of one person; the values come back whole."""

    def __init__(self, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {person.name}")
        self.name = QLineEdit(person.name)
        self.kind = QComboBox()
        for k in PERSON_KINDS:
            self.kind.addItem(KIND_LABELS[k], k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(person.kind)))
        self.description = QLineEdit(person.description)
        self.description.setPlaceholderText("role, affiliation (shown in notes)")
        self.aliases = QLineEdit(", ".join(person.aliases))
        self.aliases.setPlaceholderText("other names, comma separated")
        self.note = QPlainTextEdit(person.note)
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        for label, widget in (("&Name:", self.name), ("&Kind:", self.kind),
                              ("&Role:", self.description), ("&Aliases:", self.aliases),
                              ("N&ote:", self.note)):
            form.addRow(label, widget)
        hint = QLabel("Renaming changes every annotation that names this person.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, object]:
        return {"name": self.name.text(), "kind": self.kind.currentData(),
                "description": self.description.text(),
                "aliases": [a for a in self.aliases.text().split(",") if a.strip()],
                "note": self.note.toPlainText()}


class ChooseDialog(QDialog):
    """Pick one of many names by typing (completion matches any part)."""

    def __init__(self, title: str, label: str, names: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.names = names
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(names)
        self.combo.setCurrentIndex(-1)
        completer = self.combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label))
        layout.addWidget(self.combo)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def chosen(self) -> str | None:
        text = self.combo.currentText().strip()
        return next((n for n in self.names if n.casefold() == text.casefold()), None)

    def accept(self) -> None:
        """Take the name typed, or the one name containing what was typed; otherwise stay
        open and say so (Enter on a part of a name used to close without doing anything)."""
        if self.chosen() is None:
            typed = " ".join(self.combo.currentText().split())
            found = [n for n in self.names if typed and typed.casefold() in n.casefold()]
            if len(found) != 1:
                self.problem.setText(
                    f"No one here is called “{typed}”: choose a name from the list."
                    if not found else f"{len(found)} names contain “{typed}”: type more of "
                    "the one you mean, or choose it from the list.")
                self.problem.show()
                self.combo.setFocus()
                return
            self.combo.setEditText(found[0])
        super().accept()
