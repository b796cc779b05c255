"""The command line: the same entry point as the app (`main.py COMMAND ...`)."""

from cli.commands import COMMANDS, main, run_cli

__all__ = ["COMMANDS", "main", "run_cli"]
