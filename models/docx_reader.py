"""Reading the text of a Word document without trusting the file.

A .docx is a zip archive; a hostile or damaged one can promise gigabytes (a zip bomb), hold
broken XML or fail its checksums. So the archive's directory is checked before anything is
unpacked, only the parts that hold text are read, each through a bounded stream, and the XML
is walked once (linear in its size). The text equals python-docx's `Document.paragraphs`
joined by blank lines, which earlier imports used.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from models.errors import ImportRefused

MAX_PART_BYTES = 50 * 1024 * 1024  # uncompressed size of one XML part we read
MAX_RATIO = 100  # uncompressed / compressed; Word's own XML stays far below this
MAX_MEMBERS = 10_000
_RATIO_FLOOR = 1024 * 1024  # tiny parts compress oddly well; only large ones are judged

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError, OSError,
           NotImplementedError, RuntimeError)


def _refuse(name: str, why: str) -> ImportRefused:
    return ImportRefused(f"{name} is not a readable Word document ({why}).")


def check_archive(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse archives whose directory promises too much, before unpacking anything."""
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refuse(name, f"it holds {len(members)} parts")
    for info in members:
        if (info.file_size > _RATIO_FLOOR
                and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise ImportRefused(
                f"{name} was refused: its part {info.filename} would unpack from "
                f"{info.compress_size:,} to {info.file_size:,} bytes, the pattern of a zip "
                "bomb. Open it in Word and save it again if it is a real document."
            )


def _read_part(zf: zipfile.ZipFile, part: str, name: str) -> bytes | None:
    try:
        info = zf.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ImportRefused(
            f"{name} was refused: its text part would unpack to {info.file_size // 2**20} MB; "
            f"Word documents up to {MAX_PART_BYTES // 2**20} MB of text can be imported."
        )
    try:
        with zf.open(info) as stream:  # stops at the declared size and checks the CRC
            data = stream.read(MAX_PART_BYTES + 1)
    except _BROKEN as exc:
        raise _refuse(name, f"{part}: {exc}") from None
    if len(data) > MAX_PART_BYTES:
        raise _refuse(name, f"{part} is larger than its directory says")
    return data


def _parse(data: bytes, part: str, name: str):  # -> lxml element
    from lxml import etree

    # No entities, no network; huge_tree lets one long paragraph (a bounded one) through.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                             load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _refuse(name, f"damaged XML in {part}: {exc}") from None


def _document_part(zf: zipfile.ZipFile, name: str) -> str:
    rels = _read_part(zf, "_rels/.rels", name)
    if rels is not None:
        for rel in _parse(rels, "_rels/.rels", name).iter(_REL):
            if rel.get("Type") == _OFFICE_DOC:
                return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _run_text(run, out: list[str]) -> None:
    for el in run:
        tag = el.tag
        if tag == W + "t":
            out.append(el.text or "")
        elif tag in (W + "tab", W + "ptab"):
            out.append("\t")
        elif tag == W + "cr":
            out.append("\n")
        elif tag == W + "br":
            if el.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")


def paragraph_text(p) -> str:
    """One body paragraph as python-docx reads it: its runs and hyperlinked runs."""
    out: list[str] = []
    for child in p:
        if child.tag == W + "r":
            _run_text(child, out)
        elif child.tag == W + "hyperlink":
            for run in child:
                if run.tag == W + "r":
                    _run_text(run, out)
    return "".join(out)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_docx_text(data: bytes, name: str) -> tuple[list[str], dict[str, str]]:
    """The body paragraphs and the title/author/created properties of a .docx."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except _BROKEN as exc:
        raise _refuse(name, str(exc)) from None
    with zf:
        check_archive(zf, name)
        part = _document_part(zf, name)
        xml = _read_part(zf, part, name)
        if xml is None:
            raise _refuse(name, f"there is no {part} in it")
        root = _parse(xml, part, name)
        body = root.find(W + "body")
        paragraphs = [] if body is None else [paragraph_text(p) for p in body.iterchildren(W + "p")]
        props: dict[str, str] = {}
        core = _read_part(zf, "docProps/core.xml", name)
        if core is not None:
            try:
                croot = _parse(core, "docProps/core.xml", name)
            except ImportRefused:
                croot = None  # damaged properties cost the metadata, not the article
            if croot is not None:
                for key, tag in (("title", _DC + "title"), ("author", _DC + "creator"),
                                 ("created", _DCTERMS + "created")):
                    el = croot.find(tag)
                    props[key] = (el.text or "").strip() if el is not None else ""
                m = _DATE.match(props.get("created", ""))
                props["created"] = m.group() if m else ""
    return paragraphs, props
