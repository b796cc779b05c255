"""Briefmark: `main.py [PROJECT]` starts the app; `main.py COMMAND ...` runs the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from cli import COMMANDS, run_cli

    first = _first_word(args)
    if first is not None and (first in COMMANDS or first in ("-h", "--help")):
        return run_cli(args)
    if args and not args[0].startswith("-") and not _could_be_project(args[0]):
        import difflib

        close = difflib.get_close_matches(args[0], COMMANDS, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else " See main.py --help."
        print(f"main.py: '{args[0]}' is neither a command nor a project file.{hint}",
              file=sys.stderr)
        return 2
    from ui.app import run

    return run(args)


def _first_word(args: list[str]) -> str | None:
    """The word after the global options (`--annotator NAME`), if any."""
    i = 0
    while i < len(args) and (args[i] == "--annotator" or args[i].startswith("--annotator=")):
        i += 1 if "=" in args[i] else 2
    return args[i] if i < len(args) else None


def _could_be_project(arg: str) -> bool:
    """An existing file, or a new name with the project extension."""
    import os
    from pathlib import Path

    path = Path(arg).expanduser()
    return os.path.lexists(path) or path.suffix == ".briefmark"  # lexists never raises


if __name__ == "__main__":
    sys.exit(main())
