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
    assert text[:word_step(text, end, -1)] == "Nobody in that"
    assert text[:word_step(text, end, 1)] == "Nobody in that room, they"
    assert text[word_step(text, 0, 1, edge="start"):] == "in that room, they said."
    start = text.index("that")
    assert text[word_step(text, start, -1, edge="start"):] == "in that room, they said."


@pytest.mark.parametrize("text,sel,expected", [
    ('قال بـ"الجيش الحر" أمس', (7, 17), "الجيش الحر"),  # a prefix and a quote mark stay out
    ('ראש ה"צוק איתן" היום', (6, 14), "צוק איתן"),
])
def test_quote_marks_after_a_prefix_are_not_words(text: str, sel: tuple[int, int],
                                                   expected: str) -> None:
    s, e = snap_to_words(text, *sel)
    assert text[s:e] == expected


@pytest.mark.parametrize("text,end", [
    ("the climate conference.\n\n“I think so,” he said.", len("the climate conference.")),
    ("Mutproben! ☝🏼⛔️ #wegvomgleis und mehr", len("Mutproben!")),
    ("Mutproben! ☝🏼⛔️ #wegvomgleis und mehr", len("Mutproben! ☝🏼⛔️ #wegvomgleis")),
])
def test_one_step_out_and_back_returns(text: str, end: int) -> None:
    out = word_step(text, end, 1)
    assert "\n" not in text[end:out]  # never into the next paragraph
    if out != end:
        assert word_step(text, out, -1) == end
    start = text.index(text[:end].split()[-1])
    grown = word_step(text, start, -1, edge="start")
    if grown != start:
        assert word_step(text, grown, 1, edge="start") == start
