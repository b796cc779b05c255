"""Export a briefing note: options, a worker (ui/workers.py) with progress and Cancel,
then open it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import BriefmarkError
from models.values import KINDS
from ui.background_read import BackgroundRead
from ui.note_choice import ArticleChecklist, NoteFilters, wrap
from ui.theme import KIND_LABELS

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from ui.workers import Worker
    from ui.workspace_sync import Notify, Workspace


def _outline(project: object, options: object) -> list[str]:
    from models.briefing.outline import outline

    return outline(project, options)


class BriefingExportDialog(QDialog):
    def __init__(self, parent: QWidget, settings: QSettings, workspace: Workspace,
                 notify: Notify) -> None:
        super().__init__(parent)
        self.workspace, self.settings, self.notify = workspace, settings, notify
        self.setWindowTitle("Export briefing note")
        article = workspace.article
        # Notes kept in the project by name: choosing one fills the dialog in.
        self.saved = QComboBox()
        self.saved.activated.connect(lambda _i: self._load_saved())
        self.save_button = QPushButton("Save Choices As…")
        self.save_button.clicked.connect(self.save_choices)
        self.title = QLineEdit(article.title if article else "")
        self.title.setPlaceholderText("Default: the article's title")
        self.bottom_line = QPlainTextEdit()
        self.bottom_line.setTabChangesFocus(True)
        self.bottom_line.setPlaceholderText("Your key judgements, first in the note: a line "
                                            "each; start one with - for a bullet")
        self.bottom_line.setMaximumHeight(90)
        self.scope_current = QRadioButton("This article")
        self.scope_all = QRadioButton("All articles in the project")
        self.scope_some = QRadioButton("These articles:")
        group = QButtonGroup(self)
        for b in (self.scope_current, self.scope_all, self.scope_some):
            group.addButton(b)
        (self.scope_current if article else self.scope_all).setChecked(True)
        self.scope_current.setEnabled(article is not None)
        # the article's headline is the title of its own note, not of several articles
        self.scope_current.toggled.connect(lambda on: self._scope_changed(not on))
        project = workspace.session.project if workspace.session else None
        self.articles = ArticleChecklist()
        self.articles.set_articles(project.articles.list() if project else [],
                                   [article.id] if article else [])
        self.articles.setEnabled(False)
        self.scope_some.toggled.connect(self.articles.setEnabled)
        self.scope_some.toggled.connect(lambda on: on and self.articles.list.setFocus())
        self.filters = NoteFilters(
            project.annotations.all_tags() if project else [],
            sorted((p.name for p in project.people.list()), key=str.casefold)
            if project else [])
        self.kind_boxes = {k: QCheckBox(KIND_LABELS[k] + "s") for k in KINDS}
        for box in self.kind_boxes.values():
            box.setChecked(True)
        self.include_text = QCheckBox("Annotated text with Word comments")
        self.include_text.setChecked(self.settings.value("export/includeText", True, type=bool))
        self.include_notes = QCheckBox("Include notes")
        self.include_notes.setChecked(True)
        self.quotes_by = QComboBox()
        self.quotes_by.addItem("by speaker", "speaker")
        self.quotes_by.addItem("in text order", "order")
        self.claims_by = QComboBox()
        self.claims_by.addItem("by status", "status")
        self.claims_by.addItem("in text order", "order")
        self.template = QLineEdit(self.settings.value("export/template", "", type=str))
        self.template.setPlaceholderText("None: Word's default styles")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_template)

        kinds_row = QHBoxLayout()
        for box in self.kind_boxes.values():
            kinds_row.addWidget(box)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(browse)
        form = QFormLayout()
        saved_row = QHBoxLayout()
        saved_row.addWidget(self.saved, 1)
        saved_row.addWidget(self.save_button)
        form.addRow("Saved notes:", wrap(saved_row))
        form.addRow("Title:", self.title)
        form.addRow("Bottom line:", self.bottom_line)
        scope = QVBoxLayout()
        scope.addWidget(self.scope_current)
        scope.addWidget(self.scope_all)
        scope.addWidget(self.scope_some)
        scope.addWidget(self.articles)
        form.addRow("Articles:", wrap(scope))
        form.addRow("Only:", self.filters)
        form.addRow("Sections:", wrap(kinds_row))
        form.addRow("", self.include_text)
        form.addRow("", self.include_notes)
        form.addRow("Quotes:", self.quotes_by)
        form.addRow("Claims:", self.claims_by)
        form.addRow("House template:", wrap(template_row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._export)
        buttons.rejected.connect(self.reject)
        # A preview of the sections and their counts, read on a thread as choices change.
        self.outline = QLabel()
        self.outline.setWordWrap(True)
        self.outline.setTextFormat(Qt.TextFormat.PlainText)
        self.outline_reads = BackgroundRead(_outline, self, name="note-outline")
        self.outline_reads.done.connect(self._outline_read)
        if workspace.session is not None:  # nothing may read a project that is closing
            workspace.session.closing.connect(self.outline_reads.forget)
        self.outline_timer = QTimer(self)
        self.outline_timer.setSingleShot(True)
        self.outline_timer.setInterval(300)
        self.outline_timer.timeout.connect(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("The note will hold:"))
        layout.addWidget(self.outline)
        layout.addWidget(buttons)
        self.worker: Worker | None = None
        self.written = ""
        self._fill_saved()
        for edit in (self.title, self.template, self.filters.tags, self.filters.people,
                     self.filters.date_from, self.filters.date_to):
            edit.textChanged.connect(self.outline_timer.start)
        self.bottom_line.textChanged.connect(self.outline_timer.start)
        for box in (*self.kind_boxes.values(), *self.filters.statuses.values(),
                    self.include_text, self.scope_current, self.scope_all, self.scope_some):
            box.toggled.connect(self.outline_timer.start)
        self.articles.list.itemChanged.connect(self.outline_timer.start)
        self.preview()

    def preview(self) -> None:
        """Ask for the outline of the note as the dialog says it now."""
        self.outline_timer.stop()
        session = self.workspace.session
        if session is not None:
            self.outline.setText(self.outline.text() or "Reading the chosen annotations…")
            self.outline_reads.request(session.project, self.options())

    def _outline_read(self, project: object, lines: list[str]) -> None:
        session = self.workspace.session
        if session is not None and project is session.project:
            self.outline.setText("\n".join(f"• {line}" for line in lines))

    def done(self, result: int) -> None:  # noqa: N802 - Qt's name
        self.outline_timer.stop()
        self.outline_reads.forget()  # no read of the project outlives the dialog
        super().done(result)

    def _scope_changed(self, all_articles: bool) -> None:
        """The article's headline is the default title for its own note only."""
        headline = self.workspace.article.title if self.workspace.article else ""
        if all_articles and self.title.text() == headline:
            self.title.clear()  # the note then gets its own default title
        elif not all_articles and not self.title.text():
            self.title.setText(headline)

    def _choose_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "House template", self.template.text(),
                                              "Word documents (*.docx)")
        if name:
            self.template.setText(name)

    def _fill_saved(self, chosen: str = "") -> None:
        from models.briefing import definitions

        session = self.workspace.session
        names = definitions.names(session.project) if session else []
        self.saved.clear()
        self.saved.addItem("(a new note)" if names else "(none saved yet)", "")
        for n in names:
            self.saved.addItem(n, n)
        self.saved.setCurrentIndex(max(0, self.saved.findData(chosen)))
        self.saved.setEnabled(bool(names))

    def _load_saved(self) -> None:
        from models.briefing import definitions

        name, session = self.saved.currentData(), self.workspace.session
        if not name or session is None:
            return
        try:
            self.apply(definitions.load(session.project, name))
        except BriefmarkError as exc:
            QMessageBox.warning(self, "Export briefing note", str(exc))

    def apply(self, o: object) -> None:
        """Show a saved note's choices, ready to export again."""
        self.title.setText(o.title)
        self.bottom_line.setPlainText(o.bottom_line)
        if o.article_ids:
            self.scope_some.setChecked(True)
            self.articles.tick(o.article_ids)
        else:
            self.scope_all.setChecked(True)
        for k, box in self.kind_boxes.items():
            box.setChecked(k in o.kinds)
        self.include_text.setChecked(o.include_text)
        self.include_notes.setChecked(o.include_notes)
        self.quotes_by.setCurrentIndex(max(0, self.quotes_by.findData(o.quotes_by)))
        self.claims_by.setCurrentIndex(max(0, self.claims_by.findData(o.claims_by)))
        self.template.setText(str(o.template or ""))
        self.filters.set_values(o.tags, o.people, o.statuses, o.date_from, o.date_to)

    def save_choices(self, name: str | None = None) -> None:
        """Keep what the dialog says under a name (asked; a name in use is replaced only
        when the user says so)."""
        from models.briefing import definitions

        session = self.workspace.session
        if session is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, "Save choices", "Save this note's choices "
                                            "in the project as:",
                                            text=self.saved.currentData() or self.title.text())
            if not ok:
                return
        name = " ".join(name.split())
        taken = {n.casefold() for n in definitions.names(session.project)}
        if name.casefold() in taken and QMessageBox.question(
                self, "Save choices", f"A note called “{name}” is saved already. Replace "
                "its choices with these?") != QMessageBox.StandardButton.Yes:
            return
        try:
            definitions.save(session.project, name, self.options())
        except BriefmarkError as exc:
            QMessageBox.warning(self, "Save choices", str(exc))
            return
        self._fill_saved(name)
        self.notify(f"Saved the note's choices as “{name}”", 6000)

    def options(self) -> object:
        from models.briefing import BriefingOptions

        article = self.workspace.article
        ids = (article.id,) if self.scope_current.isChecked() and article else ()
        if self.scope_some.isChecked():
            ids = self.articles.ticked()
        template = self.template.text().strip()
        return BriefingOptions(
            article_ids=ids, kinds=tuple(k for k, b in self.kind_boxes.items() if b.isChecked()),
            title=self.title.text().strip(), bottom_line=self.bottom_line.toPlainText(),
            include_text=self.include_text.isChecked(),
            include_notes=self.include_notes.isChecked(),
            quotes_by=self.quotes_by.currentData(), claims_by=self.claims_by.currentData(),
            template=Path(template) if template else None,
            **self.filters.values(),  # type: ignore[arg-type]
        )

    def _export(self) -> None:
        session = self.workspace.session
        if session is None:
            return
        if not any(b.isChecked() for b in self.kind_boxes.values()):
            QMessageBox.warning(self, "Export briefing note", "Choose at least one kind.")
            return
        if self.scope_some.isChecked() and not self.articles.ticked():
            QMessageBox.warning(self, "Export briefing note",
                                "Tick at least one article (Space ticks the one chosen).")
            return
        folder = Path(self.settings.value("export/folder", str(Path.home()), type=str))
        if not folder.is_dir():  # the last export's folder is gone (a removed drive)
            folder = Path.home()
        stem = file_stem(self.title.text() or session.project.path.stem)
        name, _ = QFileDialog.getSaveFileName(self, "Save briefing note",
                                              str(folder / f"{stem}.docx"),
                                              "Word documents (*.docx)")
        if not name:
            return
        self.settings.setValue("export/folder", str(Path(name).parent))
        self.settings.setValue("export/template", self.template.text().strip())
        self.settings.setValue("export/includeText", self.include_text.isChecked())
        self.run_export(Path(name))

    def run_export(self, out: Path, *, wait: bool = False) -> None:
        """Write the note in a worker through models.export.export_project (the command
        line's dispatch), with progress and Cancel; with `wait`, return when it is over."""
        from models.briefing import ExportCancelled
        from ui.workers import Worker

        session = self.workspace.session
        assert session is not None
        options = self.options()

        def work(project, cancelled, progress) -> str:  # noqa: ANN001 - the worker's thread
            from models.export import export_project

            return str(export_project(project, "docx", out, options=options,
                                      progress=lambda d, t: progress(d, t),
                                      cancelled=cancelled).path)

        self.written = ""
        self.worker = Worker(self, "Writing the briefing note…", session.project.path, work,
                             self._written, self._refused, on_cancelled=self._cancelled,
                             cancel_errors=(ExportCancelled,))
        if wait:  # tests: the event loop runs (the window answers) until the worker is done
            self.worker.wait()

    def _cancelled(self) -> None:
        self.notify("Export cancelled; no file was written", 6000)

    def _refused(self, message: str) -> None:
        QMessageBox.warning(self, "Export briefing note", message)

    def _written(self, path: str) -> None:
        self.written = path
        self.notify(f"Wrote {path}", 8000)
        self.accept()
        if self.property("quiet"):
            return
        box = QMessageBox(self.parentWidget())
        box.setWindowTitle("Briefing note written")
        box.setText(f"The briefing note was saved as\n{path}")
        open_button = box.addButton("Open the note", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def file_stem(title: str, limit: int = 60) -> str:
    """A file name from a note's title: letters, digits, spaces, "-" and "_", at most
    `limit` characters, cut after a whole word (a single longer word is cut at the limit)."""
    words = "".join(c for c in title if c.isalnum() or c in " -_").split()
    stem = " ".join(words)
    if len(stem) > limit:
        head = stem[:limit + 1]  # a space just past the limit ends a whole word
        stem = head.rsplit(" ", 1)[0] if " " in head else stem[:limit]
    return stem.strip(" -_") or "Briefing note"
