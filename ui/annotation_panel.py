"""The annotations panel: the article's annotations in text order, filterable, with counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.values import KINDS, STATUSES, Annotation
from ui.theme import KIND_LABELS, kind_fill, kind_ink

Index = QModelIndex | QPersistentModelIndex


def _sort_key(a: Annotation) -> tuple[int, int, int]:
    return (a.start, a.end, a.id)


def _count(n: int, noun: str) -> str:
    """"1 quote", "2 quotes", "0 quotes": the plural follows the number."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def describe(a: Any) -> str:
    """Who / status / date of an annotation or a suggestion, in a few words. A claim's
    status comes first: a long claimant is elided at the end, the status never is."""
    if a.kind == "quote":
        return a.speaker or "speaker?"
    if a.kind == "claim":
        return " · ".join(x for x in ((a.status or "").title(), a.claimant) if x)
    return " · ".join(x for x in (a.date or a.when, a.where) if x)


class AnnotationFilter:
    """What the panel shows; empty fields let everything through."""

    def __init__(self) -> None:
        self.kind = ""
        self.status = ""
        self.tag = ""
        self.text = ""

    def accepts(self, a: Annotation) -> bool:
        if self.kind and a.kind != self.kind:
            return False
        if self.status and a.status != self.status:
            return False
        if self.tag and self.tag not in a.tags:
            return False
        if self.text:
            hay = f"{a.text}\n{a.note}\n{a.speaker}\n{a.claimant}\n{a.where}\n{a.when}\n" \
                  f"{' '.join(a.tags)}\n{' '.join(a.participants)}"
            return self.text in hay.casefold()
        return True


