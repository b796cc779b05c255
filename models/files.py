"""Writing output files so that a failure never leaves half a file or spoils a good one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from models.errors import ExportError


def check_writable_target(path: Path) -> None:
    """Raise ExportError with advice when `path` cannot be written."""
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"{path} is a folder; choose a file name inside it.")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path.name}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise ExportError(
            f"Cannot write to {folder} (permission denied); choose another folder."
        )


def write_atomic(path: Path, produce: Callable[[Path], None]) -> Path:
    """Have `produce` write a temporary file beside `path`, then move it into place.

    If `produce` raises, the temporary file is removed and an existing `path` is untouched.
    """
    path = Path(path)
    check_writable_target(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        produce(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(
            f"Cannot write {path.name}: {exc.strerror or exc}. If it is open in another "
            "program, close it there and try again."
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))
