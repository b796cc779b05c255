"""An event's date with its precision: a day (2015-11-30), a month (2015-11) or a year
(2015). Stored as that ISO text, so dates of any precision sort in time order as strings,
a month or year at the start of its span ("2015" < "2015-03" < "2015-03-14")."""

from __future__ import annotations

import re
from datetime import date

from models.errors import ValidationError

# Kept here, not taken from models/suggest/lexicon: importing that package loads the whole
# suggestion engine, and every store imports this module.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_WORDS = {w: k for k, m in enumerate(MONTHS, 1) for w in (m.lower(), m[:3].lower())}
_MONTH_WORDS["sept"] = 9

_SHAPE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_event_date(value: str) -> str:
    """The stored form of a date typed as YYYY, YYYY-MM or YYYY-MM-DD ("" stays "")."""
    value = value.strip()
    if not value:
        return ""
    m = _SHAPE.fullmatch(value)
    try:
        if m is None:
            raise ValueError
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if day is not None:
            return date(year, int(month), int(day)).isoformat()
        if month is not None:
            date(year, int(month), 1)
            return f"{year:04d}-{int(month):02d}"
        date(year, 1, 1)
        return f"{year:04d}"
    except ValueError:
        raise ValidationError(f"Date {value!r} is not a date; write YYYY-MM-DD, or YYYY-MM or "
                              "YYYY when only the month or year is known.") from None


def precision(value: str) -> str:
    """"day", "month", "year", or "" for no date."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value.strip()), "")


def show_date(value: str, *, short: bool = True) -> str:
    """'30 Nov 2015', 'Nov 2015', '2015' (short) or with whole month names; anything else
    as written."""
    try:
        stored = parse_event_date(value)
    except ValidationError:
        return value
    if not stored:
        return ""
    parts = stored.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    month = month[:3] if short else month
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def date_from_when(when: str, published: str, language: str) -> str:
    """The date a "when" gives, read with the suggestion engine's date rules and anchored on
    the article's publication date ("Tuesday", "last week", "1 Dec 2015"); a year when only
    the year can be told; "" when it gives none."""
    from models.suggest.dates import find_dates

    try:  # typed as a stored date already ("2015-11")
        if re.fullmatch(r"\s*\d{4}(-\d{2}){0,2}\s*", when):
            return parse_event_date(when)
    except ValidationError:
        return ""
    try:
        ref = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        ref = None
    for mention in find_dates(when, 0, len(when), language or "en", ref):
        if mention.date:
            return mention.date
        if mention.year and not re.match(r"['’]?s\b", when[mention.end:]):  # not "1990s"
            month = next((_MONTH_WORDS[w] for w in re.findall(r"[a-z]+", mention.text.lower())
                          if w in _MONTH_WORDS), 0)
            return f"{mention.year:04d}-{month:02d}" if month else f"{mention.year:04d}"
    # "in 2015"; not a decade ("the 1990s") nor a clock time ("2030 hours")
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b(?!['’]?s\b|\s*(?:hours|hrs|h)\b)", when)
    return year.group(1) if year else ""
