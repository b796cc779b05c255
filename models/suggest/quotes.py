"""Finding direct quotations: pairs of quotation marks in every style the corpus uses,
quotes running over paragraphs, block quotes after "said:", and embedded tweets.

Spans cover the words inside the marks (marks excluded), as a researcher highlights them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.suggest.lexicon import EN_SPEECH
from models.suggest.text import Index

OPEN_PUNCT = "([{<—–-/:;"
_ELISION = re.compile(r"(?:\d\ds?|em|n|til|cause|tis|twas)\b", re.IGNORECASE)


@dataclass
class Quote:
    start: int  # inner text, marks excluded
    end: int
    open_mark: int  # offset of the opening mark (-1 when there is none)
    close_mark: int  # offset of the closing mark (-1 when unclosed or markless)
    style: str  # "double", "single", "guillemet", "cjk", "block", "tweet"
    speaker_hint: str = ""  # set by tweet and block rules that see the author directly
    intro_end: int = -1  # block quotes: end of the "X said:" paragraph


def _flank(text: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) in the Markdown sense, within a paragraph."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    left = not nxt.isspace() and (prev.isspace() or prev in OPEN_PUNCT or prev in "“‘«„\"'(")
    right = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    return left, right


def _double_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Opening/closing roles of “ ” „ " in one paragraph: (offset, 'o' | 'c')."""
    out: list[tuple[int, str]] = []
    inside_low = False  # after „ the closing mark is “ (German) or ”
    inside = False
    for m in re.finditer(r"[“”„\"]", text[lo:hi]):
        i = lo + m.start()
        ch = m.group()
        left, right = _flank(text, i, lo, hi)
        if ch == '"':
            prev = text[i - 1] if i > lo else " "
            nxt = text[i + 1] if i + 1 < hi else " "
            if prev.isalpha() and nxt.isalpha():
                continue  # Hebrew acronyms (יו"ר) and the like
            if prev.isdigit() and not inside:
                continue  # inches: 5'10"
            if left and not right:
                role = "o"
            elif right and not left:
                role = "c"
            else:
                role = "c" if inside else "o"
        elif ch == "„":
            role = "o"
        elif ch == "“":
            if inside_low or (inside and right and not left):
                role = "c"
            else:
                role = "o"
        else:  # ”
            role = "c" if inside or right or not left else "o"
        if role == "o":
            inside_low = ch == "„"
            inside = True
        else:
            inside = inside_low = False
        out.append((i, role))
    return out


def _single_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Opening/closing roles of ‘ ’ ‚ ' that are quotation marks, not apostrophes."""
    out: list[tuple[int, str]] = []
    inside = False
    marks = [(lo + m.start(), m.group()) for m in re.finditer(r"[‘’‚']", text[lo:hi])]
    for n, (i, ch) in enumerate(marks):
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # don’t, Hanukkah’s, l’Airbus
        left, right = _flank(text, i, lo, hi)
        if not inside:
            if ch in "‘‚'" and left and not _ELISION.match(text, i + 1):
                # straight ' opens only when a closing one follows in the paragraph
                if ch == "'" and not any(c == "'" for _, c in marks[n + 1:]):
                    continue
                out.append((i, "o"))
                inside = True
        elif ch in "’'‘" and right:
            # s’ followed by a space may be a possessive; close there only if no later
            # candidate exists before the paragraph ends
            if prev in "sS" and nxt == " ":
                later = [j for j, c in marks[n + 1:] if c in "’'‘"
                         and (j + 1 >= hi or not text[j + 1].isalnum())
                         and not text[j - 1].isspace()]
                if later:
                    continue
            out.append((i, "c"))
            inside = False
    return out


