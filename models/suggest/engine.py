"""Putting the rules together: quotes with speakers, claims with claimants, dated events."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, timedelta

from models.suggest.attribution import Attribution, Attributor
from models.suggest.claims import find_claims
from models.suggest.date_mention import DAY
from models.suggest.dates import find_dates
from models.suggest.events import find_events, is_dateline
from models.suggest.lexicon import (
    EN_MONTHS,
    FOREIGN_SPEECH,
    JA_AFTER,
    MONTH_NAMES,
    ZH_VERBS,
    foreign_verb_pattern,
)
from models.suggest.quotes import SIGNATURE_ONLY, Quote, find_quotes
from models.suggest.resolution import Resolver, credible
from models.suggest.speakers import People
from models.suggest.suggestion import KINDS, Suggestion
from models.suggest.text import Index, is_cjk, paragraphs
from models.suggest.verbs import EN_VERB_RE

_TWEET_SIGNATURE = re.compile(r"\s+[—–-]\s+[^()\n]{1,60}?\s+\(@\w+\)\s+(?P<date>(?:" +
                              "|".join(MONTH_NAMES) + r")\s+\d{1,2},\s+\d{4})\s*$",
                              re.MULTILINE)
_SHORT_QUOTE_CUES = re.compile(
    r"(?<![\w-])(?:called|calls|call|described|describes|dubbed|termed|labelled|labeled|"
    r"branded|praised|lauded|hailed|criticized|criticised|condemned|denounced|welcomed|"
    r"urged|asked\s+for|expressed|accused|attributed|wrote|quoted|qualifié|qualifie|"
    r"dénoncé|évoqué|назвал|назвала|bezeichnete|calificó)(?![\w-])", re.IGNORECASE)


# Nouns that name a work or an outlet just before its title in quotation marks
_WORK_BEFORE = re.compile(
    r"(?<!\w)(?:[ובלמהש]{0,2}(?:תוכנית|תכנית|סדרה|ספר|סרט|עיתון|מבצע|אתר)|"
    r"programme|program|show|series|book|film|movie|newspaper|magazine|operation|"
    r"émission|journal|livre|film|opération|programa|libro|película|diario|operación|"
    r"Sendung|Buch|Film|Zeitung|Magazin|передач[аиеу]|программ[аеуы]|книг[аеиу]|"
    r"фильм[аеу]?|газет[аеуы]|برنامج|كتاب|فيلم|صحيفة)\s*$", re.IGNORECASE)

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


def clean_name(name: str) -> str:
    """A name as a field value: no soft hyphens or zero-width marks, plain single spaces."""
    return " ".join(_INVISIBLE.sub("", name).split())


def _published(value: str) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def reference_date(text: str, published: str, language: str = "en") -> date | None:
    """The day relative dates count from: publication, or later when the text embeds posts
    dated after it (a live blog keeps its first publication date while it is written on)."""
    base = _published(published)
    latest = None
    for m in _TWEET_SIGNATURE.finditer(text):
        month, day, year = re.match(r"(\w+)\s+(\d+),\s+(\d+)", m.group("date")).groups()
        try:
            d = date(int(year), EN_MONTHS[month.lower()], int(day))
        except ValueError:
            continue
        latest = d if latest is None or d > latest else latest
    if latest and (base is None or base < latest <= base + timedelta(days=14)):
        return latest
    return base or dateline_date(text, language)


def dateline_date(text: str, language: str) -> date | None:
    """With no publication date, the article's own dateline ("Oct. 9, 2018", "Published
    March 14, 2025") near the top says when it was written."""
    for lo, hi in paragraphs(text[:3000])[:10]:
        found = [d for d in find_dates(text, lo, hi, language, None)
                 if d.rank == DAY and d.date]
        if found and is_dateline(text, lo, hi, found):
            return date.fromisoformat(found[0].date)
    return None


def _language(text: str, language: str) -> str:
    if language:
        return language.split("-")[0].lower()
    try:
        from models.language import detect_language
    except ImportError:  # keep suggestions working without the detector
        return "en"
    return detect_language(text) or "en"


_LONG_SENTENCE = 800
_CUE_REACH = 300


