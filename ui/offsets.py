"""Converting between stored offsets (code points) and Qt positions (UTF-16 units).

Qt counts a character above U+FFFF (emoji, flags, 𝐀) as two units; Python and the project
file count it as one. Only astral characters differ, so a sorted list of them and `bisect`
convert either way in O(log n).
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    def __init__(self, text: str) -> None:
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral_cp)]
        self.length = len(text)

    def to_qt(self, cp: int) -> int:
        """Code-point offset -> UTF-16 position."""
        return cp + bisect_left(self._astral_cp, cp)

    def to_cp(self, pos: int) -> int:
        """UTF-16 position -> code-point offset (a position inside a pair maps to its start)."""
        return pos - bisect_left(self._astral_u16, pos)

    @property
    def simple(self) -> bool:
        return not self._astral_cp