class KindRowsModel(QAbstractTableModel):
    """Rows of things with a kind, a text and a one-line description (annotations and
    suggestions alike): Kind | Text | Who / status / date."""

    HEADERS = ("Kind", "Text", "Who / status / date")
    TEXT_LIMIT = 120

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def describe(self, item: Any) -> str:
        return describe(item)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return KIND_LABELS[item.kind]
            if col == 1:
                text = " ".join(item.text.split())
                limit = self.TEXT_LIMIT
                return text if len(text) <= limit else text[:limit - 1] + "…"
            return self.describe(item)
        if role == Qt.ItemDataRole.BackgroundRole and col == 0:
            return kind_fill(item.kind)
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return kind_ink(item.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return getattr(item, "note", "") or None
        return None


class KindTable(QTableView):
    """The kind column is as wide as the widest kind label (or the header) needs, whatever
    rows are shown: Qt's ResizeToContents measured the visible rows at a reset only, so a
    first tag in an empty article, an accepted suggestion or a changed kind was cut to the
    header's width ("Q…" under a narrow "Kind")."""

    def fit_kind(self) -> None:
        option = QStyleOptionViewItem()
        option.initFrom(self)
        option.font = self.font()
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        need = 0
        for label in KIND_LABELS.values():
            option.text = label
            need = max(need, self.style().sizeFromContents(
                QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self).width())
        header = self.horizontalHeader()
        if not header.isHidden():
            need = max(need, header.sectionSizeHint(0))
        header.resizeSection(0, need)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_kind()


def make_kind_table(model: KindRowsModel, *, headers: bool = True) -> QTableView:
    """A compact, read-only, row-selecting table for a KindRowsModel."""
    view = KindTable()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setVisible(headers)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setMinimumSectionSize(24)
    # The kind is never cut: its column takes what its longest label needs.
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(2, 140)
    view.fit_kind()
    return view


class AnnotationTableModel(KindRowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.all: dict[int, Annotation] = {}
        self.rows: list[Annotation] = []
        self.counts: dict[str, int] = dict.fromkeys(KINDS, 0)  # of `all`, kept as it changes
        self.filter = AnnotationFilter()

    def set_annotations(self, annotations: list[Annotation]) -> None:
        self.all = {a.id: a for a in annotations}
        self.counts = dict.fromkeys(KINDS, 0)
        for a in annotations:
            self.counts[a.kind] += 1
        self.refilter()

    def refilter(self) -> None:
        self.beginResetModel()
        accepts = self.filter.accepts
        self.rows = sorted((a for a in self.all.values() if accepts(a)), key=_sort_key)
        self.endResetModel()

    def _bisect(self, a: Annotation) -> int:
        lo, hi, key = 0, len(self.rows), _sort_key(a)
        while lo < hi:
            mid = (lo + hi) // 2
            if _sort_key(self.rows[mid]) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def row_of_id(self, annotation_id: int) -> int:
        a = self.all.get(annotation_id)
        if a is None:
            return -1
        i = self._bisect(a)
        return i if i < len(self.rows) and self.rows[i].id == annotation_id else -1

    def upsert(self, a: Annotation) -> None:
        row = self.row_of_id(a.id)
        old = self.all.get(a.id)
        if row >= 0 and old is not None and _sort_key(old) == _sort_key(a) and \
                self.filter.accepts(a):
            self.all[a.id] = self.rows[row] = a  # same place: repaint the row only
            self.dataChanged.emit(self.index(row, 0), self.index(row, 2))
            return
        self.remove(a.id)
        self.all[a.id] = a
        self.counts[a.kind] += 1
        if self.filter.accepts(a):
            i = self._bisect(a)
            self.beginInsertRows(QModelIndex(), i, i)
            self.rows.insert(i, a)
            self.endInsertRows()

    def remove(self, annotation_id: int) -> None:
        row = self.row_of_id(annotation_id)
        gone = self.all.pop(annotation_id, None)
        if gone is not None:
            self.counts[gone.kind] -= 1
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].id
        return super().data(index, role)


class AnnotationPanel(QWidget):
    currentChanged = Signal(object)  # annotation id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationTableModel()
        self.kind_box = QComboBox()
        self.kind_box.addItem("All kinds", "")
        for k in KINDS:
            self.kind_box.addItem(KIND_LABELS[k] + "s", k)
        self.status_box = QComboBox()
        self.status_box.addItem("Any status", "")
        for s in STATUSES:
            self.status_box.addItem(s.title(), s)
        self.tag_box = QComboBox()
        self.tag_box.addItem("Any tag", "")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter annotations…")
        self.search.setClearButtonEnabled(True)
        self.counts = QLabel()
        self.counts.setObjectName("annotationCounts")
        self.view = make_kind_table(self.model)
        self.view.setAlternatingRowColors(True)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for w in (self.kind_box, self.status_box, self.tag_box):
            filters.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)

        self.kind_box.currentIndexChanged.connect(self._filters_changed)
        self.status_box.currentIndexChanged.connect(self._filters_changed)
        self.tag_box.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._update_counts)
        self.model.rowsInserted.connect(self._update_counts)
        self.model.rowsRemoved.connect(self._update_counts)
        self._current: int | None = None
        self._muted = False  # model changes move Qt's current row; they are not user choices

    # -- content --------------------------------------------------------------------------

    def set_annotations(self, annotations: list[Annotation], tags: list[str]) -> None:
        self._current = None
        self.set_tags(tags)
        self.model.set_annotations(annotations)

    def set_tags(self, tags: list[str]) -> None:
        keep = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem("Any tag", "")
        for t in tags:
            self.tag_box.addItem(t, t)
        i = self.tag_box.findData(keep)
        self.tag_box.setCurrentIndex(max(0, i))
        self.tag_box.blockSignals(False)

    def upsert(self, a: Annotation) -> None:
        self._muted = True
        try:
            self.model.upsert(a)
        finally:
            self._muted = False
        if self._current is not None:
            self.select(self._current, emit=False)

    def has_tags(self, tags: tuple[str, ...]) -> bool:
        known = {self.tag_box.itemData(i) for i in range(self.tag_box.count())}
        return all(t in known for t in tags)

    def clear_filters(self) -> None:
        for box in (self.kind_box, self.status_box, self.tag_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._filters_changed()

    def remove(self, annotation_id: int) -> None:
        if self._current == annotation_id:
            self._current = None
        self._muted = True
        try:
            self.model.remove(annotation_id)
        finally:
            self._muted = False
        if self._current is not None and self._current != annotation_id:
            self.select(self._current, emit=False)

    def _filters_changed(self) -> None:
        f = self.model.filter
        f.kind = self.kind_box.currentData() or ""
        f.status = self.status_box.currentData() or ""
        f.tag = self.tag_box.currentData() or ""
        f.text = self.search.text().strip().casefold()
        current = self._current
        self.model.refilter()
        if current is not None:
            self.select(current, emit=False)

    def _update_counts(self) -> None:
        total = len(self.model.all)
        by_kind = self.model.counts
        shown = len(self.model.rows)
        parts = [_count(by_kind[k], KIND_LABELS[k].lower()) for k in KINDS]
        prefix = f"{shown} of {total} shown · " if shown != total else \
            f"{_count(total, 'annotation')} · "
        self.counts.setText(prefix + ", ".join(parts))

    # -- selection ------------------------------------------------------------------------

    def current_id(self) -> int | None:
        return self._current

    def select(self, annotation_id: int | None, *, emit: bool = True) -> None:
        self._current = annotation_id
        row = self.model.row_of_id(annotation_id) if annotation_id is not None else -1
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        if row >= 0:
            index = self.model.index(row, 1)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.clearSelection()
        sm.blockSignals(False)
        self.view.viewport().update()
        if emit:
            self.currentChanged.emit(annotation_id)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._muted or not current.isValid():
            return
        self._current = self.model.rows[current.row()].id
        self.currentChanged.emit(self._current)

    def step(self, delta: int) -> int | None:
        """Select the next (delta=1) or previous (-1) annotation in text order."""
        rows = self.model.rows
        if not rows:
            return None
        row = self.model.row_of_id(self._current) if self._current is not None else -1
        row = (0 if delta > 0 else len(rows) - 1) if row < 0 else max(
            0, min(len(rows) - 1, row + delta))
        self.select(rows[row].id)
        return rows[row].id
