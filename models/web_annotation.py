"""Export as W3C Web Annotations (JSON-LD), for tools that speak the standard.

Each annotation becomes an `Annotation` whose target is the article (`urn:uuid:` of the
article) narrowed by a TextPositionSelector (code points, as the model counts them) and a
TextQuoteSelector (exact text with 32 characters of prefix and suffix). The kind is a
`classifying` body; speaker, claimant, status, when/date/where and participants are
`describing` bodies; the note is `commenting`, tags are `tagging`. A link between two
annotations is a `linking` Annotation whose targets are the two annotations (source first)
and whose `describing` body names the type ("supports"). The whole export is one
`AnnotationCollection` page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from models.project import Project
from models.values import Annotation, Article, Link

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _text_body(value: str, purpose: str, language: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {"type": "TextualBody", "value": value, "purpose": purpose,
                            "format": "text/plain"}
    if language:
        body["language"] = language
    return body


def annotation_w3c(a: Annotation, article: Article) -> dict[str, Any]:
    bodies = [_text_body(a.kind, "classifying")]
    described = {
        "speaker": a.speaker, "claimant": a.claimant, "status": a.status, "when": a.when,
        "date": a.date, "where": a.where, "participants": ", ".join(a.participants),
    }
    for key, value in described.items():
        if value:
            bodies.append(_text_body(f"{key}: {value}", "describing"))
    if a.note:
        bodies.append(_text_body(a.note, "commenting"))
    bodies += [_text_body(t, "tagging") for t in a.tags]
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{a.uuid}",
        "type": "Annotation",
        "motivation": "classifying",
        "created": a.created,
        "modified": a.modified,
        "body": bodies,
        "target": {
            "source": f"urn:uuid:{article.uuid}",
            "type": "Text",
            "selector": [
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
                {"type": "TextQuoteSelector", "exact": a.text, "prefix": a.prefix,
                 "suffix": a.suffix},
            ],
        },
    }
    if a.annotator:
        out["creator"] = {"type": "Person", "name": a.annotator}
    if article.language:
        out["target"]["language"] = article.language
    return out


def link_w3c(link: Link) -> dict[str, Any]:
    bodies = [_text_body(link.type, "describing")]
    if link.cites_status:
        bodies.append(_text_body("cited for the claim's status", "describing"))
    if link.note:
        bodies.append(_text_body(link.note, "commenting"))
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{link.uuid}",
        "type": "Annotation",
        "motivation": "linking",
        "created": link.created,
        "body": bodies,
        "target": [f"urn:uuid:{link.source}", f"urn:uuid:{link.target}"],
    }
    if link.annotator:
        out["creator"] = {"type": "Person", "name": link.annotator}
    return out


def export_web_annotations(project: Project, *, article_ids: Iterable[int] = (),
                           kinds: Iterable[str] = ()) -> dict[str, Any]:
    ids = list(article_ids) or [s.id for s in project.articles.list()]
    items = []
    for article_id in ids:
        article = project.articles.get(article_id)
        items += [annotation_w3c(a, article) for a in
                  project.annotations.list(article_id=article_id, kinds=list(kinds) or None)]
    exported = {item["id"] for item in items}
    items += [link_w3c(x) for x in project.links.list(article_ids=list(article_ids))
              if f"urn:uuid:{x.source}" in exported and f"urn:uuid:{x.target}" in exported]
    return {
        "@context": CONTEXT,
        "id": f"urn:briefmark:{project.path.stem}",
        "type": "AnnotationCollection",
        "label": project.path.stem,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
