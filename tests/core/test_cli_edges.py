"""Command-line edges: annotation files nested too deeply, where import notes and refusals
go, link loops named as projects, and a failed upgrade said once in the storage's words."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from models.errors import ProjectOpenError
from models.project import Project
from tests.core.test_cli import Result, run  # noqa: F401 - the `run` fixture


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(res: Result) -> str:
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    return lines[0]


def test_deeply_nested_annotation_file_is_one_line(tmp_path: Path, run) -> None:  # noqa: F811
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    res = run("import-annotations", "new.briefmark", str(deep), cwd=tmp_path)
    assert res.returncode == 1
    assert "nests its data too deeply" in one_line(res)
    assert sorted(os.listdir(tmp_path)) == ["deep.json"]  # no project was created


def test_import_annotations_of_a_missing_or_binary_file(tmp_path: Path, run) -> None:  # noqa: F811
    res = run("import-annotations", "new.briefmark", "nothing.json", cwd=tmp_path)
    assert res.returncode == 1 and "does not exist" in one_line(res)
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00garbage\x9c")
    res = run("import-annotations", "new.briefmark", "bin.json", cwd=tmp_path)
    assert res.returncode == 1 and "bin.json" in one_line(res)
    assert sorted(os.listdir(tmp_path)) == ["bin.json"]


def test_import_notes_go_to_stdout_and_refusals_to_stderr(tmp_path: Path, run) -> None:  # noqa: F811
    mixed = ("Title line\n\n" + "Le café est très bon. " * 20).encode("utf-8") + (
        "\n\nUne naïve idée, dit-il. " * 20).encode("cp1252")
    (tmp_path / "mixed.txt").write_bytes(mixed)
    (tmp_path / "bad.docx").write_bytes(b"PK but not a zip")
    res = run("import", "p.briefmark", "mixed.txt", "bad.docx", cwd=tmp_path)
    assert res.returncode == 1  # one file was refused
    out = res.stdout.splitlines()
    assert out[0].startswith("imported mixed.txt as article 1")
    assert any(line.startswith("note: mixed.txt:") and "Windows-1252" in line for line in out)
    err = res.stderr.splitlines()
    assert any(line.startswith("refused: bad.docx") for line in err)
    assert not any(line.startswith("note:") for line in err)
    assert not any(line.startswith("refused") for line in out)
    with Project.open(tmp_path / "p.briefmark") as p:
        assert [a.title for a in p.articles.list()] == ["Title line"]


@pytest.mark.parametrize("command", ["list", "export"])
def test_a_link_loop_named_as_project_is_said_to_be_a_loop(tmp_path: Path, command: str,
                                                          run) -> None:  # noqa: F811
    loop = tmp_path / "loop.briefmark"
    loop.symlink_to(loop)
    args = [command, str(loop)] + (["--format", "json", "-o", "x.json"]
                                   if command == "export" else [])
    res = run(*args, cwd=tmp_path)
    assert res.returncode == 1
    assert "leads back to itself (a loop)" in one_line(res)
    assert os.path.islink(loop) and os.readlink(loop) == str(loop)
    assert sorted(os.listdir(tmp_path)) == ["loop.briefmark"]


def test_project_open_names_a_loop_and_a_dangling_link(tmp_path: Path) -> None:
    loop = tmp_path / "loop.briefmark"
    loop.symlink_to(loop)
    dangling = tmp_path / "gone.briefmark"
    dangling.symlink_to(tmp_path / "nowhere.briefmark")
    for create in (False, True):
        with pytest.raises(ProjectOpenError, match="a loop"):
            Project.open(loop, create=create)
        with pytest.raises(ProjectOpenError, match="does not exist. Briefmark will not"):
            Project.open(dangling, create=create)
    assert sorted(os.listdir(tmp_path)) == ["gone.briefmark", "loop.briefmark"]


def test_failed_upgrade_is_said_once_with_the_backup(tmp_path: Path, run) -> None:  # noqa: F811
    from tests.core.test_project_files import _make_revision_0001

    path = tmp_path / "old.briefmark"
    _make_revision_0001(path)
    con = sqlite3.connect(path)  # a foreign tool already added the column 0002 adds
    con.execute("ALTER TABLE article ADD COLUMN summary TEXT")
    con.commit()
    con.close()
    res = run("list", str(path), cwd=tmp_path)
    line = one_line(res)
    assert res.returncode == 1
    assert "could not be upgraded" in line and "the upgrade was undone" in line
    assert line.count("could not be upgraded") == 1 and "if any" not in line
    backups = [n for n in os.listdir(tmp_path) if ".backup-" in n]
    assert len(backups) == 1 and backups[0] in line
    assert (tmp_path / backups[0]).stat().st_size > 0
    con = sqlite3.connect(path)
    assert con.execute("SELECT title FROM article").fetchall() == [("Old",)]
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    con.close()
