"""The details panel saves Date only once it is finished, shows names as stored once
committed, and says its date hints under Date; through key presses in the real window,
assertions read the file through a second connection."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from models.project import Project
from models.sample import TEXT
from tests.ui.conftest import db, make_window

REPO = Path(__file__).resolve().parents[2]
ERROR_INK = "#b00020"


def stored_date(window, annotation_id: int) -> str:  # noqa: ANN001
    with db(window) as p:
        return p.annotations.get(annotation_id).date


def events(window) -> list:  # noqa: ANN001
    return [a for a in window.panel.model.rows if a.kind == "event"]


def date_field(qtbot, window, event_id: int) -> QLineEdit:  # noqa: ANN001
    """The chosen event's Date, focused with its text selected (as Ctrl+A leaves it)."""
    window.select_annotation(event_id)
    field: QLineEdit = window.details.fields["date"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=3000)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    return field


def set_date(qtbot, window, event_id: int, text: str) -> None:  # noqa: ANN001
    field = date_field(qtbot, window, event_id)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored_date(window, event_id) == text


def timeline_cli(path: Path) -> str:
    return subprocess.run([sys.executable, str(REPO / "main.py"), "timeline", str(path)],
                          capture_output=True, text=True, check=True, cwd=REPO,
                          encoding="utf-8").stdout


def test_a_reversed_range_is_refused_whole_not_saved_on_the_way(qtbot, window) -> None:  # noqa: ANN001
    event = events(window)[0]
    set_date(qtbot, window, event.id, "2015-11/2016-02")
    field = date_field(qtbot, window, event.id)
    qtbot.keyClicks(field, "2016")  # a date already, on the way to the range
    assert stored_date(window, event.id) == "2015-11/2016-02"
    qtbot.keyClicks(field, "/2015")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    hint = window.details.date_hint
    assert stored_date(window, event.id) == "2015-11/2016-02"
    assert hint.text().startswith("Not saved: the range ends before it begins")
    assert ERROR_INK in hint.styleSheet() and hint.isVisible()
    assert field.text() == "2016/2015"  # left to be put right
    assert "Nov 2015 – Feb 2016" in timeline_cli(window.session.project.path)
    # Typing in another field of the same annotation leaves the refused text alone.
    where: QLineEdit = window.details.fields["where"]
    assert where.hasFocus()
    qtbot.keyClick(where, Qt.Key.Key_End)
    qtbot.keyClicks(where, " harbour")
    assert field.text() == "2016/2015" and hint.text()
    # Shown as stored again (another annotation, then back): the refusal no longer applies.
    other = next(a for a in window.panel.model.rows if a.id != event.id)
    window.select_annotation(other.id)
    window.select_annotation(event.id)
    assert field.text() == "2015-11/2016-02"
    assert hint.text() == "" and not hint.isVisible()
    assert stored_date(window, event.id) == "2015-11/2016-02"


def test_putting_the_date_right_clears_the_refusal_and_saves_once(qtbot, window) -> None:  # noqa: ANN001
    event = events(window)[0]
    field = date_field(qtbot, window, event.id)
    stack = window.session.undo_stack
    steps = stack.count()
    qtbot.keyClicks(field, "2015-11-3")
    qtbot.wait(700)  # a pause is not the end of typing
    assert stored_date(window, event.id) == event.date
    qtbot.keyClick(field, Qt.Key.Key_Return)  # finished: no day, refused
    assert stored_date(window, event.id) == event.date
    assert "YYYY-MM-DD" in window.details.date_hint.text()
    qtbot.keyClicks(field, "0")
    assert window.details.date_hint.text() == ""  # a date now: the refusal goes
    assert stored_date(window, event.id) == event.date  # still not finished
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert stored_date(window, event.id) == "2015-11-30"
    assert stack.count() == steps + 1 and window.undo_action.text() == "Undo Edit Date"
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_date(window, event.id) == event.date
    assert window.details.fields["date"].text() == event.date


