"""The analytical sections: claims, quotes, the events timeline and the tags index."""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from models.briefing import wml
from models.briefing.content import Item
from models.briefing.context import Ctx
from models.briefing.docx_text import (
    RLM,
    is_rtl,
    label_for,
    ltr_tail,
    one_line,
    plural,
    quoted,
    quoted_in,
    short_date,
)
from models.briefing.evidence import Evidence
from models.briefing.evidence import disagreements as disagreement_items
from models.event_dates import date_sort_key
from models.kinds import (
    KIND_INK,
    KIND_LABELS,
    KIND_PLURALS,
    STATUS_COLOURS,
    STATUS_INK,
    STATUS_LABELS,
    STATUS_ORDER,
    hex_rgb,
)
from models.short_text import shorten

_META = wml.SMALL_GREY
_INDENT = 567  # 1 cm: detail lines sit under the item they describe
_CELL = 20     # 10 pt table text: tables hold more per line than body text


def _to_text(ctx: Ctx, item: Item, f: wml.Fmt) -> wml.Fmt:
    """`f` linking to the item's span in the annotated text, when the note has one."""
    return replace(f, anchor=item.text_mark) if ctx.note.options.include_text else f


def _in_language(item: Item, f: wml.Fmt) -> wml.Fmt:
    """`f` for the article's own words: their language tags the runs (spelling, Hebrew not
    taken for Arabic)."""
    lang = item.source.article.language.strip()
    return replace(f, lang=lang) if lang else f


def _label(item: Item) -> tuple[str, wml.Fmt]:
    return item.label, wml.Fmt(bold=True, colour=hex_rgb(KIND_INK[item.kind]))


def status_chip(status: str) -> tuple[str, wml.Fmt]:
    """The claim's status as a shaded label, e.g. ' DISPUTED ' on orange."""
    status = status or "unverified"
    fill = hex_rgb(STATUS_COLOURS.get(status, STATUS_COLOURS["unverified"]))
    ink = hex_rgb(STATUS_INK.get(status, STATUS_INK["unverified"]))
    text = STATUS_LABELS.get(status, status.title()).upper()
    return f"\u00a0{text}\u00a0", wml.Fmt(bold=True, size=16, colour=ink, fill=fill)


def _tags(item: Item) -> str:
    return "Tags: " + ", ".join(map(ltr_tail, item.ann.tags)) if item.ann.tags else ""


def _note_paragraph(ctx: Ctx, item: Item, *, indent: int, after: int = 160,
                    align: str = "") -> None:
    """The researcher's note; a Hebrew or Arabic note is a right-to-left paragraph (the
    English "Note:" then stands at its right-hand start)."""
    note = item.ann.note.strip()
    if note and ctx.note.options.include_notes:
        rtl = is_rtl(note)
        ctx.para([(label_for("Note", rtl), wml.BOLD), (note, wml.PLAIN)], indent=indent,
                 after=after, align="" if rtl else align, rtl=rtl)


def _side(rtl: bool, align: str = "") -> str:
    """Alignment of a left-to-right detail line under an item: under right-to-left text it
    sits on the right, with the text it describes; otherwise as given."""
    return "right" if rtl and align in ("", "left", "start", "both") else align


def _has_note(ctx: Ctx, item: Item) -> bool:
    return bool(item.ann.note.strip()) and ctx.note.options.include_notes


def _none(ctx: Ctx, kind: str) -> None:
    where = "these articles" if ctx.note.multi else "this article"
    ctx.para([(f"No {KIND_PLURALS[kind].lower()} are tagged in {where}.", wml.ITALIC)])


# -- claims -----------------------------------------------------------------------------------

def claims(ctx: Ctx) -> None:
    items = ctx.note.of_kind("claim")
    ctx.heading("Claims")
    if not items:
        _none(ctx, "claim")
        return
    if ctx.note.options.claims_by == "order":
        ctx.para([(f"{plural(len(items), 'claim')} in the order they appear.", _META)])
        for item in items:
            _claim(ctx, item)
            ctx.ticker.tick()
        return
    ctx.para([(f"{plural(len(items), 'claim')} grouped by verification status, the most "
               "doubtful first.", _META)])
    known = list(STATUS_ORDER)
    extra = sorted({i.ann.status for i in items} - set(known) - {""})
    for status in known + extra:
        group = [i for i in items if (i.ann.status or "unverified") == status]
        if group:
            ctx.heading(f"{STATUS_LABELS.get(status, status.title())} ({len(group)})", 2)
            for item in group:
                _claim(ctx, item)
                ctx.ticker.tick()


