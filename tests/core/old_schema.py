"""Make a file of an older schema from a project, as an older Briefmark left it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from models.storage import MIGRATIONS


def copy_at_revision(source: Path, target: Path, revision: str) -> None:
    """A whole copy of `source` (its WAL's committed pages included), downgraded by the
    project's own migrations to `revision`."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    engine = create_engine(f"sqlite:///{target}")
    with engine.begin() as connection:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)
    engine.dispose()