def _cue_spans(text: str, lo: int, hi: int, language: str) -> list[tuple[int, int]]:
    """Where speech cues stand in text[lo:hi], sorted."""
    patterns = [EN_VERB_RE, _SHORT_QUOTE_CUES]
    if language in FOREIGN_SPEECH:
        patterns.append(foreign_verb_pattern(language))
    return sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text, lo, hi))


def _is_scare(text: str, q: Quote, index: Index, language: str,
              cues: dict[int, list[tuple[int, int]]]) -> bool:
    """Scare quotes, names and titles in quotation marks: short, no one is said to say them."""
    if q.style in ("tweet", "block"):
        return False
    inner = text[q.start:q.end]
    words = inner.split()
    cjk = sum(1 for ch in inner if is_cjk(ch))
    punct = bool(re.search(r"[.!?,;:…。！？，、]", inner))
    sent = index.sentence(q.open_mark if q.open_mark >= 0 else q.start)
    left = q.open_mark if q.open_mark >= 0 else q.start
    right = q.close_mark + 1 if q.close_mark >= 0 else q.end
    if sent.end - sent.start > _LONG_SENTENCE:
        # only in text no writer punctuates so (real sentences are shorter): cues found once
        # per sentence and looked up a bounded way around the quotation (linear time)
        spans = cues.get(sent.start)
        if spans is None:
            spans = cues[sent.start] = _cue_spans(text, sent.start, sent.end, language)
        k = bisect_left(spans, (left - _CUE_REACH, -1))
        cue = False
        while k < len(spans) and spans[k][0] < right + _CUE_REACH:
            if spans[k][1] <= left or spans[k][0] >= right:
                cue = True
                break
            k += 1
    else:
        outside = text[sent.start:left] + " " + text[right:sent.end]
        cue = bool(EN_VERB_RE.search(outside) or _SHORT_QUOTE_CUES.search(outside))
        if not cue and language in FOREIGN_SPEECH:
            cue = bool(foreign_verb_pattern(language).search(outside))
    if not cue and q.close_mark >= 0:
        after = text[q.close_mark + 1:q.close_mark + 12]
        cue = bool(JA_AFTER.match(after) or re.match(r"[，,]?(?:" + ZH_VERBS + ")", after))
    if cjk > len(words):  # Chinese / Japanese: count characters
        short = cjk <= 6 and not punct
    else:
        short = len(words) <= 2
    if short:
        # no one says it, or it is a name («Боинг», “Air Force One”), not somebody's words;
        # after "the programme", "לתוכנית", "l’émission" it is the title of a work
        titled = q.open_mark >= 0 and bool(_WORK_BEFORE.search(
            text, max(0, q.open_mark - 20), q.open_mark))
        return not cue or titled or (inner[:1].isupper() and not punct)
    # a title in Title Case
    return not punct and not cue and all(w[:1].isupper() for w in words if len(w) > 3)


def _title_end(text: str, index: Index) -> int:
    if len(index.paras) < 2:
        return 0
    lo, hi = index.paras[0]
    return hi if text[hi - 1] not in ".!?。！？\"”»" else 0


class SuggestionsCancelled(Exception):  # noqa: N818 - reads as what happened
    """The caller's `cancelled()` said stop; nothing was produced."""


Progress = Callable[[int, int], object]
Cancelled = Callable[[], bool]


