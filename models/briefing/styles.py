"""The document to build into (blank or a house template) and the styles it offers.

A house template keeps its page setup, headers, footers, theme and styles; only its body is
cleared. Templates saved by Word define few styles (built-ins such as Quote or Heading 3
exist only as names until used), so a built-in style the note needs and the template lacks
is copied from python-docx's default template: it then takes the house theme's fonts and
colours. A style that cannot be had falls back to the next name offered, then to none.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from lxml import etree

from models.errors import ExportError

_DOC_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
_MACRO_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# Word's own definitions of built-ins that python-docx's default template does not carry.
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_EXTRA_STYLES = {
    "annotation text": f'<w:style {_W} w:type="paragraph" w:styleId="CommentText">'
    '<w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
    '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="60"/></w:pPr>'
    '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>',
    "annotation reference": f'<w:style {_W} w:type="character" w:styleId="CommentReference">'
    '<w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>',
    "toc 1": f'<w:style {_W} w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
    '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/></w:pPr></w:style>',
    "toc 2": f'<w:style {_W} w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
    '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/><w:ind w:left="220"/></w:pPr>'
    '</w:style>',
    "hyperlink": f'<w:style {_W} w:type="character" w:styleId="Hyperlink">'
    '<w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>',
}


def _a4(document: Document) -> Document:
    """python-docx's blank document is US Letter; a note without a house template is A4
    (most of the world's paper) with 2.5 cm margins. A template keeps its own page."""
    from docx.shared import Cm, Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    return document


def open_document(template: Path | None) -> Document:
    """A blank document, or the house template with its body emptied."""
    if template is None:
        return _a4(docx.Document())
    template = Path(template).expanduser()
    if not template.is_file():
        what = "is a folder" if template.is_dir() else "does not exist"
        raise ExportError(
            f"The template {template} {what}. Choose a Word .docx or .dotx file, "
            "or export without a template."
        )
    try:
        data = _as_docx_package(template.read_bytes(), template.name)
        document = docx.Document(io.BytesIO(data))
    except ExportError:
        raise
    except OSError as exc:
        raise ExportError(f"The template {template} cannot be read: {exc.strerror}.") from exc
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ExportError(
            f"The template {template.name} is not a usable Word document ({exc}). "
            "Open it in Word, save it as .docx or .dotx and try again."
        ) from exc
    _clear_body(document)
    return document


def _as_docx_package(data: bytes, name: str) -> bytes:
    """The package bytes with a .dotx main part relabelled as a document (python-docx and
    Word's .docx reader accept only that type); macro-enabled files are refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml").decode("utf-8")
            names = z.namelist()
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ExportError(
            f"The template {name} is not a Word .docx or .dotx file. Choose one saved by Word "
            "or LibreOffice."
        ) from exc
    main = re.search(r'PartName="/word/document\.xml"\s+ContentType="([^"]+)"', types)
    content_type = main.group(1) if main else ""
    if content_type in _MACRO_TYPES:
        raise ExportError(
            f"The template {name} contains macros. Save it in Word as a .dotx or .docx "
            "template without macros and choose that."
        )
    if content_type not in _DOC_TYPES:
        raise ExportError(
            f"The template {name} is not a Word .docx or .dotx file. Choose one saved by Word "
            "or LibreOffice."
        )
    if content_type == _DOCX_MAIN:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for n in names:
            blob = src.read(n)
            if n == "[Content_Types].xml":
                blob = types.replace(content_type, _DOCX_MAIN).encode("utf-8")
            dst.writestr(n, blob)
    return out.getvalue()


def _clear_body(document: Document) -> None:
    """Remove the template's content but keep its last section (page setup, header, footer).
    Comments anchored in the removed content are removed too."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    part = document.part
    for r_id, rel in list(part.rels.items()):
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind == "comments":
            for child in list(rel.target_part.element):
                rel.target_part.element.remove(child)
        elif kind in ("commentsExtended", "commentsIds", "commentsExtensible"):
            # Word 2013+ keeps per-comment extras keyed to the removed comments' paragraphs.
            part.drop_rel(r_id)


class StyleBook:
    """Style ids by name for the target document, adding missing built-ins on demand."""

    def __init__(self, document: Document) -> None:
        self._styles = document.styles.element
        self._index = self._read_index(self._styles)
        self._cache: dict[tuple[str, ...], str | None] = {}
        self._default: etree._Element | None = None
        self._default_idx: dict[str, etree._Element] | None = None

    @staticmethod
    def _read_index(root: etree._Element) -> dict[str, etree._Element]:
        index: dict[str, etree._Element] = {}
        for s in root.iterfind(qn("w:style")):
            name = s.find(qn("w:name"))
            if name is not None:
                index.setdefault(name.get(qn("w:val"), "").casefold(), s)
        return index

    def get(self, *names: str) -> str | None:
        """Id of the first of `names` available (as it is, or copied in); None for none."""
        if names not in self._cache:
            self._cache[names] = next(
                (sid for sid in map(self._ensure, names) if sid is not None), None)
        return self._cache[names]

    def layout(self, style_id: str | None) -> tuple[int, str]:
        """(left indent in twips, alignment) a paragraph style gives, following basedOn, so
        lines written under a styled paragraph can line up with it."""
        by_id = {s.get(qn("w:styleId")): s for s in self._styles.iterfind(qn("w:style"))}
        indent: int | None = None
        align = ""
        seen: set[str] = set()
        while style_id and style_id in by_id and style_id not in seen:
            seen.add(style_id)
            style = by_id[style_id]
            ppr = style.find(qn("w:pPr"))
            if ppr is not None:
                ind = ppr.find(qn("w:ind"))
                if indent is None and ind is not None:
                    raw = ind.get(qn("w:left")) or ind.get(qn("w:start"))
                    if raw is not None and raw.lstrip("-").isdigit():
                        indent = int(raw)
                jc = ppr.find(qn("w:jc"))
                if not align and jc is not None:
                    align = jc.get(qn("w:val"), "")
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return indent or 0, align

    def _ensure(self, name: str) -> str | None:
        key = name.casefold()
        if key in self._index:
            return self._index[key].get(qn("w:styleId"))
        source = self._default_index().get(key)
        if source is None and key in _EXTRA_STYLES:
            source = parse_xml(_EXTRA_STYLES[key])
        if source is None or source.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
            return None  # list styles need numbering definitions the template lacks
        return self._copy(source)

    def _copy(self, source: etree._Element) -> str | None:
        sid = source.get(qn("w:styleId"))
        if any(s.get(qn("w:styleId")) == sid for s in self._styles.iterfind(qn("w:style"))):
            return None  # the id is taken by a different style: do not overwrite it
        self._styles.append(copy.deepcopy(source))
        name = source.find(qn("w:name"))
        self._index[name.get(qn("w:val"), "").casefold()] = self._styles[-1]
        # Styles it is based on, linked to or followed by must exist too.
        by_id = {s.get(qn("w:styleId")): s for s in self._default_styles().iterfind(qn("w:style"))}
        mine = {s.get(qn("w:styleId")) for s in self._styles.iterfind(qn("w:style"))}
        for ref in ("w:basedOn", "w:link", "w:next"):
            e = source.find(qn(ref))
            target = e.get(qn("w:val")) if e is not None else None
            if target and target not in mine and target in by_id:
                self._copy(by_id[target])
        return sid

    def _default_styles(self) -> etree._Element:
        if self._default is None:
            self._default = docx.Document().styles.element
        return self._default

    def _default_index(self) -> dict[str, etree._Element]:
        if self._default_idx is None:
            self._default_idx = self._read_index(self._default_styles())
        return self._default_idx
