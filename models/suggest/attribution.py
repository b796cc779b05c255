"""Attribution: the subject of a reporting verb around a quotation or a reported claim, and
turning pronouns, roles and surnames into the person's fullest name, in reading order."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from models.suggest.lexicon import (
    EN_SPEECH,
    FOREIGN_SPEECH,
    JA_AFTER,
    JA_BEFORE,
    PREPOSITIONS,
    SUBORDINATORS,
    ZH_VERBS,
)
from models.suggest.quotes import Quote
from models.suggest.speakers import People, Referent
from models.suggest.text import ABBREVIATIONS, Index

# English reporting verbs are matched in lower case only: "States", "Claims", "Post" in names
# and headlines are not verbs. "According to" may start a sentence.
EN_VERB_RE = re.compile(r"(?<![\w-])(?:" + EN_SPEECH + r"|According\s+to)(?![\w-])")


def _foreign_verbs(language: str) -> re.Pattern[str] | None:
    alt = FOREIGN_SPEECH.get(language)
    if not alt:
        return None
    return re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])", re.IGNORECASE)


_TIME_WORDS = re.compile(
    r"(?:\s*(?:on|late|early|earlier|later|last|this)?\s*(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|today|yesterday|tonight|morning|afternoon|evening|night|week|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|matin|soir|mardi|dimanche|"
    r"вчера|сегодня|ayer|hoy|gestern|heute)\b,?)+", re.IGNORECASE)
_HUMAN_HEADS = frozenset("""source sources official officials spokesman spokeswoman spokesperson
producer executive employee staffer host anchor correspondent reporter editor member worker
assistant student teacher farmer soldier victim survivor wife husband friend colleague
neighbour neighbor owner manager director leader lawmaker senator candidate voter patient
nurse brother sister coordinator engineer
pilot witness witnesses resident residents man woman officer expert experts analyst analysts
diplomat diplomats aide aides adviser advisers advisor person people lawyer lawyers doctor
investigator investigators chief minister president father mother son daughter relative
relatives searchers""".split())


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
        if self.foreign is not None:
            found += list(self.foreign.finditer(self.text, start, end))
        found = [m for m in found if not self.inside_quote(m.start())]
        return sorted(found, key=lambda m: m.start())

    def clause_end(self, pos: int, limit: int) -> int:
        """End of the clause or sentence that starts at pos (first . ! ? ; not after Mr)."""
        text = self.text
        for m in re.finditer(r"[.!?;]", text[pos:limit]):
            i = pos + m.start()
            if text[i] == ".":
                word = re.search(r"([\w.]+)$", text[max(pos, i - 10):i])
                if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                    continue
                if i + 1 < len(text) and text[i + 1].isalnum():
                    continue
            return i
        return limit

    def _split_chunks(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Comma-separated chunks of text[lo:hi], ignoring commas inside quotes/brackets."""
        chunks = []
        depth = 0
        start = lo
        for i in range(lo, hi):
            ch = self.text[i]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth = max(0, depth - 1)
            elif ch in ",—–" and depth == 0 and not self.inside_quote(i) and not (
                    ch == "," and 0 < i < len(self.text) - 1 and self.text[i - 1].isdigit()
                    and self.text[i + 1].isdigit()):
                if i > start:
                    chunks.append((start, i))
                start = i + 1
        if start < hi:
            chunks.append((start, hi))
        return [(s, e) for s, e in chunks if self.text[s:e].strip()]

    def _strip_trailing(self, lo: int, hi: int) -> int:
        text = self.text
        while True:
            m = re.search(r"([\w’'-]+)\s*$", text[lo:hi])
            if not m:
                return hi
            word = m.group(1)
            low = word.lower()
            from models.suggest.speakers import _ADVERBS

            if low in _ADVERBS or (word.islower() and low.endswith("ly") and len(low) > 4
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
        return self.people.referent(s, e)

    def np_after(self, pos: int, limit: int) -> Referent | None:
        """Subject after an inverted verb: 'said Steve Cowan, a spokesman ...'."""
        text = self.text
        m = _TIME_WORDS.match(text, pos)
        if m and m.end() > pos:
            pos = m.end()
        while pos < limit and text[pos] in " \u00a0":
            pos += 1
        end = pos
        while end < limit and text[end] not in ",;:.()\n!?" or (
                end < limit and text[end] == "." and re.match(r"[A-Z]\.$|Mr|Ms|Mrs|Dr|Lt",
                                                             text[max(pos, end - 3):end + 1])):
            end += 1
        rel = re.search(r"\s(?:who|which|whose|whom|that|qui|que|который|которая)\s",
                        text[pos:end])
        if rel:
            end = pos + rel.start()  # "says a woman who auditioned ..." -> "a woman"
        phrase = text[pos:end].strip()
        if not phrase:
            return None
        first = phrase.split()[0].lower()
        if first in PREPOSITIONS or first in {"in", "about", "that", "it", "to"}:
            return None
        return self.people.referent(pos, end)

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
                             "|".join(_HUMAN_HEADS) + r"))\b", text[s:e])
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
        if word.startswith("according") or word in ("selon", "según", "laut", "по словам",
                                                    "d'après", "d’après", "לדברי"):
            return self.np_after(verb.end(), self.clause_end(verb.end(), len(text)))
        if self.language == "ar":  # verb-subject order: "قال الرئيس ..."
            after = self.np_after(verb.end(), self.clause_end(verb.end(), len(text)))
            if after is not None:
                return after
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

    def _human_np(self, value: str) -> bool:
        words = value.lower().split()
        head: list[str] = []
        for w in words:
            if w in PREPOSITIONS:
                break
            head.append(w)
        return any(w in _HUMAN_HEADS for w in head)

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
        verbs = self.verbs(lo, q.open_mark)
        if not verbs:
            return None
        return self._subject_of(verbs[-1], lo)

    def _cjk_attribution(self, q: Quote) -> Referent | None:
        text = self.text
        sent = self.index.sentence(max(q.open_mark, 0))
        after = text[q.close_mark + 1:q.close_mark + 20] if q.close_mark >= 0 else ""
        before = text[sent.start:max(q.open_mark, sent.start)]
        if JA_AFTER.match(after) or before:
            m = JA_BEFORE.search(before)
            if m and JA_AFTER.match(after):
                name = m.group(1).split("、")[-1]
                return Referent("np", name, sent.start + m.start(1))
            m = re.search(r"([^\s，。、：“”「」]{1,12}?)(?:" + ZH_VERBS + r")[：:，,]?\s*$", before)
            if m:
                return Referent("np", m.group(1), sent.start + m.start(1))
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
            if self.att._human_np(ref.value):
                self.salient.append((a.pos, ref.value, ""))
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
