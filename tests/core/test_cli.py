"""The command line, run in-process through `main(argv)` on real files; a few smoke tests
run it as a real process, as a user does."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import main as entry
from tests.conftest import REPO


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`main.py ARGS` in this process, in folder `cwd`."""
    def run(*args: str, cwd: Path) -> Result:
        capsys.readouterr()
        monkeypatch.chdir(cwd)
        try:
            code = entry.main(list(args))
        except SystemExit as exc:  # argparse's --help and usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        return Result(code, out.out, out.err)
    return run


def run_process(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["import", "list", "export", "import-annotations",
                                     "suggest"])
def test_help_for_each_command(tmp_path: Path, command: str, run) -> None:
    out = run(command, "--help", cwd=tmp_path)
    assert out.returncode == 0 and "usage: main.py" in out.stdout


def test_import_list_export_reimport(tmp_path: Path, run) -> None:
    a = write(tmp_path / "a.txt", "Storm hits coast\n\n“It was loud 😀,” said Ann.")
    b = write(tmp_path / "b.txt", "שלום\n\nטקסט בעברית")
    bad = write(tmp_path / "c.txt", "")
    out = run("import", "p.briefmark", str(a), str(b), str(bad), "--source", "Wire",
              "--published", "2024-03-01", cwd=tmp_path)
    assert out.returncode == 1  # one file was refused...
    assert "imported a.txt as article 1: Storm hits coast" in out.stdout  # ...others came in
    assert "c.txt is empty" in out.stderr and "Traceback" not in out.stderr

    listing = json.loads(run("list", "p.briefmark", "--json", cwd=tmp_path).stdout)
    assert [(x["id"], x["title"], x["source"], x["published"]) for x in listing] == [
        (1, "Storm hits coast", "Wire", "2024-03-01"), (2, "שלום", "Wire", "2024-03-01")]

    # Annotate through the core, then export and re-import elsewhere through the CLI.
    from models.project import Project

    with Project.open(tmp_path / "p.briefmark") as p:
        text = p.articles.get(1).text
        s = text.index("It was")
        p.annotations.tag_span(article_id=1, kind="quote", start=s, end=s + 13, speaker="Ann")
    assert run("export", "p.briefmark", "--format", "json", "-o", "out.json",
               cwd=tmp_path).returncode == 0
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["format"] == "briefmark" and data["version"] == 1
    assert data["articles"][0]["annotations"][0]["text"] == "It was loud 😀"

    out = run("import-annotations", "q.briefmark", "out.json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    listing = json.loads(run("list", "q.briefmark", "--json", cwd=tmp_path).stdout)
    assert listing[0]["annotations"]["quote"] == 1

    assert run("export", "p.briefmark", "--format", "csv", "-o", "out.csv", "--kind", "quote",
               cwd=tmp_path).returncode == 0
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0]["speaker"] == "Ann" and rows[0]["text"] == "It was loud 😀"


@pytest.mark.parametrize("args,message", [
    (("list", "/etc/hostname"), "not a Briefmark project"),
    (("export", "p.briefmark", "--format", "json", "-o", "/no/such/dir/x.json"), "does not exist"),
    (("export", "e.briefmark", "--format", "json", "-o", "x.json", "--article", "99"),
     "no article 99"),
    (("list", "p.briefmark"), "does not exist; nothing was created"),
    (("export", "p.briefmark", "--format", "csv", "-o", "x.csv"), "does not exist"),
    (("suggest", "p.briefmark"), "does not exist"),
    (("import-annotations", "p.briefmark", "missing.json"), "does not exist"),
    (("import-annotations", "p.briefmark", "main.txt"), "not a JSON file"),
    (("import", "p.briefmark", "main.txt", "--published", "yesterday"), "not a date"),
    (("export", "e.briefmark", "--format", "json", "-o", "/proc/x.json"), "Cannot"),
])
def test_user_errors_are_one_clear_line(tmp_path: Path, args: tuple[str, ...],
                                        message: str, run) -> None:
    from models.project import Project

    write(tmp_path / "main.txt", "Some text")
    Project.open(tmp_path / "e.briefmark", create=True).close()
    out = run(*args, cwd=tmp_path)
    assert out.returncode != 0
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    lines = [ln for ln in out.stderr.strip().splitlines() if not ln.startswith("created new")]
    assert len(lines) == 1
    assert not (tmp_path / "p.briefmark").exists()  # a failed command leaves no new project
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "x.csv").exists()


def test_unknown_option_is_a_usage_error(tmp_path: Path, run) -> None:
    out = run("list", "p.briefmark", "--frobnicate", cwd=tmp_path)
    assert out.returncode == 2 and "unrecognized arguments" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "--help" in out.stderr


def test_mistyped_command_neither_creates_nor_starts_anything(tmp_path: Path, run) -> None:
    out = run("lst", "p.briefmark", cwd=tmp_path)
    assert out.returncode == 2
    assert "Did you mean 'list'?" in out.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_projects_need_the_extension(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", "Some text")
    out = run("import", "typo.brefmark", "a.txt", cwd=tmp_path)
    assert out.returncode == 1 and "ending in .briefmark" in out.stderr
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]
    out = run("import", "new.briefmark", "a.txt", cwd=tmp_path)
    assert out.returncode == 0 and "created new project" in out.stderr


def test_read_only_commands_create_nothing(tmp_path: Path, run) -> None:
    for args in (("list", "new.briefmark"), ("list", "new.briefmark", "--json"),
                 ("export", "new.briefmark", "--format", "docx", "-o", "n.docx"),
                 ("suggest", "new.briefmark"), ("suggest", "new.briefmark", "--accept")):
        out = run(*args, cwd=tmp_path)
        assert out.returncode == 1 and "new.briefmark does not exist" in out.stderr, args
        assert list(tmp_path.iterdir()) == [], args


def test_real_process_smoke(tmp_path: Path) -> None:
    """The entry point as a user starts it: import, list, a usage error."""
    write(tmp_path / "a.txt", "Storm hits coast\n\nIt was loud, said Ann.")
    out = run_process("import", "p.briefmark", "a.txt", cwd=tmp_path)
    assert out.returncode == 0 and "imported a.txt as article 1" in out.stdout, out.stderr
    out = run_process("list", "p.briefmark", cwd=tmp_path)
    assert out.returncode == 0 and "Storm hits coast" in out.stdout
    out = run_process("lst", "p.briefmark", cwd=tmp_path)
    assert out.returncode == 2 and "Did you mean 'list'?" in out.stderr



def test_export_docx_from_the_command_line(tmp_path: Path, run) -> None:
    from docx import Document

    from models.project import Project
    from models.sample import add_sample

    with Project.open(tmp_path / "s.briefmark", create=True) as p:
        add_sample(p)
    out = run("export", "s.briefmark", "--format", "docx", "-o", "note", "--kind", "quote",
              "--no-text", "--title", "Port Ellis quotes", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "note.docx" in out.stdout
    doc = Document(str(tmp_path / "note.docx"))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Port Ellis quotes" in body
    assert "a death sentence for the east side." in body
    assert "The terminal employs 340 people directly" not in body  # claims left out
