"""Lossless JSON export/import and CSV export of articles with their annotations.

JSON shape (version 1): {"format": "briefmark", "version": 1, "articles": [{article fields,
"text", "annotations": [{annotation fields}]}]}. Offsets are code points, as the W3C Web
Annotation model counts them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from models.anchoring import place
from models.articles import DuplicateArticleError
from models.errors import BriefmarkError, ValidationError
from models.project import Project
from models.values import Annotation, ArticleMeta

FORMAT = "briefmark"
VERSION = 1
ARTICLE_KEYS = ("id", "title", "source", "author", "url", "published", "language", "summary")
ANNOTATION_KEYS = ("id", "kind", "start", "end", "text", "prefix", "suffix", "note", "tags",
                   "speaker", "claimant", "status", "when", "date", "where", "participants",
                   "annotator", "created", "modified")


def annotation_json(a: Annotation) -> dict[str, Any]:
    out = {k: getattr(a, k) for k in ANNOTATION_KEYS}
    out["id"] = a.uuid
    out["tags"] = list(a.tags)
    out["participants"] = list(a.participants)
    return out


def export_json(project: Project, *, article_ids: Iterable[int] = (),
                kinds: Iterable[str] = ()) -> dict[str, Any]:
    ids = list(article_ids) or [s.id for s in project.articles.list()]
    kinds = list(kinds)
    articles = []
    for article_id in ids:
        a = project.articles.get(article_id)
        entry: dict[str, Any] = {k: getattr(a, k) for k in ARTICLE_KEYS}
        entry["uuid"] = a.uuid
        entry["text"] = a.text
        entry["annotations"] = [
            annotation_json(x)
            for x in project.annotations.list(article_id=article_id, kinds=kinds or None)
        ]
        articles.append(entry)
    return {"format": FORMAT, "version": VERSION, "articles": articles}


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ("article_id", "article_title") + ANNOTATION_KEYS


def export_csv(project: Project, *, article_ids: Iterable[int] = (),
               kinds: Iterable[str] = ()) -> str:
    """One row per annotation; written by the caller as UTF-8 with BOM so Excel reads it."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for article in export_json(project, article_ids=article_ids, kinds=kinds)["articles"]:
        for ann in article["annotations"]:
            row = [article["id"], article["title"]]
            for key in ANNOTATION_KEYS:
                value = ann[key]
                row.append("; ".join(value) if isinstance(value, list) else value)
            writer.writerow(row)
    return buf.getvalue()


@dataclass
class AnnotationImportReport:
    articles_created: int = 0
    articles_matched: int = 0
    placed: int = 0
    moved: int = 0  # placed by quote because the offsets no longer held
    already_present: int = 0
    orphaned: list[str] = field(default_factory=list)  # one line each, for the user

    def lines(self) -> list[str]:
        out = [f"{self.articles_created} articles created, {self.articles_matched} matched "
               f"existing articles; {self.placed} annotations imported "
               f"({self.moved} placed by their quoted text), {self.already_present} "
               "already present"]
        out += [f"not placed: {line}" for line in self.orphaned]
        return out


def import_json(project: Project, data: Any) -> AnnotationImportReport:
    """Bring articles and annotations from a Briefmark JSON export into the project.

    An article whose text the project already has receives the annotations; others are
    created. Annotations already present (same id) are skipped, never duplicated.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("This is not a Briefmark annotation file (no \"format\": "
                              "\"briefmark\").")
    if data.get("version") is None:
        raise ValidationError("This annotation file has no \"version\"; it was not written "
                              "by Briefmark.")
    if data.get("version") != VERSION:
        raise ValidationError(f"Annotation file version {data.get('version')!r} is not "
                              f"supported; this Briefmark reads version {VERSION}.")
    if not isinstance(data.get("articles", []), list):
        raise ValidationError("In this annotation file \"articles\" is not a list.")
    report = AnnotationImportReport()
    existing_uuids = {a.uuid for a in project.annotations.list()}
    for n, entry in enumerate(data.get("articles") or [], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise ValidationError(f"Article {n} in the file has no text.")
        text = entry["text"]
        article_id = project.articles.find_by_text(text)
        if article_id is None:
            meta = ArticleMeta(**{k: str(entry.get(k) or "") for k in ARTICLE_KEYS if k != "id"})
            try:
                article_id = project.articles.add(text, meta, uuid=entry.get("uuid")).id
            except DuplicateArticleError as exc:  # pragma: no cover - raced with find_by_text
                article_id = exc.existing_id
            except BriefmarkError:
                article_id = project.articles.add(text, meta).id
            report.articles_created += 1
        else:
            report.articles_matched += 1
        title = entry.get("title") or f"article {n}"
        built: list[Annotation] = []
        for ann in entry.get("annotations") or []:
            uid = str(ann.get("id") or "")
            if uid and uid in existing_uuids:
                report.already_present += 1
                continue
            spot = place(text, str(ann.get("text") or ""), ann.get("start"), ann.get("end"),
                         str(ann.get("prefix") or ""), str(ann.get("suffix") or ""))
            if spot is None:
                report.orphaned.append(f"{title}: {ann.get('kind')} “{_short(ann.get('text'))}” "
                                       "(its text is missing or appears more than once)")
                continue
            values = {k: ann.get(k) for k in ("note", "tags", "speaker", "claimant", "status",
                                               "when", "date", "where", "participants",
                                               "annotator", "created", "modified")
                      if ann.get(k) not in (None, "", [])}
            try:
                built.append(project.annotations.build(
                    article_id=article_id, kind=ann.get("kind"), start=spot.start, end=spot.end,
                    uuid=uid or None, **values))
            except ValidationError as exc:
                report.orphaned.append(f"{title}: “{_short(ann.get('text'))}”: {exc}")
                continue
            report.moved += spot.how == "quote"
            if uid:
                existing_uuids.add(uid)
        project.annotations.add_many(built)
        report.placed += len(built)
    return report


def _short(text: object, limit: int = 50) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
