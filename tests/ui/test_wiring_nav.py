"""The window's wiring of the reader, find bar and details, through keys and clicks:
N / P from the caret, span-edge keys in right-to-left text, clicking plain text, the find
bar's own status, names ranked by use, "¶ 4" in the details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from models.briefing.docx_text import Paragraphs
from models.project import Project
from models.sample import TEXT
from models.values import ArticleMeta
from tests.ui.conftest import db, make_window
from tests.ui.test_annotating import select_with_keys

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def click_at(qtbot, window, cp: int) -> None:  # noqa: ANN001
    window.reader.reveal(cp, cp + 1)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.reader.position_point(cp))


def caret(window) -> int:  # noqa: ANN001
    return window.reader.offsets.to_cp(window.reader.textCursor().position())


def test_n_and_p_go_on_from_the_caret_and_from_the_current_one(qtbot, window) -> None:  # noqa: ANN001
    with db(window) as p:
        stored = p.annotations.list(article_id=window.article.id)
    plain = TEXT.index("The closure plan sets out")  # not annotated
    assert not window.reader.annotations_at(plain + 2)
    click_at(qtbot, window, plain + 2)
    assert window.panel.current_id() is None
    here = caret(window)
    assert abs(here - (plain + 2)) <= 1
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    after = [a for a in stored if a.start >= here]
    assert window.panel.current_id() == after[0].id  # the first after the caret, not the first
    qtbot.keyClick(window.reader, Qt.Key.Key_N)  # caret unmoved: next after the current one
    assert window.panel.current_id() == after[1].id
    # The caret goes elsewhere by keys while an annotation is current: P goes from there.
    qtbot.keyClick(window.reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.current_id() == after[1].id
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert window.panel.current_id() == stored[-1].id
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert window.panel.current_id() == stored[-2].id
    # A current annotation chosen in the list: N goes on from it wherever the caret is.
    window.panel.select(stored[0].id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    assert window.panel.current_id() == stored[1].id


def test_clicking_plain_text_clears_the_current_annotation(qtbot, window) -> None:  # noqa: ANN001
    first = window.panel.model.rows[0]
    window.select_annotation(first.id)
    assert window.details.annotation == first
    click_at(qtbot, window, TEXT.index("The closure plan sets out") + 2)
    assert window.panel.current_id() is None
    assert window.details.annotation is None and window.reader.current() is None
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)  # nothing is chosen: nothing deleted
    with db(window) as p:
        assert p.annotations.get(first.id) == first


def test_details_heading_says_which_paragraph(window) -> None:  # noqa: ANN001
    a = window.panel.model.rows[3]
    window.select_annotation(a.id)
    number = Paragraphs(TEXT).number(a.start)
    heading = window.details.heading.text()
    assert f"¶ {number}" in heading and str(a.start) not in heading
    assert f"by {a.annotator}" in heading


def test_find_misses_leave_the_status_bar_alone(qtbot, window) -> None:  # noqa: ANN001
    window.statusBar().clearMessage()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar, "zebra crossing")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    assert window.find_bar.status_text() == "No matches"
    assert "zebra" not in window.statusBar().currentMessage()


def test_names_complete_ranked_by_use_including_other_programs(qtbot, window) -> None:  # noqa: ANN001
    article = window.article.id
    with db(window) as p:
        plan = TEXT.index("The closure plan sets out")
        for word in ("closure", "plan", "sets", "out"):  # Zoë Most four times: most used
            start = TEXT.index(word, plan)
            p.annotations.tag_span(article_id=article, kind="quote", start=start,
                                   end=start + len(word), speaker="Zoë Most")
        counts = p.annotations.name_counts()
    assert counts["Zoë Most"] == 4
    assert window.workspace.check_outside_changes()
    qtbot.waitUntil(lambda: window.details.completion_names()[:1] == ["Zoë Most"],
                    timeout=3000)
    ranked = window.details.completion_names()
    assert set(ranked) == set(counts)
    assert [counts[n] for n in ranked] == sorted(counts.values(), reverse=True)


def test_span_edge_keys_follow_the_arrows_in_hebrew(qtbot, corpus: Path, settings,  # noqa: ANN001
                                                    tmp_path: Path, warnings) -> None:
    text = (corpus / "he_israelhayom_presidential_race.txt").read_text(encoding="utf-8")
    path = tmp_path / "he.briefmark"
    with Project.open(path, create=True) as p:
        p.articles.add(text, ArticleMeta(title="המירוץ לנשיאות", language="he"))
    window = make_window(qtbot, settings, path)
    text = window.article.text
    words = "המירוץ לנשיאות מגיע"
    start = text.index(words)
    assert window.reader.is_rtl_at(start)
    select_with_keys(qtbot, window, start, len(words), rtl=True)  # Shift+Left selects forwards
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    quote_id = window.panel.current_id()
    window.reader.setFocus()

    def stored() -> str:
        with Project.open(path) as p:
            return p.annotations.get(quote_id).text

    assert stored() == words
    # The end edge is on the left on screen: Alt+Left moves it leftwards, taking in a word.
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, ALT)
    assert stored() == "המירוץ לנשיאות מגיע לשפל"
    qtbot.keyClick(window.reader, Qt.Key.Key_Right, ALT)  # and back to the right
    assert stored() == words
    # The start edge is on the right: Alt+Shift+Left moves it leftwards, leaving out a word.
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, ALT | SHIFT)
    assert stored() == "לנשיאות מגיע"
    qtbot.keyClick(window.reader, Qt.Key.Key_Right, ALT | SHIFT)
    assert stored() == words
