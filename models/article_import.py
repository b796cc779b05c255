"""Importing many files into a project: one bad file never stops the others.

Each file is read on its own and stored in its own transaction (`ArticleStore.add`), so a
file is either fully in the project or not at all. Cancelling takes effect between files: the
articles already stored stay (each is complete) and are reported, the rest are listed as not
imported. A failure of the project itself (a full disk, a lock held too long) stops the batch,
since every later file would fail the same way; what was stored before is still reported.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from models.articles import DuplicateArticleError
from models.errors import BriefmarkError
from models.importers import display_name, read_article_file
from models.project import Project
from models.values import Article, ArticleMeta

PathLike = str | bytes | os.PathLike


@dataclass
class ImportReport:
    imported: list[Article] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (file name, existing id)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file name, what to check)
    not_attempted: list[str] = field(default_factory=list)  # after Cancel or a project failure
    stopped: str = ""  # why the batch ended early: "cancelled" or the project's error

    def lines(self) -> list[str]:
        out = [f"imported {a.filename or 'text'} as article {a.id}: {a.title}"
               for a in self.imported]
        out += [f"note: {note}" for _n, note in self.notes]
        out += [f"skipped {n}: the same text is already article {i}" for n, i in self.duplicates]
        out += [f"refused: {reason if reason.startswith(n) else f'{n}: {reason}'}"
                for n, reason in self.refused]
        if self.not_attempted:
            why = "the import was cancelled" if self.stopped == "cancelled" else self.stopped
            out.append(f"not imported ({why}): {', '.join(self.not_attempted)}")
        return out


def _as_path(p: PathLike) -> Path:
    # Bytes names (not UTF-8, from another system) become surrogate-escaped str paths that
    # still open the right file; display_name() makes them printable.
    return Path(os.fsdecode(p))


def import_files(project: Project, paths: Iterable[PathLike], *,
                 overrides: ArticleMeta | None = None,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Import each file as an article and report every one: imported, duplicate, refused, or
    not attempted. `overrides` replaces metadata fields that are set. `progress(done, total,
    name)` is called before each file and once at the end with name ""; `cancelled()` is
    asked before each file. Never raises for a bad file."""
    todo = [_as_path(p) for p in paths]
    report = ImportReport()
    for n, path in enumerate(todo):
        name = display_name(path)
        if cancelled and cancelled():
            report.stopped = "cancelled"
            report.not_attempted = [display_name(p) for p in todo[n:]]
            break
        if progress:
            progress(n, len(todo), name)
        try:
            imported = read_article_file(path)
        except BriefmarkError as exc:
            report.refused.append((name, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001
            # A reader library failing on a hostile file must not cost the other files.
            report.refused.append((name, f"{name} could not be read ({type(exc).__name__}: "
                                         f"{str(exc)[:200]}); it was not imported."))
            continue
        meta = imported.meta
        if overrides:
            meta = replace(meta, **{k: v for k, v in vars(overrides).items() if v})
        try:
            report.imported.append(project.articles.add(imported.text, meta))
        except DuplicateArticleError as exc:
            report.duplicates.append((name, exc.existing_id))
            continue
        except BriefmarkError as exc:  # a value the project refuses, e.g. a bad date
            report.refused.append((name, str(exc)))
            continue
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            report.refused.append((name, f"{name} was not imported: the project could not be "
                                         f"written ({reason})."))
            report.stopped = f"the project could not be written: {reason}"
            report.not_attempted = [display_name(p) for p in todo[n + 1:]]
            break
        if imported.note:
            report.notes.append((name, imported.note))
    if progress:
        progress(len(todo), len(todo), "")
    return report
