"""Where quotations, clauses and comma-separated chunks of one article start and end: the
spans every attribution rule looks within."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from models.suggest.lexicon import ADVERBS
from models.suggest.quotes import Quote
from models.suggest.text import ABBREVIATIONS, Index

_CHUNK_MARKS = re.compile(r"[()\[\],—–]")
_CLAUSE_MARKS = re.compile(r"[.!?;]")


class Clauses:
    """The article's quotation spans (merged where they touch), clause ends and chunks."""

    def __init__(self, text: str, index: Index, quotes: Iterable[Quote]) -> None:
        self.text = text
        self.index = index
        spans = sorted((q.open_mark if q.open_mark >= 0 else q.start,
                        q.close_mark + 1 if q.close_mark >= 0 else q.end) for q in quotes)
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.quote_spans = merged
        self._quote_starts = [s for s, _ in merged]

    def inside_quote(self, pos: int) -> bool:
        k = bisect_right(self._quote_starts, pos) - 1
        return k >= 0 and pos < self.quote_spans[k][1]

    def quoted_chars(self, start: int, end: int) -> int:
        """How many characters of [start, end) lie inside quotations."""
        k = max(0, bisect_right(self._quote_starts, start) - 1)
        total = 0
        while k < len(self.quote_spans) and self.quote_spans[k][0] < end:
            s, e = self.quote_spans[k]
            total += max(0, min(e, end) - max(s, start))
            k += 1
        return total

    def clause_end(self, pos: int, limit: int) -> int:
        """End of the clause or sentence that starts at pos (first . ! ? ; not after Mr),
        looked for no further than the paragraph's end (callers may pass the text's end:
        without that bound, a text without full stops costs its whole rest per verb)."""
        text = self.text
        limit = min(limit, self.index.paras[self.index.para_of(pos)][1])
        for m in _CLAUSE_MARKS.finditer(text, pos, limit):
            i = m.start()
            if text[i] == ".":
                word = re.search(r"([\w.]+)$", text[max(pos, i - 10):i])
                if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                    continue
                if i + 1 < len(text) and text[i + 1].isalnum():
                    continue
            return i
        return limit

    def split_chunks(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Comma-separated chunks of text[lo:hi], ignoring commas inside quotes/brackets.

        Only the punctuation is visited (a regex finds it), not every character: this runs
        once per quote over the sentence before it, so it sets the cost of long sentences."""
        text = self.text
        chunks = []
        depth = 0
        start = lo
        for m in _CHUNK_MARKS.finditer(text, lo, hi):
            i = m.start()
            ch = text[i]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth = max(0, depth - 1)
            elif depth == 0 and not self.inside_quote(i) and not (
                    ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit()
                    and text[i + 1].isdigit()):
                if i > start:
                    chunks.append((start, i))
                start = i + 1
        if start < hi:
            chunks.append((start, hi))
        return [(s, e) for s, e in chunks if text[s:e].strip()]

    def strip_trailing(self, lo: int, hi: int) -> int:
        """Where text[lo:hi] ends without its trailing adverbs ("X also", "Y later")."""
        text = self.text
        while True:
            m = re.search(r"([\w’'-]+)\s*$", text[lo:hi])
            if not m:
                return hi
            word = m.group(1)
            low = word.lower()
            if low in ADVERBS or (word.islower() and low.endswith("ly") and len(low) > 4
                                   and low not in {"family", "supply", "rally", "ally",
                                                   "italy", "assembly", "reply"}):
                hi = lo + m.start()
                continue
            return hi
