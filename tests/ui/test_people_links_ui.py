"""People and links by keys: Ctrl+Shift+E lists the project's people with counts, Enter on
a use opens it, M merges (every annotation follows, Ctrl+Z undoes); L links the current
annotation through the picker, the details list the link, Delete removes it, undo brings
it back; deleting the annotation deletes its links and undo restores both."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ui.link_picker import LinkPicker
from ui.person_dialogs import ChooseDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _when_modal(qtbot, cls, act) -> None:  # noqa: ANN001
    """Run `act(dialog)` once a modal dialog of `cls` is open."""
    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, cls):
            try:
                act(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()  # a failed step must not leave the test waiting
        else:
            QTimer.singleShot(20, step)
    QTimer.singleShot(20, step)


def _activate(qtbot, window) -> None:  # noqa: ANN001
    """Offscreen, a closed dialog leaves no window active (a desktop activates it again)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.reader.setFocus()


def test_people_view_counts_jumps_and_merges_with_undo(qtbot, window) -> None:  # noqa: ANN001
    people = window.views.people
    with qtbot.waitSignal(people.shown, timeout=3000):  # counted on a thread, then listed
        qtbot.keyClick(window.reader, Qt.Key.Key_E, CTRL_SHIFT)
        assert window.views.people_dock.isVisible() and people.table.hasFocus()
    assert people.current() is not None  # the first one, ready for Enter
    counts = {c.person.name: c for c in people.people}
    assert counts["Daniel Achterberg"].quotes == 3
    assert counts["Priya Raman"].claims == 1 and counts["Priya Raman"].quotes == 1
    people.select_name("Daniel Achterberg")
    assert people.uses.topLevelItemCount() == 1  # one article
    head = people.uses.topLevelItem(0)
    assert head.childCount() == 3
    people.uses.setFocus()
    people.uses.setCurrentItem(head.child(1))
    qtbot.keyClick(people.uses, Qt.Key.Key_Return)
    chosen = window.workspace.current()
    assert chosen is not None and chosen.speaker == "Daniel Achterberg"
    # merge Priya Raman into Daniel Achterberg with M, then undo
    people.select_name("Priya Raman")
    people.table.setFocus()

    def choose(dialog: ChooseDialog) -> None:
        dialog.combo.setEditText("Daniel Achterberg")
        dialog.accept()
    _when_modal(qtbot, ChooseDialog, choose)
    qtbot.keyClick(people.table, Qt.Key.Key_M)
    project = window.session.project
    assert {a.speaker for a in project.annotations.list(kinds=["quote"])} == \
        {"Helena Ostrander", "Daniel Achterberg"}
    qtbot.waitUntil(lambda: {c.person.name: c for c in people.people}[
        "Daniel Achterberg"].quotes == 4, timeout=3000)  # counted again on the thread
    merged = {c.person.name: c for c in people.people}["Daniel Achterberg"]
    assert merged.quotes == 4 and merged.person.aliases == ("Priya Raman",)
    shown = {a.speaker for a in window.reader.annotations.values() if a.kind == "quote"}
    assert "Priya Raman" not in shown  # the open article follows at once
    _activate(qtbot, window)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert "Priya Raman" in {a.speaker for a in project.annotations.list(kinds=["quote"])}
    qtbot.waitUntil(lambda: "Priya Raman" in {c.person.name for c in people.people},
                    timeout=3000)


def test_link_by_keys_listed_both_ways_deleted_and_undone(qtbot, window) -> None:  # noqa: ANN001
    project = window.session.project
    claim = next(a for a in window.panel.model.rows if a.kind == "claim")
    quote = next(a for a in window.panel.model.rows if a.kind == "quote")
    window.workspace.select_annotation(claim.id)
    window.reader.setFocus()

    seen: list[int] = []

    def pick(dialog: LinkPicker) -> None:
        word = max(quote.text.split(), key=len).strip("“”\",.")
        qtbot.keyClicks(dialog.query, word)  # searched across the project
        dialog.fill()
        rows = [i for i in range(dialog.list.count())
                if dialog.list.item(i).data(Qt.ItemDataRole.UserRole).id == quote.id]
        seen.append(len(rows))
        if not rows:
            dialog.reject()
            return
        row = rows[0]
        qtbot.keyClick(dialog.query, Qt.Key.Key_Down)  # into the list
        dialog.list.setCurrentRow(row)
        qtbot.keyClick(dialog.list, Qt.Key.Key_C)  # contradicts
    _when_modal(qtbot, LinkPicker, pick)
    qtbot.keyClick(window.reader, Qt.Key.Key_L)
    assert seen == [1]
    [link] = project.links.list()
    # with a claim current, the evidence leads: "the quote contradicts the claim"
    assert (link.source, link.type, link.target) == (quote.uuid, "contradicts", claim.uuid)
    again = LinkPicker(project, claim, {}, window)  # the picker says what is linked already
    marked = [again.list.item(i).text() for i in range(again.list.count())
              if again.list.item(i).data(Qt.ItemDataRole.UserRole).id == quote.id]
    assert marked and marked[0].endswith("(linked: contradicted by)")
    again.deleteLater()
    links = window.views.links
    assert links.list.count() == 1 and links.list.item(0).text().startswith("contradicted by")
    _activate(qtbot, window)
    note = window.details.fields["note"]
    note.setFocus()
    assert note.hasFocus()
    qtbot.keyClick(note, Qt.Key.Key_Tab)  # the details' last field leads to the links
    assert links.list.hasFocus()
    _activate(qtbot, window)
    qtbot.keyClick(window.reader, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert links.list.hasFocus() and links.list.currentRow() == 0
    qtbot.keyClick(links.list, Qt.Key.Key_Return)  # go to the other end
    assert window.workspace.current().id == quote.id
    assert window.views.links.list.item(0).text().startswith("contradicts")
    links.list.setFocus()
    links.list.setCurrentRow(0)
    qtbot.keyClick(links.list, Qt.Key.Key_Delete)
    assert project.links.list() == []
    _activate(qtbot, window)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert len(project.links.list()) == 1
    # deleting the annotation deletes the link; undo puts both back
    window.workspace.select_annotation(quote.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    assert project.annotations.find(quote.uuid) is None and project.links.list() == []
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert project.annotations.find(quote.uuid) is not None
    assert len(project.links.list()) == 1


def test_choosing_a_name_by_part_of_it_or_being_told_why_not(qtbot) -> None:  # noqa: ANN001
    """Merge Into / Split Alias: Enter on a part of one name takes that name; a part of
    several, or of none, keeps the dialog open and says what to do."""
    names = ["senior administration official", "Nikki R. Haley", "Nikki Haley Jr"]
    dialog = ChooseDialog("Merge Into", "Merge into:", names)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.combo.lineEdit(), "nikki")
    dialog.accept()  # as the Enter key and the OK button do
    assert dialog.isVisible() and "2 names contain “nikki”" in dialog.problem.text()
    dialog.combo.setEditText("")
    qtbot.keyClicks(dialog.combo.lineEdit(), "zebra")
    dialog.accept()
    assert dialog.isVisible() and "No one here is called “zebra”" in dialog.problem.text()
    dialog.combo.setEditText("")
    qtbot.keyClicks(dialog.combo.lineEdit(), "SENIOR")
    dialog.accept()
    assert not dialog.isVisible()
    assert dialog.result() == ChooseDialog.DialogCode.Accepted
    assert dialog.chosen() == "senior administration official"
