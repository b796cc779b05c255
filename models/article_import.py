"""Importing many files into a project: one bad file never stops the others."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from models.articles import DuplicateArticleError
from models.errors import BriefmarkError
from models.importers import read_article_file
from models.project import Project
from models.values import Article, ArticleMeta


@dataclass
class ImportReport:
    imported: list[Article] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (file name, existing id)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)

    def lines(self) -> list[str]:
        out = [f"imported {a.filename or 'text'} as article {a.id}: {a.title}"
               for a in self.imported]
        out += [f"skipped {n}: the same text is already article {i}" for n, i in self.duplicates]
        out += [f"refused: {reason if reason.startswith(n) else f'{n}: {reason}'}"
                for n, reason in self.refused]
        return out


def import_files(project: Project, paths: Iterable[Path], *, overrides: ArticleMeta | None = None,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Import each file as an article; `overrides` replaces metadata fields that are set."""
    paths = list(paths)
    report = ImportReport()
    for n, path in enumerate(paths):
        if cancelled and cancelled():
            break
        if progress:
            progress(n, len(paths), path.name)
        try:
            imported = read_article_file(path)
            meta = imported.meta
            if overrides:
                meta = replace(meta, **{k: v for k, v in vars(overrides).items() if v})
            report.imported.append(project.articles.add(imported.text, meta))
        except DuplicateArticleError as exc:
            report.duplicates.append((path.name, exc.existing_id))
        except BriefmarkError as exc:
            report.refused.append((path.name, str(exc)))
    if progress:
        progress(len(paths), len(paths), "")
    return report
