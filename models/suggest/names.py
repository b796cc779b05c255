"""Name runs: the capitalised words of an article that may name a person, with the titles
in front stripped ("Russian President", "Mr."), and whether a run is rather an organisation,
a place or an adjective. Hebrew, which has no capitals, is read from titles instead."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.suggest.lexicon import (
    ADVERBS,
    EN_SPEECH,
    FOREIGN_SPEECH,
    FOREIGN_STOP_CAPS,
    ORG_WORDS,
    ROLE_TITLES,
    STOP_CAPS,
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


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"[dl][’'][A-ZÀ-Þ]", word))


class NameScanner:
    """Finds the name runs of one article."""

    def __init__(self, text: str, index: Index, language: str) -> None:
        self.text = text
        self.language = language
        self.stop = FOREIGN_STOP_CAPS.get(language, frozenset())
        self._role_stems = tuple(ROLE_TITLES.get(language, "").split())
        self._thing_before = re.compile(_THING_BEFORE[language], re.IGNORECASE) \
            if language in _THING_BEFORE else None
        self._lower_words = {w for w in re.findall(r"\b[^\W\d_]+\b", text) if w.islower()}
        self._sentence_starts = {s.start for s in index.sents}
        # capitalised words seen inside sentences: evidence that a sentence-initial one is a name
        self.mid_caps = {re.sub(r"[’']s$", "", m.group(2)) for m in re.finditer(
            r"([^\W_])[ ,;]+([^\W\d_][\w’'-]*)", text)
            if m.group(2)[0].isupper() and (m.group(1).islower() or m.group(1).isdigit())}

    def runs(self) -> list[Run]:
        """The article's runs in text order."""
        runs = self._split_prefixes(self._scan())
        if self.language == "de":
            self._german_nouns(runs)
        if self.language == "he":
            runs = self._hebrew_runs()
        return runs

    def _starts_sentence(self, pos: int) -> bool:
        if pos in self._sentence_starts:
            return True
        before = self.text[max(0, pos - 3):pos]
        return bool(re.search(r"(?:^|[\n“\"«„‘(])\s*$", before)) or pos == 0

    def _scan(self) -> list[Run]:
        """Runs of capitalised tokens, with the particles inside names ("bin Salman")."""
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
        """The run of `words` with its titles stripped and marked as an organisation or an
        adjective where it is one; none when only common capitalised words remain."""
        text = self.text
        if possessive:
            words = words[:-1] + [re.sub(r"[’']s$", "", words[-1])]
            end = start + len(" ".join(words)) if " ".join(words) in text[start:end] else end
        # split at stray sentence-ending periods inside a run ("U.S. Trade" stays together)
        clean = [w for w in words]
        the = bool(re.search(r"\bthe\s$", text[max(0, start - 4):start]))
        # sentence-initial common words: "But", "Relatives", "Speaking"; "I’d"
        while clean and (clean[0].rstrip(".").lower() in STOP_CAPS
                         or clean[0].lower() in self.stop
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
        if len(clean) == 1 and self._starts_sentence(start) and clean[0] not in self.mid_caps \
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

    def _german_nouns(self, runs: list[Run]) -> None:
        """German capitalises every noun: a single capitalised word ("Fall", "Formel") is a
        person only as the surname of a full name in the article or after a title."""
        multi = [r for r in runs if r.is_person and len(r.words) >= 2]
        seen = [r.words for r in multi]
        name_words = {w for r in multi for w in r.words}
        for r in multi:
            genitive = any(w.endswith("s") and w[:-1] in name_words for w in r.words[:-1])
            nounish = any(w.islower() or re.search(_DE_NOUN_ENDINGS, w) for w in r.words)
            if genitive or (nounish and seen.count(r.words) < 2):
                r.org = True  # "Carlines Mohrs Tweet", "Mischung von Leuten", "Klar Stellung"
        surnames = {r.words[-1] for r in runs if r.is_person and len(r.words) >= 2}
        for r in runs:
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
