"""Text rules for the note: XML-safe strings, paragraphs, direction and dates.

Offsets of annotations count code points into the stored article text, so every repair here
keeps the length of the string: a character Word cannot hold becomes U+FFFD, never nothing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from datetime import date

from models.event_dates import MONTHS, show_date
from models.language import is_rtl

# XML 1.0 forbids C0 controls other than tab/newline/CR, the two non-characters U+FFFE/U+FFFF
# and lone surrogates (which Python strings can carry); python-docx fails on any of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo, presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Strong left-to-right letters common in news text (Latin, Greek, Cyrillic).
_LTR = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


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


LRM, RLM = "\u200e", "\u200f"          # invisible left-to-right / right-to-left marks
RLE, PDF = "\u202b", "\u202c"          # right-to-left embedding and its end
_STRONG = {"L": False, "R": True, "AL": True}
_OPENERS = {"\u202a": False, "\u202d": False, "\u2066": False,   # LRE, LRO, LRI
            "\u202b": True, "\u202e": True, "\u2067": True}      # RLE, RLO, RLI
_CLOSERS = frozenset("\u202c\u2069")                             # PDF, PDI


def direction_runs(text: str, paragraph_rtl: bool) -> list[tuple[str, bool]]:
    """`text` cut where the direction changes, each piece with whether it is right to left
    (and so gets w:rtl). Hebrew/Arabic letters are right to left, Latin and other strong
    left-to-right letters are not; digits, spaces and punctuation go with the letters on
    both sides when those agree and with the paragraph's direction when they do not (the
    way the Unicode bidi algorithm resolves them). Text without both kinds is one piece."""
    rtl_letters = _RTL.search(text) is not None
    if not (rtl_letters and _LTR.search(text)):
        if rtl_letters or not paragraph_rtl:
            return [(text, rtl_letters)]
        return [(text, not any(unicodedata.bidirectional(c) == "L" for c in text))]
    strong = [_STRONG.get(unicodedata.bidirectional(ch)) for ch in text]
    dirs: list[bool] = []
    before = paragraph_rtl
    i, n = 0, len(text)
    while i < n:
        if text[i] in _OPENERS:  # an embedding's start goes with what it embeds ...
            strong[i] = _OPENERS[text[i]]
        elif text[i] in _CLOSERS:  # ... and its end with what it ends
            strong[i] = before
        if strong[i] is not None:
            before = strong[i]
            dirs.append(before)
            i += 1
            continue
        j = i
        while j < n and strong[j] is None:
            j += 1
        after = strong[j] if j < n else paragraph_rtl
        dirs.extend([before if before == after else paragraph_rtl] * (j - i))
        i = j
    pieces: list[tuple[str, bool]] = []
    start = 0
    for k in range(1, n + 1):
        if k == n or dirs[k] != dirs[start]:
            pieces.append((text[start:k], dirs[start]))
            start = k
    return pieces


def ltr_tail(name: str) -> str:
    """A name ready to sit inside a left-to-right line of the note. A Hebrew or Arabic name
    is wrapped in a right-to-left embedding (so its own punctuation, brackets and numbers
    stay in place) and followed by a left-to-right mark (so that English text after it,
    "Name (2 quotes)" or "Name · ¶4", keeps its place)."""
    if not _RTL.search(name):
        return name
    return f"{RLE}{name}{PDF}{LRM}" if is_rtl(name) else name + LRM


def label_for(label: str, rtl: bool) -> str:
    """'Note: ' as the lead of a paragraph; in a right-to-left paragraph a left-to-right mark
    keeps the colon with the English word ("Note:" not ":Note")."""
    return f"{label}:{LRM} " if rtl else f"{label}: "


def long_date(iso: str) -> str:
    """'2025-03-14' -> '14 March 2025' ('March 2025', '2025' for a month or a year,
    '1–3 March 2025' for a range); anything else is returned as written."""
    if len(iso.strip()) in (4, 7) or "/" in iso:
        return show_date(iso, short=False)
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(iso: str) -> str:
    """'2025-03-14' -> '14 Mar 2025' ('Mar 2025', '2025', '1–3 Mar 2025'), for table
    cells."""
    if len(iso.strip()) in (4, 7) or "/" in iso:
        return show_date(iso)
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


# Quotation marks for right-to-left text, as CLDR gives them (logical order: opening first).
# In a right-to-left paragraph the opening mark shows on the right. Hebrew: ” … ”; Arabic:
# ” … “; Persian (Arabic script with Persian letters): « … », mirrored by the renderer.
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06a9\u06af\u06cc]")
HEBREW = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")


def quote_marks(text: str) -> tuple[str, str]:
    if not is_rtl(text):
        return "\u201c", "\u201d"
    if HEBREW.search(text):
        return "\u201d", "\u201d"
    if _PERSIAN.search(text):
        return "\u00ab", "\u00bb"
    return "\u201d", "\u201c"


# Quotation marks by the language of the words (CLDR's), where they differ from English;
# the inner pair is what a quotation inside takes.
_MARKS_BY_LANGUAGE = {
    "fr": ("« ", " »", "“", "”"), "ru": ("«", "»", "„", "“"), "es": ("«", "»", "“", "”"),
    "de": ("„", "“", "‚", "‘"), "ja": ("「", "」", "『", "』"), "zh": ("“", "”", "‘", "’"),
}


def quoted_in(text: str, language: str) -> str:
    """`quoted`, with the quotation marks of the words' language when it has its own
    (French « », German „ “, Japanese 「 」); otherwise those of the script."""
    marks = _MARKS_BY_LANGUAGE.get(language.split("-")[0].lower())
    if marks is None:
        return quoted(text)
    text = text.strip()
    if text[-1:] in ",、，" and len(text) > 1:
        text = text[:-1].rstrip()
    if text[:1] in "\"“”„«»‘’'״「『":
        return text
    opening, closing, inner_open, inner_close = marks
    inner = str.maketrans({opening.strip(): inner_open, closing.strip(): inner_close})
    return f"{opening}{text.translate(inner)}{closing}"


def quoted(text: str) -> str:
    """Text in the quotation marks of its script unless it already carries its own. A
    comma the span ends on is left out (“safe,” reads “safe”; the stored text keeps it),
    and double marks inside become single ones, so that a quote ending in a quotation
    does not close twice (“… ‘in order to continue this policy.’”)."""
    text = text.strip()
    if text[-1:] == "," and len(text) > 1:
        text = text[:-1].rstrip()
    if text[:1] in "\"“”„«»‘’'״":
        return text
    opening, closing = quote_marks(text)
    if (opening, closing) == ("\u201c", "\u201d"):
        text = _inner_marks(text)
    return f"{opening}{text}{closing}"


def _inner_marks(text: str) -> str:
    """“ ” and straight double quotes inside English-style marks become ‘ ’."""
    out, open_next = [], True
    for c in text:
        if c == "\u201c":
            out.append("\u2018")
        elif c == "\u201d":
            out.append("\u2019")
        elif c == '"':
            out.append("\u2018" if open_next else "\u2019")
            open_next = not open_next
        else:
            out.append(c)
    return "".join(out)


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) folded to single spaces, for labels and cells."""
    return " ".join(text.split())


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalnum())[:4].upper()


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"
