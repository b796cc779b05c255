"""The Timeline view by keys: Ctrl+Shift+T lists the project's events in date order, Enter
opens one in its article, a new event appears while the view is open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.sample import TEXT
from tests.ui.test_annotating import select_with_keys

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_timeline_lists_events_in_date_order_and_opens_them(qtbot, window) -> None:  # noqa: ANN001
    qtbot.keyClick(window.reader, Qt.Key.Key_T, CTRL_SHIFT)
    timeline = window.views.timeline
    assert window.views.timeline_dock.isVisible() and timeline.table.hasFocus()
    events = [a for a in window.panel.model.rows if a.kind == "event"]
    assert len(timeline.entries) == len(events)
    dates = [e.date for e in timeline.entries if e.date]
    assert dates == sorted(dates) and dates
    assert all(not e.date for e in timeline.entries[len(dates):])  # undated last
    qtbot.keyClick(timeline.table, Qt.Key.Key_Down)
    second = timeline.table.currentItem().data(0, Qt.ItemDataRole.UserRole)
    qtbot.keyClick(timeline.table, Qt.Key.Key_Return)
    assert window.panel.current_id() == second.annotation_id
    qtbot.keyClick(timeline, Qt.Key.Key_Escape)
    assert window.reader.hasFocus()
    target = "after the session"
    select_with_keys(qtbot, window, TEXT.index(target), len(target))
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    qtbot.keyClicks(window.details.fields["when"], "in 1999")
    qtbot.keyClick(window.details.fields["when"], Qt.Key.Key_Tab)  # fills Date: 1999
    qtbot.waitUntil(lambda: timeline.entries and timeline.entries[0].date == "1999",
                    timeout=3000)
    assert timeline.entries[0].shown_date == "1999"