def _pair_marks(text: str, index: Index, finder, style: str) -> list[Quote]:
    """Pair opening and closing marks paragraph by paragraph.

    A quote still open at the end of a paragraph continues when the next paragraph opens
    with a mark (English convention for long quotes); otherwise it ends with its paragraph.
    """
    quotes: list[Quote] = []
    paras = index.paras
    carry: int | None = None  # opening mark of a quote running into this paragraph
    for pi, (lo, hi) in enumerate(paras):
        marks = finder(text, lo, hi)
        opened: int | None = carry
        skip_first_open = carry is not None
        carry = None
        for i, role in marks:
            if role == "o":
                if skip_first_open and i == lo:
                    skip_first_open = False
                    continue
                skip_first_open = False
                if opened is not None and opened >= lo:
                    # two openings in a row: the first was never closed; end it here
                    end = i
                    while end > opened and text[end - 1].isspace():
                        end -= 1
                    quotes.append(Quote(opened + 1, end, opened, -1, style))
                elif opened is not None:
                    quotes.append(Quote(opened + 1, paras[pi - 1][1], opened, -1, style))
                opened = i
            else:
                skip_first_open = False
                if opened is not None:
                    quotes.append(Quote(opened + 1, i, opened, i, style))
                    opened = None
                else:
                    quotes.append(Quote(-1, i, -1, i, style))  # orphan closing mark
        if opened is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            first = finder(text, nxt[0], nxt[1])[:1] if nxt else []
            if nxt and first and first[0] == (nxt[0], "o"):
                carry = opened
            else:
                quotes.append(Quote(opened + 1, hi, opened, -1, style))
    return quotes


def _guillemet_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    marks = [(lo + m.start(), m.group()) for m in re.finditer(r"[«»‹›]", text[lo:hi])]
    reverse = bool(marks) and marks[0][1] in "»›" and _flank(text, marks[0][0], lo, hi)[0]
    opener = "»›" if reverse else "«‹"
    return [(i, "o" if c in opener else "c") for i, c in marks]


def _cjk_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    return [(lo + m.start(), "o" if m.group() in "「『" else "c")
            for m in re.finditer(r"[「」『』]", text[lo:hi])]


_ORPHAN_ATTRIBUTION = re.compile(
    r"^[,!?]?\s*(?:(?:he|she|they|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:"
    + EN_SPEECH + r")|(?:" + EN_SPEECH + r")\b)")


def _recover_orphans(text: str, index: Index, quotes: list[Quote]) -> list[Quote]:
    """A closing mark with no opening one, followed by "she said": the opening mark was lost
    (a slip in the source), so the quote starts at the beginning of its sentence."""
    out = []
    for q in quotes:
        if q.open_mark >= 0:
            out.append(q)
            continue
        tail = text[q.close_mark + 1:q.close_mark + 80]
        if not _ORPHAN_ATTRIBUTION.match(tail):
            continue
        sent = index.sentence(q.close_mark - 1)
        start = sent.start
        if start >= q.close_mark - 1:
            continue
        out.append(Quote(start, q.close_mark, -1, q.close_mark, q.style))
    return out


# "Moazzam Malik, the British Ambassador, said:" ending a paragraph: the next paragraph is
# the statement even though it has no quotation marks.
_BLOCK_INTRO = re.compile(r"\b(?:said|says|told\b[^.:]{0,60}|added|adds|stated|declared|"
                          r"announced|wrote|a déclaré|a dit|a ajouté|sagte|dijo|заявил[а]?|"
                          r"сказал[а]?)\s*:$")
_CLOSERS = "”\"»’"


def _block_quotes(text: str, index: Index) -> list[Quote]:
    out = []
    paras = index.paras
    for pi, (lo, hi) in enumerate(paras[:-1]):
        if not _BLOCK_INTRO.search(text, max(lo, hi - 80), hi):
            continue
        nlo, nhi = paras[pi + 1]
        if text[nlo] in "“\"«„‘'「":
            continue  # an ordinary quotation follows; the mark rules handle it
        end = nhi
        if pi + 2 < len(paras):
            lo2, hi2 = paras[pi + 2]
            body = text[lo2:hi2]
            # a second paragraph that ends in a stray closing mark belongs to the statement
            if text[hi2 - 1] in _CLOSERS and not any(c in body[:-1] for c in "“\"«„"):
                end = hi2 - 1
        if text[end - 1] in _CLOSERS:
            end -= 1
        out.append(Quote(nlo, end, -1, -1, "block", intro_end=hi))
    return out


_MONTH_DATE = (r"(?:January|February|March|April|May|June|July|August|September|October|"
               r"November|December)\s+\d{1,2},\s+\d{4}")
