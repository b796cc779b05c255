"""Shared test set-up: offscreen Qt, a private data folder, the shared corpus when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFMARK_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def project(tmp_path: Path):
    from models.project import Project

    with Project.open(tmp_path / "test.briefmark", create=True) as p:
        yield p
