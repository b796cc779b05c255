"""The full article with every annotation shaded and carrying a real Word comment.

Each paragraph is cut into runs at every annotation start and end, so overlapping spans all
keep their own comment range. A run takes the colour of the innermost annotation over it
(the one that starts last); a run inside two or more annotations is also underlined in the
ink colour of the outermost one, so nesting stays visible on paper. After an annotation's
last run comes a superscript label (C3, Q1 ...) that matches the lists above: comments do
not survive printing or plain PDF export, the labels do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from lxml import etree

from models.briefing import wml
from models.briefing.content import Item, Source
from models.briefing.context import Ctx
from models.briefing.docx_text import RLM, is_rtl, label_for, ltr_tail, one_line, short_date
from models.kinds import KIND_COLOURS, KIND_INK, KIND_LABELS, STATUS_LABELS, hex_rgb

_GUTTER = 454  # 0.8 cm hanging indent holding the paragraph number
_NUMBER = wml.Fmt(colour="8C8C8C", size=14)
_FILL = {k: hex_rgb(c) for k, c in KIND_COLOURS.items()}
_INK = {k: hex_rgb(c) for k, c in KIND_INK.items()}
_MARK = {k: wml.Fmt(bold=True, colour=_INK[k], superscript=True) for k in _INK}


def annotated_text(ctx: Ctx) -> None:
    note = ctx.note
    ctx.heading("Annotated text", page_break=True)
    _legend(ctx)
    for source in note.sources:
        if note.multi:
            ctx.heading(f"A{source.number} · {ltr_tail(one_line(source.name))}", 2)
        if not source.items:  # pages of untouched text would bury the rest
            ctx.para([("Nothing is tagged in this article; its text is left out.",
                       wml.ITALIC)])
            continue
        _article(ctx, source)


def _legend(ctx: Ctx) -> None:
    pieces: list[tuple[str, wml.Fmt]] = []
    for kind in ctx.note.kinds:
        pieces += [(f"\u00a0{KIND_LABELS[kind]}\u00a0", wml.Fmt(fill=_FILL[kind], size=18)),
                   ("   ", wml.PLAIN)]
    pieces.append((
        "Underlined text lies inside two or more annotations. Each annotation carries a Word "
        "comment with its details; the superscript labels match the lists above, and the "
        "numbers in the margin are paragraph numbers (¶).", wml.SMALL_GREY))
    ctx.para(pieces, after=240)


def comment_body(ctx: Ctx, item: Item) -> list[tuple[wml.Pieces, bool]]:
    """The comment's paragraphs, each with whether it runs right to left: label, kind and
    the fields that matter for the kind. A field whose value is Hebrew or Arabic is a
    right-to-left paragraph, so that its punctuation falls where it belongs."""
    a = item.ann
    head = f"{item.label} · {KIND_LABELS[a.kind]}"
    lines: list[tuple[str, str]] = []
    if a.kind == "claim":
        head += f" · {STATUS_LABELS.get(a.status, a.status.title() or 'Unverified')}"
        if a.claimant.strip():
            lines.append(("Claimant", one_line(a.claimant)))
    elif a.kind == "quote":
        head += f" · {ltr_tail(one_line(a.speaker)) or 'unattributed'}"
    else:
        when = one_line(a.when)
        if a.date:
            head += f" · {short_date(a.date)}" + (f" ({ltr_tail(when)})" if when else "")
        elif when:
            head += f" · {ltr_tail(when)} (undated)"
        if a.where.strip():
            lines.append(("Where", one_line(a.where)))
        if a.participants:
            lines.append(("Who", ", ".join(ltr_tail(one_line(p)) for p in a.participants)))
    if a.note.strip() and ctx.note.options.include_notes:
        lines.append(("Note", a.note.strip()))
    if a.tags:
        lines.append(("Tags", ", ".join(map(ltr_tail, a.tags))))
    body: list[tuple[wml.Pieces, bool]] = [([(head, wml.BOLD)], False)]
    for label, value in lines:
        rtl = is_rtl(value)
        body.append(([(label_for(label, rtl) + value, wml.PLAIN)], rtl))
    return body


def _shading(active: dict[int, Item]) -> wml.Fmt:
    if not active:
        return wml.PLAIN
    items = active.values()
    inner = max(items, key=lambda i: (i.start, -i.end))
    if len(active) == 1:
        return wml.Fmt(fill=_FILL[inner.kind])
    outer = min(items, key=lambda i: (i.start, -i.end))
    return wml.Fmt(fill=_FILL[inner.kind], underline=_INK[outer.kind])


def _article(ctx: Ctx, source: Source) -> None:
    text = source.article.text
    starts: dict[int, list[Item]] = defaultdict(list)
    ends: dict[int, list[Item]] = defaultdict(list)
    for item in source.items:
        starts[item.start].append(item)
        ends[item.end].append(item)
    cuts = sorted(starts.keys() | ends.keys())
    author = ctx.note.author
    lang = source.article.language.strip()  # the article's words carry its language

    def fmt(active: dict[int, Item]) -> wml.Fmt:
        f = _shading(active)
        return replace(f, lang=lang) if lang else f
    ids: dict[int, int] = {}         # id(item) -> comment id
    active: dict[int, Item] = {}     # id(item) -> item, for the annotations over the cursor
    c = 0
    for number, (ls, le) in enumerate(source.paragraphs.spans, start=1):
        rtl = is_rtl(text[ls:le])
        p = wml.paragraph(ctx.body, [(f"{number}\t", _NUMBER)], indent=_GUTTER,
                          hanging=_GUTTER, rtl=rtl, after=120)
        pos = ls
        while c < len(cuts) and cuts[c] <= le:
            cut = cuts[c]
            if cut > pos:
                wml.add_run(p, text[pos:cut], fmt(active), rtl_paragraph=rtl)
                pos = cut
            ending = ends.get(cut, ())
            for item in ending:
                cid = ids[id(item)]
                wml.sub(p, "w:commentRangeEnd", id=str(cid))
                ctx.comments.reference_run(p, cid)
                del active[id(item)]
            for item in ending:  # shaded like the text around it, so a span is not broken
                # the label leads back to the item in its section
                mark = replace(_MARK[item.kind], fill=fmt(active).fill, anchor=item.list_mark)
                # In right-to-left text a mark before the (Latin) label keeps the span's
                # last punctuation with the span instead of with the label.
                wml.add_run(p, RLM + item.label if rtl else item.label, mark,
                            rtl_paragraph=rtl)
            for item in starts.get(cut, ()):
                cid = ctx.comments.add(comment_body(ctx, item), author=item.ann.annotator or author,
                                   date=item.ann.modified or item.ann.created)
                ids[id(item)] = cid
                wml.bookmark(p, item.text_mark, item.mark_id(True))  # the lists link here
                wml.sub(p, "w:commentRangeStart", id=str(cid))
                active[id(item)] = item
            c += 1
        if pos < le:
            wml.add_run(p, text[pos:le], fmt(active), rtl_paragraph=rtl)
        ctx.ticker.tick()
    _close_leftovers(p if source.paragraphs.spans else None, ctx, ids, active)


def _close_leftovers(p: etree._Element | None, ctx: Ctx, ids: dict[int, int],
                     active: dict[int, Item]) -> None:
    """Ranges still open after the last paragraph (only for spans past the text's end, which
    the store does not allow) are closed so that no comment is left dangling."""
    if p is None:
        return
    for key, _item in list(active.items()):
        cid = ids[key]
        wml.sub(p, "w:commentRangeEnd", id=str(cid))
        ctx.comments.reference_run(p, cid)
        del active[key]
