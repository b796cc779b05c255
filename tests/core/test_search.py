"""Project search: FTS5 candidates, exact code points from the folding matcher, the index
kept in step by every writer (a foreign SQLite tool too), the migration that builds it for
existing files, and `main.py search`. Real project files throughout."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import main as entry
from models.project import Project
from models.search import search_project
from models.values import ArticleMeta
from tests.core.old_schema import copy_at_revision

EN = ("Putin meets Netanyahu 🚲 in Paris\r\n\r\nIsrael and Russia are to deepen their military "
      "coordination during the latter’s airstrikes, Netanyahu said after “very bright” talks "
      "with Vladimir Putin. Füh\u00adrung matters.")
HE = "המירוץ לנשיאות מידרדר לשפל חדש, אמר יו\"ר הכנסת יולי אדלשטיין 🙂 ביום שני."


@pytest.fixture
def project(tmp_path: Path):  # noqa: ANN201
    with Project.open(tmp_path / "p.briefmark", create=True, annotator="Dana Levi") as p:
        en = p.articles.add(EN, ArticleMeta(title="Leaders meet", source="Times of Israel"))
        he = p.articles.add(HE, ArticleMeta(title="Israel Hayom", language="he"))
        yield p, p.articles.get(en.id), p.articles.get(he.id)


def spans(result, field: str = "text") -> list[tuple[int, int, int]]:  # noqa: ANN001
    return [(h.article_id, h.start, h.end) for h in result.hits if h.field == field]


def test_hits_land_on_exact_code_points_after_emoji_crlf_and_in_hebrew(project) -> None:  # noqa: ANN001
    p, en, he = project
    text = en.text  # CRLF became LF on import; the emoji counts as one code point
    for query, expected in (("latter's", "latter’s"), ('"very bright"', "“very bright"),
                            ("fuhrung", "Füh\u00adrung"), ("🚲", "🚲")):
        hits = spans(search_project(p, query))
        assert hits, query
        aid, start, end = hits[0]
        assert aid == en.id and text[start:end].startswith(expected.strip("“")) or \
            text[start:end] == expected, (query, text[start:end])
    hits = spans(search_project(p, "נשיאות"))
    assert [(a, he.text[s:e]) for a, s, e in hits] == [(he.id, "נשיאות")]
    assert he.text[hits[0][1] - 1] == "ל"  # found inside the word, as Find does


def test_all_words_must_match_and_quotes_make_a_phrase(project) -> None:  # noqa: ANN001
    p, en, _he = project
    assert {h.article_id for h in search_project(p, "putin netanyahu").hits} == {en.id}
    assert not search_project(p, "putin adelstein").hits  # in two different articles
    assert not search_project(p, '"russia israel"').hits  # both words, not as a phrase
    assert spans(search_project(p, '"Israel and Russia"'))[0][1] == en.text.index("Israel and")
    titles = [h for h in search_project(p, "times of israel").hits if h.field == "source"]
    assert [h.article_id for h in titles] == [en.id]


def test_annotations_are_found_by_text_note_people_and_tags(project) -> None:  # noqa: ANN001
    p, en, _he = project
    start = en.text.index("Israel and Russia")
    claim = p.annotations.tag_span(article_id=en.id, kind="claim", start=start,
                                   end=en.text.index(" during"), claimant="Benjamin Netanyahu",
                                   note="check with the IDF", tags=["syria"])
    for query, field in (("benjamin", "claimant"), ("IDF", "note"), ("syria", "tags"),
                         ("coordination", "text")):
        hits = [h for h in search_project(p, query).hits if h.annotation_id == claim.id]
        assert [(h.field, h.start, h.end, h.kind) for h in hits] == \
            [(field, claim.start, claim.end, "claim")], query
    assert not [h for h in search_project(p, "benjamin", kinds=["quote"]).hits]


def test_the_index_follows_every_write_and_undo(project) -> None:  # noqa: ANN001
    p, en, _he = project
    a = p.annotations.tag_span(article_id=en.id, kind="quote", start=0, end=5)
    p.annotations.update(a.id, note="zebra crossing")
    assert [h.annotation_id for h in search_project(p, "zebra").hits] == [a.id]
    p.annotations.update(a.id, note="")
    assert not search_project(p, "zebra").hits
    p.annotations.update(a.id, tags=["walrus"])
    assert [h.annotation_id for h in search_project(p, "walrus").hits] == [a.id]
    gone = p.annotations.delete(a.id)
    assert not search_project(p, "walrus").hits
    p.annotations.restore(gone)
    assert [h.field for h in search_project(p, "walrus").hits] == ["tags"]
    p.articles.update(en.id, title="Kremlin talks")
    assert [h.field for h in search_project(p, "kremlin").hits] == ["title"]
    p.articles.delete(en.id)
    assert not search_project(p, "kremlin").hits and not search_project(p, "putin").hits


def test_a_foreign_sqlite_tool_writing_rows_is_indexed_too(project) -> None:  # noqa: ANN001
    p, en, _he = project
    con = sqlite3.connect(p.path)
    with con:
        con.execute("UPDATE article SET title = 'Quokka summit' WHERE id = ?", (en.id,))
    con.close()
    assert [h.article_id for h in search_project(p, "quokka").hits] == [en.id]


def test_migration_builds_the_index_for_an_existing_file(tmp_path: Path, project) -> None:  # noqa: ANN001
    p, en, _he = project
    p.annotations.tag_span(article_id=en.id, kind="quote", start=0, end=5, speaker="Ann Lee")
    old = tmp_path / "old.briefmark"
    copy_at_revision(p.path, old, "0002")  # no index, no triggers
    with Project.open(old) as upgraded:
        assert upgraded.backup is not None and upgraded.backup.exists()
        assert [h.field for h in search_project(upgraded, "lee").hits] == ["speaker"]
        assert {h.article_id for h in search_project(upgraded, "putin").hits} == {en.id}
    backup = sqlite3.connect(upgraded.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"
    backup.close()


def test_cli_search_prints_one_row_per_hit(project, capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    p, en, _he = project
    claim = p.annotations.tag_span(article_id=en.id, kind="claim", start=0, end=5)
    capsys.readouterr()
    assert entry.main(["search", str(p.path), "putin", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"article", "start", "end", "snippet", "annotation"} <= set(rows[0])
    texts = [r for r in rows if r["annotation"] is None and r["field"] == "text"]
    assert all(en.text[r["start"]:r["end"]].lower() == "putin" for r in texts) and texts
    assert [r["annotation"] for r in rows if r["annotation"]] == [claim.id]
    assert entry.main(["search", str(p.path), "putin", "--kind", "quote", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert entry.main(["search", str(p.path), "xyzzy"]) == 0
    assert "Nothing in this project matches" in capsys.readouterr().out
    missing = p.path.with_name("none.briefmark")
    assert entry.main(["search", str(missing), "putin"]) == 1
    assert not missing.exists()


def test_a_limit_stops_at_whole_articles_and_says_so(project) -> None:  # noqa: ANN001
    p, en, _he = project
    result = search_project(p, "putin", limit=1)
    assert result.truncated and len(result.hits) == 1 and result.hits[0].article_id == en.id
    assert not search_project(p, "putin").truncated


def test_filters_by_tag_person_status_and_dates(project, capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    from models.search import Filters

    p, en, _he = project
    text = en.text
    s = text.index("Israel and Russia")
    claim = p.annotations.tag_span(article_id=en.id, kind="claim", start=s,
                                   end=text.index(" during"), claimant="Benjamin Netanyahu",
                                   status="disputed", tags=["Syria"])
    s2 = text.index("Netanyahu said")
    event = p.annotations.tag_span(article_id=en.id, kind="event", start=s2,
                                   end=s2 + len("Netanyahu said"), date="2015-11-30",
                                   participants=["Vladimir Putin"])

    def ids(**kw: str) -> list[int | None]:
        return [h.annotation_id for h in search_project(p, "netanyahu",
                                                         filters=Filters(**kw)).hits]

    assert ids(tag="syria") == [claim.id]  # any case, whole tag
    assert ids(tag="syr") == []
    assert ids(status="disputed") == [claim.id]
    assert ids(person="putin") == [event.id]  # a participant, part of the name
    assert ids(date_from="2015-11") == [event.id] == ids(date_to="2015")
    assert ids(date_to="2015-10") == [] == ids(date_from="2016")
    # A range overlaps a bound, and a bound may be a range (its start, its end).
    p.annotations.update(event.id, date="2015-10-20/2015-12")
    assert ids(date_to="2015-10") == [event.id] == ids(date_from="2015-12-31")
    assert ids(date_from="2016-01") == [] == ids(date_to="2015-10-19")
    assert ids(date_from="2014/2015-10-20") == [event.id] == ids(date_to="2016/2017")
    assert ids(date_from="2016/2017") == []
    with pytest.raises(Exception, match="YYYY"):
        ids(date_from="30/11/2015")
    capsys.readouterr()
    assert entry.main(["search", str(p.path), "netanyahu", "--status", "disputed",
                       "--json"]) == 0
    assert [r["annotation"] for r in json.loads(capsys.readouterr().out)] == [claim.id]
    assert entry.main(["search", str(p.path), "netanyahu", "--from", "soon"]) == 1
    assert "YYYY" in capsys.readouterr().err


def test_a_bulk_import_is_indexed_in_one_step_and_leaves_no_pause(  # noqa: ANN001
        project, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    p, en, _he = project
    p.annotations.tag_span(article_id=en.id, kind="quote", start=0, end=5, speaker="Ann Lee",
                           tags=["summit"])
    exported = tmp_path / "x.json"
    assert entry.main(["export", str(p.path), "--format", "json", "-o", str(exported)]) == 0
    other = tmp_path / "other.briefmark"
    assert entry.main(["import-annotations", str(other), str(exported)]) == 0
    capsys.readouterr()
    with Project.open(other) as q:
        assert [h.field for h in search_project(q, "summit").hits] == ["tags"]
        assert [h.field for h in search_project(q, "lee").hits] == ["speaker"]
        with q.reading() as con:
            from sqlalchemy import text

            assert con.execute(text("SELECT count(*) FROM setting WHERE key = "
                                    "'search_index_paused'")).scalar() == 0
        # and the triggers work again afterwards
        a = q.annotations.list()[0]
        q.annotations.update(a.id, note="afterwards")
        assert [h.annotation_id for h in search_project(q, "afterwards").hits] == [a.id]


def test_words_the_index_folds_otherwise_are_still_found(tmp_path: Path) -> None:
    text = ("Андрей Ёлка в Ελλάδα, τσίπρας; हिन्दी समाचार; Straße in Gießen; ﬁnance; "
            "foo_bar; Cafe\u0301 noir; the prime\nminister spoke.")
    with Project.open(tmp_path / "w.briefmark", create=True) as p:
        a = p.articles.get(p.articles.add(text, ArticleMeta(title="Scripts")).id)
        for query, expected in (("Ёлка", "Ёлка"), ("Андрей", "Андрей"), ("Ελλάδα", "Ελλάδα"),
                                ("τσίπρας", "τσίπρας"), ("हिन्दी", "हिन्दी"), ("Straße", "Straße"),
                                ("Gießen", "Gießen"), ("ﬁnance", "ﬁnance"), ("_", "_"),
                                ("café", "Cafe\u0301"),  # the accent comes with the hit
                                ('"prime minister"', "prime\nminister")):
            hits = [h for h in search_project(p, query).hits if h.field == "text"]
            assert hits, query
            assert a.text[hits[0].start:hits[0].end] == expected, query


def test_review_edges_tags_with_commas_tag_renames_and_overlapping_dates(project) -> None:  # noqa: ANN001
    from models.search import Filters

    p, en, _he = project
    a = p.annotations.tag_span(article_id=en.id, kind="event", start=0, end=5,
                               tags=["x, y"], date="2015-11")
    assert [h.annotation_id for h in search_project(p, "putin",
                                                    filters=Filters(tag="x, y")).hits] == [a.id]
    assert not search_project(p, "putin", filters=Filters(tag="x")).hits
    for bound in ({"date_from": "2015-11-15"}, {"date_to": "2015-11-15"}):
        assert [h.annotation_id for h in search_project(p, "putin",
                                                        filters=Filters(**bound)).hits] == [a.id]
    with pytest.raises(Exception, match="not a date"):
        search_project(p, "putin", filters=Filters(date_from="2015-13"))
    con = sqlite3.connect(p.path)  # a foreign tool renames a tag and renumbers a row
    with con:
        con.execute("UPDATE annotation_tag SET tag = 'renamed' WHERE annotation_id = ?", (a.id,))
    assert [(h.annotation_id, h.field) for h in search_project(p, "renamed").hits] == \
        [(a.id, "tags")]
    with con:
        con.execute("UPDATE annotation SET id = 900 WHERE id = ?", (a.id,))
    con.close()
    assert 900 in {h.annotation_id for h in search_project(p, "putin").hits}
    assert a.id not in {h.annotation_id for h in search_project(p, "putin").hits}


def test_a_persons_alias_finds_what_names_them(tmp_path: Path) -> None:
    """"bibi" finds the quotes whose speaker is Benjamin Netanyahu and the text's "Bibi"
    and "Netanyahu" (his aliases); one hit where two of his names overlap in the text."""
    with Project.open(tmp_path / "alias.briefmark", create=True) as p:
        text = "Bibi told reporters on Monday 🎉 that Benjamin Netanyahu would go. «שלום»"
        art = p.articles.add(text, ArticleMeta(title="Names"))
        s = text.index("told")
        quote = p.annotations.tag_span(article_id=art.id, kind="quote", start=s,
                                       end=s + 4, speaker="Benjamin Netanyahu")
        person = p.people.find("Benjamin Netanyahu")
        p.people.edit(person.uuid, aliases=["Bibi", "Netanyahu"])
        hits = search_project(p, "bibi").hits
        assert quote.id in {h.annotation_id for h in hits}
        spans = sorted((h.start, h.end) for h in hits if h.field == "text")
        assert [text[a:b] for a, b in spans] == ["Bibi", "Benjamin Netanyahu"]
        assert search_project(p, "bibi monday").hits  # with another word: both needed
        assert not search_project(p, "bibi zebra").hits
        plain = search_project(p, "reporters").hits  # no person: the word alone
        assert [text[h.start:h.end] for h in plain if h.field == "text"] == ["reporters"]


def test_the_bare_index_match_the_benchmarks_time() -> None:
    from models.search import fts_match

    assert fts_match('Netan "Prime Minister"') == '"netan"* AND "prime minister"*'
    assert fts_match("שלום") == ""  # left to the matcher: no index lookup
