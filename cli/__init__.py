"""The command line: the same entry point as the app (`main.py COMMAND ...`)."""

from cli.commands import COMMANDS, run_cli

__all__ = ["COMMANDS", "run_cli"]
