"""An event's date with its precision: a day (2015-11-30), a month (2015-11), a year (2015),
or a range of those, stored as an ISO 8601 interval START/END whose ends have any precision
(2015-11-30/2015-12-02, 2015-11/2016-01, 2014/2016). `date_bounds` gives the first and last
day a date covers; `date_sort_key` orders dates by their first day, and on the same first day
the wider span first (2015, then 2015-01/2015-03, then 2015-01, then 2015-01-01)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from models.errors import ValidationError

if TYPE_CHECKING:
    from models.suggest.date_mention import DateMention

# Kept here, not taken from models/suggest/lexicon: importing that package loads the whole
# suggestion engine, and every store imports this module.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_WORDS = {w: k for k, m in enumerate(MONTHS, 1) for w in (m.lower(), m[:3].lower())}
_MONTH_WORDS["sept"] = 9

_SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
# Between the two ends of a range as typed: the stored slash, "..", an en or em dash, a
# hyphen with spaces around it, or a word ("to"); "2014-2016" is two years (a month has two
# digits).
_RANGE_SEP = re.compile(r"\s*(?:/|\.\.|[\u2013\u2014]|\s-\s|\s(?:to|until|till|through)\s)\s*",
                        re.IGNORECASE)
_TWO_YEARS = re.compile(r"([0-9]{4})-([0-9]{4})")
_ADVICE = ("write YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known, or a "
           "range as START/END (2015-11-30/2015-12-02)")


class DateError(ValidationError):
    """A date that cannot be stored; `hint` says in a few words what to write instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def _one(value: str, m: re.Match[str] | None = None) -> str:
    """The stored form of one end (YYYY, YYYY-MM or YYYY-MM-DD); ValueError if none. The
    shape matched, the text is its own stored form once the calendar accepts it."""
    if (m or _SHAPE.fullmatch(value)) is None:
        raise ValueError(value)
    if len(value) == 10:
        date.fromisoformat(value)
    elif len(value) == 7:
        date.fromisoformat(value + "-01")
    elif value == "0000":
        raise ValueError(value)
    return value


def _not_a_date(value: str) -> DateError:
    return DateError(f"Date {value!r} is not a date; {_ADVICE}.",
                     "Not saved until it is a date: YYYY-MM-DD, YYYY-MM or YYYY, or "
                     "START/END for a range")


def _first_day(one: str) -> str:
    return one + ("-01-01", "-01", "")[(len(one) - 4) // 3]


def _last_day(one: str) -> str:
    if len(one) == 4:
        return one + "-12-31"
    if len(one) == 7:
        month = int(one[5:])
        if month == 2:
            return one + ("-29" if calendar.isleap(int(one[:4])) else "-28")
        return one + ("-30" if month in (4, 6, 9, 11) else "-31")
    return one


def parse_event_date(value: str) -> str:
    """The stored form of a date typed as YYYY, YYYY-MM or YYYY-MM-DD, or of a range of two
    such ends typed as START/END, "START to END", "START – END", "START - END" or
    "START..END" ("" stays ""). A range whose ends are equal is that one date; one that ends
    before it begins, or whose end lies inside its start (2015/2015-06), is refused."""
    value = value.strip()
    if not value:
        return ""
    if not value.isascii():  # other digits ("٢٠١٥") are written as 0-9; dashes stay
        value = "".join(str(int(c)) if c.isdecimal() else c for c in value)
    one = _SHAPE.fullmatch(value)
    try:
        if one is not None:  # the common case first: one date
            return _one(value, one)
        years = _TWO_YEARS.fullmatch(value)
        ends = list(years.groups()) if years else _RANGE_SEP.split(value)
        if len(ends) > 2:
            raise ValueError(value)
        stored = [_one(e) for e in ends]
    except ValueError:
        raise _not_a_date(value) from None
    if len(stored) == 1 or stored[0] == stored[1]:
        return stored[0]
    start, end = stored
    if _last_day(end) < _first_day(start):
        raise DateError(f"Date {value!r} ends before it begins; write the earlier date "
                        f"first: {end}/{start}.",
                        "Not saved: the range ends before it begins; write the earlier "
                        "date first")
    if _first_day(end) <= _last_day(start):
        raise DateError(f"Date {value!r} has its end inside its start ({show_date(start)} "
                        f"takes in {show_date(end)}); write one date, or a range whose end "
                        "comes after its start.",
                        "Not saved: the end of the range lies inside its start")
    return f"{start}/{end}"


def precision(value: str) -> str:
    """"day", "month", "year", "range", or "" for no date."""
    value = value.strip()
    if "/" in value:
        return "range"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "")


