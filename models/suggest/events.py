"""Dated events: sentences (or clauses) that hold a date or time expression, with `when` as
written, `date` as an ISO day relative to publication, and `where` after "in"/"at"."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from models.event_dates import date_from_when
from models.suggest.date_mention import DAY, DateMention
from models.suggest.dates import FIRM_FUTURE, FUTURE_CUES, PAST_CUES, find_dates
from models.suggest.lexicon import (
    EN_MONTHS,
    MONTH_NAMES,
    PREPOSITIONS,
    STOP_CAPS,
    WEEKDAY_NAMES,
)
from models.suggest.text import Index

_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|\s+—\s+(?=[a-z])")
_WHERE_PREP = {
    "en": r"in|at|near|outside|inside",
    "fr": r"à|au|aux|en|près\s+de",
    "de": r"in|im|bei|nahe",
    "es": r"en|cerca\s+de",
    "it": r"a|in|presso",
    "ru": r"в|во|на",
}
_NOT_PLACES = frozenset(name.lower() for name in (*MONTH_NAMES, *WEEKDAY_NAMES))
# Publications: "in The Washington Post" is a source, not a place.
_PUBLICATION = re.compile(r"\b(?:Times|Post|Journal|Magazine|Gazette|News|Tribune|Herald|"
                          r"Telegraph|Guardian|Review)\b")


_SINCE = re.compile(r"\b(?:since|depuis|seit|desde|с)\s+(?:the\s+|le\s+)?$", re.IGNORECASE)


# Bylines and datelines: "Updated 5 May 2015", "Mis à jour le ...", "By X | date"
_METADATA = re.compile(r"(?:^|\|\s*|•\s*|\(\s*|،\s*)(?:Updated|Published|Posted|Last modified|"
                       r"Mis à jour|Publié|Actualizado|Publicado|Aktualisiert|Veröffentlicht|"
                       r"Обновлено|Опубликовано|آخر تحديث|עודכן|פורסם)(?!\w)", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:By|Par|Por|Von|От)\s+(?!(?:" + "|".join(MONTH_NAMES) + r")\b)"
                     r"[A-ZÀ-ÞА-Я][\w.’'-]*\s+[A-ZÀ-ÞА-Я]")


@dataclass
class Event:
    start: int
    end: int
    when: str
    date: str
    where: str


def _tense_hint(text: str, lo: int, hi: int):
    """Whether the clause around a position speaks of the future ("will meet Tuesday", 1) or
    the past ("disappeared in March", -1); 0 when it cannot tell."""

    def hint(pos: int) -> bool:
        a = max(lo, max(text.rfind(",", lo, pos), text.rfind(";", lo, pos)) + 1)
        nxt = [i for i in (text.find(",", pos, hi), text.find(";", pos, hi)) if i >= 0]
        b = min(nxt) if nxt else hi
        clause = text[a:b]
        # a reporting verb's own time ("said Monday that he will") is not in the future
        cut = re.search(r"\b(?:said|says|told|announced)\b", text[a:pos])
        if cut:
            clause = text[a + cut.end():b]
        if FUTURE_CUES.search(clause):
            return 1
        return -1 if PAST_CUES.search(clause) else 0

    return hint


def _term_only(text: str, lo: int, hi: int, d: DateMention, ref: date | None) -> bool:
    """A written year (or month and year) after publication dates no event unless its clause
    plans something firmly ("will be converted starting in 2028"): "under contract through
    2019" is the end of a term, "likely to run in 2024" a guess. The end of a term never
    dates an event when it lies ahead ("through 2019", "jusqu'en 2020")."""
    if d.rank >= DAY or not d.year or ref is None or d.year <= ref.year:
        return False
    if d.span_end:
        return True
    a = max(lo, max(text.rfind(",", lo, d.start), text.rfind(";", lo, d.start),
                    text.rfind("(", lo, d.start)) + 1)
    nxt = [i for i in (text.find(",", d.end, hi), text.find(";", d.end, hi),
                       text.find(")", d.end, hi)) if i >= 0]
    clause = text[a:min(nxt) if nxt else hi]
    return not FIRM_FUTURE.search(clause)


def _where(text: str, start: int, end: int, language: str) -> str:
    prep = _WHERE_PREP.get(language, _WHERE_PREP["en"])
    upper = r"[A-ZÀ-ÖØ-ÞА-ЯЁ]"
    pattern = re.compile(r"(?<![\w])(?:" + prep + r")\s+(?:the\s+)?(?P<place>" + upper +
                         r"[\w’'.-]*(?:\s+(?:de\s+|of\s+|du\s+)?" + upper + r"[\w’'-]*){0,4})")
    for m in pattern.finditer(text, start, end):
        place = m.group("place").rstrip(".’'")
        words = place.split()
        first = words[0].lower().rstrip("’'s")
        if first in _NOT_PLACES or (first in STOP_CAPS and len(words) == 1) or \
                _PUBLICATION.search(place) or re.search(r"[’']s?$", m.group("place")):
            continue
        after = re.match(r"\s+([\w’'-]+)", text[m.end("place"):m.end("place") + 30])
        if "the" in m.group()[:m.start("place") - m.start()].split() and after and \
                after.group(1).islower() and after.group(1) not in PREPOSITIONS | {
                    "and", "or", "on", "last", "this"}:
            continue  # "in the Trump administration": a modifier, not a place
        if re.fullmatch(r"\d+", place):
            continue
        return place
    return ""


def is_dateline(text: str, lo: int, hi: int, mentions: list[DateMention]) -> bool:
    """A paragraph that is only a date ("Oct. 9, 2018", "Published March 14, 2025")."""
    rest = text[lo:hi]
    if mentions and (_METADATA.search(rest) or _BYLINE.match(rest)):
        return True
    for d in mentions:
        rest = rest.replace(d.text, " ")
    # nothing but names and dates: "Oct. 9, 2018", "Tamar Pileggi | 30 November 2015"
    return not [w for w in re.findall(r"[^\W\d_]+", rest) if len(w) > 3 and not w[0].isupper()]


def find_events(text: str, index: Index, language: str, ref: date | None,
                skip: list[tuple[int, int]], title_end: int,
                quoted: list[tuple[int, int]] = (),
                check: Callable[[], None] | None = None) -> list[Event]:
    """One event per sentence holding a date; two when clauses carry different dates.
    `check()` is called every few hundred sentences (it raises to cancel)."""
    lang = (language or "en").split("-")[0].lower()
    events: list[Event] = []
    last_day = ""
    # the year a story is told in: (written year, its month or 0, sentence, paragraph)
    narrative: tuple[int, int, int, int] | None = None
    dateline_paras: dict[int, bool] = {}
    for si, s in enumerate(index.sents):
        if check is not None and si % 256 == 0:
            check()
        if s.start < title_end:
            continue  # the headline repeats what the body dates
        if text[s.start:s.end].rstrip("”\"»’ ").endswith(("?", "？")):
            continue  # a question reports no event
        mentions = [d for d in find_dates(text, s.start, s.end, lang, ref,
                                          _tense_hint(text, s.start, s.end))
                    if not any(a <= d.start < b for a, b in skip)
                    and not _term_only(text, s.start, s.end, d, ref)]
        if not mentions:
            continue
        if s.para not in dateline_paras:
            # once per paragraph: its every sentence would otherwise rescan it
            lo, hi = index.paras[s.para]
            dateline_paras[s.para] = is_dateline(text, lo, hi, find_dates(text, lo, hi, lang, ref))
        if dateline_paras[s.para]:
            continue
        for part_lo, part_hi, part in _clauses(text, s.start, s.end, mentions):
            # the narrator's date outranks one inside a quotation ("understands today"), and
            # the start of a state ("since Tuesday") gives way to the event's own date
            # an explicit calendar date beats a weekday written with it ("星期二（12月10日）")
            main = max(part, key=lambda d: (not any(a <= d.start < b for a, b in quoted),
                                            not _SINCE.search(text, max(0, d.start - 12),
                                                              d.start),
                                            d.rank, any(ch.isdigit() for ch in d.text),
                                            -d.start))
            iso = main.date
            if iso == "same":
                iso = last_day
            elif main.yearless and iso and narrative and ref and narrative[0] < ref.year and \
                    s.para - narrative[3] <= 1 and (
                        si - narrative[2] <= 3 or (narrative[1] and si - narrative[2] <= 10
                                                   and int(iso[5:7]) >= narrative[1])):
                # "In August 2015, ... On the night of August 6, ...": the story's year, not
                # the last August before publication
                with contextlib.suppress(ValueError):
                    iso = date(narrative[0], int(iso[5:7]), int(iso[8:10])).isoformat()
            if not iso:  # a month, a year or "last week": dated as typing it into When is
                iso = date_from_when(main.text, ref.isoformat() if ref else "", lang)
            if main.rank >= DAY and iso:
                last_day = iso
            events.append(Event(part_lo, part_hi, main.text, iso,
                                _where(text, part_lo, part_hi, lang)))
        written = [d for d in mentions if d.year and not d.span_end]
        if written:
            first = written[-1].text.split()[0].rstrip(".,").lower()
            narrative = (written[-1].year, EN_MONTHS.get(first, 0), si, s.para)
    return events


def _clauses(text: str, start: int, end: int, mentions: list[DateMention]):
    """Split "X happens on June 30, and Y on December 31" into two dated clauses."""
    cuts = [m for m in _CLAUSE_SPLIT.finditer(text, start, end)]
    if cuts and len({d.date or d.text.lower() for d in mentions}) > 1:
        bounds = [start] + [c.start() for c in cuts] + [end]
        starts = [start] + [c.end() for c in cuts]
        parts = []
        for k in range(len(starts)):
            lo, hi = starts[k], bounds[k + 1]
            inside = [d for d in mentions if lo <= d.start < hi]
            if inside:
                parts.append((lo, hi, inside))
        if len(parts) > 1 and all(len(p[2]) for p in parts):
            # attach undated clauses to their neighbours by keeping only dated parts
            return parts
    return [(start, end, mentions)]
