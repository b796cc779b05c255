"""Who signs the annotations the command line makes: --annotator, then BRIEFMARK_ANNOTATOR."""

from __future__ import annotations

from pathlib import Path

import pytest

import main as entry
from models.project import Project

TEXT = ("Storm hits coast\n\n“The harbour is closed until Friday,” said Mayor Ann Lee "
        "on Tuesday.")


def accept_all(tmp_path: Path, *args: str) -> list[str]:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    project = tmp_path / "p.briefmark"
    assert entry.main([*args[:2], "import", str(project), str(tmp_path / "a.txt")]
                      if args[:1] == ("--annotator",) else
                      ["import", str(project), str(tmp_path / "a.txt"), *args]) == 0
    assert entry.main(["suggest", str(project), "--accept", *args]
                      if args[:1] != ("--annotator",) else
                      [*args[:2], "suggest", str(project), "--accept"]) == 0
    with Project.open(project) as p:
        return sorted({a.annotator for a in p.annotations.list()})


def test_global_annotator_option_signs_new_annotations(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFMARK_ANNOTATOR", "Env Name")
    assert accept_all(tmp_path, "--annotator", "Marta Kovač") == ["Marta Kovač"]


def test_annotator_option_after_the_command(tmp_path: Path) -> None:
    assert accept_all(tmp_path, "--annotator=Ann  Other") == ["Ann Other"]


def test_environment_names_the_annotator(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFMARK_ANNOTATOR", "Env Name")
    assert accept_all(tmp_path) == ["Env Name"]
