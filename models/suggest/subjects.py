"""The noun phrase a reporting verb has for subject: before it ("Ms. Haley, who ..., said"),
after it ("said Steve Cowan, a spokesman"), the subject of a whole sentence, and whether a
phrase is a date or a description of people rather than a name."""

from __future__ import annotations

import re

from models.suggest.clauses import Clauses
from models.suggest.dates import find_dates
from models.suggest.lexicon import (
    COMPLEMENTIZERS,
    FOREIGN_DETERMINERS,
    FOREIGN_PREPOSITIONS,
    FOREIGN_PRONOUNS,
    HUMAN_HEADS,
    HUMAN_STEMS,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    SUBORDINATORS,
    WEEKDAY_NAMES,
)
from models.suggest.names import Run
from models.suggest.speakers import People, Referent
from models.suggest.text import Index

# "DAMASCUS, Syria (CNN) --", "PARIS (AFP) -": a dateline, not the subject of what follows
_DATELINE = re.compile(r"\((?:CNN|AFP|AP|Reuters|dpa|EFE|ANSA|Xinhua|UPI|PTI|BBC|AA|KUNA|"
                       r"SANA|WAFA|Interfax|ТАСС|РИА Новости)\)\s*[-—–]+\s*")
# Stops for a subject phrase after a verb: punctuation, Arabic comma, and dashes
_NP_STOP = ",;:.()\n!?،؛—–"
# Time words between an inverted verb and its subject ("said on Monday Mr. X", "dijo ayer")
_TIME_WORDS = re.compile(
    r"(?:\s*(?:on|late|early|earlier|later|last|this)?\s*(?:" + "|".join(WEEKDAY_NAMES) +
    r"|today|yesterday|tonight|morning|afternoon|evening|night|week|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|matin|soir|mardi|dimanche|"
    r"вчера|сегодня|ayer|hoy|gestern|heute)\b,?)+", re.IGNORECASE)
# Arabic and Hebrew prepositions that end a subject phrase ("وشدد الائتلاف على ...")
_RTL_PREPOSITIONS = frozenset("على في إلى عن مع منذ خلال عبر את על עם אל".split())


def _human_stems(language: str) -> tuple[str, ...]:
    return tuple(HUMAN_STEMS.get(language, "").split())


def headed(phrase: str, language: str) -> bool:
    """Whether the phrase is headed by a person, office or body of the language's list
    ("el dirigente partidista", "جهات سورية معارضة"), before any preposition."""
    stems = _human_stems(language)
    head = []
    for w in re.findall(r"[\w’'\"-]+", phrase.lower()):
        if head and (w in PREPOSITIONS or w in FOREIGN_PREPOSITIONS):
            break
        head.append(w)
    return any(w.startswith(stems) or w.lstrip("וה").startswith(stems) for w in head[:4]) \
        if stems else False


class Subjects:
    """Subject phrases around the reporting verbs of one article."""

    def __init__(self, text: str, index: Index, people: People, language: str,
                 clauses: Clauses) -> None:
        self.text = text
        self.index = index
        self.people = people
        self.language = language
        self.clauses = clauses

    def subject_before(self, lo: int, hi: int) -> Referent | None:
        """Subject of a verb starting at hi, looking back no further than lo."""
        text = self.text
        for i in range(hi - 1, lo - 1, -1):
            if (text[i] in "”»」\"" and self.clauses.inside_quote(i)) or (
                    text[i] in ";:" and not self.clauses.inside_quote(i)):
                lo = i + 1  # the clause starts after an earlier quotation or a semicolon
                break
        datelines = list(_DATELINE.finditer(text, lo, hi))
        if datelines:
            lo = datelines[-1].end()  # "دمشق، سوريا (CNN) -- أكدت ...": the dateline is no subject
        hi = self.clauses.strip_trailing(lo, hi)
        seg = text[lo:hi].rstrip()
        if not seg.strip(" ,.:;!?—–-\u00a0\"“”«»"):
            return None
        hi = lo + len(seg)
        chunks = self.clauses.split_chunks(lo, hi)
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
        for s, e in self.clauses.split_chunks(sent.start, min(sent.end, before)):
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

    def _leading_person(self, s: int, e: int) -> Run | None:
        """A person's name run that opens text[s:e], possibly after organisation names and
        role nouns ("CNBC executive Andy Friendly", "Union secretary Daniel Achterberg")."""
        for run in self.people.runs_in(s, e):
            if self.clauses.inside_quote(run.start):
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

    def human_np(self, value: str) -> bool:
        """Whether a description names people ("a former Fox employee", "officials")."""
        words = value.lower().split()
        head: list[str] = []
        for w in words:
            if w in PREPOSITIONS:
                break
            head.append(w)
        return any(w in HUMAN_HEADS for w in head)

    def mostly_name(self, s: int, e: int, ref: Referent) -> bool:
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

    def after_with_name(self, pos: int, limit: int) -> Referent | None:
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
