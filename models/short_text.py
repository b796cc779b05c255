"""Text shortened for a line of a list, a link or a page footer."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary before `limit` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"