# "text pic.twitter.com/x — Name (@handle) December 31, 2014"
_TWEET = re.compile(r"^(?P<body>.+?)(?:\s+(?:pic\.twitter\.com/\S+|https?://\S+))*\s+[—–-]\s+"
                    r"(?P<name>[^()\n]{1,60}?)\s+\(@\w+\)\s+" + _MONTH_DATE + r"\s*$")
# "Twitter: Name - text" (live blogs)
_TWITTER_PREFIX = re.compile(r"^Twitter:\s+(?P<name>[^-—–\n]{2,60}?)\s+[-—–]\s+(?P<body>.+)$")


# A signature on its own line under the tweet's paragraph, dated in any language:
# "— Peter Wittkamp🐬 (@diktator) 25. September 2018"
SIGNATURE_ONLY = re.compile(r"^[—–-]\s+(?P<name>[^()\n]{1,60}?)\s+\(@\w+\)\s+"
                            r"(?P<date>[^\n]{3,40}?\d{4})\s*$")


def _tweets(text: str, index: Index) -> list[Quote]:
    out = []
    for k, (lo, hi) in enumerate(index.paras):
        para = text[lo:hi]
        sig = SIGNATURE_ONLY.match(para)
        if sig and k > 0 and not _TWEET.match(text[slice(*index.paras[k - 1])]):
            plo, phi = index.paras[k - 1]
            first = text[plo:plo + 1]
            j = k - 1
            if first and not first.isalnum() and not first.isspace():
                # a list of items under one bullet ("📌 …") is one tweet, with the line
                # that introduces it ("… nuevos movimientos de cuadros:")
                while j > 0 and text[index.paras[j - 1][0]:index.paras[j - 1][0] + 1] == first:
                    j -= 1
                jlo, jhi = index.paras[j - 1] if j > 0 else (0, 0)
                if j > 0 and jhi - jlo < 120 and text[jlo:jhi].rstrip().endswith(":"):
                    j -= 1
                plo = index.paras[j][0]
            name = re.sub(r"[^\w.’'\- ]+", "", re.sub(r"#\w+", "", sig.group("name")))
            name = " ".join(name.split())
            body = text[plo:phi]
            trimmed = re.sub(r"(?:\s+(?:pic\.twitter\.com/\S+|https?://\S+))+\s*$", "", body)
            if trimmed.strip() and not SIGNATURE_ONLY.match(body):
                out.append(Quote(plo, plo + len(trimmed.rstrip()), -1, -1, "tweet",
                                 speaker_hint=name))
            continue
        m = _TWEET.match(para) or _TWITTER_PREFIX.match(para)
        if not m:
            continue
        bs, be = m.span("body")
        body = para[bs:be]
        # drop trailing links and the pic.twitter.com attachment from the quoted words
        trimmed = re.sub(r"(?:\s+(?:pic\.twitter\.com/\S+|https?://\S+))+\s*$", "", body)
        be = bs + len(trimmed.rstrip())
        if be > bs:
            out.append(Quote(lo + bs, lo + be, -1, -1, "tweet",
                             speaker_hint=m.group("name").strip()))
    return out


def _overlaps(a: Quote, b: Quote) -> bool:
    return a.start < b.end and b.start < a.end


def find_quotes(text: str, index: Index) -> list[Quote]:
    """Every quotation in the text, outermost only, in text order."""
    found: list[Quote] = []
    found += _tweets(text, index)
    found += _block_quotes(text, index)
    for finder, style in ((_double_marks, "double"), (_guillemet_marks, "guillemet"),
                          (_cjk_marks, "cjk"), (_single_marks, "single")):
        for q in _recover_orphans(text, index, _pair_marks(text, index, finder, style)):
            # trim spaces (NBSP in « ») inside the marks
            s, e = q.start, q.end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s:
                continue
            q.start, q.end = s, e
            found.append(q)
    # keep outermost spans: a tweet or block beats marks inside it, longer beats nested
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quote] = []
    for q in found:
        # kept spans are disjoint and sorted, so only the last can hold or cross a non-empty
        # span starting at or after its start (linear, not a scan of every kept span)
        near = kept[-1:] if q.start < q.end else kept
        if any(k.start <= q.start and q.end <= k.end for k in near):
            continue
        if any(_overlaps(k, q) for k in near):
            continue  # crossing pairs: trust the earlier, usually the double-mark one
        kept.append(q)
    return kept
