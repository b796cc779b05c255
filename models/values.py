"""Plain, frozen values that services return; never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS: tuple[str, ...] = ("claim", "quote", "event")
STATUSES: tuple[str, ...] = ("unverified", "verified", "disputed", "false")
CONTEXT_CHARS = 32

# Fields a user may change on an annotation, with the kinds they belong to (None: all kinds).
ANNOTATION_FIELDS: dict[str, tuple[str, ...] | None] = {
    "note": None,
    "tags": None,
    "speaker": ("quote",),
    "claimant": ("claim",),
    "status": ("claim",),
    "when": ("event",),
    "date": ("event",),
    "where": ("event",),
    "participants": ("event",),
}


@dataclass(frozen=True)
class Link:
    """"source TYPE target" between two annotations, by uuid (models/links.py)."""

    uuid: str
    source: str
    target: str
    type: str
    cites_status: bool = False
    note: str = ""
    annotator: str = ""
    created: str = ""


@dataclass(frozen=True)
class Annotation:
    id: int
    uuid: str
    article_id: int
    kind: str
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    speaker: str = ""
    claimant: str = ""
    status: str = ""
    when: str = ""
    date: str = ""
    where: str = ""
    participants: tuple[str, ...] = ()
    annotator: str = ""
    created: str = ""
    modified: str = ""
    # Why a row another tool wrote had to be repaired when read ("" for sound rows); never
    # stored. A damaged annotation's offsets were clamped into the text.
    damaged: str = ""
    # Its links, read only by the paths that delete it, so that undo puts them back.
    links: tuple[Link, ...] = ()

    @property
    def person(self) -> str:
        """The name that matters for this kind: speaker, claimant or participants."""
        if self.kind == "quote":
            return self.speaker
        if self.kind == "claim":
            return self.claimant
        return ", ".join(self.participants)


@dataclass(frozen=True)
class ArticleMeta:
    """What an importer found besides the text."""

    title: str = ""
    source: str = ""
    author: str = ""
    url: str = ""
    published: str = ""
    language: str = ""
    filename: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Article:
    id: int
    uuid: str
    text: str
    title: str = ""
    source: str = ""
    author: str = ""
    url: str = ""
    published: str = ""
    language: str = ""
    imported: str = ""
    filename: str = ""
    summary: str = ""
    content_hash: str = ""


@dataclass(frozen=True)
class ArticleSummary:
    """An article as the library lists it: metadata and counts, no text."""

    id: int
    title: str
    source: str
    author: str
    published: str
    language: str
    imported: str
    length: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class DeletedArticle:
    """Everything needed to put a deleted article back exactly (undo)."""

    article: Article
    annotations: tuple[Annotation, ...]
