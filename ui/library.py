"""The library: the project's articles as cards (title, source · date, counts by kind);
filter and sort."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from models.values import KINDS, ArticleSummary
from ui.theme import KIND_LABELS, kind_fill, kind_ink

Index = QModelIndex | QPersistentModelIndex
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_KEYS = {
    "Order imported": lambda a: a.id,
    "Title": lambda a: a.title.casefold(),
    "Published (newest first)": lambda a: a.published or "",
    "Most annotated": lambda a: a.total,
}
DESCENDING = {"Published (newest first)", "Most annotated"}


class ArticleListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.articles: list[ArticleSummary] = []

    def set_articles(self, articles: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self.articles = articles
        self.endResetModel()

    def set_counts(self, article_id: int, counts: dict[str, int]) -> None:
        """New annotation counts for one article, without reloading the list."""
        for row, a in enumerate(self.articles):
            if a.id == article_id:
                if a.counts != counts:
                    self.articles[row] = replace(a, counts=counts)
                    self.dataChanged.emit(self.index(row), self.index(row))
                return

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.articles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        a = self.articles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return a.title or "(untitled)"
        if role == ARTICLE_ROLE:
            return a
        if role == Qt.ItemDataRole.UserRole:
            return a.id
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [a.title, a.author, f"{a.length:,} characters · {a.language or '?'}",
                     ", ".join(f"{a.counts.get(k, 0)} {KIND_LABELS[k].lower()}s" for k in KINDS)]
            return "\n".join(p for p in parts if p)
        return None


class ArticleDelegate(QStyledItemDelegate):
    """Two lines per article: the title, then source · date and a chip per kind."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        fm = QFontMetrics(option.font)
        # As wide as the list shows (titles elide): a fixed width wider than a narrow library
        # would add a horizontal scrollbar and cut the kind chips.
        return QSize(0, fm.height() * 3 + self.PAD * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        a: ArticleSummary = index.data(ARTICLE_ROLE)
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(self.PAD, self.PAD // 2 + 2, -self.PAD, -self.PAD // 2)
        bold = QFont(option.font)
        bold.setBold(True)
        fm_bold = QFontMetrics(bold)
        painter.setFont(bold)
        painter.setPen(pal.color(text_role))
        title = fm_bold.elidedText(a.title or "(untitled)", Qt.TextElideMode.ElideRight,
                                   rect.width() * 2 - 20)
        line_h = fm_bold.height()
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line_h * 2),
                         int(Qt.TextFlag.TextWordWrap), title)
        fm = QFontMetrics(option.font)
        painter.setFont(option.font)
        y = rect.top() + line_h * 2 + 2
        chip_w = fm.horizontalAdvance("C 888") + 6
        chips_w = chip_w * 3 + 8
        meta = " · ".join(x for x in (a.source, a.published) if x) or a.language
        muted = pal.color(text_role)
        if not selected:
            muted = pal.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        painter.drawText(QRect(rect.left(), y, rect.width() - chips_w, fm.height()),
                         int(Qt.AlignmentFlag.AlignVCenter),
                         fm.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width() - chips_w))
        x = rect.right() - chips_w + 8
        for kind in KINDS:
            chip = QRect(x, y, chip_w - 4, fm.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(kind_fill(kind))
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(kind_ink(kind))
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter),
                             f"{kind[0].upper()} {a.counts.get(kind, 0)}")
            x += chip_w
        painter.restore()


class _Proxy(QSortFilterProxyModel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.needle = ""
        self.sort_name = "Order imported"

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if not self.needle:
            return True
        a = self.sourceModel().articles[row]
        return self.needle in f"{a.title}\n{a.source}\n{a.author}\n{a.published}".casefold()

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        # Straight from the list: asking the model (index.data) costs a round trip through
        # Qt per side, and a sort of thousands of articles makes ~13 comparisons each.
        key, articles = SORT_KEYS[self.sort_name], self.sourceModel().articles
        return key(articles[left.row()]) < key(articles[right.row()])


class LibraryView(QWidget):
    articleActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel()
        self.proxy = _Proxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter articles…")
        self.filter.setClearButtonEnabled(True)
        self.sort_box = QComboBox()
        self.sort_box.addItems(list(SORT_KEYS))
        self.sort_box.setToolTip("Sort articles")
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ArticleDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The filter has a row of its own: beside the sort box, at the library's usual
        # width, it was too narrow for its placeholder ("Filter ar…") or any text.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.sort_box)
        layout.addWidget(self.view)
        self.filter.textChanged.connect(self._filter)
        self.sort_box.currentTextChanged.connect(self._sort)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self._apply_sort()
        self._open_id: int | None = None

    def _filter(self, text: str) -> None:
        # Filtering moves Qt's current row; that is not the user choosing an article.
        keep = self.current_id()
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        if hasattr(self.proxy, "beginFilterChange"):  # Qt 6.10+
            self.proxy.beginFilterChange()
            self.proxy.needle = text.strip().casefold()
            self.proxy.endFilterChange()
        else:
            self.proxy.needle = text.strip().casefold()
            self.proxy.invalidateFilter()
        sm.blockSignals(False)
        self.select(keep)

    def _sort(self, name: str) -> None:
        keep = self.current_id()
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        self.proxy.sort_name = name
        self.proxy.invalidate()
        self._apply_sort()
        sm.blockSignals(False)
        self.select(keep)

    def _apply_sort(self) -> None:
        """Sort the proxy by the chosen key. The project lists its articles in the order
        imported (by id), so that order needs no sort at all: the proxy keeps the model's
        order (sort column -1) instead of comparing thousands of articles in Python."""
        articles, name = self.model.articles, self.proxy.sort_name
        if name == "Order imported" and all(
                a.id < b.id for a, b in zip(articles, articles[1:], strict=False)):
            self.proxy.sort(-1)
            return
        order = Qt.SortOrder.DescendingOrder if name in DESCENDING else \
            Qt.SortOrder.AscendingOrder
        self.proxy.sort(0, order)

    def set_articles(self, articles: list[ArticleSummary], current: int | None) -> None:
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        if self.proxy.sortColumn() == 0:  # no sort pass over the list about to go
            self.proxy.sort(-1)
        self.model.set_articles(articles)
        self._apply_sort()
        sm.blockSignals(False)
        self.select(current)

    def select(self, article_id: int | None) -> None:
        self._open_id = article_id
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        self.view.clearSelection()
        for row, a in enumerate(self.model.articles):
            if a.id == article_id:
                index = self.proxy.mapFromSource(self.model.index(row))
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                break
        sm.blockSignals(False)
        # With its signals blocked the view never heard of the change: repaint, or the
        # article open before stays drawn as chosen beside this one.
        self.view.viewport().update()

    def shown_ids(self) -> list[int]:
        """The articles' ids as the library lists them now (sorted, filtered)."""
        proxy = self.proxy
        return [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)
                for r in range(proxy.rowCount())]

    def current_id(self) -> int | None:
        """The open article (it stays open while a filter hides it)."""
        return self._open_id

    def _current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self._open_id = current.data(Qt.ItemDataRole.UserRole)
            self.articleActivated.emit(self._open_id)
