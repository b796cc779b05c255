"""Whatever goes wrong, the command line says one line, never a traceback, and changes no
file: damaged text, rows a foreign tool wrote, a terminal that cannot show the titles, a
folder the user cannot read."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import main as entry
from models.project import Project
from models.values import ArticleMeta
from tests.conftest import REPO

FORMATS = ("json", "csv", "docx", "w3c")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = entry.main(list(args))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 1, err
    return code, err


def annotated(path: Path) -> None:
    with Project.open(path, create=True) as p:
        art = p.articles.add("Storm hits coast. “It was loud,” said Ann. " * 50,
                             ArticleMeta(title="Storm"))
        p.annotations.tag_span(article_id=art.id, kind="quote", start=19, end=30, speaker="Ann")
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _foreign(con: sqlite3.Connection, how: str) -> None:
    if how == "text as bytes":
        con.execute("UPDATE article SET text = CAST(text AS BLOB)")
    elif how == "invalid UTF-8 (a flipped bit)":
        con.execute("UPDATE article SET text = CAST(X'53746f726dff8020686974' AS TEXT)")
    elif how == "offsets past the text":
        con.execute('UPDATE annotation SET "start" = 5000, "end" = 9000')
    elif how == "end before start":
        con.execute('UPDATE annotation SET "start" = 30, "end" = 2')


@pytest.mark.parametrize("how", ["text as bytes", "invalid UTF-8 (a flipped bit)",
                                 "offsets past the text", "end before start"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_foreign_or_damaged_rows_never_give_a_traceback(
        tmp_path: Path, how: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.briefmark"
    annotated(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")  # as a foreign tool may write
    _foreign(con, how)
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = digest(path)
    for args in (["list", str(path)],
                 ["export", str(path), "--format", fmt, "-o", str(tmp_path / f"o.{fmt}")]):
        code, err = one_line(capsys, *args)
        assert code in (0, 1)
        if code:
            assert err.startswith(f"main.py {args[0]}: ")
    assert digest(path) == before


def test_a_terminal_without_unicode_gets_escapes_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        p.articles.add("טקסט בעברית 😀", ArticleMeta(title="שלום 😀 “quoted”"))
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    run = [sys.executable, str(REPO / "main.py")]
    out = subprocess.run([*run, "list", str(path)], capture_output=True, env=env, timeout=60)
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    assert b"\\u05e9" in out.stdout  # said as an escape the reader can still decode
    out = subprocess.run([*run, "list", str(path), "--json"], capture_output=True, env=env,
                         timeout=60)
    assert out.returncode == 0
    assert json.loads(out.stdout)[0]["title"] == "שלום 😀 “quoted”"  # ASCII JSON, exact
    out = subprocess.run([*run, "list", str(tmp_path / "é😀.briefmark")], capture_output=True,
                         env=env, timeout=60)
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


_AS_NOBODY = """
import os, sys
sys.path.insert(0, {repo!r})
import main as entry
from models import storage
import cli.commands, models.article_import, models.importers, models.exchange  # noqa
import encodings.ascii, encodings.utf_8_sig, encodings.latin_1  # noqa
os.setgid(65534); os.setuid(65534)
os.chdir({cwd!r})
sys.exit(entry.main({args!r}))
"""


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0,
                    reason="needs root to become an unprivileged user")
@pytest.mark.parametrize("args", [
    ["list", "locked/p.briefmark"],
    ["import", "new.briefmark", "locked/a.txt"],
    ["import", "locked/new.briefmark", "a.txt"],
    ["export", "mine.briefmark", "--format", "json", "-o", "locked/o.json"],
])
def test_an_unreadable_folder_is_one_line(args: list[str]) -> None:
    top = Path(tempfile.mkdtemp(prefix="briefmark-locked-"))
    try:
        os.chmod(top, 0o777)
        locked = top / "locked"
        locked.mkdir()
        annotated(locked / "p.briefmark")
        (locked / "a.txt").write_text("Some text")
        (top / "a.txt").write_text("Some text")
        os.chmod(top / "a.txt", 0o644)
        annotated(top / "mine.briefmark")
        for name in os.listdir(top):
            if name.startswith("mine"):
                os.chown(top / name, 65534, 65534)
        os.chmod(locked, 0o700)
        before = sorted(os.listdir(top)), sorted(os.listdir(locked))
        out = subprocess.run([sys.executable, "-c",
                              _AS_NOBODY.format(repo=str(REPO), cwd=str(top), args=args)],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 1, out.stderr
        assert "Traceback" not in out.stderr
        said = [ln for ln in out.stderr.strip().splitlines() if not ln.startswith("created")]
        assert len(said) == 1, out.stderr
        assert "permission" in out.stderr.lower()
        assert (sorted(os.listdir(top)), sorted(os.listdir(locked))) == before
    finally:
        shutil.rmtree(top, ignore_errors=True)
