"""The public suggestion API on a real project file: reject, accept, skip annotated spans."""

from __future__ import annotations

import json

import pytest

from models.suggest import (
    Suggestion,
    accept,
    reject,
    rejected_keys,
    suggest_for_article,
    suggest_text,
)
from models.values import ArticleMeta

TEXT = """\
Port council backs new ferry line

By A. Reporter

The port council of Eastwick approved a new ferry line on Tuesday after a long debate.

“This line will connect the islands to the mainland every hour,” said Mayor Lotte Brandt.

Union leader Piet Kramer said that the timetable would force crews into twelve-hour shifts.

The first ferry will sail on June 1, 2026, from the old harbour.
"""


@pytest.fixture
def article_id(project) -> int:
    return project.articles.add(TEXT, ArticleMeta(title="Ferry", published="2025-03-12",
                                                  language="en")).id


def test_suggest_text_shapes(article_id):
    found = suggest_text(TEXT, published="2025-03-12", language="en")
    kinds = {s.kind for s in found}
    assert kinds == {"claim", "quote", "event"}
    quote = next(s for s in found if s.kind == "quote")
    assert quote.speaker == "Lotte Brandt"
    assert TEXT[quote.start:quote.end] == quote.text
    data = quote.as_json(article_id)
    assert set(data) == {"kind", "start", "end", "text", "prefix", "suffix", "note", "tags",
                         "speaker", "claimant", "status", "when", "date", "where",
                         "participants", "article"}
    assert data["article"] == article_id
    assert data["prefix"] == TEXT[quote.start - 32:quote.start]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    claim = next(s for s in found if s.kind == "claim")
    assert claim.claimant == "Piet Kramer"
    assert claim.as_json(article_id)["status"] == "unverified"
    events = [s for s in found if s.kind == "event"]
    assert [(e.when, e.date) for e in events] == [("Tuesday", "2025-03-11"),
                                                  ("June 1, 2026", "2026-06-01")]


def test_key_is_stable_and_distinguishes_spans():
    a = Suggestion("quote", 10, 20, "some words")
    assert a.key() == Suggestion("quote", 10, 20, "some words", speaker="X").key()
    assert a.key() != Suggestion("quote", 10, 21, "some words!").key()
    assert a.key().startswith("quote:10:20:")


def test_rejected_suggestions_are_remembered(project, article_id):
    first = suggest_for_article(project, article_id)
    assert first
    reject(project, article_id, first[0])
    assert rejected_keys(project, article_id) == {first[0].key()}
    again = suggest_for_article(project, article_id)
    assert first[0] not in again and len(again) == len(first) - 1
    # stored in the project file under the article's uuid
    uuid = project.articles.get(article_id).uuid
    assert json.loads(project.setting(f"suggest.rejected.{uuid}")) == [first[0].key()]


def test_rejections_survive_reopening(tmp_path):
    from models.project import Project

    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        aid = p.articles.add(TEXT, ArticleMeta(published="2025-03-12")).id
        s = suggest_for_article(p, aid)[0]
        reject(p, aid, s)
    with Project.open(path) as p:
        assert s.key() in rejected_keys(p, aid)
        assert s not in suggest_for_article(p, aid)


def test_accept_stores_annotations_in_one_go(project, article_id):
    found = suggest_for_article(project, article_id)
    stored = accept(project, article_id, found)
    assert len(stored) == len(found)
    listed = project.annotations.list(article_id=article_id)
    assert {(a.kind, a.start, a.end) for a in listed} == {(s.kind, s.start, s.end)
                                                          for s in found}
    quote = next(a for a in listed if a.kind == "quote")
    assert quote.speaker == "Lotte Brandt"
    event = next(a for a in listed if a.kind == "event" and a.date == "2026-06-01")
    assert event.when == "June 1, 2026"
    claim = next(a for a in listed if a.kind == "claim")
    assert claim.status == "unverified" and claim.claimant == "Piet Kramer"
    # accepted spans are now annotated, so they are no longer suggested
    assert suggest_for_article(project, article_id) == []
    assert accept(project, article_id, []) == []


def test_spans_already_annotated_with_the_same_kind_are_skipped(project, article_id):
    start = TEXT.index("This line will")
    project.annotations.tag_span(article_id=article_id, kind="quote", start=start,
                                 end=start + 9, speaker="Someone")
    found = suggest_for_article(project, article_id)
    assert not [s for s in found if s.kind == "quote"]
    # a claim over the same words would still be suggested: only the same kind is excluded
    assert [s for s in found if s.kind == "claim"]


def test_kinds_filter(project, article_id):
    found = suggest_for_article(project, article_id, kinds=("event",))
    assert found and {s.kind for s in found} == {"event"}


def test_accept_is_all_or_nothing(project, article_id):
    from models.errors import ValidationError

    good = suggest_for_article(project, article_id)[0]
    bad = Suggestion("event", 0, 5, TEXT[:5], date="not a date")
    with pytest.raises(ValidationError):
        accept(project, article_id, [good, bad])
    assert project.annotations.list(article_id=article_id) == []


def test_models_never_import_qt():
    import subprocess
    import sys

    code = ("import sys; import models.suggest, models.suggest.evaluate; "
            "from models.suggest import suggest_text; suggest_text('“A b c,” he said.'); "
            "print(any(m.startswith(('PySide6', 'PyQt')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
