"""One timeline of the whole project: every event in date order, month- and year-precise
dates where they belong (at the start of their month or year), undated events last."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text as sql

from models.event_dates import precision, show_date
from models.row_values import participant_names
from models.textsearch import fold

if TYPE_CHECKING:
    from models.project import Project


@dataclass(frozen=True)
class TimelineEntry:
    annotation_id: int
    article_id: int
    article_title: str
    date: str  # YYYY-MM-DD, YYYY-MM, YYYY or ""
    when: str  # as written
    where: str
    participants: tuple[str, ...]
    text: str
    tags: tuple[str, ...]
    start: int
    end: int

    @property
    def precision(self) -> str:
        return precision(self.date)

    @property
    def shown_date(self) -> str:
        if self.date:
            return show_date(self.date)
        return f"({self.when[:20]})" if self.when.strip() else "undated"

    def as_json(self) -> dict[str, object]:
        out = asdict(self)
        out["precision"] = self.precision or None
        return out


def project_timeline(project: Project, *, person: str = "", tag: str = "",
                     article_ids: Iterable[int] | None = None) -> list[TimelineEntry]:
    """Events of the whole project (or of `article_ids`), with `person` among their
    participants (part of a name, folded as Find does) and/or a `tag` (any case)."""
    only = None if article_ids is None else set(article_ids)
    who, wanted_tag = fold(person.strip()), tag.strip().casefold()
    with project.reading() as con:
        rows = con.execute(sql(
            'SELECT a.id, a.article_id, r.title, a.date, a."when", a."where", a.participants, '
            "a.text, (SELECT group_concat(t.tag, char(31)) FROM annotation_tag t "
            "WHERE t.annotation_id = a.id), a.start, a.\"end\" "
            "FROM annotation a JOIN article r ON r.id = a.article_id WHERE a.kind = 'event'"))
        entries = []
        for aid, article_id, title, date, when, where, participants, body, tags, s, e in rows:
            if only is not None and article_id not in only:
                continue
            people = participant_names(participants)[0]
            tag_list = tuple(t for t in str(tags or "").split("\x1f") if t)
            if who and not any(who in fold(p) for p in people):
                continue
            if wanted_tag and wanted_tag not in {t.casefold() for t in tag_list}:
                continue
            entries.append(TimelineEntry(int(aid), int(article_id), str(title or ""),
                                         str(date or ""), str(when or ""), str(where or ""),
                                         people, str(body or ""), tag_list, int(s), int(e)))
    # ISO text sorts in time order at any precision; undated last, then in text order.
    entries.sort(key=lambda t: (t.date == "", t.date, t.article_id, t.start))
    return entries
