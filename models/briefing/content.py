"""What goes into a note, gathered from the project before any Word XML is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from models.briefing.docx_text import Paragraphs, article_safe, one_line, plural
from models.briefing.options import BriefingOptions, ExportCancelled
from models.errors import ExportError, NotFoundError
from models.kinds import KIND_LABELS, KIND_PLURALS, KIND_PREFIX
from models.values import KINDS, Annotation, Article

if TYPE_CHECKING:
    from models.project import Project


@dataclass
class Source:
    """One article of the note; `number` is its place in the note (A1, A2 ...)."""

    number: int
    article: Article          # text made XML-safe, same length
    paragraphs: Paragraphs
    items: list[Item] = field(default_factory=list)

    @property
    def name(self) -> str:
        a = self.article
        return a.title or a.filename or f"Article {a.id}"


@dataclass
class Item:
    """One annotation as the note shows it."""

    ann: Annotation
    source: Source
    label: str                # C3, Q12, E1: numbered per kind through the note
    paragraph: int            # 1-based paragraph of the article where it starts
    start: int                # the span clamped to visible paragraph text
    end: int

    @property
    def kind(self) -> str:
        return self.ann.kind

    # Internal links: the label in a list leads to the span in the annotated text and the
    # label after the span back; bookmark names and ids are unique through the note.
    @property
    def list_mark(self) -> str:
        return f"list_{self.label}"

    @property
    def text_mark(self) -> str:
        return f"text_{self.label}"

    def mark_id(self, in_text: bool) -> int:
        return (KINDS.index(self.kind) * 2 + in_text) * 1_000_000 + int(self.label[1:])


@dataclass
class Note:
    title: str
    author: str
    day: date
    kinds: tuple[str, ...]
    options: BriefingOptions
    sources: list[Source]
    # each claim's linked evidence by the claim's uuid (models/briefing/evidence.py)
    evidence: dict[str, list[Any]] = field(default_factory=dict)
    # each person's role (the People view's description) by the name as speakers are keyed
    roles: dict[str, str] = field(default_factory=dict)

    @property
    def multi(self) -> bool:
        return len(self.sources) > 1

    @property
    def items(self) -> list[Item]:
        return [i for s in self.sources for i in s.items]

    def of_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    def cite(self, item: Item) -> str:
        """Where an item sits: '¶4', or 'A2 ¶4' when the note covers several articles."""
        where = f"¶{item.paragraph}"
        return f"A{item.source.number} {where}" if self.multi else where


def gather(project: Project, options: BriefingOptions, kinds: tuple[str, ...],
           cancelled: Callable[[], bool] | None) -> Note:
    """Read the chosen articles and their annotations of the chosen kinds."""
    ids = list(dict.fromkeys(options.article_ids)) or [a.id for a in project.articles.list()]
    if not ids:
        raise ExportError("The project has no articles yet; import an article first.")
    sources: list[Source] = []
    counters = dict.fromkeys(kinds, 0)
    keep = chosen(project, options)
    for n, article_id in enumerate(ids, start=1):
        if cancelled is not None and cancelled():
            raise ExportCancelled("Export cancelled; no file was written.")
        try:
            article = project.articles.get(article_id)
        except NotFoundError as exc:
            raise ExportError(f"{exc} Choose articles from the library and try again.") from exc
        article = replace(article, text=article_safe(article.text))
        source = Source(n, article, Paragraphs(article.text))
        for ann in project.annotations.list(article_id=article_id, kinds=kinds):
            if not keep(ann):
                continue
            counters[ann.kind] += 1
            start, end = source.paragraphs.clamp(ann.start, min(ann.end, len(article.text)))
            source.items.append(Item(
                ann=ann, source=source, label=f"{KIND_PREFIX[ann.kind]}{counters[ann.kind]}",
                paragraph=source.paragraphs.number(start), start=start, end=end,
            ))
        sources.append(source)
    if not any(s.items for s in sources) and filtered(options):
        raise ExportError("No annotation of the chosen articles matches the chosen tags, "
                          "people, statuses or dates; widen the choice and export again.")
    if not any(s.items for s in sources):
        raise ExportError(_nothing_tagged(project, sources, kinds, all_articles=not
                                          options.article_ids))
    title = options.title.strip()
    if not title:
        title = sources[0].name if len(sources) == 1 else (
            f"Briefing note: {plural(len(sources), 'article')}")
    return Note(title=title, author=options.author.strip() or project.annotator,
                day=date.today(), kinds=kinds, options=options, sources=sources)


def filtered(options: BriefingOptions) -> bool:
    return bool(options.tags or options.people or options.statuses or options.date_from
                or options.date_to)


def chosen(project: Project, options: BriefingOptions) -> Callable[[Annotation], bool]:
    """Whether an annotation passes the note's filters (options.py says which)."""
    from models.event_dates import date_bounds
    from models.people_names import name_key

    tags = {t.strip().casefold() for t in options.tags if t.strip()}
    names: set[str] = set()
    for wanted in options.people:
        person = project.people.find(wanted)
        for n in (wanted, *((person.name, *person.aliases) if person else ())):
            names.add(name_key(n))
    statuses = set(options.statuses)
    low = date_bounds(options.date_from)[0] if options.date_from else ""
    high = date_bounds(options.date_to)[1] if options.date_to else ""

    def keep(a: Annotation) -> bool:
        if tags and not tags & {t.casefold() for t in a.tags}:
            return False
        if names and not names & {name_key(n) for n in (a.speaker, a.claimant,
                                                         *a.participants) if n}:
            return False
        if statuses and a.kind == "claim" and (a.status or "unverified") not in statuses:
            return False
        if (low or high) and a.kind == "event":
            first, last = date_bounds(a.date)
            if not first or (low and last < low) or (high and first > high):
                return False
        return True
    return keep


def _kinds_phrase(kinds: tuple[str, ...] | list[str], joiner: str = "or") -> str:
    words = [KIND_PLURALS[k].lower() for k in kinds]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {joiner} {words[-1]}"


def _nothing_tagged(project: Project, sources: list[Source], kinds: tuple[str, ...], *,
                    all_articles: bool) -> str:
    """The one-line refusal for a note with nothing to brief on, saying what to do: tag
    something, or include the kinds that the articles do have."""
    others: dict[str, int] = {}
    for s in sources:
        for ann in project.annotations.list(article_id=s.article.id):
            if ann.kind not in kinds:
                others[ann.kind] = others.get(ann.kind, 0) + 1
    if len(sources) == 1:
        name = one_line(sources[0].name)
        name = name if len(name) <= 60 else name[:57].rstrip() + "…"
        who, none, they = f"“{name}”", "has no", "it has"
    else:
        who = ("No article in the project" if all_articles
               else f"None of the {len(sources)} chosen articles")
        none, they = "has any", "they have"
    if others:
        found = " and ".join(plural(n, KIND_LABELS[k].lower()) for k, n in
                             sorted(others.items(), key=lambda kv: KINDS.index(kv[0])))
        extra = _kinds_phrase(sorted(others, key=KINDS.index), "and")
        return (f"{who} {none} {_kinds_phrase(kinds)} tagged ({they} {found}); include "
                f"{extra} in the note, or tag {_kinds_phrase(kinds)} first.")
    return (f"{who} {none} claims, quotes or events tagged yet; tag some text first"
            + (" or choose other articles." if len(sources) > 1 else ", then export the note."))
