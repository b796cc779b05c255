"""A small screen: the reading column keeps a 60-character line at 1024 px, View ▸ Library
brings a folded library back in one press, a large font never pushes the window off the
screen, and keys go to the text when a project opens."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from models.project import Project
from models.sample import TEXT
from ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def chars_on_first_lines(window) -> int:  # noqa: ANN001
    """The fewest characters on a full line (not a paragraph's last) in the reader."""
    QApplication.processEvents()
    block, fewest = window.reader.document().begin(), 10**6
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount() - 1):  # a paragraph's last line may be short
            fewest = min(fewest, layout.lineAt(i).textLength())
        block = block.next()
    return fewest


def test_1024_px_keeps_sixty_characters_and_library_comes_back_in_one_press(qtbot, window) -> None:  # noqa: ANN001
    window.resize(1024, 740)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=3000)
    assert window.act_show_library.isChecked()
    assert window.panels.folded() == ["library"]  # folded for room, still wanted
    assert chars_on_first_lines(window) >= 60
    qtbot.keyClick(window.reader, Qt.Key.Key_L, CTRL_SHIFT)
    assert window.library.isVisible() and window.panels.folded() == ["annotations"]
    assert window.act_show_library.isChecked()
    assert chars_on_first_lines(window) >= 60
    qtbot.keyClick(window.reader, Qt.Key.Key_L, CTRL_SHIFT)  # and away again
    assert not window.library.isVisible() and window.panels.folded() == ["library"]
    assert not window.act_show_library.isChecked()


def test_wide_window_keeps_a_comfortable_line(qtbot, window) -> None:  # noqa: ANN001
    window.resize(2400, 900)
    qtbot.waitUntil(lambda: window.width() == 2400, timeout=3000)
    assert window.panels.folded() == []
    longest = 0
    block = window.reader.document().begin()
    while block.isValid():
        layout = block.layout()
        longest = max([longest] + [layout.lineAt(i).textLength()
                                   for i in range(layout.lineCount())])
        block = block.next()
    assert longest <= 100  # the column stops widening; no 250-character lines


def test_a_large_font_never_makes_the_window_wider_than_the_screen(qtbot, window) -> None:  # noqa: ANN001
    screen = window.screen().availableGeometry().width()
    window.user.apply(replace(window.user.prefs, font_size=24.0))
    assert window.reader.point_size() == 24.0
    assert window.minimumWidth() <= screen
    assert window.reader.minimumWidth() < screen


def test_keys_go_to_the_text_when_a_project_opens(qtbot, settings: QSettings,  # noqa: ANN001
                                                  sample_path: Path) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    assert window.open_project(sample_path)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.waitUntil(window.reader.hasFocus, timeout=3000)
    # C on a selection tags it (it is not typed into the library's filter)
    target = "the numbers no longer add up"
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.offsets.to_qt(TEXT.index(target)))
    cursor.setPosition(window.reader.offsets.to_qt(TEXT.index(target) + len(target)),
                       cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    before = len(window.panel.model.rows)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    assert len(window.panel.model.rows) == before + 1


def test_an_edge_that_cannot_move_says_so(qtbot, window) -> None:  # noqa: ANN001
    target = "deep-water harbour"
    start = TEXT.index(target)
    end_of_para = TEXT.index("\n", start)
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.offsets.to_qt(start))
    cursor.setPosition(window.reader.offsets.to_qt(start + len(target)),
                       cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    made = window.panel.current_id()
    window.reader.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    with Project.open(window.session.project.path) as p:
        assert p.annotations.get(made).end == end_of_para  # the full stop, no further
    assert "cannot move further" in window.statusBar().currentMessage()
