"""One timeline across the project: day-, month- and year-precise events in date order,
undated last; person and tag filters; `main.py timeline`. Real project files."""

from __future__ import annotations

import json
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
