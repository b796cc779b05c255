"""The one clock every store stamps its rows with (kept apart so stores need not import
the project module that owns them)."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    """Current UTC time, millisecond precision, as written into the file."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
