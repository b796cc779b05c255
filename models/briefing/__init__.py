"""Word briefing notes: a readable .docx of chosen articles and their annotations.

    from models.briefing import BriefingOptions, export_briefing
    export_briefing(project, Path("note.docx"), BriefingOptions(article_ids=(3,)))

What goes where is described in docs/briefing.md. This package never imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from models.briefing.builder import build_document, work_units
from models.briefing.content import gather
from models.briefing.docx_text import one_line
from models.briefing.evidence import gather_evidence
from models.briefing.options import BriefingOptions, ExportCancelled, check_options
from models.briefing.progress import Ticker
from models.files import check_destination, write_atomically

if TYPE_CHECKING:
    from models.project import Project

__all__ = ["BriefingOptions", "ExportCancelled", "export_briefing"]


def export_briefing(project: Project, out: Path, options: BriefingOptions, *,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> Path:
    """Write the briefing note to `out` (".docx" is added when it has no suffix).

    Returns the path written. Raises ExportError with a one-line message for the user when
    the options, the template or the destination are unusable, and ExportCancelled when
    `cancelled()` turns true; in every failure no file is left and an earlier file of the
    same name is untouched. `progress(done, total)` is called about once a percent.
    """
    out = Path(out).expanduser()
    check_destination(out)  # the name as given: a folder is refused, not written beside it
    if not out.suffix:
        out = out.with_suffix(".docx")
    kinds = check_options(options)
    out = check_destination(out)
    note = gather(project, options, kinds, cancelled)
    note.evidence = gather_evidence(project, note)
    note.roles = {one_line(p.name).casefold(): p.description
                  for p in project.people.list() if p.description.strip()}
    build, save = work_units(note)
    ticker = Ticker(build + save, progress, cancelled)
    ticker.tick(0)
    document = build_document(note, ticker)
    ticker.check()

    def write(f: IO[bytes]) -> None:
        document.save(f)

    try:
        write_atomically(out, write, before_replace=ticker.check)
    finally:
        _release(document)
    ticker.finish()
    return out


def _release(document: object) -> None:
    """Free the built XML now: python-docx's parts refer to each other in cycles, so without
    this the tree (tens of MB for a long article) waits for the cycle collector."""
    for part in document.part.package.iter_parts():  # type: ignore[attr-defined]
        element = getattr(part, "_element", None)
        if element is not None:
            element.clear()
