"""Workspace speed on a 1 MB article with 5,000 annotations (20 % overlapping), offscreen.

    uv run python bench/bench_ui.py

Prints a Markdown table; the numbers go in docs/benchmarks.md.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLD_START = """
import time, sys, os
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
os.environ["BRIEFMARK_DATA_DIR"] = {data!r}
from PySide6.QtCore import QTimer, QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {data!r})
from ui.app import run
w = run([{project!r}], exec_loop=False)
from PySide6.QtWidgets import QApplication
w.reader.viewport().repaint()
QApplication.processEvents()
print(time.perf_counter() - t0)
"""


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from bench.workload import build_project
    from ui.app import make_app
    from ui.main_window import MainWindow

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project, article_id = build_project(folder / "bench.briefmark")
        text = project.articles.get(article_id).text
        n_ann = len(project.annotations.list(article_id=article_id))
        project.close()
        # A small second article so that opening the big one is a real switch.
        from models.project import Project
        from models.values import ArticleMeta

        with Project.open(folder / "bench.briefmark") as p:
            small = p.articles.add("A short article.\n\nWith two paragraphs.",
                                   ArticleMeta(title="Small")).id

        # Cold start: a fresh process to a painted window on this project.
        cold = []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, "-c", COLD_START.format(root=str(ROOT), data=str(folder),
                                                          project=str(folder / "small.briefmark"))],
                capture_output=True, text=True, env=dict(os.environ))
            cold.append(float(out.stdout.strip().splitlines()[-1]))
        rows.append(("cold start to a usable window (new process)", median_ms(cold),
                     "target < 1.5 s"))

        app = make_app()
        settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        window.open_project(folder / "bench.briefmark")
        reader = window.reader

        opens = []
        for _ in range(7):
            window.open_article(small)
            app.processEvents()
            t = time.perf_counter()
            window.open_article(article_id)
            reader.viewport().repaint()
            app.processEvents()
            opens.append(time.perf_counter() - t)
        highlighted = sum(len(v) for v in reader.highlighter.index.by_block.values())
        rows.append((f"open 1 MB article with {n_ann:,} annotations, painted",
                     median_ms(opens), "target < 300 ms"))

        def timed(action) -> float:  # noqa: ANN001
            t = time.perf_counter()
            action()
            reader.viewport().repaint()
            app.processEvents()
            return time.perf_counter() - t

        tags, deletes, undos, redos = [], [], [], []
        stack = window.session.undo_stack
        for i in range(30):
            start = 1000 + i * 30_000
            while text[start].isspace():
                start += 1
            reader.select_span(start, start + 25)
            tags.append(timed(lambda: window.tag("quote")))
            undos.append(timed(stack.undo))
            redos.append(timed(stack.redo))
            deletes.append(timed(window.delete_current))
        rows.append(("tag one span (write + repaint)", median_ms(tags), "target < 16 ms"))
        rows.append(("delete one annotation", median_ms(deletes), "target < 16 ms"))
        rows.append(("undo", median_ms(undos), "target < 16 ms"))
        rows.append(("redo", median_ms(redos), "target < 16 ms"))

        keys = []
        for word in ("fox", "ailes", "said"):
            for n in range(1, len(word) + 1):
                t = time.perf_counter()
                window.panel.search.setText(word[:n])
                app.processEvents()
                keys.append(time.perf_counter() - t)
            window.panel.search.clear()
        rows.append(("annotation filter, per keystroke", median_ms(keys),
                     f"max {max(keys) * 1000:.1f} ms; target < 50 ms"))
        lib = []
        for n in range(1, 6):
            t = time.perf_counter()
            window.library.filter.setText("bench"[:n])
            app.processEvents()
            lib.append(time.perf_counter() - t)
        rows.append(("library filter, per keystroke", median_ms(lib), ""))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(("peak memory (this process, whole run)", f"{peak:.0f} MB",
                     "target < 300 MB"))
        window.close()
        QApplication.processEvents()

    print(f"Workload: {len(text):,} characters, {n_ann:,} annotations, "
          f"{highlighted:,} paragraph-span entries highlighted")
    print()
    print("| measure | median | notes |")
    print("|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")


if __name__ == "__main__":
    main()
