"""One timeline of the whole project: every event in date order (models/event_dates.py
`date_sort_key`: by the first day its date covers, the wider span first on the same day, so
a month or year stands at the start of its span and a range at its start), then by article
and offset; undated events last.

Built for tens of thousands of events (the Timeline view shows a screenful of them): one
SELECT, tags gathered by SQLite, the article and tag filters in SQL; the order computed in
C-level sorts over a few columns, each distinct date ranked once; and each TimelineEntry
built only when it is read (`Timeline` is a sequence over the ordered rows). A person filter
decodes every participants list, in one JSON call. Values another tool damaged (text where
a number belongs, participants that are not JSON) are repaired as everywhere else."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from sqlalchemy import text as sql

from models.event_dates import date_bounds, date_sort_key, precision, show_date
from models.gc_pause import no_cycle_collection
from models.row_values import as_int, as_text, participant_names
from models.textsearch import fold

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from models.project import Project


class TimelineEntry(NamedTuple):
    """One event on the timeline (immutable; a named tuple, cheap to build by the ten
    thousand)."""

    annotation_id: int
    article_id: int
    article_title: str
    date: str  # YYYY-MM-DD, YYYY-MM, YYYY, START/END of those, or ""
    when: str  # as written
    where: str
    participants: tuple[str, ...]
    text: str
    tags: tuple[str, ...]
    start: int
    end: int

    @property
    def precision(self) -> str:
        """"day", "month", "year", "range", or "" when undated."""
        return precision(self.date)

    @property
    def shown_date(self) -> str:
        if self.date:
            return show_date(self.date)
        return f"({self.when[:20]})" if self.when.strip() else "undated"

    def as_json(self) -> dict[str, object]:
        """Every field, with `precision`; `date_start`/`date_end` the two ends of a range
        (both the date itself otherwise) and `first_day`/`last_day` the days it covers
        (null when undated)."""
        out: dict[str, object] = self._asdict()
        out["precision"] = self.precision or None
        start, _, end = self.date.partition("/")
        out["date_start"] = start or None
        out["date_end"] = (end or start) or None
        first, last = date_bounds(self.date)
        out["first_day"], out["last_day"] = first or None, last or None
        return out


_SEP = "\x1f"
_SELECT = (
    'SELECT a.id, a.article_id, {date}, {when}, {where}, {participants}, {text}, '
    "(SELECT {tags} FROM annotation_tag t WHERE t.annotation_id = a.id AND t.tag != ''), "
    "a.start, a.\"end\", {valid} FROM annotation a WHERE a.kind = 'event'")
_COLUMNS = {"date": "a.date", "when": 'a."when"', "where": 'a."where"',
            "participants": "a.participants", "text": "a.text",
            "tags": f"group_concat(t.tag, char({ord(_SEP)}))"}
# Text another tool wrote that is not UTF-8 cannot be read as text: read again as bytes
# (decoded with U+FFFD where they are not, as everywhere else).
_AS_BYTES = {k: f"CASE WHEN typeof({v}) = 'text' THEN CAST({v} AS BLOB) ELSE {v} END"
             for k, v in _COLUMNS.items()}
_VALID = "json_valid(a.participants)"  # read only for a person filter (decoding them all)
_ORDER = " ORDER BY a.id"  # the order of the table itself: no sorting in SQL
_EMPTY: tuple[str, ...] = ()
# Which column of a row holds each field ("participants" and "tags" need decoding).
_FIELDS = ("annotation_id", "article_id", "date", "when", "where", "participants", "text",
           "tags", "start", "end")


class Timeline(Sequence[TimelineEntry]):
    """The events in timeline order. An entry is built from its row when it is read, so
    a view over 40,000 events builds the few it shows; iterating builds them all. The rows
    are kept as columns (a dozen objects, not one tuple per event for the cycle collector
    to visit)."""

    __slots__ = ("_cols", "_titles")

    def __init__(self, cols: Sequence[Sequence[Any]], titles: dict[int, str]) -> None:
        self._cols, self._titles = tuple(cols), titles

    def __len__(self) -> int:
        return len(self._cols[0]) if self._cols else 0

    @overload
    def __getitem__(self, i: int) -> TimelineEntry: ...
    @overload
    def __getitem__(self, i: slice) -> list[TimelineEntry]: ...
    def __getitem__(self, i: int | slice) -> TimelineEntry | list[TimelineEntry]:
        if not self._cols:
            if isinstance(i, slice):
                return []
            raise IndexError(i)
        if isinstance(i, slice):
            return list(map(self._entry, zip(*(c[i] for c in self._cols), strict=True)))
        return self._entry(tuple(c[i] for c in self._cols))

    def __iter__(self) -> Iterator[TimelineEntry]:
        return map(self._entry, zip(*self._cols, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Timeline | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Timeline({len(self)} events)"

    def dated(self) -> int:
        """How many of the events have a date."""
        return len(self) - self._cols[2].count("") if self._cols else 0

    def index_of(self, annotation_id: int) -> int | None:
        """Where the event with this annotation id stands, if it is on the timeline."""
        try:
            return self._cols[0].index(annotation_id) if self._cols else None
        except ValueError:
            return None

    def column(self, field: str) -> list[Any]:
        """One field of every entry, in timeline order, without building the entries (to
        sort a view by it): any TimelineEntry field but tags."""
        if not self._cols:
            return []
        if field == "article_title":
            titles = self._titles
            return [titles.get(a, "") for a in _as_ints(list(self._cols[1]))]
        if field == "participants":
            return _participants(list(self._cols[5]), [False])  # not checked: row by row
        k = _FIELDS.index(field)
        col = list(self._cols[k])
        return _as_ints(col) if k in (0, 1, 8, 9) else _as_texts(col)

    def _entry(self, row: tuple[Any, ...]) -> TimelineEntry:
        aid, art, date, when, where, parts, body, tags, start, end, _valid = row
        if type(art) is not int:
            art = as_int(art)[0]
        return tuple.__new__(TimelineEntry, (
            aid if type(aid) is int else as_int(aid)[0], art, self._titles.get(art, ""),
            *(v if type(v) is str else as_text(v)[0] for v in (date, when, where)),
            _EMPTY if parts == "[]" else participant_names(parts)[0],
            body if type(body) is str else as_text(body)[0],
            _EMPTY if tags is None else tuple(
                (tags if type(tags) is str else as_text(tags)[0]).split(_SEP)),
            start if type(start) is int else as_int(start)[0],
            end if type(end) is int else as_int(end)[0]))


def project_timeline(project: Project, *, person: str = "", tag: str = "",
                     article_ids: Iterable[int] | None = None) -> Timeline:
    """Events of the whole project (or of `article_ids`), with `person` among their
    participants (part of a name, folded as Find does) and/or a `tag` (any case)."""
    with no_cycle_collection():
        return _timeline(project, person, tag, article_ids)


def _timeline(project: Project, person: str, tag: str,
              article_ids: Iterable[int] | None) -> Timeline:
    who, wanted_tag = fold(person.strip()), tag.strip().casefold()
    where, params = [], {}
    if article_ids is not None:
        where.append("a.article_id IN (SELECT value FROM json_each(:only))")
        params["only"] = json.dumps(sorted({int(i) for i in article_ids}))
    if who:
        where.append("a.participants NOT IN ('', '[]')")
    with project.reading() as con:
        if wanted_tag:
            # Whole tags in any case: the project's spellings of it, then an indexed match.
            tags = [t for t, in con.execute(sql("SELECT DISTINCT tag FROM annotation_tag"))
                    if as_text(t)[0].casefold() == wanted_tag]
            if not tags:
                return Timeline((), {})
            names = [f"tag{i}" for i in range(len(tags))]  # as stored, bytes or not
            where.append("EXISTS (SELECT 1 FROM annotation_tag t WHERE t.annotation_id = "
                         f"a.id AND t.tag IN ({', '.join(':' + n for n in names)}))")
            params.update(zip(names, tags, strict=True))
        try:
            titles, rows = _read(con, where, params, who, _COLUMNS)
        except sqlite3.OperationalError:  # "Could not decode to UTF-8"
            titles, rows = _read(con, where, params, who, _AS_BYTES)
    if who:  # each distinct name folded once, not once per event
        people = _participants(_column(rows, 5), _column(rows, 10))
        match = {n for n in set(chain.from_iterable(people)) if who in fold(n)}
        rows = list(compress(rows, [not match.isdisjoint(p) for p in people]))
    if not rows:
        return Timeline((), titles)
    # Date, then article, then offset (rows come in id order): stable sorts with keys in C,
    # each distinct date ranked once; then the rows are put in that order.
    arts, starts = _as_ints(_column(rows, 1)), _as_ints(_column(rows, 8))
    dates = _as_texts(_column(rows, 2))
    rank = {d: i for i, d in enumerate(sorted(set(dates), key=date_sort_key))}
    order = sorted(range(len(rows)), key=starts.__getitem__)
    order.sort(key=arts.__getitem__)
    order.sort(key=list(map(rank.__getitem__, dates)).__getitem__)
    if not titles.keys() >= set(arts):  # events whose article another tool deleted
        order = [i for i in order if arts[i] in titles]
    return Timeline(list(zip(*map(rows.__getitem__, order), strict=True)), titles)


def _read(con: Connection, where: list[str], params: dict[str, Any], who: str,
          columns: dict[str, str]) -> tuple[dict[int, str], list[tuple[Any, ...]]]:
    """The articles' titles and the event rows, in id order."""
    if not con.in_transaction():
        con.begin()  # BEGIN (the engine's listener): both reads see one snapshot
    # The driver's own cursor: plain tuples, not a Row object per event.
    raw = con.connection.dbapi_connection
    title = "title" if columns is _COLUMNS else \
        "CASE WHEN typeof(title) = 'text' THEN CAST(title AS BLOB) ELSE title END"
    articles = raw.execute(f"SELECT id, {title} FROM article").fetchall()
    titles = dict(zip(_as_ints(_column(articles, 0)), _as_texts(_column(articles, 1)),
                      strict=True))
    select = _SELECT.format(valid=_VALID if who else "0", **columns)
    return titles, raw.execute(" AND ".join([select, *where]) + _ORDER, params).fetchall()


