"""Date and time expressions: find them with our own patterns, normalise them to ISO dates.

`dateparser.search` scans every substring and is slow; instead we look for month names,
weekdays, relative words and years (names taken from dateparser's own locale tables for
languages other than English) and normalise each hit. Explicit calendar dates go through
`dateparser.parse` (cached); weekdays and periods follow newsroom conventions that dateparser
does not share (see date_mention.py). The English patterns are in english_dates.py, those of
other languages in foreign_dates.py; this module runs both and holds the tense cues.

Conventions for `date` (documented in docs/suggestions.md):
- `date` is an ISO day, given only when the expression pins a day: a calendar date, a
  weekday, today/yesterday/tomorrow, "three days ago";
- a weekday means the most recent such day up to and including publication ("said Monday"
  in a Monday paper is that Monday), or the next one when the clause speaks of the future;
- anything less precise than a day ("in 1997", "September 2018", "in April", "last week",
  "six months ago") keeps `date` empty: 1 January 1997 would be a false exact date. The
  mention still counts (its `when` is filled) and keeps its written year in `year`.
"""

from __future__ import annotations

import re
from datetime import date

from models.suggest.date_mention import DateMention
from models.suggest.english_dates import EN_PATTERN, en_mention
from models.suggest.foreign_dates import foreign_mention, foreign_pattern

# Past-tense verbs: a bare month in such a clause is not moved to the coming year.
PAST_CUES = re.compile(r"\b(?:[a-z]+ed|was|were|had|did|said|told|took|went|came|left|began|"
                       r"became|made|met|won|lost|fell|rose|saw|found|gave|got|ran|held|"
                       r"brought|sent|spent|wrote|knew|thought|disappeared)\b")

# A plan, not a guess: what makes a year ahead of publication the date of an event.
FIRM_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|’ll|going to|scheduled|due|planned|plans?\s+to|set to|"
    r"is to|are to|expected to|to be held|sera|seront|doit|doivent|va|vont|prévu|prévue|"
    r"wird|werden|soll|sollen|geplant|será|serán|va a|van a|prevé|previsto|prevista|"
    r"будет|будут|состоится|планируется)\b", re.IGNORECASE)

# Words in the clause that put a weekday or month ahead of publication, not behind it.
FUTURE_CUES = re.compile(
    r"\b(?:will|shall|won't|'ll|going to|scheduled|due to|expected|expects|plans?|planned|"
    r"set to|upcoming|next|is to|are to|were to|was to|would|could|to be held|to meet|"
    r"to begin|to start|forecast|coming|va|vont|sera|seront|doit|doivent|wird|werden|soll|"
    r"sollen|será|serán|va a|van a|будет|будут|состоится)\b", re.IGNORECASE)


def find_dates(text: str, start: int, end: int, language: str, ref: date | None,
               tense_hint=None) -> list[DateMention]:
    """Date expressions in text[start:end]; tense_hint(pos) says whether the clause around
    a position speaks of the future (1), the past (-1) or cannot tell (0)."""
    out: list[DateMention] = []
    lang = (language or "en").split("-")[0].lower()
    patterns: list[tuple[str, re.Pattern[str]]] = [("en", EN_PATTERN)]
    if lang != "en":
        foreign = foreign_pattern(lang)
        if foreign is not None:
            patterns.insert(0, (lang, foreign))
    taken: list[tuple[int, int]] = []
    for plang, pattern in patterns:
        for m in pattern.finditer(text, start, end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            tense = tense_hint(m.start()) if tense_hint else 0
            if plang == "en":
                mention = en_mention(m, ref, tense)
            else:
                mention = foreign_mention(m, plang, ref, tense)
            if mention is not None:
                out.append(mention)
                taken.append((m.start(), m.end()))
    out.sort(key=lambda d: d.start)
    return out
