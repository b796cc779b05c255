"""Placing an annotation in a text again: by its offsets when they still hold, else by quote.

Like Hypothesis, we use the exact quote plus the context around it and refuse to guess:
an annotation that cannot be placed unambiguously is reported as orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    how: str  # "offsets" | "quote"


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def place(text: str, quote: str, start: int | None, end: int | None, prefix: str = "",
          suffix: str = "") -> Placement | None:
    """Where `quote` belongs in `text`, or None when it is absent or ambiguous."""
    if not quote:
        return None
    if (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            and text[start:end] == quote):
        return Placement(start, end, "offsets")
    hits: list[int] = []
    i = text.find(quote)
    while i != -1:
        hits.append(i)
        i = text.find(quote, i + 1)
    if not hits:
        return None
    if len(hits) == 1:
        return Placement(hits[0], hits[0] + len(quote), "quote")
    scored = sorted(
        ((_common_suffix(text[max(0, h - len(prefix)):h], prefix)
          + _common_prefix(text[h + len(quote):h + len(quote) + len(suffix)], suffix), h)
         for h in hits),
        reverse=True,
    )
    (best, at), (second, _) = scored[0], scored[1]
    if best == second or best == 0:
        return None
    return Placement(at, at + len(quote), "quote")
