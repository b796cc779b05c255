"""JSON and CSV exchange: lossless round trips and careful re-anchoring."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from models import exchange
from models.article_import import import_files
from models.errors import ValidationError
from models.project import Project
from models.values import ArticleMeta

TEXTS = {
    "emoji": "Fans cheered 🎉🎉 as “we won 🇨🇺,” said Lía Pérez 👩🏽‍🚀 on Sunday.",
    "rtl": "\u200fהשר אמר: \"אנחנו נמשיך\" ביום שני.\nوقال الوزير \"سنواصل\" يوم الاثنين.",
    "nbsp": "Mr.\u00a0Smith said “fine\u00ad-tuned” policy\u200d works — really.",
}


def fill(project: Project, text: str, title: str) -> int:
    art = project.articles.add(text, ArticleMeta(title=title, language="xx",
                                                 published="2024-01-02", url="http://e/x"))
    return annotate(project, art.id)


def annotate(project: Project, article_id: int) -> int:
    text = project.articles.get(article_id).text
    words = [w for w in text.split() if len(w) > 2]
    for i, w in enumerate(words[:6]):
        start = text.index(w)
        kind = ("quote", "claim", "event")[i % 3]
        extra = {"quote": {"speaker": "Lía Pérez"}, "claim": {"claimant": "X", "status": "false"},
                 "event": {"when": "Sunday", "date": "2024-01-07", "where": "Havana",
                           "participants": ["A", "B"]}}[kind]
        project.annotations.tag_span(article_id=article_id, kind=kind, start=start,
                                     end=min(len(text), start + len(w) + 5), note=f"n{i}",
                                     tags=["t1", f"k{i}"], **extra)
    return article_id


def comparable(project: Project) -> list[dict]:
    return sorted((asdict(a) | {"id": 0, "article_id": 0} for a in project.annotations.list()),
                  key=lambda d: d["uuid"])


def test_json_round_trip_is_lossless(tmp_path: Path, project: Project, corpus: Path) -> None:
    for name, text in TEXTS.items():
        fill(project, text, name)
    crlf = import_files(project, [corpus / "messy_crlf.txt"]).imported[0]
    annotate(project, crlf.id)
    data = json.loads(exchange.dumps(exchange.export_json(project)))
    with Project.open(tmp_path / "other.briefmark", create=True) as other:
        report = exchange.import_json(other, data)
        assert report.orphaned == [] and report.moved == 0
        assert report.articles_created == 4
        assert comparable(other) == comparable(project)
        for a, b in zip(project.articles.list(), other.articles.list(), strict=True):
            x, y = project.articles.get(a.id), other.articles.get(b.id)
            assert (x.text, x.title, x.url, x.published, x.uuid) == (
                y.text, y.title, y.url, y.published, y.uuid)
        again = exchange.import_json(other, data)
        assert again.placed == 0 and again.already_present == len(project.annotations.list())


def test_existing_article_receives_annotations(tmp_path: Path, project: Project) -> None:
    fill(project, TEXTS["emoji"], "e")
    data = exchange.export_json(project)
    with Project.open(tmp_path / "o.briefmark", create=True) as other:
        other.articles.add(TEXTS["emoji"], ArticleMeta(title="mine"))
        report = exchange.import_json(other, data)
        assert report.articles_matched == 1 and report.articles_created == 0
        assert len(other.articles.list()) == 1
        assert len(other.annotations.list()) == len(project.annotations.list())


def test_stale_offsets_are_reanchored_or_reported(project: Project) -> None:
    text = "one two three. one two three. four five."
    art = project.articles.add(text, ArticleMeta(title="t"))
    data = {"format": "briefmark", "version": 1, "articles": [{"title": "t", "text": text,
            "annotations": [
                # offsets wrong, text unique: moved by quote
                {"kind": "quote", "start": 0, "end": 4, "text": "four five"},
                # offsets wrong, text twice, context picks the second
                {"kind": "claim", "start": 3, "end": 6, "text": "two",
                 "prefix": "three. one ", "suffix": " three. four"},
                # offsets wrong, text twice, no context: ambiguous
                {"kind": "event", "start": 1, "end": 2, "text": "three"},
                # text absent
                {"kind": "event", "start": 1, "end": 2, "text": "six"},
            ]}]}
    report = exchange.import_json(project, data)
    got = {(a.kind, a.start, a.text) for a in project.annotations.list(article_id=art.id)}
    assert got == {("quote", text.index("four five"), "four five"),
                   ("claim", text.index("two", 5), "two")}
    assert report.moved == 2 and len(report.orphaned) == 2
    assert "three" in report.orphaned[0] and "six" in report.orphaned[1]


def test_bad_files_are_refused(project: Project) -> None:
    for data in ([], {"format": "other"}, {"format": "briefmark", "version": 7}):
        with pytest.raises(ValidationError):
            exchange.import_json(project, data)


def test_csv_has_every_field(project: Project) -> None:
    fill(project, TEXTS["rtl"], "rtl")
    text = exchange.export_csv(project)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(project.annotations.list())
    first = project.annotations.list()[0]
    assert rows[0]["text"] == first.text and rows[0]["article_title"] == "rtl"
    assert rows[0]["tags"] == "t1; k0"
    assert set(exchange.CSV_COLUMNS) == set(rows[0])


def test_w3c_shape_offsets_count_code_points(project: Project) -> None:
    art = fill(project, TEXTS["emoji"], "e")
    text = project.articles.get(art).text
    for a in exchange.export_json(project)["articles"][0]["annotations"]:
        assert text[a["start"]:a["end"]] == a["text"]


def test_crlf_text_from_elsewhere_is_normalised_and_reanchored(project: Project) -> None:
    raw = "Intro\r\n\r\nThey said\r\nwe will build it.\r\nEnd."
    start = raw.index("we will build")
    data = {"format": "briefmark", "version": 1, "articles": [{"title": "t", "text": raw,
            "annotations": [{"kind": "quote", "start": start, "end": start + 13,
                             "text": "we will build", "prefix": "They said\r\n"}]}]}
    report = exchange.import_json(project, data)
    (a,) = project.annotations.list()
    text = project.articles.get(a.article_id).text
    assert "\r" not in text and text[a.start:a.end] == "we will build"
    assert report.placed == 1 and report.moved == 1


@pytest.mark.parametrize("bad,message", [
    ({"annotations": ["not an object"]}, "list of objects"),
    ({"annotations": [{"kind": "quote", "text": "two", "tags": 5}]}, "list of words"),
    ({"annotations": [{"kind": "quote", "text": "two", "note": "x\ud800"}]}, "not valid Unicode"),
    ({"annotations": [{"kind": "quote", "text": "two", "start": "1"}]}, "whole number"),
    ({"title": 7}, "must be text"),
])
def test_malformed_files_change_nothing(project: Project, bad: dict, message: str) -> None:
    good = {"title": "ok", "text": "one two three",
            "annotations": [{"kind": "claim", "start": 0, "end": 3, "text": "one"}]}
    data = {"format": "briefmark", "version": 1,
            "articles": [good, {"title": "bad", "text": "four five six"} | bad]}
    with pytest.raises(ValidationError, match=message):
        exchange.import_json(project, data)
    assert project.articles.list() == [] and project.annotations.list() == []


def test_an_article_without_text_stops_the_whole_file(project: Project) -> None:
    data = {"format": "briefmark", "version": 1, "articles": [
        {"title": "ok", "text": "one two", "annotations": [
            {"kind": "claim", "start": 0, "end": 3, "text": "one"}]},
        {"title": "empty", "text": ""}]}
    with pytest.raises(ValidationError, match="Article 2 in the file has no text"):
        exchange.import_json(project, data)
    assert project.articles.list() == []
