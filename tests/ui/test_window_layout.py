"""Window-level details: an empty project shows how to start; the shortcut list shows keys
a user types; read-only turns off every editing action."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from models.project import Project


def test_new_empty_project_clears_the_header_and_shows_how_to_start(qtbot, window,  # noqa: ANN001
                                                                    tmp_path: Path) -> None:
    assert window.header.text()
    assert window.open_project(tmp_path / "fresh.briefmark", create=True)
    assert window.header.text() == "" and window.article is None
    assert window.centre_stack.currentWidget() is window.empty
    with Project.open(tmp_path / "fresh.briefmark") as p:
        assert p.articles.list() == []


def test_shortcut_list_has_only_keys_a_user_types(window) -> None:  # noqa: ANN001
    keys = " ".join(k for _name, k in window.shortcut_rows())
    assert not re.search(r"\bF(1[3-9]|2\d|3\d)\b", keys)
    assert "Ctrl+Z" in keys and "F1" in keys


def test_read_only_turns_off_every_editing_action(qtbot, window) -> None:  # noqa: ANN001
    window._apply_read_only(True)
    assert window.actions_.editing and all(not a.isEnabled() for a in window.actions_.editing)
    assert not window.suggestions.act_suggest.isEnabled()
    qtbot.keyClick(window.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    assert not window.undo_action.isEnabled()  # nothing was tagged
