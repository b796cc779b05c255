"""Changing an annotation's kind through keys, the Annotate menu and the reader's context
menu; every assertion reads the project file through a fresh connection."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.project import Project
from models.sample import TEXT
from tests.ui.test_annotating import select_with_keys

SHIFT = Qt.KeyboardModifier.ShiftModifier


def reopened(window, annotation_id: int):  # noqa: ANN001, ANN201
    """The annotation as a fresh Project reads it from the file."""
    with Project.open(window.session.project.path) as p:
        return p.annotations.get(annotation_id)


def test_quote_with_speaker_becomes_a_claim_by_shift_c_and_undo_restores(qtbot, window) -> None:  # noqa: ANN001
    target = "the numbers no longer add up"
    select_with_keys(qtbot, window, TEXT.index(target), len(target))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    quote_id = window.panel.current_id()
    details = window.details.fields
    qtbot.keyClicks(details["speaker"], "Helena Ostrander")
    for field, typed in (("tags", "budget"), ("note", "check the budget")):
        details[field].setFocus()
        qtbot.keyClicks(details[field], typed)
    qtbot.keyClick(details["note"], Qt.Key.Key_Escape)  # back to the text
    assert window.reader.hasFocus()
    quote = reopened(window, quote_id)
    qtbot.keyClick(window.reader, Qt.Key.Key_C, SHIFT)
    claim = reopened(window, quote_id)
    assert claim.kind == "claim" and claim.claimant == "Helena Ostrander"
    # The speaker moved to the claimant: nothing is said to be cleared.
    assert "cleared" not in window.statusBar().currentMessage()
    assert claim.speaker == "" and claim.status == "unverified"
    assert (claim.text, claim.note, claim.tags, claim.uuid) == (
        target, "check the budget", ("budget",), quote.uuid)
    assert window.undo_action.text() == "Undo Change to Claim"
    assert window.reader.annotations[quote_id].kind == "claim"
    assert window.details.fields["claimant"].isVisible()
    assert window.details.fields["claimant"].text() == "Helena Ostrander"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert reopened(window, quote_id) == quote  # kind, speaker, time: all as before
    qtbot.keyClick(window.reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert reopened(window, quote_id).claimant == "Helena Ostrander"


def test_claim_back_to_quote_and_event_fields_are_cleared_then_restored(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event" and a.date)
    window.select_annotation(event.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Q, SHIFT)
    quote = reopened(window, event.id)
    assert quote.kind == "quote" and (quote.date, quote.where, quote.participants) == \
        ("", "", ())
    assert "cleared" in window.statusBar().currentMessage()  # the user is told what went
    window.undo_action.trigger()
    assert reopened(window, event.id) == event
    # Shift+E on the event itself changes nothing and says so.
    qtbot.keyClick(window.reader, Qt.Key.Key_E, SHIFT)
    assert reopened(window, event.id) == event
    assert "already" in window.statusBar().currentMessage()


def test_change_kind_from_the_menus(qtbot, window) -> None:  # noqa: ANN001
    claim = next(a for a in window.panel.model.rows if a.kind == "claim" and a.claimant)
    assert [a.text() for a in window.kind_menu.actions()] == [
        "Change to Claim", "Change to Quote", "Change to Event"]
    spot = claim.start + 2
    window.select_annotation(claim.id)
    menu = window.reader_menu(window.reader.position_point(spot))
    change = next(a.menu() for a in menu.actions() if a.text() == "Change Kind")
    assert [a.text() for a in change.actions()] == ["Change to Quote", "Change to Event"]
    next(a for a in change.actions() if a.text() == "Change to Quote").trigger()
    quote = reopened(window, claim.id)
    assert quote.kind == "quote" and quote.speaker == claim.claimant and quote.claimant == ""


def test_change_kind_keys_do_nothing_while_typing_in_a_field(qtbot, window) -> None:  # noqa: ANN001
    quote = next(a for a in window.panel.model.rows if a.kind == "quote")
    window.select_annotation(quote.id)
    note = window.details.fields["note"]
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_C, SHIFT)
    assert reopened(window, quote.id).kind == "quote"
    assert reopened(window, quote.id).note.lower().endswith("c")  # typed, not a command
