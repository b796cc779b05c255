"""Assembling the note: which sections, in which order, in which document."""

from __future__ import annotations

from datetime import UTC, datetime

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from models.briefing import front, package, sections
from models.briefing.annotated import annotated_text
from models.briefing.content import Note
from models.briefing.context import Ctx
from models.briefing.docx_text import one_line, plural, xml_safe
from models.briefing.progress import Ticker
from models.briefing.styles import StyleBook, open_document
from models.kinds import KIND_PLURALS


def work_units(note: Note) -> tuple[int, int]:
    """(units of building, units of saving) for progress reports; saving the zip takes
    about a tenth of the time building does."""
    build = len(note.items)
    if note.options.include_text:
        build += sum(len(s.paragraphs) for s in note.sources if s.items)
    return build, max(1, build // 10)


def build_document(note: Note, ticker: Ticker) -> Document:
    document = open_document(note.options.template)
    ctx = Ctx(note=note, document=document, styles=StyleBook(document), ticker=ticker)
    body = ctx.body
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        body.remove(sect)  # content is appended; the section properties must stay last

    front.title_block(ctx)
    front.bottom_line(ctx)
    toc = front.contents(ctx) if note.multi else None
    front.summary(ctx)
    writers = {"claim": sections.claims, "quote": sections.quotes, "event": sections.events}
    for kind in note.kinds:
        writers[kind](ctx)
        if kind == "claim":
            sections.disagreements(ctx)
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
    """Document properties (File > Info in Word, Properties in LibreOffice). Every core
    property describes this note; a house template's own values are not carried over, except
    its language. See docs/briefing.md, "Document properties"."""
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    author = xml_safe(one_line(note.author))[:255]
    props.title = xml_safe(one_line(note.title))[:255]
    props.subject = xml_safe(_subject(note))[:255]
    props.author = author
    props.last_modified_by = author
    props.keywords = xml_safe(_keywords(note))[:255]
    props.comments = xml_safe(_description(note))[:255]
    props.category = "Briefing note"
    props.created = now
    props.modified = now
    props.revision = 1
    for stale in ("cp:lastPrinted", "cp:contentStatus", "dc:identifier", "cp:version"):
        _drop(props._element, stale)  # a template's "Final", "v3" or print date is not ours
    package.tidy(document, note)


def _subject(note: Note) -> str:
    if note.multi:
        return f"Briefing note on {plural(len(note.sources), 'article')}"
    source = note.sources[0]
    outlet = one_line(source.article.source)
    return f"Briefing note on {one_line(source.name)}" + (f" ({outlet})" if outlet else "")


def _keywords(note: Note) -> str:
    """The kinds covered, then the most used tags (the analyst's own topics)."""
    words = ["briefing note", *(KIND_PLURALS[k].lower() for k in note.kinds)]
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for item in note.items:
        for tag in item.ann.tags:
            counts[tag.casefold()] = counts.get(tag.casefold(), 0) + 1
            names.setdefault(tag.casefold(), one_line(tag))
    words += [names[k] for k in sorted(counts, key=lambda k: (-counts[k], k))[:12]]
    return ", ".join(w.replace(",", " ") for w in words if w)


def _description(note: Note) -> str:
    counts = ", ".join(plural(len(note.of_kind(k)), k) for k in note.kinds)
    scope = plural(len(note.sources), "article")
    return f"{counts} from {scope}, prepared by {one_line(note.author)} with Briefmark."


def _drop(root: etree._Element, tag: str) -> None:
    for e in root.findall(qn(tag)):
        root.remove(e)
