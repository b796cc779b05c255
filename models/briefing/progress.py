"""Progress reports and cancel checks, throttled so a UI callback never slows the export."""

from __future__ import annotations

from collections.abc import Callable

from models.briefing.options import ExportCancelled


class Ticker:
    def __init__(self, total: int, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled
        self._step = max(1, self.total // 100)  # report about once a percent
        self._next = 0

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled("Export cancelled; no file was written.")

    def tick(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total)
        if self.done >= self._next:
            self._next = self.done + self._step
            self.check()
            if self._progress is not None:
                self._progress(self.done, self.total)

    def finish(self) -> None:
        self.done = self.total
        if self._progress is not None:
            self._progress(self.total, self.total)
