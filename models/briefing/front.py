"""Title block, contents, summary and the page footer."""

from __future__ import annotations

import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from models.briefing import wml
from models.briefing.content import Item, Source
from models.briefing.context import Ctx
from models.briefing.docx_text import (
    is_rtl,
    long_date,
    ltr_tail,
    one_line,
    plural,
    short_date,
)
from models.event_dates import date_bounds, date_sort_key
from models.kinds import KIND_PLURALS, STATUS_LABELS, STATUS_ORDER
from models.short_text import shorten

_LABEL = wml.Fmt(bold=True, colour=wml.GREY)
_URL = re.compile(r"https?://\S+\Z", re.IGNORECASE)


def title_block(ctx: Ctx) -> None:
    note = ctx.note
    wml.paragraph(ctx.body, [(note.title, wml.PLAIN)], style=ctx.style("Title"),
                  rtl=is_rtl(note.title))
    line = (f"Briefing note · {long_date(note.day.isoformat())} · Prepared by "
            f"{ltr_tail(one_line(note.author))}")
    wml.paragraph(ctx.body, [(line, wml.PLAIN)], style=ctx.style("Subtitle"), after=240)
    if note.multi:
        ctx.para([("Sources", wml.BOLD)], keep_next=True, after=60)
        for source in note.sources:
            _source_entry(ctx, source)
        missing = _missing(ctx, note.sources)
        if missing:
            ctx.para([(missing, _NOTE)], indent=567, after=120)
    else:
        _source_table(ctx, note.sources[0], show_title=note.title != note.sources[0].name)


def _link(ctx: Ctx, p: etree._Element, url: str) -> None:
    """A clickable URL when it is one; anything else is shown as text."""
    url = one_line(url)
    if _URL.match(url):
        r_id = ctx.document.part.relate_to(url, RT.HYPERLINK, is_external=True)
        style = ctx.style("Hyperlink")
        f = wml.Fmt(style=style) if style else wml.Fmt(colour="0563C1", underline="0563C1")
        wml.hyperlink(p, r_id, url, f)
    else:
        wml.add_run(p, url)


def _length(source: Source) -> str:
    words = len(source.article.text.split())
    return f"{plural(words, 'word')} in {plural(len(source.paragraphs), 'paragraph')}"


def _source_table(ctx: Ctx, source: Source, *, show_title: bool) -> None:
    """The facts of the one article, only those it has."""
    a = source.article
    rows: list[tuple[str, str]] = [("Article", a.title)] if show_title else []
    rows += [
        ("Source", a.source), ("Author", a.author),
        ("Published", long_date(a.published) if a.published else ""), ("URL", a.url),
        ("Length", _length(source)),
    ]
    cells = []
    for label, value in rows:
        value = one_line(value)
        if not value:
            continue
        value_p = wml.paragraph(None, rtl=is_rtl(value), after=0)
        if label == "URL":
            _link(ctx, value_p, value)
        else:
            wml.add_run(value_p, value, rtl_paragraph=is_rtl(value))
        cells.append([[wml.paragraph(None, [(label, _LABEL)], after=0)], [value_p]])
    wml.table(ctx.body, [22, 78], cells, style=None, text_width=ctx.text_width, header=False,
              borders=True)
    missing = _missing(ctx, [source])
    ctx.para([(missing, _NOTE)] if missing else [], after=0 if not missing else 120,
             before=60 if missing else None)


_NOTE = wml.Fmt(italic=True, colour=wml.GREY, size=18)


def _missing(ctx: Ctx, sources: list[Source]) -> str:
    """One line naming the facts that matter and are missing: where an article appeared and
    when. Author and URL are left unsaid (many reports have neither)."""
    parts = []
    for what, absent in (("source", [s for s in sources if not s.article.source.strip()]),
                         ("publication date",
                          [s for s in sources if not s.article.published.strip()])):
        if not absent:
            continue
        if not ctx.note.multi:
            parts.append(what)
        elif len(absent) == len(ctx.note.sources):
            parts.append(f"{what} for all articles" if len(absent) > 2 else
                         f"{what} for both articles")
        else:
            parts.append(f"{what} for {article_refs([s.number for s in absent])}")
    if not parts:
        return ""
    joiner = " and " if not ctx.note.multi else "; "
    return f"Not recorded: {joiner.join(parts)}."


