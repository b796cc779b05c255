"""Take docs/screenshot.png: the real app on the sample project, in a real X window.

    xvfb-run -s "-screen 0 1480x900x24" uv run python docs/screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="briefmark-shot-"))
    os.environ["BRIEFMARK_DATA_DIR"] = str(data)
    os.environ.setdefault("BRIEFMARK_ANNOTATOR", "Dana Levi")  # the name notes are signed with
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data))
    from ui.app import run

    window = run([], exec_loop=False)
    app = QApplication.instance()
    window.setGeometry(0, 0, 1480, 900)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"

    def pose() -> None:
        quote = next(a for a in window.panel.model.rows if a.text.startswith("Nobody in"))
        window.select_annotation(quote.id)
        window.reader.verticalScrollBar().setValue(0)

    def shoot() -> None:
        app.processEvents()
        shot = app.primaryScreen().grabWindow(0, 0, 0, 1480, 900)
        shot.save(str(out))
        print(f"wrote {out}")
        app.quit()

    QTimer.singleShot(400, pose)
    QTimer.singleShot(1200, shoot)
    app.exec()


if __name__ == "__main__":
    main()
