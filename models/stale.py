"""The refusal an undo or redo step gets when another program changed its rows since."""

from __future__ import annotations

from models.errors import BriefmarkError


class StaleChangeError(BriefmarkError):
    """A step no longer applies: the row it changed was deleted, changed or replaced by
    another program (the command line, a second window). Nothing was changed."""
