"""Who the user is: the name signed on new annotations and briefing notes.

The annotator belongs to the person at the keyboard, not to the project file: two
researchers sharing one file each sign their own work.
"""

from __future__ import annotations

import getpass
import os

ENV_VAR = "BRIEFMARK_ANNOTATOR"
FALLBACK = "Researcher"


def _full_name() -> str:
    try:
        import pwd
    except ImportError:  # not on POSIX
        return ""
    try:
        gecos = pwd.getpwuid(os.getuid()).pw_gecos
    except (KeyError, OSError):
        return ""
    # GECOS is "Full Name,room,phone,...": only the first part is the name.
    return " ".join(gecos.split(",")[0].split())


def _login_name() -> str:
    try:
        return getpass.getuser().strip()
    except (KeyError, OSError):
        return ""


def default_annotator() -> str:
    """BRIEFMARK_ANNOTATOR, else the OS full name, else the login name, else "Researcher"."""
    return (" ".join(os.environ.get(ENV_VAR, "").split()) or _full_name() or _login_name()
            or FALLBACK)


def initials(name: str) -> str:
    """Up to four capitals from a name's words ("Marta Kovač" -> "MK"), for Word comments."""
    return "".join(w[0] for w in name.split() if w[:1].isalnum())[:4].upper()