def _claim(ctx: Ctx, item: Item) -> None:
    a = item.ann
    text = one_line(a.text)
    rtl = is_rtl(text)
    # A Hebrew or Arabic claim is a right-to-left paragraph: label and status stand at its
    # right-hand start, the quotation marks and final stop fall on the sides they belong.
    # The marks after the label and the status keep the three apart in that order.
    gap = (RLM + "  ") if rtl else "  "
    label, label_fmt = _label(item)
    p = ctx.para([], keep_next=True, after=40, indent=_INDENT, hanging=_INDENT, rtl=rtl)
    wml.bookmark(p, item.list_mark, item.mark_id(False))  # the annotated text links here
    for piece, f in ((label, _to_text(ctx, item, label_fmt)), (gap, wml.PLAIN),
                     status_chip(a.status), (gap, wml.PLAIN),
                     (quoted_in(text, item.source.article.language),
                      _in_language(item, wml.PLAIN))):
        wml.add_run(p, piece, f, rtl_paragraph=rtl)
    meta = [f"Claimant: {ltr_tail(one_line(a.claimant))}" if a.claimant.strip() else
            "Claimant not recorded",
            ctx.note.cite(item), _tags(item)]
    evidence = ctx.note.evidence.get(a.uuid, [])
    more = _has_note(ctx, item) or bool(evidence)
    ctx.para([(" · ".join(m for m in meta if m), _META)], indent=_INDENT, align=_side(rtl),
             after=40 if more else 160, keep_next=more)
    _note_paragraph(ctx, item, indent=_INDENT, align=_side(rtl),
                    after=40 if evidence else 160)
    for n, e in enumerate(evidence, start=1):
        ctx.para(_evidence_line(ctx, e), indent=_INDENT,
                 after=160 if n == len(evidence) else 20, keep_next=n < len(evidence))


def _evidence_line(ctx: Ctx, e: Evidence) -> wml.Pieces:
    """"Supported by Q3 (A2 ¶4): “…” — Helena Ostrander", or, for an annotation the note
    does not hold, the kind and its article instead of a label."""
    other = e.other
    if e.item is not None:
        bold = replace(_META, bold=True)
        return [(f"{e.reads.capitalize()} ", bold),
                (e.item.label, replace(bold, anchor=e.item.list_mark)),
                (f" ({ctx.note.cite(e.item)}): ", bold), *_evidence_words(e)]
    else:
        title = one_line(e.article_title) or f"article {other.article_id}"
        where = f"a {KIND_LABELS[other.kind].lower()} in “{title}” (not in this note)"
    return [(f"{e.reads.capitalize()} {where}: ", replace(_META, bold=True)),
            *_evidence_words(e)]


def _evidence_words(e: Evidence) -> wml.Pieces:
    other = e.other
    who = other.speaker or other.claimant or ", ".join(other.participants)
    tail = f" — {ltr_tail(one_line(who))}" if who.strip() else ""
    cited = " · the status rests on it" if e.cites_status else ""
    words = quoted(shorten(other.text, 160))
    if is_rtl(words):  # Hebrew or Arabic inside this English line keeps its own order
        words = ltr_tail(words)
    return [(words + tail + cited, _META)]


