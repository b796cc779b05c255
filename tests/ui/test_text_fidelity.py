"""Offsets stay exact through the widget: emoji, flags, RTL, CRLF input, NBSP."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import db, make_window
from tests.ui.test_annotating import select_with_keys

EMOJI = ("Fans 🎉🎉 cheered. The flag 🇨🇺 flew as “we won 👩🏽‍🚀 today,” "
         "said Lía Pérez on Sunday.\n\n𝐁old maths 𝐀 and after: the final words.")


def tag_selection(qtbot, window, start: int, length: int, key=Qt.Key.Key_Q,  # noqa: ANN001
                  rtl: bool = False) -> str:
    window.act_snap.setChecked(False)
    select_with_keys(qtbot, window, start, length, rtl=rtl)
    qtbot.keyClick(window.reader, key)
    with db(window) as p:
        (a,) = p.annotations.list()
        return a.text


def test_selection_after_emoji_is_stored_exactly(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(EMOJI)
    target = "we won 👩🏽‍🚀 today"
    start = EMOJI.index(target)
    # Shift+Right moves by grapheme; count how many presses cover the target.
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(reader.offsets.to_qt(start))
    reader.setTextCursor(cursor)
    while reader.selection()[1] < start + len(target):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(reader, Qt.Key.Key_Q)
    with db(window) as p:
        (a,) = p.annotations.list()
    assert a.text == target
    assert EMOJI[a.start:a.end] == target


def test_text_after_astral_letters(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(EMOJI)
    target = "the final words"
    assert tag_selection(qtbot, window, EMOJI.index(target), len(target)) == target


HEBREW = ("השר אמר ביום שני כי \"אנחנו נמשיך במדיניות\" וכך גם יו\"ר הוועדה.\n\n"
          "وقال الوزير إن الحكومة \"ستواصل العمل\" يوم الاثنين.")


def test_hebrew_selection(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(HEBREW)
    target = "אנחנו נמשיך במדיניות"
    assert tag_selection(qtbot, window, HEBREW.index(target), len(target), rtl=True) == target


def test_arabic_selection(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(HEBREW)
    target = "ستواصل العمل"
    assert tag_selection(qtbot, window, HEBREW.index(target), len(target), Qt.Key.Key_C,
                         rtl=True) == target


def test_corpus_hebrew_and_emoji_articles(qtbot, settings, tmp_path: Path, corpus: Path,
                                          warnings) -> None:  # noqa: ANN001
    from models.article_import import import_files
    from models.project import Project

    path = tmp_path / "c.briefmark"
    with Project.open(path, create=True) as p:
        report = import_files(p, [corpus / "he_israelhayom_presidential_race.txt",
                                  corpus / "de_basicthinking_tweets_emoji.txt",
                                  corpus / "messy_crlf.txt"])
        texts = {a.filename: p.articles.get(a.id).text for a in report.imported}
        ids = {a.filename: a.id for a in report.imported}
    window = make_window(qtbot, settings, path)
    window.act_snap.setChecked(False)
    for name, pick in (("he_israelhayom_presidential_race.txt", "ריח של חיסול חשבונות"),
                       ("de_basicthinking_tweets_emoji.txt", None),
                       ("messy_crlf.txt", "Ms. Haley")):
        rtl = name.startswith("he_")
        window.open_article(ids[name])
        text = texts[name]
        if pick is None:  # the first words after the first astral character
            first = next(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF)
            start = first + 1
            while text[start].isspace() or ord(text[start]) > 0xFFFF:
                start += 1
            pick = text[start:start + 12].strip()
        start = text.index(pick)
        select_with_keys(qtbot, window, start, len(pick), rtl=rtl)
        qtbot.keyClick(window.reader, Qt.Key.Key_E)
        with db(window) as p:
            stored = [a.text for a in p.annotations.list(article_id=ids[name])]
        assert stored == [pick], name
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)  # back to the text
        assert window.reader.hasFocus()


def test_offset_map_round_trip() -> None:
    from ui.offsets import OffsetMap

    m = OffsetMap(EMOJI)
    qt_text = EMOJI.encode("utf-16-le")
    for cp in range(len(EMOJI) + 1):
        pos = m.to_qt(cp)
        assert m.to_cp(pos) == cp
        assert qt_text[: pos * 2].decode("utf-16-le") == EMOJI[:cp]


def test_hebrew_and_arabic_articles_are_set_flush_right(qtbot, text_window) -> None:  # noqa: ANN001
    from PySide6.QtGui import QTextCursor

    from models.values import ArticleMeta

    window = text_window("כותרת בעברית\n\nשלום עולם, פסקה בעברית\n\nوقال الوزير\n\nEnglish note")
    reader = window.reader
    doc = reader.document()
    start_x = reader.cursorRect(QTextCursor(doc.findBlockByNumber(2))).x()
    assert start_x > reader.viewport().width() / 2  # a right-to-left line starts at the right
    assert reader.toPlainText().count("\n") == 6  # the text itself is unchanged
    window.session.project.articles.add("An English article\n\nWith text.", ArticleMeta())
    window.workspace.articles_changed()
    english = next(a.id for a in window.library.model.articles if a.title != "Test article")
    window.open_article(english)
    assert reader.cursorRect(QTextCursor(reader.document().findBlockByNumber(2))).x() < 50
