"""Opening project files: create, recognise, refuse, migrate, read-only."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from models import storage
from models.errors import (
    CorruptProjectError,
    NewerProjectError,
    NotAProjectError,
    ProjectOpenError,
    ReadOnlyProjectError,
)
from models.project import Project
from models.values import ArticleMeta
from tests.conftest import REPO


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_then_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        art = p.articles.add("Some article text.", ArticleMeta(title="T"))
        p.annotations.tag_span(article_id=art.id, kind="claim", start=0, end=4)
    with Project.open(path) as p:
        assert [a.text for a in p.annotations.list()] == ["Some"]
        assert p.annotations.list()[0].status == "unverified"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_missing_file_without_create_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectOpenError, match="does not exist"):
        Project.open(tmp_path / "nope.briefmark")
    assert not (tmp_path / "nope.briefmark").exists()


def test_create_in_missing_folder_is_clear(tmp_path: Path) -> None:
    with pytest.raises(ProjectOpenError, match="does not exist"):
        Project.open(tmp_path / "no" / "p.briefmark", create=True)


@pytest.mark.parametrize("content", [b"", b"hello, I am a text file\n" * 20, os.urandom(5000)])
def test_not_a_project_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.briefmark"
    path.write_bytes(content)
    with pytest.raises(NotAProjectError, match="not a Briefmark project"):
        Project.open(path, create=True)
    assert path.read_bytes() == content
    assert sorted(os.listdir(tmp_path)) == ["x.briefmark"]


def test_other_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotAProjectError, match="not a Briefmark project"):
        Project.open(path)
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == ["other.db"]  # no -wal/-shm left beside it


def _checkpointed(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def test_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.briefmark"
    Project.open(path, create=True).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    _checkpointed(path)
    before = digest(path)
    with pytest.raises(NewerProjectError, match="newer version of Briefmark"):
        Project.open(path)
    assert digest(path) == before


def test_corrupt_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bad.briefmark"
    with Project.open(path, create=True) as p:
        p.articles.add("x " * 20000, ArticleMeta(title="big"))
    _checkpointed(path)
    data = bytearray(path.read_bytes())
    data[4096 + 10: 4096 + 3000] = os.urandom(2990)  # scribble over the second page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(CorruptProjectError, match="damaged"):
        Project.open(path)
    assert digest(path) == before


def _make_revision_0001(path: Path) -> None:
    """A project file as the first released schema wrote it."""
    from alembic import command
    from alembic.config import Config

    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id={storage.APPLICATION_ID}")
    con.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        cfg = Config()
        cfg.set_main_option("script_location", str(storage.MIGRATIONS))
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
        connection.exec_driver_sql(
            "INSERT INTO article (uuid,title,source,author,url,published,language,text,"
            "content_hash,imported,filename) VALUES ('u1','Old','','','','','en','Old text',"
            "'h','2024-01-01T00:00:00Z','')")
    engine.dispose()


def test_older_file_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.briefmark"
    _make_revision_0001(path)
    original = path.read_bytes()
    with Project.open(path) as p:
        assert p.backup is not None and p.backup.exists()
        article = p.articles.list()[0]
        assert article.title == "Old"
        assert p.articles.update(article.id, summary="now possible").summary == "now possible"
    backup_con = sqlite3.connect(p.backup)
    assert backup_con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert backup_con.execute("SELECT title FROM article").fetchone()[0] == "Old"
    backup_con.close()
    assert "schema0001" in p.backup.name and len(original) > 0


def test_migrated_schema_equals_new_schema(tmp_path: Path) -> None:
    old, new = tmp_path / "old.briefmark", tmp_path / "new.briefmark"
    _make_revision_0001(old)
    Project.open(old).close()
    Project.open(new, create=True).close()

    def shape(path: Path) -> dict:
        insp = inspect(create_engine(f"sqlite:///{path}"))
        return {t: sorted((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t))
                for t in insp.get_table_names()}

    assert shape(old) == shape(new)


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX users")
def test_read_only_file_opens_read_only_and_is_untouched() -> None:
    # Outside pytest's private temp folder so that an unprivileged user can reach it.
    top = Path(tempfile.mkdtemp(prefix="briefmark-ro-"))
    folder = top / "ro"
    folder.mkdir()
    path = folder / "p.briefmark"
    with Project.open(path, create=True) as p:
        p.articles.add("Readable text.", ArticleMeta(title="T"))
    _checkpointed(path)
    before = digest(path)
    script = f"""
import os, sys
sys.path.insert(0, {str(REPO)!r})
from models.project import Project
from models.errors import ReadOnlyProjectError
from models import storage
if os.geteuid() == 0:
    os.setgid(65534); os.setuid(65534)
else:
    os.chmod({str(path)!r}, 0o444); os.chmod({str(folder)!r}, 0o555)
p = Project.open({str(path)!r})
assert p.read_only
print(p.articles.list()[0].title)
try:
    p.articles.add("More", __import__("models.values").values.ArticleMeta())
except ReadOnlyProjectError as e:
    print("refused:", e)
"""
    os.chmod(top, 0o755)
    os.chmod(folder, 0o755)
    os.chmod(path, 0o644)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    os.chmod(folder, 0o755)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "T"
    assert "read-only" in out.stdout
    assert digest(path) == before
    assert sorted(os.listdir(folder)) == ["p.briefmark"]
    shutil.rmtree(top)


def test_read_only_project_refuses_changes(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    Project.open(path, create=True).close()
    p = Project(path, read_only=True)
    with pytest.raises(ReadOnlyProjectError, match="read-only"):
        p.articles.add("x", ArticleMeta())
    p.close()
