"""Where Briefmark keeps its files on this computer."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Briefmark"


def data_dir() -> Path:
    """The user data folder (BRIEFMARK_DATA_DIR overrides it, for tests and portable use)."""
    override = os.environ.get("BRIEFMARK_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_project_path() -> Path:
    return data_dir() / "My articles.briefmark"


def ensure_default_project() -> Path:
    """Create the default project with the sample article on first run."""
    from models.project import Project
    from models.sample import add_sample

    path = default_project_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with Project.open(path, create=True) as project:
            add_sample(project)
    return path