def test_moving_to_another_annotation_saves_the_date_typed(qtbot, window) -> None:  # noqa: ANN001
    first, second = events(window)[:2]
    stack = window.session.undo_stack
    # By the mouse: the list takes the focus, the field is left, the date is finished.
    field = date_field(qtbot, window, first.id)
    qtbot.keyClicks(field, "2017")
    row = window.panel.model.row_of_id(second.id)
    view = window.panel.view
    view.scrollTo(window.panel.model.index(row, 1))
    rect = view.visualRect(window.panel.model.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.panel.current_id() == second.id, timeout=3000)
    assert stored_date(window, first.id) == "2017"
    assert window.details.annotation.id == second.id
    # Without the field losing the focus (a toolbar button, a shortcut): saved all the same,
    # and the window stays on the annotation moved to.
    field = date_field(qtbot, window, first.id)
    steps = stack.count()
    qtbot.keyClicks(field, "2018-06")
    assert stored_date(window, first.id) == "2017"
    window.select_annotation(second.id)
    assert stored_date(window, first.id) == "2018-06"
    assert stack.count() == steps + 1
    assert window.panel.current_id() == second.id
    assert window.details.annotation.id == second.id
    assert field.text() == (second.date or "")
    stack.undo()  # one step per date saved: 2017 comes back before the first date
    assert stored_date(window, first.id) == "2017"
    stack.undo()
    assert stored_date(window, first.id) == first.date


def test_closing_the_window_saves_the_date_typed(qtbot, window) -> None:  # noqa: ANN001
    event = events(window)[0]
    path = window.session.project.path
    field = date_field(qtbot, window, event.id)
    qtbot.keyClicks(field, "2019-04")
    window.close()
    with Project.open(path) as p:
        assert p.annotations.get(event.id).date == "2019-04"


def test_ctrl_z_takes_back_the_typing_before_the_history(qtbot, window) -> None:  # noqa: ANN001
    event = events(window)[0]
    set_date(qtbot, window, event.id, "2014")
    stack = window.session.undo_stack
    steps = stack.count()
    field = date_field(qtbot, window, event.id)
    qtbot.keyClicks(field, "2020")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "2014" and stack.count() == steps and stack.index() == steps
    assert stored_date(window, event.id) == "2014"
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # now the history
    assert stored_date(window, event.id) == event.date
    assert field.text() == event.date


def test_another_programs_change_leaves_the_date_being_typed(qtbot, window) -> None:  # noqa: ANN001
    event = events(window)[0]
    other = next(a for a in window.panel.model.rows if a.id != event.id)
    field = date_field(qtbot, window, event.id)
    qtbot.keyClicks(field, "2015-11-3")
    with db(window) as p:
        p.annotations.update(other.id, note="Changed by another program.")
    assert window.workspace.check_outside_changes()
    assert field.hasFocus() and field.text() == "2015-11-3"
    assert stored_date(window, event.id) == event.date  # neither saved half-typed nor lost
    qtbot.keyClicks(field, "0")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored_date(window, event.id) == "2015-11-30"


