"""Word comments written straight into word/comments.xml with ids handed out in sequence.

python-docx's `add_comment` rescans every existing id before adding one (2,000 comments take
about 4 s); the note's comments are all new, so a counter is enough.
"""

from __future__ import annotations

from datetime import datetime

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from models.briefing import wml
from models.briefing.docx_text import initials, xml_safe

_COMMENT = qn("w:comment")


def word_date(stamp: str) -> str:
    """An ISO time as Word stores comment dates (whole seconds, UTC 'Z'); '' if unreadable."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class CommentWriter:
    def __init__(self, document: Document, *, text_style: str | None,
                 reference_style: str | None) -> None:
        # Creating the part through python-docx registers its content type and relationship.
        self._root = document.part._comments_part.element
        for old in list(self._root):
            self._root.remove(old)
        self._text_style = text_style
        self._ref_style = reference_style
        self._next = 0

    def add(self, paragraphs: list[tuple[wml.Pieces, bool]], *, author: str, date: str) -> int:
        """Add a comment whose paragraphs are (list of (text, Fmt), right to left); returns
        its id."""
        cid = self._next
        self._next += 1
        c = etree.SubElement(self._root, _COMMENT)
        c.set(qn("w:id"), str(cid))
        c.set(qn("w:author"), xml_safe(author))
        if stamp := word_date(date):
            c.set(qn("w:date"), stamp)
        c.set(qn("w:initials"), xml_safe(initials(author)))
        for i, (pieces, rtl) in enumerate(paragraphs or [([], False)]):
            p = wml.paragraph(c, style=self._text_style, rtl=rtl)
            if i == 0:
                # The mark Word shows at the start of a comment's first paragraph.
                r = wml.sub(p, "w:r")
                if self._ref_style:
                    wml.sub(wml.sub(r, "w:rPr"), "w:rStyle", val=self._ref_style)
                wml.sub(r, "w:annotationRef")
            for text, f in pieces:
                if text:
                    wml.add_run(p, text, f, rtl_paragraph=rtl)
        return cid

    def reference_run(self, parent: etree._Element, cid: int) -> None:
        """The run after a comment's range end that anchors it in the text."""
        r = wml.sub(parent, "w:r")
        if self._ref_style:
            wml.sub(wml.sub(r, "w:rPr"), "w:rStyle", val=self._ref_style)
        wml.sub(r, "w:commentReference", id=str(cid))

    def __len__(self) -> int:
        return self._next
