"""Guards for the Qt runtime itself."""

from __future__ import annotations

import os
import subprocess
import sys


def test_many_void_qt_calls_do_not_crash() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void method call
    and aborts after a few thousand; pyproject.toml pins around it. This would catch it."""
    code = (
        "from PySide6.QtCore import QPoint\n"
        "from PySide6.QtGui import QGuiApplication, QTextCursor, QTextDocument\n"
        "app = QGuiApplication([])\n"
        "p = QPoint()\n"
        "doc = QTextDocument('x' * 100)\n"
        "c = QTextCursor(doc)\n"
        "for i in range(20000):\n"
        "    p.setX(i)\n"
        "    c.setPosition(i % 100)\n"
        "print('ok')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


def test_app_starts_on_the_default_project_with_the_sample(qtbot, tmp_path,  # noqa: ANN001
                                                           monkeypatch) -> None:
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("BRIEFMARK_DATA_DIR", str(tmp_path / "data"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    from ui.app import run

    window = run([], exec_loop=False)
    qtbot.addWidget(window)
    assert (tmp_path / "data" / "My articles.briefmark").exists()
    assert window.article is not None and window.article.title.startswith("Harbour city")
    assert len(window.panel.model.rows) >= 12
    kinds = {a.kind for a in window.panel.model.rows}
    assert kinds == {"claim", "quote", "event"}
    window.close()


def test_unexpected_error_is_logged_and_shown(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setenv("BRIEFMARK_DATA_DIR", str(tmp_path))
    from ui import errors

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.detailedText()))
    errors.setup_logging()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        errors._hook(type(exc), exc, exc.__traceback__)
    assert shown and "boom in a slot" in shown[0]
    log = (tmp_path / "briefmark.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in log


def test_the_app_has_its_icon(qtbot) -> None:  # noqa: ANN001
    from ui.app import RESOURCES, make_app

    app = make_app()
    assert (RESOURCES / "briefmark.svg").is_file()
    assert not app.windowIcon().pixmap(32, 32).isNull()  # the SVG renders
