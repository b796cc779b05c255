"""The People view's counts, proposals and uses are what the first implementation gave (kept
here as the reference) on a project like the real ones: accented, mixed-case and titled
names, organisations and unnamed sources, aliases, merged people, a dismissed proposal, and
rows a foreign tool wrote (names that are not people, case and spacing variants, BLOBs and
numbers, participants that are not a JSON list). Counts are kept until the file changes,
by this program or another. Real project files."""

from __future__ import annotations

import json
import random
import sqlite3
import uuid as uuidlib
from pathlib import Path

import pytest
from sqlalchemy import event, or_, select, text

from models.people import PersonCount
from models.people_names import Proposal, clean_name, guess_kind, name_key, propose_variants
from models.project import Project
from models.row_values import as_text
from models.schema import AnnotationRow
from models.values import Annotation, ArticleMeta

# -- the reference: counts(), proposals() and uses() as they were first written ------------

_OLD_COUNTS = """
WITH uses(name, kind, article_id) AS (
  SELECT speaker, 'quote', article_id FROM annotation WHERE kind = 'quote' AND speaker != ''
  UNION ALL
  SELECT claimant, 'claim', article_id FROM annotation WHERE kind = 'claim' AND claimant != ''
  UNION ALL
  SELECT j.value, 'event', a.article_id FROM annotation a, json_each(a.participants) j
   WHERE a.kind = 'event' AND a.participants != '[]' AND json_valid(a.participants)
     AND json_type(a.participants) = 'array' AND j.type = 'text' AND j.value != ''
)
SELECT name, sum(kind = 'quote'), sum(kind = 'claim'), sum(kind = 'event'),
       count(DISTINCT article_id)
FROM uses GROUP BY name
"""


def old_counts(project: Project) -> list[PersonCount]:
    from models.people import Person, _people

    with project.reading() as con:
        people = _people(con)
        by_key = {name_key(p.name): p for p in people.values()}
        used: dict[str, list[int]] = {}
        for name, quotes, claims, events, articles in con.execute(text(_OLD_COUNTS)):
            name = as_text(name)[0]
            got = used.setdefault(name_key(name), [0, 0, 0, 0])
            got[0] += quotes
            got[1] += claims
            got[2] += events
            got[3] = max(got[3], articles)
            if name_key(name) not in by_key:
                by_key[name_key(name)] = Person(0, "", clean_name(name), guess_kind(name))
    out = [PersonCount(p, *used.get(k, (0, 0, 0, 0))) for k, p in by_key.items()]
    out.sort(key=lambda c: (-c.total, c.person.name.casefold()))
    return out


def old_proposals(project: Project) -> list[Proposal]:
    from models.people import DISMISSED_KEY, _load_list

    dismissed = {tuple(p) for p in _load_list(project.setting(DISMISSED_KEY))}
    return propose_variants(((c.person.name, c.person.kind) for c in old_counts(project)
                             if c.person.uuid), dismissed)


def old_uses(project: Project, name: str) -> list[Annotation]:
    quoted = json.dumps(name, ensure_ascii=False)
    stmt = select(AnnotationRow).where(or_(
        AnnotationRow.speaker == name, AnnotationRow.claimant == name,
        AnnotationRow.participants.contains(quoted[1:-1], autoescape=True),
    )).order_by(AnnotationRow.article_id, AnnotationRow.start, AnnotationRow.id)
    with project.reading() as con:
        found = project.annotations.read(con, stmt)
    return [a for a in found if name in (a.speaker, a.claimant) or name in a.participants]


# -- a project like the real ones ----------------------------------------------------------

FIRST = ("Anna Chloé François Jonas Łukasz Seán Zoë Nadia Farid Hiro Inès Dmitri Ana "
         "Benjamin Elizabeth").split()
SURNAMES = ("Ekström García Müller O'Brien Kowalski Dubois al-Sayed Haddad Ito Ailes "
            "Netanyahu Okafor").split()
OTHERS = ["Netanyahu", "Mr Netanyahu", "Prime Minister Benjamin Netanyahu", "García",
          "Dr Ana García", "Ana", "Chloé", "the Ministry of Health", "UN", "NATO",
          "Reuters News", "a senior official", "two diplomats", "בנימין נתניהו", "王毅",
          "Zoë Ekström 🎉", "100% Sure Ltd", "under_score man", 'Quote "Marks"',
          "Back\\slash", "ÉLODIE Ñúñez", "the White House"]
