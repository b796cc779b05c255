"""Project search: every article's text and metadata and every annotation's text, note,
tags, people, where and when, with the same folding as Find (models/textsearch.py).

The FTS5 index (models/search_index.py) narrows the project to candidate rows; the folding
matcher then decides and gives exact code-point positions, so a hit is always where the
words are. Several words must all match (anywhere in one article, or in one annotation);
"quoted words" match as a phrase. Each word also matches as the start of a longer word in
the index ("netan" finds Netanyahu) and as a substring in the matcher.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import bindparam
from sqlalchemy import text as sql

from models.event_dates import date_bounds
from models.row_values import participant_names
from models.textsearch import TextSearch, fold
from models.values import KINDS

if TYPE_CHECKING:
    from models.project import Project

# Characters of context before and after a hit: little before, so that in a narrow list the
# words found are still in view.
BEFORE, AFTER = 20, 60
_TERM = re.compile(r"[\"“”„«»](.*?)(?:[\"“”„«»]|$)|(\S+)")
_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps as a word (no underscore)
# Scripts whose words the index cannot find by their start: Hebrew and Arabic attach
# prefixes (ה, ל, ال), Chinese, Japanese, Korean and Thai write no spaces. Such terms, and
# terms of no word characters at all (emoji), are left to the matcher over every row.
_UNINDEXED = re.compile("[\u0590-\u06ff\u0750-\u077f\u0e00-\u0e7f\u3040-\u30ff"
                        "\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
ARTICLE_FIELDS = ("title", "source", "author", "url")


@dataclass(frozen=True)
class Hit:
    """One place a query matched. `start`/`end` are code points into the article's text:
    the words themselves for a text hit, the annotation's span for an annotation hit, None
    for a hit in an article's title, source, author or URL."""

    article_id: int
    field: str  # text, title, source, author, url; or note, speaker, tags… of an annotation
    snippet: str
    start: int | None = None
    end: int | None = None
    annotation_id: int | None = None
    kind: str = ""  # the annotation's kind ("" for the article's own text)

    def as_json(self) -> dict[str, object]:
        return {"article": self.article_id, "start": self.start, "end": self.end,
                "annotation": self.annotation_id, "kind": self.kind or None,
                "field": self.field, "snippet": self.snippet}


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    truncated: bool = False  # more hits than the limit: refine the query

    def by_article(self) -> dict[int, list[Hit]]:
        groups: dict[int, list[Hit]] = {}
        for h in self.hits:
            groups.setdefault(h.article_id, []).append(h)
        return groups

    def to_json(self, *, ascii_only: bool = False) -> str:
        return json.dumps([h.as_json() for h in self.hits], ensure_ascii=ascii_only, indent=1)


def parse_query(query: str) -> list[str]:
    """Words, and "quoted phrases" (straight or typographic quotes), in order."""
    terms = []
    for m in _TERM.finditer(query):
        term = " ".join((m.group(1) if m.group(1) is not None else m.group(2)).split())
        if term and fold(term).strip():
            terms.append(term)
    return terms


def _indexable(term: str) -> bool:
    """Whether the index finds `term` as the matcher would: only where our folding and
    unicode61's agree (ASCII, and Latin letters whose accents come off to ASCII). Greek,
    Cyrillic й/ё, Devanagari marks, ß and ligatures fold differently there, and Hebrew,
    Arabic and unspaced scripts attach or run words together: those go to the matcher."""
    if _UNINDEXED.search(term):
        return False
    for c in term:
        if c.isascii() or not (c.isalnum() or unicodedata.category(c).startswith("M")):
            continue
        low = c.casefold()
        if low != c.lower() or len(low) != 1 or unicodedata.category(c).startswith("M"):
            return False
        if not unicodedata.normalize("NFD", low)[0].isascii():
            return False
    return True


def _fts_query(groups: Iterable[list[str]]) -> str:
    """Every group of alternatives (a term, and the names of the person it names) as FTS5
    phrases of their words, each phrase's last word as a prefix, OR-ed; all groups required.
    A group with an alternative the index cannot find is left to the matcher. Only word
    characters reach FTS5, so no user input is read as FTS5 syntax."""
    required = []
    for alts in groups:
        phrases = []
        for term in alts:
            tokens = _TOKEN.findall(fold(term))
            if not tokens or not _indexable(term):
                phrases = []
                break
            phrases.append('"' + " ".join(tokens) + '"*')
        if phrases:
            required.append(phrases[0] if len(phrases) == 1 else
                            "(" + " OR ".join(phrases) + ")")
    return " AND ".join(required)


def fts_match(query: str) -> str:
    """The FTS5 MATCH expression for `query`'s words alone (no people's other names): what
    the benchmarks time as the bare index lookup."""
    return _fts_query([[t] for t in parse_query(query)])


