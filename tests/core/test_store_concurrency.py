"""Two programs on one project: no lost updates, and undo never touches another's row.

Each case uses two real connections (two Project objects on one file) or a real second
process. The interleavings are forced: the other program writes at the worst moment, just
before our write transaction begins, where the first release read its snapshot.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.errors import BriefmarkError
from models.project import Project
from models.stale import StaleChangeError
from models.values import ArticleMeta
from tests.conftest import REPO

TEXT = "The minister said the plan was final. Critics said it was not. Nobody else spoke."


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Project, Project]]:
    path = tmp_path / "shared.briefmark"
    with Project.open(path, create=True, annotator="A") as a, \
            Project.open(path, annotator="B") as b:
        yield a, b


def write_first(project: Project, other_write: Callable[[], None]) -> None:
    """Make `other_write` happen once, right before `project`'s next write transaction."""
    real = project.writing

    @contextmanager
    def writing() -> Iterator:
        project.writing = real  # once only
        other_write()
        with real() as con:
            yield con

    project.writing = writing


def other_process(path: Path, body: str) -> None:
    script = f"import sys\nsys.path.insert(0, {str(REPO)!r})\n" \
             f"from models.project import Project\np = Project.open({str(path)!r})\n{body}\n" \
             "p.close()\n"
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def test_update_keeps_a_note_written_meanwhile(pair: tuple[Project, Project]) -> None:
    a, b = pair
    art = a.articles.add(TEXT, ArticleMeta()).id
    ann = a.annotations.tag_span(article_id=art, kind="quote", start=0, end=12)
    write_first(a, lambda: b.annotations.update(ann.id, note="B's note"))
    a.annotations.update(ann.id, speaker="The minister")
    stored = b.annotations.get(ann.id)
    # The first release read the row before its transaction and wrote every column back:
    # the note would be "" here.
    assert (stored.note, stored.speaker) == ("B's note", "The minister")


def test_update_refuses_when_the_row_changed_since_the_step(pair) -> None:
    a, b = pair
    art = a.articles.add(TEXT, ArticleMeta()).id
    ann = a.annotations.tag_span(article_id=art, kind="quote", start=0, end=12)
    b.annotations.update(ann.id, note="B's note")
    with pytest.raises(StaleChangeError, match="changed by another program"):
        a.annotations.update(ann.id, note="A's note", expect_uuid=ann.uuid,
                             expect_modified=ann.modified)
    assert a.annotations.get(ann.id).note == "B's note"


def test_delete_snapshot_includes_what_was_written_meanwhile(pair) -> None:
    a, b = pair
    art = a.articles.add(TEXT, ArticleMeta()).id
    ann = a.annotations.tag_span(article_id=art, kind="claim", start=0, end=12)
    write_first(a, lambda: b.annotations.update(ann.id, note="late", tags=["x"]))
    gone = a.annotations.delete(ann.id)
    assert (gone.note, gone.tags) == ("late", ("x",))
    a.annotations.restore(gone)  # undo puts back what was really deleted
    back = b.annotations.get(ann.id)
    assert (back.note, back.tags) == ("late", ("x",))

    write_first(a, lambda: b.annotations.update(ann.id, note="later"))
    [again] = a.annotations.delete_many([ann.id])
    assert again.note == "later"


def test_article_delete_snapshot_includes_annotations_added_meanwhile(pair) -> None:
    a, b = pair
    art = a.articles.add(TEXT, ArticleMeta(title="t")).id
    a.annotations.tag_span(article_id=art, kind="claim", start=0, end=12)
    write_first(a, lambda: b.annotations.tag_span(article_id=art, kind="quote", start=13,
                                                  end=20, note="B's"))
    deleted = a.articles.delete(art)
    assert len(deleted.annotations) == 2
    a.articles.restore(deleted)
    assert sorted(x.note for x in b.annotations.list()) == ["", "B's"]


