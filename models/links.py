"""Typed links between annotations: a quote that supports a claim, an event that
contradicts it, the same claim repeated in another source, context.

A link reads "source TYPE target" ("this quote supports that claim"). Ends are annotation
uuids, so a link crosses articles and survives undo giving an annotation a new id. A
trigger deletes an annotation's links with it (whatever program deletes it); the stores
read them first (`attach`) so that undo puts both back (`insert_rows` restores
`Annotation.links`).
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, or_, select

from models.clock import now_iso
from models.errors import NotFoundError, ValidationError
from models.row_values import as_text
from models.schema import LINK_DDL, AnnotationRow, LinkRow  # noqa: F401 (re-exported)
from models.stale import StaleChangeError
from models.values import Annotation, Link

if TYPE_CHECKING:
    from models.project import Project

LINK_TYPES: tuple[str, ...] = ("supports", "contradicts", "repeats", "context")
# How a link reads from each end ("supports" from its source, "supported by" from its target)
LINK_LABELS = {"supports": ("supports", "supported by"),
               "contradicts": ("contradicts", "contradicted by"),
               "repeats": ("repeats", "repeated by"),
               "context": ("gives context to", "has context from")}
_CHUNK = 400
_GONE = ("This link was removed by another program (the command line or a second window) "
         "since; the step was not applied. Nothing was changed.")


@dataclass(frozen=True)
class LinkEnd:
    """A link as seen from one annotation: the other end and how it reads from here."""

    link: Link
    other: Annotation
    outgoing: bool  # this annotation is the link's source

    @property
    def label(self) -> str:
        return LINK_LABELS[self.link.type][0 if self.outgoing else 1]


def _row_link(r: object) -> Link:
    return Link(uuid=r.uuid, source=r.source, target=r.target, type=r.type,  # type: ignore[attr-defined]
                cites_status=bool(r.cites_status), note=as_text(r.note)[0],  # type: ignore[attr-defined]
                annotator=as_text(r.annotator)[0], created=r.created)  # type: ignore[attr-defined]


class LinkStore:
    def __init__(self, project: Project) -> None:
        self._project = project

    def add(self, source: int | str, target: int | str, type: str, *,
            cites_status: bool = False, note: str = "") -> Link:
        """Link two annotations (ids or uuids); refuses a link to itself, an unknown type,
        or one that exists already."""
        if type not in LINK_TYPES:
            raise ValidationError(f"Link type {type!r} is unknown; use "
                                  f"{', '.join(LINK_TYPES[:-1])} or {LINK_TYPES[-1]}.")
        with self._project.writing() as con:
            src, dst = _uuid_of(con, source), _uuid_of(con, target)
            if src == dst:
                raise ValidationError("An annotation cannot be linked to itself.")
            if con.scalar(select(LinkRow.id).where(LinkRow.source == src,
                                                  LinkRow.target == dst, LinkRow.type == type)):
                raise ValidationError("These two annotations are already linked that way.")
            link = Link(uuid=str(uuidlib.uuid4()), source=src, target=dst, type=type,
                        cites_status=cites_status, note=note.strip(),
                        annotator=self._project.annotator, created=now_iso())
            insert_links(con, [link])
        return link

    def remove(self, link: Link) -> None:
        with self._project.writing() as con:
            if con.execute(delete(LinkRow).where(LinkRow.uuid == link.uuid)).rowcount == 0:
                raise StaleChangeError(_GONE)

    def restore(self, link: Link) -> None:
        """Undo of removing: put the link back; refuses when an end is gone."""
        with self._project.writing() as con:
            if insert_links(con, [link]) == 0:
                raise StaleChangeError(
                    "One of the linked annotations is no longer in the project; the link "
                    "cannot be put back. Nothing was changed.")

    def set_cites_status(self, link: Link, value: bool) -> Link:
        with self._project.writing() as con:
            from sqlalchemy import update
            done = con.execute(update(LinkRow).where(LinkRow.uuid == link.uuid)
                               .values(cites_status=value)).rowcount
            if not done:
                raise StaleChangeError(_GONE)
        return replace(link, cites_status=value)

    def of(self, annotation: Annotation) -> list[LinkEnd]:
        """The links of one annotation, both ways, with the annotation at the other end."""
        with self._project.reading() as con:
            links = [_row_link(r) for r in con.execute(
                select(LinkRow).where(or_(LinkRow.source == annotation.uuid,
                                          LinkRow.target == annotation.uuid))
                .order_by(LinkRow.id))]
            others = {a.uuid: a for a in self._project.annotations.read(
                con, select(AnnotationRow).where(AnnotationRow.uuid.in_(
                    {x.target if x.source == annotation.uuid else x.source for x in links})))}
        out = []
        for x in links:
            outgoing = x.source == annotation.uuid
            other = others.get(x.target if outgoing else x.source)
            if other is not None:
                out.append(LinkEnd(x, other, outgoing))
        return out

    def list(self, *, article_ids: Iterable[int] = ()) -> list[Link]:
        """Every link (touching one of the articles, when given), oldest first."""
        stmt = select(LinkRow).order_by(LinkRow.id)
        ids = list(article_ids)
        if ids:
            uuids = select(AnnotationRow.uuid).where(AnnotationRow.article_id.in_(ids))
            stmt = stmt.where(or_(LinkRow.source.in_(uuids), LinkRow.target.in_(uuids)))
        with self._project.reading() as con:
            return [_row_link(r) for r in con.execute(stmt)]

    def by_annotation(self, uuids: Iterable[str] | None = None) -> dict[str, list[Link]]:
        """Links grouped under each end's uuid (exports read them once for all rows)."""
        out: dict[str, list[Link]] = {}
        for x in self.list():
            out.setdefault(x.source, []).append(x)
            out.setdefault(x.target, []).append(x)
        if uuids is not None:
            keep = set(uuids)
            out = {k: v for k, v in out.items() if k in keep}
        return out


