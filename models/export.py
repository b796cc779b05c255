"""One way to export a project, shared by the command line and the app.

    from models.export import export_project
    result = export_project(project, "csv", Path("out.csv"), kinds=("quote",))

Every format goes through the same destination check (models/files.check_destination: no
folders, devices, pipes, dangling links, projects or their -wal/-shm/-journal files) and the
same atomic write, so a refusal, a failure or a cancel leaves every file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from models.errors import ExportError
from models.files import check_destination, write_atomically

if TYPE_CHECKING:
    from models.briefing import BriefingOptions
    from models.project import Project

FORMATS = ("json", "csv", "docx", "w3c")
SUFFIXES = {"json": ".json", "csv": ".csv", "docx": ".docx", "w3c": ".jsonld"}


@dataclass(frozen=True)
class ExportResult:
    path: Path    # the file written (".docx" added to a docx name without a suffix)
    format: str


def export_project(project: Project, fmt: str, out: Path, *,
                   article_ids: Iterable[int] = (), kinds: Iterable[str] = (),
                   options: BriefingOptions | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write `project` (or the chosen articles and kinds) to `out` as `fmt`.

    `options` are the briefing note's (docx only); their article_ids and kinds are taken
    from the arguments when those are given. Raises ExportError with one line for the user
    (unknown format or article, unusable destination, a damaged project, a full disk) and
    ExportCancelled when `cancelled()` turns true; `progress(done, total)` is called for
    docx and JSON. Nothing is left behind on failure.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    ids = tuple(article_ids)
    kinds = tuple(kinds)
    check_destination(out)  # the name as given: a folder is refused, not written beside

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            from models.briefing.options import ExportCancelled

            raise ExportCancelled()

    with _read_errors(project):
        for article_id in ids:
            project.articles.get(article_id)  # a clear error for an unknown id
        if fmt == "docx":
            return ExportResult(_docx(project, Path(out), ids, kinds, options, progress,
                                      cancelled), fmt)
        path = check_destination(out)
        if fmt == "json":  # written as it is read: a big project never sits in memory whole
            from models.json_export import write_json

            write_atomically(path, lambda f: write_json(
                project, f, article_ids=ids, kinds=kinds, progress=progress,
                cancelled=cancelled), before_replace=check_cancel)
        else:
            data = _serialise(project, fmt, ids, kinds)
            write_atomically(path, lambda f: f.write(data), before_replace=check_cancel)
    return ExportResult(path, fmt)


@contextmanager
def _read_errors(project: Project) -> Iterator[None]:
    """A project that cannot be read completely is one line for the user."""
    try:
        yield
    except (SQLAlchemyError, sqlite3.DatabaseError) as exc:
        raise ExportError(
            f"{project.path.name} could not be read completely ({getattr(exc, 'orig', exc)}); "
            "it may be damaged. Nothing was written; restore the project from a backup."
        ) from exc


def _serialise(project: Project, fmt: str, ids: tuple[int, ...],
               kinds: tuple[str, ...]) -> bytes:
    from models import exchange

    if fmt == "w3c":
        from models.web_annotation import export_web_annotations

        data = export_web_annotations(project, article_ids=ids, kinds=kinds)
        return exchange.dumps(data).encode("utf-8")
    # CSV with a BOM, so Excel reads it as UTF-8
    return exchange.export_csv(project, article_ids=ids, kinds=kinds).encode("utf-8-sig")


def _docx(project: Project, out: Path, ids: tuple[int, ...], kinds: tuple[str, ...],
          options: BriefingOptions | None, progress: Callable[[int, int], None] | None,
          cancelled: Callable[[], bool] | None) -> Path:
    from models.briefing import BriefingOptions, export_briefing

    options = options or BriefingOptions()
    if ids:
        options = replace(options, article_ids=ids)
    if kinds:
        options = replace(options, kinds=kinds)
    return export_briefing(project, out, options, progress=progress, cancelled=cancelled)
