"""Links between annotations: across articles, deleted with an annotation and brought back
by undo, in the JSON round trip, CSV and W3C exports, through `main.py link` / `links` /
`people`. Real files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import main as entry
from models.errors import ValidationError
from models.exchange import export_csv, export_json, import_json
from models.project import Project
from models.values import ArticleMeta
from models.web_annotation import export_web_annotations

EN = "The minister said the dam is safe 🎉.\n\n“The dam is safe,” he said on Monday."
HE = "הסכר קרס ביום שני.\n\nThe dam collapsed on Monday."


@pytest.fixture
def linked(tmp_path: Path):
    with Project.open(tmp_path / "p.briefmark", create=True) as p:
        en = p.articles.get(p.articles.add(EN, ArticleMeta(title="Minister")).id)
        he = p.articles.get(p.articles.add(HE, ArticleMeta(title="סכר", language="he")).id)

        def tag(article, words: str, kind: str, **kw: object):  # noqa: ANN001, ANN202
            s = article.text.index(words)
            return p.annotations.tag_span(article_id=article.id, kind=kind, start=s,
                                          end=s + len(words), **kw)
        claim = tag(en, "the dam is safe 🎉", "claim", claimant="The minister")
        quote = tag(en, "The dam is safe,", "quote", speaker="The minister")
        event = tag(he, "הסכר קרס", "event", date="2015-11")
        yield p, en, he, claim, quote, event


def test_links_cross_articles_and_read_both_ways(linked) -> None:  # noqa: ANN001
    p, _en, _he, claim, quote, event = linked
    p.links.add(quote.id, claim.id, "supports")
    p.links.add(event.uuid, claim.uuid, "contradicts", cites_status=True)
    with pytest.raises(ValidationError, match="already linked"):
        p.links.add(quote.id, claim.id, "supports")
    with pytest.raises(ValidationError, match="itself"):
        p.links.add(claim.id, claim.id, "repeats")
    with pytest.raises(ValidationError, match="unknown"):
        p.links.add(quote.id, claim.id, "proves")
    ends = p.links.of(claim)
    assert [(e.label, e.other.id) for e in ends] == [("supported by", quote.id),
                                                      ("contradicted by", event.id)]
    assert [(e.label, e.other.text) for e in p.links.of(event)] == [("contradicts",
                                                                      "the dam is safe 🎉")]
    assert ends[1].link.cites_status


def test_deleting_an_annotation_deletes_its_links_and_undo_restores_them(linked) -> None:  # noqa: ANN001
    p, en, _he, claim, quote, event = linked
    p.links.add(quote.id, claim.id, "supports")
    p.links.add(event.id, claim.id, "contradicts")
    gone = p.annotations.delete(claim.id)
    assert len(gone.links) == 2 and p.links.list() == []
    p.annotations.restore(gone)
    assert {x.type for x in p.links.list()} == {"supports", "contradicts"}
    # several at once, and with their article
    both = p.annotations.delete_many([claim.id, quote.id])
    assert p.links.list() == []
    p.annotations.restore_many(both)
    assert len(p.links.list()) == 2
    deleted = p.articles.delete(en.id)
    assert p.links.list() == []
    p.articles.restore(deleted)
    assert {x.type for x in p.links.list()} == {"supports", "contradicts"}


def test_links_in_the_w3c_export(linked) -> None:  # noqa: ANN001
    p, _en, _he, claim, quote, _event = linked
    link = p.links.add(quote.id, claim.id, "supports", note="same words")
    items = export_web_annotations(p)["first"]["items"]
    linking = [i for i in items if i["motivation"] == "linking"]
    assert len(linking) == 1
    assert linking[0]["id"] == f"urn:uuid:{link.uuid}"
    assert linking[0]["target"] == [f"urn:uuid:{quote.uuid}", f"urn:uuid:{claim.uuid}"]
    assert {b["value"] for b in linking[0]["body"]} == {"supports", "same words"}
    # a link whose other end is not exported is left out
    only_he = export_web_annotations(p, article_ids=[_event.article_id])
    assert [i["motivation"] for i in only_he["first"]["items"]] == ["classifying"]


def test_cli_link_links_and_people(linked, capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    p, _en, _he, claim, quote, event = linked
    path = str(p.path)
    capsys.readouterr()
    assert entry.main(["link", path, str(quote.id), str(claim.id), "--type", "supports"]) == 0
    assert capsys.readouterr().out.strip() == f"linked {quote.id} supports {claim.id}"
    assert entry.main(["link", path, str(event.id), str(claim.id), "--type", "contradicts",
                       "--cites-status"]) == 0
    assert entry.main(["link", path, "999", str(claim.id), "--type", "supports"]) == 1
    assert "no annotation 999" in capsys.readouterr().err
    assert entry.main(["links", path, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["from"], r["type"], r["to"], r["cites_status"]) for r in rows] == \
        [(quote.id, "supports", claim.id, False), (event.id, "contradicts", claim.id, True)]
    assert entry.main(["links", path, "--article", str(event.article_id)]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1
    # people: list, merge, with a clear message for an unknown name
    p.annotations.tag_span(article_id=event.article_id, kind="quote", start=0, end=5,
                           speaker="the minister of water")
    assert entry.main(["people", path, "--json"]) == 0
    people = {x["name"]: x for x in json.loads(capsys.readouterr().out)["people"]}
    assert people["The minister"]["quotes"] == 1 and people["The minister"]["claims"] == 1
    assert entry.main(["people", path, "--merge", "the minister of water", "--into",
                       "the minister"]) == 0
    assert "1 annotation(s) changed" in capsys.readouterr().out
    assert {a.speaker for a in p.annotations.list(kinds=["quote"])} == {"The minister"}
    assert entry.main(["people", path, "--merge", "Nobody", "--into", "The minister"]) == 1
    assert "No person or alias “Nobody”" in capsys.readouterr().err
    assert entry.main(["people", path]) == 0
    assert "The minister (also the minister of water)" in capsys.readouterr().out


def test_links_survive_the_json_round_trip_through_the_cli(
        linked, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    p, _en, he, claim, quote, event = linked
    supports = p.links.add(quote.id, claim.id, "supports", note="same words 🎉")
    contradicts = p.links.add(event.id, claim.id, "contradicts", cites_status=True)
    out = tmp_path / "all.json"
    assert entry.main(["export", str(p.path), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(x["from"], x["type"], x["to"]) for x in data["links"]] == [
        (quote.uuid, "supports", claim.uuid), (event.uuid, "contradicts", claim.uuid)]
    # into a new project: every link back, with its id, note, status flag and annotator
    fresh = tmp_path / "fresh.briefmark"
    capsys.readouterr()
    assert entry.main(["import-annotations", str(fresh), str(out)]) == 0
    assert "2 links imported, 0 already present" in capsys.readouterr().out
    with Project.open(fresh) as q:
        assert q.links.list() == p.links.list() == [supports, contradicts]
        again = q.annotations.by_uuids([claim.uuid])[claim.uuid]
        assert [(e.label, e.other.text) for e in q.links.of(again)] == [
            ("supported by", quote.text), ("contradicted by", "הסכר קרס")]
        # importing the same file again adds nothing
        capsys.readouterr()
        assert entry.main(["import-annotations", str(fresh), str(out)]) == 0
        assert "0 links imported, 2 already present" in capsys.readouterr().out
        assert len(q.links.list()) == 2
        # deleting the claim deletes both links; undo (restore) brings them back
        gone = q.annotations.delete(again.id)
        assert q.links.list() == []
        q.annotations.restore(gone)
        assert q.links.list() == [supports, contradicts]
    # an export of one article leaves out links whose other end is not in it
    one = tmp_path / "he.json"
    assert entry.main(["export", str(p.path), "--format", "json", "-o", str(one),
                       "--article", str(he.id)]) == 0
    assert json.loads(one.read_text(encoding="utf-8"))["links"] == []


def test_a_file_with_a_bad_link_changes_nothing(linked, tmp_path: Path,
                                               capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    p, _en, _he, claim, quote, _event = linked
    p.links.add(quote.id, claim.id, "supports")
    data = export_json(p)
    data["links"][0]["type"] = "proves"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "fresh.briefmark"
    capsys.readouterr()
    assert entry.main(["import-annotations", str(fresh), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Link 1 in the file: type 'proves' is unknown; use supports" in err
    assert not fresh.exists()  # refused before any project was created
    # a link to an annotation that could not be placed is counted, not guessed
    data = export_json(p)
    data["links"][0]["to"] = "0b7e8c1a-0000-4000-8000-000000000000"
    with Project.open(fresh, create=True) as q:
        report = import_json(q, data)
        assert (report.links.imported, report.links.not_linked) == (0, 1)
        assert "0 links imported, 0 already present, 1 not linked" in report.lines()[1]
        assert q.links.list() == []


def test_csv_has_a_links_column_read_from_each_row(linked) -> None:  # noqa: ANN001
    p, _en, _he, claim, quote, event = linked
    p.links.add(quote.id, claim.id, "supports")
    p.links.add(event.id, claim.id, "contradicts")
    rows = list(csv.DictReader(io.StringIO(export_csv(p))))
    by_id = {r["id"]: r["links"] for r in rows}
    assert by_id[claim.uuid] == f"supported by {quote.uuid}; contradicted by {event.uuid}"
    assert by_id[quote.uuid] == f"supports {claim.uuid}"
    assert by_id[event.uuid] == f"contradicts {claim.uuid}"
