"""Paragraphs and sentences of an article, with code-point offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Abbreviations whose period does not end a sentence (lower case, without the period).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st mt lt gen col sgt capt cmdr adm maj gov sen rep rev hon pres
no nos vol fig ed eds inc ltd corp co bros dept univ ave blvd approx est vs etc al cf
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
a.m p.m am pm u.s u.n u.k e.g i.e d.c m ms mme mlle
""".split())

_ORDINAL_MONTH = re.compile(r"(?:Jan|Feb|Mär|Mar|Apr|Mai|Maj|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|"
                            r"Dec|Des)[a-zä]*\b")
_SENT_END = re.compile(r"[.!?…]+[\"”’'»)\]」』]*|[。！？]+[」』”’]*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    para: int  # index of its paragraph


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blocks between blank lines, trimmed; a single line break inside a block is a manual
    line break (Word's Shift+Enter, a hard-wrapped file). Text with no blank lines at all has
    a paragraph per line."""
    out = []
    pattern = r"(?:[^\n]|\n(?![ \t]*\n))+" if re.search(r"\n[ \t]*\n", text) else r"[^\n]+"
    for m in re.finditer(pattern, text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out += _capped(text, s, e, MAX_PARAGRAPH)
    return out


# Longer blocks are not paragraphs a writer made (a PDF or a transcript pasted without blank
# lines): they are cut into pieces of at most this many characters, so that every rule that
# looks around a position within its paragraph or sentence has bounded work and the whole
# engine stays linear. Real articles stay far below (longest paragraph in the corpus: 1,219
# characters, longest sentence: 572), so their results do not change.
MAX_PARAGRAPH = 6000
MAX_SENTENCE = 1000
_CUT_SENTENCE = re.compile(r"[.!?…。！？][\"”’'»)\]」』]*\s+")
_CUT_SPACE = re.compile(r"\s+")


def _capped(text: str, s: int, e: int, cap: int) -> list[tuple[int, int]]:
    """(s, e) cut into trimmed pieces of at most `cap` characters, at the last sentence end
    in the second half of each window, else at the last space, else hard."""
    out = []
    while e - s > cap:
        cut = lo = -1
        for pattern in (_CUT_SENTENCE, _CUT_SPACE):
            for m in pattern.finditer(text, s + cap // 2, s + cap):
                cut, lo = m.start() + len(m.group().rstrip()), m.end()
            if cut > s:
                break
        if cut <= s:
            cut = lo = s + cap
        out.append((s, cut))
        s = lo
        while s < e and text[s].isspace():
            s += 1
    if s < e:
        out.append((s, e))
    return out


def _ends_sentence(text: str, m: re.Match[str], para_end: int) -> bool:
    end = m.end()
    mark = m.group()
    if mark[0] in "。！？":
        return True
    if end >= para_end:
        return True
    if not text[end].isspace():
        return False
    nxt = end
    while nxt < para_end and text[nxt].isspace():
        nxt += 1
    if nxt >= para_end:
        return True
    follower = text[nxt]
    if not (follower.isupper() or follower.isdigit() or follower in "\"“‘'«„(「『[¿¡—–-"
            or is_cjk(follower) or not follower.isascii() and follower.isalpha()
            and not follower.islower()):
        return False
    if mark == ".":
        before = text[max(0, m.start() - 12):m.start()]
        word = re.search(r"([\w.]+)$", before)
        if word:
            w = word.group(1).lower()
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                return False
            if re.fullmatch(r"(?:\w\.)+\w", w):
                return False  # U.S, a.m
            if re.fullmatch(r"\d{1,2}", w) and _ORDINAL_MONTH.match(text, nxt):
                return False  # German and Nordic ordinal dates: "am 5. Dezember"
    return True


_LINE_BREAK = re.compile(r"\n")


def _line_ends_sentence(text: str, m: re.Match[str], line_start: int, para_end: int) -> bool:
    """A line break inside a paragraph ends a sentence after closing punctuation or a short
    title-like line (captions, headings), not in the middle of hard-wrapped prose."""
    before = text[line_start:m.start()].rstrip()
    nxt = text[m.end():para_end].lstrip()
    if not before or not nxt or not (nxt[0].isupper() or nxt[0] in "“\"«„‘'(" or
                                     nxt[0].isdigit() or is_cjk(nxt[0])):
        return False
    return before[-1] in ".!?)]”\"»:…。！？" or len(before) < 60


def sentences(text: str, paras: list[tuple[int, int]]) -> list[Sentence]:
    out: list[Sentence] = []
    for i, (ps, pe) in enumerate(paras):
        start = ps
        line_start = ps
        breaks = []
        for m in _LINE_BREAK.finditer(text, ps, pe):
            if _line_ends_sentence(text, m, line_start, pe):
                breaks.append(m)
            line_start = m.end()
        ends = sorted([*_SENT_END.finditer(text, ps, pe), *breaks], key=lambda m: m.start())
        for m in ends:
            if m.start() < start:
                continue
            if m.group() == "\n" or _ends_sentence(text, m, pe):
                end = m.start() if m.group() == "\n" else m.end()
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    out.append(Sentence(start, end, i))
                start = m.end()
                while start < pe and text[start].isspace():
                    start += 1
        if start < pe:
            out.append(Sentence(start, pe, i))
    # a run without sentence punctuation (or a huge sentence) is cut like a paragraph
    return [Sentence(a, b, s.para) for s in out
            for a, b in ([(s.start, s.end)] if s.end - s.start <= MAX_SENTENCE
                         else _capped(text, s.start, s.end, MAX_SENTENCE))]


class Index:
    """Look-ups from an offset to its paragraph and sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = paragraphs(text)
        self.sents = sentences(text, self.paras)
        self._para_starts = [p[0] for p in self.paras]
        self._sent_starts = [s.start for s in self.sents]

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self._para_starts, pos) - 1)

    def sent_of(self, pos: int) -> int:
        return max(0, bisect_right(self._sent_starts, pos) - 1)

    def sentence(self, pos: int) -> Sentence:
        return self.sents[self.sent_of(pos)]
