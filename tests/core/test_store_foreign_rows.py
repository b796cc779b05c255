"""Rows another tool wrote with raw sqlite3 never crash listing or export."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from models import exchange
from models.project import Project
from models.values import ArticleMeta
from models.web_annotation import export_web_annotations

TEXT = "Plain words that a foreign tool annotated badly."


FOREIGN_COLUMNS = ("uuid, article_id, kind, start, \"end\", text, prefix, suffix, note, "
                   "speaker, claimant, status, \"when\", date, \"where\", participants, "
                   "annotator, created, modified")


def make_foreign(tmp_path: Path) -> tuple[Path, int, int]:
    """A project with one article of ours and one, and four annotations, that a foreign
    tool wrote badly (bytes, numbers as text, offsets out of bounds, bad JSON); the ids of
    the two articles."""
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        good = p.articles.add(TEXT, ArticleMeta(title="good")).id
    con = sqlite3.connect(path)
    stamp = "2026-01-01T00:00:00.000Z"
    blob_text = "Bytes text: caf\u00e9 \u05e9\u05dc\u05d5\u05dd".encode() + b" \xff end"
    con.execute("INSERT INTO article (uuid, title, source, author, url, published, language, "
                "text, content_hash, imported, filename, summary) VALUES "
                "('u-blob', ?, '', '', '', '', '', ?, 'x', ?, '', '')",
                (b"Blob \xfe title", blob_text, stamp))
    blob_id = con.execute("SELECT id FROM article WHERE uuid = 'u-blob'").fetchone()[0]
    rows = [
        ("a-past", good, "quote", 10, 10_000, "words", "", "", "", "", "", "", "", "", "", "[]"),
        ("a-type", good, "claim", "abc", 3.7, b"\x80bytes", "", "", 42, "", "", "", "", "", "",
         "not json"),
        ("a-blob", blob_id, "event", 0, 5, "Bytes", "", "", "", "", "", "", "", "", "", '["x", 3]'),
        ("a-neg", blob_id, "quote", -5, 2, "By", "", "", "", "", "", "", "", "", "", "{}"),
    ]
    for r in rows:
        con.execute(f"INSERT INTO annotation ({FOREIGN_COLUMNS}) VALUES ({','.join('?' * 19)})",
                    (*r, "tool", stamp, stamp))
    con.execute("INSERT INTO annotation_tag (annotation_id, tag) SELECT id, ? FROM annotation "
                "WHERE uuid = 'a-blob'", (b"t\xffag",))
    con.commit()
    con.close()
    return path, good, blob_id


def test_foreign_rows_list_and_export(tmp_path: Path) -> None:
    path, good, blob_id = make_foreign(tmp_path)
    with Project.open(path) as p:
        listed = {a.uuid: a for a in p.annotations.list()}
        assert set(listed) == {"a-past", "a-type", "a-blob", "a-neg"}
        past = listed["a-past"]
        assert (past.start, past.end) == (10, len(TEXT)) and "position" in past.damaged
        typed = listed["a-type"]
        assert isinstance(typed.start, int) and typed.note == "42" and typed.damaged
        assert typed.text == "\ufffdbytes" and typed.participants == ()
        blob = listed["a-blob"]
        assert blob.tags == ("t\ufffdag",) and blob.participants == ("x", "3")
        assert listed["a-neg"].start == 0 and listed["a-neg"].damaged
        article = p.articles.get(blob_id)
        assert article.text.endswith(" \ufffd end") and article.title == "Blob \ufffd title"
        assert p.annotations.article_text(blob_id) == article.text
        assert {s.id for s in p.articles.list()} == {good, blob_id}

        data = exchange.export_json(p)
        assert sum(len(a["annotations"]) for a in data["articles"]) == 4
        assert "damaged" not in data["articles"][0]["annotations"][0]
        table = list(csv.reader(io.StringIO(exchange.export_csv(p))))
        assert len(table) == 5
        w3c = export_web_annotations(p)
        assert w3c["total"] == 4
        assert p.annotations.all_tags() == ["t\ufffdag"]
        assert "x" in p.annotations.names("participants")
        # A repaired annotation can be edited back into shape.
        fixed = p.annotations.update(past.id, start=6, end=11)
        assert fixed.text == "words" and not fixed.damaged
        assert not p.annotations.get(past.id).damaged
    with Project.open(path) as p:
        assert p.annotations.get(past.id).end == 11
