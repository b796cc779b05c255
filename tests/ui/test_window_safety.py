"""The window protects the user's work: Delete acts only on what is chosen, a huge tag is
asked first, undo survives other programs and never touches their rows. Real keys, real
files, a second real connection for the other program."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from models.values import ArticleMeta
from tests.ui.conftest import db
from tests.ui.test_annotating import select_with_keys


def plain_word(window) -> tuple[int, int]:  # noqa: ANN001
    """A word of the open article that no annotation covers."""
    text = window.article.text
    covered = {i for a in window.reader.annotations.values() for i in range(a.start, a.end)}
    pos = 0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        if word.isalpha() and not covered & set(range(start, pos)):
            return start, pos
    raise AssertionError("no plain word")


def answer(qtbot, key: Qt.Key, seen: list[str]) -> None:  # noqa: ANN001
    """Answer the next confirmation box with a real key once it is up (bounded retries)."""
    tries = [0]

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "confirm" or \
                not box.isVisible():
            tries[0] += 1
            if tries[0] < 200:
                QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        if key == Qt.Key.Key_Escape:
            qtbot.keyClick(box, key)
        else:
            yes = next(b for b in box.buttons()
                       if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
            qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, press)


def test_delete_with_plain_text_selected_deletes_nothing(qtbot, window) -> None:  # noqa: ANN001
    first = window.panel.model.rows[0]
    window.select_annotation(first.id)  # something is current ...
    start, end = plain_word(window)
    window.reader.setFocus()
    select_with_keys(qtbot, window, start, end - start)  # ... but the user selected text
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    assert "not an annotation" in window.statusBar().currentMessage()
    with db(window) as p:
        assert p.annotations.get(first.id) == first
    assert not window.undo_action.isEnabled()


def test_delete_with_an_annotation_selected_exactly_deletes_it(qtbot, window) -> None:  # noqa: ANN001
    target = window.panel.model.rows[-1]
    window.reader.setFocus()
    select_with_keys(qtbot, window, target.start, target.end - target.start)
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    with db(window) as p:
        assert target.uuid not in p.annotations.uuids()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        assert p.annotations.find(target.uuid) == target


def test_tagging_the_whole_article_asks_first(qtbot, window, warnings) -> None:  # noqa: ANN001
    with db(window) as p:
        before = len(p.annotations.list())
    window.reader.setFocus()
    seen: list[str] = []
    answer(qtbot, Qt.Key.Key_Escape, seen)
    qtbot.keyClick(window.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    assert seen and seen[0].startswith("Tag ") and "paragraphs" in seen[0]
    with db(window) as p:
        assert len(p.annotations.list()) == before
    window.activateWindow()  # the box had the keyboard; shortcuts need the window back
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    answer(qtbot, Qt.Key.Key_Space, seen)
    qtbot.keyClick(window.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    assert len(seen) == 2 and not warnings, (seen, warnings)
    with db(window) as p:
        assert len(p.annotations.list()) == before + 1


def test_undo_never_erases_another_programs_row(qtbot, window) -> None:  # noqa: ANN001
    start, end = plain_word(window)
    window.reader.setFocus()
    select_with_keys(qtbot, window, start, end - start)
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    ours = window.reader.annotations[window.panel.current_id()]
    with db(window) as other:  # deletes ours and adds its own: it gets the same id
        other.annotations.delete(ours.id)
        theirs = other.annotations.tag_span(article_id=ours.article_id, kind="quote",
                                            start=start, end=end)
        other.annotations.update(theirs.id, speaker="Their speaker")
    assert theirs.id == ours.id
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        kept = p.annotations.get(theirs.id)
    assert (kept.uuid, kept.speaker) == (theirs.uuid, "Their speaker")


def test_outside_change_keeps_the_undo_history(qtbot, window, warnings) -> None:  # noqa: ANN001
    start, end = plain_word(window)
    window.reader.setFocus()
    select_with_keys(qtbot, window, start, end - start)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    ours = window.reader.annotations[window.panel.current_id()]
    with db(window) as other:
        other.articles.add("Written elsewhere\n\nBy the command line.",
                           ArticleMeta(title="Elsewhere"))
    assert window.workspace.check_outside_changes()
    assert "Elsewhere" in [a.title for a in window.library.model.articles]
    assert window.undo_action.isEnabled()  # the history is kept
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        assert ours.uuid not in p.annotations.uuids()
        assert "Elsewhere" in [a.title for a in p.articles.list()]  # theirs is untouched
    assert not warnings
