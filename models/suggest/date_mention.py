"""A date expression found in a text (DateMention) and how precise it is (its rank), and
the calendar arithmetic that pins what it writes to an ISO day relative to publication;
shared by the English patterns and those of other languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

# Ranks: which expression dates a sentence when it holds several.
DAY, WEEK, MONTH, YEAR, TIME = 5, 4, 3, 2, 1  # a bare clock time dates nothing by itself


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str  # as written, without a leading "on"/"in"
    date: str  # ISO day, or "" when it cannot be pinned to a day
    rank: int
    year: int = 0  # a year written in the expression ("2019", "September 2018"), else 0
    span_end: bool = False  # "through 2019", "until 2019": the end of a term, not an event
    yearless: bool = False  # a day and month whose year was chosen, not written ("August 6")


# A year as written in news: 1800-2099.
YEAR_NUMBER = r"(?:1[89]\d\d|20\d\d)"

# The end of a term or span: "under contract through 2019", "jusqu'en 2020", "bis 2019".
SPAN_END = re.compile(r"(?:\b(?:through|thru|until|till|up\s+to|to|jusqu['’]en|jusqu['’]à|"
                      r"bis|hasta|fino\s+al?)|(?<!\w)до)\s+$", re.IGNORECASE)


def month_start(d: date, months_back: int) -> date:
    """The first day of the month `months_back` months before d's (negative: after)."""
    y, m = d.year, d.month - months_back
    while m <= 0:
        m += 12
        y -= 1
    while m > 12:
        m -= 12
        y += 1
    return date(y, m, 1)


def weekday_date(ref: date, weekday: int, *, future: bool = False, strict: bool = False) -> date:
    """Most recent `weekday` up to ref (strict: before ref), or the next one when future."""
    if future:
        ahead = (weekday - ref.weekday()) % 7
        if strict and ahead == 0:
            ahead = 7
        return ref + timedelta(days=ahead)
    back = (ref.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return ref - timedelta(days=back)


def near_year(ref: date, month: int, day: int, future: bool, past: bool = False,
              weekday: int | None = None) -> str:
    """A day and month without a year: the past occurrence, unless that is most of a year
    back while the next one is a few months ahead ("As of November 9" in September). A
    weekday given with it ("mardi 5 mai") picks the year it fits."""
    if weekday is not None:
        for year in (ref.year, ref.year + 1, ref.year - 1):
            try:
                d = date(year, month, day)
            except ValueError:
                return ""
            if d.weekday() == weekday and abs((d - ref).days) < 300:
                return d.isoformat()
    is_past = past
    try:
        this = date(ref.year, month, day)
        past = this if this <= ref else date(ref.year - 1, month, day)
        ahead = this if this > ref else date(ref.year + 1, month, day)
    except ValueError:
        return ""
    if future or (not is_past and (ref - past).days > 240 and (ahead - ref).days <= 120):
        return ahead.isoformat() if not (future and this == ref) else this.isoformat()
    return past.isoformat()


@lru_cache(maxsize=4096)
def parse_explicit(expr: str, language: str, ref_iso: str, future: bool) -> str:
    """Normalise an explicit calendar date with dateparser; '' when it cannot."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "future" if future else "past",
                "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                "STRICT_PARSING": False}
    if ref_iso:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(ref_iso)
    languages = [language] if language and language != "en" else ["en"]
    try:
        parsed = dateparser.parse(expr, languages=languages, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; treat as no date
        parsed = None
    return parsed.date().isoformat() if parsed else ""
