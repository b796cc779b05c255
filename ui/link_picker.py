"""The link picker (L with an annotation current): search the whole project for the
annotation to link to, same-article and recently changed ones first, and one key for the
type: S supports, C contradicts, R repeats, T context (Alt+key from the search field)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.links import LINK_LABELS, LINK_TYPES
from models.project import Project
from models.search import search_project
from models.short_text import shorten
from models.values import Annotation
from ui.links_view import in_quotes
from ui.theme import KIND_LABELS

ROLE = Qt.ItemDataRole.UserRole
TYPE_KEYS = {Qt.Key.Key_S: "supports", Qt.Key.Key_C: "contradicts", Qt.Key.Key_R: "repeats",
             Qt.Key.Key_T: "context"}
_MNEMONIC = {"supports": "&Supports", "contradicts": "&Contradicts", "repeats": "&Repeats",
             "context": "Con&text"}
RECENT = 30


def evidence_first(current: Annotation, other: Annotation) -> bool:
    """Whether the link should read "other TYPE current": evidence (a quote or an event)
    supports or contradicts a claim, so with a claim current the picked one leads."""
    return current.kind == "claim" and other.kind != "claim"


def sentence(source: Annotation, type: str, target: Annotation) -> str:
    def short(a: Annotation) -> str:
        words = " ".join(a.text.split())
        return f"the {a.kind} “{words[:50]}{'…' if len(words) > 50 else ''}”"
    return f"{short(source).capitalize()} {LINK_LABELS[type][0]} {short(target)}"


class LinkPicker(QDialog):
    def __init__(self, project: Project, current: Annotation, titles: dict[int, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link To")
        self.project, self.current, self.titles = project, current, titles
        self.query = QLineEdit()
        self.query.setPlaceholderText("search the project's annotations (↓ to the list)")
        self.query.setClearButtonEnabled(True)
        self.list = QListWidget()
        # The words first, the article short after them; all of both in the tooltip.
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        self.types = QButtonGroup(self)
        row = QHBoxLayout()
        for i, t in enumerate(LINK_TYPES):
            b = QRadioButton(_MNEMONIC[t])
            b.setProperty("link_type", t)
            self.types.addButton(b, i)
            row.addWidget(b)
        self.types.button(0).setChecked(True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        hint = QLabel("In the list: S supports, C contradicts, R repeats, T context; "
                      "Enter links with the chosen type.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Link the {current.kind} “{' '.join(current.text.split())[:70]}”"
                                " with:"))
        layout.addWidget(self.query)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.preview)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(620, 460)
        self.later = QTimer(self)
        self.later.setSingleShot(True)
        self.later.setInterval(200)
        self.later.timeout.connect(self.fill)
        self.query.textChanged.connect(lambda _t: self.later.start())
        self.list.currentItemChanged.connect(lambda *_a: self._preview())
        self.types.idToggled.connect(lambda *_a: self._preview())
        self.list.itemActivated.connect(lambda _i: self._accept_current())
        self.list.installEventFilter(self)
        self.query.installEventFilter(self)
        self.chosen: tuple[Annotation, str] | None = None
        self.linked: dict[int, list[str]] | None = None
        self.fill()

    # -- candidates ---------------------------------------------------------------------------

    def candidates(self) -> list[Annotation]:
        text = self.query.text().strip()
        store = self.project.annotations
        if not text:
            same = [a for a in store.list(article_id=self.current.article_id)
                    if a.id != self.current.id]
            return same + store.recent(limit=RECENT, except_article=self.current.article_id)
        hits = search_project(self.project, text, limit=400).hits
        ids = list(dict.fromkeys(h.annotation_id for h in hits if h.annotation_id))
        found = {a.id: a for a in store.by_ids(ids)}
        ordered = [found[i] for i in ids if i in found and i != self.current.id]
        ordered.sort(key=lambda a: a.article_id != self.current.article_id)  # stable
        return ordered

    def fill(self) -> None:
        self.later.stop()
        self.list.clear()
        if self.linked is None:  # what the current annotation is linked with already
            self.linked = {}
            for e in self.project.links.of(self.current):
                self.linked.setdefault(e.other.id, []).append(e.label)
        for a in self.candidates():
            title = self.titles.get(a.article_id, f"article {a.article_id}")
            where = "this article" if a.article_id == self.current.article_id else \
                shorten(title, 28)
            who = a.person
            already = self.linked.get(a.id)
            item = QListWidgetItem(f"{KIND_LABELS[a.kind]} · {in_quotes(a.text, 80)}"
                                   f"{' — ' + who if who else ''} · {where}"
                                   + (f"  (linked: {', '.join(already)})" if already else ""))
            item.setData(ROLE, a)
            item.setToolTip(f"{a.text}\n\n— {title}")
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._preview()

    # -- choosing -------------------------------------------------------------------------------

    def link_type(self) -> str:
        return str(self.types.checkedButton().property("link_type"))

    def _preview(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.preview.setText("Nothing to link to yet." if not self.query.text() else
                                 "No annotation matches.")
            return
        other: Annotation = item.data(ROLE)
        src, dst = (other, self.current) if evidence_first(self.current, other) else \
            (self.current, other)
        self.preview.setText(sentence(src, self.link_type(), dst) + ".")

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = (item.data(ROLE), self.link_type())
        self.accept()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            # S, C, R, T in the list choose a type, whichever window Qt thinks is active
            # (the main window's C tags a claim): claim them before any shortcut sees them.
            if obj is self.list and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                    and event.key() in TYPE_KEYS:
                event.accept()
                return True
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        if obj is self.query and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.list.setFocus()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.list.setCurrentRow(max(0, min(self.list.count() - 1,
                                               self.list.currentRow() + step)))
            return True
        if obj is self.list and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                and event.key() in TYPE_KEYS:
            t = TYPE_KEYS[Qt.Key(event.key())]
            self.types.button(LINK_TYPES.index(t)).setChecked(True)
            self._accept_current()
            return True
        return False
