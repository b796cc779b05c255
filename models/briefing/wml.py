"""Small builders for WordprocessingML elements.

The note is built as lxml elements directly instead of through python-docx's proxies: a
proxy call looks styles up by name and walks the tree each time, which at thousands of runs
and table rows costs seconds. Child order inside w:pPr and w:rPr follows the schema
(Word refuses a file whose property elements are out of order). Every string passes through
`xml_safe`, so no text can make the file unsaveable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from docx.oxml.ns import qn as _qn
from docx.oxml.parser import OxmlElement
from lxml import etree

from models.briefing.docx_text import HEBREW, direction_runs, xml_safe

qn = lru_cache(maxsize=None)(_qn)  # 'w:p' -> '{ns}p'; called for every element built
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_VAL = qn("w:val")
_T, _R, _P, _TAB, _BR = qn("w:t"), qn("w:r"), qn("w:p"), qn("w:tab"), qn("w:br")

SubElement = etree.SubElement


@dataclass(frozen=True)
class Fmt:
    """Direct run formatting, kept to what the note uses."""

    bold: bool = False
    italic: bool = False
    small_caps: bool = False
    colour: str = ""        # text colour, RRGGBB
    size: int = 0           # half-points; 0 = style's size
    underline: str = ""     # underline colour, RRGGBB (single line)
    fill: str = ""          # shading behind the text, RRGGBB
    superscript: bool = False
    style: str = ""         # character style id
    lang: str = ""          # the language of the words (an article's), e.g. "fr", "he"
    anchor: str = ""        # a bookmark in this document the words link to


PLAIN = Fmt()
BOLD = Fmt(bold=True)
ITALIC = Fmt(italic=True)
GREY = "595959"
SMALL_GREY = Fmt(colour=GREY, size=18)


def el(tag: str, **attrs: str) -> etree._Element:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), v)
    return e


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    e = SubElement(parent, qn(tag))
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), v)
    return e


_RTL_LANGS = frozenset({"he", "ar", "fa", "ur", "yi", "ps"})
_EAST_ASIAN = frozenset({"zh", "ja", "ko"})


def _lang(rpr: etree._Element, f: Fmt, rtl: bool, text: str) -> None:
    """w:lang, last in w:rPr as the schema orders it: the words' language for spelling and
    hyphenation; a right-to-left run says which (Word takes an untagged one for Arabic)."""
    base = f.lang.split("-")[0].lower()
    attrs = {}
    if f.lang and base not in _RTL_LANGS:
        attrs["w:val"] = f.lang
    if rtl:
        attrs["w:bidi"] = f.lang if base in _RTL_LANGS else (
            "he" if HEBREW.search(text) else "ar")
    if base in _EAST_ASIAN:
        attrs["w:eastAsia"] = f.lang
    if attrs:
        lang = SubElement(rpr, qn("w:lang"))
        for k, v in attrs.items():
            lang.set(qn(k), v)


def _rpr(r: etree._Element, f: Fmt, rtl: bool, text: str = "") -> None:
    if not (f != PLAIN or rtl):
        return
    rpr = SubElement(r, qn("w:rPr"))
    if f.style:
        SubElement(rpr, qn("w:rStyle")).set(_VAL, f.style)
    if f.bold:
        SubElement(rpr, qn("w:b"))
        SubElement(rpr, qn("w:bCs"))
    if f.italic:
        SubElement(rpr, qn("w:i"))
        SubElement(rpr, qn("w:iCs"))
    if f.small_caps:
        SubElement(rpr, qn("w:smallCaps"))
    if f.colour:
        SubElement(rpr, qn("w:color")).set(_VAL, f.colour)
    if f.size:
        SubElement(rpr, qn("w:sz")).set(_VAL, str(f.size))
        SubElement(rpr, qn("w:szCs")).set(_VAL, str(f.size))
    if f.underline:
        u = SubElement(rpr, qn("w:u"))
        u.set(_VAL, "single")
        u.set(qn("w:color"), f.underline)
    if f.fill:
        shd = SubElement(rpr, qn("w:shd"))
        shd.set(_VAL, "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), f.fill)
    if f.superscript:
        SubElement(rpr, qn("w:vertAlign")).set(_VAL, "superscript")
    if rtl:
        SubElement(rpr, qn("w:rtl"))
    _lang(rpr, f, rtl, text)


def add_run(p: etree._Element, text: str, f: Fmt = PLAIN, *,
            rtl_paragraph: bool = False) -> etree._Element:
    """Append `text` as runs of format `f`, one per stretch of one direction: Hebrew or
    Arabic stretches (and neutral ones that resolve right to left) get w:rtl, as Word writes
    them. Tabs and newlines become w:tab and w:br. Returns the last run."""
    r = p
    parent = p
    if f.anchor:  # an internal link: the runs inside one w:hyperlink
        parent = SubElement(p, qn("w:hyperlink"))
        parent.set(qn("w:anchor"), f.anchor)
        parent.set(qn("w:history"), "1")
        f = replace(f, anchor="")
    for piece, rtl in direction_runs(xml_safe(text), rtl_paragraph):
        r = _one_run(parent, piece, f, rtl)
    return r


def bookmark(p: etree._Element, name: str, number: int) -> None:
    """A place in the document named `name` (an internal link's target), at the end of
    what `p` holds so far; `number` must be unique among the document's bookmarks."""
    sub(p, "w:bookmarkStart", id=str(number), name=name)
    sub(p, "w:bookmarkEnd", id=str(number))


def _one_run(p: etree._Element, text: str, f: Fmt, rtl: bool) -> etree._Element:
    r = SubElement(p, _R)
    _rpr(r, f, rtl, text)
    if "\t" not in text and "\n" not in text:
        t = SubElement(r, _T)
        t.text = text
        t.set(_XML_SPACE, "preserve")
        return r
    for i, line in enumerate(text.split("\n")):
        if i:
            SubElement(r, _BR)
        for j, piece in enumerate(line.split("\t")):
            if j:
                SubElement(r, _TAB)
            if piece:
                t = SubElement(r, _T)
                t.text = piece
                t.set(_XML_SPACE, "preserve")
    return r


Pieces = Iterable[tuple[str, Fmt]]


def paragraph(parent: etree._Element | None, pieces: Pieces = (), *, style: str | None = None,
              rtl: bool = False, keep_next: bool = False, page_break: bool = False,
              indent: int = 0, hanging: int = 0, before: int | None = None,
              after: int | None = None, align: str = "") -> etree._Element:
    """A w:p (appended to `parent` when given). Indents and spacing are in twentieths of a
    point (567 = 1 cm)."""
    p = el("w:p") if parent is None else SubElement(parent, _P)
    ppr = SubElement(p, qn("w:pPr"))
    if style:
        SubElement(ppr, qn("w:pStyle")).set(_VAL, style)
    if keep_next:
        SubElement(ppr, qn("w:keepNext"))
    if page_break:
        SubElement(ppr, qn("w:pageBreakBefore"))
    if rtl:
        SubElement(ppr, qn("w:bidi"))
    if before is not None or after is not None:
        sp = SubElement(ppr, qn("w:spacing"))
        if before is not None:
            sp.set(qn("w:before"), str(before))
        if after is not None:
            sp.set(qn("w:after"), str(after))
    if indent or hanging:
        ind = SubElement(ppr, qn("w:ind"))
        ind.set(qn("w:left"), str(indent))
        if rtl or align == "right":
            # Readers disagree whether w:left means left or start in a bidi paragraph; a
            # right-aligned line under right-to-left text mirrors the indent of the item.
            ind.set(qn("w:right"), str(indent))
        if hanging:
            ind.set(qn("w:hanging"), str(hanging))
    if align:
        SubElement(ppr, qn("w:jc")).set(_VAL, align)
    if len(ppr) == 0:
        p.remove(ppr)
    for text, f in pieces:
        if text:
            add_run(p, text, f, rtl_paragraph=rtl)
    return p


def simple_field(p: etree._Element, instr: str, shown: str, f: Fmt = PLAIN) -> None:
    """A field Word computes (PAGE, NUMPAGES); `shown` is the text until it does."""
    fld = SubElement(p, qn("w:fldSimple"))
    fld.set(qn("w:instr"), f" {instr} ")
    add_run(fld, shown, f)


def complex_field(p: etree._Element, instr: str) -> tuple[etree._Element, etree._Element]:
    """Begin, instruction and separator runs of a field whose result spans paragraphs (TOC);
    returns (p, end_run) so the caller places the result and then the end run."""
    SubElement(SubElement(p, _R), qn("w:fldChar")).set(qn("w:fldCharType"), "begin")
    it = SubElement(SubElement(p, _R), qn("w:instrText"))
    it.text = f" {instr} "
    it.set(_XML_SPACE, "preserve")
    SubElement(SubElement(p, _R), qn("w:fldChar")).set(qn("w:fldCharType"), "separate")
    end = el("w:r")
    SubElement(end, qn("w:fldChar")).set(qn("w:fldCharType"), "end")
    return p, end


def hyperlink(p: etree._Element, r_id: str, text: str, f: Fmt) -> None:
    h = SubElement(p, qn("w:hyperlink"))
    h.set(qn("r:id"), r_id)
    add_run(h, text, f)


# -- tables ---------------------------------------------------------------------------------

Cell = Sequence[etree._Element]  # the paragraphs of one cell


def table(parent: etree._Element, widths: Sequence[int], rows: Iterable[Sequence[Cell]], *,
          style: str | None, text_width: int, header: bool = True,
          borders: bool = False) -> etree._Element:
    """A table as wide as the text (`text_width` twips). `widths` are relative column widths;
    the first row repeats as a header on every page when `header`. Without a style,
    `borders` draws light grid lines."""
    total = sum(widths)
    tbl = SubElement(parent, qn("w:tbl"))
    pr = SubElement(tbl, qn("w:tblPr"))
    if style:
        SubElement(pr, qn("w:tblStyle")).set(_VAL, style)
    sub(pr, "w:tblW", w=str(text_width), type="dxa")
    if not style and borders:
        b = SubElement(pr, qn("w:tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            sub(b, f"w:{side}", val="single", sz="4", space="0", color="BFBFBF")
    sub(pr, "w:tblLayout", type="fixed")
    mar = SubElement(pr, qn("w:tblCellMar"))
    sub(mar, "w:left", w="85", type="dxa")
    sub(mar, "w:right", w="85", type="dxa")
    sub(pr, "w:tblLook", val="0420" if header else "0400", firstRow="1" if header else "0",
        lastRow="0",
        firstColumn="0", lastColumn="0", noHBand="0", noVBand="1")
    grid = SubElement(tbl, qn("w:tblGrid"))
    twips = [round(text_width * w / total) for w in widths]
    for tw in twips:
        sub(grid, "w:gridCol", w=str(tw))
    for i, row in enumerate(rows):
        tr = SubElement(tbl, qn("w:tr"))
        trpr = SubElement(tr, qn("w:trPr"))
        SubElement(trpr, qn("w:cantSplit"))
        if header and i == 0:
            SubElement(trpr, qn("w:tblHeader"))
        for tw, cell in zip(twips, row, strict=True):
            tc = SubElement(tr, qn("w:tc"))
            sub(SubElement(tc, qn("w:tcPr")), "w:tcW", w=str(tw), type="dxa")
            for p in cell or (el("w:p"),):
                tc.append(p)
    return tbl
