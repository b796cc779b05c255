"""Small things a new user noticed: counts, cut-off labels, help rows, export names,
which article opens after a delete, placeholders. Driven by keys and clicks where a user
would; asserted on what is shown or on the project file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QTableWidget,
)

from models.project import Project
from models.values import ArticleMeta
from tests.ui.conftest import db, make_window
from tests.ui.test_annotating import select_with_keys
from tests.ui.test_articles_ui import answer_confirm
from tests.ui.test_panel_claims import painted_text

EN = ("Officials said the harbour would reopen on Monday. “The storm has passed,” said "
      "harbour master Ann Lee.\n\nFerries will resume on Thursday.")


def tag(qtbot, window, text: str, target: str, key: Qt.Key, *, rtl: bool = False) -> None:  # noqa: ANN001
    """Select `target` with Shift+arrows and press the kind's key, as a user does."""
    window.reader.setFocus()
    select_with_keys(qtbot, window, text.index(target), len(target), rtl=rtl)
    qtbot.keyClick(window.reader, key)


def test_count_line_plural_follows_the_number(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(EN)
    counts = window.panel.counts
    assert counts.text() == "0 annotations · 0 claims, 0 quotes, 0 events"
    tag(qtbot, window, EN, "The storm has passed", Qt.Key.Key_Q)
    assert counts.text() == "1 annotation · 0 claims, 1 quote, 0 events"
    tag(qtbot, window, EN, "Ferries will resume on Thursday", Qt.Key.Key_E)
    assert counts.text() == "2 annotations · 0 claims, 1 quote, 1 event"


HE = ("נשיא המדינה אמר היום כי \"הבחירות יתקיימו בזמן\" ולא יידחו.\n\n"
      "הדיון המיוחד ייערך ביום שני בכנסת.")


def test_kind_is_never_cut_in_a_hebrew_article(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(HE, "מירוץ לנשיאות")
    view = window.panel.view
    # A header narrower than the labels (a platform whose header font is small or not
    # bold): the column must still fit "Quote", not the header's "Kind".
    font = view.horizontalHeader().font()
    font.setPointSize(max(1, font.pointSize() // 2))
    view.horizontalHeader().setFont(font)
    qtbot.wait(50)  # the header lays out again with its font
    tag(qtbot, window, HE, "הבחירות יתקיימו בזמן", Qt.Key.Key_Q, rtl=True)
    tag(qtbot, window, HE, "הדיון המיוחד ייערך ביום שני", Qt.Key.Key_E, rtl=True)
    with db(window) as p:
        assert sorted(a.kind for a in p.annotations.list()) == ["event", "quote"]
    rows = len(window.panel.model.rows)
    assert rows == 2
    assert {painted_text(view, r, 0) for r in range(rows)} == {"Quote", "Event"}  # not "Q…"


def shown_shortcuts(qtbot, window) -> dict[str, str]:  # noqa: ANN001
    """Press F1 and read Help ▸ Keyboard Shortcuts as it is shown; close it with Esc."""
    from ui.dialogs import ShortcutsDialog

    rows: dict[str, str] = {}

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ShortcutsDialog):
            QTimer.singleShot(20, read)
            return
        table = dialog.findChild(QTableWidget)
        rows.update((table.item(r, 0).text(), table.item(r, 1).text())
                    for r in range(table.rowCount()))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, read)
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    return rows


def test_shortcuts_list_undo_and_redo_by_their_own_names(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(EN)
    tag(qtbot, window, EN, "Officials said the harbour would reopen", Qt.Key.Key_C)
    assert window.undo_action.text() == "Undo Tag as Claim"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.redo_action.text() == "Redo Tag as Claim"
    tag(qtbot, window, EN, "Ferries will resume on Thursday", Qt.Key.Key_E)
    assert window.undo_action.text() == "Undo Tag as Event"
    rows = shown_shortcuts(qtbot, window)
    assert rows["Undo"].startswith("Ctrl+Z")
    assert "Ctrl+Shift+Z" in rows["Redo"] and "Ctrl+Y" in rows["Redo"]
    assert not [name for name in rows if name.startswith(("Undo ", "Redo "))]
    assert rows["Tag as Claim"] == "C, 1"


LONG_TITLE = "Netanyahu and Putin agree to coordinate militarily to avoid Syria mishaps"


class SaveDialog:
    """Stands in for the modal save dialog: records where it starts, answers `answer`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: str = "") -> None:
        self.started: list[str] = []
        self.answer = answer

        def ask(_parent: object, _caption: str, start: str, _filter: str, *a: object,
                **k: object) -> tuple[str, str]:
            self.started.append(start)
            return self.answer, ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)


def click_export(qtbot, window) -> object:  # noqa: ANN001
    dialog = window.articles.briefing_dialog()
    qtbot.addWidget(dialog)
    dialog.setProperty("quiet", True)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return dialog


def test_note_name_is_cut_at_a_word_and_starts_in_the_last_folder(  # noqa: ANN001
        qtbot, text_window, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = text_window(EN, LONG_TITLE)
    tag(qtbot, window, EN, "The storm has passed", Qt.Key.Key_Q)  # something to export
    save = SaveDialog(monkeypatch)
    click_export(qtbot, window)  # never exported: the home folder
    assert save.started == [str(Path.home() / "Netanyahu and Putin agree to coordinate "
                                "militarily to avoid.docx")]
    notes = tmp_path / "notes"
    notes.mkdir()
    save.answer = str(notes / "vote.docx")
    dialog = click_export(qtbot, window)
    qtbot.waitUntil(lambda: dialog.written == str(notes / "vote.docx"), timeout=20000)
    assert (notes / "vote.docx").is_file()
    save.answer = ""
    click_export(qtbot, window)  # the folder exported to last time
    assert Path(save.started[-1]).parent == notes
    assert Path(save.started[-1]).name == "Netanyahu and Putin agree to coordinate " \
                                         "militarily to avoid.docx"
    settings.setValue("export/folder", str(tmp_path / "gone"))  # e.g. a removed drive
    click_export(qtbot, window)
    assert Path(save.started[-1]).parent == Path.home()


def export_from_menu(qtbot, window, label: str, out: Path) -> None:  # noqa: ANN001
    """File ▸ Export ▸ `label`, then wait for the status bar to say the file was written."""
    (act,) = [a for a in window.export_menu.actions() if a.text() == label]
    act.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"Wrote {out}",
                    timeout=20000)


def test_data_export_adds_the_format_suffix_to_a_bare_name(  # noqa: ANN001
        qtbot, text_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = text_window(EN)
    tag(qtbot, window, EN, "The storm has passed", Qt.Key.Key_Q)
    save = SaveDialog(monkeypatch, str(tmp_path / "notes"))
    export_from_menu(qtbot, window, "Annotations as CSV…", tmp_path / "notes.csv")
    assert "The storm has passed" in (tmp_path / "notes.csv").read_text(encoding="utf-8-sig")
    assert not (tmp_path / "notes").exists()
    save.answer = str(tmp_path / "data")
    export_from_menu(qtbot, window, "Annotations as JSON…", tmp_path / "data.json")
    export_from_menu(qtbot, window, "W3C Web Annotations (JSON-LD)…", tmp_path / "data.jsonld")
    assert json.loads((tmp_path / "data.jsonld").read_text(encoding="utf-8"))
    save.answer = str(tmp_path / "for-excel.txt")  # a suffix of the user's own: as typed
    export_from_menu(qtbot, window, "Annotations as CSV…", tmp_path / "for-excel.txt")
    assert "The storm has passed" in (tmp_path / "for-excel.txt").read_text(
        encoding="utf-8-sig")
    # notes.csv is there now: the dialog asked about "notes", so replacing it is asked here
    before = (tmp_path / "notes.csv").read_bytes()
    tag(qtbot, window, EN, "Ferries will resume on Thursday", Qt.Key.Key_E)
    save.answer = str(tmp_path / "notes")
    seen: list[str] = []
    answer_confirm(qtbot, Qt.Key.Key_Escape, seen)
    (act,) = [a for a in window.export_menu.actions() if a.text() == "Annotations as CSV…"]
    act.trigger()
    assert seen == ["notes.csv already exists. Replace it?"]
    assert (tmp_path / "notes.csv").read_bytes() == before


def click_article(qtbot, window, title: str) -> None:  # noqa: ANN001
    view = window.library.view
    (row,) = [r for r in range(view.model().rowCount())
              if view.model().index(r, 0).data() == title]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.model().index(row, 0)).center())
    assert window.article.title == title


def delete_from_menu(window) -> None:  # noqa: ANN001
    (act,) = [a for a in window.findChildren(QAction) if a.text() == "Delete Article"]
    act.trigger()  # no annotations: no question asked


def shown_title(window) -> str:  # noqa: ANN001
    """The open article's title as the reader and the library show it."""
    index = window.library.view.currentIndex()
    assert window.library.view.selectionModel().isSelected(index)
    assert window.reader.toPlainText().startswith(f"{index.data()} text")
    return index.data()


def test_deleting_an_article_opens_the_one_that_takes_its_place(  # noqa: ANN001
        qtbot, settings, tmp_path: Path, warnings) -> None:
    path = tmp_path / "three.briefmark"
    with Project.open(path, create=True) as p:
        for title in ("Charlie", "Alpha", "Bravo"):  # imported in this order
            p.articles.add(f"{title} text.\n\nMore.", ArticleMeta(title=title))
    window = make_window(qtbot, settings, path)
    assert shown_title(window) == "Charlie"
    delete_from_menu(window)  # the first of three: the next one opens
    assert shown_title(window) == "Alpha"
    click_article(qtbot, window, "Bravo")
    delete_from_menu(window)  # the last one: the previous one opens
    assert shown_title(window) == "Alpha"
    with db(window) as p:
        assert [a.title for a in p.articles.list()] == ["Alpha"]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [window.library.view.model().index(r, 0).data() for r in range(3)] == [
        "Charlie", "Alpha", "Bravo"]
    # The library's own order counts, not the order of import.
    window.library.sort_box.setCurrentText("Title")  # Alpha, Bravo, Charlie
    click_article(qtbot, window, "Bravo")
    delete_from_menu(window)
    assert shown_title(window) == "Charlie"


def test_every_details_field_says_what_goes_in_it(qtbot, window) -> None:  # noqa: ANN001
    event = next(a for a in window.panel.model.rows if a.kind == "event")
    view = window.panel.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.model().index(
                         window.panel.model.row_of_id(event.id), 1)).center())
    where = window.details.fields["where"]
    assert where.isVisible()
    assert where.placeholderText() == "where it happened"
    shown = [f for f in window.details.fields.values() if f.isVisible()]
    assert all(f.placeholderText() for f in shown if isinstance(f, QLineEdit))


def test_library_filter_placeholder_fits_at_the_narrowest_library(qtbot, window) -> None:  # noqa: ANN001
    from ui.panel_fit import LIBRARY_MIN

    sizes = window.splitter.sizes()
    window.splitter.setSizes([LIBRARY_MIN, sizes[0] + sizes[1] - LIBRARY_MIN, sizes[2]])
    qtbot.waitUntil(lambda: window.library.width() == LIBRARY_MIN)
    edit = window.library.filter
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option,
                                       edit).width() - 2 * 2  # Qt's margin either side
    text = edit.placeholderText()
    assert text and edit.fontMetrics().horizontalAdvance(text) <= room  # not "Filter ar…"
