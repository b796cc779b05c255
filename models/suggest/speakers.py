"""Who said it: the people an article names, their fullest forms, roles and genders, and
what a subject phrase refers to ("..., Netanyahu told reporters", "said Mr. Smith", "The
prime minister said").

Names are runs of capitalised words (found by names.py). A surname or "Mr. Trump" is given in
the longest form the article uses for that person; "the prime minister" refers to the person
first introduced with that title; he/she is resolved later, in reading order (resolution.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from models.suggest.lexicon import (
    ADVERBS,
    ANAPHORIC_HEADS,
    CONJUNCTIONS,
    HONORIFIC_F,
    HONORIFIC_M,
    PREPOSITIONS,
    PRONOUNS,
    PRONOUNS_F,
    PRONOUNS_M,
    RELATIVES,
    STOP_CAPS,
    SUBORDINATORS,
)
from models.suggest.names import NameScanner, Run
from models.suggest.text import Index

_DETERMINERS = frozenset("the a an one some its their his her our this that these those "
                         "le la les l un une des du el los las un una der die das ein eine".split())
_INTRO_VERBS = frozenset("speaking asked asking referring adding noting pointing writing "
                         "responding according following".split())


@dataclass
class Referent:
    """What a subject phrase points to, before pronouns and roles are resolved."""

    kind: str  # "person", "pronoun", "role", "np", "coord"
    value: str
    pos: int
    gender: str = ""


@dataclass
class Cluster:
    canonical: str
    words: tuple[str, ...]
    first: int
    mentions: list[tuple[str, ...]] = field(default_factory=list)


class People:
    """Name runs of one article and how they refer to each other."""

    def __init__(self, text: str, index: Index, language: str = "en") -> None:
        self.text = text
        self.index = index
        self.language = (language or "en").split("-")[0].lower()
        scanner = NameScanner(text, index, self.language)
        self._stop = scanner.stop
        self._mid_caps = scanner.mid_caps
        self.runs: list[Run] = scanner.runs()
        self._run_starts = [r.start for r in self.runs]
        self.clusters: list[Cluster] = []
        self._bare_first: dict[str, int] = {}
        self.roles: dict[str, list[tuple[int, str]]] = {}
        self.gender: dict[str, str] = {}
        self._build()

    def hebrew_role(self, phrase: str, pos: int) -> str:
        """ "יו\"ר הכנסת" -> the person the article first introduced with that title."""
        best = None
        for r in self.runs:
            title = " ".join(r.titles)
            if title and len(r.words) >= 2 and re.search(
                    r"(?:^|(?<![\u05d0-\u05ea\"])(?<!סגן ))" + re.escape(title) + r"(?:$|\s)",
                    phrase.strip()) and (
                    best is None or (r.start <= pos and r.start < best.start)):
                best = r  # the first person introduced with the title
        return self.canonical(best.words, best.name_start) if best else ""

    # -- clusters and roles ----------------------------------------------------------------

    def _build(self) -> None:
        for run in self.runs:
            if not run.is_person:
                continue
            words = tuple(w for w in run.words)
            if len(words) >= 2:
                self._add_to_cluster(words, run.name_start, run.surface)
            else:
                key = words[0].lower()
                self._bare_first.setdefault(key, run.name_start)
            if run.titles:
                g = "m" if run.titles[0] in HONORIFIC_M else "f" if run.titles[0] in \
                    HONORIFIC_F else ""
                if g:
                    self.gender.setdefault(self.canonical(words, run.name_start), g)
                roles = [t for t in run.titles if t not in HONORIFIC_M | HONORIFIC_F]
                if roles:
                    for k in range(len(roles)):
                        key = " ".join(roles[k:])
                        self.roles.setdefault(key, []).append((run.name_start, run))
        # appositive roles: "Tony Fernandes, the Air Asia chief," / "X, a spokesman for Y,"
        for m in re.finditer(r"(?P<name>(?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]*), (?:the|a|an) "
                             r"(?P<role>[^,.;:\n]{3,60}?)(?=,)", self.text):
            run = self.run_at(m.start("name"), m.end("name"))
            if run and run.is_person and len(run.words) >= 2:
                role = m.group("role").lower()
                self.roles.setdefault(role, []).append((run.name_start, run))

    def _add_to_cluster(self, words: tuple[str, ...], pos: int, surface: str) -> None:
        last = words[-1].lower()
        first = words[0].rstrip(".").lower()
        for c in self.clusters:
            if c.words[-1].lower() != last:
                continue
            cf = c.words[0].rstrip(".").lower()
            if cf == first or (len(first) == 1 and cf.startswith(first)) or (
                    len(cf) == 1 and first.startswith(cf)):
                c.mentions.append(words)
                if len(words) > len(c.words) or (len(words) == len(c.words)
                                                 and len(surface) > len(c.canonical)):
                    c.words = words
                    c.canonical = surface
                return
        self.clusters.append(Cluster(surface, words, pos, [words]))

    @property
    def stop_words(self) -> frozenset[str]:
        """Capitalised function words of the article's language ("Lo", "Da")."""
        return self._stop | STOP_CAPS

    @property
    def mid_caps(self) -> set[str]:
        return self._mid_caps

    def person_names(self) -> set[str]:
        """Names the article gives people in full, or with a title."""
        names = {c.canonical for c in self.clusters}
        names |= {self.canonical(r.words, r.name_start) for r in self.runs
                  if r.is_person and r.titles}
        return names

    def run_at(self, start: int, end: int) -> Run | None:
        """The name run inside [start, end) that starts first."""
        k = bisect_left(self._run_starts, start)
        while k < len(self.runs) and self.runs[k].start < end:
            run = self.runs[k]
            if run.name_start < end:
                return run
            k += 1
        return None

    def runs_in(self, start: int, end: int) -> list[Run]:
        """The name runs that start inside [start, end), in order."""
        k = bisect_left(self._run_starts, start)
        out = []
        while k < len(self.runs) and self.runs[k].start < end:
            out.append(self.runs[k])
            k += 1
        return out

    def canonical(self, words: tuple[str, ...], pos: int) -> str:
        """Longest form of the name the article uses for this person."""
        if len(words) >= 2:
            last = words[-1].lower()
            first = words[0].rstrip(".").lower()
            # Spanish and Portuguese name people by their two surnames ("Cabrera
            # Castellanos", "Morales Ojeda"): the full name they end. (In English "Haidar
            # Fauzi" and "Khairunisa Haidar Fauzi" are father and daughter.)
            longer = [] if self.language not in ("es", "pt", "ca") else [
                c for c in self.clusters if len(c.words) > len(words) and
                tuple(w.lower() for w in c.words[-len(words):]) ==
                tuple(w.lower() for w in words)]
            if longer:
                return min(longer, key=lambda c: c.first).canonical
            for c in self.clusters:
                cf = c.words[0].rstrip(".").lower()
                if c.words[-1].lower() == last and (cf == first or cf.startswith(first[:1])
                                                     and (len(cf) == 1 or len(first) == 1)):
                    return c.canonical
            return " ".join(words)
        word = words[0].lower()
        # a surname used alone before any full form (e.g. "President Trump") keeps its form
        candidates = [c for c in self.clusters if c.words[-1].lower() == word]
        if not candidates:
            candidates = [c for c in self.clusters
                          if any(w.lower() == word for w in c.words[:-1])]
        if not candidates:
            return words[0]
        bare = self._bare_first.get(word)
        first_cluster = min(candidates, key=lambda c: c.first)
        if bare is not None and bare < first_cluster.first:
            return words[0]
        before = [c for c in candidates if c.first <= pos]
        return min(before or candidates, key=lambda c: c.first).canonical

    def role(self, phrase: str, pos: int) -> str:
        """Person a role phrase ("the prime minister") refers to, if the article says."""
        words = [w for w in re.findall(r"[\w’'-]+", phrase.lower()) if w not in _DETERMINERS]
        for k in range(len(words)):
            key = " ".join(words[k:])
            if key in self.roles and len(key) > 3:
                entries = [e for e in self.roles[key] if e[0] <= pos] or self.roles[key]
                _, run = min(entries, key=lambda e: e[0])
                return self.canonical(run.words, run.name_start)
            if k == 0 and len(words) > 3:
                break
        return ""

    # -- phrases to referents ----------------------------------------------------------------

    def referent(self, start: int, end: int) -> Referent | None:
        """What the phrase text[start:end] (a subject) names."""
        text = self.text
        phrase = text[start:end].strip(" ,;:—–-\u00a0\"“”«»")
        if not phrase:
            return None
        offset = text.find(phrase, start, end + 1)
        start = offset if offset >= 0 else start
        end = start + len(phrase)
        words = re.findall(r"[\w’'.-]+", phrase)
        if not words:
            return None
        low = [w.lower().rstrip(".") for w in words]
        # drop leading conjunctions, adverbs and relative pronouns: "and he", "which he"
        k = 0
        while k < len(low) - 1 and (low[k] in CONJUNCTIONS or low[k] in RELATIVES
                                    or low[k] in SUBORDINATORS or low[k] in ADVERBS):
            k += 1
        if k:
            cut = phrase.find(words[k])
            start += cut
            phrase = phrase[cut:]
            words, low = words[k:], low[k:]
        if low[0] in RELATIVES and len(words) == 1 or low[0] == "to":
            return None  # "who" alone, "to release a statement": not a subject
        if len(words) == 1 and low[0] in PRONOUNS:
            g = "m" if low[0] in PRONOUNS_M else "f" if low[0] in PRONOUNS_F else "p"
            return Referent("pronoun", low[0], start, g)
        if low[-1] in CONJUNCTIONS:
            return Referent("coord", "", start)
        if len(words) > 1 and low[-1] in PRONOUNS and low[-2] in (
                SUBORDINATORS | RELATIVES | CONJUNCTIONS | {"that"}):
            g = "m" if low[-1] in PRONOUNS_M else "f" if low[-1] in PRONOUNS_F else "p"
            return Referent("pronoun", low[-1], end - len(words[-1]), g)  # "... after she"
        # a name before any preposition heads the phrase
        prep_at = end
        for m in re.finditer(r"[\w’'-]+", phrase):
            if m.group().lower() in PREPOSITIONS and m.start() > 0:
                prep_at = start + m.start()
                break
        best = None
        for run in self.runs_in(start - 1, prep_at):
            if run.name_start >= prep_at or run.start < start - 1:
                continue
            follower = re.match(r"\s+([\w’'-]+)", text[run.end:end])
            if follower and follower.group(1).islower() and follower.group(1) not in (
                    PREPOSITIONS | CONJUNCTIONS | RELATIVES | ADVERBS) and \
                    not text[run.end + follower.end():end].strip(" ,"):
                continue  # "An AirAsia pilot": the name modifies a noun
            if run.is_person and not run.possessive:
                best = run  # "Fox & Friends host Ainsley Earhardt": the last name is the head
        if best is not None:
            name = self.canonical(best.words, best.name_start)
            gender = self.gender.get(name, "")
            if best.titles and best.titles[0] in HONORIFIC_M:
                gender = "m"
            elif best.titles and best.titles[0] in HONORIFIC_F:
                gender = "f"
            return Referent("person", name, best.name_start, gender)
        role = self.role(phrase, start) if self.language != "he" else \
            self.hebrew_role(phrase, start)
        if role:
            return Referent("role", role, start, self.gender.get(role, ""))
        head = low[0] if low[0] not in _DETERMINERS or len(low) < 2 else low[1]
        if low[0] == "the" and len(low) == 2 and head in ANAPHORIC_HEADS:
            earlier = self._indefinite(head, start)
            if earlier:
                return Referent("np", earlier, start)
        if len(words) > 12:
            return None
        # organisations and descriptions ("The White House", "people familiar with ...")
        stripped = re.split(r"\s+[—–]\s+|\s+-\s+", phrase)[0]
        if re.search(r"[’']s?$", stripped) or low[0] in ("it", "it’s", "it's", "there"):
            return None  # "scope of Ailes’s", "It’s hard to": not a speaker
        m = re.match(r"(?:the|a|an|one|some|le|la|les|un|une|des|du|el|los|las|der|die|das|"
                     r"ein|eine)\s+|l[’']",
                     stripped, re.IGNORECASE)
        if m:
            stripped = stripped[m.end():]
        if stripped[:1].islower() and stripped.split()[0].lower() in _INTRO_VERBS:
            return None
        return Referent("np", stripped.strip(), start)

    def _indefinite(self, head: str, before: int) -> str:
        """ "the source" -> the "a source close to the investigation" mentioned earlier."""
        found = ""
        for m in re.finditer(r"\b(?:a|an)\s+((?:[\w-]+\s+){0,3}?" + re.escape(head) +
                             r"\b(?:\s+(?!has\b|had\b|have\b|is\b|was\b|said\b|told\b|who\b)"
                             r"[\w’'-]+){0,5})", self.text[:before], re.IGNORECASE):
            found = m.group(1)
        found = re.split(r"\s+(?:has|had|have|is|was|who|which|that|said|told|says)\b",
                         found)[0]
        return found.strip()
