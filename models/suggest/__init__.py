"""Suggested annotations: direct quotes with speakers, reported claims with claimants and
dated events, found by rules (no model, nothing downloaded). The CLI and UI call only what
this module exports.

    suggest_text(text, published=..., language=..., kinds=..., progress=, cancelled=)
        -> [Suggestion]; cancelled() returning True raises SuggestionsCancelled
    suggest_for_article(project, article_id, progress=, cancelled=)  -> minus rejected and
        already annotated spans, names resolved to the project's people
    reject(project, article_id, suggestion) / rejected_keys(project, article_id)
    accept(project, article_id, suggestions)  -> stored annotations, one transaction
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from models.suggest.engine import Cancelled, Progress, SuggestionsCancelled
from models.suggest.engine import suggest as _suggest
from models.suggest.suggestion import KINDS, Suggestion

if TYPE_CHECKING:
    from models.project import Project
    from models.values import Annotation

__all__ = ["KINDS", "Suggestion", "SuggestionsCancelled", "accept", "reject", "rejected_keys",
           "suggest_for_article", "suggest_text", "reject_many", "unreject"]

_REJECTED = "suggest.rejected."


def suggest_text(text: str, *, published: str = "", language: str = "",
                 kinds: Iterable[str] = KINDS, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> list[Suggestion]:
    """Suggestions for a text; `published` (YYYY-MM-DD) anchors relative dates.
    `progress(done, total)` reports the work; when `cancelled()` returns True the run
    raises SuggestionsCancelled."""
    return _suggest(text, published=published, language=language, kinds=tuple(kinds),
                    progress=progress, cancelled=cancelled)


def _setting_key(project: Project, article_id: int) -> str:
    return _REJECTED + project.articles.get(article_id).uuid


def _parse_keys(raw: str) -> set[str]:
    try:
        keys = json.loads(raw) if raw else []
    except ValueError:
        keys = []  # a damaged setting forgets rejections rather than failing
    return {k for k in keys if isinstance(k, str)} if isinstance(keys, list) else set()


def rejected_keys(project: Project, article_id: int) -> set[str]:
    return _parse_keys(project.setting(_setting_key(project, article_id)))


def reject(project: Project, article_id: int, suggestion: Suggestion) -> None:
    """Remember that the user does not want this suggestion for this article."""
    reject_many(project, article_id, [suggestion])


def reject_many(project: Project, article_id: int, suggestions: Iterable[Suggestion]) -> None:
    """Remember several rejections (read and written in one transaction, so a rejection
    made elsewhere meanwhile is kept)."""
    keys = {s.key() for s in suggestions}
    project.update_setting(
        _setting_key(project, article_id),
        lambda raw: json.dumps(sorted(_parse_keys(raw) | keys), ensure_ascii=False))


def unreject(project: Project, article_id: int, suggestions: Iterable[Suggestion]) -> None:
    """Forget rejections (undo), so these suggestions are offered again."""
    keys = {s.key() for s in suggestions}
    project.update_setting(
        _setting_key(project, article_id),
        lambda raw: json.dumps(sorted(_parse_keys(raw) - keys), ensure_ascii=False))


def suggest_for_article(project: Project, article_id: int, *,
                        kinds: Iterable[str] = KINDS, progress: Progress | None = None,
                        cancelled: Cancelled | None = None) -> list[Suggestion]:
    """Suggestions for a stored article, without rejected ones and without spans already
    annotated (overlapping) with the same kind. Speakers, claimants and participants name
    the project's people as `project.people.resolver()` finds them ("Mr Netanyahu" is
    "Benjamin Netanyahu" when he is the only Netanyahu, or the one this article names);
    keys stay those of the text spans, so rejections hold. Cancelling raises
    SuggestionsCancelled before anything is read from or written to the project beyond
    the article."""
    article = project.articles.get(article_id)
    found = suggest_text(article.text, published=article.published,
                         language=article.language, kinds=kinds, progress=progress,
                         cancelled=cancelled)
    rejected = rejected_keys(project, article_id)
    existing: dict[str, list[tuple[int, int]]] = {}
    used: list[str] = []
    for a in project.annotations.list(article_id=article_id):
        existing.setdefault(a.kind, []).append((a.start, a.end))
        used += [n for n in (a.speaker, a.claimant, *a.participants) if n]
    kept = [s for s in found if s.key() not in rejected
            and not any(st < s.end and s.start < en for st, en in existing.get(s.kind, ()))]
    names = [n for s in kept for n in (s.speaker, s.claimant, *s.participants) if n]
    if not names:
        return kept
    resolve = project.people.resolver().for_article(used + names, article.text)
    return [_resolved(s, resolve) for s in kept]


def _resolved(s: Suggestion, resolve: Callable[[str], str]) -> Suggestion:
    participants = tuple(dict.fromkeys(resolve(n) for n in s.participants))
    return replace(s, speaker=resolve(s.speaker) if s.speaker else "",
                   claimant=resolve(s.claimant) if s.claimant else "",
                   participants=participants)


def accept(project: Project, article_id: int,
           suggestions: Iterable[Suggestion]) -> list[Annotation]:
    """Store suggestions as annotations in one transaction (all or none)."""
    built = [project.annotations.build(article_id=article_id, kind=s.kind, start=s.start,
                                       end=s.end, **s.fields())
             for s in suggestions]
    if not built:
        return []
    return project.annotations.add_many(built)
