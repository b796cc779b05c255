"""The project's people (View ▸ People, Ctrl+Shift+E): everyone with counts of quotes,
claims and events and their role; the chosen person's annotations across the project,
grouped by article, each opening its place; Edit (F2 or Enter), Merge Into (M), Split
Alias (S), Delete (an unused person) and the likely variants to merge. Every change is one
undo step (ui/project_commands.PeopleCommand)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.people import PeopleChange, PersonCount
from models.people_names import KIND_LABELS, Proposal, name_key
from models.project import Project
from ui.background_read import BackgroundRead
from ui.person_dialogs import ChooseDialog, PersonDialog
from ui.project_panel import ProjectPanel
from ui.theme import KIND_LABELS as ANNOTATION_KINDS

ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Name", "Quotes", "Claims", "Events", "Articles", "Role")
ROLE_MIN = 60  # px of the Role column kept in view beside the names
Push = Callable[[str, Callable[[], PeopleChange]], bool]


class _NumberItem(QTreeWidgetItem):
    """Sorts the count columns as numbers, the others by their text without case."""

    def __init__(self, texts: list[str]) -> None:
        super().__init__(texts)
        # a sort compares ~10,000 pairs: keys made once, not read back from Qt each time
        self.keys: list[int | str] = [int(t or 0) if 1 <= col <= 4 else t.casefold()
                                      for col, t in enumerate(texts)]

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        col = self.treeWidget().sortColumn() if self.treeWidget() else 0
        if isinstance(other, _NumberItem):
            return self.keys[col] < other.keys[col]  # type: ignore[operator]
        return self.text(col).casefold() < other.text(col).casefold()


def _read(project: Project) -> tuple[list[PersonCount], list[Proposal]]:
    """Everyone with their counts, and the merges to propose (from those counts)."""
    counts = project.people.counts()
    return counts, project.people.proposals(counts)


class PeoplePanel(ProjectPanel):
    useActivated = Signal(int, int)  # article id, annotation id
    shown = Signal()  # the counts read last are listed

    def __init__(self, project: Callable[[], Project | None],
                 titles: Callable[[], dict[int, str]], push: Push,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("people")
        self.project, self.titles, self.push = project, titles, push
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("filter people by name, alias or role")
        self.filter.setClearButtonEnabled(True)
        self.count = QLabel()
        self.table = QTreeWidget()
        self.table.setHeaderLabels(COLUMNS)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        # Role is the last column and stretches, but never below its width set here
        for col, width in enumerate((170, 50, 50, 50, 55, ROLE_MIN)):
            self.table.setColumnWidth(col, width)
        self._needs = (0, 0)  # what the longest name and role need, measured at each fill
        self._name_dragged = False  # the user set the name column's width: keep it
        self._fitting = False
        self.table.header().sectionResized.connect(self._column_resized)
        self.proposals = QListWidget()
        self.proposals.setMaximumHeight(90)
        self.proposals_label = QLabel("Maybe the same person (Enter merges, Delete keeps "
                                      "them apart):")
        self.uses = QTreeWidget()
        self.uses.setHeaderLabels(("Where", "Kind", "Text"))
        self.uses.setUniformRowHeights(True)
        self.uses.setColumnWidth(0, 150)
        self.uses.setColumnWidth(1, 60)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (("edit", "&Edit…", self.edit_current),
                                 ("merge", "&Merge Into…", self.merge_current),
                                 ("split", "&Split Alias…", self.split_current),
                                 ("delete", "&Delete", self.delete_current)):
            b = QPushButton(label)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.filter)
        top_layout.addWidget(self.count)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.proposals_label)
        top_layout.addWidget(self.proposals)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.uses)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self.later = QTimer(self)
        self.later.setSingleShot(True)
        self.later.setInterval(300)
        self.later.timeout.connect(self.refresh)
        self.reads = BackgroundRead(_read, self, name="people")
        self.reads.done.connect(self._arrived)
        self.filter.textChanged.connect(lambda _t: self._apply_filter())
        self._filling = False  # refresh shows the uses once, after the table is filled
        self.table.currentItemChanged.connect(
            lambda *_a: None if self._filling else self._show_uses())
        self.table.itemActivated.connect(lambda *_a: self.edit_current())
        self.uses.itemActivated.connect(self._use_activated)
        self.uses.itemClicked.connect(self._use_activated)
        self.proposals.itemActivated.connect(self._merge_proposal)
        self.people: list[PersonCount] = []
        self.choose_first = False  # the next counts choose the first person (just opened)
        self.table.installEventFilter(self)
        self.proposals.installEventFilter(self)

    # -- filling ----------------------------------------------------------------------------

    def open(self) -> None:
        self.choose_first = True  # once the counts are in: ready for Enter
        self.refresh()
        self.show()
        self.table.setFocus()

    def changed(self) -> None:
        if self.isVisible():
            self.later.start()

    def refresh(self, *, wait: bool = False) -> None:
        """Count again, on a thread (after a change the whole annotation table is read, a
        third of a second and more on a big project); the list shown stays until the new
        counts are in. `wait` hands them over now."""
        self.later.stop()
        project = self.project()
        if project is None:
            self.reads.forget()
            self._show([], [])
            return
        if not self.people:
            self.count.setText("Counting the project's people…")
        self.reads.request(project)
        if wait:
            self.reads.wait()

    def forget(self) -> None:
        """The project is closing: no count of it may still run."""
        self.later.stop()
        self.reads.forget()

    def _arrived(self, project: Project,
                 result: tuple[list[PersonCount], list[Proposal]]) -> None:
        if project is self.project():
            self._show(*result)

    def _show(self, people: list[PersonCount], proposals: list[Proposal]) -> None:
        keep = self.current()
        keep_key = name_key(keep.person.name) if keep else None
        self.people = people
        self._filling = True
        try:
            self._fill_table(keep_key)
            if self.table.currentItem() is None and self.choose_first and \
                    self.table.topLevelItemCount():
                self.table.setCurrentItem(self.table.topLevelItem(0))
            self.choose_first = False
        finally:
            self._filling = False
        self._apply_filter()
        self.proposals.clear()
        for x in proposals:
            item = QListWidgetItem(f"{x.variant} → {x.full}  ({x.reason})")
            item.setData(ROLE, x)
            self.proposals.addItem(item)
        self.proposals.setVisible(bool(proposals))
        self.proposals_label.setVisible(bool(proposals))
        self._show_uses()
        self.shown.emit()

    def _fill_table(self, keep_key: str | None) -> None:
        self.table.setSortingEnabled(False)
        self.table.clear()
        chosen = None
        items = []
        metrics = self.table.fontMetrics()
        name_px = role_px = 0
        for c in self.people:
            p = c.person
            shown = p.name if p.kind == "person" else \
                f"{p.name}  ({KIND_LABELS[p.kind].lower()})"
            item = _NumberItem([shown, str(c.quotes), str(c.claims), str(c.events),
                                str(c.articles), p.description])
            item.setData(0, ROLE, c)
            tip = [KIND_LABELS.get(p.kind, p.kind)]
            if p.aliases:
                tip.append("also: " + ", ".join(p.aliases))
            if p.note:
                tip.append(p.note)
            item.setToolTip(0, "\n".join(tip))
            name_px = max(name_px, metrics.horizontalAdvance(shown))
            if p.description:
                item.setToolTip(5, p.description)  # the Role column may be cut short
                role_px = max(role_px, metrics.horizontalAdvance(p.description))
            items.append(item)
            if name_key(p.name) == keep_key:
                chosen = item
        self.table.addTopLevelItems(items)  # one insertion, not 800
        self.table.setSortingEnabled(True)
        if chosen is not None:
            self.table.setCurrentItem(chosen)
        # the item delegate's text margins: the focus frame's and one pixel, either side
        pad = 2 * (self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1) + 2
        self._needs = (name_px + pad if self.people else 0, role_px + pad if role_px else 0)
        self._fit_columns()

    def _column_resized(self, col: int, _old: int, _new: int) -> None:
        if col == 0 and not self._fitting:
            self._name_dragged = True

    def _fit_columns(self) -> None:
        """The name column as wide as the longest name with its "(organisation)" when Role
        fits beside it; else names and Role share what the counts leave (names up to two
        thirds, Role at least ROLE_MIN), so neither column leaves the view. The counts keep
        their widths; Role takes the rest (the last column stretches). A width the user
        dragged stays."""
        name, role = self._needs
        if self._name_dragged or not name:
            return
        room = self.table.viewport().width() - sum(self.table.columnWidth(col)
                                                   for col in range(1, 5))
        role = max(role, self.table.header().sectionSizeHint(5))
        width = name if name + role <= room else max(room - role, min(name, room * 2 // 3))
        self._fitting = True
        try:
            self.table.setColumnWidth(0, max(80, min(width, room - ROLE_MIN)))
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def _apply_filter(self) -> None:
        needle = self.filter.text().strip().casefold()
        shown = 0
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            c: PersonCount = item.data(0, ROLE)
            hay = " ".join((c.person.name, c.person.description, *c.person.aliases)).casefold()
            item.setHidden(bool(needle) and needle not in hay)
            shown += not item.isHidden()
        n = len(self.people)
        self.count.setText(
            "No people yet: name a speaker, claimant or participant" if not n else
            f"{n} people" if shown == n else f"{shown} of {n} people")

    def current(self) -> PersonCount | None:
        item = self.table.currentItem()
        return item.data(0, ROLE) if item is not None and not item.isHidden() else None

    def select_name(self, name: str) -> None:
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if name_key(item.data(0, ROLE).person.name) == name_key(name):
                self.table.setCurrentItem(item)
                return

    def _show_uses(self) -> None:
        self.uses.clear()
        c, project = self.current(), self.project()
        for key, b in self.buttons.items():
            b.setEnabled(c is not None and (key != "split" or bool(c.person.aliases)))
        if c is None or project is None:
            return
        titles = self.titles()
        by_article: dict[int, QTreeWidgetItem] = {}
        for a in project.people.uses(c.person.name):
            head = by_article.get(a.article_id)
            if head is None:
                head = QTreeWidgetItem([titles.get(a.article_id, f"article {a.article_id}")])
                head.setFirstColumnSpanned(True)
                self.uses.addTopLevelItem(head)
                by_article[a.article_id] = head
            role = ("speaker" if a.speaker == c.person.name else
                    "claimant" if a.claimant == c.person.name else "takes part")
            item = QTreeWidgetItem([role, ANNOTATION_KINDS[a.kind], " ".join(a.text.split())])
            item.setData(0, ROLE, (a.article_id, a.id))
            item.setToolTip(2, a.text)
            head.addChild(item)
        for head in by_article.values():
            n = head.childCount()
            head.setText(0, f"{head.text(0)} ({n})")
            head.setExpanded(True)

    def _use_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        where = item.data(0, ROLE)
        if where:
            self.useActivated.emit(*where)

    # -- changes ------------------------------------------------------------------------------

    def _ensure(self, c: PersonCount) -> str | None:
        """The person's uuid, making a person of a name a foreign tool wrote."""
        project = self.project()
        if project is None:
            return None
        return c.person.uuid or project.people.adopt(c.person.name).uuid

    def edit_current(self) -> None:
        c, project = self.current(), self.project()
        if c is None or project is None:
            return
        dialog = PersonDialog(c.person, self)
        if dialog.exec() != PersonDialog.DialogCode.Accepted:
            return
        uuid = self._ensure(c)
        values = dialog.values()
        if uuid and self.push(f"Edit “{c.person.name}”",
                              lambda: project.people.edit(uuid, **values)):  # type: ignore[arg-type]
            self.refresh()
            self.select_name(str(values["name"]))

    def merge_current(self) -> None:
        c, project = self.current(), self.project()
        if c is None or project is None:
            return
        names = [x.person.name for x in self.people if x.person.name != c.person.name]
        dialog = ChooseDialog("Merge Into", f"Merge “{c.person.name}” into (its name "
                              "becomes an alias; every annotation follows):", names, self)
        if dialog.exec() != ChooseDialog.DialogCode.Accepted or not dialog.chosen():
            return
        self.merge(c.person.name, str(dialog.chosen()))

    def merge(self, variant: str, full: str) -> None:
        project = self.project()
        if project is None:
            return
        a, b = project.people.adopt(variant), project.people.adopt(full)
        if self.push(f"Merge “{variant}” into “{full}”",
                     lambda: project.people.merge(a.uuid, b.uuid)):
            self.refresh()
            self.select_name(b.name)

    def split_current(self) -> None:
        c, project = self.current(), self.project()
        if c is None or project is None or not c.person.aliases:
            return
        dialog = ChooseDialog("Split Alias", f"Make this alias of {c.person.name} a person of "
                              "its own (annotations written with it follow):",
                              list(c.person.aliases), self)
        alias = dialog.chosen() if dialog.exec() == ChooseDialog.DialogCode.Accepted else None
        if alias and self.push(f"Split “{alias}”",
                               lambda: project.people.split(c.person.uuid, alias)):
            self.refresh()
            self.select_name(alias)

    def delete_current(self) -> None:
        c, project = self.current(), self.project()
        if c is None or project is None:
            return
        if c.total:
            QMessageBox.information(
                self, "Delete Person",
                f"{c.person.name} is named by {c.total} annotation(s). Merge them into "
                "another person (M) instead, or change those annotations first.")
            return
        if c.person.uuid and self.push(f"Delete “{c.person.name}”",
                                       lambda: project.people.remove(c.person.uuid)):
            self.refresh()

    def _merge_proposal(self, item: QListWidgetItem) -> None:
        x: Proposal = item.data(ROLE)
        self.merge(x.variant, x.full)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keys on the people list and the proposals (the lists would take letters for
        their own type-ahead first)."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if obj is self.proposals and key == Qt.Key.Key_Delete:
            item = self.proposals.currentItem()
            project = self.project()
            if item is not None and project is not None:
                x: Proposal = item.data(ROLE)
                project.people.dismiss(x.variant, x.full)
                self.refresh()
            return True
        if obj is self.table and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            actions = {Qt.Key.Key_F2: self.edit_current, Qt.Key.Key_M: self.merge_current,
                       Qt.Key.Key_S: self.split_current, Qt.Key.Key_Delete: self.delete_current}
            if key in actions:
                actions[key]()
                return True
        return False
