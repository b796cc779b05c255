"""Opening project files safely: recognise, check, back up, migrate, connect.

A file is only ever written after it has been recognised as a Briefmark project of this or an
older version and found intact; everything else is refused with the file left untouched.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text

from models.errors import CorruptProjectError, NewerProjectError, NotAProjectError, ProjectOpenError
from models.schema import APPLICATION_ID, Base

SQLITE_MAGIC = b"SQLite format 3\x00"
WRITE_OPTION = "briefmark_write"  # execution option: begin with BEGIN IMMEDIATE
MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0002"
KNOWN_REVISIONS = ("0001", "0002")  # oldest first; each file in migrations/versions


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


def inspect_file(path: Path) -> FileState:
    """Read a project's identity and version without changing a byte of it."""
    name = path.name
    try:
        if is_open_here(path):
            header = SQLITE_MAGIC.ljust(100, b"\0")  # open here already: it is a project
        else:
            with path.open("rb") as fh:
                header = fh.read(100)
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
        con = _connect_readonly(path, immutable=not writable)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise NotAProjectError(
                    f"{name} is an SQLite database but not a Briefmark project; it was not changed."
                )
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise CorruptProjectError(_corrupt_message(name))
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
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
    return FileState(revision=revision, writable=writable)


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


def _connect_readonly(path: Path, *, immutable: bool) -> sqlite3.Connection:
    # immutable=1 is the only way to read a WAL database whose folder is read-only.
    flag = "immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{flag}", uri=True)


def make_engine(path: Path, *, read_only: bool) -> Engine:
    if read_only:
        uri = f"{path.resolve().as_uri()}?immutable=1"
        engine = create_engine("sqlite:///" + uri + "&uri=true")
    else:
        engine = create_engine(f"sqlite:///{path}")

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
    """Create a new, empty project at the head schema version."""
    if not path.parent.is_dir():
        raise ProjectOpenError(
            f"Cannot create {path.name}: the folder {path.parent} does not exist."
        )
    tmp = path.with_name(path.name + ".creating")
    try:
        engine = make_engine(tmp, read_only=False)
        with engine.begin() as con:
            Base.metadata.create_all(con)
            con.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
            con.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                             "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
            con.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": HEAD_REVISION})
        with engine.connect() as con:
            con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        _remove_sidecars(tmp)
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        _remove_sidecars(tmp)
        raise ProjectOpenError(f"Cannot create {path}: {_reason(exc)}") from exc
    except Exception:
        tmp.unlink(missing_ok=True)
        _remove_sidecars(tmp)
        raise


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def backup_and_migrate(path: Path, revision: str) -> Path:
    """Copy the file to a timestamped backup beside it, then upgrade it to the head version."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.backup-{stamp}-schema{revision}{path.suffix}")
    # Fold any WAL content into the main file first so the backup is complete on its own.
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backup_con = sqlite3.connect(backup)
        with backup_con:
            con.backup(backup_con)
        backup_con.close()
    finally:
        con.close()

    from alembic import command
    from alembic.config import Config

    engine = make_engine(path, read_only=False)
    try:
        with engine.begin() as connection:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    return backup
