"""Annotation files: hostile nesting, huge numbers of unplaceable annotations, bulk store."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from models import exchange
from models.errors import BriefmarkError, ValidationError
from models.project import Project
from models.values import ArticleMeta

WORDS = " ".join(f"w{i}" for i in range(500))


def test_deeply_nested_json_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(ValidationError, match="nests its data too deeply"):
        exchange.load_file(path)
    with pytest.raises(ValidationError, match="not a JSON file"):
        exchange.loads("{nope", "x.json")
    with pytest.raises(BriefmarkError, match="does not exist"):
        exchange.load_file(tmp_path / "missing.json")


def test_two_hundred_thousand_unplaceable_are_summarised(project: Project) -> None:
    anns = [{"id": f"u{i}", "kind": "claim", "text": "absent words", "start": 0, "end": 12}
            for i in range(200_000)]
    data = {"format": "briefmark", "version": 1,
            "articles": [{"text": WORDS, "title": "t", "annotations": anns}]}
    started = time.perf_counter()
    report = exchange.import_json(project, data)
    assert time.perf_counter() - started < 60
    assert report.not_placed == 200_000 and len(report.orphaned) == exchange.SAMPLE
    lines = report.lines()
    assert len(lines) == 1 + exchange.SAMPLE + 1
    assert lines[-1].startswith("not placed: 199980 more annotations (200000 in all)")
    assert project.annotations.list() == []


def test_import_streams_through_the_store(project: Project) -> None:
    n = 5_000
    anns = [{"id": f"00000000-0000-4000-8000-{i:012d}", "kind": "quote", "start": 0,
             "end": 2, "text": "w0", "tags": ["t"], "note": str(i)} for i in range(n)]
    data = {"format": "briefmark", "version": 1, "articles": [{"text": WORDS,
                                                              "annotations": anns}]}
    report = exchange.import_json(project, json.loads(json.dumps(data)))
    assert report.placed == n and report.not_placed == 0
    stored = project.annotations.list()
    assert len({a.id for a in stored}) == n and all(a.tags == ("t",) for a in stored)
    again = exchange.import_json(project, data)  # same ids: skipped, never duplicated
    assert again.already_present == n and again.placed == 0


def test_insert_many_gives_fresh_ids_after_existing_rows(project: Project) -> None:
    art = project.articles.add(WORDS, ArticleMeta()).id
    first = project.annotations.tag_span(article_id=art, kind="claim", start=0, end=2)
    built = [project.annotations.build(article_id=art, kind="quote", start=3, end=5)
             for _ in range(1200)]  # more than one chunk
    with project.writing() as con:
        assert project.annotations.insert_many(con, iter(built)) == 1200
    ids = sorted(a.id for a in project.annotations.list())
    assert ids == list(range(first.id, first.id + 1201))
