"""The core is the whole product without a screen: it must never import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import REPO


def test_models_source_never_imports_qt() -> None:
    for path in (REPO / "models").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("PySide6", "PyQt", "ui", "shiboken")), (path, name)


def test_importing_every_core_module_loads_no_qt() -> None:
    code = (
        "import pkgutil, importlib, sys, models\n"
        "for m in pkgutil.walk_packages(models.__path__, 'models.'):\n"
        "    if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "import cli\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
