"""File-menu work on articles: import (dialog, drop, clipboard), properties, delete, export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from models.article_import import ImportReport, import_files
from models.errors import BriefmarkError
from models.export import SUFFIXES
from models.importers import SUPPORTED
from models.language import detect_language
from models.textnorm import normalise_text
from models.values import ArticleMeta
from ui import commands
from ui.annotating import Confirm
from ui.session import ProjectSession
from ui.workspace_sync import Notify, Workspace

LONG_TEXT = 200_000  # characters of pasted text stored in a worker rather than on the UI thread
FILE_FILTER = "Articles (" + " ".join(f"*{s}" for s in SUPPORTED) + ");;All files (*)"


class ArticleActions:
    def __init__(self, parent: QWidget, settings: QSettings, workspace: Workspace,
                 notify: Notify, confirm: Confirm,
                 after_import: Callable[[], None]) -> None:
        self.parent, self.settings, self.ws = parent, settings, workspace
        self.notify, self.confirm, self.after_import = notify, confirm, after_import

    @property
    def session(self) -> ProjectSession | None:
        return self.ws.session

    def import_dialog(self) -> None:
        start = self.settings.value("importFolder", str(Path.home()))
        names, _ = QFileDialog.getOpenFileNames(self.parent, "Import articles", start,
                                                FILE_FILTER)
        if names:
            self.settings.setValue("importFolder", str(Path(names[0]).parent))
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path], *, wait: bool = False) -> ImportReport | None:
        """Import files in a worker with its own connection: "Importing 3 of 10: name" and
        Cancel, which stops between files (each article is whole or absent). The report is
        summarised when the work is over; undo removes exactly the imported articles.
        With `wait` (tests, scripts), return the report once it is shown."""
        session = self.session
        if session is None or not paths:
            return None
        from ui.workers import Worker

        paths = list(paths)
        reports: list[ImportReport] = []

        def work(project, cancelled, progress) -> ImportReport:  # noqa: ANN001 - own thread
            def step(done: int, total: int, name: str) -> None:
                progress(done, total, f"Importing {done + 1} of {total}: {name}" if name
                         else "Finishing…")
            return import_files(project, paths, progress=step, cancelled=cancelled)

        def done(report: ImportReport) -> None:
            reports.append(report)
            self._imported(report, len(paths))

        self.worker = Worker(self.parent, "Importing…", session.project.path, work, done,
                             lambda msg: self._failed("Import articles", msg),
                             keep_result_on_cancel=True)
        if wait:
            self.worker.wait()
        return reports[0] if reports else None

    def _imported(self, report: ImportReport, asked: int) -> None:
        from ui.import_summary import headline, summary_box
        from ui.preferences import load_preferences

        session = self.session
        if session is None:
            return
        self._absorb_own_write()
        if report.imported:
            # The worker stored them; the command's first redo only shows them, its undo
            # deletes them by uuid and a later redo restores the snapshots (ui/commands.py).
            session.push(commands.ImportArticlesCommand(session, report.imported))
        self.notify(headline(report, asked), 8000)
        self.summary = summary_box(self.parent, report, asked)
        if len(report.imported) == 1 and load_preferences(self.settings).suggest_on_import:
            self.after_import()

    def _absorb_own_write(self) -> None:
        """Our worker wrote through its own connection: take it in without calling it a
        change by another program (the views are reloaded, so nothing is missed)."""
        session = self.session
        try:
            if session is not None and session.project.changed_elsewhere():
                self.ws.reload()
        except BriefmarkError:
            pass

    def _failed(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def from_clipboard(self) -> None:
        from ui.dialogs import ClipboardArticleDialog

        if self.session is None:
            return
        dialog = ClipboardArticleDialog(self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.add_text(dialog.text.toPlainText(), ArticleMeta(
            title=dialog.title.text().strip(), source=dialog.source.text().strip(),
            url=dialog.url.text().strip(), published=dialog.published.text().strip(),
            filename="clipboard"))

    def add_text(self, text: str, meta: ArticleMeta, *, wait: bool = False) -> None:
        """A new article from pasted text. A long paste (a transcript, a PDF's text) is
        normalised and stored in a worker, as an import is; a short one by the command."""
        session = self.session
        if session is None:
            return
        if len(text) < LONG_TEXT:
            text = normalise_text(text)
            meta = replace(meta, language=detect_language(text))
            session.push(commands.AddArticleCommand(session, text, meta))
            return
        from ui.workers import Worker

        def work(project, cancelled, progress) -> ImportReport:  # noqa: ANN001 - own thread
            clean = normalise_text(text)
            if cancelled():
                return ImportReport(stopped="cancelled")
            article = project.articles.add(clean, replace(meta, language=detect_language(clean)))
            return ImportReport(imported=[article])

        def done(report: ImportReport) -> None:
            self._absorb_own_write()
            if report.imported:
                session.push(commands.ImportArticlesCommand(session, report.imported))
                self.notify(f"Added “{report.imported[0].title}” (Ctrl+Z removes it)", 8000)

        self.worker = Worker(self.parent, "Adding the pasted text…", session.project.path,
                             work, done, lambda msg: self._failed("New article", msg),
                             keep_result_on_cancel=True)
        if wait:
            self.worker.wait()

    def properties(self) -> None:
        from ui.dialogs import ArticlePropertiesDialog

        article = self.ws.article
        if self.session is None or article is None:
            return
        dialog = ArticlePropertiesDialog(article, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = dialog.values()
        old = {k: getattr(article, k) for k in new}
        changed = {k: v for k, v in new.items() if v != old[k]}
        if not changed:
            return
        self.session.push(commands.ArticlePropertiesCommand(
            self.session, article.id, {k: old[k] for k in changed}, changed))

    def delete_current(self) -> None:
        article = self.ws.article
        if self.session is None or article is None:
            return
        n = self.annotation_count(article.id)
        if n and not self.confirm("Delete article",
                                  f"Delete “{article.title}” and its {n} annotation"
                                  f"{'s' if n != 1 else ''}?", "Delete Article"):
            return
        if self.session.push(commands.DeleteArticleCommand(self.session, article)):
            self.notify(
                f"Deleted “{article.title}” (Ctrl+Z brings it back)", 8000)

    def export_data(self, fmt: str, out: Path | None = None, *, wait: bool = False) -> None:
        """JSON, CSV or W3C export through models.export.export_project (the command line's
        dispatch: the same destination checks and atomic write), in a worker."""
        session = self.session
        if session is None:
            return
        if out is None:
            ext = SUFFIXES[fmt].lstrip(".")
            folder = Path(self.settings.value("export/folder", str(Path.home()), type=str))
            if not folder.is_dir():  # the last export's folder is gone
                folder = Path.home()
            suggested = str(folder / f"{session.project.path.stem}.{ext}")
            name, _ = QFileDialog.getSaveFileName(self.parent, f"Export {fmt.upper()}",
                                                  suggested, f"{fmt.upper()} (*.{ext})")
            if not name:
                return
            out = Path(name)
            if not out.suffix:  # "notes" is notes.csv; a name with its own suffix is kept
                out = out.with_name(out.name + SUFFIXES[fmt])
                # the dialog asked about the name as typed, not about this one
                if out.exists() and not self.confirm(
                        f"Export {fmt.upper()}", f"{out.name} already exists. Replace it?",
                        "Replace"):
                    return
            self.settings.setValue("export/folder", str(out.parent))
        self.run_export(fmt, out, wait=wait)

    def run_export(self, fmt: str, out: Path, *, options: object = None,
                   wait: bool = False) -> None:
        from models.briefing import ExportCancelled  # loads python-docx: first export only
        from models.export import export_project
        from ui.workers import Worker

        session = self.session
        if session is None:
            return

        def work(project, cancelled, progress) -> Path:  # noqa: ANN001 - own thread
            return export_project(project, fmt, out, options=options, cancelled=cancelled,
                                  progress=lambda d, t: progress(d, t)).path

        self.worker = Worker(
            self.parent, f"Exporting {fmt.upper()}…", session.project.path, work,
            lambda path: self.notify(f"Wrote {path}", 8000),
            lambda msg: self._failed("Export", msg),
            on_cancelled=lambda: self.notify("Export cancelled; no file was written", 6000),
            cancel_errors=(ExportCancelled,))
        if wait:
            self.worker.wait()

    def export_briefing(self) -> None:

        if self.session is None:
            return
        self.briefing_dialog().exec()

    def briefing_dialog(self):  # noqa: ANN201 - imported late: python-docx is slow to load
        from ui.export_dialog import BriefingExportDialog

        return BriefingExportDialog(self.parent, self.settings, self.ws, self.notify)

    def annotation_count(self, article_id: int) -> int:
        assert self.session is not None
        return len(self.session.project.annotations.list(article_id=article_id))
