"""The annotator is the user's name, not the project's, and signs new annotations."""

from __future__ import annotations

import os
import pwd
import sqlite3
from pathlib import Path

import pytest

from models import identity
from models.project import Project
from models.values import ArticleMeta


def test_environment_variable_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFMARK_ANNOTATOR", "  Marta   Kovač ")
    assert identity.default_annotator() == "Marta Kovač"


def test_full_name_before_login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFMARK_ANNOTATOR", raising=False)
    gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    expected = gecos or identity._login_name() or "Researcher"
    assert identity.default_annotator() == " ".join(expected.split())


def test_fallbacks_end_at_researcher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFMARK_ANNOTATOR", raising=False)
    monkeypatch.setattr(identity, "_full_name", lambda: "")
    monkeypatch.setattr(identity, "_login_name", lambda: "")
    assert identity.default_annotator() == "Researcher"


def test_initials() -> None:
    assert identity.initials("Marta Kovač") == "MK"
    assert identity.initials("ada") == "A"


def test_project_signs_with_the_users_name_and_stores_none(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFMARK_ANNOTATOR", "From Env")
    path = tmp_path / "p.briefmark"
    with Project.open(path, create=True, annotator="Ann Other") as p:
        art = p.articles.add("Some article text here.", ArticleMeta()).id
        a = p.annotations.tag_span(article_id=art, kind="quote", start=0, end=4)
        assert a.annotator == "Ann Other"
        p.annotator = "Second Person"  # a plain attribute: Preferences may change it
        b = p.annotations.tag_span(article_id=art, kind="quote", start=5, end=12)
        assert b.annotator == "Second Person"
    with Project.open(path) as p:  # another user opening the same file signs as themself
        assert p.annotator == "From Env"
    con = sqlite3.connect(path)
    try:
        stored = con.execute("SELECT count(*) FROM setting WHERE key = 'annotator'").fetchone()
        assert stored == (0,)
        assert [r[0] for r in con.execute("SELECT annotator FROM annotation ORDER BY id")] == [
            "Ann Other", "Second Person"]
    finally:
        con.close()
