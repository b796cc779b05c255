"""The Timeline view by keys: Ctrl+Shift+T lists the project's events in date order, Enter
opens one in its article, a new event appears while the view is open."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from models.sample import TEXT
from tests.ui.test_annotating import select_with_keys

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_timeline_lists_events_in_date_order_and_opens_them(qtbot, window) -> None:  # noqa: ANN001
    timeline = window.views.timeline
    with qtbot.waitSignal(timeline.shown, timeout=3000):  # read on a thread, then listed
        qtbot.keyClick(window.reader, Qt.Key.Key_T, CTRL_SHIFT)
        assert window.views.timeline_dock.isVisible() and timeline.table.hasFocus()
        assert timeline.count.text() == "Reading the project's events…"
    events = [a for a in window.panel.model.rows if a.kind == "event"]
    assert len(timeline.entries) == len(events)
    assert timeline.current_entry() == timeline.entries[0]  # ready for Enter
    dates = [e.date for e in timeline.entries if e.date]
    assert dates == sorted(dates) and dates
    assert all(not e.date for e in timeline.entries[len(dates):])  # undated last
    qtbot.keyClick(timeline.table, Qt.Key.Key_Down)
    second = timeline.current_entry()
    assert second == timeline.entries[1]
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


def test_ranges_show_and_sort_by_their_dates(qtbot, settings, tmp_path, warnings) -> None:  # noqa: ANN001
    from models.project import Project
    from models.values import ArticleMeta
    from tests.ui.conftest import make_window

    path = tmp_path / "dates.briefmark"
    text = "Alpha rose. Beta fell. Gamma met. Delta left. Epsilon came."
    with Project.open(path, create=True) as p:
        art = p.articles.add(text, ArticleMeta(title="Zeta paper"))
        other = p.articles.add(text + " More.", ArticleMeta(title="Alpha paper"))
        ids = {}
        for article, words, fields in (
                (art, "Alpha rose.", {"date": "2015-12-01/2015-12-03"}),
                (art, "Beta fell.", {"date": "2015-12"}),
                (art, "Gamma met.", {"when": "some day"}),
                (other, "Delta left.", {"date": "2014/2016"}),
                (other, "Epsilon came.", {"date": "2015-12-02"})):
            start = text.index(words)
            ids[words] = p.annotations.tag_span(article_id=article.id, kind="event",
                                                start=start, end=start + len(words),
                                                **fields).id
    window = make_window(qtbot, settings, path)
    timeline = window.views.timeline
    with qtbot.waitSignal(timeline.shown, timeout=3000):
        qtbot.keyClick(window.reader, Qt.Key.Key_T, CTRL_SHIFT)
    table, model = timeline.table, timeline.model

    def shown(column: int = 0) -> list[str]:
        return [model.index(r, column).data() for r in range(model.rowCount())]

    assert shown() == ["2014–2016", "Dec 2015", "1–3 Dec 2015", "2 Dec 2015", "(some day)"]
    assert timeline.count.text() == "5 events, 4 dated"
    header = table.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, 5))

    click_header(0)  # latest first, by the date rules, not the text; undated stay last
    assert shown() == ["2 Dec 2015", "1–3 Dec 2015", "Dec 2015", "2014–2016", "(some day)"]
    click_header(0)
    assert shown()[0] == "2014–2016"
    click_header(1)  # by article title, the timeline's order within one
    assert shown(1) == ["Alpha paper"] * 2 + ["Zeta paper"] * 3
    assert shown() == ["2014–2016", "2 Dec 2015", "Dec 2015", "1–3 Dec 2015", "(some day)"]
    # The row chosen stays chosen when the list is read again; Enter opens that event.
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # last row
    chosen = timeline.current_entry()
    assert chosen.annotation_id == ids["Gamma met."]
    timeline.refresh(wait=True)
    assert timeline.current_entry() == chosen
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.panel.current_id() == ids["Alpha rose."]
