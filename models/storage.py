"""Opening project files safely: recognise, check, back up, migrate, connect.

A file is only ever written after it has been recognised as a Briefmark project of this or an
older version and found intact; everything else is refused with the file left untouched.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from models.errors import CorruptProjectError, NewerProjectError, NotAProjectError, ProjectOpenError
from models.schema import APPLICATION_ID, Base

SQLITE_MAGIC = b"SQLite format 3\x00"
WRITE_OPTION = "briefmark_write"  # execution option: begin with BEGIN IMMEDIATE
MIGRATIONS = Path(__file__).with_name("migrations")
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")  # files SQLite keeps beside a database


# Every schema revision this version can open, oldest first. Kept here rather than read
# from the Alembic scripts so that opening a file already at the head never imports alembic
# (about a second on a cold start); tests/core/test_path_safety.py checks these against the
# scripts, so a new migration cannot be forgotten here.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")
HEAD_REVISION: str = KNOWN_REVISIONS[-1]


def known_revisions() -> tuple[str, ...]:
    return KNOWN_REVISIONS


def sqlite_uri(path: Path, **params: str) -> str:
    """A `file:` URI naming exactly `path`: `%`, `?`, `#`, spaces and non-ASCII in a name
    are escaped, so SQLite never reads part of a file name as URI syntax."""
    uri = "file:" + quote(os.path.abspath(path), safe="/")
    if params:
        uri += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return uri


def companions(path: Path) -> list[Path]:
    """The files SQLite may keep beside `path` (beside its real target when it is a link)."""
    real = os.path.realpath(path)
    return [Path(real + suffix) for suffix in COMPANION_SUFFIXES]


def check_regular(path: Path) -> os.stat_result:
    """Stat `path` and refuse, with a message, anything but a regular file (a FIFO would
    hang the first read; a device or socket is not a project)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if os.path.islink(path):
            raise ProjectOpenError(_dangling_message(path)) from None
        raise ProjectOpenError(f"{path} does not exist.") from None
    except PermissionError:
        raise ProjectOpenError(
            f"{path.name} cannot be read (permission denied). Check the file's permissions."
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ProjectOpenError(_loop_message(path)) from None
        raise ProjectOpenError(f"{path} cannot be reached: {_reason(exc)}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise NotAProjectError(f"{path} is a folder, not a Briefmark project file.")
    if not stat.S_ISREG(st.st_mode):
        raise NotAProjectError(
            f"{path} is not a regular file (a device, pipe or socket), so it is not a "
            "Briefmark project. Open a .briefmark file.")
    return st


def check_new_name(path: Path) -> None:
    """Refuse to create a project where a name already stands, even one that leads nowhere
    (a dangling or looping symbolic link would otherwise be replaced by the new file)."""
    if os.path.islink(path):
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise ProjectOpenError(_loop_message(path)) from None
            raise ProjectOpenError(_dangling_message(path)) from None
    if os.path.lexists(path):
        raise ProjectOpenError(f"{path} already exists; it was not changed.")


def _dangling_message(path: Path) -> str:
    return (f"{path} is a symbolic link to {os.readlink(path)}, which does not exist. "
            "Briefmark will not replace the link; fix or remove it, or choose another name.")


def _loop_message(path: Path) -> str:
    return (f"{path} is a symbolic link that leads back to itself (a loop). Briefmark will "
            "not replace it; fix or remove the link, or choose another name.")


# Files this process has open through SQLite, by (device, inode). Closing *any* plain file
# handle on such a file drops all of this process's POSIX locks on it, after which another
# process can checkpoint and delete the WAL under us; so we never open() them ourselves.
_OPEN_HERE: dict[tuple[int, int], int] = {}


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def mark_open(path: Path) -> None:
    key = _file_key(path)
    if key is not None:
        _OPEN_HERE[key] = _OPEN_HERE.get(key, 0) + 1


def mark_closed(path: Path) -> None:
    key = _file_key(path)
    if key is not None and key in _OPEN_HERE:
        _OPEN_HERE[key] -= 1
        if not _OPEN_HERE[key]:
            del _OPEN_HERE[key]


def is_open_here(path: Path) -> bool:
    key = _file_key(path)
    return key is not None and key in _OPEN_HERE


@dataclass(frozen=True)
class FileState:
    revision: str
    writable: bool
    wal: bool = False  # the header says WAL: connecting will not change the journal mode


def inspect_file(path: Path, *, check: bool = True) -> FileState:
    """Read a project's identity and version without changing a byte of it. With `check`
    false the integrity check (PRAGMA quick_check, which reads the whole file) is left for
    `check_intact`, for a caller that runs it beside other reading."""
    name = path.name
    check_regular(path)
    try:
        if is_open_here(path):
            header = SQLITE_MAGIC.ljust(100, b"\0")  # open here already: it is a project
        else:
            header = _read_header(path)
    except IsADirectoryError:
        raise NotAProjectError(f"{path} is a folder, not a Briefmark project file.") from None
    except PermissionError:
        raise ProjectOpenError(
            f"{name} cannot be read (permission denied). Check the file's permissions."
        ) from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotAProjectError(
            f"{name} is not a Briefmark project. Open a .briefmark file, or import it "
            "as an article with File ▸ Import articles."
        )
    if not is_open_here(path) and not has_project_id(header):
        # Decided from the header alone: SQLite never touches (or adds files beside) a
        # database that is not ours.
        raise NotAProjectError(
            f"{name} is an SQLite database but not a Briefmark project; it was not changed.")
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    try:
        with _connect_for_inspection(path, writable=writable) as con:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise NotAProjectError(
                    f"{name} is an SQLite database but not a Briefmark project; it was not changed."
                )
            if check:
                _quick_check(con, name)
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CorruptProjectError(_corrupt_message(name)) from exc
    if row is None:
        raise CorruptProjectError(_corrupt_message(name))
    revision = row[0]
    if revision not in KNOWN_REVISIONS:
        raise NewerProjectError(
            f"{name} was saved by a newer version of Briefmark (schema {revision}). "
            "Update Briefmark to open it; the file was not changed."
        )
    # Bytes 18-19 (write and read versions) are 2 in a WAL database.
    return FileState(revision=revision, writable=writable, wal=header[18:20] == b"\x02\x02")


def check_intact(path: Path, *, writable: bool) -> None:
    """The integrity check `inspect_file(check=False)` left out, on a connection of its own
    (so it may run on another thread); raises CorruptProjectError."""
    try:
        with _connect_for_inspection(path, writable=writable) as con:
            _quick_check(con, path.name)
    except sqlite3.DatabaseError as exc:
        raise CorruptProjectError(_corrupt_message(path.name)) from exc


def _quick_check(con: sqlite3.Connection, name: str) -> None:
    if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise CorruptProjectError(_corrupt_message(name))


def has_project_id(header: bytes) -> bool:
    """Whether a file's first 100 bytes are an SQLite header carrying Briefmark's id."""
    return (header.startswith(SQLITE_MAGIC) and len(header) >= 72
            and int.from_bytes(header[68:72], "big") == APPLICATION_ID)


def _corrupt_message(name: str) -> str:
    return (
        f"{name} is damaged and cannot be opened; it was not changed. "
        "Restore it from a backup (Briefmark keeps *.backup-* copies beside the project "
        "before each upgrade)."
    )


def _read_header(path: Path) -> bytes:
    # O_NONBLOCK: should the name become a FIFO after the check, open() still returns.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAProjectError(f"{path} is not a regular file, so it is not a project.")
        return os.read(fd, 100)
    finally:
        os.close(fd)


def _has_wal(path: Path) -> bool:
    wal = companions(path)[0]
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


@contextmanager
def _connect_for_inspection(path: Path, *, writable: bool) -> Iterator[sqlite3.Connection]:
    """A connection for reading the identity and checking the file that adds no file beside
    it: without a WAL the main file holds everything and immutable=1 reads it as it is."""
    folder: Path | None = None
    if not _has_wal(path):
        con = sqlite3.connect(sqlite_uri(path, immutable="1"), uri=True)
    elif writable:
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    else:
        copy = _reading_copy(path)
        folder = copy.parent
        con = sqlite3.connect(sqlite_uri(copy, immutable="1"), uri=True)
    try:
        yield con
    finally:
        con.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _reading_copy(path: Path) -> Path:
    """A private copy of a read-only project with its WAL folded in.

    immutable=1 (the only way SQLite reads a WAL database it cannot write beside) ignores
    the -wal file, and with it committed work; so we copy both files to a folder of our own,
    let SQLite recover the WAL there and read the copy.
    """
    folder = Path(tempfile.mkdtemp(prefix="briefmark-read-"))
    copy = folder / "project.briefmark"
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(companions(path)[0], Path(f"{copy}-wal"))
        con = sqlite3.connect(copy)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    except (OSError, sqlite3.Error) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise ProjectOpenError(
            f"{path.name} cannot be read completely: its recent changes are in "
            f"{path.name}-wal, which cannot be read here ({_reason(exc)}). Ask its owner to "
            "open and close it once, or copy both files to a folder of your own.") from exc
    return copy


def make_engine(path: Path, *, read_only: bool) -> Engine:
    folder: Path | None = None
    if read_only and _has_wal(path):
        target = _reading_copy(path)
        folder = target.parent
    else:
        target = path
    if read_only:
        database = sqlite_uri(target, immutable="1")
    else:
        database = sqlite_uri(target, mode="rw")  # never creates: the file was made first
    engine = create_engine(URL.create("sqlite", database=database, query={"uri": "true"}))
    if folder is not None:
        weakref.finalize(engine, shutil.rmtree, folder, ignore_errors=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy say BEGIN itself (pysqlite would begin only at the first write,
        # after our reads): see the "begin" listener below.
        dbapi_con.isolation_level = None
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=5000")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A write takes the write lock up front, so that what it reads first (the next id,
        # the revision) cannot change under it before it writes: another process waits
        # (busy_timeout) instead of failing halfway.
        immediate = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def create_project_file(path: Path) -> None:
    """Create a new, empty project at the head schema version.

    The file is built under a temporary name and then linked to `path`, which fails rather
    than replace anything that appeared there meanwhile.
    """
    check_new_name(path)
    if not path.parent.is_dir():
        raise ProjectOpenError(
            f"Cannot create {path.name}: the folder {path.parent} does not exist."
        )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.creating")
    try:
        _remove_sidecars(tmp)
        tmp.unlink(missing_ok=True)
        # One connection of our own, closed whatever happens: a failure (a full disk) must
        # not leave it open on the deleted temporary file until the garbage collector runs.
        raw = sqlite3.connect(sqlite_uri(tmp, mode="rwc"), uri=True, isolation_level=None)
        try:
            raw.execute("PRAGMA journal_mode=WAL")
            engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
            with engine.begin() as con:
                Base.metadata.create_all(con)
                con.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
                con.execute(text(
                    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
                con.execute(text("INSERT INTO alembic_version VALUES (:v)"),
                            {"v": HEAD_REVISION})
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()  # closes `raw` too
        finally:
            raw.close()
        _remove_sidecars(tmp)
        os.link(tmp, path)
        tmp.unlink()
    except FileExistsError:
        _discard(tmp)
        raise ProjectOpenError(f"{path} already exists; it was not changed.") from None
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        _discard(tmp)
        raise ProjectOpenError(f"Cannot create {path}: {_reason(exc)}") from exc
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    tmp.unlink(missing_ok=True)
    _remove_sidecars(tmp)


def _remove_sidecars(path: Path) -> None:
    for suffix in COMPANION_SUFFIXES:
        Path(str(path) + suffix).unlink(missing_ok=True)


def _reason(exc: BaseException) -> str:
    """The cause in words a user knows; a full disk is said as such."""
    orig = getattr(exc, "orig", None) or exc
    errnum = getattr(orig, "errno", None)
    text_ = str(orig)
    if errnum in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in text_ \
            or getattr(orig, "sqlite_errorname", "") == "SQLITE_FULL":
        return "the disk is full. Free some space or choose another drive"
    return getattr(orig, "strerror", None) or text_ or type(orig).__name__


def backup_and_migrate(path: Path, revision: str) -> Path:
    """Copy the file to a timestamped backup beside it, then upgrade it to the head version.

    Raises ProjectOpenError worded by what exists: a backup that could not be completed is
    removed (never left as a 0-byte file to point the user to); when the upgrade itself fails
    the original is rolled back and the message names the backup.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.backup-{stamp}-schema{revision}{path.suffix}")
    n = 1
    while os.path.lexists(backup):  # never write into an earlier backup of the same second
        n += 1
        backup = path.with_name(
            f"{path.stem}.backup-{stamp}-{n}-schema{revision}{path.suffix}")
    # Fold any WAL content into the main file first so the backup is complete on its own.
    try:
        con = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            backup_con = sqlite3.connect(sqlite_uri(backup, mode="rwc"), uri=True)
            try:
                with backup_con:
                    con.backup(backup_con)
            finally:
                backup_con.close()
        finally:
            con.close()
    except (OSError, sqlite3.Error) as exc:
        _discard(backup)
        raise ProjectOpenError(
            f"{path.name} must be upgraded, but no backup could be made first "
            f"({_reason(exc)}). It was not changed and no backup was left.") from exc

    from alembic import command
    from alembic.config import Config

    try:
        engine = make_engine(path, read_only=False)
        try:
            with engine.begin() as connection:
                cfg = Config()
                cfg.set_main_option("script_location", str(MIGRATIONS))
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
        finally:
            engine.dispose()
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        raise ProjectOpenError(
            f"{path.name} could not be upgraded ({_reason(exc)}); the upgrade was undone. "
            f"A copy made before it is at {backup}.") from exc
    return backup
