"""Attribution: the subject of a reporting verb around a quotation or a reported claim, and
turning pronouns, roles and surnames into the person's fullest name, in reading order."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from models.suggest.lexicon import (
    ACCORDING_TO,
    ADVERBS,
    COMPLEMENTIZERS,
    EN_SPEECH,
    FOREIGN_DETERMINERS,
    FOREIGN_PREPOSITIONS,
    FOREIGN_PRONOUNS,
    HUMAN_HEADS,
    HUMAN_STEMS,
    JA_AFTER,
    JA_BEFORE,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    SUBORDINATORS,
    WEEKDAY_NAMES,
    ZH_VERBS,
    foreign_verb_pattern,
)
from models.suggest.quotes import Quote
from models.suggest.speakers import People, Referent
from models.suggest.text import ABBREVIATIONS, Index

_CHUNK_MARKS = re.compile(r"[()\[\],—–]")
_CLAUSE_MARKS = re.compile(r"[.!?;]")

# English reporting verbs are matched in lower case only: "States", "Claims", "Post" in names
# and headlines are not verbs. "According to" may start a sentence.
EN_VERB_RE = re.compile(r"(?<![\w-])(?:" + EN_SPEECH + r"|According\s+to)(?![\w-])")


def _foreign_verbs(language: str) -> re.Pattern[str] | None:
    return foreign_verb_pattern(language)


# "DAMASCUS, Syria (CNN) --", "PARIS (AFP) -": a dateline, not the subject of what follows
_DATELINE = re.compile(r"\((?:CNN|AFP|AP|Reuters|dpa|EFE|ANSA|Xinhua|UPI|PTI|BBC|AA|KUNA|"
                       r"SANA|WAFA|Interfax|ТАСС|РИА Новости)\)\s*[-—–]+\s*")
# German "so" attributes only as ", so Merkel." / "so der Minister," (a name, then a stop)
_DE_SO = re.compile(r"(?:^|(?<=[,;:(–—-])\s?|(?<=[,;:(–—-]\s))[Ss]o\s+(?:der|die|das|ein|eine)?"
                    r"\s*[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,3}\s*[,.;)–—]")
# Stops for a subject phrase after a verb: punctuation, Arabic comma, and dashes
_NP_STOP = ",;:.()\n!?،؛—–"


_TIME_WORDS = re.compile(
    r"(?:\s*(?:on|late|early|earlier|later|last|this)?\s*(?:" + "|".join(WEEKDAY_NAMES) +
    r"|today|yesterday|tonight|morning|afternoon|evening|night|week|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|matin|soir|mardi|dimanche|"
    r"вчера|сегодня|ayer|hoy|gestern|heute)\b,?)+", re.IGNORECASE)
_PRO_DROP = frozenset("es it pt ca he ar ru pl".split())
# Arabic and Hebrew prepositions that end a subject phrase ("وشدد الائتلاف على ...")
_RTL_PREPOSITIONS = frozenset("على في إلى عن مع منذ خلال عبر את על עם אל".split())


def _human_stems(language: str) -> tuple[str, ...]:
    return tuple(HUMAN_STEMS.get(language, "").split())


def credible(people: People, attribution: Attribution, language: str) -> bool:
    """Outside English, whether a speaker or claimant names someone: a person's name (a
    German one needs a first name or a title), a role resolved to a person, or a
    description headed by a person, office or body ("el dirigente partidista", "جهات سورية
    معارضة"); never a time word, a pronoun left unresolved or a fragment ("Lo", "Fall")."""
    name = attribution.name.strip()
    ref = attribution.referent
    if not name:
        return False
    if attribution.hint or ref is None:
        return True
    words = name.split()
    core = re.sub(r"^[lLdD][’']", "", name)  # "l’Arcep"
    if ref.kind in ("person", "role", "pronoun", "zero"):
        if name in people.person_names():
            return True
        if ref.kind == "person" and language not in ("de", "he", "ar"):
            # these languages capitalise names only: one capitalised word inside a sentence
            # is a name ("comme l’a souligné l’Arcep"); at its start it may be any word
            return bool(len(words) >= 2 or core in people.mid_caps or core.isupper() or \
                people.text[people.index.sentence(ref.pos).start:ref.pos].strip(" “\"«„("))
        if ref.kind in ("pronoun", "zero"):
            return any(name == c.canonical for c in people.clusters) or _headed(name, language)
        return False
    # a description, or a body's name ("Consejo Electoral Nacional", "Arcep")
    if _headed(name, language):
        return True
    if language in ("de", "he", "ar"):
        return False
    capitals = sum(w[:1].isupper() for w in words)
    return capitals >= 2 or (len(words) == 1 and core[:1].isupper() and core in people.mid_caps)


def _headed(phrase: str, language: str) -> bool:
    stems = _human_stems(language)
    head = []
    for w in re.findall(r"[\w’'\"-]+", phrase.lower()):
        if head and (w in PREPOSITIONS or w in FOREIGN_PREPOSITIONS):
            break
        head.append(w)
    return any(w.startswith(stems) or w.lstrip("וה").startswith(stems) for w in head[:4]) \
        if stems else False


@dataclass
class Attribution:
    """A quote's or claim's raw attribution, resolved to a name in reading order."""

    pos: int
    referent: Referent | None
    sentence: int
    name: str = ""
    hint: str = ""  # a name the text states outright (tweets), used as is
    weak: bool = False  # "according to X": X is rarely what a later "he" refers to


class Attributor:
    def __init__(self, text: str, index: Index, people: People, language: str,
                 quotes: Iterable[Quote]) -> None:
        self.text = text
        self.index = index
        self.people = people
        self.language = (language or "en").split("-")[0].lower()
        self.foreign = _foreign_verbs(self.language)
        spans = sorted((q.open_mark if q.open_mark >= 0 else q.start,
                        q.close_mark + 1 if q.close_mark >= 0 else q.end) for q in quotes)
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.quote_spans = merged
        self._quote_starts = [s for s, _ in merged]
        self._all_verbs: list[re.Match[str]] | None = None  # see last_verb
        self._verb_ends: list[int] = []

    # -- helpers ---------------------------------------------------------------------------

    def inside_quote(self, pos: int) -> bool:
        k = bisect_right(self._quote_starts, pos) - 1
        return k >= 0 and pos < self.quote_spans[k][1]

    def quoted_chars(self, start: int, end: int) -> int:
        """How many characters of [start, end) lie inside quotations."""
        k = max(0, bisect_right(self._quote_starts, start) - 1)
        total = 0
        while k < len(self.quote_spans) and self.quote_spans[k][0] < end:
            s, e = self.quote_spans[k]
            total += max(0, min(e, end) - max(s, start))
            k += 1
        return total

    def verbs(self, start: int, end: int) -> list[re.Match[str]]:
        found = [m for m in EN_VERB_RE.finditer(self.text, start, end)]
        found += self.foreign_verbs(start, end)
        found = [m for m in found if not self.inside_quote(m.start())]
        return sorted(found, key=lambda m: m.start())

    def last_verb(self, start: int, end: int) -> re.Match[str] | None:
        """verbs(start, end)[-1], from one scan of the whole text made the first time: this
        is asked once per quote about the sentence before it, and scanning that sentence
        each time would cost the sentence's length per quote."""
        if self._all_verbs is None:
            self._all_verbs = self.verbs(0, len(self.text))
            self._verb_ends = [m.end() for m in self._all_verbs]
        k = bisect_right(self._verb_ends, end) - 1
        if k >= 0 and self._all_verbs[k].start() >= start:
            return self._all_verbs[k]
        return None

    def foreign_verbs(self, start: int, end: int) -> list[re.Match[str]]:
        """The language's own reporting verbs in text[start:end] (German "so" only in
        ", so Merkel." and "So der Minister,")."""
        if self.foreign is None:
            return []
        return [m for m in self.foreign.finditer(self.text, start, end)
                if not (self.language == "de" and m.group().lower() == "so")
                or (_DE_SO.match(self.text, m.start())
                    and self._sentence_start_or_comma(m.start()))]

    def _sentence_start_or_comma(self, pos: int) -> bool:
        before = self.text[self.index.sentence(pos).start:pos].rstrip()
        return not before or before[-1] in ",;:(–—-"

    def clause_end(self, pos: int, limit: int) -> int:
        """End of the clause or sentence that starts at pos (first . ! ? ; not after Mr),
        looked for no further than the paragraph's end (callers may pass the text's end:
        without that bound, a text without full stops costs its whole rest per verb)."""
        text = self.text
        limit = min(limit, self.index.paras[self.index.para_of(pos)][1])
        for m in _CLAUSE_MARKS.finditer(text, pos, limit):
            i = m.start()
            if text[i] == ".":
                word = re.search(r"([\w.]+)$", text[max(pos, i - 10):i])
                if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                    continue
                if i + 1 < len(text) and text[i + 1].isalnum():
                    continue
            return i
        return limit

    def _split_chunks(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Comma-separated chunks of text[lo:hi], ignoring commas inside quotes/brackets.

        Only the punctuation is visited (a regex finds it), not every character: this runs
        once per quote over the sentence before it, so it sets the cost of long sentences."""
        text = self.text
        chunks = []
        depth = 0
        start = lo
        for m in _CHUNK_MARKS.finditer(text, lo, hi):
            i = m.start()
            ch = text[i]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth = max(0, depth - 1)
            elif depth == 0 and not self.inside_quote(i) and not (
                    ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit()
                    and text[i + 1].isdigit()):
                if i > start:
                    chunks.append((start, i))
                start = i + 1
        if start < hi:
            chunks.append((start, hi))
        return [(s, e) for s, e in chunks if text[s:e].strip()]

    def _strip_trailing(self, lo: int, hi: int) -> int:
        text = self.text
        while True:
            m = re.search(r"([\w’'-]+)\s*$", text[lo:hi])
            if not m:
                return hi
            word = m.group(1)
            low = word.lower()
            if low in ADVERBS or (word.islower() and low.endswith("ly") and len(low) > 4
                                   and low not in {"family", "supply", "rally", "ally",
                                                   "italy", "assembly", "reply"}):
                hi = lo + m.start()
                continue
            return hi

    # -- subjects --------------------------------------------------------------------------

    def subject_before(self, lo: int, hi: int) -> Referent | None:
        """Subject of a verb starting at hi, looking back no further than lo."""
        text = self.text
        for i in range(hi - 1, lo - 1, -1):
            if (text[i] in "”»」\"" and self.inside_quote(i)) or (
                    text[i] in ";:" and not self.inside_quote(i)):
                lo = i + 1  # the clause starts after an earlier quotation or a semicolon
                break
        datelines = list(_DATELINE.finditer(text, lo, hi))
        if datelines:
            lo = datelines[-1].end()  # "دمشق، سوريا (CNN) -- أكدت ...": the dateline is no subject
        hi = self._strip_trailing(lo, hi)
        seg = text[lo:hi].rstrip()
        if not seg.strip(" ,.:;!?—–-\u00a0\"“”«»"):
            return None
        hi = lo + len(seg)
        chunks = self._split_chunks(lo, hi)
        if not chunks:
            return None
        if seg.endswith((",", "—", "–")):
            # "Ms. Haley, who ..., said": the subject is the first chunk that is a noun phrase
            candidates = []
            for s, e in chunks:
                first = re.match(r"\s*([\w’'-]+)", text[s:e])
                w = first.group(1).lower() if first else ""
                if w in SUBORDINATORS or w in PREPOSITIONS or w in ("who", "which", "whose",
                                                                     "where", "qui", "dont") \
                        or (w.endswith("ing") and first and first.group(1)[0].isupper()):
                    continue
                candidates.append((s, e))
            for k, (s, e) in enumerate(candidates):
                ref = self.people.referent(s, e)
                if ref is None:
                    continue
                if ref.kind in ("person", "pronoun", "role"):
                    return ref
                if k + 1 < len(candidates):
                    nxt = self.people.referent(*candidates[k + 1])
                    if nxt is not None and nxt.kind == "person":
                        return nxt
                return ref
            return None
        s, e = chunks[-1]
        ref = self.people.referent(s, e)
        first = re.match(r"\s*([\w’'-]+)", text[s:e])
        if self.language != "en" and first and first.group(1).lower() in RELATIVE_PRONOUNS \
                and len(chunks) > 1 and (ref is None or ref.kind == "np"):
            # "..., Roberto Morales Ojeda, quien también enfatizó": the relative's antecedent
            # ("..., which he said" keeps its own subject)
            return self.people.referent(*chunks[-2])
        return ref

    def np_after(self, pos: int, limit: int) -> Referent | None:
        """Subject after an inverted verb: 'said Steve Cowan, a spokesman ...'."""
        text = self.text
        limit = min(limit, pos + 300)  # a subject is a short phrase: bounded work per verb
        m = _TIME_WORDS.match(text, pos)
        if m and m.end() > pos:
            pos = m.end()
        while pos < limit and text[pos] in " \u00a0":
            pos += 1
        if self.language != "en":  # "dijo ayer el ministro", "אמר אתמול:"
            pos = self._skip_time(pos, limit)
        end = pos
        stops = _NP_STOP if self.language != "en" else ",;:.()\n!?"
        while end < limit and text[end] not in stops or (
                end < limit and text[end] == "." and re.match(r"[A-Z]\.$|Mr|Ms|Mrs|Dr|Lt",
                                                             text[max(pos, end - 3):end + 1])):
            end += 1
        rel = re.search(r"\s(?:who|which|whose|whom|that|qui|que|который|которая)\s",
                        text[pos:end])
        if rel:
            end = pos + rel.start()  # "says a woman who auditioned ..." -> "a woman"
        if self.language != "en":
            cut = re.search(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(
                COMPLEMENTIZERS | RELATIVE_PRONOUNS | _RTL_PREPOSITIONS, key=len, reverse=True)))
                + r")(?!\w)|[“”«»„「]|(?<!\w)\"|\"(?!\w)|\s-\s|(?<=\w)-\s", text[pos:end])
            if cut:  # "أكدت جهات سورية معارضة أن ...", "el dirigente partidista- debe"
                end = pos + cut.start()
            lead = re.match(r"\s*([\w’'-]+)", text[pos:end])
            if lead and (lead.group(1).lower() in FOREIGN_PREPOSITIONS or
                         lead.group(1) in _RTL_PREPOSITIONS):
                return None  # "dijo en ...", "دعا في بيان": not a subject
        end = self._before_time(pos, end)  # "the port authority in January"
        phrase = text[pos:end].strip(" -\u00a0")
        if not phrase:
            return None
        first = phrase.split()[0].lower()
        if first in PREPOSITIONS or first in {"in", "about", "that", "it", "to"}:
            return None
        if self.language != "en" and self.is_time(pos, end):
            return None
        return self.people.referent(pos, end)

    def _before_time(self, pos: int, end: int) -> int:
        """Where a subject phrase ends before a date in it ("the port authority in
        January", "el ministro el martes"): the date and its preposition are not the name."""
        from models.suggest.dates import find_dates

        for d in find_dates(self.text, pos, end, self.language, None):
            if d.start > pos and d.rank >= 3 and self.text[pos:d.start].strip(" ,"):
                cut = d.start
                m = re.search(r"\s+(?:(?:in|on|at|during|since|last|this|early|late|en|le|"
                              r"la|el|am|im|au|à|de|del|des)\s+)*$", self.text[pos:cut],
                              re.IGNORECASE)
                return pos + m.start() if m else cut
        return end

    def _skip_time(self, pos: int, limit: int) -> int:
        """Past date and time words at pos ("jeudi", "ayer", "אתמול")."""
        from models.suggest.dates import find_dates

        text = self.text
        while True:
            m = re.match(r"[\s\u00a0]*", text[pos:limit])
            p = pos + m.end()
            found = [d for d in find_dates(text, p, min(limit, p + 40), self.language, None)
                     if d.start == p or not text[p:d.start].strip(" ,")
                     or re.fullmatch(r"\s*(?:el|la|le|am|en|este|esta|ce|cette)\s*",
                                     text[p:d.start], re.IGNORECASE)]
            if not found:
                return p
            pos = found[0].end

    def is_time(self, start: int, end: int) -> bool:
        """The phrase is a date or time word ("אתמול", "hier", "Heute"), not a speaker."""
        from models.suggest.dates import find_dates

        phrase = self.text[start:end]
        letters = sum(1 for ch in phrase if ch.isalpha())
        if not letters:
            return False
        covered = sum(sum(1 for ch in d.text if ch.isalpha())
                      for d in find_dates(self.text, start, end, self.language, None))
        return covered >= letters * 0.6

    def np_follows(self, pos: int, limit: int) -> bool:
        """Whether the words after a verb at pos begin a noun phrase (its inverted subject:
        "a déclaré jeudi le ministre", "sagte Merkel", "заявил премьер-министр") rather than
        the rest of the clause ("afirmó que ...", "sagte darin, dass ...", "destacó la ...")."""
        text = self.text
        pos = self._skip_time(pos, limit)
        m = re.match(r"[\s\u00a0]*([^\W\d_][\w’'-]*)", text[pos:limit])
        if not m:
            return False
        word = m.group(1)
        low = word.lower()
        if low in COMPLEMENTIZERS or low in RELATIVE_PRONOUNS or re.match(r"qu[’']", low):
            return False
        if low in FOREIGN_DETERMINERS or low in FOREIGN_PRONOUNS or low.startswith(("l’", "l'")):
            return True
        if word[:1].isupper():
            return True
        if not word[:1].islower():  # scripts without case: Hebrew, Arabic
            return low not in FOREIGN_PREPOSITIONS
        return any(low.startswith(stem) for stem in _human_stems(self.language))

    def sentence_subject(self, sent_index: int, before: int) -> Referent | None:
        """The person (or he/she) in subject position of a sentence: the first chunk that
        is not an introductory phrase. Used for coordinated verbs and pronouns."""
        text = self.text
        sent = self.index.sents[sent_index]
        nps: Referent | None = None
        for s, e in self._split_chunks(sent.start, min(sent.end, before)):
            stamp = re.match(r"\s*\d{1,2}[.:]\d{2}\s+", text[s:e])  # live-blog time stamp
            if stamp:
                s += stamp.end()
            first = re.match(r"[\s“\"«]*([\w’'.-]+)", text[s:e])
            if not first:
                continue
            word = first.group(1)
            low = word.lower().rstrip(".")
            if low in SUBORDINATORS or low in PREPOSITIONS or low in ("who", "which") or (
                    word.endswith("ing") and word[:1].isupper()):
                continue
            if low in ("he", "she"):
                return Referent("pronoun", low, s + first.start(1), "m" if low == "he" else "f")
            run = self._leading_person(s, e)
            if run is not None:
                return Referent("person", self.people.canonical(run.words, run.name_start),
                                run.name_start)
            if nps is None:
                m = re.match(r"\s*((?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:[\w-]+\s+){0,3}?(?:" +
                             "|".join(HUMAN_HEADS) + r"))\b", text[s:e])
                nps = Referent("np", re.sub(r"^(?:[Aa]n?|[Tt]he|[Oo]ne)\s+", "", m.group(1)),
                               s) if m else None
            continue  # "The daughter of immigrants from India, Ms. Haley favored ..."
        return nps

    def _leading_person(self, s: int, e: int):
        """A person's name run that opens text[s:e], possibly after organisation names and
        role nouns ("CNBC executive Andy Friendly", "Union secretary Daniel Achterberg")."""
        for run in self.people.runs_in(s, e):
            if self.inside_quote(run.start):
                continue
            before = re.sub(r"^\s*\d{1,2}[.:]\d{2}\s+", "", self.text[s:run.start])
            before = before.strip(" “\"«\u00a0")
            if before:
                words = re.findall(r"[\w’'&-]+", before)
                if len(words) > 4 or any(w.lower() in PREPOSITIONS or w.lower() in
                                         SUBORDINATORS for w in words) or "," in before:
                    return None
            if not run.is_person or run.possessive:
                continue  # an organisation before the role noun: "CNBC executive ..."
            return run
        return None

    # -- quotes ----------------------------------------------------------------------------

    def quote_attribution(self, q: Quote) -> Attribution:
        text = self.text
        sent_index = self.index.sent_of(q.start)
        if q.style == "tweet":
            return Attribution(q.start, None, sent_index, hint=q.speaker_hint)
        if q.style == "block":
            intro_para = self.index.paras[self.index.para_of(q.intro_end - 1)]
            lo = self.index.sentence(q.intro_end - 1).start
            verbs = self.verbs(max(lo, intro_para[0]), q.intro_end)
            ref = self._subject_of(verbs[-1], lo) if verbs else None
            return Attribution(q.start, ref, sent_index)
        inner = text[q.start:q.end].rstrip(" ’'\"»\u00a0")
        after_ready = q.close_mark >= 0 and (
            inner[-1:] in ",!?…—–-" or text[q.close_mark + 1:q.close_mark + 2] in (",", "—")
            or bool(re.match(r"\s*[-—–]\s", text[q.close_mark + 1:q.close_mark + 4]))
        )
        if self.language in ("ja", "zh") or q.style == "cjk":
            ref = self._cjk_attribution(q)
            if ref is not None:
                return Attribution(q.start, ref, sent_index)
        first, second = (self._after, self._before) if after_ready else (self._before,
                                                                         self._after_loose)
        ref = first(q) or second(q)
        return Attribution(q.start, ref, sent_index)

    def _subject_of(self, verb: re.Match[str], lo: int) -> Referent | None:
        text = self.text
        word = verb.group().lower()
        if word.startswith("according") or word in ACCORDING_TO:
            return self.np_after(verb.end(), self.clause_end(verb.end(), len(text)))
        if word.startswith("לדברי") and len(word) > 5:  # "לדבריו": according to him
            g = {"ו": "m", "ה": "f"}.get(word[5:], "p")
            return Referent("pronoun", "הוא" if g == "m" else "היא", verb.start(), g)
        if self.language == "ar":  # verb-subject order: "قال الرئيس ..."
            after = self.np_after(verb.end(), self.clause_end(verb.end(), len(text)))
            if after is not None:
                return after
        if self.language != "en":
            return self._foreign_subject(verb, lo)
        ref = self.subject_before(lo, verb.start())
        if ref is not None and ref.kind == "coord":
            ref = self.sentence_subject(self.index.sent_of(verb.start()), verb.start())
        inverted = text[lo:verb.start()].rstrip().endswith((",", "—", "–", "-"))
        if inverted and (self.language != "en" or ref is None or ref.kind == "np"):
            # "..., a déclaré jeudi le ministre", "..., says search chief."
            after = self.np_after(verb.end(), self.clause_end(verb.end(), len(text)))
            if after is not None and (after.kind in ("person", "role", "pronoun") or (
                    len(after.value.split()) <= 6 and self.language != "en")
                    or ref is None or self._human_np(after.value)):
                return after
        if ref is None or (ref.kind == "np" and inverted):
            after = self.np_after(verb.end(), self.clause_end(verb.end(), len(text)))
            if after is not None and after.kind == "person" and (
                    ref is None or not self._human_np(ref.value)):
                return after
            if ref is None and after is not None and self.language != "en":
                return after
        return ref

    def _foreign_subject(self, verb: re.Match[str], lo: int) -> Referent | None:
        """Subject of a reporting verb outside English, decided by the words around it:
        - "X, Y, afirmó que ...", "Pérez Fernández subrayó": the name before the verb;
        - "..., a déclaré jeudi le ministre", "In diesem Fall antwortete er": after it;
        - "Nada —agregó— puede", "La política de cuadros, enfatizó, requiere", "Lo dijo",
          "Comentó que ...": no subject written (Spanish, Hebrew and Arabic drop it): the
          person speaking before, resolved in reading order."""
        text = self.text
        limit = self.clause_end(verb.end(), len(text))
        before = text[lo:verb.start()].rstrip(" \u00a0")
        follows = self.np_follows(verb.end(), limit)
        after = self._after_with_name(verb.end(), limit) if follows else None
        zero = Referent("zero", "", verb.start())
        if before.endswith((",", "—", "–", "-", "(")) and re.match(
                r"[\s\u00a0]*(?:[,—–)]|-(?!\w)|$)", text[verb.end():limit]):
            return zero  # a verb between commas or dashes with nothing of its own
        topic = re.match(r"[\s\u00a0]*و?أما\s+([^،,]{2,60})[،,]", text[lo:verb.start()])
        if topic and self.language == "ar":  # "أما الائتلاف ...، فقد دعا": as for X, it called
            return self.people.referent(lo + topic.start(1), lo + topic.end(1))
        chunks = self._split_chunks(lo, verb.start())
        if not chunks:
            return after or zero  # "Comentó que ...": the verb opens the sentence
        last = chunks[-1]
        words = re.findall(r"[\w’'-]+", text[last[0]:last[1]])
        lead_word = words[0].lower() if words else ""
        if words and all(w.lower() not in FOREIGN_PRONOUNS and w.lower() in
                         self.people.stop_words for w in words):
            return after or zero  # "Lo dijo porque ...": a clitic, no subject
        if before.endswith((",", "—", "–", "-", "»", "”", "\"")):
            # an appositive name right before the verb ("..., Aylín Álvarez García, destacó")
            # walk back over appositive descriptions ("Susely Morfa González, primera
            # secretaria del Partido en Matanzas, comentó") and relative clauses, but not into
            # a clause of its own ("Un troisième Français a été tué ..., a déclaré")
            if after is not None and after.kind in ("person", "role", "pronoun"):
                return after  # "..., сообщил премьер-министр Малайзии Наджиба Разака"
            for s, e in reversed(chunks[-3:]):
                if len(re.findall(r"\w+", text[s:e])) > 12:
                    break
                near = self.people.referent(s, e)
                if near is not None and near.kind in ("person", "role", "pronoun") and \
                        self._mostly_name(s, e, near):
                    return near
            if after is not None:
                return after  # the statement came first: "..., a ajouté Laurent Fabius"
            return None
        if lead_word in FOREIGN_PREPOSITIONS or lead_word in PREPOSITIONS or \
                self.is_time(*last):
            # verb-second: "In diesem Fall antwortete er", "Gestern sagte die Ministerin"
            return after
        ref = self.subject_before(lo, verb.start())
        if ref is None or (ref.kind == "np" and after is not None and after.kind in (
                "person", "role", "pronoun")):
            return after
        if ref.kind == "np" and not _headed(ref.value, self.language) and not any(
                w[:1].isupper() and (k > 0 or w in self.people.mid_caps)
                for k, w in enumerate(ref.value.split())):
            # the words before the verb name nobody ("comme l’a souligné l’Arcep"): the
            # subject follows it, or, where the verb carries it, is the one speaking before
            # ("בהודעה מיוחדת שפירסם בסוף השבוע אמר:", in a statement he published he said)
            if after is not None:
                return after
            if self.language in _PRO_DROP:
                return zero
        return ref

    def _mostly_name(self, s: int, e: int, ref: Referent) -> bool:
        """The chunk is the name with a title or a party at most ("Aylín Álvarez García",
        "חבר הכנסת יוני שטבון (הבית היהודי)"), not a clause that mentions someone ("Un
        troisième Français a été tué dans le tremblement de terre")."""
        if ref.kind != "person":
            return True
        chunk = re.sub(r"\([^)]*\)", " ", self.text[s:e])
        others = [w for w in re.findall(r"[\w’'\"-]+", chunk)
                  if w not in ref.value.split() and not w.lower().startswith(
                      _human_stems(self.language) or ("\0",))]
        return len(others) <= 3

    def _after_with_name(self, pos: int, limit: int) -> Referent | None:
        """The subject after a verb, and the name in apposition to a role there ("analizó
        el Miembro del Buró Político, Roberto Morales Ojeda, quien ...")."""
        ref = self.np_after(pos, limit)
        if ref is not None and ref.kind != "np":
            return ref
        m = re.match(r"[^,;.]{1,140},\s*", self.text[pos:limit + 1])
        if m:
            start = pos + m.end()
            run = self.people.run_at(start, start + 2)
            if run is not None and run.is_person and len(run.words) >= 2 and \
                    re.match(r"\s*[,;.)]", self.text[run.end:run.end + 3]):
                return Referent("person", self.people.canonical(run.words, run.name_start),
                                run.name_start)
        return ref

    def _human_np(self, value: str) -> bool:
        words = value.lower().split()
        head: list[str] = []
        for w in words:
            if w in PREPOSITIONS:
                break
            head.append(w)
        return any(w in HUMAN_HEADS for w in head)

    def _after(self, q: Quote) -> Referent | None:
        text = self.text
        pos = q.close_mark + 1
        para_end = self.index.paras[self.index.para_of(q.close_mark)][1]
        limit = self.clause_end(pos + 1, min(para_end, pos + 200))
        nxt_quote = re.search(r"[“«„「\"]", text[pos + 1:limit])
        if nxt_quote:
            limit = pos + 1 + nxt_quote.start()
        m = re.match(r"[\s,.!?…]*(?:[—–-]+\s*)?", text[pos:limit])
        rest = pos + (m.end() if m else 0)
        if re.match(r"(?:and|but|or|while|et|mais|und|aber|y|pero|и|а|но)\s", text[rest:limit]):
            return None  # '“...,” and one official said' starts a clause of its own
        if self.language == "fr":
            inv = re.match(r"(?:a|ont|avait)-t-(il|elle|ils|elles)\b|\w+-t?-?(il|elle)\b",
                           text[rest:limit])
            if inv:
                word = inv.group(1) or inv.group(2)
                return Referent("pronoun", word, rest, "f" if word.startswith("elle") else "m")
        verbs = self.verbs(rest, limit)
        if not verbs:
            return None
        verb = verbs[0]
        if verb.start() - rest > 140:
            return None
        if verb.group().lower().startswith("according") and self._before(q) is not None:
            return None  # 'he remarked, “...,” according to an executive': he said it
        # '“...” she recalls him saying': the one recalled is the speaker
        recalled = re.match(r"\s+(him|her|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+"
                            r"(?:saying|say|tell(?:ing)?|add(?:ing)?)\b", text[verb.end():limit])
        if recalled:
            word = recalled.group(1)
            if word in ("him", "her"):
                return Referent("pronoun", "he" if word == "him" else "she",
                                verb.end() + recalled.start(1), "m" if word == "him" else "f")
            return self.people.referent(verb.end() + recalled.start(1),
                                        verb.end() + recalled.end(1))
        if verb.start() == rest:
            ref = self.np_after(verb.end(), limit)
            if ref is not None:
                return ref
            return None
        ref = self.subject_before(rest, verb.start())
        if ref is None or (ref.kind == "np" and not self._human_np(ref.value)):
            after = self.np_after(verb.end(), limit)
            if after is not None and after.kind in ("person", "role"):
                return after
        return ref

    def _after_loose(self, q: Quote) -> Referent | None:
        """ '“...” he said' without the comma: accept only a verb within a few words."""
        if q.close_mark < 0:
            return None
        tail = self.text[q.close_mark + 1:q.close_mark + 60]
        m = re.match(r"\s+((?:[\w.’'-]+,?\s+){1,4}?)(?=(?:" + EN_SPEECH + r")\b)", tail)
        if not m or not tail.strip()[:1].isalpha():
            return None
        if tail.strip()[:1].islower() and not re.search(r"\b(?:he|she|they)\s+$", m.group(1)):
            return None  # '” that way, he said' yes; '” Jewish holiday, which he said' no
        return self._after(q)

    def _before(self, q: Quote) -> Referent | None:
        if q.open_mark < 0:
            return None
        sent = self.index.sentence(q.open_mark)
        lo = sent.start
        if lo >= q.open_mark:
            return None
        reply = re.search(r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)[’']s\s+(?:reply|response|"
                          r"answer|retort|words|message|verdict)\s*:\s*$",
                          self.text[lo:q.open_mark])
        if reply:
            words = tuple(reply.group(1).split())
            return Referent("person", self.people.canonical(words, lo + reply.start(1)),
                            lo + reply.start(1))
        verb = self.last_verb(lo, q.open_mark)
        if verb is None:
            if self.language != "en" and re.search(r":\s*$", self.text[lo:q.open_mark]):
                return self._named_before_colon(lo, q.open_mark)
            return None
        if self.language != "en" and len(re.findall(
                r"\w+", self.text[verb.end():q.open_mark])) > 25:
            return None  # the verb reports another part of a long sentence
        return self._subject_of(verb, lo)

    def _named_before_colon(self, lo: int, colon: int) -> Referent | None:
        """A headline or dek "MK Ben-Eliezer, who quit: “...”": the person it opens with."""
        seg = max(lo, self.text.rfind("•", lo, colon) + 1)
        for run in self.people.runs_in(seg, colon):
            if run.is_person and not self.inside_quote(run.start):
                if len(re.findall(r"\w+", self.text[seg:run.start])) > 3:
                    return None
                return Referent("person", self.people.canonical(run.words, run.name_start),
                                run.name_start)
        return None

    def _cjk_attribution(self, q: Quote) -> Referent | None:
        text = self.text
        sent = self.index.sentence(max(q.open_mark, 0))
        after = text[q.close_mark + 1:q.close_mark + 20] if q.close_mark >= 0 else ""
        before = text[sent.start:max(q.open_mark, sent.start)]
        if JA_AFTER.match(after) or before:
            # the topic of the clause that opens the quotation: "…主張しているが、あるアナリスト
            # は「…」と指摘": the analyst, not the government of the first clause
            clause = max(before.rfind("、"), before.rfind("，")) + 1
            m = JA_BEFORE.search(before, clause)
            if m and JA_AFTER.match(after):
                name = re.split(r"[はがも]", m.group(1))[0]
                return Referent("np", name, sent.start + m.start(1))
            m = re.search(r"([^\s，。、：“”「」]{1,20}?)(?:" + ZH_VERBS + r")[：:，,]?\s*$", before)
            if m:
                # "梁振英在接受质询前的发言中说": the subject before "在" (at), "于", "对"
                name = re.split(r"(?<=..)(?:在|于|於|对|對|向|昨天|今天|昨日|今日)", m.group(1))[0]
                return Referent("np", name, sent.start + m.start(1))
        return None


class Resolver:
    """Turns referents into names in reading order, tracking who was last attributed."""

    def __init__(self, attributor: Attributor) -> None:
        self.att = attributor
        self.people = attributor.people
        self.salient: list[tuple[int, str, str]] = []  # (pos, name, gender)
        self.derived: dict[str, str] = {}  # genders learnt from resolved pronouns
        self.weak: list[tuple[int, str]] = []  # named only as a source ("according to X")

    def resolve(self, a: Attribution) -> str:
        if a.hint:
            a.name = a.hint
            return a.name
        ref = a.referent
        if ref is None:
            return ""
        if a.weak:
            a.name = ref.value if ref.kind in ("np", "person", "role") else ""
            if ref.kind in ("person", "role"):
                self.weak.append((a.pos, a.name))
            return a.name
        if ref.kind in ("person", "role"):
            name = ref.value
            gender = ref.gender or self.people.gender.get(name, "")
            if gender:
                self.derived.setdefault(name, gender)
            self.salient.append((a.pos, name, gender))
            a.name = name
            return name
        if ref.kind == "np":
            a.name = ref.value
            if self.att._human_np(ref.value) or (self.att.language != "en" and _headed(
                    ref.value, self.att.language)):
                self.salient.append((a.pos, ref.value, ""))
            return a.name
        if ref.kind == "zero":
            a.name = self._zero(a)
            return a.name
        if ref.kind == "pronoun":
            name = self._pronoun(ref, a)
            a.name = name
            if name:
                self.salient.append((a.pos, name, ref.gender))
                if ref.gender in ("m", "f"):
                    self.derived.setdefault(name, ref.gender)
            return name
        return ""

    def _zero(self, a: Attribution) -> str:
        """A verb with no subject written ("—agregó—", "Lo dijo"): the one who spoke last in
        this or the previous paragraph, else the only person the previous sentence names."""
        index = self.att.index
        para = index.para_of(a.pos)
        sent = index.sents[a.sentence]
        for run in self.people.runs_in(sent.start, a.referent.pos):
            if run.is_person and not run.possessive and not self.att.inside_quote(run.start):
                # "El miembro del Buró Político Roberto Morales Ojeda ... abrió el encuentro,
                # que se celebra –recordó– ...": the person the sentence is about
                return self.people.canonical(run.words, run.name_start)
        earlier = [(pos, name) for pos, name, _ in self.salient if pos < a.pos]
        if earlier and index.para_of(earlier[-1][0]) >= para - 1:
            return earlier[-1][1]
        if a.sentence > 0:
            prev = index.sents[a.sentence - 1]
            names = {self.people.canonical(r.words, r.name_start)
                     for r in self.people.runs_in(prev.start, prev.end)
                     if r.is_person and not self.att.inside_quote(r.start)}
            if len(names) == 1:
                return names.pop()
        return ""

    @staticmethod
    def _plural(np: str) -> bool:
        head = []
        for w in np.lower().split():
            if w in PREPOSITIONS:
                break
            head.append(w)
        return bool(head) and head[-1].endswith("s") and not head[-1].endswith("ss")

    def _compatible(self, name: str, gender: str) -> bool:
        known = self.people.gender.get(name, "") or self.derived.get(name, "")
        return not known or not gender or known == gender

    def _pronoun(self, ref: Referent, a: Attribution) -> str:
        """he/she: the sentence's own subject, else the most recent person attributed or in
        subject position; a person whose gender is known to match wins over unknown ones."""
        if ref.gender not in ("m", "f"):
            return ""
        sent = self.att.index.sents[a.sentence]
        lead = re.match(r"\W*(?:When|While|After|As|Before|Because|Although|Though|If|Since|"
                        r"Once|Until)\s+", self.att.text[sent.start:ref.pos])
        if lead:  # "When Ailes saw ..., he remarked": the subordinate clause names him
            for run in self.people.runs_in(sent.start + lead.end(), ref.pos):
                if run.start != sent.start + lead.end():
                    break  # "When asked by a fan on Twitter": no subject in the clause
                if run.is_person and not run.possessive and not self.att.inside_quote(run.start):
                    name = self.people.canonical(run.words, run.name_start)
                    if self._compatible(name, ref.gender):
                        return name
                    break
        subject = self.att.sentence_subject(a.sentence, ref.pos)
        if subject is not None and subject.pos < ref.pos and (
                subject.kind == "np" or self._compatible(subject.value, ref.gender)):
            return subject.value  # "A Nixon producer described ..., in which he said:"
        candidates = [(pos, name) for pos, name, _ in self.salient if ref.pos - pos < 3000]
        for si in range(max(0, a.sentence - 6), a.sentence):
            sent = self.att.index.sents[si]
            subj = self.att.sentence_subject(si, sent.end)
            if subj is not None and subj.kind == "person":
                candidates.append((subj.pos, subj.value))
            elif subj is not None and subj.kind == "pronoun" and subj.gender == ref.gender:
                # "While Ailes released a statement, he blamed her": he is Ailes
                for run in self.people.runs_in(sent.start, subj.pos):
                    if run.is_person and not run.possessive and \
                            not self.att.inside_quote(run.start):
                        candidates.append((subj.pos, self.people.canonical(
                            run.words, run.name_start)))
                        break
        candidates.sort(key=lambda c: c[0], reverse=True)
        fallback = ""
        for pos, name in candidates:
            if pos > ref.pos or not self._compatible(name, ref.gender):
                continue
            if name[:1].islower() and self._plural(name):
                continue  # "multiple sources" is not "he"
            if self.people.gender.get(name) == ref.gender and (
                    not fallback or ref.pos - pos < 1500):
                return name
            if not fallback:
                fallback = name
        if not fallback:  # only a source was named: "according to X, ... “...,” he said"
            for pos, name in reversed(self.weak):
                if 0 <= ref.pos - pos < 1500 and self._compatible(name, ref.gender):
                    return name
        return fallback
