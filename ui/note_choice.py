"""Choosing what goes into a briefing note, in the export dialog: a checklist of articles
(with a filter, Space ticks), and filters by tags, people, claim statuses and event dates
(models/briefing/options.py says what each keeps)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.values import STATUSES, ArticleSummary

ROLE = Qt.ItemDataRole.UserRole


class ArticleChecklist(QWidget):
    """Every article with a tick box; the filter narrows what is listed, never what is
    ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("filter articles by title or source")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # a title, not a scrollbar
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._narrow)
        self.list.itemChanged.connect(lambda _i: self._counted())

    def set_articles(self, articles: Iterable[ArticleSummary], ticked: Iterable[int]) -> None:
        keep = set(ticked)
        self.list.blockSignals(True)
        self.list.clear()
        for a in articles:
            item = QListWidgetItem(" · ".join(x for x in (a.title or f"Article {a.id}",
                                                         a.source) if x))
            item.setData(ROLE, a.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if a.id in keep
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._counted()

    def tick(self, ids: Iterable[int]) -> None:
        keep = set(ids)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(ROLE) in keep
                               else Qt.CheckState.Unchecked)

    def ticked(self) -> tuple[int, ...]:
        return tuple(self.list.item(i).data(ROLE) for i in range(self.list.count())
                     if self.list.item(i).checkState() == Qt.CheckState.Checked)

    def _narrow(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _counted(self) -> None:
        n = len(self.ticked())
        self.count.setText(f"{n} of {self.list.count()} article"
                           f"{'s' if self.list.count() != 1 else ''} chosen")


class NoteFilters(QWidget):
    """Tags, people, claim statuses, event dates: empty ones keep everything."""

    def __init__(self, tags: list[str], names: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tags = _list_field("any of these tags, comma separated", tags)
        self.people = _list_field("naming any of these people, comma separated", names)
        self.statuses = {s: QCheckBox(s.capitalize()) for s in STATUSES}
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("from (2015, 2015-11…)")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("to")
        statuses = QHBoxLayout()
        for box in self.statuses.values():
            statuses.addWidget(box)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Tags:", self.tags)
        form.addRow("People:", self.people)
        form.addRow("Claims that are:", wrap(statuses))
        form.addRow("Events dated:", wrap(dates))

    def set_values(self, tags: Iterable[str], people: Iterable[str],
                   statuses: Iterable[str], date_from: str, date_to: str) -> None:
        self.tags.setText(", ".join(tags))
        self.people.setText(", ".join(people))
        for s, box in self.statuses.items():
            box.setChecked(s in set(statuses))
        self.date_from.setText(date_from)
        self.date_to.setText(date_to)

    def values(self) -> dict[str, object]:
        """BriefingOptions' tags, people, statuses, date_from and date_to."""
        return {"tags": _split(self.tags.text()), "people": _split(self.people.text()),
                "statuses": tuple(s for s, b in self.statuses.items() if b.isChecked()),
                "date_from": self.date_from.text().strip(),
                "date_to": self.date_to.text().strip()}


def _split(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(p.split()) for p in text.split(",") if p.strip()))


def _list_field(placeholder: str, words: list[str]) -> QLineEdit:
    from ui.details import ListCompleter

    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    completer = ListCompleter(words, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return edit


def wrap(layout: QLayout) -> QWidget:
    """A layout as one widget, without margins (a form row holding several)."""
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
