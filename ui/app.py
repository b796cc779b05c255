"""Starting the desktop app: `main.py [PROJECT]`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from models.errors import BriefmarkError
from models.identity import ENV_VAR
from models.paths import ensure_default_project

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def _isolate_settings() -> None:
    """With BRIEFMARK_DATA_DIR set (tests, portable use) settings live there too."""
    folder = os.environ.get("BRIEFMARK_DATA_DIR")
    if folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def no_display() -> bool:
    """True on Linux when there is no screen to show a window on."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def make_app(argv: Sequence[str] = ()) -> QApplication:
    _isolate_settings()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName("Briefmark")
    app.setApplicationName("Briefmark")
    app.setApplicationDisplayName("Briefmark")
    app.setWindowIcon(QIcon(str(RESOURCES / "briefmark.svg")))
    return app  # type: ignore[return-value]


def choose_project(arg: str | None, settings: QSettings) -> tuple[Path, bool]:
    """The project to open: the argument (created if missing), else the last one, else the
    default project (created with the sample article on first run)."""
    if arg:
        return Path(arg), True
    last = settings.value("lastProject", "", type=str)
    if last and Path(last).exists():
        return Path(last), False
    return ensure_default_project(), False


def who_annotates(given: str | None, settings: QSettings, *, ask: bool = True) -> str | None:
    """The name for this session: --annotator, else BRIEFMARK_ANNOTATOR, else (None) the
    name in Preferences, asked once when none is stored (prefilled from the OS full name)."""
    from ui.preferences import ask_name_first_start

    named = " ".join((given or os.environ.get(ENV_VAR, "")).split())
    if named or not ask:
        return named or None
    return ask_name_first_start(settings, None)


def run(argv: Sequence[str] | None = None, *, exec_loop: bool = True,  # noqa: ANN201
        ask_name: bool | None = None):
    """Start the app; with exec_loop=False return the window (tests and benchmarks).

    The first start asks the user's name (ask_name; by default only when the app runs its
    own event loop: a window handed to a script has nobody to answer a question)."""
    parser = argparse.ArgumentParser(prog="main.py", description="Briefmark desktop app")
    parser.add_argument("project", nargs="?", help="project file (.briefmark) to open")
    parser.add_argument("--annotator", metavar="NAME",
                        help="name signed on new annotations this session (default: "
                             "$BRIEFMARK_ANNOTATOR, else the name in Preferences)")
    args, qt_args = parser.parse_known_args(list(argv or []))
    if no_display():
        print("main.py: no display was found, so the window cannot open. Run it in a desktop "
              "session, or use the command line (main.py --help).", file=sys.stderr)
        return 1
    app = make_app(qt_args)
    from ui.errors import install_excepthook, setup_logging
    from ui.main_window import MainWindow

    setup_logging()
    install_excepthook()
    ask = exec_loop if ask_name is None else ask_name
    window = MainWindow(annotator=who_annotates(args.annotator, QSettings(), ask=ask))
    try:
        path, create = choose_project(args.project, window.settings)
    except BriefmarkError as exc:
        QMessageBox.critical(None, "Briefmark", str(exc))
        return 1
    window.show()
    window.open_project(path, create=create)
    if not exec_loop:
        return window
    return app.exec()
