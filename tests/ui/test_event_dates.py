"""Event dates with a precision (day, month, year), and When filling an empty Date from the
article's publication date, through the details panel's keys; assertions read the file."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from models.project import Project


def stored(window, annotation_id: int) -> str:  # noqa: ANN001
    with Project.open(window.session.project.path) as p:
        return p.annotations.get(annotation_id).date


def type_text(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Key presses for `text`; a character QTest has no key for ("–") comes as a key
    event carrying it, as a keyboard layout or compose key sends it."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def test_month_and_year_dates_are_saved(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    window.select_annotation(event.id)
    field: QLineEdit = window.details.fields["date"]
    for typed, saved in (("2015-11", "2015-11"), ("2015", "2015")):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert stored(window, event.id) == saved
    field.selectAll()
    qtbot.keyClicks(field, "30/11/2015")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(window, event.id) == "2015"  # refused; the last date stays
    assert "YYYY-MM" in window.details.date_hint.text()


def test_when_fills_an_empty_date_from_the_publication_date(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    window.select_annotation(event.id)
    date_field: QLineEdit = window.details.fields["date"]
    date_field.setFocus()
    date_field.selectAll()
    qtbot.keyClick(date_field, Qt.Key.Key_Delete)
    when: QLineEdit = window.details.fields["when"]
    when.setFocus()
    when.selectAll()
    qtbot.keyClicks(when, "on Tuesday")
    qtbot.keyClick(when, Qt.Key.Key_Tab)  # leaving the field commits it
    # The sample article was published on Friday 2025-03-14: the Tuesday before is the 11th.
    assert stored(window, event.id) == "2025-03-11"
    assert "11 March 2025" in window.details.date_hint.text()
    date_field.setFocus()
    date_field.selectAll()
    qtbot.keyClick(date_field, Qt.Key.Key_Delete)
    when.setFocus()  # leaving Date empty saves no date
    assert stored(window, event.id) == ""
    when.selectAll()
    qtbot.keyClicks(when, "some time ago")
    qtbot.keyClick(when, Qt.Key.Key_Tab)
    assert stored(window, event.id) == ""
    assert "gives no date" in window.details.date_hint.text()


def test_a_range_typed_into_date_is_saved_and_kept_when_reopened(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    window.select_annotation(event.id)
    field: QLineEdit = window.details.fields["date"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2015-11-30 to 2015-12-02")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(window, event.id) == "2015-11-30/2015-12-02"
    assert field.text() == "2015-11-30/2015-12-02"  # shown as stored once saved
    assert window.details.date_hint.text() == ""
    field.selectAll()
    type_text(qtbot, field, "2014–2016")  # an en dash, as a reader writes it
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(window, event.id) == "2014/2016"
    field.selectAll()
    qtbot.keyClicks(field, "2016-03-02/2016-03-01")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "ends before it begins" in window.details.date_hint.text()
    assert stored(window, event.id) == "2014/2016"  # never the reversed range
    field.selectAll()
    qtbot.keyClicks(field, "2015-11/2016-01")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert stored(window, event.id) == "2015-11/2016-01"

    path = window.session.project.path
    assert window.open_project(path)  # reopen the file
    window.select_annotation(event.id)
    assert window.details.fields["date"].text() == "2015-11/2016-01"
    qtbot.keyClick(window.reader, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    timeline = window.views.timeline
    qtbot.waitUntil(lambda: timeline.model.row_of(event.id) is not None, timeout=3000)
    row = timeline.model.row_of(event.id)
    assert timeline.model.index(row, 0).data() == "Nov 2015 – Jan 2016"
    assert timeline.entries[row].precision == "range"


def test_when_with_two_dates_fills_a_range(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    window.select_annotation(event.id)
    date_field: QLineEdit = window.details.fields["date"]
    when: QLineEdit = window.details.fields["when"]
    for written, saved, shown in (
            ("1–3 December 2015", "2015-12-01/2015-12-03", "1–3 December 2015"),
            # the sample article was published on Friday 14 March 2025
            ("last week", "2025-03-03/2025-03-09", "3–9 March 2025"),
            ("from 2014 to 2016", "2014/2016", "2014–2016")):
        date_field.setFocus()
        date_field.selectAll()
        qtbot.keyClick(date_field, Qt.Key.Key_Delete)
        when.setFocus()  # Date is left empty: saved so
        when.selectAll()
        type_text(qtbot, when, written)
        qtbot.keyClick(when, Qt.Key.Key_Tab)
        assert stored(window, event.id) == saved
        assert date_field.text() == saved
        assert shown in window.details.date_hint.text()
