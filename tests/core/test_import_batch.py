"""A batch import where files are bad in every way: each is imported or refused on its own,
the report names all of them, and no input file changes."""

from __future__ import annotations

import hashlib
import io
import os
import sys
import zipfile
from pathlib import Path

import pytest

from models.article_import import import_files
from models.project import Project


def _docx_bytes(*paragraphs: str) -> bytes:
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _replace_part(docx: bytes, part: str, data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == part else src.read(info))
    return out.getvalue()


def _bad_crc(docx: bytes) -> bytes:
    """Flip one byte of word/document.xml's compressed data: its CRC no longer matches."""
    data = bytearray(docx)
    info = zipfile.ZipFile(io.BytesIO(docx)).getinfo("word/document.xml")
    # Local header: 30 bytes + name + extra, then the data.
    name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start + info.compress_size // 2] ^= 0x55
    return bytes(data)


def _snapshot(folder: Path) -> dict[bytes, str]:
    return {os.fsencode(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, list[bytes]]:
    """A folder of files; returns (folder, paths as bytes, in import order)."""
    d = tmp_path / "in"
    d.mkdir()
    good = d / "good.txt"
    good.write_text("Good article\n\nIt has text. 😀 שלום", encoding="utf-8")
    (d / "bad_xml.docx").write_bytes(_replace_part(
        _docx_bytes("Broken"), "word/document.xml", b"<w:document><w:body><w:p>"))
    (d / "bad_crc.docx").write_bytes(_bad_crc(_docx_bytes("CRC " * 2000)))
    weird = os.path.join(os.fsencode(d), b"caf\xe9 \xff.txt")  # not UTF-8: Latin-1 bytes
    with open(weird, "wb") as f:
        f.write(b"Article with an odd file name\n\nText.")
    os.symlink("/proc/self/mem", d / "unreadable.txt")  # a regular file whose read fails
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "good.docx").write_bytes(_docx_bytes("Word article", "Its body, “quoted”."))
    (d / "again.txt").write_bytes(good.read_bytes())
    order = [b"good.txt", b"bad_xml.docx", b"bad_crc.docx", b"caf\xe9 \xff.txt",
             b"unreadable.txt", b"empty.txt", b"binary.txt", b"missing.txt", b"good.docx",
             b"again.txt"]
    return d, [os.path.join(os.fsencode(d), n) for n in order]


def test_bad_files_never_abort_the_batch(batch: tuple[Path, list[bytes]],
                                         project: Project) -> None:
    folder, paths = batch
    before = _snapshot(folder)
    report = import_files(project, paths)
    assert _snapshot(folder) == before

    assert [a.filename for a in report.imported] == ["good.txt", "caf\ufffd \ufffd.txt",
                                                      "good.docx"]
    stored = {a.filename: project.articles.get(a.id).text for a in report.imported}
    assert stored["good.txt"] == "Good article\n\nIt has text. 😀 שלום"
    assert stored["good.docx"] == "Word article\n\nIts body, “quoted”."
    assert report.duplicates == [("again.txt", report.imported[0].id)]
    refused = dict(report.refused)
    assert list(refused) == ["bad_xml.docx", "bad_crc.docx", "unreadable.txt", "empty.txt",
                             "binary.txt", "missing.txt"]
    assert "damaged XML" in refused["bad_xml.docx"]
    assert "not a readable Word document" in refused["bad_crc.docx"]
    assert "cannot be read" in refused["unreadable.txt"]
    assert "is empty" in refused["empty.txt"]
    assert "does not look like text" in refused["binary.txt"]
    assert "does not exist" in refused["missing.txt"]
    assert not report.not_attempted and not report.stopped
    # One line per file, each printable on any terminal.
    lines = report.lines()
    assert len(lines) == len(paths)
    for line in lines:
        line.encode("utf-8")
        assert "\n" not in line and "Traceback" not in line
    assert len(project.articles.list()) == 3


def test_cancel_between_files_keeps_and_reports_the_finished_ones(
        tmp_path: Path, project: Project) -> None:
    files = []
    for i in range(5):
        f = tmp_path / f"{i}.txt"
        f.write_text(f"Article {i}\n\nBody {i}.", encoding="utf-8")
        files.append(f)
    seen: list[str] = []
    report = import_files(project, files, progress=lambda d, t, n: seen.append(n),
                          cancelled=lambda: len(seen) >= 2)
    assert [a.filename for a in report.imported] == ["0.txt", "1.txt"]
    assert report.stopped == "cancelled"
    assert report.not_attempted == ["2.txt", "3.txt", "4.txt"]
    assert report.lines()[-1] == "not imported (the import was cancelled): 2.txt, 3.txt, 4.txt"
    # Every stored article is complete: nothing half-done.
    assert [a.title for a in project.articles.list()] == ["Article 0", "Article 1"]
    assert project.articles.get(report.imported[1].id).text == "Article 1\n\nBody 1."


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, project: Project) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    report = import_files(project, [fifo])
    assert "not a regular file" in dict(report.refused)["pipe.txt"]


def test_cli_reports_every_file_of_a_bad_batch(batch: tuple[Path, list[bytes]],
                                               tmp_path: Path) -> None:
    """The same batch through the real command line: one line per file, no traceback."""
    import subprocess

    folder, paths = batch
    before = _snapshot(folder)
    target = tmp_path / "p.briefmark"
    repo = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, str(repo / "main.py"), "import", str(target),
                           *[os.fsdecode(p) for p in paths]],
                          capture_output=True, cwd=repo, env=env, timeout=120)
    out = proc.stdout.decode() + proc.stderr.decode()
    assert "Traceback" not in out, out
    assert proc.returncode != 0  # some were refused
    assert out.count("imported ") == 3 and out.count("refused: ") == 6, out
    assert "skipped again.txt" in out
    assert _snapshot(folder) == before
