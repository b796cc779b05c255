"""Suggestions in the window: shown, accepted (undoable), rejected (remembered)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import db

TEXT = ("Storm closes Port Ellis harbour\n\n"
        "The harbour was closed on Monday after winds reached 120 km/h.\n\n"
        "“We had no choice but to close the port tonight,” said harbour master Ann Lee. "
        "“Safety comes first for every crew.”\n\n"
        "Ferries will resume on Thursday, according to the operator.")


def test_suggest_accept_undo_reject(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(TEXT)
    window.session.project.articles.update(window.article.id, published="2024-02-05")
    window.open_article(window.article.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    # found in a worker: the window answers meanwhile
    qtbot.waitUntil(lambda: bool(window.suggested.model.rows), timeout=20000)
    rows = window.suggested.model.rows
    assert window.suggested.isVisible() and rows
    quotes = [s for s in rows if s.kind == "quote"]
    assert quotes and quotes[0].speaker == "Ann Lee"
    assert window.reader.suggestions  # dashed marks in the reader
    window.suggested.select_key(quotes[0].key())
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_A)
    with db(window) as p:
        stored = p.annotations.list(kinds=["quote"])
    assert [(a.text, a.speaker) for a in stored] == [(quotes[0].text, "Ann Lee")]
    assert quotes[0].key() not in {s.key() for s in window.suggested.model.rows}
    assert window.undo_action.text() == "Undo Accept Suggestion"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        assert p.annotations.list(kinds=["quote"]) == []
    # the suggestion is offered again, and redo takes it back
    assert quotes[0].key() in {s.key() for s in window.suggested.model.rows}
    qtbot.keyClick(window.reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert quotes[0].key() not in {s.key() for s in window.suggested.model.rows}
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    remaining = window.suggested.model.rows
    rejected = remaining[0]
    window.suggested.select_key(rejected.key())
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_R)
    assert rejected.key() not in {s.key() for s in window.suggested.model.rows}
    window.suggestions.suggest(wait=True)  # asking again: the rejected one stays away
    assert rejected.key() not in {s.key() for s in window.suggested.model.rows}
    assert window.undo_action.text() == "Undo Reject Suggestion"
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rejected.key() in {s.key() for s in window.suggested.model.rows}
    window.suggestions.suggest(wait=True)  # and it is offered again from now on
    assert rejected.key() in {s.key() for s in window.suggested.model.rows}


def test_accept_all_of_a_kind(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(TEXT)
    window.suggestions.suggest(wait=True)
    events = [s for s in window.suggested.model.rows if s.kind == "event"]
    assert events
    window.suggested.select_key(events[0].key())
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    with db(window) as p:
        assert len(p.annotations.list(kinds=["event"])) == len(events)
    assert not any(s.kind == "event" for s in window.suggested.model.rows)
