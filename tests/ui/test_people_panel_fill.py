"""The People view fills from one count and one read of the chosen person's uses per
refresh, lists what the counts say in their order, sorts names without case and counts as
numbers, and fits its columns: the longest name with its "(organisation)" when there is
room, Role still in view beside the counts when the dock is narrow, a width the user
dragged kept. Real project file, the panel on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models.project import Project
from models.values import ArticleMeta
from ui.people_panel import ROLE, ROLE_MIN, PeoplePanel

LONG_ORG = "International Atomic Energy Agency"


@pytest.fixture
def project(tmp_path: Path):
    with Project.open(tmp_path / "p.briefmark", create=True) as p:
        a = p.articles.add("Some words to quote here. " * 10, ArticleMeta(title="A"))
        names = ["Benjamin Netanyahu", LONG_ORG, "UN", "ana garcía", "Zoë Ekström",
                 "a senior administration official"]
        for i, name in enumerate(names):
            for k in range(i + 1):
                p.annotations.tag_span(article_id=a.id, kind="quote", start=k, end=k + 4,
                                       speaker=name)
        p.people.edit(p.people.find("Benjamin Netanyahu").uuid,
                      description="Prime Minister of Israel, in office since 2009 and again")
        yield p


def _panel(qtbot, project: Project, width: int) -> PeoplePanel:  # noqa: ANN001
    panel = PeoplePanel(lambda: project, lambda: {}, lambda *_a: True)
    qtbot.addWidget(panel)
    panel.resize(width, 600)
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.shown, timeout=3000):  # counted on a thread
        panel.open()
    return panel


def test_a_refresh_counts_once_and_reads_the_uses_once(qtbot, project: Project,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    panel = _panel(qtbot, project, 700)
    panel.select_name("UN")
    calls: list[str] = []
    store = project.people
    for name in ("counts", "uses"):
        real = getattr(store, name)
        monkeypatch.setattr(store, name, lambda *a, _r=real, _n=name: calls.append(_n) or _r(*a))
    panel.refresh(wait=True)
    assert sorted(calls) == ["counts", "uses"]
    assert panel.current().person.name == "UN"
    listed = [panel.table.topLevelItem(i).data(0, ROLE) for i in
              range(panel.table.topLevelItemCount())]
    assert listed == project.people.counts()  # sorted by quotes, most first: the counts' order
    assert panel.uses.topLevelItem(0).childCount() == 3


def test_names_sort_without_case_and_counts_as_numbers(qtbot, project: Project) -> None:  # noqa: ANN001
    panel = _panel(qtbot, project, 700)
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [panel.table.topLevelItem(i).text(0) for i in
             range(panel.table.topLevelItemCount())]
    assert names == sorted(names, key=str.casefold)
    panel.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    quotes = [int(panel.table.topLevelItem(i).text(1)) for i in
              range(panel.table.topLevelItemCount())]
    assert quotes == sorted(quotes)


def _widths(panel: PeoplePanel) -> list[int]:
    return [panel.table.columnWidth(c) for c in range(6)]


def test_the_name_column_fits_the_longest_name_when_there_is_room(qtbot,  # noqa: ANN001
                                                                  project: Project) -> None:
    panel = _panel(qtbot, project, 1000)
    org = next(panel.table.topLevelItem(i) for i in range(panel.table.topLevelItemCount())
               if panel.table.topLevelItem(i).text(0).startswith(LONG_ORG))
    assert org.text(0) == f"{LONG_ORG}  (organisation)"
    need = panel.table.fontMetrics().horizontalAdvance(org.text(0))
    assert need < panel.table.columnWidth(0) < need + 30
    view = panel.table.viewport().width()
    assert sum(_widths(panel)) <= view  # Role beside it, no sideways scrolling


def test_a_narrow_dock_keeps_role_in_view(qtbot, project: Project) -> None:  # noqa: ANN001
    panel = _panel(qtbot, project, 420)
    widths = _widths(panel)
    assert widths[5] >= ROLE_MIN
    assert sum(widths) <= panel.table.viewport().width()
    assert widths[0] >= 80
    panel.resize(900, 600)  # wider again: the names get their room back
    qtbot.waitUntil(lambda: panel.table.columnWidth(0) > widths[0])


def test_a_width_the_user_dragged_stays(qtbot, project: Project) -> None:  # noqa: ANN001
    panel = _panel(qtbot, project, 900)
    panel.table.header().resizeSection(0, 140)  # as a drag of the header's edge does
    panel.refresh()
    panel.resize(1000, 600)
    assert panel.table.columnWidth(0) == 140
