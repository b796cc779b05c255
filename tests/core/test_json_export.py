"""The streamed JSON export (models/json_export.py) writes what export_json builds, for
clean rows, rows another tool damaged, chosen articles and kinds, and links; a cancel or a
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
from models.project import Project
from models.values import ArticleMeta

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


@pytest.fixture(params=["sqlite-json", "python"])
def encoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of encoding rows: SQLite's json_object, and the one any database uses."""
    monkeypatch.setattr(json_export, "SQLITE_JSON", request.param == "sqlite-json")
    return request.param


def test_streamed_file_equals_export_json(tmp_path: Path, encoder: str) -> None:
    with Project.open(tmp_path / "p.briefmark", create=True) as p:
        ids = _fill(p)
        out = tmp_path / "all.json"
        assert _export(p, out) == exchange.export_json(p)
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
        some = _export(p, tmp_path / "some.json", article_ids=[ids[2], ids[0]],
                       kinds=["quote", "claim"])
        assert some == exchange.export_json(p, article_ids=[ids[2], ids[0]],
                                            kinds=["quote", "claim"])
        assert [a["id"] for a in some["articles"]] == [ids[2], ids[0]]
        empty = _export(p, tmp_path / "none.json", kinds=["event"], article_ids=[ids[0]])
        assert empty["links"] == [] and len(empty["articles"][0]["annotations"]) == 1


def test_rows_a_foreign_tool_damaged_export_as_listing_repairs_them(tmp_path: Path,
                                                                   encoder: str) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        good = p.articles.add(TEXTS[0], ArticleMeta(title="good")).id
    con = sqlite3.connect(path)
    stamp = "2026-01-01T00:00:00.000Z"
    con.execute("INSERT INTO article (uuid, title, source, author, url, published, language, "
                "text, content_hash, imported, filename, summary) VALUES "
                "('u-blob', ?, '', '', '', '', 7, ?, 'x', ?, '', '')",
                (b"Blob \xfe title", "Bytes café".encode() + b" \xff end", stamp))
    blob = con.execute("SELECT id FROM article WHERE uuid = 'u-blob'").fetchone()[0]
    cols = ("uuid, article_id, kind, start, \"end\", text, prefix, suffix, note, speaker, "
            "claimant, status, \"when\", date, \"where\", participants, annotator, created, "
            "modified")
    for r in [("a-past", good, "quote", 10, 10_000, "w", "", "", "", "", "", "", "", "", "",
               "[]"),
              ("a-type", good, "claim", "3", 3.7, b"\x80b", "", "", 42, "", "", "", "", "", "",
               "not json"),
              ("a-blob", blob, "event", 0, 5, "Bytes", "", "", "", "", "", "", "", "", "",
               '["x", 3]'),
              ("a-int", blob, "quote", 1, 2, "y", 5, "", "", "", "", "", "", "", "", 5)]:
        con.execute(f"INSERT INTO annotation ({cols}) VALUES ({','.join('?' * 19)})",
                    (*r, "tool", stamp, stamp))
    con.execute("INSERT INTO annotation_tag (annotation_id, tag) SELECT id, ? FROM annotation "
                "WHERE uuid = 'a-blob'", (b"t\xffag",))
    con.commit()
    con.close()
    with Project.open(path) as p:
        data = _export(p, tmp_path / "out.json")
        assert data == exchange.export_json(p)
        by_id = {a["id"]: a for art in data["articles"] for a in art["annotations"]}
        assert by_id["a-past"]["end"] == len(TEXTS[0])
        assert by_id["a-blob"]["tags"] == ["t\ufffdag"]
        assert by_id["a-blob"]["participants"] == ["x", "3"]
        assert data["articles"][1]["title"] == "Blob \ufffd title"
        assert data["articles"][1]["language"] == "7"


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
