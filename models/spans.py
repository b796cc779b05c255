"""Adjusting spans to words: snapping a selection, trimming it, moving an edge by a word.

Offsets are code points into the stored text, as everywhere in the core.
"""

from __future__ import annotations

import unicodedata


def _is_word_char(ch: str) -> bool:
    """Letters/digits of scripts that separate words with spaces (not CJK or kana)."""
    if not (ch.isalnum() or ch in "_'’\u00ad\u200d"):
        return False
    return unicodedata.east_asian_width(ch) not in ("W", "F")


def _in_word(text: str, i: int) -> bool:
    """Whether text[i] is part of a word; a quote mark between two letters is too
    (Hebrew acronyms such as יו"ר, ח"כ; O'Brien)."""
    if i < 0 or i >= len(text):
        return False
    ch = text[i]
    if _is_word_char(ch):
        return True
    # An acronym's mark stands before its last letter (יו"ר, צה"ל): one letter, then a word end.
    return (ch in "\"'\u05f3\u05f4" and 0 < i < len(text) - 1
            and text[i - 1].isalpha() and text[i + 1].isalpha()
            and (i + 2 >= len(text) or not text[i + 2].isalpha()))


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words, then trim surrounding whitespace."""
    if start < end:
        while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
            start -= 1
        while end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
            end += 1
    return trim_whitespace(text, start, end)


def trim_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_GAP = " \t\u00a0"  # spaces inside a paragraph; a line break ends it


def word_step(text: str, pos: int, words: int, *, edge: str = "end") -> int:
    """Move a span edge over whole words (runs of non-space characters, punctuation and
    emoji included), never across a line break. `edge` says which: an end sits just after
    a word, a start just before one, so one step out and one step in return to the same
    place. Positive `words` move towards the end of the text."""
    n = len(text)

    def fwd_gap(i: int) -> int:
        while i < n and text[i] in _GAP:
            i += 1
        return i

    def back_gap(i: int) -> int:
        while i > 0 and text[i - 1] in _GAP:
            i -= 1
        return i

    def fwd_word(i: int) -> int:
        while i < n and not text[i].isspace():
            i += 1
        return i

    def back_word(i: int) -> int:
        while i > 0 and not text[i - 1].isspace():
            i -= 1
        return i

    for _ in range(abs(words)):
        if edge == "end" and words > 0:  # take in the next word
            j = fwd_gap(pos)
            if j >= n or text[j] == "\n":
                break
            pos = fwd_word(j)
        elif edge == "end":  # give back the last word
            pos = back_gap(back_word(pos))
        elif words < 0:  # a start takes in the word before
            j = back_gap(pos)
            if j <= 0 or text[j - 1] == "\n":
                break
            pos = back_word(j)
        else:  # a start gives back its first word
            pos = fwd_gap(fwd_word(pos))
    return pos
