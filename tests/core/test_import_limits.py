"""Hostile inputs: a real zip bomb refused before unpacking, huge one-paragraph and
backtracking-prone inputs imported in linear time, encodings told apart exactly."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from models.errors import ImportRefused
from models.importers import read_article_file


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from (name, raw deflate data, crc, uncompressed size), written by hand."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in members:
        offset = out.tell()
        n = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data),
                              size, len(n), 0) + n + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                                  len(data), size, len(n), 0, 0, 0, 0, 0, offset) + n)
    cd = central.getvalue()
    start = out.tell()
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                               len(cd), start, 0))
    return out.getvalue()


def zip_bomb_docx(megabytes: int = 1024) -> bytes:
    """A real .docx whose document.xml is one paragraph of `megabytes` MB of zeros: every
    1 MB block deflates (after a full flush) to the same 1 KB, so building it is cheap."""
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    src = zipfile.ZipFile(buf)
    head = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    chunk = b"0" * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    data = first + block * megabytes + c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    members = []
    for info in src.infolist():
        if info.filename == "word/document.xml":
            members.append((info.filename, data, crc, len(head) + len(tail) + (megabytes << 20)))
        else:
            raw = src.read(info)
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            members.append((info.filename, c.compress(raw) + c.flush(), zlib.crc32(raw),
                            len(raw)))
    return _zip(members)


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    data = zip_bomb_docx(1024)  # ~1 MB that unpacks to 1 GB
    assert len(data) < 2 * 2**20
    with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("word/document.xml") as f:
        assert f.read(200).endswith(b"0" * 50)  # a real, readable archive
    f = tmp_path / "bomb.docx"
    f.write_bytes(data)
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused, match="zip bomb"):
            read_article_file(f)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 2**20  # the 1 GB was never unpacked
    assert f.read_bytes() == data


def _docx(*paragraphs: str) -> bytes:
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_half_megabyte_paragraph_docx_imports_exactly(tmp_path: Path) -> None:
    para = ("Officials said on Oct. 9, 2018 that “nothing” changed; 😀 שלום. " * 8000)[:500_000]
    f = tmp_path / "para.docx"
    f.write_bytes(_docx("Title", para))
    assert read_article_file(f).text == "Title\n\n" + para


@pytest.mark.parametrize("line", [
    ("*a _b [c `d " * 10_000)[:120_000],
    ("[" * 60_000 + "](" * 30_000)[:120_000],
    ("**x " * 30_000)[:120_000],
    ("# " + "# a " * 30_000)[:120_000],
])
def test_markdown_line_bombs_import(tmp_path: Path, line: str) -> None:
    f = tmp_path / "bomb.md"
    f.write_text(line, encoding="utf-8")
    got = read_article_file(f)
    assert got.text.strip()


def test_markdown_markup_still_removed(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("# Big *news* ##\n\n> Some **bold**, __strong__, *it*, a [link](u) "
                 "![img](p.png) and 2*3*4.", encoding="utf-8")
    got = read_article_file(f)
    assert got.text == "Big news\n\nSome bold, strong, it, a link  and 2*3*4."
    assert got.meta.title == "Big news"


def test_text_over_the_limit_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    f.write_bytes(b"word " * 4_200_001)  # 21 MB of text
    with pytest.raises(ImportRefused, match="million characters"):
        read_article_file(f)


TEXT = "שלום עולם — “Hello” 😀 world, 5 € and more text here.\nSecond line 🇮🇱."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_imports_exactly(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "u.txt"
    f.write_bytes(TEXT.encode(encoding))
    assert read_article_file(f).text == TEXT


def test_mixed_utf8_and_cp1252_is_repaired_per_piece(tmp_path: Path) -> None:
    utf8 = "Le café “Zoë” 😀 שלום.\n\n".encode()
    cp = "He said “naïve” — 5 €.".encode("cp1252")
    f = tmp_path / "mixed.txt"
    f.write_bytes(utf8 + cp + "\n\nFin: résumé.".encode())
    got = read_article_file(f)
    assert got.text == "Le café “Zoë” 😀 שלום.\n\nHe said “naïve” — 5 €.\n\nFin: résumé."
    assert "Windows-1252" in got.note


def test_mixed_with_undecodable_bytes_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "mixed.txt"
    f.write_bytes("Le café “Zoë” 😀 שלום résumé.\n".encode() + b"bad \x81\x8d here")
    with pytest.raises(ImportRefused, match="Save it as UTF-8"):
        read_article_file(f)
