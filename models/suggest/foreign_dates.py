"""Date expressions in other languages, built from dateparser's locale tables (month and
weekday names, relative words) with the words they lack and the ones that are not dates
there ("la mañana", "am Morgen"), and what day each pins."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from models.suggest.date_mention import (
    DAY,
    MONTH,
    SPAN_END,
    TIME,
    WEEK,
    YEAR,
    YEAR_NUMBER,
    DateMention,
    month_start,
    near_year,
    parse_explicit,
    weekday_date,
)
from models.suggest.lexicon import EN_MONTHS, EN_WEEKDAYS

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
def foreign_pattern(language: str) -> re.Pattern[str] | None:
    """Every date expression of the language; None without a locale table."""
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
        rf"(?:,?\s*(?:de\s+|del\s+)?(?P<dmy_y>{YEAR_NUMBER}){_YEAR_SUFFIX.get(language, '')})?)",
        rf"(?P<mdy>{b}(?P<mdy_m>{mo})\s*(?P<mdy_d>\d{{1,2}}){e}(?:,?\s*(?P<mdy_y>{YEAR_NUMBER}))?)",
        rf"(?P<my>{b}(?P<my_m>{mo})\s+(?:de\s+)?(?P<my_y>{YEAR_NUMBER}){e})",
    ]
    if language in _MONTH_CUES:
        parts.append(rf"(?P<mo>(?<!\w){_MONTH_CUES[language]}\s+(?P<mo_m>{mo}){e}"
                     rf"(?!\s+(?:de\s+)?{YEAR_NUMBER}))")  # "en septembre 2018" is month-year
    if weekdays:
        parts.append(rf"(?P<wd>{b}(?P<wd_d>{_alternation(weekdays)}){e}"
                     rf"{_PART_OF_DAY.get(language, '')})")
    if relative:
        parts.append(rf"(?P<rel>{b}(?P<rel_w>{_alternation(relative)}){e}"
                     rf"{_PART_OF_DAY.get(language, '')})")
    parts.append(rf"(?P<yr>(?<!\d)(?P<yr_y>{YEAR_NUMBER}){_YEAR_SUFFIX.get(language, '')}(?!\d)"
                 r"(?=\s*(?:года|году|г\.|年))|"
                 r"(?<!\w)(?:en|depuis|im\s+Jahr|seit|desde|в|с|до)\s+(?P<yr_y2>"
                 + YEAR_NUMBER + r")(?!\d))")
    if cjk:
        parts.insert(0, r"(?P<cjk>(?:(?P<cjk_y>\d{4})年)?(?P<cjk_m>\d{1,2})月(?P<cjk_d>\d{1,2})"
                        r"日)|(?P<cjkd>(?<![\d月])(?P<cjkd_d>\d{1,2})日(?:夜|朝|午後|午前|晚|早)?)"
                        r"|(?P<cjkm>(?:(?P<cjkm_y>\d{4})年)?(?<!\d)(?P<cjkm_m>\d{1,2})月份?"
                        r"(?![\d日]))")
    parts.insert(0, r"(?P<num>(?<![\d.])(?P<num_d>[0-3]?\d)[./](?P<num_m>[01]?\d)[./](?P<num_y>"
                    + YEAR_NUMBER + r")(?![\d]))")
    parts.append(r"(?P<tm>(?<!\d)(?P<tm_h>[01]?\d|2[0-3])(?:h|:)(?P<tm_min>[0-5]\d)(?!\d))")
    return re.compile("|".join(parts), re.IGNORECASE)


def foreign_mention(m: re.Match[str], language: str, ref: date | None,
                    tense: int) -> DateMention | None:
    """The mention a foreign_pattern(language) match makes; None when it is no date."""
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
                day = month_start(ref, back).replace(day=d)
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
                    cand = month_start(ref, 1).replace(day=d)
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
                iso = near_year(ref, pd.month, pd.day, future, past, wd)
                yearless = wd is None
    elif g.get("my"):  # "septembre 2018": a month, no day
        if not months.get(g["my_m"].lower()):
            return None
        rank, year_written = MONTH, int(g["my_y"])
        span_end = bool(SPAN_END.search(m.string, max(0, m.start() - 12), m.start()))
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
        span_end = bool(SPAN_END.search(m.string, max(0, m.start() - 12), m.start("yr_y")
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
