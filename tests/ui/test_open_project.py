"""Opening a project in the window: a damaged file is refused even though its integrity check
runs beside the library listing, and names for completion, counted in the background after
the library is shown, are there whenever a name field is used."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit

from models.annotations import AnnotationStore
from models.project import Project
from models.values import ArticleMeta
from tests.ui.conftest import make_window


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def named_project(path: Path, speaker: str) -> None:
    with Project.open(path, create=True) as p:
        art = p.articles.add(f"{speaker} said the plan was ready.", ArticleMeta(title=speaker))
        p.annotations.tag_span(article_id=art.id, kind="quote", start=0, end=3,
                               speaker=speaker)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def test_a_damaged_file_is_refused_and_the_open_project_stays(qtbot, window, tmp_path: Path,  # noqa: ANN001
                                                              warnings: list[str]) -> None:
    bad = tmp_path / "bad.briefmark"
    named_project(bad, "Ann")
    con = sqlite3.connect(bad)
    page = con.execute("SELECT rootpage FROM sqlite_master "
                       "WHERE name = 'ix_annotation_article_start'").fetchone()[0]
    con.close()
    data = bytearray(bad.read_bytes())
    data[(page - 1) * 4096: (page - 1) * 4096 + 12] = b"\xff" * 12
    bad.write_bytes(bytes(data))
    before = digest(bad)
    shown = [a.title for a in window.library.model.articles]
    assert not window.open_project(bad)
    assert "damaged" in warnings[-1]
    assert digest(bad) == before
    assert window.session is not None and window.session.project.path.name == "sample.briefmark"
    assert [a.title for a in window.library.model.articles] == shown


def test_names_arrive_after_the_library_is_shown(qtbot, settings: QSettings,  # noqa: ANN001
                                                 tmp_path: Path, warnings: list[str]) -> None:
    path = tmp_path / "p.briefmark"
    named_project(path, "Priya Raman")
    window = make_window(qtbot, settings, path)
    qtbot.waitUntil(lambda: window.details.completion_names() == ["Priya Raman"], timeout=3000)


def test_a_name_field_used_before_the_count_is_in_waits_for_it(
        qtbot, settings: QSettings, tmp_path: Path, warnings: list[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.briefmark"
    named_project(path, "Priya Raman")
    real = AnnotationStore.name_counts

    def slow(self: AnnotationStore) -> dict[str, int]:
        time.sleep(0.5)
        return real(self)

    monkeypatch.setattr(AnnotationStore, "name_counts", slow)
    window = make_window(qtbot, settings, path)
    quote = next(a for a in window.panel.model.rows if a.kind == "quote")
    window.select_annotation(quote.id)
    assert window.workspace.names.pending()  # still counting
    speaker: QLineEdit = window.details.fields["speaker"]
    speaker.setFocus()
    qtbot.waitUntil(speaker.hasFocus, timeout=3000)
    assert window.details.completion_names() == ["Priya Raman"]  # handed over at the focus
    assert not window.workspace.names.pending()


def test_another_project_never_shows_the_last_ones_names(
        qtbot, settings: QSettings, tmp_path: Path, warnings: list[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.briefmark", tmp_path / "b.briefmark"
    named_project(first, "Ann Old")
    named_project(second, "Bea New")
    real = AnnotationStore.name_counts
    ended: list[dict[str, int]] = []

    def slow(self: AnnotationStore) -> dict[str, int]:
        time.sleep(0.3)
        ended.append(real(self))
        return ended[-1]

    monkeypatch.setattr(AnnotationStore, "name_counts", slow)
    window = make_window(qtbot, settings, first)
    window.workspace.names.wait()  # the first project's names are shown ...
    assert window.details.completion_names() == ["Ann Old"]
    window.workspace.refresh_names()  # ... and counted again, as after an edit
    assert window.workspace.names.pending()
    assert window.open_project(second)
    # The first project's count ended before its file was closed, and is dropped.
    assert ended[:2] == [{"Ann Old": 1}, {"Ann Old": 1}]
    qtbot.waitUntil(lambda: window.details.completion_names() == ["Bea New"], timeout=3000)
    qtbot.wait(400)
    assert window.details.completion_names() == ["Bea New"]