def test_restore_after_another_program_took_the_id(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as a:
        art = a.articles.add(TEXT, ArticleMeta()).id
        a.annotations.tag_span(article_id=art, kind="claim", start=0, end=12)
        mine = a.annotations.tag_span(article_id=art, kind="quote", start=13, end=20, note="A")
        gone = a.annotations.delete(mine.id)
        # Process B adds a speaker: ids are max(id)+1, so it is given the id A deleted.
        other_process(path, f"p.annotations.tag_span(article_id={art}, kind='quote', "
                            "start=40, end=50, speaker='B speaker')")
        assert a.annotations.get(mine.id).speaker == "B speaker"
        back = a.annotations.restore(gone)
        assert back.uuid == mine.uuid and back.id != mine.id and back.note == "A"
        assert a.annotations.get(mine.id).speaker == "B speaker"  # B's row untouched
        with pytest.raises(StaleChangeError, match="already in the project"):
            a.annotations.restore(gone)  # a second copy would be wrong
        assert len(a.annotations.list()) == 3


def test_undo_of_tag_never_erases_the_row_that_took_its_id(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as a:
        art = a.articles.add(TEXT, ArticleMeta()).id
        tagged = a.annotations.tag_span(article_id=art, kind="quote", start=0, end=12)
        # B deletes A's annotation and adds its own, which is given the same id.
        other_process(path, f"p.annotations.delete({tagged.id})\n"
                            f"p.annotations.tag_span(article_id={art}, kind='quote', "
                            "start=40, end=50, speaker='B speaker')")
        with pytest.raises(StaleChangeError, match="deleted by another program") as err:
            a.annotations.remove([tagged])  # the undo of the tag
        assert isinstance(err.value, BriefmarkError)
        with pytest.raises(StaleChangeError):
            a.annotations.delete(tagged.id, expect_uuid=tagged.uuid)
        [left] = a.annotations.list()
        assert left.id == tagged.id and left.speaker == "B speaker"


def test_undo_of_tag_refuses_when_another_program_edited_it(pair) -> None:
    a, b = pair
    art = a.articles.add(TEXT, ArticleMeta()).id
    tagged = a.annotations.tag_span(article_id=art, kind="quote", start=0, end=12)
    b.annotations.update(tagged.id, note="B's careful note")
    with pytest.raises(StaleChangeError, match="changed by another program"):
        a.annotations.remove([tagged])
    assert a.annotations.get(tagged.id).note == "B's careful note"
    assert a.annotations.remove([a.annotations.get(tagged.id)])  # the current one goes
    assert a.annotations.list() == []


def test_article_restore_after_another_program_took_the_id(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as a:
        a.articles.add("first article text", ArticleMeta(title="one"))
        art = a.articles.add(TEXT, ArticleMeta(title="two")).id
        a.annotations.tag_span(article_id=art, kind="claim", start=0, end=12, note="A")
        deleted = a.articles.delete(art)
        other_process(path, "from models.values import ArticleMeta\n"
                            "p.articles.add('B imported this', ArticleMeta(title='B'))")
        assert a.articles.get(art).title == "B"
        back = a.articles.restore(deleted)
        assert back.id != art and back.uuid == deleted.article.uuid
        assert a.articles.get(art).title == "B"  # B's article untouched
        assert [x.note for x in a.annotations.list(article_id=back.id)] == ["A"]
        assert a.annotations.list(article_id=art) == []
        with pytest.raises(StaleChangeError):
            a.articles.delete(art, expect_uuid=deleted.article.uuid + "-gone")


EDITOR = """
for i in range({rounds}):
    p.annotations.update({ann}, {field}=f"{field} {{i}}")
"""


def test_two_processes_editing_one_annotation_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True) as p:
        art = p.articles.add(TEXT, ArticleMeta()).id
        ann = p.annotations.tag_span(article_id=art, kind="quote", start=0, end=12).id
    script = "import sys\nsys.path.insert(0, {repo!r})\nfrom models.project import Project\n" \
             "p = Project.open({path!r})\n"
    procs = [subprocess.Popen([sys.executable, "-c", script.format(repo=str(REPO), path=str(path))
                               + EDITOR.format(rounds=40, ann=ann, field=f)],
                              stderr=subprocess.PIPE, text=True) for f in ("note", "speaker")]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err[-2000:]
    with Project.open(path) as p:
        final = p.annotations.get(ann)
    assert (final.note, final.speaker) == ("note 39", "speaker 39")
