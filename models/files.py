"""Writing output files (notes, exports) so that a failure or a cancel never leaves a
half-written file.

The bytes go to a hidden temporary file in the destination folder (same file system, so the
final rename is atomic), are flushed to disk, and only then replace the target. Until that
rename an earlier note of the same name stays as it was. Temporary files are named
`.NAME.XXXX.briefmark-tmp` and locked while written; one left by a killed export (old and no
longer locked) is removed by the next write into that folder.

Only ordinary files are written: a folder, a device (/dev/null), a pipe, a dangling link, a
project and every file SQLite keeps beside a database (-wal, -shm, -journal) are refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from models.errors import ExportError

try:
    import fcntl
except ImportError:  # not POSIX: stale temporary files are then judged by age alone
    fcntl = None  # type: ignore[assignment]

TMP_SUFFIX = ".briefmark-tmp"
STALE_AFTER = 60.0  # seconds: an unlocked temporary file older than this is a leftover


def check_destination(out: Path) -> Path:
    """Fail early, before any work, with a message that says what to do.

    Returns the path to write: a symbolic link to an existing file is followed (the link
    stays a link); everything that is not an ordinary file or a new name is refused.
    """
    out = Path(out).expanduser()
    if out.name in ("", ".", ".."):
        raise ExportError(f"{out} is not a file name. Choose a file name.")
    out = _follow_link(out)
    try:
        st = out.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _explain(exc, out) from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ExportError(
            f"{out} is a folder. Choose a file name inside it.")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise ExportError(
            f"{out} is not an ordinary file (it is a device, pipe or socket); Briefmark "
            "will not replace it. Choose a file name.")
    _refuse_companion(out)
    folder = out.parent
    if not folder.exists():
        raise ExportError(
            f"The folder {folder} does not exist. Create it first or choose another folder.")
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder. Choose a folder to save it in.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(
            f"Cannot save in {folder}: you do not have permission to write there. "
            "Choose a folder of your own, such as Documents.")
    if _is_project(out):
        raise ExportError(
            f"{out.name} is a Briefmark project; writing over it would destroy it. "
            "Choose another file name.")
    return out


def _follow_link(out: Path) -> Path:
    if not out.is_symlink():
        return out
    try:
        return out.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ExportError(
            f"{out} is a symbolic link that leads nowhere (its target is missing or it loops); "
            "Briefmark will not replace it. Choose a file name.") from None


def _refuse_companion(out: Path) -> None:
    """`P.briefmark-wal` and the like hold a database's latest saved work: never write them."""
    from models import storage

    for suffix in storage.COMPANION_SUFFIXES:
        if out.name.endswith(suffix) and len(out.name) > len(suffix):
            base = out.with_name(out.name[: -len(suffix)])
            if os.path.lexists(base) or storage.is_open_here(base):
                raise ExportError(
                    f"{out.name} is a working file SQLite keeps beside {base.name}; writing "
                    f"it would destroy work saved in {base.name}. Choose another file name.")


def _is_project(path: Path) -> bool:
    """Whether `path` is a Briefmark project file (never opened raw while SQLite has it)."""
    from models import storage

    if not path.is_file():
        return False
    if storage.is_open_here(path):
        return True
    try:
        with path.open("rb") as fh:
            return storage.has_project_id(fh.read(100))
    except OSError:
        return False


def _umask() -> int:
    """The process umask without changing it (os.umask would race other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _explain(exc: OSError, out: Path) -> ExportError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(
            f"Cannot write {out}: permission denied. If the file is open in Word, close it; "
            "otherwise choose a folder you can write to. Nothing was changed.")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportError(
            f"Cannot write {out}: the disk is full. Free some space or choose another drive. "
            "Nothing was changed.")
    if exc.errno == errno.EISDIR:
        return ExportError(f"{out} is a folder. Choose a file name inside it.")
    return ExportError(f"Cannot write {out}: {exc.strerror or exc}. Nothing was changed.")


def write_atomically(out: Path, write: Callable[[IO[bytes]], None], *,
                     before_replace: Callable[[], None] | None = None) -> None:
    """Call `write` with a binary file, then put that file in place of `out` in one step.

    `before_replace` runs after the bytes are on disk and may raise (e.g. a cancel) to
    abandon the new file. Any exception removes the temporary file and leaves `out` alone.
    """
    remove_stale_temporaries(out.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.",
                                        suffix=TMP_SUFFIX)
    except OSError as exc:
        raise _explain(exc, out) from exc
    tmp = Path(tmp_name)
    sink: _Sink | None = None
    try:
        with os.fdopen(fd, "wb") as f:
            if fcntl is not None:  # says "being written" to remove_stale_temporaries
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            sink = _Sink(f)
            write(sink)  # type: ignore[arg-type]
            f.flush()
            os.fsync(f.fileno())
        try:  # the mode a plainly created file would get, not mkstemp's private 0600
            mode = stat.S_IMODE(out.stat().st_mode)
        except OSError:
            mode = 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, out)
    except OSError as exc:
        _abandon(sink, tmp)
        raise _explain(exc, out) from exc
    except BaseException:
        _abandon(sink, tmp)
        raise
    _sync_folder(out.parent)


class _Sink:
    """The temporary file as `write` sees it. Once abandoned it swallows what a half-done
    writer still sends (zipfile's __del__ writes its directory at garbage collection, into a
    file already closed, and would print a traceback on stderr)."""

    def __init__(self, f: IO[bytes]) -> None:
        self._f = f
        self._pos = 0  # kept by arithmetic, so that an abandoned sink still answers tell()
        self.live = True

    def write(self, data: bytes) -> int:
        n = self._f.write(data) if self.live else len(data)
        self._pos += n
        return n

    def seek(self, offset: int, whence: int = 0) -> int:
        if self.live:
            self._pos = self._f.seek(offset, whence)
        elif whence == 0:
            self._pos = offset
        elif whence == 1:
            self._pos += offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        if self.live:
            self._f.flush()

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """The caller's: the file is closed by write_atomically."""


def _abandon(sink: _Sink | None, tmp: Path) -> None:
    if sink is not None:
        sink.live = False
    tmp.unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove temporary files a killed export left in `folder`: ours by name, older than
    `older_than` seconds and not locked by a live writer. Returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < older_than:
                continue
            if _locked(Path(entry.path)):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _locked(path: Path) -> bool:
    if fcntl is None:
        return False
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also releases our probe lock
    return False


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes_atomic(out: Path, data: bytes) -> Path:
    """Check the destination, then write `data` to it atomically."""
    out = check_destination(out)
    write_atomically(out, lambda f: f.write(data))
    return out
