"""People of the project: names settle to people and aliases when written, rename and merge
change every annotation and undo, split gives an alias its annotations back, variants are
proposed, old files get people by migration. Real project files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models.errors import ValidationError
from models.people_names import propose_variants
from models.project import Project
from models.stale import StaleChangeError
from models.values import ArticleMeta
from tests.core.old_schema import copy_at_revision

EN = ("Benjamin Netanyahu said “we will act” on Monday 🎉.\n\n"
      "“It is over,” Netanyahu said. Elizabeth Ailes declined to comment.")
HE = "נתניהו אמר: “נפעל”.\n\nElizabeth said nothing."


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def two(tmp_path: Path):
    with Project.open(tmp_path / "p.briefmark", create=True) as p:
        en = p.articles.add(EN, ArticleMeta(title="English"))
        he = p.articles.add(HE, ArticleMeta(title="Hebrew", language="he"))
        yield p, p.articles.get(en.id), p.articles.get(he.id)


def quote(p: Project, article, words: str, speaker: str):  # noqa: ANN001, ANN201
    s, e = span(article.text, words)
    return p.annotations.tag_span(article_id=article.id, kind="quote", start=s, end=e,
                                  speaker=speaker)


def test_new_names_become_people_and_aliases_resolve(two) -> None:  # noqa: ANN001
    p, en, he = two
    quote(p, en, "we will act", "Benjamin  Netanyahu")
    assert [x.name for x in p.people.list()] == ["Benjamin Netanyahu"]
    # another capitalisation is the same person, stored as the person is named
    q = quote(p, en, "It is over", "benjamin netanyahu")
    assert q.speaker == "Benjamin Netanyahu"
    bibi = p.people.find("Benjamin Netanyahu")
    assert bibi is not None
    p.people.edit(bibi.uuid, aliases=["Netanyahu", "the prime minister"])
    h = quote(p, he, "נפעל", "the Prime Minister")
    assert h.speaker == "Benjamin Netanyahu"
    event = p.annotations.tag_span(article_id=en.id, kind="event", start=0, end=5,
                                   participants=["Netanyahu", "Elizabeth Ailes"])
    assert event.participants == ("Benjamin Netanyahu", "Elizabeth Ailes")
    updated = p.annotations.update(event.id, participants=["Netanyahu"])
    assert updated.participants == ("Benjamin Netanyahu",)
    counts = {c.person.name: c for c in p.people.counts()}
    assert (counts["Benjamin Netanyahu"].quotes, counts["Benjamin Netanyahu"].events,
            counts["Benjamin Netanyahu"].articles) == (3, 1, 2)
    assert "Elizabeth Ailes" not in counts  # named once, then edited away: not kept
    quote(p, en, "Elizabeth Ailes declined", "Elizabeth Ailes")
    assert {a.id for a in p.people.uses("Benjamin Netanyahu")} == {q.id, h.id, event.id,
                                                                    q.id - 1}
    with pytest.raises(ValidationError, match="merge the two"):
        p.people.edit(p.people.find("Elizabeth Ailes").uuid, aliases=["Netanyahu"])


def test_rename_and_merge_change_every_annotation_and_undo(two) -> None:  # noqa: ANN001
    p, en, he = two
    a = quote(p, en, "we will act", "Netanyahu")
    b = quote(p, he, "נפעל", "Netanyahu")
    e = p.annotations.tag_span(article_id=he.id, kind="event", start=0, end=6,
                               participants=["Netanyahu", "Ann Lee"])
    full = quote(p, en, "It is over", "Benjamin Netanyahu")
    short = p.people.find("Netanyahu")
    merge = p.people.merge(short.uuid, p.people.find("Benjamin Netanyahu").uuid)
    for x in (a, b, full):
        assert p.annotations.get(x.id).speaker == "Benjamin Netanyahu"
    assert p.annotations.get(e.id).participants == ("Benjamin Netanyahu", "Ann Lee")
    assert p.people.find("Netanyahu").name == "Benjamin Netanyahu"  # now an alias
    assert p.people.find("Benjamin Netanyahu").aliases == ("Netanyahu",)
    # typing the alias names the merged person
    assert quote(p, en, "Monday", "netanyahu").speaker == "Benjamin Netanyahu"
    p.people.apply(merge.inverse())
    assert [p.annotations.get(x.id).speaker for x in (a, b, full)] == \
        ["Netanyahu", "Netanyahu", "Benjamin Netanyahu"]
    assert p.annotations.get(e.id).participants == ("Netanyahu", "Ann Lee")
    assert p.people.find("Netanyahu").name == "Netanyahu"
    p.people.apply(merge)  # redo
    assert p.annotations.get(b.id).speaker == "Benjamin Netanyahu"
    rename = p.people.rename(p.people.find("Ann Lee").uuid, "Ann Lee-Smith")
    assert p.annotations.get(e.id).participants == ("Benjamin Netanyahu", "Ann Lee-Smith")
    p.people.apply(rename.inverse())
    assert p.annotations.get(e.id).participants == ("Benjamin Netanyahu", "Ann Lee")
    # an annotation edited since the rename makes its undo refuse, changing nothing
    rename = p.people.rename(p.people.find("Ann Lee").uuid, "Ann Lee-Smith")
    p.annotations.update(e.id, note="checked")
    with pytest.raises(StaleChangeError):
        p.people.apply(rename.inverse())
    assert p.people.find("Ann Lee-Smith") is not None


def test_split_gives_an_alias_its_annotations_back(two) -> None:  # noqa: ANN001
    p, en, he = two
    wrong = quote(p, he, "Elizabeth said nothing", "Elizabeth")
    right = quote(p, en, "Elizabeth Ailes declined", "Elizabeth Ailes")
    p.people.merge(p.people.find("Elizabeth").uuid, p.people.find("Elizabeth Ailes").uuid)
    assert p.annotations.get(wrong.id).speaker == "Elizabeth Ailes"
    split = p.people.split(p.people.find("Elizabeth Ailes").uuid, "Elizabeth")
    assert p.annotations.get(wrong.id).speaker == "Elizabeth"
    assert p.annotations.get(right.id).speaker == "Elizabeth Ailes"
    assert p.people.find("Elizabeth").aliases == ()
    assert p.people.find("Elizabeth Ailes").aliases == ()
    p.people.apply(split.inverse())
    assert p.annotations.get(wrong.id).speaker == "Elizabeth Ailes"


def test_variants_are_proposed_never_merged(two) -> None:  # noqa: ANN001
    p, en, he = two
    quote(p, en, "we will act", "Benjamin Netanyahu")
    quote(p, en, "It is over", "Mr Netanyahu")
    quote(p, he, "Elizabeth said nothing", "Elizabeth")
    quote(p, en, "Elizabeth Ailes declined", "Elizabeth Ailes")
    quote(p, he, "נפעל", "a senior official")
    found = {(x.variant, x.full) for x in p.people.proposals()}
    assert found == {("Mr Netanyahu", "Benjamin Netanyahu"), ("Elizabeth", "Elizabeth Ailes")}
    assert p.people.find("a senior official").kind == "unnamed"
    assert len(p.people.list()) == 5  # nothing merged
    p.people.dismiss("Elizabeth", "Elizabeth Ailes")
    assert {(x.variant, x.full) for x in p.people.proposals()} == \
        {("Mr Netanyahu", "Benjamin Netanyahu")}


def test_proposals_are_linear_in_the_names() -> None:
    names = [(f"Person{i} Surname{i}", "person") for i in range(20000)]
    names += [(f"Surname{i}", "person") for i in range(0, 20000, 2)]
    assert len(propose_variants(names)) == 10000


def test_a_named_person_cannot_be_deleted_an_unused_one_can(two) -> None:  # noqa: ANN001
    p, en, _ = two
    q = quote(p, en, "we will act", "Ann Lee")
    with pytest.raises(ValidationError, match="merge"):
        p.people.remove(p.people.find("Ann Lee").uuid)
    p.people.edit(p.people.find("Ann Lee").uuid, description="spokeswoman")
    p.annotations.update(q.id, speaker="")  # a person the user described is kept
    gone = p.people.remove(p.people.find("Ann Lee").uuid)
    assert p.people.find("Ann Lee") is None
    p.people.apply(gone.inverse())
    assert p.people.find("Ann Lee") is not None


def test_migration_makes_people_of_existing_names(tmp_path: Path, two) -> None:  # noqa: ANN001
    p, en, he = two
    quote(p, en, "we will act", "Netanyahu")
    quote(p, en, "It is over", "Netanyahu")
    quote(p, he, "נפעל", "netanyahu")
    p.annotations.tag_span(article_id=he.id, kind="event", start=0, end=6,
                           participants=["Ann Lee"])
    old = tmp_path / "old.briefmark"
    copy_at_revision(p.path, old, "0003")
    con = sqlite3.connect(old)  # as an older Briefmark wrote it: spellings differ
    con.execute("UPDATE annotation SET speaker = 'netanyahu' WHERE text = 'נפעל'")
    con.commit()
    assert con.execute("SELECT name FROM sqlite_master WHERE name = 'person'").fetchone() is None
    con.close()
    with Project.open(old) as upgraded:
        assert upgraded.backup is not None and upgraded.backup.exists()
        people = {c.person.name: c for c in upgraded.people.counts()}
        assert set(people) == {"Netanyahu", "Ann Lee"}
        assert people["Netanyahu"].quotes == 3 and people["Ann Lee"].events == 1
        assert {a.speaker for a in upgraded.annotations.list(kinds=["quote"])} == {"Netanyahu"}


def test_names_typed_a_key_at_a_time_leave_no_fragments(two) -> None:  # noqa: ANN001
    p, en, _ = two
    q = quote(p, en, "we will act", "")
    for n in range(1, len("Benjamin Netanyahu") + 1):
        p.annotations.update(q.id, speaker="Benjamin Netanyahu"[:n])
    assert [x.name for x in p.people.list()] == ["Benjamin Netanyahu"]
    kept = p.people.find("Benjamin Netanyahu")
    p.people.edit(kept.uuid, description="prime minister")
    p.annotations.update(q.id, speaker="")
    assert [x.name for x in p.people.list()] == ["Benjamin Netanyahu"]  # touched: kept
