"""Date and time expressions: find them with our own patterns, normalise them to ISO dates.

`dateparser.search` scans every substring and is slow; instead we look for month names,
weekdays, relative words and years (names taken from dateparser's own locale tables for
languages other than English) and normalise each hit. Explicit calendar dates go through
`dateparser.parse` (cached); weekdays and periods follow newsroom conventions that dateparser
does not share (see `resolve`).

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
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from models.suggest.lexicon import EN_MONTHS, EN_WEEKDAYS, MONTH_NAMES, WEEKDAY_NAMES

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}

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


_MONTH_NAMES = (r"(?:" + "|".join(MONTH_NAMES) + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|"
                r"Jul\.?|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)")
# without "May" (mostly the verb; the month takes a cue word, see _en_mention)
_LONG_MONTHS = (r"(?:" + "|".join(m for m in MONTH_NAMES if m != "May") +
                r"|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)")
_WEEKDAY = r"(?:" + "|".join(WEEKDAY_NAMES) + ")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"fifteen|twenty|thirty)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

EN_PATTERN = re.compile(
    r"(?P<md>(?:(?P<md_wd>" + _WEEKDAY + r"),?\s+)?(?P<md_m>" + _MONTH_NAMES + r")\s+"
    r"(?P<md_d>\d{1,2})"
    r"(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_y>" + _YEAR + r"))?(?!\d))"
    r"|(?P<dm>(?:(?P<dm_wd>" + _WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<dm_d>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?:of\s+)?(?P<dm_m>" + _MONTH_NAMES + r")(?:,?\s+(?P<dm_y>" + _YEAR + r"))?(?!\d))"
    r"|(?P<my>(?P<my_m>" + _MONTH_NAMES + r")\s+(?:of\s+)?(?P<my_y>" + _YEAR + r")(?!\d))"
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
    r"(?P<yr_y>" + _YEAR + r")(?![\d%,.]\d|\s*%|-\d))"
    r"|(?P<tm>(?:at\s+)?(?:about\s+|around\s+)?(?P<tm_h>\d{1,2})(?:[:.](?P<tm_min>\d{2}))?"
    r"\s*(?P<tm_ap>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:ET|EST|EDT|GMT|BST|UTC|PT|local time))?)"
    r"|(?P<same>[Tt]he\s+same\s+day|[Tt]hat\s+day)"
    r"|(?P<iso>(?<![\d.])(?P<iso_y>" + _YEAR + r")-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d]))"
)

# The end of a term or span: "under contract through 2019", "jusqu'en 2020", "bis 2019".
_SPAN_END = re.compile(r"(?:\b(?:through|thru|until|till|up\s+to|to|jusqu['’]en|jusqu['’]à|"
                       r"bis|hasta|fino\s+al?)|(?<!\w)до)\s+$", re.IGNORECASE)

# "on", "in" etc. before an expression are not part of `when`.
_CUE_WORDS = re.compile(r"^(?:in|on|since|until|by|during|from|through|before|after|of|the|"
                        r"between|and|to|at|about|around)\s+", re.IGNORECASE)

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


def _num(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.lower())


def _month_start(d: date, months_back: int) -> date:
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


def _near_year(ref: date, month: int, day: int, future: bool, past: bool = False,
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


def _clean_when(expr: str) -> str:
    expr = expr.strip().rstrip(",")
    while True:
        stripped = _CUE_WORDS.sub("", expr)
        if stripped == expr:
            return expr
        expr = stripped


def _en_mention(m: re.Match[str], ref: date | None, tense: int) -> DateMention | None:
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
            iso = _near_year(ref, month, day, future, past,
                             EN_WEEKDAYS[wd.lower()] if wd else None)
            yearless = not wd
    elif g["my"]:  # "September 2018": a month, not a day
        rank, year_written = MONTH, int(g["my_y"])
        span_end = bool(_SPAN_END.search(m.string, max(0, m.start() - 12), m.start()))
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
            _SPAN_END.search(m.string, max(0, m.start() - 12), m.start("yr_y")))
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


# -- other languages, built from dateparser's locale tables ----------------------------------

_PART_OF_DAY = {
    "fr": r"(?:\s+(?:matin|soir|après-midi|soirée))?",
    "es": r"(?:\s+por\s+la\s+(?:mañana|tarde|noche))?",
    "de": r"(?:\s*(?:früh|morgen|abend|nachmittag|vormittag))?",
    "ru": r"(?:\s+(?:утром|вечером|днем|днём|ночью))?",
}
_MONTH_CUES = {
    "fr": r"(?:en|depuis|fin|début|mi-|d['’]ici|jusqu['’]en|courant)",
    "de": r"(?:im|seit|Anfang|Ende|Mitte|bis|ab)",
    "es": r"(?:en|desde|hasta|a\s+finales\s+de|a\s+principios\s+de|a\s+mediados\s+de)",
    "it": r"(?:a|in|da|fino\s+a)",
    "pt": r"(?:em|desde|até)",
}
_YEAR_SUFFIX = {"ru": r"(?:\s*(?:года|году|г\.))?", "zh": "年?", "ja": "年?"}


# Day words dateparser's tables lack: two days off, this morning, last night.
_EXTRA_RELATIVE = {
    "fr": {"ce matin": 0, "ce soir": 0, "cet après-midi": 0, "cette nuit": 0},
    "es": {"anoche": -1, "anteayer": -2, "antier": -2, "esta noche": 0, "esta tarde": 0},
    "de": {"übermorgen": 2, "vorgestern": -2},
    "it": {"stamattina": 0, "stamani": 0, "stasera": 0, "stanotte": 0, "dopodomani": 2,
           "domattina": 1, "ieri sera": -1},
    "pt": {"anteontem": -2, "ontem à noite": -1, "hoje à noite": 0},
    "nl": {"overmorgen": 2, "eergisteren": -2, "vanmorgen": 0, "vanavond": 0, "vannacht": 0},
    "ru": {"послезавтра": 2, "позавчера": -2},
    "he": {"מחרתיים": 2, "שלשום": -2, "הבוקר": 0, "הערב": 0, "אמש": -1},
    "ar": {"أول أمس": -2, "أمس الأول": -2, "بعد غد": 2},
}

# Weekday forms that are mostly other words: Hebrew "שני" is "second" and "two", "ראשון"
# "first", "שבת" the Sabbath; the weekday is "יום שני".
_NOT_WEEKDAYS = {"he": frozenset("שני שלישי רביעי חמישי שישי שבת ראשון".split())}
# Relative to the story, not to publication: "the previous day", "the other day".
_NARRATIVE_RELATIVE = frozenset({"اليوم السابق", "geçen gün", "önümüzdeki gün"})

# Relative words that are also nouns for a part of the day, and two-day words. Each entry:
# (language, word) -> list of (regex on the text before the word, reading), reading being
# None (not a date: "la mañana" is the morning), or (days, prefix kept in `when`).
_MORNING = {
    # "en la mañana de este martes", "por la mañana", "cada mañana": the morning
    ("es", "mañana"): [(r"pasado\s+$", (2, True)),
                       (r"\besta\s+$", (0, True)),  # "esta mañana": this morning, today
                       (r"\b(?:la|una|esa|aquella|cada|toda|media|misma|buena|de|otra)\s+$",
                        None)],
    ("es", "ayer"): [(r"\bantes\s+de\s+$", (-2, True))],
    # "am Morgen", "jeden Morgen", "guten Morgen": the morning ("heute Morgen" is "heute")
    ("de", "morgen"): [(r"\b(?:am|dem|den|der|des|einem|einen|eines|jeden|jedem|diesen|"
                        r"diesem|guten|frühen|selben|gleichen|nächsten|folgenden)\s+$", None)],
    ("nl", "morgen"): [(r"(?:\b(?:de|deze|die|elke|iedere|een)\s+|['’]s\s*)$", None)],
    ("fr", "demain"): [(r"\baprès-$", (2, True))],
    ("fr", "hier"): [(r"\bavant-$", (-2, True))],
    ("pt", "amanhã"): [(r"\bdepois\s+de\s+$", (2, True))],
    ("it", "ieri"): [(r"\bl['’]altro\s*$", (-2, True))],
    # "היום שבו" is "the day when", "באותו היום" "on that day": not today
    ("he", "היום"): [(r"אותו\s+$", None)],
}
_MORNING_AFTER = {("he", "היום"): r"\s+(?:שבו|בו|ש)", ("es", "hoy"): r"\s+en\s+día\b",
                  ("ar", "اليوم"): r"\s+(?:التالي|الذي)"}


def _relative_reading(text: str, match_start: int, word_start: int, word: str,
                      language: str, n: int) -> tuple[int, int] | None:
    """How a relative word reads in its context: (days from publication, start of the
    expression), or None when it is not a date here ("la mañana", "am Morgen")."""
    key = (language, word.lower())
    after = _MORNING_AFTER.get(key)
    if after and re.match(after, text[match_start + len(word):match_start + len(word) + 12]):
        return None
    before = text[max(0, word_start - 16):word_start]
    for pattern, reading in _MORNING.get(key, ()):
        hit = re.search(pattern, before, re.IGNORECASE)
        if hit:
            if reading is None:
                return None
            return reading[0], word_start - len(before) + hit.start()
    if language == "de" and word[:1].isupper() and re.search(r"[\w,;]\s+$", before):
        # German writes the adverbs in lower case: a capitalised "Morgen" inside a sentence
        # is the noun (the morning), "im Heute Journal" a programme's name
        return None
    return n, match_start


@lru_cache(maxsize=32)
def _locale_tables(language: str) -> tuple[dict[str, int], dict[str, int], dict[str, tuple]]:
    """Month names, weekday names and relative phrases of a language (lower case)."""
    from dateparser.languages import default_loader

    try:
        info = default_loader.get_locale(language).info
    except Exception:  # unknown language code: no table
        return {}, {}, {}
    months: dict[str, int] = {}
    for i, key in enumerate(list(EN_MONTHS)[:12], 1):
        forms = [f for f in info.get(key, []) if isinstance(f, str)]
        longest = max(forms, key=len, default="")
        for f in forms:
            if len(f) >= 4 or f == longest or not f.isascii():
                months[f.lower()] = i
    weekdays: dict[str, int] = {}
    for i, key in enumerate(EN_WEEKDAYS):
        for f in info.get(key, []):
            if isinstance(f, str) and (len(f) >= 4 or not f.isascii() and len(f) >= 2) \
                    and "(" not in f and f.lower() not in _NOT_WEEKDAYS.get(language, ()):
                weekdays[f.lower()] = i
    relative: dict[str, tuple] = {}
    for key, forms in (info.get("relative-type") or {}).items():
        m = re.fullmatch(r"(in )?(\d+) (day|week|month|year)( ago)?", key)
        if not m or not (m.group(1) or m.group(4)):
            continue
        n = int(m.group(2)) * (1 if m.group(1) else -1)
        for f in forms:
            if len(f) >= 3 and not re.search(r"\b(?:mo|wk|yr|nd|sem)\b", f) and \
                    f.lower() not in _NARRATIVE_RELATIVE:
                relative[f.lower()] = (m.group(3), n)
    for word, days in _EXTRA_RELATIVE.get(language, {}).items():
        relative.setdefault(word, ("day", days))
    return months, weekdays, relative


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=32)
def _foreign_pattern(language: str) -> re.Pattern[str] | None:
    months, weekdays, relative = _locale_tables(language)
    if not months:
        return None
    cjk = language in ("zh", "ja")
    b = "" if cjk else r"(?<!\w)"
    if language == "he":  # prefixed particles: "ביום שני" (on Monday), "והיום" (and today)
        b = r"(?<!\w)(?:[ובלמהכש]{1,2}(?=\w))?"
    e = "" if cjk else r"(?!\w)"
    mo = _alternation(months)
    wd_prefix = rf"(?:(?P<dmy_wd>{_alternation(weekdays)})\s+)?" if weekdays and not cjk else ""
    parts = [] if cjk else [  # CJK months are "11月": see cjkm below
        rf"(?P<dmy>{b}{wd_prefix}(?P<dmy_d>\d{{1,2}})(?:er|\.|º)?\s*(?:de\s+)?(?P<dmy_m>{mo}){e}"
        rf"(?:,?\s*(?:de\s+|del\s+)?(?P<dmy_y>{_YEAR}){_YEAR_SUFFIX.get(language, '')})?)",
        rf"(?P<mdy>{b}(?P<mdy_m>{mo})\s*(?P<mdy_d>\d{{1,2}}){e}(?:,?\s*(?P<mdy_y>{_YEAR}))?)",
        rf"(?P<my>{b}(?P<my_m>{mo})\s+(?:de\s+)?(?P<my_y>{_YEAR}){e})",
    ]
    if language in _MONTH_CUES:
        parts.append(rf"(?P<mo>(?<!\w){_MONTH_CUES[language]}\s+(?P<mo_m>{mo}){e}"
                     rf"(?!\s+(?:de\s+)?{_YEAR}))")  # "en septembre 2018" is month-year
    if weekdays:
        parts.append(rf"(?P<wd>{b}(?P<wd_d>{_alternation(weekdays)}){e}"
                     rf"{_PART_OF_DAY.get(language, '')})")
    if relative:
        parts.append(rf"(?P<rel>{b}(?P<rel_w>{_alternation(relative)}){e}"
                     rf"{_PART_OF_DAY.get(language, '')})")
    parts.append(rf"(?P<yr>(?<!\d)(?P<yr_y>{_YEAR}){_YEAR_SUFFIX.get(language, '')}(?!\d)"
                 r"(?=\s*(?:года|году|г\.|年))|"
                 r"(?<!\w)(?:en|depuis|im\s+Jahr|seit|desde|в|с|до)\s+(?P<yr_y2>"
                 + _YEAR + r")(?!\d))")
    if cjk:
        parts.insert(0, r"(?P<cjk>(?:(?P<cjk_y>\d{4})年)?(?P<cjk_m>\d{1,2})月(?P<cjk_d>\d{1,2})"
                        r"日)|(?P<cjkd>(?<![\d月])(?P<cjkd_d>\d{1,2})日(?:夜|朝|午後|午前|晚|早)?)"
                        r"|(?P<cjkm>(?:(?P<cjkm_y>\d{4})年)?(?<!\d)(?P<cjkm_m>\d{1,2})月份?"
                        r"(?![\d日]))")
    parts.insert(0, r"(?P<num>(?<![\d.])(?P<num_d>[0-3]?\d)[./](?P<num_m>[01]?\d)[./](?P<num_y>"
                    + _YEAR + r")(?![\d]))")
    parts.append(r"(?P<tm>(?<!\d)(?P<tm_h>[01]?\d|2[0-3])(?:h|:)(?P<tm_min>[0-5]\d)(?!\d))")
    return re.compile("|".join(parts), re.IGNORECASE)


def _foreign_mention(m: re.Match[str], language: str, ref: date | None,
                     tense: int) -> DateMention | None:
    future, past = tense > 0, tense < 0
    g = m.groupdict()
    months, weekdays, relative = _locale_tables(language)
    text = m.group()
    ref_iso = ref.isoformat() if ref else ""
    iso, rank, year_written, span_end, yearless = "", DAY, 0, False, False
    if g.get("cjkm"):  # "11月", "6月份": a month
        if not 1 <= int(g["cjkm_m"]) <= 12:
            return None
        rank = MONTH
        year_written = int(g["cjkm_y"]) if g.get("cjkm_y") else 0
    elif g.get("cjk"):
        y = int(g["cjk_y"]) if g["cjk_y"] else None
        mo, d = int(g["cjk_m"]), int(g["cjk_d"])
        try:
            if y:
                iso = date(y, mo, d).isoformat()
            elif ref:
                cand = date(ref.year, mo, d)
                if cand > ref and not future:
                    cand = date(ref.year - 1, mo, d)
                iso = cand.isoformat()
        except ValueError:
            return None
    elif g.get("num"):
        try:
            iso = date(int(g["num_y"]), int(g["num_m"]), int(g["num_d"])).isoformat()
        except ValueError:
            return None
    elif g.get("cjkd"):
        d = int(g["cjkd_d"])
        if not ref or not 1 <= d <= 31:
            return None
        # a weekday written with it ("星期三（11日）") picks the month it fits
        wd_before = re.search(r"(\S{2,3})\s*[（(]\s*$", m.string[max(0, m.start() - 6):m.start()])
        wd = weekdays.get(wd_before.group(1)) if wd_before else None
        fits = []
        for back in (0, 1, -1):
            try:
                day = _month_start(ref, back).replace(day=d)
            except ValueError:
                continue
            if wd is not None and day.weekday() == wd:
                fits.append(day)
        if fits:
            iso = min(fits, key=lambda x: abs((x - ref).days)).isoformat()
        else:
            try:  # "16日": that day of this month, or of the previous one if still to come
                cand = ref.replace(day=d)
                if cand > ref and not future:
                    cand = _month_start(ref, 1).replace(day=d)
            except ValueError:
                return None
            iso = cand.isoformat()
    elif g.get("dmy") or g.get("mdy"):
        if g.get("dmy"):
            d, mname, y = g["dmy_d"], g["dmy_m"], g["dmy_y"]
        else:
            d, mname, y = g["mdy_d"], g["mdy_m"], g["mdy_y"]
        month = months.get(mname.lower())
        if not month or not 1 <= int(d) <= 31:
            return None
        if y:
            try:
                iso = date(int(y), month, int(d)).isoformat()
            except ValueError:
                return None
        elif ref:
            # dateparser knows the grammar of month names; the year follows our rule
            parsed = parse_explicit(f"{int(d)} {mname}", language, ref_iso, future)
            wd = weekdays.get((g.get("dmy_wd") or "").lower()) if g.get("dmy") else None
            if parsed:
                pd = date.fromisoformat(parsed)
                iso = _near_year(ref, pd.month, pd.day, future, past, wd)
                yearless = wd is None
    elif g.get("my"):  # "septembre 2018": a month, no day
        if not months.get(g["my_m"].lower()):
            return None
        rank, year_written = MONTH, int(g["my_y"])
        span_end = bool(_SPAN_END.search(m.string, max(0, m.start() - 12), m.start()))
    elif g.get("mo"):  # "en avril": a month, no day
        if not months.get(g["mo_m"].lower()):
            return None
        rank = MONTH
    elif g.get("wd"):
        wd = weekdays.get(g["wd_d"].lower())
        if wd is None:
            return None
        if ref:
            iso = weekday_date(ref, wd, future=future).isoformat()
    elif g.get("rel"):
        word = g["rel_w"]
        unit, n = relative[word.lower()]
        reading = _relative_reading(m.string, m.start(), m.start("rel_w"), word, language, n)
        if reading is None:
            return None  # "la mañana" is the morning, "am Morgen" too: not tomorrow
        n, start_at = reading
        rank = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}[unit]
        if ref and unit == "day":  # a week, a month or a year has no single day
            iso = (ref + timedelta(days=n)).isoformat()
        if start_at < m.start():
            return DateMention(start_at, m.end(), m.string[start_at:m.end()], iso, rank)
    elif g.get("yr"):
        year = g.get("yr_y") or g.get("yr_y2")
        rank, year_written = YEAR, int(year)
        span_end = bool(_SPAN_END.search(m.string, max(0, m.start() - 12), m.start("yr_y")
                                         if g.get("yr_y") else m.start("yr_y2")))
    elif g.get("tm"):
        rank = TIME
        iso = ref.isoformat() if ref else ""
    start, end = m.start(), m.end()
    when = text
    cue = re.match(r"(?:im\s+Jahr|le|la|el|am|den|the|on|en|depuis|im|seit|desde|в|с|до)\s+",
                   when, re.IGNORECASE)
    if cue and g.get("yr"):
        start += cue.end()
        when = when[cue.end():]
    return DateMention(start, end, when, iso, rank, year_written, span_end, yearless)


def find_dates(text: str, start: int, end: int, language: str, ref: date | None,
               tense_hint=None) -> list[DateMention]:
    """Date expressions in text[start:end]; tense_hint(pos) says whether the clause around
    a position speaks of the future (1), the past (-1) or cannot tell (0)."""
    out: list[DateMention] = []
    lang = (language or "en").split("-")[0].lower()
    patterns: list[tuple[str, re.Pattern[str]]] = [("en", EN_PATTERN)]
    if lang != "en":
        foreign = _foreign_pattern(lang)
        if foreign is not None:
            patterns.insert(0, (lang, foreign))
    taken: list[tuple[int, int]] = []
    for plang, pattern in patterns:
        for m in pattern.finditer(text, start, end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            tense = tense_hint(m.start()) if tense_hint else 0
            if plang == "en":
                mention = _en_mention(m, ref, tense)
            else:
                mention = _foreign_mention(m, plang, ref, tense)
            if mention is not None:
                out.append(mention)
                taken.append((m.start(), m.end()))
    out.sort(key=lambda d: d.start)
    return out
