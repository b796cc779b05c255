"""Never write where the user did not point: companions, devices, folders, odd names, links,
FIFOs, refused files and leftovers of killed exports. Every case asserts on the files."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import main as entry
from models.errors import ProjectOpenError
from models.files import TMP_SUFFIX
from models.project import Project
from models.values import ArticleMeta
from tests.conftest import REPO


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = entry.main(list(args))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def make_project(path: Path, title: str = "T") -> None:
    with Project.open(path, create=True) as p:
        art = p.articles.add("Some article text, said Ann.", ArticleMeta(title=title))
        p.annotations.tag_span(article_id=art.id, kind="quote", start=0, end=4)


# -- 1. export destinations ------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_export_refuses_companions_of_an_open_project(tmp_path: Path, suffix: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "P.briefmark"
    make_project(path)
    with Project.open(path) as app:  # as the app would hold it
        app.annotations.tag_span(article_id=1, kind="claim", start=5, end=12)
        before = {n: digest(tmp_path / n) for n in os.listdir(tmp_path)}
        code, err = cli(capsys, "export", str(path), "--format", "json",
                        "-o", str(path) + suffix)
        assert code == 1 and "working file SQLite keeps beside P.briefmark" in err
        assert len(err.strip().splitlines()) == 1
        assert {n: digest(tmp_path / n) for n in os.listdir(tmp_path)
                if n in before} == before
        assert sorted(os.listdir(tmp_path)) == sorted(before)
        assert len(app.annotations.list()) == 2
    with Project.open(path) as again:
        assert len(again.annotations.list()) == 2


def test_export_refuses_companion_of_a_closed_project(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "P.briefmark"
    make_project(path)
    code, err = cli(capsys, "export", str(path), "--format", "csv", "-o", f"{path}-wal")
    assert code == 1 and "working file" in err
    assert sorted(os.listdir(tmp_path)) == ["P.briefmark"]


def test_export_never_replaces_a_device(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "P.briefmark"
    make_project(path)
    before = os.stat("/dev/null")
    for fmt in ("json", "docx"):
        code, err = cli(capsys, "export", str(path), "--format", fmt, "-o", "/dev/null")
        assert code == 1 and "not an ordinary file" in err
        after = os.stat("/dev/null")
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
        assert after.st_ino == before.st_ino
    assert not [n for n in os.listdir("/dev") if n.endswith(TMP_SUFFIX)]


def test_export_refuses_a_fifo_target_without_hanging(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "P.briefmark"
    make_project(path)
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    code, err = cli(capsys, "export", str(path), "--format", "json", "-o", str(fifo))
    assert code == 1 and "not an ordinary file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("fmt", ["docx", "json"])
def test_export_to_a_folder_writes_nothing_beside_it(tmp_path: Path, fmt: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "P.briefmark"
    make_project(path)
    folder = tmp_path / "notes"
    folder.mkdir()
    code, err = cli(capsys, "export", str(path), "--format", fmt, "-o", str(folder))
    assert code == 1 and "is a folder" in err
    assert sorted(os.listdir(tmp_path)) == ["P.briefmark", "notes"]
    assert os.listdir(folder) == []


def test_export_through_a_link_writes_its_target_and_keeps_the_link(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "P.briefmark"
    make_project(path)
    (tmp_path / "real.json").write_text("old")
    os.symlink("real.json", tmp_path / "link.json")
    code, _ = cli(capsys, "export", str(path), "--format", "json", "-o",
                  str(tmp_path / "link.json"))
    assert code == 0
    assert os.readlink(tmp_path / "link.json") == "real.json"
    assert (tmp_path / "real.json").read_text(encoding="utf-8").startswith("{")
    os.symlink("missing.json", tmp_path / "dangling.json")
    code, err = cli(capsys, "export", str(path), "--format", "json", "-o",
                    str(tmp_path / "dangling.json"))
    assert code == 1 and "leads nowhere" in err
    assert os.readlink(tmp_path / "dangling.json") == "missing.json"
    assert not (tmp_path / "missing.json").exists()


# -- 2. names SQLite could read as URI syntax -----------------------------------------------

@pytest.mark.parametrize("name", ["x%41.briefmark", "Data?.briefmark", "a#b.briefmark",
                                  "with space é.briefmark", "ü%20?#&mode=ro.briefmark"])
def test_odd_names_open_the_file_they_name(tmp_path: Path, name: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "Data"  # an unrelated SQLite file a URI parse would land on
    con = sqlite3.connect(data)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = digest(data)
    (tmp_path / "a.txt").write_text("Storm hits coast\n\nIt was loud, said Ann.")
    code, err = cli(capsys, "import", str(tmp_path / name), str(tmp_path / "a.txt"))
    assert code == 0, err
    with Project.open(tmp_path / name) as p:
        assert [a.title for a in p.articles.list()] == ["Storm hits coast"]
    code, _ = cli(capsys, "list", str(tmp_path / name))
    assert code == 0
    assert sorted(os.listdir(tmp_path)) == sorted(["Data", "a.txt", name])
    assert digest(data) == before
    con = sqlite3.connect(data)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


# -- 3. links and FIFOs named as the project ------------------------------------------------

@pytest.mark.parametrize("command", ["list", "import", "export", "suggest"])
def test_dangling_link_is_never_replaced(tmp_path: Path, command: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Some text")
    link = tmp_path / "p.briefmark"
    os.symlink("elsewhere.briefmark", link)
    extra = {"list": [], "import": [str(tmp_path / "a.txt")], "suggest": [],
             "export": ["--format", "json", "-o", str(tmp_path / "o.json")]}[command]
    code, err = cli(capsys, command, str(link), *extra)
    assert code == 1
    assert "is a symbolic link to elsewhere.briefmark, which does not exist" in err
    assert os.readlink(link) == "elsewhere.briefmark"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "p.briefmark"]


def test_link_loop_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Some text")
    os.symlink("b.briefmark", tmp_path / "a.briefmark")
    os.symlink("a.briefmark", tmp_path / "b.briefmark")
    code, err = cli(capsys, "import", str(tmp_path / "a.briefmark"), str(tmp_path / "a.txt"))
    assert code == 1 and "loop" in err
    with pytest.raises(ProjectOpenError, match="loop"):
        Project.open(tmp_path / "a.briefmark", create=True)
    assert os.readlink(tmp_path / "a.briefmark") == "b.briefmark"
    assert sorted(os.listdir(tmp_path)) == ["a.briefmark", "a.txt", "b.briefmark"]


def test_fifo_named_as_project_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "x.briefmark"
    os.mkfifo(fifo)
    with pytest.raises(ProjectOpenError, match="not a regular file"):
        Project.open(fifo)
    for args in (["list", "x.briefmark"],
                 ["export", "x.briefmark", "--format", "json", "-o", "o.json"]):
        out = subprocess.run([sys.executable, str(REPO / "main.py"), *args], cwd=tmp_path,
                             capture_output=True, text=True, timeout=30)
        assert out.returncode == 1 and "not a regular file" in out.stderr
        assert "Traceback" not in out.stderr
    assert sorted(os.listdir(tmp_path)) == ["x.briefmark"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# -- 4. refused files get nothing beside them; killed exports leave nothing for ever ----------

def _checkpointed(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def test_newer_and_damaged_files_get_no_companions(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    newer = tmp_path / "new.briefmark"
    make_project(newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    _checkpointed(newer)
    damaged = tmp_path / "bad.briefmark"
    with Project.open(damaged, create=True) as p:
        p.articles.add("x " * 20000, ArticleMeta(title="big"))
    _checkpointed(damaged)
    data = bytearray(damaged.read_bytes())
    data[4096 + 10: 4096 + 3000] = os.urandom(2990)
    damaged.write_bytes(bytes(data))
    before = {n: digest(tmp_path / n) for n in os.listdir(tmp_path)}
    for path in (newer, damaged):
        for args in (["list", str(path)], ["export", str(path), "--format", "json", "-o",
                                           str(tmp_path / "o.json")],
                     ["suggest", str(path)]):
            code, err = cli(capsys, *args)
            assert code == 1 and ("newer" in err or "damaged" in err)
        with pytest.raises(ProjectOpenError):
            Project.open(path)
    assert {n: digest(tmp_path / n) for n in os.listdir(tmp_path)} == before


_SLOW_EXPORT = """
import sys, time
sys.path.insert(0, {repo!r})
from pathlib import Path
from models.files import write_atomically
def write(f):
    f.write(b"half a note")
    f.flush()
    print("writing", flush=True)
    time.sleep(60)
