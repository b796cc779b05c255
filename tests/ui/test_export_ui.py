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
