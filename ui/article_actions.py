"""File-menu work on articles: import (dialog, drop, clipboard), properties, delete, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog

from models.article_import import ImportReport, import_files
from models.errors import BriefmarkError
from models.importers import SUPPORTED
from models.values import ArticleMeta
from ui import commands

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FILE_FILTER = "Articles (" + " ".join(f"*{s}" for s in SUPPORTED) + ");;All files (*)"


class ArticleActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.editing_actions: list = []  # File-menu actions that change the project

    @property
    def session(self):  # noqa: ANN201
        return self.window.session

    def import_dialog(self) -> None:
        start = self.window.settings.value("importFolder", str(Path.home()))
        names, _ = QFileDialog.getOpenFileNames(self.window, "Import articles", start,
                                                FILE_FILTER)
        if names:
            self.window.settings.setValue("importFolder", str(Path(names[0]).parent))
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path]) -> ImportReport | None:
        if self.session is None:
            return None
        progress = None
        if len(paths) > 3:
            progress = QProgressDialog("Importing articles…", "Stop", 0, len(paths), self.window)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(300)

        def on_progress(done: int, total: int, name: str) -> None:
            if progress is not None:
                progress.setValue(done)
                progress.setLabelText(f"Importing {name}…" if name else "Done")

        report = import_files(self.session.project, paths, progress=on_progress,
                              cancelled=(lambda: progress.wasCanceled()) if progress else None)
        if progress is not None:
            progress.close()
        if report.imported:
            self.session.undo_stack.push(
                commands.ImportArticlesCommand(self.session, report.imported))
            self.window._articles_changed()
            self.window.open_article(report.imported[-1].id)
            if self.window.suggestions.act_on_import.isChecked():
                self.window.suggestions.suggest()
        self._summarise(report, len(paths))
        return report

    def _summarise(self, report: ImportReport, asked: int) -> None:
        n = len(report.imported)
        self.window.statusBar().showMessage(
            f"Imported {n} of {asked} file{'s' if asked != 1 else ''}", 8000)
        if report.refused or report.duplicates:
            box = QMessageBox(self.window)
            box.setIcon(QMessageBox.Icon.Information if not report.refused
                        else QMessageBox.Icon.Warning)
            box.setWindowTitle("Import articles")
            box.setText(f"Imported {n} of {asked} file{'s' if asked != 1 else ''}.")
            lines = [f"• {r}" for _n, r in report.refused]
            lines += [f"• {name}: already in the project as article {i}"
                      for name, i in report.duplicates]
            box.setInformativeText("\n".join(lines[:12]) + ("\n…" if len(lines) > 12 else ""))
            box.setDetailedText("\n".join(report.lines()))
            box.setObjectName("importSummary")
            box.open()

    def from_clipboard(self) -> None:
        from ui.dialogs import ClipboardArticleDialog

        if self.session is None:
            return
        dialog = ClipboardArticleDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from models.textnorm import normalise_text

        text = normalise_text(dialog.text.toPlainText())
        meta = ArticleMeta(title=dialog.title.text().strip(), source=dialog.source.text().strip(),
                           url=dialog.url.text().strip(),
                           published=dialog.published.text().strip(), filename="clipboard")
        from models.language import detect_language

        meta = ArticleMeta(**{**vars(meta), "language": detect_language(text)})
        article = self.window._run(self.session.project.articles.add, text, meta)
        if article is not None:
            self.session.undo_stack.push(commands.ImportArticlesCommand(self.session, [article]))
            self.window._articles_changed()
            self.window.open_article(article.id)

    def properties(self) -> None:
        from ui.dialogs import ArticlePropertiesDialog

        article = self.window.article
        if self.session is None or article is None:
            return
        dialog = ArticlePropertiesDialog(article, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = dialog.values()
        old = {k: getattr(article, k) for k in new}
        changed = {k: v for k, v in new.items() if v != old[k]}
        if not changed:
            return
        if self.window._run(self.session.project.articles.update, article.id, **changed):
            self.session.undo_stack.push(commands.ArticlePropertiesCommand(
                self.session, article.id, {k: old[k] for k in changed}, changed))
            self.window._articles_changed()

    def delete_current(self) -> None:
        article = self.window.article
        if self.session is None or article is None:
            return
        deleted = self.window._run(self.session.project.articles.delete, article.id)
        if deleted is not None:
            self.session.undo_stack.push(commands.DeleteArticleCommand(self.session, deleted))
            self.window._articles_changed()
            self.window.statusBar().showMessage(
                f"Deleted “{article.title}” (Ctrl+Z brings it back)", 8000)

    def export_data(self, fmt: str) -> None:
        from models import exchange
        from models.files import write_bytes_atomic

        if self.session is None:
            return
        project = self.session.project
        ext = "jsonld" if fmt == "w3c" else fmt
        suggested = str(Path.home() / f"{project.path.stem}.{ext}")
        name, _ = QFileDialog.getSaveFileName(self.window, f"Export {fmt.upper()}", suggested,
                                              f"{fmt.upper()} (*.{ext})")
        if not name:
            return
        try:
            if fmt == "json":
                data = exchange.dumps(exchange.export_json(project)).encode("utf-8")
            elif fmt == "w3c":
                from models.web_annotation import export_web_annotations

                data = exchange.dumps(export_web_annotations(project)).encode("utf-8")
            else:
                data = exchange.export_csv(project).encode("utf-8-sig")
            write_bytes_atomic(Path(name), data)
        except BriefmarkError as exc:
            QMessageBox.warning(self.window, "Export", str(exc))
            return
        self.window.statusBar().showMessage(f"Wrote {name}", 8000)

    def export_briefing(self) -> None:
        from ui.export_dialog import BriefingExportDialog

        if self.session is None:
            return
        BriefingExportDialog(self.window).exec()
