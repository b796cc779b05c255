"""File ▸ New / Open / Recent: choosing which project file the window works on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from models.project import PROJECT_SUFFIX

MAX_RECENT = 8


class ProjectFiles:
    def __init__(self, parent: QWidget, settings: QSettings,
                 open_project: Callable[..., bool]) -> None:
        self.parent, self.settings, self.open_project = parent, settings, open_project
        self.recent_menu = QMenu("Recent Projects", parent)
        self.fill_recent()

    def remember(self, path: Path) -> None:
        p = str(path.resolve())
        recent = [r for r in self.settings.value("recentProjects", [], type=list) if r != p]
        recent.insert(0, p)
        self.settings.setValue("recentProjects", recent[:MAX_RECENT])
        self.settings.setValue("lastProject", p)
        self.fill_recent()

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for r in self.settings.value("recentProjects", [], type=list):
            self.recent_menu.addAction(Path(r).name, lambda r=r: self.open_project(r)) \
                .setToolTip(r)
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def new_project(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.parent, "New project", str(Path.home()),
                                              f"Briefmark projects (*{PROJECT_SUFFIX})")
        if name:
            path = Path(name)
            if path.suffix != PROJECT_SUFFIX:
                path = path.with_suffix(PROJECT_SUFFIX)
            if path.exists():
                QMessageBox.warning(self.parent, "New project", f"{path.name} already exists; "
                                    "open it with File ▸ Open Project or choose another name.")
                return
            self.open_project(path, create=True)

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open project", str(Path.home()),
                                              f"Briefmark projects (*{PROJECT_SUFFIX});;"
                                              "All files (*)")
        if name:
            self.open_project(name)
