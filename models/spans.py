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
    return (ch in "\"'\u05f3\u05f4" and 0 < i < len(text) - 1
            and text[i - 1].isalpha() and text[i + 1].isalpha())


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


def word_step(text: str, pos: int, words: int) -> int:
    """Move `pos` over whole words: forward (words > 0) or backward."""
    n = len(text)
    for _ in range(abs(words)):
        if words > 0:
            while pos < n and not text[pos].isalnum():
                pos += 1
            while pos < n and text[pos].isalnum():
                pos += 1
            while pos < n and not text[pos].isspace() and not text[pos].isalnum():
                pos += 1  # closing punctuation belongs with the word
        else:
            while pos > 0 and not text[pos - 1].isalnum():
                pos -= 1
            while pos > 0 and text[pos - 1].isalnum():
                pos -= 1
    return pos
