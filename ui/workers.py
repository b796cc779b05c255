"""Long work off the UI thread: a QThread with its own Project connection, a progress
dialog with Cancel, and the result handed back on the UI thread.

    Worker(window, "Importing…", project.path, work, on_done, on_error)

`work(project, cancelled, progress)` runs on the worker's thread with a Project of its own
(SQLite connections are per thread); `cancelled()` turns true once the user pressed Cancel,
and `progress(done, total, text="")` moves the dialog's bar and, with text, its label (it is
a signal: the dialog is only ever touched on the UI thread).

How it ends, always on the UI thread and exactly once:
- the work returned: `on_done(result)`; when the user had pressed Cancel, `on_cancelled()`
  instead, unless `keep_result_on_cancel` (an import reports what it stored before it saw
  the flag);
- the work raised one of `cancel_errors` (the engine noticed the flag): `on_cancelled()`;
- a BriefmarkError: `on_error(message)`, one line for the user;
- anything else: logged, and the app's error dialog (ui/errors.py) says so; the app goes on.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[..., None]  # progress(done, total, text="")
Work = Callable[[Any, Callable[[], bool], Progress], Any]

# How the work ended, sent from the worker's thread to the UI thread.
_DONE, _CANCELLED, _ERROR, _UNEXPECTED = "done", "cancelled", "error", "unexpected"


class _Job(QObject):
    ended = Signal(str, object, str)  # how, result, message (or details)
    progressed = Signal(int, int, str)

    def __init__(self, project_path: Path, work: Work,
                 cancel_errors: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self.project_path, self.work, self.cancel_errors = project_path, work, cancel_errors
        self.cancel = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.progressed.emit(int(done), int(total), text)

    def run(self) -> None:
        from models.errors import BriefmarkError
        from models.project import Project

        try:
            with Project.open(self.project_path) as project:
                result = self.work(project, self.cancel.is_set, self.progress)
            self.ended.emit(_DONE, result, "")
        except self.cancel_errors:
            self.ended.emit(_CANCELLED, None, "")
        except BriefmarkError as exc:
            self.ended.emit(_ERROR, None, str(exc))
        except Exception as exc:  # noqa: BLE001 - shown by the app's error dialog, logged
            details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            self.ended.emit(_UNEXPECTED, exc, details)


class Worker(QObject):
    """One piece of background work with its progress dialog (see the module's text)."""

    def __init__(self, parent: QWidget, label: str, project_path: Path, work: Work,
                 on_done: Callable[[Any], None], on_error: Callable[[str], None], *,
                 on_cancelled: Callable[[], None] | None = None,
                 cancel_errors: tuple[type[BaseException], ...] = (),
                 keep_result_on_cancel: bool = False, delay_ms: int = 400) -> None:
        super().__init__(parent)
        self.on_done, self.on_error, self.on_cancelled = on_done, on_error, on_cancelled
        self.keep_result_on_cancel = keep_result_on_cancel
        self.finished = False
        self.cancelled = False
        self.progress = QProgressDialog(label, "Cancel", 0, 0, parent)  # 0..0: busy
        self.progress.setObjectName("workProgress")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(delay_ms)
        self.progress.setAutoReset(False)  # a bar at its maximum is not the end of the work
        self.progress.setAutoClose(False)
        self.progress.canceled.connect(self.cancel)
        self.thread = QThread(self)
        self.job = _Job(project_path, work, cancel_errors)
        self.job.moveToThread(self.thread)
        self.thread.started.connect(self.job.run)
        # Ends the thread's event loop as soon as the work is over, from the worker's thread.
        self.job.ended.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.job.ended.connect(self._ended, Qt.ConnectionType.QueuedConnection)
        self.job.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._window = parent.window()
        self._window.installEventFilter(self)  # closing the window stops the work first
        self.thread.start()

    def cancel(self) -> None:
        if not self.finished:
            self.cancelled = True
            self.job.cancel.set()
            self.progress.setLabelText("Cancelling…")

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self.finished or self.cancelled:
            return
        if text:
            self.progress.setLabelText(text)
        if total > 0:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total))

    def _ended(self, how: str, result: object, message: str) -> None:
        if self.finished:
            return
        self.finished = True
        self._window.removeEventFilter(self)
        self.thread.quit()
        self.thread.wait(5000)
        shown = self.progress.isVisible()
        self.progress.reset()
        self.progress.hide()
        if shown and self._window.isVisible():
            # The dialog took activation; give it back, as a window manager would (without
            # one, under Xvfb or offscreen, keys would go nowhere until the user clicks).
            self._window.activateWindow()
        self.progress.deleteLater()
        self.deleteLater()
        if how == _DONE and (not self.cancelled or self.keep_result_on_cancel):
            self.on_done(result)
        elif how in (_DONE, _CANCELLED):
            if self.on_cancelled is not None:
                self.on_cancelled()
        elif how == _ERROR:
            self.on_error(message)
        else:
            from ui.errors import show_unexpected

            assert isinstance(result, BaseException)
            show_unexpected(result, message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Close and not self.finished:
            # A running QThread must not be destroyed with its window: stop the work, wait
            # for it (imports stop between files, the engines within a fraction of a second).
            self.cancel()
            self.thread.wait(30000)
        return False

    def wait(self, timeout_ms: int = 60000) -> bool:
        """Keep the event loop running (the window answers) until the work is done."""
        loop = QEventLoop()
        timer = QTimer(singleShot=True, interval=50)
        waited = [0]

        def check() -> None:
            waited[0] += 50
            if self.finished or waited[0] >= timeout_ms:
                loop.quit()
            else:
                timer.start()
        timer.timeout.connect(check)
        timer.start()
        loop.exec()
        return self.finished
