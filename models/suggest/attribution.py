"""Attribution: who a quotation or a reported claim is attributed to, before names are
resolved: the subject of the reporting verb after the quotation ("…,” said X), before it ("X
said: “…”"), or around a claim's verb, by the rules of the article's language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from models.suggest.clauses import Clauses
from models.suggest.lexicon import (
    ACCORDING_TO,
    EN_SPEECH,
    FOREIGN_PREPOSITIONS,
    FOREIGN_PRONOUNS,
    JA_AFTER,
    JA_BEFORE,
    PREPOSITIONS,
    ZH_VERBS,
)
from models.suggest.quotes import Quote
from models.suggest.speakers import People, Referent
from models.suggest.subjects import Subjects, headed
from models.suggest.text import Index
from models.suggest.verbs import ReportingVerbs

# Languages that drop a subject the verb carries (Spanish "Comentó que ...")
_PRO_DROP = frozenset("es it pt ca he ar ru pl".split())


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
    """The raw attribution of each quote and claim of one article."""

    def __init__(self, text: str, index: Index, people: People, language: str,
                 quotes: Iterable[Quote]) -> None:
        self.text = text
        self.index = index
        self.people = people
        self.language = (language or "en").split("-")[0].lower()
        self.clauses = Clauses(text, index, quotes)
        self.verbs = ReportingVerbs(text, index, self.language, self.clauses)
        self.subjects = Subjects(text, index, people, self.language, self.clauses)

    def quote_attribution(self, q: Quote) -> Attribution:
        """Who the quote is attributed to: a tweet's author, the subject of the verb that
        introduces a block quote, else the verb after or before the quotation marks (after
        first when the quotation ends in a comma or a dash)."""
        text = self.text
        sent_index = self.index.sent_of(q.start)
        if q.style == "tweet":
            return Attribution(q.start, None, sent_index, hint=q.speaker_hint)
        if q.style == "block":
            intro_para = self.index.paras[self.index.para_of(q.intro_end - 1)]
            lo = self.index.sentence(q.intro_end - 1).start
            verbs = self.verbs.find(max(lo, intro_para[0]), q.intro_end)
            ref = self.subject_of(verbs[-1], lo) if verbs else None
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

    def subject_of(self, verb: re.Match[str], lo: int) -> Referent | None:
        """Subject of a reporting verb whose clause starts at lo."""
        text = self.text
        word = verb.group().lower()
        if word.startswith("according") or word in ACCORDING_TO:
            return self._after_verb(verb)
        if word.startswith("לדברי") and len(word) > 5:  # "לדבריו": according to him
            g = {"ו": "m", "ה": "f"}.get(word[5:], "p")
            return Referent("pronoun", "הוא" if g == "m" else "היא", verb.start(), g)
        if self.language == "ar":  # verb-subject order: "قال الرئيس ..."
            after = self._after_verb(verb)
            if after is not None:
                return after
        if self.language != "en":
            return self._foreign_subject(verb, lo)
        ref = self.subjects.subject_before(lo, verb.start())
        if ref is not None and ref.kind == "coord":
            ref = self.subjects.sentence_subject(self.index.sent_of(verb.start()),
                                                 verb.start())
        inverted = text[lo:verb.start()].rstrip().endswith((",", "—", "–", "-"))
        if inverted and (self.language != "en" or ref is None or ref.kind == "np"):
            # "..., a déclaré jeudi le ministre", "..., says search chief."
            after = self._after_verb(verb)
            if after is not None and (after.kind in ("person", "role", "pronoun") or (
                    len(after.value.split()) <= 6 and self.language != "en")
                    or ref is None or self.subjects.human_np(after.value)):
                return after
        if ref is None or (ref.kind == "np" and inverted):
            after = self._after_verb(verb)
            if after is not None and after.kind == "person" and (
                    ref is None or not self.subjects.human_np(ref.value)):
                return after
            if ref is None and after is not None and self.language != "en":
                return after
        return ref

    def _after_verb(self, verb: re.Match[str]) -> Referent | None:
        """The subject phrase right after the verb, within its clause."""
        end = verb.end()
        return self.subjects.np_after(end, self.clauses.clause_end(end, len(self.text)))

    def _foreign_subject(self, verb: re.Match[str], lo: int) -> Referent | None:
        """Subject of a reporting verb outside English, decided by the words around it:
        - "X, Y, afirmó que ...", "Pérez Fernández subrayó": the name before the verb;
        - "..., a déclaré jeudi le ministre", "In diesem Fall antwortete er": after it;
        - "Nada —agregó— puede", "La política de cuadros, enfatizó, requiere", "Lo dijo",
          "Comentó que ...": no subject written (Spanish, Hebrew and Arabic drop it): the
          person speaking before, resolved in reading order."""
        text = self.text
        limit = self.clauses.clause_end(verb.end(), len(text))
        before = text[lo:verb.start()].rstrip(" \u00a0")
        follows = self.subjects.np_follows(verb.end(), limit)
        after = self.subjects.after_with_name(verb.end(), limit) if follows else None
        zero = Referent("zero", "", verb.start())
        if before.endswith((",", "—", "–", "-", "(")) and re.match(
                r"[\s\u00a0]*(?:[,—–)]|-(?!\w)|$)", text[verb.end():limit]):
            return zero  # a verb between commas or dashes with nothing of its own
        topic = re.match(r"[\s\u00a0]*و?أما\s+([^،,]{2,60})[،,]", text[lo:verb.start()])
        if topic and self.language == "ar":  # "أما الائتلاف ...، فقد دعا": as for X, it called
            return self.people.referent(lo + topic.start(1), lo + topic.end(1))
        chunks = self.clauses.split_chunks(lo, verb.start())
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
                        self.subjects.mostly_name(s, e, near):
                    return near
            if after is not None:
                return after  # the statement came first: "..., a ajouté Laurent Fabius"
            return None
        if lead_word in FOREIGN_PREPOSITIONS or lead_word in PREPOSITIONS or \
                self.subjects.is_time(*last):
            # verb-second: "In diesem Fall antwortete er", "Gestern sagte die Ministerin"
            return after
        ref = self.subjects.subject_before(lo, verb.start())
        if ref is None or (ref.kind == "np" and after is not None and after.kind in (
                "person", "role", "pronoun")):
            return after
        if ref.kind == "np" and not headed(ref.value, self.language) and not any(
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

    def _after(self, q: Quote) -> Referent | None:
        text = self.text
        pos = q.close_mark + 1
        para_end = self.index.paras[self.index.para_of(q.close_mark)][1]
        limit = self.clauses.clause_end(pos + 1, min(para_end, pos + 200))
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
        verbs = self.verbs.find(rest, limit)
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
            ref = self.subjects.np_after(verb.end(), limit)
            if ref is not None:
                return ref
            return None
        ref = self.subjects.subject_before(rest, verb.start())
        if ref is None or (ref.kind == "np" and not self.subjects.human_np(ref.value)):
            after = self.subjects.np_after(verb.end(), limit)
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
        verb = self.verbs.last(lo, q.open_mark)
        if verb is None:
            if self.language != "en" and re.search(r":\s*$", self.text[lo:q.open_mark]):
                return self._named_before_colon(lo, q.open_mark)
            return None
        if self.language != "en" and len(re.findall(
                r"\w+", self.text[verb.end():q.open_mark])) > 25:
            return None  # the verb reports another part of a long sentence
        return self.subject_of(verb, lo)

    def _named_before_colon(self, lo: int, colon: int) -> Referent | None:
        """A headline or dek "MK Ben-Eliezer, who quit: “...”": the person it opens with."""
        seg = max(lo, self.text.rfind("•", lo, colon) + 1)
        for run in self.people.runs_in(seg, colon):
            if run.is_person and not self.clauses.inside_quote(run.start):
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
