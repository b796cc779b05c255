"""Whether a project file changed since a moment: PRAGMA data_version, asked on a connection
of its own that never writes. It moves whenever any other connection commits, this
program's or another's; a pooled connection's own value misses its own writes, and the pool
hands out different ones. Lets a store keep a costly read (the People view's counts) until
the file changes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

from sqlalchemy import Engine, event


class DataVersion:
    """`now()` is a number that differs once anything was committed to the file since it
    was last asked, or None when it cannot be told (then nothing may be kept)."""

    def __init__(self, engine: Engine, forget: Callable[[], None]) -> None:
        self._engine, self._forget = engine, forget
        self._con: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def now(self) -> int | None:
        with self._lock:
            try:
                if self._con is None:
                    args, kwargs = self._engine.dialect.create_connect_args(self._engine.url)
                    self._con = sqlite3.connect(*args, **{**kwargs,
                                                          "check_same_thread": False})
                    if not event.contains(self._engine, "close", self._pool_closing):
                        event.listen(self._engine, "close", self._pool_closing)
                return int(self._con.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                return None

    def _pool_closing(self, _dbapi_con: object, _record: object) -> None:
        """A pooled connection closes (Project.close disposes of the pool): this one closes
        with it, before the pool's last one, so that closing the project leaves the file as
        it did (the last connection out folds the WAL in). A version from a new connection
        means nothing beside the old one's: `forget` drops what was kept."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
            self._forget()
