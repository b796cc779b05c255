"""Suggestions name the project's known people: "Mr Netanyahu" in one article is "Benjamin
Netanyahu" named in another, aliases and accents resolve, an ambiguous surname stays as
found unless the article names one of the people, organisations are never matched by a
surname, and resolving writes nothing and reads the people once. Real project files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import event

import main as entry
import models.suggest as suggest_api
from models.people_fields import settle_names
from models.people_resolve import NameResolver
from models.project import Project
from models.suggest import Suggestion, accept, reject, suggest_for_article, suggest_text
from models.values import ArticleMeta

FIRST = ("Israel and Russia are to increase their military coordination, Prime Minister "
         "Benjamin Netanyahu said Monday, after talks with Vladimir Putin in Paris.\n\n"
         "“I just had an important talk with Russian President Vladimir Putin,” Benjamin "
         "Netanyahu told reporters after their brief meeting.\n")

LATER = ("Israel and Russia to widen Syria coordination\n\n"
         "JERUSALEM — Israel will keep its channel with Moscow open, officials said on "
         "Tuesday.\n\n"
         "“We agreed to deepen the coordination between us in order to prevent mishaps,” "
         "Mr Netanyahu told reporters after the meeting.\n\n"
         "Netanyahu said that the talks had been frank and that more would follow in "
         "January.\n\n"
         "“It is a long road,” the prime minister said. Elizabeth said the cabinet would "
         "meet.\n\n"
         "“We will not comment,” Reuters said in a statement.\n")


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def quote(p: Project, article_id: int, words: str, speaker: str):  # noqa: ANN201
    s, e = span(p.articles.get(article_id).text, words)
    return p.annotations.tag_span(article_id=article_id, kind="quote", start=s, end=e,
                                  speaker=speaker)


def by_text(found: list[Suggestion]) -> dict[str, Suggestion]:
    return {s.text[:12]: s for s in found if s.kind != "event"}


@pytest.fixture
def news(tmp_path: Path):
    """A project where an earlier article named Benjamin Netanyahu in full."""
    with Project.open(tmp_path / "news.briefmark", create=True) as p:
        first = p.articles.add(FIRST, ArticleMeta(title="Paris", published="2015-11-30",
                                                  language="en")).id
        quote(p, first, "I just had an important talk", "Benjamin Netanyahu")
        later = p.articles.add(LATER, ArticleMeta(title="Syria", published="2015-12-01",
                                                  language="en")).id
        yield p, first, later


def test_a_surname_names_the_person_another_article_named(news) -> None:  # noqa: ANN001
    p, _, later = news
    raw = by_text(suggest_text(LATER, published="2015-12-01", language="en"))
    assert raw["We agreed to"].speaker == "Netanyahu"  # the engine alone: as written
    found = by_text(suggest_for_article(p, later))
    assert found["We agreed to"].speaker == "Benjamin Netanyahu"  # "Mr Netanyahu"
    assert found["Netanyahu sa"].claimant == "Benjamin Netanyahu"
    assert found["It is a long"].speaker == "prime minister"  # a role: no alias yet
    assert found["We will not "].speaker == "Reuters"  # nobody known: as found
    # the key is the span's, so it is the same before and after resolving
    assert found["We agreed to"].key() == raw["We agreed to"].key()
    assert [x.name for x in p.people.list()] == ["Benjamin Netanyahu"]  # nothing written


def test_aliases_accents_and_a_unique_first_name_resolve(news) -> None:  # noqa: ANN001
    p, first, later = news
    bibi = p.people.find("Benjamin Netanyahu")
    p.people.edit(bibi.uuid, aliases=["the prime minister"])
    quote(p, first, "Israel and Russia", "Elizabeth Ailes")
    found = by_text(suggest_for_article(p, later))
    assert found["It is a long"].speaker == "Benjamin Netanyahu"  # alias "the prime minister"
    assert found["Elizabeth sa"].claimant == "Elizabeth Ailes"  # the only Elizabeth
    p.people.create("Elizabeth Warren")
    assert by_text(suggest_for_article(p, later))["Elizabeth sa"].claimant == "Elizabeth"

    p.people.create("François Hollande")
    resolve = p.people.resolver().resolve
    assert resolve("Francois Hollande") == "François Hollande"
    assert resolve("President Hollande") == "François Hollande"
    assert resolve("Prime Minister Benjamin Netanyahu") == "Benjamin Netanyahu"
    assert resolve("BENJAMIN  NETANYAHU") == "Benjamin Netanyahu"
    assert resolve("Mr Elizabeth") == "Mr Elizabeth"  # a title means a surname
    assert resolve("Minister") == "Minister"  # a title alone names no one
    assert resolve("Ben") == "Ben"  # words, not prefixes


def test_a_shared_surname_stays_unless_the_article_names_one(news) -> None:  # noqa: ANN001
    p, _, later = news
    p.people.create("Sara Netanyahu")
    found = by_text(suggest_for_article(p, later))
    assert found["We agreed to"].speaker == "Netanyahu"
    assert found["Netanyahu sa"].claimant == "Netanyahu"
    # the article already names Sara Netanyahu in one of its annotations: she is meant
    quote(p, later, "Israel will keep its channel", "Sara Netanyahu")
    found = by_text(suggest_for_article(p, later))
    assert found["We agreed to"].speaker == "Sara Netanyahu"
    assert found["Netanyahu sa"].claimant == "Sara Netanyahu"
    # or its text does; two named in it leave the choice open
    resolver = p.people.resolver()
    assert resolver.resolve("Netanyahu", text="Sara Netanyahu arrived.") == "Sara Netanyahu"
    assert resolver.resolve("Netanyahu", text="Sara Netanyahu met Benjamin Netanyahu."
                            ) == "Netanyahu"
    assert resolver.resolve("Mr Netanyahu", used=["Benjamin Netanyahu"]
                            ) == "Benjamin Netanyahu"


def test_organisations_are_not_matched_by_surname(news) -> None:  # noqa: ANN001
    p, _, later = news
    p.people.create("Thomson Reuters", kind="organisation")
    p.people.create("Unnamed Reuters", kind="unnamed")
    found = by_text(suggest_for_article(p, later))
    assert found["We will not "].speaker == "Reuters"
    p.people.create("Adam Reuters", kind="person")
    assert by_text(suggest_for_article(p, later))["We will not "].speaker == "Adam Reuters"
    resolve = p.people.resolver().resolve
    assert resolve("Thomson") == "Thomson"  # no first-name rule for organisations either
    assert resolve("thomson reuters") == "Thomson Reuters"  # its own name still does
    # a found name that looks like an organisation is not taken for a surname
    p.people.create("Ann Ministry")
    assert resolve("Ministry") == "Ministry"


def test_participants_resolve_and_stay_distinct(news, monkeypatch) -> None:  # noqa: ANN001
    p, _, later = news
    made = Suggestion.make(LATER, "event", 0, 10, date="2015-12-01",
                           participants=("Mr Netanyahu", "Benjamin Netanyahu", "Putin"))
    monkeypatch.setattr(suggest_api, "suggest_text", lambda *a, **k: [made])
    got = suggest_for_article(p, later)
    assert got[0].participants == ("Benjamin Netanyahu", "Putin")
    assert got[0].key() == made.key()


def test_accepting_stores_the_name_and_makes_no_person(news) -> None:  # noqa: ANN001
    p, _, later = news
    before = [(x.uuid, x.name) for x in p.people.list()]
    found = by_text(suggest_for_article(p, later))
    stored = accept(p, later, [found["We agreed to"], found["Netanyahu sa"]])
    assert [a.speaker or a.claimant for a in stored] == ["Benjamin Netanyahu"] * 2
    assert [(x.uuid, x.name) for x in p.people.list()] == before
    assert {a.id for a in stored} <= {a.id for a in p.people.uses("Benjamin Netanyahu")}


def test_a_rejection_holds_when_resolving_changes_the_name(tmp_path: Path) -> None:
    with Project.open(tmp_path / "r.briefmark", create=True) as p:
        later = p.articles.add(LATER, ArticleMeta(title="Syria", language="en")).id
        found = by_text(suggest_for_article(p, later))
        assert found["We agreed to"].speaker == "Netanyahu"  # nobody known yet
        reject(p, later, found["We agreed to"])
        p.people.create("Benjamin Netanyahu")
        found = by_text(suggest_for_article(p, later))
        assert "We agreed to" not in found
        assert found["Netanyahu sa"].claimant == "Benjamin Netanyahu"


def test_the_command_line_prints_resolved_names(news, capsys) -> None:  # noqa: ANN001
    p, _, later = news
    capsys.readouterr()
    assert entry.main(["suggest", str(p.path), "--article", str(later)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "We agreed to" in line]
    assert len(lines) == 1 and "Benjamin Netanyahu" in lines[0], out


def _thousand(p: Project) -> None:
    names = [f"Person{i:04d} Surname{i:04d}" for i in range(1000)]
    with p.writing() as con:
        settle_names(con, [("", "speaker", n) for n in names])


def _statements(p: Project, action) -> int:  # noqa: ANN001
    """How many SELECTs `action` runs (the BEGIN of each read is not counted)."""
    seen: list[str] = []

    def count(conn, cursor, statement, *rest) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)
    event.listen(p.engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(p.engine, "before_cursor_execute", count)
    return len(seen)


def test_resolving_reads_the_people_once_and_is_fast(news) -> None:  # noqa: ANN001
    p, _, later = news
    assert _statements(p, p.people.resolver) == 2
    small = _statements(p, lambda: suggest_for_article(p, later))
    _thousand(p)
    assert len(p.people.list()) == 1001
    assert _statements(p, p.people.resolver) == 2
    assert _statements(p, lambda: suggest_for_article(p, later)) == small
    started = time.perf_counter()
    resolver = p.people.resolver()
    resolve = resolver.for_article(["Benjamin Netanyahu"], LATER * 20)
    got = [resolve(n) for n in ["Mr Netanyahu", "Surname0999", "Person0500", "Nobody"] * 250]
    assert time.perf_counter() - started < 1.0
    assert len(resolver) == 1001
    assert got[:4] == ["Benjamin Netanyahu", "Person0999 Surname0999",
                       "Person0500 Surname0500", "Nobody"]
    assert by_text(suggest_for_article(p, later))["We agreed to"].speaker == \
        "Benjamin Netanyahu"


def test_the_resolver_alone() -> None:
    r = NameResolver([(1, "Martin Luther King Jr.", "person"), (2, "Ursula von der Leyen",
                                                                "person"),
                      (3, "Nikki R. Haley", "person"), (4, "The New York Times",
                                                        "organisation"),
                      (5, "People close to Ms. Haley", "person"), (6, "de Gaulle", "person")],
                     [(3, "Governor Haley"), (4, "NYT"), (9, "an alias of nobody")])
    assert r.resolve("King") == "Martin Luther King Jr."
    assert r.resolve("Dr. King") == "Martin Luther King Jr."
    assert r.resolve("von der Leyen") == "Ursula von der Leyen"
    assert r.resolve("Ms. Haley") == "Nikki R. Haley"  # not the description a field held
    assert r.resolve("Gaulle") == "de Gaulle"
    assert r.resolve("Governor Haley") == "Nikki R. Haley"
    assert r.resolve("Nikki R Haley") == "Nikki R. Haley"
    assert r.resolve("nyt") == "The New York Times"
    assert r.resolve("New York Times") == "The New York Times"
    assert r.resolve("Times") == "Times"
    assert r.resolve("an alias of nobody") == "an alias of nobody"
    assert r.resolve("") == "" and r.resolve("  ") == "  "
    assert NameResolver([]).resolve("Anyone") == "Anyone"


def test_people_from_corpus_articles_name_a_later_one(tmp_path: Path, corpus: Path) -> None:
    """Accept what the engine finds in two real articles, then suggest for a new one that
    only uses surnames: it names the people the corpus articles made."""
    with Project.open(tmp_path / "c.briefmark", create=True) as p:
        for name in ("en_timesofisrael_netanyahu_putin.txt", "en_nytimes_haley_resigns.txt"):
            text = (corpus / name).read_text(encoding="utf-8")
            aid = p.articles.add(text, ArticleMeta(title=name, language="en")).id
            accept(p, aid, suggest_for_article(p, aid, kinds=("quote", "claim")))
        names = {x.name for x in p.people.list()}
        assert {"Benjamin Netanyahu", "Vladimir Putin", "Nikki R. Haley"} <= names
        later = p.articles.add(LATER + "\n“I will stay on until the end of the year,” Ms. "
                               "Haley said. Putin said that Russia would help.\n",
                               ArticleMeta(title="later", language="en")).id
        found = by_text(suggest_for_article(p, later))
        assert found["We agreed to"].speaker == "Benjamin Netanyahu"
        assert found["I will stay "].speaker == "Nikki R. Haley"
        assert found["Putin said t"].claimant == "Vladimir Putin"
        before = len(p.people.list())
        accept(p, later, [found["We agreed to"], found["I will stay "]])
        assert len(p.people.list()) == before
