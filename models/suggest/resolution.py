"""Speaker resolution: turning raw attributions into names in reading order (pronouns to
the person last attributed or in subject position, dropped subjects to the last speaker), and
whether a name found outside English is credible enough to suggest."""

from __future__ import annotations

import re

from models.suggest.attribution import Attribution
from models.suggest.lexicon import PREPOSITIONS
from models.suggest.speakers import People, Referent
from models.suggest.subjects import Subjects, headed


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
            return any(name == c.canonical for c in people.clusters) or headed(name, language)
        return False
    # a description, or a body's name ("Consejo Electoral Nacional", "Arcep")
    if headed(name, language):
        return True
    if language in ("de", "he", "ar"):
        return False
    capitals = sum(w[:1].isupper() for w in words)
    return capitals >= 2 or (len(words) == 1 and core[:1].isupper() and core in people.mid_caps)


class Resolver:
    """Turns referents into names in reading order, tracking who was last attributed."""

    def __init__(self, subjects: Subjects) -> None:
        self.subjects = subjects
        self.people = subjects.people
        self.index = subjects.index
        self.clauses = subjects.clauses
        self.salient: list[tuple[int, str, str]] = []  # (pos, name, gender)
        self.derived: dict[str, str] = {}  # genders learnt from resolved pronouns
        self.weak: list[tuple[int, str]] = []  # named only as a source ("according to X")

    def resolve(self, a: Attribution) -> str:
        """Give `a` its name (also returned); call in reading order."""
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
            if self.subjects.human_np(ref.value) or (self.subjects.language != "en" and headed(
                    ref.value, self.subjects.language)):
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
        index = self.index
        para = index.para_of(a.pos)
        sent = index.sents[a.sentence]
        for run in self.people.runs_in(sent.start, a.referent.pos):
            if run.is_person and not run.possessive and not self.clauses.inside_quote(run.start):
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
                     if r.is_person and not self.clauses.inside_quote(r.start)}
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
        sent = self.index.sents[a.sentence]
        lead = re.match(r"\W*(?:When|While|After|As|Before|Because|Although|Though|If|Since|"
                        r"Once|Until)\s+", self.subjects.text[sent.start:ref.pos])
        if lead:  # "When Ailes saw ..., he remarked": the subordinate clause names him
            for run in self.people.runs_in(sent.start + lead.end(), ref.pos):
                if run.start != sent.start + lead.end():
                    break  # "When asked by a fan on Twitter": no subject in the clause
                if run.is_person and not run.possessive and \
                        not self.clauses.inside_quote(run.start):
                    name = self.people.canonical(run.words, run.name_start)
                    if self._compatible(name, ref.gender):
                        return name
                    break
        subject = self.subjects.sentence_subject(a.sentence, ref.pos)
        if subject is not None and subject.pos < ref.pos and (
                subject.kind == "np" or self._compatible(subject.value, ref.gender)):
            return subject.value  # "A Nixon producer described ..., in which he said:"
        candidates = [(pos, name) for pos, name, _ in self.salient if ref.pos - pos < 3000]
        for si in range(max(0, a.sentence - 6), a.sentence):
            sent = self.index.sents[si]
            subj = self.subjects.sentence_subject(si, sent.end)
            if subj is not None and subj.kind == "person":
                candidates.append((subj.pos, subj.value))
            elif subj is not None and subj.kind == "pronoun" and subj.gender == ref.gender:
                # "While Ailes released a statement, he blamed her": he is Ailes
                for run in self.people.runs_in(sent.start, subj.pos):
                    if run.is_person and not run.possessive and \
                            not self.clauses.inside_quote(run.start):
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