def _alternatives(project: Project, terms: list[str]) -> list[list[str]]:
    """Each term with, when it is a person's name or alias (as the People view compares
    names), that person's name and aliases: "bibi" finds what names Benjamin Netanyahu."""
    from models.people_names import name_key

    by_key: dict[str, list[str]] = {}
    for person in project.people.list():
        names = [person.name, *person.aliases]
        for n in names:
            by_key.setdefault(name_key(n), names)
    groups = []
    for term in terms:
        alts = [term, *by_key.get(name_key(term), ())]
        groups.append(list(dict.fromkeys(alts)))
    return groups


def _cut(text: str, limit: int = 240) -> str:
    """A field's text on one line, at most `limit` characters, "…" where it was cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def snippet(text: str, start: int, end: int, before: int = BEFORE, after: int = AFTER) -> str:
    lo, hi = max(0, start - before), min(len(text), end + after)
    body = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")


@dataclass(frozen=True)
class Filters:
    """Narrow the hits to annotations: with any of these set, the articles' own text and
    metadata are not hits. `person` is part of a speaker's, claimant's or participant's
    name (folded as Find does); `tag` a whole tag (any case); dates are YYYY, YYYY-MM or
    YYYY-MM-DD and include the whole year or month given; annotations without a date are
    left out by a date range."""

    tag: str = ""
    person: str = ""
    status: str = ""
    date_from: str = ""
    date_to: str = ""

    def __bool__(self) -> bool:
        return any((self.tag, self.person, self.status, self.date_from, self.date_to))

    def check(self) -> None:
        from models.errors import ValidationError
        from models.values import STATUSES

        if self.status and self.status not in STATUSES:
            raise ValidationError(f"Status {self.status!r} is unknown; use one of "
                                  f"{', '.join(STATUSES)}.")
        from models.event_dates import parse_event_date

        for value in (self.date_from, self.date_to):
            parse_event_date(value)  # one line saying what to write

    def keeps(self, fields: dict[str, str], tags: set[str], status: str, date: str) -> bool:
        if self.status and status != self.status:
            return False
        if self.tag and self.tag.strip().casefold() not in {t.casefold() for t in tags}:
            return False
        if self.person:
            who = fold(self.person)
            if not any(who in fold(fields[k]) for k in ("speaker", "claimant",
                                                         "participants")):
                return False
        # A date covers its whole day, month, year or range, and so does a bound ("--to
        # 2015" is the end of 2015): keep what overlaps [from, to].
        if not (self.date_from or self.date_to):
            return True
        first, last = date_bounds(date)
        if not first:
            return False
        if self.date_from and last < date_bounds(self.date_from)[0]:
            return False
        return not (self.date_to and first > date_bounds(self.date_to)[1])


def search_project(project: Project, query: str, *, kinds: Iterable[str] | None = None,
                   article_ids: Iterable[int] | None = None, filters: Filters | None = None,
                   limit: int = 1000) -> SearchResult:
    """Every hit of `query` in the project, grouped by article (in id order), each article's
    hits in text order. `kinds` keeps only annotation hits of those kinds; `article_ids`
    only those articles; `filters` only annotations with that tag, person, status, dates."""
    result = SearchResult(query)
    groups = iter_search(project, query, kinds=kinds, article_ids=article_ids,
                         filters=filters)
    try:
        for found in groups:
            result.hits += found
            if len(result.hits) > limit:
                result.truncated = True
                del result.hits[limit:]
                break
    finally:
        groups.close()  # gives the read connection back at once
    return result


def iter_search(project: Project, query: str, *, kinds: Iterable[str] | None = None,
                article_ids: Iterable[int] | None = None, filters: Filters | None = None
                ) -> Generator[list[Hit], None, None]:
    """search_project's hits one article at a time (in id order), each article's hits in
    text order, read in one snapshot while the caller iterates: the first articles cost
    what they show, not what the whole project holds. A bad kind or filter is refused
    here, before anything is read; close() the generator to stop early."""
    terms = parse_query(query)
    filters = filters or Filters()
    filters.check()
    wanted = None if kinds is None else set(kinds)
    if wanted is not None and wanted - set(KINDS):
        from models.errors import ValidationError

        raise ValidationError(f"Unknown kind {sorted(wanted - set(KINDS))[0]!r}; use "
                              "claim, quote or event.")
    only = None if article_ids is None else sorted(set(article_ids))
    return _search(project, terms, wanted, only, filters)


def _search(project: Project, terms: list[str], wanted: set[str] | None,
            only: list[int] | None, filters: Filters) -> Generator[list[Hit], None, None]:
    if not terms:
        return
    groups = _alternatives(project, terms)
    match = _fts_query(groups)  # "" when no term can use the index: every row is read
    # The index, the kinds and the articles asked for narrow the rows in SQL.
    params: dict[str, object] = {"q": match, "kinds": sorted(wanted or ()), "only": only or []}

    def query(head: str, where: list[str], tail: str = ""):  # noqa: ANN202
        """`head` WHERE the conditions `tail`, the list parameters it names expanded."""
        statement = sql(head + (" WHERE " + " AND ".join(where) if where else "") + tail)
        lists = [bindparam(n, expanding=True) for n in ("kinds", "only", "batch")
                 if any(f":{n}" in w for w in where)]
        return statement.bindparams(*lists) if lists else statement
    with project.reading() as con:
        con.begin()  # one snapshot, however long the caller takes between articles
        articles: set[int] = set()
        if wanted is None and not filters:
            where = [w for w, on in (
                ("id IN (SELECT rowid FROM article_search WHERE article_search MATCH :q)",
                 match), ("id IN :only", only is not None)) if on]
            articles = {aid for (aid,) in con.execute(query("SELECT id FROM article", where),
                                                      params)}
        where = [w for w, on in (
            ("a.id IN (SELECT rowid FROM annotation_search WHERE annotation_search MATCH :q)",
             match), ("a.kind IN :kinds", wanted is not None),
            ("a.article_id IN :only", only is not None)) if on]
        annotated = {aid for (aid,) in con.execute(query(
            "SELECT DISTINCT a.article_id FROM annotation a", where), params)}
        order = sorted(articles | annotated)
        # Small first batches: the first results are on screen before the rest is read.
        at, size = 0, _FIRST_BATCH
        while at < len(order):
            batch = order[at:at + size]
            at, size = at + size, min(size * 2, _BATCH)
            params["batch"] = batch
            notes: dict[int, list[tuple]] = {}
            if annotated.intersection(batch):
                for row in con.execute(query(
                        'SELECT a.id, a.article_id, a.kind, a.start, a."end", a.text, a.note, '
                        'a.speaker, a.claimant, a.participants, a."where", a."when", '
                        "(SELECT group_concat(t.tag, char(31)) FROM annotation_tag t "
                        " WHERE t.annotation_id = a.id), a.status, a.date FROM annotation a",
                        [*where, "a.article_id IN :batch"], " ORDER BY a.article_id, a.start"),
                        params):
                    notes.setdefault(row[1], []).append(row)
            texts = {}
            if articles.intersection(batch):
                texts = {r[0]: tuple(str(v or "") for v in r[1:]) for r in con.execute(query(
                    "SELECT id, title, source, author, url, text FROM article",
                    ["id IN :batch"]), params)}
            for article_id in batch:
                found = []
                if article_id in articles and article_id in texts:
                    found += _article_hits(article_id, texts[article_id], groups)
                found += _annotation_hits(notes.get(article_id, ()), groups, filters)
                if found:
                    found.sort(key=lambda h: (-1 if h.start is None else h.start,
                                              h.annotation_id or 0))
                    yield found


_FIRST_BATCH, _BATCH = 8, 128  # articles read per query: few at first, then more


def _annotation_hits(rows: Iterable[tuple], groups: list[list[str]],
                     filters: Filters) -> list[Hit]:
    out = []
    folded_groups = [[fold(t) for t in alts] for alts in groups]
    for aid, article_id, kind, start, end, body, *rest in rows:
        *rest, status, date = rest
        fields = dict(zip(("note", "speaker", "claimant", "participants", "where", "when",
                           "tags"), (str(v or "") for v in rest), strict=True))
        fields["participants"] = ", ".join(participant_names(fields["participants"])[0])
        fields["tags"] = fields["tags"].replace("\x1f", ", ")  # as shown; split by keeps()
        tags = set(str(rest[6] or "").split("\x1f")) - {""}
        if filters and not filters.keeps(fields, tags, str(status or ""), str(date or "")):
            continue
        values = (("text", str(body)), *fields.items())
        folded = {k: fold(v) for k, v in values}
        if not all(any(t in f for t in alts for f in folded.values())
                   for alts in folded_groups):
            continue
        where = next((k for k, _v in values if any(t in folded[k] for t in folded_groups[0])),
                     "text")
        shown = str(body) if where == "text" else f"{fields[where]} — {body}"
        out.append(Hit(article_id, where, _cut(shown), start, end, aid, kind))
    return out


def _article_hits(article_id: int, row: tuple, groups: list[list[str]]) -> list[Hit]:
    """Hits in one article's metadata and text, if every group (a term or its
    alternatives) is in one of them."""
    *meta, body = row
    finder = TextSearch(body)
    in_text = {t: finder.find_all(t, limit=1000) for alts in groups for t in alts}
    folded_meta = [fold(v) for v in meta]
    if not all(any(in_text[t] or any(fold(t) in m for m in folded_meta) for t in alts)
               for alts in groups):
        return []
    every = [fold(t) for alts in groups for t in alts]
    out = [Hit(article_id, name, _cut(value))
           for name, value, folded in zip(ARTICLE_FIELDS, meta, folded_meta, strict=True)
           if any(t in folded for t in every)]
    # Alternatives may find the same words ("Netanyahu" inside "Benjamin Netanyahu"):
    # one hit for them, the longest.
    end = -1
    for s, e in sorted({sp for spans in in_text.values() for sp in spans},
                       key=lambda sp: (sp[0], -sp[1])):
        if s >= end:
            out.append(Hit(article_id, "text", snippet(body, s, e), s, e))
            end = e
    return out
