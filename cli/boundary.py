"""The command line's edge: streams that cannot fail on a name, and one line for any error.

A terminal that cannot show a character (LC_ALL=C, PYTHONIOENCODING=ascii) gets an escape
instead of a UnicodeEncodeError; an error nobody foresaw is said in one line, not a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import sqlite3
import sys


def make_streams_safe() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def stdout_takes_unicode() -> bool:
    """Whether stdout's encoding can carry any character (else JSON is printed as ASCII)."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "\u05e9\U0001f600".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def describe(exc: BaseException, args: argparse.Namespace) -> str:
    """One line for an error that reached the command line's edge."""
    project = getattr(args, "project", "the project")
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    if isinstance(orig, sqlite3.DatabaseError):
        if "full" in str(orig):
            return "the disk is full. Free some space or choose another drive."
        return (f"{project} could not be read ({orig}); it may be damaged. Nothing was "
                "changed; restore it from a backup.")
    if isinstance(orig, OSError):
        where = f"{orig.filename}: " if orig.filename else ""
        if orig.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"{where}the disk is full. Free some space or choose another drive."
        if orig.errno in (errno.EACCES, errno.EPERM):
            return f"{where}permission denied. Check the file's and its folder's permissions."
        return f"{where}{orig.strerror or orig}."
    if isinstance(orig, UnicodeError):
        return (f"{project} holds text that is not valid Unicode ({orig}); it may be "
                "damaged or written by another program. Nothing was changed.")
    if isinstance(orig, RecursionError):
        return "the input is nested too deeply to read. Nothing was changed."
    if isinstance(orig, MemoryError):
        return "not enough memory for this input. Nothing was changed."
    return (f"unexpected error ({type(orig).__name__}: {orig}). Nothing more was changed; "
            "run again with BRIEFMARK_DEBUG=1 for details.")
