"""Opening without Alembic at the current version, and the integrity check that runs beside
the first listing (Project.open(check_beside=True), Project.open_with_articles): a damaged
file is still refused untouched, nothing is written before the check passes, and an older
file is still checked, backed up and upgraded."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from models import storage
from models.errors import CorruptProjectError
from models.project import Project
from models.values import ArticleMeta
from tests.conftest import REPO
from tests.core.old_schema import copy_at_revision


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_project(path: Path) -> None:
    with Project.open(path, create=True) as p:
        art = p.articles.add("Ann said the plan was ready. " * 50, ArticleMeta(title="T"))
        a = p.annotations.tag_span(article_id=art.id, kind="quote", start=0, end=3,
                                   speaker="Ann")
        p.annotations.update(a.id, tags=["plan"])
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the main file, as after a close
    con.close()


def scribble_index(path: Path, index: str) -> None:
    """Damage one index page the library listing never reads (quick_check does)."""
    con = sqlite3.connect(path)
    page = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size: (page - 1) * size + 12] = b"\xff" * 12  # a page header no b-tree has
    path.write_bytes(bytes(data))


def test_head_revision_constants_match_the_alembic_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(storage.MIGRATIONS))
    walked = tuple(reversed([r.revision for r in script.walk_revisions()]))
    assert storage.KNOWN_REVISIONS == walked == storage.known_revisions()
    assert storage.HEAD_REVISION == script.get_current_head() == walked[-1]


def test_opening_a_current_file_never_imports_alembic(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    make_project(path)
    old = tmp_path / "old.briefmark"
    copy_at_revision(path, old, "0003")
    script = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from models.project import Project
project, articles = Project.open_with_articles({str(path)!r})
project.close()
Project.open({str(path)!r}).close()
assert len(articles) == 1
assert "alembic" not in sys.modules, "alembic imported for a file at the head"
with Project.open({str(old)!r}) as p:  # an older file still upgrades
    assert p.backup is not None
assert "alembic" in sys.modules
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr


def test_older_file_is_checked_backed_up_and_upgraded_by_the_window_path(
        tmp_path: Path) -> None:
    path, old = tmp_path / "p.briefmark", tmp_path / "old.briefmark"
    make_project(path)
    copy_at_revision(path, old, "0001")
    project, articles = Project.open_with_articles(old)
    with project:
        assert project.backup is not None and project.backup.exists()
        assert "schema0001" in project.backup.name
        assert [a.title for a in articles] == ["T"] and articles[0].counts["quote"] == 1
        assert storage.inspect_file(old).revision == storage.HEAD_REVISION
    con = sqlite3.connect(project.backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    con.close()


def test_a_damaged_older_file_is_refused_before_any_backup(tmp_path: Path) -> None:
    path, old = tmp_path / "p.briefmark", tmp_path / "old.briefmark"
    make_project(path)
    copy_at_revision(path, old, "0003")
    scribble_index(old, "ix_annotation_tag_tag")
    before = digest(old)
    with pytest.raises(CorruptProjectError, match="damaged"):
        Project.open_with_articles(old)
    assert digest(old) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.briefmark", "p.briefmark"]


def test_damage_the_listing_never_reads_is_still_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    make_project(path)
    scribble_index(path, "ix_annotation_tag_tag")
    before = digest(path)
    # Handed over before the check is done; the listing reads fine; intact() says no.
    project = Project.open(path, check_beside=True)
    try:
        assert [a.title for a in project.articles.list()] == ["T"]
        with pytest.raises(CorruptProjectError, match="damaged"):
            project.intact()
        with pytest.raises(CorruptProjectError, match="damaged"):
            project.articles.add("More text.", ArticleMeta(title="never written"))
    finally:
        project.close()
    assert digest(path) == before
    with pytest.raises(CorruptProjectError, match="damaged"):
        Project.open_with_articles(path)
    with pytest.raises(CorruptProjectError, match="damaged"):
        Project.open(path)  # checked before it returns, as it always was
    assert digest(path) == before


def test_nothing_is_written_before_the_check_has_passed(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.briefmark"
    make_project(path)
    done = threading.Event()
    real = storage.check_intact

    def slow_check(p: Path, *, writable: bool) -> None:
        time.sleep(0.3)
        real(p, writable=writable)
        done.set()

    monkeypatch.setattr(storage, "check_intact", slow_check)
    project = Project.open(path, check_beside=True)
    with project:
        assert not done.is_set()  # handed over while the check still runs
        project.articles.list()
        project.articles.add("Written after the check.", ArticleMeta(title="later"))
        assert done.is_set()
    with Project.open(path) as p:
        assert [a.title for a in p.articles.list()] == ["T", "later"]


def test_closing_waits_for_a_check_still_running(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.briefmark"
    make_project(path)
    done = threading.Event()

    def slow_check(p: Path, *, writable: bool) -> None:
        time.sleep(0.3)
        done.set()

    monkeypatch.setattr(storage, "check_intact", slow_check)
    Project.open(path, check_beside=True).close()
    assert done.is_set()
