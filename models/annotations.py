"""Annotations: tag a span, edit its fields or span, delete and restore, list and filter."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import asdict, fields, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    LargeBinary,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
    true,
    update,
)

from models import links, people_fields, search_index
from models.annotation_fields import clean_fields, context_of, kind_change, validate_span
from models.clock import now_iso
from models.errors import NotFoundError, ValidationError
from models.row_values import annotation_from_row, as_text
from models.schema import AnnotationRow, AnnotationTagRow, ArticleRow
from models.stale import StaleChangeError
from models.values import KINDS, Annotation

if TYPE_CHECKING:
    from models.project import Project

_ROW_KEYS = tuple(c.key for c in AnnotationRow.__table__.columns)
assert set(_ROW_KEYS) <= {f.name for f in fields(Annotation)}


def _to_row(a: Annotation) -> dict[str, Any]:
    row = asdict(a)
    row.pop("tags")
    row.pop("damaged")
    row.pop("links")
    row["participants"] = json.dumps(list(a.participants), ensure_ascii=False)
    return row


_GONE = ("This annotation was deleted by another program (the command line or a second "
         "window) since; the step cannot be applied. Nothing was changed.")
_CHANGED = ("This annotation was changed by another program (the command line or a second "
            "window) since; the step would overwrite that change, so it was not applied.")
_PRESENT = ("This annotation is already in the project again (another program put it back); "
            "the step was not applied. Nothing was changed.")
_CHUNK = 500  # rows per statement: below SQLite's bound-parameter limit, bounded memory


class AnnotationStore:
    def __init__(self, project: Project) -> None:
        self._project = project
        self._texts: dict[int, str] = {}  # article texts never change, so cache them

    def article_text(self, article_id: int, con: Connection | None = None) -> str:
        if article_id not in self._texts:
            if con is None:
                with self._project.reading() as own:
                    raw = own.scalar(select(ArticleRow.text).where(ArticleRow.id == article_id))
            else:
                raw = con.scalar(select(ArticleRow.text).where(ArticleRow.id == article_id))
            if raw is None:
                raise NotFoundError(f"There is no article {article_id} in this project.")
            self._texts[article_id] = as_text(raw)[0]
        return self._texts[article_id]

    # -- create ---------------------------------------------------------------------------

    def build(self, *, article_id: int, kind: str, start: int, end: int,
              **values: Any) -> Annotation:
        """Validate and assemble a new annotation without storing it."""
        if kind not in KINDS:
            raise ValidationError(f"Kind {kind!r} is unknown; use claim, quote or event.")
        text = self.article_text(article_id)
        validate_span(text, start, end)
        meta = {k: values.pop(k) for k in ("uuid", "annotator", "created", "modified")
                if k in values}
        if kind == "claim":
            values.setdefault("status", "unverified")
        cleaned = clean_fields(kind, values)
        prefix, suffix = context_of(text, start, end)
        stamp = now_iso()
        return Annotation(
            id=0, uuid=meta.get("uuid") or str(uuidlib.uuid4()), article_id=article_id,
            kind=kind, start=start, end=end, text=text[start:end], prefix=prefix, suffix=suffix,
            annotator=meta.get("annotator") or self._project.annotator,
            created=meta.get("created") or stamp, modified=meta.get("modified") or stamp,
            **cleaned,
        )

    def tag_span(self, *, article_id: int, kind: str, start: int, end: int,
                 **values: Any) -> Annotation:
        """Store a new annotation on [start, end) of an article (code points)."""
        ann = self.build(article_id=article_id, kind=kind, start=start, end=end, **values)
        with self._project.writing() as con:
            return self.insert_rows(con, [ann])[0]

    def add_many(self, annotations: Iterable[Annotation]) -> list[Annotation]:
        """Store many built annotations in one transaction (imports, bulk accept). Returns
        them as stored: an id another row holds by now is replaced by a fresh one."""
        with self._project.writing() as con:
            return self.insert_rows(con, annotations)

    def insert_many(self, con: Connection, annotations: Iterable[Annotation]) -> int:
        """Insert new annotations (id 0) inside the caller's transaction, streaming them in
        chunks through Core inserts; returns how many. For imports of any size."""
        next_id = first_id = (con.scalar(select(func.max(AnnotationRow.id))) or 0) + 1
        search_index.pause(con)  # indexed in one statement below, not row by row
        count, rows, tags = 0, [], []
        for a in _settled(con, annotations):
            row = _to_row(a)
            row["id"] = next_id
            rows.append(row)
            tags += [{"annotation_id": next_id, "tag": t} for t in a.tags]
            next_id += 1
            if len(rows) >= _CHUNK:
                count += self._flush(con, rows, tags)
                rows, tags = [], []
        count += self._flush(con, rows, tags)
        search_index.index_new_annotations(con, first_id)
        search_index.resume(con)
        return count

    @staticmethod
    def _flush(con: Connection, rows: list[dict[str, Any]], tags: list[dict[str, Any]]) -> int:
        if rows:
            con.execute(insert(AnnotationRow), rows)
        if tags:
            con.execute(insert(AnnotationTagRow), tags)
        return len(rows)

    def insert_rows(self, con: Connection, annotations: Iterable[Annotation]) -> list[Annotation]:
        """Insert annotations inside the caller's transaction, keeping the ids they have
        unless another row holds that id by now (then a fresh id: ids are max+1, so another
        program may have been given it). Refuses (StaleChangeError) when one's uuid is
        already stored: it was put back elsewhere, and a second copy would be wrong."""
        pending = people_fields.settle(con, list(annotations))
        if not pending:
            return []
        uuids = [a.uuid for a in pending]
        for i in range(0, len(uuids), _CHUNK):
            if con.scalar(select(AnnotationRow.id).where(
                    AnnotationRow.uuid.in_(uuids[i:i + _CHUNK])).limit(1)) is not None:
                raise StaleChangeError(_PRESENT)
        wanted = [a.id for a in pending if a.id]
        taken: set[int] = set()
        for i in range(0, len(wanted), _CHUNK):
            taken.update(con.scalars(select(AnnotationRow.id).where(
                AnnotationRow.id.in_(wanted[i:i + _CHUNK]))))
        next_id = (con.scalar(select(func.max(AnnotationRow.id))) or 0) + 1
        next_id = max(next_id, max(wanted, default=0) + 1)
        stored: list[Annotation] = []
        for a in pending:
            if not a.id or a.id in taken:
                a = replace(a, id=next_id)
                next_id += 1
            taken.add(a.id)
            stored.append(a)
        for i in range(0, len(stored), _CHUNK):
            part = stored[i:i + _CHUNK]
            self._flush(con, [_to_row(a) for a in part],
                        [{"annotation_id": a.id, "tag": t} for a in part for t in a.tags])
        links.insert_links(con, (x for a in stored for x in a.links))
        return [replace(a, links=()) if a.links else a for a in stored]

    # -- read -----------------------------------------------------------------------------

    def get(self, annotation_id: int) -> Annotation:
        found = self._query(select(AnnotationRow).where(AnnotationRow.id == annotation_id))
        if not found:
            raise NotFoundError(f"There is no annotation {annotation_id} in this project.")
        return found[0]

    def find(self, uuid: str) -> Annotation | None:
        """The annotation with this uuid, wherever its id is now; None when it is gone."""
        found = self._query(select(AnnotationRow).where(AnnotationRow.uuid == uuid))
        return found[0] if found else None

    def by_uuids(self, uuids: Iterable[str]) -> dict[str, Annotation]:
        """The annotations with these uuids that exist, by uuid."""
        keys = list(set(uuids))
        out: dict[str, Annotation] = {}
        with self._project.reading() as con:
            for i in range(0, len(keys), _CHUNK):
                out.update((a.uuid, a) for a in self.read(con, select(AnnotationRow).where(
                    AnnotationRow.uuid.in_(keys[i:i + _CHUNK]))))
        return out

    def by_ids(self, ids: Iterable[int]) -> list[Annotation]:
        """The annotations with these ids that exist."""
        keys = list(set(ids))
        out: list[Annotation] = []
        with self._project.reading() as con:
            for i in range(0, len(keys), _CHUNK):
                out += self.read(con, select(AnnotationRow).where(
                    AnnotationRow.id.in_(keys[i:i + _CHUNK])))
        return out

    def recent(self, *, limit: int, except_article: int | None = None) -> list[Annotation]:
        """The annotations changed last, newest first (optionally outside one article)."""
        stmt = select(AnnotationRow).order_by(AnnotationRow.modified.desc(),
                                              AnnotationRow.id.desc()).limit(limit)
        if except_article is not None:
            stmt = stmt.where(AnnotationRow.article_id != except_article)
        return self._query(stmt)

    def uuids(self) -> set[str]:
        """Every annotation uuid in the project (cheap: no values are built)."""
        with self._project.reading() as con:
            return set(con.scalars(select(AnnotationRow.uuid)))

    def list(self, *, article_id: int | None = None, kinds: Iterable[str] | None = None,
             tag: str | None = None, person: str | None = None, status: str | None = None,
             search: str | None = None) -> list[Annotation]:
        """Annotations in text order (per article), filtered; text filters ignore case."""
        stmt = select(AnnotationRow)
        if article_id is not None:
            stmt = stmt.where(AnnotationRow.article_id == article_id)
        if kinds:
            kinds = list(kinds)
            if unknown := set(kinds) - set(KINDS):
                raise ValidationError(f"Kind {sorted(unknown)[0]!r} is unknown.")
            stmt = stmt.where(AnnotationRow.kind.in_(kinds))
        if status:
            stmt = stmt.where(AnnotationRow.status == status)
        if tag:
            stmt = stmt.where(AnnotationRow.id.in_(
                select(AnnotationTagRow.annotation_id).where(AnnotationTagRow.tag == tag)))
        stmt = stmt.order_by(AnnotationRow.article_id, AnnotationRow.start, AnnotationRow.end,
                             AnnotationRow.id)
        found = self._query(stmt)
        if person:
            needle = person.casefold()
            found = [a for a in found if needle in a.person.casefold()]
        if search:
            needle = search.casefold()
            found = [a for a in found if needle in _haystack(a)]
        return found

    def _query(self, stmt: Any) -> list[Annotation]:
        with self._project.reading() as con:
            return self.read(con, stmt)

    def read(self, con: Connection, stmt: Any) -> list[Annotation]:
        """Annotations for a select of annotation rows, on the caller's connection (so a
        snapshot can be taken inside the transaction that then deletes them)."""
        rows = con.execute(stmt).all()
        ids = [r.id for r in rows]
        tags: dict[int, list[str]] = {}
        if ids:
            q = select(AnnotationTagRow.annotation_id, AnnotationTagRow.tag)
            if len(ids) < _CHUNK:
                q = q.where(AnnotationTagRow.annotation_id.in_(ids))
            for aid, t in con.execute(q.order_by(literal_column("annotation_tag.rowid"))):
                tags.setdefault(aid, []).append(t)
        lengths = self._lengths(con, {r.article_id for r in rows})
        return [annotation_from_row(_ROW_KEYS, r, tags.get(r.id, ()), lengths.get) for r in rows]

    def _lengths(self, con: Connection, article_ids: set[Any]) -> dict[int, int]:
        """Text length in code points of each article, to check stored offsets against."""
        out: dict[int, int] = {}
        ids = [i for i in article_ids if isinstance(i, int)]
        for i in range(0, len(ids), _CHUNK):
            # SQLite counts a BLOB in bytes and a text only up to its first NUL: those
            # (rare) articles are measured in Python as the reader will see them.
            plain = (func.typeof(ArticleRow.text) == "text") & (
                func.instr(cast(ArticleRow.text, LargeBinary), b"\x00") == 0)
            q = select(ArticleRow.id, func.length(ArticleRow.text), plain)
            for aid, n, simple in con.execute(q.where(ArticleRow.id.in_(ids[i:i + _CHUNK]))):
                out[aid] = n if simple else len(self.article_text(aid, con))
        return out

    def names(self, field: str) -> list[str]:
        """Distinct speakers, claimants or participants used in the project (for completion)."""
        with self._project.reading() as con:
            if field == "participants":
                values: set[str] = set()
                for raw in con.scalars(select(AnnotationRow.participants).distinct()):
                    try:
                        found = json.loads(as_text(raw)[0] or "[]")
                    except ValueError:
                        continue
                    values.update(str(v) for v in found if isinstance(found, list))
            else:
                col = getattr(AnnotationRow, field)
                values = {as_text(v)[0] for v in con.scalars(select(col).distinct()
                                                             .where(col != ""))}
        return sorted(values, key=str.casefold)

    def name_counts(self) -> dict[str, int]:
        """Every speaker, claimant and participant in the project with how many annotations
        name them, counted in SQL (completion ranks names by use)."""
        counts: dict[str, int] = {}
        with self._project.reading() as con:
            for col in (AnnotationRow.speaker, AnnotationRow.claimant):
                for name, n in con.execute(select(col, func.count()).where(col != "")
                                           .group_by(col)):
                    counts[as_text(name)[0]] = counts.get(as_text(name)[0], 0) + n
            # participants is a JSON list; rows a foreign tool wrote may hold anything else
            each = func.json_each(AnnotationRow.participants).table_valued("value", "type")
            rows = con.execute(
                select(each.c.value, func.count()).select_from(AnnotationRow).join(each, true())
                .where(func.json_valid(AnnotationRow.participants),
                       func.json_type(AnnotationRow.participants) == "array",
                       each.c.type == "text", each.c.value != "")
                .group_by(each.c.value))
            for name, n in rows:
                counts[str(name)] = counts.get(str(name), 0) + n
        return counts

    def all_tags(self) -> list[str]:
        with self._project.reading() as con:
            return sorted({as_text(t)[0] for t in
                           con.scalars(select(AnnotationTagRow.tag).distinct())},
                          key=str.casefold)

    # -- change ---------------------------------------------------------------------------

    def _locate(self, con: Connection, annotation_id: int, expect_uuid: str | None,
                expect_modified: str | None) -> Annotation:
        """The row a step means, read inside its write transaction: by uuid when the
        caller knows it (the id may have been given to another row), else by id."""
        if expect_uuid is not None:
            found = self.read(con, select(AnnotationRow).where(AnnotationRow.uuid == expect_uuid))
            if not found:
                raise StaleChangeError(_GONE)
        else:
            found = self.read(con, select(AnnotationRow).where(AnnotationRow.id == annotation_id))
            if not found:
                raise NotFoundError(f"There is no annotation {annotation_id} in this project.")
        if expect_modified is not None and found[0].modified != expect_modified:
            raise StaleChangeError(_CHANGED)
        return found[0]

    def update(self, annotation_id: int, *, modified: str | None = None,
               expect_uuid: str | None = None, expect_modified: str | None = None,
               **values: Any) -> Annotation:
        """Change fields, the span (start, end) and/or the kind; returns the stored annotation.

        The row is read and written in one transaction and only the columns asked for are
        written, so a field another program changed meanwhile is kept. `modified` sets the
        modification time (undo puts the earlier one back). With `expect_uuid` the row is
        found by uuid; with `expect_modified` the change is refused (StaleChangeError) if the
        row was changed since that time.

        `kind` changes what the annotation is (models/annotation_fields.kind_change): text,
        note and tags stay; a quote's speaker becomes the claim's claimant and back; fields
        the new kind cannot hold are cleared. Other values given are checked against the new
        kind, so undo can give the old kind and its fields back in one call.
        """
        with self._project.writing() as con:
            old = self._locate(con, annotation_id, expect_uuid, expect_modified)
            changes: dict[str, Any] = {}
            kind = values.pop("kind", old.kind)
            if kind != old.kind:
                changes.update(kind_change(old, kind, values))
            if "start" in values or "end" in values:
                start, end = values.pop("start", old.start), values.pop("end", old.end)
                text = self.article_text(old.article_id, con)
                validate_span(text, start, end)
                prefix, suffix = context_of(text, start, end)
                changes.update(start=start, end=end, text=text[start:end], prefix=prefix,
                               suffix=suffix)
            changes.update(people_fields.settle_values(con, old.uuid, clean_fields(kind, values)))
            changes["modified"] = modified or now_iso()
            columns = {k: v for k, v in changes.items() if k != "tags"}
            if "participants" in columns:
                columns["participants"] = json.dumps(list(columns["participants"]),
                                                     ensure_ascii=False)
            if "start" in changes:
                changes["damaged"] = ""
            con.execute(update(AnnotationRow).where(AnnotationRow.id == old.id).values(**columns))
            people_fields.prune(con, [n for role, n in people_fields.named(old)
                               if role in changes and n not in people_fields.names_in(changes)])
            if "tags" in changes:
                con.execute(delete(AnnotationTagRow)
                            .where(AnnotationTagRow.annotation_id == old.id))
                if changes["tags"]:
                    con.execute(insert(AnnotationTagRow),
                                [{"annotation_id": old.id, "tag": t} for t in changes["tags"]])
        return replace(old, **changes)

    def delete(self, annotation_id: int, *, expect_uuid: str | None = None,
               expect_modified: str | None = None) -> Annotation:
        """Delete one annotation; returns it whole (read in the deleting transaction) so
        `restore` can undo the deletion. `expect_*` as for `update`."""
        with self._project.writing() as con:
            old = links.attach(con, [self._locate(con, annotation_id, expect_uuid,
                                                  expect_modified)])[0]
            con.execute(delete(AnnotationRow).where(AnnotationRow.id == old.id))
        return old

    def delete_many(self, annotation_ids: Iterable[int]) -> list[Annotation]:
        """Delete several annotations in one transaction; returns them, read in that
        transaction, for `restore_many`."""
        ids = list(annotation_ids)
        with self._project.writing() as con:
            gone = links.attach(con, self.read(con, select(AnnotationRow)
                                               .where(AnnotationRow.id.in_(ids))))
            if len(gone) < len(set(ids)):
                missing = sorted(set(ids) - {a.id for a in gone})[0]
                raise NotFoundError(f"There is no annotation {missing} in this project.")
            con.execute(delete(AnnotationRow).where(AnnotationRow.id.in_(ids)))
        order = {i: n for n, i in enumerate(ids)}
        return sorted(gone, key=lambda a: order[a.id])

    def remove(self, annotations: Iterable[Annotation]) -> list[Annotation]:
        """Undo of adding: delete exactly these annotations, found by uuid, in one
        transaction. Refuses (StaleChangeError, nothing deleted) when one is gone or was
        changed since (its `modified` differs): that would erase another program's work."""
        wanted = {a.uuid: a for a in annotations}
        with self._project.writing() as con:
            found: list[Annotation] = []
            keys = list(wanted)
            for i in range(0, len(keys), _CHUNK):
                found += self.read(con, select(AnnotationRow).where(
                    AnnotationRow.uuid.in_(keys[i:i + _CHUNK])))
            if len(found) < len(wanted):
                raise StaleChangeError(_GONE)
            if any(a.modified != wanted[a.uuid].modified for a in found):
                raise StaleChangeError(_CHANGED)
            found = links.attach(con, found)
            ids = [a.id for a in found]
            for i in range(0, len(ids), _CHUNK):
                con.execute(delete(AnnotationRow).where(AnnotationRow.id.in_(ids[i:i + _CHUNK])))
        return found

    def restore(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation with its uuid, times and fields; returns it as
        stored. Its id is kept unless another row holds it by now (then it gets a fresh
        id: use the returned value). Refuses (StaleChangeError) when its uuid is present."""
        return self.restore_many([annotation])[0]

    def restore_many(self, annotations: Iterable[Annotation]) -> list[Annotation]:
        """`restore` for several, in one transaction: all or none."""
        with self._project.writing() as con:
            return self.insert_rows(con, annotations)

    def forget_article(self, article_id: int) -> None:
        self._texts.pop(article_id, None)

    def remember_text(self, article_id: int, text: str) -> None:
        """Tell the store an article's text written in a transaction not yet committed."""
        self._texts[article_id] = text

    def forget_texts(self) -> None:
        self._texts.clear()


def _settled(con: Connection, annotations: Iterable[Annotation]) -> Iterable[Annotation]:
    """The annotations with their names settled (models/people.py), a chunk at a time."""
    chunk: list[Annotation] = []
    for a in annotations:
        chunk.append(a)
        if len(chunk) >= _CHUNK:
            yield from people_fields.settle(con, chunk)
            chunk = []
    yield from people_fields.settle(con, chunk)


def _haystack(a: Annotation) -> str:
    parts = (a.text, a.note, a.speaker, a.claimant, a.when, a.where, " ".join(a.tags),
             " ".join(a.participants))
    return "\n".join(parts).casefold()