class _Steps:
    """Reports progress in fixed stages and stops the run when the caller cancels."""

    TOTAL = 100

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.progress, self.cancelled, self.done = progress, cancelled, 0

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise SuggestionsCancelled("Suggestions were cancelled.")

    def at(self, done: int) -> None:
        self.check()
        self.done = done
        if self.progress is not None:
            self.progress(done, self.TOTAL)

    def each(self, items: list, lo: int, hi: int):
        """Items of a long loop, checking for cancel and moving progress from lo to hi."""
        n = len(items)
        stride = max(1, n // 20)
        for k, item in enumerate(items):
            if k % stride == 0:
                self.at(lo + (hi - lo) * k // max(1, n))
            yield item
        self.at(hi)


_CACHE: OrderedDict[tuple, tuple[Suggestion, ...]] = OrderedDict()
_CACHE_SIZE = 16


def clear_cache() -> None:
    """Forget remembered results (benchmarks measure uncached runs)."""
    _CACHE.clear()


def _suggest(text: str, published: str, language: str, kinds: tuple[str, ...],
             steps: _Steps) -> tuple[Suggestion, ...]:
    key = (text, published, language, kinds)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        steps.at(steps.TOTAL)
        return _CACHE[key]
    found = _compute(text, published, language, kinds, steps)
    _CACHE[key] = found
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return found


def _compute(text: str, published: str, language: str, kinds: tuple[str, ...],
             steps: _Steps) -> tuple[Suggestion, ...]:
    steps.at(0)
    lang = _language(text, language)
    index = Index(text)
    steps.at(5)
    people = People(text, index, lang)
    steps.at(15)
    all_quotes = find_quotes(text, index)
    steps.at(20)
    att = Attributor(text, index, people, lang, all_quotes)
    cues: dict[int, list[tuple[int, int]]] = {}
    quotes = [q for q in steps.each(all_quotes, 20, 30)
              if not _is_scare(text, q, index, lang, cues)]
    quote_atts = [att.quote_attribution(q) for q in steps.each(quotes, 30, 55)]
    skip = [(q.start, q.end) for q in all_quotes if q.style in ("tweet", "block")]
    claims = find_claims(att, index, lang, skip)
    steps.at(70)

    # resolve names in reading order so pronouns see who spoke last
    resolver = Resolver(att.subjects)
    order: list[Attribution] = sorted([*quote_atts, *(c.attribution for c in claims)],
                                      key=lambda a: a.pos)
    for a in steps.each(order, 70, 80):
        resolver.resolve(a)
    if lang not in ("en", "zh", "ja"):
        # outside English a wrong name is worse than none: keep only credible speakers, and
        # drop claims nobody credible makes ("da", "Fall", "Lo", a dateline)
        for a in quote_atts:
            if a.name and not credible(people, a, lang):
                a.name = ""
        claims = [c for c in claims if credible(people, c.attribution, lang)]
    _inherit(text, index, quotes, quote_atts, claims)

    out: list[Suggestion] = []
    if "quote" in kinds:
        for q, a in zip(quotes, quote_atts, strict=True):
            out.append(Suggestion.make(text, "quote", q.start, q.end,
                                       speaker=clean_name(a.name)))
    if "claim" in kinds:
        for c in claims:
            out.append(Suggestion.make(text, "claim", c.start, c.end,
                                       claimant=clean_name(c.attribution.name),
                                       status="unverified"))
    if "event" in kinds:
        ref = reference_date(text, published, lang)
        event_skip = [(m.start(), m.end()) for m in _TWEET_SIGNATURE.finditer(text)]
        event_skip += [(lo, hi) for lo, hi in index.paras
                       if SIGNATURE_ONLY.match(text[lo:hi])]
        quoted = [(q.start, q.end) for q in all_quotes]
        steps.at(85)
        for e in find_events(text, index, lang, ref, event_skip, _title_end(text, index),
                             quoted, check=steps.check):
            out.append(Suggestion.make(text, "event", e.start, e.end, when=clean_name(e.when),
                                       date=e.date, where=clean_name(e.where)))
    steps.at(99)
    out.sort(key=lambda s: (s.start, s.end, KINDS.index(s.kind)))
    unique = {s.key(): s for s in out}  # the UI identifies suggestions by key
    steps.at(steps.TOTAL)
    return tuple(unique.values())


def _inherit(text: str, index: Index, quotes: list[Quote], atts: list[Attribution],
             claims) -> None:
    """Quotes with no attribution of their own take the speaker of the quote before them in
    the paragraph, the claimant of their sentence (when it is named near the quote), the
    quote after them, the claimant of the sentence before when they open a sentence, or the
    last quote of the previous paragraph when they open a paragraph (the speaker keeps
    talking). A quotation that is a paragraph by itself without a full stop is a heading
    ("“A smell of settling scores”"): nobody's words are carried over to it."""
    by_para: dict[int, list[int]] = {}
    para_of = [index.para_of(q.start) for q in quotes]
    for k, p in enumerate(para_of):
        by_para.setdefault(p, []).append(k)
    first_sent = [index.sent_of(q.start) for q in quotes]
    last_sent = [index.sent_of(q.end - 1) for q in quotes]
    # The next quote in the paragraph that names its own speaker (later quotes are not
    # changed before they are reached), and, as the loop goes, the last named one before:
    # each quote looks at one neighbour per side, so the cost stays linear in the quotes.
    next_named: dict[int, int] = {}
    for same in by_para.values():
        ahead = None
        for j in reversed(same):
            if ahead is not None:
                next_named[j] = ahead
            if atts[j].name:
                ahead = j
    last_named: dict[int, int] = {}
    claim_by_sentence = {c.attribution.sentence: c.attribution for c in claims
                         if c.attribution.name}
    paras = sorted(by_para)
    for k, q in enumerate(quotes):
        a, p = atts[k], para_of[k]
        if not a.name and q.style != "tweet":
            _inherit_one(text, index, k, q, a, quotes, atts, by_para, paras, last_named,
                         next_named, first_sent, last_sent, claim_by_sentence)
        if a.name:
            last_named[p] = k


def _inherit_one(text: str, index: Index, k: int, q: Quote, a: Attribution,
                 quotes: list[Quote], atts: list[Attribution], by_para: dict[int, list[int]],
                 paras: list[int], last_named: dict[int, int], next_named: dict[int, int],
                 first_sent: list[int], last_sent: list[int],
                 claim_by_sentence: dict) -> None:
    """One quote of _inherit: the speaker it takes, if any (see _inherit)."""
    p = index.para_of(q.start)
    lo, hi = index.paras[p]
    # A heading: the quotation is the whole paragraph (only a short one can be).
    if hi - lo <= 2 * (q.end - q.start) + 16 and not text[lo:hi].strip(
            " “”\"«»„「」‘’'\u00a0").replace(text[q.start:q.end].strip(" \u00a0"), "").strip() \
            and not re.search(r"[.!?。！？]\W*$", text[lo:hi]) \
            and len(text[q.start:q.end].split()) <= 8:
        return
    # only a neighbouring sentence's quote passes its speaker on
    prev = last_named.get(p)
    if prev is not None and a.sentence - last_sent[prev] > 1:
        prev = None
    nxt = next_named.get(k)
    if nxt is not None and first_sent[nxt] - last_sent[k] > 1:
        nxt = None
    claim = claim_by_sentence.get(a.sentence)
    if claim is not None and claim.referent is not None and \
            abs(q.open_mark - claim.referent.pos) > 200:
        claim = None  # the sentence's claimant is named far from the quotation
    before = claim_by_sentence.get(a.sentence - 1)
    opens = q.open_mark >= 0 and not text[index.sents[a.sentence].start:q.open_mark].strip()
    if prev is not None:
        a.name = atts[prev].name
    elif claim is not None:
        a.name = claim.name
    elif nxt is not None:
        a.name = atts[nxt].name
    elif before is not None and opens and index.para_of(
            index.sents[a.sentence - 1].start) == p:
        a.name = before.name  # "X hinted that ... . “...”": X goes on
    elif q.open_mark == index.paras[p][0] or q.start == index.paras[p][0]:
        i = bisect_left(paras, p)  # the paragraph with quotes before this one
        if i and paras[i - 1] >= p - 2:
            last = by_para[paras[i - 1]][-1]
            a.name = atts[last].name


def suggest(text: str, *, published: str = "", language: str = "", kinds=KINDS,
            progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> list[Suggestion]:
    """Suggestions for a text. `progress(done, total)` is called as the work advances (from
    0 to total, total fixed at 100); `cancelled()` is asked between steps, and when it
    returns True the run stops by raising SuggestionsCancelled (nothing is returned or
    remembered). Both are called on the calling thread, so a worker can run this."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"Unknown kind {sorted(unknown)[0]!r}; use claim, quote or event.")
    steps = _Steps(progress, cancelled)
    if not text.strip():
        steps.at(steps.TOTAL)
        return []
    return list(_suggest(text, published or "", language or "", tuple(sorted(set(kinds))),
                         steps))