def disagreements(ctx: Ctx) -> None:
    """Where sources disagree: each disputed or false claim, and each one something
    contradicts, beside what speaks against it. Left out when there is none."""
    items = disagreement_items(ctx.note)
    if not items:
        return
    ctx.heading("Where sources disagree")
    verb = "is" if len(items) == 1 else "are"
    ctx.para([(f"{plural(len(items), 'claim')} that a source contradicts or that {verb} "
               "disputed or false, beside what speaks against it.", _META)], keep_next=True)
    head = ["Claim", "Against it"]
    rows: list[list[list[etree._Element]]] = [[[_cell(h, wml.BOLD)] for h in head]]
    for item in items:
        a = item.ann
        claim = [_cell(f"{item.label} · {STATUS_LABELS.get(a.status or 'unverified', a.status)}",
                       replace(_label(item)[1], size=_CELL)),
                 _cell(quoted(one_line(a.text))),
                 _cell(" · ".join(x for x in (a.claimant.strip(), ctx.note.cite(item)) if x),
                       _META)]
        against = [e for e in ctx.note.evidence.get(a.uuid, ()) if e.type == "contradicts"]
        cells = [wml.paragraph(None, _evidence_line(ctx, e), after=40) for e in against]
        if not cells:
            status = STATUS_LABELS.get(a.status, a.status).lower()
            cells = [_cell(f"Marked {status}; no contradicting evidence is linked.", _META)]
        if _has_note(ctx, item):
            cells.append(_cell(a.note.strip(), wml.Fmt(italic=True, colour=wml.GREY),
                               lead="Note"))
        rows.append([claim, cells])
    wml.table(ctx.body, [45, 55], rows, style=ctx.table_style, text_width=ctx.text_width)
    ctx.para([], after=0)


# -- quotes -----------------------------------------------------------------------------------

def quotes(ctx: Ctx) -> None:
    items = ctx.note.of_kind("quote")
    ctx.heading("Quotes")
    if not items:
        _none(ctx, "quote")
        return
    style = ctx.style("Quote", "Intense Quote")
    # Detail lines line up with the house Quote style (Word's own centres and indents it).
    layout = ctx.styles.layout(style) if style else (_INDENT, "")
    if ctx.note.options.quotes_by == "order":
        ctx.para([(f"{plural(len(items), 'quote')} in the order they appear.", _META)])
        for item in items:
            speaker = ltr_tail(one_line(item.ann.speaker)) or "unattributed"
            _quote(ctx, item, style, layout, f"— {speaker}")
            ctx.ticker.tick()
        return
    groups: dict[str, list[Item]] = {}
    names: dict[str, str] = {}
    for item in items:  # speakers in order of first appearance; spelling as first written
        key = one_line(item.ann.speaker).casefold()
        groups.setdefault(key, []).append(item)
        names.setdefault(key, one_line(item.ann.speaker))
    if "" in groups:
        groups[""] = groups.pop("")  # unattributed quotes last
    ctx.para([(f"{plural(len(items), 'quote')} by speaker, speakers in order of first "
               "appearance.", _META)])
    for key, group in groups.items():
        name = ltr_tail(names[key]) or "Unattributed"
        ctx.heading(f"{name} ({plural(len(group), 'quote')})", 2)
        role = ctx.note.roles.get(key, "").strip()
        if role:  # the People view's description: who this is, once, under the name
            ctx.para([(one_line(role), _META)], keep_next=True, after=80)
        for item in group:
            _quote(ctx, item, style, layout, "")
            ctx.ticker.tick()


def _quote(ctx: Ctx, item: Item, style: str | None, layout: tuple[int, str],
           lead: str) -> None:
    text = item.ann.text.strip()
    rtl = is_rtl(text)
    indent, align = layout
    f = _in_language(item, wml.PLAIN if style else wml.ITALIC)
    # Paragraph breaks inside a quote stay line breaks: one quote, one paragraph.
    p = ctx.para([], style=style, keep_next=True, rtl=rtl, indent=0 if style else indent,
                 after=40)
    wml.bookmark(p, item.list_mark, item.mark_id(False))
    wml.add_run(p, quoted_in(text, item.source.article.language), f, rtl_paragraph=rtl)
    before = f"{lead} · " if lead else ""
    after = " · ".join(m for m in (ctx.note.cite(item), _tags(item)) if m)
    ctx.para([(before, _META), (item.label, _to_text(ctx, item, _META)),
              (f" · {after}" if after else "", _META)], indent=indent,
             align=_side(rtl, align), after=40 if _has_note(ctx, item) else 200,
             keep_next=_has_note(ctx, item))
    _note_paragraph(ctx, item, indent=indent, after=200, align=_side(rtl, align))


# -- events -----------------------------------------------------------------------------------

