"""Fixtures for driving the real window with pytest-qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from models.project import Project
from models.sample import add_sample
from models.values import ArticleMeta


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal warnings would block a test; record what they say instead."""
    said: list[str] = []

    def warn(_parent: object, _title: str, text: str, *a: object, **k: object) -> int:
        said.append(text)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return said


def make_window(qtbot, settings: QSettings, path: Path):  # noqa: ANN001, ANN201
    from ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert window.open_project(path)
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus, timeout=3000)
    return window


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    path = tmp_path / "sample.briefmark"
    with Project.open(path, create=True) as p:
        add_sample(p)
    return path


@pytest.fixture
def window(qtbot, settings: QSettings, sample_path: Path, warnings: list[str]):  # noqa: ANN001, ANN201
    return make_window(qtbot, settings, sample_path)


@pytest.fixture
def text_window(qtbot, settings, tmp_path: Path, warnings):  # noqa: ANN001, ANN201
    """A window on a project with one article whose text the test chooses."""

    def open_with(text: str, title: str = "Test article") -> Iterator:
        path = tmp_path / "t.briefmark"
        with Project.open(path, create=True) as p:
            p.articles.add(text, ArticleMeta(title=title))
        return make_window(qtbot, settings, path)

    return open_with


def db(window) -> Project:  # noqa: ANN001
    """A second, independent connection to the window's project file: what is really saved."""
    return Project.open(window.session.project.path)
