"""English date expressions: "November 30, 2015", "Oct. 9", "in April", "last Tuesday",
"yesterday", "six months ago", "in 1997", clock times, ISO dates, and what day each pins."""

from __future__ import annotations

import re
from datetime import date, timedelta

from models.suggest.date_mention import (
    DAY,
    MONTH,
    SPAN_END,
    TIME,
    WEEK,
    YEAR,
    YEAR_NUMBER,
    DateMention,
    near_year,
    weekday_date,
)
from models.suggest.lexicon import EN_MONTHS, EN_WEEKDAYS, MONTH_NAMES, WEEKDAY_NAMES

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}

_MONTH_NAMES = (r"(?:" + "|".join(MONTH_NAMES) + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|"
                r"Jul\.?|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)")
# without "May" (mostly the verb; the month takes a cue word, see en_mention)
_LONG_MONTHS = (r"(?:" + "|".join(m for m in MONTH_NAMES if m != "May") +
                r"|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)")
_WEEKDAY = r"(?:" + "|".join(WEEKDAY_NAMES) + ")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"fifteen|twenty|thirty)"

EN_PATTERN = re.compile(
    r"(?P<md>(?:(?P<md_wd>" + _WEEKDAY + r"),?\s+)?(?P<md_m>" + _MONTH_NAMES + r")\s+"
    r"(?P<md_d>\d{1,2})"
    r"(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_y>" + YEAR_NUMBER + r"))?(?!\d))"
    r"|(?P<dm>(?:(?P<dm_wd>" + _WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<dm_d>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?:of\s+)?(?P<dm_m>" + _MONTH_NAMES + r")(?:,?\s+(?P<dm_y>" + YEAR_NUMBER + r"))?(?!\d))"
    r"|(?P<my>(?P<my_m>" + _MONTH_NAMES + r")\s+(?:of\s+)?(?P<my_y>" + YEAR_NUMBER + r")(?!\d))"
    r"|(?P<mo>(?P<mo_mod>(?:[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?"
    r"(?P<mo_m>" + _LONG_MONTHS + r"|May|March)\b)"
    r"|(?P<wd>(?P<wd_mod>(?:[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\s+)?"
    r"(?P<wd_d>" + _WEEKDAY + r")(?:'s)?" + _PART + r")"
    r"|(?P<rd>(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?P<rd_w>[Tt]oday|[Tt]onight|[Yy]esterday|"
    r"[Tt]omorrow)(?:'s|’s)?" + _PART + r")"
    r"|(?P<tp>(?P<tp_w>[Tt]his|[Ll]ast)\s+(?P<tp_p>morning|afternoon|evening|night)"
    r"(?!\s+(?:of|before|after)))"
    r"|(?P<pr>(?P<pr_mod>(?:[Ee]arlier|[Ll]ater)\s+this|[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+"
    r"(?P<pr_p>week|weekend|month|year)\b)"
    r"|(?P<ago>(?P<ago_n>" + _NUM + r")\s+(?P<ago_u>day|week|month|year)s?\s+ago\b)"
    r"|(?P<yr>(?P<yr_cue>\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|[Tt]hrough|"
    r"[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id-?|of|the|[Bb]etween|and|to)\s+)"
    r"(?P<yr_y>" + YEAR_NUMBER + r")(?![\d%,.]\d|\s*%|-\d))"
    r"|(?P<tm>(?:at\s+)?(?:about\s+|around\s+)?(?P<tm_h>\d{1,2})(?:[:.](?P<tm_min>\d{2}))?"
    r"\s*(?P<tm_ap>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:ET|EST|EDT|GMT|BST|UTC|PT|local time))?)"
    r"|(?P<same>[Tt]he\s+same\s+day|[Tt]hat\s+day)"
    r"|(?P<iso>(?<![\d.])(?P<iso_y>" + YEAR_NUMBER + r")-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)"
    r"(?![\d]))"
)

# "on", "in" etc. before an expression are not part of `when`.
_CUE_WORDS = re.compile(r"^(?:in|on|since|until|by|during|from|through|before|after|of|the|"
                        r"between|and|to|at|about|around)\s+", re.IGNORECASE)


def _num(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.lower())


def _clean_when(expr: str) -> str:
    expr = expr.strip().rstrip(",")
    while True:
        stripped = _CUE_WORDS.sub("", expr)
        if stripped == expr:
            return expr
        expr = stripped


