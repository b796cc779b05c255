"""Finding text the way a reader expects: ignoring case, treating NBSP as a space and
seeing through soft hyphens and zero-width characters, with results as exact code-point
offsets into the stored text (so a found span can be tagged as it is)."""

from __future__ import annotations

from bisect import bisect_left

# Invisible characters a reader never types: skipped when matching.
IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Spaces of other widths match a plain space.
_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2009\u200a\u3000\t"}


def fold(text: str) -> str:
    """The form both the text and the query are compared in."""
    return "".join(ch for ch in text.translate(_SPACES) if ch not in IGNORED).casefold()


class TextSearch:
    """Search one text repeatedly; the folded copy is built once, on the first search."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._map: list[int] | None = None  # folded index -> original index (None: same)

    def _prepare(self) -> None:
        if self._folded is not None:
            return
        spaced = self.text.translate(_SPACES)
        folded = spaced.casefold()
        if len(folded) == len(spaced) and not any(c in spaced for c in IGNORED):
            self._folded, self._map = folded, None  # one to one: no map needed
            return
        out: list[str] = []
        where: list[int] = []
        for i, ch in enumerate(spaced):
            if ch in IGNORED:
                continue
            f = ch.casefold()
            out.append(f)
            where.extend([i] * len(f))
        self._folded, self._map = "".join(out), where

    def _to_folded(self, cp: int) -> int:
        return cp if self._map is None else bisect_left(self._map, cp)

    def _to_span(self, i: int, n: int) -> tuple[int, int]:
        if self._map is None:
            return i, i + n
        return self._map[i], self._map[i + n - 1] + 1

    def find(self, query: str, origin: int = 0, *, backward: bool = False,
             wrap: bool = True) -> tuple[int, int] | None:
        """The next match at or after `origin` (before it when backward), as (start, end)
        code points; wraps round the text unless told not to."""
        needle = fold(query)
        if not needle:
            return None
        self._prepare()
        assert self._folded is not None
        hay = self._folded
        at = self._to_folded(origin)
        if backward:
            i = hay.rfind(needle, 0, max(0, at + len(needle) - 1))
            if i < 0 and wrap:
                i = hay.rfind(needle)
        else:
            i = hay.find(needle, at)
            if i < 0 and wrap:
                i = hay.find(needle)
        return None if i < 0 else self._to_span(i, len(needle))
