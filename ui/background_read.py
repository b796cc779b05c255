"""Reads of the whole project off the UI thread: names for completion, the timeline.

Counting every speaker, claimant and participant, or reading every event, reads the whole
annotation table (a quarter of a second or more at 125,000 annotations), so neither opening
a project nor the refresh after an edit waits for it: it runs on a thread of its own, on a
connection of its own from the project's pool, and the result comes back through `done` on
the UI thread. A newer request drops the result of an older one.

`wait()` hands the result over at once (waiting for the rest of it): a name field about to
be used before the count is in, so completion never offers a partial or an older project's
list. `forget()` before the project closes: a read still running finishes first, so no
connection outlives the file's close.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from models.errors import BriefmarkError
from models.project import Project

log = logging.getLogger(__name__)
_FAILURES = (BriefmarkError, SQLAlchemyError, OSError)


def completion_names(project: Project) -> tuple[dict[str, int], dict[str, str]]:
    """Every name in use with its count, the project's people (0 when no annotation names
    them yet) and their aliases: what the name fields complete from."""
    counts = project.annotations.name_counts()
    aliases = {}
    for person in project.people.list():
        counts.setdefault(person.name, 0)
        aliases.update(dict.fromkeys(person.aliases, person.name))
    return counts, aliases


class BackgroundRead(QObject):
    """`read(project, *args)` on a thread of its own, one request wanted at a time."""

    done = Signal(object, object)  # the project read, what `read` returned
    _finished = Signal(int, object)  # from the reading thread: generation, future

    def __init__(self, read: Callable[..., Any], parent: QObject | None = None, *,
                 name: str = "background-read") -> None:
        super().__init__(parent)
        self._read, self._name = read, name
        self._args: tuple[Any, ...] = ()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._project: Project | None = None  # the project the latest request reads
        self._due = False  # requested, not started yet (request(..., soon=True))
        self._pending: Future | None = None  # the read whose result is wanted
        self._started: list[Future] = []  # every read not known to be over, dropped or not
        self._generation = 0  # a result of an earlier request is dropped, never shown
        self._finished.connect(self._arrived)  # queued: emitted on the counting thread

    def request(self, project: Project, *args: Any, soon: bool = False) -> None:
        """Read `project` in the background; with `soon`, starting once the events already
        waiting (the first paint) are done. A read still running for an earlier request is
        left to finish and then dropped."""
        self._generation += 1
        self._project, self._pending, self._due = project, None, True
        self._args = args
        if soon:
            QTimer.singleShot(0, self, self._start)
        else:
            self._start()

    def _start(self) -> None:
        if not self._due or self._project is None:
            return
        self._due = False
        generation = self._generation
        future = self._pool.submit(self._read, self._project, *self._args)
        self._started = [f for f in self._started if not f.done()] + [future]
        self._pending = future  # before the callback, which runs at once if it is done
        future.add_done_callback(lambda f: self._finished.emit(generation, f))

    def pending(self) -> bool:
        return self._due or self._pending is not None

    def wait(self) -> None:
        """Hand over the result requested, waiting for it (starting it) if need be."""
        self._start()
        future, project = self._pending, self._project
        if future is None or project is None:
            return
        self._pending = None
        self._deliver(project, future)

    def forget(self) -> None:
        """Drop every read requested (their project is about to close): those not started
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
            result = future.result()
        except _FAILURES as exc:  # the file went away or is locked: keep what is shown
            log.warning("%s could not read %s: %s", self._name, project.path.name, exc)
            return
        self.done.emit(project, result)
