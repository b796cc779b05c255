"""Find through keys: keyboard quotes and hyphens, "3 of 7", F3 in the field and the text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from models.project import Project
from models.values import ArticleMeta
from ui.find_bar import FindBar
from ui.reader import ReaderView


def open_article(qtbot, path: Path, text: str):  # noqa: ANN001, ANN201
    """A reader and its find bar on an article stored in a real project file."""
    with Project.open(path, create=True) as p:
        article = p.articles.add(text, ArticleMeta(title="Find test"))
    with Project.open(path) as p:
        stored = p.articles.get(article.id).text
        annotations = p.annotations.list(article_id=article.id)
    box = QWidget()
    reader = ReaderView()
    bar = FindBar(reader)
    layout = QVBoxLayout(box)
    layout.addWidget(bar)
    layout.addWidget(reader)
    qtbot.addWidget(box)
    box.resize(900, 700)
    reader.set_article(stored, annotations)
    box.show()
    qtbot.waitExposed(box)
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow, timeout=3000)
    return box, reader, bar, stored


def paste(qtbot, field, text: str) -> None:  # noqa: ANN001
    """What a user does with text the keyboard cannot type: copy it, then Ctrl+V."""
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def selected(reader: ReaderView, stored: str) -> str:
    start, end = reader.selection()
    return stored[start:end]


def test_typed_quotes_find_typographic_ones_in_a_real_article(qtbot, corpus, tmp_path) -> None:  # noqa: ANN001
    text = (corpus / "en_timesofisrael_netanyahu_putin.txt").read_text(encoding="utf-8")
    _box, reader, bar, stored = open_article(qtbot, tmp_path / "f.briefmark", text)
    bar.open()
    qtbot.keyClicks(bar, "latter's")  # search as you type: no Enter needed
    assert selected(reader, stored) == "latter’s"
    assert bar.status_text() == "1 of 1"
    bar.clear()
    qtbot.keyClicks(bar, '"very bright"')
    assert selected(reader, stored) == "“very bright”"
    assert bar.status_text() == "1 of 1"
    qtbot.keyClicks(bar, "zzq")
    assert bar.status_text() == "No matches"
    assert reader.selection()[0] == reader.selection()[1]  # nothing stale left to tag


def test_count_other_matches_and_f3_in_field_and_reader(qtbot, corpus, tmp_path) -> None:  # noqa: ANN001
    text = (corpus / "en_nytimes_haley_resigns.txt").read_text(encoding="utf-8")
    _box, reader, bar, stored = open_article(qtbot, tmp_path / "f.briefmark", text)
    bar.open()
    qtbot.keyClicks(bar, " - ")  # a typed hyphen finds the article's em dashes
    assert bar.status_text() == "1 of 7"
    assert selected(reader, stored) == " — "
    assert len(reader.extraSelections()) == 7  # every match is marked
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    qtbot.keyClick(bar, Qt.Key.Key_F3)
    assert bar.status_text() == "3 of 7"
    third = reader.selection()
    qtbot.keyClick(bar, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status_text() == "2 of 7"
    qtbot.keyClick(bar, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status_text() == "1 of 7"
    qtbot.keyClick(bar, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status_text() == "7 of 7"  # wraps round
    # Esc goes back to the text; F3 there goes on from the selection.
    qtbot.keyClick(bar, Qt.Key.Key_Escape)
    assert reader.hasFocus() and not bar.isVisible()
    assert reader.extraSelections() == []
    reader.select_span(*third)
    qtbot.keyClick(reader, Qt.Key.Key_F3)
    assert bar.isVisible() and bar.status_text() == "4 of 7"
    assert selected(reader, stored) == " — "
    qtbot.keyClick(reader, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status_text() == "3 of 7" and reader.selection() == third


def test_offsets_exact_after_emoji_rtl_crlf_and_sharp_s(qtbot, tmp_path) -> None:  # noqa: ANN001
    text = ("Straße 🚀🚀 “Ein Test”\r\nשלום ‘עולם’ — ok\r\nFußball 🙂 – ‘twice’ and “twice”")
    _box, reader, bar, stored = open_article(qtbot, tmp_path / "f.briefmark", text)
    assert "\r" not in stored  # the store normalises line ends; offsets count into this
    bar.open()
    qtbot.keyClicks(bar, '"ein test"')
    assert selected(reader, stored) == "“Ein Test”"
    bar.clear()
    paste(qtbot, bar, "'עולם' - ok")  # QTest types Latin-1 keys only: Hebrew is pasted
    assert selected(reader, stored) == "‘עולם’ — ok"
    assert reader.is_rtl_at(stored.index("שלום")) and not reader.is_rtl_at(0)
    bar.clear()
    paste(qtbot, bar, "fussball 🙂 - 'twice'")
    assert selected(reader, stored) == "Fußball 🙂 – ‘twice’"
    bar.clear()
    qtbot.keyClicks(bar, "twice")
    assert bar.status_text() == "1 of 2"
    qtbot.keyClick(bar, Qt.Key.Key_F3)
    assert bar.status_text() == "2 of 2"
    start, end = reader.selection()
    assert (start, end) == (stored.rindex("twice"), stored.rindex("twice") + 5)
