"""The annotation list at a narrow width: a claim's status and every kind stay readable
however long the claimant; the claimant and the text are what get elided."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from models.project import Project
from models.values import ArticleMeta
from ui.annotation_panel import AnnotationPanel

LONG = "The Joint Parliamentary Committee on " + "Intelligence and Security " * 7
TEXT = "Officials said the harbour would reopen on Monday, and that no ships were lost."


def painted_text(view, row: int, col: int) -> str:  # noqa: ANN001
    """The text the delegate draws in a cell: its display text elided to the cell width."""
    index = view.model().index(row, col)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.textElideMode = view.textElideMode()
    view.itemDelegate().initStyleOption(option, index)
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return option.fontMetrics.elidedText(option.text, option.textElideMode,
                                         option.rect.width() - 2 * margin)


def test_long_claimant_keeps_status_and_kind_visible(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "p.briefmark"
    claimant = LONG[:200]
    assert len(claimant) == 200
    with Project.open(path, create=True) as p:
        art = p.articles.add(TEXT, ArticleMeta(title="Panel"))
        p.annotations.tag_span(article_id=art.id, kind="claim", start=0, end=48,
                               claimant=claimant, status="disputed")
        p.annotations.tag_span(article_id=art.id, kind="quote", start=19, end=48,
                               speaker=claimant)
    with Project.open(path) as p:
        annotations = p.annotations.list()
    panel = AnnotationPanel()
    qtbot.addWidget(panel)
    panel.set_annotations(annotations, [])
    panel.resize(320, 400)
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.model().index(0, 1)).center())
    assert panel.current_id() == annotations[0].id
    kinds = {painted_text(view, r, 0) for r in range(2)}
    assert kinds == {"Claim", "Quote"}  # never "Cl…"
    who = painted_text(view, 0, 2)
    assert who.startswith("Disputed · The Joint") and who.endswith("…")
    assert view.model().index(0, 2).data() == f"Disputed · {claimant}"  # all of it is there
    text = painted_text(view, 0, 1)
    assert text.endswith("…") and text.startswith("Officials")
