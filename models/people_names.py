"""How people's names compare: the matching key, a first guess at the kind, and likely
variants of one person ("Netanyahu", "Mr Netanyahu", "Benjamin Netanyahu") to propose."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from models.errors import ValidationError

PERSON_KINDS: tuple[str, ...] = ("person", "organisation", "unnamed")
KIND_LABELS = {"person": "Person", "organisation": "Organisation", "unnamed": "Unnamed source"}

# Titles that do not tell two people apart ("Mr Netanyahu" is Netanyahu).
_TITLES = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "professor",
    "sir", "dame", "lord", "lady", "president", "senator", "sen.", "rep.", "representative",
    "gov.", "governor", "judge", "justice", "minister", "prime", "chancellor", "mayor",
    "general", "gen.", "col.", "colonel", "capt.", "captain", "rev.", "father", "sheikh",
    "herr", "frau", "m.", "mme", "mme.", "sr.", "sra.", "don", "doña",
}
_UNNAMED = re.compile(
    r"^(?:an?|the|one|two|three|several|some|many|other)\b.*\b(?:sources?|officials?|"
    r"person|people|spokes(?:man|woman|person)|aides?|diplomats?|insiders?|witness(?:es)?|"
    r"residents?|observers?|analysts?|employees?|staff(?:er)?s?|executives?|members?)\b",
    re.IGNORECASE)
_ORGANISATION = re.compile(
    r"\b(?:inc|ltd|llc|plc|corp|co|gmbh|ag|sa|company|corporation|ministry|department|"
    r"police|party|council|committee|commission|agency|office|government|university|"
    r"association|union|bank|court|army|forces|news|times|post|journal|group|foundation|"
    r"institute|organi[sz]ation|network|service|board|parliament|senate|congress|"
    r"white house|kremlin|pentagon|fbi|cia|un|nato|who|eu|idf)\.?$",
    re.IGNORECASE)


def name_key(name: str) -> str:
    """The form two spellings of one name share: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


def fold_text(text: str) -> str:
    """Case and the accents of Latin, Greek and Cyrillic letters folded ("François" is
    "francois"; kana keep their voicing marks), curly apostrophes straightened."""
    kept, base = [], " "
    for c in unicodedata.normalize("NFKD", text.replace("\u2019", "'")):
        if not unicodedata.combining(c):
            base = c
        elif base < "\u0590":
            continue
        kept.append(c)
    return "".join(kept).casefold()


def fold_words(name: str) -> list[str]:
    """A looser form than `name_key`, for matching a name found in a text to a known one:
    `fold_text`, dots and commas around words dropped ("Nikki R. Haley" is "nikki r
    haley") and a leading "the" left out."""
    words = [w.strip(".,") for w in fold_text(name).split()]
    words = [w for w in words if w]
    return words[1:] if len(words) > 1 and words[0] == "the" else words


# folded alike; "don" and "m." are left out, as often a first name or an initial
_TITLE_WORDS = frozenset(fold_words(w)[0] for w in _TITLES) - {"don", "m"}


def is_title(word: str) -> bool:
    """Whether a folded word is a title ("mr", "president", "minister")."""
    return word in _TITLE_WORDS


def strip_titles(words: list[str]) -> list[str]:
    """`fold_words` without the titles in front ("prime minister benjamin netanyahu" is
    "benjamin netanyahu"); words that are all titles ("prime minister") are kept whole."""
    i = 0
    while i < len(words) and words[i] in _TITLE_WORDS:
        i += 1
    return words[i:] if i < len(words) else words


def clean_name(name: str) -> str:
    return " ".join(name.split())


def guess_kind(name: str) -> str:
    """A first kind for a new name; the user can change it in the People view."""
    if _UNNAMED.search(name):
        return "unnamed"
    if _ORGANISATION.search(name) or (name.isupper() and 2 <= len(name) <= 6):
        return "organisation"
    return "person"


def _words(name: str) -> list[str]:
    words = [w.strip(",").casefold() for w in name.split()]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return [w for w in words if w]


@dataclass(frozen=True)
class Proposal:
    """`variant` is probably the person `full` names (a surname or first name alone, or the
    same name with a title); only ever proposed, merged when the user says so."""

    variant: str
    full: str
    reason: str


def propose_variants(names: Iterable[tuple[str, str]],
                     dismissed: set[tuple[str, str]] = frozenset()) -> list[Proposal]:
    """Likely variants among (name, kind) pairs, each pair at most once; `dismissed` holds
    (variant key, full key) pairs the user said are different people. Linear in the names:
    full names are indexed by their first and last words once."""
    people = [(n, k, _words(n)) for n, k in names]
    by_first: dict[str, list[str]] = {}
    by_last: dict[str, list[str]] = {}
    by_words: dict[tuple[str, ...], list[str]] = {}
    for name, kind, words in people:
        if kind != "person" or len(words) < 2:
            continue
        by_first.setdefault(words[0], []).append(name)
        by_last.setdefault(words[-1], []).append(name)
        by_words.setdefault(tuple(words), []).append(name)
    out: list[Proposal] = []
    for name, kind, words in people:
        if kind != "person" or not words:
            continue
        found: list[tuple[str, str]] = []
        if len(words) == 1:
            word = words[0]
            found += [(full, "the same surname") for full in by_last.get(word, [])]
            found += [(full, "the same first name") for full in by_first.get(word, [])
                      if full not in by_last.get(word, [])]
        elif name_key(name).split() != words:  # a title dropped: "Mr Benjamin Netanyahu"
            found += [(full, "the same name with a title") for full in
                      by_words.get(tuple(words), []) if name_key(full) != name_key(name)]
        for full, reason in found:
            if (name_key(name), name_key(full)) not in dismissed:
                out.append(Proposal(name, full, reason))
    out.sort(key=lambda p: (p.full.casefold(), p.variant.casefold()))
    return out


def valid_name(name: str) -> str:
    """A person's name as kept, or a clear refusal."""
    name = clean_name(name)
    if not name:
        raise ValidationError("A person needs a name.")
    if len(name) > 200:
        raise ValidationError("A name can be at most 200 characters long.")
    return name


def valid_kind(kind: str) -> str:
    if kind not in PERSON_KINDS:
        raise ValidationError(f"Kind {kind!r} is unknown; use person, organisation or "
                              "unnamed.")
    return kind


def clean_aliases(aliases: Iterable[str], *, exclude: str) -> tuple[str, ...]:
    """Aliases cleaned, one per name_key, without the person's own name."""
    seen: dict[str, str] = {}
    for a in aliases:
        a = clean_name(a)
        if a and name_key(a) != name_key(exclude):
            seen.setdefault(name_key(a), a)
    return tuple(seen.values())