write_atomically(Path({out!r}), write)
"""


def test_a_killed_export_leaves_no_temporary_file_for_ever(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "P.briefmark"
    make_project(path)
    out = tmp_path / "note.json"
    out.write_text("earlier note")

    def start() -> subprocess.Popen[str]:
        proc = subprocess.Popen([sys.executable, "-c",
                                 _SLOW_EXPORT.format(repo=str(REPO), out=str(out))],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
        return proc

    killed = start()
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    leftovers = [n for n in os.listdir(tmp_path) if n.endswith(TMP_SUFFIX)]
    assert len(leftovers) == 1 and leftovers[0].startswith(".note.json.")
    assert out.read_text() == "earlier note"  # the killed export replaced nothing
    live = start()  # another export, still running: its file must survive the clean-up
    try:
        old = time.time() - 3600
        for name in os.listdir(tmp_path):
            if name.endswith(TMP_SUFFIX):
                os.utime(tmp_path / name, (old, old))
        code, err = cli(capsys, "export", str(path), "--format", "json", "-o", str(out))
        assert code == 0, err
        remaining = [n for n in os.listdir(tmp_path) if n.endswith(TMP_SUFFIX)]
        assert len(remaining) == 1 and remaining[0] != leftovers[0]  # the live one only
    finally:
        live.kill()
        live.wait(timeout=10)
    assert out.read_text(encoding="utf-8").startswith("{")


# -- one export dispatch ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "csv", "docx", "w3c"])
def test_export_dispatch_writes_each_format_and_cancel_leaves_nothing(tmp_path: Path,
                                                                      fmt: str) -> None:
    from models.briefing import ExportCancelled
    from models.export import export_project

    path = tmp_path / "P.briefmark"
    make_project(path)
    out = tmp_path / f"o.{fmt}"
    with Project.open(path) as p:
        with pytest.raises(ExportCancelled):
            export_project(p, fmt, out, cancelled=lambda: True)
        assert [n for n in os.listdir(tmp_path) if not n.startswith("P.briefmark")] == []
        result = export_project(p, fmt, out, kinds=("quote",))
    assert result.path == out and result.format == fmt and out.stat().st_size > 0
    assert not [n for n in os.listdir(tmp_path) if n.endswith(TMP_SUFFIX)]


def test_schema_revisions_come_from_the_alembic_scripts() -> None:
    from models import storage

    scripts = sorted(f.name.split("_")[0] for f in (storage.MIGRATIONS / "versions").glob("*.py"))
    assert list(storage.known_revisions()) == scripts
    assert scripts[-1] == storage.HEAD_REVISION