def events(ctx: Ctx) -> None:
    items = ctx.note.of_kind("event")
    ctx.heading("Events")
    if not items:
        _none(ctx, "event")
        return
    order = {id(i): n for n, i in enumerate(items)}
    # In time order, a month or year at the start of its span, a range at its start.
    dated = sorted((i for i in items if i.ann.date),
                   key=lambda i: (date_sort_key(i.ann.date), order[id(i)]))
    undated = [i for i in items if not i.ann.date]
    intro = f"{plural(len(items), 'event')}: {len(dated)} dated, in date order"
    if undated:
        intro += f", then {len(undated)} undated, in text order"
    ctx.para([(intro + ".", _META)], keep_next=True)
    head = ["Date", "Event", "Where", "Who", "Ref."]
    rows: list[list[list[etree._Element]]] = [[[_cell(h, wml.BOLD)] for h in head]]
    for item in dated + undated:
        rows.append(_event_row(ctx, item))
        ctx.ticker.tick()
    wml.table(ctx.body, [16, 40, 16, 18, 10], rows, style=ctx.table_style,
              text_width=ctx.text_width)
    ctx.para([], after=0)


def _cell(text: str, f: wml.Fmt = wml.PLAIN, *, lead: str = "") -> etree._Element:
    """A table-cell paragraph in 10 pt unless `f` sets a size; right to left when `text` is
    Hebrew or Arabic. `lead` is a bold English label before it ("Note")."""
    text = one_line(text)
    f = f if f.size else replace(f, size=_CELL)
    rtl = is_rtl(text)
    pieces = [(label_for(lead, rtl), replace(f, bold=True))] if lead else []
    return wml.paragraph(None, [*pieces, (text, f)], after=0, rtl=rtl)


_NONE = ("—", wml.Fmt(colour=wml.GREY, size=_CELL))  # an empty cell, without saying so each row


def _event_row(ctx: Ctx, item: Item) -> list[list[etree._Element]]:
    a = item.ann
    when = one_line(a.when)
    if a.date:
        date_cell = [_cell(short_date(a.date), wml.BOLD)]
        if when:
            date_cell.append(_cell(when, _META))
    else:
        date_cell = [_cell(when or "Undated", wml.ITALIC)]
        if when:
            date_cell.append(_cell("undated", _META))
    what = [_cell(a.text, _in_language(item, wml.PLAIN))]
    if _has_note(ctx, item):
        what.append(_cell(a.note.strip(), wml.Fmt(italic=True, colour=wml.GREY), lead="Note"))
    # One line per participant, each in its own direction (a list mixing Hebrew and
    # English names cannot be read in one line of either direction).
    who = [_cell(name) for name in a.participants if name.strip()]
    label = _cell(item.label, _to_text(ctx, item, replace(_label(item)[1], size=_CELL)))
    wml.bookmark(label, item.list_mark, item.mark_id(False))
    ref = [label, _cell(ctx.note.cite(item), _META)]
    return [date_cell, what, [_cell(a.where) if a.where.strip() else _cell(*_NONE)],
            who or [_cell(*_NONE)], ref]


# -- tags -------------------------------------------------------------------------------------

def tags_index(ctx: Ctx) -> None:
    """Tag -> the annotations carrying it; tags that differ only in case are one tag."""
    index: dict[str, list[Item]] = {}
    names: dict[str, str] = {}
    for item in ctx.note.items:
        for tag in item.ann.tags:
            key = tag.casefold()
            index.setdefault(key, []).append(item)
            names.setdefault(key, tag)
    if not index:
        return
    ctx.heading("Tags")
    ctx.para([(f"{plural(len(index), 'tag')}; each annotation is listed by its label and "
               "place in the text.", _META)], keep_next=True)
    rows = [[[_cell(h, wml.BOLD)] for h in ("Tag", "Count", "Annotations")]]
    for key in sorted(index, key=lambda k: (k, names[k])):
        items = index[key]
        refs = wml.paragraph(None, after=0)
        for n, item in enumerate(items):
            if n:
                wml.add_run(refs, ", ", wml.Fmt(size=_CELL))
            wml.add_run(refs, item.label, replace(_label(item)[1], size=_CELL))
            wml.add_run(refs, f" ({ctx.note.cite(item)})", _META)
        count = wml.paragraph(None, [(str(len(items)), wml.Fmt(size=_CELL))], after=0,
                              align="right")
        rows.append([[_cell(names[key], wml.BOLD)], [count], [refs]])
    wml.table(ctx.body, [22, 10, 68], rows, style=ctx.table_style, text_width=ctx.text_width)
    ctx.para([], after=0)
