"""Text rules for the note: XML-safe strings, paragraphs, direction and dates.

Offsets of annotations count code points into the stored article text, so every repair here
keeps the length of the string: a character Word cannot hold becomes U+FFFD, never nothing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from datetime import date

# XML 1.0 forbids C0 controls other than tab/newline/CR, the two non-characters U+FFFE/U+FFFF
# and lone surrogates (which Python strings can carry); python-docx fails on any of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo, presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Strong left-to-right letters common in news text (Latin, Greek, Cyrillic).
_LTR = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def xml_safe(text: str) -> str:
    """`text` with every character XML cannot hold replaced by U+FFFD (same length)."""
    return _NOT_XML.sub("\ufffd", text)


def article_safe(text: str) -> str:
    """Article text for the note: XML-safe, and a stray CR (never stored, but possible in
    older files) is a space so that only LF separates lines."""
    return xml_safe(text).replace("\r", " ")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph: every line holding more than whitespace.

    A paragraph is a line of the stored text (lines end at LF); blank lines only separate.
    This matches what the reader shows and what an importer writes (one paragraph a line),
    and it never joins two paragraphs that a single newline keeps apart.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


class Paragraphs:
    """Paragraphs of one article, for numbering annotations (1-based) and clamping spans."""

    def __init__(self, text: str) -> None:
        self.spans = paragraph_spans(text)
        self._starts = [s for s, _ in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    def number(self, pos: int) -> int:
        """1-based number of the paragraph holding `pos`, or of the next one after a gap."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return i + 1
        return min(i + 2, len(self.spans)) if self.spans else 0

    def clamp(self, start: int, end: int) -> tuple[int, int]:
        """The span pulled inside paragraph text: it may begin or end on a newline or a blank
        line, which the note does not show, and a comment needs visible runs to sit on."""
        if not self.spans:
            return start, end
        i = bisect_right(self._starts, start) - 1
        if i < 0 or start >= self.spans[i][1]:
            start = self.spans[min(i + 1, len(self.spans) - 1)][0]
        j = bisect_right(self._starts, end - 1) - 1
        if j >= 0 and end > self.spans[j][1]:
            end = self.spans[j][1]
        return start, max(end, start + 1)


def is_rtl(text: str) -> bool:
    """Right-to-left by the first strong letter (Unicode rule P2), as Word and browsers do."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def run_is_rtl(text: str, paragraph_rtl: bool) -> bool:
    """Whether a run gets w:rtl: Hebrew/Arabic letters and no Latin ones, or neutral text
    (digits, punctuation) inside a right-to-left paragraph."""
    has_rtl = _RTL.search(text) is not None
    has_ltr = _LTR.search(text) is not None
    if has_rtl and not has_ltr:
        return True
    return paragraph_rtl and not has_ltr


def ltr_tail(name: str) -> str:
    """A name followed by an invisible left-to-right mark when it holds Hebrew/Arabic, so
    that English text after it ("Name (2 quotes)", "Name · ¶4") keeps its place."""
    return name + "\u200e" if _RTL.search(name) else name


def long_date(iso: str) -> str:
    """'2025-03-14' -> '14 March 2025'; anything else is returned as written."""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(iso: str) -> str:
    """'2025-03-14' -> '14 Mar 2025', for table cells."""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def quoted(text: str) -> str:
    """Text in typographic quotation marks unless it already carries its own."""
    text = text.strip()
    if text[:1] in "\"“”„«»‘’'" or is_rtl(text):
        return text
    return f"“{text}”"


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) folded to single spaces, for labels and cells."""
    return " ".join(text.split())


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalnum())[:4].upper()


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"
