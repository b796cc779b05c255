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
    window.search.query.setFocus()
    qtbot.keyClick(window.search.query, Qt.Key.Key_Down)  # Down goes to the hits too
    assert window.search.results.hasFocus()
    assert window.search.results.currentItem().data(0, Qt.ItemDataRole.UserRole) == first


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


def test_hits_arrive_in_slices_and_a_new_query_replaces_them(  # noqa: ANN001
        qtbot, settings, tmp_path, warnings, monkeypatch) -> None:
    """A search over many articles shows its first hits at once and the rest between
    events; typing again stops the old search (its hits never mix with the new ones)."""
    import ui.search_panel as panel_module
    from models.project import Project
    from models.values import ArticleMeta
    from tests.ui.conftest import make_window

    path = tmp_path / "many.briefmark"
    with Project.open(path, create=True) as p:
        for i in range(60):
            p.articles.add(f"Report {i}: the harbour 🎉 closed. שלום harbour again.",
                           ArticleMeta(title=f"Report {i}"))
    window = make_window(qtbot, settings, path)
    monkeypatch.setattr(panel_module, "SLICE_S", 0.0)  # one article a slice
    search = window.search
    window.views.open_search()
    search.query.setText("harbour")
    search.run()
    assert search.pending is not None and search.last is None
    assert search.results.topLevelItemCount() == 1 and search.status.text().startswith(
        "Searching… 2 hits in 1 article")
    qtbot.waitUntil(lambda: search.last is not None, timeout=5000)
    assert len(search.last.hits) == 120 and search.results.topLevelItemCount() == 60
    assert search.status.text() == "120 hits in 60 articles"
    hit = search.last.hits[-1]  # code points, after the emoji
    text = window.session.project.articles.get(hit.article_id).text
    assert text[hit.start:hit.end] == "harbour" and hit.start == text.rindex("harbour")
    search.query.setText("closed")
    search.run()
    search.query.setText("report")
    search.run()  # replaces the search for "closed" before it is done
    qtbot.waitUntil(lambda: search.last is not None, timeout=5000)
    assert search.last.query == "report"
    assert {h.field for h in search.last.hits} <= {"title", "text"}
    assert all("eport" in h.snippet for h in search.last.hits)
