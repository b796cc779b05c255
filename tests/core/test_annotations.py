"""Annotation services: tag, validate, edit, span changes, delete/restore, list and filter."""

from __future__ import annotations

import pytest

from models.errors import ValidationError
from models.project import Project
from models.values import ArticleMeta

TEXT = ("“We will act,” said Ana Ruiz 🇪🇸 on Monday. The mayor claimed that taxes fell.\n"
        "שלום עולם — Ana Ruiz said the vote was held on 2024-05-01.")


@pytest.fixture
def article(project: Project) -> int:
    return project.articles.add(TEXT, ArticleMeta(title="T")).id


def span(s: str, n: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(n + 1):
        start = TEXT.index(s, start + 1)
    return start, start + len(s)


def test_tag_stores_exact_text_and_context(project: Project, article: int) -> None:
    start, end = span("on Monday")  # after a flag emoji: two astral code points
    a = project.annotations.tag_span(article_id=article, kind="event", start=start, end=end,
                                     when="Monday", date="2024-05-06", where="Madrid",
                                     participants=["Ana Ruiz", " ana ruiz ", ""])
    assert a.text == "on Monday"
    assert a.prefix == TEXT[start - 32:start] and a.suffix == TEXT[end:end + 32]
    assert a.participants == ("Ana Ruiz",)
    assert project.annotations.get(a.id) == a
    assert a.uuid and a.created == a.modified and a.annotator


def test_rtl_span(project: Project, article: int) -> None:
    start, end = span("שלום עולם")
    a = project.annotations.tag_span(article_id=article, kind="claim", start=start, end=end,
                                     claimant="X", status="disputed")
    assert a.text == "שלום עולם" and a.status == "disputed"


@pytest.mark.parametrize("kwargs,message", [
    ({"kind": "opinion", "start": 0, "end": 3}, "unknown"),
    ({"kind": "quote", "start": 5, "end": 5}, "not inside"),
    ({"kind": "quote", "start": -1, "end": 3}, "not inside"),
    ({"kind": "quote", "start": 0, "end": 10_000}, "not inside"),
    ({"kind": "quote", "start": 14, "end": 15}, "only whitespace"),
    ({"kind": "claim", "start": 0, "end": 3, "status": "maybe"}, "Status 'maybe' is unknown"),
    ({"kind": "event", "start": 0, "end": 3, "date": "next week"}, "not a date"),
    ({"kind": "quote", "start": 0, "end": 3, "claimant": "X"}, "only a claim has"),
    ({"kind": "quote", "start": 0, "end": 3, "colour": "red"}, "no field"),
])
def test_validation(project: Project, article: int, kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        project.annotations.tag_span(article_id=article, **kwargs)
    assert project.annotations.list() == []


def test_overlapping_and_nested_are_allowed(project: Project, article: int) -> None:
    outer = project.annotations.tag_span(article_id=article, kind="quote", start=0, end=30)
    inner = project.annotations.tag_span(article_id=article, kind="claim", start=5, end=12)
    cross = project.annotations.tag_span(article_id=article, kind="event", start=20, end=50)
    assert [a.id for a in project.annotations.list(article_id=article)] == [
        outer.id, inner.id, cross.id]


def test_update_fields_and_span(project: Project, article: int) -> None:
    a = project.annotations.tag_span(article_id=article, kind="quote", start=0, end=5)
    b = project.annotations.update(a.id, speaker="Ana Ruiz", note="key line", tags="a, b, a")
    assert (b.speaker, b.note, b.tags) == ("Ana Ruiz", "key line", ("a", "b"))
    c = project.annotations.update(a.id, end=span("“We will act,”")[1])
    assert c.text == "“We will act,”" and c.speaker == "Ana Ruiz"
    assert project.annotations.get(a.id) == c
    with pytest.raises(ValidationError):
        project.annotations.update(a.id, start=c.end)
    assert project.annotations.get(a.id) == c


def test_delete_and_restore_give_back_the_same(project: Project, article: int) -> None:
    a = project.annotations.tag_span(article_id=article, kind="quote", start=0, end=5,
                                     tags=["x"], speaker="S")
    gone = project.annotations.delete(a.id)
    assert project.annotations.list() == []
    assert project.annotations.restore(gone) == a
    assert project.annotations.list() == [a]


def test_delete_article_and_restore(project: Project, article: int) -> None:
    a = project.annotations.tag_span(article_id=article, kind="quote", start=0, end=5,
                                     tags=["x"])
    deleted = project.articles.delete(article)
    assert project.articles.list() == [] and project.annotations.list() == []
    project.articles.restore(deleted)
    assert project.annotations.list() == [a]
    assert project.articles.get(article).text == TEXT


def test_list_filters(project: Project, article: int) -> None:
    tag = project.annotations.tag_span
    q = tag(article_id=article, kind="quote", start=0, end=14, speaker="Ana Ruiz", tags=["vote"])
    start, end = span("taxes fell")
    c = tag(article_id=article, kind="claim", start=start, end=end, claimant="The mayor",
            status="false", note="Budget shows a rise")
    start, end = span("on 2024-05-01")
    e = tag(article_id=article, kind="event", start=start, end=end, participants=["Ana Ruiz"])
    lst = project.annotations.list
    assert lst(kinds=["claim", "event"]) == [c, e]
    assert lst(tag="vote") == [q]
    assert lst(person="ana") == [q, e]
    assert lst(status="false") == [c]
    assert lst(search="BUDGET") == [c]
    assert lst(search="act") == [q]
    assert project.annotations.names("speaker") == ["Ana Ruiz"]
    assert project.annotations.names("participants") == ["Ana Ruiz"]
    assert project.annotations.all_tags() == ["vote"]
    with pytest.raises(ValidationError):
        lst(kinds=["nope"])


def test_articles_list_counts(project: Project, article: int) -> None:
    project.annotations.tag_span(article_id=article, kind="quote", start=0, end=5)
    project.annotations.tag_span(article_id=article, kind="quote", start=6, end=9)
    (summary,) = project.articles.list()
    assert summary.counts == {"claim": 0, "quote": 2, "event": 0} and summary.total == 2
    assert summary.length == len(TEXT)


def test_article_metadata_update(project: Project, article: int) -> None:
    a = project.articles.update(article, summary="Short summary", published="2024-05-02")
    assert (a.summary, a.published) == ("Short summary", "2024-05-02")
    with pytest.raises(ValidationError, match="not a date"):
        project.articles.update(article, published="May")
