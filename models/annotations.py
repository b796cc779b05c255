"""Annotations: tag a span, edit its fields or span, delete and restore, list and filter."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, insert, literal_column, select, update

from models.errors import NotFoundError, ValidationError
from models.schema import AnnotationRow, AnnotationTagRow, ArticleRow
from models.values import ANNOTATION_FIELDS, CONTEXT_CHARS, KINDS, STATUSES, Annotation

if TYPE_CHECKING:
    from models.project import Project

_ROW_KEYS = tuple(c.key for c in AnnotationRow.__table__.columns)
assert set(_ROW_KEYS) <= {f.name for f in fields(Annotation)}


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The 32 characters before and after a span, used to find it again after edits."""
    return text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]


def clean_list(values: Iterable[str] | str) -> tuple[str, ...]:
    """Tags and participants: trimmed, no empties, no repeats, order kept."""
    if isinstance(values, str):
        values = values.split(",")
    seen: dict[str, None] = {}
    for v in values:
        v = " ".join(str(v).split())
        if v and v.casefold() not in {s.casefold() for s in seen}:
            seen[v] = None
    return tuple(seen)


def validate_span(text: str, start: Any, end: Any) -> None:
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise ValidationError("A span's start and end must be whole numbers.")
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            f"The span {start}-{end} is not inside the article (0-{len(text)}) or is empty."
        )
    if not text[start:end].strip():
        raise ValidationError("The span holds only whitespace; select some text.")


