"""Assembling the note: which sections, in which order, in which document."""

from __future__ import annotations

from datetime import UTC, datetime

from docx.document import Document
from docx.oxml.ns import qn

from models.briefing import front, sections
from models.briefing.annotated import annotated_text
from models.briefing.content import Note
from models.briefing.context import Ctx
from models.briefing.docx_text import xml_safe
from models.briefing.progress import Ticker
from models.briefing.styles import StyleBook, open_document


def work_units(note: Note) -> tuple[int, int]:
    """(units of building, units of saving) for progress reports; saving the zip takes
    about a tenth of the time building does."""
    build = len(note.items)
    if note.options.include_text:
        build += sum(len(s.paragraphs) for s in note.sources)
    return build, max(1, build // 10)


def build_document(note: Note, ticker: Ticker) -> Document:
    document = open_document(note.options.template)
    ctx = Ctx(note=note, document=document, styles=StyleBook(document), ticker=ticker)
    body = ctx.body
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        body.remove(sect)  # content is appended; the section properties must stay last

    front.title_block(ctx)
    toc = front.contents(ctx) if note.multi else None
    front.summary(ctx)
    writers = {"claim": sections.claims, "quote": sections.quotes, "event": sections.events}
    for kind in note.kinds:
        writers[kind](ctx)
    if note.options.include_text:
        annotated_text(ctx)
    sections.tags_index(ctx)
    if toc is not None:
        front.fill_contents(ctx, toc)

    if sect is not None:
        body.append(sect)
    front.page_footer(ctx)
    _properties(document, note)
    return document


def _properties(document: Document, note: Note) -> None:
    """Document properties Word shows under File > Info (the default template's are reset)."""
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title = xml_safe(note.title)[:255]
    props.subject = "Briefing note"
    props.author = xml_safe(note.author)[:255]
    props.last_modified_by = xml_safe(note.author)[:255]
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.created = now
    props.modified = now
    props.revision = 1
