"""Event dates with a precision (day, month, year), and When filling an empty Date from the
article's publication date, through the details panel's keys; assertions read the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from models.project import Project


def stored(window, annotation_id: int) -> str:  # noqa: ANN001
    with Project.open(window.session.project.path) as p:
        return p.annotations.get(annotation_id).date


def test_month_and_year_dates_are_saved(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    window.select_annotation(event.id)
    field: QLineEdit = window.details.fields["date"]
    for typed, saved in (("2015-11", "2015-11"), ("2015", "2015")):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, typed)
        assert stored(window, event.id) == saved
    field.selectAll()
    qtbot.keyClicks(field, "30/11/2015")
    assert stored(window, event.id) == "2015"  # refused; the last date stays
    assert "YYYY-MM" in window.details.date_hint.text()


def test_when_fills_an_empty_date_from_the_publication_date(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    window.select_annotation(event.id)
    date_field: QLineEdit = window.details.fields["date"]
    date_field.setFocus()
    date_field.selectAll()
    qtbot.keyClick(date_field, Qt.Key.Key_Delete)
    assert stored(window, event.id) == ""
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
    when.setFocus()
    when.selectAll()
    qtbot.keyClicks(when, "some time ago")
    qtbot.keyClick(when, Qt.Key.Key_Tab)
    assert stored(window, event.id) == ""
    assert "gives no date" in window.details.date_hint.text()
