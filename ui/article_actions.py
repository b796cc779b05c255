"""File-menu work on articles: import (dialog, drop, clipboard), properties, delete, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from models.article_import import ImportReport, import_files
from models.errors import BriefmarkError
from models.importers import SUPPORTED
from models.values import ArticleMeta
from ui import commands
from ui.annotating import Confirm
from ui.session import ProjectSession
from ui.workspace_sync import Notify, Workspace

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

    def import_paths(self, paths: list[Path]) -> ImportReport | None:
        if self.session is None:
            return None
        progress = None
        if len(paths) > 3:
            progress = QProgressDialog("Importing articles…", "Stop", 0, len(paths), self.parent)
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
            self.session.push(commands.ImportArticlesCommand(self.session, report.imported))
            self.after_import()
        self._summarise(report, len(paths))
        return report

    def _summarise(self, report: ImportReport, asked: int) -> None:
        n = len(report.imported)
        self.notify(
            f"Imported {n} of {asked} file{'s' if asked != 1 else ''}", 8000)
        if report.refused or report.duplicates:
            box = QMessageBox(self.parent)
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
        dialog = ClipboardArticleDialog(self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from models.textnorm import normalise_text

        text = normalise_text(dialog.text.toPlainText())
        meta = ArticleMeta(title=dialog.title.text().strip(), source=dialog.source.text().strip(),
                           url=dialog.url.text().strip(),
                           published=dialog.published.text().strip(), filename="clipboard")
        from models.language import detect_language

        meta = ArticleMeta(**{**vars(meta), "language": detect_language(text)})
        self.session.push(commands.AddArticleCommand(self.session, text, meta))

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

    def export_data(self, fmt: str) -> None:
        from models import exchange
        from models.files import write_bytes_atomic

        if self.session is None:
            return
        project = self.session.project
        ext = "jsonld" if fmt == "w3c" else fmt
        suggested = str(Path.home() / f"{project.path.stem}.{ext}")
        name, _ = QFileDialog.getSaveFileName(self.parent, f"Export {fmt.upper()}", suggested,
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
            QMessageBox.warning(self.parent, "Export", str(exc))
            return
        self.notify(f"Wrote {name}", 8000)

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
