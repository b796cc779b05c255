"""Project search in the window, by keys: Ctrl+Shift+F, type, Enter to the first hit, Enter
to go there; the hit is selected on its exact code points or its annotation is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.sample import TEXT

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def search_by_keys(qtbot, window, query: str):  # noqa: ANN001, ANN201
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL_SHIFT)
    assert window.search_dock.isVisible() and window.search.query.hasFocus()
    qtbot.keyClicks(window.search.query, query)
    qtbot.waitUntil(lambda: window.search.last is not None
                    and window.search.last.query == query, timeout=3000)
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)  # to the first hit
    assert window.search.results.hasFocus()
    return window.search.last


def test_a_text_hit_opens_with_its_words_selected(qtbot, window) -> None:  # noqa: ANN001
    result = search_by_keys(qtbot, window, '"dockworkers\' union"')  # typed straight
    hit = result.hits[0]
    assert TEXT[hit.start:hit.end] == "dockworkers’ union"
    qtbot.keyClick(window.search.results, Qt.Key.Key_Return)
    assert window.reader.selection() == (hit.start, hit.end)
    assert window.panel.current_id() is None
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.reader.hasFocus()


def test_an_annotation_hit_chooses_the_annotation(qtbot, window) -> None:  # noqa: ANN001
    result = search_by_keys(qtbot, window, "ostrander")
    first = window.search.results.currentItem().data(0, Qt.ItemDataRole.UserRole)
    assert first == result.hits[0] and first.annotation_id is not None
    assert "1 article" in window.search.status.text()
    qtbot.keyClick(window.search.results, Qt.Key.Key_Return)
    assert window.panel.current_id() == first.annotation_id


def test_kind_filter_and_no_matches(qtbot, window) -> None:  # noqa: ANN001
    search_by_keys(qtbot, window, "ostrander")
    window.search.kind.setCurrentIndex(window.search.kind.findData("claim"))
    assert all(h.kind == "claim" for h in window.search.last.hits)
    window.search.kind.setCurrentIndex(0)
    everything = len(window.search.last.hits)
    window.search.claim_status.setCurrentIndex(window.search.claim_status.findData("verified"))
    kept = window.search.last.hits
    assert all(h.kind == "claim" for h in kept) and len(kept) < everything
    window.search.claim_status.setCurrentIndex(0)
    window.search.query.setFocus()
    window.search.query.selectAll()
    qtbot.keyClicks(window.search.query, "xyzzy")
    qtbot.waitUntil(lambda: window.search.last.query == "xyzzy", timeout=3000)
    assert window.search.status.text().startswith("No matches")


def test_a_hit_whose_article_is_gone_selects_nothing_and_searches_again(qtbot, window) -> None:  # noqa: ANN001
    from models.project import Project

    search_by_keys(qtbot, window, "ostrander")
    hit = window.search.results.currentItem().data(0, Qt.ItemDataRole.UserRole)
    with Project.open(window.session.project.path) as other:  # another program deletes it
        other.articles.delete(hit.article_id)
    window.workspace.check_outside_changes()  # as the window's watch does every 2 s
    before = window.reader.selection()
    window.views.go_to_hit(hit)
    assert window.reader.selection() == before  # nothing selected in some other text
    assert window.search.last is not None and not window.search.last.hits
