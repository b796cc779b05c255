"""The reader through clicks: nested spans stay visible under the current one, a hint counts
the annotations under the caret, plain text clicks clear the current annotation, and the
current annotation looks unlike a text selection."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from models.project import Project
from models.values import ArticleMeta
from ui.reader import ReaderView
from ui.reader_paint import span_rects

TEXT = ("First paragraph says nothing at all.\n\n"
        "The minister said that the harbour would reopen on Monday, officials confirmed.\n\n"
        "A last paragraph, untouched.")


def make_project(path: Path) -> tuple[str, list]:
    """An outer claim with a quote nested inside it, stored in a real project file."""
    with Project.open(path, create=True, annotator="Ada Lovelace") as p:
        art = p.articles.add(TEXT, ArticleMeta(title="Overlaps"))
        text = art.text
        outer_start = text.index("The minister")
        outer_end = text.index(", officials") + len(", officials confirmed")
        inner_start = text.index("the harbour")
        inner_end = text.index("Monday") + len("Monday")
        p.annotations.tag_span(article_id=art.id, kind="claim", start=outer_start,
                               end=outer_end, claimant="officials")
        p.annotations.tag_span(article_id=art.id, kind="quote", start=inner_start,
                               end=inner_end, speaker="The minister")
    with Project.open(path) as p:
        return p.articles.get(art.id).text, p.annotations.list(article_id=art.id)


def open_reader(qtbot, tmp_path: Path):  # noqa: ANN001, ANN201
    text, annotations = make_project(tmp_path / "o.briefmark")
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(900, 500)
    reader.set_article(text, annotations)
    reader.show()
    qtbot.waitExposed(reader)
    by_kind = {a.kind: a for a in annotations}
    return reader, text, by_kind["claim"], by_kind["quote"]


def background(reader: ReaderView, start: int, end: int) -> QColor:
    """The commonest colour over a span's first line: the highlight, not the glyphs."""
    image: QImage = reader.viewport().grab().toImage()
    rect = span_rects(reader, reader.offsets.to_qt(start), reader.offsets.to_qt(end))[0]
    counts = Counter(image.pixel(x, y)
                     for x in range(int(rect.left()) + 3, int(rect.right()) - 3)
                     for y in range(int(rect.top()) + 2, int(rect.bottom()) - 2))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_nested_span_stays_visible_inside_the_current_one(qtbot, tmp_path) -> None:  # noqa: ANN001
    reader, text, claim, quote = open_reader(qtbot, tmp_path)
    outer_only = (claim.start, text.index(" the harbour"))
    inner_before = background(reader, quote.start, quote.end)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=reader.position_point(claim.start + 2))
    assert reader.current_id is None  # the window makes it current on annotationClicked
    reader.set_current(claim.id)
    qtbot.wait(10)
    inner = background(reader, quote.start, quote.end)
    outer = background(reader, *outer_only)
    assert distance(inner, outer) > 40  # the nested quote still stands out
    assert distance(inner, inner_before) < 120  # tinted, not painted over
    # The current annotation is outlined in its ink colour, which a plain selection never is.
    image = reader.viewport().grab().toImage()
    rect = span_rects(reader, reader.offsets.to_qt(claim.start),
                      reader.offsets.to_qt(claim.end))[0]
    edge = QColor(image.pixel(int(rect.left()), int(rect.center().y())))
    assert distance(edge, QColor("#ffffff")) > 150


def test_hint_counts_annotations_under_the_caret(qtbot, tmp_path) -> None:  # noqa: ANN001
    reader, text, claim, quote = open_reader(qtbot, tmp_path)
    heard: list[tuple[int, int]] = []
    reader.overlapsAtCaret.connect(lambda n, cp: heard.append((n, cp)))
    clicked: list[int] = []
    reader.annotationClicked.connect(clicked.append)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=reader.position_point(quote.start + 3))
    assert reader.overlap_hint.isVisible()
    assert reader.overlap_hint.text().startswith("2 annotations here")
    assert heard[-1][0] == 2 and quote.start <= heard[-1][1] < quote.end
    assert clicked == [quote.id]  # innermost first; the next click gives the outer one
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=reader.position_point(quote.start + 3))
    assert clicked == [quote.id, claim.id]
    qtbot.keyClick(reader, Qt.Key.Key_Home)  # keys move the caret too: the hint follows
    assert not reader.overlap_hint.isVisible() and heard[-1][0] == 1


def test_plain_text_click_clears_current_and_selection_differs(qtbot, tmp_path) -> None:  # noqa: ANN001
    reader, text, claim, _quote = open_reader(qtbot, tmp_path)
    cleared: list[bool] = []
    reader.currentCleared.connect(lambda: cleared.append(True))
    reader.set_current(claim.id)
    assert not reader.has_plain_selection()
    # Select plain text with the keyboard while the claim is current: Delete must not act.
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=reader.position_point(text.index("A last") + 1))
    assert cleared == [True] and reader.current_id is None
    reader.set_current(claim.id)
    for _ in range(5):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert reader.has_plain_selection()
    assert not reader.selection_is_annotation(claim)
    reader.select_span(claim.start, claim.end)
    assert reader.selection_is_annotation(claim) and not reader.has_plain_selection()
    # A text selection uses the palette's selection colour; the current annotation does not.
    reader.select_span(text.index("A last"), text.index("A last") + 6)
    qtbot.wait(10)
    selection_colour = background(reader, text.index("A last"), text.index("A last") + 6)
    current = background(reader, claim.start, claim.start + 12)
    assert distance(selection_colour, reader.palette().highlight().color()) < 30
    assert distance(current, selection_colour) > 100


def test_paragraph_labels_follow_the_briefing_rule(qtbot, tmp_path) -> None:  # noqa: ANN001
    reader, text, claim, quote = open_reader(qtbot, tmp_path)
    assert reader.paragraph_label(claim.start, claim.end) == "¶ 2"  # blank lines not counted
    assert reader.paragraph_label(0, text.index("A last") + 3) == "¶ 1–3"


def test_rtl_paragraphs_are_reported_for_span_edge_keys(qtbot, corpus, tmp_path) -> None:  # noqa: ANN001
    hebrew = (corpus / "he_israelhayom_presidential_race.txt").read_text(encoding="utf-8")
    text = "An English line first.\n\n" + hebrew
    path = tmp_path / "h.briefmark"
    with Project.open(path, create=True) as p:
        art = p.articles.add(text, ArticleMeta(title="RTL"))
    with Project.open(path) as p:
        stored = p.articles.get(art.id).text
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.set_article(stored, [])
    assert not reader.is_rtl_at(3)
    first_hebrew = next(i for i, ch in enumerate(stored) if "\u05d0" <= ch <= "\u05ea")
    assert reader.is_rtl_at(first_hebrew) and reader.is_rtl_at(len(stored) - 1)
