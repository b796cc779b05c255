"""Unexpected errors: logged to a file in the user data folder and shown in a dialog.

The app keeps running: everything already saved was committed when it was made.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from models.paths import data_dir

log = logging.getLogger("briefmark")


def log_path() -> str:
    return str(data_dir() / "briefmark.log")


def setup_logging() -> None:
    try:
        data_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_path(), encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    details = "".join(traceback.format_exception(kind, value, tb))
    if QApplication.instance() is None:
        log.error("unexpected error\n%s", details)
        sys.__excepthook__(kind, value, tb)
        return
    show_unexpected(value, details)


def show_unexpected(value: BaseException, details: str) -> None:
    """Log an error nobody foresaw and say so in the app's error dialog (the traceback only
    behind "Show Details…" and in the log); used by the hook and by background workers."""
    log.error("unexpected error\n%s", details)
    box = QMessageBox(QApplication.activeWindow())
    box.setObjectName("unexpectedError")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Briefmark: unexpected error")
    box.setText("Something went wrong, but your work is safe: every change was saved when "
                "you made it.")
    box.setInformativeText(f"{type(value).__name__}: {value}\n\nThe details are also in "
                           f"{log_path()}.")
    box.setDetailedText(details)
    box.exec()


def install_excepthook() -> None:
    sys.excepthook = _hook
