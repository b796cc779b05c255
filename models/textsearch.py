"""Finding text the way a reader expects: ignoring case and accents, treating NBSP as a
space, seeing through soft hyphens and zero-width characters, and matching what a keyboard
types (' and " for typographic quotes, - for dashes and minus), with results as exact
code-point offsets into the stored text (so a found span can be tagged as it is)."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from functools import lru_cache
from itertools import chain, repeat

# Invisible characters a reader never types: skipped when matching.
IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Spaces of other widths match a plain space.
# A line break too: a hard-wrapped article still holds the phrase "prime\nminister".
_SPACES = frozenset("\u00a0\u2007\u202f\u2009\u200a\u3000\t\n")
# Typographic marks a keyboard cannot type, folded to the key that stands for them.
_KEYBOARD = {**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u02bc\u0060\u00b4", "'"),
             **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
             **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-")}


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """One character as it is compared: no case, no accents (Führungskräfte matches
    Fuhrungskrafte, Hebrew points are ignored), may be empty or longer (ß -> ss)."""
    if ch in IGNORED:
        return ""
    if ch in _SPACES:
        return " "
    if ch in _KEYBOARD:
        return _KEYBOARD[ch]
    decomposed = unicodedata.normalize("NFD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLDED: dict[int, str] = {}  # code point -> folded form, for str.translate


def fold(text: str) -> str:
    """The form both the text and the query are compared in (str.translate with a table
    that grows with the characters seen: linear, at C speed, for whole articles)."""
    for ch in set(text):
        if ord(ch) not in _FOLDED:
            _FOLDED[ord(ch)] = _fold_char(ch)
    return text.translate(_FOLDED)


class TextSearch:
    """Search one text repeatedly; the folded copy is built once, on the first search."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._map: list[int] | None = None  # folded index -> original index (None: same)

    def _prepare(self) -> None:
        if self._folded is not None:
            return
        table = {ord(c): _fold_char(c) for c in set(self.text)}
        self._folded = self.text.translate(table)
        if len(self._folded) == len(self.text) and all(len(v) == 1 for v in table.values()):
            self._map = None  # one to one: no map needed
            return
        lengths = [len(table[ord(c)]) for c in self.text]
        self._map = list(chain.from_iterable(repeat(i, n) for i, n in enumerate(lengths)))

    def _to_folded(self, cp: int) -> int:
        return cp if self._map is None else bisect_left(self._map, cp)

    def _to_span(self, i: int, n: int) -> tuple[int, int]:
        if self._map is None:
            start, end = i, i + n
        else:
            start, end = self._map[i], self._map[i + n - 1] + 1
        # Accents and points written as combining marks belong to the letter before them:
        # a hit never ends between "e" and its U+0301.
        text = self.text
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        return start, end

    def find_all(self, query: str, limit: int = 100_000) -> list[tuple[int, int]]:
        """Every match, left to right and not overlapping, as (start, end) code points."""
        needle = fold(query)
        if not needle:
            return []
        self._prepare()
        assert self._folded is not None
        hay, found = self._folded, []
        i = hay.find(needle)
        while i >= 0 and len(found) < limit:
            found.append(self._to_span(i, len(needle)))
            i = hay.find(needle, i + len(needle))
        return found

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