def test_when_hint_is_plain_and_under_date(qtbot, window) -> None:  # noqa: ANN001
    event = events(window)[0]
    field = date_field(qtbot, window, event.id)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    when: QLineEdit = window.details.fields["when"]
    when.setFocus()
    qtbot.keyClick(when, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(when, "on Tuesday")
    qtbot.keyClick(when, Qt.Key.Key_Tab)
    hint = window.details.date_hint
    assert stored_date(window, event.id) == "2025-03-11"
    assert hint.text() == "Date read from “When”: 11 March 2025"
    assert ERROR_INK not in hint.styleSheet()
    below = window.details.fields["where"]
    top = hint.mapTo(window, hint.rect().topLeft()).y()
    assert field.mapTo(window, field.rect().bottomLeft()).y() < top
    assert top < below.mapTo(window, below.rect().topLeft()).y()  # between Date and Where
    assert hint.mapTo(window, hint.rect().topLeft()).x() == \
        field.mapTo(window, field.rect().topLeft()).x()  # in the fields' column


def _window_with_alias(qtbot, settings, sample_path: Path):  # noqa: ANN001, ANN202
    with Project.open(sample_path) as p:
        p.people.create("Benjamin Netanyahu")
        bibi = p.people.find("Benjamin Netanyahu")
        p.people.edit(bibi.uuid, aliases=["bibi"])
    return make_window(qtbot, settings, sample_path)


def _type_and_tab(qtbot, field: QLineEdit, text: str) -> None:  # noqa: ANN001
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
    assert field.text() == text  # never changed under the user's fingers
    popup = field.completer().popup()  # offering "bibi → Benjamin Netanyahu", not taken
    qtbot.keyClick(popup if popup.isVisible() else field, Qt.Key.Key_Tab)


def test_an_alias_committed_shows_the_persons_name(qtbot, settings, sample_path,  # noqa: ANN001
                                                   warnings) -> None:
    window = _window_with_alias(qtbot, settings, sample_path)
    rows = window.panel.model.rows
    for kind, name in (("quote", "speaker"), ("claim", "claimant")):
        a = next(x for x in rows if x.kind == kind)
        window.select_annotation(a.id)
        field: QLineEdit = window.details.fields[name]
        field.setFocus()
        qtbot.waitUntil(field.hasFocus, timeout=3000)
        _type_and_tab(qtbot, field, "bibi")
        with db(window) as p:
            assert getattr(p.annotations.get(a.id), name) == "Benjamin Netanyahu"
        assert field.text() == "Benjamin Netanyahu"
        assert not field.hasFocus()
    event = next(x for x in rows if x.kind == "event")
    window.select_annotation(event.id)
    field = window.details.fields["participants"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=3000)
    _type_and_tab(qtbot, field, "Port Ellis city council, bibi")
    with db(window) as p:
        stored = p.annotations.get(event.id).participants
    assert "Benjamin Netanyahu" in stored and "bibi" not in stored
    assert field.text() == ", ".join(stored)
    assert QApplication.focusWidget() is not field


def test_an_undo_by_the_toolbar_while_a_date_is_typed_keeps_the_history_whole(  # noqa: ANN001
        qtbot, window) -> None:
    first, second = events(window)[:2]
    set_date(qtbot, window, first.id, "2013")
    stack = window.session.undo_stack
    steps = stack.count()
    field = date_field(qtbot, window, second.id)
    qtbot.keyClicks(field, "2021")
    window.undo_action.trigger()  # a toolbar button leaves the field as it is
    # The undo is shown as stored; nothing is saved inside it, so no step lands in its midst.
    assert stored_date(window, first.id) == first.date
    assert stored_date(window, second.id) == second.date
    assert (stack.count(), stack.index()) == (steps, steps - 1) and stack.canRedo()
    assert window.panel.current_id() == first.id
    window.redo_action.trigger()
    assert stored_date(window, first.id) == "2013"


def select_text(qtbot, window, text: str) -> None:  # noqa: ANN001
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(reader.offsets.to_qt(TEXT.index(text)))
    reader.setTextCursor(cursor)
    reader.setFocus()
    for _ in range(len(text)):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_undoing_a_tag_while_a_date_is_typed_shows_the_stored_date(qtbot, window) -> None:  # noqa: ANN001
    select_text(qtbot, window, "Any council can undo what this one did")
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    tagged = window.panel.current_id()
    event = events(window)[0]
    field = date_field(qtbot, window, event.id)
    qtbot.keyClicks(field, "2022")
    window.undo_action.trigger()  # the tag goes; the event stays chosen
    assert tagged not in window.reader.annotations
    assert window.panel.current_id() == event.id
    assert field.text() == event.date  # what is stored, not typing that will not be saved
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert stored_date(window, event.id) == event.date


def test_tagging_from_the_toolbar_saves_the_date_being_typed(qtbot, window) -> None:  # noqa: ANN001
    event = events(window)[0]
    window.select_annotation(event.id)
    select_text(qtbot, window, "Any council can undo what this one did")
    field: QLineEdit = window.details.fields["date"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=3000)
    assert window.details.annotation.id == event.id and window.reader.has_plain_selection()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "2023-01")
    window.tag_actions["quote"].trigger()  # a toolbar button: the field keeps the focus
    assert stored_date(window, event.id) == "2023-01"
    quote = window.reader.annotations[window.panel.current_id()]
    assert quote.kind == "quote" and quote.text == "Any council can undo what this one did"
    assert window.details.fields["speaker"].hasFocus()