def article_refs(numbers: list[int]) -> str:
    """[1, 2, 3, 5, 9] -> 'A1–A3, A5 and A9'."""
    groups: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if groups and n == groups[-1][1] + 1:
            groups[-1] = (groups[-1][0], n)
        else:
            groups.append((n, n))
    names: list[str] = []
    for a, b in groups:
        names += [f"A{a}–A{b}"] if b - a >= 2 else [f"A{n}" for n in range(a, b + 1)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _source_entry(ctx: Ctx, source: Source) -> None:
    a = source.article
    ctx.para([(f"A{source.number}\t", wml.BOLD), (ltr_tail(one_line(source.name)), wml.BOLD)],
             indent=567, hanging=567, keep_next=True, after=0)
    facts = [ltr_tail(one_line(a.source)), ltr_tail(one_line(a.author)),
             f"published {long_date(a.published)}" if a.published.strip() else "",
             _length(source)]
    pieces = [(" · ".join(f for f in facts if f), wml.SMALL_GREY)]
    if not source.items:
        pieces.append((" · nothing tagged", wml.Fmt(italic=True, colour=wml.GREY, size=18)))
    url = one_line(a.url)
    ctx.para(pieces, indent=567, after=0 if url else 120, keep_next=bool(url))
    if url:
        p = ctx.para([], indent=567, after=120)
        _link(ctx, p, url)


def contents(ctx: Ctx) -> etree._Element:
    """The heading and an empty TOC field; `fill_contents` adds entries once headings exist."""
    ctx.para([("Contents", wml.PLAIN)], style=ctx.style("TOC Heading", "Heading 1"),
             keep_next=True)
    p = ctx.para([], style=ctx.style("toc 1"))
    return p


def fill_contents(ctx: Ctx, anchor: etree._Element) -> None:
    """Complete the TOC field with this note's headings as its current result (without page
    numbers): Word recomputes it on opening (updateFields), other readers show it as is."""
    # The top-level sections only: a contents listing every speaker and status ran to
    # pages before the note began.
    _, end = wml.complex_field(anchor, r'TOC \o "1-1" \h \z \u')
    entries = [(lvl, text) for lvl, text in ctx.headings if lvl == 1]
    last = anchor
    for i, (level, text) in enumerate(entries):
        if i == 0:
            wml.add_run(anchor, text)
            continue
        p = wml.paragraph(None, [(text, wml.PLAIN)], style=ctx.style(f"toc {level}"),
                          indent=0 if ctx.style(f"toc {level}") else 220 * (level - 1))
        last.addnext(p)
        last = p
    last.append(end)
    settings = ctx.document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = wml.el("w:updateFields")
        # Schema order: updateFields comes before these (Word rejects misordered settings).
        later = {qn(f"w:{n}") for n in (
            "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
            "attachedSchema", "themeFontLang", "clrSchemeMapping",
            "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
            "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults",
            "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")}
        later.add("{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr")
        nxt = next((c for c in settings if c.tag in later), None)
        if nxt is None:
            settings.append(update)
        else:
            nxt.addprevious(update)
    update.set(qn("w:val"), "true")


# -- summary ----------------------------------------------------------------------------------

def count_phrase(items: list[Item], kind: str) -> str:
    n = len(items)
    word = KIND_PLURALS[kind].lower() if n != 1 else kind
    if kind == "claim" and n:
        by = {s: sum(1 for i in items if i.ann.status == s) for s in STATUS_ORDER}
        parts = [f"{c} {STATUS_LABELS[s].lower()}" for s, c in by.items() if c]
        return f"{n} {word}: {', '.join(parts)}"
    if kind == "quote" and n:
        speakers = {one_line(i.ann.speaker).casefold() for i in items if i.ann.speaker.strip()}
        return f"{n} {word} from {plural(len(speakers), 'named speaker')}"
    if kind == "event" and n:
        dates = [i.ann.date for i in items if i.ann.date]
        if not dates:
            return f"{n} {word}, none dated"
        # From the earliest first day to the latest last day any of them covers.
        first = min(dates, key=date_sort_key).partition("/")[0]  # a range's start
        last = max(dates, key=lambda d: date_bounds(d)[1]).rpartition("/")[2]  # its end
        span = short_date(first) if first == last else (
            f"{short_date(first)} to {short_date(last)}")
        return f"{n} {word}, {len(dates)} dated ({span})"
    return f"{n} {word}"


def summary(ctx: Ctx) -> None:
    note = ctx.note
    ctx.heading("Summary")
    items = note.items
    scope = "the article" if not note.multi else plural(len(note.sources), "article")
    total = plural(len(items), "annotation")
    ctx.para([(f"This note gathers {total} tagged in {scope}:", wml.PLAIN)], keep_next=True,
             after=60)
    for kind in note.kinds:
        ctx.bullet([(count_phrase(note.of_kind(kind), kind) + ".", wml.PLAIN)])
    tags = {t.casefold() for i in items for t in i.ann.tags}
    if tags:
        ctx.bullet([(f"{plural(len(tags), 'tag')} used; see the tags index.", wml.PLAIN)])
    bare = [s.number for s in note.sources if not s.items]
    if bare:  # only in a note of several articles: one with nothing at all is refused
        line = f"Nothing is tagged in {article_refs(bare)}"
        if note.options.include_text:
            line += "; " + ("its" if len(bare) == 1 else "their") + " text is left out"
        ctx.bullet([(line + ".", wml.ITALIC)])
    if note.multi:
        _counts_table(ctx)
    written = [s for s in note.sources if s.article.summary.strip()]
    if not written:
        return
    ctx.heading("Researcher's summary" if not note.multi else "Researchers' summaries", 2)
    for source in written:
        if note.multi:
            ctx.para([(f"A{source.number} · {ltr_tail(one_line(source.name))}", wml.BOLD)],
                     keep_next=True, after=40)
        for line in source.article.summary.strip().split("\n"):
            if line.strip():
                ctx.para([(line.strip(), wml.PLAIN)], rtl=is_rtl(line))


def _counts_table(ctx: Ctx) -> None:
    note = ctx.note
    head = [[wml.paragraph(None, [(h, wml.BOLD)], after=0)]
            for h in ("", "Article", *(KIND_PLURALS[k] for k in note.kinds))]
    rows = [head]
    for s in note.sources:
        counts = [sum(1 for i in s.items if i.kind == k) for k in note.kinds]
        rows.append([[wml.paragraph(None, [(f"A{s.number}", wml.PLAIN)], after=0)],
                     [wml.paragraph(None, [(one_line(s.name), wml.PLAIN)], after=0,
                                    rtl=is_rtl(s.name))],
                     *([wml.paragraph(None, [(str(c), wml.PLAIN)], after=0, align="right")]
                       for c in counts)])
    ctx.para([], after=0)
    wml.table(ctx.body, [8, 56, *([12] * len(note.kinds))], rows, style=ctx.table_style,
              text_width=ctx.text_width)
    ctx.para([], after=0)


# -- footer -----------------------------------------------------------------------------------

def page_footer(ctx: Ctx) -> None:
    """Page numbers in the footer. A house footer that already numbers pages is left alone;
    one that does not gets a numbering line added under its own content."""
    footer = ctx.document.sections[-1].footer
    had_own = not footer.is_linked_to_previous
    root = footer._element
    if had_own:
        instrs = [f.get(qn("w:instr"), "") for f in root.iter(qn("w:fldSimple"))]
        instrs += [t.text or "" for t in root.iter(qn("w:instrText"))]
        if any(re.search(r"\bPAGE\b", i) for i in instrs):
            return
    p = root.find(qn("w:p")) if not had_own else None
    if p is None:
        p = wml.sub(root, "w:p")
    for child in list(p):
        p.remove(child)
    ppr = wml.sub(p, "w:pPr")
    if footer_style := ctx.style("Footer"):
        wml.sub(ppr, "w:pStyle", val=footer_style)
    wml.sub(ppr, "w:jc", val="center")
    f = wml.SMALL_GREY
    title = one_line(ctx.note.title)
    title = shorten(title, 55)  # at a word boundary: "Harbour council votes to…"
    wml.add_run(p, f"{ltr_tail(title)} · Page ", f)
    wml.simple_field(p, "PAGE", "1", f)
    wml.add_run(p, " of ", f)
    wml.simple_field(p, "NUMPAGES", "1", f)


_BULLET = ("- ", "* ", "• ", "– ")


def bottom_line(ctx: Ctx) -> None:
    """The researcher's key judgements, before anything else the note says: a paragraph a
    line, a bullet for a line that starts with "-", "*" or "•". Left out when none."""
    lines = [line.strip() for line in ctx.note.options.bottom_line.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return
    ctx.heading("Bottom line")
    for line in lines:
        bullet = next((b for b in _BULLET if line.startswith(b) or line == b.strip()), None)
        if bullet is not None:
            ctx.bullet([(line[len(bullet):].strip(), wml.PLAIN)])
        else:
            ctx.para([(line, wml.PLAIN)], after=120, rtl=is_rtl(line))
