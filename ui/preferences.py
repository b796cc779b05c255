"""Preferences: who the user is (name, initials), how the reader looks (font, column width)
and whether suggestions run on import. Kept in QSettings, per user, not in a project file."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

try:
    from models.identity import default_annotator, initials
except ImportError:  # older checkout without models.identity: same rule, locally
    import getpass
    import os

    def default_annotator() -> str:
        try:
            import pwd

            gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        except (ImportError, KeyError, OSError):
            gecos = ""
        return gecos or getpass.getuser() or "Researcher"

    def initials(name: str) -> str:
        return "".join(w[0] for w in name.split() if w[:1].isalnum())[:4].upper()

GROUP = "preferences"
DEFAULT_FONT = "DejaVu Serif"


@dataclass(frozen=True)
class Preferences:
    name: str = ""
    initials: str = ""
    font_family: str = DEFAULT_FONT
    font_size: float = 12.5
    column_chars: int = 72  # reader line length; 60-75 reads comfortably
    suggest_on_import: bool = True

    @property
    def has_name(self) -> bool:
        return bool(self.name.strip())


def _as_bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):  # ini files give strings back
        return value.strip().lower() in ("1", "true", "yes", "on")
    return default if value is None else bool(value)


def load_preferences(settings: QSettings) -> Preferences:
    """Stored preferences; anything missing or unreadable keeps its default."""
    d = Preferences()
    settings.beginGroup(GROUP)
    try:
        name = " ".join(str(settings.value("name", "") or "").split())
        try:
            size = float(settings.value("fontSize", d.font_size))
        except (TypeError, ValueError):
            size = d.font_size
        try:
            chars = int(settings.value("columnChars", d.column_chars))
        except (TypeError, ValueError):
            chars = d.column_chars
        return Preferences(
            name=name,
            initials=str(settings.value("initials", "") or "").strip() or initials(name),
            font_family=str(settings.value("fontFamily", d.font_family) or d.font_family),
            font_size=max(7.0, min(40.0, size)),
            column_chars=max(45, min(100, chars)),
            suggest_on_import=_as_bool(settings.value("suggestOnImport"), d.suggest_on_import),
        )
    finally:
        settings.endGroup()


def save_preferences(settings: QSettings, prefs: Preferences) -> None:
    settings.beginGroup(GROUP)
    settings.setValue("name", prefs.name)
    settings.setValue("initials", prefs.initials)
    settings.setValue("fontFamily", prefs.font_family)
    settings.setValue("fontSize", prefs.font_size)
    settings.setValue("columnChars", prefs.column_chars)
    settings.setValue("suggestOnImport", prefs.suggest_on_import)
    settings.endGroup()
    settings.sync()


class PreferencesDialog(QDialog):
    """Edit Preferences. Initials follow the name until the user types their own; OK stays
    disabled while the name is empty (every note and comment is signed with it)."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None, *,
                 first_start: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Briefmark" if first_start else "Preferences")
        name = prefs.name or default_annotator()
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("Your full name, as notes and comments are signed")
        self.initials = QLineEdit(prefs.initials or initials(name))
        self.initials.setMaxLength(6)
        self._initials_typed = bool(prefs.initials) and prefs.initials != initials(name)
        self.font_box = QFontComboBox()
        self.font_box.setCurrentFont(QFont(prefs.font_family))
        self.size_box = QDoubleSpinBox()
        self.size_box.setRange(7.0, 40.0)
        self.size_box.setDecimals(1)
        self.size_box.setSingleStep(0.5)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(prefs.font_size)
        self.width_chars = QSpinBox()
        self.width_chars.setRange(45, 100)
        self.width_chars.setSuffix(" characters")
        self.width_chars.setValue(prefs.column_chars)
        self.suggest = QCheckBox("Suggest quotes, claims and events when importing")
        self.suggest.setChecked(prefs.suggest_on_import)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")

        form = QFormLayout()
        for label, widget in (("&Name:", self.name), ("&Initials:", self.initials),
                              ("Reader &font:", self.font_box), ("Font &size:", self.size_box),
                              ("Line &length:", self.width_chars)):
            lab = QLabel(label)
            lab.setBuddy(widget)
            form.addRow(lab, widget)
        form.addRow("", self.suggest)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if first_start:
            intro = QLabel("Your name signs the annotations and briefing notes you make. "
                           "You can change it later in Preferences.")
            intro.setWordWrap(True)
            layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.textEdited.connect(self._name_edited)
        self.initials.textEdited.connect(self._initials_edited)
        self._validate()

    def _name_edited(self, text: str) -> None:
        if not self._initials_typed:
            self.initials.setText(initials(text))
        self._validate()

    def _initials_edited(self, text: str) -> None:
        self._initials_typed = bool(text.strip())  # cleared: follow the name again
        if not self._initials_typed:
            self.initials.setText(initials(self.name.text()))

    def _validate(self) -> bool:
        ok = bool(self.name.text().strip())
        self.problem.setText("" if ok else "Enter your name: it signs your annotations.")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def accept(self) -> None:
        if self._validate():
            super().accept()

    def preferences(self) -> Preferences:
        name = " ".join(self.name.text().split())
        return Preferences(
            name=name, initials=self.initials.text().strip() or initials(name),
            font_family=self.font_box.currentFont().family(), font_size=self.size_box.value(),
            column_chars=self.width_chars.value(), suggest_on_import=self.suggest.isChecked())


def edit_preferences(settings: QSettings, parent: QWidget | None = None) -> Preferences | None:
    """The Preferences dialog; saved and returned on OK, None on Cancel."""
    dialog = PreferencesDialog(load_preferences(settings), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    prefs = dialog.preferences()
    save_preferences(settings, prefs)
    return prefs


def ask_name_first_start(settings: QSettings, parent: QWidget | None = None) -> str:
    """The user's name: stored, or asked once (prefilled from the OS full name). Cancel
    keeps the prefilled name for this session without storing it, so it is asked again."""
    prefs = load_preferences(settings)
    if prefs.has_name:
        return prefs.name
    dialog = PreferencesDialog(prefs, parent, first_start=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return " ".join(dialog.name.text().split()) or default_annotator()
    chosen = dialog.preferences()
    save_preferences(settings, chosen)
    return chosen.name
