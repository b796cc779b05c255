"""Snapping selections to words and moving span edges by a word (code points)."""

from __future__ import annotations

import pytest

from models.spans import snap_to_words, word_step


@pytest.mark.parametrize("text,sel,expected", [
    ("the quick brown fox", (6, 12), "quick brown"),
    ("  leading and trailing  ", (0, 24), "leading and trailing"),
    ("日本語の文章です", (2, 4), "語の"),  # no word snapping in CJK
    ("Mr.\u00a0Smith said", (1, 6), "Mr.\u00a0Smith"),
    ('אמר ח"כ כהן היום', (6, 10), 'ח"כ כהן'),  # a Hebrew acronym stays whole
    ("said “yes” today", (6, 9), "yes"),  # curly quotes are not part of the word
])
def test_snap_to_words(text: str, sel: tuple[int, int], expected: str) -> None:
    s, e = snap_to_words(text, *sel)
    assert text[s:e] == expected


def test_word_step_moves_over_whole_words() -> None:
    text = "Nobody in that room, they said."
    end = len("Nobody in that room,")
    assert text[:word_step(text, end, -1)] == "Nobody in that "
    assert text[:word_step(text, end, 1)] == "Nobody in that room, they"
    assert text[word_step(text, 0, 1):] == " in that room, they said."
