"""What a note will hold, before it is written: its sections with their counts, for the
export dialog's preview. Reads what the export reads (the chosen annotations and their
links), builds no Word XML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.briefing.content import gather
from models.briefing.docx_text import plural
from models.briefing.evidence import disagreements, gather_evidence
from models.briefing.front import count_phrase
from models.briefing.options import BriefingOptions, check_options
from models.errors import BriefmarkError
from models.kinds import KIND_PLURALS

if TYPE_CHECKING:
    from models.project import Project


def outline(project: Project, options: BriefingOptions) -> list[str]:
    """One line a section, in the note's order ("Claims: 4 claims: 1 false, …"); or the
    one line that says why no note can be made of these choices."""
    try:
        kinds = check_options(options)
        note = gather(project, options, kinds, None)
    except BriefmarkError as exc:
        return [str(exc)]
    note.evidence = gather_evidence(project, note)
    lines = []
    if any(line.strip() for line in options.bottom_line.splitlines()):
        lines.append("Bottom line")
    lines.append(f"Summary: {plural(len(note.items), 'annotation')} from "
                 f"{plural(len(note.sources), 'article')}")
    for kind in kinds:
        lines.append(f"{KIND_PLURALS[kind]}: {count_phrase(note.of_kind(kind), kind)}")
        if kind == "claim" and (disputed := disagreements(note)):
            lines.append(f"Where sources disagree: {plural(len(disputed), 'claim')}")
    if options.include_text:
        lines.append("Annotated text, with Word comments")
    tags = {t.casefold() for i in note.items for t in i.ann.tags}
    if tags:
        lines.append(f"Tags: {plural(len(tags), 'tag')}")
    return lines
