"""Briefmark: `main.py [PROJECT]` starts the app; `main.py COMMAND ...` runs the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from cli import COMMANDS, run_cli

    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help")):
        return run_cli(args)
    from ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
