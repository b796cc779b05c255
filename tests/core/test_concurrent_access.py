"""The app and the command line may use one project file at the same time.

Reading a file with a plain open()/close() while SQLite has it open in the same process
drops that process's POSIX locks (SQLite's documented corruption hazard): another process
then believes it is alone, checkpoints and deletes the WAL under the app, and writes are
lost. Opening a project a second time in one process must never do that.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from models.project import Project
from models.values import ArticleMeta
from tests.conftest import REPO

OTHER_PROCESS = """
import sys
sys.path.insert(0, {repo!r})
from models.project import Project
with Project.open({path!r}) as p:
    for i in range(5):
        p.annotations.tag_span(article_id={article}, kind="event", start=i, end=i + 4)
"""


def test_second_open_in_process_keeps_other_processes_honest(tmp_path: Path) -> None:
    path = tmp_path / "shared.briefmark"
    with Project.open(path, create=True) as p:
        a1 = p.articles.add("first article text here", ArticleMeta(title="one")).id
        a2 = p.articles.add("second article text here", ArticleMeta(title="two")).id
    app = Project.open(path)  # the app keeps its project open
    app.annotations.tag_span(article_id=a1, kind="quote", start=0, end=5)
    Project.open(path).close()  # e.g. the export worker's own connection
    script = OTHER_PROCESS.format(repo=str(REPO), path=str(path), article=a2)
    for _ in range(2):
        subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
        for i in range(5):
            app.annotations.tag_span(article_id=a1, kind="claim", start=6 + i, end=10 + i)
    app.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM annotation").fetchone()[0] == 1 + 10 + 10
    finally:
        con.close()


WRITER = """
import sys
sys.path.insert(0, {repo!r})
from models.project import Project
with Project.open({path!r}) as p:
    for i in range(60):
        p.annotations.tag_span(article_id={article}, kind="claim", start=i % 10, end=i % 10 + 5)
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "busy.briefmark"
    with Project.open(path, create=True) as p:
        article = p.articles.add("a text that both writers annotate", ArticleMeta()).id
    script = WRITER.format(repo=str(REPO), path=str(path), article=article)
    writers = [subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE,
                                text=True) for _ in range(2)]
    for w in writers:
        _, err = w.communicate(timeout=180)
        assert w.returncode == 0, err[-2000:]
    with Project.open(path) as p:
        stored = p.annotations.list()
    assert len(stored) == 120
    assert len({a.id for a in stored}) == 120


def test_outside_write_is_noticed_even_after_our_own(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        art = p.articles.add("some article text", ArticleMeta()).id
    app, other = Project.open(path), Project.open(path)
    try:
        app.changed_elsewhere()
        other.annotations.tag_span(article_id=art, kind="quote", start=0, end=4)
        app.annotations.tag_span(article_id=art, kind="claim", start=5, end=12)
        assert app.changed_elsewhere()
        assert not app.changed_elsewhere()
    finally:
        app.close()
        other.close()


def test_exporting_onto_a_project_file_is_refused(tmp_path: Path) -> None:
    import pytest

    from models.errors import ExportError
    from models.files import write_bytes_atomic

    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        p.articles.add("some article text", ArticleMeta())
        with pytest.raises(ExportError, match="is a Briefmark project"):
            write_bytes_atomic(path, b"{}")  # while open
    with pytest.raises(ExportError, match="is a Briefmark project"):
        write_bytes_atomic(path, b"{}")  # and when closed
    with Project.open(path) as p:
        assert len(p.articles.list()) == 1
