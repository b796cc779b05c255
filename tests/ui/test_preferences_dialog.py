"""Preferences through keys: name prefilled from the OS, initials follow, stored in QSettings."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui.preferences import (
    Preferences,
    PreferencesDialog,
    ask_name_first_start,
    edit_preferences,
    load_preferences,
    save_preferences,
)
from ui.reader import ReaderView


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def stored(ini: Path) -> dict[str, str]:
    """What is really in the settings file, read without Qt."""
    parser = configparser.ConfigParser()
    parser.read(ini, encoding="utf-8")
    return dict(parser["preferences"]) if parser.has_section("preferences") else {}


def drive_modal(qtbot, steps) -> list[bool]:  # noqa: ANN001
    """Run `steps(dialog)` on the next modal dialog once it is shown (exec blocks)."""
    seen: list[bool] = []

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, go)
            return
        seen.append(True)
        steps(dialog)

    QTimer.singleShot(0, go)
    return seen


def test_dialog_prefills_os_name_and_initials_follow_until_typed(
        qtbot, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("BRIEFMARK_ANNOTATOR", "Ada Lovelace")
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.name.text() == "Ada Lovelace" and dialog.initials.text() == "AL"
    qtbot.keyClick(dialog.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.name, "Grace Brewster Hopper")
    assert dialog.initials.text() == "GBH"
    qtbot.keyClick(dialog.initials, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.initials, "GH")
    qtbot.keyClick(dialog.name, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name, " Jr")
    assert dialog.initials.text() == "GH"  # typed initials are the user's: kept
    # An empty name cannot be saved; Enter does not close the dialog.
    qtbot.keyClick(dialog.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Delete)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "Enter your name" in dialog.problem.text()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0


def test_edit_preferences_saves_what_was_typed(qtbot, ini, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("BRIEFMARK_ANNOTATOR", "Ada Lovelace")
    settings = QSettings(str(ini), QSettings.Format.IniFormat)

    def steps(dialog: PreferencesDialog) -> None:
        qtbot.keyClick(dialog.name, Qt.Key.Key_End)
        qtbot.keyClicks(dialog.name, " King")
        dialog.size_box.setFocus()
        qtbot.keyClick(dialog.size_box.lineEdit(), Qt.Key.Key_A,
                       Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.size_box.lineEdit(), "14")
        dialog.width_chars.setFocus()
        qtbot.keyClick(dialog.width_chars.lineEdit(), Qt.Key.Key_A,
                       Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.width_chars.lineEdit(), "66")
        qtbot.keyClick(dialog.suggest, Qt.Key.Key_Space)  # untick
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    seen = drive_modal(qtbot, steps)
    prefs = edit_preferences(settings)
    assert seen and prefs is not None
    assert prefs.name == "Ada Lovelace King" and prefs.initials == "ALK"
    on_disk = stored(ini)
    assert on_disk["name"] == "Ada Lovelace King" and on_disk["initials"] == "ALK"
    assert float(on_disk["fontsize"]) == 14.0 and on_disk["columnchars"] == "66"
    assert on_disk["suggestonimport"] == "false"
    again = load_preferences(QSettings(str(ini), QSettings.Format.IniFormat))
    assert again == prefs


def test_name_is_asked_once_on_first_start(qtbot, ini, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("BRIEFMARK_ANNOTATOR", "Ada Lovelace")
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    assert stored(ini) == {}
    seen = drive_modal(qtbot, lambda d: qtbot.keyClick(d.name, Qt.Key.Key_Return))
    assert ask_name_first_start(settings) == "Ada Lovelace"
    assert seen == [True]
    assert stored(ini)["name"] == "Ada Lovelace"
    # Second start: nothing is asked.
    seen = drive_modal(qtbot, lambda d: d.reject())
    assert ask_name_first_start(QSettings(str(ini), QSettings.Format.IniFormat)) == \
        "Ada Lovelace"
    qtbot.wait(60)
    assert seen == []


def test_reader_applies_font_and_keeps_a_comfortable_line(qtbot, ini, corpus) -> None:  # noqa: ANN001
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    save_preferences(settings, Preferences(name="Ada", initials="A",
                                           font_family="DejaVu Serif", font_size=13.0,
                                           column_chars=72))
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.apply_preferences(load_preferences(settings))
    text = (corpus / "en_nymag_ailes_longform.txt").read_text(encoding="utf-8")
    reader.set_article(text, [])
    longest = max(range(reader.document().blockCount()),
                  key=lambda b: len(reader.document().findBlockByNumber(b).text()))
    assert reader.font().pointSizeF() == 13.0 and "DejaVu Serif" in reader.font().families()
    reader.resize(1800, 700)  # a wide screen: the line stays comfortable
    reader.show()
    qtbot.waitExposed(reader)
    qtbot.wait(20)  # margins follow the resize on the next layout
    wide = reader.chars_per_line(longest)
    assert 62 <= wide <= 80
    # The narrowest the reader lets itself be still shows 60 characters a line.
    reader.resize(reader.minimumWidth(), 700)
    qtbot.wait(20)
    narrow = reader.chars_per_line(longest)
    assert reader.width() == reader.minimumWidth() and 60 <= narrow <= wide
    assert reader.minimumWidth() < 700  # leaves ~320 px for side panels in a 1024 px window
