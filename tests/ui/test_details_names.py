"""The details panel through keys: names learned when committed, ranked by use, 8+ rows
in the popup; the heading names the annotator and the paragraph, never offsets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from models.project import Project
from models.values import ArticleMeta
from ui.details import DetailsEditor
from ui.reader import ReaderView

TEXT = ("Intro line.\n\n" + "\n\n".join(f"Paragraph {i} says something quotable here."
                                       for i in range(2, 8)))
PEOPLE = {"Benjamin Netanyahu": 6, "Vladimir Putin": 3, "Ben Caspit": 1, "Bennett": 2,
          "Ali Benali": 4, "Benoît Hamon": 1, "Ruben Dario": 1, "Bengt Holm": 1,
          "Bentley Jones": 1, "Benedict Cumberbatch": 1}


def make_project(path: Path) -> None:
    with Project.open(path, create=True, annotator="Ada Lovelace") as p:
        art = p.articles.add(TEXT, ArticleMeta(title="Names"))
        pos = 0
        for name, times in PEOPLE.items():
            for _ in range(times):
                start = art.text.index("Paragraph", pos) if "Paragraph" in art.text[pos:] \
                    else art.text.index("Paragraph")
                p.annotations.tag_span(article_id=art.id, kind="quote", start=start,
                                       end=start + 9, speaker=name)
                pos = start + 1


def name_counts(path: Path) -> dict[str, int]:
    """What the window hands the editor: each speaker / claimant and how often it is used."""
    with Project.open(path) as p:
        used = Counter(a.speaker or a.claimant for a in p.annotations.list())
    used.pop("", None)
    return dict(used)


def editor_on(qtbot, path: Path):  # noqa: ANN001, ANN201
    editor = DetailsEditor()
    qtbot.addWidget(editor)
    editor.resize(420, 600)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=3000)

    def save(annotation_id: int, field: str, value: object) -> None:
        with Project.open(path) as p:  # saved as typed, as the window does
            p.annotations.update(annotation_id, **{field: value})
        editor.set_names(name_counts(path))  # the window refreshes names after changes

    editor.fieldEdited.connect(save)
    editor.set_names(name_counts(path))
    return editor


def test_names_learned_on_commit_ranked_by_use_popup_eight_rows(qtbot, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "n.briefmark"
    make_project(path)
    with Project.open(path) as p:
        first, second = p.annotations.list()[:2]
    editor = editor_on(qtbot, path)
    editor.show_annotation(first)
    speaker: QLineEdit = editor.fields["speaker"]
    speaker.setFocus()
    qtbot.keyClick(speaker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(speaker, "Ben")
    completer = editor.completers["speaker"]
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    shown = [completer.completionModel().index(i, 0).data()
             for i in range(completer.completionModel().rowCount())]
    assert shown[:3] == ["Benjamin Netanyahu", "Ali Benali", "Bennett"]  # most used first
    assert len(shown) >= 8
    row = popup.sizeHintForRow(0)
    assert completer.maxVisibleItems() >= 8 and popup.height() >= 8 * row
    # Half-typed text reaches the file (fields save as typed) but is not offered back.
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.keyClick(speaker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(speaker, "Naftali Benn")
    assert "Naftali Benn" in name_counts(path)
    assert "Naftali Benn" not in editor.completion_names()
    qtbot.keyClicks(speaker, "ett")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)  # committed: now it is a name
    with Project.open(path) as p:
        assert p.annotations.get(first.id).speaker == "Naftali Bennett"
    assert "Naftali Bennett" in editor.completion_names()
    assert not any(n.startswith("Naftali Benn") and n != "Naftali Bennett"
                   for n in editor.completion_names())
    # On another annotation the new name is offered; picking it saves it.
    editor.show_annotation(second)
    speaker.setFocus()
    qtbot.keyClick(speaker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(speaker, "nafta")
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: speaker.text() == "Naftali Bennett", timeout=3000)
    qtbot.wait(20)
    with Project.open(path) as p:
        assert p.annotations.get(second.id).speaker == "Naftali Bennett"


def test_old_list_api_still_works(qtbot) -> None:  # noqa: ANN001
    editor = DetailsEditor()
    qtbot.addWidget(editor)
    editor.set_names(["Ada", "Bea", "Cy"])
    assert editor.completion_names() == ["Ada", "Bea", "Cy"]


def test_heading_names_annotator_and_paragraph(qtbot, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "n.briefmark"
    make_project(path)
    with Project.open(path) as p:
        text = p.articles.list()[0]
        article = p.articles.get(text.id)
        annotations = p.annotations.list()
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.set_article(article.text, annotations)
    editor = DetailsEditor()
    qtbot.addWidget(editor)
    editor.set_paragraph_source(reader.paragraph_label)
    third = next(a for a in annotations if article.text[a.start:].startswith("Paragraph 4"))
    editor.show_annotation(third)
    heading = editor.heading.text()
    assert "by Ada Lovelace" in heading and "by root" not in heading
    assert "¶ 4" in heading and "characters" not in heading
    assert str(third.start) not in heading


def test_an_alias_completes_to_its_person(qtbot, settings, tmp_path, warnings) -> None:  # noqa: ANN001
    """Typing part of an alias offers "alias → name"; choosing it puts in the person's
    name. People no annotation names yet are offered too, after those in use."""
    from tests.ui.conftest import make_window

    path = tmp_path / "a.briefmark"
    make_project(path)
    with Project.open(path) as p:
        bibi = p.people.find("Benjamin Netanyahu")
        p.people.edit(bibi.uuid, aliases=["Bibi", "Netanyahu"])
        p.people.create("Yair Lapid", description="opposition leader")
    window = make_window(qtbot, settings, path)
    qtbot.waitUntil(lambda: "Yair Lapid" in window.details.completion_names(), timeout=3000)
    names = window.details.completion_names()
    assert names.index("Bibi → Benjamin Netanyahu") == names.index("Benjamin Netanyahu") + 1
    assert names[-1] == "Yair Lapid"  # used by nobody yet: last
    quote = window.panel.model.rows[0]
    window.select_annotation(quote.id)
    speaker: QLineEdit = window.details.fields["speaker"]
    speaker.setFocus()
    qtbot.waitUntil(speaker.hasFocus, timeout=3000)
    qtbot.keyClick(speaker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(speaker, "bib")
    completer = window.details.completers["speaker"]
    qtbot.waitUntil(completer.popup().isVisible, timeout=3000)
    assert completer.completionModel().index(0, 0).data() == "Bibi → Benjamin Netanyahu"
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.project.annotations.get(quote.id).speaker
                    == "Benjamin Netanyahu", timeout=3000)
    assert speaker.text() == "Benjamin Netanyahu"