def _uuid_of(con: Connection, ref: int | str) -> str:
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        found = con.scalar(select(AnnotationRow.uuid).where(AnnotationRow.id == int(ref)))
    else:
        found = con.scalar(select(AnnotationRow.uuid).where(AnnotationRow.uuid == ref))
    if found is None:
        raise NotFoundError(f"There is no annotation {ref} in this project.")
    return found


def attach(con: Connection, annotations: list[Annotation]) -> list[Annotation]:
    """The annotations with their links, read inside the caller's (deleting) transaction."""
    uuids = [a.uuid for a in annotations]
    found: dict[str, list[Link]] = {}
    for i in range(0, len(uuids), _CHUNK):
        part = uuids[i:i + _CHUNK]
        for r in con.execute(select(LinkRow).where(or_(LinkRow.source.in_(part),
                                                       LinkRow.target.in_(part)))):
            link = _row_link(r)
            for end in {link.source, link.target}:
                found.setdefault(end, []).append(link)
    return [replace(a, links=tuple(_unique(found[a.uuid]))) if a.uuid in found else a
            for a in annotations]


def _unique(links: Iterable[Link]) -> list[Link]:
    return list({x.uuid: x for x in links}.values())


def insert_links(con: Connection, links: Iterable[Link]) -> int:
    """Insert links whose two ends exist and that are not stored yet; returns how many."""
    pending = _unique(links)
    if not pending:
        return 0
    ends = list({e for x in pending for e in (x.source, x.target)})
    present: set[str] = set()
    for i in range(0, len(ends), _CHUNK):
        present.update(con.scalars(select(AnnotationRow.uuid).where(
            AnnotationRow.uuid.in_(ends[i:i + _CHUNK]))))
    known: set[str] = set()
    keys = [x.uuid for x in pending]
    for i in range(0, len(keys), _CHUNK):
        known.update(con.scalars(select(LinkRow.uuid).where(LinkRow.uuid.in_(keys[i:i + _CHUNK]))))
    rows = [{"uuid": x.uuid, "source": x.source, "target": x.target, "type": x.type,
             "cites_status": x.cites_status, "note": x.note, "annotator": x.annotator,
             "created": x.created} for x in pending
            if x.uuid not in known and x.source in present and x.target in present]
    for i in range(0, len(rows), _CHUNK):
        con.execute(insert(LinkRow).prefix_with("OR IGNORE"), rows[i:i + _CHUNK])
    return len(rows)
