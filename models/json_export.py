"""The JSON export written as it is read, a few articles at a time.

The file holds what models/exchange.export_json returns (json.loads of it is equal to that
dict), laid out for people and diffs: one line per article's fields and text, one line per
annotation, one per link. Building the whole dict first and encoding it took 9 s and over
1 GB for a 5,000-article project; here memory stays at one chunk of articles, and a clean
row goes straight from the query to the C encoder. A row another tool damaged (a number
as text, an offset past the end, participants that are not a JSON list of names) goes
through the same repairs as listing does (models/row_values.py), so both agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Connection, literal_column, select

from models.errors import NotFoundError, ValidationError
from models.gc_pause import no_cycle_collection
from models.link_exchange import link_json, read_links
from models.row_values import annotation_from_row, article_from_row
from models.schema import AnnotationRow, AnnotationTagRow, ArticleRow
from models.values import KINDS, Annotation

if TYPE_CHECKING:
    from models.project import Project

FORMAT = "briefmark"
VERSION = 1
CHUNK = 100  # articles per query: few statements, a bounded amount in hand

ARTICLE_KEYS = ("id", "title", "source", "author", "url", "published", "language", "summary")
_ARTICLE_COLUMNS = (*ARTICLE_KEYS, "uuid", "text")  # the file's order of an article's keys
_ROW_KEYS = tuple(c.key for c in AnnotationRow.__table__.columns)
# The file's annotation keys, and where each sits in a row of _ROW_KEYS.
ANNOTATION_KEYS = ("id", "kind", "start", "end", "text", "prefix", "suffix", "note", "tags",
                    "speaker", "claimant", "status", "when", "date", "where", "participants",
                    "annotator", "created", "modified")
_TEXT_AT = tuple(_ROW_KEYS.index(k) for k in _ROW_KEYS
                 if k not in ("id", "article_id", "start", "end", "participants"))
_AT = {k: _ROW_KEYS.index(k) for k in _ROW_KEYS}


def _make_encoder() -> Callable[[Any], str]:
    """Compact JSON for one dict or list, non-ASCII kept as is (json.dumps' C encoder
    without the per-call set-up that dominates for small values), laid out as SQLite's
    json_object lays it out."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C module: the standard library's own path
        return lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    encode = make(None, _unexpected, json.encoder.encode_basestring, None, ":", ",",
                  False, False, True)
    return lambda value: "".join(encode(value, 0))


