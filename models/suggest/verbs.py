"""Reporting verbs outside quotations: English ones in lower case, the article's language's
own (German "so" only where it attributes), and the last one before a position."""

from __future__ import annotations

import re
from bisect import bisect_right

from models.suggest.clauses import Clauses
from models.suggest.lexicon import EN_SPEECH, foreign_verb_pattern
from models.suggest.text import Index

# English reporting verbs are matched in lower case only: "States", "Claims", "Post" in names
# and headlines are not verbs. "According to" may start a sentence.
EN_VERB_RE = re.compile(r"(?<![\w-])(?:" + EN_SPEECH + r"|According\s+to)(?![\w-])")
# German "so" attributes only as ", so Merkel." / "so der Minister," (a name, then a stop)
_DE_SO = re.compile(r"(?:^|(?<=[,;:(–—-])\s?|(?<=[,;:(–—-]\s))[Ss]o\s+(?:der|die|das|ein|eine)?"
                    r"\s*[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,3}\s*[,.;)–—]")


class ReportingVerbs:
    """The reporting verbs of one article that stand outside its quotations."""

    def __init__(self, text: str, index: Index, language: str, clauses: Clauses) -> None:
        self.text = text
        self.index = index
        self.language = language
        self.clauses = clauses
        self.pattern = foreign_verb_pattern(language)
        self._all: list[re.Match[str]] | None = None  # see last
        self._ends: list[int] = []

    def find(self, start: int, end: int) -> list[re.Match[str]]:
        """The verbs in text[start:end], in order."""
        found = [m for m in EN_VERB_RE.finditer(self.text, start, end)]
        found += self.foreign(start, end)
        found = [m for m in found if not self.clauses.inside_quote(m.start())]
        return sorted(found, key=lambda m: m.start())

    def last(self, start: int, end: int) -> re.Match[str] | None:
        """find(start, end)[-1], from one scan of the whole text made the first time: this
        is asked once per quote about the sentence before it, and scanning that sentence
        each time would cost the sentence's length per quote."""
        if self._all is None:
            self._all = self.find(0, len(self.text))
            self._ends = [m.end() for m in self._all]
        k = bisect_right(self._ends, end) - 1
        if k >= 0 and self._all[k].start() >= start:
            return self._all[k]
        return None

    def foreign(self, start: int, end: int) -> list[re.Match[str]]:
        """The language's own reporting verbs in text[start:end] (German "so" only in
        ", so Merkel." and "So der Minister,")."""
        if self.pattern is None:
            return []
        return [m for m in self.pattern.finditer(self.text, start, end)
                if not (self.language == "de" and m.group().lower() == "so")
                or (_DE_SO.match(self.text, m.start())
                    and self._sentence_start_or_comma(m.start()))]

    def _sentence_start_or_comma(self, pos: int) -> bool:
        before = self.text[self.index.sentence(pos).start:pos].rstrip()
        return not before or before[-1] in ",;:(–—-"