def _clean_fields(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate user-editable fields for a kind; returns them ready to store."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in ANNOTATION_FIELDS:
            raise ValidationError(f"Annotations have no field {name!r}.")
        kinds = ANNOTATION_FIELDS[name]
        if name in ("tags", "participants"):
            value = clean_list(value or ())
        else:
            value = "" if value is None else str(value).strip()
        if kinds is not None and kind not in kinds and value:
            raise ValidationError(f"A {kind} has no {name}; only a {' or '.join(kinds)} has.")
        if name == "status" and kind == "claim":
            value = value or "unverified"
            if value not in STATUSES:
                raise ValidationError(
                    f"Status {value!r} is unknown; use one of {', '.join(STATUSES)}."
                )
        if name == "date" and value:
            try:
                value = date.fromisoformat(value).isoformat()
            except ValueError:
                raise ValidationError(f"Date {value!r} is not a date; write YYYY-MM-DD.") from None
        out[name] = value
    return out


def _to_row(a: Annotation) -> dict[str, Any]:
    row = asdict(a)
    row.pop("tags")
    row["participants"] = json.dumps(list(a.participants), ensure_ascii=False)
    return row


class AnnotationStore:
    def __init__(self, project: Project) -> None:
        self._project = project
        self._texts: dict[int, str] = {}  # article texts never change, so cache them

    def article_text(self, article_id: int) -> str:
        if article_id not in self._texts:
            with self._project.reading() as con:
                text = con.scalar(select(ArticleRow.text).where(ArticleRow.id == article_id))
            if text is None:
                raise NotFoundError(f"There is no article {article_id} in this project.")
            self._texts[article_id] = text
        return self._texts[article_id]

    # -- create ---------------------------------------------------------------------------

    def build(self, *, article_id: int, kind: str, start: int, end: int,
              **values: Any) -> Annotation:
        """Validate and assemble a new annotation without storing it."""
        from models.project import now_iso

        if kind not in KINDS:
            raise ValidationError(f"Kind {kind!r} is unknown; use claim, quote or event.")
        text = self.article_text(article_id)
        validate_span(text, start, end)
        meta = {k: values.pop(k) for k in ("uuid", "annotator", "created", "modified")
                if k in values}
        if kind == "claim":
            values.setdefault("status", "unverified")
        cleaned = _clean_fields(kind, values)
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
        """Store many built annotations in one transaction (imports, bulk accept)."""
        with self._project.writing() as con:
            return self.insert_rows(con, list(annotations))

    def insert_rows(self, con: Connection, annotations: Iterable[Annotation]) -> list[Annotation]:
        """Insert annotations in one statement, keeping ids they already have (restore)."""
        pending = list(annotations)
        if not pending:
            return []
        next_id = (con.scalar(select(func.max(AnnotationRow.id))) or 0) + 1
        stored: list[Annotation] = []
        for a in pending:
            if not a.id:
                a = replace(a, id=next_id)
                next_id += 1
            stored.append(a)
        con.execute(insert(AnnotationRow), [_to_row(a) for a in stored])
        tag_rows = [{"annotation_id": a.id, "tag": t} for a in stored for t in a.tags]
        if tag_rows:
            con.execute(insert(AnnotationTagRow), tag_rows)
        return stored

    # -- read -----------------------------------------------------------------------------

    def get(self, annotation_id: int) -> Annotation:
        found = self._query(select(AnnotationRow).where(AnnotationRow.id == annotation_id))
        if not found:
            raise NotFoundError(f"There is no annotation {annotation_id} in this project.")
        return found[0]

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
            rows = con.execute(stmt).all()
            ids = [r.id for r in rows]
            tags: dict[int, list[str]] = {}
            if ids:
                q = select(AnnotationTagRow.annotation_id, AnnotationTagRow.tag)
                if len(ids) < 500:
                    q = q.where(AnnotationTagRow.annotation_id.in_(ids))
                for aid, t in con.execute(q.order_by(literal_column("annotation_tag.rowid"))):
                    tags.setdefault(aid, []).append(t)
        return [_row_to_value(r, tags.get(r.id, ())) for r in rows]

    def names(self, field: str) -> list[str]:
        """Distinct speakers, claimants or participants used in the project (for completion)."""
        with self._project.reading() as con:
            if field == "participants":
                values: set[str] = set()
                for raw in con.scalars(select(AnnotationRow.participants).distinct()):
                    values.update(json.loads(raw or "[]"))
            else:
                col = getattr(AnnotationRow, field)
                values = set(con.scalars(select(col).distinct().where(col != "")))
        return sorted(values, key=str.casefold)

    def all_tags(self) -> list[str]:
        with self._project.reading() as con:
            return sorted(con.scalars(select(AnnotationTagRow.tag).distinct()), key=str.casefold)

    # -- change ---------------------------------------------------------------------------

    def update(self, annotation_id: int, *, modified: str | None = None,
               **values: Any) -> Annotation:
        """Change fields and/or the span (start, end); returns the stored annotation.
        `modified` sets the modification time (undo puts the earlier one back)."""
        from models.project import now_iso

        old = self.get(annotation_id)
        changes: dict[str, Any] = {}
        if "start" in values or "end" in values:
            start, end = values.pop("start", old.start), values.pop("end", old.end)
            text = self.article_text(old.article_id)
            validate_span(text, start, end)
            prefix, suffix = context_of(text, start, end)
            changes.update(start=start, end=end, text=text[start:end], prefix=prefix,
                           suffix=suffix)
        changes.update(_clean_fields(old.kind, values))
        new = replace(old, **changes, modified=modified or now_iso())
        row = _to_row(new)
        with self._project.writing() as con:
            con.execute(update(AnnotationRow).where(AnnotationRow.id == annotation_id)
                        .values(**{k: v for k, v in row.items() if k != "id"}))
            if "tags" in changes:
                con.execute(delete(AnnotationTagRow)
                            .where(AnnotationTagRow.annotation_id == annotation_id))
                if new.tags:
                    con.execute(insert(AnnotationTagRow),
                                [{"annotation_id": annotation_id, "tag": t} for t in new.tags])
        return new

    def delete(self, annotation_id: int) -> Annotation:
        """Delete one annotation; returns it whole so `restore` can undo the deletion."""
        old = self.get(annotation_id)
        with self._project.writing() as con:
            con.execute(delete(AnnotationRow).where(AnnotationRow.id == annotation_id))
        return old

    def delete_many(self, annotation_ids: Iterable[int]) -> list[Annotation]:
        """Delete several annotations in one transaction; returns them for `add_many`."""
        ids = list(annotation_ids)
        gone = [self.get(i) for i in ids]
        with self._project.writing() as con:
            con.execute(delete(AnnotationRow).where(AnnotationRow.id.in_(ids)))
        return gone

    def restore(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation with its id, uuid, times and fields."""
        with self._project.writing() as con:
            return self.insert_rows(con, [annotation])[0]

    def forget_article(self, article_id: int) -> None:
        self._texts.pop(article_id, None)

    def remember_text(self, article_id: int, text: str) -> None:
        """Tell the store an article's text written in a transaction not yet committed."""
        self._texts[article_id] = text

    def forget_texts(self) -> None:
        self._texts.clear()


def _haystack(a: Annotation) -> str:
    parts = (a.text, a.note, a.speaker, a.claimant, a.when, a.where, " ".join(a.tags),
             " ".join(a.participants))
    return "\n".join(parts).casefold()


def _row_to_value(row: Any, tags: Iterable[str]) -> Annotation:
    data = dict(zip(_ROW_KEYS, row, strict=True))
    raw = data["participants"]
    data["participants"] = tuple(json.loads(raw)) if raw and raw != "[]" else ()
    data["tags"] = tuple(tags)
    # Rows from our own table are complete and typed: fill the frozen value directly, which
    # is several times faster than its __init__ for the thousands an article can hold.
    value = object.__new__(Annotation)
    value.__dict__.update(data)
    return value
