"""The state shared by the section writers: document, styles, comments, progress."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from models.briefing import wml
from models.briefing.comments import CommentWriter
from models.briefing.content import Note
from models.briefing.progress import Ticker
from models.briefing.styles import StyleBook


@dataclass
class Ctx:
    note: Note
    document: Document
    styles: StyleBook
    ticker: Ticker
    body: etree._Element = field(init=False)
    text_width: int = field(init=False)
    headings: list[tuple[int, str]] = field(default_factory=list)
    _comments: CommentWriter | None = None

    def __post_init__(self) -> None:
        self.body = self.document.element.body
        self.text_width = _text_width(self.document)

    # -- styles ---------------------------------------------------------------------------

    def style(self, *names: str) -> str | None:
        return self.styles.get(*names)

    @property
    def table_style(self) -> str | None:
        return self.style("Light Grid Accent 1", "Table Grid")

    @property
    def comments(self) -> CommentWriter:
        if self._comments is None:  # only a note with annotated text gets a comments part
            self._comments = CommentWriter(
                self.document, text_style=self.style("annotation text"),
                reference_style=self.style("annotation reference"))
        return self._comments

    # -- writing --------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1, *, page_break: bool = False) -> None:
        """Headings run left to right like the rest of the note's own words; a Hebrew or
        Arabic name inside one is still shown right to left (its run gets w:rtl)."""
        self.headings.append((level, text))
        wml.paragraph(self.body, [(text, wml.PLAIN)], style=self.style(f"Heading {level}"),
                      keep_next=True, page_break=page_break)

    def para(self, pieces: wml.Pieces, **kw: object) -> etree._Element:
        return wml.paragraph(self.body, pieces, **kw)  # type: ignore[arg-type]

    def bullet(self, pieces: wml.Pieces) -> etree._Element:
        """A bulleted line; a template without a usable List Bullet style gets a typed bullet."""
        style = self.style("List Bullet")
        if style:
            return wml.paragraph(self.body, pieces, style=style, after=60)
        return wml.paragraph(self.body, [("•\t", wml.PLAIN), *pieces], indent=360, hanging=360,
                             after=60)


def _text_width(document: Document) -> int:
    """Width between the margins of the last section, in twips (tables are made this wide)."""
    sect = document.element.body.find(qn("w:sectPr"))
    try:
        size = sect.find(qn("w:pgSz"))
        mar = sect.find(qn("w:pgMar"))
        width = int(size.get(qn("w:w"))) - int(mar.get(qn("w:left"))) - int(mar.get(qn("w:right")))
        return width if width > 1440 else 9000
    except (AttributeError, TypeError, ValueError):
        return 9000
