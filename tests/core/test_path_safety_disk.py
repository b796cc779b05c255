"""Read-only projects with committed work in their WAL, and full disks: work is shown, one
clear line is said, and nothing is left behind (no 0-byte backup, no temporary file)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import main as entry
from models.project import Project
from models.values import ArticleMeta
from tests.conftest import REPO


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_WRITE_AND_DIE = """
import os, sys
sys.path.insert(0, {repo!r})
from models.project import Project
p = Project.open({path!r})
for i in range(5):
    p.annotations.tag_span(article_id=1, kind="quote", start=i, end=i + 3)
os._exit(0)  # as a crash or kill -9 would: the committed work stays in the -wal
"""

_READ_AS_NOBODY = """
import json, os, sys
sys.path.insert(0, {repo!r})
import main as entry
from models import storage
from models.project import Project
import cli.commands, models.exchange, models.export, models.web_annotation  # noqa
import encodings.ascii, encodings.utf_8_sig, encodings.latin_1  # noqa
if os.geteuid() == 0:
    os.setgid(65534); os.setuid(65534)
p = Project.open({path!r})
print(json.dumps({{"read_only": p.read_only, "count": len(p.annotations.list())}}))
p.close()
sys.exit(entry.main(["export", {path!r}, "--format", "json", "-o", {out!r}]))
"""


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX users")
def test_read_only_project_shows_work_committed_to_its_wal() -> None:
    top = Path(tempfile.mkdtemp(prefix="briefmark-rowal-"))
    try:
        folder = top / "ro"
        folder.mkdir()
        path = folder / "p.briefmark"
        with Project.open(path, create=True) as p:
            p.articles.add("Readable text of some length.", ArticleMeta(title="T"))
        out = subprocess.run([sys.executable, "-c",
                              _WRITE_AND_DIE.format(repo=str(REPO), path=str(path))],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert (folder / "p.briefmark-wal").stat().st_size > 0  # the work is only there
        for p_ in (top, folder):
            os.chmod(p_, 0o755)
        for name in os.listdir(folder):
            os.chmod(folder / name, 0o644)
        before = {n: digest(folder / n) for n in os.listdir(folder)}
        exported = top / "out" / "e.json"
        exported.parent.mkdir()
        os.chmod(exported.parent, 0o777)
        out = subprocess.run(
            [sys.executable, "-c", _READ_AS_NOBODY.format(repo=str(REPO), path=str(path),
                                                          out=str(exported))],
            capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        seen = json.loads(out.stdout.splitlines()[0])
        assert seen == {"read_only": True, "count": 5}
        data = json.loads(exported.read_text(encoding="utf-8"))
        assert len(data["articles"][0]["annotations"]) == 5
        assert {n: digest(folder / n) for n in os.listdir(folder)} == before
    finally:
        shutil.rmtree(top, ignore_errors=True)


# -- full disk: a real, tiny file system ----------------------------------------------------

@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="briefmark-full-"))
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {out.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system to within `leave` bytes."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    if leave:
        size = (folder / "filler").stat().st_size
        os.truncate(folder / "filler", max(0, size - leave))


def listing(folder: Path) -> dict[str, str]:
    return {n: digest(folder / n) for n in os.listdir(folder) if n != "filler"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = entry.main(list(args))
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return code, err


@pytest.mark.parametrize("fmt", ["docx", "json"])
def test_export_to_a_full_disk_is_one_line_and_leaves_nothing(
        tiny_disk: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "P.briefmark"
    with Project.open(path, create=True) as p:
        art = p.articles.add(" ".join(f"word{i}" for i in range(20000)), ArticleMeta(title="T"))
        for i in range(0, 2000, 10):
            p.annotations.tag_span(article_id=art.id, kind="quote", start=i, end=i + 5)
    (tiny_disk / f"note.{fmt}").write_bytes(b"earlier")
    fill(tiny_disk)
    code, err = run(capsys, "export", str(path), "--format", fmt, "-o",
                    str(tiny_disk / f"note.{fmt}"))
    assert code == 1 and "disk is full" in err
    assert listing(tiny_disk) == {f"note.{fmt}": digest(tiny_disk / f"note.{fmt}")}
    assert (tiny_disk / f"note.{fmt}").read_bytes() == b"earlier"


def test_creating_a_project_on_a_full_disk_is_one_line(
        tiny_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny_disk / "a.txt").write_text("Storm hits coast\n\nIt was loud, said Ann.")
    fill(tiny_disk)
    code, err = run(capsys, "import", str(tiny_disk / "new.briefmark"), str(tiny_disk / "a.txt"))
    assert code == 1 and "disk is full" in err
    assert sorted(os.listdir(tiny_disk)) == ["a.txt", "filler"]


def test_upgrade_on_a_full_disk_leaves_no_empty_backup(
        tiny_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.core.test_project_files import _make_revision_0001

    path = tiny_disk / "old.briefmark"
    _make_revision_0001(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE article SET text = ?", ("Old text " * 3000,))
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = listing(tiny_disk)
    fill(tiny_disk, leave=4096)
    code, err = run(capsys, "list", str(path))
    assert code == 1
    assert "no backup could be made" in err and "disk is full" in err
    assert listing(tiny_disk) == before  # no 0-byte *.backup-*, the file as it was


def test_docx_export_to_a_full_disk_as_a_real_process(tiny_disk: Path, tmp_path: Path) -> None:
    """Nothing more on stderr either, even from what the garbage collector finishes later."""
    path = tmp_path / "P.briefmark"
    with Project.open(path, create=True) as p:
        art = p.articles.add(" ".join(f"word{i}" for i in range(20000)), ArticleMeta(title="T"))
        for i in range(0, 2000, 10):
            p.annotations.tag_span(article_id=art.id, kind="quote", start=i, end=i + 5)
    fill(tiny_disk)
    out = subprocess.run([sys.executable, str(REPO / "main.py"), "export", str(path),
                          "--format", "docx", "-o", str(tiny_disk / "n.docx")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        f"main.py export: Cannot write {tiny_disk / 'n.docx'}: the disk is full. Free some "
        "space or choose another drive. Nothing was changed."]
    assert os.listdir(tiny_disk) == ["filler"]