@lru_cache(maxsize=65536)
def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day (YYYY-MM-DD) a date covers: a day itself, a month or a year
    the whole of it, a range from the first day of its start to the last of its end;
    ("", "") for no date, or for a value that is no date."""
    if not isinstance(value, str):
        return "", ""
    try:
        stored = parse_event_date(value)
    except ValidationError:
        return "", ""
    if not stored:
        return "", ""
    start, _, end = stored.partition("/")
    return _first_day(start), _last_day(end or start)


_INVERT = str.maketrans("0123456789", "9876543210")


@lru_cache(maxsize=65536)
def date_sort_key(value: str) -> tuple[int, str, str]:
    """Dates in time order: by the first day they cover, and on the same first day the
    wider span first (a year, then a range or month starting with it, then the day); a
    value that is no date after every date, and no date at all last. Stable, so callers
    add their own tie-breakers (the timeline: article, then offset)."""
    first, last = date_bounds(value)
    if first:
        return 0, first, last.translate(_INVERT)  # inverted digits: later ends sort first
    value = value.strip() if isinstance(value, str) else str(value)
    return (1, value, "") if value else (2, "", "")


def _ends(stored: str) -> list[tuple[int, int, int]]:
    """(year, month, day) of each end of a stored date, 0 for a part it does not give."""
    out = []
    for part in stored.split("/"):
        y, m, d = ([int(p) for p in part.split("-")] + [0, 0])[:3]
        out.append((y, m, d))
    return out


def _shown(y: int, m: int, d: int, short: bool, year: bool = True) -> str:
    if not m:
        return str(y)
    name = MONTHS[m - 1][:3] if short else MONTHS[m - 1]
    text = f"{d} {name}" if d else name
    return f"{text} {y}" if year else text


def show_date(value: str, *, short: bool = True) -> str:
    """'30 Nov 2015', 'Nov 2015', '2015' (short) or with whole month names; ranges as
    '1–3 Dec 2015', '30 Nov – 2 Dec 2015', 'Nov 2015 – Jan 2016', '2014–2016' (a year or
    month both ends share is written once); anything else as written."""
    try:
        stored = parse_event_date(value)
    except ValidationError:
        return value
    if not stored:
        return ""
    ends = _ends(stored)
    if len(ends) == 1:
        return _shown(*ends[0], short)
    (y1, m1, d1), (y2, m2, d2) = ends
    if y1 == y2 and m1 == m2 and d1 and d2:  # 1–3 Dec 2015
        return f"{d1}–{_shown(y2, m2, d2, short)}"
    left = _shown(y1, m1, d1, short, year=not (y1 == y2 and m1 and m2))
    right = _shown(y2, m2, d2, short)
    return left + ("–" if " " not in left + right else " – ") + right


# -- reading a "when" -----------------------------------------------------------------------

_MONTH_RE = (r"(?:" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\.?")
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_JOIN_RE = r"\s*(?:–|—|-|to|until|till|through|and)\s*"
# "1–3 December 2015", "1 to 3 December"; "December 1-3, 2015"
_DAYS_MONTH = re.compile(r"\b" + _DAY_RE + f"({_JOIN_RE})" + _DAY_RE + r"\s+(?:of\s+)?("
                         + _MONTH_RE + r")(?:,?\s+(\d{4}))?(?!\d)", re.IGNORECASE)
_MONTH_DAYS = re.compile(r"\b(" + _MONTH_RE + r")\s+" + _DAY_RE + f"({_JOIN_RE})" + _DAY_RE
                         + r"\b(?:,?\s+(\d{4}))?(?!\d)", re.IGNORECASE)
_JOIN = re.compile(_JOIN_RE, re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_TYPED = re.compile(r"\d{4}(?:-\d\d){0,2}(?:\s*(?:/|\.\.|[–—-]|to|until|till|through)\s*"
                    r"\d{4}(?:-\d\d){0,2})?", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def date_from_when(when: str, published: str, language: str) -> str:
    """The date a "when" gives, read with the suggestion engine's date rules and anchored on
    the article's publication date ("Tuesday", "last week", "1 Dec 2015"); a month or a
    year when only that can be told; a range for two dates joined by to/until/–/- (and
    "between … and …": "1–3 December 2015", "from 30 November to 2 December", "between 2014
    and 2016", "November 2015 to January 2016"); "" when it gives none."""
    from models.suggest.dates import find_dates

    text = when.strip()
    if _TYPED.fullmatch(text):  # typed as a stored date already ("2015-11", "2014–2016")
        try:
            return parse_event_date(text)
        except ValidationError:
            return ""
    try:
        ref = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        ref = None
    mentions = find_dates(when, 0, len(when), language or "en", ref)
    found = _days_of_a_month(when, mentions)
    if found is None:
        found = _joined(when, mentions)
    if found is not None:  # a range, or "" for one written the wrong way round
        return found
    for mention in mentions:
        if mention.date and mention.date != "same":
            return mention.date
        if mention.year and not re.match(r"['’]?s\b", when[mention.end:]):  # not "1990s"
            month = _month_in(mention.text)
            return f"{mention.year:04d}-{month:02d}" if month else f"{mention.year:04d}"
        period = _period(mention.text, ref)
        if period:
            return period
    # "in 2015"; not a decade ("the 1990s") nor a clock time ("2030 hours")
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b(?!['’]?s\b|\s*(?:hours|hrs|h)\b)", when)
    return year.group(1) if year else ""


def _month_in(text: str) -> int:
    return next((_MONTH_WORDS[w] for w in re.findall(r"[a-z]+", text.lower())
                 if w in _MONTH_WORDS), 0)


def _range_or_nothing(start: str, end: str) -> str:
    try:
        return parse_event_date(f"{start}/{end}")
    except ValidationError:
        return ""


def _days_of_a_month(when: str, mentions: list[DateMention]) -> str | None:
    """"1–3 December 2015", "December 1-3, 2015": the year as written, else the one the
    date rules give the end ("3 December" in an article of March 2016: 2015); "" for days
    the wrong way round, None when the "when" holds no such days."""
    for pattern, (d1, join, d2, mon, yr) in ((_DAYS_MONTH, (1, 2, 3, 4, 5)),
                                             (_MONTH_DAYS, (2, 3, 4, 1, 5))):
        m = pattern.search(when)
        if m is None or (m.group(join).strip().lower() == "and"
                         and not _BETWEEN.search(when, 0, m.start())):
            continue
        month = _month_in(m.group(mon))
        year = int(m.group(yr)) if m.group(yr) else next(
            (int(x.date[:4]) for x in mentions if x.date and x.date != "same"
             and x.start < m.end() and m.start() < x.end), 0)
        try:
            start = date(year, month, int(m.group(d1)))
            end = date(year, month, int(m.group(d2)))
        except ValueError:
            continue
        return _range_or_nothing(start.isoformat(), end.isoformat())
    return None


def _parts(m: DateMention) -> tuple[int, int, int, bool] | None:
    """(year, month, day, year known) a mention gives, 0 for a part it leaves open; the
    year is not known of a day and month the date rules gave a year ("30 November")."""
    if m.date and m.date != "same":
        d = date.fromisoformat(m.date)
        return d.year, d.month, d.day, not m.yearless
    month = _month_in(m.text)
    day = re.search(r"(?<!\d)\d{1,2}(?!\d)", m.text) if month else None
    if m.year:
        return m.year, month, 0, True
    return (0, month, int(day.group()) if day else 0, False) if month else None


def _joined(when: str, mentions: list[DateMention]) -> str | None:
    """Two dated mentions joined by to/until/–/- ("and" after "between"): a range; the
    start takes the end's year when it has none of its own ("30 November – 2 December
    2015"), the year before when that would put it after the end; "" for two dates the
    wrong way round, None when no two dates are joined."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = _JOIN.fullmatch(when, a.end, b.start)
        if gap is None or (gap.group().strip().lower() == "and"
                           and not _BETWEEN.search(when, 0, a.start)):
            continue
        first, last = _parts(a), _parts(b)
        if first is None or last is None or not last[0]:
            continue
        y1, m1, d1, known = first
        y2, m2, d2, _known = last
        if not known and (not y1 or _YEAR.search(b.text)):
            y1 = y2
        if not known and y1 and (y1, m1 or 1, d1 or 1) > (y2, m2 or 12, d2 or 31):
            y1 -= 1
        if not y1:
            continue
        return _range_or_nothing(_iso(y1, m1, d1), _iso(y2, m2, d2))
    return None


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}" if d else f"{y:04d}-{m:02d}" if m else f"{y:04d}"


_PERIOD = re.compile(r"(?:(last|this|next|earlier this|later this)\s+(week|month|year)"
                     r"|(\w+)\s+(month|year)s?\s+ago)", re.IGNORECASE)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _period(text: str, ref: date | None) -> str:
    """"last week" (Monday to Sunday), "this month", "next year", "six months ago" from the
    publication date; "" without one."""
    m = _PERIOD.fullmatch(" ".join(text.split()))
    if m is None or ref is None:
        return ""
    if m.group(3):
        n = int(m.group(3)) if m.group(3).isdigit() else _COUNTS.get(m.group(3).lower(), 0)
        if not n:
            return ""
        if m.group(4).lower() == "year":
            return f"{ref.year - n:04d}"
        back = ref.year * 12 + ref.month - 1 - n
        return f"{back // 12:04d}-{back % 12 + 1:02d}"
    step = {"last": -1, "next": 1}.get(m.group(1).lower(), 0)
    unit = m.group(2).lower()
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if unit == "month":
        months = ref.year * 12 + ref.month - 1 + step
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{ref.year + step:04d}"
