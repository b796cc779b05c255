"""Note definitions kept in the project by name: the choices, title and bottom line of a
briefing note, to export it again after more work (`main.py export --note NAME`).

Stored as one JSON object in the project's settings ({name: options}); each change reads and
writes it in one transaction, so two programs saving at once both keep theirs.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.briefing.options import BriefingOptions
from models.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from models.project import Project

KEY = "briefing.notes"
_TUPLES = {f.name for f in fields(BriefingOptions) if f.type.startswith("tuple")}


def _read(raw: str) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}  # another tool broke it: as if none were saved, never a crash
    return {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(
        data, dict) else {}


def names(project: Project) -> list[str]:
    """The saved notes' names, in any case order."""
    return sorted(_read(project.setting(KEY)), key=str.casefold)


def save(project: Project, name: str, options: BriefingOptions) -> None:
    """Keep `options` under `name` (replacing one of that name)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Give the note a name to save it under.")
    value = asdict(options)
    value["template"] = str(options.template) if options.template else ""

    def change(raw: str) -> str:
        saved = _read(raw)
        saved[name] = value
        return json.dumps(saved, ensure_ascii=False, sort_keys=True)
    project.update_setting(KEY, change)


def load(project: Project, name: str) -> BriefingOptions:
    saved = _read(project.setting(KEY))
    key = next((n for n in saved if n.casefold() == " ".join(name.split()).casefold()), None)
    if key is None:
        known = ", ".join(sorted(saved, key=str.casefold)) or "none yet"
        raise NotFoundError(f"No saved note is called “{name}” (saved: {known}).")
    values = {}
    for f in fields(BriefingOptions):
        if f.name not in saved[key]:
            continue  # saved by an earlier Briefmark: the default
        value = saved[key][f.name]
        if f.name in _TUPLES:
            value = tuple(value) if isinstance(value, list) else ()
        elif f.name == "template":
            value = Path(value) if value else None
        values[f.name] = value
    return BriefingOptions(**values)


def forget(project: Project, name: str) -> None:
    def change(raw: str) -> str:
        saved = _read(raw)
        key = next((n for n in saved if n.casefold() == name.casefold()), None)
        if key is None:
            raise NotFoundError(f"No saved note is called “{name}”.")
        del saved[key]
        return json.dumps(saved, ensure_ascii=False, sort_keys=True)
    project.update_setting(KEY, change)
