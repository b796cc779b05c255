"""One open project file and the services hung off it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError

from models import storage
from models.annotations import AnnotationStore
from models.articles import ArticleStore
from models.clock import now_iso
from models.errors import BriefmarkError, ProjectOpenError, ReadOnlyProjectError
from models.identity import default_annotator
from models.links import LinkStore
from models.people import PeopleStore
from models.schema import SettingRow
from models.values import ArticleSummary

PROJECT_SUFFIX = ".briefmark"
_UNSEEN = object()
__all__ = ["PROJECT_SUFFIX", "Project", "now_iso"]  # now_iso re-exported until callers move
_checks: ThreadPoolExecutor | None = None  # integrity checks run beside a first reading


def _check_pool() -> ThreadPoolExecutor:
    global _checks
    if _checks is None:
        _checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="integrity-check")
    return _checks


class Project:
    """An open .briefmark file. Every change is committed before the call returns."""

    def __init__(self, path: Path, *, read_only: bool, backup: Path | None = None,
                 annotator: str | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.backup = backup  # set when opening upgraded an older file
        self.engine = storage.make_engine(path, read_only=read_only)
        self._write_engine = self.engine.execution_options(**{storage.WRITE_OPTION: True})
        storage.mark_open(path)
        self._closed = False
        self.articles = ArticleStore(self)
        self.annotations = AnnotationStore(self)
        self.people = PeopleStore(self)
        self.links = LinkStore(self)
        # The user's name, signed on new annotations and notes: it belongs to the person at
        # the keyboard, so it is never read from or written to the file.
        self.annotator: str = " ".join((annotator or "").split()) or default_annotator()
        self._known: object = _UNSEEN  # the revision after our last write or look
        self._check: Future[None] | None = None  # an integrity check still running
        self._outside_pending = False  # an outside write noticed during one of ours

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, annotator: str | None = None,
             check_beside: bool = False) -> Project:
        """Open a project; with `create`, a missing file becomes a new empty project.

        Raises ProjectOpenError (with a message for the user) and leaves the file untouched
        when it is not a project, newer, damaged or unreadable. A file that cannot be written
        opens read-only.

        With `check_beside`, a file already at the current version (and in WAL mode, so
        connecting writes nothing) is handed over while its integrity check, which reads
        the whole file, still runs on another thread: the caller reads meanwhile and calls
        `intact()` before showing anything. Nothing is written until the check has passed
        (`writing()` waits for it). An older file is always checked before it is upgraded.
        """
        path = Path(path).expanduser()
        try:
            exists = path.exists()
        except OSError as exc:
            raise ProjectOpenError(f"{path} cannot be reached: {exc.strerror or exc}.") from exc
        if not exists:
            if os.path.islink(path):  # a dangling or looping link: said, never replaced
                storage.check_new_name(path)
            if not create:
                raise ProjectOpenError(f"{path} does not exist.")
            storage.create_project_file(path)
        state = storage.inspect_file(path, check=not check_beside)
        beside = check_beside and state.wal and state.revision == storage.HEAD_REVISION
        if check_beside and not beside:
            storage.check_intact(path, writable=state.writable)
        backup = None
        if state.revision != storage.HEAD_REVISION:
            if not state.writable:
                raise ProjectOpenError(
                    f"{path.name} was made by an older Briefmark and must be upgraded, but it "
                    "cannot be written here. Copy it to a writable folder and open the copy."
                )
            # Raises ProjectOpenError worded by what exists (no backup made, or where it is).
            backup = storage.backup_and_migrate(path, state.revision)
        check = _check_pool().submit(storage.check_intact, path, writable=state.writable) \
            if beside else None
        try:
            project = cls(path, read_only=not state.writable, backup=backup,
                          annotator=annotator)
        except BaseException:
            if check is not None:
                wait_for([check])
            raise
        project._check = check
        try:
            with project.engine.connect() as con:
                con.exec_driver_sql("SELECT count(*) FROM article").fetchone()
        except DBAPIError as exc:
            project.close()
            raise ProjectOpenError(f"{path.name} cannot be opened: {exc.orig}") from exc
        return project

    @classmethod
    def open_with_articles(cls, path: str | Path, *, create: bool = False,
                           annotator: str | None = None) -> tuple[Project, list[ArticleSummary]]:
        """Open a project and list its articles, as the window shows them first: the
        listing runs while the file's integrity check does (the two take about as long at
        5,000 articles), and a damaged file is refused as `open` refuses it."""
        project = cls.open(path, create=create, annotator=annotator, check_beside=True)
        try:
            try:
                articles = project.articles.list()
            except DBAPIError as exc:
                project.intact()  # a damaged file is said to be damaged
                raise ProjectOpenError(
                    f"{project.path.name} cannot be opened: {exc.orig}") from exc
            project.intact()
        except BaseException:
            project.close()
            raise
        return project, articles

    def intact(self) -> None:
        """Wait for an integrity check still running (`open(check_beside=True)`); raises
        CorruptProjectError when the file failed it, every time it is asked."""
        check = self._check
        if check is not None:
            check.result()
            self._check = None

    def close(self) -> None:
        if self._check is not None:  # its connection reads the file: let it finish first
            wait_for([self._check])
        self.engine.dispose()
        if not self._closed:
            self._closed = True
            storage.mark_closed(self.path)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as con:
            yield con

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction for one user action; database failures become clear errors."""
        if self.read_only:
            raise ReadOnlyProjectError(
                f"{self.path.name} is open read-only (the file or its folder cannot be "
                "written). Save a copy elsewhere to make changes."
            )
        self.intact()  # never write to a file not yet found intact
        try:
            with self._write_engine.begin() as con:
                yield con
                before = con.exec_driver_sql(self._REVISION).scalar()
                if self._known is not _UNSEEN and before != self._known:
                    self._outside_pending = True  # someone wrote since we last looked
                con.exec_driver_sql(self._BUMP)
                self._known = con.exec_driver_sql(self._REVISION).scalar()
        except DBAPIError as exc:
            raise BriefmarkError(
                f"The change could not be saved to {self.path.name}: {exc.orig}. "
                "Nothing was changed."
            ) from exc

    # Every write through `writing()` bumps this counter in the same transaction, so any
    # Briefmark process can tell whether someone else has written since it last looked.
    _BUMP = ("INSERT INTO setting (key, value) VALUES ('revision', '1') ON CONFLICT (key) "
             "DO UPDATE SET value = CAST(value AS INTEGER) + 1")
    _REVISION = "SELECT value FROM setting WHERE key = 'revision'"

    def changed_elsewhere(self) -> bool:
        """Whether another program (the command line, a second window) changed the content
        since this Project last wrote or looked; the app polls this to stay current."""
        with self.reading() as con:
            now = con.exec_driver_sql(self._REVISION).scalar()
        changed = self._outside_pending or (self._known is not _UNSEEN and now != self._known)
        self._known = now
        self._outside_pending = False
        if changed:  # an article may have been deleted and its id given to another
            self.annotations.forget_texts()
        return changed

    # -- per-project settings -------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        with self.reading() as con:
            value = con.scalar(select(SettingRow.value).where(SettingRow.key == key))
        return default if value is None else value

    def update_setting(self, key: str, change: Callable[[str], str]) -> str:
        """Read, change and write one setting in one transaction, so that another program
        changing it at the same moment is not overwritten; returns the new value."""
        from sqlalchemy.dialects.sqlite import insert

        with self.writing() as con:
            old = con.scalar(select(SettingRow.value).where(SettingRow.key == key)) or ""
            value = change(old)
            stmt = insert(SettingRow).values(key=key, value=value)
            con.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
        return value
