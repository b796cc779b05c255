"""Names for completion, counted off the UI thread.

Counting every speaker, claimant and participant reads the whole annotation table (a quarter
of a second at 125,000 annotations), so neither opening a project nor the refresh after an
edit waits for it: it runs on a thread of its own, on a connection of its own from the
project's pool, and the result comes back through `counted` on the UI thread.

A name field that is about to be used before the count is in calls `wait()`, which hands
the count over at once (waiting for the rest of it), so completion never offers a partial
or an older project's list. `forget()` before the project closes: a count still running
finishes first, so no connection outlives the file's close.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from models.errors import BriefmarkError
from models.project import Project

log = logging.getLogger(__name__)
_FAILURES = (BriefmarkError, SQLAlchemyError, OSError)


def completion_names(project: Project) -> tuple[dict[str, int], dict[str, str]]:
    """Every name in use with its count, the project's people (0 when no annotation names
    them yet) and their aliases."""
    counts = project.annotations.name_counts()
    aliases = {}
    for person in project.people.list():
        counts.setdefault(person.name, 0)
        aliases.update(dict.fromkeys(person.aliases, person.name))
    return counts, aliases


class NameCounter(QObject):
    # the project counted, ({name: annotations naming it}, {alias: the person's name})
    counted = Signal(object, object)
    _finished = Signal(int, object)  # from the counting thread: generation, future

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="name-counts")
        self._project: Project | None = None  # the project the latest request counts
        self._due = False  # requested, not started yet (count(..., soon=True))
        self._pending: Future | None = None  # the count whose result is wanted
        self._started: list[Future] = []  # every count not known to be over, dropped or not
        self._generation = 0  # a result of an earlier request is dropped, never shown
        self._finished.connect(self._arrived)  # queued: emitted on the counting thread

    def count(self, project: Project, *, soon: bool = False) -> None:
        """Count `project`'s names in the background; with `soon`, starting once the
        events already waiting (the first paint) are done. A count still running for an
        earlier request is left to finish and then dropped."""
        self._generation += 1
        self._project, self._pending, self._due = project, None, True
        if soon:
            QTimer.singleShot(0, self, self._start)
        else:
            self._start()

    def _start(self) -> None:
        if not self._due or self._project is None:
            return
        self._due = False
        generation = self._generation
        future = self._pool.submit(completion_names, self._project)
        self._started = [f for f in self._started if not f.done()] + [future]
        self._pending = future  # before the callback, which runs at once if it is done
        future.add_done_callback(lambda f: self._finished.emit(generation, f))

    def pending(self) -> bool:
        return self._due or self._pending is not None

    def wait(self) -> None:
        """Hand over the count requested, waiting for it (starting it) if need be."""
        self._start()
        future, project = self._pending, self._project
        if future is None or project is None:
            return
        self._pending = None
        self._deliver(project, future)

    def forget(self) -> None:
        """Drop every count requested (their project is about to close): those not started
        never start, those running are waited for, so no connection outlives the close."""
        started, self._started = self._started, []
        self._pending, self._project, self._due = None, None, False
        self._generation += 1
        for future in started:
            future.cancel()  # only one not yet started is cancelled
        wait_for(started)

    def _arrived(self, generation: int, future: Future) -> None:
        if generation != self._generation or future is not self._pending:
            return  # dropped, or already handed over by wait()
        self._pending = None
        if self._project is not None:
            self._deliver(self._project, future)

    def _deliver(self, project: Project, future: Future) -> None:
        try:
            counts = future.result()
        except _FAILURES as exc:  # the file went away or is locked: keep the names shown
            log.warning("Names for completion could not be counted: %s", exc)
            return
        self.counted.emit(project, counts)