def _unexpected(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not JSON")


_encode = _make_encoder()


def write_json(project: Project, out: IO[bytes], *, article_ids: Iterable[int] = (),
               kinds: Iterable[str] = (),
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> None:
    """Write the articles (all, in id order, or `article_ids` in the order given) with
    their annotations (of `kinds`, or all) in text order, and the links between exported
    annotations, to `out` as UTF-8, all read in one snapshot of the project.

    `cancelled()` is asked between chunks and raises ExportCancelled when true;
    `progress(done, total)` counts articles."""
    kinds = list(kinds)
    if unknown := set(kinds) - set(KINDS):
        raise ValidationError(f"Kind {sorted(unknown)[0]!r} is unknown.")
    with no_cycle_collection():
        with project.reading() as con:
            con.begin()  # one read transaction: one snapshot from first byte to last
            ids = list(article_ids) or list(
                con.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))
            out.write(f'{{\n "format": "{FORMAT}",\n "version": {VERSION},\n "articles": ['
                      .encode())
            exported: set[str] = set()
            for i in range(0, len(ids), CHUNK):
                if cancelled is not None and cancelled():
                    from models.briefing.options import ExportCancelled

                    raise ExportCancelled()
                part = ids[i:i + CHUNK]
                out.write((b",\n" if i else b"\n") + _chunk(con, part, kinds, exported))
                if progress is not None:
                    progress(min(i + CHUNK, len(ids)), len(ids))
            links = [_encode(link_json(x)) for x in read_links(con, exported)]
        tail = "\n ],\n \"links\": [" + ("\n  " + ",\n  ".join(links) + "\n ]" if links
                                           else "]") + "\n}\n"
        out.write(tail.encode("utf-8"))


def _chunk(con: Connection, part: list[int], kinds: list[str], exported: set[str]) -> bytes:
    """These articles as the file's lines (UTF-8), without the separator before the first.
    Bytes throughout: SQLite's encoded rows are never decoded only to be encoded again."""
    found = {}
    for row in con.execute(select(ArticleRow).where(ArticleRow.id.in_(set(part)))):
        values = tuple(getattr(row, k) for k in _ARTICLE_COLUMNS)
        if type(values[0]) is not int or any(type(v) is not str for v in values[1:]):
            a = article_from_row(row)  # a foreign tool's values, repaired as listing does
            values = tuple(getattr(a, k) for k in _ARTICLE_COLUMNS)
        found[values[0]] = values
    lengths = {}
    heads = {}
    for article_id in part:
        values = found.get(article_id)
        if values is None:
            raise NotFoundError(f"There is no article {article_id} in this project.")
        lengths[article_id] = len(values[-1])
        heads[article_id] = _encode(dict(zip(_ARTICLE_COLUMNS, values, strict=True)))[:-1]
    lines_of = _sqlite_lines if SQLITE_JSON and con.dialect.name == "sqlite" else _lines
    by_article = lines_of(con, list(found), kinds, lengths, exported)
    lines = []
    for article_id in part:
        mine = by_article.get(article_id)
        body = (b"[\n   " + b",\n   ".join(mine) + b"\n  ]") if mine else b"[]"
        lines.append(b"  " + heads[article_id].encode() + b',"annotations":' + body + b"}")
    return b",\n".join(lines)


def _lines(con: Connection, article_ids: list[int], kinds: list[str],
           lengths: dict[int, int], exported: set[str]) -> dict[int, list[bytes]]:
    """Each article's annotations in text order, one encoded object each (UTF-8), built
    in Python (any database)."""
    where = [AnnotationRow.article_id.in_(article_ids)]
    if kinds:
        where.append(AnnotationRow.kind.in_(kinds))
    tags: dict[Any, list[Any]] = {}
    ids = select(AnnotationRow.id).where(*where).scalar_subquery()
    for aid, t in con.execute(
            select(AnnotationTagRow.annotation_id, AnnotationTagRow.tag)
            .where(AnnotationTagRow.annotation_id.in_(ids))
            .order_by(literal_column("annotation_tag.rowid"))):
        tags.setdefault(aid, []).append(t)
    rows = con.execute(select(*AnnotationRow.__table__.columns).where(*where).order_by(
        AnnotationRow.article_id, AnnotationRow.start, AnnotationRow.end, AnnotationRow.id))
    out: dict[int, list[bytes]] = {}
    at = _AT
    for r in rows:
        mine = tags.get(r[at["id"]], [])
        value = _clean(r, mine, lengths)
        if value is None:  # damaged: repaired exactly as the annotation list shows it
            article_id, value = _repaired(r, mine, lengths)
        else:
            article_id = r[at["article_id"]]
        exported.add(value["id"])
        out.setdefault(article_id, []).append(_encode(value).encode())
    return out


def _repaired(r: Any, tags: list[Any], lengths: dict[int, int]) -> tuple[int, dict]:
    """A damaged row's article and object, repaired as the annotation list shows it."""
    a = annotation_from_row(_ROW_KEYS, r, tags, lengths.get)
    return a.article_id, annotation_json(a)


def annotation_json(a: Annotation) -> dict[str, Any]:
    """An annotation as the file holds it."""
    out = {k: getattr(a, k) for k in ANNOTATION_KEYS}
    out["id"] = a.uuid
    out["tags"] = list(a.tags)
    out["participants"] = list(a.participants)
    return out


SQLITE_JSON = True  # SQLite builds each clean annotation's JSON itself (tests turn it off)
_TYPED = " AND ".join(f'typeof(a."{k}") = \'text\'' for k in _ROW_KEYS
                      if k not in ("id", "article_id", "start", "end"))
# The row is of the declared types and its participants a JSON list of names, or NULL.
_CLEAN = (f"CASE WHEN {_TYPED} AND (a.participants = '[]' OR CASE WHEN "
          "json_valid(a.participants) THEN json_type(a.participants) = 'array' AND NOT "
          "EXISTS (SELECT 1 FROM json_each(a.participants) WHERE type != 'text') END) "
          "THEN json_object({}) END")
# Every key in the file's order, tags empty: they are put in here, in the order given.
_OBJECT = ", ".join("'tags', json('[]')" if k == "tags" else
                    "'participants', json(a.participants)" if k == "participants" else
                    f"'{k}', a.\"{'uuid' if k == 'id' else k}\"" for k in ANNOTATION_KEYS)
# In the encoded object a '"' outside a string is never escaped and one inside always is,
# so the first ',"tags":[],' is the key, whatever the text and note before it hold.
_NO_TAGS = b',"tags":[],'


def _sqlite_lines(con: Connection, article_ids: list[int], kinds: list[str],
                  lengths: dict[int, int], exported: set[str]) -> dict[int, list[bytes]]:
    """As `_lines`, with SQLite's json_object encoding every clean row in C (several
    times faster than fetching and encoding the values here); tags, kept in the order
    they were given, are put in here, and damaged rows go the way `_lines` takes."""
    where = f"a.article_id IN ({', '.join('?' * len(article_ids))})"
    params: list[Any] = list(article_ids)
    if kinds:
        where += f" AND a.kind IN ({', '.join('?' * len(kinds))})"
        params += kinds
    raw = con.connection.driver_connection  # inside the transaction `con` began
    tags: dict[int, list[Any]] = {}
    for aid, t in raw.execute("SELECT annotation_id, tag FROM annotation_tag WHERE "
                              f"annotation_id IN (SELECT a.id FROM annotation a WHERE {where})"
                              " ORDER BY rowid", params):
        tags.setdefault(aid, []).append(t)
    out: dict[int, list[Any]] = {}
    damaged: dict[int, tuple[int, int]] = {}  # annotation id: (article id, place)
    for aid, uuid, article_id, start, end, encoded in raw.execute(
            f'SELECT a.id, a.uuid, a.article_id, a.start, a."end", '
            f"CAST({_CLEAN.format(_OBJECT)} AS BLOB) "
            f"FROM annotation a WHERE {where} "
            'ORDER BY a.article_id, a.start, a."end", a.id', params):
        mine = tags.get(aid, ())
        length = lengths.get(article_id)
        place = out.setdefault(article_id, [])
        if encoded is None or type(start) is not int or type(end) is not int or \
                length is None or not 0 <= start < end <= length or \
                any(type(t) is not str for t in mine):
            damaged[aid] = (article_id, len(place))
            place.append(None)
            continue
        if mine:
            encoded = encoded.replace(
                _NO_TAGS, b',"tags":' + _encode(list(mine)).encode() + b",", 1)
        place.append(encoded)
        exported.add(uuid)
    if damaged:
        for r in con.execute(select(*AnnotationRow.__table__.columns)
                             .where(AnnotationRow.id.in_(list(damaged)))):
            article_id, place = damaged[r[_AT["id"]]]
            _, value = _repaired(r, tags.get(r[_AT["id"]], []), lengths)
            exported.add(value["id"])
            out[article_id][place] = _encode(value).encode()
    return out


def _clean(r: Any, tags: list[Any], lengths: dict[int, int]) -> dict[str, Any] | None:
    """The file's object for a row of the types the schema declares, else None."""
    at = _AT
    start, end, article_id = r[at["start"]], r[at["end"]], r[at["article_id"]]
    if type(start) is not int or type(end) is not int or type(article_id) is not int:
        return None
    length = lengths.get(article_id)
    if length is not None and not 0 <= start < end <= length:
        return None
    for i in _TEXT_AT:
        if type(r[i]) is not str:
            return None
    for t in tags:
        if type(t) is not str:
            return None
    raw = r[at["participants"]]
    if raw == "[]":
        participants: list[Any] = []
    else:
        try:
            participants = json.loads(raw) if type(raw) is str else None
        except (ValueError, RecursionError):
            return None
        if type(participants) is not list or any(type(v) is not str for v in participants):
            return None
    return {"id": r[at["uuid"]], "kind": r[at["kind"]], "start": start, "end": end,
            "text": r[at["text"]], "prefix": r[at["prefix"]], "suffix": r[at["suffix"]],
            "note": r[at["note"]], "tags": tags, "speaker": r[at["speaker"]],
            "claimant": r[at["claimant"]], "status": r[at["status"]], "when": r[at["when"]],
            "date": r[at["date"]], "where": r[at["where"]], "participants": participants,
            "annotator": r[at["annotator"]], "created": r[at["created"]],
            "modified": r[at["modified"]]}
