"""Long work off the UI thread: a QThread with its own Project connection, a progress
dialog with Cancel, and the result handed back on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Job(QObject):
    done = Signal(object, str)  # result, error message ("" when it worked)

    def __init__(self, project_path: Path, work: Callable[[Any, Callable[[], bool]], Any]) -> None:
        super().__init__()
        self.project_path, self.work = project_path, work
        self.cancel = threading.Event()

    def run(self) -> None:
        from models.errors import BriefmarkError
        from models.project import Project

        try:
            with Project.open(self.project_path) as project:
                result = self.work(project, self.cancel.is_set)
            self.done.emit(result, "")
        except BriefmarkError as exc:
            self.done.emit(None, str(exc))
        except Exception as exc:  # noqa: BLE001 - said to the user, logged
            import logging

            logging.getLogger("briefmark").exception("background work failed")
            self.done.emit(None, f"Unexpected error: {exc}")


class Worker(QObject):
    """One piece of background work. `on_done(result)` runs on the UI thread unless the
    user pressed Cancel (then the result is dropped: the work must write nothing that is
    not whole, or check `cancelled` itself)."""

    def __init__(self, parent: QWidget, label: str, project_path: Path,
                 work: Callable[[Any, Callable[[], bool]], Any],
                 on_done: Callable[[Any], None], on_error: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.on_done, self.on_error = on_done, on_error
        self.finished = False
        self.cancelled = False
        self.progress = QProgressDialog(label, "Cancel", 0, 0, parent)  # 0..0: busy
        self.progress.setObjectName("workProgress")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.canceled.connect(self._cancel)
        self.thread = QThread(self)
        self.job = _Job(project_path, work)
        self.job.moveToThread(self.thread)
        self.thread.started.connect(self.job.run)
        self.job.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.thread.start()

    def _cancel(self) -> None:
        self.cancelled = True
        self.job.cancel.set()

    def _done(self, result: object, error: str) -> None:
        self.finished = True
        self.thread.quit()
        self.thread.wait(5000)
        self.progress.reset()
        self.progress.hide()
        if not self.cancelled:
            if error:
                self.on_error(error)
            else:
                self.on_done(result)
        self.deleteLater()

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