TEXT = ("Benjamin Netanyahu said “we will act” on Monday. Ana García (the minister) "
        "declined to comment, officials said. 王毅 met Zoë Ekström 🎉 in Paris.\n\n")


def _names() -> list[str]:
    return [f"{f} {s}" for f in FIRST for s in SURNAMES][::3] + OTHERS


@pytest.fixture
def realistic(tmp_path: Path):
    rng = random.Random(7)
    names = _names()
    path = tmp_path / "news.briefmark"
    with Project.open(path, create=True) as p:
        ids = [p.articles.add(f"Report {i}. " + TEXT * (1 + i % 3),
                              ArticleMeta(title=f"Article {i}")).id
               for i in range(24)]
        built = []
        for article_id in ids:
            for _ in range(rng.randrange(3, 12)):
                kind = rng.choice(("quote", "claim", "event", "event"))
                start = rng.randrange(0, 130)
                values: dict = {}
                if kind == "quote":
                    values["speaker"] = rng.choice(names)
                elif kind == "claim":
                    values["claimant"] = rng.choice(names)
                elif kind == "event":
                    values["participants"] = rng.sample(names, rng.randrange(0, 4))
                built.append(p.annotations.build(article_id=article_id, kind=kind,
                                                 start=start, end=start + 12, **values))
        p.annotations.add_many(built)
        # the user's work: aliases, a merge, a dismissed proposal
        bibi = p.people.find("Benjamin Netanyahu") or p.people.adopt("Benjamin Netanyahu")
        p.people.edit(bibi.uuid, aliases=["Bibi", "the prime minister"])
        merged = p.people.find("Mr Netanyahu")
        if merged is not None:
            p.people.merge(merged.uuid, bibi.uuid)
        p.people.create("Only A Person Record", kind="person")
        props = p.people.proposals()
        assert props, "the project should have variants to propose"
        p.people.dismiss(props[0].variant, props[0].full)
    _write_foreign_rows(path, ids)
    with Project.open(path) as p:
        yield p


def _write_foreign_rows(path: Path, article_ids: list[int]) -> None:
    """What another tool might store: bypassing settle, so not people, not clean."""
    con = sqlite3.connect(path)
    rows = [
        ("quote", "ANA GARCÍA", "", "[]"),            # case variant of a person
        ("quote", "  Ana   García ", "", "[]"),       # spacing variant
        ("quote", "Bibi", "", "[]"),                  # an alias written as it is
        ("quote", "Unknown Foreigner", "", "[]"),     # not a person
        ("quote", "unknown foreigner", "", "[]"),     # ... in two spellings
        ("claim", "Ana García", "Nobody Known", "[]"),  # a speaker on a claim
        ("claim", "", b"Blob Name", "[]"),
        ("quote", 42, "", "[]"),
        ("quote", "", "Claimant On A Quote", "[]"),  # an empty speaker counts nothing
        ("claim", "", "", "[]"),
        ("note", "Ana García", "Ana García", '["Ana García"]'),
        ("event", "", "", "not json"),
        ("event", "", "", '{"a": "Ana García"}'),
        ("event", "", "", '"Ana García"'),
        ("event", "", "", '[1, null, "Ana García", ["nested"], "", "  "]'),
        ("event", "", "", '["Ana García", "Ana García", "ana garcía"]'),
        ("event", "", "", b'["Blob Participant"]'),
        ("event", "", "", 7),
        ("event", "", "", " [ ] "),
        ("event", "", "", '["Esc\\u00e4ped", "Unknown Foreigner"]'),
        ("event", "", "", '["100% Sure Ltd", "under_score man"]'),
    ]
    next_id = con.execute("SELECT max(id) FROM annotation").fetchone()[0] + 1
    for i, (kind, speaker, claimant, participants) in enumerate(rows):
        con.execute(
            'INSERT INTO annotation (id, uuid, article_id, kind, start, "end", text, prefix, '
            'suffix, note, speaker, claimant, status, "when", date, "where", participants, '
            "annotator, created, modified) VALUES (?, ?, ?, ?, ?, ?, '', '', '', '', ?, ?, "
            "'', '', '', '', ?, 'tool', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')",
            (next_id + i, str(uuidlib.uuid4()), article_ids[i % 5], kind, i, i + 3,
             speaker, claimant, participants))
    con.commit()
    con.close()


