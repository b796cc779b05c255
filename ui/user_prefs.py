"""The user's Preferences at work in the window: who signs new annotations (in the open
project and every project opened later), the reader's font and line length, and whether
suggestions run on import (ui/article_actions reads `load_preferences(settings)`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from models.project import Project
from ui.preferences import Preferences, edit_preferences, load_preferences, save_preferences
from ui.reader import ReaderView


class UserPreferences:
    def __init__(self, settings: QSettings, reader: ReaderView, on_import: QAction,
                 project: Callable[[], Project | None], relayout: Callable[[], None], *,
                 annotator: str | None = None) -> None:
        """`annotator` (from --annotator or BRIEFMARK_ANNOTATOR) signs this session's work
        instead of the name in Preferences, without being stored."""
        self.settings, self.reader, self.on_import = settings, reader, on_import
        self.project, self.relayout = project, relayout
        self.prefs: Preferences = load_preferences(settings)
        self.override = " ".join((annotator or "").split()) or None
        on_import.setChecked(self.prefs.suggest_on_import)
        on_import.toggled.connect(self._on_import_toggled)

    def annotator(self) -> str | None:
        """The name new annotations are signed with: --annotator, else Preferences (None:
        models.identity's default, the OS full name)."""
        return self.override or self.prefs.name or None

    def edit(self, parent: QWidget) -> Preferences | None:
        """Edit ▸ Preferences…: saved and applied on OK."""
        before = self.prefs
        prefs = edit_preferences(self.settings, parent)
        if prefs is None:
            return None
        if prefs.name != before.name:  # a name typed now wins over --annotator
            self.override = None
        self.apply(prefs)
        return prefs

    def apply(self, prefs: Preferences) -> None:
        self.prefs = prefs
        self.reader.apply_preferences(prefs)
        self.settings.setValue("zoom", self.reader.point_size())
        self.on_import.setChecked(prefs.suggest_on_import)
        project = self.project()
        if project is not None and self.annotator():
            project.annotator = self.annotator() or project.annotator
        self.relayout()

    def _on_import_toggled(self, on: bool) -> None:
        """Annotate ▸ Suggest on Import is the same setting as the one in Preferences."""
        if on != self.prefs.suggest_on_import:
            self.prefs = replace(load_preferences(self.settings), suggest_on_import=on)
            save_preferences(self.settings, self.prefs)
