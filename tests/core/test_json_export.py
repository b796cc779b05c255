"""The streamed JSON export (models/json_export.py) writes what the app lists, for clean
rows, rows another tool damaged, chosen articles and kinds, and links; a cancel or a
failure leaves no file. Real project files, the real export path."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from models import exchange, json_export
from models.briefing import ExportCancelled
from models.errors import BriefmarkError
from models.export import export_project
from models.json_export import ARTICLE_KEYS, annotation_json
from models.link_exchange import link_json
from models.project import Project
from models.values import ArticleMeta
from tests.core.test_store_foreign_rows import FOREIGN_COLUMNS, TEXT, make_foreign

TEXTS = (
    "Fans cheered 🎉🎉 as “we won 🇨🇺,” said Lía Pérez 👩🏽‍🚀 on Sunday.",
    "\u200fהשר אמר: \"אנחנו נמשיך\" ביום שני.\r\nوقال الوزير \"سنواصل\" يوم الاثنين.",
    "A control \x01 character, a tab\tand a backslash \\ with \"quotes\".",
)

# A note that looks like the encoded key the tags are put in at: it must stay text.
NOTE = 'n 🎉 ,"tags":[], \\"tags\\":[],'


def _fill(p: Project) -> list[int]:
    ids = []
    first = None
    for n, text in enumerate(TEXTS):
        art = p.articles.add(text, ArticleMeta(title=f"T{n} “x”", language="xx"))
        ids.append(art.id)
        words = [w for w in art.text.split() if len(w) > 3]
        made = []
        for i, w in enumerate(words[:4]):
            s = art.text.index(w)
            kind = ("quote", "claim", "event")[i % 3]
            made.append(p.annotations.tag_span(
                article_id=art.id, kind=kind, start=s, end=s + len(w), note=NOTE + str(i),
                tags=["b", "a"], speaker="Lía" if kind == "quote" else "",
                participants=["A", "Ś"] if kind == "event" else [],
                date="2015-11" if kind == "event" else ""))
        if first is None:
            first = made[0]
        else:
            p.links.add(made[1].id, first.id, "supports")
    return ids


def _export(p: Project, out: Path, **kw: object) -> dict:
    export_project(p, "json", out, **kw)
    return json.loads(out.read_text(encoding="utf-8"))


def _as_listed(p: Project, ids: list[int] | None = None,
               kinds: list[str] | None = None) -> dict:
    """What the file must hold, built from what the app lists (articles.get,
    annotations.list, links.list), not by the exporter."""
    articles, exported = [], set()
    for article_id in ids or [s.id for s in sorted(p.articles.list(), key=lambda s: s.id)]:
        a = p.articles.get(article_id)
        listed = p.annotations.list(article_id=article_id, kinds=kinds)
        exported |= {x.uuid for x in listed}
        articles.append({**{k: getattr(a, k) for k in ARTICLE_KEYS}, "uuid": a.uuid,
                         "text": a.text, "annotations": [annotation_json(x) for x in listed]})
    links = [link_json(x) for x in p.links.list()
             if x.source in exported and x.target in exported]
    return {"format": "briefmark", "version": 1, "articles": articles, "links": links}


@pytest.fixture(params=["sqlite-json", "python"])
def encoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of encoding rows: SQLite's json_object, and the one any database uses."""
    monkeypatch.setattr(json_export, "SQLITE_JSON", request.param == "sqlite-json")
    return request.param


def test_streamed_file_holds_what_the_app_lists(tmp_path: Path, encoder: str) -> None:
    with Project.open(tmp_path / "p.briefmark", create=True) as p:
        ids = _fill(p)
        out = tmp_path / "all.json"
        assert _export(p, out) == _as_listed(p) == exchange.export_json(p)
        data = json.loads(out.read_text(encoding="utf-8"))
        assert len(data["links"]) == 2 and data["articles"][0]["annotations"][0]["tags"] == [
            "b", "a"]
        # Offsets are code points into the text as stored (CRLF kept or not, as stored).
        for article in data["articles"]:
            for a in article["annotations"]:
                assert article["text"][a["start"]:a["end"]] == a["text"]
        # One line per annotation: readable and diffable, not one 30 MB line.
        lines = out.read_text(encoding="utf-8").splitlines()
        assert sum(line.startswith('   {"id":') for line in lines) == 12
        # Chosen articles in the order given, chosen kinds; links only between exported ones.
        chosen, kinds = [ids[2], ids[0]], ["quote", "claim"]
        some = _export(p, tmp_path / "some.json", article_ids=chosen, kinds=kinds)
        assert some == _as_listed(p, chosen, kinds)
        assert [a["id"] for a in some["articles"]] == chosen
        empty = _export(p, tmp_path / "none.json", kinds=["event"], article_ids=[ids[0]])
        assert empty["links"] == [] and len(empty["articles"][0]["annotations"]) == 1


def test_rows_a_foreign_tool_damaged_export_as_listing_repairs_them(tmp_path: Path,
                                                                   encoder: str) -> None:
    path, good, blob = make_foreign(tmp_path)
    con = sqlite3.connect(path)  # and a number where text belongs, in a clean-looking row
    con.execute(f"INSERT INTO annotation ({FOREIGN_COLUMNS}) SELECT 'a-int', article_id, "
                "'quote', 1, 2, 'y', 5, suffix, note, speaker, claimant, status, \"when\", "
                "date, \"where\", 5, annotator, created, modified FROM annotation "
                "WHERE uuid = 'a-blob'")
    con.execute("UPDATE article SET language = 7 WHERE id = ?", (blob,))
    con.commit()
    con.close()
    with Project.open(path) as p:
        data = _export(p, tmp_path / "out.json")
        assert data == _as_listed(p)
        by_id = {a["id"]: a for art in data["articles"] for a in art["annotations"]}
        assert set(by_id) == {"a-past", "a-type", "a-blob", "a-neg", "a-int"}
        assert by_id["a-past"]["end"] == len(TEXT)
        assert by_id["a-blob"]["tags"] == ["t\ufffdag"]
        assert by_id["a-blob"]["participants"] == ["x", "3"]
        assert by_id["a-int"]["prefix"] == "5" and by_id["a-int"]["participants"] == []
        assert data["articles"][1]["title"] == "Blob \ufffd title"
        assert data["articles"][1]["language"] == "7"
        assert data["articles"][0]["id"] == good


def test_cancel_and_failure_leave_no_file(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.briefmark", create=True) as p:
        _fill(p)
        out = tmp_path / "out.json"
        out.write_text("the user's old file", encoding="utf-8")
        seen: list[tuple[int, int]] = []
        with pytest.raises(ExportCancelled):
            export_project(p, "json", out, progress=lambda d, t: seen.append((d, t)),
                           cancelled=lambda: bool(seen))
        assert seen == [(3, 3)]
        assert out.read_text(encoding="utf-8") == "the user's old file"
        with pytest.raises(BriefmarkError, match="unknown"):
            export_project(p, "json", out, kinds=["opinion"])
        assert out.read_text(encoding="utf-8") == "the user's old file"
        assert not [x.name for x in tmp_path.iterdir() if x.name.startswith(".out.json")]
