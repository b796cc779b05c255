"""The W3C Web Annotation export, graded by the W3C annotation-model test assertions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from models.project import Project
from models.sample import add_sample
from models.values import ArticleMeta
from models.web_annotation import export_web_annotations
from tests.conftest import SHARED

CHECK = SHARED / "reference" / "w3c-annotation-tests" / "check.py"


def make(project: Project) -> None:
    add_sample(project)
    art = project.articles.add("Fans 🎉 cheered: “we won,” said Lía.", ArticleMeta(title="e"))
    start = art.text.index("we won")
    project.annotations.tag_span(article_id=art.id, kind="quote", start=start, end=start + 6,
                                 speaker="Lía", tags=["sport"], note="short")


def test_selectors_point_at_the_text(project: Project) -> None:
    make(project)
    data = export_web_annotations(project)
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(project.annotations.list())
    texts = {a.uuid: project.articles.get(a.article_id).text for a in project.annotations.list()}
    for item in items:
        position, quote = item["target"]["selector"]
        text = texts[item["id"].removeprefix("urn:uuid:")]
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert item["body"][0]["purpose"] == "classifying"


def test_passes_the_w3c_must_assertions(project: Project, tmp_path: Path) -> None:
    if not CHECK.exists():
        pytest.skip("../shared/reference is not present")
    pytest.importorskip("jsonschema")
    make(project)
    out = tmp_path / "w3c.json"
    out.write_text(json.dumps(export_web_annotations(project), ensure_ascii=False),
                   encoding="utf-8")
    result = subprocess.run([sys.executable, str(CHECK), str(out)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 failures" in result.stdout
