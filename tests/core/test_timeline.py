"""One timeline across the project: day-, month- and year-precise events in date order,
undated last; person and tag filters; `main.py timeline`. Real project files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import main as entry
from models.project import Project
from models.timeline import project_timeline
from models.values import ArticleMeta

A = "The storm 🌀 hit the coast.\n\nThe harbour closed. The mayor resigned in 2016."
B = "הסערה פגעה בחוף. הנמל נסגר.\n\nThe council met in November 2015."


def tag(p: Project, article, words: str, **fields: object) -> int:  # noqa: ANN001
    start = article.text.index(words)
    return p.annotations.tag_span(article_id=article.id, kind="event", start=start,
                                  end=start + len(words), **fields).id


def test_events_of_every_precision_sort_in_date_order(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        a = p.articles.add(A, ArticleMeta(title="Storm"))
        b = p.articles.add(B, ArticleMeta(title="סערה", language="he"))
        a, b = p.articles.get(a.id), p.articles.get(b.id)
        undated = tag(p, a, "The harbour closed.", when="later")
        year = tag(p, a, "The mayor resigned in 2016.", date="2016")
        day = tag(p, a, "The storm 🌀 hit the coast.", date="2015-11-30",
                  participants=["Ann Lee"], tags=["weather"])
        month = tag(p, b, "The council met in November 2015.", date="2015-11")
        hebrew = tag(p, b, "הנמל נסגר.", date="2015-12-01", participants=["Ann Lee"])
        entries = project_timeline(p)
        assert [e.annotation_id for e in entries] == [month, day, hebrew, year, undated]
        assert [e.precision for e in entries] == ["month", "day", "day", "year", ""]
        assert [e.shown_date for e in entries] == ["Nov 2015", "30 Nov 2015", "1 Dec 2015",
                                                   "2016", "(later)"]
        emoji = entries[1]
        assert a.text[emoji.start:emoji.end] == "The storm 🌀 hit the coast."
        assert [e.annotation_id for e in project_timeline(p, person="lee")] == [day, hebrew]
        assert [e.annotation_id for e in project_timeline(p, tag="WEATHER")] == [day]
        assert [e.annotation_id for e in project_timeline(p, article_ids=[b.id])] == \
            [month, hebrew]
    capsys.readouterr()
    assert entry.main(["timeline", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["annotation_id"], r["date"], r["precision"]) for r in rows][:2] == \
        [(month, "2015-11", "month"), (day, "2015-11-30", "day")]
    assert entry.main(["timeline", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].strip().startswith("Nov 2015") and "(later)" in out[-1]


def test_partial_dates_read_well_in_briefing_notes_and_are_validated() -> None:
    from models.briefing.docx_text import long_date, short_date
    from models.errors import ValidationError
    from models.event_dates import date_from_when, parse_event_date

    assert (short_date("2015-11"), long_date("2015-11"), short_date("2016")) == \
        ("Nov 2015", "November 2015", "2016")
    assert short_date("2015-11-30") == "30 Nov 2015"
    assert parse_event_date(" 2015-03 ") == "2015-03"
    for bad in ("2015-13", "2015-02-30", "30/11/2015", "15"):
        with pytest.raises(ValidationError, match="YYYY-MM"):
            parse_event_date(bad)
    assert date_from_when("on Tuesday", "2025-03-14", "en") == "2025-03-11"
    assert date_from_when("in November 2015", "", "en") == "2015-11"
    assert date_from_when("back in 2009", "", "en") == "2009"
    assert date_from_when("a while ago", "2025-03-14", "en") == ""


def test_ranges_months_and_years_sort_by_their_start(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture) -> None:
    text = "One. Two. Three. Four. Five. Six. Seven. Eight."
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        a = p.articles.get(p.articles.add(text, ArticleMeta(title="First")).id)
        b = p.articles.get(p.articles.add(text + " Nine.", ArticleMeta(title="Second")).id)
        ids = {
            "late day": tag(p, a, "Eight.", date="2015-11-05"),
            "range of days": tag(p, a, "Two.", date="2015-11-30 to 2015-12-02"),
            "day": tag(p, a, "Three.", date="2015-11-30"),
            "month": tag(p, a, "Four.", date="2015-11"),
            "range of months": tag(p, a, "Five.", date="2015-11/2016-01"),
            "year": tag(p, a, "Six.", date="2015"),
            "years": tag(p, b, "One.", date="2014–2016"),
            "undated": tag(p, b, "Two.", when="one day"),
            "same day, later article": tag(p, b, "Three.", date="2015-11-30"),
            "same day, earlier offset": tag(p, a, "One.", date="2015-11-30"),
        }
        entries = project_timeline(p)
        name = {v: k for k, v in ids.items()}
        assert [name[e.annotation_id] for e in entries] == [
            "years",  # 2014–2016 starts first
            "year",  # 2015: the whole year, at its start
            "range of months",  # Nov 2015 – Jan 2016: wider than November, before it
            "month",
            "late day",
            "range of days",  # 30 Nov – 2 Dec: before the day it starts with
            "same day, earlier offset", "day", "same day, later article",
            "undated"]
        assert [e.precision for e in entries[:4]] == ["range", "year", "range", "month"]
        shown = {name[e.annotation_id]: e.shown_date for e in entries}
        assert (shown["years"], shown["range of months"], shown["range of days"]) == \
            ("2014–2016", "Nov 2015 – Jan 2016", "30 Nov – 2 Dec 2015")
        assert p.annotations.get(ids["range of days"]).date == "2015-11-30/2015-12-02"
        # The filters narrow, the order stays.
        assert [name[e.annotation_id] for e in project_timeline(p, article_ids=[b.id])] == \
            ["years", "same day, later article", "undated"]
    capsys.readouterr()
    assert entry.main(["timeline", str(path), "--json"]) == 0
    rows = {r["annotation_id"]: r for r in json.loads(capsys.readouterr().out)}
    days = rows[ids["range of days"]]
    assert (days["date"], days["precision"], days["date_start"], days["date_end"],
            days["first_day"], days["last_day"]) == (
        "2015-11-30/2015-12-02", "range", "2015-11-30", "2015-12-02", "2015-11-30",
        "2015-12-02")
    months = rows[ids["range of months"]]
    assert (months["date_start"], months["date_end"], months["first_day"],
            months["last_day"]) == ("2015-11", "2016-01", "2015-11-01", "2016-01-31")
    month = rows[ids["month"]]
    assert (month["precision"], month["date_start"], month["date_end"], month["last_day"]) \
        == ("month", "2015-11", "2015-11", "2015-11-30")
    undated = rows[ids["undated"]]
    assert (undated["date"], undated["precision"], undated["date_start"],
            undated["first_day"]) == ("", None, None, None)
    assert entry.main(["timeline", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("  article")[0].strip() == "2014–2016"
    assert any(line.split("  article")[0].strip() == "30 Nov – 2 Dec 2015" for line in out)
    starts = {line.index("  article") for line in out}
    assert len(starts) == 1  # the date column is as wide as its widest date


def test_timeline_is_a_sequence_built_as_it_is_read(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.briefmark", create=True) as p:
        a = p.articles.get(p.articles.add(A, ArticleMeta(title="Storm")).id)
        first = tag(p, a, "The storm 🌀 hit the coast.", date="2015-11-30",
                    participants=["Ann Lee", "Bo Ek"], tags=["weather", "coast"])
        second = tag(p, a, "The harbour closed.")
        timeline = project_timeline(p)
        assert len(timeline) == 2 and timeline.dated() == 1
        assert timeline == list(timeline) and timeline[-1] == timeline[1]
        assert [e.annotation_id for e in timeline[0:2]] == [first, second]
        assert timeline.index_of(second) == 1 and timeline.index_of(999) is None
        assert timeline[0].participants == ("Ann Lee", "Bo Ek")
        assert set(timeline[0].tags) == {"weather", "coast"}
        assert timeline.column("participants") == [("Ann Lee", "Bo Ek"), ()]
        assert timeline.column("article_title") == ["Storm", "Storm"]
        assert timeline.column("start") == [e.start for e in timeline]
        with pytest.raises(IndexError):
            timeline[2]
        nothing = project_timeline(p, tag="no such tag")
        assert len(nothing) == 0 and not nothing and list(nothing) == [] and nothing[:1] == []


def test_rows_another_tool_damaged_still_make_a_timeline(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        a = p.articles.get(p.articles.add(A, ArticleMeta(title="Storm")).id)
        b = p.articles.get(p.articles.add(B, ArticleMeta(title="Gone")).id)
        good = tag(p, a, "The storm 🌀 hit the coast.", date="2015-11-30",
                   participants=["Ann Lee"])
        typed = tag(p, a, "The harbour closed.", date="2016")
        odd = tag(p, a, "The mayor resigned in 2016.")
        orphan = tag(p, b, "The council met in November 2015.", date="2015-11")
    con = sqlite3.connect(path)  # a foreign tool: no checks, no foreign keys
    con.execute('UPDATE annotation SET "when" = 42, participants = \'["Ann Lee", 7]\', '
                "text = CAST(text AS BLOB) WHERE id = ?", (typed,))
    con.execute("UPDATE annotation SET date = 'someday', participants = 'not json' "
                "WHERE id = ?", (odd,))
    con.execute("INSERT INTO annotation_tag (annotation_id, tag) VALUES (?, ?)",
                (odd, b"t\xffag"))
    con.execute("DELETE FROM article WHERE id = ?", (b.id,))
    con.commit()
    con.close()
    with Project.open(path) as p:
        entries = project_timeline(p)
        assert [e.annotation_id for e in entries] == [good, typed, odd]  # no orphan
        assert orphan not in {e.annotation_id for e in entries}
        damaged = entries[1]
        assert (damaged.when, damaged.participants, damaged.text) == \
            ("42", ("Ann Lee", "7"), "The harbour closed.")
        assert (entries[2].date, entries[2].participants, entries[2].shown_date) == \
            ("someday", (), "someday")  # not a date: after the dated, as written
        assert entries[2].tags == ("t\ufffdag",)
        assert [e.annotation_id for e in project_timeline(p, person="ann")] == [good, typed]
        assert [e.annotation_id for e in project_timeline(p, tag="T\ufffdAG")] == [odd]
