"""Annotating through real key presses and clicks; assertions read the project file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit

from models.sample import TEXT
from tests.ui.conftest import db


def select_with_keys(qtbot, window, start: int, length: int, *,  # noqa: ANN001
                     rtl: bool = False) -> None:
    """Put the caret at `start` (code points), then extend it with Shift+arrow like a user:
    Shift+Right in left-to-right text, Shift+Left in a right-to-left paragraph."""
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(reader.offsets.to_qt(start))
    reader.setTextCursor(cursor)
    key = Qt.Key.Key_Left if rtl else Qt.Key.Key_Right
    for _ in range(length):
        qtbot.keyClick(reader, key, Qt.KeyboardModifier.ShiftModifier)


def test_tag_quote_by_key_then_type_speaker(qtbot, window) -> None:  # noqa: ANN001
    target = "the numbers no longer add up"
    start = TEXT.index(target)
    before = len(window.panel.model.all)
    select_with_keys(qtbot, window, start + 2, len(target) - 3)  # mid-word both ends
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    with db(window) as p:
        quotes = [a for a in p.annotations.list(kinds=["quote"]) if a.text == target]
    assert len(quotes) == 1  # snapped to whole words
    assert len(window.panel.model.all) == before + 1
    assert window.panel.current_id() == quotes[0].id
    speaker = window.details.fields["speaker"]
    assert speaker.hasFocus()
    qtbot.keyClicks(speaker, "Helena Ostrander")
    with db(window) as p:
        assert p.annotations.get(quotes[0].id).speaker == "Helena Ostrander"
    assert window.undo_action.text() == "Undo Edit Speaker"
    # Rapid typing merged into one step; one more undo removes the annotation itself.
    qtbot.keyClick(speaker, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        assert p.annotations.get(quotes[0].id).speaker == ""
    assert window.undo_action.text() == "Undo Tag as Quote"


def test_number_keys_and_undo_redo(qtbot, window) -> None:  # noqa: ANN001
    target = "protest march"
    select_with_keys(qtbot, window, TEXT.index(target), len(target))
    qtbot.keyClick(window.reader, Qt.Key.Key_3)
    with db(window) as p:
        (event,) = [a for a in p.annotations.list(kinds=["event"]) if a.text == target]
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        assert all(a.text != target for a in p.annotations.list())
    assert event.id not in window.panel.model.all
    qtbot.keyClick(window.reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    with db(window) as p:
        assert p.annotations.get(event.id) == event  # same id, uuid and times
    assert event.id in window.panel.model.all


def test_delete_key_and_undo(qtbot, window) -> None:  # noqa: ANN001
    first = window.panel.model.rows[0]
    window.select_annotation(first.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    with db(window) as p:
        assert all(a.id != first.id for a in p.annotations.list())
    assert window.undo_action.text() == "Undo Delete Event"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        assert p.annotations.get(first.id) == first


def test_next_previous_enter_escape(qtbot, window) -> None:  # noqa: ANN001
    rows = window.panel.model.rows
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    assert window.panel.current_id() == rows[0].id
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert window.panel.current_id() == rows[1].id
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    assert window.details.fields["speaker"].hasFocus()  # rows[1] is a quote
    qtbot.keyClick(window.details.fields["speaker"], Qt.Key.Key_Escape)
    assert window.reader.hasFocus()


def test_edit_status_and_note(qtbot, window) -> None:  # noqa: ANN001
    claim = next(a for a in window.panel.model.rows if a.kind == "claim")
    window.select_annotation(claim.id)
    note = window.details.fields["note"]
    note.setFocus()
    note.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(note, " Checked.")
    status = window.details.fields["status"]
    status.setCurrentIndex(status.findData("false"))
    status.activated.emit(status.currentIndex())
    with db(window) as p:
        saved = p.annotations.get(claim.id)
    assert saved.note == claim.note + " Checked."
    assert saved.status == "false"


def test_date_field_saves_only_real_dates(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    window.select_annotation(event.id)
    field: QLineEdit = window.details.fields["date"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2025-03-1")
    with db(window) as p:  # "2025-03" on the way was a date, but the user was not done
        assert p.annotations.get(event.id).date == event.date
    qtbot.keyClick(field, Qt.Key.Key_Return)  # done: "-1" is no day, the old date stays
    with db(window) as p:
        assert p.annotations.get(event.id).date == event.date
    assert "YYYY-MM-DD" in window.details.date_hint.text()
    qtbot.keyClicks(field, "2")
    assert window.details.date_hint.text() == ""  # put right: the refusal goes
    qtbot.keyClick(field, Qt.Key.Key_Return)
    with db(window) as p:
        assert p.annotations.get(event.id).date == "2025-03-12"


def test_filter_panel_by_typing(qtbot, window) -> None:  # noqa: ANN001
    total = len(window.panel.model.rows)
    qtbot.keyClicks(window.panel.search, "achterberg")
    assert len(window.panel.model.rows) == 3
    assert "3 of" in window.panel.counts.text()
    window.panel.search.clear()
    assert len(window.panel.model.rows) == total
    window.panel.kind_box.setCurrentIndex(window.panel.kind_box.findData("claim"))
    assert {a.kind for a in window.panel.model.rows} == {"claim"}
    window.panel.status_box.setCurrentIndex(window.panel.status_box.findData("disputed"))
    assert [a.claimant for a in window.panel.model.rows] == ["Dockworkers' union"]


def test_click_selects_and_cycles_overlaps(qtbot, window) -> None:  # noqa: ANN001
    spot = TEXT.index("fell by 38 percent") + 3  # inside an event and a claim
    window.reader.reveal(spot, spot + 1)
    point = window.reader.position_point(spot)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    first = window.panel.current_id()
    qtbot.wait(QApplication.doubleClickInterval() + 100)  # a second click, not a double click
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    second = window.panel.current_id()
    kinds = {window.reader.annotations[first].kind, window.reader.annotations[second].kind}
    assert kinds == {"claim", "event"}


def test_hover_text_names_kind_and_person(window) -> None:  # noqa: ANN001
    spot = TEXT.index("a death sentence") + 4
    tip = window.reader._tooltip(spot)
    assert "Quote" in tip and "Daniel Achterberg" in tip


def test_span_nudge_and_set_to_selection(qtbot, window) -> None:  # noqa: ANN001
    quote = next(a for a in window.panel.model.rows if a.text.startswith("Nobody in that room"))
    window.select_annotation(quote.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    with db(window) as p:
        shrunk = p.annotations.get(quote.id)
    assert shrunk.text == "Nobody in that room has ever loaded a ship. They voted on a"
    assert window.undo_action.text() == "Undo Change Span"
    select_with_keys(qtbot, window, TEXT.index("Nobody"), len("Nobody in that room"))
    qtbot.keyClick(window.reader, Qt.Key.Key_S)
    with db(window) as p:
        assert p.annotations.get(quote.id).text == "Nobody in that room"


def test_find_then_tag(qtbot, window) -> None:  # noqa: ANN001
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.hasFocus()
    qtbot.keyClicks(window.find_bar, "retraining programmes")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert window.reader.hasFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    with db(window) as p:
        assert any(a.text == "retraining programmes" and a.kind == "claim"
                   for a in p.annotations.list())


def test_whitespace_selection_is_refused_quietly(qtbot, window) -> None:  # noqa: ANN001
    count = len(window.panel.model.all)
    start = TEXT.index("\n\n")
    select_with_keys(qtbot, window, start, 2)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    assert len(window.panel.model.all) == count


def test_find_sees_through_case_and_invisible_characters(qtbot, text_window) -> None:  # noqa: ANN001
    text = "Die Straße war gesperrt.\n\nMr.\u00a0Trump said the admin\u00adistration was ready."
    window = text_window(text)
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar, "mr. trump said the administration")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    start, end = window.reader.selection()
    assert text[start:end] == "Mr.\u00a0Trump said the admin\u00adistration"
    window.find_bar.clear()
    qtbot.keyClicks(window.find_bar, "gesperrt")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    start, end = window.reader.selection()
    assert text[start:end] == "gesperrt"  # right place after the ß
    window.find_bar.clear()
    qtbot.keyClicks(window.find_bar, "not in the text")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    assert window.reader.selection()[0] == window.reader.selection()[1]  # nothing stale


def test_choosing_a_completion_saves_it(qtbot, window) -> None:  # noqa: ANN001
    quote = next(a for a in window.panel.model.rows if a.kind == "quote")
    window.select_annotation(quote.id)
    speaker: QLineEdit = window.details.fields["speaker"]
    speaker.setFocus()
    speaker.selectAll()
    qtbot.keyClicks(speaker, "priya")
    completer = speaker.completer()
    assert completer.completionCount() == 1  # "Priya Raman", used in the project
    popup = completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: speaker.text() == "Priya Raman")
    with db(window) as p:
        qtbot.waitUntil(lambda: p.annotations.get(quote.id).speaker == "Priya Raman")


def test_participants_complete_the_last_name(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    window.select_annotation(event.id)
    field: QLineEdit = window.details.fields["participants"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Port Ellis city council, achter")
    completer = field.completer()
    assert completer.completionCount() == 1
    assert completer.pathFromIndex(completer.completionModel().index(0, 0)) == \
        "Port Ellis city council, Daniel Achterberg"


def test_escape_from_the_list_returns_to_the_text(qtbot, window) -> None:  # noqa: ANN001
    window.panel.view.setFocus()
    qtbot.waitUntil(window.panel.view.hasFocus)
    qtbot.keyClick(window.panel.view, Qt.Key.Key_Escape)
    assert window.reader.hasFocus()


def test_undoing_a_tag_leaves_nothing_to_edit(qtbot, window) -> None:  # noqa: ANN001
    target = "protest march"
    select_with_keys(qtbot, window, TEXT.index(target), len(target))
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.details.annotation is None and window.panel.current_id() is None
    assert not window.details.fields["claimant"].isVisible()


def test_tagging_while_the_list_is_filtered_shows_the_new_one(qtbot, window) -> None:  # noqa: ANN001
    window.panel.kind_box.setCurrentIndex(window.panel.kind_box.findData("quote"))
    target = "retraining programmes"
    select_with_keys(qtbot, window, TEXT.index(target), len(target))
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    current = window.panel.current_id()
    assert window.panel.model.row_of_id(current) >= 0
    assert window.panel.kind_box.currentData() == ""


def test_filtering_the_library_keeps_the_open_article(qtbot, window) -> None:  # noqa: ANN001
    from models.values import ArticleMeta

    window.session.project.articles.add("Zebra crossing\n\nText.", ArticleMeta(title="Zebra"))
    window.workspace.articles_changed()
    opened = window.article.id
    qtbot.keyClicks(window.library.filter, "zebra")
    assert window.article.id == opened
    window.library.filter.clear()
    assert window.article.id == opened


def test_undo_restores_the_annotation_exactly(qtbot, window) -> None:  # noqa: ANN001
    claim = next(a for a in window.panel.model.rows if a.kind == "claim")
    window.select_annotation(claim.id)
    field = window.details.fields["claimant"]
    field.setFocus()
    qtbot.keyClicks(field, " (spokesman)")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        assert p.annotations.get(claim.id) == claim  # fields, span and modified time


def test_a_step_that_no_longer_applies_is_explained(qtbot, window, warnings) -> None:  # noqa: ANN001
    target = "protest march"
    select_with_keys(qtbot, window, TEXT.index(target), len(target))
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    new_id = window.panel.current_id()
    with db(window) as other:  # another program removes it meanwhile
        other.annotations.delete(new_id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(warnings), timeout=3000)
    assert "another program" in warnings[-1] and "taken out of the undo history" in warnings[-1]
    qtbot.waitUntil(lambda: new_id not in window.reader.annotations, timeout=3000)
    # the step that no longer applies left the history; nothing else was there
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()


def test_next_annotation_scrolls_into_view_in_a_long_article(qtbot, text_window) -> None:  # noqa: ANN001
    paragraphs = [f"Paragraph {i} says something worth reading about item {i}." for i in range(300)]
    text = "\n\n".join(paragraphs)
    window = text_window(text)
    project = window.session.project
    for i in (5, 150, 290):
        start = text.index(f"item {i}.")
        project.annotations.tag_span(article_id=window.article.id, kind="claim",
                                     start=start, end=start + len(f"item {i}"))
    window.open_article(window.article.id)
    window.reader.setFocus()
    bar = window.reader.verticalScrollBar()
    positions = []
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_N)
        current = window.reader.annotations[window.panel.current_id()]
        rect = window.reader.cursorRect(window.reader._span_cursor(current.start, current.end))
        assert window.reader.viewport().rect().contains(rect.center())
        positions.append(bar.value())
    assert positions[2] > positions[1] > 0


def test_context_menu_acts_on_what_was_clicked(qtbot, window) -> None:  # noqa: ANN001
    quote = next(a for a in window.panel.model.rows if a.text.startswith("Nobody in"))
    window.select_annotation(quote.id)
    plain = TEXT.index("The closure plan sets out")  # not annotated
    window.reader.reveal(plain, plain + 5)
    menu = window.reader_menu(window.reader.position_point(plain + 2))
    assert window.act_delete not in menu.actions()  # nothing under the mouse to delete
    spot = TEXT.index("a death sentence") + 3
    window.reader.reveal(spot, spot + 1)
    menu = window.reader_menu(window.reader.position_point(spot))
    assert window.act_delete in menu.actions()
    assert window.reader.annotations[window.panel.current_id()].text.startswith("a death")


def test_suggestion_and_annotation_are_never_both_current(qtbot, window) -> None:  # noqa: ANN001
    window.suggestions.suggest(wait=True)
    first = window.panel.model.rows[0]
    window.select_annotation(first.id)
    assert window.suggested.current() is None
    assert window.suggested.model.rows  # the sample leaves some unannotated quotes and claims
    window.suggested.select_key(window.suggested.model.rows[0].key())
    assert window.panel.current_id() is None and window.current() is None
