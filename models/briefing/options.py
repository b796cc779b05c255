"""What the caller asks of a briefing note, checked once before any work starts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.errors import ExportError, ValidationError
from models.values import KINDS


class ExportCancelled(ExportError):
    """The user stopped the export; no file was written or replaced."""


@dataclass(frozen=True)
class BriefingOptions:
    article_ids: tuple[int, ...] = ()        # empty = every article in the project
    kinds: tuple[str, ...] = ("claim", "quote", "event")
    title: str = ""                           # default: article title / "Briefing note: N articles"
    include_text: bool = True                 # the annotated-text section
    include_notes: bool = True
    quotes_by: str = "speaker"                # "speaker" | "order"
    claims_by: str = "status"                 # "status" | "order"
    template: Path | None = None              # house template .docx
    author: str = ""                          # default project.annotator
    # the researcher's key judgements, first in the note; lines starting "-", "*" or "•"
    # are bullets; empty: no such section
    bottom_line: str = ""
    # What goes in (empty: no filter). Tags and people keep annotations of every kind that
    # carry one of the tags (any case) or name one of the people (or their aliases);
    # statuses keep claims of those statuses; the dates keep events whose date overlaps
    # date_from..date_to (YYYY, YYYY-MM, YYYY-MM-DD or a range). Other kinds pass the last two.
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""


def check_options(options: BriefingOptions) -> tuple[str, ...]:
    """Raise ExportError for a value no note can be made from; returns the kinds in the
    canonical order (claim, quote, event) without repeats."""
    unknown = [k for k in options.kinds if k not in KINDS]
    if unknown:
        raise ExportError(
            f"Unknown annotation kind {unknown[0]!r}; choose from {', '.join(KINDS)}.")
    kinds = tuple(k for k in KINDS if k in options.kinds)
    if not kinds:
        raise ExportError("Choose at least one kind of annotation (claim, quote or event).")
    if options.quotes_by not in ("speaker", "order"):
        raise ExportError(
            f"Quotes can be listed by 'speaker' or in 'order', not {options.quotes_by!r}.")
    if options.claims_by not in ("status", "order"):
        raise ExportError(
            f"Claims can be listed by 'status' or in 'order', not {options.claims_by!r}.")
    from models.values import STATUSES

    if bad := [s for s in options.statuses if s not in STATUSES]:
        raise ExportError(f"Status {bad[0]!r} is unknown; choose from {', '.join(STATUSES)}.")
    from models.event_dates import parse_event_date

    for value in (options.date_from, options.date_to):
        try:
            parse_event_date(value)
        except ValidationError as exc:
            raise ExportError(str(exc)) from None
    return kinds