def _all_names(project: Project) -> list[str]:
    names = {c.person.name for c in old_counts(project)}
    return sorted(names | {"ANA GARCÍA", "Bibi", "unknown foreigner", "Blob Name", "42",
                           "Escäped", "Nobody Known"})


# -- the tests -------------------------------------------------------------------------------

def test_counts_are_the_reference_counts(realistic: Project) -> None:
    want = old_counts(realistic)
    assert len(want) > 60
    assert {c.person.name for c in want if not c.person.uuid} >= {
        "Unknown Foreigner", "Blob Name", "42", "Escäped"}  # foreign names listed too
    assert realistic.people.counts() == want
    assert realistic.people.counts() == want  # again, from what was kept


def test_proposals_are_the_reference_proposals(realistic: Project) -> None:
    want = old_proposals(realistic)
    assert want
    assert realistic.people.proposals() == want
    assert realistic.people.proposals(realistic.people.counts()) == want


def test_uses_are_the_reference_uses(realistic: Project) -> None:
    for name in _all_names(realistic):
        assert realistic.people.uses(name) == old_uses(realistic, name), name
        assert realistic.people.uses(name) == old_uses(realistic, name), name  # kept


def test_kept_uses_follow_a_change(realistic: Project) -> None:
    p = realistic
    before = p.people.uses("Ana García")
    assert before
    con = sqlite3.connect(p.path)
    con.execute("UPDATE annotation SET speaker = 'Someone Else' WHERE id = ?",
                (next(a.id for a in before if a.speaker == "Ana García"),))
    con.commit()
    con.close()
    assert p.people.uses("Ana García") == old_uses(p, "Ana García") != before


def test_counts_follow_every_change_by_this_program_or_another(realistic: Project) -> None:
    p = realistic
    assert p.people.counts() == old_counts(p)
    article = p.articles.list()[0]
    p.annotations.tag_span(article_id=article.id, kind="quote", start=0, end=5,
                           speaker="Brand New Speaker")
    assert "Brand New Speaker" in {c.person.name for c in p.people.counts()}
    assert p.people.counts() == old_counts(p)
    # another program writes: the counts notice it without any write of ours
    con = sqlite3.connect(p.path)
    con.execute("UPDATE annotation SET speaker = 'Renamed Outside' "
                "WHERE speaker = 'Brand New Speaker'")
    con.commit()
    con.close()
    got = {c.person.name: c for c in p.people.counts()}
    assert got["Renamed Outside"].quotes == 1
    assert p.people.counts() == old_counts(p)
    bibi = p.people.find("Benjamin Netanyahu")
    assert bibi is not None
    p.people.rename(bibi.uuid, "Binyamin Netanyahu")
    assert p.people.counts() == old_counts(p)
    assert p.people.proposals() == old_proposals(p)


def test_counts_read_the_annotations_once_until_something_changes(
        realistic: Project) -> None:
    grouped: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args) -> None:  # noqa: ANN001
        if "json_each" in statement:
            grouped.append(statement)

    event.listen(realistic.engine, "before_cursor_execute", seen)
    try:
        first = realistic.people.counts()
        realistic.people.proposals(first)
        realistic.people.counts()
        with realistic.reading():  # the pool hands the next read another connection
            assert realistic.people.counts() == first
        assert len(grouped) == 1
        realistic.people.dismiss("García", "Ana García")  # any write: counted again
        realistic.people.counts()
        assert len(grouped) == 2
    finally:
        event.remove(realistic.engine, "before_cursor_execute", seen)


def test_closing_the_project_closes_what_watches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        a = p.articles.add("Ana García said so.", ArticleMeta(title="A"))
        p.annotations.tag_span(article_id=a.id, kind="quote", start=0, end=3,
                               speaker="Ana García")
        assert [c.person.name for c in p.people.counts()] == ["Ana García"]
    assert not Path(f"{path}-wal").exists()  # the last connection out folded the WAL in
    with Project.open(path) as p:  # and a reopened project counts afresh
        assert [(c.person.name, c.quotes) for c in p.people.counts()] == [("Ana García", 1)]
