"""Which known person a name found in a text means, so a suggestion names the same person
the same way in every article. Read-only: built from two reads of the people and their
aliases, it never makes a person (accepting a suggestion goes through `settle` as any
write does).

Rules, first that applies wins:
1. the name or an alias of a person, as `name_key` compares them (case and spacing);
2. the same, more loosely (`fold_words`: accents, dots, a leading "the");
3. with titles in front left out ("Mr Netanyahu", "Prime Minister Benjamin Netanyahu"),
   the name or an alias of a person of kind person;
4. a surname alone, or its last words ("Netanyahu", "von der Leyen"), of exactly one
   person's name of kind person (never an organisation or an unnamed source, nor a name
   that reads as a description: "People close to Ms. Haley");
5. without a title, a first name alone of exactly one such person's name.
When a rule finds several people, one of them the article already names (in its
annotations, the other suggestions or its text) is taken; otherwise the name stays as found
and later rules are not tried (an ambiguous surname is not tried as a first name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from models.people_names import (
    clean_name,
    fold_text,
    fold_words,
    guess_kind,
    is_title,
    name_key,
    strip_titles,
)
from models.row_values import as_text
from models.schema import PersonAliasRow, PersonRow

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # "Martin Luther King Jr."
_TOKEN = re.compile(r"\w+(?:['-]\w+)*")
_PARTICLES = frozenset("von van der den de del della di da du la le bin ibn al el y e dos das "
                       "do ter ten zu af av".split())


def _proper(name: str) -> bool:
    """Whether a person's name reads as a name ("Ursula von der Leyen", "Bashar al-Assad",
    "נתניהו"), not a description a field held ("People close to Ms. Haley"): its words
    capitalised (or of a script without case) but for particles before the last."""
    words = name.split()
    for i, w in enumerate(words):
        head = re.split(r"[-'’]", w)[-1] if re.match(r"^[a-z]{1,3}[-'’]", w) else w
        if head[:1].islower() and not (i < len(words) - 1 and w in _PARTICLES):
            return False
    return True


@dataclass
class _Article:
    used: set[int]
    text: str
    tokens: str | None = None  # the text's words, folded, between spaces; made when needed
    seen: dict[int, bool] = field(default_factory=dict)


def _tokens(text: str) -> str:
    return " " + " ".join(_TOKEN.findall(fold_text(text))) + " "


class NameResolver:
    """Maps names found in a text to the canonical names of the project's people."""

    def __init__(self, people: Iterable[tuple[int, str, str]],
                 aliases: Iterable[tuple[int, str]] = ()) -> None:
        self._names: dict[int, str] = {}
        self._exact: dict[str, int] = {}
        self._folded: dict[tuple[str, ...], set[int]] = {}
        self._bare: dict[tuple[str, ...], set[int]] = {}  # titles dropped; persons only
        self._suffix: dict[tuple[str, ...], set[int]] = {}  # persons' last words
        self._first: dict[str, set[int]] = {}
        persons: set[int] = set()
        for pid, name, kind in people:
            self._names[pid] = name
            self._exact[name_key(name)] = pid
            if kind == "person":
                persons.add(pid)
        alias_list = [(pid, a) for pid, a in aliases if pid in self._names]
        for pid, alias in alias_list:
            self._exact.setdefault(name_key(alias), pid)
        for pid, written in [*self._names.items(), *alias_list]:
            words = fold_words(written)
            if not words:
                continue
            self._folded.setdefault(tuple(words), set()).add(pid)
            if pid in persons:
                self._bare.setdefault(tuple(strip_titles(words)), set()).add(pid)
        for pid in persons:  # surname and first-name rules: the person's own name only
            words = strip_titles(fold_words(self._names[pid]))
            while len(words) > 2 and words[-1] in _SUFFIXES:
                words = words[:-1]
            if len(words) < 2 or is_title(words[0]) or not _proper(self._names[pid]):
                continue  # "Prime Minister" or "people close to Ms. Haley" is no one's name
            for i in range(1, len(words)):
                self._suffix.setdefault(tuple(words[i:]), set()).add(pid)
            self._first.setdefault(words[0], set()).add(pid)

    def __len__(self) -> int:
        return len(self._names)

    def resolve(self, name: str, used: Iterable[str] = (), text: str = "") -> str:
        """The canonical name `name` means, or `name` itself; `used` are names the article
        already holds and `text` the article, to choose between people sharing a name."""
        return self.for_article(used, text)(name)

    def for_article(self, used: Iterable[str] = (), text: str = "") -> Callable[[str], str]:
        """`resolve` for one article's names: `used` and `text` are looked at once."""
        ids: set[int] = set()
        for n in used:
            pid = self._known(n)
            if pid is not None:
                ids.add(pid)
        article = _Article(ids, text)
        return lambda name: self._resolve(name, article)

    def _known(self, name: str) -> int | None:
        """The person a name means by rules 1 and 2 alone, if only one."""
        pid = self._exact.get(name_key(name))
        if pid is None:
            found = self._folded.get(tuple(fold_words(name)), set())
            pid = next(iter(found)) if len(found) == 1 else None
        return pid

    def _resolve(self, name: str, article: _Article) -> str:
        cleaned = clean_name(name)
        if not cleaned or not self._names:
            return name
        pid = self._exact.get(name_key(cleaned))
        if pid is not None:
            return self._names[pid]
        words = fold_words(cleaned)
        if not words:
            return name
        bare = strip_titles(words)
        titled = bare != words
        steps: list[set[int] | None] = [self._folded.get(tuple(words))]
        if titled:
            steps.append(self._bare.get(tuple(bare)))
        if guess_kind(cleaned) == "person" and len(bare[-1]) > 1:
            steps.append(self._suffix.get(tuple(bare)))
            if not titled and len(bare) == 1:
                steps.append(self._first.get(bare[0]))
        for found in steps:
            if found:
                pid = self._pick(found, article)
                return name if pid is None else self._names[pid]
        return name

    def _pick(self, found: set[int], article: _Article) -> int | None:
        if len(found) == 1:
            return next(iter(found))
        used = found & article.used
        if len(used) == 1:
            return next(iter(used))
        if not article.text:
            return None
        if article.tokens is None:
            article.tokens = _tokens(article.text)
        named = [pid for pid in sorted(used or found) if self._in_text(pid, article)]
        return named[0] if len(named) == 1 else None

    def _in_text(self, pid: int, article: _Article) -> bool:
        if pid not in article.seen:
            article.seen[pid] = _tokens(self._names[pid]) in (article.tokens or "")
        return article.seen[pid]


def load_resolver(con: Connection) -> NameResolver:
    """The resolver for the project's people as they are now: two reads."""
    people = [(pid, as_text(n)[0], kind) for pid, n, kind in
              con.execute(select(PersonRow.id, PersonRow.name, PersonRow.kind))]
    aliases = [(pid, as_text(a)[0]) for pid, a in
               con.execute(select(PersonAliasRow.person_id, PersonAliasRow.alias))]
    return NameResolver(people, aliases)