def _column(rows: list[Any], k: int) -> list[Any]:
    return list(map(itemgetter(k), rows))


def _as_ints(col: list[Any]) -> list[int]:
    """A column of numbers, repaired where another tool wrote something else."""
    try:
        if type(sum(col)) is int:  # C speed; a str, None or bytes raises, a float shows
            return col
    except TypeError:
        pass
    return [as_int(v)[0] for v in col]


def _as_texts(col: list[Any]) -> list[str]:
    """A column of text, repaired where it holds something else (None, a number)."""
    try:
        "".join(col)  # C speed; raises at the first value that is not text
        return col
    except TypeError:
        return [as_text(v)[0] for v in col]


def _participants(raw: list[Any], valid: list[Any]) -> list[tuple[str, ...]]:
    """Each row's names. When every value is valid JSON (SQLite checked), they are decoded
    in one call: joined by commas inside one list, valid values cannot run into each other;
    otherwise, and when one is not a list of names, row by row (row_values)."""
    if all(valid):
        try:
            values = json.loads("[" + ",".join(raw) + "]")
            if set(map(type, values)) == {list}:
                "".join(chain.from_iterable(values))  # raises if a name is not text
                return list(map(tuple, values))
        except (TypeError, ValueError):  # a value or a name that is not text
            pass
    return [_EMPTY if v == "[]" else participant_names(v)[0] for v in raw]
