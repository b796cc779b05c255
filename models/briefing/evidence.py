"""What the project's links say about the note's claims: each claim's evidence (the quotes,
events and other claims linked to it, either way), and the claims where sources disagree.

Read once for the whole note (every link, then the annotations at their far ends that the
note does not hold, in one query), so a note of thousands of claims costs two reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.briefing.content import Item, Note
from models.links import LINK_LABELS
from models.values import Annotation

if TYPE_CHECKING:
    from models.project import Project

# Supporting evidence first, then what contradicts, then repeats and context.
_ORDER = {"supports": 0, "contradicts": 1, "repeats": 2, "context": 3}


@dataclass(frozen=True)
class Evidence:
    """One link as seen from a claim: how it reads from the claim ("supported by"), and the
    annotation at the other end, with its place in the note when the note holds it."""

    type: str
    reads: str
    other: Annotation
    item: Item | None
    cites_status: bool
    article_title: str  # the other end's article, for one the note does not hold


def gather_evidence(project: Project, note: Note) -> dict[str, list[Evidence]]:
    """Each claim's evidence by the claim's uuid, supporting first; claims without links
    are left out."""
    claims = {i.ann.uuid: i for i in note.of_kind("claim")}
    if not claims:
        return {}
    by_uuid = {i.ann.uuid: i for i in note.items}
    links = project.links.by_annotation(claims)
    far = {x.target if x.source == uuid else x.source
           for uuid, mine in links.items() for x in mine}
    missing = project.annotations.by_uuids(far - by_uuid.keys())
    titles: dict[int, str] = {}
    if missing:
        titles = {s.id: s.title for s in project.articles.list()}
    out: dict[str, list[Evidence]] = {}
    for uuid, mine in links.items():
        found = []
        for x in mine:
            outgoing = x.source == uuid
            other_uuid = x.target if outgoing else x.source
            item = by_uuid.get(other_uuid)
            other = item.ann if item is not None else missing.get(other_uuid)
            if other is None:
                continue  # its far end was deleted since (links go with annotations)
            title = "" if item is not None else titles.get(other.article_id, "")
            found.append(Evidence(x.type, LINK_LABELS[x.type][0 if outgoing else 1], other,
                                  item, x.cites_status, title))
        if found:
            found.sort(key=lambda e: (_ORDER.get(e.type, 9), e.item is None,
                                      e.item.label if e.item else e.other.uuid))
            out[uuid] = found
    return out


def disagreements(note: Note) -> list[Item]:
    """Claims that sources dispute: a contradicting link, or a disputed or false status;
    in the note's order."""
    return [i for i in note.of_kind("claim")
            if i.ann.status in ("disputed", "false")
            or any(e.type == "contradicts" for e in note.evidence.get(i.ann.uuid, ()))]
