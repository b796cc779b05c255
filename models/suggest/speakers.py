"""Who said it: person names in the article, their fullest forms, roles, and the subject of
a reporting verb ("..., Netanyahu told reporters", "said Mr. Smith", "The prime minister said").

Names are runs of capitalised words. A surname or "Mr. Trump" is given in the longest form the
article uses for that person; a pronoun refers back to the most recent person attributed
with a compatible gender; "the prime minister" to the person first introduced with that title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.suggest.lexicon import (
    ADVERBS,
    ANAPHORIC_HEADS,
    CONJUNCTIONS,
    EN_SPEECH,
    FOREIGN_SPEECH,
    FOREIGN_STOP_CAPS,
    HONORIFIC_F,
    HONORIFIC_M,
    ORG_WORDS,
    PREPOSITIONS,
    PRONOUNS,
    PRONOUNS_F,
    PRONOUNS_M,
    RELATIVES,
    ROLE_TITLES,
    STOP_CAPS,
    SUBORDINATORS,
    TITLES,
)
from models.suggest.text import Index

_SPEECH_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:" + EN_SPEECH + r")\b")
_TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*\.?|[’']")
_PARTICLES = frozenset("de da di du del della der den van von vom ter bin ibn al el la le "
                       "dos das y".split())
_ABBR_TITLES = frozenset("mr mrs ms dr lt gen sen rep gov st jr sr capt col sgt prof rev "
                         "adm maj cmdr mme mlle m".split())
_ADJ_ENDINGS = ("ian", "ean", "ish", "ese", "an", "i", "ic", "ch")
_DETERMINERS = frozenset("the a an one some its their his her our this that these those "
                         "le la les l un une des du el los las un una der die das ein eine".split())
# A determiner before a capitalised run makes it a thing, not a person: "el Código de las
# Familias", "la Primera Secretaria", "le Conseil d’Etat", "in diesem Fall", "die Formel".
_THING_BEFORE = {
    "es": r"\b(?:el|la|los|las|un|una|unos|unas|del|al|este|esta|ese|esa|su|sus|nuestro|"
          r"nuestra)\s+$",
    "fr": r"(?:\b(?:le|la|les|un|une|des|du|au|aux|ce|cette|ces|son|sa|ses|leur|leurs)\s+)$",
    "it": r"\b(?:il|lo|la|i|gli|le|un|uno|una|del|della|dei|al|alla)\s+$",
    "pt": r"\b(?:o|a|os|as|um|uma|do|da|dos|das|no|na|ao)\s+$",
    "de": r"\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein|keine|mein|"
          r"meine|meinen|meinem|dein|deine|deinen|sein|seine|seinen|seinem|seines|ihr|ihre|"
          r"ihren|ihrem|ihres|unser|unsere|diese|dieser|diesem|diesen|dieses|jede|jeder|"
          r"jedem|jeden|jedes|im|am|zum|zur|vom|beim|ins)\s+$",
}
# Hebrew has no capitals: a person is named after a title ("ח\"כ בנימין בן־אליעזר", "יו\"ר
# הכנסת יולי אדלשטיין") and later by the surname alone.
_HE_TITLES = ("סגן יו\"ר הכנסת|יו\"ר הכנסת|חבר הכנסת|חברת הכנסת|ח\"כ|חה\"כ|יו\"ר|השרה|השר|"
              "ראש הממשלה|נשיא המדינה|הנשיאה|הנשיא|עו\"ד|ד\"ר|פרופ'|פרופסור|מנכ\"ל|ראש העיר|"
              "השגריר|הרב|ניצב|אלוף|תא\"ל|המפכ\"ל|היועץ המשפטי לכנסת|היועץ המשפטי לממשלה|"
              "דובר|דוברת").replace('\\"', '"')
_HE_NAME = re.compile(r"(?<![\w\"])(?P<title>" + _HE_TITLES + r")\s+(?P<first>[\u05d0-\u05ea"
                      r"][\u05d0-\u05ea'׳־-]*)(?:\s+\([^)]{1,20}\))?\s+(?P<last>[\u05d0-\u05ea]"
                      r"[\u05d0-\u05ea'׳־-]*)")
_HE_VERBS = FOREIGN_SPEECH["he"]
_DE_NOUN_ENDINGS = r"(?:ung|ungen|heit|keit|schaft|tion|ionen|tät|ment|nis|ismus|ik|ie)$"
_HE_NOT_NAMES = frozenset("""של את על עם אל כי אם גם לא הוא היא הם אשר זה זו הכנסת הממשלה
המדינה""".split())
_INTRO_VERBS = frozenset("speaking asked asking referring adding noting pointing writing "
                         "responding according following".split())


@dataclass
class Run:
    """A run of capitalised words: a name, title + name, organisation or place."""

    start: int
    end: int  # end of the name part (titles stripped), possessive suffix excluded
    name_start: int
    words: tuple[str, ...]  # name words, initials with their period
    titles: tuple[str, ...]  # lower-cased title words stripped from the front
    possessive: bool = False
    org: bool = False
    adjective: bool = False

    surface: str = ""  # the name as written ("S.B. Supriyadi")

    @property
    def is_person(self) -> bool:
        return not self.org and not self.adjective and bool(self.words)


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


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"[dl][’'][A-ZÀ-Þ]", word))


class People:
    """Name runs of one article and how they refer to each other."""

    def __init__(self, text: str, index: Index, language: str = "en") -> None:
        self.text = text
        self.index = index
        self.language = (language or "en").split("-")[0].lower()
        self._stop = FOREIGN_STOP_CAPS.get(self.language, frozenset())
        self._role_stems = tuple(ROLE_TITLES.get(self.language, "").split())
        self._thing_before = re.compile(_THING_BEFORE[self.language], re.IGNORECASE) \
            if self.language in _THING_BEFORE else None
        self._lower_words = {w for w in re.findall(r"\b[^\W\d_]+\b", text) if w.islower()}
        self._sentence_starts = {s.start for s in index.sents}
        # capitalised words seen inside sentences: evidence that a sentence-initial one is a name
        self._mid_caps = {re.sub(r"[’']s$", "", m.group(2)) for m in re.finditer(
            r"([^\W_])[ ,;]+([^\W\d_][\w’'-]*)", text)
            if m.group(2)[0].isupper() and (m.group(1).islower() or m.group(1).isdigit())}
        self.runs: list[Run] = self._split_prefixes(self._scan())
        if self.language == "de":
            self._german_nouns()
        if self.language == "he":
            self.runs = self._hebrew_runs()
        self._run_starts = [r.start for r in self.runs]
        self.clusters: list[Cluster] = []
        self._bare_first: dict[str, int] = {}
        self.roles: dict[str, list[tuple[int, str]]] = {}
        self.gender: dict[str, str] = {}
        self._build()

    # -- scanning ------------------------------------------------------------------------

    def _starts_sentence(self, pos: int) -> bool:
        if pos in self._sentence_starts:
            return True
        before = self.text[max(0, pos - 3):pos]
        return bool(re.search(r"(?:^|[\n“\"«„‘(])\s*$", before)) or pos == 0

    def _scan(self) -> list[Run]:
        text = self.text
        runs: list[Run] = []
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        i = 0
        n = len(toks)
        while i < n:
            s, e, w = toks[i]
            if not _is_cap(w) or w in ("’", "'"):
                i += 1
                continue
            j = i
            words = [w]
            end = e
            possessive = False
            while True:
                last = words[-1]
                if last.endswith(".") and len(last) > 2 and \
                        last[:-1].lower() not in _ABBR_TITLES:
                    words[-1] = last[:-1]  # "Bush." ends the sentence, not part of a name
                    end -= 1
                    break
                if re.search(r"[’']s$", last) or (end < len(text) and text[end] in "’'"
                                                  and last.endswith("s")
                                                  and not text[end + 1:end + 2].isalnum()):
                    possessive = True
                    break
                if j + 1 >= n:
                    break
                ns, ne, nw = toks[j + 1]
                gap = text[end:ns]
                if gap not in (" ", "\u00a0") and not (gap == "" and re.fullmatch(
                        r"[A-Z]\.", words[-1])):
                    break
                if _is_cap(nw) and nw not in ("’", "'"):
                    words.append(nw)
                    end = ne
                    j += 1
                    continue
                # particles inside names: "Charles de Gaulle", "bin Salman"
                if nw.lower() in _PARTICLES and j + 2 < n and _is_cap(toks[j + 2][2]) \
                        and text[ne:toks[j + 2][0]] == " ":
                    words.append(nw)
                    end = ne
                    j += 1
                    continue
                break
            runs.extend(self._make_run(s, end, words, possessive))
            i = j + 1
        return runs

    def _make_run(self, start: int, end: int, words: list[str], possessive: bool) -> list[Run]:
        text = self.text
        if possessive:
            words = words[:-1] + [re.sub(r"[’']s$", "", words[-1])]
            end = start + len(" ".join(words)) if " ".join(words) in text[start:end] else end
        # split at stray sentence-ending periods inside a run ("U.S. Trade" stays together)
        clean = [w for w in words]
        the = bool(re.search(r"\bthe\s$", text[max(0, start - 4):start]))
        # sentence-initial common words: "But", "Relatives", "Speaking"; "I’d"
        while clean and (clean[0].rstrip(".").lower() in STOP_CAPS
                         or clean[0].lower() in self._stop
                         or re.match(r"I(?:[’'][a-z]+)?$", clean[0])
                         or (self._starts_sentence(start) and clean[0].lower()
                             in self._lower_words and clean[0].rstrip(".").lower()
                             not in TITLES)):
            the = the or clean[0].lower() == "the"
            start = text.find(clean[0], start) + len(clean[0])
            while start < len(text) and text[start] in " .\u00a0":
                start += 1
            clean = clean[1:]
        if not clean:
            return []
        if len(clean) == 1 and self._starts_sentence(start) and clean[0] not in self._mid_caps \
                and not _SPEECH_AFTER.match(text, end):
            return []  # "Simplest way of explaining ...": a capitalised first word
        titles: list[str] = []
        last_title = -1
        if self._role_stems:  # "Ministerin Anna Berger", "CSU-Chef Seehofer", "Presidente X"
            k = 0
            while k < len(clean) - 1 and any(st in clean[k].lower() for st in self._role_stems) \
                    and clean[k + 1][:1].isupper():
                k += 1
            if k and len(clean) - k >= 1:
                last_title = k - 1
        for k, w in enumerate(clean[:-1]):
            word = w.rstrip(".").lower()
            if word in TITLES and (len(word) > 1 or k == 0) and k > last_title:
                last_title = k  # "M. Fabius", not "Brett M."
        if last_title >= 0:
            titles = [w.rstrip(".").lower() for w in clean[:last_title + 1]]
            name_words = clean[last_title + 1:]
        else:
            name_words = clean
        name_start = start
        for w in clean[:len(clean) - len(name_words)]:
            name_start = text.find(w, name_start) + len(w)
        while name_start < len(text) and text[name_start] in " .\u00a0":
            name_start += 1
        org = any(w.rstrip(".").lower() in ORG_WORDS for w in name_words) or any(
            len(w) >= 2 and w.isupper() and w.isalpha() for w in name_words
        ) or the or bool(not titles and self._thing_before is not None and
                         self._thing_before.search(text, max(0, start - 12), start))
        adjective = False
        if len(name_words) == 1 and not titles:
            w = name_words[0]
            nxt = re.match(r"\s+(\w+)", text[end:end + 30])
            if len(w) > 4 and w.lower().endswith(_ADJ_ENDINGS) and nxt and \
                    nxt.group(1).islower() and not _SPEECH_AFTER.match(text, end) and \
                    nxt.group(1) not in ADVERBS:
                adjective = True  # "Israeli officials", "Russian army"
        surface = text[name_start:end]
        if possessive:
            surface = re.sub(r"[’']s?$", "", surface)
        if surface.split() != list(name_words) and surface.replace(".", ". ").split() != [
                w for w in name_words]:
            surface = " ".join(name_words)
        return [Run(start, end, name_start, tuple(name_words), tuple(titles), possessive,
                    org, adjective, surface)]

    def _split_prefixes(self, runs: list[Run]) -> list[Run]:
        """A word that is a name on its own elsewhere ("Малайзии" in "премьер-министр
        Малайзии Наджиба Разака") is not the first name of a longer run."""
        alone = {r.words[0] for r in runs if len(r.words) == 1 and not r.titles}
        for r in runs:
            while len(r.words) >= 3 and r.words[0] in alone and not r.words[0].endswith("."):
                r.name_start = self.text.find(r.words[1], r.name_start + len(r.words[0]))
                r.words = r.words[1:]
                r.surface = self.text[r.name_start:r.end]
        # "Buró Político Roberto Morales Ojeda": a body's name runs into a person's whose
        # surname pair the article also writes alone ("añadió Morales Ojeda")
        pairs = {r.words for r in runs if 2 <= len(r.words) <= 3 and not r.titles}
        for r in runs:
            if len(r.words) < 4 or not r.org:  # "Miguel Mario Cabrera Castellanos" stays
                continue
            for k in range(1, len(r.words) - 1):
                if r.words[k:] not in pairs:
                    continue
                prev = r.words[k - 1]
                if k >= 2 and len(r.words) - k == 2 and prev[:1].isupper() and \
                        prev.lower() not in ORG_WORDS | _PARTICLES:
                    k -= 1  # the first name before the surnames
                pos = r.name_start
                for w in r.words[:k]:
                    pos = self.text.find(w, pos) + len(w)
                r.name_start = self.text.find(r.words[k], pos)
                r.words = r.words[k:]
                r.surface = self.text[r.name_start:r.end]
                r.org = any(w.rstrip(".").lower() in ORG_WORDS for w in r.words)
                break
        return runs

    def _german_nouns(self) -> None:
        """German capitalises every noun: a single capitalised word ("Fall", "Formel") is a
        person only as the surname of a full name in the article or after a title."""
        multi = [r for r in self.runs if r.is_person and len(r.words) >= 2]
        seen = [r.words for r in multi]
        name_words = {w for r in multi for w in r.words}
        for r in multi:
            genitive = any(w.endswith("s") and w[:-1] in name_words for w in r.words[:-1])
            nounish = any(w.islower() or re.search(_DE_NOUN_ENDINGS, w) for w in r.words)
            if genitive or (nounish and seen.count(r.words) < 2):
                r.org = True  # "Carlines Mohrs Tweet", "Mischung von Leuten", "Klar Stellung"
        surnames = {r.words[-1] for r in self.runs if r.is_person and len(r.words) >= 2}
        for r in self.runs:
            if len(r.words) == 1 and not r.titles and r.words[0] not in surnames:
                r.org = True

    def _hebrew_runs(self) -> list[Run]:
        """Names after titles, and later mentions of their full form or surname. Two words
        after a title are a name when something confirms it: a nickname or a party in
        brackets, a comma after it, or the surname used again; "יו\"ר הכנסת שאולי יש" (the
        speaker, that perhaps ...) is a title and two ordinary words."""
        text = self.text
        found = [(m, m.group("first"), m.group("last")) for m in _HE_NAME.finditer(text)]
        pairs = [(f, last) for _, f, last in found]
        names: dict[str, str] = {}  # surname -> first name
        for m, first, last in found:
            if first in _HE_NOT_NAMES or last in _HE_NOT_NAMES:
                continue
            after = text[m.end():m.end() + 5].lstrip()
            if "(" in text[m.start("first"):m.start("last")] or after[:1] in ("(", ",", ".",
                                                                              ":") or \
                    after.startswith("כי ") or \
                    pairs.count((first, last)) > 1 or re.search(
                        r"(?<![\u05d0-\u05ea])" + re.escape(last) + r"\s+(?:" + _HE_VERBS + r")\b",
                        text):
                names.setdefault(last, first)
        runs: list[Run] = []
        for m, first, last in found:
            title = tuple(m.group("title").split())
            if names.get(last) == first:
                runs.append(Run(m.start(), m.end(), m.start("first"), (first, last), title,
                                surface=f"{first} {last}"))
            elif first in names:  # "ח\"כ בן־אליעזר שפרש": the surname after the title
                runs.append(Run(m.start(), m.start("first") + len(first), m.start("first"),
                                (names[first], first), title,
                                surface=f"{names[first]} {first}"))
        taken = [(r.start, r.end) for r in runs]
        for last, first in names.items():
            for m in re.finditer(r"(?<![\u05d0-\u05ea])[ובלמהכש]?(?P<first>" + re.escape(first) +
                                 r"\s+)?" + re.escape(last) + r"(?![\u05d0-\u05ea'׳־-])", text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                name_start = m.start("first") if m.group("first") else m.end() - len(last)
                runs.append(Run(m.start(), m.end(), name_start,
                                (first, last) if m.group("first") else (last,), (),
                                surface=text[name_start:m.end()]))
        return sorted(runs, key=lambda r: r.start)

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
        from bisect import bisect_left

        k = bisect_left(self._run_starts, start)
        while k < len(self.runs) and self.runs[k].start < end:
            run = self.runs[k]
            if run.name_start < end:
                return run
            k += 1
        return None

    def runs_in(self, start: int, end: int) -> list[Run]:
        from bisect import bisect_left

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
