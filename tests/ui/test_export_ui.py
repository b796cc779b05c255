"""Exporting a briefing note from the window: options, worker thread, atomic result."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt


def test_export_dialog_writes_the_note_off_the_ui_thread(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001

    dialog = window.articles.briefing_dialog()
    qtbot.addWidget(dialog)
    dialog.setProperty("quiet", True)
    dialog.kind_boxes["event"].setChecked(False)
    dialog.title.setText("Port Ellis: the vote")
    dialog.bottom_line.setFocus()
    qtbot.keyClicks(dialog.bottom_line, "The vote stands.")
    qtbot.keyClick(dialog.bottom_line, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.bottom_line, "- Job numbers are disputed")
    out = tmp_path / "note.docx"
    dialog.run_export(out, wait=True)
    assert dialog.written == str(out)
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Port Ellis: the vote" in text
    assert "Nobody in that room has ever loaded a ship." in text
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert not any(h.startswith("Events") for h in headings)
    assert headings[0] == "Bottom line"  # first, before the summary
    after = [p for p in doc.paragraphs][[p.text for p in doc.paragraphs].index(
        "Bottom line") + 1:][:2]
    assert [p.text for p in after] == ["The vote stands.", "Job numbers are disputed"]
    assert after[1].style.name == "List Bullet"
    assert "Export cancelled" not in window.statusBar().currentMessage()


def test_cancelled_export_leaves_no_file(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001

    out = tmp_path / "note.docx"
    out.write_bytes(b"earlier good note")
    dialog = window.articles.briefing_dialog()
    qtbot.addWidget(dialog)
    dialog.setProperty("quiet", True)
    original = dialog.run_export

    def cancel_at_once(path: Path, *, wait: bool = False) -> None:
        original(path, wait=False)
        dialog.worker.cancel()  # as the progress dialog's Cancel button does
        assert dialog.worker.wait()

    cancel_at_once(out)
    assert dialog.written == ""
    assert out.read_bytes() == b"earlier good note"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp" or p.name.startswith(".")]
    assert "cancelled" in window.statusBar().currentMessage()


def test_unwritable_destination_is_explained(qtbot, window, tmp_path: Path,  # noqa: ANN001
                                             warnings: list[str]) -> None:

    dialog = window.articles.briefing_dialog()
    qtbot.addWidget(dialog)
    dialog.setProperty("quiet", True)
    dialog.run_export(tmp_path / "missing" / "note.docx", wait=True)
    assert dialog.written == ""
    assert warnings and "does not exist" in warnings[-1]


def test_chosen_articles_and_filters_by_keys(qtbot, settings, tmp_path: Path, warnings) -> None:  # noqa: ANN001
    """These articles: ticked with Space in the checklist (the filter narrows it); a tag
    and a claim status keep only what they name; nothing ticked is refused."""
    from models.project import Project
    from models.values import ArticleMeta
    from tests.ui.conftest import make_window

    path = tmp_path / "three.briefmark"
    with Project.open(path, create=True) as p:
        for title in ("Harbour vote", "Dam report 🎉", "שלום עכשיו"):
            text = f"{title}: the minister said the plan is safe. Others disagree."
            art = p.articles.add(text, ArticleMeta(title=title))
            s = text.index("the plan")
            p.annotations.tag_span(article_id=art.id, kind="claim", start=s, end=s + 16,
                                   claimant="The minister", status="disputed",
                                   tags=["safety"])
            s = text.index("Others")
            p.annotations.tag_span(article_id=art.id, kind="claim", start=s, end=s + 16,
                                   claimant="Others", status="unverified", tags=["other"])
    window = make_window(qtbot, settings, path)
    dialog = window.articles.briefing_dialog()
    qtbot.addWidget(dialog)
    dialog.setProperty("quiet", True)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    dialog.scope_some.setChecked(True)
    checklist = dialog.articles
    assert checklist.isEnabled() and checklist.list.hasFocus()
    assert checklist.ticked() == (window.workspace.article.id,)  # the open one, to start
    qtbot.keyClicks(checklist.filter, "dam")
    shown = [checklist.list.item(i) for i in range(checklist.list.count())
             if not checklist.list.item(i).isHidden()]
    assert [i.text() for i in shown] == ["Dam report 🎉"]
    checklist.list.setFocus()
    checklist.list.setCurrentItem(shown[0])
    qtbot.keyClick(checklist.list, Qt.Key.Key_Space)  # ticks it
    assert len(checklist.ticked()) == 2 and checklist.count.text() == "2 of 3 articles chosen"
    qtbot.keyClicks(dialog.filters.tags, "SAFETY")
    dialog.filters.statuses["disputed"].setChecked(True)
    dialog.include_text.setChecked(False)
    out = tmp_path / "chosen.docx"
    dialog.run_export(out, wait=True)
    assert dialog.written == str(out)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Harbour vote" in text and "Dam report" in text and "שלום" not in text
    assert "Others disagree" not in text and text.count("the plan is safe") == 2


def test_choices_saved_by_name_fill_the_dialog_again(qtbot, window, tmp_path: Path,  # noqa: ANN001
                                                    monkeypatch) -> None:
    """Save Choices As… keeps them in the project (asked before replacing one of that
    name); choosing the name in a new dialog fills everything in again."""
    from PySide6.QtWidgets import QMessageBox

    from models.briefing import definitions

    dialog = window.articles.briefing_dialog()
    qtbot.addWidget(dialog)
    assert not dialog.saved.isEnabled()  # none saved yet
    dialog.title.setText("Jobs brief")
    dialog.bottom_line.setPlainText("Jobs are disputed.\n- by hundreds")
    dialog.kind_boxes["quote"].setChecked(False)
    dialog.filters.statuses["disputed"].setChecked(True)
    qtbot.keyClicks(dialog.filters.tags, "jobs")
    dialog.save_choices("Jobs")
    project = window.session.project
    assert definitions.names(project) == ["Jobs"]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or
                        QMessageBox.StandardButton.No)
    dialog.title.setText("Something else")
    dialog.save_choices("jobs")  # the same name: asked, and the answer is No
    assert asked and definitions.load(project, "Jobs").title == "Jobs brief"

    again = window.articles.briefing_dialog()
    qtbot.addWidget(again)
    assert again.saved.isEnabled() and again.saved.findData("Jobs") > 0
    again.saved.setCurrentIndex(again.saved.findData("Jobs"))
    again.saved.activated.emit(again.saved.currentIndex())
    assert again.title.text() == "Jobs brief"
    assert again.bottom_line.toPlainText() == "Jobs are disputed.\n- by hundreds"
    assert not again.kind_boxes["quote"].isChecked()
    assert again.filters.tags.text() == "jobs" and again.filters.statuses["disputed"].isChecked()
    assert again.options() == definitions.load(project, "Jobs")


def test_the_dialog_previews_what_the_note_will_hold(qtbot, window) -> None:  # noqa: ANN001
    """The outline follows the choices (read on a thread): kinds, a bottom line, a filter
    nothing matches says why."""
    dialog = window.articles.briefing_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "• Claims:" in dialog.outline.text(), timeout=5000)
    assert "• Quotes:" in dialog.outline.text() and "Bottom line" not in dialog.outline.text()
    dialog.kind_boxes["quote"].setChecked(False)
    dialog.bottom_line.setPlainText("Settled.")
    qtbot.waitUntil(lambda: "• Quotes:" not in dialog.outline.text()
                    and dialog.outline.text().startswith("• Bottom line"), timeout=5000)
    qtbot.keyClicks(dialog.filters.tags, "no-such-tag")
    qtbot.waitUntil(lambda: "No annotation of the chosen articles matches"
                    in dialog.outline.text(), timeout=5000)
    dialog.reject()
