"""Articles in the window: drag-and-drop import, undo of imports and deletes, properties,
projects that cannot be opened, settings that persist."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from models.project import Project
from tests.ui.conftest import db, make_window


def drop_files(qtbot, window, paths: list[Path]) -> None:  # noqa: ANN001
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: window.library.model.rowCount() > 1, timeout=5000)


def test_drop_files_imports_them_and_undo_removes(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    good = tmp_path / "storm.txt"
    good.write_text("Storm closes port\n\n“We had no choice,” said Ann Lee. 🌊", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    drop_files(qtbot, window, [good, empty])
    with db(window) as p:
        titles = [a.title for a in p.articles.list()]
    assert titles[-1] == "Storm closes port" and len(titles) == 2
    assert window.article.title == "Storm closes port"  # the new article is opened
    from PySide6.QtWidgets import QMessageBox

    summary = window.findChild(QMessageBox, "importSummary")
    assert summary is not None and "empty.txt is empty" in summary.informativeText()
    summary.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db(window) as p:
        assert [a.title for a in p.articles.list()] == titles[:1]
    qtbot.keyClick(window.reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    with db(window) as p:
        assert [a.title for a in p.articles.list()] == titles


def test_refused_files_are_summarised(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "bin.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    report = window.articles.import_paths([bad], wait=True)
    assert report is not None and not report.imported
    box = window.findChild(QMessageBox, "importSummary")
    assert box is not None and "does not look like text" in box.informativeText()
    box.close()


def answer_confirm(qtbot, key: Qt.Key, seen: list[str]) -> None:  # noqa: ANN001
    """Answer the next confirmation box with a real key press once it is up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "confirm":
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        if key == Qt.Key.Key_Escape:
            qtbot.keyClick(box, key)
        else:  # the yes button is not the default: go to it as a user would
            yes = next(b for b in box.buttons()
                       if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
            yes.setFocus()
            qtbot.keyClick(yes, Qt.Key.Key_Space)
    QTimer.singleShot(0, press)


def test_delete_article_is_undoable(qtbot, window) -> None:  # noqa: ANN001
    article = window.article
    with db(window) as p:
        before = p.annotations.list(article_id=article.id)
    seen: list[str] = []
    answer_confirm(qtbot, Qt.Key.Key_Escape, seen)  # first: No
    window.articles.delete_current()
    assert seen == [f"Delete “{article.title}” and its {len(before)} annotations?"]
    with db(window) as p:
        assert len(p.articles.list()) == 1
    answer_confirm(qtbot, Qt.Key.Key_Space, seen)
    window.articles.delete_current()
    with db(window) as p:
        assert p.articles.list() == []
    assert window.undo_action.text() == "Undo Delete Article"
    window.undo_action.trigger()
    with db(window) as p:
        assert p.annotations.list(article_id=article.id) == before
    assert window.article is not None and window.article.id == article.id


def test_undoing_a_delete_shows_the_article_again(qtbot, window) -> None:  # noqa: ANN001
    from models.values import ArticleMeta

    window.session.project.articles.add("Second article\n\nText.", ArticleMeta(title="Two"))
    window.workspace.articles_changed()
    first = window.article
    answer_confirm(qtbot, Qt.Key.Key_Space, [])
    window.articles.delete_current()
    assert window.article.title == "Two"
    window.undo_action.trigger()
    assert window.article.id == first.id


def test_article_properties_dialog_saves_and_undoes(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer

    from ui.dialogs import ArticlePropertiesDialog

    article = window.article

    def fill() -> None:
        dialog = window.findChild(ArticlePropertiesDialog)
        dialog.edits["title"].setText("Port Ellis ends coal")
        dialog.summary.setPlainText("Council votes 7-4.")
        dialog.accept()

    QTimer.singleShot(0, fill)
    window.articles.properties()
    with db(window) as p:
        saved = p.articles.get(article.id)
    assert (saved.title, saved.summary) == ("Port Ellis ends coal", "Council votes 7-4.")
    assert window.library.model.articles[0].title == "Port Ellis ends coal"
    assert "Port Ellis ends coal" in window.header.text()
    assert window.undo_action.text() == "Undo Edit Article Properties"
    window.undo_action.trigger()
    with db(window) as p:
        assert p.articles.get(article.id).title == article.title


def test_unopenable_project_shows_the_core_message(qtbot, window, tmp_path: Path,  # noqa: ANN001
                                                   warnings: list[str]) -> None:
    bad = tmp_path / "notes.briefmark"
    bad.write_text("just some notes", encoding="utf-8")
    assert not window.open_project(bad)
    assert "not a Briefmark project" in warnings[-1]
    assert bad.read_text(encoding="utf-8") == "just some notes"
    assert window.session is not None and window.session.project.path.name == "sample.briefmark"


def test_read_only_project_can_be_read_not_edited(qtbot, settings, sample_path: Path,  # noqa: ANN001
                                                  warnings: list[str], monkeypatch) -> None:
    real_open = Project.open

    def open_read_only(path, **kw):  # noqa: ANN001, ANN003 - as for a file we cannot write
        project = real_open(path, **kw)
        project.read_only = True
        return project

    monkeypatch.setattr(Project, "open", staticmethod(open_read_only))
    window = make_window(qtbot, settings, sample_path)
    assert "(read-only)" in window.windowTitle()
    assert "read-only" in window.statusBar().currentMessage()
    window.reader.select_span(0, 7)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    first = window.panel.model.rows[0]
    window.select_annotation(first.id)
    note = window.details.fields["note"]
    note.setFocus()
    qtbot.keyClicks(note, "abcd")
    assert warnings == []  # nothing to refuse: editing is simply off
    assert note.toPlainText() == first.note
    with real_open(sample_path) as p:
        assert p.annotations.get(first.id) == first
        assert all(a.text != "Harbour" for a in p.annotations.list())


def test_layout_zoom_and_recent_projects_persist(qtbot, settings, sample_path: Path,  # noqa: ANN001
                                                 warnings) -> None:
    window = make_window(qtbot, settings, sample_path)
    size = window.reader.point_size()
    qtbot.keyClick(window.reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.point_size() == size + 2
    window.splitter.setSizes([200, 900, 300])
    window.close()
    again = make_window(qtbot, settings, sample_path)
    assert again.reader.point_size() == size + 2
    assert abs(again.splitter.sizes()[0] - 200) < 30
    assert settings.value("recentProjects", [], type=list)[0] == str(sample_path.resolve())
    assert [a.text() for a in again.project_files.recent_menu.actions()] == ["sample.briefmark"]


def test_help_lists_shortcuts(window) -> None:  # noqa: ANN001
    rows = dict(window.shortcut_rows())
    assert rows["Tag as Quote"] == "Q, 2"
    assert "Ctrl+Z" in rows["Undo"]
    assert rows["Next Annotation"] == "N"
    assert rows["Find in Article…"] == "Ctrl+F"
    assert rows["Delete Annotation"] == "Del, Backspace"


def test_changes_from_the_command_line_show_up(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    import subprocess
    import sys

    from tests.conftest import REPO

    # Our own edits, typed in bursts, are not mistaken for someone else's.
    first = window.panel.model.rows[0]
    window.select_annotation(first.id)
    note = window.details.fields["note"]
    note.setFocus()
    qtbot.keyClicks(note, "checked")
    window.workspace.check_outside_changes()
    assert window.undo_action.isEnabled()

    extra = tmp_path / "other.txt"
    extra.write_text("Another article\n\nWritten elsewhere.", encoding="utf-8")
    subprocess.run([sys.executable, str(REPO / "main.py"), "import",
                    str(window.session.project.path), str(extra)], check=True, timeout=120)
    window.workspace.check_outside_changes()
    assert [a.title for a in window.library.model.articles][-1] == "Another article"
    assert window.undo_action.isEnabled()  # the history stays; steps check their rows
    assert "another program" in window.statusBar().currentMessage()


def test_a_bad_date_keeps_the_properties_dialog_open(qtbot, window, warnings) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer

    from ui.dialogs import ArticlePropertiesDialog

    article = window.article
    seen: list[bool] = []

    def fill() -> None:
        dialog = window.findChild(ArticlePropertiesDialog)
        dialog.summary.setPlainText("Worth keeping")
        dialog.edits["published"].setText("14 March")
        dialog.accept()
        seen.append(dialog.isVisible())  # still open, nothing typed is lost
        dialog.edits["published"].setText("2025-03-15")
        dialog.accept()

    QTimer.singleShot(0, fill)
    window.articles.properties()
    assert seen == [True] and "not a date" in warnings[-1]
    with db(window) as p:
        saved = p.articles.get(article.id)
    assert (saved.summary, saved.published) == ("Worth keeping", "2025-03-15")