def en_mention(m: re.Match[str], ref: date | None, tense: int) -> DateMention | None:
    """The mention an EN_PATTERN match makes; None when it is no date here ("May" the
    verb). tense: 1 the clause speaks of the future, -1 of the past, 0 unknown."""
    future, past = tense > 0, tense < 0
    g = m.groupdict()
    raw = m.group()
    start, end = m.start(), m.end()
    when = _clean_when(raw)
    start += raw.find(when) if when in raw else 0
    end = start + len(when)
    iso, rank, year_written, span_end, yearless = "", DAY, 0, False, False
    if g["md"] or g["dm"]:
        month = EN_MONTHS[(g["md_m"] or g["dm_m"]).rstrip(".").lower()]
        day = int(g["md_d"] or g["dm_d"])
        year = g["md_y"] or g["dm_y"]
        if not 1 <= day <= 31:
            return None
        if year:
            try:
                iso = date(int(year), month, day).isoformat()
            except ValueError:
                return None
        elif ref:
            wd = g["md_wd"] or g["dm_wd"]
            iso = near_year(ref, month, day, future, past,
                            EN_WEEKDAYS[wd.lower()] if wd else None)
            yearless = not wd
    elif g["my"]:  # "September 2018": a month, not a day
        rank, year_written = MONTH, int(g["my_y"])
        span_end = bool(SPAN_END.search(m.string, max(0, m.start() - 12), m.start()))
    elif g["mo"]:
        name = g["mo_m"]
        mod = (g["mo_mod"] or "").strip()
        if name in ("May", "March") and not mod:
            before = m.string[max(0, m.start() - 12):m.start()]
            if not re.search(r"\b(?:in|since|until|by|during|of|from|through)\s+$", before):
                return None  # "May" the verb, "March" the walk
        elif not mod:
            before = m.string[max(0, m.start() - 12):m.start()]
            if not re.search(r"\b(?:in|since|until|by|during|of|from|through|early|late|"
                             r"mid|until|before|after)[\s-]+$", before, re.IGNORECASE):
                return None
        rank = MONTH  # "in April", "last December": a month, no day
        that_year = re.match(r"\s+(?:of\s+)?that\s+year", m.string[m.end():m.end() + 16])
        if that_year:  # "In October of that year"
            end += len(that_year.group())
    elif g["wd"]:
        wd = EN_WEEKDAYS[g["wd_d"].lower()]
        mod = (g["wd_mod"] or "").strip().lower()
        if ref:
            if mod == "last":
                iso = weekday_date(ref, wd, strict=True).isoformat()
            elif mod == "next":
                iso = weekday_date(ref, wd, future=True, strict=True).isoformat()
            else:
                iso = weekday_date(ref, wd, future=future).isoformat()
    elif g["rd"]:
        word = g["rd_w"].lower()
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        if ref:
            iso = (ref + timedelta(days=offset)).isoformat()
    elif g["tp"]:
        offset = -1 if g["tp_w"].lower() == "last" and g["tp_p"] == "night" else 0
        if g["tp_w"].lower() == "last" and g["tp_p"] != "night":
            return None  # "last evening" is rare and ambiguous
        if ref:
            iso = (ref + timedelta(days=offset)).isoformat()
    elif g["pr"]:
        mod = re.sub(r"\s+", " ", g["pr_mod"].lower())
        period = g["pr_p"]
        if mod == "past" and period != "week":
            return None  # "the past year" is a span, not a date
        # a week, a weekend, a month or a year: no single day
        rank = {"week": WEEK, "weekend": WEEK, "month": MONTH, "year": YEAR}[period]
    elif g["ago"]:
        n = _num(g["ago_n"])
        unit = g["ago_u"]
        if n is None:
            return None
        # "three days ago", "a week ago" count days; "six months ago" is a month, roughly
        rank = {"day": DAY, "week": DAY, "month": MONTH, "year": YEAR}[unit]
        if ref and unit in ("day", "week"):
            iso = (ref - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    elif g["yr"]:
        cue = g["yr_cue"].strip().lower()
        rank, year_written = YEAR, int(g["yr_y"])
        span_end = cue in ("through", "until", "to") or bool(
            SPAN_END.search(m.string, max(0, m.start() - 12), m.start("yr_y")))
        when = g["yr_y"]
        start, end = m.start("yr_y"), m.end("yr_y")
    elif g["tm"]:
        rank = TIME
        if ref:
            iso = ref.isoformat()
        hour = int(g["tm_h"])
        if hour > 12:
            return None
    elif g["iso"]:
        try:
            iso = date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])).isoformat()
        except ValueError:
            return None
    elif g["same"]:
        rank = DAY
        iso = "same"  # the engine copies the previous day-precision date
        when = raw
    return DateMention(start, end, m.string[start:end] if not g["yr"] else when, iso, rank,
                       year_written, span_end, yearless)
