"""Preferences in the window: Edit ▸ Preferences… (Ctrl+,) signs new work with the name in
the open project and in projects opened later, sets the reader, and keeps suggestions on
import; the first start asks the name once (ui/app.run), unless --annotator or
BRIEFMARK_ANNOTATOR names the user. Assertions read the project and settings files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from models.project import Project
from models.sample import TEXT, add_sample
from tests.ui.conftest import make_window
from tests.ui.test_annotating import select_with_keys
from ui.preferences import PreferencesDialog, load_preferences


def answer_modal(qtbot, steps: Callable[[QDialog], None], *,  # noqa: ANN001
                 give_up_ms: int = 5000) -> list[str]:
    """Run `steps` on the next modal dialog once it shows (exec blocks the test); a dialog
    nobody expected is rejected after `give_up_ms`, so a test can fail but never hang."""
    seen: list[str] = []
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            seen.append(dialog.windowTitle())
            # Keys go where a user's would: to the dialog, active, not the window behind it.
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
            steps(dialog)
            if dialog.isVisible():  # the steps did not close it: fail, never hang
                dialog.reject()
            return
        waited[0] += 20
        if waited[0] < give_up_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def type_name(qtbot, name: str) -> Callable[[QDialog], None]:  # noqa: ANN001
    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, PreferencesDialog)
        field = dialog.name
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)  # OK is the default button
    return steps


def tag_quote(qtbot, window, target: str) -> int:  # noqa: ANN001
    window.activateWindow()  # back from the dialog, as a user's click on the window
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.reader.setFocus()
    select_with_keys(qtbot, window, window.article.text.index(target), len(target))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    return window.panel.current_id()


def signed(path: Path, annotation_id: int) -> str:
    with Project.open(path) as p:
        return p.annotations.get(annotation_id).annotator


def test_ctrl_comma_sets_the_name_for_the_open_and_later_projects(qtbot, window, settings,  # noqa: ANN001
                                                                 tmp_path: Path) -> None:
    assert [a.text() for a in window.edit_menu.actions()][-1] == "Preferences…"
    seen = answer_modal(qtbot, type_name(qtbot, "Marta Kovacs"))
    qtbot.keyClick(window.reader, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Preferences"]
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value(
        "preferences/name") == "Marta Kovacs"
    first = tag_quote(qtbot, window, "the numbers no longer add up")
    assert signed(window.session.project.path, first) == "Marta Kovacs"
    assert "by Marta Kovacs" in window.details.heading.text()
    other = tmp_path / "other.briefmark"
    with Project.open(other, create=True) as p:
        add_sample(p)
    assert window.open_project(other)
    second = tag_quote(qtbot, window, "protest march")
    assert signed(other, second) == "Marta Kovacs"


def test_preferences_set_the_reader_and_suggestions_on_import(qtbot, window, settings) -> None:  # noqa: ANN001
    def steps(dialog: QDialog) -> None:
        dialog.size_box.setValue(15.0)
        dialog.width_chars.setValue(64)
        qtbot.mouseClick(dialog.suggest, Qt.MouseButton.LeftButton)  # off
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    answer_modal(qtbot, steps)
    window.act_preferences.trigger()
    saved = load_preferences(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert (saved.font_size, saved.column_chars, saved.suggest_on_import) == (15.0, 64, False)
    assert window.reader.point_size() == 15.0 and window.reader.column_chars == 64
    assert not window.suggestions.act_on_import.isChecked()
    window.suggestions.act_on_import.trigger()  # Annotate ▸ Suggest on Import: same setting
    fresh = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert load_preferences(fresh).suggest_on_import is True


def test_cancel_changes_nothing(qtbot, window, settings) -> None:  # noqa: ANN001
    before = load_preferences(settings)

    def steps(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.name, " and more")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)

    answer_modal(qtbot, steps)
    window.act_preferences.trigger()
    assert load_preferences(QSettings(settings.fileName(), QSettings.Format.IniFormat)) == before
    assert window.session.project.annotator == window.annotator_name() or \
        window.annotator_name() is None


@pytest.fixture
def app_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where ui.app.run keeps its settings (BRIEFMARK_DATA_DIR), and a project to open."""
    data = tmp_path / "data"
    monkeypatch.setenv("BRIEFMARK_DATA_DIR", str(data))
    monkeypatch.delenv("BRIEFMARK_ANNOTATOR", raising=False)
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        add_sample(p)
    return path


def start(qtbot, *argv: str) -> QWidget:  # noqa: ANN001
    from ui.app import run

    window = run(list(argv), exec_loop=False, ask_name=True)
    qtbot.addWidget(window)
    return window


def test_first_start_asks_the_name_once(qtbot, app_settings: Path) -> None:  # noqa: ANN001
    seen = answer_modal(qtbot, type_name(qtbot, "Ana Ruiz"))
    window = start(qtbot, str(app_settings))
    assert seen == ["Welcome to Briefmark"]
    assert window.annotator_name() == "Ana Ruiz"
    assert window.session.project.annotator == "Ana Ruiz"
    window.close()
    again = answer_modal(qtbot, lambda d: d.reject(), give_up_ms=300)
    window = start(qtbot, str(app_settings))
    qtbot.wait(400)
    assert again == []  # stored: not asked again
    assert window.session.project.annotator == "Ana Ruiz"
    target = "the numbers no longer add up"
    window.reader.setFocus()
    select_with_keys(qtbot, window, TEXT.index(target), len(target))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    assert signed(app_settings, window.panel.current_id()) == "Ana Ruiz"
    window.close()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_name_given_at_start_is_not_asked_for_nor_stored(qtbot, app_settings: Path,  # noqa: ANN001
                                                          monkeypatch, how: str) -> None:
    argv = [str(app_settings)]
    if how == "option":
        argv += ["--annotator", "Guest  Reader"]
    else:
        monkeypatch.setenv("BRIEFMARK_ANNOTATOR", "Guest Reader")
    seen = answer_modal(qtbot, lambda d: d.reject(), give_up_ms=300)
    window = start(qtbot, *argv)
    qtbot.wait(400)
    assert seen == []
    assert window.session.project.annotator == "Guest Reader"
    assert load_preferences(window.settings).name == ""
    window.close()


def test_window_in_tests_never_asks(qtbot, settings, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "q.briefmark"
    with Project.open(path, create=True) as p:
        add_sample(p)
    seen = answer_modal(qtbot, lambda d: d.reject(), give_up_ms=300)
    window = make_window(qtbot, settings, path)
    qtbot.wait(400)
    assert seen == [] and window.annotator_name() is None
